"""Hypothesis strategies for armscontrol values, from ids and dates up to whole records.

``records()`` builds structurally valid records whose ids are unique and whose
references all resolve, so that they load back; ``records(dangling=True)`` also
repeats ids and refers to ids the record does not hold, as a careless author
would. The smaller strategies are public too, for tests of single objects.
"""

from __future__ import annotations

import calendar
import functools
import operator
import string
from collections.abc import Sequence
from typing import TypeVar

from hypothesis import strategies as st

from armscontrol.dates import HistoricalDate, Period
from armscontrol.model import (
    Acknowledgement,
    Agreement,
    AgreementKind,
    Commitment,
    Continuation,
    DateClaim,
    Deontic,
    Event,
    EventKind,
    Extension,
    Party,
    PartyKind,
    Process,
    Record,
    Source,
    Transition,
    Violation,
)

__all__ = [
    "acknowledgements",
    "date_texts",
    "dates",
    "day_dates",
    "ids",
    "month_end_dates",
    "periods",
    "records",
    "tags",
    "texts",
]

_ALNUM = string.ascii_letters + string.digits
_LOWER = string.ascii_lowercase + string.digits


def _word(first: str, rest: str, max_size: int) -> st.SearchStrategy[str]:
    # Cheaper to draw than st.from_regex, which matters for whole records.
    return st.builds(operator.add, st.sampled_from(first), st.text(rest, max_size=max_size))


@functools.cache
def ids() -> st.SearchStrategy[str]:
    """Ids as the model accepts them, mostly short, sometimes up to the 128-character limit."""
    return _word(_ALNUM, _ALNUM + "._-", 11) | _word(_ALNUM, _ALNUM + "._-", 127)


@functools.cache
def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-empty text with at least one character that is not whitespace, any script."""
    return st.text(min_size=1, max_size=max_size).filter(str.strip)


@functools.cache
def tags() -> st.SearchStrategy[str]:
    """Lowercase tags such as ``nuclear_test`` or ``in_effect``."""
    return _word(_LOWER, _LOWER + "_", 15)


@st.composite
def _single(draw: st.DrawFn) -> str:
    year = draw(st.one_of(st.integers(1900, 2030), st.integers(1, 9999)))
    text = f"{year:04d}"
    precision = draw(st.sampled_from(["year", "month", "day", "minute", "second"]))
    if precision != "year":
        month = draw(st.integers(1, 12))
        text += f"-{month:02d}"
        if precision != "month":
            day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
            text += f"-{day:02d}"
            if precision != "day":
                text += f"T{draw(st.integers(0, 23)):02d}:{draw(st.integers(0, 59)):02d}"
                if precision == "second":
                    text += f":{draw(st.integers(0, 59)):02d}"
                text += draw(_zones(year))
    return text + draw(_QUALIFIERS)


_QUALIFIERS = st.sampled_from(["", "", "~", "?", "%"])


def _zones(year: int) -> st.SearchStrategy[str]:
    # In the first and last year a zone other than Z may name an instant off the calendar.
    if year in {1, 9999}:
        return st.just("Z")
    return st.sampled_from(["Z", "+09:00", "-05:00", "+05:30", "+14:00", "-12:00"])


@functools.cache
def date_texts() -> st.SearchStrategy[str]:
    """Texts in the library's date syntax that name real dates: single values and intervals."""
    return _date_texts()


@st.composite
def _date_texts(draw: st.DrawFn) -> str:
    first = draw(_single())
    shape = draw(st.sampled_from(["single", "single", "interval", "open_start", "open_end"]))
    if shape == "single":
        return first
    if shape == "open_start":
        return f"../{first}"
    if shape == "open_end":
        return f"{first}/.."
    second = draw(_single())
    a, b = HistoricalDate.parse(first), HistoricalDate.parse(second)
    # An interval may not end before it begins; the earlier start goes first.
    start, end = (a, b) if a.lower <= b.lower else (b, a)
    return f"{start.text}/{end.text}"


@functools.cache
def dates() -> st.SearchStrategy[HistoricalDate]:
    """Historical dates of every shape the syntax allows."""
    return date_texts().map(HistoricalDate.parse)


@st.composite
def _month_end(draw: st.DrawFn) -> str:
    year = draw(st.sampled_from([2011, 2012]) | st.integers(1900, 2100))
    month = draw(st.integers(1, 12))
    last = calendar.monthrange(year, month)[1]
    text = f"{year:04d}-{month:02d}-{draw(st.integers(last - 3, last)):02d}"
    if draw(st.booleans()):
        hour = draw(st.sampled_from([0, 1, 22, 23]) | st.integers(0, 23))
        text += f"T{hour:02d}:{draw(st.integers(0, 59)):02d}"
        if draw(st.booleans()):
            text += f":{draw(st.integers(0, 59)):02d}"
        text += draw(_zones(year))
    return text + draw(_QUALIFIERS)


@functools.cache
def month_end_dates() -> st.SearchStrategy[HistoricalDate]:
    """Days and times in the last days of a month, alone or as short intervals.

    Where calendar arithmetic clamps: one month after 29, 30 or 31 January is
    the end of February.
    """
    return _month_end_dates().map(HistoricalDate.parse)


@st.composite
def _month_end_dates(draw: st.DrawFn) -> str:
    first = HistoricalDate.parse(draw(_month_end()))
    if draw(st.booleans()):
        return first.text
    second = HistoricalDate.parse(draw(_month_end()))
    start, end = (first, second) if first.lower <= second.lower else (second, first)
    return f"{start.text}/{end.text}"


@st.composite
def _day_single(draw: st.DrawFn, first: int, last: int) -> str:
    year = draw(st.integers(first, last))
    text = f"{year:04d}"
    if draw(st.integers(0, 3)):
        month = draw(st.integers(1, 12))
        text += f"-{month:02d}"
        if draw(st.integers(0, 2)):
            text += f"-{draw(st.integers(1, calendar.monthrange(year, month)[1])):02d}"
    return text + draw(_QUALIFIERS)


@functools.cache
def day_dates(first: int = 2000, last: int = 2004) -> st.SearchStrategy[HistoricalDate]:
    """Dates without a time within the given years, qualified or not, and intervals of them."""
    one = _day_single(first, last)

    def join(a: str, b: str) -> str:
        start, end = sorted([HistoricalDate.parse(a), HistoricalDate.parse(b)], key=_BY_LOWER)
        return f"{start.text}/{end.text}"

    return (one | one | st.builds(join, one, one)).map(HistoricalDate.parse)


_BY_LOWER = operator.attrgetter("lower")


@functools.cache
def periods() -> st.SearchStrategy[Period]:
    """Calendar periods (``P3M``, ``P1Y6M``, ``P0D`` …)."""
    return st.builds(
        Period,
        years=st.integers(0, 50),
        months=st.integers(0, 24),
        days=st.integers(0, 400),
    )


_T = TypeVar("_T")


@functools.cache
def _maybe(strategy: st.SearchStrategy[_T]) -> st.SearchStrategy[_T | None]:
    return st.none() | strategy


_CODES = st.sampled_from(["AC101", "AC302", "AC504", "AC505", "AC601"]) | st.from_regex(
    r"[A-Z]{2,4}[0-9]{3}", fullmatch=True
)
_PATHS = st.from_regex(r"\$(\.[a-z_]{1,8}|\[[0-9]{1,2}\]){0,4}", fullmatch=True)


def acknowledgements(
    subjects: Sequence[str] = (), sources: Sequence[str] = ()
) -> st.SearchStrategy[Acknowledgement]:
    """Acknowledgements of built-in or custom codes, about ``subjects`` or any id, or at a path."""
    subject = st.sampled_from(subjects) if subjects else ids()
    return st.builds(
        Acknowledgement,
        code=_CODES,
        subject=subject,
        path=_maybe(_PATHS),
        reason=texts(),
        sources=st.lists(st.sampled_from(sources), max_size=2, unique=True).map(tuple)
        if sources
        else st.just(()),
    ) | st.builds(Acknowledgement, code=_CODES, subject=st.none(), path=_PATHS, reason=texts())


_PICKS = st.lists(st.integers(0, 1 << 16), max_size=3)
_PICK = st.integers(0, 1 << 16)


class _Refs:
    """Draws references: from the ids a record holds or, when dangling, from anywhere."""

    def __init__(self, draw: st.DrawFn, *, dangling: bool) -> None:
        self.draw = draw
        self.dangling = dangling

    def _pick(self, pool: Sequence[str], index: int) -> str:
        # Fixed strategies, drawn as indexes: building a strategy per draw is slow.
        if pool and not (self.dangling and self.draw(st.booleans())):
            return pool[index % len(pool)]
        return self.draw(ids())

    def one(self, pool: Sequence[str]) -> str:
        return self._pick(pool, self.draw(_PICK))

    def some(self, pool: Sequence[str]) -> tuple[str, ...]:
        if not pool and not self.dangling:
            return ()
        picked = (self._pick(pool, index) for index in self.draw(_PICKS))
        return tuple(dict.fromkeys(picked))


@st.composite
def records(draw: st.DrawFn, *, max_items: int = 4, dangling: bool = False) -> Record:
    """Structurally valid records with every kind of object and field.

    Args:
        draw: Supplied by Hypothesis.
        max_items: The most objects of each kind.
        dangling: Also repeat ids and refer to ids the record does not hold.
            Without it, ids are unique and every reference resolves, so the
            record loads back from its document.
    """
    size = st.integers(0, max_items)
    counts = {name: draw(size) for name in ("party", "source", "process", "agreement", "event")}
    counts["violation"] = draw(st.integers(0, max(0, max_items // 2)))
    commitment_counts = [draw(st.integers(0, 3)) for _ in range(counts["agreement"])]
    total = sum(counts.values()) + sum(commitment_counts)
    pool = draw(st.lists(ids(), min_size=total, max_size=total, unique=not dangling))
    taken = iter(pool)

    def take(n: int) -> list[str]:
        return [next(taken) for _ in range(n)]

    party_ids, source_ids = take(counts["party"]), take(counts["source"])
    process_ids, agreement_ids = take(counts["process"]), take(counts["agreement"])
    commitment_ids = [take(n) for n in commitment_counts]
    event_ids, violation_ids = take(counts["event"]), take(counts["violation"])
    flat_commitments = [c for group in commitment_ids for c in group]
    ref = _Refs(draw, dangling=dangling)

    def claims() -> tuple[DateClaim, ...]:
        return tuple(
            DateClaim(draw(dates()), ref.some(source_ids), draw(_maybe(texts())))
            for _ in range(draw(st.integers(0, 2)))
        )

    def continues() -> Continuation | None:
        if not (party_ids or dangling) or not draw(st.booleans()):
            return None
        return Continuation(
            ref.one(party_ids), draw(dates()), ref.some(source_ids), draw(_maybe(texts()))
        )

    parties = tuple(
        Party(
            i,
            draw(texts()),
            draw(st.sampled_from(PartyKind)),
            ref.some(source_ids),
            continues=continues(),
            iso_alpha3=draw(st.none() | st.from_regex(r"\A[A-Z]{3}\Z")),
            cow_code=draw(st.none() | st.integers(1, 999)),
        )
        for i in party_ids
    )
    sources = tuple(
        Source(
            i,
            draw(texts()),
            publisher=draw(_maybe(texts())),
            author=draw(_maybe(texts())),
            date=draw(_maybe(dates())),
            url=draw(_maybe(st.just("https://example.org/") | texts())),
            locator=draw(_maybe(texts())),
            quote=draw(_maybe(texts(200))),
        )
        for i in source_ids
    )
    processes = tuple(
        Process(
            i,
            draw(texts()),
            ref.some(party_ids),
            draw(_maybe(texts())),
            ref.some(source_ids),
        )
        for i in process_ids
    )
    agreements = []
    for agreement_id, own in zip(agreement_ids, commitment_ids, strict=True):
        members = ref.some(party_ids)
        in_process = bool(process_ids) and draw(st.booleans())
        commitments = tuple(
            Commitment(
                i,
                obligors=ref.some(members),
                deontic=draw(st.sampled_from(Deontic)),
                what=draw(texts()),
                beneficiaries=ref.some(members),
                topics=tuple(draw(st.lists(tags(), max_size=2))),
                in_exchange_for=ref.some(flat_commitments),
                conditions=tuple(draw(st.lists(texts(), max_size=2))),
                deadline=draw(_maybe(dates())),
                sources=ref.some(source_ids),
            )
            for i in own
        )
        agreements.append(
            Agreement(
                agreement_id,
                draw(texts()),
                draw(st.sampled_from(AgreementKind)),
                members,
                commitments,
                process=ref.one(process_ids) if in_process else None,
                withdrawal_notice=draw(_maybe(periods())),
                duration=draw(_maybe(periods())),
                expires=draw(_maybe(dates())),
                summary=draw(_maybe(texts())),
                sources=ref.some(source_ids),
                depositaries=ref.some(party_ids),
                extensions=tuple(
                    Extension(
                        draw(dates()), draw(dates()), ref.some(source_ids), draw(_maybe(texts()))
                    )
                    for _ in range(draw(st.integers(0, 2)))
                ),
            )
        )
    events = tuple(
        Event(
            i,
            draw(st.sampled_from(EventKind)),
            draw(dates()),
            draw(texts()),
            actors=ref.some(party_ids),
            location=draw(_maybe(texts())),
            alternative_dates=claims(),
            sources=ref.some(source_ids),
        )
        for i in event_ids
    )
    violations = tuple(
        Violation(
            i,
            ref.one(flat_commitments),
            ref.some(party_ids),
            ref.some(party_ids),
            draw(dates()),
            draw(texts()),
            evidence=ref.some(event_ids),
            accused_position=draw(_maybe(texts())),
            sources=ref.some(source_ids),
        )
        for i in violation_ids
        if flat_commitments or dangling
    )
    subjects = [
        *agreement_ids,
        *flat_commitments,
        *(v.id for v in violations),
        *(f"{a.id}/{p}" for a in agreements for p in a.parties),
    ]
    transitions = tuple(
        Transition(
            ref.one(subjects) if subjects else draw(ids()),
            draw(tags()),
            draw(dates()),
            causes=ref.some([*event_ids, *(v.id for v in violations)]),
            asserted_by=ref.some(party_ids),
            note=draw(_maybe(texts())),
            alternative_dates=claims(),
            sources=ref.some(source_ids),
        )
        for _ in range(draw(st.integers(0, max_items if subjects or dangling else 0)))
    )
    return Record(
        parties=parties,
        sources=sources,
        processes=processes,
        agreements=tuple(agreements),
        events=events,
        violations=violations,
        transitions=transitions,
        title=draw(_maybe(texts())),
        description=draw(_maybe(texts(200))),
        acknowledgements=tuple(
            draw(st.lists(acknowledgements([*subjects, *event_ids], source_ids), max_size=2))
        ),
    )
