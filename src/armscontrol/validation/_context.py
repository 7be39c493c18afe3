"""What the validator's rules share: the record's index, places in the record, state names.

The rules read the record through its :class:`~armscontrol.index.Index`, whose
lookups keep the first object of an id (a later duplicate is reported as AC101
and otherwise ignored), so the rules never raise on duplicates or dangling
references: a reference that resolves to nothing is simply skipped, since
:mod:`armscontrol.index._references` has already reported it.
"""

from __future__ import annotations

import re

import attrs

from armscontrol.dates import HistoricalDate, Period
from armscontrol.index import index_of
from armscontrol.lifecycle import Lifecycles, lifecycle_for
from armscontrol.model import (
    Agreement,
    AgreementState,
    Commitment,
    CommitmentState,
    DateClaim,
    Event,
    ParticipationState,
    Party,
    Process,
    Record,
    Source,
    SubjectKind,
    Transition,
    Violation,
)

DAY = 86_400
FAR = 2**62
"""Later than any date: where a period would run past the last representable year."""


def shifted(date: HistoricalDate, period: Period) -> HistoricalDate | None:
    """``date.shift(period)``, or ``None`` when that passes the last representable year."""
    try:
        return date.shift(period)
    except (ValueError, OverflowError):  # the calendar's own error past year 9999
        return None


# -- places in the record ------------------------------------------------------------

Key = tuple[int, ...]
"""A sort key that puts places in the order they have in the record (see :func:`path_key`)."""
Place = tuple[str, Key]
"""Where a finding is: its JSON path into the canonical format, and that path's :data:`Key`."""
Finding = tuple[str, str, "str | None", str, Key]
"""One finding of a rule: ``(code, path, subject, message, key)``."""

_CHILDREN: dict[type, dict[str, type]] = {
    Record: {
        "parties": Party,
        "sources": Source,
        "processes": Process,
        "agreements": Agreement,
        "events": Event,
        "violations": Violation,
        "transitions": Transition,
    },
    Agreement: {"commitments": Commitment},
    Event: {"alternative_dates": DateClaim},
    Transition: {"alternative_dates": DateClaim},
}
_FIELDS: dict[type, dict[str, int]] = {
    kind: {field.name: n for n, field in enumerate(attrs.fields(kind))}
    for kind in (
        *(Record, Party, Source, Process, Agreement, Commitment),
        *(Event, Violation, Transition, DateClaim),
    )
}
_SEGMENT = re.compile(r"\.([a-z_]+)|\[(\d+)\]")


def path_key(path: str) -> Key:
    """The key of a JSON path: per segment, a field's place in its class, or an index.

    The rules build keys with their paths (:func:`place`, :func:`commitment_place`);
    this parses a path that comes without one (the reference checks').
    """
    key: list[int] = []
    kind: type | None = Record
    for name, index in _SEGMENT.findall(path):
        if name:
            fields = _FIELDS.get(kind, {}) if kind is not None else {}
            key.append(fields.get(name, len(fields)))
            kind = _CHILDREN.get(kind, {}).get(name) if kind is not None else None
        else:
            key.append(int(index))
    return tuple(key)


_SECTIONS = {
    section: (_FIELDS[Record][section], _FIELDS[kind])
    for section, kind in _CHILDREN[Record].items()
}
_COMMITMENTS = _FIELDS[Record]["agreements"], _FIELDS[Agreement]["commitments"]
_COMMITMENT_FIELDS = _FIELDS[Commitment]


def place(section: str, i: int, field: str | None = None, k: int | None = None) -> Place:
    """Item ``i`` of a section of the record, or its ``field``, or item ``k`` of that field.

    ``place("transitions", 5, "causes", 1)`` is ``$.transitions[5].causes[1]``.
    """
    at, fields = _SECTIONS[section]
    if field is None:
        return f"$.{section}[{i}]", (at, i)
    if k is None:
        return f"$.{section}[{i}].{field}", (at, i, fields[field])
    return f"$.{section}[{i}].{field}[{k}]", (at, i, fields[field], k)


def commitment_place(i: int, j: int, field: str, k: int | None = None) -> Place:
    """A field of commitment ``j`` of agreement ``i``, or item ``k`` of that field."""
    agreements, commitments = _COMMITMENTS
    head = f"$.agreements[{i}].commitments[{j}].{field}"
    key = (agreements, i, commitments, j, _COMMITMENT_FIELDS[field])
    return (head, key) if k is None else (f"{head}[{k}]", (*key, k))


# -- the states the rules know ----------------------------------------------------------
# Names of the built-in lifecycles' states; a custom lifecycle without them simply
# does not trigger the rules that need them.

STARTED = frozenset({AgreementState.CONCLUDED.value, AgreementState.IN_EFFECT.value})
"""An agreement has begun: concluded or in effect."""
IN_EFFECT = frozenset({AgreementState.IN_EFFECT.value})
ENDED_WITH_CAUSE = frozenset({AgreementState.COLLAPSED.value, AgreementState.TERMINATED.value})
"""An agreement's ends that something must have brought about."""
ACTIVE = CommitmentState.ACTIVE.value
VIOLATED = CommitmentState.VIOLATED.value
IN_FORCE = frozenset({ACTIVE, CommitmentState.SUSPENDED.value, VIOLATED})
"""A commitment still binds, or may again: active, suspended or violated."""
DRIFTED = frozenset(
    {
        CommitmentState.SUSPENDED.value,
        VIOLATED,
        CommitmentState.LAPSED.value,
        CommitmentState.RELEASED.value,
        CommitmentState.RENOUNCED.value,
    }
)
"""A commitment has left active."""
JOINED = frozenset({ParticipationState.CONSENTED.value, ParticipationState.PARTY.value})
"""A participation has begun: consented or party."""
NOTIFIED = ParticipationState.WITHDRAWAL_NOTIFIED.value
NOTICE_SUSPENDED = ParticipationState.WITHDRAWAL_SUSPENDED.value
WITHDRAWN = ParticipationState.WITHDRAWN.value


# -- the context ---------------------------------------------------------------------


class Context:
    """What the rules share: the record, its index, the lifecycles, and the findings so far.

    Everything the rules look up in the record they read from its
    :class:`~armscontrol.index.Index`; the context adds only what belongs to one
    validation: the lifecycles it was asked to use and the findings.
    """

    def __init__(self, record: Record, lifecycles: Lifecycles | None) -> None:
        self.record = record
        self.index = index_of(record)
        self.findings: list[Finding] = []
        self.lifecycles = {kind: lifecycle_for(kind, lifecycles) for kind in SubjectKind}

    def emit(self, code: str, where: Place, subject: str | None, message: str) -> None:
        """Record one finding."""
        self.findings.append((code, where[0], subject, message, where[1]))


def perspectives(
    ctx: Context, subject: str, numbers: list[int]
) -> list[tuple[str | None, list[int]]]:
    """A subject's histories to check: the uncontested one, then each asserting party's view.

    The views are the index's (:meth:`armscontrol.index.Index.views`), as transition
    numbers; a subject no party asserts anything about has one history, ``None``.
    """
    index = ctx.index
    if subject not in index.asserted:
        return [(None, numbers)]
    seen = index.views(subject)
    return [
        (None, [entry.number for entry in seen.uncontested]),
        *((party, [entry.number for entry in view]) for party, view in seen.parties.items()),
    ]


def quote_states(states: frozenset[str] | set[str]) -> str:
    """States for a message: sorted, comma-separated; "nothing" when there are none."""
    return ", ".join(sorted(states)) or "nothing (terminal state)"


def according(party: str | None) -> str:
    """The perspective phrase for a message: "" or " (according to PRK)"."""
    return "" if party is None else f" (according to {party})"
