"""Treaty law that the validator and the queries share: end dates in force, and successions.

Both :mod:`armscontrol.validation` and :mod:`armscontrol.query` need to know when
an agreement's term ends and who continues whose participation, and neither may
import the other, so the answers live here, over the model alone.

End dates:
    An agreement's end is set by its terms: ``expires`` when given (it governs
    when ``duration`` is given too), else its first entry into effect plus its
    ``duration``. Each :class:`~armscontrol.model.Extension` moves the end from
    its own date on, in the order the agreement lists them.

Successions:
    A party with :attr:`~armscontrol.model.Party.continues` continues another's
    participation in every agreement that lists both. Each such agreement has
    one *place* per party that no listed party continues: the Soviet Union's
    place in the INF Treaty is held by the Russian Federation from 24 December
    1991, so the treaty, which lists the United States, the Soviet Union and
    the Russian Federation, has two places. An agreement with two places and
    no depositary is bilateral: it ends when one of the two leaves.
"""

from __future__ import annotations

from itertools import compress
from typing import NamedTuple

from armscontrol.dates import HistoricalDate, Period
from armscontrol.index import index_of
from armscontrol.model import (
    Agreement,
    AgreementKind,
    AgreementState,
    Continuation,
    ParticipationState,
    Record,
    Transition,
)

_IN_EFFECT = AgreementState.IN_EFFECT.value
_WITHDRAWN = ParticipationState.WITHDRAWN.value
ENDED = frozenset(
    state.value
    for state in (
        AgreementState.COLLAPSED,
        AgreementState.TERMINATED,
        AgreementState.EXPIRED,
        AgreementState.SUPERSEDED,
        AgreementState.ABANDONED,
    )
)
"""The agreement states in which an agreement has ended, one way or another."""
IN_FORCE = frozenset({_IN_EFFECT, AgreementState.SUSPENDED.value})
"""The agreement states in which a treaty is in force (in effect, or suspended)."""
_MAY_BIND = IN_FORCE | {AgreementState.CONCLUDED.value}


def binding(agreement: Agreement) -> frozenset[str]:
    """The agreement states in which it binds its parties.

    A treaty binds only once in force (``in_effect``, or ``suspended``, which keeps
    it in force); a treaty that is only ``concluded`` binds no one. An agreement of
    another kind (an understanding, a joint statement, a plan of action) may bind
    from its conclusion, since sources seldom tell the two apart.
    """
    return IN_FORCE if agreement.kind is AgreementKind.TREATY else _MAY_BIND


class Term(NamedTuple):
    """The end date in force, and how the record sets it."""

    end: HistoricalDate
    how: str
    """In words: ``its expires date``, ``P10Y after entering into effect``,
    ``as extended on 2021-02-03``."""
    extension: int | None
    """The index of the extension that set it; ``None`` when the terms set it."""

    @property
    def said(self) -> str:
        """The end and how it is set: ``expires 2021-02-05``, ``ends 2021-02-05, P10Y …``."""
        if self.extension is None and self.how == _EXPIRES:
            return f"expires {self.end}"
        return f"ends {self.end}, {self.how}"


_EXPIRES = "its expires date"


def shifted(date: HistoricalDate, period: Period) -> HistoricalDate | None:
    """``date.shift(period)``, or ``None`` when that passes the last representable year."""
    try:
        return date.shift(period)
    except (ValueError, OverflowError):  # the calendar's own error past year 9999
        return None


def entry_into_effect(record: Record, agreement: Agreement) -> Transition | None:
    """The agreement's first transition into ``in_effect``, in record order."""
    for entry in index_of(record).entries(agreement.id):
        if entry.transition.to == _IN_EFFECT:
            return entry.transition
    return None


def duration_end(record: Record, agreement: Agreement) -> HistoricalDate | None:
    """The end its ``duration`` gives: the first entry into effect plus the duration."""
    if agreement.duration is None:
        return None
    began = entry_into_effect(record, agreement)
    return None if began is None else shifted(began.date, agreement.duration)


def base_term(record: Record, agreement: Agreement) -> Term | None:
    """The end its terms set, before any extension: ``expires``, else entry plus ``duration``."""
    if agreement.expires is not None:
        return Term(agreement.expires, _EXPIRES, None)
    end = duration_end(record, agreement)
    if end is None:
        return None
    return Term(end, f"{agreement.duration} after entering into effect", None)


def terms(record: Record, agreement: Agreement) -> list[Term | None]:
    """The end in force before each extension, then after the last: one more than there are."""
    found = [base_term(record, agreement)]
    found += [
        Term(extension.expires, f"as extended on {extension.date}", k)
        for k, extension in enumerate(agreement.extensions)
    ]
    return found


def term_at(record: Record, agreement: Agreement, before: int | None = None) -> Term | None:
    """The end in force: the terms' end, moved by each extension that may have been taken.

    Args:
        record: The record that holds the agreement.
        agreement: The agreement.
        before: Count only extensions whose date begins before this instant
            (POSIX seconds); ``None`` counts them all.
    """
    term = base_term(record, agreement)
    for k, extension in enumerate(agreement.extensions):
        if before is not None and extension.date.lower >= before:
            break
        term = Term(extension.expires, f"as extended on {extension.date}", k)
    return term


def holder_of(record: Record, commitment: str) -> Agreement:
    """The agreement that holds a commitment (the first, when an id repeats).

    Raises:
        KeyError: No agreement holds a commitment with this id.
    """
    return record.derive(_holders)[commitment]


def _holders(record: Record) -> dict[str, Agreement]:
    holders: dict[str, Agreement] = {}
    for agreement in record.agreements:
        for commitment in agreement.commitments:
            holders.setdefault(commitment.id, agreement)
    return holders


# -- successions -------------------------------------------------------------------


def continuations(record: Record) -> dict[str, Continuation]:
    """What each party continues, by the continuing party's id; loops are left out.

    The first party of an id counts (the validator reports duplicates). A party
    in a loop of continuations (one that continues itself, directly or through
    others) continues nothing here; the validator reports the loop.
    """
    return record.derive(_continuations)


def _continuations(record: Record) -> dict[str, Continuation]:
    found: dict[str, Continuation] = {}
    for party in record.parties:
        if party.continues is not None and party.id not in found:
            found[party.id] = party.continues
    loops = looping(found)
    return {party: c for party, c in found.items() if party not in loops}


def looping(found: dict[str, Continuation]) -> frozenset[str]:
    """The parties whose chain of continuations never ends: it comes back on itself."""
    caught: set[str] = set()
    for start, continuation in found.items():
        seen = {start}
        current = continuation.party
        while current in found and current not in seen:
            seen.add(current)
            current = found[current].party
        if current in seen:
            caught.add(start)
    return frozenset(caught)


def predecessor(record: Record, agreement: Agreement, party: str) -> Continuation | None:
    """What ``party`` continues in this agreement: a continuation of a party it lists."""
    found = continuations(record).get(party)
    if found is not None and found.party in agreement.parties and found.party != party:
        return found
    return None


def successor(record: Record, agreement: Agreement, party: str) -> tuple[str, Continuation] | None:
    """The listed party that continues ``party`` in this agreement, with the continuation."""
    if not continuations(record):
        return None
    for other in agreement.parties:
        found = predecessor(record, agreement, other)
        if found is not None and found.party == party:
            return other, found
    return None


def places(record: Record, agreement: Agreement) -> tuple[str, ...]:
    """The parties that hold the agreement's places: those no listed party continues."""
    if not continuations(record):
        return agreement.parties
    continued = {
        found.party
        for party in agreement.parties
        if (found := predecessor(record, agreement, party)) is not None
    }
    return tuple(party for party in agreement.parties if party not in continued)


def bilateral(record: Record, agreement: Agreement) -> bool:
    """Whether the agreement binds two parties only: two places, and no depositary.

    A multilateral treaty names its depositaries, so one that names any is not
    taken as bilateral even when the record lists only two of its parties.
    """
    return not agreement.depositaries and len(places(record, agreement)) == 2


def earliest_end(record: Record, agreement: str) -> int | None:
    """The first instant the agreement may have ended by (POSIX seconds); ``None``: never.

    An end on record may have come from the first instant of its date; an
    agreement with terms (an end date, a duration, extensions) or a party's
    withdrawal may have ended at any time, as far as this quick look can tell.
    Before that instant nothing under the agreement has ended with it, and the
    queries do not look further.
    """
    return record.derive(_earliest_ends).get(agreement)


def _earliest_ends(record: Record) -> dict[str, int]:
    ends: dict[str, int] = {}
    for transition in record.transitions:
        if transition.to in ENDED:
            lower = min(
                [transition.date.lower, *(c.date.lower for c in transition.alternative_dates)]
            )
            ends[transition.subject] = min(lower, ends.get(transition.subject, lower))
    anytime = {
        agreement.id
        for agreement in record.agreements
        if agreement.expires is not None or agreement.duration is not None or agreement.extensions
    }
    for agreement in anytime | withdrawn_from(record):
        ends[agreement] = -(2**63)
    return ends


def withdrawn_from(record: Record) -> frozenset[str]:
    """The agreements some party of which has a transition into ``withdrawn``."""
    return record.derive(_withdrawn_from)


def _withdrawn_from(record: Record) -> frozenset[str]:
    index = index_of(record)
    leaving = compress(index.subjects, map(_WITHDRAWN.__eq__, index.tos))
    return frozenset(subject.partition("/")[0] for subject in leaving if "/" in subject)
