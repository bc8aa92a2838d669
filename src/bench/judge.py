#!/usr/bin/python3
"""An independent realism judge: a two-sample classifier test written in PyTorch, apart from the project's own.

    /usr/bin/python3 src/bench/judge.py REAL.h5 OTHER.h5 [OTHER2.h5 ...] [--n 1000] [--runs 3] [--epochs 12]
                                        [--equalize] [--blur SIGMA]

For each OTHER file it trains a small CNN (not the project's network, loss or schedule) to tell n images of REAL
from n images of OTHER on one half of each, and reports its accuracy on the other half, as the mean and range over
--runs random splits and initialisations (seeds 0, 1, ...). 0.5 means the two sets cannot be told apart. A first
row, "real vs real", splits REAL's images in two disjoint sets and is the judge's floor. Reads both public HDF5
layouts (group "image" with one dataset per image, or one 3-D dataset "image"). Needs Debian's python3-torch and
python3-h5py. --equalize histogram-equalises each OTHER image first (as the real crops are); --blur SIGMA blurs every
image of both sets with a Gaussian of SIGMA pixels, which removes fine texture and leaves shapes: a judge of shape
alone.
"""
import argparse
import os
import sys

import h5py
import numpy as np
import torch
import torch.nn as nn


def load(path):
    with h5py.File(path, "r") as f:
        node = f["image"]
        if isinstance(node, h5py.Dataset):
            images = node[()]
        else:
            images = np.stack([node[k][()] for k in sorted(node.keys())])
    images = images.astype(np.float32)
    if images.ndim != 3:
        sys.exit(f"{path}: expected grayscale images (n, h, w), got shape {images.shape}")
    if images.max() <= 1.0:
        images = images * 255.0
    return images / 127.5 - 1.0


def equalize(images):
    """Histogram equalisation of each 8-bit image (the cumulative-histogram mapping); images in [-1, 1]."""
    out = np.empty_like(images)
    for i, im in enumerate(np.rint((images + 1.0) * 127.5).astype(np.uint8)):
        c = np.cumsum(np.bincount(im.ravel(), minlength=256))
        lo = c[c > 0][0]
        lut = np.rint(np.maximum(0, c - lo) * 255.0 / max(1, im.size - lo))
        out[i] = lut[im] / 127.5 - 1.0
    return out


def blur(images, sigma):
    """Separable Gaussian blur with edge padding."""
    r = int(3 * sigma) + 1
    k = np.exp(-0.5 * (np.arange(-r, r + 1) / sigma) ** 2)
    k /= k.sum()
    p = np.pad(images, ((0, 0), (r, r), (r, r)), mode="edge")
    p = np.apply_along_axis(lambda v: np.convolve(v, k, "valid"), 2, p)
    p = np.apply_along_axis(lambda v: np.convolve(v, k, "valid"), 1, p)
    return p.astype(np.float32)


def judge_net(h, w):
    return nn.Sequential(
        nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.LeakyReLU(0.2), nn.MaxPool2d(2),
        nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.LeakyReLU(0.2), nn.MaxPool2d(2),
        nn.Conv2d(64, 128, 3, padding=1), nn.BatchNorm2d(128), nn.LeakyReLU(0.2),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.3), nn.Linear(128, 1))


def accuracy(a, b, n, seed, epochs):
    rng = np.random.default_rng(seed)
    torch.manual_seed(seed)
    a = a[rng.choice(len(a), n, replace=False)]
    b = b[rng.choice(len(b), n, replace=False)]
    half = n // 2
    x_train = np.concatenate([a[:half], b[:half]])
    y_train = np.concatenate([np.zeros(half), np.ones(half)]).astype(np.float32)
    x_test = np.concatenate([a[half:], b[half:]])
    y_test = np.concatenate([np.zeros(n - half), np.ones(n - half)]).astype(np.float32)
    net = judge_net(*a.shape[1:])
    opt = torch.optim.Adam(net.parameters(), lr=1e-3, weight_decay=1e-4)
    loss_fn = nn.BCEWithLogitsLoss()
    xt = torch.from_numpy(x_train).unsqueeze(1)
    yt = torch.from_numpy(y_train)
    for _ in range(epochs):
        net.train()
        order = torch.from_numpy(rng.permutation(len(xt)))
        for i in range(0, len(xt), 64):
            idx = order[i:i + 64]
            batch = xt[idx]
            flip = torch.from_numpy(rng.random(len(idx)) < 0.5)
            batch = torch.where(flip[:, None, None, None], batch.flip(3), batch)
            opt.zero_grad()
            loss_fn(net(batch).squeeze(1), yt[idx]).backward()
            opt.step()
    # Batch norm's running statistics (an exponential average of the last batches) drift far enough from one epoch
    # to the next that the test logits shift as a whole and every image lands on one side of 0 (accuracy exactly
    # 0.5 with a near-zero training loss): recompute them over all training images before testing.
    for m in net.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.reset_running_stats()
            m.momentum = None  # cumulative average
    net.train()
    with torch.no_grad():
        for i in range(0, len(xt), 64):
            net(xt[i:i + 64])
    net.eval()
    with torch.no_grad():
        logits = net(torch.from_numpy(x_test).unsqueeze(1)).squeeze(1).numpy()
    return float(np.mean((logits > 0) == (y_test > 0.5)))


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("real")
    p.add_argument("others", nargs="+")
    p.add_argument("--n", type=int, default=1000, help="images per set (half to train, half to test)")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--epochs", type=int, default=12)
    p.add_argument("--threads", type=int, default=0, help="torch threads (0 = torch's default)")
    p.add_argument("--equalize", action="store_true", help="histogram-equalise the OTHER images first")
    p.add_argument("--blur", type=float, default=0, help="blur both sets (Gaussian sigma in pixels): shapes only")
    args = p.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    for path in [args.real] + args.others:
        if not os.path.isfile(path):
            sys.exit(f"no file {path}: give HDF5 files of 8-bit eye images")
    real = load(args.real)
    if args.blur > 0:
        real = blur(real, args.blur)
    rows = []
    perm = np.random.default_rng(12345).permutation(len(real))
    split = len(real) // 2
    if split >= args.n:
        rows.append(("real vs real", real[perm[:split]], real[perm[split:]]))
    else:
        print(f"real vs real: skipped ({len(real)} real images, needs {2 * args.n})")
    for path in args.others:
        other = load(path)
        if args.equalize:
            other = equalize(other)
        if args.blur > 0:
            other = blur(other, args.blur)
        rows.append((path, real, other))
    for name, a, b in rows:
        n = min(args.n, len(a), len(b))
        accs = [accuracy(a, b, n, seed, args.epochs) for seed in range(args.runs)]
        print(f"JUDGE {name}: accuracy {np.mean(accs):.3f} (runs {min(accs):.3f}-{max(accs):.3f}, n={n} a set)", flush=True)


if __name__ == "__main__":
    main()
