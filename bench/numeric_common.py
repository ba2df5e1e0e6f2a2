"""What the NumPy and JAX workers of the numeric benchmark share with each other and with
folio-bench: the repetition policy, the clock, the JSON line format and the command line.

The numbers mirror Sources/folio-bench/BenchCase.swift (RepetitionPolicy), so every tool takes the
same number of samples for the same run time; change both together.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Policy:
    warmups: int = 2
    minimum_runs: int = 7
    minimum_seconds: float = 1.0
    maximum_runs: int = 200
    maximum_seconds: float = 6.0


STANDARD = Policy()
SLOW = Policy(warmups=1, minimum_runs=3, minimum_seconds=1.0, maximum_runs=10, maximum_seconds=8.0)
QUICK = Policy(warmups=0, minimum_runs=1, minimum_seconds=0.0, maximum_runs=1, maximum_seconds=0.0)


@dataclass
class Case:
    """One benchmark; `prepare` builds the inputs and returns the run that is timed."""

    name: str
    prepare: Callable[[], Callable[[], object]]
    bytes: int = 0
    flops: int = 0
    ops: int = 0
    policy: Policy = STANDARD
    variant: str = ""


def sample_times(run: Callable[[], object], policy: Policy) -> list[float]:
    """Per-run times under `policy` (time.perf_counter is CLOCK_MONOTONIC, as folio-bench reads)."""
    for _ in range(policy.warmups):
        run()
    samples: list[float] = []
    start = time.perf_counter()
    while True:
        before = time.perf_counter()
        run()
        samples.append(time.perf_counter() - before)
        elapsed = time.perf_counter() - start
        enough = len(samples) >= policy.minimum_runs and elapsed >= policy.minimum_seconds
        too_much = len(samples) >= policy.maximum_runs or elapsed >= policy.maximum_seconds
        if enough or too_much:
            return samples


def print_line(record: dict) -> None:
    print(json.dumps(record, sort_keys=True), flush=True)


def run_case(tool: str, case: Case, quick: bool) -> None:
    samples = sample_times(case.prepare(), QUICK if quick else case.policy)
    record = {"tool": tool, "case": case.name, "median_s": statistics.median(samples), "min_s": min(samples),
              "runs": len(samples), "bytes": case.bytes, "flops": case.flops, "ops": case.ops}
    if case.variant:
        record["variant"] = case.variant
    print_line(record)


def status_bytes(field: str) -> int | None:
    """A field of /proc/self/status (VmRSS, VmHWM) in bytes."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def reset_peak_resident_size() -> bool:
    """Resets VmHWM (and the parent's ru_maxrss) to the current RSS: input creation is not the chain."""
    try:
        with open("/proc/self/clear_refs", "w") as clear:
            clear.write("5")
        return True
    except OSError:
        return False


def main(tool: str, cases: list[Case], info: Callable[[], dict], chain_peak: Callable[[int], dict] | None) -> int:
    parser = argparse.ArgumentParser(description=f"{tool} side of the numeric benchmark (JSON lines)")
    parser.add_argument("--list", action="store_true", help="print the case names")
    parser.add_argument("--info", action="store_true", help="print the BLAS/runtime this process uses")
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    parser.add_argument("--quick", action="store_true", help="run each case once (smoke test)")
    parser.add_argument("--chain-peak", type=int, metavar="N", help="the peak-memory chain on N f32")
    arguments = parser.parse_args()
    if arguments.list:
        for name in dict.fromkeys(case.name for case in cases):
            print(name)
        return 0
    if arguments.info:
        print_line({"tool": tool, "kind": "info", **info()})
        return 0
    if arguments.chain_peak:
        if chain_peak is None:
            parser.error("this tool has no peak-memory case")
        print_line({"tool": tool, "kind": "peak", "case": "chain_peak", **chain_peak(arguments.chain_peak)})
        return 0
    wanted = arguments.cases.split(",") if arguments.cases else None
    known = {case.name for case in cases}
    unknown = [name for name in wanted or [] if name not in known]
    if unknown:
        print(f"{tool}: no case named {', '.join(unknown)}", file=sys.stderr)
        return 2
    for case in cases:
        if wanted is None or case.name in wanted:
            run_case(tool, case, arguments.quick)
    return 0
