"""A pure-Python safetensors writer following the format spec and the reference implementation's
layout (tensors ordered by the Rust `Dtype` enum, last variant first — BOOL < F32 < F64 < I64 —
then by name; compact JSON with keys in data order, "__metadata__" first; header padded with
spaces to a multiple of 8), plus an np.savez archive. Prints base64 literals pasted into
WeightFileTests.swift. When the `safetensors` package is installed (pip install safetensors
numpy, in a venv), the script checks its bytes against `safetensors.numpy.save` (checked with
safetensors 0.8.0 from PyPI: identical).

    python3 safetensors_reference.py
"""
import base64
import io
import json
import struct

import numpy as np


def det(n, k):
    return np.sin(0.37 * np.arange(n) + k)


CODES = {np.dtype("float32"): "F32", np.dtype("float64"): "F64", np.dtype("int64"): "I64", np.dtype("bool"): "BOOL"}


def safetensors_bytes(tensors, metadata=None):
    rank = {"BOOL": 0, "F32": 1, "F64": 2, "I64": 3}
    ordered = sorted(tensors.items(), key=lambda item: (-rank[CODES[item[1].dtype]], item[0]))
    header, payload, offset = {}, b"", 0
    if metadata:
        header["__metadata__"] = metadata
    for name, array in ordered:
        raw = np.ascontiguousarray(array).astype(array.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": CODES[array.dtype], "shape": list(array.shape), "data_offsets": [offset, offset + len(raw)]}
        payload += raw
        offset += len(raw)
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * ((8 - len(text) % 8) % 8)
    return struct.pack("<Q", len(text)) + text + payload


tensors = {
    "weight": det(6, 0).reshape(2, 3).astype(np.float32),
    "bias": det(2, 1).astype(np.float32),
    "steps": np.array([1, 2, 3], dtype=np.int64),
    "scale": det(2, 2).astype(np.float64),
}
written = safetensors_bytes(tensors, {"format": "folio"})
try:
    import safetensors.numpy
    assert safetensors.numpy.save(tensors, metadata={"format": "folio"}) == written, "differs from safetensors"
    print("matches safetensors", safetensors.__version__)
except ImportError:
    pass
print("safetensors:", base64.b64encode(written).decode())

buffer = io.BytesIO()
np.savez(buffer, w=det(6, 0).reshape(2, 3).astype(np.float32), n=np.array([4, 5], dtype=np.int64))
print("npz:", base64.b64encode(buffer.getvalue()).decode())
