#!/usr/bin/env python3
"""Kernel benchmark: Folio against ipykernel, measured in the same run on the same machine.

  1. start-up: from spawning the kernel process to the first kernel_info_reply
     (median over --starts fresh processes);
  2. execute round trip of a trivial cell (`1` in both languages): from sending the
     execute_request to having both its execute_reply and its idle status (median and p99 over
     --round-trips, after a warm-up).

Both kernels are driven by the same lean client written here on pyzmq (sign, send, read headers),
so that the client's own cost, identical for both, stays small next to what is measured. The two
kernels take turns (starts alternate; both run during the round trips and requests alternate), so
a change in the machine's load hits both alike. The goal
(issue 2) is Folio at most one fifth of ipykernel on both.

Usage: bench/kernel_bench.py --folio .build/release/folio   (make bench builds it and runs this)
"""
from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import zmq
from jupyter_client.connect import write_connection_file
from jupyter_client.kernelspec import KernelSpecManager

DELIMITER = b"<IDS|MSG>"
GOAL = 0.2


class LeanClient:
    """The minimum of a Jupyter client: signed requests on shell/control, replies and iopub by parent id."""

    def __init__(self, connection: dict, context: zmq.Context) -> None:
        self.key = connection["key"].encode()
        self.session = uuid.uuid4().hex
        self.sockets = {}

        def url(port: str) -> str:
            return f"tcp://{connection['ip']}:{connection[port]}"

        for channel, kind in (("shell", zmq.DEALER), ("control", zmq.DEALER), ("iopub", zmq.SUB)):
            socket = context.socket(kind)
            socket.setsockopt(zmq.LINGER, 0)
            # Retry the connection every millisecond while the kernel is starting, so the start-up
            # measure is the kernel's and not zmq's default 100 ms reconnect interval.
            socket.setsockopt(zmq.RECONNECT_IVL, 1)
            if kind == zmq.SUB:
                socket.setsockopt(zmq.SUBSCRIBE, b"")
            socket.connect(url(f"{channel}_port"))
            self.sockets[channel] = socket
        self.poller = zmq.Poller()
        self.poller.register(self.sockets["shell"], zmq.POLLIN)
        self.poller.register(self.sockets["iopub"], zmq.POLLIN)

    def send(self, channel: str, msg_type: str, content: dict) -> str:
        msg_id = uuid.uuid4().hex
        header = json.dumps({
            "msg_id": msg_id, "msg_type": msg_type, "session": self.session, "username": "bench",
            "date": time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime()), "version": "5.3",
        }).encode()
        frames = [header, b"{}", b"{}", json.dumps(content).encode()]
        mac = hmac.new(self.key, digestmod=hashlib.sha256)
        for frame in frames:
            mac.update(frame)
        self.sockets[channel].send_multipart([DELIMITER, mac.hexdigest().encode(), *frames])
        return msg_id

    @staticmethod
    def parse(frames: list[bytes]) -> tuple[dict, dict, bytes]:
        start = frames.index(DELIMITER)
        return json.loads(frames[start + 2]), json.loads(frames[start + 3]), frames[start + 5]

    def wait_reply(self, msg_id: str, timeout: float) -> None:
        socket = self.sockets["shell"]
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if socket.poll(timeout=max(1, int((deadline - time.perf_counter()) * 1000))):
                _, parent, _ = self.parse(socket.recv_multipart())
                if parent.get("msg_id") == msg_id:
                    return
        raise TimeoutError(f"no reply to {msg_id} within {timeout} s (is the kernel running?)")

    def wait_reply_and_idle(self, msg_id: str, timeout: float) -> None:
        replied = idle = False
        deadline = time.perf_counter() + timeout
        while not (replied and idle):
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"execute {msg_id}: reply={replied} idle={idle} after {timeout} s")
            for socket, _ in self.poller.poll(timeout=max(1, int(remaining * 1000))):
                header, parent, content = self.parse(socket.recv_multipart())
                if parent.get("msg_id") != msg_id:
                    continue
                if socket is self.sockets["shell"]:
                    replied = True
                elif header.get("msg_type") == "status" and b'"idle"' in content:
                    idle = True

    def close(self) -> None:
        for socket in self.sockets.values():
            socket.close(linger=0)


@dataclass
class Kernel:
    name: str
    argv: list[str]  # with "{connection_file}"
    code: str
    env: dict = field(default_factory=dict)


class Running:
    """One kernel process with its connection file and a lean client."""

    def __init__(self, kernel: Kernel, workdir: Path, context: zmq.Context) -> None:
        self.connection_file = workdir / f"kernel-{uuid.uuid4().hex}.json"
        _, connection = write_connection_file(str(self.connection_file), ip="127.0.0.1", key=uuid.uuid4().hex.encode())
        argv = [part.replace("{connection_file}", str(self.connection_file)) for part in kernel.argv]
        self.client = LeanClient(connection, context)
        self.started = time.perf_counter()
        self.process = subprocess.Popen(argv, env={**os.environ, **kernel.env}, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def stop(self) -> None:
        try:
            self.client.send("control", "shutdown_request", {"restart": False})
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        finally:
            self.client.close()
            self.connection_file.unlink(missing_ok=True)


def measure_starts(kernels: list[Kernel], workdir: Path, context: zmq.Context, starts: int) -> dict[str, list[float]]:
    """Start-up times; the kernels take turns, so a change in machine load hits both alike."""
    times: dict[str, list[float]] = {kernel.name: [] for kernel in kernels}
    for index in range(starts):
        for kernel in kernels if index % 2 == 0 else reversed(kernels):
            running = Running(kernel, workdir, context)
            try:
                msg_id = running.client.send("shell", "kernel_info_request", {})
                running.client.wait_reply(msg_id, timeout=60)
                times[kernel.name].append(time.perf_counter() - running.started)
            finally:
                running.stop()
    return times


def measure_round_trips(kernels: list[Kernel], workdir: Path, context: zmq.Context, count: int,
                        warmup: int) -> dict[str, list[float]]:
    """Execute round trips, with every kernel running and the requests alternating between them."""
    content = {"allow_stdin": False, "silent": False, "store_history": True, "user_expressions": {},
               "stop_on_error": True}
    running: dict[str, Running] = {}
    try:
        for kernel in kernels:
            # One at a time: a kernel must hold its ports before the next connection file picks free ones.
            running[kernel.name] = Running(kernel, workdir, context)
            client = running[kernel.name].client
            client.wait_reply(client.send("shell", "kernel_info_request", {}), timeout=60)
            for _ in range(warmup):  # also lets the iopub subscription settle
                client.wait_reply_and_idle(client.send("shell", "execute_request", {**content, "code": kernel.code}), 60)
        times: dict[str, list[float]] = {kernel.name: [] for kernel in kernels}
        for index in range(count):
            for kernel in kernels if index % 2 == 0 else reversed(kernels):
                client = running[kernel.name].client
                started = time.perf_counter()
                msg_id = client.send("shell", "execute_request", {**content, "code": kernel.code})
                client.wait_reply_and_idle(msg_id, timeout=60)
                times[kernel.name].append(time.perf_counter() - started)
        return times
    finally:
        for each in running.values():
            each.stop()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms" if seconds < 0.01 else f"{seconds * 1000:.1f} ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folio", required=True, type=Path, help="the folio binary (a release build)")
    parser.add_argument("--starts", type=int, default=10)
    parser.add_argument("--round-trips", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=30)
    arguments = parser.parse_args()

    folio = arguments.folio.resolve()
    if not folio.is_file():
        parser.error(f"{folio} does not exist: build it with `swift build -c release`")
    python_spec = KernelSpecManager().get_kernel_spec("python3")
    python_argv = list(python_spec.argv)
    if python_argv[0] in ("python", "python3"):  # as jupyter_client does: this interpreter
        python_argv[0] = sys.executable
    workdir = Path(tempfile.mkdtemp(prefix="folio-bench-"))
    quiet_python = {"IPYTHONDIR": str(workdir / "ipython"), "PYDEVD_DISABLE_FILE_VALIDATION": "1"}
    kernels = [
        Kernel("Folio", [str(folio), "kernel", "-f", "{connection_file}"], "1"),
        Kernel("ipykernel", python_argv, "1", quiet_python),
    ]
    version = subprocess.run([str(folio), "--version"], capture_output=True, text=True).stdout.strip()
    print(f"folio: {folio} ({version})")
    print(f"ipykernel: {' '.join(python_argv)}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")

    context = zmq.Context()
    try:
        print(f"measuring {arguments.starts} starts of each kernel, taking turns ...", flush=True)
        starts = measure_starts(kernels, workdir, context, arguments.starts)
        print(f"measuring {arguments.round_trips} round trips on each kernel, alternating ...", flush=True)
        trips = measure_round_trips(kernels, workdir, context, arguments.round_trips, arguments.warmup)
    finally:
        context.term()
        shutil.rmtree(workdir, ignore_errors=True)
    results = {
        kernel.name: {
            "start median": statistics.median(starts[kernel.name]),
            "round trip median": statistics.median(trips[kernel.name]),
            "round trip p99": percentile(trips[kernel.name], 0.99),
        }
        for kernel in kernels
    }

    rows = [
        (f"start to first kernel_info_reply, median of {arguments.starts}", "start median"),
        (f"execute round trip of `1`, median of {arguments.round_trips}", "round trip median"),
        (f"execute round trip of `1`, p99 of {arguments.round_trips}", "round trip p99"),
    ]
    width = max(len(label) for label, _ in rows)
    print()
    print(f"{'':{width}}  {'Folio':>12}  {'ipykernel':>12}  {'Folio/ipykernel':>15}")
    met = True
    for label, key in rows:
        ours, theirs = results["Folio"][key], results["ipykernel"][key]
        ratio = ours / theirs
        met = met and ratio <= GOAL
        print(f"{label:{width}}  {milliseconds(ours):>12}  {milliseconds(theirs):>12}  {ratio:>15.3f}")
    print()
    print(f"goal: every ratio at most {GOAL} (one fifth of ipykernel): {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
