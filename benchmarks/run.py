"""Measure armscontrol side by side with other libraries, in one run, on the same data.

Usage::

    python benchmarks/run.py              # 10^3, 10^4, 10^5 agreements (minutes)
    python benchmarks/run.py --quick      # small sizes, fewer repeats (under a minute)
    python benchmarks/run.py --sizes 1000 20000 --repeats 3

What is measured (median of the repeats; garbage collection on):

* full validation throughput, transitions per second, at each size, and the
  per-transition cost at the largest size over the smallest (linearity);
* the lifecycle-legality check alone over the generated histories
  (``Lifecycle.allowed``) and with a plain dict, and the reference replay of a
  six-state lifecycle with armscontrol, a dict, automat, transitions and
  python-statemachine (see :mod:`benchmarks.alternatives`);
* loading and dumping the JSON format with :mod:`armscontrol.io` and with the
  same shapes in pydantic and msgspec (:mod:`benchmarks.formats`), and the
  reference JSON records with cattrs, pydantic and msgspec;
* status-on-a-date query latency over the largest record;
* memory per transition (tracemalloc) and the peak RSS of the run;
* ``import armscontrol`` time and ``armscontrol validate --dataset korea`` wall time.

Garbage collection stays on for everything the measured code allocates; before
each timed repeat the benchmark's own inputs are collected and frozen
(``gc.freeze``) so that no library pays for traversing another's data.

It prints a table with each target beside its figure, then, last, one line of
JSON with every figure.
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import attrs

from armscontrol.model import Record
from benchmarks import alternatives, formats
from benchmarks.generate import generate

LIBRARIES = (
    "armscontrol",
    "attrs",
    "cattrs",
    "pendulum",
    "transitions",
    "python-statemachine",
    "automat",
    "pydantic",
    "msgspec",
)

REFERENCE = {
    "replay_python-statemachine_tps": 13_700,
    "replay_transitions_tps": 120_000,
    "replay_automat_tps": 600_000,
    "replay_dict_tps": 5_500_000,
    "json_cattrs_load_rps": 54_000,
    "json_pydantic_load_rps": 45_000,
    "json_msgspec_load_rps": 343_000,
}
"""Figures measured before on this kind of machine, printed beside ours."""


@dataclass(frozen=True)
class Settings:
    """How much work each measurement does."""

    sizes: tuple[int, ...]
    repeats: int
    seed: int
    histories: int
    slow_histories: int  # python-statemachine replays fewer histories: it is slow
    json_records: int
    queries: int
    launches: int  # fresh interpreters for the import and CLI timings
    quick: bool


@dataclass(frozen=True)
class Figure:
    """One measured value, with its target when it has one."""

    key: str
    label: str
    value: float | int | None
    unit: str
    target: str | None = None
    met: bool | None = None


@dataclass
class Results:
    """Everything measured, in the order it was measured."""

    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    environment: dict[str, Any] = field(default_factory=dict)

    def add(
        self,
        key: str,
        label: str,
        value: float | None,
        unit: str,
        target: tuple[str, float] | None = None,
    ) -> None:
        """Record a figure; ``target`` is (``">="`` or ``"<="``, bound)."""
        text = met = None
        if target is not None:
            sense, bound = target
            text = f"{sense} {_number(bound)}"
            if value is not None:
                met = value >= bound if sense == ">=" else value <= bound
        self.figures.append(Figure(key, label, value, unit, text, met))

    def value(self, key: str) -> float | None:
        """A figure recorded before, or ``None``."""
        for figure in self.figures:
            if figure.key == key:
                return figure.value
        return None


def timed(work: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """The median wall time of ``work`` over ``repeats`` runs, and its last result."""
    times: list[float] = []
    result: Any = None
    for _ in range(repeats):
        result = None
        gc.collect()
        gc.freeze()
        try:
            start = time.perf_counter()
            result = work()
            times.append(time.perf_counter() - start)
        finally:
            gc.unfreeze()
    return statistics.median(times), result


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


# -- the measurements -------------------------------------------------------------


def environment(results: Results, settings: Settings) -> None:
    versions: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    results.environment = {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)),
        "load_average_start": [round(x, 2) for x in os.getloadavg()],
        "versions": versions,
        "mode": "quick" if settings.quick else "full",
        "sizes": list(settings.sizes),
        "repeats": settings.repeats,
        "seed": settings.seed,
    }


def generation(results: Results, settings: Settings) -> dict[int, Record]:
    records: dict[int, Record] = {}
    for size in settings.sizes:
        start = time.perf_counter()
        records[size] = generate(size, settings.seed)
        elapsed = time.perf_counter() - start
        count = len(records[size].transitions)
        results.add(f"generate_{size}_s", f"generate {size:,} agreements", elapsed, "s")
        results.add(f"transitions_{size}", f"  transitions in {size:,} agreements", count, "")
    return records


def validation(results: Results, settings: Settings, records: dict[int, Record]) -> None:
    try:
        from armscontrol.validation import validate
    except ImportError:
        results.notes.append("armscontrol.validate is absent: validation not measured")
        for size in settings.sizes:
            results.add(f"validate_{size}_tps", f"validate, {size:,} agreements", None, "tr/s")
        results.add("validate_linearity", "per-transition cost, largest/smallest", None, "x")
        return
    per_transition: dict[int, float] = {}
    for size, record in records.items():
        copies = iter([attrs.evolve(record) for _ in range(settings.repeats)])
        # A fresh copy per repeat: a record caches its lookups, as it would in real use.
        seconds, report = timed(lambda: validate(next(copies)), settings.repeats)  # noqa: B023
        count = len(record.transitions)
        per_transition[size] = seconds / count
        results.add(
            f"validate_{size}_tps",
            f"validate, {size:,} agreements",
            count / seconds,
            "tr/s",
            (">=", 1_000_000),
        )
        results.add(f"validate_{size}_errors", "  errors found", len(report.errors), "")
        results.add(f"validate_{size}_warnings", "  warnings found", len(report.warnings), "")
    smallest, largest = min(per_transition), max(per_transition)
    results.add(
        "validate_linearity",
        f"per-transition cost, {largest:,} / {smallest:,}",
        per_transition[largest] / per_transition[smallest],
        "x",
        ("<=", 1.3),
    )


def memory(results: Results, settings: Settings, size: int) -> None:
    gc.collect()
    tracemalloc.start()
    record = generate(size, settings.seed + 1)
    held, _ = tracemalloc.get_traced_memory()
    count = len(record.transitions)
    results.add(
        "memory_record_b_per_tr", f"record memory per transition ({size:,})", held / count, "B"
    )
    try:
        from armscontrol.validation import validate
    except ImportError:
        results.add("memory_validate_b_per_tr", "validator peak per transition", None, "B")
    else:
        tracemalloc.reset_peak()
        validate(record)
        _, peak = tracemalloc.get_traced_memory()
        results.add(
            "memory_validate_b_per_tr",
            "  validator peak extra per transition",
            (peak - held) / count,
            "B",
        )
    tracemalloc.stop()


def peak_rss(results: Results, largest: int) -> None:
    kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results.add("peak_rss_mb", f"peak RSS (holding {largest:,} agreements)", kilobytes / 1024, "MB")


def _subjects(record: Record) -> dict[str, Any]:
    from armscontrol import lifecycle

    kinds: dict[str, Any] = {}
    for agreement in record.agreements:
        kinds[agreement.id] = lifecycle.AGREEMENT
        for commitment in agreement.commitments:
            kinds[commitment.id] = lifecycle.COMMITMENT
        for party in agreement.parties:
            kinds[f"{agreement.id}/{party}"] = lifecycle.PARTICIPATION
    for violation in record.violations:
        kinds[violation.id] = lifecycle.VIOLATION
    return kinds


def legality_lifecycle(record: Record) -> list[tuple[int, str, str | None, str]]:
    """Replay every history with ``Lifecycle.allowed``; the illegal steps."""
    kinds = _subjects(record)
    states: dict[str, str | None] = {}
    found: list[tuple[int, str, str | None, str]] = []
    for index, transition in enumerate(record.transitions):
        subject, target = transition.subject, transition.to
        source = states.get(subject)
        if not kinds[subject].allowed(source, target):
            found.append((index, subject, source, target))
        states[subject] = target
    return found


def legality_dict(record: Record) -> list[tuple[int, str, str | None, str]]:
    """Replay every history with plain sets of allowed pairs; the illegal steps."""
    lifecycles = _subjects(record)
    tables = {
        id(lc): {(s, t) for s in (None, *lc.states) for t in lc.successors(s)}
        for lc in set(lifecycles.values())
    }
    kinds = {subject: tables[id(lc)] for subject, lc in lifecycles.items()}
    states: dict[str, str | None] = {}
    found: list[tuple[int, str, str | None, str]] = []
    for index, transition in enumerate(record.transitions):
        subject, target = transition.subject, transition.to
        source = states.get(subject)
        if (source, target) not in kinds[subject]:
            found.append((index, subject, source, target))
        states[subject] = target
    return found


def legality(results: Results, settings: Settings, record: Record) -> None:
    count = len(record.transitions)
    size = len(record.agreements)
    try:
        import armscontrol.lifecycle  # noqa: F401
    except ImportError:
        results.notes.append("armscontrol.lifecycle is absent: legality not measured")
        results.add("legality_tps", "legality alone (Lifecycle.allowed)", None, "tr/s")
        results.add("legality_dict_tps", "legality alone (plain dict)", None, "tr/s")
        results.add("legality_illegal", "  illegal steps found", None, "")
        return
    seconds, found = timed(lambda: legality_lifecycle(record), settings.repeats)
    results.add(
        "legality_tps",
        f"legality alone, Lifecycle.allowed ({size:,})",
        count / seconds,
        "tr/s",
        (">=", 5_000_000),
    )
    results.add("legality_illegal", "  illegal steps found", len(found), "")
    seconds, _ = timed(lambda: legality_dict(record), settings.repeats)
    results.add(
        "legality_dict_tps", f"legality alone, plain dict ({size:,})", count / seconds, "tr/s"
    )


def replays(results: Results, settings: Settings) -> None:
    batch = alternatives.histories(settings.histories, settings.seed)
    disagree: list[str] = []
    for name, replay in alternatives.REPLAYS.items():
        work = batch[: settings.slow_histories] if name == "python-statemachine" else batch
        steps = sum(map(len, work))
        key = f"replay_{name}_tps"
        try:
            seconds, diagnostics = timed(lambda: replay(work), settings.repeats)  # noqa: B023
        except ImportError as exc:
            results.notes.append(f"{name} replay skipped: {exc}")
            results.add(key, f"reference replay, {name}", None, "tr/s")
            continue
        # Every replay must find the same illegal steps in the histories it walked.
        if diagnostics != alternatives.replay_dict(work):
            disagree.append(name)
        target = (">=", 5_000_000) if name == "armscontrol" else None
        label = f"reference replay, {name} ({len(work):,} histories)"
        results.add(key, label, steps / seconds, "tr/s", target)
    expected = len(alternatives.replay_dict(batch))
    results.add("replay_diagnostics", "  illegal steps in the reference histories", expected, "")
    results.add(
        "replay_disagreements", "  replays that found other illegal steps", len(disagree), ""
    )
    if disagree:
        results.notes.append(f"replays that disagree with the dict: {', '.join(disagree)}")
    ours = results.value("replay_armscontrol_tps")
    for name in ("dict", "automat", "transitions", "python-statemachine"):
        theirs = results.value(f"replay_{name}_tps")
        ratio = ours / theirs if ours and theirs else None
        results.add(f"replay_armscontrol_vs_{name}", f"  armscontrol / {name}", ratio, "x")


def io_format(results: Results, settings: Settings, record: Record) -> None:
    size = len(record.agreements)
    keys = ("armscontrol", "pydantic", "msgspec")
    try:
        from armscontrol import io
    except ImportError:
        results.notes.append("armscontrol.io is absent: the JSON format not measured")
        for name in keys:
            results.add(f"io_{name}_load_aps", f"load, {name}", None, "agr/s")
            results.add(f"io_{name}_dump_aps", f"dump, {name}", None, "agr/s")
        results.add("io_load_vs_pydantic", "  armscontrol load / pydantic", None, "x")
        results.add("io_msgspec_over_load", "  msgspec load / armscontrol", None, "x")
        return
    text = io.dumps(record).encode()
    results.add("io_document_mb", f"document of {size:,} agreements", len(text) / 1e6, "MB")
    codecs: dict[str, tuple[Callable[[bytes], Any], Callable[[Any], Any]]] = {
        "armscontrol": (io.loads, io.dumps)
    }
    codecs.update({name: make() for name, make in formats.CODECS.items()})
    for name, (load, dump) in codecs.items():
        seconds, loaded = timed(lambda: load(text), settings.repeats)  # noqa: B023
        results.add(f"io_{name}_load_aps", f"load, {name} ({size:,})", size / seconds, "agr/s")
        seconds, _ = timed(lambda: dump(loaded), settings.repeats)  # noqa: B023
        results.add(f"io_{name}_dump_aps", f"dump, {name} ({size:,})", size / seconds, "agr/s")
        loaded = None  # free it before the next library loads
    ours = results.value("io_armscontrol_load_aps") or 0.0
    pydantic = results.value("io_pydantic_load_aps") or 1.0
    msgspec = results.value("io_msgspec_load_aps") or 1.0
    results.add(
        "io_load_vs_pydantic", "  armscontrol load / pydantic", ours / pydantic, "x", (">=", 1.2)
    )
    results.add(
        "io_msgspec_over_load",
        "  msgspec load / armscontrol",
        msgspec / ours if ours else None,
        "x",
        ("<=", 4.0),
    )


def json_reference(results: Results, settings: Settings) -> None:
    count = settings.json_records
    text = alternatives.documents(count, settings.seed)
    for name, make in alternatives.CODECS.items():
        load, dump = make()
        seconds, rows = timed(lambda: load(text), settings.repeats)  # noqa: B023
        results.add(
            f"json_{name}_load_rps",
            f"reference records, load, {name} ({count:,})",
            count / seconds,
            "rec/s",
        )
        seconds, _ = timed(lambda: dump(rows), settings.repeats)  # noqa: B023
        results.add(
            f"json_{name}_dump_rps", f"reference records, dump, {name}", count / seconds, "rec/s"
        )
        rows = None  # free them before the next library loads


def queries(results: Results, settings: Settings, record: Record) -> None:
    try:
        from armscontrol import query
    except ImportError:
        results.notes.append("armscontrol.query is absent: queries not measured")
        results.add("query_first_ms", "first status query (builds the index)", None, "ms")
        results.add("query_median_us", "status query, median", None, "us")
        results.add("query_p90_us", "status query, 90th percentile", None, "us")
        return
    rng = random.Random(settings.seed)
    subjects = sorted({t.subject for t in record.transitions})
    asks = [
        (
            rng.choice(subjects),
            f"{rng.randint(1955, 2020):04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        )
        for _ in range(settings.queries)
    ]
    fresh = attrs.evolve(record)
    gc.collect()
    start = time.perf_counter()
    query.status(fresh, asks[0][0], asks[0][1])
    results.add(
        "query_first_ms",
        "first status query (builds the index)",
        (time.perf_counter() - start) * 1e3,
        "ms",
    )
    latencies: list[float] = []
    clock = time.perf_counter_ns
    for subject, on in asks:
        begin = clock()
        query.status(fresh, subject, on)
        latencies.append((clock() - begin) / 1e3)
    latencies.sort()
    size = len(record.agreements)
    results.add(
        "query_median_us",
        f"status query, median ({size:,} agreements)",
        statistics.median(latencies),
        "us",
    )
    results.add(
        "query_p90_us", "status query, 90th percentile", latencies[int(len(latencies) * 0.9)], "us"
    )


def _launch(command: Sequence[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done


def startup(results: Results, settings: Settings) -> None:
    python = sys.executable
    cumulative: list[float] = []
    walls: list[float] = []
    bare: list[float] = []
    _launch([python, "-c", "import armscontrol"])  # warm the bytecode cache
    for _ in range(settings.launches):
        bare.append(_launch([python, "-c", "pass"])[0])
        walls.append(_launch([python, "-c", "import armscontrol"])[0])
        _, done = _launch([python, "-X", "importtime", "-c", "import armscontrol"])
        for line in done.stderr.splitlines():
            parts = [part.strip() for part in line.split("|")]
            if len(parts) == 3 and parts[2] == "armscontrol":
                cumulative.append(int(parts[1]) / 1e3)
    results.add(
        "import_ms",
        "import armscontrol (-X importtime, cumulative)",
        statistics.median(cumulative) if cumulative else None,
        "ms",
        ("<=", 150),
    )
    results.add(
        "import_wall_ms",
        "  fresh interpreter + import, minus bare start",
        (statistics.median(walls) - statistics.median(bare)) * 1e3,
        "ms",
    )
    script = Path(python).with_name("armscontrol")
    command = [str(script)] if script.exists() else [python, "-m", "armscontrol"]
    probe = _launch([*command, "--help"])[1]
    if probe.returncode != 0:
        results.notes.append("the armscontrol CLI is absent: CLI validate not measured")
        results.add(
            "cli_validate_s", "armscontrol validate --dataset korea", None, "s", ("<=", 0.5)
        )
        return
    times = []
    for _ in range(settings.launches):
        seconds, done = _launch([*command, "validate", "--dataset", "korea"])
        times.append(seconds)
    if done.returncode not in (0, 1):
        results.notes.append(f"CLI validate exited {done.returncode}: {done.stderr.strip()[:200]}")
    results.add(
        "cli_validate_s",
        "armscontrol validate --dataset korea",
        statistics.median(times),
        "s",
        ("<=", 0.5),
    )


# -- the report -------------------------------------------------------------------


def table(results: Results) -> str:
    env = results.environment
    versions = ", ".join(f"{name} {version}" for name, version in env["versions"].items())
    lines = [
        (
            f"Python {env['python']} ({env['implementation']}) on {env['platform']}, "
            f"{env['cpus_usable']} of {env['cpu_count']} cores usable, load average "
            f"{env['load_average_start']} at start, {env['load_average_end']} at end"
        ),
        versions,
        f"mode {env['mode']}, sizes {env['sizes']}, median of {env['repeats']}, seed {env['seed']}",
        "",
        f"{'figure':<56} {'value':>14} {'unit':<6} {'target':<14} ",
        "-" * 98,
    ]
    for figure in results.figures:
        if figure.value is None:
            value = "skipped"
        elif isinstance(figure.value, int):
            value = f"{figure.value:,}"
        else:
            value = _number(figure.value)
        verdict = {None: "", True: "pass", False: "MISS"}[figure.met]
        target = figure.target or ""
        reference = REFERENCE.get(figure.key)
        if reference is not None:
            target = f"ref {_number(reference)}"
        lines.append(f"{figure.label:<56} {value:>14} {figure.unit:<6} {target:<14} {verdict}")
    lines += [f"note: {note}" for note in results.notes]
    return "\n".join(lines)


def as_json(results: Results) -> str:
    document = {
        "environment": results.environment,
        "figures": {figure.key: figure.value for figure in results.figures},
        "targets": {
            figure.key: {"target": figure.target, "met": figure.met}
            for figure in results.figures
            if figure.target is not None
        },
        "reference": REFERENCE,
        "notes": results.notes,
    }
    return json.dumps(document, sort_keys=False, separators=(",", ":"))


def settings_from(argv: Sequence[str] | None) -> Settings:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--sizes", type=int, nargs="+", help="agreements per record")
    parser.add_argument("--repeats", type=int, help="timed runs per figure (the median is kept)")
    parser.add_argument("--seed", type=int, default=2012)
    args = parser.parse_args(argv)
    if args.quick:
        sizes, repeats = (100, 300, 1_000), 3
        extra = {"histories": 2_000, "slow_histories": 300, "json_records": 2_000, "queries": 300}
        launches = 3
    else:
        sizes, repeats = (1_000, 10_000, 100_000), 3
        extra = {
            "histories": 100_000,
            "slow_histories": 10_000,
            "json_records": 100_000,
            "queries": 3_000,
        }
        launches = 7
    return Settings(
        sizes=tuple(sorted(args.sizes or sizes)),
        repeats=args.repeats or repeats,
        seed=args.seed,
        launches=launches,
        quick=args.quick,
        **extra,
    )


def main(argv: Sequence[str] | None = None) -> int:
    settings = settings_from(argv)
    results = Results()
    environment(results, settings)
    records = generation(results, settings)
    largest = max(records)
    middle = sorted(records)[len(records) // 2]
    validation(results, settings, records)
    peak_rss(results, largest)
    legality(results, settings, records[largest])
    queries(results, settings, records[largest])
    io_record = records[middle]
    for size in list(records):
        if size != middle:
            del records[size]
    gc.collect()
    memory(results, settings, middle)
    io_format(results, settings, io_record)
    del records, io_record
    gc.collect()
    replays(results, settings)
    json_reference(results, settings)
    startup(results, settings)
    results.environment["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    print(table(results))
    print(as_json(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
