#!/usr/bin/env bash
# Prepares the numeric benchmark (make bench): the benchmark's own virtual environment .venv-bench
# with bench/requirements.txt (NumPy and JAX stay out of the project's .venv), and a release build
# of folio-bench in its own scratch folder .build-bench. Safe to run again: pip runs only when
# the requirements changed, and swift build is incremental.
# Usage: bench/setup_numeric.sh   (after scripts/setup.sh, which installs the Debian packages)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
venv=.venv-bench

python="${PYTHON:-}"
if [[ -z "$python" ]]; then
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null; then python="$candidate"; break; fi
    done
fi
[[ -n "$python" ]] || { echo "setup_numeric.sh: no python3 found (set PYTHON=...)" >&2; exit 1; }

if ! "$venv/bin/python" -c 'import sys' 2>/dev/null; then
    echo "==> Creating $venv with $python"
    rm -rf "$venv"
    "$python" -m venv "$venv"
fi
stamp="$venv/.folio-bench-stamp"
digest="$(sha256sum bench/requirements.txt | cut -d' ' -f1)"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]]; then
    echo "==> Installing bench/requirements.txt into $venv"
    "$venv/bin/python" -m pip install --disable-pip-version-check -q -r bench/requirements.txt
    echo "$digest" > "$stamp"
fi

echo "==> swift build -c release --product folio-bench --scratch-path .build-bench"
swift build -c release --product folio-bench --scratch-path .build-bench
