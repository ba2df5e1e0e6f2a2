"""Reference values for PoincareTests.swift (21 poincare), computed with NumPy (and scipy.special.beta
for the β-concatenation scale) from the official diffgeom.py / linreg.py / midpoint.py / batchnorm.py /
convolution.py formulas (with the spec's λ_x = 2/(1 − c‖x‖²) in the hyperplane distance), written
independently of the Swift code.

Also imported by Tests/integration/test_paper_poincare.py (the kernel-level check).
Run: .venv/bin/python Tests/FolioPapersTests/reference/poincare.py; paste the output into the test.
"""


import numpy as np


from math import exp, lgamma


def beta(a, b):
    """The Beta function B(a, b), through log-gamma (as scipy.special.beta)."""
    return exp(lgamma(a) + lgamma(b) - lgamma(a + b))


def det(shape, k):
    n = int(np.prod(shape))
    return np.sin(0.37 * np.arange(n, dtype=np.float64) + k).reshape(shape)


def sq(x):
    return (x * x).sum(-1, keepdims=True)


def nrm(x):
    return np.maximum(np.sqrt(sq(x)), 1e-15)


def lam(x, c):
    return 2 / np.maximum(1 - c * sq(x), 1e-15)


def mobius_add(x, y, c):
    x2, y2, xy = sq(x), sq(y), (x * y).sum(-1, keepdims=True)
    num = (1 + 2 * c * xy + c * y2) * x + (1 - c * x2) * y
    return num / np.maximum(1 + 2 * c * xy + c ** 2 * x2 * y2, 1e-15)


def project(x, c, eps=1e-5):
    maxnorm = (1 - eps) / np.sqrt(c)
    n = nrm(x)
    return np.where(n > maxnorm, x / n * maxnorm, x)


def expmap0(v, c):
    s = nrm(v) * np.sqrt(c)
    return project(np.tanh(s) * v / s, c)


def logmap0(y, c):
    s = nrm(y) * np.sqrt(c)
    return np.arctanh(s) * y / s


def expmap(x, v, c):
    vn = nrm(v)
    second = np.tanh(np.sqrt(c) * lam(x, c) * vn / 2) * v / (np.sqrt(c) * vn)
    return project(mobius_add(x, second, c), c)


def logmap(x, y, c):
    m = mobius_add(-x, y, c)
    mn = nrm(m)
    return 2 / (np.sqrt(c) * lam(x, c)) * np.arctanh(np.sqrt(c) * mn) * m / mn


def gyration(u, v, w, c):
    u2, v2 = sq(u), sq(v)
    uv, uw, vw = (u * v).sum(-1, keepdims=True), (u * w).sum(-1, keepdims=True), (v * w).sum(-1, keepdims=True)
    k2 = c ** 2
    a = -k2 * uw * v2 + c * vw + 2 * k2 * uv * vw
    b = -k2 * vw * u2 - c * uw
    d = 1 + 2 * c * uv + k2 * u2 * v2
    return w + 2 * (a * u + b * v) / np.maximum(d, 1e-15)


def transp(x, y, v, c):
    return gyration(y, -x, v, c) * lam(x, c) / lam(y, c)


def dist(x, y, c):
    return 2 / np.sqrt(c) * np.arctanh(np.sqrt(c) * np.linalg.norm(mobius_add(-x, y, c), axis=-1))


def hyperplane_dists(x, z, r, c):
    zn = np.maximum(np.linalg.norm(z, axis=0), 1e-15)
    lx = lam(x, c)
    arg = np.sqrt(c) * lx / zn * (x @ z)
    if r is not None:
        t = 2 * np.sqrt(c) * r
        arg = arg * np.cosh(t) - (lx - 1) * np.sinh(t)
    return 2 * zn / np.sqrt(c) * np.arcsinh(arg)


def fc(x, z, b, c):
    w = np.sinh(np.sqrt(c) * hyperplane_dists(x, z, b, c)) / np.sqrt(c)
    return project(w / (1 + np.sqrt(1 + c * sq(w))), c)


def midpoint(x, c):
    g2 = 1 / np.maximum(1 - c * sq(x), 1e-15)
    m = (g2 * x).sum(0, keepdims=True) / (g2.sum(0, keepdims=True) - x.shape[0] / 2)
    gm = 1 / np.maximum(np.sqrt(1 - c * sq(m)), 1e-15)
    return gm / (1 + gm) * m


def frechet_variance(x, mu, c):
    return (dist(x, mu, c) ** 2).mean()


def linear(v, z, b, c):
    return logmap0(fc(expmap0(v, c), z, b, c), c)


def batchnorm_vectors(v, mean, var, c):
    x = expmap0(v, c)
    mu = midpoint(x, c)
    s2 = frechet_variance(x, mu, c)
    target = expmap0(mean, c)
    moved = transp(mu, target, logmap(mu, x, c), c) * np.sqrt(var / (s2 + 1e-6))
    return logmap0(expmap(target, moved, c), c)


def unfold(x, k, s, p):
    n, ch, h, w = x.shape
    xp = np.pad(x, ((0, 0), (0, 0), (p, p), (p, p)))
    ho, wo = (h + 2 * p - k) // s + 1, (w + 2 * p - k) // s + 1
    cols = np.zeros((n, ch * k * k, ho * wo))
    for i in range(ho):
        for j in range(wo):
            patch = xp[:, :, i * s:i * s + k, j * s:j * s + k]  # channel-major, then rows, then columns
            cols[:, :, i * wo + j] = patch.reshape(n, -1)
    return cols, ho, wo


def conv2d(x, weights, bias, k, s, p, c):
    cin = x.shape[1]
    x = x * beta(cin * k * k / 2, 0.5) / beta(cin / 2, 0.5)
    cols, ho, wo = unfold(x, k, s, p)
    y = fc(expmap0(cols.transpose(0, 2, 1), c), weights, bias, c)
    y = y.transpose(0, 2, 1).reshape(x.shape[0], weights.shape[1], ho, wo)
    return logmap0(y.transpose(0, 2, 3, 1), c).transpose(0, 3, 1, 2)


def residual(fx, res, c):
    return logmap0(mobius_add(expmap0(fx, c), expmap0(res, c), c), c)


def show(name, values):
    print(f"// {name} {list(np.shape(values))}")
    print("[" + ", ".join(f"{v:.17g}" for v in np.ravel(values)) + "]")


def batchnorm2d(v, mean, var, c):
    n, ch, h, w = v.shape
    flat = v.transpose(0, 2, 3, 1).reshape(-1, ch)
    return batchnorm_vectors(flat, mean, var, c).reshape(n, h, w, ch).transpose(0, 3, 1, 2)


def resnet_identity_init(x, classes, channels, depths, c):
    """hyperbolic.py at initialisation: every conv/linear Z = ½I, bias 0; BN mean 0, var 1; ReLU; skip along dim -1."""
    def conv(t, cin, cout, k, s, p):
        return conv2d(t, 0.5 * np.eye(cin * k * k, cout), np.zeros(cout), k, s, p, c)

    def bn(t):
        return batchnorm2d(t, np.zeros(t.shape[1]), 1.0, c)

    relu = lambda t: np.maximum(t, 0)
    t = relu(bn(conv(x, 3, channels[0], 3, 1, 1)))
    cin = channels[0]
    for g, (width, depth) in enumerate(zip(channels, depths)):
        for b in range(depth):
            s = 2 if g > 0 and b == 0 else 1
            h = relu(bn(conv(t, cin, width, 3, s, 1)))
            h = bn(conv(h, width, width, 3, 1, 1))
            skip = conv(t, cin, width, 1, s, 0) if s != 1 else t
            t = relu(residual(h, skip, c))
            cin = width
    pooled = t.mean(axis=(2, 3))
    return linear(pooled, 0.5 * np.eye(channels[2], classes), np.zeros(classes), c)


def frechet_mean(x, c, tol=1e-12, max_iter=1000):
    """Lou et al.'s iteration as frechet_mean.py (K = -c), with its eta formula."""
    k = -c
    mu = x[0].copy()
    x_ss = (x ** 2).sum(-1)
    for _ in range(max_iter):
        prev = mu
        y = -k * ((x - mu) ** 2).sum(-1) / ((1 + k * x_ss) * (1 + k * (mu ** 2).sum()))
        lp = np.where(y < 1e-12, 4.0, 2 * np.arccosh(1 + 2 * np.maximum(y, 1e-12)) / np.sqrt(np.maximum(y, 1e-12) ** 2 + np.maximum(y, 1e-12)))
        alphas = lp / (1 + k * x_ss)
        cc, b, a = (alphas * x_ss).sum(), (alphas[:, None] * x).sum(0), alphas.sum()
        b_ss = (b ** 2).sum()
        eta = (a - k * cc - np.sqrt((a - k * cc) ** 2 + 4 * k * b_ss)) / (2 * -k * b_ss)
        mu = eta * b
        step = np.linalg.norm(mu - prev)
        if step < tol or step / np.linalg.norm(prev) < tol:
            break
    return mu[None, :]


def batchnorm_frechet(v, mean, var, c):
    x = expmap0(v, c)
    mu = frechet_mean(x, c)
    s2 = frechet_variance(x, mu, c)
    target = expmap0(mean, c)
    moved = transp(mu, target, logmap(mu, x, c), c) * np.sqrt(var / (s2 + 1e-6))
    return logmap0(expmap(target, moved, c), c)


def main():
    for c, tag in [(1.0, "c1"), (0.1, "c0.1")]:
        x = 0.3 / np.sqrt(c) * det([4, 3], 0)
        y = 0.3 / np.sqrt(c) * det([4, 3], 1)
        v = det([4, 3], 2)
        z, r = det([3, 2], 3), 0.1 * det([2], 4)
        show(f"mobius_add_{tag}", mobius_add(x, y, c))
        show(f"expmap0_{tag}", expmap0(v, c))
        show(f"logmap0_{tag}", logmap0(x, c))
        show(f"expmap_{tag}", expmap(x, 0.5 * v, c))
        show(f"logmap_{tag}", logmap(x, y, c))
        show(f"dist_{tag}", dist(x, y, c))
        show(f"transp_{tag}", transp(x, y, v, c))
        show(f"hyperplane_dists_{tag}", hyperplane_dists(x, z, r, c))
        show(f"fully_connected_{tag}", fc(x, z, r, c))
        mid = midpoint(x, c)
        show(f"midpoint_{tag}", mid)
        show(f"frechet_variance_{tag}", frechet_variance(x, mid, c))
    v6 = 0.5 * det([6, 3], 5)
    show("linear_layer_c1", linear(v6, det([3, 4], 6), 0.1 * det([4], 7), 1.0))
    show("linear_layer_idinit_c1", linear(v6, 0.5 * np.eye(3), np.zeros(3), 1.0))
    show("batchnorm_init_c1", batchnorm_vectors(v6, np.zeros(3), 1.0, 1.0))
    show("batchnorm_params_c0.1", batchnorm_vectors(v6, 0.1 * det([3], 8), 0.5, 0.1))
    xc = 0.5 * det([1, 2, 4, 4], 9)
    wc, bc = 0.3 * det([18, 3], 10), 0.1 * det([3], 11)
    show("conv2d_k3_p1_c0.1", conv2d(xc, wc, bc, 3, 1, 1, 0.1))
    show("conv2d_k3_p1_s2_c1", conv2d(xc, wc, bc, 3, 2, 1, 1.0))
    show("conv_beta_scale_cin2_k3", np.array([beta(9, 0.5) / beta(1, 0.5)]))
    show("residual_add_c0.1", residual(v6, 0.5 * det([6, 3], 12), 0.1))
    show("resnet_idinit_c0.1", resnet_identity_init(det([2, 3, 8, 8], 13), 5, [4, 6, 6], [1, 2, 1], 0.1))
    xf = 0.3 * det([4, 3], 0)
    show("frechet_mean_c1", frechet_mean(xf, 1.0))
    show("batchnorm_frechet_c0.1", batchnorm_frechet(0.5 * det([6, 3], 5), 0.1 * det([3], 8), 0.5, 0.1))


if __name__ == "__main__":
    main()
