"""A small record with known findings of several rules, for tests of selection and acknowledgement.

A deal whose moratorium is renounced while the two commitments given in exchange
stay active (AC504 twice, about ``moratorium``), a launch and a conclusion whose
sources disagree on the date (AC505 on ``launch`` and ``deal``), a test that
cites no source (AC506 on ``test``), and the DPRK's NPT withdrawal counting its
suspended 1993 notice (AC402 on ``npt/PRK``). ``FINDINGS`` pins them; ``KNOWN``
acknowledges every one.
"""

from armscontrol.dates import HistoricalDate, Period
from armscontrol.model import (
    Acknowledgement,
    Agreement,
    AgreementKind,
    Commitment,
    DateClaim,
    Deontic,
    Event,
    EventKind,
    Record,
    Source,
    Transition,
)
from records import ARMS_CONTROL_TODAY, launch, leap_day_deal, leap_day_parties, moratorium

day = HistoricalDate.parse
S = ("act-2013",)

RECORD = Record(
    parties=leap_day_parties(),
    sources=(
        ARMS_CONTROL_TODAY,
        Source("npt-text", "Treaty on the Non-Proliferation of Nuclear Weapons"),
    ),
    agreements=(
        leap_day_deal(
            moratorium(
                "moratorium",
                "No long-range launches",
                beneficiaries=("USA",),
                in_exchange_for=("aid", "assurance"),
            ),
            Commitment(
                "aid",
                ("USA",),
                Deontic.MUST,
                "Nutritional aid",
                beneficiaries=("PRK",),
                in_exchange_for=("moratorium",),
            ),
            Commitment(
                "assurance",
                ("USA",),
                Deontic.MUST_NOT,
                "Attack",
                beneficiaries=("PRK",),
                in_exchange_for=("moratorium",),
            ),
            ident="deal",
            title="A deal",
            kind=AgreementKind.UNDERSTANDING,
            sources=S,
        ),
        Agreement(
            "npt",
            "Treaty on the Non-Proliferation of Nuclear Weapons",
            AgreementKind.TREATY,
            ("USA", "PRK"),
            withdrawal_notice=Period.parse("P3M"),
            sources=("npt-text",),
        ),
    ),
    events=(
        launch(
            summary="A satellite launch attempt",
            actors=("PRK",),
            alternative_dates=(DateClaim(day("2012-04-12"), S, "time zone"),),
            sources=S,
        ),
        Event("test", EventKind.NUCLEAR_TEST, day("2016-01-06"), "A nuclear test", actors=("PRK",)),
    ),
    transitions=(
        Transition(
            "deal",
            "concluded",
            day("2012-02-29"),
            alternative_dates=(DateClaim(day("2012-03-01"), S),),
            sources=S,
        ),
        Transition("moratorium", "active", day("2012-02-29"), sources=S),
        Transition("aid", "active", day("2012-02-29"), sources=S),
        Transition("assurance", "active", day("2012-02-29"), sources=S),
        Transition("moratorium", "renounced", day("2012-04-13"), causes=("launch",), sources=S),
        Transition("npt", "concluded", day("1968-07-01"), sources=S),
        Transition("npt", "in_effect", day("1970-03-05"), sources=S),
        Transition("npt/PRK", "party", day("1985-12-12"), sources=S),
        Transition("npt/PRK", "withdrawal_notified", day("1993-03-12"), sources=S),
        Transition("npt/PRK", "withdrawal_suspended", day("1993-06-11"), sources=S),
        Transition("npt/PRK", "withdrawal_notified", day("2003-01-10"), sources=S),
        # Asserted by both parties of this small NPT, so that it is no dispute (AC503).
        Transition(
            "npt/PRK", "withdrawn", day("2003-01-11"), asserted_by=("PRK", "USA"), sources=S
        ),
    ),
)

FINDINGS = [
    ("AC504", "moratorium", "$.agreements[0].commitments[0].in_exchange_for[0]"),
    ("AC504", "moratorium", "$.agreements[0].commitments[0].in_exchange_for[1]"),
    ("AC505", "launch", "$.events[0].alternative_dates"),
    ("AC506", "test", "$.events[1].sources"),
    ("AC505", "deal", "$.transitions[0].alternative_dates"),
    ("AC402", "npt/PRK", "$.transitions[11].date"),
]
"""Every finding of RECORD, in report order: (code, subject, path)."""

KNOWN = (
    Acknowledgement(
        code="AC504",
        subject="moratorium",
        reason="The sources say nothing of the aid and the assurance after the launch.",
    ),
    Acknowledgement(code="AC505", subject="launch", reason="Local time and Washington time."),
    Acknowledgement(code="AC505", subject="deal", reason="Announced on the 29th, reported later."),
    Acknowledgement(code="AC506", subject="test", reason="Widely reported; no source chosen yet."),
    Acknowledgement(
        code="AC402",
        subject="npt/PRK",
        reason="The DPRK's own account, counting its suspended 1993 notice.",
        sources=("act-2013",),
    ),
)
"""An acknowledgement of every finding of RECORD (one covers both AC504 findings)."""
