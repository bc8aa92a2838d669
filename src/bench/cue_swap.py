#!/usr/bin/python3
"""Where do renders give themselves away? Region and texture swaps scored with evaluate's two-sample test.

    /usr/bin/python3 src/bench/cue_swap.py REAL.h5 RENDERS.h5 [--runs 3] [--seed 0] [--threads 2]

The real crops are split at random into two halves: A is what the test compares against, B donates content. Each
row builds hybrids of the equalised renders: a region of every render is replaced by the same region of a crop from
B (soft edges, 1.5 px), or a crop's fine detail (its difference from its own Gaussian blur) is added to the whole
render, or the render is moved or scaled; the hybrid is equalised again and scored against A with evaluate's test
(refiner_probe.py's copy: its CNN, 300 Adam steps, 30% held out). "every pixel from real" is the calibration: B
against A. The controls build the same seams between two real crops. A cue that alone gave renders away would show as a large drop when its region is swapped; if no single
region, texture or framing change moves the test, the cues are spread over the whole image and a change of one
part of the simulator cannot show in the figure. Needs Debian's python3-torch, python3-scipy and python3-h5py.
"""
import argparse
import os
import sys

import numpy as np
import torch
from scipy.ndimage import affine_transform

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import judge  # noqa: E402
from refiner_probe import H, W, c2st  # noqa: E402


def band(lo, hi, v, soft=1.5):
    """1 inside [lo, hi] along v, 0 outside, with logistic edges."""
    return 1 / (1 + np.exp(-(v - lo) / soft)) / (1 + np.exp((v - hi) / soft))


def warp(x, zoom, dy, dx):
    c = np.array([(H - 1) / 2, (W - 1) / 2])
    m = np.eye(2) / zoom
    return np.stack([affine_transform(i, m, offset=c - m @ c - np.array([dy, dx]) / zoom, order=1, mode="nearest") for i in x])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("real")
    ap.add_argument("renders")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    rng = np.random.default_rng(a.seed)
    real = judge.equalize(judge.load(a.real))
    order = rng.permutation(len(real))
    half = len(real) // 2
    ref, donor = real[order[:half]], real[order[half:2 * half]]
    ren = judge.equalize(judge.load(a.renders))
    if ren.shape[1:] != (H, W) or real.shape[1:] != (H, W):
        sys.exit(f"expected {H}x{W} images, got {real.shape[1:]} (real) and {ren.shape[1:]} (renders)")
    ren = ren[rng.permutation(len(ren))[:half]]
    if len(ren) < half:
        sys.exit(f"{a.renders}: need at least {half} renders, got {len(ren)}")
    reference = torch.from_numpy(ref).unsqueeze(1)
    v, u = np.mgrid[0:H, 0:W].astype(np.float64)
    eye = band(8, 26, v) * band(10, 44, u)

    def score(name, images):
        y = judge.equalize(np.clip(images, -1, 1).astype(np.float32))
        acc = c2st(reference, torch.from_numpy(y).unsqueeze(1), runs=a.runs, seed=a.seed + 1)
        print(f"{name:44s} {acc * 100:5.1f}%", flush=True)

    def swap(mask, base=None):
        return mask * donor + (1 - mask) * (ren if base is None else base)

    score("renders as they are", ren)
    score("every pixel from real (calibration)", donor)
    score("top rows 0-9 from real", swap(band(-9, 9, v)))
    score("bottom rows 25-34 from real", swap(band(25, 50, v)))
    score("side columns 0-11 and 43-54 from real", swap(band(-9, 11, u) + band(43, 70, u)))
    score("eye box (rows 8-26, columns 10-44) from real", swap(eye))
    score("all but the eye box from real", swap(1 - eye))
    # controls: the same seams between two real crops (the donor's neighbour as the base), to see what seams alone give
    other = np.roll(donor, 1, axis=0)
    score("control: real, top rows from another real", swap(band(-9, 9, v), other))
    score("control: real, eye box from another real", swap(eye, other))
    for sigma in (1.0, 2.0):
        score(f"real fine detail added (blur {sigma:g} px)", ren + donor - judge.blur(donor, sigma))
    score("shifted 2 px down", warp(ren, 1.0, 2, 0))
    score("shifted 2 px up", warp(ren, 1.0, -2, 0))
    score("drawn 10% smaller", warp(ren, 0.9, 0, 0))
    score("drawn 10% larger", warp(ren, 1.1, 0, 0))


if __name__ == "__main__":
    main()
