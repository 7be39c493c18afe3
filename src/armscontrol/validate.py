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
import re
import types
from collections.abc import Iterator, Mapping

import attrs

from armscontrol._references import reference_findings
from armscontrol._rules_context import Context
from armscontrol._rules_history import check_histories
from armscontrol._rules_record import DRIFT_GRACE_DAYS, check_record
from armscontrol.lifecycle import Lifecycles
from armscontrol.model import (
    Agreement,
    Commitment,
    DateClaim,
    Event,
    Party,
    Process,
    Record,
    Source,
    Transition,
    Violation,
)

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

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO


def _rule(code: str, severity: Severity, title: str, summary: str) -> Rule:
    return Rule(code, severity, _FAMILIES[code[2]], title, " ".join(summary.split()))


# The catalogue. Codes are stable: a rule may be reworded, never renumbered.
_CATALOGUE = (
    _rule(
        "AC101",
        _E,
        "duplicate id",
        """
        Two objects share an id. Ids are unique across the whole record, whatever their
        kind, so that an id alone names one thing; the second use is reported.
        """,
    ),
    _rule(
        "AC102",
        _E,
        "unknown party",
        """
        A reference to a party the record does not list: in an agreement's or process's
        parties, a commitment's obligors or beneficiaries, an event's actors, a violation's
        alleged_by or accused, or a transition's asserted_by.
        """,
    ),
    _rule(
        "AC103",
        _E,
        "unknown source",
        """
        A sources entry, anywhere (including alternative dates), that names no source.
        """,
    ),
    _rule(
        "AC104",
        _E,
        "unknown process",
        """
        An agreement's process names no negotiating process of the record.
        """,
    ),
    _rule(
        "AC105",
        _E,
        "unknown commitment",
        """
        A commitment's in_exchange_for or a violation's commitment names no commitment.
        """,
    ),
    _rule(
        "AC106",
        _E,
        "unknown evidence",
        """
        A violation's evidence names no event of the record.
        """,
    ),
    _rule(
        "AC107",
        _E,
        "unknown cause",
        """
        A transition's causes name something that is neither an event nor a violation.
        """,
    ),
    _rule(
        "AC108",
        _E,
        "unknown subject",
        """
        A transition's subject is not an agreement, a commitment, a violation or the
        participation AGREEMENT/PARTY of a party the agreement lists. Its history is not
        checked further.
        """,
    ),
    _rule(
        "AC111",
        _E,
        "obligor not a party",
        """
        A commitment binds a party that is not a party of the commitment's agreement.
        """,
    ),
    _rule(
        "AC112",
        _E,
        "beneficiary not a party",
        """
        A commitment is owed to a party that is not a party of the commitment's agreement.
        """,
    ),
    _rule(
        "AC113",
        _E,
        "accused not an obligor",
        """
        A violation accuses a party that the breached commitment does not bind.
        """,
    ),
    _rule(
        "AC114",
        _E,
        "in exchange for itself",
        """
        A commitment lists itself in in_exchange_for.
        """,
    ),
    _rule(
        "AC115",
        _E,
        "allegation without parties",
        """
        A violation names no party that alleges it, or no party accused.
        """,
    ),
    _rule(
        "AC201",
        _E,
        "step not allowed",
        """
        A transition the subject's lifecycle does not allow from the state it was in. The
        message names the states that were allowed. The subject is taken to be in the new
        state afterwards, so one wrong step is reported once.
        """,
    ),
    _rule(
        "AC202",
        _E,
        "step out of a terminal state",
        """
        A transition after the subject reached a terminal state (a collapsed agreement, a
        lapsed commitment, a withdrawn participation), which nothing may follow.
        """,
    ),
    _rule(
        "AC203",
        _E,
        "history starts in the wrong state",
        """
        A subject's first transition is neither the lifecycle's initial state nor a state
        the initial state may step to (an agreement's history may begin at concluded).
        """,
    ),
    _rule(
        "AC204",
        _E,
        "unknown state",
        """
        A transition to a state the subject's lifecycle does not have, usually a typo; the
        message suggests close state names. The step after it is not checked.
        """,
    ),
    _rule(
        "AC301",
        _E,
        "transitions out of order",
        """
        A subject's transition is dated definitely before a transition listed ahead of it.
        The record's order is authoritative, so the dates contradict it.
        """,
    ),
    _rule(
        "AC302",
        _W,
        "order undecidable",
        """
        A subject's transition may have come before the one listed ahead of it: the fuzzy
        dates (a month, a year, an approximate day) allow either order.
        """,
    ),
    _rule(
        "AC303",
        _E,
        "commitment active before its agreement",
        """
        A commitment's first transition into active is dated definitely before its
        agreement was concluded or entered into effect (the earliest-dated such transition
        of the agreement). Later transitions into active come later in the record, and
        AC301 reports them if their dates do not.
        """,
    ),
    _rule(
        "AC304",
        _E,
        "participation before its agreement",
        """
        A party's first transition into consented or party is dated definitely before the
        agreement was concluded or entered into effect.
        """,
    ),
    _rule(
        "AC305",
        _E,
        "cause after its effect",
        """
        A transition cites an event or violation dated definitely after the transition.
        """,
    ),
    _rule(
        "AC306",
        _W,
        "cause possibly after its effect",
        """
        A transition cites an event or violation whose date does not tell whether it came
        first (causes on the same day as their effect are fine).
        """,
    ),
    _rule(
        "AC307",
        _E,
        "evidence outside the commitment's span",
        """
        A violation's evidence is dated definitely before the commitment became active, or
        definitely after it reached a terminal state or its agreement ended, so it cannot
        have breached the commitment. The commitment's history is read as the alleging
        parties see it (uncontested transitions plus theirs).
        """,
    ),
    _rule(
        "AC308",
        _E,
        "alleged before its evidence",
        """
        A violation is dated definitely before an event it cites as evidence.
        """,
    ),
    _rule(
        "AC401",
        _E,
        "withdrawal before notice ran",
        """
        A participation is withdrawn definitely before the agreement's withdrawal_notice
        period has run since the notice, even counting notice time run before a suspension
        of the notice.
        """,
    ),
    _rule(
        "AC402",
        _W,
        "withdrawal notice met only with suspended time",
        """
        A withdrawal meets the notice period only if notice time run before the notice was
        suspended counts: what remained of the first notice at the suspension is added to
        the resumed notice. Some parties count it, others do not (the DPRK's 2003 NPT
        withdrawal); the full period from the latest notice has not run.
        """,
    ),
    _rule(
        "AC403",
        _W,
        "withdrawal notice undecidable",
        """
        The dates of the notice and the withdrawal do not tell whether the notice period had
        run.
        """,
    ),
    _rule(
        "AC404",
        _W,
        "commitment in force past its agreement's term",
        """
        A commitment is still in force (active, suspended or violated) after its agreement's
        expires date, or its entry into effect plus its duration: it entered or left force
        definitely after the end, or never left it though the record reaches past the end.
        """,
    ),
    _rule(
        "AC501",
        _W,
        "agreement ended without cause",
        """
        An agreement collapsed or was terminated with no events or violations cited as
        causes.
        """,
    ),
    _rule(
        "AC502",
        _E,
        "violated without a violation",
        """
        A commitment moved to violated without citing, among its causes, a violation record
        about that commitment.
        """,
    ),
    _rule(
        "AC503",
        _I,
        "disputed status",
        """
        Two asserting parties' views give the subject different states at the same time. A
        dispute, not an error: one diagnostic per subject, from the first disputed moment,
        naming each party's state.
        """,
    ),
    _rule(
        "AC504",
        _W,
        "reciprocal commitments drift apart",
        f"""
        One commitment of an in_exchange_for pair left active (suspended, violated, lapsed,
        released, renounced) while its partner, active at the time, records no change for
        more than {DRIFT_GRACE_DAYS} days (and the record reaches that far). Uses the merged
        history of each commitment.
        """,
    ),
    _rule(
        "AC505",
        _I,
        "date disputed between sources",
        """
        An event or transition lists alternative_dates: the sources disagree on when it
        happened. The message names every date with its sources.
        """,
    ),
    _rule(
        "AC506",
        _W,
        "no source",
        """
        An agreement, event, violation or transition cites no source; a commitment with no
        source of its own is covered by its agreement's sources.
        """,
    ),
)

RULES: Mapping[str, Rule] = types.MappingProxyType({rule.code: rule for rule in _CATALOGUE})
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
    ctx = Context(record, lifecycles)
    ctx.findings.extend(reference_findings(record))
    check_histories(ctx)
    check_record(ctx)
    seen: set[tuple[str, str]] = set()
    diagnostics: list[tuple[tuple[int, ...], Diagnostic]] = []
    for finding in ctx.findings:
        key = (finding.code, finding.path)
        if key in seen:
            continue
        seen.add(key)
        rule = RULES[finding.code]
        diagnostic = Diagnostic(
            finding.code, rule.severity, finding.message, finding.subject, finding.path
        )
        diagnostics.append((_path_key(finding.path), diagnostic))
    diagnostics.sort(key=lambda pair: (pair[0], pair[1].code, pair[1].message))
    return Report(tuple(diagnostic for _, diagnostic in diagnostics))


# -- ordering by place in the record ---------------------------------------------

_CHILDREN: dict[type, dict[str, type]] = {
    Record: {
        "parties": Party,
        "sources": Source,
        "processes": Process,
        "agreements": Agreement,
        "events": Event,
        "violations": Violation,
        "transitions": Transition,
    },
    Agreement: {"commitments": Commitment},
    Event: {"alternative_dates": DateClaim},
    Transition: {"alternative_dates": DateClaim},
}
_FIELDS: dict[type, dict[str, int]] = {
    kind: {field.name: n for n, field in enumerate(attrs.fields(kind))}
    for kind in (
        *(Record, Party, Source, Process, Agreement, Commitment),
        *(Event, Violation, Transition, DateClaim),
    )
}
_SEGMENT = re.compile(r"\.([a-z_]+)|\[(\d+)\]")


def _path_key(path: str) -> tuple[int, ...]:
    """A sort key that puts JSON paths in the order their places have in the record."""
    key: list[int] = []
    kind: type | None = Record
    for name, index in _SEGMENT.findall(path):
        if name:
            fields = _FIELDS.get(kind, {}) if kind is not None else {}
            key.append(fields.get(name, len(fields)))
            kind = _CHILDREN.get(kind, {}).get(name) if kind is not None else None
        else:
            key.append(int(index))
    return tuple(key)
