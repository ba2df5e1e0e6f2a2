"""deepzero (33): the specification's numeric cases through the kernel against NumPy (float64)."""
from __future__ import annotations

import numpy as np
import pytest

import paper_checks as pc
from paper_checks import det

C = det((6,), 9)
THETA = det((6,), 0)
MU = 5e-3


def f(t: np.ndarray) -> float:
    return float(np.sum(C * np.sin(t)) + 0.5 * np.sum(t * t) + 0.1 * np.sum(t) ** 2)


def cge(t, mask=None, mu=MU):
    base, g = f(t), np.zeros_like(t)
    for i in range(t.size):
        if mask is None or mask[i]:
            p = t.copy()
            p[i] += mu
            g[i] = (f(p) - base) / mu
    return g


def rge_code(t, directions, mu=MU):
    base, g = f(t), np.zeros_like(t)
    for d in directions:
        u = d / (np.linalg.norm(d) + 1e-8)
        g += mu * u * (f(t + mu * u) - base) / mu / len(directions)
    return g


SETUP = (
    'let c = det_input([6], 9)\n'
    'let theta = det_input([6], 0)\n'
    'let f = { t in sum(c * sin(t)) + 0.5 * sum(t * t) + 0.1 * sum(t) ** 2 }'
)


@pytest.fixture
def kc(kernel):
    _, client = kernel
    pc.setup(client)
    pc.run(client, SETUP)
    return client


def test_cge_and_masked_cge(kc):
    pc.check(kc, "deepzero.cge(f, theta)", cge(THETA), rtol=1e-9, atol=1e-10)
    mask = np.array([1, 0, 1, 1, 0, 1])
    pc.check(kc, 'deepzero.cge(f, theta, mask: tensor([1, 0, 1, 1, 0, 1], dtype: "f64"))', cge(THETA, mask), rtol=1e-9, atol=1e-10)


def test_rge_paper_code_and_basis(kc):
    directions = det((4, 6), 1)
    pc.check(kc, "deepzero.rge(f, theta, directions: det_input([4, 6], 1))", rge_code(THETA, directions) / MU, rtol=1e-9, atol=1e-10)
    pc.check(kc, "deepzero.rge_code(f, theta, directions: det_input([4, 6], 1))", rge_code(THETA, directions), rtol=1e-9, atol=1e-12)
    pc.check(kc, '6 * deepzero.rge(f, theta, directions: eye(6, dtype: "f64"))', cge(THETA), rtol=1e-7, atol=1e-7)


def test_zo_grasp_scores_and_mask(kc):
    g0 = rge_code(THETA, det((8, 6), 2))
    g1 = rge_code(THETA + MU * g0, det((8, 6), 3))
    scores = -THETA * (g1 - g0) / MU
    code = "deepzero.zo_grasp_scores(f, theta, d0: det_input([8, 6], 2), d1: det_input([8, 6], 3))"
    pc.check(kc, code, scores, rtol=1e-6, atol=1e-9)
    mask = np.ones(6)
    mask[np.argsort(np.abs(scores), kind="stable")[: round(0.5 * 6)]] = 0
    pc.check(kc, f"deepzero.prune_mask({code}, 0.5)", mask)


def test_zo_sgd_step(kc):
    pc.run(kc, "let w = param(theta)\nlet opt = deepzero.ZOSGD([w], lr: 0.1, weight_decay: 0)\nopt.step { f(w) }")
    pc.check(kc, "w", THETA - 0.1 * cge(THETA), rtol=1e-9, atol=1e-10)
    assert pc.run(kc, "opt.queries") == "7"


def test_errors(kc):
    ename, evalue = pc.error(kc, "deepzero.cge(f, theta, mu: -1)")
    assert ename == "ValueError" and "mu must be positive" in evalue
    ename, evalue = pc.error(kc, 'deepzero.rge(f, theta, directions: zeros(3, 6, dtype: "f64"))')
    assert ename == "ValueError" and "zero" in evalue
    ename, evalue = pc.error(kc, "deepzero.rge(f, theta, q: 0)")
    assert ename == "ValueError" and "q must be at least 1" in evalue
