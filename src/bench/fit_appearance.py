#!/usr/bin/python3
"""Fits the simulator's appearance ranges to real eye crops: a search over `render --appearance` files.

    /usr/bin/python3 src/bench/fit_appearance.py REAL.h5 OUT.txt [--generations 60] [--start FILE] [--seed 0]
                                                 [--count 2000] [--pool 4] [--objective linear|frechet]
                                                 [--fixed NAME,NAME...] [--jar target/simgan.jar]

Both distances look at real crops and histogram-equalised renders (as the refiner receives them) averaged over
POOLxPOOL pixel blocks: where the eye's parts are and how bright they are, which the refiner cannot repaint.
"linear" (the default) is minus the held-out log-loss of a logistic regression (L2-regularised, fitted to convergence, so
the same images give the same figure) on the block values and their squares, trained on 1,500 images of each side:
the lower (the higher the loss), the harder the two sides are to tell apart image by image. "frechet" is the Frechet distance between
Gaussians fitted to the block values; it can be lowered by mixtures of unlike eyes (half of them closed), which the
classifier sees through. --fixed leaves settings alone (for example openness-mean,openness-sd, so that eyes stay as
open as drawn). Each generation renders COUNT eyes with one seed for the current ranges and for six random
changes of about a quarter of them, and keeps the best if it beats the current ranges on the same images; the step
grows after a success and shrinks after a failure. OUT.txt (the appearance file) is rewritten after every generation,
with the distance in a comment, so a stopped search keeps its best; --start continues from such a file. The gaze is
drawn apart from the appearance, so every label stays exact whatever the search does. Run from the project root
after `mvn package`; needs Debian's python3-numpy, python3-scipy, python3-h5py
and python3-torch (for judge.py's loader).
"""
import argparse
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy import linalg, optimize

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from judge import equalize, load  # noqa: E402  (images in [-1, 1])


def blocks(images, pool):
    """Means of POOLxPOOL blocks of images in [-1, 1], as grey shares 0..1, one row per image."""
    n, h, w = images.shape
    hp, wp = -(-h // pool) * pool, -(-w // pool) * pool
    p = np.pad(images, ((0, 0), (0, hp - h), (0, wp - w)), mode="edge")
    return p.reshape(n, hp // pool, pool, wp // pool, pool).mean((2, 4)).reshape(n, -1) / 2 + 0.5


def gaussian(features):
    return features.mean(0), np.cov(features, rowvar=False)


def frechet(a, b):
    (m1, c1), (m2, c2) = a, b
    root, _ = linalg.sqrtm(c1 @ c2, disp=False)
    return float(((m1 - m2) ** 2).sum() + np.trace(c1 + c2 - 2 * root.real))


def linear_probe(real_blocks, render_blocks, l2=1e-3):
    """Held-out log-loss (mean of the two sides') and accuracy of a logistic regression on blocks and their squares."""
    rng = np.random.default_rng(0)
    r = real_blocks[rng.permutation(len(real_blocks))]
    s = render_blocks[rng.permutation(len(render_blocks))]
    n = min(1500, len(r) * 2 // 3, len(s) * 2 // 3)
    feats = lambda b: np.concatenate([b, b * b], 1)
    x = feats(np.concatenate([r[:n], s[:n]]))
    y = np.r_[np.zeros(n), np.ones(n)]
    mu, sd = x.mean(0), x.std(0) + 1e-6
    x = (x - mu) / sd

    def loss(p):
        z = x @ p[:-1] + p[-1]
        q = 1 / (1 + np.exp(-z))
        value = np.mean(np.logaddexp(0, z) - y * z) + l2 * p[:-1] @ p[:-1]
        g = np.r_[x.T @ (q - y) / len(y) + 2 * l2 * p[:-1], np.mean(q - y)]
        return value, g

    p = optimize.minimize(loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    out = []
    for side, label in ((r[n:], 0), (s[n:], 1)):
        z = (feats(side) - mu) / sd @ p[:-1] + p[-1]
        out.append((np.mean(np.logaddexp(0, z) - label * z), np.mean((z > 0) == label)))
    return (out[0][0] + out[1][0]) / 2, (out[0][1] + out[1][1]) / 2


def read_ranges(text):
    out = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            k, v = line.split("=", 1)
            out[k.strip()] = float(v)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("real")
    ap.add_argument("out")
    ap.add_argument("--generations", type=int, default=60)
    ap.add_argument("--start")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--count", type=int, default=2000)
    ap.add_argument("--pool", type=int, default=4)
    ap.add_argument("--objective", choices=["linear", "frechet"], default="linear")
    ap.add_argument("--fixed", default="")
    ap.add_argument("--jar", default="target/simgan.jar")
    a = ap.parse_args()
    if not os.path.isfile(a.jar):
        sys.exit(f"no {a.jar}: run 'mvn -B -q package -DskipTests' first")
    defaults = read_ranges(subprocess.run(["java", "-jar", a.jar, "render", "--appearance-defaults"], check=True,
                                          capture_output=True, text=True).stdout)
    names = list(defaults)
    current = dict(defaults)
    if a.start:
        current.update(read_ranges(open(a.start).read()))
    # the search moves (centre, half width) of each min/max pair and each other value on its own
    fixed = {f.strip() for f in a.fixed.split(",") if f.strip()}
    unknown = fixed - set(names) - {n[:-4] for n in names if n.endswith("-min")}
    if unknown:
        sys.exit(f"--fixed: no such setting {', '.join(sorted(unknown))}; the settings are {', '.join(names)}")
    pairs = [n[:-4] for n in names if n.endswith("-min") and n[:-4] + "-max" in defaults]
    singles = [n for n in names if not any(n in (p + "-min", p + "-max") for p in pairs)]
    moving_pairs = [p not in fixed and p + "-min" not in fixed and p + "-max" not in fixed for p in pairs]
    moving = np.array(sum([[m, m] for m in moving_pairs], []) + [s not in fixed for s in singles])

    def to_vector(r):
        v = []
        for p in pairs:
            lo, hi = r[p + "-min"], r[p + "-max"]
            v += [(lo + hi) / 2, (hi - lo) / 2]
        return np.array(v + [r[s] for s in singles])

    def to_ranges(v):
        r = {}
        for i, p in enumerate(pairs):
            c, h = v[2 * i], abs(v[2 * i + 1])
            r[p + "-min"], r[p + "-max"] = c - h, c + h
        for j, s in enumerate(singles):
            r[s] = abs(v[2 * len(pairs) + j]) if s.endswith("-sd") or s == "no-glint-share" else v[2 * len(pairs) + j]
        return r

    d0 = to_vector(defaults)
    scale = []
    for i, p in enumerate(pairs):
        s = max(abs(d0[2 * i + 1]), 0.05 * abs(d0[2 * i]), 0.02)
        scale += [s, s / 2]
    scale += [max(0.5 * abs(defaults[s]), 0.05) for s in singles]
    scale = np.array(scale)

    real_blocks = blocks(load(a.real), a.pool)
    real = gaussian(real_blocks)
    tmp = tempfile.mkdtemp(prefix="fit-appearance-")

    def distance(r, seed):
        path = os.path.join(tmp, "ranges.txt")
        with open(path, "w") as f:
            f.writelines(f"{k}={v!r}\n" for k, v in r.items())
        h5 = os.path.join(tmp, "renders.h5")
        p = subprocess.run(["java", "-jar", a.jar, "render", "--count", str(a.count), "--seed", str(seed), "--appearance", path,
                            "--out", h5], capture_output=True, text=True)
        if p.returncode != 0:
            return float("inf")  # ranges the simulator refuses
        b = blocks(equalize(load(h5)), a.pool)
        # the classifier's held-out log-loss rises as the two sides become harder to tell apart: its negative is lowered
        return -linear_probe(real_blocks, b)[0] if a.objective == "linear" else frechet(gaussian(b), real)

    rng = np.random.default_rng(a.seed)
    v = to_vector(current)
    step = 1.0
    best = float("nan")
    for gen in range(a.generations):
        seed = 100000 + 1000 * a.seed + gen
        base = distance(to_ranges(v), seed)
        best, best_v = base, v
        for _ in range(6):
            mask = (rng.random(len(v)) < 0.25) & moving
            c = v + mask * rng.normal(size=len(v)) * scale * step
            d = distance(to_ranges(c), seed)
            if d < best:
                best, best_v = d, c
        step = min(2.0, step * 1.15) if best_v is not v else max(0.1, step * 0.85)
        v = best_v
        with open(a.out + ".part", "w") as f:
            f.write(f"# fitted by src/bench/fit_appearance.py to {a.real}: generation {gen}, {a.objective} distance {best:.4f} "
                    f"(pool {a.pool}, {a.count} renders of seed {seed}{', fixed: ' + a.fixed if fixed else ''})\n")
            f.writelines(f"{k}={x:.4g}\n" for k, x in to_ranges(v).items())
        os.replace(a.out + ".part", a.out)
        print(f"generation {gen} seed {seed}: current {base:.3f}, best {best:.3f}, step {step:.2f}", flush=True)


if __name__ == "__main__":
    main()
