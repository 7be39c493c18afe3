"""The answers of the queries: steps, histories, statuses, allegations, changes, datings."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from types import MappingProxyType
from typing import Literal, TypeAlias

import attrs

from armscontrol.dates import HistoricalDate
from armscontrol.model import (
    DateClaim,
    Event,
    SubjectKind,
    Transition,
    Violation,
)

_NO_STATUS = "no recorded status"
NO_VIEWS: Mapping[str, frozenset[str]] = MappingProxyType({})
"""The views of a status that no party disputes."""
_MAX_LISTED = 4

At: TypeAlias = Literal["start", "end"]
"""Which instant of a query's date to answer for: its first or its last."""

_DAY = 86_400


def is_period(on: HistoricalDate, at: At | None) -> bool:
    """Whether a question about ``on`` is about a period, answered for all of it.

    A day or less is a point, answered at its end; so is any date asked about
    at its start or its end. A longer date asked about as a whole is a period.
    """
    return at is None and on.upper - on.lower > _DAY


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
            subject: the possible states in the view of each party that
            asserts one, in id order. A party that asserts nothing has no view
            here. Empty otherwise.
        uncontested: The states the uncontested transitions alone allow.
        disputed: Whether the readings weighed differ: the asserting parties'
            views, and the uncontested record while some party of the subject
            asserts nothing (:func:`armscontrol.index.readings`; the
            validator's AC503 comes from the same readings).
        since: The date of the step that put the subject in ``state`` (of a
            derived state: the date it began).
        step: The step that put the subject in ``state``; ``None`` for a
            derived state (see ``derived``).
        silent: The parties the answer is about that assert none of the
            subject's transitions: with ``according_to``, that party, whose
            answer is then the uncontested record; with no party named and a
            contested subject, the parties of its agreement (of a violation:
            alleging or accused; of a participation, the agreement's other
            parties) that assert nothing. Empty otherwise.
        uncontested_weighed: Whether the uncontested record is one of the
            readings a disputed answer weighs, beside the parties' views: it is,
            unless every party with a stake in the subject asserts a view.
        at: ``"start"`` or ``"end"`` when the answer is for that instant of
            ``on``; ``None`` when it is for all of ``on`` (a day or less: its
            end; anything longer: the whole period).
        within: For a period: the steps that definitely happened within it,
            so that the status changed during it (``state`` is then ``None``
            and ``possible`` holds every state of the period).
        beyond: When the time asked about runs past the record's ``as_of``
            (:attr:`armscontrol.model.Record.as_of`): that date. The answer is
            what the record holds, which may have changed since. ``None``
            otherwise.
        derived: Set when the answer goes beyond the subject's own history:
            its agreement has ended, its term has run out, one of two parties
            has left, its obligors have left, or a continuing state holds its
            place. Says on what the answer rests, with the dates.
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
    silent: tuple[str, ...] = ()
    uncontested_weighed: bool = False
    at: At | None = None
    within: tuple[Step, ...] = ()
    beyond: HistoricalDate | None = None
    derived: Derivation | None = None

    def __str__(self) -> str:
        text = self._text()
        if self.beyond is not None:
            text += f" [beyond the record, which runs to {self.beyond}]"
        return text

    def _text(self) -> str:
        view = ""
        if self.according_to is not None and self.according_to in self.silent:
            view = (
                f" on the uncontested record ({self.according_to} asserts nothing about "
                f"{self.subject})"
            )
        elif self.according_to:
            view = f" according to {self.according_to}"
        when = f"on {self.on}" if self.at is None else f"at the {self.at} of {self.on}"
        head = f"{self.subject} {when}{view}: "
        notes: list[str] = []
        if self.disputed:
            notes.append("disputed")
        if self.within:
            notes.append(self._within_text())
        if self.ambiguous:
            notes.append(self._undetermined_text())
        if self.derived is not None:
            notes.append(f"derived: {self.derived.reason}")
        if self.disputed:
            return f"{head}{self._views_text()} ({'; '.join(notes)})"
        if self.state is not None:
            settled = [f"since {self.since}"] if self.since is not None else []
            if self.derived is not None:
                settled.append(f"derived: {self.derived.reason}")
            return f"{head}{self.state}" + (f" ({'; '.join(settled)})" if settled else "")
        text = self._states_text(self.possible, unrecorded=self.unrecorded)
        return f"{head}{text} ({'; '.join(notes)})" if notes else f"{head}{text}"

    def _within_text(self) -> str:
        steps = ", ".join(f"{step.state} on {step.date}" for step in self.within)
        return f"changed within {self.on}: {steps}"

    def _states_text(self, states: frozenset[str], *, unrecorded: bool) -> str:
        # Latest possibility first: the state entered by the latest step.
        rank = {step.state: step.index for step in (*self.within, *self.undetermined)}
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
        if self.uncontested_weighed and self.uncontested not in groups:
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
class Derivation:
    """How an answer goes beyond the subject's own history, and what it rests on.

    A query never answers ``party`` or ``active`` under an agreement that has
    ended: the end reaches the agreement's participations and commitments even
    when the record does not say so, and the answer says why.

    Attributes:
        basis: What the answer is derived from: ``"agreement"`` (the agreement
            ended), ``"terms"`` (the agreement's end date passed with nothing
            recorded), ``"withdrawal"`` (one of the two parties of a bilateral
            agreement left), ``"obligors"`` (a commitment's obligors left the
            agreement) or ``"succession"`` (a continuing state holds the place).
        reason: What happened, in words, with the dates: ``"ended with its
            agreement inf, terminated on 2019-08-02"``.
        date: When the derived state began.
        recorded: The states the subject's own history gives on the date asked
            about.
        source: The id of the agreement, participation or party the answer is
            derived from.
        step: The step it rests on (the agreement's end, a party's
            withdrawal); ``None`` when it rests on terms or a succession.
    """

    basis: str
    reason: str
    date: HistoricalDate
    recorded: frozenset[str]
    source: str
    step: Step | None = None


@attrs.frozen
class Dating:
    """When an event happened, as each source gives it.

    Iterate over it for the claims; the first is the event's main ``date``
    with its ``sources``, then each of its ``alternative_dates``.

    Attributes:
        event: The event.
        claims: Every date claimed for it, each with the sources behind it and
            any note on why sources differ; the main date first.
    """

    event: Event
    claims: tuple[DateClaim, ...]

    def __iter__(self) -> Iterator[DateClaim]:
        return iter(self.claims)

    def __len__(self) -> int:
        return len(self.claims)

    def text(self) -> str:
        """The dates for people: a heading, then one line per date with its sources and note."""
        event = self.event
        lines = [f"{event.id} (event: {event.kind})"]
        width = max(len(claim.date.text) for claim in self.claims)
        for claim in self.claims:
            details = f"sources: {', '.join(claim.sources) or 'none'}"
            if claim.note:
                details += f"; {claim.note}"
            lines.append(f"  {claim.date.text:<{width}}  ({details})")
        return "\n".join(lines)


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


# -- wording ------------------------------------------------------------------


def _claimed_dates(step: Step) -> Iterator[HistoricalDate]:
    yield step.date
    for claim in step.alternative_dates:
        yield claim.date


def _details(step: Step) -> str:
    parts: list[str] = []
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
