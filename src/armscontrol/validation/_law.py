"""Rules of treaty law: entry into force, endings, terms and extensions, successions.

AC116 (a succession that loops), AC309-AC311 (a party or a commitment outside
the time its agreement binds; a step on the wrong side of a succession),
AC405-AC410 (withdrawal without notice, a bilateral agreement left by one party,
extensions, expiry, an agreement recorded past its end, disagreeing terms) and
AC507 (a party with no recorded consent).

What counts as in force:
    A treaty binds from its entry into force (``in_effect``; ``suspended`` keeps
    it in force), for each party from its own ``party`` step; a treaty that is
    only ``concluded`` binds no one. An agreement of another kind (an
    understanding, a joint statement, a plan of action) may bind from its
    conclusion, since sources seldom tell the two apart. Nothing binds once the
    agreement has ended.

State names here are those of the built-in lifecycles; a custom lifecycle
without them simply does not trigger the rules that need them.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress, repeat
from operator import attrgetter, itemgetter, ne

from armscontrol.dates import HistoricalDate
from armscontrol.index import Entry, columns_of, fold, holds, index_of
from armscontrol.index._law import (
    ENDED,
    IN_FORCE,
    bilateral,
    binding,
    continuations,
    duration_end,
    looping,
    predecessor,
    term_at,
    terms,
    withdrawn_from,
)
from armscontrol.model import (
    Agreement,
    AgreementState,
    CommitmentState,
    ParticipationState,
    SubjectKind,
    Transition,
)
from armscontrol.validation._context import (
    Context,
    path_key,
    perspectives,
    place,
    quote_states,
)

_A = AgreementState
_CONCLUDED = _A.CONCLUDED.value
_EXPIRED = _A.EXPIRED.value
_PARTY = ParticipationState.PARTY.value
_SIGNED = ParticipationState.SIGNED.value
_NOTIFIED = ParticipationState.WITHDRAWAL_NOTIFIED.value
_WITHDRAWN = ParticipationState.WITHDRAWN.value
_ACTIVE = CommitmentState.ACTIVE.value
_GATED = frozenset({_PARTY, _ACTIVE})
_LEAVING_OR_SIGNED = frozenset({_WITHDRAWN, _SIGNED})
_FOREVER = 2**62
_ID = attrgetter("id")
_TERMS = attrgetter("expires", "duration", "extensions")
_NO_TERMS = (None, None, ())


def check_law(ctx: Context) -> None:
    """Every rule of this module, over the whole record."""
    law = _Law(ctx)
    law.successions()
    law.gates()
    law.participations()
    law.bilateral()
    law.terms()


def continued_starts(ctx: Context) -> dict[str, str]:
    """The state each continuing state's participation starts from: its predecessor's.

    A participation ``A/Q`` whose party continues ``P``, listed in ``A`` too,
    begins where ``A/P`` stood on the day of the continuation (uncontested, and
    only when the dates settle it). A first step that restates that state is
    taken as the start itself.
    """
    record = ctx.record
    found = continuations(record)
    if not found:
        return {}
    index = index_of(record)
    tos = ctx.index.tos
    starts: dict[str, str] = {}
    for agreement in record.agreements:
        for party in agreement.parties:
            continuation = predecessor(record, agreement, party)
            if continuation is None:
                continue
            before = [
                e
                for e in index.entries(f"{agreement.id}/{continuation.party}")
                if not e.transition.asserted_by
            ]
            outcome = fold(before, continuation.date.upper)
            if outcome.ambiguous or outcome.definite is None:
                continue
            state = outcome.definite.transition.to
            subject = f"{agreement.id}/{party}"
            own = ctx.index.by_subject.get(subject)
            if own and tos[own[0]] == state:
                continue
            starts[subject] = state
    return starts


def _during(entries: Sequence[Entry], date: HistoricalDate) -> frozenset[str]:
    """Every state the history may be in at some instant of ``date``."""
    at_start = fold(entries, date.lower + 1)
    during = {e.transition.to for e in entries if e.lower < date.upper and e.upper > date.lower}
    return at_start.possible | during


class _Law:
    """The record's agreements by id and their histories, for the rules of this module."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.index = index_of(ctx.record)
        agreements = ctx.record.agreements
        # The first agreement of each id, in record order: built in C, then, where an
        # id repeats, each pointed back at its first holder (the key keeps its place).
        found = dict(zip(map(_ID, agreements), enumerate(agreements), strict=True))
        if len(found) < len(agreements):
            for i, agreement in reversed(list(enumerate(agreements))):
                found[agreement.id] = (i, agreement)
        self.agreements: dict[str, tuple[int, Agreement]] = found
        self.starts = continued_starts(ctx)
        self._entries: dict[str, tuple[Entry, ...]] = {}
        self._windows: dict[str, tuple[int, int] | None] = {}

    def entries(self, subject: str, asserted: Sequence[str] = ()) -> list[Entry]:
        """A subject's entries that hold for the uncontested record and the given parties."""
        found = self._entries.get(subject)
        if found is None:
            found = self._entries[subject] = self.index.entries(subject)
        return [e for e in found if holds(e, None) or any(holds(e, p) for p in asserted)]

    def window(self, agreement: Agreement) -> tuple[int, int] | None:
        """When the agreement may bind, if its history makes that plain.

        From the first instant its first entry into a binding state may have
        happened to the last its first entry into an end may have, for a history
        that, once binding, stays so until it ends and that no party contests;
        ``None`` otherwise. A step that meets this span binds at some instant of
        its dates, and needs no closer look.
        """
        if agreement.id not in self._windows:
            self._windows[agreement.id] = self._window(agreement)
        return self._windows[agreement.id]

    def _window(self, agreement: Agreement) -> tuple[int, int] | None:
        # Read from the columns: main dates only, which can only narrow the span.
        ctx = self.ctx
        if agreement.id in ctx.index.asserted:
            return None
        tos, lowers, uppers = ctx.index.tos, ctx.index.lowers, ctx.index.uppers
        binds = binding(agreement)
        start: int | None = None
        for i in ctx.index.by_subject.get(agreement.id, ()):
            to = tos[i]
            if start is None:
                if to in binds:
                    start = lowers[i]
            elif to in ENDED:
                return start, uppers[i]
            elif to not in binds:
                return None
        return None if start is None else (start, _FOREVER)

    # -- AC116, AC311 ---------------------------------------------------------------

    def successions(self) -> None:
        """AC116 loops of continuations; AC311 steps on the wrong side of a succession."""
        ctx, record = self.ctx, self.ctx.record
        declared = {p.id: p.continues for p in record.parties if p.continues is not None}
        if not declared:
            return
        loops = looping(declared)
        seen: set[str] = set()
        for j, party in enumerate(record.parties):
            if party.continues is None or party.id in seen:
                continue
            seen.add(party.id)
            if party.id in loops:
                msg = (
                    f"party {party.id} continues {party.continues.party!r}, whose chain of "
                    f"continuations comes back on itself; a state continues one that came "
                    f"before it"
                )
                path = f"$.parties[{j}].continues.party"
                where = (path, path_key(path))
                ctx.emit("AC116", where, party.id, msg)
        for _, agreement in self.agreements.values():
            for member in agreement.parties:
                continuation = predecessor(record, agreement, member)
                if continuation is not None:
                    self._span(agreement, member, continuation.party, continuation.date)

    def _span(self, agreement: Agreement, party: str, earlier: str, date: HistoricalDate) -> None:
        ctx, transitions = self.ctx, self.ctx.record.transitions
        mine = f"{agreement.id}/{party}"
        for i in ctx.index.by_subject.get(mine, ()):
            tr = transitions[i]
            if tr.date.upper <= date.lower:
                msg = (
                    f"participation {mine}: {tr.to} on {tr.date}, before {party} continues "
                    f"{earlier} (from {date}); record what {earlier} did under "
                    f"{agreement.id}/{earlier}"
                )
                ctx.emit("AC311", place("transitions", i, "date"), mine, msg)
        theirs = f"{agreement.id}/{earlier}"
        for i in ctx.index.by_subject.get(theirs, ()):
            tr = transitions[i]
            if tr.date.lower >= date.upper:
                msg = (
                    f"participation {theirs}: {tr.to} on {tr.date}, after {party} continues "
                    f"{earlier} (from {date}); record it under {mine}"
                )
                ctx.emit("AC311", place("transitions", i, "date"), theirs, msg)

    # -- AC309, AC310 ---------------------------------------------------------------

    def gates(self) -> None:
        """AC309, AC310: a party or an active commitment while the agreement cannot bind."""
        ctx = self.ctx
        kinds, subjects, tos = ctx.index.kinds, ctx.index.subjects, ctx.index.tos
        lowers, uppers, transitions = ctx.index.lowers, ctx.index.uppers, ctx.record.transitions
        participation, commitment = SubjectKind.PARTICIPATION, SubjectKind.COMMITMENT
        gated: list[int] = columns_of(ctx.record).entering(_GATED).tolist()
        for i in gated:
            subject = subjects[i]
            kind = kinds.get(subject)
            if kind is participation and tos[i] == _PARTY:
                agreement = ctx.index.participations[subject]
                code, noun = "AC309", "participation"
            elif kind is commitment and tos[i] == _ACTIVE:
                agreement = ctx.index.commitments[subject][3]
                code, noun = "AC310", "commitment"
            else:
                continue
            window = self.window(agreement)
            if window is not None and window[0] < uppers[i] and lowers[i] < window[1]:
                continue  # the common case: within the time the agreement binds
            self._gate(i, transitions[i], agreement, code, noun)

    def _gate(self, i: int, tr: Transition, agreement: Agreement, code: str, noun: str) -> None:
        entries = self.entries(agreement.id, tr.asserted_by)
        if not entries:
            return
        states = _during(entries, tr.date)
        if not states or states & binding(agreement):
            return
        if not states & (ENDED | {_CONCLUDED}):
            return  # before its conclusion: AC303, AC304
        if states & ENDED:
            ended = next(e.transition for e in entries if e.transition.to in states & ENDED)
            why = f"had ended ({ended.to} on {ended.date})"
            fix = "nothing binds under an agreement that has ended"
        else:
            why = f"was {_CONCLUDED}, not in force"
            fix = (
                "a treaty binds only once in force: record consented, then party when it "
                "enters into force for the party"
                if noun == "participation"
                else "a treaty's commitments bind only once it is in force: record the "
                "commitment pending until then"
            )
        head = f"{noun} {tr.subject}: {tr.to} on {tr.date}"
        msg = f"{head}, while its agreement {agreement.id} {why}; {fix}"
        self.ctx.emit(code, place("transitions", i, "date"), tr.subject, msg)

    # -- AC405, AC507 ---------------------------------------------------------------

    def participations(self) -> None:
        """AC405 withdrawn with no notice; AC507 party straight from signed."""
        ctx = self.ctx
        transitions, kinds = ctx.record.transitions, ctx.index.kinds
        tos = ctx.index.tos
        subjects = ctx.index.subjects
        marked: list[int] = columns_of(ctx.record).entering(_LEAVING_OR_SIGNED).tolist()
        candidates = dict.fromkeys([*map(subjects.__getitem__, marked), *self.starts])
        for subject in candidates:
            indexes = ctx.index.by_subject.get(subject)
            if indexes is None or kinds.get(subject) is not SubjectKind.PARTICIPATION:
                continue
            agreement = ctx.index.participations[subject]
            for _, view in perspectives(ctx, subject, indexes):
                state = self.starts.get(subject)
                for i in view:
                    to = tos[i]
                    if to == _WITHDRAWN and state not in (None, _NOTIFIED):
                        if agreement.withdrawal_notice is not None:
                            self._no_notice(i, agreement, state)
                    elif to == _PARTY and state == _SIGNED:
                        tr = transitions[i]
                        msg = (
                            f"participation {subject}: party on {tr.date} straight from signed; "
                            f"the date of its consent to be bound is not on record (record "
                            f"consented with its date if a source gives it)"
                        )
                        ctx.emit("AC507", place("transitions", i, "to"), subject, msg)
                    state = to

    def _no_notice(self, i: int, agreement: Agreement, state: str) -> None:
        tr = self.ctx.record.transitions[i]
        msg = (
            f"participation {tr.subject}: withdrawn on {tr.date} from {state}, with no notice "
            f"of withdrawal before it, though {agreement.id} requires "
            f"{agreement.withdrawal_notice} notice; record the notice (withdrawal_notified) "
            f"with its date"
        )
        self.ctx.emit("AC405", place("transitions", i, "to"), tr.subject, msg)

    # -- AC406 -----------------------------------------------------------------------

    def bilateral(self) -> None:
        """AC406: a bilateral agreement still in force after one of its two parties left."""
        ctx, record = self.ctx, self.ctx.record
        transitions, tos = record.transitions, ctx.index.tos
        departed = withdrawn_from(record)
        if not departed:
            return
        for _, agreement in self.agreements.values():
            if agreement.id not in departed or not bilateral(record, agreement):
                continue
            entries = self.entries(agreement.id)
            if not entries:
                continue
            for party in agreement.parties:
                subject = f"{agreement.id}/{party}"
                left = next(
                    (
                        i
                        for i in ctx.index.by_subject.get(subject, ())
                        if tos[i] == _WITHDRAWN and not transitions[i].asserted_by
                    ),
                    None,
                )
                if left is None:
                    continue
                tr = transitions[left]
                outcome = fold(entries, tr.date.upper)
                held = outcome.possible
                if outcome.unrecorded or not held or held - IN_FORCE:
                    continue
                msg = (
                    f"agreement {agreement.id}: still {quote_states(held)} after "
                    f"{party} withdrew on {tr.date}, leaving one of its two parties; record "
                    f"its end (terminated), which queries otherwise derive"
                )
                ctx.emit("AC406", place("transitions", left), agreement.id, msg)
                break

    # -- AC407-AC410 -----------------------------------------------------------------

    def terms(self) -> None:
        """AC407-AC410: extensions out of time, expiry off its date, past the end, terms."""
        chosen = list(self.agreements.values())
        given = map(_TERMS, map(itemgetter(1), chosen))
        for i, agreement in compress(chosen, map(ne, given, repeat(_NO_TERMS))):
            self._extensions(i, agreement)
            self._end(agreement)
            self._disagreeing(i, agreement)

    def _extensions(self, i: int, agreement: Agreement) -> None:
        ctx = self.ctx
        entries = self.entries(agreement.id)
        moved = terms(ctx.record, agreement)
        for k, extension in enumerate(agreement.extensions):
            date = extension.date
            where = (
                f"$.agreements[{i}].extensions[{k}].date",
                path_key(f"$.agreements[{i}].extensions[{k}].date"),
            )
            head = f"agreement {agreement.id}: extended on {date} to {extension.expires}"
            states = _during(entries, date) if entries else frozenset[str]()
            if entries and not states & binding(agreement):
                now = f"was {quote_states(states)}" if states else "had no recorded status yet"
                msg = f"{head}, while it {now}; only an agreement in force can be extended"
                ctx.emit("AC407", where, agreement.id, msg)
                continue
            earlier = moved[k]
            if earlier is not None and date.lower >= earlier.end.upper:
                msg = (
                    f"{head}, after the end it moves ({earlier.said}); it had expired by then: "
                    f"record the expiry, or the extension taken before the end"
                )
                ctx.emit("AC407", where, agreement.id, msg)

    def _end(self, agreement: Agreement) -> None:
        ctx, record = self.ctx, self.ctx.record
        transitions = record.transitions
        for i in ctx.index.by_subject.get(agreement.id, ()):
            tr = transitions[i]
            term = term_at(record, agreement, tr.date.upper)
            if term is None:
                if tr.to == _EXPIRED:
                    return
                continue
            end = term.end
            if tr.to == _EXPIRED:
                if tr.date.upper <= end.lower or tr.date.lower >= end.upper:
                    msg = (
                        f"agreement {agreement.id}: expired on {tr.date}, but its end in force "
                        f"then was {end} ({term.how}); date the expiry on its end, or record "
                        f"the extension that moved it"
                    )
                    ctx.emit("AC408", place("transitions", i, "date"), agreement.id, msg)
                return
            if tr.date.lower >= end.upper:
                msg = (
                    f"agreement {agreement.id}: {tr.to} on {tr.date}, after its end on {end} "
                    f"({term.how}); record the extension that moved the end, or its expiry"
                )
                ctx.emit("AC409", place("transitions", i, "date"), agreement.id, msg)
                return

    def _disagreeing(self, i: int, agreement: Agreement) -> None:
        if agreement.expires is None or agreement.duration is None:
            return
        end = duration_end(self.ctx.record, agreement)
        expires = agreement.expires
        if end is None or not (end.upper <= expires.lower or end.lower >= expires.upper):
            return
        msg = (
            f"agreement {agreement.id}: expires {expires}, but its duration "
            f"{agreement.duration} from entry into effect ends {end}; expires governs (if the "
            f"end was moved, give the first end and record the extension)"
        )
        self.ctx.emit("AC410", place("agreements", i, "expires"), agreement.id, msg)
