"""Status queries: what state a subject was in on a date, according to whom, and why.

Status is never stored. A subject's status on a date is the fold of its
transitions, in the order the record lists them, up to that date; its history
is those transitions with the state before and after each.

Perspectives:
    A transition with an empty ``asserted_by`` holds for everyone; one with
    ``asserted_by`` holds only according to those parties. Ask with
    ``according_to="USA"`` for one party's view (the uncontested transitions
    plus its own); a party that asserts nothing on the subject has no view of
    its own, and the answer is the uncontested record's, saying so. Ask with
    no party and the answer weighs the uncontested record and the view of
    every party that asserts something (:func:`armscontrol.index.readings`,
    the one definition the validator's dispute finding shares); where they
    differ, the answer is a dispute that lists each.

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

from armscontrol.dates import DateLike, as_date
from armscontrol.exceptions import UnknownSubjectError
from armscontrol.index import Entry, index_of
from armscontrol.model import (
    AgreementState,
    DateClaim,
    Event,
    Record,
    SubjectKind,
    participation_id,
)
from armscontrol.query._answers import (
    Allegation,
    At,
    Change,
    Dating,
    Derivation,
    History,
    Status,
    Step,
)
from armscontrol.query._course import Course, Courses, Reader, step_of

__all__ = [
    "Allegation",
    "At",
    "Change",
    "Course",
    "Courses",
    "Dating",
    "Derivation",
    "History",
    "Status",
    "Step",
    "change_points",
    "changes",
    "course",
    "courses",
    "dating",
    "history",
    "in_effect",
    "status",
    "subjects",
    "violations",
]


# -- queries --------------------------------------------------------------------


def course(record: Record, subject: str, *, according_to: str | None = None) -> Course:
    """A subject's status through time, in one view, read once: see :class:`Course`.

    Raises:
        UnknownSubjectError: ``subject`` names nothing with a status, or
            ``according_to`` names no party.
    """
    return Course(record, subject, according_to=according_to)


def courses(record: Record, *, according_to: str | None = None) -> Courses:
    """Courses of many subjects in one view that share what they read: see :class:`Courses`.

    Use it to ask about many subjects on the same dates (a panel): each
    agreement's answer on a date is settled once for all its commitments and
    participations.

    Raises:
        UnknownPartyError: ``according_to`` names no party.
    """
    return Courses(record, according_to=according_to)


def status(
    record: Record,
    subject: str,
    on: DateLike,
    *,
    according_to: str | None = None,
    at: At | None = None,
) -> Status:
    """The status of a subject on a date, derived from its history.

    Args:
        record: The record to ask.
        subject: An agreement, commitment or violation id, or ``AGREEMENT/PARTY``
            for a party's participation.
        on: The date. A day (or less) is answered at its end: a transition
            counts once it has happened by the end of it. A longer date (a
            month, a year, an interval) is a period, answered with every state
            the subject held during it; where the status changed within it, the
            answer is undetermined and ``within`` lists the steps.
        according_to: A party id, for that party's view; ``None`` to weigh
            every party's view and report any dispute.
        at: ``"end"`` or ``"start"`` to answer for the last or the first
            instant of ``on`` instead, whatever its length.

    Raises:
        UnknownSubjectError: ``subject`` names nothing with a status, or
            ``according_to`` names no party (then an
            :class:`~armscontrol.exceptions.UnknownPartyError`); the error
            suggests close matches.
        DateError: ``on`` is not a date.
        ValueError: ``at`` is neither ``"start"``, ``"end"`` nor ``None``.
    """
    return Course(record, subject, according_to=according_to).status(on, at=at)


def change_points(
    record: Record, subject: str, *, according_to: str | None = None
) -> tuple[int, ...]:
    """The instants at which a subject's status may change, in order.

    Between two consecutive change points the answer stays the same: for every
    date ``on`` whose last instant lies from one change point up to (not
    including) the next, ``status(record, subject, on, at="end")`` gives the
    same answer, but for the date it is about (:attr:`Status.on`); so it does
    before the first change point and after the last. At a change point it may
    differ, or not: the list holds every instant at which the dates the
    answer rests on are compared, not only those where the answer changes.

    The points are the first instant of each step's dates (from then on it may
    have happened) and the last (from then on it surely has), for the
    subject's own steps and for those of the subjects its answer is settled
    against (its agreement, that agreement's parties' participations); the
    agreement's end dates, extensions and its parties' continuations, read
    the same way; and the first instant past the record's ``as_of``, where
    answers become :attr:`Status.beyond` the record.

    Args:
        record: The record to ask.
        subject: An agreement, commitment or violation id, or ``AGREEMENT/PARTY``.
        according_to: A party id, for the instants that party's view rests on;
            ``None`` for the answer that weighs every view.

    Returns:
        Instants in POSIX seconds (UTC), as :attr:`HistoricalDate.lower
        <armscontrol.dates.HistoricalDate.lower>` counts them, ascending,
        each once, within the years 1 to 9999.

    Raises:
        UnknownSubjectError: ``subject`` names nothing with a status, or
            ``according_to`` names no party.

    Example:
        >>> import datetime as dt
        >>> from armscontrol import datasets
        >>> record = datasets.load("korea")
        >>> first = change_points(record, "leap-day-2012")[0]
        >>> dt.datetime.fromtimestamp(first, dt.UTC).date()
        datetime.date(2012, 2, 29)
    """
    return Course(record, subject, according_to=according_to).points


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
    seen = index.perspective(subject, according_to)
    return History(
        subject, kind, according_to, tuple(step_of(seen, entry) for entry in seen.entries)
    )


def dating(record: Record, event: str) -> Dating:
    """When an event happened: its date and every other date sources give, each with its sources.

    The sibling of :func:`history` for events, which have dates but no status.
    Where sources disagree, the event happened at one of the dates claimed
    (see :func:`armscontrol.index.span`).

    Raises:
        UnknownSubjectError: ``event`` names no event; the error suggests close ones.
    """
    found = record.get(event, Event)
    main = DateClaim(found.date, found.sources)
    return Dating(found, (main, *found.alternative_dates))


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
    found: list[Allegation] = []
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
            answer = Reader(index, violation.id, SubjectKind.VIOLATION, None).status(when, None)
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
    for subject in index.by_subject:
        seen = index.perspective(subject, according_to)
        run = [
            (entry, step_of(seen, entry))
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


def _kind(record: Record, subject: str) -> SubjectKind | None:
    try:
        return record.subject_kind(subject)
    except UnknownSubjectError:
        return None
