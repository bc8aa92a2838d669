#!/usr/bin/python3
"""Writes the sets of the texture-gap diagnostic: real eye crops, some blurred, as a stand-in "synthetic" side.

    /usr/bin/python3 src/bench/blurred_real.py REAL.h5 OUT_DIR SEED [--blur SIGMA] [--train 1000] [--held-out 244]

Splits REAL's crops at random (SEED) into three disjoint sets and writes them as HDF5 (one uint8 dataset "image"):
OUT_DIR/syn_train.h5 (--train crops, blurred by a Gaussian of SIGMA pixels), OUT_DIR/syn_eval.h5 (--held-out crops,
blurred the same way) and OUT_DIR/real.h5 (all the other crops, untouched). Refining syn_eval.h5 back into real.h5's
distribution needs only sharper texture: no shape, lid or iris is wrong. Needs Debian's python3-h5py and
python3-torch (for judge.py's loader and blur).
"""
import argparse
import os
import sys

import h5py
import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from judge import blur, load  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("real")
    p.add_argument("out")
    p.add_argument("seed", type=int)
    p.add_argument("--blur", type=float, default=1.0)
    p.add_argument("--train", type=int, default=1000)
    p.add_argument("--held-out", type=int, default=244)
    a = p.parse_args()
    x = load(a.real)  # [-1, 1]
    if a.train + a.held_out >= len(x):
        sys.exit(f"{a.real} has {len(x)} crops: fewer than --train + --held-out plus some left for the real side")
    order = np.random.default_rng(a.seed).permutation(len(x))
    tr, ev, real = order[:a.train], order[a.train:a.train + a.held_out], order[a.train + a.held_out:]
    to8 = lambda v: np.rint(np.clip((v + 1) * 127.5, 0, 255)).astype(np.uint8)
    os.makedirs(a.out, exist_ok=True)
    for name, images in (("syn_train.h5", to8(blur(x[tr], a.blur))), ("syn_eval.h5", to8(blur(x[ev], a.blur))),
                         ("real.h5", to8(x[real]))):
        tmp = os.path.join(a.out, name + ".tmp")
        with h5py.File(tmp, "w") as f:
            f["image"] = images
        os.replace(tmp, os.path.join(a.out, name))
    print(f"wrote {len(tr)} + {len(ev)} crops blurred by {a.blur} px and {len(real)} real crops to {a.out}")


if __name__ == "__main__":
    main()
