"""Reference values for GradnoiseTests.swift (18 gradnoise), computed with NumPy from the paper's formula
sigma_t^2 = eta / (1 + t)^gamma and g <- g + sigma_t z, followed by a plain SGD step.

Run: python3 Tests/FolioPapersTests/reference/gradnoise.py  (NumPy only); paste the output into the test.
"""
import numpy as np


def det(shape, k):
    n = int(np.prod(shape))
    return np.sin(0.37 * np.arange(n, dtype=np.float64) + k).reshape(shape)


def show(name, values):
    print(f"// {name}")
    print("[" + ", ".join(f"{v:.17g}" for v in np.ravel(values)) + "]")


t = np.array([0, 1, 2, 5, 10, 100, 1000, 10000], dtype=np.float64)
for eta in (0.01, 0.3, 1.0):
    show(f"sigma2_eta{eta:g}", eta / (1 + t) ** 0.55)
    show(f"sigma_eta{eta:g}", np.sqrt(eta / (1 + t) ** 0.55))
show("sigma2_eta1_gamma1", 1.0 / (1 + t) ** 1.0)

params = [det((3, 4), 0), det((4,), 1)]
grads = [5 * det((3, 4), 2), 5 * det((4,), 3)]
noise = [det((3, 4), 4), det((4,), 5)]
lr = 0.1


def sgd(grads_used):
    return [p - lr * g for p, g in zip(params, grads_used)]


sigma = np.sqrt(0.3 / (1 + 7) ** 0.55)
W, b = sgd([g + sigma * z for g, z in zip(grads, noise)])
show("step_eta0.3_t7_W", W)
show("step_eta0.3_t7_b", b)
show("step_eta0_plain_sgd_W", sgd(grads)[0])
norm = np.sqrt(sum((g ** 2).sum() for g in grads))
clipped = [g * min(1.0, 2.0 / norm) for g in grads]
sigma = np.sqrt(1.0 / (1 + 3) ** 0.55)
W, b = sgd([g + sigma * z for g, z in zip(clipped, noise)])
show("step_clip2_eta1_t3_W", W)
show("step_clip2_eta1_t3_b", b)
show("clip2_global_norm", [np.sqrt(sum((g ** 2).sum() for g in clipped))])
