"""quant (26): the specification's numeric cases through the kernel against NumPy."""
from __future__ import annotations

import numpy as np
import pytest

import paper_checks as pc
from paper_checks import det


@pytest.fixture
def kc(kernel):
    _, client = kernel
    pc.setup(client)
    pc.run(client, "let r = 3 * det_input([4, 5], 0)")
    return client


def quantize(r, s, z, qmin, qmax):
    return np.clip(np.rint(r / s) - z, qmin, qmax)


R = 3 * det((4, 5), 0)


def test_asymmetric_4_bit(kc):
    s = (R.max() - R.min()) / 15
    z = np.rint(R.min() / s)
    q = quantize(R, s, z, 0, 15)
    pc.run(kc, "let p = quant.qparams(r.min(), r.max(), bits: 4)\nlet q = quant.quantize(r, p.scale, p.zero, p.qmin, p.qmax)")
    pc.check(kc, "tensor([p.scale.item, p.zero.item], dtype: \"f64\")", [s, z], rtol=1e-12, atol=1e-12)
    pc.check(kc, "q", q, rtol=0, atol=0)
    pc.check(kc, "quant.dequantize(q, p.scale, p.zero)", s * (q + z), rtol=1e-12, atol=1e-12)
    assert pc.run(kc, "(p.qmin, p.qmax)") == "(0, 15)"


def test_symmetric_full_and_restricted_per_channel(kc):
    m = np.abs(R).max()
    s = 2 * m / 255
    pc.run(kc, "let m = r.abs().max()\nlet f = quant.qparams(-m, m, bits: 8, symmetric: true)")
    pc.check(kc, "quant.quantize(r, f.scale, f.zero, f.qmin, f.qmax)", quantize(R, s, 0, -128, 127), rtol=0, atol=0)
    rows = np.abs(R).max(axis=1, keepdims=True)
    s = rows / 7
    q = quantize(R, s, 0, -7, 7)
    pc.run(kc, "let range = quant.calibrate(r.abs(), axis: 0)\n"
               "let g = quant.qparams(-range.beta, range.beta, bits: 4, symmetric: true, restricted: true)")
    pc.check(kc, "quant.quantize(r, g.scale, g.zero, g.qmin, g.qmax)", q, rtol=0, atol=0)
    pc.check(kc, "quant.dequantize(quant.quantize(r, g.scale, g.zero, g.qmin, g.qmax), g.scale, g.zero)", s * q,
             rtol=1e-12, atol=1e-12)
    assert pc.run(kc, "(g.qmin, g.qmax)") == "(-7, 7)"


def test_fake_quant_clip_and_ste_gradient(kc):
    s = 3 / 7
    z = np.rint(-1 / s)
    inner = np.rint(R / s) - z
    pc.run(kc, "let w = param(r)\nlet y = quant.fake_quant(w, alpha: -1.0, beta: 2.0, bits: 3)\ny.sum().backward()")
    pc.check(kc, "y", s * (np.clip(inner, 0, 7) + z), rtol=1e-12, atol=1e-12)
    pc.check(kc, "w.grad", ((inner >= 0) & (inner <= 7)).astype(float), rtol=0, atol=0)


def test_stochastic_round_and_dyadic(kc):
    x = 2.5 * det((10,), 1)
    u = 0.5 * (det((10,), 2) + 1) * 0.999999
    pc.check(kc, "quant.stochastic_round(2.5 * det_input([10], 1), u: 0.5 * (det_input([10], 2) + 1) * 0.999999)",
             np.floor(x) + (u < x - np.floor(x)), rtol=0, atol=0)
    b = int(np.rint(0.0123456 * 2 ** 31))
    assert pc.run(kc, "quant.to_dyadic(0.0123456)") == f"(b: {b}, c: 31)"
    acc = np.rint(1000 * det((8,), 3)).astype(np.int64)
    pc.check(kc, "quant.requantize((1000 * det_input([8], 3)).round().long(), " + str(b) + ", 31)",
             (acc * b + (1 << 30)) >> 31, rtol=0, atol=0)


def test_calibrate_percentile(kc):
    pc.check(kc, "tensor([quant.calibrate(r, method: \"percentile\", percentile: 90.0).alpha.item, "
                 "quant.calibrate(r, method: \"percentile\", percentile: 90.0).beta.item])",
             [np.percentile(R, 10), np.percentile(R, 90)], rtol=1e-6, atol=1e-6)


def test_errors(kc):
    ename, evalue = pc.error(kc, "quant.qparams(1.0, 1.0)")
    assert ename == "ValueError" and "beta must be greater than alpha" in evalue
    ename, _ = pc.error(kc, "quant.qparams(-1.0, 1.0, bits: 1)")
    assert ename == "ValueError"
    ename, evalue = pc.error(kc, "quant.requantize(tensor([4611686018427387904]), 4, 1)")
    assert ename == "ValueError" and "overflows" in evalue
