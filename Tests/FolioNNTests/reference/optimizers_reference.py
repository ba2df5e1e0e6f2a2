"""Parameters after three optimiser steps, hand-written in NumPy from torch.optim's documented
update rules (float64), pasted into OptimizerTests.swift.

Loss: 0.5 * sum(w * (p - t)^2), so grad = w * (p - t); p0 = det(4, 0), t = det(4, 1),
w = 1 + det(4, 2)^2, with det(n, k) = sin(0.37 * arange(n) + k).
    python3 optimizers_reference.py
"""
import numpy as np


def det(n, k):
    return np.sin(0.37 * np.arange(n) + k)


p0, t, w = det(4, 0), det(4, 1), 1 + det(4, 2) ** 2


def grad(p):
    return w * (p - t)


def sgd(lr, momentum=0.0, nesterov=False, weight_decay=0.0, steps=3):
    p, buf = p0.copy(), np.zeros(4)
    for _ in range(steps):
        g = grad(p) + weight_decay * p
        buf = momentum * buf + g
        d = g + momentum * buf if nesterov else (buf if momentum else g)
        p = p - lr * d
    return p


def adam(lr, b1=0.9, b2=0.999, eps=1e-8, decoupled=0.0, steps=3):
    p, m, v = p0.copy(), np.zeros(4), np.zeros(4)
    for step in range(1, steps + 1):
        g = grad(p)
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        mhat, vhat = m / (1 - b1 ** step), v / (1 - b2 ** step)
        p = p - lr * decoupled * p - lr * mhat / (np.sqrt(vhat) + eps)
    return p


def rmsprop(lr, alpha=0.99, eps=1e-8, steps=3):
    p, v = p0.copy(), np.zeros(4)
    for _ in range(steps):
        g = grad(p)
        v = alpha * v + (1 - alpha) * g * g
        p = p - lr * g / (np.sqrt(v) + eps)
    return p


def adagrad(lr, eps=1e-10, steps=3):
    p, s = p0.copy(), np.zeros(4)
    for _ in range(steps):
        g = grad(p)
        s = s + g * g
        p = p - lr * g / (np.sqrt(s) + eps)
    return p


def show(name, values):
    print(name, "[" + ", ".join(repr(float(x)) for x in values) + "]")


show("sgd", sgd(0.1))
show("sgd_momentum", sgd(0.1, momentum=0.9))
show("sgd_nesterov", sgd(0.1, momentum=0.9, nesterov=True, weight_decay=0.01))
show("adam", adam(0.1))
show("adamw", adam(0.1, decoupled=0.1))
show("rmsprop", rmsprop(0.01))
show("adagrad", adagrad(0.1))
