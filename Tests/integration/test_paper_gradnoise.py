"""gradnoise (18): the specification's numeric cases through the kernel against NumPy."""
from __future__ import annotations

import numpy as np
import pytest

import paper_checks as pc
from paper_checks import det

STEPS = [0, 1, 2, 5, 10, 100, 1000, 10000]


@pytest.fixture
def kc(kernel):
    _, client = kernel
    pc.setup(client)
    pc.run(client, f"let steps = tensor({STEPS}, dtype: \"f64\")")
    return client


@pytest.mark.parametrize("eta", [0.01, 0.3, 1.0])
def test_schedule(kc, eta):
    t = np.array(STEPS, dtype=np.float64)
    pc.check(kc, f"gradnoise.variance(steps, eta: {eta})", eta / (1 + t) ** 0.55, rtol=1e-10, atol=0)
    pc.check(kc, f"gradnoise.std(steps, eta: {eta})", np.sqrt(eta / (1 + t) ** 0.55), rtol=1e-10, atol=0)
    pc.check(kc, "gradnoise.variance(steps, eta: 1.0, gamma: 1.0)", 1 / (1 + t), rtol=1e-10, atol=0)


def step_inputs():
    params = [det((3, 4), 0), det((4,), 1)]
    grads = [5 * det((3, 4), 2), 5 * det((4,), 3)]
    noise = [det((3, 4), 4), det((4,), 5)]
    return params, grads, noise


SETUP = ("let grads = [5 * det_input([3, 4], 2), 5 * det_input([4], 3)]\n"
         "let noise = [det_input([3, 4], 4), det_input([4], 5)]")


def test_noisy_sgd_step_with_explicit_noise(kc):
    pc.run(kc, SETUP)
    params, grads, noise = step_inputs()
    sigma = np.sqrt(0.3 / 8 ** 0.55)
    for index in range(2):
        expected = params[index] - 0.1 * (grads[index] + sigma * noise[index])
        code = f"det_input({list(params[index].shape)}, {index}) - 0.1 * gradnoise.add(grads, 7, eta: 0.3, noise: noise)[{index}]"
        pc.check(kc, code, expected, rtol=1e-10, atol=1e-12)
    pc.check(kc, "gradnoise.add(grads, 7, eta: 0.0)[0]", grads[0], rtol=0, atol=0)


def test_clip_then_noise(kc):
    pc.run(kc, SETUP)
    params, grads, noise = step_inputs()
    norm = np.sqrt(sum((g ** 2).sum() for g in grads))
    clipped = [g * min(1.0, 2.0 / norm) for g in grads]
    sigma = np.sqrt(1.0 / 4 ** 0.55)
    pc.check(kc, "gradnoise.add(gradnoise.clip(grads, 2.0), 3, eta: 1.0, noise: noise)[1]", clipped[1] + sigma * noise[1],
             rtol=1e-10, atol=1e-12)
    total = "sqrt(sum(gradnoise.clip(grads, 2.0).map { g in (g * g).sum().item }))"
    assert abs(float(pc.run(kc, total)) - 2.0) < 1e-9


def test_wrapper_with_zero_eta_is_plain_sgd(kc):
    code = ("let w1 = param(det_input([3, 4], 0))\nlet w2 = param(det_input([3, 4], 0))\n"
            "let plain = SGD([w1], lr: 0.1)\nlet noisy = gradnoise.Noisy(SGD([w2], lr: 0.1), eta: 0.0)\n"
            "plain.step(sum(w1 * w1 * w1))\nnoisy.step(sum(w2 * w2 * w2))\n(w1 == w2).all().item")
    assert pc.run(kc, code) == "true"
    assert pc.run(kc, "noisy.t") == "1"


def test_seeded_wrapper_is_reproducible(kc):
    code = ("func train(seed) {\n    let w = param(ones(5, dtype: \"f64\"))\n"
            "    let opt = gradnoise.Noisy(SGD([w], lr: 0.1), eta: 0.3, clip: 1.0, seed: seed)\n"
            "    for i in 0..<3 { opt.step(sum(w * w)) }\n    w\n}\n"
            "((train(4) == train(4)).all().item, (train(4) == train(5)).all().item)")
    assert pc.run(kc, code) == "(true, false)"


def test_errors(kc):
    ename, evalue = pc.error(kc, "gradnoise.variance(-1)")
    assert ename == "ValueError" and "t must be ≥ 0" in evalue
    ename, _ = pc.error(kc, "gradnoise.Noisy(3)")
    assert ename == "TypeError"
