"""The 2012 US–DPRK "Leap Day" deal and its breakdown, built in code and checked.

On 29 February 2012 the United States and North Korea announced, simultaneously,
that the DPRK would observe a moratorium on long-range missile launches, nuclear
tests and nuclear activities at Yongbyon, and the United States would provide
240,000 metric tons of nutritional assistance. On 16 March the DPRK announced a
satellite launch; on 28 March the United States said the aid was suspended; the
launch on 13 April failed, the United States called it a violation, the DPRK said
a satellite launch was not covered, and the deal broke down that April.

Run it: ``python examples/leap_day.py``.
"""

from __future__ import annotations

from armscontrol.dates import HistoricalDate
from armscontrol.model import (
    Agreement,
    AgreementKind,
    AgreementState,
    Commitment,
    CommitmentState,
    DateClaim,
    Deontic,
    Event,
    EventKind,
    Party,
    PartyKind,
    Record,
    Source,
    Topic,
    Transition,
    Violation,
    ViolationState,
)
from armscontrol.validation import validate

D = HistoricalDate.parse

DEAL = "leap-day-2012"
MORATORIUM = "prk-missile-moratorium"
TESTS = "prk-nuclear-test-moratorium"
YONGBYON = "prk-yongbyon-moratorium"
AID = "usa-nutritional-aid"
DPRK_SIDE = (MORATORIUM, TESTS, YONGBYON)

SOURCES = (
    Source(
        "state-2012-02-29",
        "U.S.-DPRK Bilateral Discussions",
        publisher="U.S. Department of State",
        author="Victoria Nuland",
        date=D("2012-02-29"),
    ),
    Source(
        "kcna-2012-03-16",
        "DPRK to Launch Application Satellite",
        publisher="Korean Central News Agency",
        date=D("2012-03-16"),
    ),
    Source(
        "lavoy-2012-03-28",
        "Testimony before the House Armed Services Committee",
        author="Peter Lavoy",
        date=D("2012-03-28"),
    ),
    Source(
        "38north-space-launch",
        "The DPRK's position that the moratorium did not cover space launch vehicles",
        publisher="38 North",
    ),
    Source(
        "unsc-prst-2012-13",
        "Statement by the President of the Security Council (S/PRST/2012/13)",
        publisher="United Nations Security Council",
        date=D("2012-04-16"),
    ),
    Source(
        "unsc-2094",
        "Resolution 2094 (2013)",
        publisher="United Nations Security Council",
        date=D("2013-03-07"),
    ),
    Source(
        "act-2013-07",
        "U.S. Seeking Unity for N. Korea Talks",
        publisher="Arms Control Today",
        author="Kelsey Davenport",
        date=D("2013-07"),
    ),
)


def commitments() -> tuple[Commitment, ...]:
    """Both sides' commitments, each given in exchange for the other side's."""
    sources = ("state-2012-02-29",)
    dprk = (
        (MORATORIUM, "launch long-range missiles", Topic.LONG_RANGE_MISSILE_LAUNCH),
        (TESTS, "conduct nuclear tests", Topic.NUCLEAR_TEST),
        (
            YONGBYON,
            "conduct nuclear activities at Yongbyon, including uranium enrichment",
            Topic.ENRICHMENT,
        ),
    )
    return (
        *(
            Commitment(
                cid,
                ("PRK",),
                Deontic.MUST_NOT,
                what,
                beneficiaries=("USA",),
                topics=(topic,),
                in_exchange_for=(AID,),
                sources=sources,
            )
            for cid, what, topic in dprk
        ),
        Commitment(
            AID,
            ("USA",),
            Deontic.MUST,
            "provide 240,000 metric tons of nutritional assistance, with intensive monitoring",
            beneficiaries=("PRK",),
            topics=(Topic.AID_DELIVERY,),
            in_exchange_for=DPRK_SIDE,
            sources=sources,
        ),
    )


def events() -> tuple[Event, ...]:
    """What happened, as the sources date it (two of them disagree on the day)."""
    return (
        Event(
            "announcements-2012-02-29",
            EventKind.ANNOUNCEMENT,
            D("2012-02-29"),
            "Simultaneous US and DPRK announcements after talks in Beijing",
            actors=("USA", "PRK"),
            sources=("state-2012-02-29",),
        ),
        Event(
            "kcna-launch-announcement-2012-03-16",
            EventKind.ANNOUNCEMENT,
            D("2012-03-16"),
            "KCNA announces a Kwangmyongsong-3 satellite launch on an Unha-3, 12-16 April",
            actors=("PRK",),
            sources=("kcna-2012-03-16",),
        ),
        Event(
            "unha-3-launch-2012-04",
            EventKind.LAUNCH,
            D("2012-04-13"),
            "Unha-3 launch fails about 90 seconds after lift-off",
            actors=("PRK",),
            sources=("unsc-prst-2012-13",),
        ),
        Event(
            "nuclear-test-2013-02",
            EventKind.NUCLEAR_TEST,
            D("2013-02-12"),
            "Third DPRK nuclear test: the deal was already dead, so it violates none of it",
            actors=("PRK",),
            alternative_dates=(
                DateClaim(D("2013-02-13"), ("act-2013-07",), "as the article gives it"),
            ),
            sources=("unsc-2094",),
        ),
    )


def transitions() -> tuple[Transition, ...]:
    """Every status change, in order per subject."""
    deal_day = D("2012-02-29")
    broke_down = D("2012-04-13/2012-04-30")  # "broke down in April 2012 after" the launch
    announced = ("state-2012-02-29",)
    article = ("act-2013-07",)
    return (
        Transition(DEAL, AgreementState.CONCLUDED, deal_day, sources=announced),
        Transition(DEAL, AgreementState.IN_EFFECT, deal_day, sources=announced),
        *(
            Transition(cid, CommitmentState.ACTIVE, deal_day, sources=announced)
            for cid in (*DPRK_SIDE, AID)
        ),
        Transition(
            AID,
            CommitmentState.SUSPENDED,
            D("2012-03-28"),
            causes=("kcna-launch-announcement-2012-03-16",),
            sources=("lavoy-2012-03-28",),
        ),
        Transition(
            "launch-violation-2012",
            ViolationState.ALLEGED,
            D("2012-04-13"),
            causes=("unha-3-launch-2012-04",),
            sources=article,
        ),
        Transition(
            "launch-violation-2012",
            ViolationState.DISPUTED,
            D("2012-04-13/2012-04-30"),
            note="The DPRK never accepted that the moratorium covered space launch vehicles.",
            sources=("38north-space-launch",),
        ),
        Transition(
            MORATORIUM,
            CommitmentState.VIOLATED,
            D("2012-04-13"),
            causes=("launch-violation-2012",),
            asserted_by=("USA",),
            sources=article,
        ),
        Transition(
            DEAL,
            AgreementState.COLLAPSED,
            broke_down,
            causes=("unha-3-launch-2012-04", "launch-violation-2012"),
            sources=article,
        ),
        *(
            Transition(
                cid,
                CommitmentState.LAPSED,
                broke_down,
                note="The deal broke down.",
                sources=article,
            )
            for cid in (*DPRK_SIDE, AID)
        ),
    )


def build() -> Record:
    """The Leap Day record."""
    return Record(
        title="The 2012 US-DPRK Leap Day deal",
        parties=(
            Party("USA", "United States"),
            Party("PRK", "Democratic People's Republic of Korea"),
            Party("IAEA", "International Atomic Energy Agency", PartyKind.ORGANIZATION),
        ),
        sources=SOURCES,
        agreements=(
            Agreement(
                DEAL,
                'The "Leap Day" deal',
                AgreementKind.UNDERSTANDING,
                ("USA", "PRK"),
                commitments=commitments(),
                summary="A DPRK moratorium in exchange for US nutritional assistance.",
                sources=("state-2012-02-29", "act-2013-07"),
            ),
        ),
        events=events(),
        violations=(
            Violation(
                "launch-violation-2012",
                MORATORIUM,
                ("USA",),
                ("PRK",),
                D("2012-04-13"),
                "The satellite launch breached the moratorium on long-range missile launches.",
                evidence=("unha-3-launch-2012-04",),
                accused_position=(
                    "A satellite launch is not a missile launch; the moratorium did not cover it."
                ),
                sources=("act-2013-07", "38north-space-launch"),
            ),
        ),
        transitions=transitions(),
    )


def main() -> None:
    """Build, validate and query the record, printing what it shows."""
    record = build()
    report = validate(record)
    print(f"Validation: {len(report.errors)} errors, {len(report.warnings)} warnings")
    for diagnostic in report.infos:
        print(f"  note {diagnostic.code}: {diagnostic.message}")
    print()
    for subject, on in [
        (DEAL, "2012-03-01"),
        (AID, "2012-04-01"),
        (DEAL, "2012-05-01"),
        (MORATORIUM, "2012-04-20"),
        ("launch-violation-2012", "2012-05-01"),
    ]:
        print(record.status(subject, on))
    print()
    print(record.history(DEAL).text())
    print()
    cited = [v.id for v in record.violations if "nuclear-test-2013-02" in v.evidence]
    print(
        f"Violations citing the February 2013 test: {cited or 'none (the deal was already dead)'}"
    )


if __name__ == "__main__":
    main()
