"""poincare (21): the specification's numeric cases through the kernel against NumPy."""
from __future__ import annotations

import numpy as np
import pytest

import paper_checks as pc
from paper_checks import det

# The NumPy reference the Swift tests' literals came from (Tests/FolioPapersTests/reference/poincare.py).
from poincare import (
    batchnorm2d, batchnorm_frechet, batchnorm_vectors, beta, conv2d, dist, expmap, expmap0, fc,
    frechet_mean, frechet_variance, gyration, hyperplane_dists, lam, linear, logmap, logmap0,
    midpoint, mobius_add, nrm, project, residual, resnet_identity_init, sq, transp, unfold,
)


@pytest.fixture
def kc(kernel):
    _, client = kernel
    pc.setup(client)
    return client


@pytest.mark.parametrize("c", [1.0, 0.1])
def test_geometry(kc, c):
    s = float(0.3 / np.sqrt(c))
    x, y, v = s * det([4, 3], 0), s * det([4, 3], 1), det([4, 3], 2)
    X, Y, V = f"{s!r} * det_input([4, 3], 0)", f"{s!r} * det_input([4, 3], 1)", "det_input([4, 3], 2)"
    tol = dict(rtol=1e-9, atol=1e-12)
    pc.check(kc, f"poincare.mobius_add({X}, {Y}, c: {c})", mobius_add(x, y, c), **tol)
    pc.check(kc, f"poincare.expmap0({V}, c: {c})", expmap0(v, c), **tol)
    pc.check(kc, f"poincare.logmap0({X}, c: {c})", logmap0(x, c), **tol)
    pc.check(kc, f"poincare.expmap({X}, 0.5 * {V}, c: {c})", expmap(x, 0.5 * v, c), **tol)
    pc.check(kc, f"poincare.logmap({X}, {Y}, c: {c})", logmap(x, y, c), **tol)
    pc.check(kc, f"poincare.dist({X}, {Y}, c: {c})", dist(x, y, c), **tol)
    pc.check(kc, f"poincare.transp({X}, {Y}, {V}, c: {c})", transp(x, y, v, c), **tol)
    pc.check(kc, f"poincare.gyration({X}, {Y}, {V}, c: {c})", gyration(x, y, v, c), **tol)
    z, r = det([3, 2], 3), 0.1 * det([2], 4)
    Z, R = "det_input([3, 2], 3)", "0.1 * det_input([2], 4)"
    pc.check(kc, f"poincare.hyperplane_dists({X}, {Z}, {R}, c: {c})", hyperplane_dists(x, z, r, c), **tol)
    pc.check(kc, f"poincare.fc({X}, {Z}, {R}, c: {c})", fc(x, z, r, c), **tol)
    mid = midpoint(x, c)
    pc.check(kc, f"poincare.midpoint({X}, c: {c})", mid, **tol)
    pc.check(kc, f"poincare.frechet_variance({X}, poincare.midpoint({X}, c: {c}), c: {c})", frechet_variance(x, mid, c), **tol)


def test_layers(kc):
    v6 = 0.5 * det([6, 3], 5)
    pc.run(kc, "let plin = poincare.Linear(3, 4, c: 1.0)\nplin.z = det_input([3, 4], 6)\nplin.bias = 0.1 * det_input([4], 7)")
    pc.check(kc, "plin(0.5 * det_input([6, 3], 5))", linear(v6, det([3, 4], 6), 0.1 * det([4], 7), 1.0), rtol=1e-4, atol=1e-5)
    pc.check(kc, "poincare.Linear(3, 3, c: 1.0)(0.5 * det_input([6, 3], 5))", v6, rtol=1e-4, atol=1e-5)
    pc.check(kc, "poincare.batchnorm(0.5 * det_input([6, 3], 5).reshape([6, 3, 1, 1]), zeros(3), 1.0, c: 1.0).reshape([6, 3])",
             batchnorm_vectors(v6, np.zeros(3), 1.0, 1.0), rtol=1e-6, atol=1e-7)
    pc.run(kc, "let pbn = poincare.BatchNorm2d(3, c: 0.1)\npbn.mean = 0.1 * det_input([3], 8)\npbn.var = 0.5")
    pc.check(kc, "pbn(0.5 * det_input([6, 3], 5).reshape([6, 3, 1, 1])).reshape([6, 3])",
             batchnorm_vectors(v6, 0.1 * det([3], 8), 0.5, 0.1), rtol=1e-4, atol=1e-5)
    pc.check(kc, "poincare.residual(0.5 * det_input([6, 3], 5), 0.5 * det_input([6, 3], 12), c: 0.1)",
             residual(v6, 0.5 * det([6, 3], 12), 0.1), rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize("c,stride", [(0.1, 1), (1.0, 2)])
def test_conv2d(kc, c, stride):
    xc = 0.5 * det([1, 2, 4, 4], 9)
    wc, bc = 0.3 * det([18, 3], 10), 0.1 * det([3], 11)
    name = f"pconv{stride}"
    pc.run(kc, f"let {name} = poincare.Conv2d(2, 3, 3, stride: {stride}, padding: 1, c: {c})\n"
               f"{name}.weights = 0.3 * det_input([18, 3], 10)\n{name}.bias = 0.1 * det_input([3], 11)")
    pc.check(kc, f"{name}(0.5 * det_input([1, 2, 4, 4], 9))", conv2d(xc, wc, bc, 3, stride, 1, c), rtol=1e-4, atol=1e-5)


def test_rejects_bad_input(kc):
    ename, evalue = pc.error(kc, "poincare.logmap0(tensor([0.8, 0.8]), c: 1.0)")
    assert ename == "ValueError" and "outside the ball" in evalue
    ename, evalue = pc.error(kc, "poincare.dist(tensor([0.1, 0.1]), tensor([0.1, 0.1]), c: 0)")
    assert ename == "ValueError" and "curvature" in evalue
    ename, _ = pc.error(kc, "poincare.fc(tensor([[0.1, 0.2]]), eye(3), zeros(3), c: 1.0)")
    assert ename == "ShapeError"
    ename, _ = pc.error(kc, "poincare.batchnorm(ones(4, 3), zeros(3), 1.0, c: 1.0)")
    assert ename == "ShapeError"


def test_resnet_at_identity_init(kc):
    expected = resnet_identity_init(det([2, 3, 8, 8], 13), 5, [4, 6, 6], [1, 2, 1], 0.1)
    pc.check(kc, "poincare.ResNet(5, channels: [4, 6, 6], depths: [1, 2, 1], c: 0.1)(det_input([2, 3, 8, 8], 13))",
             expected, rtol=1e-4, atol=1e-5)
    ename, _ = pc.error(kc, "poincare.ResNet(5, channels: [4, 6])")
    assert ename == "ValueError"


def test_frechet_mean_and_batchnorm_variant(kc):
    x = 0.3 * det([4, 3], 0)
    pc.check(kc, "poincare.frechet_mean(0.3 * det_input([4, 3], 0), c: 1.0)", frechet_mean(x, 1.0), rtol=1e-8, atol=1e-10)
    pc.run(kc, "let fbn = poincare.BatchNorm2d(3, c: 0.1, midpoint: false)\nfbn.mean = 0.1 * det_input([3], 8)\nfbn.var = 0.5")
    pc.check(kc, "fbn(0.5 * det_input([6, 3], 5).reshape([6, 3, 1, 1])).reshape([6, 3])",
             batchnorm_frechet(0.5 * det([6, 3], 5), 0.1 * det([3], 8), 0.5, 0.1), rtol=1e-4, atol=1e-5)
