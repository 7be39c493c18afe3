"""What the law adds to a subject's own history: endings, expiry, withdrawals, successions.

A status is first the fold of the subject's own transitions. This module then
settles it against what the record says around it, and marks every answer it
changes with a :class:`~armscontrol.query.Derivation`:

* an agreement recorded in effect after its end date (its terms, as moved by
  its extensions) has ``expired``;
* a bilateral agreement (two places, see :func:`armscontrol.index._law.places`)
  recorded in effect after one of its two parties withdrew is ``terminated``;
* a participation or commitment whose agreement has ended has ended too
  (``ended``, ``lapsed``);
* a commitment whose obligors have all withdrawn has ``lapsed``; one that some
  of its obligors have left says whom it no longer binds;
* a party whose place a continuing state has taken is ``continued``, and the
  continuing state's participation, from the day it continues the other's and
  before its own first step, is its predecessor's.

Only a definite answer is carried over: when the agreement's own status is
disputed or undetermined, so that it may or may not have ended, the subject's
own answer stands. So does a participation's own step on or after the end that
binds to nothing (a signature, a consent, its revocation). An end date that the
date asked about only may have reached makes the agreement's answer undetermined
between its state and ``expired``.

:func:`instants` lists, beside :func:`settle`, every date settling reads: where
an answer may change with what happens around its subject
(:func:`armscontrol.query.change_points`).
"""

from __future__ import annotations

from collections.abc import Callable

import attrs

from armscontrol.dates import HistoricalDate
from armscontrol.index import index_of
from armscontrol.index._law import (
    ENDED,
    IN_FORCE,
    bilateral,
    continuations,
    earliest_end,
    holder_of,
    places,
    predecessor,
    successor,
    term_at,
    terms,
    withdrawn_from,
)
from armscontrol.lifecycle import COMMITMENT, PARTICIPATION
from armscontrol.model import (
    Agreement,
    AgreementState,
    CommitmentState,
    ParticipationState,
    Record,
    SubjectKind,
    participation_id,
)
from armscontrol.query._answers import NO_VIEWS, At, Derivation, Status, Step, is_period

Ask = Callable[[str, SubjectKind, At | None], Status]
"""The status a subject's own history gives on the same date, in the same view, at a point of
the date (``None``: as the question asks it)."""

_Own = Callable[[str, SubjectKind], Status]
"""The status a subject's own history gives at the instant (or over the period) being settled."""

Settled = Callable[[At | None], dict[str, Status]]
"""Where the settled answers of agreements on the date being settled are kept, by agreement
id, for a point of the date: the same store for every subject asked about on that date, in
the same view, so that each agreement's answer is settled once for all its parts."""

_UNBOUND = frozenset(
    state.value
    for state in (
        ParticipationState.SIGNED,
        ParticipationState.CONSENTED,
        ParticipationState.CONSENT_REVOKED,
    )
)
_LIVE = {
    kind: lifecycle.states - lifecycle.terminal
    for kind, lifecycle in (
        (SubjectKind.COMMITMENT, COMMITMENT),
        (SubjectKind.PARTICIPATION, PARTICIPATION),
    )
}
"""The states of the built-in lifecycles that have not ended, which an end can reach."""
_WITHDRAWN = ParticipationState.WITHDRAWN.value


def settle(record: Record, answer: Status, ask: Ask, kept: Settled | None = None) -> Status:
    """The answer, settled against the subject's agreement, its terms, its parties.

    An answer for a period (:func:`~armscontrol.query._answers.is_period`) holds
    every state of the period: when the period's end derives a state (its
    agreement has ended by then, its term has run out) that the period's own
    answer does not hold, the period may end in it too, and the answer says so.

    ``kept`` shares the agreements' settled answers on the date among the
    subjects asked about on it (by default, each answer settles its own).
    """
    store: Settled = kept if kept is not None else (lambda _: {})
    settled = _settle(record, answer, lambda s, k: ask(s, k, answer.at), store(answer.at))
    if not is_period(answer.on, answer.at) or settled.derived is not None:
        return settled
    end = _settle(
        record,
        ask(answer.subject, answer.kind, "end"),
        lambda s, k: ask(s, k, "end"),
        store("end"),
    )
    if end.derived is None or end.possible <= settled.possible:
        return settled
    return attrs.evolve(
        settled,
        state=None,
        possible=settled.possible | end.possible,
        step=None,
        since=None,
        derived=end.derived,
    )


def _settle(record: Record, answer: Status, own: _Own, agreements: dict[str, Status]) -> Status:
    """The answer at one instant (or over one period), settled: see :func:`settle`."""
    # Most answers need nothing more: a violation, an agreement that cannot have
    # ended by then, a subject that has ended on its own with no succession about.
    kind = answer.kind
    if kind is SubjectKind.VIOLATION:
        return answer
    if kind is SubjectKind.AGREEMENT:
        if not _may_have_ended(record, answer.subject, answer):
            return answer
    elif not _open(answer, kind) and not continuations(record):
        return answer
    return _Settler(record, own, agreements).settle(answer)


def instants(record: Record, subject: str, kind: SubjectKind) -> set[int]:
    """The instants from which what :func:`settle` adds to a subject's answer may change.

    Settling compares the date asked about with the dates of the steps of
    related subjects (the agreement, its parties' participations), the
    agreement's end dates, its extensions and its parties' continuations, and
    with the first instant the agreement may have ended by. Each date read
    gives its first instant (from then on, it may have come) and its last
    (from then on, it surely has); the subject's own steps are not listed here.

    Settling derives an end only once one may have come: an agreement's from
    the first instant it may have entered an ending, reached its end date, or
    lost one of its two parties; a commitment's obligors' withdrawal from the
    first instant one of them may have withdrawn. Dates before that cannot
    change an answer and are left out; where settling cannot change an answer
    at all (a violation, an agreement that can never end), there are none.
    """
    if kind is SubjectKind.VIOLATION:
        return set()
    if kind is SubjectKind.AGREEMENT:
        return set(_ending(record, record.get(subject, Agreement)))
    if kind is SubjectKind.PARTICIPATION:
        agreement_id, _, party = subject.partition("/")
        agreement = record.get(agreement_id, Agreement)
        return _line(record, agreement, party) | _ending(record, agreement)
    agreement = holder_of(record, subject)
    return set(_ending(record, agreement) | _leaving(record, agreement))


def _bounds(date: HistoricalDate) -> tuple[int, int]:
    """A date's first and last instant."""
    return date.lower, date.upper - 1


def _steps(record: Record, subject: str) -> set[int]:
    """The first and last instant of each step of a subject, over all its claimed dates."""
    return {
        instant
        for entry in index_of(record).views(subject).entries
        for instant in (entry.lower, entry.upper - 1)
    }


def _ending(record: Record, agreement: Agreement) -> frozenset[int]:
    """Where an agreement's settled answer may change: what ends it, and when it may have."""
    memo = record.derive(_endings)
    found = memo.get(agreement.id)
    if found is None:
        found = memo[agreement.id] = frozenset(_end_instants(record, agreement))
    return found


def _endings(_: Record) -> dict[str, frozenset[int]]:
    return {}


def _leaving(record: Record, agreement: Agreement) -> frozenset[int]:
    """Where the withdrawals of a commitment's obligors may change its answer."""
    memo = record.derive(_leavings)
    found = memo.get(agreement.id)
    if found is None:
        first = _first_withdrawal(record, agreement)
        found = memo[agreement.id] = (
            frozenset()
            if first is None
            else frozenset(i for i in _holders(record, agreement, agreement.parties) if i >= first)
        )
    return found


def _leavings(_: Record) -> dict[str, frozenset[int]]:
    return {}


def _end_instants(record: Record, agreement: Agreement) -> set[int]:
    earliest = earliest_end(record, agreement.id)
    if earliest is None:
        return set()  # nothing the law adds can end it: settling leaves its answers alone
    # The first instant its settled answer may be an end: a step into one, its end
    # date in force, or (bilateral) a party's withdrawal.
    ends = [
        entry.lower
        for entry in index_of(record).views(agreement.id).entries
        if entry.transition.to in ENDED
    ]
    ends += [term.end.lower for term in terms(record, agreement) if term is not None]
    exits = _first_withdrawal(record, agreement) if bilateral(record, agreement) else None
    if exits is not None:
        ends.append(exits)
    if not ends:
        return set()
    found = {earliest, *_steps(record, agreement.id)}
    for term in terms(record, agreement):
        if term is not None:
            found.update(_bounds(term.end))
    for extension in agreement.extensions:
        found.update(_bounds(extension.date))
    if exits is not None:
        found |= _holders(record, agreement, places(record, agreement))
    first = min(ends)
    return {instant for instant in found if instant >= first}


def _first_withdrawal(record: Record, agreement: Agreement) -> int | None:
    """The first instant any party may have withdrawn from the agreement; ``None``: none did."""
    if agreement.id not in withdrawn_from(record):
        return None
    index = index_of(record)
    lowers = [
        entry.lower
        for party in agreement.parties
        for entry in index.views(participation_id(agreement.id, party)).entries
        if entry.transition.to == _WITHDRAWN
    ]
    return min(lowers, default=None)


def _line(record: Record, agreement: Agreement, party: str) -> set[int]:
    """Where a participation's line may change: its steps, its predecessors', its successor.

    Each continuation the line goes back through adds its day too: from it, the
    continuing state's participation is its predecessor's.
    """
    found: set[int] = set()
    seen: set[str] = set()
    current: str | None = party
    while current is not None and current not in seen:
        seen.add(current)
        found |= _steps(record, participation_id(agreement.id, current))
        earlier = predecessor(record, agreement, current)
        if earlier is not None:
            found.update(_bounds(earlier.date))
        current = None if earlier is None else earlier.party
    later = successor(record, agreement, party)
    if later is not None:
        found.update(_bounds(later[1].date))
    return found


def _holders(record: Record, agreement: Agreement, parties: tuple[str, ...]) -> set[int]:
    """Where the lines of those holding the parties' places may change."""
    found: set[int] = set()
    for party in parties:
        seen: set[str] = set()
        current: str | None = party
        while current is not None and current not in seen:
            seen.add(current)
            found |= _line(record, agreement, current)
            later = successor(record, agreement, current)
            current = None if later is None else later[0]
    return found


def _derived(
    answer: Status,
    state: str,
    date: HistoricalDate,
    derivation: tuple[str, str, str],
    step: Step | None = None,
) -> Status:
    """The answer changed to a state derived from elsewhere.

    ``derivation`` is the basis, the reason and the source of the :class:`Derivation`.
    """
    basis, reason, source = derivation
    return attrs.evolve(
        answer,
        state=state,
        possible=frozenset({state}),
        unrecorded=False,
        ambiguous=False,
        undetermined=(),
        views=NO_VIEWS,
        uncontested=frozenset({state}),
        disputed=False,
        since=date,
        step=None,
        derived=Derivation(basis, reason, date, answer.possible, source, step),
    )


def _open(answer: Status, kind: SubjectKind) -> bool:
    """Whether the answer puts the subject, for certain, in a known state that has not ended."""
    return bool(answer.possible) and not answer.unrecorded and answer.possible <= _LIVE[kind]


def _may_have_ended(record: Record, agreement: str, answer: Status) -> bool:
    """Whether the agreement may have ended by the date of the answer."""
    earliest = earliest_end(record, agreement)
    return earliest is not None and earliest < answer.on.upper


def _said_since(answer: Status, agreement: Status) -> bool:
    """Whether a participation's own step, on or after the end, leaves it unbound anyway.

    A signature, a consent or its revocation recorded on the day the agreement
    ended or later is the record's own word (Russia revoked its consent to START
    II the day that treaty was abandoned); it binds to nothing, so it stands.
    """
    return (
        answer.kind is SubjectKind.PARTICIPATION
        and answer.state in _UNBOUND
        and answer.since is not None
        and agreement.since is not None
        and answer.since.lower >= agreement.since.lower
    )


def _since(answer: Status) -> int:
    return answer.since.lower if answer.since is not None else 0


class _Settler:
    """Settles the answers of one question: one date, one view."""

    def __init__(self, record: Record, ask: _Own, agreements: dict[str, Status]) -> None:
        self.record = record
        self.ask = ask
        self.agreements = agreements
        """Each agreement's settled answer on the date, once asked (perhaps by another subject)."""

    def settle(self, answer: Status) -> Status:
        if answer.kind is SubjectKind.AGREEMENT:
            return self.agreement(answer.subject, answer)
        if answer.kind is SubjectKind.PARTICIPATION:
            agreement_id, _, party = answer.subject.partition("/")
            agreement = self.record.get(agreement_id, Agreement)
            return self.ended(self.line(agreement, party, answer), agreement)
        if answer.kind is SubjectKind.COMMITMENT:
            agreement = holder_of(self.record, answer.subject)
            settled = self.ended(answer, agreement)
            if (
                settled is answer
                and _open(answer, SubjectKind.COMMITMENT)
                and agreement.id in withdrawn_from(self.record)
            ):
                return self.obligors(answer, agreement)
            return settled
        return answer

    # -- agreements -------------------------------------------------------------------

    def agreement(self, agreement_id: str, answer: Status | None = None) -> Status:
        """An agreement's answer, with its expiry and its bilateral end derived."""
        if agreement_id not in self.agreements:
            own = answer if answer is not None else self.ask(agreement_id, SubjectKind.AGREEMENT)
            self.agreements[agreement_id] = self._agreement(own)
        return self.agreements[agreement_id]

    def _agreement(self, answer: Status) -> Status:
        if not _may_have_ended(self.record, answer.subject, answer):
            return answer
        # Only an agreement in force expires or is terminated (from concluded, the
        # lifecycle knows no such step).
        if answer.state not in IN_FORCE:
            return answer
        agreement = self.record.get(answer.subject, Agreement)
        on = answer.on
        ends: list[tuple[int, Status]] = []
        term = term_at(self.record, agreement, on.upper)
        if term is not None and term.end.upper <= on.upper:
            reason = f"expired on {term.end} by its terms ({term.how})"
            expired = AgreementState.EXPIRED.value
            derived = _derived(answer, expired, term.end, ("terms", reason, agreement.id))
            ends.append((term.end.lower, derived))
        left = self.bilateral_exit(agreement, answer)
        if left is not None:
            ends.append((_since(left), left))
        if ends:
            return min(ends, key=lambda pair: pair[0])[1]
        if term is not None and term.end.lower < on.upper:
            reason = f"may have expired on {term.end} by its terms ({term.how})"
            derivation = Derivation("terms", reason, term.end, answer.possible, agreement.id)
            return attrs.evolve(
                answer,
                state=None,
                possible=answer.possible | {AgreementState.EXPIRED.value},
                ambiguous=True,
                derived=derivation,
            )
        return answer

    def bilateral_exit(self, agreement: Agreement, answer: Status) -> Status | None:
        """A bilateral agreement in force after one of its two parties withdrew: terminated."""
        if agreement.id not in withdrawn_from(self.record) or not bilateral(self.record, agreement):
            return None
        for party in places(self.record, agreement):
            line = self.holder(agreement, party)
            if line.state == _WITHDRAWN and line.since is not None:
                who = line.subject.partition("/")[2]
                reason = (
                    f"ended on {line.since} when {who} withdrew, leaving one of its two parties"
                )
                terminated = AgreementState.TERMINATED.value
                derivation = ("withdrawal", reason, line.subject)
                return _derived(answer, terminated, line.since, derivation, line.step)
        return None

    # -- participations ---------------------------------------------------------------

    def own(self, agreement: Agreement, party: str, answer: Status | None = None) -> Status:
        """A participation's answer through its predecessors.

        From the day it continues its predecessor, and until its own first step,
        a continuing state's participation is its predecessor's. Before that day
        the predecessor holds the place, and the continuing state's own answer
        stands, so that one place is never counted twice.
        """
        own = answer or self.ask(participation_id(agreement.id, party), SubjectKind.PARTICIPATION)
        if own.possible or not own.unrecorded:
            return own
        found = predecessor(self.record, agreement, party)
        if found is None or found.date.upper > own.on.upper:
            return own
        earlier = self.own(agreement, found.party)
        if not earlier.possible:
            return own
        holder = own.subject.partition("/")[2]
        reason = f"the participation of {found.party}, which {holder} continues from {found.date}"
        source = participation_id(agreement.id, found.party)
        derivation = Derivation("succession", reason, found.date, own.possible, source)
        return attrs.evolve(earlier, subject=own.subject, derived=derivation)

    def line(self, agreement: Agreement, party: str, answer: Status | None = None) -> Status:
        """A participation's answer with its successions: continued once another took its place."""
        own = self.own(agreement, party, answer)
        found = successor(self.record, agreement, party)
        if found is None or not _open(own, SubjectKind.PARTICIPATION):
            return own
        other, continuation = found
        if continuation.date.upper > own.on.upper:
            return own
        reason = f"continued by {other} from {continuation.date}"
        continued = ParticipationState.CONTINUED.value
        source = participation_id(agreement.id, other)
        return _derived(own, continued, continuation.date, ("succession", reason, source))

    def holder(self, agreement: Agreement, party: str) -> Status:
        """The answer for whoever holds the party's place now: it, or those continuing it."""
        seen = {party}
        line = self.line(agreement, party)
        while line.state == ParticipationState.CONTINUED.value:
            found = successor(self.record, agreement, party)
            if found is None or found[0] in seen:
                break
            party = found[0]
            seen.add(party)
            line = self.line(agreement, party)
        return line

    # -- endings ------------------------------------------------------------------------

    def ended(self, answer: Status, agreement: Agreement) -> Status:
        """A participation or commitment under an agreement that has ended: ended too."""
        if not _open(answer, answer.kind) or not _may_have_ended(self.record, agreement.id, answer):
            return answer
        settled = self.agreement(agreement.id)
        if settled.state not in ENDED or settled.since is None or _said_since(answer, settled):
            return answer
        how = (
            f"{settled.state} on {settled.since}"
            if settled.derived is None
            else f"which {settled.derived.reason}"
        )
        state = (
            ParticipationState.ENDED.value
            if answer.kind is SubjectKind.PARTICIPATION
            else CommitmentState.LAPSED.value
        )
        reason = f"ended with its agreement {agreement.id}, {how}"
        step = settled.step if settled.derived is None else settled.derived.step
        return _derived(answer, state, settled.since, ("agreement", reason, agreement.id), step)

    def obligors(self, answer: Status, agreement: Agreement) -> Status:
        """A commitment whose obligors withdrew from its agreement: lapsed, or not binding them."""
        commitment = next(c for c in agreement.commitments if c.id == answer.subject)
        obligors = commitment.obligors
        if not obligors or not set(obligors).issubset(agreement.parties):
            return answer
        if any(e.transition.asserted_by for e in index_of(self.record).entries(commitment.id)):
            return answer  # the parties give their own views of it; those stand
        left: list[tuple[str, Status]] = []
        for party in obligors:
            line = self.holder(agreement, party)
            if line.state == _WITHDRAWN and line.since is not None:
                left.append((party, line))
        if not left:
            return answer
        last = max((line for _, line in left), key=_since)
        assert last.since is not None
        # A state the record gives from a step on or after the last withdrawal is the
        # record's own word on the commitment since then (Iran: violated); it stands.
        if answer.since is None or answer.since.lower >= last.since.lower:
            return answer
        said = ", ".join(f"{party} withdrew on {line.since}" for party, line in left)
        source = participation_id(agreement.id, left[-1][0])
        if len(left) == len(obligors):
            reason = f"its obligors left {agreement.id}: {said}"
            lapsed = CommitmentState.LAPSED.value
            return _derived(answer, lapsed, last.since, ("obligors", reason, source), last.step)
        names = ", ".join(party for party, _ in left)
        reason = f"no longer binds {names}: {said}"
        derivation = Derivation("obligors", reason, last.since, answer.possible, source, last.step)
        return attrs.evolve(answer, derived=derivation)
