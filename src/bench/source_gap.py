#!/usr/bin/python3
"""How far apart are the real crops' own collections? evaluate's test and nearest-neighbour distances by source.

    /usr/bin/python3 src/bench/source_gap.py REAL.h5 [--runs 5] [--seed 5] [--threads 1]

REAL.h5 must hold a `source` dataset (one collection name per image, as the shared real_gaze file does). The
largest collection is split at random into a reference part and a held-out part as large as all the other
collections together; evaluate's test (refiner_probe.py's copy, one run per seed) then compares the reference part
with the held-out part (the calibration) and with the other collections' crops. Also prints, per collection, the
median distance of a crop to its nearest other crop in the whole file (after histogram equalisation and a 2 px
blur; [-1, 1] grey levels, root of the summed squares over the image) and, given renders with --renders FILE, the
same for renders against the real crops. Needs Debian's python3-torch, python3-scipy and python3-h5py.
"""
import argparse
import collections
import os
import sys

import h5py
import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import judge  # noqa: E402
from refiner_probe import c2st  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("real")
    ap.add_argument("--renders")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    with h5py.File(a.real, "r") as f:
        if "source" not in f:
            sys.exit(f"{a.real}: no 'source' dataset naming each image's collection")
        source = np.array([s.decode() if isinstance(s, bytes) else str(s) for s in f["source"][()]])
    images = judge.load(a.real)
    if len(source) != len(images):
        sys.exit(f"{a.real}: {len(source)} source names for {len(images)} images")
    counts = collections.Counter(source)
    print("collections:", ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    if len(counts) < 2:
        sys.exit("only one collection: nothing to compare")
    main_name = counts.most_common(1)[0][0]
    x = torch.from_numpy(images).unsqueeze(1)
    big, rest = x[torch.from_numpy(source == main_name)], x[torch.from_numpy(source != main_name)]
    if len(big) < 2 * len(rest):
        sys.exit(f"the largest collection ({len(big)}) must be at least twice the others ({len(rest)})")
    order = torch.randperm(len(big), generator=torch.Generator().manual_seed(a.seed))
    ref, held = big[order[:len(big) - len(rest)]], big[order[len(big) - len(rest):]]
    for name, cand in ((f"{main_name} held out ({len(held)}) - calibration", held), (f"the other collections ({len(rest)})", rest)):
        acc = np.mean([c2st(ref, cand, runs=1, seed=a.seed + r) for r in range(a.runs)])
        print(f"evaluate's test, {len(ref)} {main_name} crops against {name}: {acc * 100:.1f}%")
    flat = torch.from_numpy(judge.blur(judge.equalize(images), 2.0).reshape(len(images), -1))
    d = torch.cdist(flat, flat)
    d.fill_diagonal_(float("inf"))
    nearest = d.min(1).values.numpy()
    for k in counts:
        print(f"median distance to the nearest other real crop, {k}: {np.median(nearest[source == k]):.1f}")
    if a.renders:
        r = torch.from_numpy(judge.blur(judge.equalize(judge.load(a.renders)[:2000]), 2.0).reshape(-1, flat.shape[1]))
        print(f"median distance of a render to the nearest real crop: {torch.cdist(r, flat).min(1).values.median().item():.1f}")


if __name__ == "__main__":
    main()
