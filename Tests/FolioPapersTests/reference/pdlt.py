"""Reference values for pdlt (spec 08): infinite-width kernel, susceptibilities, four-point vertex, NTK.

Independent NumPy implementation with probabilists' Gauss-Hermite quadrature of order 360
(numpy.polynomial.hermite_e.hermegauss) and the ReLU closed forms. Run: python3 pdlt.py
"""
import numpy as np
from numpy.polynomial.hermite_e import hermegauss

ORDER = 360
U, W = hermegauss(ORDER)
W = W / W.sum()


def det(shape, k):
    n = int(np.prod(shape))
    return np.sin(0.37 * np.arange(n) + k).reshape(shape)


ACTS = {
    "tanh": (np.tanh, lambda z: 1 - np.tanh(z) ** 2),
    "sin": (np.sin, np.cos),
    "linear": (lambda z: z, lambda z: np.ones_like(z)),
    "relu": (lambda z: np.maximum(z, 0), lambda z: (z > 0).astype(float)),
}


def e1(f, k):
    return np.sum(W * f(np.sqrt(k) * U))


def e2(f, g, k11, k12, k22):
    rho = np.clip(k12 / np.sqrt(k11 * k22), -1, 1)
    u, w = U[:, None], U[None, :]
    z1 = np.sqrt(k11) * u
    z2 = np.sqrt(k22) * (rho * u + np.sqrt(1 - rho ** 2) * w)
    return np.sum(W[:, None] * W[None, :] * f(z1) * g(z2))


def relu_ss(k11, k12, k22):
    c = np.clip(k12 / np.sqrt(k11 * k22), -1, 1)
    t = np.arccos(c)
    return np.sqrt(k11 * k22) / (2 * np.pi) * (np.sin(t) + (np.pi - t) * np.cos(t))


def relu_dd(k11, k12, k22):
    c = np.clip(k12 / np.sqrt(k11 * k22), -1, 1)
    return (np.pi - np.arccos(c)) / (2 * np.pi)


def pair(act, K, a, b, deriv=False):
    if act == "relu":
        return (relu_dd if deriv else relu_ss)(K[a, a], K[a, b], K[b, b])
    f = ACTS[act][1 if deriv else 0]
    return e2(f, f, K[a, a], K[a, b], K[b, b])


def kernel(x, depth, act, cb, cw):
    m, n0 = x.shape
    K = cb + cw * x @ x.T / n0
    out = [K]
    for _ in range(depth - 1):
        K = np.array([[cb + cw * pair(act, K, a, b) for b in range(m)] for a in range(m)])
        out.append(K)
    return np.array(out)


def ntk(x, depth, act, cb, cw, lb, lw):
    m, n0 = x.shape
    Ks = kernel(x, depth, act, cb, cw)
    H = lb + lw * x @ x.T / n0
    out = [H]
    for l in range(depth - 1):
        K = Ks[l]
        H = np.array([[lb + lw * pair(act, K, a, b) + cw * pair(act, K, a, b, True) * H[a, b]
                       for b in range(m)] for a in range(m)])
        out.append(H)
    return np.array(out)


def chi(K, act, cw):
    f, d = ACTS[act]
    par = cw / K * e1(lambda z: d(z) * f(z) * z, K)
    perp = cw * e1(lambda z: d(z) ** 2, K)
    return [par, perp]


def four_point(K1, depth, act, cb, cw):
    f = ACTS[act][0]
    Ks, Vs = [K1], [0.0]
    for _ in range(depth - 1):
        K, V = Ks[-1], Vs[-1]
        s2 = e1(lambda z: f(z) ** 2, K)
        s4 = e1(lambda z: f(z) ** 4, K)
        cpar = chi(K, act, cw)[0]
        Vs.append(cw ** 2 * (s4 - s2 ** 2) + cpar ** 2 * V)
        Ks.append(cb + cw * s2)
    return np.array(Ks), np.array(Vs)


def show(name, a):
    a = np.asarray(a, dtype=float)
    print(f"{name} {list(a.shape)}: [" + ", ".join(f"{v:.17g}" for v in a.ravel()) + "]")


if __name__ == "__main__":
    show("relu_kernel_depth4_cw2", kernel(det((3, 5), 0), 4, "relu", 0, 2))
    xt = 1.5 * det((2, 4), 1)
    show("tanh_kernel_depth3_critical", kernel(xt, 3, "tanh", 0, 1))
    show("tanh_kernel_depth3_cb01_cw15", kernel(xt, 3, "tanh", 0.1, 1.5))
    show("chi_tanh_cw1", [chi(k, "tanh", 1) for k in [0.1, 0.5, 1, 2]])
    show("chi_relu_cw2", chi(1.3, "relu", 2))
    show("chi_sin_cw1", [chi(k, "sin", 1) for k in [0.1, 1]])
    show("chi_sin_closed", [[np.exp(-2 * k), (1 + np.exp(-2 * k)) / 2] for k in [0.1, 1]])
    show("V_relu_depth5", four_point(1.21, 5, "relu", 0, 2)[1])
    Kt, Vt = four_point(1.0, 4, "tanh", 0, 1)
    show("K_tanh_single_depth4", Kt)
    show("V_tanh_depth4", Vt)
    show("ntk_relu_depth3", ntk(det((3, 5), 0), 3, "relu", 0, 2, 0, 1))
    show("ntk_tanh_depth3", ntk(xt, 3, "tanh", 0, 1, 1, 1))
    # l·K^(l) for critical tanh from K1 = 1 (1-D recursion)
    K, lk = 1.0, {}
    for l in range(1, 201):
        if l in (50, 100, 200):
            lk[l] = l * K
        K = e1(lambda z: np.tanh(z) ** 2, K)
    show("tanh_K_times_l_at_l50_100_200", [lk[50], lk[100], lk[200]])
