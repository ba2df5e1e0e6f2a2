"""Reference values for HlgaussTests.swift (22 hlgauss), computed with NumPy (and math.erf) from the
paper's Appendix A formulas and Bellemare et al.'s C51 projection, written independently of the Swift code.

Run: python3 Tests/FolioPapersTests/reference/hlgauss.py  (NumPy only); paste the output into the test.
"""
import math

import numpy as np


def det(shape, k):
    n = int(np.prod(shape))
    return np.sin(0.37 * np.arange(n, dtype=np.float64) + k).reshape(shape)


erf = np.vectorize(math.erf)


def hl_probs(y, vmin, vmax, bins, sigma=None):
    sigma = 0.75 * (vmax - vmin) / bins if sigma is None else sigma
    support = np.linspace(vmin, vmax, bins + 1)
    cdf = erf((support[None, :] - y[:, None]) / (np.sqrt(2) * sigma))
    z = cdf[:, -1] - cdf[:, 0]
    return (cdf[:, 1:] - cdf[:, :-1]) / z[:, None]


def centers(vmin, vmax, bins):
    support = np.linspace(vmin, vmax, bins + 1)
    return (support[:-1] + support[1:]) / 2


def log_softmax(logits):
    shifted = logits - logits.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def two_hot(y, vmin, vmax, n):
    z = np.linspace(vmin, vmax, n)
    y = np.clip(y, vmin, vmax)
    out = np.zeros((len(y), n))
    for row, t in enumerate(y):
        i = min(int(np.searchsorted(z, t, side="right")) - 1, n - 2)
        w = (t - z[i]) / (z[i + 1] - z[i])
        out[row, i] = 1 - w
        out[row, i + 1] = w
    return out


def c51(next_probs, rewards, dones, gamma, vmin, vmax):
    b_size, a = next_probs.shape
    z = np.linspace(vmin, vmax, a)
    dz = (vmax - vmin) / (a - 1)
    m = np.zeros_like(next_probs)
    for i in range(b_size):
        tz = np.clip(rewards[i] + (1 - dones[i]) * gamma * z, vmin, vmax)
        b = (tz - vmin) / dz
        lo, up = np.floor(b).astype(int), np.ceil(b).astype(int)
        for j in range(a):
            if lo[j] == up[j]:
                m[i, lo[j]] += next_probs[i, j]
            else:
                m[i, lo[j]] += next_probs[i, j] * (up[j] - b[j])
                m[i, up[j]] += next_probs[i, j] * (b[j] - lo[j])
    return m


def softmax(x):
    return np.exp(log_softmax(x))


def show(name, values):
    print(f"// {name} {list(np.shape(values))}")
    print("[" + ", ".join(f"{v:.17g}" for v in np.ravel(values)) + "]")


y = 5 * det([6], 0)
p = hl_probs(y, -10, 10, 20)
show("hl_gauss_probs_m10_10_20bins", p)
show("hl_gauss_value_roundtrip", p @ centers(-10, 10, 20))
show("hl_gauss_probs_sigma2", hl_probs(y[:2], -10, 10, 20, sigma=2.0))
show("hl_gauss_probs_edge", hl_probs(np.array([-9.8, 9.9, 12.0]), -10, 10, 20))
logits = 3 * det([6, 20], 1)
show("hl_gauss_loss (none)", -(p * log_softmax(logits)).sum(-1))
show("value_from_logits", softmax(logits) @ centers(-10, 10, 20))
yt = np.array([-3.3, 0, 7.25, 10, -12, 2.5])
t = two_hot(yt, -5, 10, 7)
show("two_hot_m5_10_7loc", t)
show("two_hot_value", t @ np.linspace(-5, 10, 7))
show("two_hot_loss (none)", -(t * log_softmax(2 * det([6, 7], 2))).sum(-1))
next_probs = softmax(2 * det([3, 11], 3))
show("c51_projection", c51(next_probs, det([3], 4), np.array([0.0, 0.0, 1.0]), 0.99, -5, 5))
