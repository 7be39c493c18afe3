"""Declare a lifecycle of your own and validate a history against it.

A ceasefire does not go through the stages of a treaty: it is declared, then
observed or breached, and ends by being formalised in an agreement or by
collapsing. Declare those states once, hand the declaration to the validator for
agreements, and every agreement history in the record is checked against it.

Run it: ``python examples/custom_lifecycle.py``.
"""

from __future__ import annotations

from armscontrol.dates import HistoricalDate
from armscontrol.exceptions import LifecycleDefinitionError
from armscontrol.lifecycle import Lifecycle
from armscontrol.model import (
    Agreement,
    AgreementKind,
    Event,
    EventKind,
    Party,
    Record,
    Source,
    SubjectKind,
    Transition,
)
from armscontrol.validation import validate

D = HistoricalDate.parse

CEASEFIRE = Lifecycle.build(
    "ceasefire",
    initial="declared",
    terminal=["formalized", "collapsed"],
    steps={
        "declared": ["observed", "breached", "collapsed"],
        "observed": ["breached", "formalized", "collapsed"],
        "breached": ["observed", "collapsed"],
    },
    descriptions={
        "declared": "announced by the parties",
        "observed": "holding",
        "breached": "fire exchanged; not yet abandoned",
        "formalized": "replaced by a written agreement",
        "collapsed": "abandoned",
    },
)


def record(*states_and_dates: tuple[str, str]) -> Record:
    """A one-ceasefire record whose history goes through the given states."""
    source = ("example-source",)
    return Record(
        parties=(Party("AAA", "Party A"), Party("BBB", "Party B")),
        sources=(Source("example-source", "An illustrative chronology"),),
        agreements=(
            Agreement(
                "ceasefire-1",
                "A ceasefire",
                AgreementKind.OTHER,
                ("AAA", "BBB"),
                sources=source,
            ),
        ),
        events=(
            Event(
                "shelling",
                EventKind.OTHER,
                D("2020-03-02"),
                "Exchange of fire along the line",
                sources=source,
            ),
        ),
        transitions=tuple(
            Transition(
                "ceasefire-1",
                state,
                D(date),
                causes=("shelling",) if state in ("breached", "collapsed") else (),
                sources=source,
            )
            for state, date in states_and_dates
        ),
    )


def main() -> None:
    """Validate a good and a bad ceasefire history, then a lifecycle that cannot work."""
    print(CEASEFIRE.to_mermaid())
    lifecycles = {SubjectKind.AGREEMENT: CEASEFIRE}

    good = record(
        ("declared", "2020-03-01"), ("breached", "2020-03-02"), ("observed", "2020-03-05")
    )
    print("good history ok:", validate(good, lifecycles=lifecycles).ok)

    bad = record(
        ("declared", "2020-03-01"), ("collapsed", "2020-03-02"), ("observed", "2020-03-05")
    )
    for diagnostic in validate(bad, lifecycles=lifecycles).errors:
        print(f"{diagnostic.code} {diagnostic.path}: {diagnostic.message}")

    try:
        Lifecycle.build("broken", initial="a", terminal=["z"], steps={"a": ["b"], "c": ["z"]})
    except LifecycleDefinitionError as error:
        print(f"refused: {error}")
        print(f"states at fault: {sorted(error.states)}")


if __name__ == "__main__":
    main()
