"""The numeric benchmark's report: ratios against NumPy and JAX, fractions of the machine's limits,
and the goals of issues 4 and 5 with pass/fail, from the records numeric_bench.py collected.

speed = NumPy time / Folio time (above 1: Folio is faster); "x JAX" = Folio time / JAX time.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

MEMORY_BOUND = ("add_", "mul_", "exp_", "sum_")
TRAINING = ("mlp_step_784_256_256_10_b128", "cnn_step_b32_3x32x32", "per_op_16x16_matmul_tanh")
LABELS = {"mlp_step_784_256_256_10_b128": "MLP 784-256-256-10 step, batch 128",
          "cnn_step_b32_3x32x32": "CNN step, batch 32 of 3x32x32",
          "per_op_16x16_matmul_tanh": "per op: 10^4 x (16x16 matmul, tanh) + grad"}


@dataclass
class Row:
    """One case: Folio's and the references' median times, and what limits apply."""

    name: str
    folio: dict | None
    numpy: dict | None
    jax: dict | None = None
    jax_eager: dict | None = None
    forced: dict | None = None

    @property
    def forced_speed(self) -> float | None:
        """NumPy time / time of Folio with its OpenBLAS forced to NumPy's kernel."""
        folio, numpy = self.seconds(self.forced), self.seconds(self.numpy)
        return numpy / folio if folio and numpy else None

    @staticmethod
    def seconds(record: dict | None) -> float | None:
        if not record:
            return None
        return record["median_s"] / record["ops"] if record.get("ops") else record["median_s"]

    @property
    def speed(self) -> float | None:
        folio, numpy = self.seconds(self.folio), self.seconds(self.numpy)
        return numpy / folio if folio and numpy else None

    def rate(self, record: dict | None) -> float | None:
        """GFLOP/s for compute cases, GB/s for memory-bound ones."""
        seconds = self.seconds(record)
        if not seconds or not record:
            return None
        if record.get("flops") and not self.name.startswith(MEMORY_BOUND):
            return record["flops"] / seconds * 1e-9
        return record["bytes"] / seconds * 1e-9 if record.get("bytes") else None


@dataclass
class Goal:
    text: str
    met: Callable[[Row, float | None], bool | None]


def at_least(speed: float) -> Callable[[Row, float | None], bool | None]:
    return lambda row, _: None if row.speed is None else row.speed >= speed


def speed_and_bandwidth(row: Row, fraction: float | None) -> bool | None:
    if row.speed is None or fraction is None:
        return None
    return row.speed >= 1.0 and fraction >= 0.70


def mlp_goal(row: Row, _: float | None) -> bool | None:
    folio, jax = Row.seconds(row.folio), Row.seconds(row.jax)
    if row.speed is None or folio is None or jax is None:
        return None
    return row.speed > 1.0 and folio <= 1.5 * jax


def per_op_goal(row: Row, _: float | None) -> bool | None:
    folio, numpy = Row.seconds(row.folio), Row.seconds(row.numpy)
    return None if folio is None or numpy is None else folio < numpy + 2e-6


GOALS = {"matmul_": Goal(">=0.95x NumPy", at_least(0.95)),
         "add_": Goal(">=1x NumPy, >=70% BW", speed_and_bandwidth),
         "mul_": Goal(">=1x NumPy, >=70% BW", speed_and_bandwidth),
         "sum_": Goal(">=1x NumPy, >=70% BW", speed_and_bandwidth),
         "exp_": Goal(">=1x NumPy", at_least(1.0)),
         "softmax_": Goal(">=1x NumPy (reduction)", at_least(1.0)),
         "mlp_": Goal("faster than NumPy, <=1.5x JAX jit", mlp_goal),
         "per_op_": Goal("< NumPy + 2 us/op", per_op_goal)}


def goal_for(name: str) -> Goal | None:
    return next((goal for prefix, goal in GOALS.items() if name.startswith(prefix)), None)


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("us", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds * 1e9:.3g} ns"


def number(value: float | None, suffix: str = "") -> str:
    return "-" if value is None else f"{value:.3g}{suffix}"


def verdict(met: bool | None) -> str:
    return {True: "PASS", False: "FAIL", None: "n/a"}[met]


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows)]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(line, widths)).rstrip()
             for line in [headers, ["-" * width for width in widths], *rows]]
    return "\n".join(lines)


@dataclass
class Limits:
    """The C programs' ceilings, the best of their runs: triad and read-only sum at the cases' size
    (the fractions use them), triad well past the caches (main memory, for the record) and the best
    correct OpenBLAS GEMM per dtype."""

    triad_gbs: float | None
    triad_one_thread_gbs: float | None
    read_gbs: float | None
    memory_gbs: float | None
    gemm: dict[str, float]

    @staticmethod
    def from_records(records: list[dict]) -> "Limits":
        streams = [r for r in records if r.get("kind") in ("triad", "read")]
        smallest = min((r["elements"] for r in streams), default=None)

        def best(kind: str, at_case_size: bool, threads: int | None = None) -> float | None:
            values = [r["gbs"] for r in streams if r["kind"] == kind and (r["elements"] == smallest) == at_case_size
                      and (threads is None or r["threads"] == threads)]
            return max(values, default=None)

        gemm: dict[str, float] = {}
        for record in records:
            if record.get("kind") == "gemm" and record.get("correct"):
                gemm[record["dtype"]] = max(gemm.get(record["dtype"], 0.0), record["gflops"])
        # Best over thread counts too: with another process holding a core, one thread can beat two.
        return Limits(best("triad", True), best("triad", True, 1), best("read", True), best("triad", False), gemm)

    def fraction(self, row: Row) -> float | None:
        """Folio's rate as a fraction of the limit that bounds the case (None: no such limit)."""
        rate = row.rate(row.folio)
        if rate is None:
            return None
        if row.name.startswith("sum_"):
            return rate / self.read_gbs if self.read_gbs else None
        if row.name.startswith(MEMORY_BOUND):
            return rate / self.triad_gbs if self.triad_gbs else None
        dtype = "f64" if "_f64_" in row.name else "f32"
        if row.name.startswith(("matmul_", "conv2d_")) and self.gemm.get(dtype):
            return rate / self.gemm[dtype]
        return None


def machine_section(context: dict, records: list[dict], limits: Limits) -> str:
    info = {r["tool"]: r for r in records if r.get("kind") == "info"}
    folio, numpy, jax = info.get("folio", {}), info.get("numpy", {}), info.get("jax", {})
    variables = ", ".join(f"{name}={value if value is not None else '(unset)'}"
                          for name, value in context["environment"].items())
    cache = f", L3 {context['l3']}" if context.get("l3") else ""
    lines = [f"machine: {context['cpu']}, {context['cores']} cores{cache}",
             f"uptime at start: {context['started']}",
             f"uptime at end:   {context.get('finished', '?')}  ({context.get('seconds', 0):.0f} s)",
             f"Folio's environment: {variables} (both removed for NumPy and JAX)",
             f"Folio: system {str(folio.get('blas_config', '?')).split(' NO_')[0]}, kernel {folio.get('blas_core')} "
             f"({folio.get('blas_selection', '?')}), {folio.get('blas_threads')} threads; CPU {folio.get('cpu_features', '?')}, "
             f"SIMD level {folio.get('simd_level', '?')}",
             f"NumPy {numpy.get('numpy')}: {numpy.get('blas_library')}, kernel {numpy.get('blas_core')}, "
             f"{numpy.get('blas_threads')} threads",
             f"JAX {jax.get('jax')} ({jax.get('jax_backend')})",
             f"limit, bandwidth (C, best of a run at the start and one at the end), on 10^7 f32 like the cases: "
             f"triad {number(limits.triad_gbs)} GB/s ({number(limits.triad_one_thread_gbs)} on 1 thread), "
             f"read-only sum {number(limits.read_gbs)} GB/s; triad past the caches (10^8 f32) "
             f"{number(limits.memory_gbs)} GB/s"]
    for environment, label in (("folio", "as Folio runs it"), ("forced", "forced to NumPy's kernel")):
        core = next((r["blas_core"] for r in records if r.get("kind") == "blas" and r.get("environment") == environment), None)
        gemms = [r for r in records if r.get("kind") == "gemm" and r.get("environment") == environment]
        if core:
            parts = [f"{r['dtype']} {r['gflops']:.3g} GFLOP/s{'' if r['correct'] else ' (WRONG RESULTS)'}" for r in gemms]
            lines.append(f"limit, GEMM 2048 system OpenBLAS {label} ({core}): {', '.join(parts)}")
    return "\n".join(lines)


def numpy_time(row: Row) -> str:
    """NumPy's time, marked + when its one-BLAS-thread run was the faster."""
    mark = " +" if row.numpy and row.numpy.get("one_thread") else ""
    return duration(Row.seconds(row.numpy)) + mark


def engine_section(rows: list[Row], limits: Limits) -> str:
    body = []
    for row in rows:
        goal = goal_for(row.name)
        fraction = limits.fraction(row)
        unit = " GB/s" if row.name.startswith(MEMORY_BOUND) or row.name.startswith("softmax") else " GFLOP/s"
        body.append([row.name, duration(Row.seconds(row.folio)), numpy_time(row),
                     number(row.speed, "x"), number(row.rate(row.folio), unit), number(row.rate(row.numpy), unit),
                     "-" if fraction is None else f"{fraction:.0%}", goal.text if goal else "(none)",
                     verdict(goal.met(row, fraction)) if goal else "", number(row.forced_speed, "x")])
    headers = ["case", "Folio", "NumPy", "speed", "Folio rate", "NumPy rate", "Folio/limit", "goal", "result", "speed*"]
    return table(headers, body)


def training_section(rows: list[Row]) -> str:
    body = []
    for row in rows:
        goal = goal_for(row.name)
        folio, jax = Row.seconds(row.folio), Row.seconds(row.jax)
        body.append([LABELS.get(row.name, row.name), duration(folio), numpy_time(row),
                     duration(jax), duration(Row.seconds(row.jax_eager)), number(row.speed, "x"),
                     number(folio / jax if folio and jax else None, "x"), goal.text if goal else "(none)",
                     verdict(goal.met(row, None)) if goal else "", duration(Row.seconds(row.forced)),
                     number(row.forced_speed, "x")])
    headers = ["case (per-op row: time per op)", "Folio", "NumPy", "JAX jit", "JAX eager", "speed",
               "Folio/JAX jit", "goal", "result", "Folio*", "speed*"]
    spreads = []
    for row in rows:
        parts = [f"{tool} {duration(spread_seconds(record, 'round_min_s'))}-{duration(spread_seconds(record, 'round_max_s'))}"
                 for tool, record in (("Folio", row.folio), ("NumPy", row.numpy), ("JAX jit", row.jax))
                 if record and record.get("rounds")]
        if parts:
            rounds = max(record.get("rounds", 1) for record in (row.folio, row.numpy, row.jax) if record)
            spreads.append(f"  {LABELS.get(row.name, row.name)}: median of {rounds} rounds; range " + ", ".join(parts))
    return table(headers, body) + ("\n" + "\n".join(spreads) if spreads else "")


def spread_seconds(record: dict, key: str) -> float:
    """A round's time as the table shows it (per op for per-op cases)."""
    return record[key] / record["ops"] if record.get("ops") else record[key]


def peak_section(records: list[dict]) -> tuple[str, bool | None]:
    """The peak-memory table and whether Folio's chain peak is at most NumPy's."""
    peaks = {r["tool"]: r for r in records if r.get("kind") == "peak"}
    if not peaks:
        return "not measured", None
    elements = next(iter(peaks.values()))["elements"]
    array = 4 * elements
    body, above = [], {}
    for tool, record in peaks.items():
        # VmHWM was reset once x existed, so it is the chain's own peak; ru_maxrss (from wait4) also
        # counts the forked driver's pages before exec and, without the reset, x's creation.
        peak = record["vm_hwm"] if record["peak_reset"] and record.get("vm_hwm") else record["ru_maxrss"]
        above[tool] = peak - record["rss_after_input"]
        body.append([tool, f"{record['ru_maxrss'] / 2**20:.0f} MiB", f"{peak / 2**20:.0f} MiB",
                     f"{record['rss_before_input'] / 2**20:.0f} MiB", f"{record['rss_after_input'] / 2**20:.0f} MiB",
                     f"{above[tool] / 2**20:.0f} MiB", f"{above[tool] / array:.2f}", duration(record["seconds"]),
                     "yes" if record["peak_reset"] else "no (input creation counts)"])
    headers = ["tool", "ru_maxrss", "chain peak RSS", "RSS before x", "RSS with x", "peak above x", "arrays",
               "chain time", "VmHWM reset"]
    # Within 1% of an array: the goal is "no more live temporaries than NumPy", and a few MiB of
    # thread stacks or allocator slack on either side is not a temporary.
    met = above["folio"] <= above["numpy"] + array // 100 if {"folio", "numpy"} <= above.keys() else None
    return (f"sqrt(exp(x * 0.5 + 1) * x) on {elements:.0e} f32 ({array / 2**20:.0f} MiB per array), each in its own "
            f"process; peak = VmHWM reset after x is made; arrays = peak above x / array size\n" + table(headers, body) +
            f"\ngoal: Folio's peak above its input <= NumPy's (within 1% of an array): {verdict(met)}"), met


def faster_numpy(default: dict | None, one_thread: dict | None) -> dict | None:
    """NumPy's reference for a case: the faster of its default run and its one-BLAS-thread run
    (marked, so the table can say which)."""
    if default and one_thread and one_thread["median_s"] < default["median_s"]:
        return {**one_thread, "one_thread": True}
    return default or one_thread


def median_round(found: list[dict]) -> dict:
    """The record of the median round (the lower middle one for an even count), marked with the rounds' range."""
    ordered = sorted(found, key=lambda record: record["median_s"])
    chosen = ordered[(len(ordered) - 1) // 2]
    if len(ordered) == 1:
        return chosen
    return {**chosen, "rounds": len(ordered), "round_min_s": ordered[0]["median_s"], "round_max_s": ordered[-1]["median_s"]}


def render(context: dict, records: list[dict]) -> str:
    limits = Limits.from_records(records)
    runs: dict[str, dict[str, list[dict]]] = {}
    for record in records:
        if "median_s" in record:
            key = {"eager": "jax_eager", "forced_core": "forced", "one_thread": "numpy_one_thread"}.get(
                record.get("variant", ""), record["tool"])
            runs.setdefault(record["case"], {}).setdefault(key, []).append(record)
    # A case run in several rounds is represented by each tool's median round.
    cases = {name: {key: median_round(found) for key, found in tools.items()} for name, tools in runs.items()}
    for tools in cases.values():
        tools["numpy"] = faster_numpy(tools.get("numpy"), tools.get("numpy_one_thread"))
    rows = [Row(name, tools.get("folio"), tools.get("numpy"), tools.get("jax"), tools.get("jax_eager"), tools.get("forced"))
            for name, tools in cases.items()]
    engine = [row for row in rows if row.name not in TRAINING]
    training = [row for row in rows if row.name in TRAINING]
    goal_rows = [(row, goal_for(row.name)) for row in rows]
    verdicts = [goal.met(row, limits.fraction(row)) for row, goal in goal_rows if goal]
    peak_text, peak_met = peak_section(records)
    if any(r.get("kind") == "peak" for r in records):
        verdicts.append(peak_met)
    sections = ["== Machine", machine_section(context, records, limits)]
    if engine:
        sections += ["\n== Tensor engine (issue 4); speed = NumPy time / Folio time, above 1x Folio is faster",
                     engine_section(engine, limits)]
    if training:
        sections += ["\n== Training (issue 5); Folio/JAX jit = Folio time / JAX time, below 1.5x meets the goal",
                     training_section(training)]
    if any(row.numpy and row.numpy.get("one_thread") for row in rows):
        sections.append("\n+ NumPy with OPENBLAS_NUM_THREADS=1 was faster than with its default threads here and is the "
                        "reference (its 2-thread OpenBLAS stalls while another process holds a core).")
    forced_core = next((r.get("blas_core") for r in records if r.get("variant") == "forced_core"), None)
    if forced_core:
        sections.append(f"\n* Folio* / speed*: the same folio-bench with OPENBLAS_CORETYPE={forced_core} (NumPy's "
                        f"OpenBLAS kernel) forced on the system OpenBLAS: how much of a gap is the BLAS kernel. "
                        f"Diagnosis only; the goals judge Folio as run.")
    sections += ["\n== Peak memory of a five-op chain (issue 4)", peak_text,
                 f"\ngoals: {verdicts.count(True)} met, {verdicts.count(False)} not met"
                 + (f", {verdicts.count(None)} not measured" if None in verdicts else "")]
    return "\n".join(sections)
