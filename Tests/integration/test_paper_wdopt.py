"""wdopt (13): the specification's numeric cases through the kernel against NumPy (models.py formulas)."""
from __future__ import annotations

import math

import numpy as np
import pytest

import paper_checks as pc
from paper_checks import det

ASN = math.asin(2 / 3)


def sphere(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def dual_3d(x):
    return x ** 3 / 2 + x / 2


def relu_dual(x):
    return (x * (np.pi - np.arccos(x)) + np.sqrt(1 - x ** 2)) / np.pi


def relu_grad(x):
    return (np.pi - np.arccos(x)) / np.pi


XTR, XTE = sphere(det((6, 3), 0)), sphere(det((4, 3), 1))
Y = np.sign(det((6,), 2))


@pytest.fixture
def kc(kernel):
    _, client = kernel
    pc.setup(client)
    pc.run(client, "let Xtr = wdopt.to_sphere(det_input([6, 3], 0))\nlet Xte = wdopt.to_sphere(det_input([4, 3], 1))\n"
                   "let y = sign(det_input([6], 2))\nlet xi = 0.9 * det_input([7], 0)")
    return client


def test_duals(kc):
    xi = 0.9 * det((7,), 0)
    pc.check(kc, 'wdopt.dual(xi, act: "sine", a: 2.676)', np.sinh(2.676 * xi) / np.sinh(2.676), rtol=1e-10, atol=1e-12)
    pc.check(kc, 'wdopt.dual_grad(xi, act: "erf")', (2 / 3) / np.sqrt(1 - 4 * xi ** 2 / 9) / ASN, rtol=1e-10)
    pc.check(kc, 'wdopt.dual(xi, act: "relu")', relu_dual(xi), rtol=1e-10, atol=1e-12)
    pc.check(kc, 'wdopt.dual(xi, act: "hermite_3")', xi ** 3, rtol=1e-10, atol=1e-12)


def test_kernels_and_classifier(kc):
    s = np.clip(XTR @ XTE.T, -1, 1)
    for _ in range(5):
        s = np.clip(dual_3d(s), -1, 1)
    pc.check(kc, 'wdopt.nngp(Xtr, Xte, depth: 5, act: "3d_opt")', s, rtol=1e-9, atol=1e-12)

    def ntk(a, b):
        s = np.clip(a @ b.T, -1, 1)
        k = s.copy()
        for _ in range(3):
            nxt = relu_dual(s)
            k = nxt + k * relu_grad(s)
            s = nxt
        return k
    pc.check(kc, 'wdopt.ntk(Xtr, Xte, depth: 3, act: "relu")', ntk(XTR, XTE), rtol=1e-9, atol=1e-12)
    expected = np.linalg.solve(ntk(XTR, XTR), Y) @ ntk(XTR, XTE)
    pc.check(kc, 'wdopt.kernel_classify(wdopt.ntk(Xtr, Xtr, depth: 3, act: "relu"), y, wdopt.ntk(Xtr, Xte, depth: 3, act: "relu"), nngp_diag: false)',
             expected, rtol=1e-6, atol=1e-9)
    pc.check(kc, "wdopt.hilbert_scores(Xtr, y, Xte)", Y @ (1 / (2 - 2 * XTR @ XTE.T)), rtol=1e-9)


def test_limit_exponent_and_errors(kc):
    assert float(pc.run(kc, 'wdopt.limit_exponent("5d_opt")')) == pytest.approx(4, abs=1e-9)
    assert float(pc.run(kc, 'wdopt.limit_exponent("sine", a: 6.13539)')) == pytest.approx(4, abs=1e-3)
    ename, evalue = pc.error(kc, "wdopt.dual(tensor([1.1]))")
    assert ename == "ValueError" and "correlations must lie in [-1,1]" in evalue
    ename, evalue = pc.error(kc, "wdopt.nngp(det_input([6, 3], 0), Xte)")
    assert ename == "ValueError" and "wdopt.to_sphere" in evalue
