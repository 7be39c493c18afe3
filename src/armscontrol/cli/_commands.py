"""What each command does: read the record, ask it, write the answer."""

from __future__ import annotations

import argparse
import functools
import importlib.metadata
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO, TextIO, cast

import attrs

from armscontrol import datasets, io, query
from armscontrol.cli import _config, _sarif, _story
from armscontrol.cli import _format as fmt
from armscontrol.dates import HistoricalDate
from armscontrol.exceptions import (
    ArmsControlError,
    DateError,
    LoadError,
    Problem,
    RuleError,
    UnknownRuleError,
)
from armscontrol.model import Event, Record, SubjectKind
from armscontrol.validation import (
    RULES,
    CustomRule,
    Diagnostic,
    Rule,
    Severity,
    load_rules,
    registered_rules,
    selected,
    validate,
)

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
    """The record the options name: PATH (``-`` for stdin), ``--dataset NAME``, or the default."""
    path: str | None = args.path
    if path is not None and args.dataset is not None:
        msg = "give a PATH or --dataset, not both"
        raise UsageError(msg)
    if path is not None:
        return load_path(path)
    return datasets.load(args.dataset or datasets.DEFAULT)


STDIN = "-"
"""The PATH that means standard input."""


def load_path(path: str) -> Record:
    """The record in a file or folder, or on standard input for ``-`` (bounded as files are)."""
    if path != STDIN:
        return io.load(path)
    stream: BinaryIO | None = getattr(sys.stdin, "buffer", None)
    if stream is None:  # closed (``<&-``) or replaced by something that is not a file
        raise LoadError([Problem("$", "no standard input to read", "<stdin>")])
    return io.load(stream)


class OptionError(ArmsControlError):
    """An option's value that cannot be used; the message names the option."""


def option_date(option: str, text: str) -> HistoricalDate:
    try:
        return HistoricalDate.parse(text)
    except DateError as exc:
        msg = f"{option}: {exc}"
        raise OptionError(msg) from exc


# -- settings -------------------------------------------------------------------


def settings(args: argparse.Namespace) -> tuple[_config.Settings, tuple[CustomRule, ...]]:
    """The settings in force, and the custom rules they and the installed packages give.

    The configuration file's settings (``--config FILE``, or the nearest file
    upwards unless ``--no-config``), with the command line's options over them:
    each option given replaces the file's value for its key; ``--strict`` is
    ``--error-on warning``. Rule codes are checked where they were given.

    Raises:
        UsageError: An option names no rule, or is malformed.
        ConfigError: The file cannot be used, or names no rule.
    """
    found: Path | None = None
    if getattr(args, "config", None) is not None:
        found = Path(args.config)
    elif not getattr(args, "no_config", False):
        found = _config.find(Path.cwd())
    base = _config.read(found) if found is not None else _config.Settings()
    rules = custom_rules(base)
    changes: dict[str, Any] = {}
    for option in ("select", "ignore"):
        given: list[str] | None = getattr(args, option, None)
        if given is not None:
            changes[option] = _codes(given)
    severity: list[str] | None = getattr(args, "severity", None)
    if severity is not None:
        changes["severities"] = dict(map(_grade, _codes(severity)))
    for key, option in (("select", "select"), ("ignore", "ignore"), ("severities", "severity")):
        value = changes.get(key, getattr(base, key))
        selectors = tuple(cast("Iterable[str]", value or ()))
        try:
            selected(selectors, rules=rules)
        except UnknownRuleError as exc:
            if key in changes or base.file is None:
                msg = f"--{option}: {exc}"
                raise UsageError(msg) from None
            where = "tool.armscontrol." if base.file.name == _config.PYPROJECT else ""
            msg = f"{_config.shown(base.file)}: {where}{option}: {exc}"
            raise _config.ConfigError(msg) from None
    error_on: str | None = getattr(args, "error_on", None)
    if error_on is not None:
        changes["error_on"] = _config.level(error_on)
    if getattr(args, "strict", False) and changes.get("error_on", base.error_on) == "error":
        changes["error_on"] = "warning"
    if getattr(args, "show_acknowledged", False):
        changes["show_acknowledged"] = True
    return attrs.evolve(base, **changes), rules


def _codes(values: Sequence[str]) -> tuple[str, ...]:
    """Comma-separated values of repeated options, in order, blanks dropped."""
    return tuple(item.strip() for value in values for item in value.split(",") if item.strip())


def _grade(item: str) -> tuple[str, str]:
    code, equals, grade = item.partition("=")
    try:
        if not equals:
            raise ValueError
        return code.strip(), _config.level(grade.strip())
    except ValueError:
        msg = f"--severity: expected CODE=LEVEL (AC506=error), got {item!r}"
        raise UsageError(msg) from None


def custom_rules(chosen: _config.Settings) -> tuple[CustomRule, ...]:
    """The registered rules and those the configuration file names, by code."""
    found = {rule.code: rule for rule in registered_rules()}
    for spec in chosen.rules:
        for rule in load_rules(spec, chosen.base):
            other = found.setdefault(rule.code, rule)
            if other != rule:
                msg = f"{spec!r} gives a rule with the code of another: {other.title!r}"
                raise RuleError(rule.code, msg)
    return tuple(found[code] for code in sorted(found))


# -- validate -------------------------------------------------------------------


_Finding = tuple[str, Diagnostic]


def _check(
    args: argparse.Namespace, chosen: _config.Settings, rules: Sequence[CustomRule]
) -> tuple[list[_Finding], list[_Finding], list[Problem]]:
    """Every finding in the inputs with its file, the acknowledged ones, and the load problems."""
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
                functools.partial(load_path, path),
            )
            for path in paths
        ]
    else:
        name = args.dataset or datasets.DEFAULT
        inputs = [(dataset_label(name), lambda: datasets.load(name))]
    findings: list[_Finding] = []
    acknowledged: list[_Finding] = []
    problems: list[Problem] = []
    for label, load in inputs:
        try:
            record = load()
        except LoadError as exc:
            problems += [p if p.file else Problem(p.path, p.message, label) for p in exc.problems]
            continue
        report = validate(
            record,
            select=chosen.select,
            ignore=chosen.ignore,
            severities=chosen.severities,
            rules=rules,
        )
        findings += [(label, d) for d in report.diagnostics]
        acknowledged += [(label, d) for d in report.acknowledged]
    return findings, acknowledged, problems


_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    chosen, rules = settings(args)
    findings, acknowledged, problems = _check(args, chosen, rules)
    counts = dict.fromkeys(Severity, 0)
    for _, diagnostic in findings:
        counts[Severity(diagnostic.severity)] += 1
    threshold = _RANK[Severity(chosen.error_on)]
    failing = any(_RANK[severity] <= threshold and n for severity, n in counts.items())
    status = 1 if failing else 0
    if problems:
        status = 2
    catalogue: dict[str, Rule | CustomRule] = {**RULES, **{rule.code: rule for rule in rules}}
    if args.format == "sarif":
        log = _sarif.log(
            findings, catalogue, version=version(), problems=problems, acknowledged=acknowledged
        )
        out.write(fmt.dumps(log) + "\n")
    elif args.format == "json":
        data = _validation_json(findings, acknowledged, problems, counts, status)
        out.write(fmt.dumps(data) + "\n")
    else:
        # Listed: what makes the exit status 1 (errors at least); with --verbose, all.
        listed = {s for s in Severity if args.verbose or _RANK[s] <= threshold}
        # A load problem is reported on stderr instead of a summary of what loaded.
        text = _validation_text(
            findings, acknowledged, counts, listed, chosen=chosen, out=out, summary=not problems
        )
        out.write(text)
    if problems:
        raise LoadError(problems)
    return status


def _validation_text(
    findings: Sequence[_Finding],
    acknowledged: Sequence[_Finding],
    counts: dict[Severity, int],
    listed: set[Severity],
    *,
    chosen: _config.Settings,
    out: TextIO,
    summary: bool,
) -> str:
    """The findings ``listed`` (and the acknowledged ones when asked), then the summary line."""
    columns, coloured = fmt.width(out), fmt.colour(out)
    shown = [(label, d) for label, d in findings if d.severity in listed]
    if chosen.show_acknowledged:
        shown += acknowledged
    lines = [_finding_text(label, d, columns, coloured=coloured) + "\n" for label, d in shown]
    if not summary:
        return "".join(lines)
    line = _summary(counts, listed)
    if acknowledged:
        line += f"; {len(acknowledged)} acknowledged"
        if not chosen.show_acknowledged:
            line += " (--show-acknowledged lists them)"
    lines.append(fmt.wrap(line, columns) + "\n")
    return "".join(lines)


def _summary(counts: dict[Severity, int], listed: set[Severity]) -> str:
    """``"0 errors, 2 warnings, 1 note"``, and how to list the findings not listed.

    ``"0 errors, 2 warnings, 1 note (--verbose lists them)"`` when none was
    listed; ``"… (--verbose lists the warnings and note too)"`` when some were.
    """
    text = fmt.summary(counts[Severity.ERROR], counts[Severity.WARNING], counts[Severity.INFO])
    unlisted = [
        _severity_word(severity) + ("" if n == 1 else "s")
        for severity, n in counts.items()
        if n and severity not in listed
    ]
    if not unlisted:
        return text
    if not any(counts[severity] for severity in listed):
        return f"{text} (--verbose lists them)"
    return f"{text} (--verbose lists the {' and '.join(unlisted)} too)"


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
    text += f"\n{fmt.INDENT}at {diagnostic.path}"
    ack = diagnostic.acknowledgement
    if ack is not None:
        text += "\n" + fmt.wrap(f"{fmt.INDENT}acknowledged: {ack.reason}", columns)
    return text


def _diagnostic_json(label: str, d: Diagnostic) -> dict[str, object]:
    data: dict[str, object] = {
        "file": label,
        "code": d.code,
        "severity": str(d.severity),
        "subject": d.subject,
        "path": d.path,
        "message": d.message,
    }
    if d.acknowledgement is not None:
        data["reason"] = d.acknowledgement.reason
        data["sources"] = list(d.acknowledgement.sources)
    return data


def _validation_json(
    findings: Sequence[_Finding],
    acknowledged: Sequence[_Finding],
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
        "diagnostics": [_diagnostic_json(label, d) for label, d in findings],
        "acknowledged": [_diagnostic_json(label, d) for label, d in acknowledged],
        "problems": [{"file": p.file, "path": p.path, "message": p.message} for p in problems],
    }


# -- status, history ------------------------------------------------------------


def cmd_status(args: argparse.Namespace, out: TextIO) -> int:
    on = option_date("--on", args.on)
    record = read_record(args)
    result = query.status(record, args.subject, on, according_to=args.according_to, at=args.at)
    if args.format == "json":
        data = {
            "subject": args.subject,
            "title": _story.title(record, args.subject),
            "on": str(on),
            "at": args.at,
            "according_to": args.according_to,
            "text": str(result),
            "status": fmt.plain(result),
            "sources": _story.cited_sources(record, [result.step] if result.step else []),
        }
        out.write(fmt.dumps(data) + "\n")
    elif args.ids:
        out.write(fmt.wrap(str(result), fmt.width(out)) + "\n")
    else:
        out.write(_story.status_text(record, result, fmt.width(out)) + "\n")
    return 0


def cmd_history(args: argparse.Namespace, out: TextIO) -> int:
    record = read_record(args)
    if isinstance(record.items().get(args.subject), Event):
        return _event_dates(args, record, out)
    result = query.history(record, args.subject, according_to=args.according_to)
    if args.format == "json":
        data = {
            "subject": args.subject,
            "title": _story.title(record, args.subject),
            "according_to": args.according_to,
            "history": fmt.plain(result),
            "causes": _story.cited_causes(record, result.steps),
            "sources": _story.cited_sources(record, result.steps),
        }
        out.write(fmt.dumps(data) + "\n")
    elif args.ids:
        out.write(fmt.wrap_columns(result.text().rstrip("\n"), fmt.width(out)) + "\n")
    else:
        out.write(_story.history_text(record, result, fmt.width(out)) + "\n")
    return 0


def _event_dates(args: argparse.Namespace, record: Record, out: TextIO) -> int:
    """``history EVENT``: the event's dates, each with the sources behind it."""
    if args.according_to is not None:
        msg = f"--according-to: {args.subject} is an event; its dates belong to no party's view"
        raise UsageError(msg)
    result = query.dating(record, args.subject)
    if args.format == "json":
        data = {
            "subject": args.subject,
            "title": result.event.summary,
            "dates": fmt.plain(result),
            "sources": _story.citations(record, (s for c in result.claims for s in c.sources)),
        }
        out.write(fmt.dumps(data) + "\n")
    elif args.ids:
        out.write(fmt.wrap_columns(result.text(), fmt.width(out)) + "\n")
    else:
        out.write(_story.dating_text(record, result, fmt.width(out)) + "\n")
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


def _coverage(record: Record) -> tuple[str, str] | None:
    """The first and the last date the record's events, violations and transitions give."""
    dates = [fact.date for group in (record.events, record.violations, record.transitions)
             for fact in group]  # fmt: skip
    if not dates:
        return None
    first = min(dates, key=lambda date: date.earliest)
    last = max(dates, key=lambda date: date.latest)
    return first.text, last.text


def _coverage_json(record: Record) -> dict[str, str] | None:
    coverage = _coverage(record)
    return None if coverage is None else {"first": coverage[0], "last": coverage[1]}


def _reach(record: Record) -> str:
    """What a listed dataset covers, in words: its first and last dates, and its as_of."""
    coverage = _coverage(record)
    spans = "no dated facts" if coverage is None else f"{coverage[0]} to {coverage[1]}"
    as_of = "no as_of" if record.as_of is None else f"as of {record.as_of.text}"
    return f"{spans}, {as_of}"


def cmd_datasets(args: argparse.Namespace, out: TextIO) -> int:
    entries = [(name, datasets.load(name)) for name in datasets.names()]
    if args.format == "json":
        data = [
            {
                "name": name,
                "title": record.title,
                "as_of": None if record.as_of is None else record.as_of.text,
                "coverage": _coverage_json(record),
                "counts": _counts(record),
            }
            for name, record in entries
        ]
        out.write(fmt.dumps(data) + "\n")
        return 0
    columns = fmt.width(out)
    pad = max((len(name) for name, _ in entries), default=0) + 2
    for name, record in entries:
        counts = ", ".join(fmt.plural(n, noun[:-1]) for noun, n in _counts(record).items())
        out.write(f"{name.ljust(pad)}{record.title or '(untitled)'}\n")
        out.write(fmt.wrap(" " * pad + _reach(record), columns, indent="") + "\n")
        out.write(fmt.wrap(" " * pad + counts, columns, indent="") + "\n")
    return 0


def cmd_rules(args: argparse.Namespace, out: TextIO) -> int:
    chosen, custom = settings(args)
    del chosen
    catalogue: dict[str, Rule | CustomRule] = {**RULES, **{rule.code: rule for rule in custom}}
    selector: str | None = args.code
    try:
        codes = selected(None if selector is None else [selector], rules=custom)
    except UnknownRuleError as exc:
        raise UsageError(str(exc)) from None
    rules = [catalogue[code] for code in codes]
    if args.format == "json":
        data = [_rule_json(rule) for rule in rules]
        out.write(fmt.dumps(data[0] if selector is not None and len(rules) == 1 else data) + "\n")
        return 0
    columns = fmt.width(out)
    if selector is not None and len(rules) == 1:
        out.write(_explanation(rules[0], columns) + "\n")
        return 0
    family = max((len(rule.family) for rule in rules), default=0)
    indent = " " * (18 + family)
    for rule in rules:
        word = _severity_word(rule.severity)
        line = f"{rule.code:<5}  {word:<7}  {rule.family:<{family}}  {rule.title}"
        out.write(fmt.wrap(line, columns, indent=indent) + "\n")
    return 0


def _rule_json(rule: Rule | CustomRule) -> dict[str, object]:
    return {
        "code": rule.code,
        "severity": str(rule.severity),
        "family": rule.family,
        "title": rule.title,
        "summary": rule.summary,
        "sample": rule.sample,
        "url": rule.url if isinstance(rule, CustomRule) else _sarif.help_uri(rule),
    }


def _explanation(rule: Rule | CustomRule, columns: int) -> str:
    """A rule on its own: heading, severity and family, summary, a sample, where to read more."""
    word = _severity_word(rule.severity)
    lines = [f"{rule.code} {rule.title}", f"{word} · {rule.family}", ""]
    lines.append(fmt.wrap(rule.summary, columns, indent=""))
    if rule.sample:
        lines += ["", "For example:", fmt.wrap(f"{fmt.INDENT}{rule.sample}", columns)]
    url = rule.url if isinstance(rule, CustomRule) else _sarif.help_uri(rule)
    if url:
        lines += ["", f"See {url}"]
    return "\n".join(lines)
