#!/usr/bin/env python3
"""Writes Sources/folio/KernelspecLogos.swift from the logo files in kernelspec/.

`folio install` writes the logos from the binary itself, so the kernelspec works wherever the
binary lives. Run this after changing a logo, and commit both.
"""
import base64
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
names = ["logo-32x32.png", "logo-64x64.png", "logo-svg.svg"]
lines = [
    "// The kernelspec logos, embedded so `folio install` works wherever the binary is.",
    "// Generated from kernelspec/ by scripts/embed_logos.py; do not edit by hand.",
    "enum KernelspecLogos {",
    "    static let files: [(name: String, base64: String)] = [",
]
for name in names:
    data = base64.b64encode((root / "kernelspec" / name).read_bytes()).decode()
    lines.append(f'        (name: "{name}", base64: "{data}"),')
lines += ["    ]", "}", ""]
(root / "Sources/folio/KernelspecLogos.swift").write_text("\n".join(lines))
