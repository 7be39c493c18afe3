"""A broken history and what the validator says about it.

The record below makes five mistakes an analyst could make by hand:

* the deal is recorded as in effect *before* it was concluded (dates out of
  order);
* the aid commitment names an obligor, ``USAA``, that is no party;
* the February 2013 nuclear test is cited as a violation of the Leap Day
  moratorium, although the deal had collapsed ten months earlier;
* the collapse cites no cause;
* a commitment that had lapsed is then marked fulfilled, leaving a terminal
  state.

The validator reports every problem at once, each with a stable code, the id of
the object at fault and a path into the record.

Run it: ``python examples/broken_history.py``.
"""

from __future__ import annotations

from armscontrol.dates import HistoricalDate
from armscontrol.model import (
    Agreement,
    AgreementKind,
    AgreementState,
    Commitment,
    CommitmentState,
    Deontic,
    Event,
    EventKind,
    Party,
    Record,
    Source,
    Transition,
    Violation,
)
from armscontrol.validation import validate

D = HistoricalDate.parse
SOURCE = ("act-2013-07",)


def build() -> Record:
    """A Leap Day record with five mistakes in it."""
    return Record(
        parties=(Party("USA", "United States"), Party("PRK", "North Korea")),
        sources=(
            Source(
                "act-2013-07",
                "U.S. Seeking Unity for N. Korea Talks",
                publisher="Arms Control Today",
                date=D("2013-07"),
            ),
        ),
        agreements=(
            Agreement(
                "leap-day-2012",
                'The "Leap Day" deal',
                AgreementKind.UNDERSTANDING,
                ("USA", "PRK"),
                commitments=(
                    Commitment(
                        "prk-nuclear-test-moratorium",
                        ("PRK",),
                        Deontic.MUST_NOT,
                        "conduct nuclear tests",
                        in_exchange_for=("usa-nutritional-aid",),
                        sources=SOURCE,
                    ),
                    Commitment(
                        "usa-nutritional-aid",
                        ("USAA",),  # mistake: no such party
                        Deontic.MUST,
                        "provide nutritional assistance",
                        in_exchange_for=("prk-nuclear-test-moratorium",),
                        sources=SOURCE,
                    ),
                ),
                sources=SOURCE,
            ),
        ),
        events=(
            Event(
                "nuclear-test-2013-02",
                EventKind.NUCLEAR_TEST,
                D("2013-02-12"),
                "Third DPRK nuclear test",
                actors=("PRK",),
                sources=SOURCE,
            ),
        ),
        violations=(
            Violation(  # mistake: the deal was dead by then
                "test-violation-2013",
                "prk-nuclear-test-moratorium",
                ("USA",),
                ("PRK",),
                D("2013-02-12"),
                "The test breached the Leap Day moratorium.",
                evidence=("nuclear-test-2013-02",),
                sources=SOURCE,
            ),
        ),
        transitions=(
            Transition("leap-day-2012", AgreementState.CONCLUDED, D("2012-03"), sources=SOURCE),
            # mistake: in effect before it was concluded
            Transition("leap-day-2012", AgreementState.IN_EFFECT, D("2012-02-29"), sources=SOURCE),
            Transition(
                "prk-nuclear-test-moratorium",
                CommitmentState.ACTIVE,
                D("2012-03"),
                sources=SOURCE,
            ),
            # mistake: collapsed with no cause
            Transition("leap-day-2012", AgreementState.COLLAPSED, D("2012-04"), sources=SOURCE),
            Transition(
                "prk-nuclear-test-moratorium",
                CommitmentState.LAPSED,
                D("2012-04"),
                sources=SOURCE,
            ),
            # mistake: a lapsed commitment cannot then be fulfilled
            Transition(
                "prk-nuclear-test-moratorium",
                CommitmentState.FULFILLED,
                D("2013-02-12"),
                sources=SOURCE,
            ),
        ),
    )


def main() -> None:
    """Validate the broken record and print every diagnostic."""
    report = validate(build())
    for diagnostic in report.diagnostics:
        print(
            f"{diagnostic.code} {diagnostic.severity:<7} {diagnostic.subject}: "
            f"{diagnostic.message}\n        at {diagnostic.path}"
        )
    print(f"\nok: {report.ok} ({len(report.errors)} errors, {len(report.warnings)} warnings)")


if __name__ == "__main__":
    main()
