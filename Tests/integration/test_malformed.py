"""The kernel never dies on bad input: 1,000 malformed or badly signed messages, then a working execute.

Sent with raw pyzmq DEALER sockets to the kernel's shell and control ROUTERs (and a few to stdin),
using the key from the kernel's connection info so that "correctly signed but wrong" messages
get past signature checking and exercise the decoder and router.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import random
import time
import uuid
from datetime import datetime, timezone

import pytest
import zmq
from conftest import TIMEOUT, drain, execute, result_text

pytestmark = pytest.mark.any_kernel

DELIMITER = b"<IDS|MSG>"
MESSAGES = 1000
OVERSIZED = 50 * 1024 * 1024


class Forger:
    """Builds wire messages: well-formed, or broken in one chosen way."""

    def __init__(self, key: bytes, rng: random.Random) -> None:
        self.key = key
        self.rng = rng
        self.session = uuid.uuid4().hex

    def sign(self, *frames: bytes) -> bytes:
        if not self.key:
            return b""
        mac = hmac.new(self.key, digestmod=hashlib.sha256)
        for frame in frames:
            mac.update(frame)
        return mac.hexdigest().encode()

    def header(self, msg_type: str) -> dict:
        return {
            "msg_id": uuid.uuid4().hex,
            "username": "malformed",
            "session": self.session,
            "date": datetime.now(timezone.utc).isoformat(),
            "msg_type": msg_type,
            "version": "5.4",
        }

    def frames(self, header, content) -> list[bytes]:
        """header, parent_header, metadata, content."""
        return [encode(header), encode({}), encode({}), encode(content)]

    def signed(self, parts: list[bytes]) -> list[bytes]:
        return [DELIMITER, self.sign(*parts[:4]), *parts]

    def random_bytes(self, limit: int = 200) -> bytes:
        return self.rng.randbytes(self.rng.randint(0, limit))

    # --- the kinds of broken message -----------------------------------------------------

    def random_frames(self) -> list[bytes]:
        frames = [self.random_bytes() for _ in range(self.rng.randint(1, 8))]
        if self.rng.random() < 0.5:
            frames.insert(self.rng.randrange(len(frames) + 1), DELIMITER)
        return frames

    def no_delimiter(self) -> list[bytes]:
        parts = self.frames(self.header("kernel_info_request"), {})
        return [self.sign(*parts), *parts]

    def truncated(self) -> list[bytes]:
        parts = self.frames(self.header("kernel_info_request"), {})
        keep = self.rng.randint(0, 3)
        return [DELIMITER, self.sign(*parts[:keep]), *parts[:keep]]

    def invalid_json(self) -> list[bytes]:
        junk = self.rng.choice([b"{", b"{not json", b"", b"nul", b'{"msg_id": }', b"\xff\xfe\x00{}", b"[1, 2"])
        parts = self.frames(self.header("execute_request"), {"code": "1"})
        parts[self.rng.randrange(4)] = junk
        return self.signed(parts)

    def wrong_json_types(self) -> list[bytes]:
        parts = self.frames(self.header("execute_request"), {"code": "1"})
        odd = self.rng.choice([[], "text", 5, None, True, [1, {"a": 2}], 1e308])
        parts[self.rng.randrange(4)] = encode(odd)
        return self.signed(parts)

    def missing_header_field(self) -> list[bytes]:
        header = self.header(self.rng.choice(["execute_request", "kernel_info_request", "complete_request"]))
        field = self.rng.choice(list(header))
        if self.rng.random() < 0.5:
            del header[field]
        else:
            header[field] = self.rng.choice([None, 12, [], {}, ""])
        return self.signed(self.frames(header, {"code": "1", "cursor_pos": 1}))

    def bad_signature(self, code: str) -> list[bytes]:
        parts = self.frames(self.header("execute_request"), execute_content(code))
        signature = self.sign(*parts)
        choice = self.rng.randrange(4)
        if choice == 0:
            signature = b"0" * 64
        elif choice == 1:
            signature = b""  # missing
        elif choice == 2:
            signature = signature[:-1] + (b"0" if signature[-1:] != b"0" else b"1")
        else:
            signature = hmac.new(b"not the key", parts[0], hashlib.sha256).hexdigest().encode()
        return [DELIMITER, signature, *parts]

    def unknown_type(self) -> list[bytes]:
        msg_type = self.rng.choice(["no_such_request", "execute_reply", "", "status", "x" * 1000])
        return self.signed(self.frames(self.header(msg_type), {"code": "1"}))

    def bad_content(self) -> list[bytes]:
        msg_type, content = self.rng.choice([
            ("execute_request", {}),
            ("execute_request", {"code": 5}),
            ("execute_request", {"code": None, "silent": "yes"}),
            ("complete_request", {"code": "pri"}),
            ("complete_request", {"code": "pri", "cursor_pos": -5}),
            ("complete_request", {"code": "pri", "cursor_pos": 10**6}),
            ("complete_request", {"code": "pri", "cursor_pos": 2**80}),
            ("inspect_request", {"code": "print", "cursor_pos": "a"}),
            ("is_complete_request", []),
            ("history_request", {"hist_access_type": "bogus"}),
            ("history_request", {"hist_access_type": "tail", "n": -3}),
            ("history_request", {"hist_access_type": "range", "session": 0, "start": 5, "stop": 1}),
            ("comm_open", {"target_name": 3}),
            ("comm_msg", {"comm_id": "none", "data": {}}),
            ("comm_close", {}),
            ("input_reply", {"value": "unexpected"}),
            ("interrupt_request", {"extra": [1, 2, 3]}),
            ("complete_request", b'{"code": "pri", "cursor_pos": 1e400}'),
            ("execute_request", b'{"code": "1", "silent": NaN}'),
        ])
        parts = self.frames(self.header(msg_type), {})
        parts[3] = content if isinstance(content, bytes) else encode(content)
        return self.signed(parts)

    def deeply_nested(self) -> list[bytes]:
        depth = self.rng.choice([1000, 10_000, 100_000])
        parts = self.frames(self.header("execute_request"), {})
        parts[3] = b'{"code": ' + b"[" * depth + b"]" * depth + b"}"
        return self.signed(parts)

    def many_identities(self) -> list[bytes]:
        parts = self.frames(self.header("kernel_info_request"), {})
        identities = [self.random_bytes(30) or b"x" for _ in range(self.rng.randint(2, 40))]
        return [*identities, *self.signed(parts)]


def encode(value) -> bytes:
    return json.dumps(value).encode()


def execute_content(code: str) -> dict:
    return {"code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}


def url(info: dict, port_name: str) -> str:
    if info["transport"] == "ipc":
        return f"ipc://{info['ip']}-{info[port_name]}"
    return f"tcp://{info['ip']}:{info[port_name]}"


@pytest.fixture
def kernel_manager(dialect, tmp_path, monkeypatch):
    """A kernel whose stderr goes to a file; no client is connected to it yet."""
    from jupyter_client.manager import KernelManager

    monkeypatch.setenv("IPYTHONDIR", str(tmp_path / "ipython"))
    stderr_path = tmp_path / "kernel-stderr.txt"
    with open(stderr_path, "wb") as stderr:
        km = KernelManager(kernel_name=dialect.kernel_name)
        km.start_kernel(stderr=stderr)
    try:
        yield km, stderr_path
    finally:
        km.shutdown_kernel(now=True)


def sync(forger: Forger, socket, timeout: float = 120) -> None:
    """Sends a well-formed kernel_info_request and waits for its reply: everything sent before is handled."""
    header = forger.header("kernel_info_request")
    socket.send_multipart(forger.signed(forger.frames(header, {})))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not socket.poll(timeout=1000):
            continue
        frames = socket.recv_multipart()
        try:
            parent = json.loads(frames[frames.index(DELIMITER) + 3])
        except (ValueError, IndexError, RecursionError):
            continue
        if isinstance(parent, dict) and parent.get("msg_id") == header["msg_id"]:
            return
    raise AssertionError("no kernel_info_reply after the malformed messages")


def test_kernel_survives_malformed_and_badly_signed_messages(kernel_manager, dialect):
    km, stderr_path = kernel_manager
    info = km.get_connection_info()
    key = info["key"] if isinstance(info["key"], bytes) else info["key"].encode()
    assert key, "the test needs a signing key"
    rng = random.Random(20240611)
    forger = Forger(key, rng)

    context = zmq.Context()
    sockets = {}
    for channel in ("shell", "control", "stdin"):
        socket = context.socket(zmq.DEALER)
        socket.setsockopt(zmq.LINGER, 0)
        socket.setsockopt(zmq.SNDTIMEO, 30_000)
        socket.setsockopt(zmq.IDENTITY, f"malformed-{channel}".encode())
        socket.connect(url(info, f"{channel}_port"))
        sockets[channel] = socket

    makers = [
        forger.random_frames, forger.no_delimiter, forger.truncated, forger.invalid_json,
        forger.wrong_json_types, forger.missing_header_field, lambda: forger.bad_signature(dialect.define_kept),
        forger.unknown_type, forger.bad_content, forger.deeply_nested, forger.many_identities,
    ]
    try:
        for index in range(MESSAGES):
            channel = rng.choice(["shell", "shell", "control", "control", "stdin"])
            sockets[channel].send_multipart(makers[index % len(makers)]())

        # Oversized: 50 MB correctly signed under an unknown type, and 50 MB badly signed.
        big = forger.frames(forger.header("folio_test_oversized"), {"blob": "x" * OVERSIZED})
        sockets["shell"].send_multipart(forger.signed(big))
        big = forger.frames(forger.header("execute_request"), execute_content("//" + "x" * OVERSIZED))
        sockets["control"].send_multipart([DELIMITER, b"0" * 64, *big])

        sync(forger, sockets["shell"])
        sync(forger, sockets["control"])
        assert km.is_alive()
    finally:
        for socket in sockets.values():
            socket.close(linger=0)
        context.term()

    # A new, normal client gets served by the same process. Some correctly signed executes above
    # failed, and a failure may abort what is queued behind it (stop_on_error): allow one more try.
    time.sleep(0.5)
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        drain(kc.iopub_channel, timeout=0.5)
        reply, outputs = execute(kc, dialect.one_plus_two)
        if reply["content"]["status"] == "aborted":
            time.sleep(0.5)
            reply, outputs = execute(kc, dialect.one_plus_two)
        assert reply["content"]["status"] == "ok"
        assert result_text(outputs) == "3"

        # None of the badly signed executes ran.
        reply, _ = execute(kc, dialect.read_kept)
        assert reply["content"]["status"] == "error", "a badly signed execute_request was executed"
        assert reply["content"]["ename"] == dialect.name_error
    finally:
        kc.stop_channels()
    assert km.is_alive()

    log = stderr_path.read_text(errors="replace")
    assert "signature" in log.lower(), f"bad signatures were not logged to stderr; stderr:\n{log[-2000:]}"
