"""Reference values for EvonormTests.swift (01 evonorm), computed with NumPy from the spec's formulas.

Run: python3 Tests/FolioPapersTests/reference/evonorm.py  (NumPy only); paste the output into the test.
"""
import numpy as np


def det(shape, k):
    n = int(np.prod(shape))
    return np.sin(0.37 * np.arange(n, dtype=np.float64) + k).reshape(shape)


def group_std(x, groups, eps):
    n, c, h, w = x.shape
    g = groups
    while g > 1 and c % g:
        g -= 1
    grouped = x.reshape(n, g, c // g, h, w)
    std = np.sqrt(grouped.var(axis=(2, 3, 4), keepdims=True) + eps)
    return np.broadcast_to(std, grouped.shape).reshape(x.shape)


def s0(x, v, gamma, beta, groups, eps=1e-5):
    return x / (1 + np.exp(-v * x)) / group_std(x, groups, eps) * gamma + beta


def channel(values):
    return values.reshape(1, -1, 1, 1)


def show(name, values):
    print(f"// {name}")
    print("[" + ", ".join(f"{v:.17g}" for v in values.ravel()) + "]")


x = det((2, 8, 3, 3), 0)
v, gamma, beta = channel(0.5 + 0.25 * det((8,), 1)), channel(1 + 0.1 * det((8,), 2)), channel(0.1 * det((8,), 3))
show("s0_basic, first 12 of sample 1 (offset 72)", s0(x, v, gamma, beta, 4)[1].ravel()[:12])
show("s0_default_groups (groups 32 -> 8), first 12", s0(x, v, gamma, beta, 32).ravel()[:12])
show("s0_group_fallback (C=6, groups 4 -> 3)", s0(det((1, 6, 2, 2), 5), 1, 1, 0, 4))


# B0 and the timm variants (the spec's b0_*/s1/s2/b1/b2 cases).
def instance_std(x, eps=1e-5):
    return np.sqrt(x.var(axis=(2, 3), keepdims=True) + eps)


def instance_rms(x, eps=1e-5):
    return np.sqrt((x * x).mean(axis=(2, 3), keepdims=True) + eps)


def batch_var(x):
    return x.var(axis=(0, 2, 3), keepdims=True)


def b0(x, v, gamma, beta, var, eps=1e-5):
    return x / np.maximum(np.sqrt(var + eps), v * x + instance_std(x, eps)) * gamma + beta


def group_rms(x, groups, eps):
    n, c, h, w = x.shape
    grouped = x.reshape(n, groups, c // groups, h, w)
    rms = np.sqrt((grouped * grouped).mean(axis=(2, 3, 4), keepdims=True) + eps)
    return np.broadcast_to(rms, grouped.shape).reshape(x.shape)


def silu(x):
    return x / (1 + np.exp(-x))


xb = 2 * det((3, 4, 2, 3), 0)
vb, gb, bb = channel(0.5 + 0.25 * det((4,), 1)), channel(1 + 0.1 * det((4,), 2)), channel(0.1 * det((4,), 3))
running = channel(0.5 + det((4,), 7) ** 2)
show("b0_train", b0(xb, vb, gb, bb, batch_var(xb)))
show("b0_running_var_update", 0.9 * running + 0.1 * batch_var(xb))
show("b0_eval", b0(xb, vb, gb, bb, running))
show("s1_basic, first 12 of sample 1", (silu(x) / group_std(x, 4, 1e-5) * gamma + beta)[1].ravel()[:12])
show("s2_basic, first 12 of sample 1", (silu(x) / group_rms(x, 4, 1e-5) * gamma + beta)[1].ravel()[:12])
left = np.sqrt(batch_var(xb) + 1e-5)
show("b1_train", xb / np.maximum(left, (xb + 1) * instance_rms(xb)) * gb + bb)
show("b2_train", xb / np.maximum(left, instance_rms(xb) - xb) * gb + bb)
show("affine_only (s0_basic inputs, first 12)", (x * gamma + beta).ravel()[:12])
