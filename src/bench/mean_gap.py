#!/usr/bin/python3
"""How far renders are from the real crops on average: a diagnostic for steering the simulator.

    /usr/bin/python3 src/bench/mean_gap.py REAL.h5 RENDERS.h5 [RENDERS2.h5 ...]

For each RENDERS file (histogram-equalised first, as the real crops are) it prints the mean absolute difference,
in grey levels a pixel, between its mean image and REAL's, the same for the per-pixel standard-deviation images, and
the spread (standard deviation) of the 4-neighbour Laplacian, a measure of fine detail, for both. Uses judge.py's
loading and equalisation. Average figures only: a small mean gap does not mean single renders look real (README).
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from judge import equalize, load  # noqa: E402


def laplacian_spread(x):
    lap = 4 * x[:, 1:-1, 1:-1] - x[:, :-2, 1:-1] - x[:, 2:, 1:-1] - x[:, 1:-1, :-2] - x[:, 1:-1, 2:]
    return lap.std(axis=(1, 2)).mean()


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    real = (load(sys.argv[1]) + 1) * 127.5
    print(f"MEANGAP {sys.argv[1]}: {len(real)} images, Laplacian spread {laplacian_spread(real):.1f}")
    for path in sys.argv[2:]:
        x = (equalize(load(path)) + 1) * 127.5
        mean_gap = np.abs(x.mean(0) - real.mean(0)).mean()
        sd_gap = np.abs(x.std(0) - real.std(0)).mean()
        print(f"MEANGAP {path}: {len(x)} images, mean-image gap {mean_gap:.1f}, sd-image gap {sd_gap:.1f},"
              f" Laplacian spread {laplacian_spread(x):.1f}")


if __name__ == "__main__":
    main()
