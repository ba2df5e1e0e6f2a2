"""kat (43): the specification's numeric cases through the kernel against NumPy (float64)."""
from __future__ import annotations

import numpy as np
import pytest

import paper_checks as pc
from paper_checks import det

GELU = ([-0.00153969, 0.51692871, 0.44075827, 0.0972553, -0.00884418, -0.00378675],
        [-0.14171056, -0.06481231, -0.0444695, 0.01283776])
SWISH = ([3.054879741161051e-07, 0.5000007853744493, 0.24999783422824703, 0.05326628273219478,
          0.005803034571292244, 0.0002751961022402342],
         [-4.111554955950634e-06, 0.10652899335007572, -1.2690007399796238e-06, 0.0005502331264140556])


def rational(x, a, b, groups, form="A"):
    a = np.broadcast_to(np.asarray(a, dtype=np.float64), (groups, 6))
    b = np.broadcast_to(np.asarray(b, dtype=np.float64), (groups, 4))
    g = np.arange(x.shape[-1]) // (x.shape[-1] // groups)
    ag, bg = a[g].T, b[g].T
    p = sum(ag[i] * x ** i for i in range(6))
    if form == "A":
        q = 1 + sum(np.abs(bg[i]) * np.abs(x) ** (i + 1) for i in range(4))
    else:
        q = 1 + np.abs(sum(bg[i] * x ** (i + 1) for i in range(4)))
    return p / q


@pytest.fixture
def kc(kernel):
    _, client = kernel
    pc.setup(client)
    pc.run(client, 'let gelu_c = kat.init_coeffs(mode: "gelu")\nlet swish_c = kat.init_coeffs(mode: "swish")')
    return client


def test_rational_forms_and_modes(kc):
    x = 3 * det((2, 4, 8), 0)
    pc.check(kc, 'kat.rational(3 * det_input([2, 4, 8], 0), kat.init_coeffs(mode: "identity").a, kat.init_coeffs(mode: "identity").b, groups: 4)', x, rtol=0, atol=0)
    pc.check(kc, "kat.rational(3 * det_input([2, 4, 8], 0), gelu_c.a, gelu_c.b, groups: 4)", rational(x, *GELU, 4), rtol=1e-12, atol=1e-14)
    pc.check(kc, 'kat.rational(3 * det_input([2, 4, 8], 0), gelu_c.a, gelu_c.b, groups: 4, form: "B")', rational(x, *GELU, 4, "B"), rtol=1e-12, atol=1e-14)
    pc.check(kc, "kat.rational(3 * det_input([2, 4, 8], 0), swish_c.a, swish_c.b, groups: 4)", rational(x, *SWISH, 4), rtol=1e-12, atol=1e-14)


def test_rational_grouped(kc):
    x = 2 * det((2, 3, 8), 2)
    b = np.array(SWISH[1]) + 0.1 * det((4, 4), 1)
    pc.run(kc, "let bg = swish_c.b + 0.1 * det_input([4, 4], 1)")
    for form in "AB":
        pc.check(kc, f'kat.rational(2 * det_input([2, 3, 8], 2), swish_c.a, bg, groups: 4, form: "{form}")',
                 rational(x, SWISH[0], b, 4, form), rtol=1e-12, atol=1e-14)


def test_vjp_matches_kernel_backward(kc):
    x, up = 3 * det((16,), 3), det((16,), 4)
    a, b = np.array(GELU[0]), np.array(GELU[1])
    ax = np.abs(x)
    p = sum(a[i] * x ** i for i in range(6))
    q = 1 + sum(abs(b[i]) * ax ** (i + 1) for i in range(4))
    r = sum(i * a[i] * x ** (i - 1) for i in range(1, 6))
    s = np.where(x < 0, -1.0, 1.0) * sum((i + 1) * abs(b[i]) * ax ** i for i in range(4))
    pc.run(kc, "let xg = param(3 * det_input([16], 3))\nlet ag = param(gelu_c.a)\nlet bgr = param(gelu_c.b)\n"
               "sum(kat.rational(xg, ag, bgr, groups: 1) * det_input([16], 4)).backward()")
    pc.check(kc, "xg.grad", (r / q - s * p / q ** 2) * up, rtol=1e-10, atol=1e-12)
    pc.check(kc, "ag.grad", [np.sum(x ** i / q * up) for i in range(6)], rtol=1e-10, atol=1e-12)
    pc.check(kc, "bgr.grad", [np.sum(-p / q ** 2 * np.sign(b[i]) * ax ** (i + 1) * up) for i in range(4)], rtol=1e-10, atol=1e-12)


def test_vp_std(kc):
    t, w = np.polynomial.hermite.hermgauss(200)
    expected = []
    for coeffs, form in [(GELU, "A"), (GELU, "B"), (SWISH, "A"), (SWISH, "B")]:
        f = rational(np.sqrt(2) * t[None, :], *coeffs, 1, form)[0]
        expected.append(np.sqrt(np.pi) / np.sum(w * f ** 2))
    code = ('[kat.vp_std(1, gain: "quadrature") ** 2, kat.vp_std(1, gain: "quadrature", form: "B") ** 2, '
            'kat.vp_std(1, mode: "swish", gain: "quadrature") ** 2, kat.vp_std(1, mode: "swish", gain: "quadrature", form: "B") ** 2]')
    pc.check(kc, f"tensor({code}, dtype: \"f64\")", expected, rtol=1e-10, atol=0)
    pc.check(kc, 'tensor([kat.vp_std(768), kat.vp_std(192, mode: "swish"), kat.vp_std(64, mode: "identity")], dtype: "f64")',
             [np.sqrt(2.3567850379928976 / 768), np.sqrt(2.8178205270359653 / 192), 0.125], rtol=1e-14, atol=0)


def test_grkan_block(kc):
    x = det((2, 3, 8), 5)
    w1, b1, w2, b2 = 0.3 * det((16, 8), 6), 0.1 * det((16,), 7), 0.3 * det((8, 16), 8), 0.1 * det((8,), 9)
    expected = rational(x @ w1.T + b1, *GELU, 8) @ w2.T + b2
    pc.run(kc, "let m = kat.GRKAN(8, hidden: 16, groups: 8, seed: 0)\n"
               "m.fc1.weight = 0.3 * det_input([16, 8], 6)\nm.fc1.bias = 0.1 * det_input([16], 7)\n"
               "m.fc2.weight = 0.3 * det_input([8, 16], 8)\nm.fc2.bias = 0.1 * det_input([8], 9)")
    pc.check(kc, "m(det_input([2, 3, 8], 5))", expected, rtol=1e-5, atol=1e-5)  # the layer's parameters are f32


def test_errors(kc):
    ename, evalue = pc.error(kc, "kat.rational(ones(2, 10), gelu_c.a, gelu_c.b, groups: 4)")
    assert ename == "ShapeError" and "kat.rational: last dim D=10 not divisible by groups=4" in evalue
    ename, evalue = pc.error(kc, "kat.rational(ones(2, 8), ones(7), gelu_c.b)")
    assert ename == "ShapeError" and "(6) or (groups, 6)" in evalue
    ename, evalue = pc.error(kc, 'kat.init_coeffs(mode: "nope")')
    assert ename == "ValueError" and "identity" in evalue and "swish" in evalue
