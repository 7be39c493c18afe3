"""Measure armscontrol side by side with other libraries, in one run, on the same data.

Usage::

    python benchmarks/run.py              # the full run (tens of minutes on two cores)
    python benchmarks/run.py --quick      # small sizes, fewer repeats (under a minute)
    python benchmarks/run.py --sizes 1000 20000 --growth 1000 100000 --repeats 3
    python benchmarks/run.py --only h2h --only generated   # some sections alone

What is measured (the median of the repeats):

* **validation against the state-machine libraries, on the same histories**:
  six-step histories of a six-state lifecycle (see :mod:`benchmarks.alternatives`),
  validated as a record with :func:`armscontrol.validate` (every rule), and
  replayed for legality alone with automat, transitions and
  python-statemachine; also, labelled as what it is, a hand-written loop
  around :meth:`Lifecycle.allowed` (legality alone, not the validator);
* **growth**: the same, from 10^3 to 10^6 histories, and validation of
  realistic generated records (:mod:`benchmarks.generate`) from 10^3 to 10^5
  agreements (about 10^4 to 10^6 transitions), as cost per transition;
* **loading and dumping** the JSON format with :mod:`armscontrol.io`, and the
  same documents with the same shapes in pydantic v2 and msgspec
  (:mod:`benchmarks.formats`): with dates parsed by armscontrol's parser, and
  with dates as their users would write them;
* status-on-a-date query latency over the largest record, memory per
  transition, the peak RSS, ``import armscontrol`` and
  ``armscontrol validate --dataset korea``.

Garbage collection is on throughout, as a user has it: nothing is collected
or frozen before a timed run, so each library pays for what the collector does
with the objects it makes and holds. Competitors take turns, repetition by
repetition, so that a busy machine slows them alike. Each validation runs on a
fresh copy of the record, since a record caches what is derived from it.

It prints a table with each target beside its figure, then, last, one line of
JSON with every figure.
"""

from __future__ import annotations

import argparse
import bisect
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
from collections.abc import Callable, Mapping, Sequence
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
    "orjson",
    "numpy",
    "transitions",
    "python-statemachine",
    "automat",
    "pydantic",
    "msgspec",
)
MACHINES = ("automat", "transitions", "python-statemachine")
"""The state-machine libraries validation is compared with."""
CODECS = ("armscontrol", *formats.CODECS)
"""The JSON codecs compared, armscontrol's first."""
BYTES_PER_TRANSITION = 1_500
"""A generous bound on the memory a six-step history record and its validation take,
per transition, to skip a growth size that would not fit."""


SECTIONS = ("io", "h2h", "growth", "generated", "memory", "startup")
"""The parts of the run, in order: each can be run alone with ``--only``."""


@dataclass(frozen=True)
class Settings:
    """How much work each measurement does."""

    sizes: tuple[int, ...]
    """Agreements in each generated record."""
    growth: tuple[int, ...]
    """Histories in each six-step record of the growth table."""
    histories: int
    """Histories in the head-to-head with the state-machine libraries."""
    slow_histories: int
    """python-statemachine replays fewer histories: it is slow (figures are per transition)."""
    repeats: int
    seed: int
    queries: int
    launches: int
    """Fresh interpreters for the import and CLI timings."""
    quick: bool
    only: frozenset[str] = frozenset(SECTIONS)
    """The sections measured (``--only``); every one by default."""


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

    def heading(self, text: str) -> None:
        """A line of the table that introduces the figures after it."""
        self.figures.append(Figure("", text, None, ""))

    def value(self, key: str) -> float | None:
        """A figure recorded before, or ``None``."""
        for figure in self.figures:
            if figure.key == key:
                return figure.value
        return None


def race(
    contestants: Mapping[str, Callable[[], Any]], repeats: int, *, keep: bool = True
) -> dict[str, tuple[float, Any]]:
    """Each contestant's median wall time and last result, taking turns repetition by repetition.

    The order rotates each round, so no contestant always runs first (or right
    after the one that leaves the most garbage). The collector is left alone.
    With ``keep=False`` each result is dropped as soon as it is timed (the
    result given is ``None``), so that no contestant runs beside the others'
    results: a larger heap makes every collection slower.
    """
    names = list(contestants)
    times: dict[str, list[float]] = {name: [] for name in names}
    results: dict[str, Any] = dict.fromkeys(names)
    clock = time.perf_counter
    for round_ in range(repeats):
        shift = round_ % len(names)
        for name in names[shift:] + names[:shift]:
            results[name] = None  # free the last result before running again
            work = contestants[name]
            start = clock()
            results[name] = work()
            times[name].append(clock() - start)
            if not keep:
                results[name] = None
    return {name: (statistics.median(times[name]), results[name]) for name in names}


def _number(value: float) -> str:
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def _ratio(top: float | None, bottom: float | None) -> float | None:
    return top / bottom if top and bottom else None


def _validator() -> Callable[[Record], Any]:
    from armscontrol.validation import validate

    return validate


def _fresh(record: Record, count: int) -> Callable[[], Record]:
    """A function that hands out a new copy of the record on each call (``count`` at most)."""
    copies = [attrs.evolve(record) for _ in range(count)]
    return copies.pop


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
        "gc": "on, never collected or frozen before a timed run",
        "mode": "quick" if settings.quick else "full",
        "sections": [name for name in SECTIONS if name in settings.only],
        "sizes": list(settings.sizes),
        "growth": list(settings.growth),
        "histories": settings.histories,
        "repeats": settings.repeats,
        "seed": settings.seed,
    }


def illegal_steps(report: Any, starts: Sequence[int]) -> list[tuple[int, int]]:
    """(history, step) of every AC2xx finding of a report on :func:`alternatives.record`."""
    found: list[tuple[int, int]] = []
    for diagnostic in report:
        if diagnostic.code.startswith("AC2"):
            number = int(diagnostic.path.split("[", 1)[1].split("]", 1)[0])
            history = bisect.bisect_right(starts, number) - 1
            found.append((history, number - starts[history]))
    return sorted(found)


def head_to_head(results: Results, settings: Settings) -> None:
    """validate() and the state-machine libraries' replays, on the same histories."""
    validate = _validator()
    batch = alternatives.histories(settings.histories, settings.seed)
    slow = batch[: settings.slow_histories]
    record = alternatives.record(batch, settings.seed)
    count = len(record.transitions)
    steps = {"python-statemachine": sum(map(len, slow))}
    fresh = _fresh(record, settings.repeats)
    contestants: dict[str, Callable[[], Any]] = {"validate": lambda: validate(fresh())}
    for name in (*MACHINES, "armscontrol", "dict"):
        replay = alternatives.REPLAYS[name]
        work = slow if name == "python-statemachine" else batch
        contestants[name] = lambda replay=replay, work=work: replay(work)
    timings = race(contestants, settings.repeats)
    expected = alternatives.replay_dict(batch)
    results.heading(f"validation and state machines, the same {len(batch):,} six-step histories")
    results.add("h2h_transitions", "  transitions", count, "")
    results.add(
        "h2h_validate_tps", "  validate(), every rule", count / timings["validate"][0], "tr/s"
    )
    for name in MACHINES:
        label = f"  {name}, legality alone"
        if name == "python-statemachine":
            label += f" ({len(slow):,} histories)"
        tps = steps.get(name, count) / timings[name][0]
        results.add(f"h2h_{name}_tps", label, tps, "tr/s")
    results.add(
        "h2h_legality_only_tps",
        "  legality alone: a loop around Lifecycle.allowed",
        count / timings["armscontrol"][0],
        "tr/s",
    )
    results.add(
        "h2h_dict_tps", "  legality alone: a loop over a dict", count / timings["dict"][0], "tr/s"
    )
    ours = results.value("h2h_validate_tps")
    for name in MACHINES:
        target = (">=", 2.0) if name == "automat" else None
        results.add(
            f"h2h_validate_vs_{name}",
            f"  validate() / {name}",
            _ratio(ours, results.value(f"h2h_{name}_tps")),
            "x",
            target,
        )
    results.add(
        "h2h_legality_only_vs_automat",
        "  legality-only loop / automat (not validate)",
        _ratio(results.value("h2h_legality_only_tps"), results.value("h2h_automat_tps")),
        "x",
    )
    # Everyone must have found the same illegal steps: the validator by its AC2xx findings.
    starts = alternatives.offsets(batch)
    wanted = sorted((history, step) for history, step, _, _ in expected)
    disagree = [] if illegal_steps(timings["validate"][1], starts) == wanted else ["validate"]
    for name in (*MACHINES, "armscontrol", "dict"):
        work = slow if name == "python-statemachine" else batch
        if timings[name][1] != (alternatives.replay_dict(work) if work is slow else expected):
            disagree.append(name)
    results.add("h2h_illegal", "  illegal steps in the histories", len(expected), "")
    results.add("h2h_disagreements", "  contestants that found other steps", len(disagree), "")
    if disagree:
        results.notes.append(f"found other illegal steps than the dict: {', '.join(disagree)}")


def _fits(transitions: int) -> bool:
    available = os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    return transitions * BYTES_PER_TRANSITION < available


def growth(results: Results, settings: Settings) -> None:
    """validate() and automat on six-step records from the smallest to the largest size."""
    validate = _validator()
    results.heading("growth: validate() and automat, six-step histories, cost per transition")
    cost: dict[int, tuple[float, float]] = {}
    for size in settings.growth:
        gc.collect()  # the last size's data, before this size's is built
        if not _fits(size * 7):
            results.notes.append(f"growth: {size:,} histories skipped, too little free memory")
            continue
        batch = alternatives.histories(size, settings.seed)
        record = alternatives.record(batch, settings.seed)
        count = len(record.transitions)
        fresh = _fresh(record, settings.repeats)
        timings = race(
            {
                "validate": lambda fresh=fresh: validate(fresh()),
                "automat": lambda batch=batch: alternatives.replay_automat(batch),
            },
            settings.repeats,
        )
        cost[size] = (timings["validate"][0] / count, timings["automat"][0] / count)
        results.add(
            f"growth_{size}_validate_tps",
            f"  {size:,} histories, validate()",
            count / timings["validate"][0],
            "tr/s",
        )
        results.add(
            f"growth_{size}_automat_tps",
            f"  {size:,} histories, automat",
            count / timings["automat"][0],
            "tr/s",
        )
        del batch, record, fresh, timings
    if len(cost) < 2:
        results.add("growth_validate", "  validate() per transition, largest / smallest", None, "x")
        results.add("growth_automat", "  automat per transition, largest / smallest", None, "x")
        return
    largest = max(cost)
    # From 10^4 to 10^6 when both were measured: a hundredfold growth.
    smallest = largest // 100 if largest // 100 in cost else min(cost)
    span = f"{largest:,} / {smallest:,}"
    results.add(
        "growth_validate",
        f"  validate() per transition, {span}",
        cost[largest][0] / cost[smallest][0],
        "x",
        ("<=", 1.3),
    )
    results.add(
        "growth_automat",
        f"  automat per transition, {span}",
        cost[largest][1] / cost[smallest][1],
        "x",
    )


def generation(results: Results, settings: Settings) -> dict[int, Record]:
    results.heading("generated records (benchmarks/generate.py)")
    records: dict[int, Record] = {}
    for size in settings.sizes:
        start = time.perf_counter()
        records[size] = generate(size, settings.seed)
        elapsed = time.perf_counter() - start
        count = len(records[size].transitions)
        results.add(f"generate_{size}_s", f"  generate {size:,} agreements", elapsed, "s")
        results.add(f"transitions_{size}", f"    transitions in {size:,} agreements", count, "")
    return records


def validation(results: Results, settings: Settings, records: dict[int, Record]) -> None:
    validate = _validator()
    per_transition: dict[int, float] = {}
    for size, record in records.items():
        fresh = _fresh(record, settings.repeats)
        timed = race({"validate": lambda fresh=fresh: validate(fresh())}, settings.repeats)
        seconds, report = timed["validate"]
        count = len(record.transitions)
        per_transition[size] = seconds / count
        results.add(
            f"validate_{size}_tps", f"  validate(), {size:,} agreements", count / seconds, "tr/s"
        )
        results.add(f"validate_{size}_errors", "    errors found", len(report.errors), "")
        results.add(f"validate_{size}_warnings", "    warnings found", len(report.warnings), "")
        del fresh, timed, report
    smallest, largest = min(per_transition), max(per_transition)
    results.add(
        "growth_generated",
        f"  validate() per transition, {largest:,} / {smallest:,} agreements",
        per_transition[largest] / per_transition[smallest],
        "x",
        ("<=", 1.3),
    )


def memory(results: Results, settings: Settings, size: int) -> None:
    gc.collect()  # before anything measured here exists
    tracemalloc.start()
    record = generate(size, settings.seed + 1)
    held, _ = tracemalloc.get_traced_memory()
    count = len(record.transitions)
    results.add(
        "memory_record_b_per_tr", f"  record memory per transition ({size:,})", held / count, "B"
    )
    tracemalloc.reset_peak()
    _validator()(record)
    _, peak = tracemalloc.get_traced_memory()
    results.add(
        "memory_validate_b_per_tr",
        "    validator peak extra per transition",
        (peak - held) / count,
        "B",
    )
    tracemalloc.stop()


def peak_rss(results: Results) -> None:
    kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    results.add("peak_rss_mb", "  peak RSS of the run so far", kilobytes / 1024, "MB")


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
    timings = race(
        {"allowed": lambda: legality_lifecycle(record), "dict": lambda: legality_dict(record)},
        settings.repeats,
    )
    results.add(
        "legality_tps",
        f"  legality alone, Lifecycle.allowed loop ({size:,})",
        count / timings["allowed"][0],
        "tr/s",
    )
    results.add("legality_illegal", "    illegal steps found", len(timings["allowed"][1]), "")
    results.add(
        "legality_dict_tps",
        f"  legality alone, a loop over a dict ({size:,})",
        count / timings["dict"][0],
        "tr/s",
    )


def queries(results: Results, settings: Settings, record: Record) -> None:
    from armscontrol import query

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
    start = time.perf_counter()
    query.status(fresh, asks[0][0], asks[0][1])
    results.add(
        "query_first_ms",
        "  first status query (builds the index)",
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
        f"  status query, median ({size:,} agreements)",
        statistics.median(latencies),
        "us",
    )
    results.add(
        "query_p90_us",
        "  status query, 90th percentile",
        latencies[int(len(latencies) * 0.9)],
        "us",
    )


def io_format(results: Results, settings: Settings, size: int, text: bytes) -> None:
    from armscontrol import io

    results.heading(f"the JSON format, {size:,} generated agreements")
    results.add("io_document_mb", "  document size", len(text) / 1e6, "MB")
    codecs: dict[str, tuple[Callable[[bytes], Any], Callable[[Any], Any]]] = {
        "armscontrol": (io.loads, io.dumps)
    }
    codecs.update({name: make() for name, make in formats.CODECS.items()})
    loads = race(
        {name: lambda load=load: load(text) for name, (load, _) in codecs.items()},
        settings.repeats,
        keep=False,
    )
    loaded = {name: load(text) for name, (load, _) in codecs.items()}
    dumps = race(
        {
            name: lambda dump=dump, value=loaded[name]: dump(value)
            for name, (_, dump) in codecs.items()
        },
        settings.repeats,
    )
    for name in codecs:
        results.add(f"io_{name}_load_aps", f"  load, {name}", size / loads[name][0], "agr/s")
    for name in codecs:
        results.add(f"io_{name}_dump_aps", f"  dump, {name}", size / dumps[name][0], "agr/s")
    # Every codec writes the same canonical text (armscontrol's has a final newline).
    ours = dumps["armscontrol"][1].encode()
    same = sum(1 for name in formats.CODECS if dumps[name][1] + b"\n" == ours)
    results.add("io_same_text", "  peers whose dump is armscontrol's text", same, "")
    if same != len(formats.CODECS):
        results.notes.append("a peer's dump differs from armscontrol's canonical text")
    load, dump = results.value("io_armscontrol_load_aps"), results.value("io_armscontrol_dump_aps")
    for name in formats.CODECS:
        load_target = (">=", 1.2) if name == "pydantic" else None
        dump_target = (">=", 0.5) if name == "pydantic" else None
        results.add(
            f"io_load_vs_{name}",
            f"  armscontrol load / {name}",
            _ratio(load, results.value(f"io_{name}_load_aps")),
            "x",
            load_target,
        )
        results.add(
            f"io_dump_vs_{name}",
            f"  armscontrol dump / {name}",
            _ratio(dump, results.value(f"io_{name}_dump_aps")),
            "x",
            dump_target,
        )


def _launch(command: Sequence[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return time.perf_counter() - start, done


def startup(results: Results, settings: Settings) -> None:
    results.heading("start-up")
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
        "  import armscontrol (-X importtime, cumulative)",
        statistics.median(cumulative) if cumulative else None,
        "ms",
        ("<=", 150),
    )
    results.add(
        "import_wall_ms",
        "    fresh interpreter + import, minus bare start",
        (statistics.median(walls) - statistics.median(bare)) * 1e3,
        "ms",
    )
    script = Path(python).with_name("armscontrol")
    command = [str(script)] if script.exists() else [python, "-m", "armscontrol"]
    times = []
    for _ in range(settings.launches):
        seconds, done = _launch([*command, "validate", "--dataset", "korea"])
        times.append(seconds)
        if done.returncode not in (0, 1):
            results.notes.append(f"CLI validate exited {done.returncode}: {done.stderr[:200]}")
    results.add(
        "cli_validate_s",
        "  armscontrol validate --dataset korea",
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
        (
            f"mode {env['mode']} ({', '.join(env['sections'])}), median of {env['repeats']} "
            "(competitors take turns), "
            f"seed {env['seed']}; garbage collection {env['gc']}"
        ),
        "",
        f"{'figure':<62} {'value':>13} {'unit':<6} {'target':<10}",
        "-" * 98,
    ]
    for figure in results.figures:
        if not figure.key:
            lines.append(figure.label)
            continue
        if figure.value is None:
            value = "skipped"
        elif isinstance(figure.value, int):
            value = f"{figure.value:,}"
        else:
            value = _number(figure.value)
        verdict = {None: "", True: "pass", False: "MISS"}[figure.met]
        target = figure.target or ""
        lines.append(f"{figure.label:<62} {value:>13} {figure.unit:<6} {target:<10} {verdict}")
    lines += [f"note: {note}" for note in results.notes]
    return "\n".join(lines)


def as_json(results: Results) -> str:
    measured = [figure for figure in results.figures if figure.key]
    document = {
        "environment": results.environment,
        "figures": {figure.key: figure.value for figure in measured},
        "targets": {
            figure.key: {"target": figure.target, "met": figure.met}
            for figure in measured
            if figure.target is not None
        },
        "notes": results.notes,
    }
    return json.dumps(document, separators=(",", ":"))


def settings_from(argv: Sequence[str] | None) -> Settings:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--sizes", type=int, nargs="+", help="agreements per generated record")
    parser.add_argument("--growth", type=int, nargs="+", help="histories per six-step record")
    parser.add_argument("--histories", type=int, help="histories in the head-to-head")
    parser.add_argument("--repeats", type=int, help="timed runs per figure (the median is kept)")
    parser.add_argument("--seed", type=int, default=2012)
    parser.add_argument(
        "--only",
        choices=SECTIONS,
        action="append",
        help="measure only these sections (repeatable): the JSON has only their figures",
    )
    args = parser.parse_args(argv)
    if args.quick:
        sizes, growth_sizes, repeats = (100, 300, 1_000), (100, 1_000, 10_000), 3
        extra = {"histories": 2_000, "slow_histories": 300, "queries": 300, "launches": 3}
    else:
        sizes, growth_sizes, repeats = (
            (1_000, 10_000, 100_000),
            (1_000, 10_000, 100_000, 1_000_000),
            3,
        )
        extra = {"histories": 20_000, "slow_histories": 2_000, "queries": 3_000, "launches": 7}
    if args.histories:
        extra["histories"] = args.histories
        extra["slow_histories"] = min(extra["slow_histories"], args.histories)
    return Settings(
        sizes=tuple(sorted(args.sizes or sizes)),
        growth=tuple(sorted(args.growth or growth_sizes)),
        repeats=args.repeats or repeats,
        seed=args.seed,
        quick=args.quick,
        only=frozenset(args.only or SECTIONS),
        **extra,
    )


def main(argv: Sequence[str] | None = None) -> int:
    settings = settings_from(argv)
    results = Results()
    environment(results, settings)
    only = settings.only
    # First, while the process holds nothing else, as a program that loads a file does.
    middle = sorted(settings.sizes)[len(settings.sizes) // 2]
    if "io" in only:
        from armscontrol import io

        document = io.dumps(generate(middle, settings.seed)).encode()
        io_format(results, settings, middle, document)
        del document
    if "h2h" in only:
        head_to_head(results, settings)
    if "growth" in only:
        growth(results, settings)
        gc.collect()  # the growth records, before the generated ones are built
    if "generated" in only:
        records = generation(results, settings)
        validation(results, settings, records)
        peak_rss(results)
        largest = max(records)
        legality(results, settings, records[largest])
        queries(results, settings, records[largest])
        records.clear()
    if "memory" in only:
        memory(results, settings, middle)
    if "startup" in only:
        startup(results, settings)
    results.environment["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
    print(table(results))
    print(as_json(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
