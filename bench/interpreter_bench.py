#!/usr/bin/env python3
"""Interpreter benchmark (issue 3): Folio against CPython, measured in the same run.

Each case is a pair of scripts in bench/interpreter/: NAME.folio, run with `folio run`, and NAME.py,
run with this Python. Both time their own work five times and print the best time in seconds as
their last line (Folio through `time { }`, Python through time.perf_counter), so process start-up
is not part of the figure. The goal is Folio at least as fast as CPython 3.11 on every case.

Usage: bench/interpreter_bench.py --folio .build/release/folio   (make bench builds it and runs this)
"""
from __future__ import annotations

import argparse
import platform
import subprocess
import sys
from pathlib import Path

CASES = {
    "fib": "recursive fib(25)",
    "loop": "sum of i * i for i in 0..<1_000_000",
    "records": "build and sum 100,000 records",
}
HERE = Path(__file__).resolve().parent / "interpreter"


def best_seconds(command: list[str]) -> float:
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    if result.returncode != 0:
        sys.exit(f"interpreter_bench: {' '.join(command)} failed:\n{result.stderr}")
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folio", required=True, help="the folio binary (a release build)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating Folio/CPython process runs per case (default 3)")
    arguments = parser.parse_args()
    print(f"folio: {arguments.folio}")
    print(f"python: {sys.executable} ({platform.python_implementation()} {platform.python_version()})")
    print(f"\n{'case':40} {'Folio':>10} {'CPython':>10} {'speed':>8}  goal (speed >= 1)")
    met = 0
    for name, title in CASES.items():
        # Rounds alternate Folio and CPython, so a burst of load on a shared machine hits both;
        # each side keeps its best round (each round is already the best of five in-process runs).
        folio_runs, python_runs = [], []
        for _ in range(arguments.rounds):
            folio_runs.append(best_seconds([arguments.folio, "run", str(HERE / f"{name}.folio")]))
            python_runs.append(best_seconds([sys.executable, str(HERE / f"{name}.py")]))
        folio, python = min(folio_runs), min(python_runs)
        speed = python / folio
        met += speed >= 1.0
        verdict = "met" if speed >= 1.0 else "NOT met"
        print(f"{title:40} {folio * 1e3:8.1f}ms {python * 1e3:8.1f}ms {speed:7.2f}x  {verdict}")
    print(f"\nspeed = CPython time / Folio time (above 1: Folio is faster); goals met: {met} of {len(CASES)}")


if __name__ == "__main__":
    main()
