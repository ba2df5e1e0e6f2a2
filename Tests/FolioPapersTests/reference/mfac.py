"""Reference values for mfac (spec 35): damped empirical-Fisher inverse products, OBS statistics, the
sliding-window dynamic algorithm and one M-FAC step.

Independent of the static/dynamic recursions: every F^-1 here is a dense float64 solve of
F = damp*I + G^T G / m (NumPy). Run: python3 mfac.py
"""
import numpy as np


def det(shape, k):
    n = int(np.prod(shape))
    return np.sin(0.37 * np.arange(n) + k).reshape(shape)


def fisher(G, damp):
    m, d = G.shape
    return damp * np.eye(d) + G.T @ G / m


def show(name, a):
    a = np.atleast_1d(np.asarray(a, dtype=float))
    print(f"{name} {list(a.shape)}: [" + ", ".join(f"{v:.17g}" for v in a.ravel()) + "]")


G = det([4, 6], 0) + 0.5 * det([4, 6], 1.3) ** 2
x = det([6], 1) ** 3 + 0.2
Finv = np.linalg.inv(fisher(G, 0.1))
show("ihvp_damp01", np.linalg.solve(fisher(G, 0.1), x))
show("diag_inv_damp01", np.diag(Finv))
# den_i = m + g_i . H_{i-1} g_i with H_{i-1} the inverse after i-1 Woodbury steps (dense here).
m, d = G.shape
dens = []
for i in range(m):
    H = np.linalg.inv(0.1 * np.eye(d) + G[:i].T @ G[:i] / m) if i else np.eye(d) / 0.1
    dens.append(m + G[i] @ H @ G[i])
show("denominators_damp01", dens)
show("ihvp_damp1e-5", np.linalg.solve(fisher(G, 1e-5), x))
w = det([6], 2)
saliency = w ** 2 / (2 * np.diag(Finv))
q = int(np.argmin(saliency))
show("obs_saliency", saliency)
show("obs_update_best", -w[q] * Finv[:, q] / Finv[q, q])
show("obs_best_index", [q])
grads = det([5, 6], 3) + 0.5 * det([5, 6], 0.7) ** 2
window = np.zeros((3, 6))
outs = []
for t in range(5):
    window[t % 3] = grads[t]
    outs.append(np.linalg.solve(fisher(window, 0.1), grads[t]))
show("dynamic_update_mul_m3", outs)
show("mfac_sgd_step_lr01", det([6], 4) - 0.1 * outs[-1])
