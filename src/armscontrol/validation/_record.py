"""Rules that relate objects to each other: who may be bound, when, by what, on whose word.

AC111-AC115 (references that resolve but do not fit), AC307-AC308 (evidence
against the commitment's span), AC313 (the record's horizon), AC404 (terms),
AC504 (drift), and AC505-AC506
for everything but transitions (those are in :mod:`armscontrol.validation._steps`).
State names here are those of the built-in lifecycles; a custom lifecycle
without them simply does not trigger the rules that need them.
"""

from __future__ import annotations

from itertools import compress, repeat
from operator import attrgetter, ne, not_

from armscontrol.dates import HistoricalDate
from armscontrol.index import columns_of, span
from armscontrol.index._law import term_at
from armscontrol.model import Agreement, Commitment, SubjectKind, Transition
from armscontrol.validation._catalogue import DRIFT_GRACE_DAYS
from armscontrol.validation._context import (
    ACTIVE,
    DAY,
    DRIFTED,
    IN_FORCE,
    Context,
    commitment_place,
    place,
)
from armscontrol.validation._steps import disputed_date


def check_record(ctx: Context) -> None:
    """Every rule of this module, over the whole record."""
    _parties_and_obligors(ctx)
    _violations(ctx)
    _terms_and_drift(ctx)
    _unsourced(ctx)
    if ctx.record.as_of is not None:
        _beyond(ctx, ctx.record.as_of)


# -- AC111-AC115 -------------------------------------------------------------------


def _parties_and_obligors(ctx: Context) -> None:
    known = {party.id for party in ctx.record.parties}
    agreements = ctx.record.agreements
    for i, agreement in compress(enumerate(agreements), map(_COMMITMENTS, agreements)):
        members = set(agreement.parties)
        for j, com in enumerate(agreement.commitments):
            if (
                members.issuperset(com.obligors)
                and members.issuperset(com.beneficiaries)
                and com.id not in com.in_exchange_for
            ):
                continue  # the common case, asked in C
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
                        ctx.emit(code, commitment_place(i, j, field, k), com.id, msg)
            for k, other in enumerate(com.in_exchange_for):
                if other == com.id:
                    msg = f"commitment {com.id} is given in exchange for itself"
                    ctx.emit("AC114", commitment_place(i, j, "in_exchange_for", k), com.id, msg)
    _accused(ctx, known)


def _accused(ctx: Context, known: set[str]) -> None:
    for i, vio in enumerate(ctx.record.violations):
        found = ctx.index.commitments.get(vio.commitment)
        if found is not None:
            obligors = found[2].obligors
            for k, party in enumerate(vio.accused):
                if party in known and party not in obligors:
                    msg = (
                        f"violation {vio.id}: accused party {party!r} is not an obligor of "
                        f"commitment {vio.commitment} (obligors: {', '.join(obligors)})"
                    )
                    ctx.emit("AC113", place("violations", i, "accused", k), vio.id, msg)
        for field in ("alleged_by", "accused"):
            if not getattr(vio, field):
                who = "alleges it" if field == "alleged_by" else "is accused"
                msg = f"violation {vio.id}: no party {who}; name at least one in {field}"
                ctx.emit("AC115", place("violations", i, field), vio.id, msg)


# -- AC307, AC308, AC505 for events ---------------------------------------------------


def _violations(ctx: Context) -> None:
    events = ctx.record.events
    for i, event in compress(enumerate(events), map(_CLAIMS, events)):
        if event.alternative_dates:
            disputed_date(ctx, "events", i, event.id, event)
    index = ctx.index
    terminal = ctx.lifecycles[SubjectKind.COMMITMENT].terminal
    agreement_terminal = ctx.lifecycles[SubjectKind.AGREEMENT].terminal
    transitions, by_subject = index.transitions, index.by_subject
    for i, vio in enumerate(ctx.record.violations):
        found = index.commitments.get(vio.commitment)
        if found is None or not vio.evidence:
            continue
        commitment, agreement = found[2], found[3]
        allegers = set(vio.alleged_by)
        history = [
            t
            for t in map(transitions.__getitem__, by_subject.get(commitment.id, ()))
            if not t.asserted_by or allegers.intersection(t.asserted_by)
        ]
        began = next((t for t in history if t.to == ACTIVE), None)
        ended = next((t for t in history if t.to in terminal), None)
        closing = index.first_into(agreement.id, agreement_terminal)
        closed = None if closing is None else transitions[closing]
        # Spans: a fact with alternative dates happened at one of them, so only
        # what every claimed date says is certain.
        began_at = None if began is None else span(began)[0]
        ended_at = None if ended is None else span(ended)[1]
        closed_at = None if closed is None else span(closed)[1]
        for k, evidence in enumerate(vio.evidence):
            cited = index.events.get(evidence)
            if cited is None:
                continue
            when = cited.date
            lower, upper = span(cited) if cited.alternative_dates else (when.lower, when.upper)
            why = None
            if began is not None and began_at is not None and upper <= began_at:
                why = f"before the commitment became active on {began.date}"
            elif ended is not None and ended_at is not None and lower >= ended_at:
                why = f"after the commitment was {ended.to} on {ended.date}"
            elif closed is not None and closed_at is not None and lower >= closed_at:
                why = f"after its agreement {agreement.id} was {closed.to} on {closed.date}"
            if why is not None:
                msg = (
                    f"violation {vio.id}: evidence {evidence!r}, dated {when}, falls {why}; "
                    f"it cannot have breached {commitment.id}"
                )
                ctx.emit("AC307", place("violations", i, "evidence", k), vio.id, msg)
            if vio.date.upper <= lower:
                msg = (
                    f"violation {vio.id}: alleged on {vio.date}, before its evidence "
                    f"{evidence!r} dated {when}"
                )
                ctx.emit("AC308", place("violations", i, "date"), vio.id, msg)


# -- AC404, AC504 ----------------------------------------------------------------------


def _horizon(ctx: Context) -> int:
    """The first instant of the latest-dated fact in the record: how far it reaches."""
    lowers = columns_of(ctx.record).lower
    found = [int(lowers.max())] if len(lowers) else []
    found.extend(map(_LOWER, map(_DATE, ctx.record.events)))
    return max(found, default=0)


_DATE = attrgetter("date")
_LOWER = attrgetter("lower")
_COMMITMENTS = attrgetter("commitments")
_SOURCES = attrgetter("sources")
_CLAIMS = attrgetter("alternative_dates")
_EXCHANGED_FOR = attrgetter("in_exchange_for")
_TERMS = attrgetter("expires", "duration", "extensions")
_NO_TERMS = (None, None, ())


def _term_end(ctx: Context, agreement: Agreement) -> tuple[HistoricalDate, str] | None:
    # The end in force after every extension; `expires` governs over `duration`.
    term = term_at(ctx.record, agreement)
    return None if term is None else (term.end, term.said)


def _terms_and_drift(ctx: Context) -> None:
    agreements = ctx.record.agreements
    if not agreements:
        return
    horizon = _horizon(ctx)
    drift = _Drift(ctx, horizon)
    commitments = ctx.index.commitments
    seen: set[frozenset[str]] = set()
    # Only agreements with terms, or with commitments given in exchange, have anything
    # to check here; they are picked out in one pass, in C.
    with_terms = map(ne, map(_TERMS, agreements), repeat(_NO_TERMS))
    exchanging = map(any, map(map, repeat(_EXCHANGED_FOR), map(_COMMITMENTS, agreements)))
    wanted = map(any, zip(with_terms, exchanging, strict=True))
    for i, agreement in compress(enumerate(agreements), wanted):
        term = _term_end(ctx, agreement)
        for j, com in enumerate(agreement.commitments):
            if term is not None:
                _past_term(ctx, com, agreement, term, horizon)
            for k, other in enumerate(com.in_exchange_for):
                if other == com.id or other not in commitments:
                    continue
                pair = frozenset((com.id, other))
                if pair in seen:
                    continue
                seen.add(pair)
                if not drift.check(com.id, other, (i, j, k)):
                    drift.check(other, com.id, (i, j, k), owner=com.id)


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
    transitions = ctx.record.transitions
    for i in ctx.index.by_subject.get(com.id, ()):
        tr = transitions[i]
        late = ctx.index.lowers[i] >= end.upper
        if tr.to in IN_FORCE:
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
        ctx.emit("AC404", place("transitions", found[0], "date"), com.id, msg)


class _Drift:
    """AC504: reciprocal commitments drifting apart."""

    __slots__ = ("ctx", "horizon", "left_active")

    def __init__(self, ctx: Context, horizon: int) -> None:
        self.ctx = ctx
        self.horizon = horizon
        subjects = ctx.index.subjects
        left: list[int] = columns_of(ctx.record).entering(DRIFTED).tolist()
        self.left_active = {subjects[i]: i for i in reversed(left)}
        """Each subject's first transition out of active, into a drifted state."""

    def check(
        self, left: str, stayed: str, at: tuple[int, int, int], owner: str | None = None
    ) -> bool:
        """AC504 when ``left`` left active while ``stayed`` stayed active, unchanged.

        ``at`` is where the exchange is listed: agreement, commitment, ``in_exchange_for``
        item.
        """
        went = self.left_active.get(left)
        if went is None:
            return False
        ctx = self.ctx
        index = ctx.index
        tos, lowers = index.tos, index.lowers
        gone_lower = lowers[went]
        limit = index.uppers[went] + DRIFT_GRACE_DAYS * DAY
        state: str | None = None
        until = self.horizon  # when the partner next changed, or how far the record reaches
        for i in index.by_subject.get(stayed, ()):
            if lowers[i] <= gone_lower:
                state = tos[i]
            else:
                until = lowers[i]
                break
        if state != ACTIVE or until < limit:
            return False
        gone = ctx.record.transitions[went]
        msg = (
            f"commitment {stayed} stays active, unchanged for more than {DRIFT_GRACE_DAYS} "
            f"days, while {left}, given in exchange for it, was {gone.to} on {gone.date}; "
            f"record what became of {stayed}"
        )
        i, j, k = at
        ctx.emit("AC504", commitment_place(i, j, "in_exchange_for", k), owner or left, msg)
        return True


# -- AC506 ---------------------------------------------------------------------------


def _unsourced(ctx: Context) -> None:
    record = ctx.record
    emit = ctx.emit
    agreements = record.agreements
    # Only objects that cite nothing are looked at; they are picked out in C.
    for i, agreement in compress(enumerate(agreements), map(not_, map(_SOURCES, agreements))):
        if not agreement.sources:
            where = place("agreements", i, "sources")
            emit("AC506", where, agreement.id, _bare("agreement", agreement.id))
            for j, com in enumerate(agreement.commitments):
                if not com.sources:
                    where = commitment_place(i, j, "sources")
                    emit("AC506", where, com.id, _bare("commitment", com.id))
    for i, event in compress(enumerate(record.events), map(not_, map(_SOURCES, record.events))):
        if not event.sources:
            emit("AC506", place("events", i, "sources"), event.id, _bare("event", event.id))
    for i, vio in enumerate(record.violations):
        if not vio.sources:
            emit("AC506", place("violations", i, "sources"), vio.id, _bare("violation", vio.id))


def _bare(kind: str, item: str) -> str:
    return f"{kind} {item} cites no source; add the sources it rests on"


# -- AC313 ---------------------------------------------------------------------------


def _beyond(ctx: Context, as_of: HistoricalDate) -> None:
    """AC313: facts dated, by every date claimed for them, after the record's as_of."""
    end = as_of.upper
    record, index = ctx.record, ctx.index
    tail = f"after the record's as_of, {as_of}; move as_of on, or check the date"
    for i, event in enumerate(record.events):
        if span(event)[0] >= end:
            msg = f"event {event.id}: dated {event.date}, {tail}"
            ctx.emit("AC313", place("events", i, "date"), event.id, msg)
    for i, vio in enumerate(record.violations):
        if vio.date.lower >= end:
            msg = f"violation {vio.id}: alleged on {vio.date}, {tail}"
            ctx.emit("AC313", place("violations", i, "date"), vio.id, msg)
    lowers = index.lowers
    for i in [i for i, lower in enumerate(lowers) if lower >= end]:
        tr = index.transitions[i]
        msg = f"the transition of {tr.subject} to {tr.to} is dated {tr.date}, {tail}"
        ctx.emit("AC313", place("transitions", i, "date"), tr.subject, msg)
