import datetime as dt
import pickle

import attrs
import pendulum
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from armscontrol.dates import (
    HistoricalDate,
    Order,
    OrderCheck,
    Period,
    Precision,
    as_date,
    check_order,
    compare,
)
from armscontrol.exceptions import ArmsControlError, DateError
from strategies import dates, month_end_dates, periods


def d(text: str) -> HistoricalDate:
    """Parse a date (shorthand)."""
    return HistoricalDate.parse(text)


def utc(  # noqa: PLR0917 - mirrors datetime's own signature
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> dt.datetime:
    """An aware UTC datetime (shorthand)."""
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.UTC)


# -- strategies -------------------------------------------------------------------

years = st.integers(min_value=1900, max_value=2100)
qualifiers = st.sampled_from(["", "~", "?", "%"])


@st.composite
def singles(draw: st.DrawFn) -> str:
    """Texts of single dates at every precision, with any qualifier."""
    year = draw(years)
    precision = draw(st.sampled_from(["year", "month", "day", "minute", "second"]))
    if precision == "year":
        return f"{year:04d}{draw(qualifiers)}"
    month = draw(st.integers(1, 12))
    if precision == "month":
        return f"{year:04d}-{month:02d}{draw(qualifiers)}"
    day = draw(st.integers(1, 28))
    text = f"{year:04d}-{month:02d}-{day:02d}"
    if precision != "day":
        text += f"T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
        if precision == "second":
            text += f":{draw(st.integers(0, 59)):02d}"
        text += draw(st.sampled_from(["Z", "+09:00", "-05:00", "+05:30"]))
    return text + draw(qualifiers)


@st.composite
def texts(draw: st.DrawFn) -> str:
    """Texts of any date the syntax accepts: singles and intervals."""
    if not draw(st.booleans()):
        return draw(singles())
    first, second = sorted([d(draw(singles())), d(draw(singles()))], key=lambda x: x.lower)
    if second.upper <= first.lower:  # pragma: no cover - sorted by lower, cannot happen
        first, second = second, first
    left = ".." if draw(st.integers(0, 9)) == 0 else first.text
    right = ".." if left != ".." and draw(st.integers(0, 9)) == 0 else second.text
    return f"{left}/{right}"


values = texts().map(d)


# -- parsing and formatting -------------------------------------------------------


class TestParse:
    """Reading each form of the syntax."""

    @pytest.mark.parametrize(
        ("text", "precision", "earliest", "latest_exclusive"),
        [
            ("2012-02-29", Precision.DAY, utc(2012, 2, 29), utc(2012, 3, 1)),
            ("2012-04", Precision.MONTH, utc(2012, 4, 1), utc(2012, 5, 1)),
            ("2009", Precision.YEAR, utc(2009, 1, 1), utc(2010, 1, 1)),
            ("2012-12", Precision.MONTH, utc(2012, 12, 1), utc(2013, 1, 1)),
            (
                "2012-04-12T22:39Z",
                Precision.MINUTE,
                utc(2012, 4, 12, 22, 39),
                utc(2012, 4, 12, 22, 40),
            ),
            (
                "2013-02-12T11:57:51+09:00",
                Precision.SECOND,
                utc(2013, 2, 12, 2, 57, 51),
                utc(2013, 2, 12, 2, 57, 52),
            ),
        ],
    )
    def test_bounds(
        self, text: str, precision: Precision, earliest: dt.datetime, latest_exclusive: dt.datetime
    ) -> None:
        """Each precision spans exactly its day, month, year, minute or second."""
        value = d(text)
        assert precision == value.precision
        assert earliest == value.earliest
        assert latest_exclusive - dt.timedelta(microseconds=1) == value.latest
        assert int(earliest.timestamp()) == value.lower
        assert int(latest_exclusive.timestamp()) == value.upper

    @pytest.mark.parametrize(
        ("text", "earliest", "latest_exclusive"),
        [
            ("2013-06~", utc(2013, 5, 1), utc(2013, 8, 1)),
            ("2012-04-13?", utc(2012, 4, 12), utc(2012, 4, 15)),
            ("2012-04-13%", utc(2012, 4, 12), utc(2012, 4, 15)),
            ("2009~", utc(2008, 1, 1), utc(2011, 1, 1)),
            ("2012-12~", utc(2012, 11, 1), utc(2013, 2, 1)),
        ],
    )
    def test_qualifiers_widen(
        self, text: str, earliest: dt.datetime, latest_exclusive: dt.datetime
    ) -> None:
        """Approximate and uncertain values widen by one unit of precision on each side."""
        value = d(text)
        assert (earliest, latest_exclusive) == (
            value.earliest,
            value.latest + dt.timedelta(microseconds=1),
        )

    def test_qualifier_flags(self) -> None:
        """The qualifiers are reported as approximate and uncertain flags."""
        assert (True, False) == (d("2013-06~").approximate, d("2013-06~").uncertain)
        assert (False, True) == (d("2013-06?").approximate, d("2013-06?").uncertain)
        assert (True, True) == (d("2013-06%").approximate, d("2013-06%").uncertain)
        assert (False, False) == (d("2013-06").approximate, d("2013-06").uncertain)

    def test_interval(self) -> None:
        """An interval runs from its start's first instant to its end's last."""
        window = d("2012-04-12/2012-04-16")
        assert window.is_interval
        assert d("2012-04-12") == window.start
        assert d("2012-04-16") == window.end
        assert (utc(2012, 4, 12), utc(2012, 4, 17)) == (
            window.earliest,
            window.latest + dt.timedelta(microseconds=1),
        )

    def test_interval_ends_keep_their_precision(self) -> None:
        """Each end of an interval has its own precision; the interval takes the coarser."""
        value = d("2012-04-13/2012-05")
        assert Precision.MONTH == value.precision
        assert utc(2012, 6, 1) == value.latest + dt.timedelta(microseconds=1)

    def test_open_intervals(self) -> None:
        """An open end reaches the edge of the calendar."""
        since = d("2003-01-10/..")
        until = d("../1985")
        assert since.end is None
        assert until.start is None
        assert 9999 == since.latest.year
        assert 1 == until.earliest.year

    def test_single_is_its_own_start_and_end(self) -> None:
        """A single value is its own start and end."""
        value = d("2012-04")
        assert (value, value) == (value.start, value.end)

    def test_exact(self) -> None:
        """Only unqualified single days and finer count as exact."""
        assert d("2012-02-29").exact
        assert d("2012-04-12T22:39Z").exact
        assert not d("2012-04").exact
        assert not d("2012-04-13?").exact
        assert not d("2012-04-12/2012-04-16").exact


class TestRoundTrip:
    """Parse and format are inverse on every accepted text."""

    @given(texts())
    def test_format_of_parse_is_identity(self, text: str) -> None:
        """Formatting a parsed text gives back exactly the same text."""
        assert text == str(d(text))

    @given(values)
    def test_parse_of_format_is_identity(self, value: HistoricalDate) -> None:
        """Parsing a formatted value gives back an equal value with equal bounds."""
        again = d(str(value))
        assert value == again
        assert (value.lower, value.upper) == (again.lower, again.upper)

    @given(values)
    def test_bounds_are_ordered(self, value: HistoricalDate) -> None:
        """Every value has a non-empty span."""
        assert value.lower < value.upper
        assert value.earliest < value.latest

    @given(years, st.integers(1, 12), st.integers(1, 28), qualifiers)
    def test_of_matches_parse(self, year: int, month: int, day: int, q: str) -> None:
        """Building from numbers equals parsing the same date."""
        built = HistoricalDate.of(
            year, month, day, approximate=q in "~%" and q != "", uncertain=q in "?%" and q != ""
        )
        assert d(f"{year:04d}-{month:02d}-{day:02d}{q}") == built


class TestBadText:
    """Text that is not a date raises the project's own error, naming the text."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2013-02-29", "a day that exists in 2013-02"),
            ("2012-13", "a month from 01 to 12"),
            ("2012-00", "a month from 01 to 12"),
            ("0000", "a year from 0001 to 9999"),
            ("2012-04-12T22:39", "a zone after the time"),
            ("2012-04-12T25:00Z", "a time from 00:00:00 to 23:59:59"),
            ("2012-04-12T10:00+15:00", "a zone offset"),
            ("2012-04-12T10:00+14:59", "a zone offset from -12:00 to +14:00"),
            ("2012-04-12T10:00+14:01", "a zone offset from -12:00 to +14:00"),
            ("2012-04-12T10:00-12:30", "a zone offset from -12:00 to +14:00"),
            ("2012-04-12T10:00+05:60", "a zone offset from -12:00 to +14:00"),
            ("0001-01-01T00:00+01:00", "a time from 0001-01-01T00:00Z to 9999-12-31T23:59:59Z"),
            ("9999-12-31T23:30-01:00", "a time from 0001-01-01T00:00Z to 9999-12-31T23:59:59Z"),
            ("0001-01-01T00:00+00:01?", "a time from 0001-01-01T00:00Z"),
            ("2012-05/2012-04", "an interval whose end is not before its start"),
            ("2012-4", "YYYY, YYYY-MM or YYYY-MM-DD"),
            ("29 February 2012", "YYYY, YYYY-MM or YYYY-MM-DD"),
            ("", "YYYY, YYYY-MM or YYYY-MM-DD"),
            ("../..", "YYYY, YYYY-MM or YYYY-MM-DD"),
            ("2012/2013/2014", "YYYY, YYYY-MM or YYYY-MM-DD"),
            ("٢٠١٢", "YYYY, YYYY-MM or YYYY-MM-DD"),
            ("2012-04-13~?", "YYYY, YYYY-MM or YYYY-MM-DD"),
        ],
    )
    def test_rejected(self, text: str, expected: str) -> None:
        """The error names the text and what would have been accepted."""
        with pytest.raises(DateError) as caught:
            d(text)
        assert text == caught.value.text
        assert expected in caught.value.expected
        assert repr(text) in str(caught.value)

    def test_error_is_under_the_root(self) -> None:
        """A date error is an ArmsControlError and a ValueError."""
        with pytest.raises(ArmsControlError):
            d("soon")
        with pytest.raises(ValueError, match="not a historical date"):
            d("soon")

    def test_non_string(self) -> None:
        """A value that is not a string is refused with the same error type."""
        with pytest.raises(DateError):
            HistoricalDate.parse(2012)  # type: ignore[arg-type]
        with pytest.raises(DateError, match="a string"):
            HistoricalDate([2012])  # type: ignore[arg-type]

    @pytest.mark.parametrize("text", ["2012-04-12T10:00+14:00", "2012-04-12T10:00-12:00"])
    def test_zone_extremes_accepted(self, text: str) -> None:
        """The zones of the real world, from -12:00 to +14:00, are accepted."""
        assert text == d(text).text

    @pytest.mark.parametrize(
        ("fields", "unit"), [(("2012",), "year"), ((2012, 4.0), "month"), ((2012, 4, True), "day")]
    )
    def test_of_takes_whole_numbers(self, fields: tuple[object, ...], unit: str) -> None:
        """Building from anything but whole numbers is a DateError, not a formatting error."""
        with pytest.raises(DateError, match=f"a whole number for the {unit}"):
            HistoricalDate.of(*fields)  # type: ignore[arg-type]


class TestCalendarEdges:
    """Values stay within the years 1 to 9999 in UTC, so every bound is an instant."""

    @pytest.mark.parametrize(
        ("text", "earliest", "latest_exclusive"),
        [
            ("9999-12-31~", utc(9999, 12, 30), None),
            ("0001-01-01?", utc(1, 1, 1), utc(1, 1, 3)),
            ("9999-12~", utc(9999, 11, 1), None),
            ("0001~", utc(1, 1, 1), utc(3, 1, 1)),
            ("0001-01-01T00:00Z?", utc(1, 1, 1), utc(1, 1, 1, 0, 2)),
            ("9999-12-31T23:59:59Z%", utc(9999, 12, 31, 23, 59, 58), None),
            ("0001-01-01T09:00+09:00", utc(1, 1, 1), utc(1, 1, 1, 0, 1)),
        ],
    )
    def test_widening_stops_at_the_edge(
        self, text: str, earliest: dt.datetime, latest_exclusive: dt.datetime | None
    ) -> None:
        """A qualified value at the calendar's edge is widened only as far as the edge."""
        value = d(text)
        end = latest_exclusive or dt.datetime.max.replace(tzinfo=dt.UTC)
        if latest_exclusive is not None:
            end -= dt.timedelta(microseconds=1)
        assert (earliest, end) == (value.earliest, value.latest)


class TestConstructor:
    """HistoricalDate(text) reads the text; nothing else can be passed in."""

    def test_text_is_parsed(self) -> None:
        """The constructor gives the same value and bounds as parse."""
        value = HistoricalDate("2012-04~")
        assert d("2012-04~") == value
        assert (d("2012-04~").lower, d("2012-04~").upper) == (value.lower, value.upper)
        assert Precision.MONTH == value.precision

    def test_bad_text(self) -> None:
        """A text outside the syntax raises DateError."""
        with pytest.raises(DateError, match="YYYY"):
            HistoricalDate("soon")

    def test_internal_fields_not_accepted(self) -> None:
        """Bounds and parts cannot be passed in, so they never disagree with the text."""
        with pytest.raises(TypeError):
            HistoricalDate("2012", 0, 1, None, None, interval=True)  # type: ignore[call-arg]

    def test_evolve_reads_the_new_text(self) -> None:
        """attrs.evolve with a new text gives that text's bounds."""
        assert d("2013").sort_key == attrs.evolve(d("2012"), text="2013").sort_key

    @given(dates())
    def test_pickle(self, value: HistoricalDate) -> None:
        """A value survives pickling with its bounds."""
        again = pickle.loads(pickle.dumps(value))
        assert (value, value.sort_key, value.precision) == (again, again.sort_key, again.precision)


@st.composite
def near_dates(draw: st.DrawFn) -> str:
    """Texts close to the syntax, with numbers at and past the edges of what it allows."""
    number = st.sampled_from([0, 1, 2, 9, 10, 12, 13, 14, 15, 23, 24, 28, 29, 30, 31, 32, 59, 60])
    year = draw(st.sampled_from([0, 1, 2, 999, 1970, 2012, 9998, 9999, 10000]))
    text = f"{year:04d}"
    for separator in ("-", "-", "T", ":", ":"):
        if draw(st.integers(0, 4)) == 0:
            break
        text += f"{separator}{draw(number):02d}"
    if "T" in text:
        text += draw(st.sampled_from(["", "Z", "+", "-"]))
        if text[-1] in "+-":
            text += f"{draw(number):02d}:{draw(number):02d}"
    return text + draw(st.sampled_from(["", "~", "?", "%", "~?"]))


def any_texts() -> st.SearchStrategy[str]:
    """Any text: arbitrary characters, near misses, and intervals of them."""
    one = st.text(max_size=12) | near_dates() | st.just("..")
    return one | st.builds("{}/{}".format, one, one)


class TestAnyText:
    """Any text either is a date whose every property works, or raises DateError."""

    @settings(max_examples=500)
    @given(any_texts())
    @example("9999-12-31~")
    @example("0001-01-01?")
    @example("0001-01-01T00:00+14:00")
    @example("9999-12-31T23:59-12:00/..")
    def test_parses_fully_or_raises_date_error(self, text: str) -> None:
        """No text raises anything but DateError, now or later when a property is read."""
        try:
            value = d(text)
        except DateError:
            return
        assert text == str(value)
        assert value == d(str(value))
        assert value.earliest <= value.latest
        assert value.lower < value.upper
        assert value.precision in Precision
        assert isinstance(value.exact, bool)
        assert value.approximate in {True, False}
        assert value.uncertain in {True, False}
        for end in (value.start, value.end):
            if end is not None:
                assert end.earliest <= end.latest
                assert end.precision in Precision
        assert value == value.shift(Period())


# -- comparing ----------------------------------------------------------------------


class TestCompare:
    """Three-valued comparison never silently picks an order."""

    @pytest.mark.parametrize(
        ("first", "second", "expected"),
        [
            ("2012-02-29", "2012-03-01", Order.BEFORE),
            ("2012-03-01", "2012-02-29", Order.AFTER),
            ("2012-04-13", "2012-04-13", Order.UNDETERMINED),
            ("2012-04", "2012-04-13", Order.UNDETERMINED),
            ("2012-04-13", "2012-04-12/2012-04-16", Order.UNDETERMINED),
            ("2012-03", "2012-04-12/2012-04-16", Order.BEFORE),
            ("2012-04-12T22:39Z", "2012-04-13", Order.BEFORE),
            ("2012-04-13T07:39+09:00", "2012-04-13", Order.BEFORE),
            ("2013-02-13", "2013-02-12T11:57+09:00", Order.AFTER),
            ("2013-06~", "2013-07-01", Order.UNDETERMINED),
            ("2012-04-13?", "2012-04-12", Order.UNDETERMINED),
        ],
    )
    def test_examples(self, first: str, second: str, expected: Order) -> None:
        """Known pairs from the sources compare as expected."""
        assert expected == compare(d(first), d(second))
        assert expected == d(first).compare(d(second))

    @given(values, values)
    def test_antisymmetry(self, a: HistoricalDate, b: HistoricalDate) -> None:
        """A value a is before b exactly when b after a; undetermined is symmetric."""
        mirror = {Order.BEFORE: Order.AFTER, Order.AFTER: Order.BEFORE}
        expected = mirror.get(compare(a, b), Order.UNDETERMINED)
        assert expected == compare(b, a)

    @given(values, values, values)
    def test_transitivity(self, a: HistoricalDate, b: HistoricalDate, c: HistoricalDate) -> None:
        """Wherever both steps are determined, the order carries through."""
        if compare(a, b) == Order.BEFORE and compare(b, c) == Order.BEFORE:
            assert Order.BEFORE == compare(a, c)
        if compare(a, b) == Order.AFTER and compare(b, c) == Order.AFTER:
            assert Order.AFTER == compare(a, c)

    @given(values)
    def test_irreflexive(self, a: HistoricalDate) -> None:
        """No value is definitely before or after itself."""
        assert Order.UNDETERMINED == compare(a, a)

    @given(values, values)
    def test_determined_means_disjoint(self, a: HistoricalDate, b: HistoricalDate) -> None:
        """An order is determined exactly when the spans share no instant."""
        assert (compare(a, b) != Order.UNDETERMINED) == (not a.overlaps(b))

    def test_no_less_than(self) -> None:
        """Fuzzy dates refuse the ordering operators rather than pick."""
        with pytest.raises(TypeError):
            _ = d("2012") < d("2013")  # type: ignore[operator]


class TestCheckOrder:
    """The validator's test for two values recorded one after the other."""

    @pytest.mark.parametrize(
        ("first", "then", "expected"),
        [
            ("2012-02-29", "2012-02-29", OrderCheck.OK),
            ("2012-02-29", "2012-03-28", OrderCheck.OK),
            ("2012-04-13", "2012-04-13/2012-04-30", OrderCheck.OK),
            ("2012-04-13", "2012-04-12", OrderCheck.WRONG),
            ("2012-04-13", "2012-04", OrderCheck.UNDECIDABLE),
            ("2012-04", "2012-04-13", OrderCheck.UNDECIDABLE),
            ("2012-04", "2012-05", OrderCheck.OK),
        ],
    )
    def test_examples(self, first: str, then: str, expected: OrderCheck) -> None:
        """Same day is in order, a definite inversion is wrong, overlap is undecidable."""
        assert expected == check_order(d(first), d(then))

    @given(values, values)
    def test_agrees_with_compare(self, a: HistoricalDate, b: HistoricalDate) -> None:
        """WRONG exactly when the second is definitely before the first."""
        assert (check_order(a, b) == OrderCheck.WRONG) == (compare(b, a) == Order.BEFORE)

    @given(values, values)
    def test_before_is_ok(self, a: HistoricalDate, b: HistoricalDate) -> None:
        """A second value definitely after the first is always in order."""
        if compare(a, b) == Order.BEFORE:
            assert OrderCheck.OK == check_order(a, b)


class TestContainment:
    """contains and overlaps work on spans."""

    def test_month_contains_day(self) -> None:
        """A month contains each of its days but not the next month's."""
        assert d("2012-04").contains("2012-04-13")
        assert not d("2012-04").contains("2012-05-01")
        assert d("2012-04").overlaps(d("2012-04-30/2012-05-02"))

    @given(values, values)
    def test_containment_implies_overlap(self, a: HistoricalDate, b: HistoricalDate) -> None:
        """A value that contains another overlaps it."""
        if a.contains(b):
            assert a.overlaps(b)


# -- conversions and arithmetic -----------------------------------------------------


class TestAsDate:
    """Every DateLike turns into a HistoricalDate."""

    def test_accepts_each_kind(self) -> None:
        """Strings, dates, aware datetimes and values themselves are accepted."""
        value = d("2012-02-29")
        assert value == as_date("2012-02-29")
        assert value == as_date(dt.date(2012, 2, 29))
        assert value is as_date(value)
        moment = as_date(dt.datetime(2012, 4, 13, 7, 39, tzinfo=dt.timezone(dt.timedelta(hours=9))))
        assert "2012-04-12T22:39:00Z" == moment.text

    @pytest.mark.parametrize(
        ("moment", "expected"),
        [
            (utc(999, 1, 1), "0999-01-01T00:00:00Z"),
            (utc(1, 1, 1), "0001-01-01T00:00:00Z"),
            (
                dt.datetime(1, 1, 1, 5, 30, tzinfo=dt.timezone(dt.timedelta(hours=5))),
                "0001-01-01T00:30:00Z",
            ),
            (utc(9999, 12, 31, 23, 59, 59), "9999-12-31T23:59:59Z"),
        ],
    )
    def test_every_year_of_the_calendar(self, moment: dt.datetime, expected: str) -> None:
        """Years before 1000 are written with four digits; the calendar's ends are accepted."""
        assert expected == as_date(moment).text

    @pytest.mark.parametrize(
        "moment",
        [
            dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5))),
            dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
        ],
    )
    def test_off_the_calendar_in_utc(self, moment: dt.datetime) -> None:
        """An aware datetime whose instant is before year 1 or after 9999 in UTC is a DateError."""
        with pytest.raises(DateError) as caught:
            as_date(moment)
        assert moment.isoformat() == caught.value.text
        assert "9999-12-31T23:59:59Z in UTC" in caught.value.expected

    def test_naive_datetime_refused(self) -> None:
        """A naive datetime is refused: its instant is unknown."""
        with pytest.raises(DateError, match="time zone"):
            as_date(dt.datetime(2012, 4, 13, 7, 39))  # noqa: DTZ001 - the point of the test

    def test_other_types_refused(self) -> None:
        """Numbers and other objects are refused with the project's error."""
        with pytest.raises(DateError):
            as_date(2012)  # type: ignore[arg-type]

    def test_to_date(self) -> None:
        """An exact day converts back to a datetime.date; a fuzzy value refuses."""
        assert dt.date(2012, 2, 29) == d("2012-02-29").to_date()
        with pytest.raises(DateError):
            d("2012-02").to_date()


class TestPeriod:
    """Calendar periods for treaty terms."""

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("P3M", Period(months=3)),
            ("P8Y", Period(years=8)),
            ("P1Y6M", Period(1, 6)),
            ("P10D", Period(days=10)),
        ],
    )
    def test_parse_and_format(self, text: str, expected: Period) -> None:
        """Periods parse from and format to ISO 8601."""
        assert expected == Period.parse(text)
        assert text == str(Period.parse(text))

    @pytest.mark.parametrize("text", ["P", "3M", "P3W", "P-3M", "p3m", ""])
    def test_bad(self, text: str) -> None:
        """Anything else is a DateError."""
        with pytest.raises(DateError):
            Period.parse(text)

    @pytest.mark.parametrize(
        ("start", "period", "expected"),
        [
            ("2015-10-18", "P8Y", "2023-10-18"),
            ("2015-10-18", "P10Y", "2025-10-18"),
            ("1993-03-12", "P3M", "1993-06-12"),
            ("2019-02-01", "P6M", "2019-08-01"),
            ("2012-02-29", "P1Y", "2013-02-28"),
            ("2012-01-31", "P1M", "2012-02-29"),
            ("2012-01", "P1M", "2012-02"),
            ("2012-04~", "P1Y", "2013-04~"),
            ("2012-04-13?", "P1M", "2012-05-13?"),
            ("2012-04-12T22:39Z", "P1D", "2012-04-13T22:39Z"),
            ("2012-04-12T22:39+09:00", "P1M", "2012-05-12T22:39+09:00"),
            ("2012-04-12/2012-04-16", "P1M", "2012-05-12/2012-05-16"),
            ("2003-01-10/..", "P3M", "2003-04-10/.."),
            ("2003", "P0D", "2003"),
        ],
    )
    def test_shift(self, start: str, period: str, expected: str) -> None:
        """Where every instant moves alike, shifting keeps precision, qualifiers and zone."""
        assert d(expected) == d(start).shift(Period.parse(period))

    def test_shift_past_the_calendar(self) -> None:
        """A shift past year 9999 raises the project's error, not a bare ValueError."""
        with pytest.raises(DateError, match="9999"):
            d("9999-06").shift(Period.parse("P1Y"))

    @pytest.mark.parametrize("text", ["9999", "9999-12-31/..", "../9999-12-31", "9999-12-31~"])
    def test_shift_partly_past_the_calendar(self, text: str) -> None:
        """A shift that takes any instant past year 9999 is refused."""
        with pytest.raises(DateError) as caught:
            d(text).shift(Period.parse("P1D"))
        assert f"{text} + P1D" == caught.value.text
        assert "a result no later than 9999-12-31" == caught.value.expected

    @pytest.mark.parametrize(
        ("fields", "unit"),
        [({"months": -1}, "months"), ({"years": 1.5}, "years"), ({"days": True}, "days")],  # type: ignore[dict-item]
    )
    def test_parts_are_whole_numbers(self, fields: dict[str, object], unit: str) -> None:
        """A period's parts are whole numbers, 0 or more, so it always writes as PnYnMnD."""
        with pytest.raises(DateError, match=f"a whole number of {unit}"):
            Period(**fields)  # type: ignore[arg-type]


DAY = 86_400


def moved(instant: pendulum.DateTime, period: Period) -> pendulum.DateTime | None:
    """An instant moved by a period, by pendulum's arithmetic; None past the calendar."""
    try:
        return instant.add(years=period.years, months=period.months, days=period.days)
    except (ValueError, OverflowError):
        return None


def at(seconds: int, microseconds: int = 0) -> pendulum.DateTime:
    """The UTC instant at POSIX seconds plus microseconds."""
    return pendulum.from_timestamp(seconds, tz="UTC").add(microseconds=microseconds)


class TestShiftCarriesUncertainty:
    """A shifted value spans every instant its own instants reach, and no more."""

    @pytest.mark.parametrize(
        ("start", "period", "expected"),
        [
            ("2003", "P3M", "2003-04/2004-03"),  # 1 January to 1 April, 31 December to 31 March
            ("2003-12", "P40D", "2004-01-10/2004-02-09"),
            ("2010", "P6M", "2010-07/2011-06"),
            ("2012-04", "P1M", "2012-05-01/2012-05-30"),  # no day of April reaches 31 May
            ("2012-03~", "P1M", "2012-03/2012-05-30"),
            ("2012-01-29/2012-01-31", "P1M", "2012-02-29"),  # three days clamp to one
            ("2011-01-29/2011-01-31", "P1M", "2011-02-28"),
            ("2012-01-31T01:00+09:00", "P1M", "2012-02-29T16:00Z"),  # 30 January in UTC
            # 23:00 on the 30th lands late on 28 February, 00:00 on the 31st early on it.
            ("2011-01-30T23:00Z/2011-01-31T01:00Z", "P1M", "2011-02-28"),
            ("2003/..", "P3M", "2003-04/.."),
            ("../1985", "P3M", "../1986-03"),
            ("0001~", "P1M", "0001-02/0003-01"),
        ],
    )
    def test_examples(self, start: str, period: str, expected: str) -> None:
        """Year, month and fuzzy values widen; clamped month ends narrow."""
        assert expected == d(start).shift(Period.parse(period)).text

    @settings(max_examples=300)
    @given(dates() | month_end_dates(), periods(), st.data())
    def test_every_instant_lands_inside(
        self, value: HistoricalDate, period: Period, data: st.DataObject
    ) -> None:
        """Each instant of a value, moved by the period, lies within the shifted value."""
        try:
            shifted = value.shift(period)
        except DateError:  # then the value's last instant (first, if open-ended) cannot move
            assert moved(value.latest if value.end is not None else value.earliest, period) is None
            return
        first_midnight = (value.lower // DAY + 1) * DAY
        picks = [value.lower, value.upper - 1, first_midnight, (value.upper - 1) // DAY * DAY - 1]
        picks += data.draw(st.lists(st.integers(value.lower, value.upper - 1), max_size=3))
        for seconds in picks:
            if not value.lower <= seconds < value.upper:
                continue
            instant = at(seconds, data.draw(st.integers(0, 999_999)))
            target = moved(instant, period)
            if target is None:  # only an open end reaches past the calendar
                assert value.end is None
                continue
            assert shifted.earliest <= target <= shifted.latest

    @settings(max_examples=300)
    @given(dates() | month_end_dates(), periods())
    @example(d("2011-01-30T23:00Z/2011-01-31T01:00Z"), Period(months=1))
    @example(d("2012-04"), Period(months=1))
    def test_no_wider_than_needed(self, value: HistoricalDate, period: Period) -> None:
        """The shifted value's first and last instants are reached from some instant of it.

        Within a day instants move in order, and a later day never moves before an
        earlier one, so the extremes are the first and last instants of some day; a
        clamp at a month's end joins at most four days, so forty days from each end
        of the span hold them.
        """
        try:
            shifted = value.shift(period)
        except DateError:
            return
        days = range(value.lower // DAY, (value.upper - 1) // DAY + 1)
        near_ends = sorted({*days[:40], *days[-40:]})
        if value.start is None:
            assert shifted.start is None
        else:
            firsts = (at(max(value.lower, day * DAY)) for day in near_ends)
            assert shifted.earliest == min(t for t in map(moved, firsts, [period] * 80) if t)
        if value.end is None:
            assert shifted.end is None
        else:
            lasts = (at(min(value.upper, (day + 1) * DAY) - 1, 999_999) for day in near_ends)
            assert shifted.latest == max(t for t in map(moved, lasts, [period] * 80) if t)

    @given(dates())
    def test_zero_period_keeps_the_value(self, value: HistoricalDate) -> None:
        """Shifting by P0D gives back the same value."""
        assert value == value.shift(Period())
