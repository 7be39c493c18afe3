"""Tables for analysts: panels, long tables, and their CSV and DataFrame forms.

Panels agree with the queries row by row, long tables hold every field, and CSV,
pandas and polars give the same cells.
"""

import csv
import datetime as dt
import io
import math
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armscontrol import datasets, query, tables
from armscontrol.dates import HistoricalDate
from armscontrol.exceptions import DateError, SaveError, UnknownSubjectError
from armscontrol.model import (
    Agreement,
    AgreementKind,
    DateClaim,
    Party,
    PartyKind,
    Record,
    Source,
    SubjectKind,
    Transition,
)
from armscontrol.tables import Cell, ColumnKind, Table
from records import (
    launch,
    launch_violation,
    leap_day_deal,
    leap_day_parties,
    leap_day_record,
    moratorium,
)
from strategies import records

ROOT = Path(__file__).resolve().parent.parent
DEAL = "deal"
PLEDGE = "pledge"
BREACH = "breach"

GENERATED = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def when(text: str) -> HistoricalDate:
    """A historical date from its text."""
    return HistoricalDate.parse(text)


def row_of(table: Table, **match: object) -> dict[str, Cell]:
    """The one row whose cells equal the given ones."""
    found = [row for row in table if all(row[k] == v for k, v in match.items())]
    assert 1 == len(found), match
    return found[0]


# -- generated records whose histories crowd a few years ---------------------------------


@st.composite
def close_dates(draw: st.DrawFn) -> HistoricalDate:
    """Dates of every shape from 2000 to 2002: days, months, years, qualified, intervals."""
    year = draw(st.integers(2000, 2002))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    qualifier = draw(st.sampled_from(["", "", "~", "?"]))
    shape = draw(st.sampled_from(["day", "day", "month", "year", "interval", "open"]))
    if shape == "day":
        return when(f"{year:04d}-{month:02d}-{day:02d}{qualifier}")
    if shape == "month":
        return when(f"{year:04d}-{month:02d}{qualifier}")
    if shape == "year":
        return when(f"{year:04d}{qualifier}")
    first = dt.date(year, month, day)
    last = first + dt.timedelta(days=draw(st.integers(1, 70)))
    if shape == "open":
        return when(f"{first.isoformat()}/..")
    return when(f"{first.isoformat()}/{last.isoformat()}")


@st.composite
def crowded(draw: st.DrawFn) -> Record:
    """A deal, a pledge, a breach and two participations with fuzzy, disputed histories."""
    subjects = [DEAL, PLEDGE, BREACH, f"{DEAL}/USA", f"{DEAL}/PRK"]
    states = st.sampled_from(["concluded", "in_effect", "suspended", "collapsed", "active"])
    transitions = tuple(
        Transition(
            draw(st.sampled_from(subjects)),
            draw(states),
            draw(close_dates()),
            asserted_by=draw(st.sampled_from([(), (), (), ("USA",), ("PRK",), ("USA", "PRK")])),
            alternative_dates=tuple(
                DateClaim(date) for date in draw(st.lists(close_dates(), max_size=1))
            ),
        )
        for _ in range(draw(st.integers(0, 10)))
    )
    return leap_day_record(
        *transitions,
        parties=leap_day_parties(codes=True),
        agreements=(
            leap_day_deal(moratorium(PLEDGE, "no launches"), ident=DEAL, title="The deal"),
        ),
        violations=(launch_violation(BREACH, PLEDGE, "2001-04-13", "launch"),),
        as_of=draw(st.none() | close_dates()),
    )


def expected_cells(
    record: Record, subject: str, period: str, according_to: str | None
) -> dict[str, Cell]:
    """What a panel row should say, straight from the queries and the subject's history."""
    status = query.status(record, subject, period, according_to=according_to, at="end")
    lower, upper = when(period).lower, when(period).upper
    spans = []
    for step in record.history(subject, according_to=according_to):
        claimed = (step.date, *(claim.date for claim in step.alternative_dates))
        spans.append((min(d.lower for d in claimed), max(d.upper for d in claimed), step.state))
    overlapping = [state for low, high, state in spans if low < upper and lower < high]
    surely = any(lower <= low and high <= upper for low, high, _ in spans)
    party = next(
        (
            p
            for p in record.parties
            if status.kind is SubjectKind.PARTICIPATION and p.id == subject.partition("/")[2]
        ),
        None,
    )
    return {
        "iso_alpha3": None if party is None else party.iso_alpha3,
        "cow_code": None if party is None else party.cow_code,
        "date": dt.date.fromordinal(dt.date(1970, 1, 1).toordinal() + (upper - 1) // 86_400),
        "according_to": according_to,
        "state": status.state,
        "determined": not status.ambiguous,
        "possible": "|".join(sorted(status.possible)),
        "unrecorded": status.unrecorded,
        "disputed": status.disputed,
        "views": ";".join(f"{p}={'|'.join(sorted(s))}" for p, s in status.views.items()),
        "uncontested": "|".join(sorted(status.uncontested)),
        "beyond_as_of": status.beyond is not None,
        "changed": True if surely else (None if overlapping else False),
        "through": "|".join(overlapping),
    }


def assert_agrees_with_queries(panel: tables.Panel, record: Record) -> None:
    """Every row of the panel is what the queries say for its subject and period."""
    for row in panel:
        subject, period = row["subject"], row["period"]
        assert isinstance(subject, str)
        assert isinstance(period, str)
        expected = expected_cells(record, subject, period, panel.according_to)
        assert (subject, period, expected) == (
            subject,
            period,
            {name: row[name] for name in expected},
        )


def periods_between(every: str, first: str, last: str) -> list[str]:
    """Every period from the one holding ``first`` to the one holding ``last``."""
    found = []
    day = dt.date.fromordinal(when(first).lower // 86_400 + dt.date(1970, 1, 1).toordinal())
    end = when(last).upper
    width = {"year": 4, "month": 7, "day": 10}[every]
    while True:
        text = day.isoformat()[:width]
        if not found or found[-1] != text:
            if when(text).lower >= end:
                return found
            found.append(text)
        day += dt.timedelta(days=1)


# -- panels ---------------------------------------------------------------------------------


class TestPanelAgreesWithQueries:
    """Each row of a panel is the status the queries give for its subject and period."""

    @GENERATED
    @given(crowded(), st.sampled_from(["year", "month"]), st.sampled_from([None, "USA", "PRK"]))
    def test_every_row_of_crowded_histories(
        self, record: Record, every: tables.Every, according_to: str | None
    ) -> None:
        """Fuzzy, overlapping and disputed steps: every row agrees, every view too."""
        panel = tables.panel(
            record, every=every, start="1999", end="2003", according_to=according_to
        )
        assert_agrees_with_queries(panel, record)

    @GENERATED
    @given(crowded(), st.integers(2000, 2002), st.integers(1, 12))
    def test_every_day_of_a_busy_quarter(self, record: Record, year: int, month: int) -> None:
        """Day panels agree too, where the days cut through the steps' fuzzy dates."""
        start = dt.date(year, month, 1)
        end = start + dt.timedelta(days=90)
        panel = tables.panel(record, every="day", start=start, end=end)
        assert_agrees_with_queries(panel, record)

    @GENERATED
    @given(records(), st.sampled_from(["year", "month"]), st.data())
    def test_every_row_of_any_record(
        self, record: Record, every: tables.Every, data: st.DataObject
    ) -> None:
        """On any generated record, in a window around one of its steps, every row agrees."""
        anchor = 2000
        if record.transitions:
            step = data.draw(st.sampled_from(record.transitions))
            anchor = int(step.date.text[:4]) if step.date.text[:1].isdigit() else anchor
        first, last = max(anchor - 1, 1), min(anchor + (3 if every == "year" else 1), 9999)
        parties = sorted({p for t in record.transitions for p in t.asserted_by})
        according_to = data.draw(st.sampled_from([None, *parties]))
        panel = tables.panel(
            record, every=every, start=f"{first:04d}", end=f"{last:04d}", according_to=according_to
        )
        assert_agrees_with_queries(panel, record)


class TestPanelShape:
    """One row per subject per period, subject by subject, periods in order."""

    @GENERATED
    @given(crowded(), st.sampled_from(["year", "month", "day"]))
    def test_one_row_per_subject_per_period(self, record: Record, every: tables.Every) -> None:
        """Rows are every (subject, period) pair, each subject's periods in order."""
        end = {"year": "2004", "month": "2001-06", "day": "2000-03-01"}[every]
        panel = tables.panel(record, every=every, start="2000", end=end)
        expected_periods = periods_between(every, "2000", end)
        expected = [(s, p) for s in query.subjects(record) for p in expected_periods]

        assert expected == [(row["subject"], row["period"]) for row in panel]
        assert tuple(expected_periods) == panel.periods
        assert len(expected) == len(panel)

    @GENERATED
    @given(crowded())
    def test_default_range_runs_from_first_to_last_transition(self, record: Record) -> None:
        """Without start and end, the periods run over the record's transitions' dates."""
        panel = tables.panel(record, every="month")
        closed = [
            side
            for t in record.transitions
            for date in (t.date, *(c.date for c in t.alternative_dates))
            for side in (date.start, date.end)
            if side is not None
        ]
        if not closed:
            assert () == panel.periods
            return
        first = min(closed, key=lambda d: d.lower)
        last = max(closed, key=lambda d: d.upper)
        expected = periods_between("month", first.text.split("T")[0], last.text.split("T")[0])
        assert tuple(expected) == panel.periods

    def test_rows_before_a_history_have_no_status(self) -> None:
        """Before a subject's first step its rows say nothing is recorded, not a guess."""
        record = datasets.load("korea")
        row = row_of(tables.panel(record, start="1970", end="1970"), subject="npt/PRK")

        assert (None, "", True, True, False) == (
            row["state"],
            row["possible"],
            row["unrecorded"],
            row["determined"],
            row["changed"],
        )

    def test_subjects_by_kind_and_by_id(self) -> None:
        """The subjects argument takes a kind, one id, or ids in the order given."""
        record = datasets.load("korea")

        by_kind = tables.panel(record, start="2012", end="2012", subjects=SubjectKind.AGREEMENT)
        one = tables.panel(record, start="2012", end="2012", subjects="npt/PRK")
        some = tables.panel(record, start="2012", end="2012", subjects=["leap-day-2012", "npt"])

        assert list(query.subjects(record, SubjectKind.AGREEMENT)) == [
            r["subject"] for r in by_kind
        ]
        assert ["npt/PRK"] == [r["subject"] for r in one]
        assert ["leap-day-2012", "npt"] == [r["subject"] for r in some]

    def test_identity_columns(self) -> None:
        """Each row names its subject's kind, agreement and title, and a participation's party."""
        record = datasets.load("korea")
        panel = tables.panel(record, start="2012", end="2012")
        pledge = row_of(panel, subject="prk-missile-moratorium")
        member = row_of(panel, subject="npt/PRK")

        assert ("commitment", "leap-day-2012", None) == (
            pledge["subject_kind"],
            pledge["agreement"],
            pledge["party"],
        )
        assert ("participation", "npt", "PRK") == (
            member["subject_kind"],
            member["agreement"],
            member["party"],
        )
        assert record.get("npt", Agreement).title == member["agreement_title"]
        for violation in record.violations:
            accused = row_of(panel, subject=violation.id)
            assert ("violation", record.agreement_of(violation.commitment).id) == (
                accused["subject_kind"],
                accused["agreement"],
            )

    def test_party_codes_and_horizon(self) -> None:
        """A participation's row carries its party's codes; rows past ``as_of`` say so."""
        record = Record(
            parties=(
                Party("RUS", "Russian Federation", iso_alpha3="RUS", cow_code=365),
                Party("IAEA", "IAEA", PartyKind.ORGANIZATION),
            ),
            agreements=(Agreement("a", "A", AgreementKind.TREATY, ("RUS", "IAEA")),),
            transitions=(Transition("a/RUS", "signed", when("2000-05-01")),),
            as_of=when("2001-06"),
        )
        panel = tables.panel(record, start="2000", end="2002")
        cells = {
            (row["subject"], row["period"]): (
                row["iso_alpha3"],
                row["cow_code"],
                row["beyond_as_of"],
            )
            for row in panel
        }
        assert ("RUS", 365, False) == cells["a/RUS", "2000"]
        assert ("RUS", 365, True) == cells["a/RUS", "2001"]
        assert (None, None, True) == cells["a/IAEA", "2002"]
        assert (None, None, False) == cells["a", "2000"]
        stream = io.StringIO()
        panel.to_csv(stream)
        header, first = stream.getvalue().splitlines()[:2]
        assert ",party,iso_alpha3,cow_code,according_to," in header
        assert first.startswith("2000,2000-12-31,a,agreement,a,A,,,,,")
        assert "a/RUS,participation,a,A,RUS,RUS,365,," in stream.getvalue()

    def test_an_empty_record_has_an_empty_panel(self) -> None:
        """No transitions and no range: no periods and no rows, but every column."""
        panel = tables.panel(Record())

        assert (0, (), tables.PANEL_COLUMNS) == (len(panel), panel.periods, panel.columns)
        assert [] == list(panel)

    def test_a_record_with_no_history_still_has_rows_in_a_given_range(self) -> None:
        """Subjects with no transitions have a row per period, with no recorded status."""
        record = Record(agreements=(Agreement("a", "A", AgreementKind.TREATY, ("USA",)),))
        panel = tables.panel(record, start="2000", end="2001")

        assert [("a", "2000", True), ("a", "2001", True), ("a/USA", "2000", True)] == [
            (r["subject"], r["period"], r["unrecorded"]) for r in panel
        ][:3]


class TestPanelErrors:
    """Bad arguments raise typed errors that say what was expected."""

    def test_unknown_period_length(self) -> None:
        """The period length must be year, month or day."""
        with pytest.raises(tables.PeriodError, match=r"every='week': one of year, month, day"):
            tables.panel(Record(), every="week")  # type: ignore[arg-type]

    def test_start_after_end(self) -> None:
        """A start after the end is refused rather than giving an empty panel."""
        with pytest.raises(tables.PeriodError, match="start='2000': no later than 1990"):
            tables.panel(datasets.load("korea"), start="2000", end="1990")

    def test_start_after_the_records_end(self) -> None:
        """A start after the record's last transition, with no end, names that date."""
        with pytest.raises(tables.PeriodError, match=r"last transition, \d{4}-\d\d-\d\d") as error:
            tables.panel(datasets.load("korea"), start="2100")
        assert ("start", "2100") == (error.value.argument, error.value.value)

    def test_end_before_the_records_start(self) -> None:
        """An end before the record's first transition, with no start, names that date."""
        with pytest.raises(tables.PeriodError, match=r"end='1950': .* first transition, 1968"):
            tables.panel(datasets.load("korea"), end="1950")

    def test_unknown_subject(self) -> None:
        """An id the record lacks is named, with close matches."""
        with pytest.raises(UnknownSubjectError, match="npt/PRKK"):
            tables.panel(datasets.load("korea"), subjects=["npt/PRKK"])

    def test_unknown_party(self) -> None:
        """A party the record never mentions is refused."""
        with pytest.raises(UnknownSubjectError, match="XYZ"):
            tables.panel(datasets.load("korea"), according_to="XYZ")

    def test_bad_date(self) -> None:
        """A start that is not a date raises DateError."""
        with pytest.raises(DateError):
            tables.panel(datasets.load("korea"), start="1994-13")


@pytest.fixture(scope="module")
def korea() -> tables.Panel:
    """The korea dataset by year."""
    return tables.panel(datasets.load("korea"), every="year")


class TestBundledPanels:
    """The bundled datasets' panels, pinned on cells a reader can check in the sources."""

    def test_npt_prk_end_of_1994_withdrawal_suspended(self, korea: tables.Panel) -> None:
        """At the end of 1994 the DPRK's 1993 NPT withdrawal notice was suspended."""
        row = row_of(korea, subject="npt/PRK", period="1994")
        assert ("withdrawal_suspended", True, False, False) == (
            row["state"],
            row["determined"],
            row["disputed"],
            row["changed"],
        )

    def test_npt_prk_1993_changed_through_two_states(self, korea: tables.Panel) -> None:
        """In 1993 the DPRK gave notice, then suspended it."""
        row = row_of(korea, subject="npt/PRK", period="1993")
        assert (True, "withdrawal_notified|withdrawal_suspended") == (
            row["changed"],
            row["through"],
        )

    def test_npt_prk_withdrawal_undetermined_while_its_dates_disagree(self) -> None:
        """The DPRK dates its NPT withdrawal 11 January 2003, others 10 April: both kept."""
        panel = tables.panel(
            datasets.load("korea"),
            every="month",
            start="2003-01",
            end="2003-05",
            subjects="npt/PRK",
        )
        cells = {
            r["period"]: (r["state"], r["determined"], r["possible"], r["changed"]) for r in panel
        }

        assert (None, False, "withdrawal_notified|withdrawn", None) == cells["2003-02"]
        assert ("withdrawn", True, "withdrawn", None) == cells["2003-04"]
        assert ("withdrawn", True, "withdrawn", False) == cells["2003-05"]

    def test_six_party_commitment_disputed_with_each_view(self, korea: tables.Panel) -> None:
        """From 2009 the DPRK holds its 2005 pledge renounced; the other parties do not."""
        row = row_of(korea, subject="prk-dismantlement-2005", period="2009")
        assert (None, True, True, "active|renounced", "active") == (
            row["state"],
            row["disputed"],
            row["determined"],
            row["possible"],
            row["uncontested"],
        )
        # Only the DPRK asserts a view; the others said nothing and are credited with none.
        assert "PRK=renounced" == row["views"]

    def test_leap_day_end_of_2012_collapsed(self, korea: tables.Panel) -> None:
        """By the end of 2012 the Leap Day deal had collapsed."""
        row = row_of(korea, subject="leap-day-2012", period="2012")
        assert ("collapsed", True) == (row["state"], row["changed"])

    def test_leap_day_undetermined_while_its_collapse_date_is(self) -> None:
        """Within the collapse's recorded span the day rows list both states, never a guess."""
        panel = tables.panel(
            datasets.load("korea"),
            every="day",
            start="2012-04-12",
            end="2012-04-30",
            subjects=["leap-day-2012"],
        )
        cells = {r["period"]: (r["state"], r["possible"], r["changed"]) for r in panel}

        assert ("in_effect", "in_effect", False) == cells["2012-04-12"]
        assert (None, "collapsed|in_effect", None) == cells["2012-04-20"]
        assert ("collapsed", "collapsed", None) == cells["2012-04-30"]

    def test_moratorium_disputed_views_by_party(self) -> None:
        """Between the April 2012 launch and 17 April, the US says violated, the DPRK not."""
        panel = tables.panel(
            datasets.load("korea"),
            every="day",
            start="2012-04-14",
            end="2012-04-17",
            subjects="prk-missile-moratorium",
        )
        rows = {row["period"]: row for row in panel}
        assert (None, True, True, "USA=violated", "active") == (
            rows["2012-04-14"]["state"],
            rows["2012-04-14"]["disputed"],
            rows["2012-04-14"]["determined"],
            rows["2012-04-14"]["views"],
            rows["2012-04-14"]["uncontested"],
        )
        assert ("renounced", False, True) == (
            rows["2012-04-17"]["state"],
            rows["2012-04-17"]["disputed"],
            rows["2012-04-17"]["changed"],
        )

    def test_according_to_one_party(self) -> None:
        """According to the DPRK its 2005 pledge was renounced; according to the US, not."""
        record = datasets.load("korea")
        views = {
            party: next(
                iter(
                    tables.panel(
                        record,
                        start="2010",
                        end="2010",
                        according_to=party,
                        subjects="prk-dismantlement-2005",
                    )
                )
            )
            for party in ("PRK", "USA")
        }
        assert ("renounced", "PRK", "") == (
            views["PRK"]["state"],
            views["PRK"]["according_to"],
            views["PRK"]["views"],
        )
        assert ("active", "USA") == (views["USA"]["state"], views["USA"]["according_to"])

    @pytest.mark.parametrize("name", datasets.names())
    def test_every_dataset_agrees_with_queries_by_year(self, name: str) -> None:
        """Every row of every bundled dataset's yearly panel agrees with the queries."""
        record = datasets.load(name)
        assert_agrees_with_queries(tables.panel(record, every="year"), record)


# -- long tables ----------------------------------------------------------------------------


def sourced_record() -> Record:
    """A small record with a source, an unknown source id, fuzzy and open dates."""
    return leap_day_record(
        Transition(DEAL, "concluded", when("2012-02-29"), sources=("act",)),
        Transition(DEAL, "collapsed", when("2012-04-13/.."), causes=("launch",)),
        Transition("ghost", "in_effect", when("2012")),
        sources=(
            Source(
                "act",
                "North Korea's Nuclear Tests",
                publisher="Arms Control Today",
                author="Kelsey Davenport",
                date=when("2013-07"),
                url="https://example.org/act",
                locator="para. 4",
            ),
        ),
        agreements=(
            leap_day_deal(
                moratorium(
                    PLEDGE,
                    "no launches",
                    beneficiaries=("USA",),
                    conditions=("while talks go on", "with monitors"),
                    deadline=when("2012-04~"),
                    sources=("act",),
                ),
                ident=DEAL,
                title="The deal",
            ),
        ),
        events=(
            launch(
                summary="launch",
                actors=("PRK",),
                alternative_dates=(DateClaim(when("2012-04-12")),),
                sources=("act", "kcna"),
            ),
        ),
        violations=(launch_violation(BREACH, PLEDGE, "2012-04-13?", "the launch"),),
    )


class TestLongTables:
    """One row per fact, with every field, dates three ways and sources two ways."""

    def test_transitions(self) -> None:
        """Each transition, its subject's place, the state before it, dates and sources."""
        table = tables.transitions(sourced_record())
        rows = list(table)

        assert [0, 1, 2] == [row["index"] for row in rows]
        assert {
            "subject": DEAL,
            "subject_kind": "agreement",
            "agreement": DEAL,
            "party": None,
            "previous": "concluded",
            "to": "collapsed",
            "date": "2012-04-13/..",
            "date_earliest": dt.date(2012, 4, 13),
            "date_latest": None,
            "causes": "launch",
            "sources": "",
        }.items() <= rows[1].items()
        assert "act" == rows[0]["sources"]
        assert (None, None, dt.date(2012, 1, 1), dt.date(2012, 12, 31)) == (
            rows[2]["subject_kind"],
            rows[2]["previous"],
            rows[2]["date_earliest"],
            rows[2]["date_latest"],
        )

    def test_citations_follow_the_sources(self) -> None:
        """Citations give every part of a source, in the order of the ids; unknown ids say so."""
        (row,) = list(tables.events(sourced_record()))

        assert "act;kcna" == row["sources"]
        assert (
            "Kelsey Davenport, “North Korea's Nuclear Tests”, Arms Control Today, 2013-07, "
            "para. 4, https://example.org/act\nkcna (not in the record)"
        ) == row["citations"]
        assert ("2012-04-12", "launch") == (row["alternative_dates"], row["summary"])

    def test_violations(self) -> None:
        """Each violation with its commitment's agreement; an uncertain date widens its bounds."""
        (row,) = list(tables.violations(sourced_record()))
        assert {
            "id": BREACH,
            "commitment": PLEDGE,
            "agreement": DEAL,
            "agreement_title": "The deal",
            "alleged_by": "USA",
            "accused": "PRK",
            "date": "2012-04-13?",
            "date_earliest": dt.date(2012, 4, 12),
            "date_latest": dt.date(2012, 4, 14),
        }.items() <= row.items()

    def test_commitments(self) -> None:
        """Each commitment with its agreement, every list joined, its deadline's bounds."""
        (row,) = list(tables.commitments(sourced_record()))
        assert {
            "id": PLEDGE,
            "agreement": DEAL,
            "obligors": "PRK",
            "deontic": "must_not",
            "beneficiaries": "USA",
            "conditions": "while talks go on\nwith monitors",
            "deadline": "2012-04~",
            "deadline_earliest": dt.date(2012, 3, 1),
            "deadline_latest": dt.date(2012, 5, 31),
        }.items() <= row.items()

    @pytest.mark.parametrize("name", datasets.names())
    def test_bundled_tables_hold_every_fact(self, name: str) -> None:
        """Each bundled dataset's long tables have one row per fact, sources cited."""
        record = datasets.load(name)
        counts = {
            "transitions": len(record.transitions),
            "events": len(record.events),
            "violations": len(record.violations),
            "commitments": sum(len(a.commitments) for a in record.agreements),
        }
        made = {
            "transitions": tables.transitions(record),
            "events": tables.events(record),
            "violations": tables.violations(record),
            "commitments": tables.commitments(record),
        }
        assert counts == {key: len(table) for key, table in made.items()}
        for table in made.values():
            for row in table:
                sources = str(row["sources"])
                assert len(sources.split(";")) == len(str(row["citations"]).splitlines()) or (
                    "" == sources == row["citations"]
                )
                assert "not in the record" not in str(row["citations"])

    def test_transitions_previous_is_the_history(self) -> None:
        """The state before each transition is the one its subject's history gives."""
        record = datasets.load("korea")
        previous = {
            step.index: step.previous
            for subject in query.subjects(record)
            for step in record.history(subject)
        }
        table = tables.transitions(record)
        assert previous == {row["index"]: row["previous"] for row in table}

    @GENERATED
    @given(records(dangling=True))
    def test_never_raise_on_a_record_that_builds(self, record: Record) -> None:
        """Dangling references and repeated ids give rows, not errors (a panel's too)."""
        made = [
            tables.transitions(record),
            tables.events(record),
            tables.violations(record),
            tables.commitments(record),
            tables.panel(record, start="2000", end="2001"),
        ]
        assert [len(record.transitions), len(record.events), len(record.violations)] == [
            len(table) for table in made[:3]
        ]
        for table in made:
            assert all(len(row) == len(table.columns) for row in table.rows())


# -- CSV, pandas, polars -------------------------------------------------------------------


def parse_csv(kind: ColumnKind, text: str) -> Cell:
    """A CSV cell back to what the table holds."""
    if text == "":
        return None
    if kind is ColumnKind.BOOLEAN:
        return {"true": True, "false": False}[text]
    if kind is ColumnKind.DATE:
        return dt.date.fromisoformat(text)
    if kind is ColumnKind.INTEGER:
        return int(text)
    return text


def blank(cell: Cell) -> Cell:
    """Empty text and no value are the same cell once written as CSV."""
    return None if cell == "" else cell


def csv_rows(table: Table) -> list[tuple[Cell, ...]]:
    """The table written as CSV, read back with the standard library."""
    stream = io.StringIO(newline="")
    table.to_csv(stream)
    stream.seek(0)
    header, *body = list(csv.reader(stream))
    assert list(table.names) == header
    kinds = [column.kind for column in table.columns]
    return [tuple(parse_csv(k, text) for k, text in zip(kinds, line, strict=True)) for line in body]


def plain(value: Any) -> Cell:
    """A DataFrame cell as a plain Python value: None for missing, dates as dates."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if type(value).__name__ in {"NAType", "NaTType"}:
        return None
    if hasattr(value, "to_pydatetime"):
        return value.to_pydatetime().date()
    if hasattr(value, "item"):
        return value.item()
    return value


def pandas_rows(table: Table) -> list[tuple[Cell, ...]]:
    """The table's pandas DataFrame as rows of plain values."""
    frame = table.to_pandas()
    assert list(table.names) == list(frame.columns)
    return [tuple(plain(v) for v in row) for row in frame.itertuples(index=False)]


def polars_rows(table: Table) -> list[tuple[Cell, ...]]:
    """The table's polars DataFrame as rows of plain values."""
    frame = table.to_polars()
    assert list(table.names) == frame.columns
    return [tuple(row) for row in frame.rows()]


def some_tables() -> list[Table]:
    """A panel with undetermined and disputed cells, and every long table."""
    record = datasets.load("korea")
    return [
        tables.panel(record, every="month", start="2011-11", end="2013-02"),
        tables.transitions(record),
        tables.events(record),
        tables.violations(record),
        tables.commitments(record),
        tables.transitions(sourced_record()),
        tables.commitments(sourced_record()),
    ]


class TestCsv:
    """CSV with the standard library: a header, then the cells as text."""

    @pytest.mark.parametrize("table", some_tables(), ids=repr)
    def test_csv_round_trip(self, table: Table) -> None:
        """Reading the CSV back gives every cell, empty text and no value alike."""
        expected = [tuple(blank(cell) for cell in row) for row in table.rows()]
        assert expected == csv_rows(table)

    def test_path_and_stream_write_the_same(self, tmp_path: Path) -> None:
        """Writing to a path gives the same bytes as writing to a stream: UTF-8, LF line ends."""
        table = tables.transitions(datasets.load("korea"))
        stream = io.StringIO(newline="")
        table.to_csv(stream)
        table.to_csv(tmp_path / "t.csv")

        assert stream.getvalue().encode("utf-8") == (tmp_path / "t.csv").read_bytes()
        assert b"\r\n" not in (tmp_path / "t.csv").read_bytes()

    def test_a_failed_write_leaves_the_file_whole(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A failure part-way through writing leaves the old file, and no temporary file."""
        target = tmp_path / "t.csv"
        target.write_text("old\n", encoding="utf-8")
        table = tables.events(datasets.load("korea"))
        rows = list(table.rows())

        def some_then_fail(self: Table) -> Any:
            yield from rows[:3]
            message = "disk full"
            raise OSError(28, message)

        monkeypatch.setattr(Table, "rows", some_then_fail)
        with pytest.raises(OSError, match="disk full"):
            table.to_csv(target)

        assert "old\n" == target.read_text(encoding="utf-8")
        assert [target] == list(tmp_path.iterdir())

    def test_an_unwritable_path_raises_save_error(self, tmp_path: Path) -> None:
        """A path in a folder that does not exist raises SaveError naming it."""
        target = tmp_path / "missing" / "t.csv"
        with pytest.raises(SaveError, match="could not save"):
            tables.events(datasets.load("korea")).to_csv(target)

    def test_cells_as_text(self) -> None:
        """Booleans are true/false, days ISO, nothing empty."""
        stream = io.StringIO()
        panel = tables.panel(datasets.load("korea"), start="1994", end="1994", subjects="npt/PRK")
        panel.to_csv(stream)
        line = stream.getvalue().splitlines()[1]

        assert line.startswith("1994,1994-12-31,npt/PRK,participation,npt,")
        assert line.endswith(
            ",PRK,PRK,731,,withdrawal_suspended,true,withdrawal_suspended,false,false,,"
            "withdrawal_suspended,false,false,"
        )


class TestFrames:
    """pandas and polars DataFrames hold the same cells, in types that suit each."""

    @pytest.mark.parametrize("table", some_tables(), ids=repr)
    def test_pandas_round_trip(self, table: Table) -> None:
        """to_pandas() has every row and cell of the table."""
        pytest.importorskip("pandas")
        assert [tuple(blank(c) for c in r) for r in table.rows()] == [
            tuple(blank(c) for c in r) for r in pandas_rows(table)
        ]

    @pytest.mark.parametrize("table", some_tables(), ids=repr)
    def test_polars_round_trip(self, table: Table) -> None:
        """to_polars() has every row and cell of the table, exactly."""
        pytest.importorskip("polars")
        assert list(table.rows()) == polars_rows(table)

    @GENERATED
    @given(crowded(), st.sampled_from(["year", "month"]))
    def test_csv_pandas_polars_agree(self, record: Record, every: tables.Every) -> None:
        """For any panel, CSV, pandas and polars give the same cells."""
        pytest.importorskip("pandas")
        pytest.importorskip("polars")
        panel = tables.panel(record, every=every, start="2000", end="2002")
        from_csv = csv_rows(panel)
        assert from_csv == [tuple(blank(c) for c in r) for r in pandas_rows(panel)]
        assert from_csv == [tuple(blank(c) for c in r) for r in polars_rows(panel)]

    def test_pandas_types(self) -> None:
        """Dates are datetimes, states categorical, booleans boolean (nullable: changed)."""
        pytest.importorskip("pandas")
        frame = tables.panel(datasets.load("korea"), every="year").to_pandas()
        types = {name: str(dtype) for name, dtype in frame.dtypes.items()}

        assert {
            "period": "string",
            "date": "datetime64[s]",
            "state": "category",
            "subject_kind": "category",
            "determined": "bool",
            "changed": "boolean",
            "through": "string",
        }.items() <= types.items()
        assert "int64" == str(tables.transitions(datasets.load("korea")).to_pandas()["index"].dtype)

    def test_polars_types(self) -> None:
        """Dates are Date, states Categorical, booleans Boolean."""
        pl = pytest.importorskip("polars")
        frame = tables.panel(datasets.load("korea"), every="year").to_polars()

        assert {
            "period": pl.String,
            "date": pl.Date,
            "state": pl.Categorical,
            "determined": pl.Boolean,
            "changed": pl.Boolean,
        }.items() <= dict(frame.schema).items()

    @pytest.mark.parametrize("library", ["pandas", "polars"])
    def test_empty_tables_keep_their_columns(self, library: str) -> None:
        """A table without rows converts to a frame with every column."""
        pytest.importorskip(library)
        for table in (tables.panel(Record()), tables.events(Record())):
            frame = getattr(table, f"to_{library}")()
            assert (0, list(table.names)) == (len(frame), list(frame.columns))

    @pytest.mark.parametrize("library", ["pandas", "polars"])
    def test_missing_library_names_the_extra(
        self, library: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without the library, the error names the extra that installs it."""
        monkeypatch.setitem(sys.modules, library, None)
        table = tables.events(datasets.load("korea"))
        with pytest.raises(tables.LibraryUnavailable, match=rf"armscontrol\[{library}\]") as error:
            getattr(table, f"to_{library}")()
        assert (library, library) == (error.value.package, error.value.extra)


class TestModuleDocstring:
    """The example in the module's docstring runs and shows the real result."""

    def test_docstring_example(self) -> None:
        """The docstring's example of armscontrol.tables is found, and it passes."""
        import doctest

        results = doctest.testmod(tables, raise_on_error=False)
        assert results.attempted >= 1
        assert 0 == results.failed


class TestImports:
    """Importing the tables loads neither pandas nor polars."""

    def test_tables_load_no_frame_library(self) -> None:
        """Importing the tables and writing one as CSV leave pandas and polars unloaded."""
        code = (
            "import sys; from armscontrol import datasets, tables; "
            "tables.panel(datasets.load('korea')).to_csv(open('/dev/null', 'w')); "
            "print(sorted(m for m in ('pandas', 'polars', 'numpy') if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert "[]" == out.strip()


class TestColumnDictionary:
    """docs/tables.md describes every column of every table."""

    @pytest.mark.parametrize(
        "columns",
        [
            tables.PANEL_COLUMNS,
            tables.TRANSITION_COLUMNS,
            tables.EVENT_COLUMNS,
            tables.VIOLATION_COLUMNS,
            tables.COMMITMENT_COLUMNS,
        ],
        ids=["panel", "transitions", "events", "violations", "commitments"],
    )
    def test_every_column_is_in_the_docs(self, columns: Sequence[tables.Column]) -> None:
        """Each column is a row of the page's column dictionary: name, kind and meaning."""
        page = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8").splitlines()
        missing = [
            c.name
            for c in columns
            if f"| `{c.name}` | {c.kind} | {c.description.replace('|', chr(92) + '|')} |"
            not in page
        ]
        assert [] == missing


class TestBenchmarkScript:
    """benchmarks/tables.py runs and prints its figures (never timed here)."""

    def test_small_run_prints_its_figures(self) -> None:
        """A run on a small record prints the panel's size and build time."""
        out = subprocess.run(
            [
                *(sys.executable, str(ROOT / "benchmarks" / "tables.py")),
                *("200", "--frames", "--sample", "200"),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        assert "record: 200 agreements" in out
        assert "panel by year, first build:" in out
        assert "a loop over record.status(), 200 of " in out
        assert "to_polars:" in out
