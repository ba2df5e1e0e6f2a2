"""polycom (41): the specification's numeric cases through the kernel against NumPy."""
from __future__ import annotations

import numpy as np
import pytest

import paper_checks as pc
from paper_checks import det


def norm(z, eps=1e-6):
    return z / np.sqrt((z ** 2).mean(-1, keepdims=True) + eps)


def polynorm(x, weight=(1 / 3, 1 / 3, 1 / 3), bias=0.0):
    r = len(weight)
    return sum(weight[j] * norm(x ** (r - j)) for j in range(r)) + bias


def polyrelu(x, weight=(1 / 3, 1 / 3, 1 / 3), bias=0.0):
    r = len(weight)
    return sum(weight[j] * np.maximum(x, 0) ** (r - j) for j in range(r)) + bias


@pytest.fixture
def kc(kernel):
    _, client = kernel
    pc.setup(client)
    return client


def test_polynorm_cases(kc):
    x = det((2, 3, 8), 0)
    pc.check(kc, "polycom.polynorm(det_input([2, 3, 8], 0))", polynorm(x), rtol=1e-9, atol=1e-12)
    pc.check(kc, "polycom.polynorm(det_input([2, 3, 8], 0), weight: det_input([3], 1), bias: 0.1)",
             polynorm(x, det((3,), 1), 0.1), rtol=1e-6, atol=1e-7)
    pc.check(kc, "polycom.polynorm(2 * det_input([4, 16], 2))", polynorm(2 * det((4, 16), 2)), rtol=1e-9, atol=1e-12)
    pc.check(kc, "polycom.polynorm(det_input([2, 3, 8], 0), weight: tensor([0.1, 0.2, 0.3, 0.4], dtype: \"f64\"), bias: -0.05)",
             polynorm(x, [0.1, 0.2, 0.3, 0.4], -0.05), rtol=1e-6, atol=1e-7)


def test_polyrelu_cases(kc):
    x = 2 * det((4, 16), 2)
    pc.check(kc, "polycom.polyrelu(2 * det_input([4, 16], 2))", polyrelu(x), rtol=1e-9, atol=1e-12)
    pc.check(kc, "polycom.polyrelu(2 * det_input([4, 16], 2), weight: det_input([3], 1), bias: 0.1)",
             polyrelu(x, det((3,), 1), 0.1), rtol=1e-6, atol=1e-7)


def test_polynorm_grad_x(kc):
    x = det((2, 3, 8), 0)
    g = det((2, 3, 8), 3)
    w = det((3,), 1)
    f = lambda v: (g * polynorm(v, w)).sum()
    numeric = np.zeros_like(x)
    for i in np.ndindex(x.shape):
        e = np.zeros_like(x)
        e[i] = 1e-6
        numeric[i] = (f(x + e) - f(x - e)) / 2e-6
    code = ("grad({ v in (det_input([2, 3, 8], 3) * polycom.polynorm(v, weight: det_input([3], 1))).sum() })"
            "(det_input([2, 3, 8], 0))")
    pc.check(kc, code, numeric, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("layer,act", [("PolyNorm", polynorm), ("PolyReLU", polyrelu)])
def test_ffn(kc, layer, act):
    x = det((2, 3, 8), 0)
    w1, b1, w2, b2 = 0.4 * det((32, 8), 4), 0.1 * det((32,), 5), 0.4 * det((8, 32), 6), 0.1 * det((8,), 7)
    pc.run(kc, f"let ffn_{layer} = Sequential([Linear(8, 32), polycom.{layer}(), Linear(32, 8)])\n"
               f"ffn_{layer}[0].weight = 0.4 * det_input([32, 8], 4)\nffn_{layer}[0].bias = 0.1 * det_input([32], 5)\n"
               f"ffn_{layer}[2].weight = 0.4 * det_input([8, 32], 6)\nffn_{layer}[2].bias = 0.1 * det_input([8], 7)")
    pc.check(kc, f"ffn_{layer}(det_input([2, 3, 8], 0))", act(x @ w1.T + b1) @ w2.T + b2, rtol=1e-4, atol=1e-5)
    weight = pc.value(kc, f"ffn_{layer}[1].weight")
    np.testing.assert_allclose(weight, np.ones(3) / 3, rtol=1e-6)
    assert pc.value(kc, f"ffn_{layer}[1].bias").shape == (1,)


def test_rejects_bad_input(kc):
    ename, evalue = pc.error(kc, "polycom.polynorm(ones(2, 3), eps: 0)")
    assert ename == "ValueError" and "eps must be > 0" in evalue
    ename, _ = pc.error(kc, "polycom.polynorm(ones(2, 0))")
    assert ename == "ShapeError"
    ename, evalue = pc.error(kc, "polycom.polyrelu(ones(2, 3), weight: zeros(0))")
    assert ename == "ValueError" and "weight" in evalue
