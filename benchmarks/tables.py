"""Time :func:`armscontrol.tables.panel` on a generated record, and print the figures.

Usage::

    python benchmarks/tables.py                  # 100,000 agreements, by year
    python benchmarks/tables.py 10000 --every month --frames

Prints the record's size, then the panel's rows and how long it took to build,
in wall-clock and CPU seconds: first on the fresh record (the queries' index
cold, as a user meets it), then again (the index warm). Then the alternative a
user would write without :mod:`armscontrol.tables`: a loop over
``record.status(subject, period, at="end")`` for every subject and period. On
the whole record that loop would run for many minutes, so it is timed on an
evenly spaced sample of the subjects (``--sample``, every period of each) and
its figure for all of them is that time scaled by the share of rows sampled.
With ``--frames`` it also times the conversions to polars and pandas, where
installed. The record
and everything built before the timer starts are frozen for the garbage
collector (``gc.freeze``), as in ``benchmarks/run.py``. Not a timed test:
figures depend on the machine and on what else it runs (the load average is
printed).
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from armscontrol import query, tables
from benchmarks.generate import generate


def _timed(work: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall and CPU seconds of ``work``, and its result."""
    gc.collect()
    gc.freeze()
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        return time.perf_counter() - wall, time.process_time() - cpu, result
    finally:
        gc.unfreeze()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("agreements", type=int, nargs="?", default=100_000)
    parser.add_argument("--seed", type=int, default=2012)
    parser.add_argument("--every", choices=tables.EVERY, default="year")
    parser.add_argument("--frames", action="store_true", help="also time to_polars, to_pandas")
    parser.add_argument(
        "--sample", type=int, default=2000, help="subjects the record.status() loop asks about"
    )
    args = parser.parse_args(argv)

    elapsed, _, record = _timed(lambda: generate(args.agreements, args.seed))
    print(
        f"record: {len(record.agreements):,} agreements, {len(record.transitions):,} "
        f"transitions (generated in {elapsed:.1f} s)"
    )
    every = args.every
    cold, cold_cpu, panel = _timed(lambda: tables.panel(record, every=every))
    subjects = len(panel) // len(panel.periods) if panel.periods else 0
    print(
        f"panel by {every}: {len(panel):,} rows ({subjects:,} subjects × "
        f"{len(panel.periods)} periods)"
    )
    print(f"panel by {every}, first build: {cold:.1f} s ({cold_cpu:.1f} s of CPU)")
    warm, warm_cpu, panel = _timed(lambda: tables.panel(record, every=every))
    print(f"panel by {every}, again (query index warm): {warm:.1f} s ({warm_cpu:.1f} s of CPU)")
    everyone = query.subjects(record)
    step = max(1, len(everyone) // max(1, args.sample))
    sample = everyone[::step][: args.sample]

    def loop() -> int:
        cells = 0
        for subject in sample:
            for period in panel.periods:
                status = record.status(subject, period, at="end")
                cells += status.state is not None
        return cells

    took, took_cpu, _ = _timed(loop)
    rows = len(sample) * len(panel.periods)
    whole = took_cpu * len(panel) / rows if rows else 0.0
    print(
        f"a loop over record.status(), {len(sample):,} of {len(everyone):,} subjects: "
        f"{rows:,} rows in {took:.1f} s ({took_cpu:.1f} s of CPU); "
        f"all {len(panel):,} rows would take about {whole:,.0f} s of CPU"
    )
    if args.frames:
        for library in ("polars", "pandas"):
            if importlib.util.find_spec(library) is None:
                print(f"to_{library}: not installed")
                continue
            took, _, frame = _timed(getattr(panel, f"to_{library}"))
            print(f"to_{library}: {took:.1f} s for {len(frame):,} rows")
            del frame
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
