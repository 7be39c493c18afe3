"""A subject's status through time: its history read once, answered on any date.

``Course`` holds what answering needs that does not depend on the date (the
subject's views, the views of the subjects the law settles it against) and
answers each date asked with a fold of each view, settled by the treaty law
(``_law.settle``). Every query about a status goes through it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import NamedTuple

from armscontrol.dates import DateLike, HistoricalDate, as_date
from armscontrol.index import (
    Entry,
    Index,
    Outcome,
    Perspective,
    Readings,
    disputed,
    first_dispute,
    fold,
    index_of,
    merge,
)
from armscontrol.model import Record, SubjectKind
from armscontrol.query import _law
from armscontrol.query._answers import NO_VIEWS, At, Status, Step, is_period

_CALENDAR = (HistoricalDate("0001").lower, HistoricalDate("9999").upper)
"""The first instant of the calendar and just past its last."""
_POINTS: tuple[At | None, ...] = (None, "start", "end")


class Course:
    """A subject's status through time, in one view: where it may change, and its answer.

    Made by :func:`armscontrol.query.course`. The subject's history, and the
    histories its answers are settled against (its agreement, that agreement's
    parties), are read once, for every date asked about: use one course to ask
    about one subject many times.

    Attributes:
        record: The record asked.
        subject: The subject's id.
        kind: Agreement, commitment, participation or violation.
        according_to: The party whose view this is; ``None`` for the answers
            that weigh every party's view.
    """

    __slots__ = (
        "_index",
        "_points",
        "_quiet",
        "_readers",
        "_shared",
        "according_to",
        "kind",
        "record",
        "subject",
    )

    def __init__(
        self,
        record: Record,
        subject: str,
        *,
        according_to: str | None = None,
        shared: Courses | None = None,
    ) -> None:
        """Read a subject's history; see :func:`armscontrol.query.course`.

        ``shared``: the :class:`Courses` whose reading this course shares
        (made by :meth:`Courses.course`, which passes it).

        Raises:
            UnknownSubjectError: ``subject`` names nothing with a status, or
                ``according_to`` names no party.
        """
        index = index_of(record)
        # Every subject a panel asks about is one the index knows the kind of.
        known = index.kinds.get(subject) if shared is not None else None
        self.kind = known if known is not None else record.subject_kind(subject)
        if according_to is not None and shared is None:
            index.check_party(according_to)
        self.record = record
        self.subject = subject
        self.according_to = according_to
        self._index = index
        self._shared = shared
        self._readers: dict[str, Reader] = {}
        self._points: tuple[int, ...] | None = None
        self._quiet = _CALENDAR[1]

    @property
    def points(self) -> tuple[int, ...]:
        """Where the status may change: :func:`~armscontrol.query.change_points`."""
        if self._points is None:
            record = self.record
            points = _law.instants(record, self.subject, self.kind)
            quiet = _CALENDAR[1]
            for entry in self._reader(self.subject, self.kind).seen.entries:
                points.update((entry.lower, entry.upper - 1))
                quiet = min(quiet, entry.lower)
            if record.as_of is not None:
                points.add(record.as_of.upper)
            first, stop = _CALENDAR
            self._points = tuple(sorted(point for point in points if first < point < stop))
            self._quiet = min(quiet, self._points[0]) if self._points else quiet
        return self._points

    @property
    def quiet_until(self) -> int:
        """The first instant from which the answer may be other than "nothing recorded yet".

        For every date whose last instant lies before it, the answer at the
        date's end holds no state, no dispute and no derivation: the subject
        is ``unrecorded``, and the parties with a view (:attr:`parties`) each
        see no state. It is the first change point, or the first instant of
        the first instant of any of the subject's steps if that comes earlier (a
        step dated from the calendar's first day has no change point).
        """
        _ = self.points  # worked out with them
        return self._quiet

    @property
    def parties(self) -> tuple[str, ...]:
        """The parties whose views the answers list (:attr:`Status.views`), in their order.

        Empty in one party's view, and when no party asserts a step of the subject.
        """
        readings = self._reader(self.subject, self.kind).readings
        return () if readings is None else tuple(p for p in readings if p is not None)

    def status(self, on: DateLike, *, at: At | None = None) -> Status:
        """The status on a date: see :func:`armscontrol.query.status`.

        Raises:
            DateError: ``on`` is not a date.
            ValueError: ``at`` is neither ``"start"``, ``"end"`` nor ``None``.
        """
        return self.statuses((on,), at=at)[0]

    def statuses(self, dates: Iterable[DateLike], *, at: At | None = None) -> tuple[Status, ...]:
        """The status on each of several dates, in the order given.

        Raises:
            DateError: A date is not a date.
            ValueError: ``at`` is neither ``"start"``, ``"end"`` nor ``None``.
        """
        if at not in _POINTS:
            msg = f"at: expected 'start', 'end' or None, got {at!r}"
            raise ValueError(msg)
        subject, kind, reader = self.subject, self.kind, self._reader
        shared = self._shared
        answers: list[Status] = []
        for on in dates:
            when = as_date(on)

            def own(
                s: str, k: SubjectKind, point: At | None, when: HistoricalDate = when
            ) -> Status:
                return reader(s, k).status(when, point)

            # What the subject's own history gives, settled against its agreement, terms, parties.
            kept = None if shared is None else shared.settled(when)
            answers.append(_law.settle(self.record, own(subject, kind, at), own, kept))
        return tuple(answers)

    def _reader(self, subject: str, kind: SubjectKind) -> Reader:
        # The subjects the law settles an answer against are read once too; an
        # agreement, which all its parts are settled against, once for all courses shared.
        shared = self._shared
        readers = (
            shared.readers
            if shared is not None and kind is SubjectKind.AGREEMENT
            else self._readers
        )
        found = readers.get(subject)
        if found is None:
            found = readers[subject] = Reader(self._index, subject, kind, self.according_to)
        return found

    def __repr__(self) -> str:
        view = "" if self.according_to is None else f" according to {self.according_to}"
        return f"<Course of {self.subject} ({self.kind}){view}>"


class Courses:
    """The courses of many subjects of one record, in one view, sharing what they read.

    Made by :func:`armscontrol.query.courses`. Every course it makes
    (:meth:`course`) answers as :func:`armscontrol.query.course` would; they
    share each agreement's history, read once for all of them, and each
    agreement's settled answer on each date: the answers of an agreement's
    commitments and participations are settled against the same answer of
    the agreement on the same date, worked out once (a panel asks about every
    subject on the same dates).

    Attributes:
        record: The record asked.
        according_to: The party whose view the courses give; ``None`` for the
            answers that weigh every party's view.
        readers: Each agreement's history, read once (by id).
    """

    __slots__ = ("_settled", "according_to", "readers", "record")

    def __init__(self, record: Record, *, according_to: str | None = None) -> None:
        """Start sharing; see :func:`armscontrol.query.courses`.

        Raises:
            UnknownPartyError: ``according_to`` names no party.
        """
        if according_to is not None:
            index_of(record).check_party(according_to)
        self.record = record
        self.according_to = according_to
        self.readers: dict[str, Reader] = {}
        self._settled: dict[tuple[str, At | None], dict[str, Status]] = {}

    def course(self, subject: str) -> Course:
        """The subject's course, sharing what the other courses read.

        Raises:
            UnknownSubjectError: ``subject`` names nothing with a status.
        """
        return Course(self.record, subject, according_to=self.according_to, shared=self)

    def settled(self, on: HistoricalDate) -> _law.Settled:
        """Where the agreements' settled answers on a date are kept, for each point of it."""
        kept = self._settled

        def store(at: At | None) -> dict[str, Status]:
            key = (on.text, at)
            found = kept.get(key)
            if found is None:
                found = kept[key] = {}
            return found

        return store

    def __repr__(self) -> str:
        view = "" if self.according_to is None else f" according to {self.according_to}"
        return f"<Courses of {self.record!r}{view}>"


class Reader:
    """One subject's history in one view, read once for every date it is asked about.

    Who holds which view of the subject, and who is silent, do not depend on the
    date: asking about many dates (a panel, :func:`statuses`) folds the history
    once per date and looks the rest up once.
    """

    __slots__ = ("according_to", "as_of", "kind", "readings", "seen", "silent")

    def __init__(
        self, index: Index, subject: str, kind: SubjectKind, according_to: str | None
    ) -> None:
        self.kind = kind
        self.according_to = according_to
        self.seen = seen = index.perspective(subject, according_to)
        parties = seen.seen.parties
        self.readings: Readings | None = None
        self.silent: tuple[str, ...] = ()
        if according_to is not None:
            self.silent = () if according_to in parties else (according_to,)
        elif parties:
            self.readings = index.readings(subject)
            self.silent = tuple(party for party in index.involved(subject) if party not in parties)
        self.as_of = index.record.as_of

    def status(self, on: HistoricalDate, at: At | None) -> Status:
        """What the subject's own history says about a date (before the law settles it)."""
        if at is None:
            upper, since = on.upper, (on.lower if is_period(on, at) else None)
        else:
            upper, since = (on.upper if at == "end" else on.lower), None
        seen, found = self.seen, self.readings
        uncontested = fold(seen.seen.uncontested, upper, since)
        if self.according_to is not None:
            outcome = fold(seen.entries, upper, since)
            answer = _Answer(outcome, uncontested, {}, self.silent)
        elif found is None:
            answer = _Answer(uncontested, uncontested, {}, ())
        else:
            outcomes = {key: fold(entries, upper, since) for key, entries in found.items()}
            # A period is disputed when some instant within it is (the validator's reading).
            contested = (
                disputed(outcomes.values())
                if since is None
                else first_dispute(found, since, upper) is not None
            )
            merged = merge(list(outcomes.values()))
            answer = _Answer(merged, uncontested, outcomes, self.silent, contested)
        # Past the record's horizon, the answer stands but says so.
        as_of = self.as_of
        beyond = as_of if as_of is not None and upper > as_of.upper else None
        return answer.status(self.kind, on, self.according_to, seen, (at, beyond))


class _Answer(NamedTuple):
    """What the readings of a subject say about a date, before it becomes a :class:`Status`."""

    outcome: Outcome
    """All readings taken together."""
    uncontested: Outcome
    """The uncontested transitions alone."""
    readings: Mapping[str | None, Outcome]
    """Each reading weighed, when parties assert transitions of the subject; else empty."""
    silent: tuple[str, ...]
    contested: bool = False
    """Whether the readings differ on the date: at the instant asked about, or at
    some instant of the period."""

    def status(
        self,
        kind: SubjectKind,
        on: HistoricalDate,
        according_to: str | None,
        seen: Perspective,
        when: tuple[At | None, HistoricalDate | None],
    ) -> Status:
        at, beyond = when
        outcome, readings = self.outcome, self.readings
        if readings:
            contested = self.contested
            ambiguous = any(reading.ambiguous for reading in readings.values())
            definite = next(iter(readings.values())).definite
        else:
            contested, ambiguous, definite = False, outcome.ambiguous, outcome.definite
        step = None
        if not contested and not ambiguous and not outcome.within and definite is not None:
            step = step_of(seen, definite)
        views = (
            {party: view.possible for party, view in readings.items() if party is not None}
            if readings
            else None
        )
        undetermined, within = outcome.undetermined, outcome.within
        if within:  # a period: the steps within it are told apart
            inside = {entry.position for entry in within}
            undetermined = tuple(e for e in undetermined if e.position not in inside)
        return Status(
            subject=seen.subject,
            kind=kind,
            on=on,
            according_to=according_to,
            state=None if step is None else step.state,
            possible=outcome.possible,
            unrecorded=outcome.unrecorded,
            ambiguous=ambiguous,
            undetermined=tuple(step_of(seen, e) for e in undetermined) if undetermined else (),
            views=MappingProxyType(views) if views else NO_VIEWS,
            uncontested=self.uncontested.possible,
            disputed=contested,
            since=None if step is None else step.date,
            step=step,
            silent=self.silent,
            uncontested_weighed=None in readings,
            at=at,
            within=tuple(step_of(seen, entry) for entry in within) if within else (),
            beyond=beyond,
        )


def step_of(seen: Perspective, entry: Entry) -> Step:
    """The step an entry makes in a perspective that holds it."""
    return Step(entry.number, entry.transition, seen.previous[entry.position], entry.transition.to)
