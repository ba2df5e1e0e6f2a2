"""Reference values for QuantTests.swift (26 quant), computed with NumPy from the survey's uniform
quantization formulas (Gholami et al. 2021, Sec. III): S, Z from the range, Q(r) = clamp(Int(r/S) - Z, qmin, qmax),
r~ = S (Q(r) + Z), Int = round half to even (np.rint); stochastic rounding; dyadic requantization.

Run: python3 Tests/FolioPapersTests/reference/quant.py  (NumPy only); paste the output into the test.
"""
import numpy as np


def det(shape, k):
    n = int(np.prod(shape))
    return np.sin(0.37 * np.arange(n, dtype=np.float64) + k).reshape(shape)


def show(name, values):
    print(f"// {name}")
    print("[" + ", ".join(f"{v:.17g}" for v in np.ravel(values)) + "]")


def quantize(r, s, z, qmin, qmax):
    return np.clip(np.rint(r / s) - z, qmin, qmax)


r = 3 * det((4, 5), 0)

# 4-bit asymmetric, per tensor
alpha, beta = r.min(), r.max()
s = (beta - alpha) / (2 ** 4 - 1)
z = np.rint(alpha / s)
q = quantize(r, s, z, 0, 15)
show("asym4_q", q)
show("asym4_dequant", s * (q + z))
show("asym4_scale_zero", [s, z])

# 8-bit symmetric, full range
m = np.abs(r).max()
s = 2 * m / (2 ** 8 - 1)
q = quantize(r, s, 0, -128, 127)
show("sym8_full_q", q)
show("sym8_full_dequant", s * q)

# 4-bit symmetric, restricted range, per row
m = np.abs(r).max(axis=1, keepdims=True)
s = m / (2 ** 3 - 1)
q = quantize(r, s, 0, -7, 7)
show("sym4_restricted_perchannel_q", q)
show("sym4_restricted_perchannel_dequant", s * q)

# fake quantization, 3-bit asymmetric on [-1, 2] (the data exceed it), and its STE gradient
s = 3.0 / 7
z = np.rint(-1 / s)
inner = np.rint(r / s) - z
show("fakequant_asym3_clip", s * (np.clip(inner, 0, 7) + z))
show("fakequant_asym3_ste_grad", ((inner >= 0) & (inner <= 7)).astype(np.float64))

# stochastic rounding with explicit uniforms
x = 2.5 * det((10,), 1)
u = 0.5 * (det((10,), 2) + 1) * 0.999999
show("stochastic_round", np.floor(x) + (u < x - np.floor(x)))

# dyadic requantization
m, c = 0.0123456, 31
b = int(np.rint(m * 2 ** c))
show("dyadic_b_c", [b, c])
acc = np.rint(1000 * det((8,), 3)).astype(np.int64)
show("dyadic_requant", (acc * b + (1 << (c - 1))) >> c)
show("dyadic_acc (input)", acc)

# calibration (not a spec case name; checks the percentile interpolation)
show("calibrate_percentile90", [np.percentile(r, 10), np.percentile(r, 90)])
show("calibrate_percentile99_axis0", np.stack([np.percentile(r, 1, axis=1), np.percentile(r, 99, axis=1)]))
