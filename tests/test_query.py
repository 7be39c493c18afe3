import datetime as dt
import gc
import itertools
import weakref
from typing import Literal

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armscontrol import query
from armscontrol.dates import HistoricalDate
from armscontrol.exceptions import DateError, UnknownPartyError, UnknownSubjectError
from armscontrol.index import first_dispute, index_of
from armscontrol.lifecycle import lifecycle_for
from armscontrol.model import (
    Agreement,
    AgreementKind,
    Commitment,
    Continuation,
    DateClaim,
    Deontic,
    Event,
    EventKind,
    Extension,
    Party,
    Record,
    SubjectKind,
    Transition,
)
from armscontrol.validation import validate
from records import (
    LEAP_DAY,
    MORATORIUM,
    VIOLATION,
    launch_violation,
    leap_day_parties,
    leap_day_record,
)
from strategies import dates, day_dates, periods, records

DEAL = LEAP_DAY


def when(text: str) -> HistoricalDate:
    """A historical date from its text."""
    return HistoricalDate.parse(text)


def move(
    subject: str,
    to: str,
    date: str,
    *,
    by: tuple[str, ...] = (),
    also: tuple[str, ...] = (),
    **fields: object,
) -> Transition:
    """A transition; ``by`` are the asserting parties, ``also`` other claimed dates."""
    claims = tuple(DateClaim(when(text)) for text in also)
    return Transition(
        subject,
        to,
        when(date),
        asserted_by=by,
        alternative_dates=claims,
        **fields,  # type: ignore[arg-type]
    )


def record(*transitions: Transition, violation_date: str = "2012-04-13") -> Record:
    """A small Leap Day record (USA, PRK; one deal, one commitment, one violation)."""
    return leap_day_record(*transitions, violations=(launch_violation(date=violation_date),))


CONCLUDED = move(DEAL, "concluded", "2012-02-29", sources=("act-2013",))
IN_EFFECT = move(DEAL, "in_effect", "2012-03-01")
ACTIVE = move(MORATORIUM, "active", "2012-03-01")
VIOLATED_PER_USA = move(MORATORIUM, "violated", "2012-04-13", by=("USA",), causes=("launch",))
COLLAPSED_PER_USA = move(DEAL, "collapsed", "2012-05-01", by=("USA",))


class TestStatusOnExactDates:
    """Exact days: a transition applies from its day on, and not before."""

    def test_before_any_transition(self) -> None:
        """Before its first transition a subject has no recorded status."""
        status = query.status(record(CONCLUDED), DEAL, "2012-02-28")
        assert (None, frozenset(), True, False) == (
            status.state,
            status.possible,
            status.unrecorded,
            status.ambiguous,
        )
        assert (None, None) == (status.step, status.since)

    def test_on_the_day(self) -> None:
        """A transition applies on its own day."""
        status = query.status(record(CONCLUDED, IN_EFFECT), DEAL, "2012-02-29")
        assert "concluded" == status.state
        assert when("2012-02-29") == status.since

    def test_later_steps(self) -> None:
        """The last transition on or before the date gives the state, with its step."""
        rec = record(CONCLUDED, IN_EFFECT)
        status = query.status(rec, DEAL, "2012-06-01")
        assert ("in_effect", frozenset({"in_effect"})) == (status.state, status.possible)
        assert (1, False) == (status.step.index if status.step else None, status.ambiguous)

    def test_same_day_steps_follow_record_order(self) -> None:
        """Two transitions on one day both apply; the later in the record wins."""
        rec = record(CONCLUDED, move(DEAL, "in_effect", "2012-02-29"))
        assert "in_effect" == query.status(rec, DEAL, "2012-02-29").state

    def test_subject_without_transitions(self) -> None:
        """A known subject with no transitions has no recorded status, whatever the date."""
        status = query.status(record(CONCLUDED), VIOLATION, "2020")
        assert (None, frozenset(), True) == (status.state, status.possible, status.unrecorded)

    def test_record_method_is_the_query(self) -> None:
        """``Record.status`` and ``Record.history`` give the same answers as the functions."""
        rec = record(CONCLUDED, IN_EFFECT, ACTIVE, VIOLATED_PER_USA)
        assert query.status(rec, MORATORIUM, "2012-05") == rec.status(MORATORIUM, "2012-05")
        assert query.history(rec, DEAL, according_to="USA") == rec.history(DEAL, "USA")


class TestFuzzyDates:
    """Imprecise and disputed dates give every possible state instead of a guess."""

    def test_month_precision_is_ambiguous_within_the_month(self) -> None:
        """A step dated only to the month may or may not have happened mid-month."""
        suspended = move(DEAL, "suspended", "2012-04")
        status = query.status(record(CONCLUDED, IN_EFFECT, suspended), DEAL, "2012-04-13")
        assert (None, True) == (status.state, status.ambiguous)
        assert frozenset({"in_effect", "suspended"}) == status.possible
        assert (2,) == tuple(step.index for step in status.undetermined)

    def test_month_precision_settles_after_the_month(self) -> None:
        """Once the whole month has passed the step definitely applies."""
        suspended = move(DEAL, "suspended", "2012-04")
        status = query.status(record(CONCLUDED, IN_EFFECT, suspended), DEAL, "2012-05-01")
        assert ("suspended", False, ()) == (status.state, status.ambiguous, status.undetermined)

    def test_month_precision_does_not_apply_before_the_month(self) -> None:
        """Before the month begins the step definitely has not happened."""
        suspended = move(DEAL, "suspended", "2012-04")
        status = query.status(record(CONCLUDED, IN_EFFECT, suspended), DEAL, "2012-03-31")
        assert "in_effect" == status.state

    def test_fuzzy_query_date_at_its_end(self) -> None:
        """Asked about the end of a month, every step within that month has happened."""
        suspended = move(DEAL, "suspended", "2012-04-13")
        status = query.status(record(CONCLUDED, IN_EFFECT, suspended), DEAL, "2012-04", at="end")
        assert ("suspended", "end") == (status.state, status.at)

    def test_fuzzy_first_step_may_not_have_happened(self) -> None:
        """A first step that may not have happened leaves 'no recorded status' possible."""
        status = query.status(record(move(DEAL, "concluded", "2012")), DEAL, "2012-06-01")
        assert (None, frozenset({"concluded"})) == (status.state, status.possible)
        assert (True, True) == (status.unrecorded, status.ambiguous)

    def test_alternative_earlier_date_widens_the_span(self) -> None:
        """A source giving an earlier date makes the step possible on that earlier day."""
        plain = move(MORATORIUM, "violated", "2012-04-13")
        disputed = move(MORATORIUM, "violated", "2012-04-13", also=("2012-04-12",))
        assert "active" == query.status(record(ACTIVE, plain), MORATORIUM, "2012-04-12").state
        status = query.status(record(ACTIVE, disputed), MORATORIUM, "2012-04-12")
        assert (None, frozenset({"active", "violated"})) == (status.state, status.possible)

    def test_alternative_later_date_widens_the_span(self) -> None:
        """A source giving a later date leaves the step undetermined until that date."""
        disputed = move(MORATORIUM, "violated", "2012-04-13", also=("2012-04-20",))
        status = query.status(record(ACTIVE, disputed), MORATORIUM, "2012-04-15")
        assert (True, frozenset({"active", "violated"})) == (status.ambiguous, status.possible)
        assert "violated" == query.status(record(ACTIVE, disputed), MORATORIUM, "2012-04-20").state

    def test_record_order_bounds_the_possibilities(self) -> None:
        """A vague step recorded after one that definitely had not happened is not possible."""
        rec = record(
            CONCLUDED, move(DEAL, "in_effect", "2012-06-01"), move(DEAL, "suspended", "2012")
        )
        status = query.status(rec, DEAL, "2012-03-01")
        assert "concluded" == status.state

    def test_each_possible_prefix_is_listed(self) -> None:
        """Several undetermined steps in a row give the state after each of them."""
        rec = record(
            CONCLUDED,
            move(DEAL, "in_effect", "2012-04"),
            move(DEAL, "suspended", "2012-04"),
        )
        status = query.status(rec, DEAL, "2012-04-10")
        assert frozenset({"concluded", "in_effect", "suspended"}) == status.possible

    def test_same_state_either_way_is_not_ambiguous(self) -> None:
        """An undetermined step that re-enters the current state leaves one possibility."""
        rec = record(CONCLUDED, IN_EFFECT, move(DEAL, "in_effect", "2012-04"))
        status = query.status(rec, DEAL, "2012-04-10")
        assert ("in_effect", False) == (status.state, status.ambiguous)

    def test_dates_contradicting_record_order_keep_the_definite_step(self) -> None:
        """When a later-recorded step is dated earlier, the last definite step still holds."""
        rec = record(move(DEAL, "concluded", "2013-01-01"), move(DEAL, "in_effect", "2012-01-01"))
        status = query.status(rec, DEAL, "2012-06-01")
        assert ("in_effect", frozenset({"in_effect"})) == (status.state, status.possible)


class TestPerspectives:
    """Asserted transitions hold only for their asserters; the default answer shows disputes."""

    def test_according_to_the_asserter(self) -> None:
        """A party sees the uncontested transitions plus its own."""
        rec = record(ACTIVE, VIOLATED_PER_USA)
        status = query.status(rec, MORATORIUM, "2012-05", according_to="USA")
        assert ("violated", "USA", False) == (status.state, status.according_to, status.disputed)
        assert {} == dict(status.views)

    def test_according_to_another_party(self) -> None:
        """A party that asserts nothing sees only the uncontested transitions."""
        rec = record(ACTIVE, VIOLATED_PER_USA)
        status = query.status(rec, MORATORIUM, "2012-05", according_to="PRK")
        assert "active" == status.state

    def test_default_answer_reports_the_dispute(self) -> None:
        """With no party named, differing views are a dispute with each party's view."""
        rec = record(ACTIVE, VIOLATED_PER_USA)
        status = query.status(rec, MORATORIUM, "2012-05")
        assert (None, True, False) == (status.state, status.disputed, status.ambiguous)
        assert {"USA": frozenset({"violated"})} == dict(status.views)
        assert ("PRK",) == status.silent
        assert frozenset({"active", "violated"}) == status.possible
        assert frozenset({"active"}) == status.uncontested

    def test_no_dispute_before_the_asserted_step(self) -> None:
        """Before the contested step, every view agrees and the state is given."""
        rec = record(ACTIVE, VIOLATED_PER_USA)
        status = query.status(rec, MORATORIUM, "2012-04-01")
        assert ("active", False) == (status.state, status.disputed)
        assert {"USA": frozenset({"active"})} == dict(status.views)

    def test_no_views_when_nobody_asserts(self) -> None:
        """Views stay empty for a subject whose transitions are all uncontested."""
        status = query.status(record(CONCLUDED, IN_EFFECT), DEAL, "2012-06")
        assert ({}, False) == (dict(status.views), status.disputed)

    def test_asserting_party_outside_the_agreement_has_a_view(self) -> None:
        """A party that asserts a transition has a view even if it is not a party."""
        rec = record(CONCLUDED, IN_EFFECT, move(DEAL, "suspended", "2012-05-01", by=("KOR",)))
        status = query.status(rec, DEAL, "2012-06", according_to="KOR")
        assert "suspended" == status.state
        assert ("KOR",) == tuple(query.status(rec, DEAL, "2012-06").views)

    def test_unknown_party_suggests_a_close_one(self) -> None:
        """A misspelt party raises UnknownSubjectError naming the likely party."""
        with pytest.raises(UnknownSubjectError) as caught:
            query.status(record(CONCLUDED), DEAL, "2012", according_to="UAS")
        assert ("UAS", ("USA",)) == (caught.value.subject, caught.value.suggestions)

    def test_unknown_party_is_called_a_party(self) -> None:
        """An unknown party raises UnknownPartyError, which says "party", not "subject"."""
        with pytest.raises(UnknownPartyError) as caught:
            query.status(record(CONCLUDED), DEAL, "2012", according_to="XYZ")
        assert isinstance(caught.value, UnknownSubjectError)
        assert ("XYZ", "unknown party 'XYZ'") == (caught.value.party, str(caught.value))

    def test_party_in_another_case_is_suggested_first(self) -> None:
        """A party id typed in the wrong case is the first suggestion."""
        with pytest.raises(UnknownPartyError) as caught:
            query.history(record(CONCLUDED), DEAL, according_to="prk")
        assert "PRK" == caught.value.suggestions[0]
        assert str(caught.value).startswith("unknown party 'prk'; did you mean 'PRK'")

    def test_participation_according_to_a_party(self) -> None:
        """A party's participation is a subject with its own perspectives."""
        rec = record(move(f"{DEAL}/USA", "withdrawn", "2012-05-01", by=("USA",)))
        status = query.status(rec, f"{DEAL}/USA", "2012-06")
        assert (SubjectKind.PARTICIPATION, True) == (status.kind, status.disputed)


class TestStatusText:
    """A status reads as one sentence."""

    def test_settled(self) -> None:
        """A settled state gives the date it began."""
        status = query.status(record(CONCLUDED, IN_EFFECT), DEAL, "2012-03-02")
        assert "leap-day-2012 on 2012-03-02: in_effect (since 2012-03-01)" == str(status)

    def test_no_status(self) -> None:
        """A subject without a recorded status says so."""
        status = query.status(record(CONCLUDED), DEAL, "2011")
        assert "leap-day-2012 on 2011: no recorded status" == str(status)

    def test_according_to(self) -> None:
        """A party's view names the party."""
        status = query.status(
            record(ACTIVE, VIOLATED_PER_USA), MORATORIUM, "2012-05", according_to="USA"
        )
        assert "prk-moratorium on 2012-05 according to USA: violated (since 2012-04-13)" == str(
            status
        )

    def test_dispute(self) -> None:
        """A dispute lists each asserting party's view, then the uncontested record."""
        status = query.status(record(CONCLUDED, IN_EFFECT, COLLAPSED_PER_USA), DEAL, "2012-06-01")
        expected = (
            "leap-day-2012 on 2012-06-01: "
            "collapsed according to USA; in_effect on the uncontested record (disputed)"
        )
        assert expected == str(status)

    def test_undetermined_dates(self) -> None:
        """Undetermined steps are named by their dates, the latest possibility first."""
        rec = record(CONCLUDED, IN_EFFECT, move(DEAL, "suspended", "2012-04"))
        expected = (
            "leap-day-2012 on 2012-04-13: "
            "suspended or in_effect (dates undetermined: 2012-04 vs 2012-04-13)"
        )
        assert expected == str(query.status(rec, DEAL, "2012-04-13"))

    def test_undetermined_first_step(self) -> None:
        """A first step that may not have happened offers 'no recorded status' last."""
        status = query.status(record(move(DEAL, "concluded", "2012")), DEAL, "2012-06-01")
        expected = (
            "leap-day-2012 on 2012-06-01: "
            "concluded or no recorded status (dates undetermined: 2012 vs 2012-06-01)"
        )
        assert expected == str(status)

    def test_many_parties_are_counted(self) -> None:
        """A long list of parties with one view is shortened to a count."""
        many = tuple(f"P{n}" for n in range(6))
        rec = Record(
            agreements=(Agreement("pact", "Pact", AgreementKind.TREATY, many),),
            transitions=(
                move("pact", "in_effect", "2000"),
                move("pact", "collapsed", "2001", by=("P0",)),
                move("pact", "suspended", "2001", by=many[1:]),
            ),
        )
        expected = (
            "pact on 2002: "
            "collapsed according to P0; suspended according to P1, P2, P3 and 2 others (disputed)"
        )
        assert expected == str(query.status(rec, "pact", "2002"))


class TestHistory:
    """A history lists a subject's steps with the state before and after each."""

    def test_steps(self) -> None:
        """Each step has its record index, previous state and state."""
        rec = record(CONCLUDED, ACTIVE, IN_EFFECT)
        steps = query.history(rec, DEAL).steps
        assert [(0, None, "concluded"), (2, "concluded", "in_effect")] == [
            (s.index, s.previous, s.state) for s in steps
        ]

    def test_passthroughs(self) -> None:
        """A step gives its transition's date, causes, sources, assertions and note."""
        note = move(
            MORATORIUM, "violated", "2012-04-13", by=("USA",), causes=("launch",), note="Unha-3"
        )
        step = query.history(record(ACTIVE, note), MORATORIUM)[1]
        assert (when("2012-04-13"), ("launch",), (), ("USA",), "Unha-3", MORATORIUM) == (
            step.date,
            step.causes,
            step.sources,
            step.asserted_by,
            step.note,
            step.subject,
        )

    def test_sequence_protocol(self) -> None:
        """A history iterates over its steps and has their number as its length."""
        history = query.history(record(CONCLUDED, IN_EFFECT), DEAL)
        assert (2, ("concluded", "in_effect")) == (len(history), tuple(s.state for s in history))
        assert ("concluded", "in_effect") == history.states

    def test_according_to_filters(self) -> None:
        """A party's history leaves out what other parties assert."""
        rec = record(CONCLUDED, IN_EFFECT, COLLAPSED_PER_USA)
        assert ("concluded", "in_effect") == query.history(rec, DEAL, according_to="PRK").states
        assert ("concluded", "in_effect", "collapsed") == query.history(
            rec, DEAL, according_to="USA"
        ).states

    def test_default_previous_follows_the_asserters(self) -> None:
        """With every step shown, a step's previous state is the one its asserters saw."""
        rec = record(
            CONCLUDED,
            move(DEAL, "suspended", "2012-04-01", by=("PRK",)),
            move(DEAL, "collapsed", "2012-05-01", by=("USA",)),
        )
        assert [None, "concluded", "concluded"] == [s.previous for s in query.history(rec, DEAL)]

    def test_text(self) -> None:
        """The text gives a heading, then date, state and details, one step a line."""
        note = move(
            DEAL, "collapsed", "2012-05", by=("USA",), also=("2012-04",), note="Aid halted."
        )
        history = query.history(record(CONCLUDED, note), DEAL)
        expected = (
            "leap-day-2012 (agreement)\n"
            "  2012-02-29  concluded  (sources: act-2013)\n"
            "  2012-05     collapsed  (according to USA; also dated 2012-04)\n"
            "              Aid halted."
        )
        assert expected == history.text()

    def test_text_of_an_empty_history(self) -> None:
        """A subject without transitions says so, under the party it is according to."""
        expected = "launch-violation (violation) according to USA\n  no recorded transitions"
        assert expected == query.history(record(), VIOLATION, according_to="USA").text()


class TestInputs:
    """Dates come in any DateLike form; unknown ids are refused with a suggestion."""

    @pytest.mark.parametrize(
        "on", ["2012-04-13", dt.date(2012, 4, 13), HistoricalDate.parse("2012-04-13")]
    )
    def test_on_accepts_every_date_form(self, on: object) -> None:
        """A string, a datetime.date and a HistoricalDate give the same answer."""
        status = query.status(record(ACTIVE, VIOLATED_PER_USA), MORATORIUM, on, according_to="USA")  # type: ignore[arg-type]
        assert (when("2012-04-13"), "violated") == (status.on, status.state)

    @pytest.mark.parametrize("on", ["13 April 2012", dt.datetime(2012, 4, 13, 12)])  # noqa: DTZ001
    def test_bad_date(self, on: object) -> None:
        """A date that does not parse, or a naive datetime, raises DateError."""
        with pytest.raises(DateError):
            query.status(record(ACTIVE), MORATORIUM, on)  # type: ignore[arg-type]

    def test_unknown_subject(self) -> None:
        """An unknown subject raises UnknownSubjectError with the close ids."""
        with pytest.raises(UnknownSubjectError) as caught:
            query.status(record(ACTIVE), "prk-moratorum", "2012")
        assert MORATORIUM == caught.value.suggestions[0]

    def test_id_that_has_no_status(self) -> None:
        """A party's id names nothing with a status."""
        with pytest.raises(UnknownSubjectError):
            query.history(record(ACTIVE), "USA")


class TestInEffect:
    """The agreements in effect on a date, including those possibly so."""

    def test_in_effect(self) -> None:
        """An agreement in effect on the date is listed with that state."""
        found = query.in_effect(record(CONCLUDED, IN_EFFECT), "2012-03-01")
        assert [(DEAL, "in_effect")] == [(s.subject, s.state) for s in found]

    def test_not_yet(self) -> None:
        """An agreement only concluded is not listed."""
        assert () == query.in_effect(record(CONCLUDED, IN_EFFECT), "2012-02-29")

    def test_possibly_in_effect_is_flagged(self) -> None:
        """An agreement that may be in effect is listed, ambiguous and without a state."""
        found = query.in_effect(record(CONCLUDED, move(DEAL, "in_effect", "2012-03")), "2012-03-10")
        assert [(DEAL, None, True)] == [(s.subject, s.state, s.ambiguous) for s in found]

    def test_disputed_is_flagged(self) -> None:
        """An agreement in effect for one party only is listed as disputed."""
        found = query.in_effect(record(CONCLUDED, IN_EFFECT, COLLAPSED_PER_USA), "2012-06")
        assert [(DEAL, True)] == [(s.subject, s.disputed) for s in found]
        assert () == query.in_effect(
            record(CONCLUDED, IN_EFFECT, COLLAPSED_PER_USA), "2012-06", according_to="USA"
        )


class TestViolations:
    """Violations by and against parties, with their status on a date."""

    def test_by_and_against(self) -> None:
        """Filters keep the violations a party alleges or is accused of."""
        rec = record()
        assert (VIOLATION,) == tuple(a.id for a in query.violations(rec, by="USA"))
        assert () == query.violations(rec, by="PRK")
        assert (VIOLATION,) == tuple(a.id for a in query.violations(rec, against="PRK"))
        assert () == query.violations(rec, by="USA", against="USA")

    def test_without_date_no_status(self) -> None:
        """With no date given, a violation comes without a status."""
        assert (None,) == tuple(a.status for a in query.violations(record()))

    def test_status_on_the_date(self) -> None:
        """With a date, each violation comes with its status on it."""
        rec = record(
            move(VIOLATION, "alleged", "2012-04-13"), move(VIOLATION, "disputed", "2012-04-17")
        )
        (found,) = query.violations(rec, against="PRK", on="2012-04-14")
        assert "alleged" == (found.status.state if found.status else None)

    def test_later_allegations_are_left_out(self) -> None:
        """A violation alleged after the date is not listed."""
        assert () == query.violations(record(), on="2012-04-12")
        assert 1 == len(query.violations(record(violation_date="2012-04"), on="2012-04-12"))

    def test_unknown_party(self) -> None:
        """A misspelt party raises UnknownSubjectError."""
        with pytest.raises(UnknownSubjectError):
            query.violations(record(), against="PKR")


class TestChanges:
    """The steps within a period, certain or possible, by date."""

    def test_certain_and_possible(self) -> None:
        """Steps inside the period are certain; steps overlapping its edge are possible."""
        rec = record(CONCLUDED, IN_EFFECT, ACTIVE, move(MORATORIUM, "violated", "2012-04"))
        found = query.changes(rec, "2012-03-01", "2012-04-10")
        assert [
            (DEAL, "in_effect", True),
            (MORATORIUM, "active", True),
            (MORATORIUM, "violated", False),
        ] == [(c.subject, c.step.state, c.certain) for c in found]

    def test_ordered_by_date_across_subjects(self) -> None:
        """Steps of different subjects interleave by date."""
        rec = record(CONCLUDED, COLLAPSED_PER_USA, ACTIVE, VIOLATED_PER_USA)
        dates = [str(c.date) for c in query.changes(rec, "2012", "2012")]
        assert ["2012-02-29", "2012-03-01", "2012-04-13", "2012-05-01"] == dates

    def test_record_order_within_a_subject(self) -> None:
        """A subject's steps keep their record order even when dates say otherwise."""
        rec = record(move(DEAL, "concluded", "2012-05-01"), move(DEAL, "in_effect", "2012-04-01"))
        assert ["concluded", "in_effect"] == [
            c.step.state for c in query.changes(rec, "2012", "2012")
        ]

    def test_outside_the_period(self) -> None:
        """Steps wholly before or after the period are left out."""
        assert () == query.changes(record(CONCLUDED, COLLAPSED_PER_USA), "2012-03", "2012-04")

    def test_according_to(self) -> None:
        """A party's changes leave out other parties' assertions."""
        rec = record(CONCLUDED, COLLAPSED_PER_USA)
        assert 1 == len(query.changes(rec, "2012", "2012", according_to="PRK"))

    def test_text(self) -> None:
        """A change reads as subject, date and states, marked when only possible."""
        found = query.changes(record(move(DEAL, "concluded", "2012-02")), "2012-02-15", "2012-03")
        assert ["leap-day-2012: 2012-02  (start) → concluded  (possibly)"] == [
            str(c) for c in found
        ]


class TestSubjects:
    """Every subject of a record, in record order, or only those of one kind."""

    def test_all(self) -> None:
        """Agreements come with their commitments and participations; violations last."""
        expected = (DEAL, MORATORIUM, f"{DEAL}/USA", f"{DEAL}/PRK", VIOLATION)
        assert expected == query.subjects(record())

    @pytest.mark.parametrize(
        ("kind", "expected"),
        [
            (SubjectKind.AGREEMENT, (DEAL,)),
            (SubjectKind.COMMITMENT, (MORATORIUM,)),
            (SubjectKind.PARTICIPATION, (f"{DEAL}/USA", f"{DEAL}/PRK")),
            (SubjectKind.VIOLATION, (VIOLATION,)),
        ],
    )
    def test_by_kind(self, kind: SubjectKind, expected: tuple[str, ...]) -> None:
        """Asking for one kind gives only subjects of that kind."""
        assert expected == query.subjects(record(), kind)


class TestAnswersAreValues:
    """Answers are immutable values, and records are not kept alive by queries."""

    def test_equal_records_equal_answers(self) -> None:
        """Two equal records built separately give equal answers."""
        first, second = record(ACTIVE, VIOLATED_PER_USA), record(ACTIVE, VIOLATED_PER_USA)
        assert query.status(first, MORATORIUM, "2012-05") == query.status(
            second, MORATORIUM, "2012-05"
        )

    def test_changed_record_changed_answer(self) -> None:
        """An evolved record is asked afresh, not answered from the old one."""
        rec = record(CONCLUDED)
        assert "concluded" == query.status(rec, DEAL, "2013").state
        evolved = attrs.evolve(rec, transitions=(CONCLUDED, IN_EFFECT))
        assert "in_effect" == query.status(evolved, DEAL, "2013").state

    def test_status_is_hashable(self) -> None:
        """A status can be put in a set."""
        status = query.status(record(ACTIVE, VIOLATED_PER_USA), MORATORIUM, "2012-05")
        assert {status} == {status, attrs.evolve(status)}

    def test_record_is_released(self) -> None:
        """A queried record is freed once nothing else refers to it."""
        rec = record(CONCLUDED)
        query.status(rec, DEAL, "2013")
        ref = weakref.ref(rec)
        del rec
        gc.collect()
        assert ref() is None


# -- properties ---------------------------------------------------------------------

STATES = st.sampled_from(["concluded", "in_effect", "suspended", "collapsed"])
# Generated records are large; how fast they are drawn depends on the machine.
GENERATED = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@st.composite
def fuzzy_histories(draw: st.DrawFn) -> Record:
    """A record whose deal and commitment have histories on any dates, some asserted."""
    transitions = [
        Transition(
            draw(st.sampled_from([DEAL, MORATORIUM])),
            draw(STATES),
            draw(dates()),
            asserted_by=draw(
                st.sampled_from([(), (), ("USA",), ("PRK",), ("USA", "PRK"), ("KOR",)])
            ),
            alternative_dates=tuple(DateClaim(d) for d in draw(st.lists(dates(), max_size=2))),
        )
        for _ in range(draw(st.integers(0, 8)))
    ]
    return record(*transitions)


@st.composite
def exact_histories(draw: st.DrawFn) -> tuple[Record, list[str]]:
    """A record whose deal has a history on exact, strictly increasing days, and the days."""
    steps = draw(st.lists(st.tuples(STATES, st.integers(1, 400)), min_size=1, max_size=8))
    day = dt.date(2000, 1, 1)
    transitions, days = [], []
    for state, gap in steps:
        day += dt.timedelta(days=gap)
        transitions.append(move(DEAL, state, day.isoformat()))
        days.append(day.isoformat())
    return record(*transitions), days


class TestProperties:
    """Invariants over generated records."""

    @settings(deadline=None)
    @given(exact_histories(), st.data())
    def test_exact_dates_give_the_step_on_or_before(
        self, generated: tuple[Record, list[str]], data: st.DataObject
    ) -> None:
        """On the day of step k, the status is the state of step k, settled."""
        rec, days = generated
        k = data.draw(st.integers(0, len(days) - 1))
        status = query.status(rec, DEAL, days[k])
        assert (rec.transitions[k].to, False) == (status.state, status.ambiguous)

    @settings(deadline=None)
    @given(exact_histories())
    def test_day_before_the_first_step_has_no_status(
        self, generated: tuple[Record, list[str]]
    ) -> None:
        """The day before the first step, nothing is recorded yet."""
        rec, days = generated
        before = dt.date.fromisoformat(days[0]) - dt.timedelta(days=1)
        assert frozenset() == query.status(rec, DEAL, before).possible

    @settings(deadline=None)
    @given(fuzzy_histories(), dates())
    def test_status_is_among_the_history_states(self, rec: Record, on: HistoricalDate) -> None:
        """Every possible state is one some step of the history enters, or a derived end."""
        for subject in query.subjects(rec):
            status = query.status(rec, subject, on)
            entered = set(query.history(rec, subject).states)
            if status.derived is None:
                assert status.possible <= entered
            else:
                ends = lifecycle_for(rec.subject_kind(subject)).terminal
                assert status.derived.recorded <= entered
                assert status.possible - entered <= ends
            assert "" not in status.possible

    @settings(deadline=None)
    @given(fuzzy_histories(), dates())
    def test_possible_never_empty_once_a_step_definitely_applied(
        self, rec: Record, on: HistoricalDate
    ) -> None:
        """Once some step of a view definitely happened, that view has a possible state."""
        for subject in query.subjects(rec):
            definite = [
                step
                for step in query.history(rec, subject)
                if not step.asserted_by
                and max(d.upper for d in (step.date, *(c.date for c in step.alternative_dates)))
                <= on.upper
            ]
            if definite:
                status = query.status(rec, subject, on)
                assert status.uncontested
                assert status.possible

    @GENERATED
    @given(records(dangling=True), dates(), dates())
    def test_queries_never_raise(
        self, rec: Record, on: HistoricalDate, end: HistoricalDate
    ) -> None:
        """On a record that builds, no query raises for its own subjects and parties."""
        parties = sorted(
            {p for t in rec.transitions for p in t.asserted_by} | {p.id for p in rec.parties}
        )
        for subject in query.subjects(rec):
            str(query.status(rec, subject, on))
            query.history(rec, subject).text()
            for party in parties:
                str(query.status(rec, subject, on, according_to=party))
        query.in_effect(rec, on)
        [str(change) for change in query.changes(rec, on, end)]
        query.violations(rec, on=on)

    @settings(deadline=None)
    @given(fuzzy_histories(), dates())
    def test_settled_state_agrees_with_every_view(self, rec: Record, on: HistoricalDate) -> None:
        """A settled default answer is the answer according to each party with a view."""
        for subject in query.subjects(rec):
            status = query.status(rec, subject, on)
            if status.state is not None:
                for party in status.views:
                    assert status.state == query.status(rec, subject, on, according_to=party).state


class TestSilentParties:
    """A party that asserts nothing on a subject is credited with no view of its own."""

    def test_one_asserting_party_against_the_uncontested_record(self) -> None:
        """With USA alone asserting a collapse, the answer names USA and the uncontested record."""
        status = query.status(record(CONCLUDED, IN_EFFECT, COLLAPSED_PER_USA), DEAL, "2012-06-01")
        assert {"USA": frozenset({"collapsed"})} == dict(status.views)
        assert (True, ("PRK",)) == (status.disputed, status.silent)
        expected = (
            "leap-day-2012 on 2012-06-01: "
            "collapsed according to USA; in_effect on the uncontested record (disputed)"
        )
        assert expected == str(status)

    def test_every_party_asserting_leaves_the_uncontested_state_out(self) -> None:
        """When every party of the agreement has a view, nobody holds the bare record's state."""
        rec = record(
            ACTIVE,
            move(MORATORIUM, "suspended", "2012-04-13", by=("USA",)),
            move(MORATORIUM, "lapsed", "2012-04-13", by=("PRK",)),
        )
        status = query.status(rec, MORATORIUM, "2012-05")
        assert frozenset({"suspended", "lapsed"}) == status.possible
        assert ((), True) == (status.silent, status.disputed)
        assert "on the uncontested record" not in str(status)

    def test_every_party_asserting_alike_is_settled(self) -> None:
        """When every party of the agreement asserts the same step, the answer is that step."""
        rec = record(CONCLUDED, IN_EFFECT, move(DEAL, "collapsed", "2012-05-01", by=("USA", "PRK")))
        status = query.status(rec, DEAL, "2012-06")
        assert ("collapsed", False) == (status.state, status.disputed)
        assert "2012-05-01" == str(status.since)

    def test_according_to_a_silent_party_is_the_uncontested_record(self) -> None:
        """Asked for a party that asserted nothing, the answer is the record's, and says so."""
        rec = record(CONCLUDED, IN_EFFECT, COLLAPSED_PER_USA)
        status = query.status(rec, DEAL, "2012-06-01", according_to="PRK")
        assert ("in_effect", ("PRK",)) == (status.state, status.silent)
        expected = (
            "leap-day-2012 on 2012-06-01 on the uncontested record (PRK asserts nothing about "
            "leap-day-2012): in_effect (since 2012-03-01)"
        )
        assert expected == str(status)

    def test_according_to_an_asserting_party_is_its_view(self) -> None:
        """Asked for a party that asserted something, the answer is that party's view."""
        rec = record(CONCLUDED, IN_EFFECT, COLLAPSED_PER_USA)
        status = query.status(rec, DEAL, "2012-06-01", according_to="USA")
        assert ("collapsed", ()) == (status.state, status.silent)

    @settings(deadline=None)
    @given(fuzzy_histories(), dates())
    def test_a_disputed_answer_is_a_reported_dispute(self, rec: Record, on: HistoricalDate) -> None:
        """A subject disputed on some date has the validator's dispute finding, and vice versa."""
        reported = {d.subject for d in validate(rec).by_code("AC503")}
        index = index_of(rec)
        for subject in query.subjects(rec):
            if query.status(rec, subject, on).disputed:
                assert subject in reported
            dispute = first_dispute(index.readings(subject))
            assert (dispute is not None) == (subject in reported)
            if dispute is not None:
                # The second that ends at the instant the dispute begins.
                moment = dt.datetime.fromtimestamp(dispute[0] - 1, tz=dt.UTC)
                text = f"{moment.year:04d}-{moment:%m-%dT%H:%M:%S}Z"
                assert query.status(rec, subject, text).disputed


class TestPeriods:
    """A date longer than a day is a period: the answer covers it all, unless a point is asked."""

    def test_a_change_within_the_month_is_undetermined(self) -> None:
        """In April 2012 the deal was in effect, then collapsed: both, and it changed within."""
        collapsed = move(DEAL, "collapsed", "2012-04-13")
        status = query.status(record(CONCLUDED, IN_EFFECT, collapsed), DEAL, "2012-04")
        assert (None, None) == (status.state, status.at)
        assert frozenset({"in_effect", "collapsed"}) == status.possible
        assert ((2,), False) == (tuple(step.index for step in status.within), status.ambiguous)
        expected = (
            "leap-day-2012 on 2012-04: collapsed or in_effect "
            "(changed within 2012-04: collapsed on 2012-04-13)"
        )
        assert expected == str(status)

    def test_a_month_without_change_is_settled(self) -> None:
        """A month in which nothing changed has the one state, since the step before it."""
        status = query.status(record(CONCLUDED, IN_EFFECT), DEAL, "2012-04")
        assert ("in_effect", ()) == (status.state, status.within)
        assert "leap-day-2012 on 2012-04: in_effect (since 2012-03-01)" == str(status)

    def test_start_and_end_are_points(self) -> None:
        """``at="start"`` and ``at="end"`` answer for the first and the last instant."""
        rec = record(CONCLUDED, IN_EFFECT, move(DEAL, "collapsed", "2012-04-13"))
        start = query.status(rec, DEAL, "2012-04", at="start")
        end = query.status(rec, DEAL, "2012-04", at="end")
        assert ("in_effect", "collapsed") == (start.state, end.state)
        assert str(start).startswith("leap-day-2012 at the start of 2012-04: in_effect")
        assert str(end).startswith("leap-day-2012 at the end of 2012-04: collapsed")

    def test_a_day_is_answered_at_its_end(self) -> None:
        """A day is not a period: steps on it have happened, in record order."""
        rec = record(CONCLUDED, move(DEAL, "in_effect", "2012-02-29"))
        assert "in_effect" == query.status(rec, DEAL, "2012-02-29").state

    def test_a_step_overlapping_the_edge_is_undetermined(self) -> None:
        """A step dated to a year, asked about one of its months, may or may not be inside it."""
        rec = record(CONCLUDED, IN_EFFECT, move(DEAL, "collapsed", "2012"))
        status = query.status(rec, DEAL, "2012-04")
        assert ((), True) == (status.within, status.ambiguous)
        assert frozenset({"in_effect", "collapsed"}) == status.possible

    def test_bad_point(self) -> None:
        """``at`` is "start", "end" or None."""
        with pytest.raises(ValueError, match="at"):
            query.status(record(CONCLUDED), DEAL, "2012", at="middle")  # type: ignore[arg-type]

    def test_a_period_holds_what_its_end_derives(self) -> None:
        """The deal collapses within 2013: over 2013 the pledge is active, then lapsed with it."""
        rec = record(CONCLUDED, IN_EFFECT, ACTIVE, move(DEAL, "collapsed", "2013-04-02"))
        status = query.status(rec, MORATORIUM, "2013")
        assert (None, {"active", "lapsed"}) == (status.state, status.possible)
        assert status.derived is not None
        assert ("agreement", when("2013-04-02")) == (status.derived.basis, status.derived.date)
        assert {"active"} == query.status(rec, MORATORIUM, "2013-03").possible

    @settings(deadline=None)
    @given(fuzzy_histories(), dates())
    def test_the_period_answer_covers_both_ends(self, rec: Record, on: HistoricalDate) -> None:
        """Every state possible at the start or the end of a period is possible within it."""
        if on.upper - on.lower <= 86_400:  # a day or less is a point, at its end
            return
        for subject in query.subjects(rec):
            whole = query.status(rec, subject, on)
            for at in ("start", "end"):
                point = query.status(rec, subject, on, at=at)
                assert point.possible <= whole.possible


# -- change points ---------------------------------------------------------------------

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_FIRST_INSTANT = when("0001").lower
_LAST_INSTANT = when("9999").upper - 1


def instant(seconds: int) -> dt.datetime:
    """The UTC instant ``seconds`` after the epoch, as a datetime query dates accept."""
    return _EPOCH + dt.timedelta(seconds=seconds)


def probes(points: tuple[int, ...]) -> list[list[int]]:
    """For each stretch between change points (and before the first): instants inside it.

    Both ends of each stretch, and its middle.
    """
    edges = [_FIRST_INSTANT, *points, _LAST_INSTANT + 1]
    return [
        sorted({first, (first + stop - 1) // 2, stop - 1})
        for first, stop in itertools.pairwise(edges)
        if first < stop
    ]


def assert_constant_between_change_points(rec: Record, according_to: str | None) -> None:
    """Every answer at the end of an instant is the same from one change point to the next."""
    for subject in query.subjects(rec):
        points = query.change_points(rec, subject, according_to=according_to)
        assert list(points) == sorted(set(points))
        for stretch in probes(points):
            answers = {
                attrs.evolve(
                    query.status(rec, subject, instant(at), according_to=according_to, at="end"),
                    on=when("2000"),
                )
                for at in stretch
            }
            assert 1 == len(answers), (subject, [str(instant(at)) for at in stretch])


_STATES = {
    kind: sorted(lifecycle_for(kind).states)
    for kind in (
        SubjectKind.AGREEMENT,
        SubjectKind.COMMITMENT,
        SubjectKind.PARTICIPATION,
        SubjectKind.VIOLATION,
    )
}


@st.composite
def lifecycle_records(draw: st.DrawFn) -> Record:
    """Generated records whose steps enter the states of their subject's lifecycle.

    The treaty law of the queries reads those states (``in_effect``,
    ``withdrawn``, the endings); a made-up state would leave it idle. The
    record may have a horizon (``as_of``).
    """
    rec = draw(records())
    kinds = {subject: rec.subject_kind(subject) for subject in query.subjects(rec)}
    transitions = tuple(
        attrs.evolve(t, to=draw(st.sampled_from(_STATES[kinds[t.subject]])))
        for t in rec.transitions
    )
    return attrs.evolve(rec, transitions=transitions, as_of=draw(st.none() | dates()))


_LAWFUL = {
    SubjectKind.AGREEMENT: ["in_effect", "in_effect", "collapsed", "terminated"],
    SubjectKind.COMMITMENT: ["active"],
    SubjectKind.PARTICIPATION: ["party", "party", "withdrawn"],
}


@st.composite
def treaty_histories(draw: st.DrawFn) -> Record:
    """A treaty under the law: terms, extensions, withdrawals, a succession, fuzzy dates.

    The United States and the Soviet Union, whose place the Russian Federation
    takes at a drawn date, with a commitment of either; the treaty may be
    bilateral (no depositary) and may have an end date, a duration and
    extensions. Every step enters a state of its subject's lifecycle, on dates
    crowded into five years.
    """
    near = day_dates(2000, 2004)
    parties = (
        Party("USA", "United States"),
        Party("SUN", "Soviet Union"),
        Party("RUS", "Russian Federation", continues=Continuation("SUN", draw(near))),
    )
    members = draw(st.sampled_from([("USA", "SUN", "RUS"), ("USA", "SUN"), ("USA", "RUS")]))
    treaty = Agreement(
        "treaty",
        "The treaty",
        AgreementKind.TREATY,
        members,
        (
            Commitment(
                "pledge",
                draw(st.sampled_from([("USA",), ("SUN",), ("USA", "SUN")])),
                Deontic.MUST,
                "keep it",
            ),
        ),
        depositaries=draw(st.sampled_from([(), (), ("USA",)])),
        duration=draw(st.none() | periods().filter(lambda p: p.years < 5)),
        expires=draw(st.none() | near),
        extensions=tuple(Extension(draw(near), draw(near)) for _ in range(draw(st.integers(0, 2)))),
    )
    subjects = {
        "treaty": SubjectKind.AGREEMENT,
        "pledge": SubjectKind.COMMITMENT,
        **{f"treaty/{party}": SubjectKind.PARTICIPATION for party in members},
    }
    transitions = []
    for _ in range(draw(st.integers(1, 10))):
        subject = draw(st.sampled_from(sorted(subjects)))
        kind = subjects[subject]
        # Mostly the states the law reads, so that it has something to settle.
        state = st.sampled_from(_LAWFUL[kind]) | st.sampled_from(_STATES[kind])
        transitions.append(
            Transition(
                subject,
                draw(state),
                draw(near),
                asserted_by=draw(st.sampled_from([(), (), (), ("USA",), ("SUN",)])),
                alternative_dates=tuple(DateClaim(d) for d in draw(st.lists(near, max_size=1))),
            )
        )
    return Record(
        parties=parties,
        agreements=(treaty,),
        transitions=tuple(transitions),
        as_of=draw(st.none() | near),
    )


class TestChangePoints:
    """Between two consecutive change points a subject's answer stays the same."""

    @GENERATED
    @given(lifecycle_records(), st.data())
    def test_constant_between_change_points_of_any_record(
        self, rec: Record, data: st.DataObject
    ) -> None:
        """On generated records, at both ends and the middle of every stretch, one answer."""
        parties = sorted({p for t in rec.transitions for p in t.asserted_by})
        according_to = data.draw(st.sampled_from([None, *parties]))
        assert_constant_between_change_points(rec, according_to)

    # Small records, quick to draw: enough examples to meet each rule of the law.
    @settings(GENERATED, max_examples=400)
    @given(treaty_histories(), st.sampled_from([None, "USA", "SUN"]))
    def test_constant_between_change_points_under_treaty_law(
        self, rec: Record, according_to: str | None
    ) -> None:
        """Expiry, extensions, a bilateral end, a succession: each moves only at a change point."""
        assert_constant_between_change_points(rec, according_to)

    def test_the_points_of_a_step_are_its_first_and_last_instant(self) -> None:
        """A step dated to a day may have happened from its first instant, surely by its last."""
        rec = record(move(DEAL, "concluded", "2012-02-29"))
        day = when("2012-02-29")
        assert (day.lower, day.upper - 1) == query.change_points(rec, DEAL)

    def test_an_agreement_that_can_end_brings_its_end_to_its_commitments(self) -> None:
        """A commitment's answer may change when its agreement ends; not with its earlier steps."""
        rec = record(CONCLUDED, IN_EFFECT, move(DEAL, "collapsed", "2013-04"))
        april = when("2013-04")
        assert (april.lower, april.upper - 1) == query.change_points(rec, MORATORIUM)

    def test_an_agreement_that_cannot_end_keeps_them_to_itself(self) -> None:
        """Nothing ends the deal: a commitment with no steps of its own has no change point."""
        rec = record(CONCLUDED, IN_EFFECT)
        assert () == query.change_points(rec, MORATORIUM)

    def test_a_partys_withdrawal_moves_a_bilateral_treaty(self) -> None:
        """One of two parties withdraws: the treaty's answer changes with no step of its own."""
        treaty = Agreement("pact", "The pact", AgreementKind.TREATY, ("USA", "PRK"))
        rec = Record(
            parties=leap_day_parties(),
            agreements=(treaty,),
            transitions=(
                move("pact", "in_effect", "2000-01-01"),
                move("pact/PRK", "withdrawn", "2003-04-10"),
            ),
        )
        day = when("2003-04-10")
        assert {day.lower, day.upper - 1} <= set(query.change_points(rec, "pact"))
        assert "terminated" == query.status(rec, "pact", "2003-04-10").state
        assert "in_effect" == query.status(rec, "pact", "2003-04-09").state
        assert_constant_between_change_points(rec, None)

    def test_the_horizon_is_a_change_point(self) -> None:
        """Past ``as_of`` an answer is beyond the record: the first instant past it counts."""
        rec = attrs.evolve(record(CONCLUDED), as_of=when("2013-07"))
        assert when("2013-07").upper in query.change_points(rec, MORATORIUM)

    def test_unknown_subject_and_party(self) -> None:
        """Ids the record does not hold raise the queries' errors."""
        with pytest.raises(UnknownSubjectError):
            query.change_points(record(CONCLUDED), "leap-day")
        with pytest.raises(UnknownPartyError):
            query.change_points(record(CONCLUDED), DEAL, according_to="usa")


class TestCourse:
    """One subject on many dates: the answers status() gives on each."""

    @GENERATED
    @given(lifecycle_records(), st.lists(dates(), max_size=4), st.sampled_from([None, "end"]))
    def test_the_same_answers_as_one_at_a_time(
        self, rec: Record, asked: list[HistoricalDate], at: Literal["end"] | None
    ) -> None:
        """Each answer is status()'s for its date, in the order given."""
        for subject in query.subjects(rec):
            expected = tuple(query.status(rec, subject, on, at=at) for on in asked)
            assert expected == query.course(rec, subject).statuses(asked, at=at)

    @GENERATED
    @given(lifecycle_records(), st.lists(dates(), max_size=3))
    def test_a_course_answers_as_the_queries_do(
        self, rec: Record, asked: list[HistoricalDate]
    ) -> None:
        """One course per subject: its points and answers are change_points' and status()'s."""
        for subject in query.subjects(rec):
            course = query.course(rec, subject)
            assert (subject, rec.subject_kind(subject)) == (course.subject, course.kind)
            assert query.change_points(rec, subject) == course.points
            for on in asked:
                assert query.status(rec, subject, on) == course.status(on)

    def test_errors_are_status_errors(self) -> None:
        """An unknown subject, an unknown party, a bad date or point raise as status() does."""
        rec = record(CONCLUDED)
        with pytest.raises(UnknownSubjectError):
            query.course(rec, "leap-day")
        with pytest.raises(UnknownPartyError):
            query.course(rec, DEAL, according_to="usa")
        with pytest.raises(DateError):
            query.course(rec, DEAL).statuses(["2012", "2012-13"])
        with pytest.raises(ValueError, match="at"):
            query.course(rec, DEAL).statuses(["2012"], at="middle")  # type: ignore[arg-type]


class TestHorizon:
    """A record knows how far it reaches (``as_of``): an answer beyond it says so."""

    def test_beyond_the_record(self) -> None:
        """Asked about a date after ``as_of``, the answer stands but is marked beyond the record."""
        rec = attrs.evolve(record(CONCLUDED, IN_EFFECT), as_of=when("2013-07"))
        status = query.status(rec, DEAL, "2014-01-01")
        assert ("in_effect", when("2013-07")) == (status.state, status.beyond)
        expected = (
            "leap-day-2012 on 2014-01-01: in_effect (since 2012-03-01) "
            "[beyond the record, which runs to 2013-07]"
        )
        assert expected == str(status)

    def test_within_the_record(self) -> None:
        """An answer on or before ``as_of`` is not beyond the record."""
        rec = attrs.evolve(record(CONCLUDED, IN_EFFECT), as_of=when("2013-07"))
        assert None is query.status(rec, DEAL, "2013-07-31").beyond
        assert None is query.status(rec, DEAL, "2013-07").beyond

    def test_no_horizon(self) -> None:
        """A record without ``as_of`` has no horizon to pass."""
        assert None is query.status(record(CONCLUDED, IN_EFFECT), DEAL, "2100").beyond


class TestEventDates:
    """An event's dates, each with the sources behind it."""

    def launch_record(self) -> Record:
        """The small record with a launch that two sources date differently."""
        launch = Event(
            "launch",
            EventKind.LAUNCH,
            when("2012-04-13"),
            "Unha-3 launch attempt",
            sources=("rferl",),
            alternative_dates=(DateClaim(when("2012-04-12"), ("washtimes",), "Washington time"),),
        )
        return attrs.evolve(record(CONCLUDED), events=(launch,))

    def test_dates_and_their_sources(self) -> None:
        """The main date comes first, then each other date, each with its sources and note."""
        dating = query.dating(self.launch_record(), "launch")
        assert ["2012-04-13", "2012-04-12"] == [str(claim.date) for claim in dating.claims]
        assert [("rferl",), ("washtimes",)] == [claim.sources for claim in dating.claims]
        expected = (
            "launch (event: launch)\n"
            "  2012-04-13  (sources: rferl)\n"
            "  2012-04-12  (sources: washtimes; Washington time)"
        )
        assert expected == dating.text()

    def test_not_an_event(self) -> None:
        """An id that names no event is refused, with close event ids."""
        with pytest.raises(UnknownSubjectError) as caught:
            query.dating(self.launch_record(), "lunch")
        assert ("launch",) == caught.value.suggestions


def assert_shared_courses_answer_alone(
    rec: Record, asked: list[HistoricalDate], according_to: str | None, order: list[str]
) -> None:
    """Courses sharing one reading answer as lone courses do, whatever order they are asked in."""
    shared = query.courses(rec, according_to=according_to)
    for subject in order:
        alone = query.course(rec, subject, according_to=according_to)
        course = shared.course(subject)
        assert alone.points == course.points
        assert alone.statuses(asked, at="end") == course.statuses(asked, at="end")
        assert alone.statuses(asked) == course.statuses(asked)


def assert_quiet_before_quiet_until(rec: Record, according_to: str | None) -> None:
    """Up to quiet_until, every answer at the end of an instant is "nothing recorded yet"."""
    for subject in query.subjects(rec):
        course = query.course(rec, subject, according_to=according_to)
        until = course.quiet_until
        if until <= _FIRST_INSTANT:
            continue
        for at in sorted({_FIRST_INSTANT, (_FIRST_INSTANT + until - 1) // 2, until - 1}):
            status = course.status(instant(at), at="end")
            assert (None, frozenset(), True) == (status.state, status.possible, status.unrecorded)
            assert (False, False, None) == (status.ambiguous, status.disputed, status.derived)
            assert frozenset() == status.uncontested
            assert {party: frozenset() for party in course.parties} == dict(status.views)


class TestSharedCourses:
    """query.courses: many subjects' courses sharing each history and each agreement's answer."""

    @settings(GENERATED, max_examples=150)
    @given(
        treaty_histories(),
        st.lists(dates(), min_size=1, max_size=4),
        st.sampled_from([None, "USA", "SUN"]),
        st.data(),
    )
    def test_the_same_answers_as_lone_courses_under_treaty_law(
        self,
        rec: Record,
        asked: list[HistoricalDate],
        according_to: str | None,
        data: st.DataObject,
    ) -> None:
        """Agreements settled once per date change no answer, asked first or last."""
        order = data.draw(st.permutations(query.subjects(rec)))
        assert_shared_courses_answer_alone(rec, asked, according_to, order)

    @GENERATED
    @given(lifecycle_records(), st.lists(dates(), min_size=1, max_size=3), st.data())
    def test_the_same_answers_as_lone_courses_of_any_record(
        self, rec: Record, asked: list[HistoricalDate], data: st.DataObject
    ) -> None:
        """On generated records, with disputes and fuzzy dates, in every view."""
        parties = sorted({p for t in rec.transitions for p in t.asserted_by})
        according_to = data.draw(st.sampled_from([None, *parties]))
        order = data.draw(st.permutations(query.subjects(rec)))
        assert_shared_courses_answer_alone(rec, asked, according_to, order)

    @GENERATED
    @given(lifecycle_records(), st.data())
    def test_nothing_recorded_before_quiet_until(self, rec: Record, data: st.DataObject) -> None:
        """Before quiet_until, the answer is empty, with each party's view empty too."""
        parties = sorted({p for t in rec.transitions for p in t.asserted_by})
        assert_quiet_before_quiet_until(rec, data.draw(st.sampled_from([None, *parties])))

    @settings(GENERATED, max_examples=150)
    @given(treaty_histories(), st.sampled_from([None, "USA", "SUN"]))
    def test_nothing_recorded_before_quiet_until_under_treaty_law(
        self, rec: Record, according_to: str | None
    ) -> None:
        """Terms, bilateral ends and successions derive nothing before quiet_until."""
        assert_quiet_before_quiet_until(rec, according_to)

    def test_an_unknown_party_is_refused(self) -> None:
        """Courses in the view of a party the record does not hold are refused, as course()'s."""
        with pytest.raises(UnknownPartyError):
            query.courses(record(CONCLUDED), according_to="usa")
