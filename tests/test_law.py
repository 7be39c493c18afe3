"""Treaty law on real histories: entry into force, endings, terms, suspension, succession.

Four real agreements beyond the bundled datasets are encoded in ``tests/data/treaties/``,
every fact citing its sources there: START I (expiry by its terms, a signatory
continued by the Russian Federation), New START (an extension, and Russia's
suspension of its participation), the ABM Treaty (a bilateral treaty that ended
when one of its two parties withdrew, with the Russian Federation continuing the
Soviet Union) and the CTBT (never in force). Each class pins status answers on
chosen dates, then puts one fault into the record and shows the rule that catches it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import attrs
import pytest

from armscontrol import datasets, io
from armscontrol.cli import main
from armscontrol.dates import HistoricalDate, Period
from armscontrol.lifecycle import PARTICIPATION
from armscontrol.model import (
    Agreement,
    AgreementKind,
    Commitment,
    Deontic,
    Extension,
    Party,
    Record,
    Source,
    Transition,
)
from armscontrol.validation import validate

TREATIES = Path(__file__).parent / "data" / "treaties"
day = HistoricalDate.parse


def treaty(name: str) -> Record:
    """One of the real-case records."""
    return io.load(TREATIES / f"{name}.json")


def states(record: Record, asked: Iterable[tuple[str, str]]) -> list[str | None]:
    """The state each (subject, date) gets."""
    return [record.status(subject, on).state for subject, on in asked]


def without(record: Record, subject: str, to: str) -> Record:
    """The record without the transitions of a subject into a state."""
    kept = tuple(t for t in record.transitions if (t.subject, t.to) != (subject, to))
    return attrs.evolve(record, transitions=kept)


def replaced(record: Record, subject: str, state: str, **changes: object) -> Record:
    """The record with the transition of a subject into a state changed."""
    transitions = tuple(
        attrs.evolve(t, **changes) if (t.subject, t.to) == (subject, state) else t
        for t in record.transitions
    )
    return attrs.evolve(record, transitions=transitions)


MADE_UP = Source("made-up", "A step made up for a test; no source says it")


def with_made_up(record: Record, *transitions: Transition) -> Record:
    """The record with made-up transitions appended, citing the made-up source."""
    made_up = tuple(attrs.evolve(t, sources=(MADE_UP.id,)) for t in transitions)
    return attrs.evolve(
        record, sources=(*record.sources, MADE_UP), transitions=(*record.transitions, *made_up)
    )


def codes(record: Record) -> set[str]:
    """The codes the validator reports on a record."""
    return set(validate(record).codes)


class TestRealCasesAreClean:
    """The encoded agreements validate with no errors and no warnings, and load as they are."""

    @pytest.mark.parametrize("name", ["abm", "ctbt", "new-start", "start1"])
    def test_no_errors_or_warnings(self, name: str) -> None:
        """Only notes remain: sources disagreeing on a date, a party with no consent date."""
        report = validate(treaty(name))
        assert [] == [str(d) for d in (*report.errors, *report.warnings)]

    @pytest.mark.parametrize("name", ["abm", "ctbt", "new-start", "start1"])
    def test_canonical_round_trip(self, name: str) -> None:
        """Each file is in the canonical format: loading and saving changes no byte."""
        text = (TREATIES / f"{name}.json").read_text(encoding="utf-8")
        assert text == io.dumps(io.loads(text))

    @pytest.mark.parametrize("name", ["abm", "ctbt", "new-start", "start1"])
    def test_every_fact_cites_a_source(self, name: str) -> None:
        """Every transition, agreement, extension and succession cites a source."""
        record = treaty(name)
        facts: list[tuple[str, ...]] = [t.sources for t in record.transitions]
        facts += [a.sources for a in record.agreements]
        facts += [e.sources for a in record.agreements for e in a.extensions]
        facts += [p.continues.sources for p in record.parties if p.continues is not None]
        assert all(facts)
        assert all(source.url for source in record.sources)


class TestStartOne:
    """START I: signed by the Soviet Union in 1991, in force 1994-2009 for 15 years."""

    def test_pinned_answers(self) -> None:
        """Signatory continued by Russia, party from entry into force, ended at expiry."""
        record = treaty("start1")
        asked = [
            ("start1", "1993-01-01"),
            ("start1/SUN", "1993-01-01"),
            ("start1/RUS", "1993-01-01"),
            ("start1/RUS", "2000-01-01"),
            ("start1", "2010-01-01"),
            ("start1/RUS", "2010-01-01"),
            ("start1/USA", "2010-01-01"),
        ]
        expected = ["concluded", "continued", "signed", "party", "expired", "ended", "ended"]
        assert expected == states(record, asked)

    def test_party_after_expiry_names_the_end(self) -> None:
        """After the expiry, a party's answer names the agreement's end and its date."""
        answer = treaty("start1").status("start1/RUS", "2010-01-01")
        assert answer.derived is not None
        assert ("agreement", "start1", "2009-12-05") == (
            answer.derived.basis,
            answer.derived.source,
            str(answer.derived.date),
        )
        assert frozenset({"party"}) == answer.derived.recorded
        assert "ended with its agreement start1, expired on 2009-12-05" in str(answer)

    def test_expiry_derived_from_the_terms(self) -> None:
        """With no expiry recorded, the 15 years from 5 December 1994 end it, marked as derived."""
        record = without(treaty("start1"), "start1", "expired")
        before, after = record.status("start1", "2009-12-04"), record.status("start1", "2010-01-01")
        assert ("in_effect", "expired") == (before.state, after.state)
        assert before.derived is None
        assert after.derived is not None
        assert ("terms", "2009-12-05") == (after.derived.basis, str(after.derived.date))
        assert "by its terms (P15Y after entering into effect)" in str(after)

    def test_signed_then_party_is_only_a_note(self) -> None:
        """Sources give only the entry into force: signed → party is a note, not an error."""
        report = validate(treaty("start1"))
        assert {"start1/USA", "start1/RUS"} == {d.subject for d in report.by_code("AC507")}
        assert report.ok

    def test_fault_expiry_off_its_date(self) -> None:
        """An expiry dated 4 December 2009, a day before the term ends, is AC408."""
        record = replaced(treaty("start1"), "start1", "expired", date=day("2009-12-04"))
        (found,) = validate(record).by_code("AC408")
        assert "start1" == found.subject
        assert "2009-12-05" in found.message


class TestNewStart:
    """New START: extended to 5 February 2026; Russia suspended its participation in 2023."""

    def test_pinned_answers(self) -> None:
        """In force past its first end thanks to the extension; expired after the second."""
        record = treaty("new-start")
        asked = [
            ("new-start", "2021-02-06"),
            ("new-start/RUS", "2023-06-01"),
            ("new-start", "2023-06-01"),
            ("new-start", "2026-02-06"),
            ("new-start/RUS", "2026-02-06"),
            ("new-start/USA", "2026-02-06"),
        ]
        expected = ["in_effect", "suspended", "in_effect", "expired", "ended", "ended"]
        assert expected == states(record, asked)

    def test_expiry_as_extended_is_marked(self) -> None:
        """The expiry after the extension rests on the terms, and says the extension moved it."""
        answer = treaty("new-start").status("new-start", "2026-02-06")
        assert answer.derived is not None
        assert ("terms", None) == (answer.derived.basis, answer.derived.step)
        assert "as extended on 2021-02-03" in answer.derived.reason

    def test_without_the_extension_it_expired_in_2021(self) -> None:
        """Take the extension away and the ten years from 2011 end it on 5 February 2021."""
        record = treaty("new-start")
        shorter = attrs.evolve(record.agreements[0], extensions=())
        answer = attrs.evolve(record, agreements=(shorter,)).status("new-start", "2021-02-06")
        assert ("expired", "2021-02-05") == (answer.state, str(answer.since))

    def test_suspension_is_not_a_withdrawal(self) -> None:
        """Suspending one's participation leaves the treaty in force; it can be resumed."""
        assert PARTICIPATION.allowed("party", "suspended")
        assert PARTICIPATION.allowed("suspended", "party")
        assert not PARTICIPATION.is_terminal("suspended")
        resumed = Transition("new-start/RUS", "party", day("2024-01-01"))
        record = with_made_up(treaty("new-start"), resumed)
        assert validate(record).ok
        assert "party" == record.status("new-start/RUS", "2024-06-01").state

    def test_fault_extension_after_the_end(self) -> None:
        """An extension dated 6 February 2021, after the end it moves, is AC407."""
        record = treaty("new-start")
        late = Extension(day("2021-02-06"), day("2026-02-05"), sources=("asil-2021-02",))
        faulty = attrs.evolve(
            record, agreements=(attrs.evolve(record.agreements[0], extensions=(late,)),)
        )
        (found,) = validate(faulty).by_code("AC407")
        assert ("new-start", "$.agreements[0].extensions[0].date") == (found.subject, found.path)
        assert "after the end it moves" in found.message


class TestAbm:
    """The ABM Treaty: the Soviet Union's place continued by Russia; ended by the US withdrawal."""

    def test_pinned_answers(self) -> None:
        """Russia is a party through the Soviet Union's participation, and ends with the treaty."""
        record = treaty("abm")
        asked = [
            ("abm/SUN", "1980-01-01"),
            ("abm/RUS", "2000-01-01"),
            ("abm/SUN", "2000-01-01"),
            ("abm/USA", "2002-01-01"),
            ("abm", "2002-06-14"),
            ("abm/USA", "2002-06-14"),
            ("abm/RUS", "2002-06-14"),
        ]
        expected = ["party", "party", "continued", "withdrawal_notified", "terminated"]
        expected += ["withdrawn", "ended"]
        assert expected == states(record, asked)

    def test_continuing_state_answers_with_its_predecessor(self) -> None:
        """Russia's answer in 2000 is the Soviet Union's participation, since 3 October 1972."""
        answer = treaty("abm").status("abm/RUS", "2000-01-01")
        assert answer.derived is not None
        assert ("succession", "abm/SUN", "1972-10-03") == (
            answer.derived.basis,
            answer.derived.source,
            str(answer.since),
        )

    def test_bilateral_end_is_derived(self) -> None:
        """With the termination left out, the treaty still ends when one of its two parties left."""
        record = without(treaty("abm"), "abm", "terminated")
        answer = record.status("abm", "2002-06-14")
        assert ("terminated", "2002-06-13") == (answer.state, str(answer.since))
        assert answer.derived is not None
        assert "withdrawal" == answer.derived.basis
        assert "ended" == record.status("abm/RUS", "2002-06-14").state
        (found,) = validate(record).by_code("AC406")
        assert "abm" == found.subject

    def test_continuing_state_starts_where_its_predecessor_stood(self) -> None:
        """Russia's own first step follows the Soviet Union's: party → suspended is a legal step."""
        suspended = Transition("abm/RUS", "suspended", day("1995-01-01"))
        record = with_made_up(treaty("abm"), suspended)
        report = validate(record)
        assert set() == {"AC201", "AC203"} & report.codes
        assert "suspended" == record.status("abm/RUS", "1996-01-01").state

    def test_continuing_state_cannot_skip_its_predecessors_steps(self) -> None:
        """From the Soviet Union's signature, Russia cannot go straight to a withdrawal notice."""
        notice = Transition("start1/RUS", "withdrawal_notified", day("1993-01-01"))
        record = with_made_up(without(treaty("start1"), "start1/RUS", "party"), notice)
        (found,) = validate(record).by_code("AC201")
        assert "start1/RUS" == found.subject
        assert "signed → withdrawal_notified" in found.message

    def test_fault_russia_as_a_1972_party(self) -> None:
        """Recording Russia itself as party in 1972, before it continues the USSR, is AC311."""
        record = treaty("abm")
        early = Transition("abm/RUS", "party", day("1972-10-03"), sources=("aca-abm",))
        found = validate(attrs.evolve(record, transitions=(*record.transitions, early)))
        assert ["abm/RUS"] == [d.subject for d in found.by_code("AC311")]

    def test_fault_withdrawal_without_notice(self) -> None:
        """Going straight to withdrawn, with the treaty's six months' notice, is AC405."""
        record = without(treaty("abm"), "abm/USA", "withdrawal_notified")
        (found,) = validate(record).by_code("AC405")
        assert ("abm/USA", "$.transitions[4].to") == (found.subject, found.path)


class TestCtbt:
    """The CTBT: never in force; Russia ratified in 2000 and revoked it in 2023."""

    def test_pinned_answers(self) -> None:
        """The treaty stays concluded; Russia consents, then revokes; the US stays a signatory."""
        record = treaty("ctbt")
        asked = [
            ("ctbt", "2024-01-01"),
            ("ctbt/RUS", "2001-01-01"),
            ("ctbt/RUS", "2024-01-01"),
            ("ctbt/USA", "2024-01-01"),
        ]
        assert ["concluded", "consented", "consent_revoked", "signed"] == states(record, asked)

    def test_depositary(self) -> None:
        """The treaty names its depositary, the UN Secretary-General, so it is not bilateral."""
        (ctbt,) = treaty("ctbt").agreements
        assert ("UN",) == ctbt.depositaries

    def test_a_revocation_on_the_day_of_the_end_stands(self) -> None:
        """A revocation dated the day the treaty ends stands; a signature from before ends."""
        abandoned = Transition("ctbt", "abandoned", day("2023-11-02"))
        record = with_made_up(treaty("ctbt"), abandoned)
        assert ["consent_revoked", "ended"] == states(
            record, [("ctbt/RUS", "2024-01-01"), ("ctbt/USA", "2024-01-01")]
        )

    def test_fault_party_of_a_treaty_never_in_force(self) -> None:
        """Russia recorded as party in 2000, though the treaty never entered into force: AC309."""
        record = replaced(treaty("ctbt"), "ctbt/RUS", "consented", to="party")
        (found,) = validate(record).by_code("AC309")
        assert ("ctbt/RUS", "$.transitions[3].date") == (found.subject, found.path)
        assert "concluded, not in force" in found.message


class TestInf:
    """The bundled INF record, with the Russian Federation continuing the Soviet Union."""

    def test_russia_is_not_a_party_the_day_after_the_end(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`armscontrol status inf/RUS --on 2019-08-03 --dataset inf` names the end and its date."""
        assert 0 == main(["status", "inf/RUS", "--on", "2019-08-03", "--dataset", "inf"])
        out = " ".join(capsys.readouterr().out.split())
        title = "Intermediate-Range Nuclear Forces (INF) Treaty"
        assert out.startswith(f"RUS in {title} on 2019-08-03: ended (since 2019-08-02;")
        assert "terminated on 2019-08-02" in out

    def test_commitments_lapse_with_the_treaty_when_not_recorded(self) -> None:
        """Without their recorded lapse, both commitments still lapse with the treaty."""
        record = without(datasets.load("inf"), "rus-inf-elimination", "lapsed")
        answer = record.status("rus-inf-elimination", "2019-08-03")
        assert ("lapsed", "2019-08-02") == (answer.state, str(answer.since))
        assert answer.derived is not None
        assert answer.derived.step is not None
        assert "inf" == answer.derived.step.subject


# -- synthetic records for the rules the real cases do not reach ------------------------

S = ("src",)


def multilateral(*transitions: Transition, kind: AgreementKind = AgreementKind.TREATY) -> Record:
    """A treaty of three parties with a depositary: PRK alone bound by one commitment."""
    parties = ("USA", "PRK", "IRN")
    return Record(
        parties=tuple(Party(p, p) for p in parties),
        sources=(Source("src", "A source"),),
        agreements=(
            Agreement(
                "pact",
                "A pact",
                kind,
                parties,
                commitments=(
                    Commitment("prk-pledge", ("PRK",), Deontic.MUST_NOT, "Build no bomb"),
                    Commitment("shared-pledge", ("PRK", "IRN"), Deontic.MUST_NOT, "Test nothing"),
                ),
                withdrawal_notice=Period.parse("P3M"),
                sources=S,
                depositaries=("USA",),
            ),
        ),
        transitions=transitions,
    )


IN_FORCE = (
    Transition("pact", "concluded", day("1968-07-01"), sources=S),
    Transition("pact", "in_effect", day("1970-03-05"), sources=S),
    Transition("pact/PRK", "party", day("1985-12-12"), sources=S),
    Transition("pact/IRN", "party", day("1970-03-05"), sources=S),
    Transition("prk-pledge", "active", day("1985-12-12"), sources=S),
    Transition("shared-pledge", "active", day("1985-12-12"), sources=S),
    Transition("pact/PRK", "withdrawal_notified", day("2003-01-10"), sources=S),
    Transition("pact/PRK", "withdrawn", day("2003-04-10"), sources=S),
)


class TestWithdrawalFromAMultilateralTreaty:
    """A party that leaves a multilateral treaty leaves its own obligations; the treaty stays."""

    def test_own_commitment_lapses(self) -> None:
        """The commitment only the withdrawn party owed has lapsed for it, as derived."""
        answer = multilateral(*IN_FORCE).status("prk-pledge", "2004-01-01")
        assert ("lapsed", "2003-04-10") == (answer.state, str(answer.since))
        assert answer.derived is not None
        assert "obligors" == answer.derived.basis

    def test_shared_commitment_says_whom_it_no_longer_binds(self) -> None:
        """A commitment of two obligors stays active for the other, and names who left."""
        answer = multilateral(*IN_FORCE).status("shared-pledge", "2004-01-01")
        assert "active" == answer.state
        assert answer.derived is not None
        assert "no longer binds PRK" in str(answer)

    def test_treaty_with_a_depositary_stays_in_force(self) -> None:
        """A treaty naming a depositary is not bilateral: one party's withdrawal ends nothing."""
        record = multilateral(*IN_FORCE)
        assert "in_effect" == record.status("pact", "2004-01-01").state
        assert "party" == record.status("pact/IRN", "2004-01-01").state
        assert "AC406" not in codes(record)


class TestEntryIntoForce:
    """A treaty binds no party and no commitment before it is in force."""

    def test_party_before_entry_into_force(self) -> None:
        """Party in 1969, when the treaty was concluded but not in force, is AC309."""
        early = (*IN_FORCE[:2], Transition("pact/USA", "party", day("1969-06-01"), sources=S))
        assert "AC309" in codes(multilateral(*early))

    def test_commitment_active_before_entry_into_force(self) -> None:
        """A commitment active while the treaty is only concluded is AC310."""
        early = (*IN_FORCE[:2], Transition("prk-pledge", "active", day("1969-06-01"), sources=S))
        assert "AC310" in codes(multilateral(*early))

    def test_commitment_active_after_the_end(self) -> None:
        """A commitment that becomes active after its treaty ended is AC310 too."""
        ended = (
            *IN_FORCE[:2],
            Transition("pact", "terminated", day("1990-01-01"), causes=(), sources=S),
            Transition("prk-pledge", "active", day("1991-01-01"), sources=S),
        )
        assert "AC310" in codes(multilateral(*ended))

    def test_other_agreements_may_bind_from_conclusion(self) -> None:
        """An understanding may bind from its conclusion: party while concluded is fine."""
        record = multilateral(
            Transition("pact", "concluded", day("2012-02-29"), sources=S),
            Transition("pact/USA", "party", day("2012-02-29"), sources=S),
            kind=AgreementKind.UNDERSTANDING,
        )
        assert set() == codes(record) & {"AC309", "AC310"}


class TestTerms:
    """Expiry dates, durations and extensions."""

    def test_recorded_in_effect_past_the_end(self) -> None:
        """A treaty resumed after its end date, with no extension, is AC409."""
        late = (
            Transition("new-start", "suspended", day("2025-01-01")),
            Transition("new-start", "in_effect", day("2026-03-01")),
        )
        found = validate(with_made_up(treaty("new-start"), *late))
        assert ["$.transitions[6].date"] == [d.path for d in found.by_code("AC409")]

    def test_expires_governs_over_duration(self) -> None:
        """Both given: expires sets the end; the disagreement is one AC410, no false AC404."""
        record = treaty("new-start")
        both = attrs.evolve(record.agreements[0], expires=day("2026-02-05"), extensions=())
        commitment = Commitment("limits", ("USA", "RUS"), Deontic.MUST_NOT, "Exceed the limits")
        both = attrs.evolve(both, commitments=(commitment,))
        active = Transition("limits", "active", day("2011-02-05"))
        faulty = with_made_up(attrs.evolve(record, agreements=(both,)), active)
        report = validate(faulty)
        assert () == report.by_code("AC404")
        assert ["new-start"] == [d.subject for d in report.by_code("AC410")]
        assert "in_effect" == faulty.status("new-start", "2023-01-01").state

    def test_an_end_the_date_may_have_reached_is_undetermined(self) -> None:
        """An end known only to the year leaves an answer within that year undetermined."""
        record = treaty("new-start")
        vague = attrs.evolve(
            record.agreements[0],
            extensions=(Extension(day("2021-02-03"), day("2026"), sources=("asil-2021-02",)),),
        )
        answer = attrs.evolve(record, agreements=(vague,)).status("new-start", "2026-06")
        assert (None, frozenset({"in_effect", "expired"})) == (answer.state, answer.possible)
        assert answer.ambiguous
