#!/usr/bin/env python3
"""JAX (CPU) side of the numeric benchmark: the training cases of Sources/folio-bench with
jax.value_and_grad and plain SGD, jitted as a whole step, plus the per-op overhead case both
jitted (lax.scan: what the graph would cost with no dispatch at all) and eager (op-by-op dispatch,
the closest to how Folio and NumPy run). Prints JSON lines (numeric_common.py).
"""
from __future__ import annotations

import os
import sys

os.environ.setdefault("JAX_PLATFORMS", "cpu")

import jax  # noqa: E402
import jax.numpy as jnp  # noqa: E402
import numpy as np  # noqa: E402
from jax import lax  # noqa: E402

from numeric_common import SLOW, Case, main  # noqa: E402

LEARNING_RATE = 0.01
F32 = np.float32


def rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed)


def linear_init(generator, inputs: int, outputs: int):
    bound = 1 / np.sqrt(inputs)
    return (jnp.asarray(generator.uniform(-bound, bound, (outputs, inputs)).astype(F32)),
            jnp.asarray(generator.uniform(-bound, bound, outputs).astype(F32)))


def cross_entropy(logits, labels):
    log_probabilities = jax.nn.log_softmax(logits, axis=1)
    return -jnp.mean(jnp.take_along_axis(log_probabilities, labels[:, None], axis=1))


def sgd_step(loss_function):
    """One jitted step: value_and_grad of the loss, then params - lr * grads."""
    @jax.jit
    def step(params, inputs, labels):
        loss, grads = jax.value_and_grad(loss_function)(params, inputs, labels)
        return jax.tree_util.tree_map(lambda param, grad: param - LEARNING_RATE * grad, params, grads), loss
    return step


def stateful(step, params, inputs, labels):
    """The timed run: a step that feeds its parameters forward, waiting for the result."""
    state = {"params": params}

    def run():
        state["params"], loss = step(state["params"], inputs, labels)
        return loss.block_until_ready()
    return run


def mlp_loss(params, inputs, labels):
    w1, b1, w2, b2, w3, b3 = params
    hidden = jax.nn.relu(inputs @ w1.T + b1)
    hidden = jax.nn.relu(hidden @ w2.T + b2)
    return cross_entropy(hidden @ w3.T + b3, labels)


def mlp_case() -> Case:
    def prepare():
        generator = rng(1)
        params = (*linear_init(generator, 784, 256), *linear_init(generator, 256, 256), *linear_init(generator, 256, 10))
        inputs = jnp.asarray(rng(11).standard_normal((128, 784), dtype=F32))
        labels = jnp.asarray(rng(12).integers(0, 10, 128).astype(np.int32))
        return stateful(sgd_step(mlp_loss), params, inputs, labels)
    return Case("mlp_step_784_256_256_10_b128", prepare, variant="jit")


def conv(inputs, weight, bias, stride):
    out = lax.conv_general_dilated(inputs, weight, window_strides=(stride, stride), padding=((1, 1), (1, 1)),
                                   dimension_numbers=("NCHW", "OIHW", "NCHW"))
    return out + bias[None, :, None, None]


def cnn_loss(params, inputs, labels):
    w1, b1, w2, b2, w3, b3 = params
    hidden = jax.nn.relu(conv(inputs, w1, b1, 1))
    hidden = jax.nn.relu(conv(hidden, w2, b2, 2))
    return cross_entropy(hidden.reshape(hidden.shape[0], -1) @ w3.T + b3, labels)


def cnn_case() -> Case:
    def prepare():
        generator = rng(4)
        params = (jnp.asarray(generator.uniform(-0.19, 0.19, (16, 3, 3, 3)).astype(F32)), jnp.zeros(16, F32),
                  jnp.asarray(generator.uniform(-0.08, 0.08, (32, 16, 3, 3)).astype(F32)), jnp.zeros(32, F32),
                  *linear_init(generator, 32 * 16 * 16, 10))
        inputs = jnp.asarray(rng(11).standard_normal((32, 3, 32, 32), dtype=F32))
        labels = jnp.asarray(rng(12).integers(0, 10, 32).astype(np.int32))
        return stateful(sgd_step(cnn_loss), params, inputs, labels)
    return Case("cnn_step_b32_3x32x32", prepare, variant="jit")


def per_op_cases() -> list[Case]:
    """h = tanh(h @ W) repeated, gradient of sum(h) with respect to W."""
    def timed(gradient):
        def prepare():
            weight = jnp.asarray((rng(13).standard_normal((16, 16)) / 4).astype(F32))
            start = jnp.asarray(rng(14).random((16, 16), dtype=F32))
            return lambda: gradient(weight, start).block_until_ready()
        return prepare

    def scanned(steps):
        def loss(w, h):
            h, _ = lax.scan(lambda carry, _: (jnp.tanh(carry @ w), None), h, None, length=steps)
            return h.sum()
        return timed(jax.jit(jax.grad(loss)))

    def eager(steps):
        def loss(w, h):
            for _ in range(steps):
                h = jnp.tanh(h @ w)
            return h.sum()
        return timed(jax.grad(loss))

    # Eager JAX dispatches each op through Python and XLA (tens of µs): 1,000 steps give the same
    # per-op figure as 10,000 in a tenth of the time budget.
    return [Case("per_op_16x16_matmul_tanh", scanned(10_000), ops=20_000, policy=SLOW, variant="jit"),
            Case("per_op_16x16_matmul_tanh", eager(1_000), ops=2_000, policy=SLOW, variant="eager")]


def info() -> dict:
    return {"jax": jax.__version__, "jax_backend": jax.default_backend(), "jax_devices": len(jax.devices())}


CASES = [mlp_case(), *per_op_cases(), cnn_case()]

if __name__ == "__main__":
    sys.exit(main("jax", CASES, info, None))
