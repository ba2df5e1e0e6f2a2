"""Reference values for DeepZeroTests.swift (33 deepzero), computed with NumPy in float64 from the spec's
formulas and the official code (OPTML-Group/DeepZero, algorithm/zoo/gradient_estimate.py `rge`, `cge`;
algorithm/prune/importance_scores.py `zoo_grasp_importance_score`; torch.nn.utils.prune L1Unstructured).

Run: python3 Tests/FolioPapersTests/reference/deepzero.py  (NumPy only); paste the output into the test.
"""
import numpy as np


def det(shape, k):
    n = int(np.prod(shape))
    return np.sin(0.37 * np.arange(n, dtype=np.float64) + k).reshape(shape)


c = det([6], 9)


def f(t):
    return float(np.sum(c * np.sin(t)) + 0.5 * np.sum(t * t) + 0.1 * np.sum(t) ** 2)


def exact_grad(t):
    return c * np.cos(t) + t + 0.2 * np.sum(t)


def cge(t, mu=5e-3, mask=None):
    base = f(t)
    g = np.zeros_like(t)
    for i in range(t.size):
        if mask is not None and mask[i] == 0:
            continue
        p = t.copy()
        p[i] += mu
        g[i] = (f(p) - base) / mu
    return g


def rge_code(t, D, mu=5e-3):
    """The official rge: accumulates (mu * u) * directional derivative / q."""
    base = f(t)
    g = np.zeros_like(t)
    q = D.shape[0]
    for d in D:
        perturb = d / (np.linalg.norm(d) + 1e-8) * mu
        g += perturb * ((f(t + perturb) - base) / mu) / q
    return g


def rge_paper(t, D, mu=5e-3):
    return rge_code(t, D, mu) / mu


def zo_grasp(t, D0, D1, mu=5e-3):
    g0 = rge_code(t, D0, mu)
    g1 = rge_code(t + mu * g0, D1, mu)
    hg = (g1 - g0) / mu
    return -t * hg


def prune_mask(scores, ratio):
    n = scores.size
    k = int(round(ratio * n))  # Python's round: half to even, as torch.nn.utils.prune
    order = np.argsort(np.abs(scores), kind="stable")
    mask = np.ones(n)
    mask[order[:k]] = 0
    return mask


def show(name, values):
    print(f"// {name}")
    print("[" + ", ".join(f"{v:.17g}" for v in np.ravel(values)) + "]")


theta = det([6], 0)
show("exact_grad", exact_grad(theta))
show("cge_mu5e-3", cge(theta))
show("cge_sparse_mask", cge(theta, mask=np.array([1, 0, 1, 1, 0, 1])))
D = det([4, 6], 1)
show("rge_paper_q4", rge_paper(theta, D))
show("rge_code_q4", rge_code(theta, D))
show("rge_paper_basis_times_d", 6 * rge_paper(theta, np.eye(6)))
scores = zo_grasp(theta, det([8, 6], 2), det([8, 6], 3))
show("zo_grasp_scores", scores)
show("zo_grasp_mask_ratio05", prune_mask(scores, 0.5))
show("zo_sgd_step_cge (lr 0.1, no momentum state yet, weight_decay 0)", theta - 0.1 * cge(theta))

# Two ZO-SGD steps with the defaults (PyTorch SGD: g += wd*theta; buf = g, then buf = m*buf + g; theta -= lr*buf).
t, buf = theta.copy(), None
for _ in range(2):
    g = cge(t) + 5e-4 * t
    buf = g if buf is None else 0.9 * buf + g
    t = t - 0.1 * buf
show("zo_sgd_two_steps_defaults", t)
