"""Reference values for wdopt (spec 13), written from the spec's formulas (models.py conventions) in NumPy.

Run: python3 wdopt.py (prints name, shape and values at full precision).
"""
import math

import numpy as np


def det(shape, k):
    n = int(np.prod(shape))
    return np.sin(0.37 * np.arange(n) + k).reshape(shape)


def sphere(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)


ASN = math.asin(2 / 3)
DUALS = {
    "sine_1": (lambda x: np.sinh(x) / np.sinh(1), lambda x: np.cosh(x) / np.sinh(1)),
    "sine_2.676": (lambda x: np.sinh(2.676 * x) / np.sinh(2.676), lambda x: 2.676 * np.cosh(2.676 * x) / np.sinh(2.676)),
    "erf": (lambda x: np.arcsin(2 * x / 3) / ASN, lambda x: (2 / 3) / np.sqrt(1 - 4 * x ** 2 / 9) / ASN),
    "relu": (lambda x: (x * (np.pi - np.arccos(x)) + np.sqrt(1 - x ** 2)) / np.pi, lambda x: (np.pi - np.arccos(x)) / np.pi),
    "2d_opt": (lambda x: x ** 7 / 2 + x / 2, lambda x: 3.5 * x ** 6 + 0.5),
    "3d_opt": (lambda x: x ** 3 / 2 + x / 2, lambda x: 1.5 * x ** 2 + 0.5),
    "5d_opt": (lambda x: x ** 3 / 4 + x ** 2 / 2 + x / 4, lambda x: 0.75 * x ** 2 + x + 0.25),
    "9d_opt": (lambda x: x ** 3 / 16 + 7 * x ** 2 / 8 + x / 16, lambda x: 3 / 16 * x ** 2 + 7 / 4 * x + 1 / 16),
    "hermite_3": (lambda x: x ** 3, lambda x: 3 * x ** 2),
}


def nngp(x1, x2, depth, act):
    s = np.clip(x1 @ x2.T, -1, 1)
    for _ in range(depth):
        s = np.clip(DUALS[act][0](s), -1, 1)
    return s


def ntk(x1, x2, depth, act):
    s = np.clip(x1 @ x2.T, -1, 1)
    k = s.copy()
    for _ in range(depth):
        nxt = DUALS[act][0](s)
        k = nxt + k * DUALS[act][1](s)
        s = nxt
    return k


def he(x, k):
    prev, cur = np.ones_like(x), x
    if k == 0:
        return prev
    for order in range(1, k):
        prev, cur = cur, x * cur - order * prev
    return cur / math.sqrt(math.factorial(k))


def show(name, a):
    a = np.atleast_1d(np.asarray(a, dtype=float))
    print(f"{name} {list(a.shape)}: [" + ", ".join(f"{v:.17g}" for v in a.ravel()) + "]")


xi = 0.9 * det([7], 0)
for act in DUALS:
    show(f"dual_{act}", DUALS[act][0](xi))
    show(f"ddual_{act}", DUALS[act][1](xi))
Xtr, Xte = sphere(det([6, 3], 0)), sphere(det([4, 3], 1))
show("nngp_3d_opt_depth5", nngp(Xtr, Xte, 5, "3d_opt"))
show("nngp_erf_depth3", nngp(Xtr, Xte, 3, "erf"))
show("ntk_relu_depth3", ntk(Xtr, Xte, 3, "relu"))
show("ntk_sine_1_depth4", ntk(Xtr, Xte, 4, "sine_1"))
y = np.sign(det([6], 2))
Ktr = nngp(Xtr, Xtr, 5, "3d_opt")
np.fill_diagonal(Ktr, 1)
show("kr_scores_nngp_3d_opt_depth5", np.linalg.solve(Ktr, y) @ nngp(Xtr, Xte, 5, "3d_opt"))
show("kr_scores_ntk_relu_depth3", np.linalg.solve(ntk(Xtr, Xtr, 3, "relu"), y) @ ntk(Xtr, Xte, 3, "relu"))
show("hilbert_scores_d3", y @ (1 / (2 - 2 * Xtr @ Xte.T) ** 1.0))
exps = []
for act in ["2d_opt", "3d_opt", "5d_opt", "9d_opt"]:
    d = DUALS[act][1]
    exps.append(2 * math.log(1 / d(0.0)) / math.log(d(1.0)))
for a in [2.676, 6.13539, 13.8258]:
    exps.append(2 * math.log(math.sinh(a) / a) / math.log(a / math.tanh(a)))
show("limit_exponent", exps)
x = 2 * det([8], 0)
show("activation_3d_opt", (he(x, 1) + he(x, 3)) / math.sqrt(2))
show("activation_5d_opt", 0.5 * he(x, 1) + math.sqrt(0.5) * he(x, 2) + 0.5 * he(x, 3))
a = 2.676
show("activation_sine_2.676", math.sqrt(2 / (1 - math.exp(-2 * a))) * np.sin(math.sqrt(a) * x))
show("activation_relu", math.sqrt(2) * np.maximum(x, 0))
from math import erf
show("activation_erf", np.array([erf(v) for v in x]) / math.sqrt(2 / math.pi * ASN))
