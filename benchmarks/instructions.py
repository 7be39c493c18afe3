"""Count the instructions an operation takes, with valgrind's callgrind.

Time on a shared machine drifts with everything else it runs; the number of
instructions a Python process executes does not. This script runs a workload
under ``valgrind --tool=callgrind`` twice, once with the operation repeated
``--repeat`` times and once without, and prints the difference per operation,
so that two versions of the code (``--tree`` for a second checkout) or two paths
of one version can be compared on a busy machine. Instructions are not seconds:
use it to compare like with like, and ``benchmarks/run.py`` for speed.

    python benchmarks/instructions.py                  # this checkout
    python benchmarks/instructions.py --tree ../old    # and another, side by side

Needs valgrind (``apt-get install valgrind``).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Each workload builds its data, warms up once, then runs the operation REPEAT times.
_WORKLOAD = """
import sys
sys.path[:0] = [{root!r} + "/src", {root!r}]
import attrs
from benchmarks import alternatives
from benchmarks.generate import generate
import armscontrol
from armscontrol import io, query
op, repeat = {op!r}, {repeat}
record = generate({size}, seed=7)
histories = alternatives.record(alternatives.histories({size} * 10, 7), 7)
text = io.dumps(record)
subjects = query.subjects(record)[:300]
if op == "loads-detailed":  # the quick path off (its home has moved between versions)
    try:
        from armscontrol.io import _converter
        _converter.quick = lambda data: None
    except ImportError:
        io._quick = lambda data: None
def run():
    if op.startswith("loads"):
        io.loads(text)
    elif op == "dumps":
        io.dumps(record)
    elif op == "validate":  # the record's index is built once, on the first run
        armscontrol.validate(record)
    elif op == "validate-fresh":  # a new copy each time: the index built again
        armscontrol.validate(attrs.evolve(record))
    elif op == "validate-histories":  # the six-step histories, ten per agreement asked for
        armscontrol.validate(attrs.evolve(histories))
    elif op == "status":
        fresh = io.loads(text)  # a new record: the first queries build its index
        for subject in subjects:
            query.status(fresh, subject, "2000-01-01")
run()
for _ in range(repeat):
    run()
"""

OPERATIONS = (
    "loads",
    "loads-detailed",
    "dumps",
    "validate",
    "validate-fresh",
    "validate-histories",
    "status",
)


def count(root: Path, op: str, repeat: int, size: int) -> int:
    """Instructions of a whole process running the workload."""
    code = _WORKLOAD.format(root=str(root), op=op, repeat=repeat, size=size)
    result = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={os.devnull}",
            sys.executable,
            "-c",
            code,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        msg = f"no instruction count in valgrind's output:\n{result.stderr}"
        raise RuntimeError(msg)
    return int(found[1])


def per_operation(root: Path, op: str, repeat: int, size: int) -> float:
    """Instructions per operation: the difference between REPEAT runs and none."""
    return (count(root, op, repeat, size) - count(root, op, 0, size)) / repeat


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", type=Path, help="a second checkout to compare with")
    parser.add_argument("--size", type=int, default=200, help="agreements (default 200)")
    parser.add_argument("--repeat", type=int, default=2, help="operations counted (default 2)")
    parser.add_argument("--only", choices=OPERATIONS, action="append", help="operations")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 2
    trees = [ROOT] + ([args.tree.resolve()] if args.tree else [])
    print(f"instructions per operation, {args.size} generated agreements (callgrind)")
    header = f"{'operation':<16}" + "".join(f"{str(t)[-28:]:>30}" for t in trees)
    print(header + ("  other/this" if len(trees) == 2 else ""))
    for op in args.only or OPERATIONS:
        figures = [per_operation(tree, op, args.repeat, args.size) for tree in trees]
        line = f"{op:<16}" + "".join(f"{f / 1e6:>28.1f} M" for f in figures)
        if len(figures) == 2:
            line += f"  {figures[1] / figures[0]:>8.2f} x"
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
