#!/usr/bin/env python3
"""NumPy side of the numeric benchmark: the cases of Sources/folio-bench, written as a NumPy user
writes them, training steps with hand-written backward passes. Prints JSON lines
(numeric_common.py); bench/numeric_bench.py runs it with OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset
(they slow NumPy's own, newer OpenBLAS) and reports the kernel threadpoolctl sees.
"""
from __future__ import annotations

import sys
import time

import numpy as np

from numeric_common import SLOW, STANDARD, Case, main, reset_peak_resident_size, status_bytes

N = 10_000_000
LEARNING_RATE = 0.01
F32 = np.float32


def rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def matmul_case(size: int, dtype: str) -> Case:
    def prepare():
        a = rng(1).random((size, size), dtype=np.dtype(dtype))
        b = rng(2).random((size, size), dtype=np.dtype(dtype))
        return lambda: a @ b
    name = f"matmul_{'f32' if dtype == 'float32' else 'f64'}_{size}"
    return Case(name, prepare, flops=2 * size**3, policy=SLOW if size >= 2048 else STANDARD)


def vector(seed: int) -> np.ndarray:
    return rng(seed).random(N, dtype=F32)


def elementwise_cases() -> list[Case]:
    def binary(op):
        def prepare():
            a, b = vector(1), vector(2)
            return lambda: op(a, b)
        return prepare

    def unary(op):
        def prepare():
            a = vector(1)
            return lambda: op(a)
        return prepare

    return [Case("add_f32_1e7", binary(np.add), bytes=12 * N, flops=N),
            Case("mul_f32_1e7", binary(np.multiply), bytes=12 * N, flops=N),
            Case("exp_f32_1e7", unary(np.exp), bytes=8 * N),
            Case("sum_f32_1e7", unary(np.sum), bytes=4 * N, flops=N)]


def softmax_case() -> Case:
    def prepare():
        a = rng(1).random((1024, 1024), dtype=F32)

        def softmax():
            e = np.exp(a - a.max(axis=-1, keepdims=True))
            return e / e.sum(axis=-1, keepdims=True)
        return softmax
    return Case("softmax_rows_1024x1024", prepare, bytes=8 * 1024 * 1024)


# --- convolution by im2col + GEMM, the textbook NumPy way (and Folio's) -----------------------

def im2col(x: np.ndarray, kernel: int, stride: int, padding: int):
    """Columns (N, C*k*k, Ho*Wo) of x (N, C, H, W): one strided slice copy per kernel offset."""
    batch, channels, height, width = x.shape
    padded = np.pad(x, ((0, 0), (0, 0), (padding, padding), (padding, padding)))
    out_h = (height + 2 * padding - kernel) // stride + 1
    out_w = (width + 2 * padding - kernel) // stride + 1
    cols = np.empty((batch, channels, kernel, kernel, out_h, out_w), dtype=x.dtype)
    for i in range(kernel):
        for j in range(kernel):
            cols[:, :, i, j] = padded[:, :, i:i + stride * out_h:stride, j:j + stride * out_w:stride]
    return cols.reshape(batch, channels * kernel * kernel, out_h * out_w), (out_h, out_w)


def col2im(cols: np.ndarray, shape, kernel: int, stride: int, padding: int, out_hw) -> np.ndarray:
    """The adjoint of im2col: adds each kernel offset's columns back into a padded image."""
    batch, channels, height, width = shape
    out_h, out_w = out_hw
    padded = np.zeros((batch, channels, height + 2 * padding, width + 2 * padding), dtype=cols.dtype)
    cols = cols.reshape(batch, channels, kernel, kernel, out_h, out_w)
    for i in range(kernel):
        for j in range(kernel):
            padded[:, :, i:i + stride * out_h:stride, j:j + stride * out_w:stride] += cols[:, :, i, j]
    return padded[:, :, padding:padding + height, padding:padding + width]


def conv_forward(x, weight, bias, stride, padding):
    outputs, kernel = weight.shape[0], weight.shape[-1]
    cols, (out_h, out_w) = im2col(x, kernel, stride, padding)
    out = np.matmul(weight.reshape(outputs, -1), cols) + bias[:, None]
    return out.reshape(x.shape[0], outputs, out_h, out_w), cols


def conv_backward(grad_out, cols, weight, input_shape, stride, padding, need_input_grad=True):
    outputs, kernel = weight.shape[0], weight.shape[-1]
    batch, _, out_h, out_w = grad_out.shape
    flat = grad_out.reshape(batch, outputs, out_h * out_w)
    grad_weight = np.tensordot(flat, cols, axes=([0, 2], [0, 2])).reshape(weight.shape)
    grad_bias = flat.sum(axis=(0, 2))
    grad_input = None
    if need_input_grad:
        grad_cols = np.matmul(weight.reshape(outputs, -1).T, flat)
        grad_input = col2im(grad_cols, input_shape, kernel, stride, padding, (out_h, out_w))
    return grad_input, grad_weight, grad_bias


def conv_case() -> Case:
    def prepare():
        x = rng(1).random((32, 64, 32, 32), dtype=F32)
        weight = rng(2).random((64, 64, 3, 3), dtype=F32)
        bias = rng(3).random(64, dtype=F32)
        return lambda: conv_forward(x, weight, bias, 1, 1)[0]
    return Case("conv2d_32x64x32x32_k3", prepare, flops=2 * 32 * 64 * 32 * 32 * 64 * 9, policy=SLOW)


# --- training steps with hand-written backward ---------------------------------------------

def linear_init(generator, inputs: int, outputs: int):
    """PyTorch's nn.Linear initialisation, as FolioNN's Linear: U(-1/sqrt(in), 1/sqrt(in))."""
    bound = 1 / np.sqrt(inputs)
    weight = generator.uniform(-bound, bound, (outputs, inputs)).astype(F32)
    return weight, generator.uniform(-bound, bound, outputs).astype(F32)


def cross_entropy_grad(logits: np.ndarray, labels: np.ndarray):
    """Mean softmax cross-entropy and its gradient with respect to the logits."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    exponentials = np.exp(shifted)
    totals = exponentials.sum(axis=1, keepdims=True)
    rows = np.arange(len(labels))
    loss = float(np.mean(np.log(totals[:, 0]) - shifted[rows, labels]))
    grad = exponentials / totals
    grad[rows, labels] -= 1
    grad /= len(labels)
    return loss, grad


def mlp_case() -> Case:
    def prepare():
        generator = rng(1)
        params = [*linear_init(generator, 784, 256), *linear_init(generator, 256, 256), *linear_init(generator, 256, 10)]
        x = rng(11).standard_normal((128, 784), dtype=F32)
        labels = rng(12).integers(0, 10, 128)

        def step():
            w1, b1, w2, b2, w3, b3 = params
            pre1 = x @ w1.T + b1
            h1 = np.maximum(pre1, 0)
            pre2 = h1 @ w2.T + b2
            h2 = np.maximum(pre2, 0)
            loss, g3 = cross_entropy_grad(h2 @ w3.T + b3, labels)
            g2 = (g3 @ w3) * (pre2 > 0)
            g1 = (g2 @ w2) * (pre1 > 0)
            grads = [g1.T @ x, g1.sum(0), g2.T @ h1, g2.sum(0), g3.T @ h2, g3.sum(0)]
            for param, grad in zip(params, grads):
                param -= LEARNING_RATE * grad
            return loss
        return step
    return Case("mlp_step_784_256_256_10_b128", prepare)


def cnn_case() -> Case:
    def prepare():
        generator = rng(4)
        conv1 = [generator.uniform(-0.19, 0.19, (16, 3, 3, 3)).astype(F32), np.zeros(16, F32)]
        conv2 = [generator.uniform(-0.08, 0.08, (32, 16, 3, 3)).astype(F32), np.zeros(32, F32)]
        head = list(linear_init(generator, 32 * 16 * 16, 10))
        x = rng(11).standard_normal((32, 3, 32, 32), dtype=F32)
        labels = rng(12).integers(0, 10, 32)

        def step():
            pre1, cols1 = conv_forward(x, *conv1, 1, 1)
            h1 = np.maximum(pre1, 0)
            pre2, cols2 = conv_forward(h1, *conv2, 2, 1)
            h2 = np.maximum(pre2, 0)
            flat = h2.reshape(32, -1)
            loss, g_logits = cross_entropy_grad(flat @ head[0].T + head[1], labels)
            g_flat = (g_logits @ head[0]).reshape(h2.shape) * (pre2 > 0)
            g_h1, g_w2, g_b2 = conv_backward(g_flat, cols2, conv2[0], h1.shape, 2, 1)
            _, g_w1, g_b1 = conv_backward(g_h1 * (pre1 > 0), cols1, conv1[0], x.shape, 1, 1, need_input_grad=False)
            grads = [g_w1, g_b1, g_w2, g_b2, g_logits.T @ flat, g_logits.sum(0)]
            for param, grad in zip([*conv1, *conv2, *head], grads):
                param -= LEARNING_RATE * grad
            return loss
        return step
    return Case("cnn_step_b32_3x32x32", prepare)


def per_op_case(steps: int = 10_000) -> Case:
    """h = tanh(h @ W) 10,000 times, then the gradient of sum(h) with respect to W, by hand."""
    def prepare():
        weight = (rng(13).standard_normal((16, 16)) / 4).astype(F32)
        start = rng(14).random((16, 16), dtype=F32)

        def run():
            hidden = [start]
            for _ in range(steps):
                hidden.append(np.tanh(hidden[-1] @ weight))
            grad_hidden = np.ones_like(start)
            grad_weight = np.zeros_like(weight)
            for k in range(steps, 0, -1):
                grad_pre = grad_hidden * (1 - hidden[k] * hidden[k])
                grad_weight += hidden[k - 1].T @ grad_pre
                grad_hidden = grad_pre @ weight.T
            return grad_weight
        return run
    return Case("per_op_16x16_matmul_tanh", prepare, ops=2 * steps, policy=SLOW)


def chain_peak(elements: int) -> dict:
    """The peak-memory chain of folio-bench --chain-peak, as NumPy code is written."""
    before = status_bytes("VmRSS")
    x = rng(1).random(elements, dtype=F32)
    after_input = status_bytes("VmRSS")
    reset = reset_peak_resident_size()
    start = time.perf_counter()
    result = np.sqrt(np.exp(x * 0.5 + 1.0) * x)
    seconds = time.perf_counter() - start
    peak = status_bytes("VmHWM")
    return {"elements": elements, "rss_before_input": before, "rss_after_input": after_input,
            "peak_reset": reset, "vm_hwm": peak, "seconds": seconds,
            "checksum": float(result.sum(dtype=np.float64))}


def info() -> dict:
    record = {"numpy": np.__version__}
    try:
        from threadpoolctl import threadpool_info
        blas = [pool for pool in threadpool_info() if pool.get("user_api") == "blas"]
        if blas:
            record.update(blas_core=blas[0].get("architecture"), blas_threads=blas[0].get("num_threads"),
                          blas_library=f"{blas[0].get('internal_api')} {blas[0].get('version')}")
    except ImportError:
        config = np.show_config(mode="dicts")
        record["blas_library"] = str(config.get("Build Dependencies", {}).get("blas", {}))
    return record


CASES = ([matmul_case(size, dtype) for dtype in ("float32", "float64") for size in (256, 1024, 2048)]
         + elementwise_cases() + [softmax_case(), conv_case(), mlp_case(), per_op_case(), cnn_case()])

if __name__ == "__main__":
    sys.exit(main("numpy", CASES, info, chain_peak))
