"""Rules over one subject's history: lifecycle steps, order, withdrawal notice, disputes.

Each history is checked as every perspective sees it: the uncontested
transitions alone, then each asserting party's view (uncontested plus that
party's). The same problem seen from several views is reported once (the
validator drops repeats of a code at a path).
"""

from __future__ import annotations

import difflib

from armscontrol.dates import HistoricalDate, OrderCheck, Period, Precision, check_order
from armscontrol.index import (
    KINDS,
    Columns,
    Readings,
    columns_of,
    day_text,
    disagreeing,
    disputed,
    first_dispute,
    fold,
    order,
)
from armscontrol.lifecycle import Lifecycle
from armscontrol.model import Agreement, SubjectKind, Transition
from armscontrol.validation._context import (
    DAY,
    FAR,
    NOTICE_SUSPENDED,
    NOTIFIED,
    WITHDRAWN,
    Context,
    according,
    perspectives,
    place,
    quote_states,
    shifted,
)
from armscontrol.validation._law import continued_starts
from armscontrol.validation._steps import Steps, by_claim

_MIN = -(2**63)  # before any date
_NONE: frozenset[str] = frozenset()
_OK = OrderCheck.OK
_ORDER_WORDS = {
    OrderCheck.OK: "it came after that one",
    OrderCheck.WRONG: "it came before that one",
    OrderCheck.UNDECIDABLE: "the dates do not tell",
}
"""How each claimed date places a step against the one listed before it."""


def check_histories(ctx: Context) -> None:
    """AC2xx, AC301-AC306, AC401-AC403, AC501-AC503 and transitions' AC505-AC506.

    Whole columns decide which histories may hold a finding (:func:`_flagged`);
    only those are walked, transition by transition, to write the messages.
    """
    index = ctx.index
    kinds = index.kinds
    lifecycles = ctx.lifecycles
    steps = Steps(ctx)
    steps.check_all()
    steps.first_starts()
    # One history object per kind, pointed at each subject in turn.
    histories = {kind: _History(ctx, "", kind, lifecycles[kind], steps) for kind in lifecycles}
    starts = continued_starts(ctx)  # a continuing state starts where its predecessor stood
    columns = columns_of(ctx.record)
    names, by_subject = columns.subject_names, index.by_subject
    asserted = index.asserted
    flagged = _flagged(ctx, columns, starts)
    notified = _entering(columns, NOTIFIED)  # only these can break a withdrawal notice
    participation = SubjectKind.PARTICIPATION
    codes = columns.subject_codes
    for code in sorted(flagged | notified | {codes[subject] for subject in asserted}):
        subject = names[code]
        numbers = by_subject[subject]
        kind = kinds.get(subject)
        if kind is None:  # AC108 already says the subject is unknown
            continue
        history = histories[kind]
        history.subject = subject
        history.start = starts.get(subject)
        if subject not in asserted:  # the common case: one view, the whole history
            if code in flagged:
                history.walk(numbers, None)
            if kind is participation and code in notified:
                _withdrawals(history, [(None, numbers)])
            continue
        views = perspectives(ctx, subject, numbers)
        for party, view in views:
            history.walk(view, party)
        if kind is participation:
            _withdrawals(history, views)
        _dispute(history, index.readings(subject))


def _flagged(ctx: Context, columns: Columns, starts: dict[str, str]) -> set[int]:
    """The subjects whose whole history a walk (:meth:`_History.walk`) may find fault with.

    Asked of every transition at once, in the order of :attr:`Columns.rows`: is
    the step from the state before it (the previous transition's, or the start)
    one its lifecycle allows, as membership of (kind, from, to) in a table; is
    its date, by :func:`~armscontrol.dates.check_order`, in order with the one
    before it; has it alternative dates. A history where every answer is the
    plain one gives the walk nothing to report: a step in order with the one
    before starts no earlier, so none comes definitely before an earlier one.
    """
    import numpy as np  # noqa: PLC0415 - the columns have loaded it already

    rows = columns.rows
    if not len(rows):
        return set()
    names = list(columns.state_names)
    codes = dict(columns.state_codes)
    for state in starts.values():
        if state not in codes:
            codes[state] = len(names)
            names.append(state)
    nothing = len(names)  # the code of "no state yet"
    allowed = np.zeros((len(KINDS), nothing + 1, max(nothing, 1)), np.bool_)
    for k, each in enumerate(KINDS):
        for step_from, targets in ctx.lifecycles[each].successor_map.items():
            source = nothing if step_from is None else codes.get(step_from)
            found = [codes[t] for t in targets if t in codes]
            if source is not None and found:
                allowed[k, source, found] = True
    subject, to = columns.subject[rows], columns.to[rows]
    first = columns.offsets[:-1]
    before = np.empty_like(to)
    before[1:] = to[:-1]
    before[first] = nothing
    if starts:
        at = [columns.subject_codes[name] for name in starts if name in columns.subject_codes]
        before[first[at]] = [codes[starts[columns.subject_names[code]]] for code in at]
    kind = columns.kind[subject]
    known = kind >= 0
    legal = allowed[np.where(known, kind, 0), before, to]
    lower, upper = columns.date_lower[rows], columns.date_upper[rows]
    in_order = np.ones(len(rows), np.bool_)
    # Whether check_order of the step before and this one gives OK.
    in_order[1:] = (upper[1:] > lower[:-1]) & (lower[:-1] <= lower[1:]) & (upper[:-1] <= upper[1:])
    in_order[first] = True
    suspect = known & (~legal | ~in_order | columns.claimed[rows])
    return set(np.unique(subject[suspect]).tolist())


def _entering(columns: Columns, state: str) -> set[int]:
    """The subjects with a transition into ``state``, by code."""
    import numpy as np  # noqa: PLC0415 - the columns have loaded it already

    return set(np.unique(columns.subject[columns.entering((state,))]).tolist())


def _withdrawals(history: _History, views: list[tuple[str | None, list[int]]]) -> None:
    """AC401-AC403 for a participation in an agreement with a withdrawal notice."""
    agreement = history.ctx.index.participations[history.subject]
    if agreement.withdrawal_notice is not None:
        for party, view in views:
            _withdrawal(history, agreement, agreement.withdrawal_notice, view, party)


class _History:
    """One subject's history and what its messages need."""

    __slots__ = (
        "after",
        "columns",
        "ctx",
        "kind",
        "lifecycle",
        "start",
        "steps",
        "subject",
        "transitions",
    )

    def __init__(
        self, ctx: Context, subject: str, kind: SubjectKind, lifecycle: Lifecycle, steps: Steps
    ) -> None:
        self.ctx = ctx
        self.subject = subject
        self.kind = kind
        self.lifecycle = lifecycle
        self.steps = steps
        self.transitions = ctx.record.transitions
        self.after = lifecycle.successor_map
        index = ctx.index
        self.columns = (index.tos, index.dates, index.lowers, index.uppers, index.claimed)
        """The index's columns, read once for every walk."""
        self.start: str | None = None
        """The state before the first step: ``None``, or a predecessor's."""

    def who(self, party: str | None) -> str:
        """The subject for a message, with the perspective when there is one."""
        return f"{self.kind.value} {self.subject}{according(party)}"

    def walk(self, view: list[int], party: str | None) -> None:
        """Check the steps and the order of dates in one view of the history."""
        # The hot loop: the common case is a few list reads, one dict and one set
        # lookup, one order check and integer comparisons per transition; anything
        # unusual goes to a method. The columns come from the record's index.
        tos, dates, lowers, uppers, claimed = self.columns
        transitions, after = self.transitions, self.after
        state: str | None = self.start
        latest_lower = _MIN
        latest_at = prev_at = -1
        for i in view:
            to, lower, upper = tos[i], lowers[i], uppers[i]
            # Spans: a step with alternative dates happened at one of them.
            if upper <= latest_lower:  # every date claimed for it is before that step's
                self.out_of_order(i, latest_at, party)
            elif (
                prev_at >= 0
                and (
                    order(transitions[prev_at], transitions[i])
                    if claimed and (i in claimed or prev_at in claimed)
                    else check_order(dates[prev_at], dates[i])  # what order() does without claims
                )
                is not _OK
            ):
                self.undecidable_order(i, prev_at, party)
            if lower > latest_lower:
                latest_lower, latest_at = lower, i
            prev_at = i
            if to not in after.get(state, _NONE):
                self.wrong_step(i, state, party)
            state = to

    def wrong_step(self, i: int, state: str | None, party: str | None) -> None:
        """AC201-AC204: find out what is wrong with a step the lifecycle lacks."""
        lifecycle = self.lifecycle
        tr = self.transitions[i]
        to, date = tr.to, tr.date
        where = place("transitions", i, "to")
        if to not in lifecycle.states:
            self.unknown_state(i, party)
        elif state is None:
            msg = (
                f"{self.who(party)}: the history starts at {to} on {date}, but "
                f"{_a(lifecycle.name)} history must start at {lifecycle.initial} or a state "
                f"it may step to: {quote_states(lifecycle.successors(None))}"
            )
            self.ctx.emit("AC203", where, self.subject, msg)
        elif state not in lifecycle.states:
            return  # after an unknown state (AC204), the next step cannot be judged
        elif state in lifecycle.terminal:
            msg = (
                f"{self.who(party)}: {state} → {to} on {date} leaves the terminal state "
                f"{state}; nothing may follow a terminal state"
            )
            self.ctx.emit("AC202", where, self.subject, msg)
        else:
            msg = (
                f"{self.who(party)}: {state} → {to} on {date} is not allowed; "
                f"from {state}: {quote_states(lifecycle.successors(state))}"
            )
            self.ctx.emit("AC201", where, self.subject, msg)

    def out_of_order(self, i: int, earlier_at: int, party: str | None) -> None:
        """AC301: a transition dated definitely before one listed ahead of it."""
        tr, earlier = self.transitions[i], self.transitions[earlier_at]
        every = (
            ", by every date the sources give" if disagreeing(tr) or disagreeing(earlier) else ""
        )
        msg = (
            f"{self.who(party)}: the transition to {tr.to} dated {tr.date} is listed after "
            f"the one to {earlier.to} dated {earlier.date} ($.transitions[{earlier_at}]) but "
            f"definitely came before it{every}; list a subject's transitions in the order they "
            f"happened"
        )
        self.ctx.emit("AC301", place("transitions", i, "date"), self.subject, msg)

    def undecidable_order(self, i: int, prev_at: int, party: str | None) -> None:
        """AC302, AC312: a transition whose dates allow either order with the one before it."""
        tr = self.transitions[i]
        before = self.transitions[prev_at]
        prev = before.date
        if disagreeing(tr) or disagreeing(before):
            readings = by_claim(before, tr, "that one", _ORDER_WORDS)
            where = place("transitions", i, "date")
            if check_order(prev, tr.date) is _OK:
                msg = (
                    f"{self.who(party)}: the transition to {tr.to} dated {tr.date} is listed "
                    f"after the one dated {prev} ($.transitions[{prev_at}]): {readings}"
                )
                self.ctx.emit("AC312", where, self.subject, msg)
                return
            msg = (
                f"{self.who(party)}: the transition to {tr.to} dated {tr.date} is listed after "
                f"the one dated {prev} ($.transitions[{prev_at}]): {readings}; check which "
                f"source is right"
            )
        else:
            msg = (
                f"{self.who(party)}: the transition to {tr.to} dated {tr.date} is listed after "
                f"one dated {prev}, but the dates allow either order; a more precise date would "
                f"settle it"
            )
        self.ctx.emit("AC302", place("transitions", i, "date"), self.subject, msg)

    def unknown_state(self, i: int, party: str | None) -> None:
        """AC204: a state the lifecycle does not have."""
        tr = self.transitions[i]
        lifecycle = self.lifecycle
        matches = difflib.get_close_matches(tr.to, sorted(lifecycle.states), n=3, cutoff=0.6)
        hint = f"; did you mean {' or '.join(map(repr, matches))}?" if matches else ""
        msg = (
            f"{self.who(party)}: {tr.to!r} on {tr.date} is not a state of the {lifecycle.name} "
            f"lifecycle{hint} (states: {quote_states(set(lifecycle.states))})"
        )
        self.ctx.emit("AC204", place("transitions", i, "to"), self.subject, msg)


# -- withdrawal notice ------------------------------------------------------------


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _days(first: int, last: int) -> str:
    start, end = day_text(first), day_text(last)
    return start if start == end else f"some day between {start} and {end}"


def _unit(date: HistoricalDate) -> int:
    """What a notice or suspension on ``date`` counts from: the start of its day, or its time."""
    return {Precision.MINUTE: 60, Precision.SECOND: 1}.get(date.precision, DAY)


def _starts(span: HistoricalDate, unit: int) -> tuple[int, int]:
    """The starts of the first and last units (days, minutes, seconds) that ``span`` touches."""
    last = span.upper - 1
    return span.lower - span.lower % unit, last - last % unit


def _deadline(notice: HistoricalDate, period: Period) -> tuple[int, int, str]:
    """Earliest and latest first instant at which a notice given on ``notice`` has run.

    Every day the notice may have been given on is a possibility: ``2003`` with
    P3M has run from some day between 2003-04-01 and 2004-03-31.
    """
    end = shifted(notice, period)
    if end is None:
        return FAR, FAR, "after 9999-12-31"
    earliest, latest = _starts(end, _unit(notice))
    same = day_text(earliest) == day_text(latest)
    return earliest, latest, end.text if same else _days(earliest, latest)


def _withdrawal(
    history: _History, agreement: Agreement, period: Period, view: list[int], party: str | None
) -> None:
    transitions = history.transitions
    notice: Transition | None = None  # the notice now running
    credited: tuple[int, int] | None = None  # when it may run out, counting time carried over
    carried: tuple[int, int] | None = None  # least and most notice time owed after a suspension
    first: Transition | None = None  # the notice whose time was first carried over
    suspension: Transition | None = None
    for i in view:
        tr = transitions[i]
        to = tr.to
        if to == NOTIFIED:
            given = _starts(tr.date, _unit(tr.date))
            credited = None if carried is None else (given[0] + carried[0], given[1] + carried[1])
            notice = tr
        elif to == NOTICE_SUSPENDED:
            if notice is not None:
                runs_out = credited if credited is not None else _deadline(notice.date, period)[:2]
                suspended = _starts(tr.date, _unit(tr.date))
                carried = (max(0, runs_out[0] - suspended[1]), max(0, runs_out[1] - suspended[0]))
                first = first or notice
                suspension = tr
            notice = None
        elif to == WITHDRAWN:
            if notice is not None:
                found = (notice, credited, first, suspension)
                _judge(history, f"{agreement.id}'s {period}", period, i, found, party=party)
            notice = None
        else:
            notice, credited, carried, first, suspension = None, None, None, None, None


def _judge(
    history: _History,
    terms: str,
    period: Period,
    i: int,
    found: tuple[Transition, tuple[int, int] | None, Transition | None, Transition | None],
    *,
    party: str | None,
) -> None:
    notice, credited, first, suspension = found
    earliest, latest, full = _deadline(notice.date, period)
    date = history.transitions[i].date
    emit, subject = history.ctx.emit, history.subject
    if date.lower >= latest:
        return
    head = (
        f"{history.who(party)}: withdrawn on {date}, with {terms} withdrawal notice given "
        f"on {notice.date}"
    )
    full_text = f"the full notice from {notice.date} runs until {full}"
    where = place("transitions", i, "date")
    if credited is not None and date.lower >= credited[1] and date.upper <= earliest:
        assert first is not None  # credit exists only after a suspension
        assert suspension is not None
        msg = (
            f"{head}: it meets the notice period only if the notice time that ran from "
            f"{first.date} until the suspension on {suspension.date} counts, so that the "
            f"notice ran out on {_days(*credited)}; {full_text}"
        )
        emit("AC402", where, subject, msg)
    elif date.upper <= (earliest if credited is None else min(earliest, credited[0])):
        credit = (
            ""
            if credited is None
            else f" (until {_days(*credited)} even counting notice time that ran before a "
            "suspension)"
        )
        msg = f"{head}: it takes effect before the notice period has run; {full_text}{credit}"
        emit("AC401", where, subject, msg)
    else:
        msg = f"{head}: the dates do not tell whether the notice period had run; {full_text}" + (
            ""
            if credited is None
            else f", or until {_days(*credited)} counting notice time that ran before a suspension"
        )
        emit("AC403", where, subject, msg)


# -- disputes ----------------------------------------------------------------------


def _dispute(history: _History, found: Readings) -> None:
    """AC503: the first moment the readings differ (:func:`armscontrol.index.readings`)."""
    dispute = first_dispute(found)
    if dispute is None:
        return
    instant, outcomes = dispute
    # Told as the readings stand at the end of the day it begins, if it lasts that long.
    day_end = ((instant - 1) // DAY + 1) * DAY
    at_end = {key: fold(entries, day_end) for key, entries in found.items()}
    if disputed(at_end.values()):
        outcomes = at_end
    # The transition whose date begins where the dispute begins (else, ends there).
    bound = {instant, instant - 1}
    entries = [entry for entries in found.values() for entry in entries]
    starting = [e.number for e in entries if e.lower in bound]
    at = min(starting or [e.number for e in entries if e.upper in bound])
    # Worded as a status is: parties holding the same states together, and the
    # uncontested record only where no party's view matches it.
    groups: dict[frozenset[str], list[str]] = {}
    for party, outcome in outcomes.items():
        if party is not None:
            groups.setdefault(outcome.possible, []).append(party)
    parts = [
        f"{_states(states)} according to {', '.join(names)}" for states, names in groups.items()
    ]
    if None in outcomes and outcomes[None].possible not in groups:
        parts.append(f"{_states(outcomes[None].possible)} on the uncontested record")
    msg = f"{history.who(None)} is disputed from {day_text(instant - 1)}: {'; '.join(parts)}"
    history.ctx.emit("AC503", place("transitions", at), history.subject, msg)


def _states(states: frozenset[str]) -> str:
    return " or ".join(sorted(states)) or "no recorded status"
