"""The ``armscontrol export`` command: a panel or a long table as CSV, JSON or Parquet.

``export panel`` writes :func:`armscontrol.tables.panel`; ``export transitions``,
``events``, ``violations`` and ``commitments`` write the long tables of the same
names. CSV goes to standard output unless ``-o FILE`` names a file; a file is
written atomically (it holds the old content or the new, never part of either).
Parquet needs polars (``armscontrol[polars]``) and a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import io
import json
from collections.abc import Callable
from typing import TextIO

from armscontrol import datasets, tables
from armscontrol._files import write_atomically
from armscontrol.cli import _commands as cmd
from armscontrol.model import Record

__all__ = ["add_parser", "run"]

_FORMATS = ("csv", "json", "parquet")
_LONG: dict[str, Callable[[Record], tables.Table]] = {
    "transitions": tables.transitions,
    "events": tables.events,
    "violations": tables.violations,
    "commitments": tables.commitments,
}
_SUMMARIES = {
    "panel": "one row per subject per period: its status at the period's end",
    "transitions": "every transition, with its subject, dates and sources",
    "events": "every event, with its dates and sources",
    "violations": "every violation allegation, with its dates and sources",
    "commitments": "every commitment of every agreement, with its sources",
}
_EPILOG = """\
examples:
  armscontrol export panel --dataset korea --every year
  armscontrol export panel --every month --from 2012-01 --to 2012-12 --according-to PRK
  armscontrol export panel --dataset inf --every year --format json -o inf-years.json
  armscontrol export transitions --dataset korea
  armscontrol export violations --dataset jcpoa --format json"""


def add_parser(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],  # pyright: ignore[reportPrivateUsage]  # argparse has no public name for it
    common: argparse.ArgumentParser,
) -> argparse.ArgumentParser:
    """Add the ``export`` command and its tables to the command line's subcommands.

    Args:
        commands: The subcommands of the ``armscontrol`` parser.
        common: The options every command takes (``--debug``).

    Returns:
        The ``export`` parser.
    """
    summary = "write a status panel or a long table as CSV, JSON or Parquet"
    export = commands.add_parser(
        "export",
        help=summary,
        description=f"{summary[0].upper()}{summary[1:]}.",
        epilog=_EPILOG,
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.set_defaults(handler=run, parser=export)
    kinds = export.add_subparsers(title="tables", metavar="TABLE", required=True)
    for name in ("panel", *_LONG):
        table = kinds.add_parser(
            name,
            help=_SUMMARIES[name],
            description=f"{_SUMMARIES[name][0].upper()}{_SUMMARIES[name][1:]}.",
            epilog=_EPILOG,
            parents=[common],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        table.set_defaults(handler=run, parser=table, table=name)
        table.add_argument(
            "path", nargs="?", metavar="PATH", help="a record: a JSON file or a folder of them"
        )
        table.add_argument(
            "--dataset",
            metavar="NAME",
            help=f"a bundled dataset instead of PATH (default: {datasets.DEFAULT})",
        )
        if name == "panel":
            _panel_options(table)
        table.add_argument(
            "--format", choices=_FORMATS, default="csv", help="output format (default: csv)"
        )
        table.add_argument(
            "-o", "--output", metavar="FILE", help="write to FILE (atomically) instead of stdout"
        )
    return export


def _panel_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--every", required=True, choices=tables.EVERY, help="the length of each period"
    )
    parser.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help="the first period: the one holding DATE (default: the record's first transition)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        metavar="DATE",
        help="the last period: the one holding DATE (default: the record's last transition)",
    )
    parser.add_argument(
        "--according-to",
        metavar="PARTY",
        help="only the uncontested transitions and those PARTY asserts",
    )


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Write the table the options ask for; return the exit status (0).

    Raises:
        ArmsControlError: Bad input or options, a missing library, or a file
            that could not be written; the command line reports it.
    """
    chosen: str = args.format
    output: str | None = args.output
    if chosen == "parquet":
        if output is None:
            msg = "--format parquet writes a binary file; name it with -o FILE"
            raise cmd.UsageError(msg)
        if importlib.util.find_spec("polars") is None:
            raise tables.LibraryUnavailable(
                package="polars", extra="polars", purpose="--format parquet"
            )
    table = _table(args)
    if output is None:
        _write_text(table, chosen, out)
        return 0
    if chosen == "csv":
        table.to_csv(output)
        return 0
    if chosen == "parquet":
        binary = io.BytesIO()
        table.to_polars().write_parquet(binary)
        content = binary.getvalue()
    else:
        text = io.StringIO(newline="")
        _write_text(table, chosen, text)
        content = text.getvalue().encode("utf-8")
    write_atomically(output, content)
    return 0


def _table(args: argparse.Namespace) -> tables.Table:
    record = cmd.read_record(args)
    if args.table != "panel":
        return _LONG[args.table](record)
    start = None if args.start is None else cmd.option_date("--from", args.start)
    end = None if args.end is None else cmd.option_date("--to", args.end)
    if start is not None and end is not None and end.upper <= start.lower:
        msg = f"--from {start} is after --to {end}"
        raise cmd.UsageError(msg)
    return tables.panel(
        record, every=args.every, start=start, end=end, according_to=args.according_to
    )


def _write_text(table: tables.Table, chosen: str, out: TextIO) -> None:
    if chosen == "csv":
        table.to_csv(out)
        return
    out.write("[")
    separator = "\n"
    for row in table:
        cells = {
            name: cell.isoformat() if isinstance(cell, dt.date) else cell
            for name, cell in row.items()
        }
        out.write(separator + json.dumps(cells, ensure_ascii=False))
        separator = ",\n"
    out.write("\n]\n")
