"""The calendar under every date: the syntax, bounds as POSIX seconds, one written date."""

from __future__ import annotations

import datetime as dt
import enum
import re

import attrs

from armscontrol.exceptions import DateError

SINGLE = (
    r"(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2})"
    r"(?:T(?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?P<tz>Z|[+-]\d{2}:\d{2}))?)?)?"
    r"(?P<q>[?~%])?"
)
SINGLE_RE = re.compile(SINGLE, re.ASCII)
PERIOD_RE = re.compile(r"P(?:(?P<y>\d+)Y)?(?:(?P<m>\d+)M)?(?:(?P<d>\d+)D)?", re.ASCII)
OPEN = ".."
EXPECTED = (
    "YYYY, YYYY-MM or YYYY-MM-DD, optionally with a time and zone "
    "(YYYY-MM-DDTHH:MM[:SS]Z or ±HH:MM), optionally ending in ~ (approximate), "
    "? (uncertain) or % (both), or two of these joined by / as an interval "
    "(.. for an open end)"
)
DAY = 86_400
EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()
LAST_ORDINAL = dt.date.max.toordinal()
MIN_TS = (dt.date.min.toordinal() - EPOCH_ORDINAL) * DAY
MAX_TS = (LAST_ORDINAL + 1 - EPOCH_ORDINAL) * DAY
ZONES = (-12 * 3600, 14 * 3600)
"""The zone offsets accepted, in seconds: those of real zones, -12:00 to +14:00."""
ON_THE_CALENDAR = "a time from 0001-01-01T00:00Z to 9999-12-31T23:59:59Z in UTC"
NOT_PAST_THE_CALENDAR = "a result no later than 9999-12-31"


class Precision(enum.StrEnum):
    """How finely a date is known."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    MINUTE = "minute"
    SECOND = "second"


def ts(ordinal: int) -> int:
    return (ordinal - EPOCH_ORDINAL) * DAY


def month_ordinal(year: int, month: int) -> int:
    """Ordinal of the first day of a month, clamped to the representable range."""
    year += (month - 1) // 12
    month = (month - 1) % 12 + 1
    if year < dt.MINYEAR:
        return dt.date.min.toordinal()
    if year > dt.MAXYEAR:
        return dt.date.max.toordinal() + 1
    return dt.date(year, month, 1).toordinal()


@attrs.frozen(slots=True)
class Single:
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
            lower, upper = ts(ordinal - widen), ts(ordinal + 1 + widen)
        elif self.month is not None:
            lower = ts(month_ordinal(self.year, self.month - widen))
            upper = ts(month_ordinal(self.year, self.month + 1 + widen))
        else:
            lower = ts(month_ordinal(self.year - widen, 1))
            upper = ts(month_ordinal(self.year + 1 + widen, 1))
        return max(lower, MIN_TS), min(upper, MAX_TS)

    def instant(self) -> int:
        """POSIX seconds of the written time (the start of its minute or second)."""
        assert self.seconds is not None
        assert self.day is not None
        assert self.month is not None
        base = ts(dt.date(self.year, self.month, self.day).toordinal())
        return base + self.seconds - self.offset


def parse_single(text: str, whole: str) -> Single:
    match = SINGLE_RE.fullmatch(text)
    if match is None:
        if SINGLE_RE.fullmatch(text + "Z") is not None:
            raise DateError(whole, "a zone after the time (Z or ±HH:MM)")
        raise DateError(whole, EXPECTED)
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
            if zm > 59 or not ZONES[0] <= offset <= ZONES[1]:
                raise DateError(whole, "a zone offset from -12:00 to +14:00")
    qualifier = match["q"] or ""
    single = Single(
        year=year,
        month=month,
        day=day,
        seconds=seconds,
        offset=offset,
        second_given=bool(match["S"]),
        approximate=qualifier in "~%" and bool(qualifier),
        uncertain=qualifier in "?%" and bool(qualifier),
    )
    if seconds is not None and not MIN_TS <= single.instant() < MAX_TS:
        raise DateError(whole, ON_THE_CALENDAR)
    return single


def format_single(single: Single, zone: str) -> str:
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
