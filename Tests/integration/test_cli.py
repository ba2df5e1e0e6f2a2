"""The folio command line: --version, install, run."""
from __future__ import annotations

import json
import os
import re
import struct
import subprocess

import pytest
from conftest import DATA, REPO, venv_tool

LOGOS = ("logo-32x32.png", "logo-64x64.png", "logo-svg.svg")


def folio_cli(folio, *arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(folio), *arguments], capture_output=True, text=True, timeout=60,
                          env=None if env is None else {**os.environ, **env})


def png_size(path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def check_kernelspec(directory, folio) -> None:
    spec = json.loads((directory / "kernel.json").read_text())
    argv = spec["argv"]
    assert os.path.isabs(argv[0]), argv
    assert os.path.samefile(argv[0], folio)
    assert argv[1:] == ["kernel", "-f", "{connection_file}"]
    assert spec["display_name"] == "Folio"
    assert spec["language"] == "folio"
    assert spec["interrupt_mode"] == "message"
    for logo in LOGOS:
        installed = directory / logo
        assert installed.is_file(), f"{logo} missing from {directory}"
        assert installed.read_bytes() == (REPO / "kernelspec" / logo).read_bytes(), f"{logo} differs from kernelspec/"
    assert png_size(directory / "logo-32x32.png") == (32, 32)
    assert png_size(directory / "logo-64x64.png") == (64, 64)


def test_version(folio):
    result = folio_cli(folio, "--version")
    assert result.returncode == 0, result.stderr
    assert re.search(r"\d+\.\d+", result.stdout), result.stdout


def test_install_prefix_writes_a_kernelspec_jupyter_finds(folio, tmp_path):
    result = folio_cli(folio, "install", "--prefix", str(tmp_path))
    assert result.returncode == 0, result.stderr
    check_kernelspec(tmp_path / "share" / "jupyter" / "kernels" / "folio", folio)

    listing = subprocess.run(
        [venv_tool("jupyter"), "kernelspec", "list", "--json"], capture_output=True, text=True, check=True,
        env={**os.environ, "JUPYTER_PATH": str(tmp_path / "share" / "jupyter")},
    )
    specs = json.loads(listing.stdout)["kernelspecs"]
    assert os.path.samefile(specs["folio"]["resource_dir"], tmp_path / "share" / "jupyter" / "kernels" / "folio")


def test_install_with_name(folio, tmp_path):
    result = folio_cli(folio, "install", "--prefix", str(tmp_path), "--name", "folio-dev")
    assert result.returncode == 0, result.stderr
    check_kernelspec(tmp_path / "share" / "jupyter" / "kernels" / "folio-dev", folio)


def test_install_sys_prefix_uses_the_virtual_environment(folio, tmp_path):
    result = folio_cli(folio, "install", "--sys-prefix", env={"VIRTUAL_ENV": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    check_kernelspec(tmp_path / "share" / "jupyter" / "kernels" / "folio", folio)


def test_install_user(folio, tmp_path):
    env = {"HOME": str(tmp_path)}
    clean = {key: value for key, value in os.environ.items() if key not in ("XDG_DATA_HOME", "JUPYTER_DATA_DIR")}
    result = subprocess.run([str(folio), "install", "--user"], capture_output=True, text=True, timeout=60,
                            env={**clean, **env})
    assert result.returncode == 0, result.stderr
    check_kernelspec(tmp_path / ".local" / "share" / "jupyter" / "kernels" / "folio", folio)


def test_run_prints_streams_and_the_last_value(folio):
    result = folio_cli(folio, "run", str(DATA / "hello.folio"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["x is 3", "42"]
    assert "a note on stderr" in result.stderr


def test_run_reports_an_error_on_stderr_and_fails(folio):
    result = folio_cli(folio, "run", str(DATA / "error.folio"))
    assert result.returncode != 0
    assert "before the error" in result.stdout
    assert "never printed" not in result.stdout
    assert "NameError" in result.stderr
    assert "undefined_name_xyz" in result.stderr
    assert "^" in result.stderr, "the error should point at the source with a caret"
    assert "NameError" not in result.stdout


def test_run_missing_file_fails(folio, tmp_path):
    result = folio_cli(folio, "run", str(tmp_path / "no-such-file.folio"))
    assert result.returncode != 0
    assert result.stderr.strip()


@pytest.mark.parametrize("arguments", [["no-such-command"], ["install", "--prefix"], ["kernel"]])
def test_bad_usage_fails_with_a_message(folio, arguments):
    result = folio_cli(folio, *arguments)
    assert result.returncode != 0
    assert result.stderr.strip() or result.stdout.strip()
