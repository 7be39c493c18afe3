"""The validator as a whole: reports, ordering, robustness, lifecycles, perspectives, terms.

Each rule's own trigger is pinned by tests/test_rules.py; this module pins how
the rules work together.
"""

from collections.abc import Sequence

import attrs
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from armscontrol import datasets
from armscontrol.dates import HistoricalDate, OrderCheck, Period, check_order
from armscontrol.index import order, span
from armscontrol.lifecycle import BUILTIN, Lifecycle
from armscontrol.model import (
    Agreement,
    AgreementKind,
    Commitment,
    DateClaim,
    Deontic,
    Event,
    EventKind,
    Party,
    Record,
    Source,
    SubjectKind,
    Transition,
    Violation,
)
from armscontrol.validation import RULES, Diagnostic, Report, Severity, validate
from armscontrol.validation._context import Context, path_key
from armscontrol.validation._history import check_histories
from armscontrol.validation._record import check_record
from strategies import day_dates, records

S = ("src",)
DAY = 86_400
SUBJECTS = {
    SubjectKind.AGREEMENT: "deal",
    SubjectKind.COMMITMENT: "promise",
    SubjectKind.PARTICIPATION: "deal/AAA",
    SubjectKind.VIOLATION: "breach",
}


def day(n: int) -> HistoricalDate:
    """The n-th day of 2000 (n from 0), as a date."""
    return HistoricalDate.parse(f"2000-{1 + n // 28:02d}-{1 + n % 28:02d}")


def skeleton(*transitions: Transition, notice: Period | None = None) -> Record:
    """A clean record with one agreement, commitment, violation, and the given history."""
    return Record(
        parties=(Party("AAA", "A"), Party("BBB", "B")),
        sources=(Source("src", "A source"),),
        agreements=(
            Agreement(
                "deal",
                "A deal",
                AgreementKind.TREATY,
                ("AAA", "BBB"),
                commitments=(Commitment("promise", ("AAA",), Deontic.MUST, "Do it", sources=S),),
                withdrawal_notice=notice,
                sources=S,
            ),
        ),
        violations=(
            Violation(
                "breach",
                "promise",
                ("BBB",),
                ("AAA",),
                HistoricalDate.parse("1999"),
                "It was not done",
                sources=S,
            ),
        ),
        transitions=transitions,
    )


def steps(subject: str, states: Sequence[str], start: int = 0) -> tuple[Transition, ...]:
    """Transitions of one subject through the states, a day apart, each sourced."""
    return tuple(
        Transition(
            subject,
            state,
            day(start + n),
            causes=("breach",) if state == "violated" else (),
            sources=S,
        )
        for n, state in enumerate(states)
    )


def paths(report: Report, code: str) -> list[str]:
    """The paths of one rule's diagnostics."""
    return [d.path for d in report.by_code(code)]


@st.composite
def walks(draw: st.DrawFn, lifecycle: Lifecycle, max_steps: int = 8) -> list[str]:
    """A path through a lifecycle's allowed steps, from no state."""
    states: list[str] = []
    state: str | None = None
    for _ in range(draw(st.integers(0, max_steps))):
        options = sorted(lifecycle.successors(state))
        if not options:
            break
        state = draw(st.sampled_from(options))
        states.append(state)
    return states


class TestReport:
    """A report holds diagnostics and answers the usual questions about them."""

    def make(self) -> Report:
        """A report with one diagnostic of each severity."""
        return Report(
            (
                Diagnostic("AC101", Severity.ERROR, "bad", "x", "$.parties[1].id"),
                Diagnostic("AC506", Severity.WARNING, "unsourced", "e", "$.events[0].sources"),
                Diagnostic("AC505", Severity.INFO, "dates", "t", "$.transitions[0]"),
            )
        )

    def test_partitions_by_severity(self) -> None:
        """errors, warnings and infos split the diagnostics by severity, in order."""
        report = self.make()
        assert ("AC101",) == tuple(d.code for d in report.errors)
        assert ("AC506",) == tuple(d.code for d in report.warnings)
        assert ("AC505",) == tuple(d.code for d in report.infos)

    def test_ok_means_no_error(self) -> None:
        """A report is ok when no diagnostic is an error, whatever else it holds."""
        report = self.make()
        assert not report.ok
        assert Report(report.warnings + report.infos).ok
        assert Report().ok

    def test_collection_protocol(self) -> None:
        """A report iterates over its diagnostics, has their count, and is falsy when empty."""
        report = self.make()
        assert list(report.diagnostics) == list(report)
        assert 3 == len(report)
        assert report
        assert not Report()

    def test_by_code_and_codes(self) -> None:
        """by_code picks one rule's diagnostics; codes names every rule present."""
        report = self.make()
        assert (report.diagnostics[1],) == report.by_code("AC506")
        assert () == report.by_code("AC201")
        assert frozenset({"AC101", "AC505", "AC506"}) == report.codes

    def test_diagnostic_reads_as_a_line(self) -> None:
        """A diagnostic prints as path, severity, code and message."""
        assert "$.parties[1].id: error AC101: bad" == str(self.make().diagnostics[0])


class TestOrdering:
    """Diagnostics come in the record's order, the same every time."""

    def test_record_order_then_code(self) -> None:
        """Sections in canonical order, indexes numerically, fields in order, then code."""
        record = attrs.evolve(
            skeleton(*steps("promise", ["active"] * 12)),
            events=(Event("e", EventKind.OTHER, day(0), "Something"),),
        )
        record = attrs.evolve(
            record, sources=(*record.sources, Source("AAA", "A source named like a party"))
        )
        report = validate(record)
        expected = [
            ("$.sources[1].id", "AC101"),
            ("$.events[0].sources", "AC506"),
            *((f"$.transitions[{n}].to", "AC201") for n in range(1, 12)),
        ]
        assert expected == [(d.path, d.code) for d in report]

    def test_fields_in_declared_order(self) -> None:
        """Within one object, fields come in the order the model declares them, not by name."""
        record = skeleton(
            Transition("promise", "active", day(1), sources=S),
            Transition("promise", "suspended", day(0), causes=("ghost",), sources=S),
        )
        expected = [("$.transitions[1].date", "AC301"), ("$.transitions[1].causes[0]", "AC107")]
        assert expected == [(d.path, d.code) for d in validate(record)]

    def test_same_path_sorted_by_code(self) -> None:
        """Two rules at one path come in code order."""
        record = skeleton(
            Transition("deal/AAA", "party", day(0), sources=S),
            Transition("deal/AAA", "withdrawal_notified", day(9), sources=S),
            Transition("deal/AAA", "withdrawn", HistoricalDate.parse("2000"), sources=S),
            notice=Period.parse("P3M"),
        )
        expected = [("$.transitions[2].date", "AC302"), ("$.transitions[2].date", "AC403")]
        assert expected == [(d.path, d.code) for d in validate(record)]

    @settings(max_examples=30, deadline=None)
    @given(records(dangling=True))
    def test_deterministic(self, record: Record) -> None:
        """Validating the same record twice gives the same report."""
        assert validate(record) == validate(record)


class TestNeverRaises:
    """Whatever a structurally valid record refers to, validating it returns a report."""

    # Drawing whole records is what takes the time here, not validating them.
    @settings(max_examples=80, deadline=None)
    @given(records(dangling=True))
    def test_careless_records(self, record: Record) -> None:
        """Repeated ids, dangling references, random states and dates are findings."""
        report = validate(record)
        for diagnostic in report:
            assert RULES[diagnostic.code].severity == diagnostic.severity
            assert diagnostic.path.startswith("$.")
        assert len(report) == len({(d.code, d.path) for d in report})

    @settings(max_examples=40, deadline=None)
    @given(records())
    def test_resolved_records_have_no_reference_errors(self, record: Record) -> None:
        """A record whose ids are unique and resolve gets no unknown-id or duplicate findings."""
        codes = validate(record).codes
        assert set() == {code for code in codes if "AC101" <= code <= "AC108"}

    def test_terms_past_the_last_year(self) -> None:
        """Notice periods and durations that run past year 9999 are judged, not raised on."""
        on = HistoricalDate.parse
        record = skeleton(
            Transition("deal", "concluded", on("9999-12-01"), sources=S),
            Transition("deal", "in_effect", on("9999-12-02"), sources=S),
            Transition("promise", "active", on("9999-12-02"), sources=S),
            Transition("deal/AAA", "party", on("9999-12-02"), sources=S),
            Transition("deal/AAA", "withdrawal_notified", on("9999-12-10"), sources=S),
            Transition("deal/AAA", "withdrawn", on("9999-12-11"), sources=S),
            notice=Period.parse("P3M"),
        )
        deal = attrs.evolve(record.agreements[0], duration=Period.parse("P1Y"))
        report = validate(attrs.evolve(record, agreements=(deal,)))
        [late] = report.by_code("AC401")
        assert ("AC401", "$.transitions[5].date") == (late.code, late.path)
        assert {"AC401", "AC406"} == report.codes  # AAA leaves the two-party deal in force
        assert "after 9999-12-31" in late.message


class TestLifecycleWalks:
    """Histories are checked against the subject's lifecycle, step by step."""

    @pytest.mark.parametrize("kind", list(SubjectKind))
    @settings(max_examples=60, deadline=None)
    @given(data=st.data())
    def test_allowed_walk_is_clean(self, kind: SubjectKind, data: st.DataObject) -> None:
        """Any walk through allowed steps, with rising dates, has no lifecycle or date error."""
        walk = data.draw(walks(BUILTIN[kind]))
        report = validate(skeleton(*steps(SUBJECTS[kind], walk)))
        assert report.ok
        assert set() == {code for code in report.codes if code[2] in "23"}

    @pytest.mark.parametrize("kind", list(SubjectKind))
    @settings(max_examples=60, deadline=None)
    @given(data=st.data())
    def test_one_illegal_step_is_caught(self, kind: SubjectKind, data: st.DataObject) -> None:
        """A step the lifecycle does not allow is reported at that step, with the right code."""
        lifecycle = BUILTIN[kind]
        walk = data.draw(walks(lifecycle))
        state = walk[-1] if walk else None
        wrong = sorted(lifecycle.states - lifecycle.successors(state))
        assume(wrong)  # a violation's first step may enter any of its states
        target = data.draw(st.sampled_from(wrong))
        report = validate(skeleton(*steps(SUBJECTS[kind], [*walk, target])))
        if state is None:
            code = "AC203"
        elif lifecycle.is_terminal(state):
            code = "AC202"
        else:
            code = "AC201"
        assert [f"$.transitions[{len(walk)}].to"] == paths(report, code)

    def test_message_names_allowed_states(self) -> None:
        """A step not allowed is explained with the states that were allowed."""
        report = validate(skeleton(*steps("promise", ["active", "pending"])))
        [diagnostic] = report.by_code("AC201")
        assert (
            "commitment promise: active → pending on 2000-01-02 is not allowed; from active: "
            "fulfilled, lapsed, released, renounced, suspended, violated"
        ) == diagnostic.message

    def test_unknown_state_suggests_and_stops_one_step(self) -> None:
        """A misspelt state is reported with a suggestion, and the step after it is not judged."""
        report = validate(skeleton(*steps("promise", ["active", "suspnded", "active"])))
        [diagnostic] = report.by_code("AC204")
        assert "did you mean 'suspended'?" in diagnostic.message
        assert ["AC204"] == [d.code for d in report]

    def test_unknown_subject_is_not_walked(self) -> None:
        """A transition of an unknown subject is reported once, as unknown."""
        report = validate(skeleton(*steps("promis", ["bogus"])))
        assert ["AC108"] == [d.code for d in report]


class TestCustomLifecycles:
    """Lifecycles handed to validate replace the built-in ones for their kind."""

    PLEDGE = Lifecycle.build(
        "pledge", initial="made", terminal=["kept", "broken"], steps={"made": ["kept", "broken"]}
    )

    def test_custom_states_are_accepted(self) -> None:
        """A history in the custom lifecycle's states is clean with it, and not without it."""
        record = skeleton(*steps("promise", ["made", "kept"]))
        assert () == validate(record, lifecycles={SubjectKind.COMMITMENT: self.PLEDGE}).diagnostics
        assert ["$.transitions[0].to", "$.transitions[1].to"] == paths(validate(record), "AC204")

    def test_custom_steps_are_enforced(self) -> None:
        """A step the custom lifecycle lacks is reported with the custom lifecycle's steps."""
        record = skeleton(*steps("promise", ["made", "kept", "broken"]))
        report = validate(record, lifecycles={SubjectKind.COMMITMENT: self.PLEDGE})
        [diagnostic] = report.diagnostics
        assert "AC202" == diagnostic.code
        assert "kept → broken" in diagnostic.message

    def test_other_kinds_keep_builtin(self) -> None:
        """Kinds not given keep their built-in lifecycle."""
        record = skeleton(*steps("deal", ["concluded", "made"]))
        report = validate(record, lifecycles={SubjectKind.COMMITMENT: self.PLEDGE})
        assert ["AC204"] == [d.code for d in report]


class TestPerspectives:
    """Histories are checked as each asserting party sees them, and each problem told once."""

    def test_party_view_is_checked(self) -> None:
        """A step wrong only in one party's view is reported, naming that party."""
        record = skeleton(
            Transition("promise", "active", day(0), sources=S),
            Transition("promise", "fulfilled", day(1), asserted_by=("AAA",), sources=S),
            Transition("promise", "suspended", day(2), sources=S),
        )
        [diagnostic] = validate(record).by_code("AC202")
        assert "$.transitions[2].to" == diagnostic.path
        assert "(according to AAA)" in diagnostic.message

    def test_shared_problem_reported_once(self) -> None:
        """A problem in the uncontested history, seen by every view, is reported once."""
        record = skeleton(
            Transition("promise", "active", day(0), sources=S),
            Transition("promise", "pending", day(1), sources=S),
            Transition("promise", "active", day(2), asserted_by=("AAA",), sources=S),
            Transition("promise", "lapsed", day(2), asserted_by=("BBB",), sources=S),
        )
        report = validate(record)
        assert ["$.transitions[1].to"] == paths(report, "AC201")

    def test_dispute_is_one_info(self) -> None:
        """Two parties giving different states at once make one dispute naming both."""
        record = skeleton(
            Transition("promise", "active", day(0), sources=S),
            Transition("promise", "suspended", day(3), asserted_by=("AAA",), sources=S),
            Transition("promise", "lapsed", day(3), asserted_by=("BBB",), sources=S),
            Transition("promise", "active", day(5), asserted_by=("AAA",), sources=S),
        )
        [diagnostic] = validate(record).diagnostics
        assert ("AC503", Severity.INFO) == (diagnostic.code, diagnostic.severity)
        assert "suspended according to AAA; lapsed according to BBB" in diagnostic.message

    def test_one_asserting_party_is_a_dispute_with_the_record(self) -> None:
        """One party asserting a step the uncontested record lacks is a dispute with the record."""
        record = skeleton(
            Transition("deal", "concluded", day(0), sources=S),
            Transition("deal", "in_effect", day(1), sources=S),
            Transition("deal", "suspended", day(3), asserted_by=("AAA",), sources=S),
        )
        [diagnostic] = validate(record).by_code("AC503")
        expected = (
            "agreement deal is disputed from 2000-01-04: suspended according to AAA; "
            "in_effect on the uncontested record"
        )
        assert (expected, "$.transitions[2]") == (diagnostic.message, diagnostic.path)

    def test_agreeing_parties_are_no_dispute(self) -> None:
        """Parties who assert the same states on the same dates do not dispute."""
        record = skeleton(
            Transition("promise", "active", day(0), asserted_by=("AAA",), sources=S),
            Transition("promise", "active", day(0), asserted_by=("BBB",), sources=S),
        )
        assert () == validate(record).diagnostics


class TestWithdrawalNotice:
    """A withdrawal takes effect only when the agreement's notice period has run."""

    @staticmethod
    def history(*dated: tuple[str, str]) -> Record:
        """A three-month-notice agreement and a participation through the dated states."""
        return skeleton(
            Transition("deal/AAA", "party", HistoricalDate.parse("1985-12-12"), sources=S),
            *(Transition("deal/AAA", to, HistoricalDate.parse(on), sources=S) for to, on in dated),
            notice=Period.parse("P3M"),
        )

    def test_full_period_is_silent(self) -> None:
        """Withdrawing three months after the latest notice is clean."""
        record = self.history(("withdrawal_notified", "2003-01-10"), ("withdrawn", "2003-04-10"))
        assert () == validate(record).diagnostics

    def test_one_day_short_is_an_error(self) -> None:
        """Withdrawing a day before the period has run is an error."""
        record = self.history(("withdrawal_notified", "2003-01-10"), ("withdrawn", "2003-04-09"))
        assert ["$.transitions[2].date"] == paths(validate(record), "AC401")

    def test_dprk_reading_is_a_warning(self) -> None:
        """The DPRK's 2003 withdrawal meets the period only counting its 1993 notice."""
        record = self.history(
            ("withdrawal_notified", "1993-03-12"),
            ("withdrawal_suspended", "1993-06-11"),
            ("withdrawal_notified", "2003-01-10"),
            ("withdrawn", "2003-01-11"),
        )
        report = validate(record)
        [diagnostic] = report.diagnostics
        assert ("AC402", "$.transitions[4].date") == (diagnostic.code, diagnostic.path)
        assert "the notice time that ran from 1993-03-12 until the suspension" in (
            diagnostic.message
        )
        assert "2003-04-10" in diagnostic.message

    def test_too_early_even_with_credit(self) -> None:
        """Withdrawing before even the carried-over notice has run is an error."""
        record = self.history(
            ("withdrawal_notified", "1993-03-12"),
            ("withdrawal_suspended", "1993-05-12"),
            ("withdrawal_notified", "2003-01-10"),
            ("withdrawn", "2003-01-11"),
        )
        assert ["$.transitions[4].date"] == paths(validate(record), "AC401")

    def test_credit_carries_across_suspensions(self) -> None:
        """Notice time run before several suspensions adds up."""
        record = self.history(
            ("withdrawal_notified", "2001-01-01"),
            ("withdrawal_suspended", "2001-02-01"),
            ("withdrawal_notified", "2002-01-01"),
            ("withdrawal_suspended", "2002-02-01"),
            ("withdrawal_notified", "2003-01-01"),
            ("withdrawn", "2003-02-01"),
        )
        assert ["$.transitions[6].date"] == paths(validate(record), "AC402")

    def test_return_to_party_resets(self) -> None:
        """A notice withdrawn by returning to party counts for nothing later."""
        record = self.history(
            ("withdrawal_notified", "1993-03-12"),
            ("withdrawal_suspended", "1993-06-11"),
            ("party", "1994-01-01"),
            ("withdrawal_notified", "2003-01-10"),
            ("withdrawn", "2003-01-11"),
        )
        assert ["$.transitions[5].date"] == paths(validate(record), "AC401")


class TestUncertainNotice:
    """An error where every possible day fails the notice period, a warning where some do."""

    history = staticmethod(TestWithdrawalNotice.history)

    def test_year_notice_cannot_have_run(self) -> None:
        """A notice given in 2003 cannot have run by 1 February 2003: an error."""
        record = self.history(("withdrawal_notified", "2003"), ("withdrawn", "2003-02-01"))
        report = validate(record)
        [finding] = report.by_code("AC401")
        assert "$.transitions[2].date" == finding.path
        assert "runs until some day between 2003-04-01 and 2004-03-31" in finding.message
        assert () == report.by_code("AC403")

    def test_december_notice_may_not_have_run(self) -> None:
        """A notice given in 2003 may have been given in December, running into March 2004."""
        record = self.history(("withdrawal_notified", "2003"), ("withdrawn", "2004-01-15"))
        assert ["$.transitions[2].date"] == paths(validate(record), "AC403")

    def test_every_day_of_the_year_has_run(self) -> None:
        """A notice given in 2003 has run by April 2004, whatever its day."""
        record = self.history(("withdrawal_notified", "2003"), ("withdrawn", "2004-04-01"))
        assert () == validate(record).diagnostics

    def test_uncertain_credit_is_undecidable(self) -> None:
        """A suspended notice of March 1993 may leave up to 19 days owed: not surely enough."""
        record = self.history(
            ("withdrawal_notified", "1993-03"),
            ("withdrawal_suspended", "1993-06-11"),
            ("withdrawal_notified", "2003-01-10"),
            ("withdrawn", "2003-01-11"),
        )
        report = validate(record)
        [finding] = report.by_code("AC403")
        assert "$.transitions[4].date" == finding.path
        assert "or until some day between 2003-01-10 and 2003-01-29 counting" in finding.message
        assert () == report.by_code("AC402")

    def test_uncertain_credit_surely_enough(self) -> None:
        """A withdrawal after every possible credited end meets the period only with credit."""
        record = self.history(
            ("withdrawal_notified", "1993-03"),
            ("withdrawal_suspended", "1993-06-11"),
            ("withdrawal_notified", "2003-01-10"),
            ("withdrawn", "2003-01-29"),
        )
        [finding] = validate(record).diagnostics
        assert ("AC402", "$.transitions[4].date") == (finding.code, finding.path)
        assert "ran out on some day between 2003-01-10 and 2003-01-29" in finding.message

    @settings(max_examples=100, deadline=None)
    @given(
        day_dates(2000, 2004),
        day_dates(2000, 2006),
        st.builds(Period, st.integers(0, 1), st.integers(0, 14), st.integers(0, 40)),
    )
    def test_agrees_with_every_possibility(
        self, given_on: HistoricalDate, withdrawn: HistoricalDate, notice: Period
    ) -> None:
        """AC401 when every possible day fails the period, AC403 when some do, else nothing.

        Each day the notice may have been given on runs out at the start of the day
        pendulum's calendar arithmetic gives; the withdrawal may be at any instant of
        its span.
        """
        import pendulum

        runs_out = set()
        for day in range(given_on.lower // DAY, given_on.upper // DAY):
            moved = pendulum.from_timestamp(day * DAY, tz="UTC").add(
                years=notice.years, months=notice.months, days=notice.days
            )
            runs_out.add(int(moved.timestamp()))
        if withdrawn.upper <= min(runs_out):
            expected = ["AC401"]
        elif withdrawn.lower >= max(runs_out):
            expected = []
        else:
            expected = ["AC403"]
        record = skeleton(
            Transition("deal/AAA", "party", HistoricalDate.parse("1990"), sources=S),
            Transition("deal/AAA", "withdrawal_notified", given_on, sources=S),
            Transition("deal/AAA", "withdrawn", withdrawn, sources=S),
            notice=notice,
        )
        codes = [d.code for d in validate(record) if d.code in {"AC401", "AC402", "AC403"}]
        assert expected == codes


class TestTermFromUncertainStart:
    """A duration from a fuzzy entry into effect ends at one of several dates."""

    @staticmethod
    def record(lapsed: str) -> Record:
        """A six-month agreement in effect from some day of 2010; its commitment lapsed."""
        on = HistoricalDate.parse
        record = skeleton(
            Transition("deal", "concluded", on("2009"), sources=S),
            Transition("deal", "in_effect", on("2010"), sources=S),
            Transition("promise", "active", on("2010"), sources=S),
            Transition("promise", "lapsed", on(lapsed), sources=S),
        )
        deal = attrs.evolve(record.agreements[0], duration=Period.parse("P6M"))
        return attrs.evolve(record, agreements=(deal,))

    def test_lapse_within_a_possible_term(self) -> None:
        """A lapse in March 2011 may be within the term (from December 2010 it runs to June)."""
        assert () == validate(self.record("2011-03")).by_code("AC404")

    def test_lapse_after_every_possible_term(self) -> None:
        """A lapse in August 2011 is after the term, whatever day of 2010 it began."""
        [finding] = validate(self.record("2011-08")).by_code("AC404")
        assert "$.transitions[3].date" == finding.path
        assert "ends 2010-07/2011-06, P6M after entering into effect" in finding.message


class TestEvidenceSpan:
    """Evidence must fall while the commitment could be breached."""

    def test_evidence_after_lapse(self) -> None:
        """Evidence dated after the commitment lapsed cannot breach it."""
        record = skeleton(*steps("promise", ["active", "lapsed"]))
        record = attrs.evolve(
            record,
            events=(Event("late", EventKind.OTHER, day(10), "Too late", sources=S),),
            violations=(attrs.evolve(record.violations[0], evidence=("late",), date=day(10)),),
        )
        assert ["$.violations[0].evidence[0]"] == paths(validate(record), "AC307")

    def test_evidence_during_span(self) -> None:
        """Evidence dated while the commitment was active is fine."""
        record = skeleton(*steps("promise", ["active", "violated", "lapsed"]))
        record = attrs.evolve(
            record,
            events=(Event("act", EventKind.OTHER, day(1), "In time", sources=S),),
            violations=(attrs.evolve(record.violations[0], evidence=("act",), date=day(1)),),
        )
        assert () == validate(record).by_code("AC307")


class TestDatasets:
    """The bundled datasets validate without errors."""

    @pytest.mark.parametrize("name", datasets.names())
    def test_no_errors(self, name: str) -> None:
        """Every bundled dataset is free of errors (warnings and infos may remain)."""
        assert () == validate(datasets.load(name)).errors


class TestSortKeys:
    """The rules give each finding's path its sort key as they emit it; both name one place."""

    @settings(max_examples=60, deadline=None)
    @given(records(dangling=True))
    def test_keys_match_paths(self, record: Record) -> None:
        """Every key a rule emits is the key parsed from its path."""
        ctx = Context(record, None)
        check_histories(ctx)
        check_record(ctx)
        assert [path_key(path) for _, path, _, _, _ in ctx.findings] == [
            key for _, _, _, _, key in ctx.findings
        ]

    @pytest.mark.parametrize("name", datasets.names())
    def test_dataset_keys_match_paths(self, name: str) -> None:
        """The same on the bundled datasets."""
        ctx = Context(datasets.load(name), None)
        check_histories(ctx)
        check_record(ctx)
        assert all(path_key(path) == key for _, path, _, _, key in ctx.findings)


def claim(text: str, source: str) -> DateClaim:
    """Another date for a fact, as one source gives it."""
    return DateClaim(HistoricalDate.parse(text), (source,))


def dated(*transitions: Transition, events: tuple[Event, ...] = ()) -> Record:
    """The skeleton record with these transitions and events, and sources a, b and c."""
    record = skeleton(*transitions)
    extra = tuple(Source(name, f"Source {name}") for name in ("a", "b", "c"))
    return attrs.evolve(record, sources=(*record.sources, *extra), events=events)


def collapse_caused_on(announced: str) -> Record:
    """A deal in effect from 1995 collapses in 1998 (1999, says b), caused by an announcement.

    The announcement, cited by c, is dated ``announced``.
    """
    announcement = Event(
        "announcement",
        EventKind.STATEMENT,
        HistoricalDate.parse(announced),
        "Said so",
        sources=("c",),
    )
    return dated(
        Transition("deal", "in_effect", HistoricalDate.parse("1995"), sources=S),
        Transition(
            "deal",
            "collapsed",
            HistoricalDate.parse("1998"),
            causes=("announcement",),
            sources=("a",),
            alternative_dates=(claim("1999", "b"),),
        ),
        events=(announcement,),
    )


RESUMED = Transition("promise", "active", HistoricalDate.parse("1990-10-15"), sources=S)
"""The promise active again on 15 October 1990."""


def suspended_on_the_21st(claimed: str, *later: Transition) -> Record:
    """A promise active from 1 October 1990 and suspended on the 21st (``claimed``, says b)."""
    return dated(
        Transition("promise", "active", HistoricalDate.parse("1990-10-01"), sources=S),
        Transition(
            "promise",
            "suspended",
            HistoricalDate.parse("1990-10-21"),
            sources=("a",),
            alternative_dates=(claim(claimed, "b"),),
        ),
        *later,
    )


class TestAlternativeDates:
    """A fact with alternative dates happened at one of them: an error only if every one fails."""

    def test_cause_after_by_one_source_only_is_a_warning(self) -> None:
        """A collapse in 1998 (or 1999, says another source) may follow a January 1999 cause."""
        record = collapse_caused_on("1999-01-10")
        report = validate(record)
        assert [] == paths(report, "AC305")
        [warning] = report.by_code("AC306")
        assert "$.transitions[1].causes[0]" == warning.path
        expected = (
            "by the record's dates the cause came after, but dated 1999 (b), the dates do not "
            "tell; check which source is right"
        )
        assert expected in warning.message

    def test_cause_after_by_every_source_is_an_error(self) -> None:
        """When every claimed date is before the cause, the cause definitely came after."""
        record = collapse_caused_on("2001-01-10")
        assert ["$.transitions[1].causes[0]"] == paths(validate(record), "AC305")

    def test_step_out_of_order_by_one_source_only_is_a_warning(self) -> None:
        """A step of 21 October (12 October, says another source) may precede one of the 15th."""
        record = suspended_on_the_21st("1990-10-12", RESUMED)
        report = validate(record)
        assert [] == paths(report, "AC301")
        [warning] = report.by_code("AC302")
        assert "$.transitions[2].date" == warning.path
        expected = (
            "by the record's dates it came before that one, but that one dated 1990-10-12 (b), "
            "it came after that one; check which source is right"
        )
        assert expected in warning.message

    def test_step_out_of_order_by_every_source_is_an_error(self) -> None:
        """When every claimed date of the earlier-listed step is after the later one: AC301."""
        record = suspended_on_the_21st("1990-10-18", RESUMED)
        assert ["$.transitions[2].date"] == paths(validate(record), "AC301")

    def test_agreeing_sources_add_no_order_finding(self) -> None:
        """Alternative dates that all keep the record's order raise no order finding."""
        record = suspended_on_the_21st("1990-10-20")
        assert {"AC505"} == validate(record).codes

    @given(
        st.lists(
            st.sampled_from(["1990", "1990-10", "1990-10-12", "1990-10-21", "1991"]),
            min_size=1,
            max_size=3,
        ),
        st.lists(
            st.sampled_from(["1990", "1990-10", "1990-10-12", "1990-10-21", "1991"]),
            min_size=1,
            max_size=3,
        ),
    )
    def test_order_is_the_queries_reading(self, first: list[str], then: list[str]) -> None:
        """Definitely out of order exactly when the spans the queries fold with say so."""

        def fact(texts: list[str]) -> Transition:
            dates = [HistoricalDate.parse(t) for t in texts]
            return Transition(
                "deal",
                "in_effect",
                dates[0],
                alternative_dates=tuple(DateClaim(d) for d in dates[1:]),
            )

        a, b = fact(first), fact(then)
        wrong = order(a, b) is OrderCheck.WRONG
        assert (span(b)[1] <= span(a)[0]) == wrong
        pairs = {
            check_order(x, y)
            for x in map(HistoricalDate.parse, first)
            for y in map(HistoricalDate.parse, then)
        }
        assert wrong == (pairs == {OrderCheck.WRONG})
        assert (order(a, b) is OrderCheck.OK) == (pairs == {OrderCheck.OK})


class TestHorizon:
    """Facts dated after the record's ``as_of`` are flagged."""

    def test_fact_after_as_of(self) -> None:
        """A transition, an event and a violation dated after ``as_of`` each get AC313."""
        record = attrs.evolve(
            skeleton(
                Transition("deal", "in_effect", day(0), sources=S),
                Transition("deal", "suspended", HistoricalDate.parse("2001-03"), sources=S),
            ),
            events=(
                Event("late", EventKind.OTHER, HistoricalDate.parse("2002"), "Late", sources=S),
            ),
            as_of=HistoricalDate.parse("2000-12"),
        )
        report = validate(record)
        assert ["$.events[0].date", "$.transitions[1].date"] == paths(report, "AC313")
        [finding] = report.by_code("AC313")[1:]
        assert Severity.WARNING == finding.severity
        assert "2001-03" in finding.message
        assert "2000-12" in finding.message

    def test_fact_that_may_be_within_as_of(self) -> None:
        """A fact whose dates may fall on or before ``as_of`` is not flagged."""
        record = attrs.evolve(
            skeleton(Transition("deal", "in_effect", HistoricalDate.parse("2000"), sources=S)),
            as_of=HistoricalDate.parse("2000-06"),
        )
        assert [] == paths(validate(record), "AC313")
