#!/usr/bin/python3
"""A quick PyTorch probe of SimGAN recipes beyond the engine's, for #10: try a refiner or discriminator design in
minutes before building it into the engine (the product trains only in the engine, on ONNX Runtime).

    /usr/bin/python3 src/bench/refiner_probe.py SYNTHETIC.h5 FRESH.h5 REAL.h5 OUT [--refiner resnet|unet]
        [--disc local|global|both] [--disc-width 0.5] [--lam 0.1] [--reg l2|l1] [--reg-pool 1] [--iters 600] ...

SYNTHETIC.h5 and FRESH.h5 are `render` outputs (training and evaluation renders, with look_vec), REAL.h5 the real
crops. The defaults follow the engine's recommended preset (equalised input, reflect-padded ResNet refiner of width
32 with 4 blocks, half-width local discriminator with valid patches at learning rate 0.0002, least squares, flips
and 2-pixel shifts, kG 2, history buffer of 3,200, L2 self-regularisation at lambda 0.1, 300 + 100 pre-training
steps and 600 iterations). Variants: --refiner unet (two stride-2 levels, blocks at 9x14, nearest upsampling and skip
connections: a receptive field over the whole eye), --disc global/both (a whole-image discriminator: strided
convolutions and a dense layer, as the judges are; both = its loss added to the local one's), --reg-pool K (the
self-regularisation compares KxK block means, leaving finer changes free), --reg-blur S (it compares the images
after a Gaussian blur of S pixels, as the engine's regularization-blur), --iris-lam L --iris-params SYN.csv (a
second, pixel-by-pixel squared term of weight L over a disc on each training image's iris, from `render --params`
rows of the synthetic set: the part that carries the gaze label held while the rest is cheap), --gaze-lam G (a gaze regressor trained
on the equalised training renders and frozen must read the same gaze from R(x) as from x: squared difference of
the unit vectors at weight G), --r1 G (an R1 penalty: the discriminators' squared gradient on real images at
weight G/2), --spectral (spectral normalisation of every discriminator layer), --eval-every N (evaluate's test on
the refined fresh renders every N iterations, to follow a long run). Prints and writes to OUT/result.json:
evaluate's two-sample test re-implemented (its CNN, 300 Adam steps, 30% held out, 3 runs) on the equalised fresh
renders and on their refined versions against REAL, how much the refiner changes (grey levels a pixel), and the
label cost of a small gaze regressor trained on 1,400 equalised fresh renders and tested on the other 600 and on
their refined versions; OUT/montage.png shows equalised renders, refined and real eyes, and OUT/refined.h5 holds
the refined fresh renders (8-bit, with their look vectors) for `judge.py`.
"""
import argparse
import json
import os
import sys
import time

import h5py
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import judge  # noqa: E402  (the HDF5 reader and the histogram equalisation)

H, W = 35, 55


def images(path):
    """judge.py's reader, as a tensor [N, 1, H, W] in [-1, 1]."""
    return torch.from_numpy(judge.load(path)).unsqueeze(1)


def equalized(path):
    """The images equalised as judge.py does (the engine's cumulative-histogram mapping), with their look vectors."""
    with h5py.File(path, "r") as f:
        look = torch.from_numpy(f["look_vec"][()].astype(np.float32))
    return torch.from_numpy(judge.equalize(judge.load(path))).unsqueeze(1), look


class C2stNet(nn.Module):
    """evaluate's two-sample classifier: three 3x3 stride-2 convolutions (8, 16, 16), dense 32, 2 logits."""

    def __init__(self):
        super().__init__()
        self.c = nn.Sequential(nn.Conv2d(1, 8, 3, 2, 1), nn.ReLU(), nn.Conv2d(8, 16, 3, 2, 1), nn.ReLU(),
                               nn.Conv2d(16, 16, 3, 2, 1), nn.ReLU(), nn.Flatten(), nn.Linear(16 * 5 * 7, 32), nn.ReLU(),
                               nn.Linear(32, 2))

    def forward(self, x):
        return self.c(x)


def c2st(real, cand, runs=3, steps=300, batch=32, held=0.3, seed=1):
    accs = []
    for r in range(runs):
        g = torch.Generator().manual_seed(seed + r)
        torch.manual_seed(seed + r)
        a = real[torch.randperm(len(real), generator=g)[:2000]]
        b = cand[torch.randperm(len(cand), generator=g)[:2000]]
        na, nb = int(len(a) * held), int(len(b) * held)
        m = C2stNet()
        opt = torch.optim.Adam(m.parameters(), 1e-3)
        for _ in range(steps):
            ia = torch.randint(na, len(a), (batch // 2,), generator=g)
            ib = torch.randint(nb, len(b), (batch // 2,), generator=g)
            y = torch.cat([torch.zeros(batch // 2), torch.ones(batch // 2)]).long()
            loss = F.cross_entropy(m(torch.cat([a[ia], b[ib]])), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
        with torch.no_grad():
            correct = (m(a[:na]).argmax(1) == 0).sum() + (m(b[:nb]).argmax(1) == 1).sum()
        accs.append(correct.item() / (na + nb))
    return float(np.mean(accs))


class GazeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.c = nn.Sequential(nn.Conv2d(1, 16, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(16, 32, 3, 1, 1), nn.ReLU(),
                               nn.MaxPool2d(2), nn.Conv2d(32, 64, 3, 1, 1), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                               nn.Linear(64 * 4 * 6, 64), nn.ReLU(), nn.Linear(64, 3))

    def forward(self, x):
        return F.normalize(self.c(x), dim=1)


def angle_deg(a, b):
    return torch.rad2deg(torch.acos((F.normalize(a, dim=1) * F.normalize(b, dim=1)).sum(1).clamp(-1, 1)))


def train_gaze(x, y, seed, steps, n=None):
    """A GazeNet trained on the first n images of x (all by default) against the look vectors y."""
    torch.manual_seed(seed)
    g = torch.Generator().manual_seed(seed)
    m = GazeNet()
    opt = torch.optim.Adam(m.parameters(), 1e-3)
    n = len(x) if n is None else n
    for _ in range(steps):
        i = torch.randint(0, n, (64,), generator=g)
        loss = (m(x[i]) - F.normalize(y[i], dim=1)).pow(2).sum(1).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    return m


def label_cost(x, ref, y, steps=1500):
    n = 1400
    m = train_gaze(x, y, 100, steps, n)
    with torch.no_grad():
        return angle_deg(m(x[n:]), y[n:]).mean().item(), angle_deg(m(ref[n:]), y[n:]).mean().item()


def gaze_teacher(x, y, seed, steps=2000):
    """A gaze regressor trained on the equalised synthetic training renders and frozen, for --gaze-lam: the same
    network as label_cost's, another seed and image set (label_cost measures on the fresh renders)."""
    m = train_gaze(x, y, seed + 500, steps)
    m.eval()
    for p in m.parameters():
        p.requires_grad_(False)
    return m


def iris_masks(csv_path, margin):
    """Soft discs over each image's iris, from `render --params` rows: centre at the pupil, radius the iris radius
    in pixels (its mm times the corner framing's pixels per mm, foreshortening ignored) plus margin pixels."""
    import csv
    rows = list(csv.DictReader(open(csv_path)))
    v, u = torch.meshgrid(torch.arange(H, dtype=torch.float32), torch.arange(W, dtype=torch.float32), indexing="ij")
    out = torch.empty(len(rows), 1, H, W)
    for k, r in enumerate(rows):
        span = 2 * float(r["eyeHalfWidth"]) * np.cos(np.radians(float(r["headYawDeg"])))
        s = 0.95 * W / span / float(r["cameraDistance"])
        rad = float(r["irisRadius"]) * s + margin
        d = torch.sqrt((u - float(r["pupil_x"])) ** 2 + (v - float(r["pupil_y"])) ** 2)
        out[k, 0] = (rad + 0.5 - d).clamp(0, 1)
    return out


def rpad(x, k):
    return F.pad(x, (k, k, k, k), mode="reflect")


class ResNetRefiner(nn.Module):
    """The engine's refiner with reflect padding: the input mirrored once, unpadded convolutions, cropped shortcuts."""

    def __init__(self, f, blocks):
        super().__init__()
        self.head = nn.Conv2d(1, f, 3)
        self.blocks = nn.ModuleList(nn.ModuleList([nn.Conv2d(f, f, 3), nn.Conv2d(f, f, 3)]) for _ in range(blocks))
        self.tail = nn.Conv2d(f, 1, 1)
        self.reach = 1 + 2 * blocks

    def forward(self, x):
        h = F.relu(self.head(rpad(x, self.reach)))
        for a, b in self.blocks:
            h = F.relu(b(F.relu(a(h))) + h[:, :, 2:-2, 2:-2])
        return torch.tanh(self.tail(h))


class UNetRefiner(nn.Module):
    def __init__(self, f, blocks):
        super().__init__()
        conv = lambda i, o, s=1: nn.Conv2d(i, o, 3, s, 1, padding_mode="reflect")
        self.e0, self.e1, self.e2 = conv(1, f), conv(f, 2 * f, 2), conv(2 * f, 4 * f, 2)
        self.mid = nn.ModuleList(nn.ModuleList([conv(4 * f, 4 * f), conv(4 * f, 4 * f)]) for _ in range(blocks))
        self.d2, self.d1 = conv(6 * f, 2 * f), conv(3 * f, f)
        self.tail = nn.Conv2d(f, 1, 1)

    def forward(self, x):
        h0 = F.relu(self.e0(x))
        h1 = F.relu(self.e1(h0))
        h = F.relu(self.e2(h1))
        for a, b in self.mid:
            h = F.relu(b(F.relu(a(h))) + h)
        h = F.relu(self.d2(torch.cat([F.interpolate(h, size=h1.shape[2:]), h1], 1)))
        h = F.relu(self.d1(torch.cat([F.interpolate(h, size=h0.shape[2:]), h0], 1)))
        return torch.tanh(self.tail(h))


class LocalDisc(nn.Module):
    """The paper's discriminator with valid patches, widths scaled: one score per 23x23 patch (4x9 of them)."""

    def __init__(self, w):
        super().__init__()
        c = [max(1, round(k * w)) for k in (96, 64, 32, 32)]
        self.net = nn.Sequential(nn.Conv2d(1, c[0], 3, 2), nn.ReLU(), nn.Conv2d(c[0], c[1], 3, 2), nn.ReLU(),
                                 nn.MaxPool2d(3, 1), nn.Conv2d(c[1], c[2], 3), nn.ReLU(), nn.Conv2d(c[2], c[3], 1), nn.ReLU(),
                                 nn.Conv2d(c[3], 1, 1), nn.Flatten())

    def forward(self, x):
        return self.net(x)


class GlobalDisc(nn.Module):
    """A whole-image discriminator: three stride-2 convolutions and a dense layer, one score per image."""

    def __init__(self, w):
        super().__init__()
        c = [max(1, round(k * w)) for k in (64, 128, 128)]
        self.net = nn.Sequential(nn.Conv2d(1, c[0], 3, 2, 1), nn.LeakyReLU(0.2), nn.Conv2d(c[0], c[1], 3, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(c[1], c[2], 3, 2, 1), nn.LeakyReLU(0.2), nn.Flatten(),
                                 nn.Linear(c[2] * 5 * 7, c[2]), nn.LeakyReLU(0.2), nn.Linear(c[2], 1))

    def forward(self, x):
        return self.net(x)


def main():
    ap = argparse.ArgumentParser()
    for name in ("synthetic", "fresh", "real", "out"):
        ap.add_argument(name)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--refiner", choices=["resnet", "unet"], default="resnet")
    ap.add_argument("--features", type=int, default=32)
    ap.add_argument("--blocks", type=int, default=4)
    ap.add_argument("--disc", choices=["local", "global", "both"], default="local")
    ap.add_argument("--disc-width", type=float, default=0.5)
    ap.add_argument("--disc-lr", type=float, default=2e-4)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--lam", type=float, default=0.1)
    ap.add_argument("--reg", choices=["l1", "l2"], default="l2")
    ap.add_argument("--reg-pool", type=int, default=1)
    ap.add_argument("--reg-blur", type=float, default=0.0)
    ap.add_argument("--iris-lam", type=float, default=0.0)
    ap.add_argument("--iris-params")
    ap.add_argument("--iris-margin", type=float, default=1.5)
    ap.add_argument("--gaze-lam", type=float, default=0.0)
    ap.add_argument("--r1", type=float, default=0.0)
    ap.add_argument("--spectral", action="store_true")
    ap.add_argument("--eval-every", type=int, default=0)
    ap.add_argument("--refiner-pretrain", type=int, default=300)
    ap.add_argument("--disc-pretrain", type=int, default=100)
    ap.add_argument("--iters", type=int, default=600)
    ap.add_argument("--kg", type=int, default=2)
    ap.add_argument("--history", type=int, default=3200)
    ap.add_argument("--shift", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    if a.iris_lam > 0 and not a.iris_params:
        ap.error("--iris-lam needs --iris-params SYN.csv (the synthetic set's `render --params` rows)")
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    g = torch.Generator().manual_seed(a.seed)
    os.makedirs(a.out, exist_ok=True)
    syn, syn_y = equalized(a.synthetic)
    iris = iris_masks(a.iris_params, a.iris_margin) if a.iris_lam > 0 else None
    if iris is not None and len(iris) != len(syn):
        sys.exit(f"{a.iris_params}: {len(iris)} rows for {len(syn)} synthetic images")
    fresh, fresh_y = equalized(a.fresh)
    real = images(a.real)
    batch = 32

    refiner = (ResNetRefiner if a.refiner == "resnet" else UNetRefiner)(a.features, a.blocks)
    discs = nn.ModuleList(([LocalDisc(a.disc_width)] if a.disc != "global" else [])
                          + ([GlobalDisc(a.disc_width)] if a.disc != "local" else []))
    opt_r = torch.optim.Adam(refiner.parameters(), a.lr, betas=(0.5, 0.999))
    if a.spectral:  # every convolution and dense layer of the discriminators with spectral normalisation
        for d in discs:
            for name, mod in list(d.net.named_children()):
                if isinstance(mod, (nn.Conv2d, nn.Linear)):
                    setattr(d.net, name, nn.utils.spectral_norm(mod))
    opt_d = torch.optim.Adam(discs.parameters(), a.disc_lr, betas=(0.5, 0.999))

    def sample(pool, n=batch, with_iris=False):
        i = torch.randint(0, len(pool), (n,), generator=g)
        return (pool[i], iris[i] if iris is not None else None) if with_iris else pool[i]

    def augment(x):
        flip = torch.rand(x.shape[0], generator=g) < 0.5
        x = torch.where(flip[:, None, None, None], x.flip(3), x)
        if a.shift:
            k = a.shift
            dy, dx = torch.randint(0, 2 * k + 1, (2,), generator=g).tolist()
            x = F.pad(x, (k, k, k, k), mode="replicate")[:, :, dy:dy + H, dx:dx + W]
        return x

    def ls(x, target):
        return sum(((d(x) - target) ** 2).mean() for d in discs)

    def regularization(y, x):
        d = y - x
        if a.reg_pool > 1:
            d = F.avg_pool2d(d, a.reg_pool, a.reg_pool, ceil_mode=True)
        if a.reg_blur > 0:
            r = int(3 * a.reg_blur) + 1
            k = torch.exp(-0.5 * (torch.arange(-r, r + 1.0) / a.reg_blur) ** 2)
            k = k / k.sum()
            d = F.conv2d(F.conv2d(F.pad(d, (r, r, r, r), mode="reflect"), k.view(1, 1, 1, -1)), k.view(1, 1, -1, 1))
        return (d.abs() if a.reg == "l1" else d * d).flatten(1).sum(1).mean()

    history = torch.empty(0, 1, H, W)
    gaze = gaze_teacher(syn, syn_y, a.seed) if a.gaze_lam > 0 else None

    def refiner_step(adversarial):
        x, mask = sample(syn, with_iris=True)
        y = refiner(x)
        loss = a.lam * regularization(y, x) + (ls(augment(y), 1.0) if adversarial else 0)
        if gaze is not None:  # a frozen regressor reads the same gaze from the refined image as from the render
            with torch.no_grad():
                target = gaze(x)
            loss = loss + a.gaze_lam * (gaze(y) - target).pow(2).sum(1).mean()
        if mask is not None:  # the iris and pupil, which carry the label, held at their own weight
            loss = loss + a.iris_lam * (mask * (y - x) ** 2).flatten(1).sum(1).mean()
        opt_r.zero_grad()
        loss.backward()
        opt_r.step()

    def disc_step():
        nonlocal history
        with torch.no_grad():
            fresh_refined = refiner(sample(syn))
        half = batch // 2
        refined = fresh_refined if len(history) < half else torch.cat([fresh_refined[:half], history[torch.randint(0, len(history), (half,), generator=g)]])
        if len(history) < a.history:
            history = torch.cat([history, fresh_refined[half:]])
        else:
            history[torch.randint(0, len(history), (half,), generator=g)] = fresh_refined[half:]
        rb, fb = augment(sample(real)), augment(refined)
        loss = ls(rb, 1.0) + ls(fb, 0.0)
        if a.r1 > 0:  # R1: the discriminators' gradient on real images, squared, at weight r1 / 2
            rg = rb.detach().requires_grad_(True)
            grad, = torch.autograd.grad(sum(d(rg).sum() for d in discs), rg, create_graph=True)
            loss = loss + a.r1 / 2 * grad.pow(2).flatten(1).sum(1).mean()
        opt_d.zero_grad()
        loss.backward()
        opt_d.step()
        with torch.no_grad():
            return (np.mean([(d(rb) > 0.5).float().mean().item() for d in discs]),
                    np.mean([(d(fb) < 0.5).float().mean().item() for d in discs]))

    t0 = time.time()
    for _ in range(a.refiner_pretrain):
        refiner_step(False)
    for _ in range(a.disc_pretrain):
        disc_step()
    accs = []
    for it in range(a.iters):
        for _ in range(a.kg):
            refiner_step(True)
        accs.append(disc_step())
        if (it + 1) % 100 == 0:
            m = np.mean(accs[-100:], 0)
            print(f"iteration {it + 1}: discriminator accuracy real {m[0]:.2f} refined {m[1]:.2f} ({time.time() - t0:.0f} s)", flush=True)
        if a.eval_every and (it + 1) % a.eval_every == 0 and it + 1 < a.iters:
            with torch.no_grad():
                r = torch.cat([refiner(fresh[i:i + 256]) for i in range(0, len(fresh), 256)])
            print(f"iteration {it + 1}: evaluate's test on the refined fresh renders {100 * c2st(real, r):.1f}%, "
                  f"change {(r - fresh).abs().mean().item() * 127.5:.1f} grey levels", flush=True)
    train_s = time.time() - t0
    refiner.eval()
    with torch.no_grad():
        refined = torch.cat([refiner(fresh[i:i + 256]) for i in range(0, len(fresh), 256)])
    syn_err, ref_err = label_cost(fresh, refined, fresh_y)
    result = {"settings": vars(a), "train_seconds": round(train_s), "c2st_prepared": c2st(real, fresh),
              "c2st_refined": c2st(real, refined), "change_grey_levels": (refined - fresh).abs().mean().item() * 127.5,
              "gaze_error_prepared_deg": syn_err, "gaze_error_refined_deg": ref_err, "label_cost_deg": ref_err - syn_err}
    json.dump(result, open(os.path.join(a.out, "result.json"), "w"), indent=1)
    with h5py.File(os.path.join(a.out, "refined.h5"), "w") as f:  # for judge.py: the refined fresh renders, 8-bit
        f["image"] = ((refined[:, 0].clamp(-1, 1) + 1) * 127.5).round().byte().numpy()
        f["look_vec"] = fresh_y.numpy()
    print(json.dumps({k: v for k, v in result.items() if k != "settings"}))
    from PIL import Image
    rows = [fresh[:16], refined[:16], real[torch.randperm(len(real), generator=torch.Generator().manual_seed(0))[:16]]]
    m = np.concatenate([np.concatenate(list(((r[:, 0].clamp(-1, 1) + 1) * 127.5).round().byte().numpy()), 1) for r in rows])
    Image.fromarray(m).resize((m.shape[1] * 2, m.shape[0] * 2), Image.NEAREST).save(os.path.join(a.out, "montage.png"))


if __name__ == "__main__":
    main()
