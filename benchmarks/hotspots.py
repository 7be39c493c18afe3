"""Profile armscontrol's validator, JSON io and status queries on a generated record.

Usage::

    python benchmarks/hotspots.py                 # 10,000 agreements, pyinstrument
    python benchmarks/hotspots.py 2000 --cprofile # cProfile, top functions by own time

Prints, for each of ``validate``, ``io.loads``, ``io.dumps`` and a batch of
``query.status`` calls, where the time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``benchmarks`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from armscontrol import io, query
from armscontrol.model import Record
from armscontrol.validation import validate
from benchmarks.generate import generate


def _statuses(record: Record, count: int, seed: int) -> Callable[[], None]:
    rng = random.Random(seed)
    subjects = sorted({t.subject for t in record.transitions})
    asks = [(rng.choice(subjects), f"{rng.randint(1955, 2020)}-06-15") for _ in range(count)]

    def run() -> None:
        for subject, on in asks:
            query.status(record, subject, on)

    return run


def _profile(name: str, work: Callable[[], Any], *, use_cprofile: bool, depth: int) -> None:
    print(f"\n===== {name} =====")
    if use_cprofile:
        calls = cProfile.Profile()
        calls.runcall(work)
        pstats.Stats(calls, stream=sys.stdout).sort_stats("tottime").print_stats(depth)
        return
    from pyinstrument import Profiler

    sampler = Profiler(interval=0.001)
    sampler.start()
    work()
    sampler.stop()
    print(sampler.output_text(unicode=False, color=False, show_all=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("agreements", type=int, nargs="?", default=10_000)
    parser.add_argument("--seed", type=int, default=2012)
    parser.add_argument("--cprofile", action="store_true", help="cProfile instead of pyinstrument")
    parser.add_argument("--depth", type=int, default=25, help="cProfile: functions to show")
    args = parser.parse_args(argv)
    record = generate(args.agreements, args.seed)
    text = io.dumps(record)
    options = {"use_cprofile": args.cprofile, "depth": args.depth}
    _profile("validate", lambda: validate(record), **options)
    _profile("io.loads", lambda: io.loads(text), **options)
    _profile("io.dumps", lambda: io.dumps(record), **options)
    _profile("query.status x 2000", _statuses(record, 2000, args.seed), **options)
    return 0


if __name__ == "__main__":
    sys.exit(main())
