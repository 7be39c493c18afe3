"""The bundled datasets: loading by name, and the facts of their sources, pinned by queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from armscontrol import datasets, io
from armscontrol.exceptions import ArmsControlError
from armscontrol.lifecycle import lifecycle_for
from armscontrol.model import (
    Agreement,
    Commitment,
    DateClaim,
    Event,
    PartyKind,
    Record,
    Source,
    Transition,
    Violation,
)

NAMES = ("inf", "jcpoa", "korea", "nuclear-treaties", "strategic")


def korea() -> Record:
    """The korea dataset."""
    return datasets.load("korea")


def inf() -> Record:
    """The inf dataset."""
    return datasets.load("inf")


def jcpoa() -> Record:
    """The jcpoa dataset."""
    return datasets.load("jcpoa")


def strategic() -> Record:
    """The strategic dataset."""
    return datasets.load("strategic")


def treaties() -> Record:
    """The nuclear-treaties dataset."""
    return datasets.load("nuclear-treaties")


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

    @pytest.mark.parametrize("name", NAMES)
    def test_horizon(self, name: str) -> None:
        """Each dataset says how far it reaches, and no fact is dated beyond that."""
        from armscontrol.validation import validate

        record = datasets.load(name)
        assert record.as_of is not None
        assert () == validate(record).by_code("AC313")

    def test_load_is_cached(self) -> None:
        """Loading a dataset twice gives the same record."""
        assert datasets.load("korea") is datasets.load("korea")

    @pytest.mark.parametrize("name", NAMES)
    def test_files_are_canonical(self, name: str) -> None:
        """Each file, and each shared part, is exactly what saving it writes, byte for byte."""
        for file in (datasets.path(name), *datasets.parts(name)):
            text = file.read_text(encoding="utf-8")
            assert text == io.dumps(io.loads(text))


class TestParts:
    """The NPT is kept once and shared by korea and nuclear-treaties."""

    def test_npt_is_a_shared_part(self) -> None:
        """Both datasets join the same part; neither file gives the NPT itself."""
        assert ["npt.json"] == [p.name for p in datasets.parts("korea")]
        assert ["npt.json"] == [p.name for p in datasets.parts("nuclear-treaties")]
        for name in ("korea", "nuclear-treaties"):
            own = io.loads(datasets.path(name).read_text(encoding="utf-8"))
            assert "npt" not in {a.id for a in own.agreements}

    def test_both_hold_the_same_npt_history(self) -> None:
        """The NPT and every participation in it read the same in both datasets."""
        record_k, record_t = korea(), treaties()
        assert agreement(record_k, "npt") == agreement(record_t, "npt")
        subjects = {t.subject for t in record_t.transitions if t.subject.startswith("npt")}
        for subject in subjects:
            assert record_k.transitions_of(subject) == record_t.transitions_of(subject)

    def test_no_parts_elsewhere(self) -> None:
        """Datasets without a shared part load from their own file alone."""
        assert () == datasets.parts("inf")

    def test_part_of_an_unknown_dataset(self) -> None:
        """Asking for the parts of an unknown dataset names it."""
        with pytest.raises(datasets.DatasetNotFoundError):
            datasets.parts("koera")

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
        """Every source of a dataset is cited by some fact, party, succession, process or claim."""
        record = datasets.load(name)
        cited = {s for _, sources in _facts(record) for s in sources}
        cited |= {s for _, claim in _claims(record) for s in claim.sources}
        cited |= {s for party in record.parties for s in party.sources}
        cited |= {s for party in record.parties if party.continues for s in party.continues.sources}
        cited |= {s for process in record.processes for s in process.sources}
        assert set() == {source.id for source in record.sources} - cited


# Every finding the validator still makes on each dataset, each acknowledged in the record
# with its reason; docs/datasets/*.md explain each.
FINDINGS = {
    "inf": [],
    "jcpoa": [
        ("info", "AC503", "usa-sanctions-relief"),
    ],
    "korea": [
        ("info", "AC312", "npt/CHN"),
        ("info", "AC312", "npt/PRK"),
        ("info", "AC503", "prk-declaration-2007"),
        ("info", "AC503", "prk-disablement-2007"),
        ("info", "AC503", "prk-dismantlement-2005"),
        ("info", "AC503", "prk-missile-moratorium"),
        ("info", "AC503", "prk-yongbyon-shutdown-2007"),
        ("info", "AC503", "usa-nutritional-aid"),
        ("info", "AC505", "chn-accession-1992"),
        ("info", "AC505", "npt/CHN"),
        ("info", "AC505", "npt/PRK"),
        ("info", "AC505", "prk-npt-withdrawal-effective"),
        ("info", "AC505", "prk-nuclear-test-2013-02"),
        ("warning", "AC504", "prk-declaration-2007"),
        ("warning", "AC504", "prk-disablement-2007"),
        ("warning", "AC504", "prk-dismantlement-2005"),
        ("warning", "AC504", "prk-dismantlement-2005"),
        ("warning", "AC504", "prk-dismantlement-2005"),
        ("warning", "AC504", "prk-dismantlement-2005"),
        ("warning", "AC504", "prk-yongbyon-shutdown-2007"),
    ],
    "nuclear-treaties": [
        ("info", "AC312", "npt/CHN"),
        ("info", "AC312", "npt/PRK"),
        ("info", "AC505", "chn-accession-1992"),
        ("info", "AC505", "ctbt/RUS"),
        ("info", "AC505", "npt/CHN"),
        ("info", "AC505", "npt/PRK"),
        ("info", "AC505", "prk-npt-withdrawal-effective"),
    ],
    "strategic": [
        ("info", "AC503", "new-start/RUS"),
        ("info", "AC503", "rus-newstart-verification"),
        ("info", "AC507", "start1/RUS"),
        ("warning", "AC504", "usa-newstart-verification"),
    ],
}

# Sources the datasets' pages list as having neither a URL nor a document symbol.
WITHOUT_ADDRESS = {
    "korea": {
        "act-2013-07",
        "act-2013-07-talks",
        "act-2013-07-2005",
        "act-2013-07-leap-day",
        "act-2013-07-breakdown",
        "act-2013-07-conditions",
        "act-2013-07-since",
        "act-2013-07-june19",
    },
    "inf": set(),
    "jcpoa": set(),
    "nuclear-treaties": set(),
    "strategic": set(),
}


class TestSources:
    """Each source is specific: its title as published, and where to find it."""

    @pytest.mark.parametrize("name", NAMES)
    def test_no_bracketed_titles(self, name: str) -> None:
        """No source carries a made-up title in square brackets."""
        assert [] == [s.id for s in datasets.load(name).sources if s.title.startswith("[")]

    @pytest.mark.parametrize("name", NAMES)
    def test_every_source_has_an_address(self, name: str) -> None:
        """Every source has a URL or a locator, except those the dataset's page lists."""
        missing = {s.id for s in datasets.load(name).sources if not (s.url or s.locator)}
        assert WITHOUT_ADDRESS[name] == missing


# Correlates of War country numbers (the countrycode package's ``cown``), by ISO alpha-3.
COW = {
    "CHN": 710, "DEU": 255, "FRA": 220, "GBR": 200, "IND": 750, "IRN": 630, "ISR": 666,
    "JPN": 740, "KOR": 732, "PAK": 770, "PRK": 731, "RUS": 365, "SUN": 365, "USA": 2,
    "ZAF": 560,
}  # fmt: skip


class TestPartyCodes:
    """Every state party carries the codes that join it with other country data."""

    @pytest.mark.parametrize("name", NAMES)
    def test_states_have_codes(self, name: str) -> None:
        """Each state has its ISO 3166-1 alpha-3 code and its COW number; organisations none."""
        for party in datasets.load(name).parties:
            if party.kind is PartyKind.STATE:
                assert (party.id, COW[party.id]) == (party.iso_alpha3, party.cow_code)
            else:
                assert (None, None) == (party.iso_alpha3, party.cow_code)

    def test_germany_is_not_its_gleditsch_ward_code(self) -> None:
        """Germany is 255 in the COW list (260 is its Gleditsch-Ward code)."""
        (germany,) = (p for p in jcpoa().parties if p.id == "DEU")
        assert 255 == germany.cow_code


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
        """The findings left are exactly those the record acknowledges and its page explains."""
        from armscontrol.validation import validate

        report = validate(datasets.load(name))
        assert [] == [str(d) for d in report]
        actual = sorted((d.severity.value, d.code, d.subject) for d in report.acknowledged)
        assert FINDINGS[name] == actual

    @pytest.mark.parametrize("name", NAMES)
    def test_every_acknowledgement_has_a_reason_and_matches(self, name: str) -> None:
        """Each acknowledgement gives a reason and covers a finding (none is stale, AC601)."""
        from armscontrol.validation import validate

        record = datasets.load(name)
        report = validate(record)
        covered = {d.acknowledgement for d in report.acknowledged}
        assert set(record.acknowledgements) == covered
        assert all(len(a.reason) > 40 for a in record.acknowledgements)
        assert () == report.by_code("AC601")

    def test_acknowledged_finding_returns_without_its_acknowledgement(self) -> None:
        """Without its acknowledgements a dataset reports its findings again."""
        import attrs

        from armscontrol.validation import validate

        bare = attrs.evolve(strategic(), acknowledgements=())
        assert ["AC503", "AC503", "AC504", "AC507"] == sorted(d.code for d in validate(bare))


class TestConflicts:
    """Where sources disagree on a date, both dates stay, each with its sources."""

    @pytest.mark.parametrize(
        ("name", "fact", "given", "also"),
        [
            ("korea", "prk-nuclear-test-2013-02", ("2013-02-12", "unsc-2094"),
             ("2013-02-13", "act-2013-07-since")),
            ("korea", "prk-npt-withdrawal-effective", ("2003-04-10", "cns-2003-04-08"),
             ("2003-01-11", "dprk-2003-01-10")),
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
        assert other_source not in found.sources
        claims = {claim.date.text: claim.sources for claim in found.alternative_dates}
        assert other_source in claims[other]

    def test_launch_is_one_instant(self) -> None:
        """The April 2012 launch is one instant, 07:39 in Korea, from the source that gives it."""
        launch = event(korea(), "prk-launch-2012-04")
        assert ("2012-04-13T07:39+09:00", ()) == (launch.date.text, launch.alternative_dates)
        assert "ap-2012-04-12" in launch.sources
        assert "7:39 a.m." in (korea().get("ap-2012-04-12").quote or "")

    def test_us_violation_dated_as_the_us_statement(self) -> None:
        """The US view that the moratorium was violated spans 12 April (Washington) to 13 April."""
        found = transition(korea(), "prk-missile-moratorium", "violated")
        assert "2012-04-12/2012-04-13" == found.date.text

    def test_npt_withdrawal_dates(self) -> None:
        """Announced 10 January 2003; withdrawn 10 April, the DPRK's 11 January kept."""
        record = korea()
        assert "2003-01-10" == event(record, "prk-npt-announcement-2003").date.text
        step = transition(record, "npt/PRK", "withdrawn")
        assert ("2003-04-10", ["2003-01-11"], ()) == (
            step.date.text,
            [c.date.text for c in step.alternative_dates],
            step.asserted_by,
        )

    def test_adoption_day_projection_left_out(self) -> None:
        """Adoption Day is 18 October 2015 alone; the miscounted projection is a note."""
        step = transition(jcpoa(), "jcpoa", "in_effect")
        assert ("2015-10-18", ()) == (step.date.text, step.alternative_dates)
        assert "90 days after 20 July 2015 is 18 October" in (step.note or "")


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

    def test_aid_suspended_according_to_usa(self) -> None:
        """The US aid is suspended from 28 March 2012 in the US view, after the launch notice."""
        answer = korea().status("usa-nutritional-aid", "2012-04-01", according_to="USA")
        assert "suspended" == answer.state
        assert answer.step is not None
        assert "kcna-launch-announcement-2012-03" in answer.step.causes

    def test_aid_violated_according_to_prk(self) -> None:
        """From 17 April 2012 the DPRK holds that the United States broke the deal first."""
        record = korea()
        usa = [s.state for s in record.history("usa-nutritional-aid", according_to="USA").steps]
        prk = [s.state for s in record.history("usa-nutritional-aid", according_to="PRK").steps]
        assert (["active", "suspended", "lapsed"], ["active", "violated", "lapsed"]) == (usa, prk)
        violation = record.get("usa-aid-violation-2012")
        assert isinstance(violation, Violation)
        assert (("PRK",), ("USA",)) == (violation.alleged_by, violation.accused)
        assert "disputed" == record.status(violation.id, "2012-05-01").state

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
        """The USA alleges the launch broke the moratorium; the DPRK disputes it on 17 April."""
        record = korea()
        violation = record.get("prk-launch-2012-04-violation")
        assert isinstance(violation, Violation)
        assert ("prk-missile-moratorium", ("USA",), ("PRK",), ("prk-launch-2012-04",)) == (
            violation.commitment,
            violation.alleged_by,
            violation.accused,
            violation.evidence,
        )
        assert "space launch" in (violation.accused_position or "")
        steps = [(s.state, s.transition.date.text) for s in record.history(violation.id).steps]
        assert [("alleged", "2012-04-12/2012-04-13"), ("disputed", "2012-04-17")] == steps

    def test_moratorium_views(self) -> None:
        """Only the USA holds the moratorium violated; both record the DPRK's renunciation."""
        record = korea()
        usa = [s.state for s in record.history("prk-missile-moratorium", according_to="USA").steps]
        prk = [s.state for s in record.history("prk-missile-moratorium", according_to="PRK").steps]
        assert (["active", "violated", "renounced"], ["active", "renounced"]) == (usa, prk)
        assert korea().status("prk-missile-moratorium", "2012-04-15").disputed

    def test_no_longer_bound(self) -> None:
        """On 17 April 2012 the DPRK declares itself no longer bound: its commitments end."""
        record = korea()
        deal = agreement(record, "leap-day-2012")
        states = {c.id: record.status(c.id, "2012-05-01").state for c in deal.commitments}
        assert "lapsed" == states.pop("usa-nutritional-aid")
        assert {"renounced"} == set(states.values())
        step = transition(record, "prk-nuclear-test-moratorium", "renounced")
        assert ("2012-04-17", ("prk-no-longer-bound-2012-04-17",)) == (step.date.text, step.causes)

    def test_2013_test_violates_no_leap_day_commitment(self) -> None:
        """The February 2013 test breaches only the Security Council resolutions, as they say."""
        record = korea()
        cited = {
            v.commitment for v in record.violations if "prk-nuclear-test-2013-02" in v.evidence
        }
        assert {"unsc-1718-ban", "unsc-1874-ban", "unsc-2087-ban"} == cited
        assert "renounced" == record.status("prk-nuclear-test-moratorium", "2013-02-12").state
        assert "Leap Day" not in event(record, "prk-nuclear-test-2013-02").summary


class TestSecurityCouncil:
    """The Security Council's resolutions as obligations of the DPRK (korea)."""

    @pytest.mark.parametrize(
        ("commitment_id", "before", "during"),
        [
            ("unsc-1718-ban", "2006-10-13", "2006-10-15"),
            ("unsc-1874-ban", "2009-06-11", "2009-06-13"),
            ("unsc-2087-ban", "2013-01-21", "2013-01-23"),
            ("unsc-2094-ban", "2013-03-06", "2013-03-08"),
        ],
    )
    def test_binding_from_adoption(self, commitment_id: str, before: str, during: str) -> None:
        """Each demand binds the DPRK from the day the resolution is adopted."""
        record = korea()
        assert ("must_not", ("PRK",)) == (
            commitment(record, commitment_id).deontic.value,
            commitment(record, commitment_id).obligors,
        )
        assert not record.status(commitment_id, before).possible
        assert "active" == record.status(commitment_id, during).state

    def test_launches_and_test_recorded_against_them(self) -> None:
        """The 2012 launches and the 2013 test are violations the Council alleged, by resolution."""
        record = korea()
        found = {
            (v.commitment, v.evidence[0], v.date.text)
            for v in record.violations
            if v.alleged_by == ("UN",)
        }
        assert {
            ("unsc-1718-ban", "prk-launch-2012-04", "2012-04-16"),
            ("unsc-1874-ban", "prk-launch-2012-04", "2012-04-16"),
            ("unsc-1718-ban", "prk-launch-2012-12", "2012-12-12"),
            ("unsc-1874-ban", "prk-launch-2012-12", "2012-12-12"),
            ("unsc-1718-ban", "prk-nuclear-test-2013-02", "2013-03-07"),
            ("unsc-1874-ban", "prk-nuclear-test-2013-02", "2013-03-07"),
            ("unsc-2087-ban", "prk-nuclear-test-2013-02", "2013-03-07"),
        } == found


class TestSixPartyTalks:
    """The Six-Party Talks, their agreements and the DPRK's exit (korea)."""

    def test_dismantlement_renounced_according_to_prk(self) -> None:
        """From 14 April 2009 the DPRK's dismantlement commitment is renounced, in its own view."""
        record = korea()
        step = transition(record, "prk-dismantlement-2005", "renounced")
        assert (("PRK",), "2009-04-14") == (step.asserted_by, step.date.text)
        assert {"kcna-2009-04-14", "iol-2009-04-14"} <= set(step.sources)
        answer = record.status("prk-dismantlement-2005", "2010-01-01", according_to="PRK")
        assert "renounced" == answer.state
        assert "active" == record.status("prk-dismantlement-2005", "2009-04-13").state

    def test_us_reaffirmation_cites_the_state_department(self) -> None:
        """The US reaffirmation of the 2005 statement rests on the State Department's words."""
        record = korea()
        reaffirmed = event(record, "us-reaffirms-2005-statement-2012")
        assert ("state-2012-02-29-2005",) == reaffirmed.sources
        assert "2005 Joint Statement" in (record.get("state-2012-02-29-2005").quote or "")

    def test_willingness_is_not_an_obligation(self) -> None:
        """Energy aid and economic cooperation, stated as willingness in 2005, are may, not must."""
        record = korea()
        kinds = {c: commitment(record, c).deontic.value for c in (
            "energy-assistance-2005", "economic-cooperation-2005", "peaceful-nuclear-2005",
            "prk-dismantlement-2005")}  # fmt: skip
        assert {
            "energy-assistance-2005": "may",
            "economic-cooperation-2005": "may",
            "peaceful-nuclear-2005": "may",
            "prk-dismantlement-2005": "must",
        } == kinds

    def test_no_view_credited_without_a_statement(self) -> None:
        """Only the DPRK asserts anything of the 2005 and 2007 commitments."""
        record = korea()
        asserting = {
            p
            for a in record.agreements
            if a.process == "six-party-talks"
            for c in a.commitments
            for t in record.transitions_of(c.id)
            for p in t.asserted_by
        }
        assert {"PRK"} == asserting

    def test_agreements_of_the_process(self) -> None:
        """The 2005 and 2007 agreements belong to the Six-Party Talks."""
        record = korea()
        ids = {a.id for a in record.agreements if a.process == "six-party-talks"}
        assert {"joint-statement-2005", "initial-actions-2007", "second-phase-2007"} == ids

    @pytest.mark.parametrize(
        ("subject", "on", "state"),
        [
            ("prk-yongbyon-shutdown-2007", "2007-02-12", None),
            ("prk-yongbyon-shutdown-2007", "2007-03-01", "active"),
            ("prk-disablement-2007", "2007-11-01", "active"),
            ("usa-terrorism-designation-2007", "2008-10-12", "fulfilled"),
        ],
    )
    def test_2007_commitments(self, subject: str, on: str, state: str | None) -> None:
        """The 2007 commitments bind from their agreements; the US delisting is done in 2008."""
        assert state == korea().status(subject, on).state

    def test_2007_deadlines(self) -> None:
        """The Initial Actions run 60 days from 13 February 2007; the second phase to year end."""
        record = korea()
        deadlines = {
            c: str(commitment(record, c).deadline)
            for c in ("prk-yongbyon-shutdown-2007", "prk-disablement-2007", "prk-declaration-2007")
        }
        assert {
            "prk-yongbyon-shutdown-2007": "2007-04-14",
            "prk-disablement-2007": "2007-12-31",
            "prk-declaration-2007": "2007-12-31",
        } == deadlines


class TestNpt:
    """The DPRK's participation in the NPT (korea)."""

    @pytest.mark.parametrize(
        ("on", "state"),
        [
            ("1985-12-12", "party"),
            ("1993-05-01", "withdrawal_notified"),
            ("1993-07-01", "withdrawal_suspended"),
            ("2003-01-10", "withdrawal_notified"),
            ("2003-04-11", "withdrawn"),
            ("2020-01-01", "withdrawn"),
        ],
    )
    def test_history(self, on: str, state: str) -> None:
        """Party from 1985; notice in 1993, suspended; notice again in 2003; withdrawn in April."""
        assert state == korea().status("npt/PRK", on).state

    def test_between_the_two_dates(self) -> None:
        """Between 11 January and 10 April 2003 the record does not decide: the dates differ."""
        answer = korea().status("npt/PRK", "2003-02-01")
        assert None is answer.state
        assert {"withdrawn", "withdrawal_notified"} == answer.possible

    def test_notice_period(self) -> None:
        """The NPT's withdrawal notice is three months."""
        assert "P3M" == str(agreement(korea(), "npt").withdrawal_notice)


class TestInf:
    """The INF Treaty."""

    @pytest.mark.parametrize(
        ("on", "state"),
        [("1987-12-07", None), ("1988-01-01", "concluded"), ("1988-06-01", "in_effect"),
         ("2019-08-03", "terminated")],
    )  # fmt: skip
    def test_treaty(self, on: str, state: str | None) -> None:
        """Concluded on 8 December 1987, in effect from 1 June 1988, terminated 2 August 2019."""
        assert state == inf().status("inf", on).state

    def test_suspended_obligations(self) -> None:
        """On 1 March 2019 the treaty is in effect but both sides' commitments are suspended."""
        record = inf()
        expected = ("in_effect", "suspended", "suspended", "withdrawal_notified")
        actual = tuple(
            record.status(subject, "2019-03-01").state
            for subject in ("inf", "usa-inf-elimination", "rus-inf-elimination", "inf/USA")
        )
        assert expected == actual
        assert "active" == record.status("usa-inf-elimination", "2019-02-01").state

    def test_terminated(self) -> None:
        """On 3 August 2019 the treaty is terminated, the US withdrawn and commitments lapsed."""
        record = inf()
        expected = ("terminated", "withdrawn", "lapsed", "lapsed")
        actual = tuple(
            record.status(subject, "2019-08-03").state
            for subject in ("inf", "inf/USA", "usa-inf-elimination", "rus-inf-elimination")
        )
        assert expected == actual

    def test_russia_ended_with_the_treaty(self) -> None:
        """The day after the treaty ended, Russia is no longer a party: its place ended with it."""
        answer = inf().status("inf/RUS", "2019-08-03")
        assert "ended" == answer.state
        assert answer.derived is not None
        assert ("agreement", "2019-08-02") == (answer.derived.basis, str(answer.derived.date))
        assert "terminated on 2019-08-02" in str(answer)

    def test_russia_continues_the_soviet_union(self) -> None:
        """The Soviet Union signed and was a party; Russia continues its place from 24 Dec 1991."""
        record = inf()
        (russia,) = (party for party in record.parties if party.id == "RUS")
        assert russia.continues is not None
        assert ("SUN", "1991-12-24") == (russia.continues.party, str(russia.continues.date))
        signed = next(event for event in record.events if event.id == "inf-signed")
        assert ("USA", "SUN") == signed.actors
        assert () == record.transitions_of("inf/RUS")
        expected = ("party", "continued", "party")
        actual = (
            record.status("inf/SUN", "1990-01-01").state,
            record.status("inf/SUN", "1992-01-01").state,
            record.status("inf/RUS", "2019-03-01").state,
        )
        assert expected == actual

    @pytest.mark.parametrize(
        ("source", "dates"),
        [
            ("aca-inf", {"1987-12-08", "1988-06-01"}),
            ("upi-1988-05-27", {"1988-05-27"}),
            ("rcw-2018-10-23", {"2018-10-20"}),
            ("csis-2019-08", {"2019-08-02"}),
        ],
    )
    def test_sources_credited_only_with_their_dates(self, source: str, dates: set[str]) -> None:
        """A source is cited only for facts dated as it dates them."""
        record = inf()
        dated = [e.date.text for e in record.events if source in e.sources]
        dated += [t.date.text for t in record.transitions if source in t.sources]
        assert dated
        assert set(dated) <= dates

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
        assert "concluded" == record.status("jcpoa", "2015-10-17").state
        assert "in_effect" == record.status("jcpoa", "2015-11-01").state
        assert "P10Y" == str(agreement(record, "jcpoa").duration)

    def test_commitments_active_from_implementation_day(self) -> None:
        """The commitments are active from Implementation Day, 16 January 2016."""
        record = jcpoa()
        assert not record.status("usa-sanctions-relief", "2016-01-15").possible
        assert "active" == record.status("usa-sanctions-relief", "2016-01-16").state

    @pytest.mark.parametrize("on", ["2018-05-09", "2018-06-01", "2018-10-01"])
    def test_views_after_withdrawal(self, on: str) -> None:
        """From 8 May 2018 the US commitment is renounced per the USA, violated per Iran."""
        record = jcpoa()
        usa = record.status("usa-sanctions-relief", on, according_to="USA").state
        irn = record.status("usa-sanctions-relief", on, according_to="IRN").state
        assert ("renounced", "violated") == (usa, irn)

    def test_default_status_shows_dispute(self) -> None:
        """Asked with no party, the status of the US commitment is a dispute."""
        answer = jcpoa().status("usa-sanctions-relief", "2018-06-01")
        assert answer.disputed
        assert frozenset({"renounced"}) == answer.views["USA"]
        assert frozenset({"violated"}) == answer.views["IRN"]

    def test_agreement_stays_in_effect(self) -> None:
        """The agreement stays in effect after the US withdrawal; the US participation ends."""
        record = jcpoa()
        assert "in_effect" == record.status("jcpoa", "2018-10-01").state
        assert "party" == record.status("jcpoa/USA", "2018-05-07").state
        assert "withdrawn" == record.status("jcpoa/USA", "2018-10-01").state

    def test_violation_alleged_by_iran_from_may(self) -> None:
        """Iran alleges from 8 May 2018 that the United States violates the JCPOA."""
        (violation,) = jcpoa().violations
        assert (("IRN",), ("USA",), "usa-sanctions-relief", "2018-05-08") == (
            violation.alleged_by,
            violation.accused,
            violation.commitment,
            violation.date.text,
        )
        assert {"rouhani-2018-05-08", "iran-letter-2018-05-22"} <= set(violation.sources)

    def test_only_parties_that_spoke_hold_views(self) -> None:
        """Only the USA and Iran assert anything; the other parties are credited with no view."""
        asserting = {p for t in jcpoa().transitions for p in t.asserted_by}
        assert {"USA", "IRN"} == asserting


class TestStrategic:
    """The US-Soviet and US-Russian strategic arms agreements, before, during and after each."""

    @pytest.mark.parametrize(
        ("subject", "on", "state"),
        [
            ("salt1-interim", "1972-05-25", None),
            ("salt1-interim", "1975-01-01", "in_effect"),
            ("salt1-interim", "1978-01-01", "expired"),
            ("abm", "1972-05-25", None),
            ("abm", "1990-01-01", "in_effect"),
            ("abm/USA", "2002-01-01", "withdrawal_notified"),
            ("abm", "2002-07-01", "terminated"),
            ("abm-protocol-1974", "1974-07-02", None),
            ("abm-protocol-1974", "1975-01-01", "concluded"),
            ("abm-protocol-1974", "1990-01-01", "in_effect"),
            ("abm-protocol-1974", "2003-01-01", "terminated"),
            ("salt2", "1979-06-17", None),
            ("salt2", "1980-01-01", "concluded"),
            ("salt2", "1987-01-01", "abandoned"),
            ("start1", "1991-07-30", None),
            ("start1", "1993-01-01", "concluded"),
            ("start1", "2000-01-01", "in_effect"),
            ("start1", "2010-01-01", "expired"),
            ("start2", "1992-12-01", None),
            ("start2/USA", "1997-01-01", "consented"),
            ("start2/RUS", "2001-01-01", "consented"),
            ("start2/RUS", "2003-01-01", "consent_revoked"),
            ("start2", "2003-01-01", "abandoned"),
            ("sort", "2002-05-23", None),
            ("sort", "2002-12-01", "concluded"),
            ("sort", "2005-01-01", "in_effect"),
            ("sort", "2012-01-01", "superseded"),
            ("new-start", "2010-04-07", None),
            ("new-start", "2015-01-01", "in_effect"),
            ("new-start", "2023-06-01", "in_effect"),
            ("new-start", "2026-03-01", "expired"),
        ],
    )
    def test_status(self, subject: str, on: str, state: str | None) -> None:
        """Each agreement's status before, during and after it, as its sources date it."""
        assert state == strategic().status(subject, on).state

    def test_start2_never_in_force(self) -> None:
        """START II was consented to by both sides and never entered into force."""
        entered = [t.to for t in strategic().transitions_of("start2")]
        assert "in_effect" not in entered
        assert ["concluded", "abandoned"] == entered

    def test_protocol_in_force_in_1976(self) -> None:
        """The 1974 protocol's entry into force is known to the year: mid-1976 is undetermined."""
        answer = strategic().status("abm-protocol-1974", "1976-06-01")
        assert {"concluded", "in_effect"} == answer.possible

    @pytest.mark.parametrize(
        ("on", "state", "end"),
        [
            ("2021-02-02", "in_effect", None),
            ("2021-02-04", "in_effect", None),
            ("2026-02-04", "in_effect", None),
            ("2026-02-06", "expired", "2026-02-05"),
        ],
    )
    def test_new_start_term_and_extension(self, on: str, state: str, end: str | None) -> None:
        """Ten years from 5 February 2011, extended on 3 February 2021 to 5 February 2026."""
        answer = strategic().status("new-start", on)
        assert state == answer.state
        if end is None:
            assert answer.derived is None
        else:
            assert answer.derived is not None
            assert end == str(answer.derived.date)
            assert "as extended on 2021-02-03" in str(answer)

    def test_new_start_terms(self) -> None:
        """The terms, not a fixed date: P10Y and one extension, citing Interfax and ASIL."""
        found = agreement(strategic(), "new-start")
        assert (None, "P10Y") == (found.expires, str(found.duration))
        (extension,) = found.extensions
        assert ("2021-02-03", "2026-02-05") == (str(extension.date), str(extension.expires))
        assert {"interfax-2021-02-03", "asil-2021-02-newstart"} == set(extension.sources)
        assert [] == [t for t in strategic().transitions_of("new-start") if t.to == "expired"]

    def test_russian_suspension_is_russias_view(self) -> None:
        """From February 2023 Russia holds its participation and verification suspended."""
        record = strategic()
        rus = record.status("new-start/RUS", "2023-03-01", according_to="RUS")
        usa = record.status("new-start/RUS", "2023-03-01", according_to="USA")
        assert ("suspended", "party") == (rus.state, usa.state)
        assert "2023-02-28" == transition(record, "new-start/RUS", "suspended").date.text
        assert ("RUS",) == transition(record, "new-start/RUS", "suspended").asserted_by
        answer = record.status("rus-newstart-verification", "2024-01-01", according_to="RUS")
        assert "suspended" == answer.state
        assert "active" == record.status("rus-newstart-limits", "2024-01-01").state
        assert "active" == record.status("rus-newstart-verification", "2023-02-01").state
        assert "party" == record.status("new-start/RUS", "2023-02-27").state

    def test_us_holds_russia_bound(self) -> None:
        """From 15 March 2023 the United States holds Russia bound and in violation."""
        record = strategic()
        usa = record.status("rus-newstart-verification", "2023-04-01", according_to="USA")
        assert "violated" == usa.state
        assert (
            "active"
            == record.status("rus-newstart-verification", "2023-03-14", according_to="USA").state
        )
        (violation,) = record.violations
        assert (("USA",), ("RUS",), "2023-03-15") == (
            violation.alleged_by,
            violation.accused,
            violation.date.text,
        )
        source = record.get("state-2023-03-15", Source)
        assert "Russia remains bound by its obligations under the treaty" in (source.quote or "")

    def test_only_parties_that_spoke_hold_views(self) -> None:
        """Russia asserts its suspension, the United States its view of Russia's obligations."""
        asserted = {(t.subject, p) for t in strategic().transitions for p in t.asserted_by}
        assert {
            ("new-start/RUS", "RUS"),
            ("rus-newstart-verification", "RUS"),
            ("rus-newstart-verification", "USA"),
        } == asserted

    def test_withdrawal_meets_the_notice(self) -> None:
        """The US notice of 13 December 2001 ran its six months to 13 June 2002."""
        record = strategic()
        assert "P6M" == str(agreement(record, "abm").withdrawal_notice)
        assert "2002-06-13" == transition(record, "abm/USA", "withdrawn").date.text


class TestNuclearTreaties:
    """The NPT, the PTBT and the CTBT, before, during and after."""

    @pytest.mark.parametrize(
        ("subject", "on", "state"),
        [
            ("npt", "1968-06-30", None),
            ("npt", "1969-01-01", "concluded"),
            ("npt", "1971-01-01", "in_effect"),
            ("npt/USA", "1969-01-01", None),
            ("npt/USA", "1971-01-01", "party"),
            ("npt/GBR", "1971-01-01", "party"),
            ("npt/RUS", "1971-01-01", None),
            ("npt/RUS", "1992-01-01", "party"),
            ("npt/ZAF", "1991-07-09", None),
            ("npt/ZAF", "1991-07-11", "party"),
            ("npt/CHN", "1992-03-08", None),
            ("npt/CHN", "1992-04-01", "party"),
            ("npt/FRA", "1992-08-02", None),
            ("npt/FRA", "1992-08-04", "party"),
            ("npt/PRK", "1990-01-01", "party"),
            ("npt/PRK", "2004-01-01", "withdrawn"),
            ("npt/IND", "2020-01-01", "non_party"),
            ("npt/PAK", "2020-01-01", "non_party"),
            ("npt/ISR", "2020-01-01", "non_party"),
            ("ptbt", "1963-08-04", None),
            ("ptbt", "1963-09-01", "concluded"),
            ("ptbt", "1964-01-01", "in_effect"),
            ("ctbt", "1996-09-23", None),
            ("ctbt", "2000-01-01", "concluded"),
            ("ctbt", "2025-01-01", "concluded"),
            ("ctbt/USA", "2000-01-01", "signed"),
            ("ctbt/RUS", "1999-01-01", "signed"),
            ("ctbt/RUS", "2001-01-01", "consented"),
            ("ctbt/RUS", "2024-01-01", "consent_revoked"),
            ("ctbt-no-tests", "2024-01-01", "pending"),
        ],
    )
    def test_status(self, subject: str, on: str, state: str | None) -> None:
        """Each treaty and participation before, during and after, as its sources date it."""
        assert state == treaties().status(subject, on).state

    @pytest.mark.parametrize(
        ("subject", "on", "state"),
        [
            ("npt/SUN", "1971-01-01", "party"),
            ("npt/SUN", "1991-12-24", "continued"),
            ("npt/RUS", "2000-01-01", "party"),
            ("ptbt/SUN", "1964-01-01", "party"),
            ("ptbt/SUN", "1992-01-01", "continued"),
            ("ptbt/RUS", "2000-01-01", "party"),
        ],
    )
    def test_soviet_participations_continued(self, subject: str, on: str, state: str) -> None:
        """The Soviet Union's places in the NPT and the PTBT are Russia's from 24 December 1991."""
        assert state == treaties().status(subject, on).state

    def test_russia_answers_through_the_soviet_union(self) -> None:
        """From the succession Russia's NPT place is derived from the Soviet Union's, not before."""
        assert () == treaties().transitions_of("npt/RUS")
        before = treaties().status("npt/RUS", "1991-12-23")
        assert (before.state, before.derived) == (None, None)
        after = treaties().status("npt/RUS", "1991-12-24")
        assert after.derived is not None
        assert after.derived.basis == "succession"
        assert "party" == after.state

    def test_one_place_at_a_time(self) -> None:
        """On any day the Soviet Union or Russia holds the NPT place, never both."""
        for on in ("1971-01-01", "1991-12-23", "1991-12-24", "1992-01-01", "2000-01-01"):
            holders = [
                party
                for party in ("SUN", "RUS")
                if treaties().status(f"npt/{party}", on).state == "party"
            ]
            assert len(holders) == 1, (on, holders)

    @pytest.mark.parametrize(
        ("agreement_id", "depositaries", "source"),
        [
            ("npt", ("USA", "GBR", "SUN", "RUS"), "ens-npt"),
            ("ptbt", ("USA", "GBR", "SUN", "RUS"), "wiki-ptbt-parties"),
            ("ctbt", ("UN",), "ctbto-2008-03-28"),
        ],
    )
    def test_depositaries(
        self, agreement_id: str, depositaries: tuple[str, ...], source: str
    ) -> None:
        """The NPT's and the PTBT's original three (Russia for the Soviet Union); the UN's."""
        found = agreement(treaties(), agreement_id)
        assert depositaries == found.depositaries
        assert source in found.sources
        quote = treaties().get(source, Source).quote or ""
        assert "depositar" in quote or "deposited" in quote

    def test_npt_depositaries_shared(self) -> None:
        """The korea dataset reads the same NPT depositaries, from the shared part."""
        assert agreement(korea(), "npt").depositaries == agreement(treaties(), "npt").depositaries

    def test_china_accession_dates(self) -> None:
        """China's accession: 9 March 1992 (State Department), 17 March at Washington (UNODA)."""
        step = transition(treaties(), "npt/CHN", "party")
        assert ("1992-03-09", ["1992-03-17"]) == (
            step.date.text,
            [c.date.text for c in step.alternative_dates],
        )
        assert None is treaties().status("npt/CHN", "1992-03-12").state

    def test_ctbt_never_in_force(self) -> None:
        """The CTBT has no entry into force on record; the US Senate's rejection is an event."""
        record = treaties()
        assert "in_effect" not in {t.to for t in record.transitions_of("ctbt")}
        assert "1999-10-13" == event(record, "us-senate-rejects-ctbt").date.text

    def test_russian_ratification_dates(self) -> None:
        """Russia's ratification: the deposit of 30 June 2000, with the law of 27 May kept."""
        step = transition(treaties(), "ctbt/RUS", "consented")
        assert ("2000-06-30", ["2000-05-27"]) == (
            step.date.text,
            [c.date.text for c in step.alternative_dates],
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
        """Any subject on any day may be only in states its own history enters, or an end derived.

        A derived answer (the agreement ended, its term ran out) keeps what the
        subject's own history gives in ``derived.recorded``, and moves only into a
        state that ends the subject.
        """
        record = datasets.load(name)
        subjects = sorted({t.subject for t in record.transitions})
        subject = data.draw(st.sampled_from(subjects))
        answer = record.status(subject, day)
        entered = {t.to for t in record.transitions_of(subject)}
        if answer.derived is None:
            assert answer.possible <= entered
        else:
            ends = lifecycle_for(record.subject_kind(subject)).terminal
            assert answer.derived.recorded <= entered
            assert answer.possible - entered <= ends
        assert answer.state is None or answer.state in answer.possible
