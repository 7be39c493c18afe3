"""The bundled datasets: loading by name, and the facts of their sources, pinned by queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armscontrol import datasets, io
from armscontrol.exceptions import ArmsControlError
from armscontrol.model import Agreement, Commitment, DateClaim, Event, Record, Transition

NAMES = ("inf", "jcpoa", "korea")


def korea() -> Record:
    """The korea dataset."""
    return datasets.load("korea")


def inf() -> Record:
    """The inf dataset."""
    return datasets.load("inf")


def jcpoa() -> Record:
    """The jcpoa dataset."""
    return datasets.load("jcpoa")


def event(record: Record, event_id: str) -> Event:
    """The event with this id."""
    item = record.get(event_id)
    assert isinstance(item, Event)
    return item


def agreement(record: Record, agreement_id: str) -> Agreement:
    """The agreement with this id."""
    item = record.get(agreement_id)
    assert isinstance(item, Agreement)
    return item


def commitment(record: Record, commitment_id: str) -> Commitment:
    """The commitment with this id."""
    item = record.get(commitment_id)
    assert isinstance(item, Commitment)
    return item


def transition(record: Record, subject: str, to: str) -> Transition:
    """The one transition of a subject into a state."""
    (found,) = [t for t in record.transitions_of(subject) if t.to == to]
    return found


class TestNames:
    """What datasets ship and how they are named."""

    def test_names(self) -> None:
        """The bundled datasets are listed by name, sorted."""
        assert NAMES == datasets.names()

    def test_default_is_bundled(self) -> None:
        """The default dataset is one of the bundled ones."""
        assert datasets.DEFAULT in datasets.names()


class TestLoad:
    """Loading a dataset by name."""

    @pytest.mark.parametrize("name", NAMES)
    def test_load(self, name: str) -> None:
        """Each dataset loads into a record with a title."""
        record = datasets.load(name)
        assert isinstance(record, Record)
        assert record.title

    def test_load_is_cached(self) -> None:
        """Loading a dataset twice gives the same record."""
        assert datasets.load("korea") is datasets.load("korea")

    @pytest.mark.parametrize("name", NAMES)
    def test_files_are_canonical(self, name: str) -> None:
        """Each file is exactly what saving its record writes, byte for byte."""
        text = datasets.path(name).read_text(encoding="utf-8")
        assert text == io.dumps(datasets.load(name))

    @pytest.mark.parametrize("call", [datasets.load, datasets.path])
    def test_unknown_name(self, call: object) -> None:
        """An unknown name raises DatasetNotFoundError naming it and the bundled datasets."""
        assert callable(call)
        with pytest.raises(datasets.DatasetNotFoundError) as info:
            call("koera")
        assert "koera" == info.value.name
        assert NAMES == info.value.available
        assert "'koera'" in str(info.value)

    def test_error_family(self) -> None:
        """The error is an ArmsControlError and a LookupError."""
        error = datasets.DatasetNotFoundError("x", NAMES)
        assert isinstance(error, ArmsControlError)
        assert isinstance(error, LookupError)


def _facts(record: Record) -> Iterator[tuple[str, tuple[str, ...]]]:
    for agreement in record.agreements:
        yield agreement.id, agreement.sources
        for commitment in agreement.commitments:
            yield commitment.id, commitment.sources
    for item in record.events:
        yield item.id, item.sources
    for violation in record.violations:
        yield violation.id, violation.sources
    for i, step in enumerate(record.transitions):
        yield f"transitions[{i}] {step.subject} -> {step.to}", step.sources


def _claims(record: Record) -> Iterator[tuple[str, DateClaim]]:
    for item in record.events:
        for claim in item.alternative_dates:
            yield item.id, claim
    for step in record.transitions:
        for claim in step.alternative_dates:
            yield step.subject, claim


class TestSourcing:
    """Every fact says where it comes from."""

    @pytest.mark.parametrize("name", NAMES)
    def test_every_fact_cites_a_source(self, name: str) -> None:
        """Every agreement, commitment, event, violation and transition cites a source."""
        unsourced = [fact for fact, sources in _facts(datasets.load(name)) if not sources]
        assert [] == unsourced

    @pytest.mark.parametrize("name", NAMES)
    def test_every_other_date_cites_a_source(self, name: str) -> None:
        """Every alternative date names the sources that give it."""
        unsourced = [fact for fact, claim in _claims(datasets.load(name)) if not claim.sources]
        assert [] == unsourced

    @pytest.mark.parametrize("name", NAMES)
    def test_every_source_is_used(self, name: str) -> None:
        """Every source of a dataset is cited by some fact, party, process or date claim."""
        record = datasets.load(name)
        cited = {s for _, sources in _facts(record) for s in sources}
        cited |= {s for _, claim in _claims(record) for s in claim.sources}
        cited |= {s for party in record.parties for s in party.sources}
        cited |= {s for process in record.processes for s in process.sources}
        assert set() == {source.id for source in record.sources} - cited


# Every finding the validator still reports on each dataset; docs/datasets/*.md explain each.
FINDINGS = {
    "korea": [
        ("info", "AC505", "prk-launch-2012-04"),
        ("info", "AC505", "prk-npt-withdrawal-effective"),
        ("info", "AC505", "prk-nuclear-test-2013-02"),
        ("warning", "AC402", "npt/PRK"),
        ("warning", "AC504", "prk-dismantlement-2005"),
        ("warning", "AC504", "prk-dismantlement-2005"),
        ("warning", "AC504", "prk-dismantlement-2005"),
        ("warning", "AC504", "prk-dismantlement-2005"),
    ],
    "inf": [
        ("info", "AC505", "inf/USA"),
        ("info", "AC505", "us-suspension-2019-02"),
        ("info", "AC505", "usa-inf-elimination"),
    ],
    "jcpoa": [
        ("info", "AC503", "usa-sanctions-relief"),
        ("info", "AC505", "jcpoa"),
        ("info", "AC505", "jcpoa-adoption-day"),
    ],
}


class TestValidation:
    """The validator's verdict on each dataset."""

    @pytest.mark.parametrize("name", NAMES)
    def test_no_errors(self, name: str) -> None:
        """Every dataset validates with no errors."""
        from armscontrol.validation import validate

        report = validate(datasets.load(name))
        assert [] == [str(d) for d in report.errors]
        assert report.ok

    @pytest.mark.parametrize("name", NAMES)
    def test_findings_are_the_documented_ones(self, name: str) -> None:
        """The warnings and notes that remain are exactly those the dataset's page explains."""
        from armscontrol.validation import validate

        report = validate(datasets.load(name))
        actual = sorted((d.severity.value, d.code, d.subject) for d in report)
        assert FINDINGS[name] == actual

    def test_early_withdrawal_is_the_dprk_claim(self) -> None:
        """The notice-period warning is about the DPRK's own account of its 2003 withdrawal."""
        from armscontrol.validation import validate

        (finding,) = validate(korea()).by_code("AC402")
        assert "according to PRK" in finding.message


class TestConflicts:
    """Where sources disagree on a date, both dates stay, each with its sources."""

    @pytest.mark.parametrize(
        ("name", "fact", "given", "also"),
        [
            ("korea", "prk-launch-2012-04", ("2012-04-13", "rferl-2012-04-13"),
             ("2012-04-12", "washtimes-2012-04-12")),
            ("korea", "prk-nuclear-test-2013-02", ("2013-02-12", "unsc-2094"),
             ("2013-02-13", "act-2013-07-since")),
            ("korea", "prk-npt-withdrawal-effective", ("2003-01-11", "un-sg-2003-01-10"),
             ("2003-04-10", "cns-2003-04-08")),
            ("inf", "us-suspension-2019-02", ("2019-02-01", "aca-2019-09"),
             ("2019-02-02", "ballotpedia-2019-02-02")),
            ("jcpoa", "jcpoa-adoption-day", ("2015-10-18", "usip-adoption-day"),
             ("2015-10-19", "jpoasanctions-key-dates")),
        ],
    )  # fmt: skip
    def test_event_keeps_both_dates(
        self, name: str, fact: str, given: tuple[str, str], also: tuple[str, str]
    ) -> None:
        """The event keeps the main date and the other one, each with its source."""
        (main, main_source), (other, other_source) = given, also
        found = event(datasets.load(name), fact)
        assert main == found.date.text
        assert main_source in found.sources
        claims = {claim.date.text: claim.sources for claim in found.alternative_dates}
        assert other_source in claims[other]

    def test_launch_time(self) -> None:
        """The April 2012 launch keeps its exact time: 22:39 UTC on 12 April."""
        claims = {c.date.text for c in event(korea(), "prk-launch-2012-04").alternative_dates}
        assert "2012-04-12T22:39Z" in claims

    @pytest.mark.parametrize(
        ("name", "subject", "to", "main", "other"),
        [
            ("inf", "usa-inf-elimination", "suspended", "2019-02-01", "2019-02-02"),
            ("inf", "inf/USA", "withdrawal_notified", "2019-02-01", "2019-02-02"),
            ("jcpoa", "jcpoa", "in_effect", "2015-10-18", "2015-10-19"),
        ],
    )
    def test_transition_keeps_both_dates(
        self, name: str, subject: str, to: str, main: str, other: str
    ) -> None:
        """The status change keeps both dates, so queries treat the span as uncertain."""
        found = transition(datasets.load(name), subject, to)
        assert (main, [other]) == (found.date.text, [c.date.text for c in found.alternative_dates])

    def test_npt_withdrawal_dates(self) -> None:
        """The DPRK dates its withdrawal 11 January 2003, the announcement the day before."""
        record = korea()
        assert "2003-01-10" == event(record, "prk-npt-announcement-2003").date.text
        assert "2003-01-11" == transition(record, "npt/PRK", "withdrawn").date.text


class TestLeapDay:
    """The 2012 US-DPRK Leap Day deal (korea)."""

    def test_in_effect(self) -> None:
        """The deal is in effect the day after it was announced."""
        assert "in_effect" == korea().status("leap-day-2012", "2012-03-01").state

    def test_commitments_reciprocal(self) -> None:
        """The DPRK's four commitments and the US aid are given in exchange for each other."""
        record = korea()
        prk = {
            "prk-missile-moratorium",
            "prk-nuclear-test-moratorium",
            "prk-enrichment-moratorium",
            "prk-iaea-monitors",
        }
        assert prk == set(commitment(record, "usa-nutritional-aid").in_exchange_for)
        for obligation in prk:
            assert ("usa-nutritional-aid",) == commitment(record, obligation).in_exchange_for

    def test_aid_suspended(self) -> None:
        """The US nutritional aid is suspended on 1 April 2012, after the launch announcement."""
        answer = korea().status("usa-nutritional-aid", "2012-04-01")
        assert "suspended" == answer.state
        assert answer.step is not None
        assert "kcna-launch-announcement-2012-03" in answer.step.causes

    def test_collapsed(self) -> None:
        """The deal has collapsed by 1 May 2012, because of the launch and the violation."""
        answer = korea().status("leap-day-2012", "2012-05-01")
        assert "collapsed" == answer.state
        assert answer.step is not None
        expected = ("prk-launch-2012-04", "prk-launch-2012-04-violation")
        assert expected == answer.step.causes

    def test_collapse_date_uncertain_in_april(self) -> None:
        """In late April 2012 the sources do not settle whether the deal had yet broken down."""
        answer = korea().status("leap-day-2012", "2012-04-20")
        assert None is answer.state
        assert {"in_effect", "collapsed"} == answer.possible

    def test_violation_alleged_and_disputed(self) -> None:
        """The USA alleges the launch broke the missile moratorium; the DPRK disputes it."""
        record = korea()
        violation = record.violations[0]
        assert ("prk-missile-moratorium", ("USA",), ("PRK",), ("prk-launch-2012-04",)) == (
            violation.commitment,
            violation.alleged_by,
            violation.accused,
            violation.evidence,
        )
        assert "space launch" in (violation.accused_position or "")
        answer = record.status(violation.id, "2012-05-01")
        assert "disputed" == answer.state
        steps = [step.state for step in record.history(violation.id).steps]
        assert ["alleged", "disputed"] == steps

    def test_moratorium_violated_according_to_usa(self) -> None:
        """Only according to the USA was the missile moratorium violated before it lapsed."""
        record = korea()
        usa = [s.state for s in record.history("prk-missile-moratorium", according_to="USA").steps]
        prk = [s.state for s in record.history("prk-missile-moratorium", according_to="PRK").steps]
        assert (["active", "violated", "lapsed"], ["active", "lapsed"]) == (usa, prk)

    def test_commitments_lapse(self) -> None:
        """Every Leap Day commitment has lapsed by May 2012."""
        record = korea()
        deal = agreement(record, "leap-day-2012")
        states = {record.status(c.id, "2012-05-01").state for c in deal.commitments}
        assert {"lapsed"} == states

    def test_2013_test_violates_nothing(self) -> None:
        """The February 2013 nuclear test is the evidence of no violation: the deal was dead."""
        record = korea()
        assert [] == [v.id for v in record.violations if "prk-nuclear-test-2013-02" in v.evidence]
        assert "lapsed" == record.status("prk-nuclear-test-moratorium", "2013-02-12").state


class TestSixPartyTalks:
    """The Six-Party Talks and the DPRK's exit (korea)."""

    def test_dismantlement_renounced_according_to_prk(self) -> None:
        """After April 2009 the DPRK's dismantlement commitment is renounced only in its view."""
        answer = korea().status("prk-dismantlement-2005", "2010-01-01")
        assert answer.disputed
        assert frozenset({"renounced"}) == answer.views["PRK"]
        assert frozenset({"active"}) == answer.uncontested

    def test_agreements_of_the_process(self) -> None:
        """The 2005 and 2007 agreements belong to the Six-Party Talks."""
        record = korea()
        ids = {a.id for a in record.agreements if a.process == "six-party-talks"}
        assert {"joint-statement-2005", "initial-actions-2007", "second-phase-2007"} == ids


class TestNpt:
    """The DPRK's participation in the NPT (korea)."""

    @pytest.mark.parametrize(
        ("on", "state"),
        [
            ("1985-12-12", "party"),
            ("1993-05-01", "withdrawal_notified"),
            ("1993-07-01", "withdrawal_suspended"),
        ],
    )
    def test_1985_to_1993(self, on: str, state: str) -> None:
        """A party from 1985; notice in March 1993, suspended in June: still a party."""
        assert state == korea().status("npt/PRK", on).state

    def test_withdrawn_according_to_prk(self) -> None:
        """On 1 February 2003 the DPRK has withdrawn by its own account."""
        assert "withdrawn" == korea().status("npt/PRK", "2003-02-01", according_to="PRK").state

    def test_withdrawal_disputed(self) -> None:
        """On the uncontested record the DPRK has only given notice: the status is disputed."""
        answer = korea().status("npt/PRK", "2003-02-01")
        assert answer.disputed
        assert None is answer.state
        assert frozenset({"withdrawn"}) == answer.views["PRK"]
        assert frozenset({"withdrawal_notified"}) == answer.uncontested

    def test_notice_period(self) -> None:
        """The NPT's withdrawal notice is three months."""
        assert "P3M" == str(agreement(korea(), "npt").withdrawal_notice)


class TestInf:
    """The INF Treaty."""

    def test_signed_and_in_effect(self) -> None:
        """Concluded on 8 December 1987, in effect from 1 June 1988."""
        record = inf()
        assert "concluded" == record.status("inf", "1988-01-01").state
        assert "in_effect" == record.status("inf", "1988-06-01").state

    def test_suspended_obligations(self) -> None:
        """On 1 March 2019 the treaty is in effect but both sides' commitments are suspended."""
        record = inf()
        expected = ("in_effect", "suspended", "suspended", "withdrawal_notified")
        actual = tuple(
            record.status(subject, "2019-03-01").state
            for subject in ("inf", "usa-inf-elimination", "rus-inf-elimination", "inf/USA")
        )
        assert expected == actual

    def test_terminated(self) -> None:
        """On 3 August 2019 the treaty is terminated, the US withdrawn and commitments lapsed."""
        record = inf()
        expected = ("terminated", "withdrawn", "lapsed", "lapsed")
        actual = tuple(
            record.status(subject, "2019-08-03").state
            for subject in ("inf", "inf/USA", "usa-inf-elimination", "rus-inf-elimination")
        )
        assert expected == actual

    def test_reciprocal(self) -> None:
        """Each side's commitment is given in exchange for the other's."""
        record = inf()
        usa = commitment(record, "usa-inf-elimination")
        rus = commitment(record, "rus-inf-elimination")
        assert ((rus.id,), (usa.id,)) == (usa.in_exchange_for, rus.in_exchange_for)


class TestJcpoa:
    """The JCPOA and the 2018 US withdrawal."""

    def test_in_effect_from_adoption_day(self) -> None:
        """The JCPOA is in effect from Adoption Day, with a ten-year duration."""
        record = jcpoa()
        assert "in_effect" == record.status("jcpoa", "2015-11-01").state
        assert "P10Y" == str(agreement(record, "jcpoa").duration)

    def test_commitments_active_from_implementation_day(self) -> None:
        """The commitments are active from Implementation Day, 16 January 2016."""
        record = jcpoa()
        assert not record.status("usa-sanctions-relief", "2016-01-15").possible
        assert "active" == record.status("usa-sanctions-relief", "2016-01-16").state

    def test_views_after_withdrawal(self) -> None:
        """After May 2018 the US commitment is renounced per the USA, violated per Iran."""
        record = jcpoa()
        on = "2018-10-01"
        usa = record.status("usa-sanctions-relief", on, according_to="USA").state
        irn = record.status("usa-sanctions-relief", on, according_to="IRN").state
        assert ("renounced", "violated") == (usa, irn)

    def test_default_status_shows_dispute(self) -> None:
        """Asked with no party, the status of the US commitment is a dispute."""
        answer = jcpoa().status("usa-sanctions-relief", "2018-10-01")
        assert answer.disputed
        assert frozenset({"renounced"}) == answer.views["USA"]
        assert frozenset({"violated"}) == answer.views["IRN"]

    def test_agreement_stays_in_effect(self) -> None:
        """The agreement stays in effect after the US withdrawal; the US participation ends."""
        record = jcpoa()
        assert "in_effect" == record.status("jcpoa", "2018-10-01").state
        assert "withdrawn" == record.status("jcpoa/USA", "2018-10-01").state

    def test_violation_alleged_by_iran(self) -> None:
        """Iran alleges that the United States violates the JCPOA."""
        (violation,) = jcpoa().violations
        assert (("IRN",), ("USA",), "usa-sanctions-relief") == (
            violation.alleged_by,
            violation.accused,
            violation.commitment,
        )


class TestQueriesNeverFail:
    """Status queries answer for every subject of every dataset on any day."""

    @given(
        name=st.sampled_from(NAMES),
        day=st.dates(min_value=dt.date(1960, 1, 1), max_value=dt.date(2030, 12, 31)),
        data=st.data(),
    )
    def test_possible_states_come_from_the_history(
        self, name: str, day: dt.date, data: st.DataObject
    ) -> None:
        """Any subject on any day may be only in states its own history enters."""
        record = datasets.load(name)
        subjects = sorted({t.subject for t in record.transitions})
        subject = data.draw(st.sampled_from(subjects))
        answer = record.status(subject, day)
        entered = {t.to for t in record.transitions_of(subject)}
        assert answer.possible <= entered
        assert answer.state is None or answer.state in answer.possible
