"""What each command does: read the record, ask it, write the answer."""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import BinaryIO, TextIO

from armscontrol import datasets, io, lifecycle, query, timeline
from armscontrol.cli import _format as fmt
from armscontrol.cli import _sarif
from armscontrol.dates import HistoricalDate
from armscontrol.exceptions import (
    ArmsControlError,
    DateError,
    LoadError,
    Problem,
)
from armscontrol.model import Record, SubjectKind
from armscontrol.validation import RULES, Diagnostic, Severity, validate

PROG = "armscontrol"
LIFECYCLES = tuple(kind.value for kind in SubjectKind)


def version() -> str:
    try:
        return importlib.metadata.version("armscontrol")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - run from a checkout
        return "unknown"


class UsageError(ArmsControlError):
    """Options that do not go together; reported like argparse's own usage errors."""


# -- reading the record ---------------------------------------------------------


def dataset_label(name: str) -> str:
    return f"{name}.json"


def read_record(args: argparse.Namespace) -> Record:
    """The record the options name: PATH, ``--dataset NAME``, or the default dataset."""
    path: str | None = args.path
    if path is not None and args.dataset is not None:
        msg = "give a PATH or --dataset, not both"
        raise UsageError(msg)
    if path is not None:
        return io.load(_input(path))
    return datasets.load(args.dataset or datasets.DEFAULT)


STDIN = "-"
"""The PATH that means standard input."""


def _input(path: str) -> str | BinaryIO:
    return sys.stdin.buffer if path == STDIN else path


class OptionError(ArmsControlError):
    """An option's value that cannot be used; the message names the option."""


def option_date(option: str, text: str) -> HistoricalDate:
    try:
        return HistoricalDate.parse(text)
    except DateError as exc:
        msg = f"{option}: {exc}"
        raise OptionError(msg) from exc


# -- validate -------------------------------------------------------------------


_Finding = tuple[str, Diagnostic]


def _check(args: argparse.Namespace) -> tuple[list[_Finding], list[Problem]]:
    """Every finding in the inputs, with its file, and every problem that stopped a load."""
    paths: list[str] = args.paths
    if paths and args.dataset is not None:
        msg = "give PATHs or --dataset, not both"
        raise UsageError(msg)
    inputs: list[tuple[str, Callable[[], Record]]]
    if paths:
        # Labelled as the loader names files in its problems: ``./a.json`` is ``a.json``.
        inputs = [
            (
                str(Path(path)) if path != STDIN else "<stdin>",
                functools.partial(io.load, _input(path)),
            )
            for path in paths
        ]
    else:
        name = args.dataset or datasets.DEFAULT
        inputs = [(dataset_label(name), lambda: datasets.load(name))]
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


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
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
        log = _sarif.log(findings, RULES, version=version(), problems=problems)
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
        "tool": {"name": PROG, "version": version()},
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


def cmd_status(args: argparse.Namespace, out: TextIO) -> int:
    on = option_date("--on", args.on)
    record = read_record(args)
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


def cmd_history(args: argparse.Namespace, out: TextIO) -> int:
    record = read_record(args)
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


def cmd_diagram(args: argparse.Namespace, out: TextIO) -> int:
    target: str = args.target
    visited: tuple[str, ...] = ()
    if target in LIFECYCLES:
        machine = lifecycle.BUILTIN[SubjectKind(target)]
    else:
        record = read_record(args)
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


BINARY = ("svg", "png")


def cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    output: str | None = args.output
    chosen: str | None = args.format
    if chosen is None:
        suffix = Path(output).suffix.lstrip(".").lower() if output else ""
        chosen = suffix if suffix in BINARY else "mermaid"
    if chosen in BINARY and output is None:
        msg = f"--format {chosen} writes a binary file; name it with -o FILE"
        raise UsageError(msg)
    record = read_record(args)
    if chosen in BINARY and output is not None:
        timeline.render(record, args.subject, output, format=chosen, according_to=args.according_to)
        return 0
    text = timeline.mermaid(record, args.subject, according_to=args.according_to)
    if output is None:
        out.write(text if text.endswith("\n") else text + "\n")
    else:
        Path(output).write_text(text, encoding="utf-8")
    return 0


# -- schema, datasets, rules ------------------------------------------------------


def cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
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


def cmd_datasets(args: argparse.Namespace, out: TextIO) -> int:
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


def cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
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
