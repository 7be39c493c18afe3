"""Panels: one row per subject per period, with the subject's status at the period's end.

Each row is what :func:`armscontrol.query.status` answers for the subject on
the period (a transition counts once it has happened by the period's end), so
a panel and the queries can never disagree. Asking for every row would be slow
on a large record; instead the panel asks once per stretch of periods over
which the answer cannot change, and keeps each stretch as one run.

Where the answer may change is the queries' own word
(:func:`armscontrol.query.change_points`): periods whose ends fall between the
same two change points get the same answer. The "changed" cells change only in
the periods that hold the first or last instant of one of the subject's steps.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import gc
from collections.abc import Generator, Iterable, Sequence
from operator import attrgetter
from typing import Literal, TypeAlias

from armscontrol import query
from armscontrol.dates import DateLike, HistoricalDate, as_date
from armscontrol.exceptions import ArmsControlError
from armscontrol.index import Index, index_of
from armscontrol.model import Record, SubjectKind
from armscontrol.tables._columns import Cell, Column, ColumnKind, Layout
from armscontrol.tables._identity import Identities, day_of, instant_of
from armscontrol.tables._table import Table

Every: TypeAlias = Literal["year", "month", "day"]
"""How long a panel's periods are."""

EVERY: tuple[Every, ...] = ("year", "month", "day")
"""The period lengths a panel can have."""

STATES = "|"
"""Joins the states in one cell (``possible``, ``uncontested``, ``through``, a view)."""

VIEWS = ";"
"""Joins the parties' views in the ``views`` cell: ``PRK=in_effect;USA=collapsed``."""

PANEL_COLUMNS: tuple[Column, ...] = (
    Column(
        "period",
        ColumnKind.TEXT,
        "The period, as a date in the library's syntax: 1994, 1994-03 or 1994-03-31.",
    ),
    Column("date", ColumnKind.DATE, "The period's last day: the row is the status at its end."),
    Column(
        "subject",
        ColumnKind.TEXT,
        "The subject's id: an agreement, commitment or violation, or AGREEMENT/PARTY.",
    ),
    Column(
        "subject_kind",
        ColumnKind.CATEGORY,
        "agreement, commitment, participation or violation.",
    ),
    Column(
        "agreement",
        ColumnKind.TEXT,
        "The agreement the subject belongs to (a violation: that of the commitment it concerns).",
        nullable=True,
    ),
    Column("agreement_title", ColumnKind.TEXT, "That agreement's title.", nullable=True),
    Column(
        "party",
        ColumnKind.TEXT,
        "The party's id, for a participation; empty otherwise.",
        nullable=True,
    ),
    Column(
        "iso_alpha3",
        ColumnKind.TEXT,
        "The party's ISO 3166-1 alpha-3 code, for a participation, where the record gives "
        "one (states; SUN for the Soviet Union); empty otherwise.",
        nullable=True,
    ),
    Column(
        "cow_code",
        ColumnKind.INTEGER,
        "The party's Correlates of War country number, for a participation, where the "
        "record gives one; empty otherwise (organisations have none).",
        nullable=True,
    ),
    Column(
        "according_to",
        ColumnKind.TEXT,
        "The party whose view the panel shows; empty when it weighs every party's view.",
        nullable=True,
    ),
    Column(
        "state",
        ColumnKind.CATEGORY,
        "The one state the subject is in at the period's end; empty when the dates leave "
        "it undetermined, when it is disputed, or before anything is recorded.",
        nullable=True,
    ),
    Column(
        "determined",
        ColumnKind.BOOLEAN,
        "Whether the dates settle the status (in every party's view); false when fuzzy "
        "dates leave more than one possibility.",
    ),
    Column(
        "possible",
        ColumnKind.TEXT,
        "Every state the subject may be in, sorted, joined by |; empty when none is recorded.",
    ),
    Column(
        "unrecorded",
        ColumnKind.BOOLEAN,
        "Whether the subject may have no recorded status yet.",
    ),
    Column("disputed", ColumnKind.BOOLEAN, "Whether the parties' views differ."),
    Column(
        "views",
        ColumnKind.TEXT,
        "When some party asserts a step of the subject's history: each party's possible "
        "states, as PARTY=state|state joined by ; in the order the query gives them; "
        "empty otherwise.",
    ),
    Column(
        "uncontested",
        ColumnKind.TEXT,
        "The states the uncontested transitions alone allow, joined by |: the view of "
        "anyone who asserts nothing.",
    ),
    Column(
        "beyond_as_of",
        ColumnKind.BOOLEAN,
        "Whether the period's end lies beyond the record's as_of, the date up to which it "
        "was compiled: the row is what the record holds, which may have changed since. "
        "False when the record gives no as_of.",
    ),
    Column(
        "changed",
        ColumnKind.BOOLEAN,
        "Whether a step of the subject's history happened within the period; empty when "
        "one may have (its dates overlap the period's edge) but none surely did.",
        nullable=True,
    ),
    Column(
        "through",
        ColumnKind.TEXT,
        "The states entered by the steps that happened, or may have happened, within the "
        "period, in history order, joined by |.",
    ),
)
"""The columns of a panel, in order."""


class PeriodError(ArmsControlError, ValueError):
    """A panel asked for with periods it cannot have.

    Attributes:
        argument: The argument at fault (``every``, ``start``, ``end``).
        value: The value given.
        reason: What was expected.
    """

    def __init__(self, argument: str, value: object, reason: str) -> None:
        self.argument = argument
        self.value = value
        self.reason = reason
        super().__init__(f"{argument}={value!r}: {reason}")


class Panel(Table):
    """One row per subject per period, with the subject's status at the period's end.

    Made by :func:`panel`; see there for what each row says.

    Attributes:
        every: How long each period is.
        periods: The periods, in order, each as a date in the library's syntax.
        according_to: The party whose view the panel shows, or ``None``.
    """

    __slots__ = ("according_to", "every", "periods")

    def __init__(
        self,
        layout: Layout,
        *,
        every: Every,
        periods: Sequence[str],
        according_to: str | None,
    ) -> None:
        """Panels are made by :func:`panel`."""
        super().__init__(PANEL_COLUMNS, layout)
        self.every: Every = every
        self.periods: tuple[str, ...] = tuple(periods)
        self.according_to = according_to


class _Periods:
    """A run of calendar periods in UTC: each one's text, last day and first instant."""

    def __init__(self, every: Every, first: dt.date, last: dt.date) -> None:
        texts: list[str] = []
        days: list[dt.date] = []
        bounds: list[int] = []
        if every == "year":
            for year in range(first.year, last.year + 1):
                texts.append(f"{year:04d}")
                bounds.append(instant_of(dt.date(year, 1, 1)))
                days.append(dt.date(year, 12, 31))
        elif every == "month":
            year, month = first.year, first.month
            while (year, month) <= (last.year, last.month):
                texts.append(f"{year:04d}-{month:02d}")
                bounds.append(instant_of(dt.date(year, month, 1)))
                year, month = (year, month + 1) if month < 12 else (year + 1, 1)
                days.append(dt.date.fromordinal(_first_ordinal(year, month) - 1))
        else:
            for ordinal in range(first.toordinal(), last.toordinal() + 1):
                day = dt.date.fromordinal(ordinal)
                texts.append(day.isoformat())
                bounds.append(instant_of(day))
                days.append(day)
        if days:
            bounds.append(instant_of(days[-1]) + 86_400)
        self.texts = texts
        self.dates: list[HistoricalDate | None] = [None] * len(texts)
        self.days = days
        self.bounds = bounds
        """Each period's first instant, then the instant after the last period (POSIX seconds)."""

    def __len__(self) -> int:
        return len(self.texts)

    def date(self, period: int) -> HistoricalDate:
        """A period as a date, made once."""
        found = self.dates[period]
        if found is None:
            found = self.dates[period] = HistoricalDate(self.texts[period])
        return found


def _first_ordinal(year: int, month: int) -> int:
    if year > dt.MAXYEAR:
        return dt.date.max.toordinal() + 1
    return dt.date(year, month, 1).toordinal()


def panel(
    record: Record,
    *,
    every: Every = "year",
    start: DateLike | None = None,
    end: DateLike | None = None,
    subjects: Iterable[str] | str | SubjectKind | None = None,
    according_to: str | None = None,
) -> Panel:
    """One row per subject per period: its status at the end of the period.

    Each row holds what :func:`armscontrol.query.status` answers for the
    subject on the period (a year such as ``1994``, a month, a day): a
    transition counts once it has happened by the period's last instant. Where
    fuzzy dates leave the status undetermined at that instant, ``state`` is
    empty, ``determined`` is false and ``possible`` lists every state it may be
    in; where parties disagree, ``disputed`` is true and ``views`` gives each
    party's states as the query reports them. ``changed`` and ``through`` say
    whether, and through which states, the subject's history moved within the
    period; ``beyond_as_of`` whether the period ends after the record's
    :attr:`~armscontrol.model.Record.as_of`. A participation's row names the
    party and its ISO alpha-3 and Correlates of War codes, where the record
    gives them. Periods are calendar periods in UTC, as the library's dates are.

    Rows come subject by subject, each subject's periods in order. Every
    subject has a row in every period, empty (``unrecorded``) before its
    history begins.

    Args:
        record: The record to tabulate.
        every: ``"year"``, ``"month"`` or ``"day"``.
        start: The first period is the one holding the first instant of
            ``start``. Default: the earliest date of any transition in the record.
        end: The last period is the one holding the last instant of ``end``.
            Default: the latest date of any transition in the record (dates
            with an open end count by the end they have).
        subjects: Which subjects, in record order by default: every one, those
            of a :class:`~armscontrol.model.SubjectKind`, or the ids given (in
            the order given).
        according_to: A party id, for that party's view (the uncontested
            transitions plus its own); ``None`` to weigh every party's view.

    Raises:
        PeriodError: ``every`` is not a period length, or ``start`` is after ``end``.
        UnknownSubjectError: A subject, or ``according_to``, is not in the record.
        DateError: ``start`` or ``end`` is not a date.
    """
    if every not in EVERY:
        raise PeriodError(argument="every", value=every, reason=f"one of {', '.join(EVERY)}")
    chosen = _subjects(record, subjects)
    periods = _periods(record, every, start, end)
    index = index_of(record)
    if according_to is not None:
        index.check_party(according_to)
    identities = Identities(record)
    runs = _Runs()
    # One reading shared by every subject: each agreement's answer on a period is
    # settled once for all its commitments and participations.
    courses = query.courses(record, according_to=according_to)
    with _uncollected():
        for subject, kind in chosen:
            agreement, title, party = identities.of(subject, kind)
            identity = (subject, kind.value, agreement, title, party, *identities.codes(party))
            runs.add((*identity, according_to), _stretches(index, courses, subject, periods))
        # Into columns while the collector still waits, so that it never scans the rows.
        columns = runs.columns()
    texts: list[Cell] = list(periods.texts)
    days: list[Cell] = list(periods.days)
    layout = Layout(columns, runs.starts, runs.stops, (texts, days))
    return Panel(layout, every=every, periods=periods.texts, according_to=according_to)


class _Runs:
    """A panel's runs as they are made: each run's cells, first period and stop."""

    def __init__(self) -> None:
        self.rows: list[tuple[Cell, ...]] = []
        self.starts: list[int] = []
        self.stops: list[int] = []

    def columns(self) -> tuple[list[Cell], ...]:
        """The runs' cells column by column (the rows are let go)."""
        rows, self.rows = self.rows, []
        return tuple(map(list, zip(*rows, strict=True))) or tuple([] for _ in PANEL_COLUMNS[2:])

    def add(
        self, identity: tuple[Cell, ...], stretches: Iterable[tuple[int, int, tuple[Cell, ...]]]
    ) -> None:
        """A subject's stretches, those with the same cells as the one before joined in one run."""
        rows, starts, stops = self.rows, self.starts, self.stops
        previous = None
        for first, stop, cells in stretches:
            if cells == previous:
                stops[-1] = stop
            else:
                rows.append(identity + cells)
                starts.append(first)
                stops.append(stop)
                previous = cells


@contextlib.contextmanager
def _uncollected() -> Generator[None, None, None]:
    """Keep the garbage collector from scanning, again and again, the runs built meanwhile.

    A panel's cells and answers are acyclic: reference counting frees them, and
    the collector, which looks for cycles, finds none, but scans the whole heap
    each time new objects outnumber a quarter of it. Paused, with the runs put
    into columns before it resumes, a yearly panel of 10^4 generated agreements
    took about a fifth less CPU when the pause was measured with
    ``benchmarks/tables.py``. The collector is turned back on (if it was on)
    however building ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _stretches(
    index: Index, courses: query.Courses, subject: str, periods: _Periods
) -> list[tuple[int, int, tuple[Cell, ...]]]:
    """Each stretch of a subject's periods with one answer: its first, its stop, its cells."""
    count = len(periods)
    if not count:
        return []
    bounds, according_to = periods.bounds, courses.according_to
    locate = bisect.bisect_right  # the period holding an instant, plus one
    # Each step's first and last period, and its state: a step may have happened from
    # the period holding its first instant on, and surely has from the one holding its
    # last; past that, it is over. (The steps are those query.history gives.)
    placed = [
        (locate(bounds, entry.lower) - 1, locate(bounds, entry.upper - 1) - 1, entry.transition.to)
        for entry in index.perspective(subject, according_to).entries
    ]
    # The answer at a period's end changes only in a period that holds a change point.
    course = courses.course(subject)
    points = course.points
    cuts = {locate(bounds, point) - 1 for point in points}
    cuts.add(0)
    for begin, last, _ in placed:
        cuts.update((begin, last, last + 1))
    beginnings = sorted(cut for cut in cuts if 0 <= cut < count)
    # Which stretch between change points holds each period's last instant: the
    # queries are asked once per stretch, at the end of its first period.
    keys = [locate(points, bounds[first + 1] - 1) for first in beginnings]
    asked = dict(zip(reversed(keys), reversed(beginnings), strict=True))
    answers: dict[int, tuple[Cell, ...]] = {}
    first = asked.get(0)  # the stretch before the first change point
    if first is not None and bounds[first + 1] <= course.quiet_until:
        # Before anything may have happened the answer is "nothing recorded": no query needed.
        answers[0] = _quiet(course, periods.date(asked.pop(0)))
    found = course.statuses(map(periods.date, asked.values()), at="end")
    answers.update(zip(asked, map(_answer, found), strict=True))
    stops = [*beginnings[1:], count]
    if not placed:
        return [
            (first, stop, answers[key] + _STILL)
            for first, stop, key in zip(beginnings, stops, keys, strict=True)
        ]
    return [
        (first, stop, answers[key] + _moves(placed, first))
        for first, stop, key in zip(beginnings, stops, keys, strict=True)
    ]


def _subjects(
    record: Record, subjects: Iterable[str] | str | SubjectKind | None
) -> list[tuple[str, SubjectKind]]:
    if subjects is None or isinstance(subjects, SubjectKind):
        # Every id query.subjects gives names a subject: its kind is the index's.
        kinds = index_of(record).kinds
        return [(subject, kinds[subject]) for subject in query.subjects(record, subjects)]
    if isinstance(subjects, str):
        ids: Iterable[str] = (subjects,)
    else:
        ids = dict.fromkeys(subjects)
    return [(subject, record.subject_kind(subject)) for subject in ids]


def _periods(
    record: Record, every: Every, start: DateLike | None, end: DateLike | None
) -> _Periods:
    first = None if start is None else as_date(start).lower
    last = None if end is None else as_date(end).upper - 1
    if first is None or last is None:
        lowest, highest = _extent(record)
        first = lowest if first is None else first
        last = highest if last is None else last
    if first is None or last is None:
        return _Periods(every, dt.date.max, dt.date.min)
    periods = _Periods(every, day_of(first), day_of(last))
    if not len(periods):
        # Only a start or an end given can leave no period: the record's own range has one.
        if start is None:
            reason = f"a date no earlier than the record's first transition, {day_of(first)}"
            raise PeriodError(argument="end", value=str(end), reason=reason)
        latest = str(end) if end is not None else f"the record's last transition, {day_of(last)}"
        raise PeriodError(argument="start", value=str(start), reason=f"no later than {latest}")
    return periods


def _extent(record: Record) -> tuple[int | None, int | None]:
    """The first and last instant any transition's closed date ends allow."""
    dates = [transition.date for transition in record.transitions]
    dates += [claim.date for t in record.transitions for claim in t.alternative_dates]
    if not dates:
        return None, None
    lowest = min(dates, key=attrgetter("lower"))
    highest = max(dates, key=attrgetter("upper"))
    # An open end has no instant of its own: look at the closed ends instead.
    if lowest.start is None or highest.end is None:
        ends = [side for date in dates for side in (date.start, date.end) if side is not None]
        lowest, highest = min(ends, key=attrgetter("lower")), max(ends, key=attrgetter("upper"))
    return lowest.lower, highest.upper - 1


def _answer(status: query.Status) -> tuple[Cell, ...]:
    views = VIEWS.join(
        f"{party}={STATES.join(sorted(states))}" for party, states in status.views.items()
    )
    return (
        status.state,
        not status.ambiguous,
        STATES.join(sorted(status.possible)),
        status.unrecorded,
        status.disputed,
        views,
        STATES.join(sorted(status.uncontested)),
        status.beyond is not None,
    )


def _quiet(course: query.Course, on: HistoricalDate) -> tuple[Cell, ...]:
    """What :func:`_answer` gives for a date that ends before :attr:`Course.quiet_until`."""
    as_of = course.record.as_of
    views = VIEWS.join(f"{party}=" for party in course.parties)
    return (None, True, "", True, False, views, "", as_of is not None and on.upper > as_of.upper)


def _moves(placed: Sequence[tuple[int, int, str]], period: int) -> tuple[Cell, Cell]:
    """Whether the history moved within a period, and through which states."""
    through = [state for begin, last, state in placed if begin <= period <= last]
    if not through:
        return _STILL
    surely = any(begin == last == period for begin, last, _ in placed)
    return (True if surely else None), STATES.join(through)


_STILL: tuple[Cell, Cell] = (False, "")


__all__ = ["EVERY", "PANEL_COLUMNS", "STATES", "VIEWS", "Every", "Panel", "PeriodError", "panel"]
