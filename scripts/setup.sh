#!/usr/bin/env bash
# Sets up everything Folio needs on a Debian machine, and is safe to run again:
#   1. the Debian packages (apt-get; always refreshed when run as root in CI),
#   2. the project's Python 3.11 virtual environment .venv with the pinned Jupyter tools
#      and folio-papermill,
#   3. `swift build` of the folio binary (debug, or release with --configuration release),
#   4. the Folio kernelspec installed into .venv (`folio install --prefix .venv`), so the
#      venv's jupyter, nbconvert and papermill find the kernel.
# Usage: scripts/setup.sh [--configuration debug|release]
set -euo pipefail

configuration=debug
while [[ $# -gt 0 ]]; do
    case "$1" in
        --configuration|-c) configuration="${2:?missing value for $1}"; shift 2 ;;
        --configuration=*) configuration="${1#*=}"; shift ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        *) echo "setup.sh: unknown argument: $1" >&2; exit 2 ;;
    esac
done
case "$configuration" in debug|release) ;; *) echo "setup.sh: configuration must be debug or release" >&2; exit 2 ;; esac

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
step() { printf '\n==> %s\n' "$*"; }

# --- 1. Debian packages -------------------------------------------------------------------
# librsvg2-bin and chromium-headless-shell render figures in the tests (golden SVGs, nbconvert HTML screenshots).
debian_packages=(libzmq3-dev libssl-dev libopenblas-dev liblapacke-dev libfftw3-dev pkg-config librsvg2-bin chromium-headless-shell)
missing=()
for package in "${debian_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done
if [[ ${#missing[@]} -gt 0 || ( "${CI:-}" == "true" && "$(id -u)" == 0 ) ]]; then
    step "Debian packages: ${debian_packages[*]}${missing[*]:+ (missing: ${missing[*]})}"
    sudo=()
    if [[ "$(id -u)" != 0 ]]; then
        command -v sudo >/dev/null || { echo "setup.sh: installing ${missing[*]} needs root or sudo" >&2; exit 1; }
        sudo=(sudo)
    fi
    "${sudo[@]}" apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${debian_packages[@]}"
else
    step "Debian packages already installed"
fi

# --- 2. Python virtual environment ------------------------------------------------------
python="${PYTHON:-}"
if [[ -z "$python" ]]; then
    for candidate in python3.11 python3; do
        if command -v "$candidate" >/dev/null && "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then
            python="$candidate"; break
        fi
    done
fi
[[ -n "$python" ]] || { echo "setup.sh: Python 3.11 not found (set PYTHON=/path/to/python3.11)" >&2; exit 1; }

if ! .venv/bin/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
    step "Creating .venv with $python"
    rm -rf .venv
    "$python" -m venv .venv
fi

# pip runs only when the requirements or folio-papermill changed since the last success.
stamp=.venv/.folio-setup-stamp
digest="$(cat python/requirements.txt python/folio_papermill/pyproject.toml python/folio_papermill/*.py | sha256sum | cut -d' ' -f1)"
if [[ "$(cat "$stamp" 2>/dev/null)" != "$digest" ]]; then
    step "Installing the pinned Python tools (python/requirements.txt) and folio-papermill"
    .venv/bin/python -m pip install --disable-pip-version-check -q -r python/requirements.txt
    .venv/bin/python -m pip install --disable-pip-version-check -q --force-reinstall --no-deps ./python/folio_papermill
    echo "$digest" > "$stamp"
else
    step "Python tools up to date in .venv"
fi

# --- 3. Swift build -----------------------------------------------------------------------
step "swift build -c $configuration"
swift build -c "$configuration" --product folio
folio="$(swift build -c "$configuration" --show-bin-path)/folio"

# --- 4. Kernelspec ------------------------------------------------------------------------
step "Installing the Folio kernelspec into .venv"
"$folio" install --prefix "$root/.venv"
echo
echo "Set up: $folio ($("$folio" --version)), kernelspec in .venv/share/jupyter/kernels/folio"
