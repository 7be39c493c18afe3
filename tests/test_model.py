import attrs
import pytest

from armscontrol.dates import HistoricalDate, Period
from armscontrol.exceptions import ArmsControlError, ModelError, UnknownSubjectError
from armscontrol.model import (
    Agreement,
    AgreementKind,
    AgreementState,
    Commitment,
    DateClaim,
    Deontic,
    Event,
    EventKind,
    Participation,
    Party,
    Record,
    Source,
    SubjectKind,
    Transition,
    participation_id,
)
from records import (
    STATE_DEPARTMENT,
    launch,
    launch_violation,
    leap_day_deal,
    leap_day_record,
    moratorium,
)

D = HistoricalDate.parse


def leap_day() -> Record:
    """A small record: the Leap Day deal with one commitment each way."""
    return leap_day_record(
        Transition("leap-day-2012", AgreementState.CONCLUDED, D("2012-02-29")),
        Transition("leap-day-2012", AgreementState.IN_EFFECT, D("2012-02-29")),
        sources=(STATE_DEPARTMENT,),
        agreements=(
            leap_day_deal(
                moratorium(
                    "prk-missile-moratorium",
                    "launch long-range missiles",
                    in_exchange_for=("usa-nutritional-aid",),
                ),
                Commitment(
                    "usa-nutritional-aid",
                    ("USA",),
                    Deontic.MUST,
                    "provide 240,000 metric tons of nutritional assistance",
                    in_exchange_for=("prk-missile-moratorium",),
                ),
                title="Leap Day deal",
                kind=AgreementKind.UNDERSTANDING,
            ),
        ),
        events=(launch("launch-2012-04"),),
        violations=(
            launch_violation(
                commitment="prk-missile-moratorium",
                summary="the launch breached the moratorium",
                evidence=("launch-2012-04",),
            ),
        ),
    )


class TestIds:
    """Ids are checked when an object is built."""

    @pytest.mark.parametrize("good", ["USA", "leap-day-2012", "unsc.2087", "a_b", "9"])
    def test_accepted(self, good: str) -> None:
        """Letters, digits, dots, dashes and underscores make an id."""
        assert good == Party(good, "x").id

    @pytest.mark.parametrize("bad", ["", "-lead", "has space", "é", "a/b", "x" * 129])
    def test_refused(self, bad: str) -> None:
        """Anything else raises ModelError naming the class, field and value."""
        with pytest.raises(ModelError) as caught:
            Party(bad, "x")
        assert ("Party", "id", bad) == (caught.value.owner, caught.value.field, caught.value.value)

    def test_error_is_under_the_root(self) -> None:
        """ModelError is an ArmsControlError and a ValueError."""
        with pytest.raises(ArmsControlError):
            Party("", "x")
        with pytest.raises(ValueError, match=r"Party\.id"):
            Party("", "x")

    def test_string_for_tuple_refused(self) -> None:
        """A bare string where a tuple of ids belongs is refused, not split into letters."""
        with pytest.raises(ModelError, match="a tuple of ids"):
            Commitment("c", "PRK", Deontic.MUST, "x")  # type: ignore[arg-type]

    def test_list_for_tuple_refused(self) -> None:
        """A list is refused too: records are immutable values."""
        with pytest.raises(ModelError, match="a tuple of ids"):
            Commitment("c", ["PRK"], Deontic.MUST, "x")  # type: ignore[arg-type]

    def test_repeated_ids_refused(self) -> None:
        """A tuple of ids may not name the same id twice."""
        with pytest.raises(ModelError, match="without repeats"):
            Agreement("a", "A", AgreementKind.TREATY, ("USA", "USA"))

    def test_participation_subject(self) -> None:
        """A transition's subject may be AGREEMENT/PARTY, and nothing deeper."""
        assert "npt/PRK" == Transition("npt/PRK", "party", D("1985-12-12")).subject
        with pytest.raises(ModelError):
            Transition("npt/PRK/x", "party", D("1985-12-12"))


class TestFields:
    """Each field holds only what it is declared to hold."""

    def test_enum_required(self) -> None:
        """A plain string where an enum belongs is refused."""
        with pytest.raises(ModelError, match="a Deontic"):
            Commitment("c", ("PRK",), "must", "x")  # type: ignore[arg-type]

    def test_date_required(self) -> None:
        """A date string is refused where a HistoricalDate belongs."""
        with pytest.raises(ModelError, match="a HistoricalDate"):
            Event("e", EventKind.LAUNCH, "2012-04-13", "x")  # type: ignore[arg-type]

    def test_blank_text_refused(self) -> None:
        """Required text may not be blank."""
        with pytest.raises(ModelError, match="non-empty"):
            Event("e", EventKind.LAUNCH, D("2012"), "   ")

    def test_state_is_a_slug(self) -> None:
        """Transition states are lowercase slugs; StrEnum states are accepted."""
        assert "in_effect" == Transition("a", AgreementState.IN_EFFECT, D("2012")).to
        with pytest.raises(ModelError, match="lowercase state"):
            Transition("a", "In Effect", D("2012"))

    def test_topics_are_slugs(self) -> None:
        """Topics are lowercase tags."""
        with pytest.raises(ModelError, match="lowercase tags"):
            Commitment("c", ("PRK",), Deontic.MUST, "x", topics=("Nuclear Test",))

    def test_period_and_dates(self) -> None:
        """Terms take a Period and dates a HistoricalDate."""
        npt = Agreement(
            "npt", "NPT", AgreementKind.TREATY, ("PRK",), withdrawal_notice=Period(months=3)
        )
        assert Period(months=3) == npt.withdrawal_notice
        with pytest.raises(ModelError):
            Agreement("npt", "NPT", AgreementKind.TREATY, ("PRK",), withdrawal_notice="P3M")  # type: ignore[arg-type]

    def test_date_claims(self) -> None:
        """Alternative dates are DateClaims with their own sources."""
        claim = DateClaim(D("2012-04-12"), ("s",), "time zone")
        event = Event("e", EventKind.LAUNCH, D("2012-04-13"), "x", alternative_dates=(claim,))
        assert (claim,) == event.alternative_dates
        with pytest.raises(ModelError):
            Event("e", EventKind.LAUNCH, D("2012-04-13"), "x", alternative_dates=(D("2012"),))  # type: ignore[arg-type]


class TestImmutability:
    """Records are values: frozen, compared by content, changed by evolving."""

    def test_frozen(self) -> None:
        """Assigning to a field raises."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            leap_day().title = "x"  # type: ignore[misc]

    def test_equal_by_content(self) -> None:
        """Two records built alike are equal and hash alike."""
        assert leap_day() == leap_day()
        assert hash(leap_day()) == hash(leap_day())

    def test_evolve(self) -> None:
        """Evolving gives a new record and leaves the old one as it was."""
        old = leap_day()
        new = attrs.evolve(old, title="Leap Day")
        assert (None, "Leap Day") == (old.title, new.title)
        assert old.get("USA") == new.get("USA")


class TestLookup:
    """A record finds anything by id."""

    def test_get_each_kind(self) -> None:
        """Parties, sources, agreements, nested commitments, events, violations are found."""
        record = leap_day()
        assert "United States" == record.get("USA").name  # type: ignore[union-attr]
        assert Deontic.MUST == record.get("usa-nutritional-aid").deontic  # type: ignore[union-attr]
        assert "launch-violation" == record.get("launch-violation").id
        assert "state-2012-02-29" in record
        assert "nobody" not in record

    def test_participations(self) -> None:
        """Every party of every agreement has a participation subject."""
        record = leap_day()
        assert Participation("leap-day-2012", "PRK") == record.get("leap-day-2012/PRK")
        assert "leap-day-2012/PRK" == participation_id("leap-day-2012", "PRK")
        assert {"leap-day-2012/USA", "leap-day-2012/PRK"} <= set(record.ids())

    def test_subject_kind(self) -> None:
        """Each subject reports its kind; a party is not a subject."""
        record = leap_day()
        kinds = [
            record.subject_kind(i)
            for i in (
                "leap-day-2012",
                "prk-missile-moratorium",
                "leap-day-2012/USA",
                "launch-violation",
            )
        ]
        assert list(SubjectKind) == kinds
        with pytest.raises(UnknownSubjectError):
            record.subject_kind("USA")

    def test_unknown_id_suggests(self) -> None:
        """An unknown id raises with close matches."""
        with pytest.raises(UnknownSubjectError) as caught:
            leap_day().get("leap-day-2021")
        assert "leap-day-2012" == caught.value.suggestions[0]
        assert "did you mean 'leap-day-2012'" in str(caught.value)

    def test_duplicate_keeps_first(self) -> None:
        """With a duplicate id the first object is found; the validator reports the duplicate."""
        record = attrs.evolve(leap_day(), sources=(Source("USA", "a source named like a party"),))
        assert isinstance(record.get("USA"), Party)

    def test_get_typed(self) -> None:
        """``get(id, Kind)`` returns that kind, and refuses an id of another kind."""
        record = leap_day()
        assert "United States" == record.get("USA", Party).name
        assert "leap-day-2012" == record.get("leap-day-2012", Agreement).id
        assert Participation("leap-day-2012", "PRK") == record.get(
            "leap-day-2012/PRK", Participation
        )
        with pytest.raises(UnknownSubjectError) as caught:
            record.get("USA", Agreement)
        assert "USA" == caught.value.subject
        assert all(isinstance(record.get(s), Agreement) for s in caught.value.suggestions)

    def test_index_order_is_record_order(self) -> None:
        """Of two objects sharing an id, the one earlier in record order is found.

        Record order: parties, sources, processes, then each agreement followed by its
        commitments, then events and violations.
        """
        record = leap_day()
        event = attrs.evolve(record.events[0], id="usa-nutritional-aid")
        record = attrs.evolve(record, events=(event, *record.events[1:]))
        assert isinstance(record.get("usa-nutritional-aid"), Commitment)

    def test_derived_values_are_kept(self) -> None:
        """``derive`` builds a value once per record and keeps it with that record."""
        calls: list[Record] = []

        def build(record: Record) -> int:
            calls.append(record)
            return len(record.transitions)

        record = leap_day()
        assert record.derive(build) == record.derive(build) == len(record.transitions)
        assert [record] == calls
        other = attrs.evolve(record)
        assert other.derive(build) == len(record.transitions)
        assert 2 == len(calls)
        assert record == other  # what is kept is not part of the value

    def test_agreement_of(self) -> None:
        """A commitment knows its agreement."""
        record = leap_day()
        assert "leap-day-2012" == record.agreement_of("usa-nutritional-aid").id
        with pytest.raises(UnknownSubjectError):
            record.agreement_of("leap-day-2012")

    def test_transitions_of(self) -> None:
        """A subject's transitions come in record order."""
        states = [t.to for t in leap_day().transitions_of("leap-day-2012")]
        assert ["concluded", "in_effect"] == states


class TestPartyCodes:
    """A party's ISO and COW codes are checked when it is built."""

    @pytest.mark.parametrize("code", ["prk", "PR", "PRKK", "", 731])
    def test_refuses_what_is_not_an_alpha3_code(self, code: object) -> None:
        """Lowercase, too short, too long, empty or a number: refused."""
        with pytest.raises(ModelError, match="iso_alpha3"):
            Party("PRK", "North Korea", iso_alpha3=code)  # type: ignore[arg-type]

    @pytest.mark.parametrize("code", [0, 1000, -2, True, 731.0, "731"])
    def test_refuses_what_is_not_a_cow_number(self, code: object) -> None:
        """Out of range, a boolean, a float or a string: refused."""
        with pytest.raises(ModelError, match="cow_code"):
            Party("PRK", "North Korea", cow_code=code)  # type: ignore[arg-type]

    def test_keeps_both(self) -> None:
        """Valid codes are kept as given."""
        party = Party("SUN", "Soviet Union", iso_alpha3="SUN", cow_code=365)
        assert (party.iso_alpha3, party.cow_code) == ("SUN", 365)
