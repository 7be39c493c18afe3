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

This is the only module of armscontrol that imports pendulum, and it does so
on first use (for the instants :attr:`HistoricalDate.earliest` and
:attr:`HistoricalDate.latest`), so that ``import armscontrol``
stays fast for programs that only compare dates.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from typing import TYPE_CHECKING, TypeAlias

import attrs

if TYPE_CHECKING:
    import pendulum

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

_SINGLE = (
    r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:T(?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?P<tz>Z|[+-]\d{2}:\d{2}))?)?)?"
    r"(?P<q>[?~%])?"
)
_SINGLE_RE = re.compile(_SINGLE, re.ASCII)
_PERIOD_RE = re.compile(r"P(?:(?P<y>\d+)Y)?(?:(?P<m>\d+)M)?(?:(?P<d>\d+)D)?", re.ASCII)
_OPEN = ".."
_EXPECTED = (
    "YYYY, YYYY-MM or YYYY-MM-DD, optionally with a time and zone "
    "(YYYY-MM-DDTHH:MM[:SS]Z or ±HH:MM), optionally ending in ~ (approximate), "
    "? (uncertain) or % (both), or two of these joined by / as an interval "
    "(.. for an open end)"
)
_DAY = 86_400
_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
_LAST_ORDINAL = dt.date.max.toordinal()
_MIN_TS = (dt.date.min.toordinal() - _EPOCH_ORDINAL) * _DAY
_MAX_TS = (_LAST_ORDINAL + 1 - _EPOCH_ORDINAL) * _DAY
_ZONES = (-12 * 3600, 14 * 3600)
"""The zone offsets accepted, in seconds: those of real zones, -12:00 to +14:00."""
_ON_THE_CALENDAR = "a time from 0001-01-01T00:00Z to 9999-12-31T23:59:59Z in UTC"
_NOT_PAST_THE_CALENDAR = "a result no later than 9999-12-31"


class Precision(enum.StrEnum):
    """How finely a date is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    MINUTE = "minute"
    SECOND = "second"


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


def _ts(ordinal: int) -> int:
    return (ordinal - _EPOCH_ORDINAL) * _DAY


def _month_ordinal(year: int, month: int) -> int:
    """Ordinal of the first day of a month, clamped to the representable range."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    if year < dt.MINYEAR:
        return dt.date.min.toordinal()
    if year > dt.MAXYEAR:
        return dt.date.max.toordinal() + 1
    return dt.date(year, month, 1).toordinal()


@attrs.frozen(slots=True)
class _Single:
    """One written date: its fields and qualifiers, before bounds are taken."""

    year: int
    month: int | None
    day: int | None
    seconds: int | None  # seconds after local midnight, when a time is given
    offset: int  # zone offset in seconds (0 when no time)
    second_given: bool
    approximate: bool
    uncertain: bool

    @property
    def precision(self) -> Precision:
        if self.seconds is not None:
            return Precision.SECOND if self.second_given else Precision.MINUTE
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    def bounds(self) -> tuple[int, int]:
        """POSIX seconds of the first instant and just past the last one.

        The widening of a qualified value stops at the ends of the calendar.
        """
        widen = 1 if (self.approximate or self.uncertain) else 0
        if self.seconds is not None:
            start, unit = self.instant(), 1 if self.second_given else 60
            lower, upper = start - widen * unit, start + unit + widen * unit
        elif self.day is not None:
            assert self.month is not None
            ordinal = dt.date(self.year, self.month, self.day).toordinal()
            lower, upper = _ts(ordinal - widen), _ts(ordinal + 1 + widen)
        elif self.month is not None:
            lower = _ts(_month_ordinal(self.year, self.month - widen))
            upper = _ts(_month_ordinal(self.year, self.month + 1 + widen))
        else:
            lower = _ts(_month_ordinal(self.year - widen, 1))
            upper = _ts(_month_ordinal(self.year + 1 + widen, 1))
        return max(lower, _MIN_TS), min(upper, _MAX_TS)

    def instant(self) -> int:
        """POSIX seconds of the written time (the start of its minute or second)."""
        assert self.seconds is not None
        assert self.day is not None
        assert self.month is not None
        base = _ts(dt.date(self.year, self.month, self.day).toordinal())
        return base + self.seconds - self.offset


def _parse_single(text: str, whole: str) -> _Single:
    match = _SINGLE_RE.fullmatch(text)
    if match is None:
        if _SINGLE_RE.fullmatch(text + "Z") is not None:
            raise DateError(whole, "a zone after the time (Z or ±HH:MM)")
        raise DateError(whole, _EXPECTED)
    year = int(match["y"])
    month = int(match["m"]) if match["m"] else None
    day = int(match["d"]) if match["d"] else None
    seconds: int | None = None
    offset = 0
    if year < dt.MINYEAR:
        raise DateError(whole, "a year from 0001 to 9999")
    if month is not None and not 1 <= month <= 12:
        raise DateError(whole, "a month from 01 to 12")
    if day is not None:
        assert month is not None
        try:
            dt.date(year, month, day)
        except ValueError:
            raise DateError(whole, f"a day that exists in {year:04d}-{month:02d}") from None
    if match["H"]:
        hour, minute = int(match["H"]), int(match["M"])
        second = int(match["S"]) if match["S"] else 0
        if hour > 23 or minute > 59 or second > 59:
            raise DateError(whole, "a time from 00:00:00 to 23:59:59")
        seconds = hour * 3600 + minute * 60 + second
        zone = match["tz"]
        if zone != "Z":
            zh, zm = int(zone[1:3]), int(zone[4:6])
            offset = (zh * 3600 + zm * 60) * (-1 if zone[0] == "-" else 1)
            if zm > 59 or not _ZONES[0] <= offset <= _ZONES[1]:
                raise DateError(whole, "a zone offset from -12:00 to +14:00")
    qualifier = match["q"] or ""
    single = _Single(
        year=year,
        month=month,
        day=day,
        seconds=seconds,
        offset=offset,
        second_given=bool(match["S"]),
        approximate=qualifier in "~%" and bool(qualifier),
        uncertain=qualifier in "?%" and bool(qualifier),
    )
    if seconds is not None and not _MIN_TS <= single.instant() < _MAX_TS:
        raise DateError(whole, _ON_THE_CALENDAR)
    return single


def _format_single(single: _Single, zone: str) -> str:
    text = f"{single.year:04d}"
    if single.month is not None:
        text += f"-{single.month:02d}"
    if single.day is not None:
        text += f"-{single.day:02d}"
    if single.seconds is not None:
        hours, rest = divmod(single.seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        text += f"T{hours:02d}:{minutes:02d}"
        if single.second_given:
            text += f":{seconds:02d}"
        text += zone
    if single.approximate and single.uncertain:
        text += "%"
    elif single.approximate:
        text += "~"
    elif single.uncertain:
        text += "?"
    return text


def _whole(number: object) -> bool:
    return isinstance(number, int) and not isinstance(number, bool)


def _count(_: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        given = f"Period({attribute.name}={value!r})"
        raise DateError(given, f"a whole number of {attribute.name}, 0 or more")


@attrs.frozen(slots=True, eq=False)
class Period:
    """A calendar length of time in ISO 8601 form (``P3M``, ``P6M``, ``P8Y``, ``P1Y6M``).

    Used for treaty terms such as a withdrawal notice period or a fixed duration.
    Months and years are calendar units: one month after 31 January is the end
    of February (see :meth:`HistoricalDate.shift`).

    Attributes:
        years: Whole years, 0 or more.
        months: Whole months, 0 or more.
        days: Whole days, 0 or more.

    Raises:
        DateError: A part is not a whole number, 0 or more.
    """

    years: int = attrs.field(default=0, validator=_count)
    months: int = attrs.field(default=0, validator=_count)
    days: int = attrs.field(default=0, validator=_count)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``PnYnMnD`` (any part may be left out, at least one is needed).

        Raises:
            DateError: The text is not such a period.
        """
        match = _PERIOD_RE.fullmatch(text)
        if match is None or text == "P":
            raise DateError(text, "an ISO 8601 period such as P3M, P6M, P8Y or P1Y6M")
        return cls(int(match["y"] or 0), int(match["m"] or 0), int(match["d"] or 0))

    def __str__(self) -> str:
        parts = [(self.years, "Y"), (self.months, "M"), (self.days, "D")]
        body = "".join(f"{n}{unit}" for n, unit in parts if n)
        return f"P{body or '0D'}"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return (self.years, self.months, self.days) == (other.years, other.months, other.days)

    def __hash__(self) -> int:
        return hash((Period, self.years, self.months, self.days))


def _moved_day(ordinal: int, period: Period) -> int:
    """The day ``period`` after a day, as ordinals; past the calendar, one after its last day.

    Years and months are added together as months; the day of the month is kept
    or, where the month is shorter, becomes its last day; then the days are added.
    """
    day = dt.date.fromordinal(ordinal)
    year, month = divmod(day.year * 12 + day.month - 1 + period.years * 12 + period.months, 12)
    if year > dt.MAXYEAR:
        return _LAST_ORDINAL + 1
    first = _month_ordinal(year, month + 1)
    length = _month_ordinal(year, month + 2) - first
    return min(first + min(day.day, length) - 1 + period.days, _LAST_ORDINAL + 1)


def _moved(instant: int, period: Period) -> int:
    """An instant moved by a period on the UTC calendar, keeping its time of day.

    Past the calendar the result is no earlier than its end (``_MAX_TS``).
    """
    days, time = divmod(instant, _DAY)
    return _ts(_moved_day(days + _EPOCH_ORDINAL, period)) + time


def _moved_span(lower: int, upper: int, period: Period) -> tuple[int, int]:
    """The first instant and just past the last that the instants of a span reach.

    Moving keeps the order of days but not of instants: where the month's end
    clamps, the last hour of 30 January lands at the end of 28 February and the
    first hour of 31 January at its start. So the first instant reached is the
    span's first moved or its next midnight moved, and the last likewise.
    """
    first_day, last_day = lower // _DAY, (upper - 1) // _DAY
    low, high = _moved(lower, period), _moved(upper - 1, period)
    if first_day < last_day:
        low = min(low, _moved((first_day + 1) * _DAY, period))
        high = max(high, _moved(last_day * _DAY - 1, period))
    return low, high + 1


_UNITS = (Precision.YEAR, Precision.MONTH, Precision.DAY, Precision.MINUTE, Precision.SECOND)


def _unit(instant: int, precision: Precision) -> tuple[int, int]:
    """The bounds of the year, month, day, minute or second (UTC) that holds an instant."""
    size = {Precision.SECOND: 1, Precision.MINUTE: 60, Precision.DAY: _DAY}.get(precision)
    if size is not None:
        start = instant - instant % size
        return start, start + size
    day = dt.date.fromordinal(instant // _DAY + _EPOCH_ORDINAL)
    month, step = (day.month, 1) if precision is Precision.MONTH else (1, 12)
    return _ts(_month_ordinal(day.year, month)), _ts(_month_ordinal(day.year, month + step))


def _unit_text(instant: int, precision: Precision) -> str:
    """The year, month, day, minute or second (UTC) that holds an instant, written."""
    days, time = divmod(instant, _DAY)
    day = dt.date.fromordinal(days + _EPOCH_ORDINAL).isoformat()
    hours, rest = divmod(time, 3600)
    return {
        Precision.YEAR: day[:4],
        Precision.MONTH: day[:7],
        Precision.DAY: day,
        Precision.MINUTE: f"{day}T{hours:02d}:{rest // 60:02d}Z",
        Precision.SECOND: f"{day}T{hours:02d}:{rest // 60:02d}:{rest % 60:02d}Z",
    }[precision]


def _span_text(lower: int, upper: int, *, open_start: bool, open_end: bool) -> str:
    """A text whose span is exactly ``[lower, upper)``.

    One year, month, day, minute or second if the span is one; otherwise an
    interval whose ends are as coarse as the span allows.
    """
    if not (open_start or open_end):
        for precision in _UNITS:
            if _unit(lower, precision) == (lower, upper):
                return _unit_text(lower, precision)
    left = _OPEN
    if not open_start:
        fits = (p for p in _UNITS if _unit(lower, p)[0] == lower and _unit(lower, p)[1] <= upper)
        left = _unit_text(lower, next(fits))
    right = _OPEN
    if not open_end:
        last = upper - 1
        fits = (p for p in _UNITS if _unit(last, p)[1] == upper and _unit(last, p)[0] >= lower)
        right = _unit_text(last, next(fits))
    return f"{left}/{right}"


def _move_written(single: _Single, written: str, period: Period) -> str | None:
    """A written date with its calendar date moved, keeping its precision, qualifier and zone."""
    ordinal = dt.date(single.year, single.month or 1, single.day or 1).toordinal()
    moved = _moved_day(ordinal, period)
    if moved > _LAST_ORDINAL:
        return None
    day = dt.date.fromordinal(moved)
    fields = attrs.evolve(
        single,
        year=day.year,
        month=day.month if single.month is not None else None,
        day=day.day if single.day is not None else None,
    )
    match = _SINGLE_RE.fullmatch(written)
    assert match is not None  # it was parsed from this text
    return _format_single(fields, match["tz"] or "")


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
    _start: _Single | None = attrs.field(init=False)
    _end: _Single | None = attrs.field(init=False)
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
            if number is not None and not _whole(number):
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
        left = _OPEN if start is None else start.text
        right = _OPEN if end is None else end.text
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
        lower, upper = _moved_span(self.lower, self.upper, period)
        lower = _MIN_TS if open_start else lower
        upper = _MAX_TS if open_end else upper
        if lower >= _MAX_TS or upper > _MAX_TS:
            given = f"{self.text} + {period}"
            raise DateError(given, _NOT_PAST_THE_CALENDAR)
        written = self._moved_as_written(period)
        if (
            written is not None
            and (written.lower, written.upper) == (lower, upper)
            # Not 2012-02-29/2012-02-29 for 2012-01-29/2012-01-31 + P1M: 2012-02-29 says it.
            and not (written.start == written.end and self.start != self.end)
        ):
            return written
        return _parse(_span_text(lower, upper, open_start=open_start, open_end=open_end))

    def _moved_as_written(self, period: Period) -> HistoricalDate | None:
        """Each written date moved with its own precision, qualifier and zone, if possible."""
        parts = self.text.split("/")
        singles = (self._start, self._end) if self._interval else (self._start,)
        moved: list[str] = []
        for single, part in zip(singles, parts, strict=True):
            text = _OPEN if single is None else _move_written(single, part, period)
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


def _read(text: object) -> tuple[int, int, _Single | None, _Single | None, bool]:
    """A text's bounds, its start and end as written, and whether it is an interval."""
    if not isinstance(text, str):
        raise DateError(repr(text), "a string")
    if "/" in text:
        left, _, right = text.partition("/")
        if "/" in right or (left == _OPEN and right == _OPEN):
            raise DateError(text, _EXPECTED)
        start = None if left == _OPEN else _parse_single(left, text)
        end = None if right == _OPEN else _parse_single(right, text)
        lower = _MIN_TS if start is None else start.bounds()[0]
        upper = _MAX_TS if end is None else end.bounds()[1]
        if start is not None and end is not None and end.bounds()[1] <= start.bounds()[0]:
            raise DateError(text, "an interval whose end is not before its start")
        return lower, upper, start, end, True
    single = _parse_single(text, text)
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
            raise DateError(value.isoformat(), _ON_THE_CALENDAR) from None
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
