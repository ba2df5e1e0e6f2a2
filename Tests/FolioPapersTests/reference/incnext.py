"""Reference values for InceptionNeXtTests.swift (25 incnext), computed with NumPy from the official module math
(sail-sg/inceptionnext models/inceptionnext.py: InceptionDWConv2d, MetaNeXtBlock with ConvMlp, MlpHead).

Run: python3 Tests/FolioPapersTests/reference/incnext.py  (NumPy only); paste the output into the test.
Convolutions are written as explicit loops over taps (cross-correlation with zero padding, as nn.Conv2d).
"""
from math import erf, sqrt

import numpy as np


def det(shape, k):
    n = int(np.prod(shape))
    return np.sin(0.37 * np.arange(n, dtype=np.float64) + k).reshape(shape)


def depthwise(x, w, b, pad):
    """groups = channels; w (C, 1, kh, kw); pad (ph, pw)."""
    n, c, h, wd = x.shape
    kh, kw = w.shape[2:]
    ph, pw = pad
    xp = np.zeros((n, c, h + 2 * ph, wd + 2 * pw))
    xp[:, :, ph:ph + h, pw:pw + wd] = x
    out_h, out_w = h + 2 * ph - kh + 1, wd + 2 * pw - kw + 1
    y = np.zeros((n, c, out_h, out_w))
    for i in range(kh):
        for j in range(kw):
            y += w[None, :, 0, i, j, None, None] * xp[:, :, i:i + out_h, j:j + out_w]
    return y + b[None, :, None, None]


def inception_dwconv(x, w_hw, b_hw, w_w, b_w, w_h, b_h, ratio, square, band):
    c = x.shape[1]
    gc = int(c * ratio)
    i = c - 3 * gc
    parts = [x[:, :i],
             depthwise(x[:, i:i + gc], w_hw, b_hw, (square // 2, square // 2)),
             depthwise(x[:, i + gc:i + 2 * gc], w_w, b_w, (0, band // 2)),
             depthwise(x[:, i + 2 * gc:], w_h, b_h, (band // 2, 0))]
    return np.concatenate(parts, axis=1)


gelu = np.vectorize(lambda v: 0.5 * v * (1 + erf(v / sqrt(2))))


def conv1x1(x, w, b):
    return np.einsum("oi,nihw->nohw", w[:, :, 0, 0], x) + b[None, :, None, None]


def show(name, values):
    print(f"// {name} {values.shape}")
    print("[" + ", ".join(f"{v:.9g}" for v in np.ravel(values)) + "]")


x1 = det([1, 8, 6, 7], 0)
case1 = (det([2, 1, 3, 3], 1), det([2], 2), det([2, 1, 1, 5], 3), det([2], 4), det([2, 1, 5, 1], 5), det([2], 6))
y1 = inception_dwconv(x1, *case1, 0.25, 3, 5)
show("inception_dwconv_c8_r025_b5", y1)

x2 = det([2, 16, 5, 7], 0.5)
case2 = (det([2, 1, 3, 3], 2), det([2], 3), det([2, 1, 1, 11], 4), det([2], 5), det([2, 1, 11, 1], 6), det([2], 7))
y2 = inception_dwconv(x2, *case2, 0.125, 3, 11)
show("inception_dwconv_default_c16, the convolved channels [:, 10:] (the rest is x)", y2[:, 10:])

mean, var = 0.1 * det([8], 3), 1 + 0.5 * det([8], 4) ** 2
weight, bias = 1 + 0.1 * det([8], 5), 0.1 * det([8], 6)
bn = (y1 - mean[None, :, None, None]) / np.sqrt(var[None, :, None, None] + 1e-5) * weight[None, :, None, None] \
    + bias[None, :, None, None]
hidden = gelu(conv1x1(bn, 0.3 * det([32, 8, 1, 1], 7), 0.1 * det([32], 8)))
mlp = conv1x1(hidden, 0.3 * det([8, 32, 1, 1], 9), 0.1 * det([8], 10))
show("metanext_block_c8", x1 + det([8], 11)[None, :, None, None] * mlp)

x4 = det([2, 8, 3, 3], 12)
pooled = x4.mean(axis=(2, 3))
h = gelu(pooled @ (0.4 * det([24, 8], 13)).T + 0.1 * det([24], 14))
mu = h.mean(axis=-1, keepdims=True)
sd = np.sqrt(h.var(axis=-1, keepdims=True) + 1e-6)
h = (h - mu) / sd * (1 + 0.1 * det([24], 15)) + 0.1 * det([24], 16)
show("mlp_head_c8_k5", h @ (0.4 * det([5, 24], 17)).T + 0.1 * det([5], 18))
