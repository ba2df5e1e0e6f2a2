"""The Jupyter messaging protocol, driven through jupyter_client against the real kernel."""
from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import textwrap
import time
import uuid

import pytest
from conftest import TIMEOUT, drain, execute, iopub_until_idle, reply_for, result_text

pytestmark = pytest.mark.any_kernel


def kernel_pid(km) -> int:
    return km.provisioner.process.pid


def wait_until_busy(kc, msg_id: str, timeout: float = TIMEOUT) -> None:
    """Waits for the execute_input of `msg_id`: the cell is running."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            message = kc.get_iopub_msg(timeout=0.5)
        except queue.Empty:
            continue
        if message["parent_header"].get("msg_id") == msg_id and message["msg_type"] == "execute_input":
            return
    raise AssertionError(f"execute {msg_id} never started")


def interrupted_loop(kc, dialect, interrupt) -> tuple[dict, float]:
    """Starts the endless loop, calls `interrupt()`, returns (reply, seconds from interrupt to reply)."""
    msg_id = kc.execute(dialect.endless_loop)
    wait_until_busy(kc, msg_id)
    time.sleep(0.3)
    started = time.monotonic()
    interrupt()
    reply = reply_for(kc, msg_id, timeout=10)
    elapsed = time.monotonic() - started
    outputs = iopub_until_idle(kc, msg_id)
    errors = [m for m in outputs if m["msg_type"] == "error"]
    assert len(errors) == 1, f"expected one error output, got {[m['msg_type'] for m in outputs]}"
    assert errors[0]["content"]["ename"] == dialect.interrupted_ename
    return reply, elapsed


def test_interrupt_request_stops_endless_loop_and_keeps_state(kernel, dialect):
    km, kc = kernel
    reply, _ = execute(kc, dialect.define_kept)
    assert reply["content"]["status"] == "ok"

    reply, elapsed = interrupted_loop(kc, dialect, km.interrupt_kernel)

    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == dialect.interrupted_ename
    assert elapsed < 1.0, f"interrupt answered after {elapsed:.2f} s"
    assert km.is_alive()
    reply, outputs = execute(kc, dialect.read_kept)
    assert reply["content"]["status"] == "ok"
    assert result_text(outputs) == dialect.read_kept_result


def test_sigint_interrupts_a_running_cell(kernel, dialect):
    km, kc = kernel
    execute(kc, dialect.define_kept)

    reply, elapsed = interrupted_loop(kc, dialect, lambda: os.kill(kernel_pid(km), signal.SIGINT))

    assert reply["content"]["ename"] == dialect.interrupted_ename
    assert elapsed < 1.0, f"SIGINT answered after {elapsed:.2f} s"
    reply, outputs = execute(kc, dialect.read_kept)
    assert result_text(outputs) == dialect.read_kept_result


def test_sigint_while_idle_is_survived(kernel, dialect):
    km, kc = kernel
    execute(kc, dialect.define_kept)
    for _ in range(3):
        os.kill(kernel_pid(km), signal.SIGINT)
        time.sleep(0.2)
    assert km.is_alive()
    reply, outputs = execute(kc, dialect.read_kept)
    assert reply["content"]["status"] == "ok"
    assert result_text(outputs) == dialect.read_kept_result


def test_restart_gives_a_fresh_working_kernel(kernel, dialect):
    km, kc = kernel
    execute(kc, dialect.define_kept)
    old_pid = kernel_pid(km)

    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    drain(kc.iopub_channel)

    assert km.is_alive()
    assert kernel_pid(km) != old_pid
    reply, outputs = execute(kc, dialect.one_plus_two)
    assert reply["content"]["status"] == "ok"
    assert result_text(outputs) == "3"
    assert reply["content"]["execution_count"] == 1
    reply, outputs = execute(kc, dialect.read_kept)
    assert reply["content"]["status"] == "error", "a variable survived the restart"
    assert reply["content"]["ename"] == dialect.name_error


def test_shutdown_request_ends_the_process(kernel):
    km, kc = kernel
    process = km.provisioner.process
    msg_id = kc.shutdown()
    reply = reply_for(kc, msg_id, timeout=10, channel="control")
    assert reply["msg_type"] == "shutdown_reply"
    assert reply["content"]["restart"] is False
    assert process.wait(timeout=10) == 0


def test_sigterm_ends_the_process(kernel):
    km, _ = kernel
    process = km.provisioner.process
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=10)


def test_kernel_exits_when_its_parent_process_dies(dialect, tmp_path):
    """A kernel orphaned by a crashed frontend must not linger."""
    pid_file = tmp_path / "kernel.pid"
    script = textwrap.dedent(
        f"""
        import os
        from jupyter_client.manager import KernelManager
        km = KernelManager(kernel_name={dialect.kernel_name!r})
        km.start_kernel()
        kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=30)
        open({str(pid_file)!r}, "w").write(str(km.provisioner.process.pid))
        os._exit(0)
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(pid, signal.SIGKILL)
    pytest.fail("the kernel still ran 10 s after its parent process died")


def gate_with_input(kc, dialect) -> str:
    """Starts a cell that waits on input(); every execute sent meanwhile queues up behind it."""
    gate = kc.execute(dialect.input_plain, allow_stdin=True)
    request = kc.get_stdin_msg(timeout=TIMEOUT)
    assert request["msg_type"] == "input_request"
    return gate


def test_stop_on_error_aborts_the_queued_executes(kernel, dialect):
    _, kc = kernel
    gate = gate_with_input(kc, dialect)
    failing = kc.execute(dialect.undefined_name)
    queued = [kc.execute(dialect.one_plus_two), kc.execute(dialect.one_plus_two)]
    kc.input("go")

    assert reply_for(kc, gate)["content"]["status"] == "ok"
    error_reply = reply_for(kc, failing)
    assert error_reply["content"]["status"] == "error"
    assert error_reply["content"]["ename"] == dialect.name_error
    for msg_id in queued:
        assert reply_for(kc, msg_id)["content"]["status"] == "aborted"

    # Aborting ends with the queue: a later execute runs.
    reply, outputs = execute(kc, dialect.one_plus_two)
    assert reply["content"]["status"] == "ok"
    assert result_text(outputs) == "3"


def test_without_stop_on_error_the_queued_executes_run(kernel, dialect):
    _, kc = kernel
    gate = gate_with_input(kc, dialect)
    failing = kc.execute(dialect.undefined_name, stop_on_error=False)
    queued = [kc.execute(dialect.one_plus_two), kc.execute(dialect.one_plus_two)]
    kc.input("go")

    assert reply_for(kc, gate)["content"]["status"] == "ok"
    assert reply_for(kc, failing)["content"]["status"] == "error"
    for msg_id in queued:
        assert reply_for(kc, msg_id)["content"]["status"] == "ok"


def test_input_with_allow_stdin(kernel, dialect):
    _, kc = kernel
    msg_id = kc.execute(dialect.input_prompt_code, allow_stdin=True)
    request = kc.get_stdin_msg(timeout=TIMEOUT)
    assert request["msg_type"] == "input_request"
    assert request["parent_header"]["msg_id"] == msg_id
    assert request["content"]["prompt"] == "Your name: "
    assert request["content"]["password"] is False
    kc.input("Ada")

    reply = reply_for(kc, msg_id)
    assert reply["content"]["status"] == "ok"
    assert "hello Ada" in result_text(iopub_until_idle(kc, msg_id))


def test_input_without_allow_stdin_fails_at_once(kernel, dialect):
    _, kc = kernel
    started = time.monotonic()
    msg_id = kc.execute(dialect.input_plain, allow_stdin=False)
    reply = reply_for(kc, msg_id, timeout=5)
    assert time.monotonic() - started < 5
    assert reply["content"]["status"] == "error"
    explanation = f"{reply['content']['ename']}: {reply['content']['evalue']}".lower()
    assert "input" in explanation or "stdin" in explanation, explanation
    with pytest.raises(queue.Empty):
        kc.get_stdin_msg(timeout=0.3)
    assert execute(kc, dialect.one_plus_two)[0]["content"]["status"] == "ok"


def test_comm_info_and_comm_open_to_an_unknown_target(kernel):
    _, kc = kernel
    msg_id = kc.comm_info()
    reply = reply_for(kc, msg_id)
    assert reply["msg_type"] == "comm_info_reply"
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["comms"] == {}

    comm_id = uuid.uuid4().hex
    message = kc.session.msg(
        "comm_open", {"comm_id": comm_id, "target_name": "folio.no.such.target", "data": {}}
    )
    kc.shell_channel.send(message)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            published = kc.get_iopub_msg(timeout=1)
        except queue.Empty:
            continue
        if published["msg_type"] == "comm_close":
            assert published["content"]["comm_id"] == comm_id
            break
    else:
        pytest.fail("no comm_close for a comm_open to an unknown target")


def history(kc, **options):
    msg_id = kc.history(**options)
    reply = reply_for(kc, msg_id)
    assert reply["msg_type"] == "history_reply"
    assert reply["content"]["status"] == "ok"
    return reply["content"]["history"]


def test_history_tail_range_and_search(kernel, dialect):
    _, kc = kernel
    codes = [dialect.define_kept, dialect.one_plus_two, dialect.read_kept, dialect.one_plus_two]
    counts = [execute(kc, code)[0]["content"]["execution_count"] for code in codes]
    assert counts == [1, 2, 3, 4]

    tail = history(kc, hist_access_type="tail", n=2, raw=True, output=False)
    assert [entry[2] for entry in tail] == codes[2:]
    assert [entry[1] for entry in tail] == [3, 4]
    session = tail[0][0]

    with_output = history(kc, hist_access_type="tail", n=1, raw=True, output=True)
    assert with_output[0][2][0] == codes[3]
    assert len(with_output[0][2]) == 2

    in_range = history(kc, hist_access_type="range", session=session, start=1, stop=3, raw=True, output=False)
    assert [(entry[1], entry[2]) for entry in in_range] == [(1, codes[0]), (2, codes[1])]

    found = history(kc, hist_access_type="search", pattern="kept +*", raw=True, output=False)
    assert {entry[2] for entry in found} == {codes[2]}
    found = history(kc, hist_access_type="search", pattern="*kept*", raw=True, output=False)
    assert [entry[2] for entry in found] == [codes[0], codes[2]]
    found = history(kc, hist_access_type="search", pattern="1 + *", raw=True, output=False, unique=True)
    assert [entry[2] for entry in found] == [codes[1]]
    found = history(kc, hist_access_type="search", pattern="*", raw=True, output=False, n=1)
    assert [entry[2] for entry in found] == [codes[3]]


@pytest.mark.parametrize("request_type", ["kernel_info", "execute"])
def test_busy_idle_bracket_every_request(kernel, dialect, request_type):
    _, kc = kernel
    drain(kc.iopub_channel)
    msg_id = kc.kernel_info() if request_type == "kernel_info" else kc.execute(dialect.one_plus_two)
    reply = reply_for(kc, msg_id)
    published = iopub_until_idle(kc, msg_id)

    first, last = published[0], published[-1]
    assert (first["msg_type"], first["content"].get("execution_state")) == ("status", "busy")
    assert (last["msg_type"], last["content"].get("execution_state")) == ("status", "idle")
    assert all(m["parent_header"]["msg_id"] == msg_id for m in published)
    # Sent in this order by the kernel: busy, ..., reply, idle.
    assert first["header"]["date"] <= reply["header"]["date"] <= last["header"]["date"]
    statuses = [m for m in published if m["msg_type"] == "status"]
    assert len(statuses) == 2


def test_kernel_info_reply_fields(kernel, dialect):
    _, kc = kernel
    msg_id = kc.kernel_info()
    reply = reply_for(kc, msg_id)
    content = reply["content"]
    assert reply["msg_type"] == "kernel_info_reply"
    assert content["status"] == "ok"
    if dialect.protocol_version:
        assert reply["header"]["version"] == dialect.protocol_version
        assert content["protocol_version"] == dialect.protocol_version
    assert content["implementation"]
    assert content["implementation_version"]
    assert content["banner"].strip()
    links = content["help_links"]
    assert isinstance(links, list)
    assert all(set(link) >= {"text", "url"} for link in links)
    info = content["language_info"]
    for key in ("name", "version", "mimetype", "file_extension", "nbconvert_exporter"):
        assert isinstance(info.get(key), str) and info[key], f"language_info.{key} = {info.get(key)!r}"
    for key, expected in dialect.language_info.items():
        value = info[key]
        if key == "codemirror_mode" and isinstance(value, dict):
            value = value.get("name")
        assert value == expected, f"language_info.{key} = {info[key]!r}"


def test_execution_count_rules(kernel, dialect):
    _, kc = kernel
    reply, outputs = execute(kc, dialect.one_plus_two)
    count = reply["content"]["execution_count"]
    assert [m["content"]["execution_count"] for m in outputs if m["msg_type"] == "execute_input"] == [count]
    assert [m["content"]["execution_count"] for m in outputs if m["msg_type"] == "execute_result"] == [count]

    reply, outputs = execute(kc, dialect.one_plus_two, silent=True)
    assert reply["content"]["status"] == "ok"
    assert [m["msg_type"] for m in outputs] == ["status", "status"], "silent published outputs"

    reply, outputs = execute(kc, dialect.one_plus_two, store_history=False)
    assert reply["content"]["status"] == "ok"
    assert result_text(outputs) == "3"

    reply, outputs = execute(kc, dialect.one_plus_two)
    assert reply["content"]["execution_count"] == count + 1, "silent or store_history=False counted"
    history_codes = [entry[2] for entry in history(kc, hist_access_type="tail", n=10, raw=True, output=False)]
    assert history_codes == [dialect.one_plus_two] * 2


def code_points(text: str) -> int:
    return len(text)  # Python counts code points, as the protocol (5.2+) does


@pytest.mark.parametrize("where", ["end", "middle"])
def test_completion_cursor_counts_code_points(kernel, dialect, where):
    _, kc = kernel
    before = dialect.string_with_non_ascii + "\n" + dialect.completion_prefix
    after = "" if where == "end" else "\n" + dialect.string_with_non_ascii
    code = before + after
    cursor = code_points(before)
    assert cursor != len(before.encode("utf-16-le")) // 2, "the sample must tell code points from UTF-16"

    msg_id = kc.complete(code, cursor_pos=cursor)
    reply = reply_for(kc, msg_id)
    content = reply["content"]
    assert content["status"] == "ok"
    assert dialect.completion_match in content["matches"]
    assert content["cursor_end"] == cursor
    assert content["cursor_start"] == cursor - len(dialect.completion_prefix)
    assert isinstance(content["metadata"], dict)


def test_help_pages_documentation(kernel, dialect):
    _, kc = kernel
    reply, outputs = execute(kc, dialect.help_code)
    assert reply["content"]["status"] == "ok"
    pages = [p for p in reply["content"]["payload"] if p["source"] == "page"]
    assert len(pages) == 1
    for mime in dialect.page_mimes:
        assert pages[0]["data"].get(mime, "").strip(), f"page payload lacks {mime}"
    assert isinstance(pages[0]["start"], int)
    if dialect.kernel_name == "folio":
        assert "print" in pages[0]["data"]["text/plain"]
