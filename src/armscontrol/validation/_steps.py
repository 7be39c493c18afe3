"""Rules about one transition on its own: its causes, its sources, its date claims.

AC303-AC306, AC501, AC502, and AC505 and AC506 for transitions.
:meth:`Steps.check_all` picks, by whole columns (:func:`_suspects`), the
transitions that may need a closer look, so a clean transition costs no Python
here.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import chain, compress, repeat
from operator import attrgetter, not_
from typing import TYPE_CHECKING

from armscontrol.dates import HistoricalDate, OrderCheck, check_order
from armscontrol.index import (
    KINDS,
    Columns,
    Dated,
    Index,
    claimed,
    columns_of,
    disagreeing,
    order,
)
from armscontrol.model import Event, SubjectKind, Transition, Violation
from armscontrol.validation._context import (
    ACTIVE,
    ENDED_WITH_CAUSE,
    JOINED,
    STARTED,
    VIOLATED,
    Context,
    place,
)

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray


_CAUSE_WORDS = {
    OrderCheck.OK: "the cause came first",
    OrderCheck.WRONG: "the cause came after",
    OrderCheck.UNDECIDABLE: "the dates do not tell",
}
_CLAIMS = attrgetter("alternative_dates")
_DATE = attrgetter("date")
_LOWER = attrgetter("lower")
_UPPER = attrgetter("upper")


class Steps:
    """Checks single transitions; remembers when each agreement began."""

    __slots__ = ("ctx", "lowers", "starts", "uppers")

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.starts: dict[str, tuple[int, Transition] | None] = {}
        self.lowers, self.uppers = ctx.index.lowers, ctx.index.uppers

    def check_all(self) -> None:
        """Every rule of this module, for every transition that may need one."""
        ctx = self.ctx
        index = ctx.index
        transitions = index.transitions
        kinds, subjects = index.kinds, index.subjects
        for i in _suspects(ctx):
            self.check(i, transitions[i], kinds.get(subjects[i]))

    def check(self, i: int, tr: Transition, kind: SubjectKind | None) -> None:
        """Every rule of this module for transition ``i``."""
        ctx = self.ctx
        to = tr.to
        if tr.causes:
            self.causes(i, tr)
        if not tr.sources:
            msg = (
                f"the transition of {tr.subject} to {to} on {tr.date} cites no source; add "
                f"the sources it rests on"
            )
            ctx.emit("AC506", place("transitions", i, "sources"), tr.subject, msg)
        if tr.alternative_dates:
            disputed_date(ctx, "transitions", i, tr.subject, tr)
        if kind is SubjectKind.AGREEMENT:
            if to in ENDED_WITH_CAUSE and not tr.causes:
                msg = (
                    f"agreement {tr.subject}: {to} on {tr.date} with no cause; cite the events "
                    f"or violations that brought it about"
                )
                ctx.emit("AC501", place("transitions", i, "causes"), tr.subject, msg)
        elif kind is SubjectKind.COMMITMENT and to == VIOLATED:
            self.violated(i, tr)

    def first_starts(self) -> None:
        """AC303, AC304 for the first start of each commitment and participation.

        A commitment starts when it becomes active, a participation when it is
        consented or party; the first such transition counts (record order). Later
        ones are later in the record too; AC301 reports them if their dates are not.

        Asked of whole columns: each subject's first start, its agreement's first
        start (the earliest-dated entry into concluded or in effect), and whether
        the one ends before the other begins; only those are reported, in record
        order.
        """
        import numpy as np  # noqa: PLC0415 - the columns have loaded it already

        index = self.ctx.index
        columns = columns_of(self.ctx.record)
        codes, to = columns.state_codes, columns.to
        subject = columns.subject
        kind = columns.kind[subject]
        active = codes.get(ACTIVE, -1)
        joined = [codes[state] for state in JOINED if state in codes]
        starting = (kind == KINDS.index(SubjectKind.COMMITMENT)) & (to == active)
        starting |= (kind == KINDS.index(SubjectKind.PARTICIPATION)) & np.isin(to, joined)
        rows = np.flatnonzero(starting)
        if not len(rows):
            return
        _, first = np.unique(subject[rows], return_index=True)  # each subject's first
        rows = np.sort(rows[first])
        names = columns.subject_names
        starters: list[int] = subject[rows].tolist()
        parents = [_agreement_of(index, names[code]) for code in starters]
        parent = np.fromiter(
            map(columns.subject_codes.get, parents, repeat(-1)), np.int64, len(parents)
        )
        began = _first_starts(columns)
        late = np.flatnonzero((parent >= 0) & (columns.upper[rows] <= began[parent]))
        transitions = index.transitions
        for k in late.tolist():
            i = int(rows[k])
            code = "AC303" if kind[i] == KINDS.index(SubjectKind.COMMITMENT) else "AC304"
            self.before_start(i, transitions[i], code, parents[k])

    def causes(self, i: int, tr: Transition) -> None:
        """AC305, AC306: causes dated after, or possibly after, their effect."""
        date = tr.date
        for k, cause in enumerate(tr.causes):
            found = self.ctx.index.cause(cause)
            if found is None:
                continue
            when = found.date
            several = bool(tr.alternative_dates) or disagreeing(found)
            check = order(found, tr) if several else check_order(when, date)
            if check is OrderCheck.WRONG:
                head = f"{tr.subject}: the transition to {tr.to} on {date} cites {cause!r}"
                every = ", by every date the sources give" if several else ""
                msg = f"{head}, dated {when}, which came after it{every}; a cause must come first"
                self.ctx.emit("AC305", place("transitions", i, "causes", k), tr.subject, msg)
            elif check is OrderCheck.UNDECIDABLE and several:
                readings = by_claim(found, tr, "the cause", _CAUSE_WORDS)
                where = place("transitions", i, "causes", k)
                if check_order(when, date) is OrderCheck.OK:
                    msg = (
                        f"{tr.subject}: the transition to {tr.to} on {date} cites {cause!r}, "
                        f"dated {when}: {readings}"
                    )
                    self.ctx.emit("AC312", where, tr.subject, msg)
                    continue
                msg = (
                    f"{tr.subject}: the transition to {tr.to} on {date} cites {cause!r}, dated "
                    f"{when}: {readings}; check which source is right"
                )
                self.ctx.emit("AC306", where, tr.subject, msg)
            elif check is OrderCheck.UNDECIDABLE:
                msg = (
                    f"{tr.subject}: the transition to {tr.to} on {date} cites {cause!r}, dated "
                    f"{when}; the dates do not tell whether the cause came first"
                )
                self.ctx.emit("AC306", place("transitions", i, "causes", k), tr.subject, msg)

    def violated(self, i: int, tr: Transition) -> None:
        """AC502: a commitment violated with no violation record of it among the causes."""
        violations = self.ctx.index.violations
        records = [c for c in tr.causes if c in violations]
        if any(violations[c][1].commitment == tr.subject for c in records):
            return
        other = f" (cited: {', '.join(records)}, about other commitments)" if records else ""
        msg = (
            f"commitment {tr.subject}: violated on {tr.date} with no violation of it among "
            f"the causes{other}; record the violation and cite it"
        )
        self.ctx.emit("AC502", place("transitions", i, "causes"), tr.subject, msg)

    def before_start(self, i: int, tr: Transition, code: str, agreement: str) -> None:
        """AC303, AC304: a commitment or participation begun before its agreement."""
        if agreement not in self.starts:
            index = self.ctx.index
            tos, lowers = index.tos, index.lowers
            found = [j for j in index.by_subject.get(agreement, ()) if tos[j] in STARTED]
            first = min(found, key=lowers.__getitem__, default=None)
            self.starts[agreement] = None if first is None else (first, index.transitions[first])
        start = self.starts[agreement]
        # Spans: an error only if every date claimed for either says so.
        if start is not None and self.uppers[i] <= self.lowers[start[0]]:
            j, began = start
            kind = "commitment" if code == "AC303" else "participation"
            msg = (
                f"{kind} {tr.subject}: {tr.to} on {tr.date}, before its agreement {agreement} "
                f"was {began.to} on {began.date} ($.transitions[{j}])"
            )
            self.ctx.emit(code, place("transitions", i, "date"), tr.subject, msg)


def _agreement_of(index: Index, subject: str) -> str:
    """The id of the agreement of a commitment or a participation."""
    found = index.commitments.get(subject)
    return found[3].id if found is not None else index.participations[subject].id


def _first_starts(columns: Columns) -> NDArray[np.int64]:
    """For each subject, the first instant of its first start (as :meth:`Steps.before_start`).

    The earliest-dated transition into concluded or in effect, the first in record
    order among equals; past any instant for a subject that never started.
    """
    import numpy as np  # noqa: PLC0415 - the columns have loaded it already

    found = np.full(len(columns.subject_names), np.iinfo(np.int64).min, np.int64)
    codes = [columns.state_codes[state] for state in STARTED if state in columns.state_codes]
    rows = np.flatnonzero(np.isin(columns.to, codes))
    if len(rows):
        lower, subject = columns.lower[rows], columns.subject[rows]
        order = np.lexsort((rows, lower, subject))
        starters, first = np.unique(subject[order], return_index=True)
        found[starters] = lower[order][first]
    return found


def _suspects(ctx: Context) -> list[int]:
    """The transitions :meth:`Steps.check` may report, in record order: asked of whole columns.

    Those without sources (AC506) or with alternative dates (AC505); an
    agreement's end with no cause (AC501); a commitment violated (AC502); and
    a transition with a cause that the record holds and whose dates do not
    plainly put it first (AC305, AC306, AC312), by
    :func:`~armscontrol.dates.check_order` on every cited cause at once.
    """
    import numpy as np  # noqa: PLC0415 - the columns have loaded it already

    columns = columns_of(ctx.record)
    transitions = ctx.index.transitions
    count = len(transitions)
    if not count:
        return []
    index = ctx.index
    numbers = range(count)
    suspect = columns.claimed.copy()
    suspect[list(compress(numbers, map(not_, index.sources)))] = True
    causes = index.causes
    citing = list(compress(numbers, causes))
    uncaused = np.ones(count, np.bool_)
    uncaused[citing] = False
    kind = columns.kind[columns.subject]
    agreement, commitment = KINDS.index(SubjectKind.AGREEMENT), KINDS.index(SubjectKind.COMMITMENT)
    ends = [columns.state_codes[s] for s in ENDED_WITH_CAUSE if s in columns.state_codes]
    suspect |= (kind == agreement) & np.isin(columns.to, ends) & uncaused
    violated = columns.state_codes.get(VIOLATED)
    if violated is not None:
        suspect |= (kind == commitment) & (columns.to == violated)
    if citing:
        cited = list(map(causes.__getitem__, citing))
        flat = list(chain.from_iterable(cited))
        where, lower, upper, several = _causes(ctx)
        at = np.fromiter(map(where.get, flat, repeat(-1)), np.int64, len(flat))
        row = np.repeat(
            np.array(citing, np.int64), np.fromiter(map(len, cited), np.int64, len(cited))
        )
        held = at >= 0
        at, row = at[held], row[held]
        first, then = lower[at], columns.date_lower[row]
        # check_order(cause, transition) is not OK, or some date has alternatives.
        in_order = (columns.date_upper[row] > first) & (first <= then)
        in_order &= upper[at] <= columns.date_upper[row]
        suspect[row[several[at] | columns.claimed[row] | ~in_order]] = True
    found: list[int] = np.flatnonzero(suspect).tolist()
    return found


def _causes(
    ctx: Context,
) -> tuple[dict[str, int], NDArray[np.int64], NDArray[np.int64], NDArray[np.bool_]]:
    """What a transition may cite as a cause (:meth:`Index.cause`), as columns.

    Each id's place, then each place's date bounds and whether sources give it
    more than one date. An id held by both an event and a violation is the
    event's, as :meth:`~armscontrol.index.Index.cause` has it.
    """
    import numpy as np  # noqa: PLC0415 - the columns have loaded it already

    index = ctx.index
    facts: list[Event | Violation] = [found for _, found in index.violations.values()]
    facts.extend(index.events.values())
    where = {fact.id: k for k, fact in enumerate(facts)}
    count = len(facts)
    dates = list(map(_DATE, facts))
    lower = np.fromiter(map(_LOWER, dates), np.int64, count)
    upper = np.fromiter(map(_UPPER, dates), np.int64, count)
    several = np.zeros(count, np.bool_)
    several[len(index.violations) :] = np.fromiter(
        map(bool, map(_CLAIMS, index.events.values())), np.bool_, len(index.events)
    )
    return where, lower, upper, several


def disputed_date(
    ctx: Context, section: str, i: int, subject: str, fact: Transition | Event
) -> None:
    """AC505: the sources of a fact (item ``i`` of ``section``) disagree on its date."""
    date: HistoricalDate = fact.date
    parts = [f"{date} ({', '.join(fact.sources) or 'no source'})"]
    for claim in fact.alternative_dates:
        note = f"; {claim.note}" if claim.note else ""
        parts.append(f"{claim.date} ({', '.join(claim.sources) or 'no source'}{note})")
    msg = f"{subject}: sources disagree on the date: {' / '.join(parts)}"
    ctx.emit("AC505", place(section, i, "alternative_dates"), subject, msg)


def by_claim(first: Dated, then: Dated, noun: str, words: Mapping[OrderCheck, str]) -> str:
    """What the record's dates say of the order of two facts, and which sources' dates differ.

    For messages where the order depends on which source is right: the verdict of
    :func:`~armscontrol.dates.check_order` on the record's own dates, in
    ``words``, then each other pair of claimed dates that gives another verdict,
    naming the dates (``noun`` for ``first``'s) and their sources.
    """
    main = check_order(first.date, then.date)
    several_first, several_then = disagreeing(first), disagreeing(then)
    parts: list[str] = []
    for later, later_sources in claimed(then):
        for earlier, earlier_sources in claimed(first):
            verdict = check_order(earlier, later)
            if verdict is main:
                continue
            label: list[str] = []
            if several_then:
                label.append(f"dated {later} ({_cited(later_sources)})")
            if several_first:
                label.append(f"{noun} dated {earlier} ({_cited(earlier_sources)})")
            parts.append(f"{', '.join(label)}, {words[verdict]}")
    return f"by the record's dates {words[main]}, but {'; '.join(parts)}"


def _cited(sources: tuple[str, ...]) -> str:
    return ", ".join(sources) or "no source"
