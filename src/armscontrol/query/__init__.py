"""Status queries: what state a subject was in on a date, according to whom, and why.

Status is never stored. A subject's status on a date is the fold of its
transitions, in the order the record lists them, up to that date; its history
is those transitions with the state before and after each.

Perspectives:
    A transition with an empty ``asserted_by`` holds for everyone; one with
    ``asserted_by`` holds only according to those parties. Ask with
    ``according_to="USA"`` for one party's view (the uncontested transitions
    plus its own). Ask with no party and, where parties assert different
    things, the answer is a dispute that lists each party's view.

Fuzzy dates:
    A transition has happened by a date ``on`` *definitely* when its whole span
    ends by the end of ``on``, *definitely not* when its span begins after
    ``on`` ends, and *maybe* otherwise. Its span runs over its ``date`` and all
    its ``alternative_dates``. When some transitions may or may not have
    happened, the answer lists every state the subject may be in instead of
    guessing.

Queries do not check lifecycles (the validator does): on a record that builds,
they raise only :class:`~armscontrol.exceptions.UnknownSubjectError` for an id
the record does not hold and :class:`~armscontrol.exceptions.DateError` for a
date that does not parse.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType

import attrs

from armscontrol._histories import (
    Entry,
    Index,
    Outcome,
    Perspective,
    asserted_previous,
    fold,
    holds,
    index_of,
    merge,
    sequential_previous,
)
from armscontrol.dates import DateLike, HistoricalDate, as_date
from armscontrol.exceptions import UnknownSubjectError
from armscontrol.model import (
    AgreementState,
    DateClaim,
    Record,
    SubjectKind,
    Transition,
    Violation,
    participation_id,
)

__all__ = [
    "Allegation",
    "Change",
    "History",
    "Status",
    "Step",
    "changes",
    "history",
    "in_effect",
    "status",
    "subjects",
    "violations",
]

_NO_STATUS = "no recorded status"
_NO_VIEWS: Mapping[str, frozenset[str]] = MappingProxyType({})
_MAX_LISTED = 4


# -- answers --------------------------------------------------------------------


@attrs.frozen
class Step:
    """One step of a subject's history: a transition and the states either side of it.

    Attributes:
        index: The transition's position in :attr:`Record.transitions`.
        transition: The transition itself.
        previous: The state before it in the history's perspective; ``None`` for
            the first step. In a history with no party named, the state before
            it according to everyone who asserts it.
        state: The state it enters (``transition.to``).
    """

    index: int
    transition: Transition
    previous: str | None
    state: str

    @property
    def subject(self) -> str:
        """The id of the subject whose status changed."""
        return self.transition.subject

    @property
    def date(self) -> HistoricalDate:
        """When, as the main source gives it."""
        return self.transition.date

    @property
    def alternative_dates(self) -> tuple[DateClaim, ...]:
        """Other dates other sources give."""
        return self.transition.alternative_dates

    @property
    def causes(self) -> tuple[str, ...]:
        """Ids of the events and violations that brought it about."""
        return self.transition.causes

    @property
    def sources(self) -> tuple[str, ...]:
        """Ids of the sources for it."""
        return self.transition.sources

    @property
    def asserted_by(self) -> tuple[str, ...]:
        """Ids of the parties that say so; empty when uncontested."""
        return self.transition.asserted_by

    @property
    def note(self) -> str | None:
        """Anything a reader should know."""
        return self.transition.note

    def __str__(self) -> str:
        origin = self.previous if self.previous is not None else "(start)"
        return f"{self.date}  {origin} → {self.state}"


@attrs.frozen
class History:
    """A subject's history: its steps in record order, in one perspective.

    Iterate over it for the :class:`Step` objects; ``len()`` counts them.

    Attributes:
        subject: The subject's id.
        kind: Agreement, commitment, participation or violation.
        according_to: The party whose view this is; ``None`` for every
            transition, whoever asserts it.
        steps: The steps, in record order.
    """

    subject: str
    kind: SubjectKind
    according_to: str | None
    steps: tuple[Step, ...]

    def __iter__(self) -> Iterator[Step]:
        return iter(self.steps)

    def __len__(self) -> int:
        return len(self.steps)

    def __getitem__(self, position: int) -> Step:
        return self.steps[position]

    @property
    def states(self) -> tuple[str, ...]:
        """The state each step enters, in order."""
        return tuple(step.state for step in self.steps)

    def text(self) -> str:
        """The history for people: a heading, then one line per step.

        Each line gives the date, the state entered, and in parentheses who
        asserts it, its causes, its sources and any other dates sources give;
        a note follows on its own line.
        """
        view = f" according to {self.according_to}" if self.according_to else ""
        lines = [f"{self.subject} ({self.kind}){view}"]
        if not self.steps:
            lines.append("  no recorded transitions")
            return "\n".join(lines)
        date_width = max(len(step.date.text) for step in self.steps)
        state_width = max(len(step.state) for step in self.steps)
        for step in self.steps:
            details = _details(step)
            line = f"  {step.date.text:<{date_width}}  {step.state:<{state_width}}"
            lines.append(f"{line}  ({details})" if details else line.rstrip())
            if step.note:
                lines.append(f"  {'':<{date_width}}  {step.note}")
        return "\n".join(lines)


@attrs.frozen
class Status:
    """A subject's status on a date, with how sure the record is of it.

    Attributes:
        subject: The subject's id.
        kind: Agreement, commitment, participation or violation.
        on: The date asked about.
        according_to: The party whose view this is; ``None`` for the answer
            that weighs every party's view.
        state: The one state the subject is in, when the dates settle it and
            no party disputes it; otherwise ``None``.
        possible: Every state the subject may be in. Empty when it has no
            recorded status yet.
        unrecorded: Whether the subject may have no recorded status yet
            (always so when ``possible`` is empty).
        ambiguous: Whether fuzzy or disputed dates leave more than one
            possibility, in some party's view.
        undetermined: The steps that may or may not have happened by ``on``,
            in record order; the cause of any ambiguity.
        views: When no party is named and parties assert transitions of the
            subject: each party's possible states, first for every party that
            asserts one (in id order), then for every other party of the
            subject's agreement (of a violation: every party alleging or
            accused). Empty otherwise.
        uncontested: The states the uncontested transitions alone allow: the
            view of anyone who asserts nothing.
        disputed: Whether the parties' views (or the uncontested one) differ.
        since: The date of the step that put the subject in ``state``.
        step: The step that put the subject in ``state``.
    """

    subject: str
    kind: SubjectKind
    on: HistoricalDate
    according_to: str | None
    state: str | None
    possible: frozenset[str]
    unrecorded: bool
    ambiguous: bool
    undetermined: tuple[Step, ...]
    views: Mapping[str, frozenset[str]] = attrs.field(hash=False)
    uncontested: frozenset[str]
    disputed: bool
    since: HistoricalDate | None
    step: Step | None

    def __str__(self) -> str:
        view = f" according to {self.according_to}" if self.according_to else ""
        head = f"{self.subject} on {self.on}{view}: "
        if self.disputed:
            notes = ["disputed"]
            if self.ambiguous:
                notes.append(self._undetermined_text())
            return f"{head}{self._views_text()} ({'; '.join(notes)})"
        if self.state is not None:
            since = f" (since {self.since})" if self.since is not None else ""
            return f"{head}{self.state}{since}"
        text = self._states_text(self.possible, unrecorded=self.unrecorded)
        if self.ambiguous:
            return f"{head}{text} ({self._undetermined_text()})"
        return f"{head}{text}"

    def _states_text(self, states: frozenset[str], *, unrecorded: bool) -> str:
        # Latest possibility first: the state entered by the latest undetermined step.
        rank = {step.state: step.index for step in self.undetermined}
        ordered = sorted(states, key=lambda state: (-rank.get(state, -1), state))
        if unrecorded or not ordered:
            ordered.append(_NO_STATUS)
        return " or ".join(ordered)

    def _views_text(self) -> str:
        groups: dict[frozenset[str], list[str]] = {}
        for party, states in self.views.items():
            groups.setdefault(states, []).append(party)
        parts = [
            f"{self._states_text(states, unrecorded=not states)} according to {_names(parties)}"
            for states, parties in groups.items()
        ]
        if self.uncontested not in groups:
            text = self._states_text(self.uncontested, unrecorded=not self.uncontested)
            parts.append(f"{text} on the uncontested record")
        return "; ".join(parts)

    def _undetermined_text(self) -> str:
        dates = " or ".join(
            dict.fromkeys(
                claim.text for step in self.undetermined for claim in _claimed_dates(step)
            )
        )
        return f"dates undetermined: {dates} vs {self.on}"


@attrs.frozen
class Allegation:
    """A violation and, when a date was given, its status on that date.

    Attributes:
        violation: The alleged violation.
        status: Its status on the date asked about; ``None`` when no date was given.
    """

    violation: Violation
    status: Status | None

    @property
    def id(self) -> str:
        """The violation's id."""
        return self.violation.id


@attrs.frozen
class Change:
    """A step that happened, or may have happened, within a period.

    Attributes:
        step: The step, with the state before and after it.
        certain: Whether it definitely happened within the period (rather than
            possibly, its dates overlapping the period's edge).
    """

    step: Step
    certain: bool

    @property
    def subject(self) -> str:
        """The id of the subject whose status changed."""
        return self.step.subject

    @property
    def date(self) -> HistoricalDate:
        """When, as the main source gives it."""
        return self.step.date

    def __str__(self) -> str:
        maybe = "" if self.certain else "  (possibly)"
        return f"{self.subject}: {self.step}{maybe}"


# -- queries --------------------------------------------------------------------


def status(
    record: Record, subject: str, on: DateLike, *, according_to: str | None = None
) -> Status:
    """The status of a subject on a date, derived from its history.

    Args:
        record: The record to ask.
        subject: An agreement, commitment or violation id, or ``AGREEMENT/PARTY``
            for a party's participation.
        on: The date; a transition counts once it has happened by the end of it.
        according_to: A party id, for that party's view; ``None`` to weigh
            every party's view and report any dispute.

    Raises:
        UnknownSubjectError: ``subject`` names nothing with a status, or
            ``according_to`` names no party; the error suggests close matches.
        DateError: ``on`` is not a date.
    """
    kind = record.subject_kind(subject)
    when = as_date(on)
    index = index_of(record)
    if according_to is not None:
        index.check_party(according_to)
    return _status(index, subject, kind, when, according_to)


def history(record: Record, subject: str, *, according_to: str | None = None) -> History:
    """A subject's history: each step with its state before and after, date, causes, sources.

    Args:
        record: The record to ask.
        subject: An agreement, commitment or violation id, or ``AGREEMENT/PARTY``.
        according_to: A party id, for the uncontested steps plus that party's
            own; ``None`` for every step, whoever asserts it.

    Raises:
        UnknownSubjectError: ``subject`` names nothing with a status, or
            ``according_to`` names no party.
    """
    kind = record.subject_kind(subject)
    index = index_of(record)
    if according_to is not None:
        index.check_party(according_to)
    seen = _perspective(index, subject, according_to)
    return History(subject, kind, according_to, tuple(_step(seen, entry) for entry in seen.entries))


def in_effect(
    record: Record, on: DateLike, *, according_to: str | None = None
) -> tuple[Status, ...]:
    """The agreements that are, or may be, in effect on a date, in record order.

    An agreement whose status is exactly ``in_effect`` has ``state ==
    "in_effect"``; one that only may be (fuzzy dates, or a dispute) has
    ``state`` ``None`` and ``"in_effect"`` among its ``possible`` states.

    Raises:
        UnknownSubjectError: ``according_to`` names no party.
        DateError: ``on`` is not a date.
    """
    when = as_date(on)
    return tuple(
        answer
        for subject in subjects(record, SubjectKind.AGREEMENT)
        if AgreementState.IN_EFFECT
        in (answer := status(record, subject, when, according_to=according_to)).possible
    )


def violations(
    record: Record,
    *,
    by: str | None = None,
    against: str | None = None,
    on: DateLike | None = None,
) -> tuple[Allegation, ...]:
    """Violations alleged by a party, against a party, or both, in record order.

    Args:
        record: The record to ask.
        by: Only violations this party alleges.
        against: Only violations of which this party is accused.
        on: Only violations alleged by this date (not definitely later), each
            with its status on it.

    Raises:
        UnknownSubjectError: ``by`` or ``against`` names no party.
        DateError: ``on`` is not a date.
    """
    index = index_of(record)
    for party in (by, against):
        if party is not None:
            index.check_party(party)
    when = None if on is None else as_date(on)
    found = []
    seen: set[str] = set()
    for violation in record.violations:
        if violation.id in seen:
            continue
        seen.add(violation.id)
        if by is not None and by not in violation.alleged_by:
            continue
        if against is not None and against not in violation.accused:
            continue
        if when is None:
            found.append(Allegation(violation, None))
        elif violation.date.lower < when.upper:
            answer = _status(index, violation.id, SubjectKind.VIOLATION, when, None)
            found.append(Allegation(violation, answer))
    return tuple(found)


def changes(
    record: Record, start: DateLike, end: DateLike, *, according_to: str | None = None
) -> tuple[Change, ...]:
    """Every step that happened, or may have happened, from ``start`` to ``end``.

    The period runs from the first instant of ``start`` to the last of
    ``end``. A step whose dates lie wholly inside it is certain; one whose
    dates overlap its edge is possible. Steps come by date, and each
    subject's steps keep their record order.

    Raises:
        UnknownSubjectError: ``according_to`` names no party.
        DateError: ``start`` or ``end`` is not a date.
    """
    lower, upper = as_date(start).lower, as_date(end).upper
    index = index_of(record)
    if according_to is not None:
        index.check_party(according_to)
    runs: list[list[tuple[Entry, Step]]] = []
    for subject in index.subjects():
        seen = _perspective(index, subject, according_to)
        run = [
            (entry, _step(seen, entry))
            for entry in seen.entries
            if entry.lower < upper and lower < entry.upper
        ]
        if run:
            runs.append(run)
    merged = heapq.merge(*runs, key=lambda pair: (pair[0].lower, pair[0].upper, pair[1].index))
    return tuple(
        Change(step, lower <= entry.lower and entry.upper <= upper) for entry, step in merged
    )


def subjects(record: Record, kind: SubjectKind | None = None) -> tuple[str, ...]:
    """The ids of every subject in the record, or of one kind, in record order.

    Each agreement comes with its commitments and its parties' participations
    after it; violations come last.
    """
    found: dict[str, None] = {}
    for agreement in record.agreements:
        if kind in (None, SubjectKind.AGREEMENT):
            found.setdefault(agreement.id)
        if kind in (None, SubjectKind.COMMITMENT):
            found.update(dict.fromkeys(c.id for c in agreement.commitments))
        if kind in (None, SubjectKind.PARTICIPATION):
            found.update(
                dict.fromkeys(participation_id(agreement.id, p) for p in agreement.parties)
            )
    if kind in (None, SubjectKind.VIOLATION):
        found.update(dict.fromkeys(v.id for v in record.violations))
    # An id used twice names the first thing that has it (the validator reports the rest).
    kinds = {sid: _kind(record, sid) for sid in found}
    return tuple(sid for sid, its in kinds.items() if its is not None and kind in (None, its))


# -- helpers ------------------------------------------------------------------


def _status(
    index: Index, subject: str, kind: SubjectKind, on: HistoricalDate, according_to: str | None
) -> Status:
    seen = _perspective(index, subject, according_to)
    outcome = fold(seen.entries, on.upper)
    if according_to is not None:
        return _answer(kind, on, according_to, (outcome, fold(seen.neutral, on.upper), {}), seen)
    if not seen.views:
        return _answer(kind, on, None, (outcome, outcome, {}), seen)
    neutral = fold(seen.neutral, on.upper)
    views = {party: fold(entries, on.upper) for party, entries in seen.views.items()}
    for party in index.involved(subject):
        views.setdefault(party, neutral)
    return _answer(kind, on, None, (merge([*views.values(), neutral]), neutral, views), seen)


def _answer(
    kind: SubjectKind,
    on: HistoricalDate,
    according_to: str | None,
    outcomes: tuple[Outcome, Outcome, Mapping[str, Outcome]],
    seen: Perspective,
) -> Status:
    outcome, neutral, views = outcomes
    if views:
        disputed = len({view.possible for view in views.values()} | {neutral.possible}) > 1
        ambiguous = neutral.ambiguous or any(view.ambiguous for view in views.values())
        definite = neutral.definite
    else:
        disputed, ambiguous, definite = False, outcome.ambiguous, outcome.definite
    step = None
    if not disputed and not ambiguous and definite is not None:
        step = _step(seen, definite)
    return Status(
        subject=seen.subject,
        kind=kind,
        on=on,
        according_to=according_to,
        state=None if step is None else step.state,
        possible=outcome.possible,
        unrecorded=outcome.unrecorded,
        ambiguous=ambiguous,
        undetermined=tuple(_step(seen, entry) for entry in outcome.undetermined),
        views=MappingProxyType({party: view.possible for party, view in views.items()})
        if views
        else _NO_VIEWS,
        uncontested=neutral.possible,
        disputed=disputed,
        since=None if step is None else step.date,
        step=step,
    )


def _perspective(index: Index, subject: str, party: str | None) -> Perspective:
    """A subject's transitions that hold for a party (all, for ``None``), ready to fold."""
    key = (subject, party)
    seen = index.perspectives.get(key)
    if seen is None:
        seen = index.perspectives[key] = _perspective_of(subject, index.entries(subject), party)
    return seen


def _perspective_of(subject: str, entries: tuple[Entry, ...], party: str | None) -> Perspective:
    asserters = sorted({p for entry in entries for p in entry.transition.asserted_by})
    if not asserters:
        # Uncontested: every view is the whole history, each step after the one before.
        previous = dict(enumerate(sequential_previous(entries)))
        return Perspective(subject, entries, previous, entries, {})
    if party is None:
        before = asserted_previous(entries)
    else:
        entries = tuple(entry for entry in entries if holds(entry, party))
        before = sequential_previous(entries)
        asserters = []
    return Perspective(
        subject=subject,
        entries=entries,
        previous={entry.position: state for entry, state in zip(entries, before, strict=True)},
        neutral=tuple(entry for entry in entries if holds(entry, None)),
        views={p: tuple(entry for entry in entries if holds(entry, p)) for p in asserters},
    )


def _step(seen: Perspective, entry: Entry) -> Step:
    """The step an entry makes in a perspective that holds it."""
    return Step(entry.number, entry.transition, seen.previous[entry.position], entry.transition.to)


def _kind(record: Record, subject: str) -> SubjectKind | None:
    try:
        return record.subject_kind(subject)
    except UnknownSubjectError:
        return None


def _claimed_dates(step: Step) -> Iterator[HistoricalDate]:
    yield step.date
    for claim in step.alternative_dates:
        yield claim.date


def _details(step: Step) -> str:
    parts = []
    if step.asserted_by:
        parts.append(f"according to {', '.join(step.asserted_by)}")
    if step.alternative_dates:
        parts.append(f"also dated {', '.join(c.date.text for c in step.alternative_dates)}")
    if step.causes:
        parts.append(f"causes: {', '.join(step.causes)}")
    if step.sources:
        parts.append(f"sources: {', '.join(step.sources)}")
    return "; ".join(parts)


def _names(parties: Sequence[str]) -> str:
    if len(parties) <= _MAX_LISTED:
        return ", ".join(parties)
    shown = ", ".join(parties[: _MAX_LISTED - 1])
    return f"{shown} and {len(parties) - _MAX_LISTED + 1} others"
