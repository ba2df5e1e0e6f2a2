#!/usr/bin/env python3
"""Numeric benchmark: Folio's tensor engine and training steps against NumPy and JAX (CPU), and
against the limits of this machine, all measured in the same run.

  1. machine limits, from two C programs compiled here (cc -O3 -march=native): a STREAM-style
     triad (bandwidth, at the cases' size and past the caches) and OpenBLAS SGEMM/DGEMM (GFLOP/s),
     the latter run once with the kernel Folio reports (folio-bench --info: Folio picks it from cpuid
     at start-up, so the C program gets it through OPENBLAS_CORETYPE) and, where NumPy's
     OpenBLAS picks another kernel, once more with the system OpenBLAS forced to that kernel (what
     the machine can do);
  2. every case of folio-bench, each followed at once by the same case in NumPy (and JAX for the
     training cases), so that a change in the machine's load hits the tools alike; the training
     cases in three such rounds, each tool judged by its median round;
  3. the peak RSS of a five-op chain on 10^8 f32, Folio and NumPy each in a process of its own.

NumPy and JAX run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from their environment
(set on some machines for the old system OpenBLAS, they slow NumPy's newer bundled one); Folio runs
in the environment it is given. Both kernels are reported. Ratios and goals: numeric_report.py.

Usage: bench/numeric_bench.py --folio-bench .build-bench/release/folio-bench [--quick]
       (make bench builds it and runs this with .venv-bench's Python)
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numeric_report

BENCH = Path(__file__).resolve().parent
NUMPY_ENV_REMOVED = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
CHAIN_ELEMENTS = 100_000_000
# Cases whose time is mostly OpenBLAS. Folio reruns them with its OpenBLAS forced to NumPy's kernel,
# to tell the kernel's share of a gap from Folio's own (diagnosis only; goals judge Folio as run).
# NumPy reruns them with one BLAS thread: when another process holds a core, NumPy's OpenBLAS
# (0.3.31) can wait a scheduler slice for its second thread on every call (seen here: a 256 matmul
# at 16 ms instead of 0.2 ms); the report compares Folio with the faster of NumPy's two runs.
BLAS_BOUND = ("matmul_", "conv2d_", "mlp_", "cnn_", "per_op_")
# The training cases run in alternating rounds (Folio, NumPy, JAX, Folio, ...) and each tool is
# judged by its median round: on a shared two-core machine one tool's single run can land in a
# slow window (seen here: the same binary's MLP step at 1.3 ms and 2.0 ms minutes apart).
ROUNDS_OF = ("mlp_", "cnn_", "per_op_")
ROUNDS = 3


def python_environment() -> dict:
    environment = {key: value for key, value in os.environ.items() if key not in NUMPY_ENV_REMOVED}
    environment["JAX_PLATFORMS"] = "cpu"
    return environment


def json_lines(command: list[str], environment: dict | None = None, timeout: float = 300) -> list[dict]:
    """Runs `command` and returns its JSON lines; a failing tool is reported, not fatal."""
    try:
        completed = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        print(f"  ! {Path(command[0]).name} {' '.join(command[1:])}: timed out after {timeout:.0f} s", file=sys.stderr)
        return []
    if completed.returncode != 0:
        print(f"  ! {' '.join(command)} exited {completed.returncode}: {completed.stderr.strip()[-500:]}", file=sys.stderr)
    return [json.loads(line) for line in completed.stdout.splitlines() if line.startswith("{")]


class Tools:
    """How to run each tool's side of a case."""

    def __init__(self, folio_bench: str, python: str, quick: bool) -> None:
        self.folio = [folio_bench]
        self.numpy = [python, str(BENCH / "numeric_numpy.py")]
        self.jax = [python, str(BENCH / "numeric_jax.py")]
        self.quick = ["--quick"] if quick else []
        self.python_env = python_environment()

    def run(self, tool: str, *arguments: str, environment: dict | None = None) -> list[dict]:
        command = getattr(self, tool) + list(arguments)
        return json_lines(command, environment or (None if tool == "folio" else self.python_env))

    def names(self, tool: str) -> list[str]:
        completed = subprocess.run(getattr(self, tool) + ["--list"], env=None if tool == "folio" else self.python_env,
                                   capture_output=True, text=True, check=True)
        return completed.stdout.split()


def compile_limits(workdir: Path) -> tuple[Path, Path]:
    """Compiles the C programs of bench/limits/ here, for this processor."""
    compiler = os.environ.get("CC", "cc")
    triad, gemm = workdir / "triad", workdir / "gemm_peak"
    subprocess.run([compiler, "-O3", "-march=native", "-fopenmp", "-o", str(triad), str(BENCH / "limits/triad.c")],
                   check=True)
    subprocess.run([compiler, "-O3", "-march=native", "-o", str(gemm), str(BENCH / "limits/gemm_peak.c"),
                    "-lopenblas", "-lm"], check=True)
    return triad, gemm


def machine_limits(triad: Path, gemm: Path, numpy_core: str | None, folio_core: str | None) -> list[dict]:
    """Bandwidth and GEMM ceilings; GEMM with the kernel Folio runs and forced to NumPy's kernel."""
    records = json_lines([str(triad)])
    # Folio chooses its OpenBLAS kernel at start-up (OpenBLASCore), so the C program gets it forced.
    as_folio = json_lines([str(gemm)], {**os.environ, "OPENBLAS_CORETYPE": folio_core} if folio_core else None)
    for record in as_folio:
        record["environment"] = "folio"
    records += as_folio
    folio_core = next((r["blas_core"] for r in as_folio if r["kind"] == "blas"), None)
    if numpy_core and folio_core and numpy_core.lower() != folio_core.lower():
        forced = json_lines([str(gemm)], {**python_environment(), "OPENBLAS_CORETYPE": numpy_core})
        for record in forced:
            record["environment"] = "forced"
        records += forced
    return records


def chain_peak(command: list[str], environment: dict | None) -> dict:
    """Runs the peak-memory chain in a child process and adds the child's ru_maxrss from wait4."""
    with tempfile.TemporaryFile("w+") as output:
        child = subprocess.Popen(command, stdout=output, stderr=subprocess.PIPE, env=environment)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        lines = [json.loads(line) for line in output.read().splitlines() if line.startswith("{")]
    if child.returncode != 0 or not lines:
        print(f"  ! {' '.join(command)} exited {child.returncode}: {child.stderr.read().decode()[-500:]}", file=sys.stderr)
        return {}
    return {**lines[0], "ru_maxrss": usage.ru_maxrss * 1024}


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def uptime_line() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return f"load average: {load_average()}"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def last_level_cache() -> str | None:
    """The L3 size as sysfs spells it (e.g. 307200K): whether 10^7-float arrays fit in it matters."""
    try:
        return Path("/sys/devices/system/cpu/cpu0/cache/index3/size").read_text().strip()
    except OSError:
        return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folio-bench", required=True, help="release build of the folio-bench executable")
    parser.add_argument("--python", default=sys.executable, help="Python with numpy, jax, threadpoolctl")
    parser.add_argument("--quick", action="store_true", help="one run per case and a 10^6 chain: a smoke test")
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--results", default="build/bench/numeric-results.json", help="where the raw records go")
    arguments = parser.parse_args()

    started = time.monotonic()
    context = {"started": uptime_line(), "cpu": cpu_model(), "cores": os.cpu_count(), "l3": last_level_cache(),
               "environment": {name: os.environ.get(name) for name in NUMPY_ENV_REMOVED}}
    print(f"numeric benchmark: {context['cpu']}, {context['cores']} cores; {context['started']}", flush=True)
    tools = Tools(arguments.folio_bench, arguments.python, arguments.quick)
    records: list[dict] = []
    for tool in ("folio", "numpy", "jax"):
        records += tools.run(tool, "--info")
    numpy_core = next((r.get("blas_core") for r in records if r.get("tool") == "numpy"), None)

    workdir = tempfile.TemporaryDirectory(prefix="folio-limits-")
    triad, gemm = compile_limits(Path(workdir.name))
    print("  machine limits (C triad and read, OpenBLAS GEMM) ...", flush=True)
    folio_core = next((r.get("blas_core") for r in records if r.get("tool") == "folio"), None)
    records += machine_limits(triad, gemm, numpy_core, folio_core)

    forced = None
    if numpy_core and folio_core and numpy_core.lower() != folio_core.lower():
        forced = {**os.environ, "OPENBLAS_CORETYPE": numpy_core}
    names = arguments.cases.split(",") if arguments.cases else tools.names("folio")
    jax_names = set(tools.names("jax"))
    for name in names:
        rounds = 1 if arguments.quick or not name.startswith(ROUNDS_OF) else ROUNDS
        print(f"  {name} ..." if rounds == 1 else f"  {name} ({rounds} alternating rounds) ...", flush=True)
        for round_index in range(rounds):
            found = tools.run("folio", "--cases", name, *tools.quick)
            found += tools.run("numpy", "--cases", name, *tools.quick)
            if name in jax_names:
                found += tools.run("jax", "--cases", name, *tools.quick)
            if name.startswith(BLAS_BOUND):
                one_thread = {**tools.python_env, "OPENBLAS_NUM_THREADS": "1"}
                rerun = tools.run("numpy", "--cases", name, *tools.quick, environment=one_thread)
                found += [{**record, "variant": "one_thread"} for record in rerun]
            records += [{**record, "round": round_index} for record in found]
        if forced and name.startswith(BLAS_BOUND):
            rerun = tools.run("folio", "--cases", name, *tools.quick, environment=forced)
            records += [{**record, "variant": "forced_core", "blas_core": numpy_core} for record in rerun]

    if not arguments.cases:
        elements = str(10**6 if arguments.quick else CHAIN_ELEMENTS)
        print(f"  peak memory of the op chain on {elements} f32 ...", flush=True)
        for command, environment in ((tools.folio, None), (tools.numpy, tools.python_env)):
            record = chain_peak(command + ["--chain-peak", elements], environment)
            if record:
                records.append(record)

    # Bandwidth again at the end: on a shared machine one window can be a busy one; limits take the best.
    print("  bandwidth limits again ...", flush=True)
    records += json_lines([str(triad)])
    workdir.cleanup()
    context["finished"] = uptime_line()
    context["seconds"] = time.monotonic() - started
    results = Path(arguments.results)
    results.parent.mkdir(parents=True, exist_ok=True)
    results.write_text(json.dumps({"context": context, "records": records}, indent=1))
    print()
    print(numeric_report.render(context, records))
    print(f"\nraw records: {results}")
    return 0


if __name__ == "__main__":
    if shutil.which(os.environ.get("CC", "cc")) is None:
        sys.exit("numeric_bench.py: needs a C compiler (cc) for the machine-limit programs")
    sys.exit(main())
