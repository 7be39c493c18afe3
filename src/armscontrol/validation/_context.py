"""What the validator's rules share: the record's indexes, built once per validation.

Every index keeps the first object of an id (a later duplicate is reported as
AC101 and otherwise ignored), so the rules never raise on duplicates or dangling
references: a reference that resolves to nothing is simply skipped here, since
:mod:`armscontrol.index._references` has already reported it.
"""

from __future__ import annotations

import re
from itertools import compress, groupby
from operator import attrgetter

import attrs

from armscontrol.dates import HistoricalDate, Period
from armscontrol.lifecycle import Lifecycle, Lifecycles, lifecycle_for
from armscontrol.model import (
    Agreement,
    Commitment,
    DateClaim,
    Event,
    Party,
    Process,
    Record,
    Source,
    SubjectKind,
    Transition,
    Violation,
)

DAY = 86_400
FAR = 2**62
"""Later than any date: where a period would run past the last representable year."""


def shifted(date: HistoricalDate, period: Period) -> HistoricalDate | None:
    """``date.shift(period)``, or ``None`` when that passes the last representable year."""
    try:
        return date.shift(period)
    except (ValueError, OverflowError):  # the calendar's own error past year 9999
        return None


# -- places in the record ------------------------------------------------------------

Key = tuple[int, ...]
"""A sort key that puts places in the order they have in the record (see :func:`path_key`)."""
Place = tuple[str, Key]
"""Where a finding is: its JSON path into the canonical format, and that path's :data:`Key`."""
Finding = tuple[str, str, "str | None", str, Key]
"""One finding of a rule: ``(code, path, subject, message, key)``."""

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


def path_key(path: str) -> Key:
    """The key of a JSON path: per segment, a field's place in its class, or an index.

    The rules build keys with their paths (:func:`place`, :func:`commitment_place`);
    this parses a path that comes without one (the reference checks').
    """
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


_SECTIONS = {
    section: (_FIELDS[Record][section], _FIELDS[kind])
    for section, kind in _CHILDREN[Record].items()
}
_COMMITMENTS = _FIELDS[Record]["agreements"], _FIELDS[Agreement]["commitments"]
_COMMITMENT_FIELDS = _FIELDS[Commitment]


def place(section: str, i: int, field: str | None = None, k: int | None = None) -> Place:
    """Item ``i`` of a section of the record, or its ``field``, or item ``k`` of that field.

    ``place("transitions", 5, "causes", 1)`` is ``$.transitions[5].causes[1]``.
    """
    at, fields = _SECTIONS[section]
    if field is None:
        return f"$.{section}[{i}]", (at, i)
    if k is None:
        return f"$.{section}[{i}].{field}", (at, i, fields[field])
    return f"$.{section}[{i}].{field}[{k}]", (at, i, fields[field], k)


def commitment_place(i: int, j: int, field: str, k: int | None = None) -> Place:
    """A field of commitment ``j`` of agreement ``i``, or item ``k`` of that field."""
    agreements, commitments = _COMMITMENTS
    head = f"$.agreements[{i}].commitments[{j}].{field}"
    key = (agreements, i, commitments, j, _COMMITMENT_FIELDS[field])
    return (head, key) if k is None else (f"{head}[{k}]", (*key, k))


# -- the context ---------------------------------------------------------------------


class Machine:
    """A lifecycle flattened into dict lookups for the hot loop."""

    __slots__ = ("after", "initial", "lifecycle", "name", "next", "start", "states", "terminal")

    def __init__(self, lifecycle: Lifecycle) -> None:
        self.lifecycle = lifecycle
        self.name = lifecycle.name
        self.states = lifecycle.states
        self.initial = lifecycle.initial
        self.terminal = lifecycle.terminal
        self.start = lifecycle.successors(None)
        self.next = {state: lifecycle.successors(state) for state in lifecycle.states}
        self.after: dict[str | None, frozenset[str]] = {None: self.start}
        self.after.update(self.next)
        """Successors by state, ``None`` (no state yet) included: one lookup per step."""


class Context:
    """The record, its lookups by id, its transitions by column, and the findings so far."""

    def __init__(self, record: Record, lifecycles: Lifecycles | None) -> None:
        self.record = record
        self.findings: list[Finding] = []
        self.machines = {kind: Machine(lifecycle_for(kind, lifecycles)) for kind in SubjectKind}
        self.commitments: dict[str, tuple[int, int, Commitment, Agreement]] = {}
        self.participations: dict[str, Agreement] = {}
        self.violations: dict[str, tuple[int, Violation]] = {}
        self.event_dates: dict[str, HistoricalDate] = {}
        self.kinds: dict[str, SubjectKind] = {}
        self._index(record)

    def _index(self, record: Record) -> None:
        kinds, commitments, participations = self.kinds, self.commitments, self.participations
        agreement_kind = SubjectKind.AGREEMENT
        commitment_kind = SubjectKind.COMMITMENT
        participation_kind = SubjectKind.PARTICIPATION
        for i, agreement in enumerate(record.agreements):
            kinds.setdefault(agreement.id, agreement_kind)
            for j, commitment in enumerate(agreement.commitments):
                commitments.setdefault(commitment.id, (i, j, commitment, agreement))
                kinds.setdefault(commitment.id, commitment_kind)
            for party in agreement.parties:
                pid = f"{agreement.id}/{party}"
                participations.setdefault(pid, agreement)
                kinds.setdefault(pid, participation_kind)
        for i, violation in enumerate(record.violations):
            self.violations.setdefault(violation.id, (i, violation))
            kinds.setdefault(violation.id, SubjectKind.VIOLATION)
        for event in record.events:
            self.event_dates.setdefault(event.id, event.date)
        # Columns of the transitions, read in C (map over attrgetter), so that the
        # rules index lists instead of reading attributes.
        transitions = record.transitions
        count = len(transitions)
        self.subjects: list[str] = list(map(_SUBJECT, transitions))
        self.tos: list[str] = list(map(_TO, transitions))
        dates = list(map(_DATE, transitions))
        self.lowers: list[int] = list(map(_LOWER, dates))
        self.uppers: list[int] = list(map(_UPPER, dates))
        self.asserted = set(compress(self.subjects, map(_ASSERTED_BY, transitions)))
        """The subjects with at least one transition asserted by some parties only."""
        # Group by subject, a run of consecutive transitions of one subject at a time.
        groups: dict[str, list[int]] = {}
        get = groups.get
        for subject, run in groupby(range(count), self.subjects.__getitem__):
            group = get(subject)
            if group is None:
                groups[subject] = list(run)
            else:
                group.extend(run)
        self.by_subject = groups
        """Each subject's transitions, by index, in record order."""

    def emit(self, code: str, where: Place, subject: str | None, message: str) -> None:
        """Record one finding."""
        self.findings.append((code, where[0], subject, message, where[1]))

    def cause_date(self, cause: str) -> HistoricalDate | None:
        """The date of an event or violation cited as a cause, if the record holds it."""
        date = self.event_dates.get(cause)
        if date is not None:
            return date
        found = self.violations.get(cause)
        return None if found is None else found[1].date

    def firsts_into(self, states: frozenset[str]) -> dict[str, int]:
        """For each subject, the index of its first transition (record order) into ``states``."""
        subjects = self.subjects
        found = list(compress(range(len(subjects)), map(states.__contains__, self.tos)))
        return {subjects[i]: i for i in reversed(found)}

    def first_into(self, subject: str, states: frozenset[str]) -> int | None:
        """The index of the first transition of a subject (record order) into ``states``."""
        tos = self.tos
        for i in self.by_subject.get(subject, ()):
            if tos[i] in states:
                return i
        return None


_SUBJECT = attrgetter("subject")
_TO = attrgetter("to")
_DATE = attrgetter("date")
_LOWER = attrgetter("lower")
_UPPER = attrgetter("upper")
_ASSERTED_BY = attrgetter("asserted_by")


def quote_states(states: frozenset[str] | set[str]) -> str:
    """States for a message: sorted, comma-separated; "nothing" when there are none."""
    return ", ".join(sorted(states)) or "nothing (terminal state)"


def perspectives(
    indexes: list[int], transitions: tuple[Transition, ...]
) -> list[tuple[str | None, list[int]]]:
    """A subject's histories: uncontested alone, then each asserting party's view.

    The view of party P is the uncontested transitions plus those P asserts, in
    record order. A history with no asserted transition has one view, ``None``.
    """
    parties: set[str] = set()
    for i in indexes:
        parties.update(transitions[i].asserted_by)
    if not parties:
        return [(None, indexes)]
    neutral = [i for i in indexes if not transitions[i].asserted_by]
    common = set(neutral)
    views: list[tuple[str | None, list[int]]] = [(None, neutral)]
    views.extend(
        (party, [i for i in indexes if party in transitions[i].asserted_by or i in common])
        for party in sorted(parties)
    )
    return views


def according(party: str | None) -> str:
    """The perspective phrase for a message: "" or " (according to PRK)"."""
    return "" if party is None else f" (according to {party})"
