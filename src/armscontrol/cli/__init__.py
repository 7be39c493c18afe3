"""The ``armscontrol`` command: validate records, ask for statuses and histories, draw.

Every command reads a record from a JSON file or folder, or a bundled dataset
(``--dataset NAME``, by default ``korea``). Text output is for people; ``--format
json`` is for programs; ``validate --format sarif`` is for code-scanning tools.

Exit status: 0 when all went well and nothing was found, 1 when ``validate``
found errors (with ``--strict``, warnings too), 2 for bad input or bad usage,
with a message on standard error that says where and what.

This is the only module of armscontrol that prints or exits; nothing imports it.
"""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from armscontrol import _cli_format as fmt
from armscontrol import _sarif, datasets, io, lifecycle, query, timeline
from armscontrol.dates import HistoricalDate
from armscontrol.exceptions import (
    ArmsControlError,
    DateError,
    LoadError,
    Problem,
)
from armscontrol.model import Record, SubjectKind
from armscontrol.validate import RULES, Diagnostic, Severity, validate

__all__ = ["main"]

_PROG = "armscontrol"
_LIFECYCLES = tuple(kind.value for kind in SubjectKind)
_Handler = Callable[[argparse.Namespace, TextIO], int]


def _version() -> str:
    try:
        return importlib.metadata.version("armscontrol")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout
        return "unknown"


class _UsageError(ArmsControlError):
    """Options that do not go together; reported like argparse's own usage errors."""


# -- reading the record ---------------------------------------------------------


def _dataset_label(name: str) -> str:
    return f"{name}.json"


def _record(args: argparse.Namespace) -> Record:
    """The record the options name: PATH, ``--dataset NAME``, or the default dataset."""
    path: str | None = args.path
    if path is not None and args.dataset is not None:
        msg = "give a PATH or --dataset, not both"
        raise _UsageError(msg)
    if path is not None:
        return io.load(path)
    return datasets.load(args.dataset or datasets.DEFAULT)


class _OptionError(ArmsControlError):
    """An option's value that cannot be used; the message names the option."""


def _date(option: str, text: str) -> HistoricalDate:
    try:
        return HistoricalDate.parse(text)
    except DateError as exc:
        msg = f"{option}: {exc}"
        raise _OptionError(msg) from exc


# -- validate -------------------------------------------------------------------


_Finding = tuple[str, Diagnostic]


def _check(args: argparse.Namespace) -> tuple[list[_Finding], list[Problem]]:
    """Every finding in the inputs, with its file, and every problem that stopped a load."""
    paths: list[str] = args.paths
    if paths and args.dataset is not None:
        msg = "give PATHs or --dataset, not both"
        raise _UsageError(msg)
    inputs: list[tuple[str, Callable[[], Record]]]
    if paths:
        # Labelled as the loader names files in its problems: ``./a.json`` is ``a.json``.
        inputs = [(str(Path(path)), functools.partial(io.load, path)) for path in paths]
    else:
        name = args.dataset or datasets.DEFAULT
        inputs = [(_dataset_label(name), lambda: datasets.load(name))]
    findings: list[_Finding] = []
    problems: list[Problem] = []
    for label, load in inputs:
        try:
            record = load()
        except LoadError as exc:
            problems += [p if p.file else Problem(p.path, p.message, label) for p in exc.problems]
            continue
        findings += [(label, d) for d in validate(record).diagnostics]
    return findings, problems


def _cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    findings, problems = _check(args)
    counts = dict.fromkeys(Severity, 0)
    for _, diagnostic in findings:
        counts[Severity(diagnostic.severity)] += 1
    errors = counts[Severity.ERROR]
    warnings = counts[Severity.WARNING]
    status = 1 if errors or (args.strict and warnings) else 0
    if problems:
        status = 2
    if args.format == "sarif":
        log = _sarif.log(findings, RULES, version=_version(), problems=problems)
        out.write(fmt.dumps(log) + "\n")
    elif args.format == "json":
        out.write(fmt.dumps(_validation_json(findings, problems, counts, status)) + "\n")
    else:
        columns, coloured = fmt.width(out), fmt.colour(out)
        for label, diagnostic in findings:
            out.write(_finding_text(label, diagnostic, columns, coloured=coloured) + "\n")
        if not problems:
            notes = counts[Severity.INFO]
            out.write(fmt.summary(errors, warnings, notes) + "\n")
    if problems:
        raise LoadError(problems)
    return status


def _severity_word(severity: str) -> str:
    return "note" if severity == Severity.INFO else str(severity)


def _finding_text(label: str, diagnostic: Diagnostic, columns: int, *, coloured: bool) -> str:
    word = _severity_word(diagnostic.severity)
    subject = f"{diagnostic.subject}: " if diagnostic.subject else ""
    head = f"{label}: {subject}{diagnostic.code} {word}: {diagnostic.message}"
    text = fmt.wrap(head, columns)
    if coloured:
        text = text.replace(
            f"{diagnostic.code} {word}:",
            f"{diagnostic.code} {fmt.paint(word, word, enabled=True)}:",
            1,
        )
    return f"{text}\n{fmt.INDENT}at {diagnostic.path}"


def _validation_json(
    findings: Sequence[_Finding],
    problems: Sequence[Problem],
    counts: dict[Severity, int],
    status: int,
) -> dict[str, object]:
    return {
        "version": 1,
        "tool": {"name": _PROG, "version": _version()},
        "ok": status == 0,
        "exit_status": status,
        "counts": {str(severity): count for severity, count in counts.items()},
        "diagnostics": [
            {
                "file": label,
                "code": d.code,
                "severity": str(d.severity),
                "subject": d.subject,
                "path": d.path,
                "message": d.message,
            }
            for label, d in findings
        ],
        "problems": [{"file": p.file, "path": p.path, "message": p.message} for p in problems],
    }


# -- status, history ------------------------------------------------------------


def _cmd_status(args: argparse.Namespace, out: TextIO) -> int:
    on = _date("--on", args.on)
    record = _record(args)
    result = query.status(record, args.subject, on, according_to=args.according_to)
    if args.format == "json":
        data = {
            "subject": args.subject,
            "on": str(on),
            "according_to": args.according_to,
            "text": str(result),
            "status": fmt.plain(result),
        }
        out.write(fmt.dumps(data) + "\n")
    else:
        out.write(fmt.wrap(str(result), fmt.width(out)) + "\n")
    return 0


def _cmd_history(args: argparse.Namespace, out: TextIO) -> int:
    record = _record(args)
    result = query.history(record, args.subject, according_to=args.according_to)
    if args.format == "json":
        data = {
            "subject": args.subject,
            "according_to": args.according_to,
            "history": fmt.plain(result),
        }
        out.write(fmt.dumps(data) + "\n")
    else:
        out.write(fmt.wrap_columns(result.text().rstrip("\n"), fmt.width(out)) + "\n")
    return 0


# -- diagram, timeline ------------------------------------------------------------

_HIGHLIGHT = "#fde68a"


def _cmd_diagram(args: argparse.Namespace, out: TextIO) -> int:
    target: str = args.target
    visited: tuple[str, ...] = ()
    if target in _LIFECYCLES:
        machine = lifecycle.BUILTIN[SubjectKind(target)]
    else:
        record = _record(args)
        machine = lifecycle.BUILTIN[record.subject_kind(target)]
        visited = tuple(dict.fromkeys(t.to for t in record.transitions_of(target)))
        visited = tuple(state for state in visited if state in machine.states)
    if args.format == "dot":
        text = _highlight_dot(machine.to_dot(), visited)
    else:
        text = _highlight_mermaid(machine.to_mermaid(), visited)
    out.write(text)
    return 0


def _highlight_mermaid(text: str, states: Sequence[str]) -> str:
    if not states:
        return text
    return (
        text
        + f"    classDef visited fill:{_HIGHLIGHT},stroke:#b45309,stroke-width:2px\n"
        + f"    class {','.join(states)} visited\n"
    )


def _highlight_dot(text: str, states: Sequence[str]) -> str:
    if not states:
        return text
    body, _, _ = text.rstrip("\n").rpartition("}")
    marks = "".join(
        f'    "{state}" [style=filled, fillcolor="{_HIGHLIGHT}"];\n' for state in states
    )
    return f"{body}{marks}}}\n"


_BINARY = ("svg", "png")


def _cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    output: str | None = args.output
    chosen: str | None = args.format
    if chosen is None:
        suffix = Path(output).suffix.lstrip(".").lower() if output else ""
        chosen = suffix if suffix in _BINARY else "mermaid"
    if chosen in _BINARY and output is None:
        msg = f"--format {chosen} writes a binary file; name it with -o FILE"
        raise _UsageError(msg)
    record = _record(args)
    if chosen in _BINARY and output is not None:
        timeline.render(record, args.subject, output, format=chosen, according_to=args.according_to)
        return 0
    text = timeline.mermaid(record, args.subject, according_to=args.according_to)
    if output is None:
        out.write(text if text.endswith("\n") else text + "\n")
    else:
        Path(output).write_text(text, encoding="utf-8")
    return 0


# -- schema, datasets, rules ------------------------------------------------------


def _cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    del args
    out.write(fmt.dumps(io.schema()) + "\n")
    return 0


def _counts(record: Record) -> dict[str, int]:
    return {
        "parties": len(record.parties),
        "agreements": len(record.agreements),
        "commitments": sum(len(a.commitments) for a in record.agreements),
        "events": len(record.events),
        "violations": len(record.violations),
        "transitions": len(record.transitions),
        "sources": len(record.sources),
    }


def _cmd_datasets(args: argparse.Namespace, out: TextIO) -> int:
    entries = [(name, datasets.load(name)) for name in datasets.names()]
    if args.format == "json":
        data = [
            {"name": name, "title": record.title, "counts": _counts(record)}
            for name, record in entries
        ]
        out.write(fmt.dumps(data) + "\n")
        return 0
    columns = fmt.width(out)
    pad = max((len(name) for name, _ in entries), default=0) + 2
    for name, record in entries:
        counts = ", ".join(fmt.plural(n, noun[:-1]) for noun, n in _counts(record).items())
        out.write(f"{name.ljust(pad)}{record.title or '(untitled)'}\n")
        out.write(fmt.wrap(" " * pad + counts, columns, indent="") + "\n")
    return 0


def _cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    rules = sorted(RULES.values(), key=lambda rule: rule.code)
    if args.format == "json":
        data = [
            {
                "code": rule.code,
                "severity": str(rule.severity),
                "family": str(rule.family),
                "title": rule.title,
                "summary": rule.summary,
            }
            for rule in rules
        ]
        out.write(fmt.dumps(data) + "\n")
        return 0
    columns = fmt.width(out)
    for rule in rules:
        word = _severity_word(rule.severity)
        line = f"{rule.code}  {word:<7}  {rule.family!s:<12}  {rule.title}"
        out.write(fmt.wrap(line, columns, indent=" " * 32) + "\n")
    return 0


# -- the parser -------------------------------------------------------------------

_DESCRIPTION = """\
Validate records of arms-control agreements, ask for the status and history of
agreements, commitments, participations and violations, and draw lifecycles and
timelines. Records come from a JSON file or folder, or a bundled dataset
(--dataset NAME; without one, the 'korea' dataset).

exit status: 0 fine, 1 validation found errors (--strict: or warnings),
2 bad input or bad usage."""

_EPILOGS = {
    "main": """\
examples:
  armscontrol validate
  armscontrol validate records/ --format sarif > findings.sarif
  armscontrol status leap-day-2012 --on 2012-05
  armscontrol history leap-day-2012 --according-to PRK
  armscontrol diagram agreement --format dot
  armscontrol datasets""",
    "validate": """\
examples:
  armscontrol validate                          # the bundled 'korea' dataset
  armscontrol validate --dataset inf --strict
  armscontrol validate leap-day.json npt.json
  armscontrol validate records/ --format json
  armscontrol validate records/ --format sarif > findings.sarif""",
    "status": """\
examples:
  armscontrol status leap-day-2012 --on 2012-03
  armscontrol status leap-day-2012 --on 2012-05 --according-to PRK
  armscontrol status npt/PRK --on 2003-02 --format json
  armscontrol status inf --on 2019-09 --dataset inf""",
    "history": """\
examples:
  armscontrol history leap-day-2012
  armscontrol history leap-day-2012 --according-to USA
  armscontrol history npt/PRK --format json""",
    "diagram": """\
examples:
  armscontrol diagram agreement
  armscontrol diagram participation --format dot | dot -Tsvg > participation.svg
  armscontrol diagram leap-day-2012            # its states highlighted""",
    "timeline": """\
examples:
  armscontrol timeline leap-day-2012
  armscontrol timeline leap-day-2012 -o leap-day.svg
  armscontrol timeline npt/PRK --format png -o npt-prk.png""",
    "schema": """\
example:
  armscontrol schema > armscontrol.schema.json""",
    "datasets": """\
examples:
  armscontrol datasets
  armscontrol datasets --format json""",
    "rules": """\
examples:
  armscontrol rules
  armscontrol rules --format json""",
}


def _sub(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    handler: _Handler,
    summary: str,
    common: argparse.ArgumentParser,
) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        name,
        help=summary,
        description=f"{summary[0].upper()}{summary[1:]}.",
        epilog=_EPILOGS[name],
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler, parser=parser)
    return parser


def _source(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path", nargs="?", metavar="PATH", help="a record: a JSON file or a folder of them"
    )
    _dataset_option(parser)


def _dataset_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dataset",
        metavar="NAME",
        help=f"a bundled dataset instead of PATH (default: {datasets.DEFAULT})",
    )


def _formats(parser: argparse.ArgumentParser, *choices: str) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"output format (default: {choices[0]})",
    )


def _perspective(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--according-to",
        metavar="PARTY",
        help="only the uncontested transitions and those PARTY asserts",
    )


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the traceback of an error",
    )
    parser = argparse.ArgumentParser(
        prog=_PROG,
        description=_DESCRIPTION,
        epilog=_EPILOGS["main"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{_PROG} {_version()}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    check = _sub(commands, "validate", _cmd_validate, "check records, report every finding", common)
    check.add_argument(
        "paths", nargs="*", metavar="PATH", help="JSON files or folders, each its own record"
    )
    _dataset_option(check)
    _formats(check, "text", "json", "sarif")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")

    status = _sub(commands, "status", _cmd_status, "the status of a subject on a date", common)
    status.add_argument("subject", metavar="SUBJECT", help="an id, or AGREEMENT/PARTY")
    status.add_argument("--on", required=True, metavar="DATE", help="a date: 2012, 2012-04 …")
    _perspective(status)
    _source(status)
    _formats(status, "text", "json")

    history = _sub(commands, "history", _cmd_history, "every status change of a subject", common)
    history.add_argument("subject", metavar="SUBJECT", help="an id, or AGREEMENT/PARTY")
    _perspective(history)
    _source(history)
    _formats(history, "text", "json")

    diagram = _sub(commands, "diagram", _cmd_diagram, "draw a lifecycle", common)
    diagram.add_argument(
        "target",
        metavar="LIFECYCLE|SUBJECT",
        help=f"{', '.join(_LIFECYCLES)}, or a subject to draw its lifecycle with its states",
    )
    _source(diagram)
    _formats(diagram, "mermaid", "dot")

    line = _sub(
        commands, "timeline", _cmd_timeline, "draw a subject's history on a time axis", common
    )
    line.add_argument("subject", metavar="SUBJECT", help="an id, or AGREEMENT/PARTY")
    _perspective(line)
    _source(line)
    line.add_argument(
        "--format",
        choices=("mermaid", *_BINARY),
        help="mermaid (default), or svg/png drawn with matplotlib (need -o)",
    )
    line.add_argument("-o", "--output", metavar="FILE", help="write to FILE")

    _sub(commands, "schema", _cmd_schema, "print the JSON Schema of the record format", common)
    listing = _sub(commands, "datasets", _cmd_datasets, "list the bundled datasets", common)
    _formats(listing, "text", "json")
    catalogue = _sub(commands, "rules", _cmd_rules, "list the validator's rules", common)
    _formats(catalogue, "text", "json")
    return parser


# -- errors -----------------------------------------------------------------------


def _error_text(exc: ArmsControlError, columns: int) -> str:
    if isinstance(exc, LoadError):
        lines = [f"{_PROG}: error: {fmt.plural(len(exc.problems), 'problem')} in input"]
        lines += [fmt.wrap(f"  {problem}", columns) for problem in exc.problems]
        return "\n".join(lines)
    return fmt.wrap(f"{_PROG}: error: {exc}", columns)


def _place_operands(args: argparse.Namespace, extras: Sequence[str]) -> list[str]:
    """Give PATH operands that came after an option to the command; return the rest.

    argparse hands out positional arguments only up to the first option, so in
    ``status deal --on 2012 deal.json`` the PATH would be left over.
    """
    unknown: list[str] = []
    for extra in extras:
        if extra.startswith("-") and extra != "-":
            unknown.append(extra)
        elif hasattr(args, "paths"):
            args.paths = [*(args.paths or []), extra]
        elif hasattr(args, "path") and args.path is None:
            args.path = extra
        else:
            unknown.append(extra)
    return unknown


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``armscontrol`` command.

    Args:
        argv: The arguments after the program name (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 fine, 1 validation findings, 2 bad input or usage.
    """
    parser = _parser()
    try:
        args, extras = parser.parse_known_args(argv)
        if unknown := _place_operands(args, extras):
            args.parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else 2
    handler: _Handler = args.handler
    out, err = sys.stdout, sys.stderr
    try:
        return handler(args, out)
    except _UsageError as exc:
        if args.debug:
            raise
        args.parser.print_usage(err)
        err.write(f"{_PROG}: error: {exc}\n")
        return 2
    except (ArmsControlError, OSError) as exc:
        if isinstance(exc, BrokenPipeError):
            # The reader went away (``| head``); say nothing more.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 1
        if args.debug:
            raise
        if isinstance(exc, ArmsControlError):
            err.write(_error_text(exc, fmt.width(err)) + "\n")
        else:
            where = f"{exc.strerror}: {exc.filename}" if exc.filename else str(exc)
            err.write(f"{_PROG}: error: {where}\n")
        return 2
