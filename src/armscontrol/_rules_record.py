"""Rules that relate objects to each other: who may be bound, when, by what, on whose word.

AC111-AC115 (references that resolve but do not fit), AC307-AC308 (evidence
against the commitment's span), AC404 (terms), AC504 (drift), and AC505-AC506
for everything but transitions (those are in :mod:`armscontrol._rules_steps`).
State names here are those of the built-in lifecycles; a custom lifecycle
without them simply does not trigger the rules that need them.
"""

from __future__ import annotations

from armscontrol._rules_context import DAY, Context, shifted
from armscontrol._rules_steps import disputed_date
from armscontrol.dates import HistoricalDate
from armscontrol.model import (
    Agreement,
    AgreementState,
    Commitment,
    CommitmentState,
    ParticipationState,
    SubjectKind,
    Transition,
)

_STARTED = frozenset({AgreementState.CONCLUDED.value, AgreementState.IN_EFFECT.value})
_IN_EFFECT = frozenset({AgreementState.IN_EFFECT.value})
_ENDED_WITH_CAUSE = frozenset({AgreementState.COLLAPSED.value, AgreementState.TERMINATED.value})
_ACTIVE = CommitmentState.ACTIVE.value
_VIOLATED = CommitmentState.VIOLATED.value
_IN_FORCE = frozenset({_ACTIVE, CommitmentState.SUSPENDED.value, _VIOLATED})
_DRIFTED = frozenset(
    {
        CommitmentState.SUSPENDED.value,
        _VIOLATED,
        CommitmentState.LAPSED.value,
        CommitmentState.RELEASED.value,
        CommitmentState.RENOUNCED.value,
    }
)
_JOINED = frozenset({ParticipationState.CONSENTED.value, ParticipationState.PARTY.value})

DRIFT_GRACE_DAYS = 365
"""How long a reciprocal commitment may stay active, unchanged, after its partner left active."""


def check_record(ctx: Context) -> None:
    """Every rule of this module, over the whole record."""
    _parties_and_obligors(ctx)
    _violations(ctx)
    _terms_and_drift(ctx)
    _unsourced(ctx)


# -- AC111-AC115 -------------------------------------------------------------------


def _parties_and_obligors(ctx: Context) -> None:
    known = {party.id for party in ctx.record.parties}
    for i, agreement in enumerate(ctx.record.agreements):
        members = set(agreement.parties)
        for j, com in enumerate(agreement.commitments):
            here = f"$.agreements[{i}].commitments[{j}]"
            for field, code, role in (
                ("obligors", "AC111", "obligor"),
                ("beneficiaries", "AC112", "beneficiary"),
            ):
                refs: tuple[str, ...] = getattr(com, field)
                for k, party in enumerate(refs):
                    if party in known and party not in members:
                        msg = (
                            f"commitment {com.id}: {role} {party!r} is not a party of its "
                            f"agreement {agreement.id} (parties: {', '.join(agreement.parties)})"
                        )
                        ctx.emit(code, f"{here}.{field}[{k}]", com.id, msg)
            for k, other in enumerate(com.in_exchange_for):
                if other == com.id:
                    msg = f"commitment {com.id} is given in exchange for itself"
                    ctx.emit("AC114", f"{here}.in_exchange_for[{k}]", com.id, msg)
    _accused(ctx, known)


def _accused(ctx: Context, known: set[str]) -> None:
    for i, vio in enumerate(ctx.record.violations):
        found = ctx.commitments.get(vio.commitment)
        if found is not None:
            obligors = found[2].obligors
            for k, party in enumerate(vio.accused):
                if party in known and party not in obligors:
                    msg = (
                        f"violation {vio.id}: accused party {party!r} is not an obligor of "
                        f"commitment {vio.commitment} (obligors: {', '.join(obligors)})"
                    )
                    ctx.emit("AC113", f"$.violations[{i}].accused[{k}]", vio.id, msg)
        for field in ("alleged_by", "accused"):
            if not getattr(vio, field):
                who = "alleges it" if field == "alleged_by" else "is accused"
                msg = f"violation {vio.id}: no party {who}; name at least one in {field}"
                ctx.emit("AC115", f"$.violations[{i}].{field}", vio.id, msg)


# -- AC307, AC308, AC505 for events ---------------------------------------------------


def _violations(ctx: Context) -> None:
    for i, event in enumerate(ctx.record.events):
        if event.alternative_dates:
            disputed_date(ctx, f"$.events[{i}]", event.id, event)
    terminal = ctx.machines[SubjectKind.COMMITMENT].terminal
    agreement_terminal = ctx.machines[SubjectKind.AGREEMENT].terminal
    for i, vio in enumerate(ctx.record.violations):
        found = ctx.commitments.get(vio.commitment)
        if found is None or not vio.evidence:
            continue
        commitment, agreement = found[2], found[3]
        allegers = set(vio.alleged_by)
        history = [
            t
            for _, t in ctx.transitions_of(commitment.id)
            if not t.asserted_by or allegers.intersection(t.asserted_by)
        ]
        began = next((t for t in history if t.to == _ACTIVE), None)
        ended = next((t for t in history if t.to in terminal), None)
        closed = next(
            (t for _, t in ctx.transitions_of(agreement.id) if t.to in agreement_terminal), None
        )
        for k, evidence in enumerate(vio.evidence):
            when = ctx.event_dates.get(evidence)
            if when is None:
                continue
            path = f"$.violations[{i}].evidence[{k}]"
            why = None
            if began is not None and when.upper <= began.date.lower:
                why = f"before the commitment became active on {began.date}"
            elif ended is not None and when.lower >= ended.date.upper:
                why = f"after the commitment was {ended.to} on {ended.date}"
            elif closed is not None and when.lower >= closed.date.upper:
                why = f"after its agreement {agreement.id} was {closed.to} on {closed.date}"
            if why is not None:
                msg = (
                    f"violation {vio.id}: evidence {evidence!r}, dated {when}, falls {why}; "
                    f"it cannot have breached {commitment.id}"
                )
                ctx.emit("AC307", path, vio.id, msg)
            if vio.date.upper <= when.lower:
                msg = (
                    f"violation {vio.id}: alleged on {vio.date}, before its evidence "
                    f"{evidence!r} dated {when}"
                )
                ctx.emit("AC308", f"$.violations[{i}].date", vio.id, msg)


# -- AC404, AC504 ----------------------------------------------------------------------


def _horizon(ctx: Context) -> int:
    """The first instant of the latest-dated fact in the record: how far it reaches."""
    record = ctx.record
    dates = [t.date.lower for t in record.transitions] + [e.date.lower for e in record.events]
    return max(dates, default=0)


def _term_end(ctx: Context, agreement: Agreement) -> tuple[HistoricalDate, str] | None:
    ends: list[tuple[HistoricalDate, str]] = []
    if agreement.expires is not None:
        ends.append((agreement.expires, f"expires {agreement.expires}"))
    if agreement.duration is not None:
        began = ctx.first_into(agreement.id, _IN_EFFECT)
        if began is not None:
            end = shifted(began[1].date, agreement.duration)
            if end is not None:  # else the term runs past the last representable year
                ends.append((end, f"ends {end}, {agreement.duration} after entering into effect"))
    return min(ends, key=lambda pair: pair[0].upper, default=None)


def _terms_and_drift(ctx: Context) -> None:
    horizon: int | None = None
    seen: set[frozenset[str]] = set()
    for i, agreement in enumerate(ctx.record.agreements):
        term = _term_end(ctx, agreement)
        for j, com in enumerate(agreement.commitments):
            if term is not None:
                horizon = _horizon(ctx) if horizon is None else horizon
                _past_term(ctx, com, agreement, term, horizon)
            for k, other in enumerate(com.in_exchange_for):
                pair = frozenset((com.id, other))
                if other == com.id or other not in ctx.commitments or pair in seen:
                    continue
                seen.add(pair)
                horizon = _horizon(ctx) if horizon is None else horizon
                path = f"$.agreements[{i}].commitments[{j}].in_exchange_for[{k}]"
                if not _drift(ctx, (com.id, other), path, horizon):
                    _drift(ctx, (other, com.id), path, horizon, owner=com.id)


def _past_term(
    ctx: Context,
    com: Commitment,
    agreement: Agreement,
    term: tuple[HistoricalDate, str],
    horizon: int,
) -> None:
    end, said = term
    entered: tuple[int, Transition] | None = None
    found: tuple[int, str] | None = None
    for i, tr in ctx.transitions_of(com.id):
        late = tr.date.lower >= end.upper
        if tr.to in _IN_FORCE:
            entered = entered or (i, tr)
            if late:
                found = (i, f"{tr.to} on {tr.date}")
                break
        else:
            if entered is not None and late:
                found = (i, f"until it was {tr.to} on {tr.date}")
                break
            entered = None
    else:
        if entered is not None and horizon >= end.upper:
            i, tr = entered
            found = (i, f"{tr.to} since {tr.date}, with no end recorded")
    if found is not None:
        msg = (
            f"commitment {com.id}: in force ({found[1]}) after its agreement {agreement.id} "
            f"{said}; record when it lapsed"
        )
        ctx.emit("AC404", f"$.transitions[{found[0]}].date", com.id, msg)


def _drift(
    ctx: Context, pair: tuple[str, str], path: str, horizon: int, owner: str | None = None
) -> bool:
    """AC504 when the first of ``pair`` left active while the second stayed, unchanged."""
    left, stayed = pair
    tos, lowers = ctx.tos, ctx.lowers
    went = next((i for i in ctx.by_subject.get(left, ()) if tos[i] in _DRIFTED), None)
    if went is None:
        return False
    gone = ctx.record.transitions[went]
    limit = gone.date.upper + DRIFT_GRACE_DAYS * DAY
    state: str | None = None
    until = horizon  # when the partner next changed, or how far the record reaches
    for i in ctx.by_subject.get(stayed, ()):
        if lowers[i] <= gone.date.lower:
            state = tos[i]
        else:
            until = lowers[i]
            break
    if state != _ACTIVE or until < limit:
        return False
    msg = (
        f"commitment {stayed} stays active, unchanged for more than {DRIFT_GRACE_DAYS} days, "
        f"while {left}, given in exchange for it, was {gone.to} on {gone.date}; record what "
        f"became of {stayed}"
    )
    ctx.emit("AC504", path, owner or left, msg)
    return True


# -- AC506 ---------------------------------------------------------------------------


def _unsourced(ctx: Context) -> None:
    record = ctx.record
    emit = ctx.emit
    for i, agreement in enumerate(record.agreements):
        if not agreement.sources:
            path = f"$.agreements[{i}].sources"
            emit("AC506", path, agreement.id, _bare("agreement", agreement.id))
            for j, com in enumerate(agreement.commitments):
                if not com.sources:
                    path = f"$.agreements[{i}].commitments[{j}].sources"
                    emit("AC506", path, com.id, _bare("commitment", com.id))
    for i, event in enumerate(record.events):
        if not event.sources:
            emit("AC506", f"$.events[{i}].sources", event.id, _bare("event", event.id))
    for i, vio in enumerate(record.violations):
        if not vio.sources:
            emit("AC506", f"$.violations[{i}].sources", vio.id, _bare("violation", vio.id))


def _bare(kind: str, item: str) -> str:
    return f"{kind} {item} cites no source; add the sources it rests on"
