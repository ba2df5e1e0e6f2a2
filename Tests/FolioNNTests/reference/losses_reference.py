"""Loss values computed with NumPy (float64), pasted into LossTests.swift.

Inputs are the deterministic det(n, k) = sin(0.37 * arange(n) + k) of CONVENTIONS.md.
    python3 losses_reference.py
"""
import numpy as np


def det(n, k):
    return np.sin(0.37 * np.arange(n) + k)


def log_softmax(x, axis=1):
    shifted = x - x.max(axis=axis, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


prediction = det(12, 0).reshape(3, 4) * 2
target = det(12, 1).reshape(3, 4)
difference = prediction - target
print("mse", repr(np.mean(difference ** 2)))
print("mse_sum", repr(np.sum(difference ** 2)))
print("l1", repr(np.mean(np.abs(difference))))
a = np.abs(difference)
for delta in (1.0, 0.5):
    print("huber", delta, repr(np.mean(np.where(a < delta, 0.5 * a ** 2, delta * (a - 0.5 * delta)))))

probability = 1 / (1 + np.exp(-prediction))
labels01 = (det(12, 2).reshape(3, 4) > 0).astype(float)
print("bce", repr(np.mean(-(labels01 * np.log(probability) + (1 - labels01) * np.log(1 - probability)))))
logits = prediction * 3
p = 1 / (1 + np.exp(-logits))
print("bce_with_logits", repr(np.mean(-(labels01 * np.log(p) + (1 - labels01) * np.log(1 - p)))))

scores = det(15, 0.3).reshape(3, 5) * 4  # (N=3, C=5)
classes = np.array([1, 4, 0])
logp = log_softmax(scores)
nll = -logp[np.arange(3), classes]
print("cross_entropy", repr(nll.mean()))
print("nll_sum", repr(nll.sum()))
eps = 0.1
smoothed = (1 - eps) * nll + eps * (-logp.mean(axis=1))
print("cross_entropy_smoothing", repr(smoothed.mean()))
soft = np.exp(log_softmax(det(15, 2).reshape(3, 5)))
print("cross_entropy_probabilities", repr(np.mean(-(soft * logp).sum(axis=1))))
mixed = soft * (1 - eps) + eps / 5
print("cross_entropy_probabilities_smoothing", repr(np.mean(-(mixed * logp).sum(axis=1))))
target_probabilities = soft.copy()
target_probabilities[0, 2] = 0.0
kl = np.where(target_probabilities > 0, target_probabilities * (np.log(np.where(target_probabilities > 0, target_probabilities, 1)) - logp), 0)
print("kl_div_mean", repr(kl.mean()))
print("kl_div_batchmean", repr(kl.sum() / 3))
