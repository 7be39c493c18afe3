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

Histories are checked from every perspective: the uncontested transitions
alone, and each asserting party's view (the uncontested transitions plus
those the party asserts). A problem seen from several views is reported once.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Iterator, Mapping
from operator import itemgetter
from typing import TYPE_CHECKING

import attrs

from armscontrol.model import Record
from armscontrol.validation._catalogue import CATALOGUE

if TYPE_CHECKING:
    from armscontrol.lifecycle import Lifecycles
    from armscontrol.validation._context import Key

__all__ = ["RULES", "Diagnostic", "Report", "Rule", "Severity", "validate"]


class Severity(enum.StrEnum):
    """How bad a finding is."""

    ERROR = "error"
    """The record contradicts itself: an unknown id, an impossible step, a wrong order."""
    WARNING = "warning"
    """Probably a mistake or a gap, or something the dates cannot settle."""
    INFO = "info"
    """Worth knowing, not wrong: a dispute between parties or between sources."""


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
    """

    code: str
    severity: Severity
    message: str
    subject: str | None
    path: str

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

    Attributes:
        diagnostics: Every finding, in the order above.
    """

    diagnostics: tuple[Diagnostic, ...] = ()

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
    """

    code: str
    severity: Severity
    family: str
    title: str
    summary: str


_FAMILIES = {
    "1": "references",
    "2": "lifecycle",
    "3": "chronology",
    "4": "terms",
    "5": "consistency",
}

RULES: Mapping[str, Rule] = types.MappingProxyType(
    {
        code: Rule(code, Severity(severity), _FAMILIES[code[2]], title, " ".join(summary.split()))
        for code, severity, title, summary in CATALOGUE
    }
)
"""The rule catalogue, by code (read-only)."""


def validate(record: Record, *, lifecycles: Lifecycles | None = None) -> Report:
    """Check a record against every rule of :data:`RULES`.

    Args:
        record: The record to check.
        lifecycles: Lifecycles to use instead of the built-in ones, by subject
            kind; kinds not given keep the built-in lifecycle.

    Returns:
        Every finding, sorted in record order (see :class:`Report`).
    """
    # The rules load on the first validation, keeping `import armscontrol` light.
    from armscontrol.index._references import reference_findings  # noqa: PLC0415
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
    seen: set[tuple[str, str]] = set()
    entries: list[tuple[Key, str, str, Diagnostic]] = []
    severities = _SEVERITIES
    for code, path, subject, message, key in ctx.findings:
        if (code, path) in seen:
            continue
        seen.add((code, path))
        diagnostic = Diagnostic(code, severities[code], message, subject, path)
        entries.append((key, code, message, diagnostic))
    entries.sort(key=_ORDER)
    return Report(tuple(map(_DIAGNOSTIC, entries)))


_SEVERITIES = {code: rule.severity for code, rule in RULES.items()}
_ORDER = itemgetter(0, 1, 2)
"""Record order: the place's key, then the code, then the message."""
_DIAGNOSTIC = itemgetter(3)
