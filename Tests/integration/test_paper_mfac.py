"""mfac (35): the specification's numeric cases through the kernel against dense NumPy solves."""
from __future__ import annotations

import numpy as np
import pytest

import paper_checks as pc
from paper_checks import det

G = det((4, 6), 0) + 0.5 * det((4, 6), 1.3) ** 2
X = det((6,), 1) ** 3 + 0.2
GRADS = det((5, 6), 3) + 0.5 * det((5, 6), 0.7) ** 2
SETUP = ("let G = det_input([4, 6], 0) + 0.5 * det_input([4, 6], 1.3) ** 2\n"
         "let x = det_input([6], 1) ** 3 + 0.2\n"
         "let grads = det_input([5, 6], 3) + 0.5 * det_input([5, 6], 0.7) ** 2")


def fisher(g, damp):
    return damp * np.eye(g.shape[1]) + g.T @ g / g.shape[0]


@pytest.fixture
def kc(kernel):
    _, client = kernel
    pc.setup(client)
    pc.run(client, SETUP)
    return client


def test_static_ihvp_and_diag(kc):
    pc.check(kc, "mfac.Static(G, damp: 0.1).ihvp(x)", np.linalg.solve(fisher(G, 0.1), X), rtol=1e-10, atol=1e-12)
    pc.check(kc, "mfac.Static(G, damp: 0.1).diag()", np.diag(np.linalg.inv(fisher(G, 0.1))), rtol=1e-10, atol=1e-12)
    pc.check(kc, "mfac.ihvp(G, x)", np.linalg.solve(fisher(G, 1e-5), X), rtol=1e-7, atol=1e-9)


def test_obs(kc):
    w = det((6,), 2)
    inverse = np.linalg.inv(fisher(G, 0.1))
    saliency = w ** 2 / (2 * np.diag(inverse))
    q = int(np.argmin(saliency))
    pc.run(kc, "let pruned = mfac.obs_prune(det_input([6], 2), G, damp: 0.1, k: 1)")
    pc.check(kc, "pruned.saliency", saliency, rtol=1e-10, atol=1e-14)
    pc.check(kc, "pruned.delta", -w[q] * inverse[:, q] / inverse[q, q], rtol=1e-10, atol=1e-14)
    mask = np.ones(6)
    mask[q] = 0
    pc.check(kc, "pruned.mask", mask)


def test_dynamic_window_and_step(kc):
    pc.run(kc, "let window = mfac.Dynamic(6, m: 3, damp: 0.1)")
    rows = np.zeros((3, 6))
    outputs = []
    for t in range(5):
        rows[t % 3] = GRADS[t]
        outputs.append(np.linalg.solve(fisher(rows, 0.1), GRADS[t]))
        pc.check(kc, f"window.update_mul(grads[{t}])", outputs[-1], rtol=1e-10, atol=1e-12)
    pc.run(kc, "let theta = param(det_input([6], 4))\nlet opt = mfac.MFAC([theta], lr: 0.1, ngrads: 3, damp: 0.1)\n"
               "for i in 0..<5 { opt.step(sum(theta * grads[i])) }")
    pc.check(kc, "theta", det((6,), 4) - 0.1 * np.sum(outputs, axis=0), rtol=1e-6, atol=1e-6)


def test_errors(kc):
    ename, evalue = pc.error(kc, "mfac.Static(G, damp: 0)")
    assert ename == "ValueError" and "damp" in evalue
    ename, _ = pc.error(kc, "mfac.Static(G).ihvp(ones(5))")
    assert ename == "ShapeError"
