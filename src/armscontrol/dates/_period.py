"""Periods, and moving an instant or a span by one, on the UTC calendar."""

from __future__ import annotations

import datetime as dt

import attrs

from armscontrol.dates import _calendar as cal
from armscontrol.dates._calendar import Precision
from armscontrol.exceptions import DateError


def whole(number: object) -> bool:
    return isinstance(number, int) and not isinstance(number, bool)


def count(_: object, attribute: attrs.Attribute[int], value: object) -> None:
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

    years: int = attrs.field(default=0, validator=count)
    months: int = attrs.field(default=0, validator=count)
    days: int = attrs.field(default=0, validator=count)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``PnYnMnD`` (any part may be left out, at least one is needed).

        Raises:
            DateError: The text is not such a period.
        """
        match = cal.PERIOD_RE.fullmatch(text)
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


def moved_day(ordinal: int, period: Period) -> int:
    """The day ``period`` after a day, as ordinals; past the calendar, one after its last day.

    Years and months are added together as months; the day of the month is kept
    or, where the month is shorter, becomes its last day; then the days are added.
    """
    day = dt.date.fromordinal(ordinal)
    year, month = divmod(day.year * 12 + day.month - 1 + period.years * 12 + period.months, 12)
    if year > dt.MAXYEAR:
        return cal.LAST_ORDINAL + 1
    first = cal.month_ordinal(year, month + 1)
    length = cal.month_ordinal(year, month + 2) - first
    return min(first + min(day.day, length) - 1 + period.days, cal.LAST_ORDINAL + 1)


def moved(instant: int, period: Period) -> int:
    """An instant moved by a period on the UTC calendar, keeping its time of day.

    Past the calendar the result is no earlier than its end (``cal.MAX_TS``).
    """
    days, time = divmod(instant, cal.DAY)
    return cal.ts(moved_day(days + cal.EPOCH_ORDINAL, period)) + time


def moved_span(lower: int, upper: int, period: Period) -> tuple[int, int]:
    """The first instant and just past the last that the instants of a span reach.

    Moving keeps the order of days but not of instants: where the month's end
    clamps, the last hour of 30 January lands at the end of 28 February and the
    first hour of 31 January at its start. So the first instant reached is the
    span's first moved or its next midnight moved, and the last likewise.
    """
    first_day, last_day = lower // cal.DAY, (upper - 1) // cal.DAY
    low, high = moved(lower, period), moved(upper - 1, period)
    if first_day < last_day:
        low = min(low, moved((first_day + 1) * cal.DAY, period))
        high = max(high, moved(last_day * cal.DAY - 1, period))
    return low, high + 1


UNITS = (Precision.YEAR, Precision.MONTH, Precision.DAY, Precision.MINUTE, Precision.SECOND)


def unit(instant: int, precision: Precision) -> tuple[int, int]:
    """The bounds of the year, month, day, minute or second (UTC) that holds an instant."""
    size = {Precision.SECOND: 1, Precision.MINUTE: 60, Precision.DAY: cal.DAY}.get(precision)
    if size is not None:
        start = instant - instant % size
        return start, start + size
    day = dt.date.fromordinal(instant // cal.DAY + cal.EPOCH_ORDINAL)
    month, step = (day.month, 1) if precision is Precision.MONTH else (1, 12)
    return cal.ts(cal.month_ordinal(day.year, month)), cal.ts(
        cal.month_ordinal(day.year, month + step)
    )


def unit_text(instant: int, precision: Precision) -> str:
    """The year, month, day, minute or second (UTC) that holds an instant, written."""
    days, time = divmod(instant, cal.DAY)
    day = dt.date.fromordinal(days + cal.EPOCH_ORDINAL).isoformat()
    hours, rest = divmod(time, 3600)
    return {
        Precision.YEAR: day[:4],
        Precision.MONTH: day[:7],
        Precision.DAY: day,
        Precision.MINUTE: f"{day}T{hours:02d}:{rest // 60:02d}Z",
        Precision.SECOND: f"{day}T{hours:02d}:{rest // 60:02d}:{rest % 60:02d}Z",
    }[precision]


def span_text(lower: int, upper: int, *, open_start: bool, open_end: bool) -> str:
    """A text whose span is exactly ``[lower, upper)``.

    One year, month, day, minute or second if the span is one; otherwise an
    interval whose ends are as coarse as the span allows.
    """
    if not (open_start or open_end):
        for precision in UNITS:
            if unit(lower, precision) == (lower, upper):
                return unit_text(lower, precision)
    left = cal.OPEN
    if not open_start:
        fits = (p for p in UNITS if unit(lower, p)[0] == lower and unit(lower, p)[1] <= upper)
        left = unit_text(lower, next(fits))
    right = cal.OPEN
    if not open_end:
        last = upper - 1
        fits = (p for p in UNITS if unit(last, p)[1] == upper and unit(last, p)[0] >= lower)
        right = unit_text(last, next(fits))
    return f"{left}/{right}"


def move_written(single: cal.Single, written: str, period: Period) -> str | None:
    """A written date with its calendar date moved, keeping its precision, qualifier and zone."""
    ordinal = dt.date(single.year, single.month or 1, single.day or 1).toordinal()
    moved = moved_day(ordinal, period)
    if moved > cal.LAST_ORDINAL:
        return None
    day = dt.date.fromordinal(moved)
    fields = attrs.evolve(
        single,
        year=day.year,
        month=day.month if single.month is not None else None,
        day=day.day if single.day is not None else None,
    )
    match = cal.SINGLE_RE.fullmatch(written)
    assert match is not None  # it was parsed from this text
    return cal.format_single(fields, match["tz"] or "")
