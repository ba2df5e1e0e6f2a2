"""Reference values for KATTests.swift (43 kat), computed with NumPy (float64) from the official formulas:
Adamdad/rational_kat_cu kat_rational/rational_triton.py (form A forward and backward kernels), fit.py/gain.py
(form B), init.json (coefficients); Adamdad/kat katransformer.py (KAN, calculate_gain).

Run: python3 Tests/FolioPapersTests/reference/kat.py  (NumPy only); paste the output into the test.
"""
import numpy as np

INIT = {
    "identity": ([0.0, 1.0, 0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0]),
    "gelu": ([-0.00153969, 0.51692871, 0.44075827, 0.0972553, -0.00884418, -0.00378675],
             [-0.14171056, -0.06481231, -0.0444695, 0.01283776]),
    "swish": ([3.054879741161051e-07, 0.5000007853744493, 0.24999783422824703, 0.05326628273219478,
               0.005803034571292244, 0.0002751961022402342],
              [-4.111554955950634e-06, 0.10652899335007572, -1.2690007399796238e-06, 0.0005502331264140556]),
}


def det(shape, k):
    n = int(np.prod(shape))
    return np.sin(0.37 * np.arange(n, dtype=np.float64) + k).reshape(shape)


def rational(x, a, b, groups, form="A"):
    """a: (6,) or (G, 6); b: (4,) or (G, 4); channel d of the last axis uses group d // (D / groups)."""
    a = np.broadcast_to(np.asarray(a, dtype=np.float64), (groups, 6))
    b = np.broadcast_to(np.asarray(b, dtype=np.float64), (groups, 4))
    d = x.shape[-1]
    g = np.arange(d) // (d // groups)
    ag, bg = a[g].T, b[g].T  # (6, D), (4, D)
    p = sum(ag[i] * x ** i for i in range(6))
    if form == "A":
        q = 1 + sum(np.abs(bg[i]) * np.abs(x) ** (i + 1) for i in range(4))
    else:
        q = 1 + np.abs(sum(bg[i] * x ** (i + 1) for i in range(4)))
    return p / q


def backward_a(x, a, b, grad):
    """The form-A backward kernel for one group: dL/dx, dL/da, dL/db."""
    ax = np.abs(x)
    p = sum(a[i] * x ** i for i in range(6))
    q = 1 + sum(abs(b[i]) * ax ** (i + 1) for i in range(4))
    r = sum(i * a[i] * x ** (i - 1) for i in range(1, 6))
    sx = np.where(x < 0, -1.0, 1.0)
    s = sx * sum((i + 1) * abs(b[i]) * ax ** i for i in range(4))
    dx = (r / q - s * p / q ** 2) * grad
    da = np.array([np.sum(x ** i / q * grad) for i in range(6)])
    db = np.array([np.sum(-p / q ** 2 * (1.0 if b[i] >= 0 else -1.0) * ax ** (i + 1) * grad) for i in range(4)])
    return dx, da, db


def gain_sq_quadrature(mode, form):
    t, w = np.polynomial.hermite.hermgauss(200)
    f = rational(np.sqrt(2) * t[None, :], *INIT[mode], 1, form)[0]
    return 1 / (np.sum(w * f ** 2) / np.sqrt(np.pi))


def show(name, values):
    print(f"// {name} {np.shape(values)}")
    print("[" + ", ".join(f"{v:.17g}" for v in np.ravel(values)) + "]")


x = 3 * det((2, 4, 8), 0)
assert np.array_equal(rational(x, *INIT["identity"], 4), x)
show("rational_gelu_A", rational(x, *INIT["gelu"], 4, "A"))
show("rational_gelu_B", rational(x, *INIT["gelu"], 4, "B"))
show("rational_swish_A", rational(x, *INIT["swish"], 4, "A"))
xg = 2 * det((2, 3, 8), 2)
bg = np.array(INIT["swish"][1]) + 0.1 * det((4, 4), 1)
show("rational_grouped_A", rational(xg, INIT["swish"][0], bg, 4, "A"))
show("rational_grouped_B", rational(xg, INIT["swish"][0], bg, 4, "B"))

xs, up = 3 * det((16,), 3), det((16,), 4)
a, b = np.array(INIT["gelu"][0]), np.array(INIT["gelu"][1])
dx, da, db = backward_a(xs, a, b, up)
# The kernel formulas agree with central differences of L = sum(F(x) * up).
h = 1e-6
loss = lambda xx, aa, bb: np.sum(rational(xx, aa, bb, 1, "A") * up)
fd_x = np.array([(loss(xs + h * e, a, b) - loss(xs - h * e, a, b)) / (2 * h) for e in np.eye(16)])
fd_a = np.array([(loss(xs, a + h * e, b) - loss(xs, a - h * e, b)) / (2 * h) for e in np.eye(6)])
fd_b = np.array([(loss(xs, a, b + h * e) - loss(xs, a, b - h * e)) / (2 * h) for e in np.eye(4)])
assert np.allclose(dx, fd_x, atol=1e-6) and np.allclose(da, fd_a, atol=1e-6) and np.allclose(db, fd_b, atol=1e-6)
show("grad_x_gelu_A", dx)
show("grad_a_gelu_A", da)
show("grad_b_gelu_A", db)

show("vp_gain_sq_quadrature [gelu A, gelu B, swish A, swish B]",
     [gain_sq_quadrature("gelu", "A"), gain_sq_quadrature("gelu", "B"),
      gain_sq_quadrature("swish", "A"), gain_sq_quadrature("swish", "B")])
show("vp_std_official", [np.sqrt(2.3567850379928976 / 768), np.sqrt(2.8178205270359653 / 192), np.sqrt(1 / 64)])

xk = det((2, 3, 8), 5)
w1, b1 = 0.3 * det((16, 8), 6), 0.1 * det((16,), 7)
w2, b2 = 0.3 * det((8, 16), 8), 0.1 * det((8,), 9)
h1 = rational(xk, *INIT["identity"], 8) @ w1.T + b1
show("grkan_block_A", rational(h1, *INIT["gelu"], 8, "A") @ w2.T + b2)
