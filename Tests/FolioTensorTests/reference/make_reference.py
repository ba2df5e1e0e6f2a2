"""Reference values for FolioTensorTests, computed with NumPy (float64).

Run `python3 make_reference.py` and paste the printed Swift literals into the tests.
Inputs follow CONVENTIONS.md: det(shape, k) = sin(0.37 * arange(n) + k), reshaped.
"""
import math
import numpy as np


def det(shape, k):
    n = int(np.prod(shape))
    return np.sin(0.37 * np.arange(n) + k).reshape(shape)


def emit(name, values):
    flat = np.asarray(values, dtype=np.float64).ravel()
    body = ", ".join(repr(float(v)) for v in flat)
    print(f"    static let {name}: [Double] = [{body}]")


def erf(a):
    return np.vectorize(math.erf)(a)


def softmax(a, axis):
    e = np.exp(a - a.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def logsumexp(a, axis):
    m = a.max(axis=axis, keepdims=True)
    return (np.log(np.exp(a - m).sum(axis=axis, keepdims=True)) + m).squeeze(axis)


print("enum Reference {")
x = det((12,), 0)
positive = np.abs(x) + 0.5
inside = 0.9 * x
emit("unaryInput", x)
emit("exp", np.exp(x))
emit("logPositive", np.log(positive))
emit("log1p", np.log1p(positive))
emit("expm1", np.expm1(x))
emit("sqrtPositive", np.sqrt(positive))
emit("rsqrtPositive", 1 / np.sqrt(positive))
emit("sin", np.sin(x)); emit("cos", np.cos(x)); emit("tan", np.tan(x))
emit("asinInside", np.arcsin(inside)); emit("acosInside", np.arccos(inside)); emit("atan", np.arctan(x))
emit("sinh", np.sinh(x)); emit("cosh", np.cosh(x)); emit("tanh", np.tanh(x))
emit("asinh", np.arcsinh(x)); emit("acoshShifted", np.arccosh(positive + 1)); emit("atanhInside", np.arctanh(inside))
emit("sigmoid", 1 / (1 + np.exp(-x)))
emit("erf", erf(x))
emit("geluScaled", (3 * x) * 0.5 * (1 + erf(3 * x / math.sqrt(2))))
emit("softplusScaled", np.logaddexp(0, 30 * x))
emit("siluScaled", 3 * x / (1 + np.exp(-3 * x)))
emit("roundScaled", np.round(2.5 * np.arange(-4, 8)))

a = det((2, 3, 1), 1)
b = det((4,), 2)
emit("broadcastAdd", a + b)
emit("broadcastSub", a - b)
emit("broadcastMul", a * b)
emit("broadcastDiv", a / b)
emit("broadcastPow", np.power(np.abs(a) + 0.5, b))
emit("broadcastMaximum", np.maximum(a, b))
emit("broadcastGreater", (a > b).astype(np.float64))

t = det((2, 3, 4), 0)
emit("sumAxes02", t.sum(axis=(0, 2)))
emit("meanAxis1", t.mean(axis=1, keepdims=True))
emit("varAxis2Ddof1", t.var(axis=2, ddof=1))
emit("stdAxis0", t.std(axis=0))
emit("prodAxis2", t.prod(axis=2))
emit("maxAxis1", t.max(axis=1))
emit("minAll", [t.min()])
emit("argmaxAxis2", t.argmax(axis=2))
emit("argminAxis0", t.argmin(axis=0))
emit("logsumexpAxis1", logsumexp(t, 1))
emit("cumsumAxis1", t.cumsum(axis=1))
emit("softmaxLast", softmax(t, -1))
emit("logSoftmaxAxis0", np.log(softmax(t, 0)))

emit("matmul2D", det((3, 4), 0) @ det((4, 5), 1))
emit("matmulBatched", det((2, 1, 3, 4), 0) @ det((3, 4, 2), 1))
emit("matmulTransposed", det((4, 3), 0).T @ det((5, 4), 1).T)
emit("matmulVector", det((3, 4), 0) @ det((4,), 1))

m = det((4, 4), 0) + 4 * np.eye(4)
rhs = det((4, 2), 1)
emit("linalgMatrix", m)
emit("solve", np.linalg.solve(m, rhs))
emit("inv", np.linalg.inv(m))
emit("det", [np.linalg.det(m)])
spd = m @ m.T + np.eye(4)
emit("cholesky", np.linalg.cholesky(spd))
emit("svdValues", np.linalg.svd(det((4, 3), 2), compute_uv=False))
emit("eighValues", np.linalg.eigh(spd)[0])
q, r = np.linalg.qr(det((4, 3), 2))
emit("qrAbsR", np.abs(r))
print("}")
