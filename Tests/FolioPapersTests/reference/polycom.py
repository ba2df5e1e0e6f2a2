"""Reference values for PolycomTests.swift (41 polycom), computed with NumPy from the official formulas
(norm(x) = x * rsqrt(mean(x**2, -1) + eps); weight highest power first), written independently of the Swift code.

Run: python3 Tests/FolioPapersTests/reference/polycom.py  (NumPy only); paste the output into the test.
"""
import numpy as np


def det(shape, k):
    n = int(np.prod(shape))
    return np.sin(0.37 * np.arange(n, dtype=np.float64) + k).reshape(shape)


def norm(z, eps=1e-6):
    return z / np.sqrt((z ** 2).mean(-1, keepdims=True) + eps)


def polynorm(x, weight=(1 / 3, 1 / 3, 1 / 3), bias=0.0, eps=1e-6):
    r = len(weight)
    return sum(weight[j] * norm(x ** (r - j), eps) for j in range(r)) + bias


def polyrelu(x, weight=(1 / 3, 1 / 3, 1 / 3), bias=0.0):
    r = len(weight)
    relu = np.maximum(x, 0)
    return sum(weight[j] * relu ** (r - j) for j in range(r)) + bias


def polynorm_grad_x(x, g, weight, eps=1e-6):
    """Analytic VJP: J_N^T g = rho g - z rho^3 (sum g z)/D, chained with d(x^p) = p x^(p-1)."""
    r, d = len(weight), x.shape[-1]
    total = np.zeros_like(x)
    for j in range(r):
        p = r - j
        z = x ** p
        rho = 1 / np.sqrt((z ** 2).mean(-1, keepdims=True) + eps)
        gn = weight[j] * g
        jt = rho * gn - z * rho ** 3 * (gn * z).sum(-1, keepdims=True) / d
        total += jt * p * x ** (p - 1)
    return total


def show(name, values):
    print(f"// {name} {list(np.shape(values))}")
    print("[" + ", ".join(f"{v:.17g}" for v in np.ravel(values)) + "]")


x = det((2, 3, 8), 0)
xs = 2 * det((4, 16), 2)
w = det((3,), 1)
show("polynorm_default", polynorm(x))
show("polynorm_custom", polynorm(x, w, 0.1))
show("polynorm_scaled_input", polynorm(xs))
show("polyrelu_default", polyrelu(xs))
show("polyrelu_custom", polyrelu(xs, w, 0.1))
show("polynorm_order4", polynorm(x, [0.1, 0.2, 0.3, 0.4], -0.05))
g = det((2, 3, 8), 3)
grad = polynorm_grad_x(x, g, w)
f = lambda v: (g * polynorm(v, w)).sum()
h = 1e-6
numeric = np.zeros_like(x)
for i in np.ndindex(x.shape):
    e = np.zeros_like(x)
    e[i] = h
    numeric[i] = (f(x + e) - f(x - e)) / (2 * h)
assert np.abs(grad - numeric).max() < 1e-6, np.abs(grad - numeric).max()
show("polynorm_custom_grad_x", grad)
w1, b1, w2, b2 = 0.4 * det((32, 8), 4), 0.1 * det((32,), 5), 0.4 * det((8, 32), 6), 0.1 * det((8,), 7)
show("ffn_polynorm", polynorm(x @ w1.T + b1) @ w2.T + b2)
show("ffn_polyrelu", polyrelu(x @ w1.T + b1) @ w2.T + b2)
