"""The history validator: proves a record coherent, or says everything that is not.

:func:`validate` checks a :class:`~armscontrol.model.Record` against the rule
catalogue, :data:`RULES`, and returns a :class:`Report` of every
:class:`Diagnostic` it finds. It never raises on a record built through the
model, whatever that record refers to: dangling references, duplicate ids and
impossible histories are findings, not exceptions.

Rules come in five families, each with stable codes (``docs/rules.md`` has an
example of every one):

* **AC1xx references**: unknown and duplicate ids, obligors that are not
  parties, accused parties that are not obligors.
* **AC2xx lifecycle**: steps the subject's lifecycle does not allow.
* **AC3xx chronology**: dates that contradict the record's order, with
  three-valued dates: an error only when an order is definitely wrong, a
  warning when the dates cannot tell.
* **AC4xx terms**: withdrawal notice periods and fixed terms.
* **AC5xx consistency**: missing causes and sources, disputes between
  parties, reciprocal commitments drifting apart.
* **AC6xx acknowledgements**: acknowledgements in the record that no longer
  cover a finding.

Teams choose which rules run and how severe their findings are (``select``,
``ignore``, ``severities``), acknowledge known findings in the record itself
(:class:`~armscontrol.model.Acknowledgement`), and add rules of their own
(:class:`CustomRule`), all through :func:`validate`.

Histories are checked from every perspective: the uncontested transitions
alone, and each asserting party's view (the uncontested transitions plus
those the party asserts). A problem seen from several views is reported once.
"""

from __future__ import annotations

import contextlib
import gc
import types
from collections.abc import Generator, Iterable, Iterator, Mapping
from operator import itemgetter
from typing import TYPE_CHECKING

import attrs

from armscontrol.model import Acknowledgement, Record
from armscontrol.validation import _custom
from armscontrol.validation._catalogue import CATALOGUE
from armscontrol.validation._custom import (
    ENTRY_POINT_GROUP,
    Check,
    CustomRule,
    Finding,
    custom_rule,
    load_rules,
    registered_rules,
)
from armscontrol.validation._samples import SAMPLES
from armscontrol.validation._severity import Severity

if TYPE_CHECKING:
    from armscontrol.lifecycle import Lifecycles
    from armscontrol.validation._context import Finding as Found
    from armscontrol.validation._context import Key

__all__ = [
    "ENTRY_POINT_GROUP",
    "RULES",
    "Check",
    "CustomRule",
    "Diagnostic",
    "Finding",
    "Report",
    "Rule",
    "Severity",
    "custom_rule",
    "load_rules",
    "registered_rules",
    "selected",
    "validate",
]


@attrs.frozen
class Diagnostic:
    """One finding of the validator.

    Attributes:
        code: The rule's stable code, e.g. ``"AC201"`` (see :data:`RULES`).
        severity: How bad it is.
        message: What was found and what would have been allowed.
        subject: The id of the object at fault (for a transition, its subject).
        path: Where, as a JSON path into the canonical format, e.g.
            ``$.transitions[5].to``.
        acknowledgement: The record's acknowledgement that covers it, for the
            findings in :attr:`Report.acknowledged`; otherwise ``None``.
    """

    code: str
    severity: Severity
    message: str
    subject: str | None
    path: str
    acknowledgement: Acknowledgement | None = None

    def __str__(self) -> str:
        return f"{self.path}: {self.severity} {self.code}: {self.message}"


@attrs.frozen
class Report:
    """Everything :func:`validate` found, in record order.

    Diagnostics are sorted by where they are in the record (the canonical
    format's order: parties, sources, processes, agreements and their
    commitments, events, violations, transitions; within an object, its fields
    in order; within an array, by index), then by code, then by message.

    A report is a sized, iterable collection of diagnostics, so it is truthy
    when it holds any diagnostic at all, warnings and infos included; ask
    :attr:`ok` whether the record is free of errors.

    Findings that the record acknowledges are kept apart, in
    :attr:`acknowledged`: they count for nothing else here (not in :attr:`ok`,
    :attr:`errors`, the length or the iteration).

    Attributes:
        diagnostics: Every finding not acknowledged, in the order above.
        acknowledged: The findings the record's acknowledgements cover, in the
            same order, each with its :attr:`~Diagnostic.acknowledgement`.
    """

    diagnostics: tuple[Diagnostic, ...] = ()
    acknowledged: tuple[Diagnostic, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether no diagnostic is an error (warnings and infos allowed)."""
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The error diagnostics, in report order."""
        return self._of(Severity.ERROR)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """The warning diagnostics, in report order."""
        return self._of(Severity.WARNING)

    @property
    def infos(self) -> tuple[Diagnostic, ...]:
        """The info diagnostics, in report order."""
        return self._of(Severity.INFO)

    @property
    def codes(self) -> frozenset[str]:
        """The codes that occur in the report."""
        return frozenset(d.code for d in self.diagnostics)

    def by_code(self, code: str) -> tuple[Diagnostic, ...]:
        """The diagnostics of one rule, in report order."""
        return tuple(d for d in self.diagnostics if d.code == code)

    def _of(self, severity: Severity) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is severity)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self.diagnostics)

    def __len__(self) -> int:
        return len(self.diagnostics)


@attrs.frozen
class Rule:
    """One entry of the rule catalogue.

    Attributes:
        code: Stable code, ``AC`` and three digits; the first digit is the family.
        severity: The severity of every diagnostic of this rule.
        family: ``references``, ``lifecycle``, ``chronology``, ``terms`` or
            ``consistency``.
        title: A short name for the rule.
        summary: One paragraph: what the rule finds and why it matters.
        sample: A message the rule gives, on the rule catalogue's example.
    """

    code: str
    severity: Severity
    family: str
    title: str
    summary: str
    sample: str | None = None


_FAMILIES = {
    "1": "references",
    "2": "lifecycle",
    "3": "chronology",
    "4": "terms",
    "5": "consistency",
    "6": "acknowledgements",
}

RULES: Mapping[str, Rule] = types.MappingProxyType(
    {
        code: Rule(
            code,
            Severity(severity),
            _FAMILIES[code[2]],
            title,
            " ".join(summary.split()),
            SAMPLES.get(code),
        )
        for code, severity, title, summary in CATALOGUE
    }
)
"""The rule catalogue, by code (read-only)."""


def validate(
    record: Record,
    *,
    lifecycles: Lifecycles | None = None,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    severities: Mapping[str, Severity | str] | None = None,
    rules: Iterable[CustomRule] = (),
) -> Report:
    """Check a record against the rules of :data:`RULES`, and any rules of your own.

    Args:
        record: The record to check.
        lifecycles: Lifecycles to use instead of the built-in ones, by subject
            kind; kinds not given keep the built-in lifecycle.
        select: The rules to run, by code or code prefix (``["AC3", "AC504"]``);
            every rule when ``None``.
        ignore: Rules not to run, by code or prefix. Of a select and an ignore
            that both match a code, the longer wins (the ignore, when equal).
        severities: A severity for the findings of some rules, by code or prefix
            (``{"AC506": "error"}``); the longest matching key wins.
        rules: Custom rules to run as well (:class:`CustomRule`).

    Returns:
        Every finding, sorted in record order, with the findings the record
        acknowledges set apart (see :class:`Report`).

    Raises:
        UnknownRuleError: A code or prefix in ``select``, ``ignore`` or
            ``severities`` names no rule; the error suggests close ones.
        RuleError: A custom rule cannot be used (two share a code), a severity
            is not one, or a custom rule's check failed.
    """
    custom = _custom.checked(rules)
    severities_, ran = _settings(custom, select, tuple(ignore), severities or {})
    with _uncollected():
        findings = _found(record, lifecycles, custom, ran)
        return _report(findings, record.acknowledgements, severities_, ran)


@contextlib.contextmanager
def _uncollected() -> Generator[None, None, None]:
    """Keep the garbage collector from scanning the record again and again meanwhile.

    The collector looks for reference cycles; the rules make none (their
    findings, the index and the columns are acyclic, and reference counting
    frees what they drop), but left on it scans the new objects as they age
    and the whole heap, the record included, whenever they outnumber a quarter
    of it: on 10^4 generated agreements a third of the time. It is turned back
    on (if it was on) however validation ends; a custom rule's cycles, if it
    makes any, are collected then.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _found(
    record: Record,
    lifecycles: Lifecycles | None,
    custom: tuple[CustomRule, ...],
    ran: frozenset[str] | None,
) -> list[Found]:
    """Every finding of the rules that run, in the order the rules give them."""
    # The rules load on the first validation, keeping `import armscontrol` light.
    from armscontrol.index._references import reference_findings  # noqa: PLC0415
    from armscontrol.validation import _acknowledge  # noqa: PLC0415
    from armscontrol.validation._context import Context, path_key  # noqa: PLC0415
    from armscontrol.validation._history import check_histories  # noqa: PLC0415
    from armscontrol.validation._law import check_law  # noqa: PLC0415
    from armscontrol.validation._record import check_record  # noqa: PLC0415

    ctx = Context(record, lifecycles)
    # The reference checks are shared with the loader and give paths alone; the
    # rules give each path its sort key as they emit it.
    ctx.findings.extend(
        (f.code, f.path, f.subject, f.message, path_key(f.path)) for f in reference_findings(record)
    )
    check_histories(ctx)
    check_record(ctx)
    check_law(ctx)
    if custom:
        for code, found in _custom.run([r for r in custom if ran is None or r.code in ran], record):
            finding = (code, found.path, found.subject, found.message, path_key(found.path))
            ctx.findings.append(finding)
    acknowledgements = record.acknowledgements
    if acknowledgements:
        for code, path, subject, message in _acknowledge.unknown_sources(record):
            ctx.findings.append((code, path, subject, message, path_key(path)))
    return ctx.findings if ran is None else [f for f in ctx.findings if f[0] in ran]


def _report(
    findings: list[Found],
    acknowledgements: tuple[Acknowledgement, ...],
    severities_: Mapping[str, Severity],
    ran: frozenset[str] | None,
) -> Report:
    """The report of the findings: repeats dropped, acknowledgements applied, in record order."""
    from armscontrol.validation import _acknowledge  # noqa: PLC0415
    from armscontrol.validation._context import path_key  # noqa: PLC0415

    seen: set[tuple[str, str]] = set()
    entries: list[tuple[Key, str, str, Diagnostic]] = []
    covered: list[tuple[Key, str, str, Diagnostic]] = []
    used: set[int] = set()
    for code, path, subject, message, key in findings:
        if (code, path) in seen:
            continue
        seen.add((code, path))
        acknowledgement = None
        if acknowledgements:
            number = _acknowledge.covering(acknowledgements, code, subject, path)
            if number is not None:
                used.add(number)
                acknowledgement = acknowledgements[number]
        diagnostic = Diagnostic(code, severities_[code], message, subject, path, acknowledgement)
        (entries if acknowledgement is None else covered).append((key, code, message, diagnostic))
    if acknowledgements and (ran is None or _acknowledge.STALE in ran):
        known = severities_.keys()
        for code, path, subject, message in _acknowledge.stale(
            acknowledgements, used, known if ran is None else ran, known
        ):
            diagnostic = Diagnostic(code, severities_[code], message, subject, path)
            entries.append((path_key(path), code, message, diagnostic))
    entries.sort(key=_ORDER)
    covered.sort(key=_ORDER)
    return Report(tuple(map(_DIAGNOSTIC, entries)), tuple(map(_DIAGNOSTIC, covered)))


def _settings(
    custom: tuple[CustomRule, ...],
    select: Iterable[str] | None,
    ignore: tuple[str, ...],
    severities: Mapping[str, Severity | str],
) -> tuple[Mapping[str, Severity], frozenset[str] | None]:
    """Each code's severity, and the codes that run (``None``: every one)."""
    if not custom and select is None and not ignore and not severities:
        return _SEVERITIES, None  # the common case: every built-in rule, as catalogued
    from armscontrol.validation import _select  # noqa: PLC0415

    defaults = {**_SEVERITIES, **{rule.code: rule.severity for rule in custom}}
    chosen = None if select is None else tuple(select)
    _select.check_selectors((*(chosen or ()), *ignore, *severities), defaults)
    grades = {key: _custom.severity_of(value, key) for key, value in severities.items()}
    ran = None if chosen is None and not ignore else _select.enabled(defaults, chosen, ignore)
    return _select.graded(defaults, grades), ran


def selected(
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    *,
    rules: Iterable[CustomRule] = (),
) -> tuple[str, ...]:
    """The codes of the rules that run with these settings, in code order.

    Args:
        select: Codes or code prefixes of the rules to run; every rule when ``None``.
        ignore: Codes or prefixes of the rules not to run.
        rules: Custom rules, besides the built-in ones.

    Raises:
        UnknownRuleError: A code or prefix names no rule, with close ones.
    """
    from armscontrol.validation import _select  # noqa: PLC0415

    codes = {*RULES, *(rule.code for rule in _custom.checked(rules))}
    chosen = None if select is None else tuple(select)
    ignored = tuple(ignore)
    _select.check_selectors((*(chosen or ()), *ignored), codes)
    return tuple(sorted(_select.enabled(codes, chosen, ignored)))


_SEVERITIES: Mapping[str, Severity] = {code: rule.severity for code, rule in RULES.items()}
_ORDER = itemgetter(0, 1, 2)
"""Record order: the place's key, then the code, then the message."""
_DIAGNOSTIC = itemgetter(3)
