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
