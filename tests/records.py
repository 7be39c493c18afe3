"""The small Leap Day record that many test modules start from, and its parts.

The US-DPRK Leap Day deal of 29 February 2012: the United States and North
Korea, a deal holding the DPRK's moratorium on long-range launches, the April
2012 launch, and the violation of the moratorium that the United States alleges.

Each builder gives the common form of one fact; a module that needs another id,
another text or an extra field says so in its call (``moratorium("pledge")``,
``leap_day_record(events=(launch(),))``), so that what a test relies on stands
where the test's record is built, not in here.
"""

from typing import Any

import attrs

from armscontrol.dates import HistoricalDate
from armscontrol.model import (
    Agreement,
    AgreementKind,
    Commitment,
    Deontic,
    Event,
    EventKind,
    Party,
    Record,
    Source,
    Transition,
    Violation,
)

LEAP_DAY = "leap-day-2012"
"""The id of the deal in the common form."""

MORATORIUM = "prk-moratorium"
"""The id of the DPRK's moratorium in the common form."""

LAUNCH = "launch"
"""The id of the April 2012 launch in the common form."""

VIOLATION = "launch-violation"
"""The id of the alleged violation in the common form."""

STATE_DEPARTMENT = Source("state-2012-02-29", "U.S.-DPRK Bilateral Discussions")
"""The State Department's announcement of the deal, 29 February 2012."""

ARMS_CONTROL_TODAY = Source(
    "act-2013", "U.S. Seeking Unity for N. Korea Talks", date=HistoricalDate.parse("2013-07")
)
"""Arms Control Today's account of the deal and its end, July 2013."""


def leap_day_parties(*, codes: bool = False) -> tuple[Party, Party]:
    """The United States and North Korea, in that order.

    Args:
        codes: Whether each party carries its ISO 3166 alpha-3 code and its
            Correlates of War code (2 and 731).
    """
    if codes:
        return (
            Party("USA", "United States", iso_alpha3="USA", cow_code=2),
            Party("PRK", "North Korea", iso_alpha3="PRK", cow_code=731),
        )
    return (Party("USA", "United States"), Party("PRK", "North Korea"))


def moratorium(
    ident: str = MORATORIUM, what: str = "no long-range launches", **changes: Any
) -> Commitment:
    """The DPRK's promise not to launch, with ``changes`` to any other field."""
    return attrs.evolve(Commitment(ident, ("PRK",), Deontic.MUST_NOT, what), **changes)


def leap_day_deal(
    *commitments: Commitment,
    ident: str = LEAP_DAY,
    title: str = "US-DPRK Leap Day deal",
    kind: AgreementKind = AgreementKind.JOINT_STATEMENT,
    **changes: Any,
) -> Agreement:
    """The deal between the United States and North Korea.

    Args:
        commitments: Its commitments; without any, the common ``moratorium()``.
        ident: Its id.
        title: Its title.
        kind: Its kind.
        changes: Values of its other fields.
    """
    deal = Agreement(ident, title, kind, ("USA", "PRK"), commitments or (moratorium(),))
    return attrs.evolve(deal, **changes)


def launch(
    ident: str = LAUNCH, date: str = "2012-04-13", summary: str = "Unha-3 launch", **changes: Any
) -> Event:
    """The DPRK's launch of April 2012, with ``changes`` to any other field."""
    event = Event(ident, EventKind.LAUNCH, HistoricalDate.parse(date), summary)
    return attrs.evolve(event, **changes)


def launch_violation(
    ident: str = VIOLATION,
    commitment: str = MORATORIUM,
    date: str = "2012-04-13",
    summary: str = "Unha-3 launch",
    **changes: Any,
) -> Violation:
    """The breach of ``commitment`` that the United States alleges against North Korea."""
    violation = Violation(
        ident, commitment, ("USA",), ("PRK",), HistoricalDate.parse(date), summary
    )
    return attrs.evolve(violation, **changes)


def leap_day_record(*transitions: Transition, **changes: Any) -> Record:
    """The two parties, the common deal and violation, these transitions, and ``changes``.

    Args:
        transitions: The record's history.
        changes: Values of the record's other fields (``sources``, ``events``, or
            ``agreements`` and ``violations`` in place of the common ones).
    """
    record = Record(
        parties=leap_day_parties(),
        agreements=(leap_day_deal(),),
        violations=(launch_violation(),),
        transitions=transitions,
    )
    return attrs.evolve(record, **changes)
