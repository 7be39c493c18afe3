"""Historical dates as sources give them, compared three-valued.

A day, a month, a year, approximate, uncertain, or a range.

The syntax is a small subset of ISO 8601-2 (EDTF level 1):

================================  =============================================
``2012-02-29``                    a day
``2012-04``                       a month
``2009``                          a year
``2013-06~``                      approximate (``~``), here "around June 2013"
``2012-04-13?``                   uncertain (``?``): the source is doubtful
``2012-04-13%``                   both approximate and uncertain
``2012-04-12/2012-04-16``         an interval (a launch window); either end may
                                  carry its own precision and qualifier
``2003-01-10/..``, ``../1985``    an interval open at one end
``2012-04-12T22:39Z``             a minute, with its zone (``Z``, or ``±HH:MM``
                                  from ``-12:00`` to ``+14:00``)
``2013-02-12T11:57:51+09:00``     a second, with its zone
================================  =============================================

Every value knows its bounds: :attr:`HistoricalDate.lower` and
:attr:`HistoricalDate.upper` (POSIX seconds, upper exclusive) and the same as
pendulum instants, :attr:`HistoricalDate.earliest` and
:attr:`HistoricalDate.latest`. A date without a time is a calendar day taken in
UTC; give the time and zone when a time-zone difference matters. Approximate and
uncertain values are widened by one unit of their precision on each side
(``2012-04-13?`` spans 12 to 14 April), so that no comparison silently depends
on the doubtful part being right. Values lie within the years 1 to 9999 in UTC:
a time outside them is refused, and the widening stops at their ends.

:meth:`HistoricalDate.shift` moves a value by a :class:`Period` and widens it
to cover every instant its own instants reach, so that uncertainty is carried
through the arithmetic.

Comparison is three-valued (:func:`compare`): one value is definitely
:attr:`Order.BEFORE` or :attr:`Order.AFTER` another only when their spans do not
overlap; otherwise the order is :attr:`Order.UNDETERMINED`. Values have no ``<``
on purpose: a fuzzy date has no single place in a sorted list. Use
:attr:`HistoricalDate.sort_key` to sort for display.

This is the only package of armscontrol that imports pendulum, and it does so
on first use (for the instants :attr:`HistoricalDate.earliest` and
:attr:`HistoricalDate.latest`), so that ``import armscontrol``
stays fast for programs that only compare dates.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
from typing import TYPE_CHECKING, TypeAlias

import attrs

if TYPE_CHECKING:
    import pendulum

from armscontrol.dates import _calendar as cal
from armscontrol.dates import _period as per
from armscontrol.dates._calendar import Precision
from armscontrol.dates._period import Period
from armscontrol.exceptions import DateError

__all__ = [
    "DateLike",
    "HistoricalDate",
    "Order",
    "OrderCheck",
    "Period",
    "Precision",
    "as_date",
    "check_order",
    "compare",
]


class Order(enum.StrEnum):
    """The three-valued answer to "which came first?"."""

    BEFORE = "before"
    """The first value ends no later than the second begins."""
    AFTER = "after"
    """The first value begins no earlier than the second ends."""
    UNDETERMINED = "undetermined"
    """The spans overlap: the sources do not say which came first."""


class OrderCheck(enum.StrEnum):
    """Whether a value recorded after another may really have come after it."""

    OK = "ok"
    """The later value starts and ends no earlier than the first: consistent at
    the stated precision (two events on the same day are in order)."""
    WRONG = "wrong"
    """The later value definitely ends before the first begins."""
    UNDECIDABLE = "undecidable"
    """The fuzzy dates allow either order."""


@attrs.frozen(slots=True, eq=False, repr=False)
class HistoricalDate:
    """A date as a source gives it, with its precision, qualifiers and bounds.

    Build one from its text (``HistoricalDate("2012-04")``, the same as
    :meth:`parse`), with :meth:`of` or :func:`as_date`. Two values are equal
    when they are written the same; use :func:`compare` to ask which came first.

    Example:
        >>> launch = HistoricalDate.parse("2012-04-13")
        >>> window = HistoricalDate.parse("2012-04-12/2012-04-16")
        >>> compare(launch, window)
        <Order.UNDETERMINED: 'undetermined'>
        >>> compare(HistoricalDate.parse("2012-02-29"), launch)
        <Order.BEFORE: 'before'>
    """

    text: str
    """The date exactly as written in the library's syntax."""
    lower: int = attrs.field(init=False)
    """First instant, in POSIX seconds (UTC)."""
    upper: int = attrs.field(init=False)
    """Just past the last instant, in POSIX seconds (UTC); ``upper > lower``."""
    _start: cal.Single | None = attrs.field(init=False)
    _end: cal.Single | None = attrs.field(init=False)
    _interval: bool = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        # Everything but the text is read from it, so no value can disagree with its text.
        lower, upper, start, end, interval = _read(self.text)
        put = object.__setattr__
        put(self, "lower", lower)
        put(self, "upper", upper)
        put(self, "_start", start)
        put(self, "_end", end)
        put(self, "_interval", interval)

    @classmethod
    def parse(cls, text: str) -> HistoricalDate:
        """Read a date in the library's syntax (see the module documentation).

        Raises:
            DateError: The text is not a date in that syntax; the error names
                the text and what was expected.
        """
        if not isinstance(text, str):  # pyright: ignore[reportUnnecessaryIsInstance]  # untyped callers pass anything
            raise DateError(repr(text), "a string")
        return _parse(text)

    @classmethod
    def of(
        cls,
        year: int,
        month: int | None = None,
        day: int | None = None,
        *,
        approximate: bool = False,
        uncertain: bool = False,
    ) -> HistoricalDate:
        """Build a year, month or day value from numbers.

        Raises:
            DateError: The numbers are not a real calendar date.
        """
        numbers: tuple[tuple[str, object], ...] = (("year", year), ("month", month), ("day", day))
        for unit, number in numbers:
            if number is not None and not per.whole(number):
                raise DateError(repr(number), f"a whole number for the {unit}")
        if day is not None and month is None:
            given = f"{year}-?-{day}"
            raise DateError(given, "a month whenever a day is given")
        text = f"{year:04d}"
        if month is not None:
            text += f"-{month:02d}"
        if day is not None:
            text += f"-{day:02d}"
        text += {(True, True): "%", (True, False): "~", (False, True): "?"}.get(
            (approximate, uncertain), ""
        )
        return _parse(text)

    @classmethod
    def interval(cls, start: HistoricalDate | None, end: HistoricalDate | None) -> HistoricalDate:
        """Join two single values into an interval; ``None`` leaves that end open.

        Raises:
            DateError: An end is itself an interval, or the interval ends
                before it begins.
        """
        left = cal.OPEN if start is None else start.text
        right = cal.OPEN if end is None else end.text
        return _parse(f"{left}/{right}")

    # -- what the value is ---------------------------------------------------

    @property
    def is_interval(self) -> bool:
        """Whether the value was written as ``start/end``."""
        return self._interval

    @property
    def start(self) -> HistoricalDate | None:
        """An interval's first end (``None`` when open); a single value is its own start."""
        if not self._interval:
            return self
        return None if self._start is None else _parse(self.text.split("/")[0])

    @property
    def end(self) -> HistoricalDate | None:
        """An interval's last end (``None`` when open); a single value is its own end."""
        if not self._interval:
            return self
        return None if self._end is None else _parse(self.text.split("/")[1])

    @property
    def precision(self) -> Precision:
        """How finely the value is known; for an interval, the coarser of its ends."""
        order = list(Precision)
        ends = [s for s in (self._start, self._end) if s is not None]
        return min((s.precision for s in ends), key=order.index)

    @property
    def approximate(self) -> bool:
        """Whether the value, or either end of an interval, is marked ``~`` or ``%``."""
        return any(s.approximate for s in (self._start, self._end) if s is not None)

    @property
    def uncertain(self) -> bool:
        """Whether the value, or either end of an interval, is marked ``?`` or ``%``."""
        return any(s.uncertain for s in (self._start, self._end) if s is not None)

    @property
    def exact(self) -> bool:
        """Whether the value is one day (or finer) with no qualifier."""
        return (
            not self._interval
            and not self.approximate
            and not self.uncertain
            and self.precision not in (Precision.YEAR, Precision.MONTH)
        )

    @property
    def earliest(self) -> pendulum.DateTime:
        """The first instant the value may stand for, in UTC."""
        import pendulum  # noqa: PLC0415 - imported on first use, see the module docstring

        return pendulum.from_timestamp(self.lower, tz="UTC")

    @property
    def latest(self) -> pendulum.DateTime:
        """The last instant the value may stand for, in UTC (to the microsecond)."""
        import pendulum  # noqa: PLC0415 - imported on first use, see the module docstring

        return pendulum.from_timestamp(self.upper - 1, tz="UTC").add(microseconds=999_999)

    @property
    def sort_key(self) -> tuple[int, int]:
        """A key for sorting values for display: by first, then last instant."""
        return (self.lower, self.upper)

    # -- comparing ------------------------------------------------------------

    def compare(self, other: HistoricalDate) -> Order:
        """Which of the two came first; see :func:`compare`."""
        return compare(self, other)

    def contains(self, other: DateLike) -> bool:
        """Whether every instant of ``other`` lies within this value's bounds."""
        inner = as_date(other)
        return self.lower <= inner.lower and inner.upper <= self.upper

    def overlaps(self, other: DateLike) -> bool:
        """Whether the two values share at least one instant."""
        that = as_date(other)
        return self.lower < that.upper and that.lower < self.upper

    def shift(self, period: Period) -> HistoricalDate:
        """The value moved later by a calendar period: every instant it may stand for, moved.

        One instant moves on the UTC calendar: its years and months are added
        together, its day of the month is kept or, where the month is shorter,
        becomes the month's last day (31 January + ``P1M`` is 28 or 29 February),
        then its days are added; its time of day is kept. The result spans
        exactly the instants so reached, from the first to the last:

        * ``2015-10-18`` + ``P8Y`` is ``2023-10-18``;
        * ``2003`` + ``P3M`` is ``2003-04/2004-03`` (1 January reaches 1 April,
          31 December reaches 31 March);
        * ``2012-04`` + ``P1M`` is ``2012-05-01/2012-05-30`` (no day of April
          reaches 31 May).

        The result keeps the value's precision, qualifier and zone where they
        describe that span (``2012-04~`` + ``P1Y`` is ``2013-04~``); otherwise it
        is the one year, month, day, minute or second, or else the interval with
        the coarsest ends, that describes the span exactly, written in UTC. An
        open end stays open.

        Raises:
            DateError: Some instant of the value would move past 9999-12-31.
        """
        open_start = self._interval and self._start is None
        open_end = self._interval and self._end is None
        lower, upper = per.moved_span(self.lower, self.upper, period)
        lower = cal.MIN_TS if open_start else lower
        upper = cal.MAX_TS if open_end else upper
        if lower >= cal.MAX_TS or upper > cal.MAX_TS:
            given = f"{self.text} + {period}"
            raise DateError(given, cal.NOT_PAST_THE_CALENDAR)
        written = self._moved_as_written(period)
        if (
            written is not None
            and (written.lower, written.upper) == (lower, upper)
            # Not 2012-02-29/2012-02-29 for 2012-01-29/2012-01-31 + P1M: 2012-02-29 says it.
            and not (written.start == written.end and self.start != self.end)
        ):
            return written
        return _parse(per.span_text(lower, upper, open_start=open_start, open_end=open_end))

    def _moved_as_written(self, period: Period) -> HistoricalDate | None:
        """Each written date moved with its own precision, qualifier and zone, if possible."""
        parts = self.text.split("/")
        singles = (self._start, self._end) if self._interval else (self._start,)
        moved: list[str] = []
        for single, part in zip(singles, parts, strict=True):
            text = cal.OPEN if single is None else per.move_written(single, part, period)
            if text is None:
                return None
            moved.append(text)
        try:
            return _parse("/".join(moved))
        except DateError:  # a time moved off the calendar
            return None

    def to_date(self) -> dt.date:
        """The calendar day of an exact day value.

        Raises:
            DateError: The value is not a single unqualified day.
        """
        start = self._start
        if self._interval or start is None or start.day is None or not self.exact:
            raise DateError(self.text, "a single day with no qualifier")
        assert start.month is not None
        return dt.date(start.year, start.month, start.day)

    def __str__(self) -> str:
        return self.text

    def __repr__(self) -> str:
        return f"HistoricalDate({self.text!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, HistoricalDate):
            return NotImplemented
        return self.text == other.text

    def __hash__(self) -> int:
        return hash(self.text)


DateLike: TypeAlias = HistoricalDate | str | dt.date
"""What the library takes wherever a date is asked for: a :class:`HistoricalDate`,
a string in its syntax (``"2012-04"``), or a :class:`datetime.date` or an aware
:class:`datetime.datetime`."""


@functools.lru_cache(maxsize=65_536)
def _parse(text: str) -> HistoricalDate:
    return HistoricalDate(text)


def _read(text: object) -> tuple[int, int, cal.Single | None, cal.Single | None, bool]:
    """A text's bounds, its start and end as written, and whether it is an interval."""
    if not isinstance(text, str):
        raise DateError(repr(text), "a string")
    if "/" in text:
        left, _, right = text.partition("/")
        if "/" in right or (left == cal.OPEN and right == cal.OPEN):
            raise DateError(text, cal.EXPECTED)
        start = None if left == cal.OPEN else cal.parse_single(left, text)
        end = None if right == cal.OPEN else cal.parse_single(right, text)
        lower = cal.MIN_TS if start is None else start.bounds()[0]
        upper = cal.MAX_TS if end is None else end.bounds()[1]
        if start is not None and end is not None and end.bounds()[1] <= start.bounds()[0]:
            raise DateError(text, "an interval whose end is not before its start")
        return lower, upper, start, end, True
    single = cal.parse_single(text, text)
    lower, upper = single.bounds()
    return lower, upper, single, single, False


def as_date(value: DateLike) -> HistoricalDate:
    """Turn any :data:`DateLike` into a :class:`HistoricalDate`.

    A :class:`datetime.date` becomes a day value; an aware
    :class:`datetime.datetime` becomes a value to the second, in UTC.

    Raises:
        DateError: A string not in the library's syntax, a naive datetime, a
            datetime whose instant falls outside the years 1 to 9999 in UTC, or
            a value of another type.
    """
    if isinstance(value, HistoricalDate):
        return value
    if isinstance(value, str):
        return HistoricalDate.parse(value)
    if isinstance(value, dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise DateError(value.isoformat(), "a datetime with a time zone")
        try:
            utc = value.astimezone(dt.UTC)
        except OverflowError:  # the instant is off the calendar in UTC
            raise DateError(value.isoformat(), cal.ON_THE_CALENDAR) from None
        return _parse(f"{utc.replace(tzinfo=None, microsecond=0).isoformat()}Z")
    if isinstance(value, dt.date):  # pyright: ignore[reportUnnecessaryIsInstance]  # untyped callers pass anything
        return _parse(value.isoformat())
    raise DateError(repr(value), "a HistoricalDate, a date string or a datetime.date")


def compare(first: HistoricalDate, second: HistoricalDate) -> Order:
    """Which came first, three-valued.

    :attr:`Order.BEFORE` when ``first`` ends no later than ``second`` begins,
    :attr:`Order.AFTER` in the mirror case, and :attr:`Order.UNDETERMINED`
    when the spans overlap, which includes two values on the same day.
    """
    if first.upper <= second.lower:
        return Order.BEFORE
    if second.upper <= first.lower:
        return Order.AFTER
    return Order.UNDETERMINED


def check_order(first: HistoricalDate, then: HistoricalDate) -> OrderCheck:
    """Whether ``then``, recorded after ``first``, may really have come after it.

    This is the test the validator applies to a history: two transitions on the
    same day are in order (the record's order stands), a later value that
    definitely ends before the first begins is :attr:`OrderCheck.WRONG`, and
    fuzzy values that allow either order are :attr:`OrderCheck.UNDECIDABLE`.
    """
    if then.upper <= first.lower:
        return OrderCheck.WRONG
    if first.lower <= then.lower and first.upper <= then.upper:
        return OrderCheck.OK
    return OrderCheck.UNDECIDABLE
