"""pdlt (08): the specification's numeric cases through the kernel against NumPy quadrature."""
from __future__ import annotations

import numpy as np
import pytest
from numpy.polynomial.hermite_e import hermegauss

import paper_checks as pc
from paper_checks import det

U, W = hermegauss(200)
W = W / W.sum()


def e2(f, k11, k12, k22):
    rho = np.clip(k12 / np.sqrt(k11 * k22), -1, 1)
    z1 = np.sqrt(k11) * U[:, None]
    z2 = np.sqrt(k22) * (rho * U[:, None] + np.sqrt(1 - rho ** 2) * U[None, :])
    return np.sum(W[:, None] * W[None, :] * f(z1) * f(z2))


def relu_ss(k11, k12, k22):
    t = np.arccos(np.clip(k12 / np.sqrt(k11 * k22), -1, 1))
    return np.sqrt(k11 * k22) / (2 * np.pi) * (np.sin(t) + (np.pi - t) * np.cos(t))


def kernel(x, depth, pair, cb, cw):
    m = x.shape[0]
    ks = [cb + cw * x @ x.T / x.shape[1]]
    for _ in range(depth - 1):
        k = ks[-1]
        ks.append(np.array([[cb + cw * pair(k[a, a], k[a, b], k[b, b]) for b in range(m)] for a in range(m)]))
    return np.array(ks)


@pytest.fixture
def kc(kernel):
    _, client = kernel
    pc.setup(client)
    return client


def test_relu_kernel_depth4_cw2(kc):
    expected = kernel(det((3, 5), 0), 4, relu_ss, 0, 2)
    pc.check(kc, 'pdlt.kernel(det_input([3, 5], 0), 4, act: "relu", cb: 0, cw: 2)', expected, rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize("cb,cw", [(0, 1), (0.1, 1.5)])
def test_tanh_kernel_depth3(kc, cb, cw):
    expected = kernel(1.5 * det((2, 4), 1), 3, lambda a, b, c: e2(np.tanh, a, b, c), cb, cw)
    pc.check(kc, f'pdlt.kernel(1.5 * det_input([2, 4], 1), 3, act: "tanh", cb: {cb}, cw: {cw})', expected, rtol=1e-6, atol=1e-9)


def test_chi(kc):
    for k in (0.1, 0.5, 1.0, 2.0):
        z = np.sqrt(k) * U
        d = 1 - np.tanh(z) ** 2
        expected = [np.sum(W * d * np.tanh(z) * z) / k, np.sum(W * d * d)]
        pc.check(kc, f'pdlt.chi({k}, "tanh", 1)', expected, rtol=1e-8)
    pc.check(kc, 'pdlt.chi(1.0, "sin", 1)', [np.exp(-2), (1 + np.exp(-2)) / 2], rtol=1e-8)
    pc.check(kc, 'pdlt.chi(0.7, "relu", 2)', [1, 1], rtol=1e-12)


def test_four_point_relu_and_ntk(kc):
    pc.check(kc, 'pdlt.four_point(1.21, 5, "relu", 0, 2).V', np.arange(5) * 5 * 1.21 ** 2, rtol=1e-10)
    x = det((3, 5), 0)
    ks = kernel(x, 3, relu_ss, 0, 2)
    h = [x @ x.T / 5]
    for layer in range(2):
        k = ks[layer]
        dd = (np.pi - np.arccos(np.clip(k / np.sqrt(np.outer(np.diag(k), np.diag(k))), -1, 1))) / (2 * np.pi)
        ss = np.array([[relu_ss(k[a, a], k[a, b], k[b, b]) for b in range(3)] for a in range(3)])
        h.append(ss + 2 * dd * h[-1])
    pc.check(kc, 'pdlt.ntk(det_input([3, 5], 0), 3, "relu", 0, 2, lam_b: 0, lam_w: 1)', np.array(h), rtol=1e-8, atol=1e-10)


def test_errors(kc):
    ename, evalue = pc.error(kc, 'pdlt.criticality("gelu")')
    assert ename == "ValueError" and "no tabulated critical point" in evalue
    ename, _ = pc.error(kc, "pdlt.kernel(ones(2, 3), 0)")
    assert ename == "ValueError"
    ename, _ = pc.error(kc, "pdlt.gauss_expect2({ z in z }, { z in z }, 1.0, 2.0, 1.0)")
    assert ename == "ValueError"
