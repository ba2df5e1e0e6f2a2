"""incnext (25): the specification's numeric cases through the kernel against NumPy."""
from __future__ import annotations

from math import erf, sqrt

import numpy as np
import pytest

import paper_checks as pc
from paper_checks import det


def depthwise(x, w, b, pad):
    """Cross-correlation with zero padding, groups = channels: w (C, 1, kh, kw), pad (ph, pw)."""
    n, c, h, wd = x.shape
    kh, kw = w.shape[2:]
    ph, pw = pad
    xp = np.zeros((n, c, h + 2 * ph, wd + 2 * pw))
    xp[:, :, ph:ph + h, pw:pw + wd] = x
    oh, ow = h + 2 * ph - kh + 1, wd + 2 * pw - kw + 1
    y = np.zeros((n, c, oh, ow))
    for i in range(kh):
        for j in range(kw):
            y += w[None, :, 0, i, j, None, None] * xp[:, :, i:i + oh, j:j + ow]
    return y + b[None, :, None, None]


def inception_dwconv(x, weights, ratio, square, band):
    w_hw, b_hw, w_w, b_w, w_h, b_h = weights
    c = x.shape[1]
    gc = int(c * ratio)
    i = c - 3 * gc
    return np.concatenate([x[:, :i], depthwise(x[:, i:i + gc], w_hw, b_hw, (square // 2, square // 2)),
                           depthwise(x[:, i + gc:i + 2 * gc], w_w, b_w, (0, band // 2)),
                           depthwise(x[:, i + 2 * gc:], w_h, b_h, (band // 2, 0))], axis=1)


gelu = np.vectorize(lambda v: 0.5 * v * (1 + erf(v / sqrt(2))))

CASE1 = "det_input([2, 1, 3, 3], 1), det_input([2], 2), det_input([2, 1, 1, 5], 3), det_input([2], 4), det_input([2, 1, 5, 1], 5), det_input([2], 6)"
WEIGHTS1 = (det((2, 1, 3, 3), 1), det((2,), 2), det((2, 1, 1, 5), 3), det((2,), 4), det((2, 1, 5, 1), 5), det((2,), 6))


@pytest.fixture
def kc(kernel):
    _, client = kernel
    pc.setup(client)
    return client


def test_inception_dwconv_cases(kc):
    expected = inception_dwconv(det((1, 8, 6, 7), 0), WEIGHTS1, 0.25, 3, 5)
    pc.check(kc, f"incnext.inception_dwconv(det_input([1, 8, 6, 7], 0), {CASE1}, band_kernel: 5, branch_ratio: 0.25)",
             expected, rtol=1e-9, atol=1e-10)
    weights = (det((2, 1, 3, 3), 2), det((2,), 3), det((2, 1, 1, 11), 4), det((2,), 5), det((2, 1, 11, 1), 6), det((2,), 7))
    code = ("incnext.inception_dwconv(det_input([2, 16, 5, 7], 0.5), det_input([2, 1, 3, 3], 2), det_input([2], 3), "
            "det_input([2, 1, 1, 11], 4), det_input([2], 5), det_input([2, 1, 11, 1], 6), det_input([2], 7))")
    pc.check(kc, code, inception_dwconv(det((2, 16, 5, 7), 0.5), weights, 0.125, 3, 11), rtol=1e-9, atol=1e-10)


def test_metanext_block(kc):
    x = det((1, 8, 6, 7), 0)
    mixed = inception_dwconv(x, WEIGHTS1, 0.25, 3, 5)
    mean, var = 0.1 * det((8,), 3), 1 + 0.5 * det((8,), 4) ** 2
    weight, bias = 1 + 0.1 * det((8,), 5), 0.1 * det((8,), 6)
    c = lambda v: v[None, :, None, None]
    bn = (mixed - c(mean)) / np.sqrt(c(var) + 1e-5) * c(weight) + c(bias)
    fc1_w, fc1_b, fc2_w, fc2_b = 0.3 * det((32, 8), 7), 0.1 * det((32,), 8), 0.3 * det((8, 32), 9), 0.1 * det((8,), 10)
    hidden = gelu(np.einsum("oi,nihw->nohw", fc1_w, bn) + c(fc1_b))
    expected = x + c(det((8,), 11)) * (np.einsum("oi,nihw->nohw", fc2_w, hidden) + c(fc2_b))
    pc.run(kc, "let bn = (mean: 0.1 * det_input([8], 3), var: 1 + 0.5 * det_input([8], 4) ** 2, "
               "weight: 1 + 0.1 * det_input([8], 5), bias: 0.1 * det_input([8], 6), eps: 1e-5)")
    code = (f"incnext.metanext_block(det_input([1, 8, 6, 7], 0), "
            f"mixer: {{ t in incnext.inception_dwconv(t, {CASE1}, band_kernel: 5, branch_ratio: 0.25) }}, norm: bn, "
            "fc1_w: 0.3 * det_input([32, 8, 1, 1], 7), fc1_b: 0.1 * det_input([32], 8), "
            "fc2_w: 0.3 * det_input([8, 32, 1, 1], 9), fc2_b: 0.1 * det_input([8], 10), gamma: det_input([8], 11))")
    pc.check(kc, code, expected, rtol=1e-9, atol=1e-10)


def test_mlp_head(kc):
    pooled = det((2, 8, 3, 3), 12).mean(axis=(2, 3))
    h = gelu(pooled @ (0.4 * det((24, 8), 13)).T + 0.1 * det((24,), 14))
    h = (h - h.mean(-1, keepdims=True)) / np.sqrt(h.var(-1, keepdims=True) + 1e-6) * (1 + 0.1 * det((24,), 15)) + 0.1 * det((24,), 16)
    expected = h @ (0.4 * det((5, 24), 17)).T + 0.1 * det((5,), 18)
    code = ("incnext.mlp_head(det_input([2, 8, 3, 3], 12), 0.4 * det_input([24, 8], 13), 0.1 * det_input([24], 14), "
            "1 + 0.1 * det_input([24], 15), 0.1 * det_input([24], 16), 0.4 * det_input([5, 24], 17), 0.1 * det_input([5], 18))")
    pc.check(kc, code, expected, rtol=1e-9, atol=1e-10)


def test_errors(kc):
    ename, evalue = pc.error(kc, f"incnext.inception_dwconv(det_input([1, 8, 6, 7], 0), {CASE1}, band_kernel: 5, branch_ratio: 0.1)")
    assert ename == "ValueError" and "branch_ratio·C must be ≥ 1" in evalue
    ename, evalue = pc.error(kc, f"incnext.inception_dwconv(det_input([1, 8, 6, 7], 0), {CASE1}, band_kernel: 6, branch_ratio: 0.25)")
    assert ename == "ValueError" and "odd" in evalue
    ename, _ = pc.error(kc, f"incnext.inception_dwconv(det_input([1, 12, 6, 7], 0), {CASE1}, band_kernel: 5, branch_ratio: 0.25)")
    assert ename == "ShapeError"
