"""What the validator's rules share: the record's indexes, built once per validation.

Every index keeps the first object of an id (a later duplicate is reported as
AC101 and otherwise ignored), so the rules never raise on duplicates or dangling
references: a reference that resolves to nothing is simply skipped here, since
:mod:`armscontrol._references` has already reported it.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress, groupby
from operator import attrgetter, not_

from armscontrol._references import Finding
from armscontrol.dates import HistoricalDate, Period
from armscontrol.lifecycle import Lifecycle, Lifecycles, lifecycle_for
from armscontrol.model import (
    Agreement,
    Commitment,
    Record,
    SubjectKind,
    Transition,
    Violation,
)

Emit = Callable[[str, str, "str | None", str], None]
"""Reports one finding: ``emit(code, path, subject, message)``."""

DAY = 86_400
FAR = 2**62
"""Later than any date: where a period would run past the last representable year."""


def shifted(date: HistoricalDate, period: Period) -> HistoricalDate | None:
    """``date.shift(period)``, or ``None`` when that passes the last representable year."""
    try:
        return date.shift(period)
    except (ValueError, OverflowError):  # the calendar's own error past year 9999
        return None


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
    """The record, its lookups by id, and the findings collected so far."""

    def __init__(self, record: Record, lifecycles: Lifecycles | None) -> None:
        self.record = record
        self.findings: list[Finding] = []
        self.machines = {kind: Machine(lifecycle_for(kind, lifecycles)) for kind in SubjectKind}
        self.agreements: dict[str, tuple[int, Agreement]] = {}
        self.commitments: dict[str, tuple[int, int, Commitment, Agreement]] = {}
        self.participations: dict[str, Agreement] = {}
        self.violations: dict[str, tuple[int, Violation]] = {}
        self.event_dates: dict[str, HistoricalDate] = {}
        self.kinds: dict[str, SubjectKind] = {}
        self.by_subject: dict[str, list[int]] = {}
        self.asserted: set[str] = set()
        self._index(record)

    def _index(self, record: Record) -> None:
        kinds = self.kinds
        for i, agreement in enumerate(record.agreements):
            self.agreements.setdefault(agreement.id, (i, agreement))
            kinds.setdefault(agreement.id, SubjectKind.AGREEMENT)
            for j, commitment in enumerate(agreement.commitments):
                self.commitments.setdefault(commitment.id, (i, j, commitment, agreement))
                kinds.setdefault(commitment.id, SubjectKind.COMMITMENT)
            for party in agreement.parties:
                pid = f"{agreement.id}/{party}"
                self.participations.setdefault(pid, agreement)
                kinds.setdefault(pid, SubjectKind.PARTICIPATION)
        for i, violation in enumerate(record.violations):
            self.violations.setdefault(violation.id, (i, violation))
            kinds.setdefault(violation.id, SubjectKind.VIOLATION)
        for event in record.events:
            self.event_dates.setdefault(event.id, event.date)
        # Columns of the transitions, read in C (map over attrgetter), so that the
        # history walk indexes lists instead of reading attributes.
        transitions = record.transitions
        count = len(transitions)
        subjects = list(map(attrgetter("subject"), transitions))
        self.tos: list[str] = list(map(attrgetter("to"), transitions))
        self.lowers: list[int] = list(map(attrgetter("date.lower"), transitions))
        self.uppers: list[int] = list(map(attrgetter("date.upper"), transitions))
        needs = set(compress(range(count), map(attrgetter("causes"), transitions)))
        needs.update(compress(range(count), map(not_, map(attrgetter("sources"), transitions))))
        needs.update(compress(range(count), map(attrgetter("alternative_dates"), transitions)))
        self.needs: set[int] = needs
        """Transitions with causes, alternative dates or no sources: each needs a closer look."""
        asserted = compress(subjects, map(attrgetter("asserted_by"), transitions))
        self.asserted = set(asserted)
        # Group by subject, a run of consecutive transitions of one subject at a time.
        groups: dict[str, list[int]] = {}
        get = groups.get
        for subject, run in groupby(range(count), subjects.__getitem__):
            group = get(subject)
            if group is None:
                groups[subject] = list(run)
            else:
                group.extend(run)
        self.by_subject = groups

    def emit(self, code: str, path: str, subject: str | None, message: str) -> None:
        """Record one finding."""
        self.findings.append(Finding(code, path, subject, message))

    def cause_date(self, cause: str) -> HistoricalDate | None:
        """The date of an event or violation cited as a cause, if the record holds it."""
        date = self.event_dates.get(cause)
        if date is not None:
            return date
        found = self.violations.get(cause)
        return None if found is None else found[1].date

    def transitions_of(self, subject: str) -> list[tuple[int, Transition]]:
        """A subject's transitions with their indexes, in record order."""
        transitions = self.record.transitions
        return [(i, transitions[i]) for i in self.by_subject.get(subject, ())]

    def first_into(self, subject: str, states: frozenset[str]) -> tuple[int, Transition] | None:
        """The first transition of a subject (record order) into one of ``states``."""
        transitions = self.record.transitions
        for i in self.by_subject.get(subject, ()):
            if transitions[i].to in states:
                return i, transitions[i]
        return None


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
