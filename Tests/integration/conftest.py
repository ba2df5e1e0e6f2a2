"""Shared set-up for Folio's integration tests.

The tests drive the real `folio` binary (env FOLIO_BIN, default `.build/debug/folio`) with the
real Jupyter clients from the project venv. Before any test runs, `folio install --prefix` writes
the kernelspec into a temporary directory that JUPYTER_PATH points at, so every client started
here (jupyter_client, `jupyter console`, nbconvert, papermill) finds *this* binary under the
kernel name "folio", whatever else is installed on the machine.

INTEGRATION_KERNEL=python3 runs the language-agnostic protocol tests against ipykernel instead:
a check that those tests are right about the protocol, not a test of Folio.
"""
from __future__ import annotations

import os
import queue
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = Path(__file__).resolve().parent / "data"
VENV_BIN = Path(sys.executable).parent
TIMEOUT = 30


def folio_binary() -> Path:
    return Path(os.environ.get("FOLIO_BIN") or REPO / ".build" / "debug" / "folio").absolute()


def venv_tool(name: str) -> str:
    """The path of a console script installed next to this interpreter (jupyter, papermill)."""
    return str(VENV_BIN / name)


@dataclass(frozen=True)
class Dialect:
    """The code snippets the protocol tests send, in the kernel's language."""

    kernel_name: str
    language: str
    define_kept: str  # defines `kept` as 41
    read_kept: str  # evaluates to 42 when `kept` is 41
    read_kept_result: str
    endless_loop: str
    interrupted_ename: str
    undefined_name: str
    name_error: str
    one_plus_two: str
    input_prompt_code: str  # reads a line with the prompt "Your name: " and shows "hello <name>"
    input_plain: str
    help_code: str
    page_mimes: tuple[str, ...]
    completion_prefix: str  # completes to `completion_match`
    completion_match: str
    string_with_non_ascii: str  # a statement holding non-ASCII text, astral plane included
    protocol_version: str | None
    language_info: dict[str, Any]


FOLIO = Dialect(
    kernel_name="folio",
    language="folio",
    define_kept="var kept = 41",
    read_kept="kept + 1",
    read_kept_result="42",
    endless_loop="while true {}",
    interrupted_ename="Interrupted",
    undefined_name="undefined_name_xyz",
    name_error="NameError",
    one_plus_two="1 + 2",
    input_prompt_code='let name = input("Your name: ")\n"hello \\(name)"',
    input_plain='input("Your name: ")',
    help_code="help(print)",
    page_mimes=("text/plain", "text/markdown"),
    completion_prefix="pri",
    completion_match="print",
    string_with_non_ascii='let s = "h\u00e9llo w\u00f6rld \u2615 \U0001f389 \u65e5\u672c"',
    protocol_version="5.4",
    language_info={
        "name": "folio",
        "file_extension": ".folio",
        "pygments_lexer": "swift",
        "codemirror_mode": "swift",
    },
)

PYTHON = Dialect(
    kernel_name="python3",
    language="python",
    define_kept="kept = 41",
    read_kept="kept + 1",
    read_kept_result="42",
    endless_loop="while True: pass",
    interrupted_ename="KeyboardInterrupt",
    undefined_name="undefined_name_xyz",
    name_error="NameError",
    one_plus_two="1 + 2",
    input_prompt_code='name = input("Your name: ")\n"hello " + name',
    input_plain='input("Your name: ")',
    help_code="print?",
    page_mimes=("text/plain",),
    completion_prefix="pri",
    completion_match="print",
    string_with_non_ascii='s = "h\u00e9llo w\u00f6rld \u2615 \U0001f389 \u65e5\u672c"',
    protocol_version=None,
    language_info={"name": "python", "file_extension": ".py"},
)

DIALECTS = {"folio": FOLIO, "python3": PYTHON}
_state: dict[str, Any] = {}


def pytest_configure(config: pytest.Config) -> None:
    kernel = os.environ.get("INTEGRATION_KERNEL", "folio")
    if kernel not in DIALECTS:
        raise pytest.UsageError(f"INTEGRATION_KERNEL must be one of {sorted(DIALECTS)}, not {kernel!r}")
    _state["dialect"] = DIALECTS[kernel]

    scratch = Path(tempfile.mkdtemp(prefix="folio-integration-"))
    _state["scratch"] = scratch
    # Isolate from the user's Jupyter configuration and runtime files.
    os.environ["JUPYTER_PATH"] = str(scratch / "share" / "jupyter")
    os.environ["JUPYTER_CONFIG_DIR"] = str(scratch / "config")
    os.environ["JUPYTER_RUNTIME_DIR"] = str(scratch / "runtime")
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    os.environ["IPYTHONDIR"] = str(scratch / "ipython")
    os.environ["PATH"] = f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"

    binary = folio_binary()
    _state["folio"] = binary
    if not binary.exists():
        _state["install_error"] = (
            f"the folio binary {binary} does not exist: run `swift build` or set FOLIO_BIN"
        )
        return
    try:
        result = subprocess.run(
            [str(binary), "install", "--prefix", str(scratch)],
            capture_output=True, text=True, timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        _state["install_error"] = f"`{binary} install --prefix {scratch}` failed: {error}"
        return
    spec = scratch / "share" / "jupyter" / "kernels" / "folio" / "kernel.json"
    if result.returncode != 0 or not spec.exists():
        _state["install_error"] = (
            f"`{binary} install --prefix {scratch}` exited {result.returncode} without writing {spec}\n"
            f"stdout: {result.stdout}\nstderr: {result.stderr}"
        )


def pytest_unconfigure(config: pytest.Config) -> None:
    scratch = _state.get("scratch")
    if scratch is not None:
        shutil.rmtree(scratch, ignore_errors=True)


def pytest_report_header(config: pytest.Config) -> list[str]:
    lines = [f"folio binary: {_state.get('folio')}", f"kernel under test: {_state['dialect'].kernel_name}"]
    if "install_error" in _state:
        lines.append(f"kernelspec NOT installed: {_state['install_error']}")
    return lines


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Fail (with the reason) every test that needs the folio kernelspec when it could not be installed."""
    needs_folio = _state["dialect"].kernel_name == "folio" and item.get_closest_marker("no_folio") is None
    if needs_folio and "install_error" in _state:
        pytest.fail(_state["install_error"], pytrace=False)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _state["dialect"].kernel_name == "folio":
        return
    # Against another kernel, only the protocol-level tests mean anything.
    skip = pytest.mark.skip(reason=f"INTEGRATION_KERNEL={_state['dialect'].kernel_name}: Folio-only test")
    for item in items:
        if item.get_closest_marker("any_kernel") is None and item.get_closest_marker("no_folio") is None:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def dialect() -> Dialect:
    return _state["dialect"]


@pytest.fixture(scope="session")
def folio() -> Path:
    return _state["folio"]


@pytest.fixture
def kernel(dialect: Dialect, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A fresh kernel (KernelManager) and a connected, ready BlockingKernelClient."""
    from jupyter_client.manager import KernelManager

    # ipykernel keeps history in IPYTHONDIR across sessions; Folio's is per session anyway.
    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))

    km = KernelManager(kernel_name=dialect.kernel_name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        drain(kc.iopub_channel)
        yield km, kc
    finally:
        kc.stop_channels()
        if km.has_kernel:
            km.shutdown_kernel(now=True)


# --- helpers shared by the tests -------------------------------------------------------


def drain(channel, timeout: float = 0.2) -> list[dict[str, Any]]:
    """Reads messages until none arrives for `timeout` seconds."""
    messages = []
    while True:
        try:
            messages.append(channel.get_msg(timeout=timeout))
        except queue.Empty:
            return messages


def reply_for(kc, msg_id: str, timeout: float = TIMEOUT, channel: str = "shell") -> dict[str, Any]:
    """The reply on `channel` whose parent is `msg_id` (other replies are skipped)."""
    get = kc.get_control_msg if channel == "control" else kc.get_shell_msg
    deadline = time.monotonic() + timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise AssertionError(f"no {channel} reply to {msg_id} within {timeout} s")
        try:
            message = get(timeout=remaining)
        except queue.Empty:
            continue
        if message["parent_header"].get("msg_id") == msg_id:
            return message


def iopub_until_idle(kc, msg_id: str, timeout: float = TIMEOUT) -> list[dict[str, Any]]:
    """The iopub messages whose parent is `msg_id`, up to and including its idle status."""
    deadline = time.monotonic() + timeout
    messages = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            types = [m["msg_type"] for m in messages]
            raise AssertionError(f"no idle status for {msg_id} within {timeout} s (got {types})")
        try:
            message = kc.get_iopub_msg(timeout=remaining)
        except queue.Empty:
            continue
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(message)
        if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
            return messages


def execute(kc, code: str, timeout: float = TIMEOUT, **options: Any):
    """Runs `code`; returns (execute_reply, iopub messages of that request up to idle)."""
    msg_id = kc.execute(code, **options)
    reply = reply_for(kc, msg_id, timeout)
    return reply, iopub_until_idle(kc, msg_id, timeout)


def result_text(outputs: list[dict[str, Any]]) -> str | None:
    for message in outputs:
        if message["msg_type"] == "execute_result":
            return message["content"]["data"]["text/plain"]
    return None


def stream_text(outputs: list[dict[str, Any]], name: str = "stdout") -> str:
    return "".join(
        m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == name
    )
