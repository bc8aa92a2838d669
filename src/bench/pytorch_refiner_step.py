"""PyTorch's time for the refiner's adversarial training step alone, the peer of `simgan.jar bench refiner-step`.

Uses the networks and loss of ../shared/bench/pytorch_simgan.py (pass its folder as the first argument):
refiner forward, the discriminator's patch cross-entropy with the refined images labelled real (D frozen),
plus lambda * L1, backward, Adam (lr 1e-3, betas 0.5/0.999) on the refiner; batch 32, 2 threads.
Prints the median wall time of 10 steps after 2 warm-up steps.
"""
import statistics
import sys
import time

sys.path.insert(0, sys.argv[1] if len(sys.argv) > 1 else "../shared/bench")
import torch  # noqa: E402
from pytorch_simgan import Discriminator, Refiner, patch_ce  # noqa: E402

torch.set_num_threads(2)
torch.manual_seed(0)
n, lam = 32, 0.01
R, D = Refiner(), Discriminator()
opt = torch.optim.Adam(R.parameters(), lr=1e-3, betas=(0.5, 0.999))
x = torch.rand(n, 1, 35, 55) * 2 - 1
for p in D.parameters():
    p.requires_grad_(False)


def step():
    y = R(x)
    loss = patch_ce(D(y), 0) + lam * (y - x).abs().sum() / n
    opt.zero_grad(set_to_none=True)
    loss.backward()
    opt.step()


for _ in range(2):
    step()
times = []
for _ in range(10):
    t0 = time.perf_counter()
    step()
    times.append(time.perf_counter() - t0)
print("RESULT pytorch refiner-step batch=%d threads=%d steps=%d median_s=%.4f img/s=%.2f"
      % (n, torch.get_num_threads(), len(times), statistics.median(times), n / statistics.median(times)))
