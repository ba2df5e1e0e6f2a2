"""evonorm (01): the specification's numeric cases through the kernel against NumPy."""
from __future__ import annotations

import numpy as np
import pytest

import paper_checks as pc
from paper_checks import det


def group_std(x: np.ndarray, groups: int, eps: float) -> np.ndarray:
    n, c, h, w = x.shape
    g = groups
    while g > 1 and c % g != 0:
        g -= 1
    grouped = x.reshape(n, g, c // g, h, w)
    std = np.sqrt(grouped.var(axis=(2, 3, 4), keepdims=True) + eps)
    return np.broadcast_to(std, grouped.shape).reshape(x.shape)


def s0(x, v, gamma, beta, groups, eps=1e-5):
    sig = 1 / (1 + np.exp(-(v * x)))
    return x * sig / group_std(x, groups, eps) * gamma + beta


@pytest.fixture
def kc(kernel):
    _, client = kernel
    pc.setup(client)
    return client


@pytest.mark.parametrize("groups", [4, 32])
def test_s0_basic_and_default_groups(kc, groups):
    x = det((2, 8, 3, 3), 0)
    v, gamma, beta = 0.5 + 0.25 * det((8,), 1), 1 + 0.1 * det((8,), 2), 0.1 * det((8,), 3)
    code = (f"evonorm.s0(det_input([2, 8, 3, 3], 0), 0.5 + 0.25 * det_input([8], 1), "
            f"1 + 0.1 * det_input([8], 2), 0.1 * det_input([8], 3), groups: {groups})")
    shape = (1, 8, 1, 1)
    pc.check(kc, code, s0(x, v.reshape(shape), gamma.reshape(shape), beta.reshape(shape), groups))


def test_s0_group_fallback(kc):
    x = det((1, 6, 2, 2), 5)
    pc.check(kc, "evonorm.s0(det_input([1, 6, 2, 2], 5), ones(6), ones(6), zeros(6), groups: 4)", s0(x, 1, 1, 0, 4))


def test_s0_rejects_bad_input(kc):
    ename, evalue = pc.error(kc, "evonorm.s0(ones(2, 8, 3), ones(8), ones(8), zeros(8))")
    assert ename == "ShapeError" and "NCHW" in evalue


# B0 and the variants (timm definitions), with the spec's b0 inputs: x = 2·det((3,4,2,3),0).
B0_INPUTS = ("let bx = 2 * det_input([3, 4, 2, 3], 0)\n"
             "let bv = 0.5 + 0.25 * det_input([4], 1)\n"
             "let bg = 1 + 0.1 * det_input([4], 2)\n"
             "let bb = 0.1 * det_input([4], 3)\n"
             "let brv = 0.5 + det_input([4], 7) ** 2")


def channel(values):
    return np.asarray(values).reshape(1, -1, 1, 1)


def b0_inputs():
    x = 2 * det((3, 4, 2, 3), 0)
    return (x, channel(0.5 + 0.25 * det((4,), 1)), channel(1 + 0.1 * det((4,), 2)), channel(0.1 * det((4,), 3)),
            0.5 + det((4,), 7) ** 2)


def instance_std(x, eps=1e-5):
    return np.sqrt(x.var(axis=(2, 3), keepdims=True) + eps)


def instance_rms(x, eps=1e-5):
    return np.sqrt((x ** 2).mean(axis=(2, 3), keepdims=True) + eps)


def batch_std(x, eps=1e-5):
    return np.sqrt(x.var(axis=(0, 2, 3), keepdims=True) + eps)


def b0_ref(x, v, gamma, beta, std, eps=1e-5):
    return x / np.maximum(std, v * x + instance_std(x, eps)) * gamma + beta


def silu(x):
    return x / (1 + np.exp(-x))


@pytest.fixture
def kb(kc):
    pc.run(kc, B0_INPUTS)
    return kc


def test_b0_train_and_running_var_update(kb):
    x, v, gamma, beta, running = b0_inputs()
    pc.check(kb, "evonorm.b0(bx, bv, bg, bb, running_var: brv).y", b0_ref(x, v, gamma, beta, batch_std(x)))
    expected = 0.9 * running + 0.1 * x.var(axis=(0, 2, 3))
    pc.check(kb, "evonorm.b0(bx, bv, bg, bb, running_var: brv, momentum: 0.1).running_var", expected)
    assert pc.run(kb, "evonorm.b0(bx, bv, bg, bb).running_var == nil") == "true"


def test_b0_eval(kb):
    x, v, gamma, beta, running = b0_inputs()
    expected = b0_ref(x, v, gamma, beta, np.sqrt(channel(running) + 1e-5))
    pc.check(kb, "evonorm.b0(bx, bv, bg, bb, running_var: brv, training: false).y", expected)
    pc.check(kb, "evonorm.b0(bx, bv, bg, bb, running_var: brv, training: false).running_var", running)
    ename, evalue = pc.error(kb, "evonorm.b0(bx, bv, bg, bb, training: false)")
    assert ename == "ValueError" and "running_var required when training=false" in evalue
    ename, evalue = pc.error(kb, "evonorm.b0(ones(1, 4, 1, 1), bv, bg, bb)")
    assert ename == "ValueError" and "N·H·W > 1" in evalue


def test_b0_layer_train_then_eval(kb):
    x, v, gamma, beta, running = b0_inputs()
    pc.run(kb, "let layer = evonorm.B0(4)\nlayer.v = bv.reshape([1, 4, 1, 1])\nlayer.gamma = bg.reshape([1, 4, 1, 1])\n"
               "layer.beta = bb.reshape([1, 4, 1, 1])\nlayer.running_var = brv.reshape([1, 4, 1, 1])")
    pc.check(kb, "layer(bx)", b0_ref(x, v, gamma, beta, batch_std(x)))
    updated = 0.9 * channel(running) + 0.1 * x.var(axis=(0, 2, 3), keepdims=True)
    pc.check(kb, "layer.running_var", updated)
    pc.run(kb, "layer.eval()")
    pc.check(kb, "layer(bx)", b0_ref(x, v, gamma, beta, np.sqrt(updated + 1e-5)))
    pc.check(kb, "layer.running_var", updated)


def test_variants(kc):
    pc.run(kc, B0_INPUTS)
    x = det((2, 8, 3, 3), 0)
    gamma, beta = channel(1 + 0.1 * det((8,), 2)), channel(0.1 * det((8,), 3))
    args = "det_input([2, 8, 3, 3], 0), 1 + 0.1 * det_input([8], 2), 0.1 * det_input([8], 3), groups: 4"
    pc.check(kc, f"evonorm.s1({args})", silu(x) / group_std(x, 4, 1e-5) * gamma + beta)
    grouped = x.reshape(2, 4, 2, 3, 3)
    rms = np.broadcast_to(np.sqrt((grouped ** 2).mean(axis=(2, 3, 4), keepdims=True) + 1e-5), grouped.shape).reshape(x.shape)
    pc.check(kc, f"evonorm.s2({args})", silu(x) / rms * gamma + beta)
    bx, _, bg, bb, _ = b0_inputs()
    left = batch_std(bx)
    pc.check(kc, "evonorm.b1(bx, bg, bb)", bx / np.maximum(left, (bx + 1) * instance_rms(bx)) * bg + bb)
    pc.check(kc, "evonorm.b2(bx, bg, bb)", bx / np.maximum(left, instance_rms(bx) - bx) * bg + bb)


def test_affine_only(kc):
    x = det((2, 8, 3, 3), 0)
    gamma, beta = channel(1 + 0.1 * det((8,), 2)), channel(0.1 * det((8,), 3))
    pc.run(kc, "let s = evonorm.S0(8, nonlinearity: false)\ns.gamma = (1 + 0.1 * det_input([8], 2)).reshape([1, 8, 1, 1])\n"
               "s.beta = (0.1 * det_input([8], 3)).reshape([1, 8, 1, 1])")
    pc.check(kc, "s(det_input([2, 8, 3, 3], 0))", x * gamma + beta)
