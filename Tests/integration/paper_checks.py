"""Helpers for checking paper primitives through a running kernel against NumPy.

A check runs Folio code in a real kernel (jupyter_client), reads the resulting tensor back as
nested lists, and compares it with a value the test computes independently in NumPy from the
specification's formula. Inputs are the specification's deterministic `det(shape, k)`:
`sin(0.37 * arange(n) + k)` reshaped, defined in the kernel as `det_input(shape, k)`.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import numpy as np
from conftest import execute, result_text

# The NumPy reference scripts of the Swift paper tests (Tests/FolioPapersTests/reference/) are
# importable here, so a kernel-level check can use the same independent reference functions.
REFERENCE = Path(__file__).resolve().parents[1] / "FolioPapersTests" / "reference"
if str(REFERENCE) not in sys.path:
    sys.path.insert(0, str(REFERENCE))

DET_INPUT = (
    "func det_input(shape, k) {\n"
    "    var n = 1\n"
    "    for s in shape { n *= s }\n"
    "    return sin(0.37 * arange(n, dtype: \"f64\") + k).reshape(shape)\n"
    "}"
)


def det(shape: tuple[int, ...], k: float) -> np.ndarray:
    n = int(np.prod(shape)) if shape else 1
    return np.sin(0.37 * np.arange(n, dtype=np.float64) + k).reshape(shape)


def run(kc, code: str) -> str | None:
    """Runs `code`, failing with the kernel's error if it raised; returns the result's text/plain."""
    reply, outputs = execute(kc, code)
    if reply["content"]["status"] != "ok":
        content = reply["content"]
        raise AssertionError(f"{content.get('ename')}: {content.get('evalue')}\nin:\n{code}")
    return result_text(outputs)


def setup(kc) -> None:
    """Defines `det_input` in the kernel's session."""
    run(kc, DET_INPUT)


def value(kc, expression: str) -> np.ndarray:
    """The tensor (or number) `expression` evaluates to, as a float64 array."""
    text = run(kc, f"({expression}).tolist()")
    assert text is not None, f"{expression} produced no value"
    return np.asarray(ast.literal_eval(text.replace("nan", "None")), dtype=np.float64)


def check(kc, expression: str, expected: np.ndarray, rtol: float = 1e-4, atol: float = 1e-5) -> None:
    """Asserts the kernel's value of `expression` is allclose to `expected`, shapes included."""
    actual = value(kc, expression)
    expected = np.asarray(expected, dtype=np.float64)
    assert actual.shape == expected.shape, f"{expression}: shape {actual.shape}, expected {expected.shape}"
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol, err_msg=expression)


def error(kc, code: str) -> tuple[str, str]:
    """(ename, evalue) of the error `code` raises; fails if it runs."""
    reply, _ = execute(kc, code)
    content = reply["content"]
    assert content["status"] == "error", f"expected an error from:\n{code}"
    return content["ename"], content["evalue"]
