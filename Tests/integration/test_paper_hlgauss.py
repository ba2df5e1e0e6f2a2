"""hlgauss (22): the specification's numeric cases through the kernel against NumPy."""
from __future__ import annotations

import math

import numpy as np
import pytest

import paper_checks as pc
from paper_checks import det

ERF = np.vectorize(math.erf)


def hl_probs(y, vmin, vmax, bins, sigma=None):
    sigma = 0.75 * (vmax - vmin) / bins if sigma is None else sigma
    edges = np.linspace(vmin, vmax, bins + 1)
    cdf = ERF((edges[None, :] - np.asarray(y, dtype=np.float64)[:, None]) / (np.sqrt(2) * sigma))
    return np.diff(cdf, axis=1) / (cdf[:, -1] - cdf[:, 0])[:, None]


def centers(vmin, vmax, bins):
    edges = np.linspace(vmin, vmax, bins + 1)
    return (edges[:-1] + edges[1:]) / 2


def log_softmax(x):
    shifted = x - x.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def two_hot(y, vmin, vmax, n):
    z = np.linspace(vmin, vmax, n)
    out = np.zeros((len(y), n))
    for row, t in enumerate(np.clip(y, vmin, vmax)):
        i = min(int(np.searchsorted(z, t, side="right")) - 1, n - 2)
        w = (t - z[i]) / (z[i + 1] - z[i])
        out[row, i], out[row, i + 1] = 1 - w, w
    return out


def c51(p, r, d, gamma, vmin, vmax):
    atoms = p.shape[1]
    z = np.linspace(vmin, vmax, atoms)
    dz = (vmax - vmin) / (atoms - 1)
    m = np.zeros_like(p)
    for i in range(p.shape[0]):
        b = (np.clip(r[i] + (1 - d[i]) * gamma * z, vmin, vmax) - vmin) / dz
        lo, up = np.floor(b).astype(int), np.ceil(b).astype(int)
        for j in range(atoms):
            if lo[j] == up[j]:
                m[i, lo[j]] += p[i, j]
            else:
                m[i, lo[j]] += p[i, j] * (up[j] - b[j])
                m[i, up[j]] += p[i, j] * (b[j] - lo[j])
    return m


@pytest.fixture
def kc(kernel):
    _, client = kernel
    pc.setup(client)
    return client


def test_hl_gauss_probs_and_value(kc):
    y = 5 * det((6,), 0)
    p = hl_probs(y, -10, 10, 20)
    pc.check(kc, "hlgauss.probs(5 * det_input([6], 0), -10, 10, 20)", p, rtol=1e-9, atol=1e-12)
    pc.check(kc, "hlgauss.probs(5 * det_input([6], 0), -10, 10, 20) @ hlgauss.centers(-10, 10, 20)",
             p @ centers(-10, 10, 20), rtol=1e-9, atol=1e-12)
    pc.check(kc, "hlgauss.probs(5 * det_input([6], 0)[0:2], -10, 10, 20, sigma: 2.0)",
             hl_probs(y[:2], -10, 10, 20, sigma=2.0), rtol=1e-9, atol=1e-12)
    pc.check(kc, "hlgauss.probs(tensor([-9.8, 9.9, 12.0], dtype: \"f64\"), -10, 10, 20)",
             hl_probs([-9.8, 9.9, 12.0], -10, 10, 20), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
def test_hl_gauss_loss(kc, reduction):
    y = 5 * det((6,), 0)
    logits = 3 * det((6, 20), 1)
    per_sample = -(hl_probs(y, -10, 10, 20) * log_softmax(logits)).sum(-1)
    expected = {"none": per_sample, "mean": per_sample.mean(), "sum": per_sample.sum()}[reduction]
    pc.check(kc, f"hlgauss.loss(3 * det_input([6, 20], 1), 5 * det_input([6], 0), -10, 10, reduction: \"{reduction}\")",
             expected, rtol=1e-9, atol=1e-12)
    pc.check(kc, "hlgauss.value(3 * det_input([6, 20], 1), -10, 10)",
             np.exp(log_softmax(logits)) @ centers(-10, 10, 20), rtol=1e-9, atol=1e-12)


def test_two_hot(kc):
    y = np.array([-3.3, 0, 7.25, 10, -12, 2.5])
    t = two_hot(y, -5, 10, 7)
    ys = "tensor([-3.3, 0.0, 7.25, 10.0, -12.0, 2.5], dtype: \"f64\")"
    pc.check(kc, f"hlgauss.two_hot({ys}, -5, 10, 7)", t, rtol=1e-12, atol=1e-12)
    pc.check(kc, f"hlgauss.two_hot({ys}, -5, 10, 7) @ linspace(-5.0, 10.0, 7, dtype: \"f64\")",
             t @ np.linspace(-5, 10, 7), rtol=1e-12, atol=1e-12)
    pc.check(kc, f"hlgauss.two_hot_loss(2 * det_input([6, 7], 2), {ys}, -5, 10, reduction: \"none\")",
             -(t * log_softmax(2 * det((6, 7), 2))).sum(-1), rtol=1e-9, atol=1e-12)


def test_c51_projection(kc):
    p = np.exp(log_softmax(2 * det((3, 11), 3)))
    expected = c51(p, det((3,), 4), np.array([0.0, 0.0, 1.0]), 0.99, -5, 5)
    code = ("hlgauss.c51_project(softmax(2 * det_input([3, 11], 3), axis: -1), det_input([3], 4), "
            "tensor([0.0, 0.0, 1.0], dtype: \"f64\"), 0.99, -5, 5)")
    pc.check(kc, code, expected, rtol=1e-9, atol=1e-12)


def test_td_target_and_head(kc):
    pc.check(kc, "hlgauss.td_target(tensor([1.0, 2.0]), tensor([0.0, 1.0]), 0.5, tensor([4.0, 8.0]))", np.array([3.0, 2.0]))
    pc.run(kc, "let head = hlgauss.HLGaussHead(3, 11, -2, 2, seed: 0)")
    weight = pc.value(kc, "head.weight")
    bias = pc.value(kc, "head.bias")
    x = det((4, 3), 5)
    logits = x @ weight.T + bias
    pc.check(kc, "head.value(det_input([4, 3], 5))", np.exp(log_softmax(logits)) @ centers(-2, 2, 11))
    y = det((4,), 6)
    pc.check(kc, "head.loss(det_input([4, 3], 5), det_input([4], 6))", -(hl_probs(y, -2, 2, 11) * log_softmax(logits)).sum(-1).mean())


def test_rejects_bad_input(kc):
    ename, evalue = pc.error(kc, "hlgauss.probs(tensor([30.0]), -10, 10, 20)")
    assert ename == "ValueError" and "too far outside the support" in evalue
    ename, evalue = pc.error(kc, "hlgauss.probs(tensor([0.0]), 1, 1, 20)")
    assert ename == "ValueError" and "vmax" in evalue
    ename, _ = pc.error(kc, "hlgauss.probs(tensor([0.0]), 0, 1, 1)")
    assert ename == "ValueError"
    ename, _ = pc.error(kc, "hlgauss.probs(tensor([0.0]), 0, 1, 10, sigma: 0)")
    assert ename == "ValueError"
    ename, _ = pc.error(kc, "hlgauss.loss(zeros(3, 5), zeros(2), 0, 1)")
    assert ename == "ShapeError"
    ename, _ = pc.error(kc, "hlgauss.loss(zeros(3, 5), zeros(3), 0, 1, reduction: \"max\")")
    assert ename == "ValueError"
