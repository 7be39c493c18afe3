"""Long tables: one row per transition, event, violation or commitment, with every field.

Dates are given three times: the text exactly as recorded, and the first and
last day it may stand for. Sources are given twice: as ids, and as formatted
citations in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from armscontrol.dates import HistoricalDate
from armscontrol.exceptions import UnknownSubjectError
from armscontrol.model import DateClaim, Record, Source, SubjectKind
from armscontrol.tables._columns import Cell, Column, ColumnKind, Layout
from armscontrol.tables._identity import Identities, earliest, latest
from armscontrol.tables._table import Table

IDS = ";"
"""Joins several ids (or dates) in one cell: ``USA;PRK``."""

TEXTS = "\n"
"""Joins several free texts in one cell, one per line: citations, conditions.

Titles and conditions may hold any punctuation, so only a line break is safe
between them; CSV quotes such cells, and spreadsheets show them as lines."""

_T, _C, _D, _I = ColumnKind.TEXT, ColumnKind.CATEGORY, ColumnKind.DATE, ColumnKind.INTEGER


def _date_columns(name: str, what: str, *, nullable: bool = False) -> tuple[Column, ...]:
    return (
        Column(name, _T, f"{what}, exactly as recorded.", nullable=nullable),
        Column(
            f"{name}_earliest",
            _D,
            f"The first day {what.lower()} may stand for; empty for an open start.",
            nullable=True,
        ),
        Column(
            f"{name}_latest",
            _D,
            f"The last day {what.lower()} may stand for; empty for an open end.",
            nullable=True,
        ),
    )


def _ids(name: str, what: str) -> Column:
    return Column(name, _T, f"{what}, joined by {IDS}.")


_SOURCES = (
    _ids("sources", "Ids of the sources"),
    Column(
        "citations",
        _T,
        "The same sources as citations (author, title, publisher, date, locator, URL), "
        "in the same order, one per line.",
    ),
)
_ALTERNATIVES = Column(
    "alternative_dates", _T, f"Other dates other sources give, as recorded, joined by {IDS}."
)
_AGREEMENT = (
    Column("agreement", _T, "The agreement's id.", nullable=True),
    Column("agreement_title", _T, "The agreement's title.", nullable=True),
)

TRANSITION_COLUMNS: tuple[Column, ...] = (
    Column("index", _I, "The transition's position in the record's transitions, from 0."),
    Column(
        "subject",
        _T,
        "The subject's id: an agreement, commitment or violation, or AGREEMENT/PARTY.",
    ),
    Column(
        "subject_kind",
        _C,
        "agreement, commitment, participation or violation; empty for an id the record lacks.",
        nullable=True,
    ),
    *_AGREEMENT,
    Column("party", _T, "The party's id, for a participation.", nullable=True),
    Column(
        "previous",
        _C,
        "The state before it, according to all who assert it; empty for the first step.",
        nullable=True,
    ),
    Column("to", _C, "The state entered."),
    *_date_columns("date", "The date"),
    _ALTERNATIVES,
    _ids("causes", "Ids of the events and violations that brought it about"),
    _ids("asserted_by", "Ids of the parties that say so; empty when uncontested"),
    Column("note", _T, "Anything a reader should know.", nullable=True),
    *_SOURCES,
)
"""The columns of :func:`transitions`."""

EVENT_COLUMNS: tuple[Column, ...] = (
    Column("id", _T, "The event's id."),
    Column("kind", _C, "What sort of event: launch, statement, notice …"),
    *_date_columns("date", "The date"),
    Column("summary", _T, "What happened."),
    _ids("actors", "Ids of the parties that acted"),
    Column("location", _T, "Where.", nullable=True),
    _ALTERNATIVES,
    *_SOURCES,
)
"""The columns of :func:`events`."""

VIOLATION_COLUMNS: tuple[Column, ...] = (
    Column("id", _T, "The violation's id."),
    Column("commitment", _T, "The id of the commitment said to be breached."),
    *_AGREEMENT,
    _ids("alleged_by", "Ids of the parties that allege it"),
    _ids("accused", "Ids of the parties accused"),
    *_date_columns("date", "The date it was first alleged"),
    Column("summary", _T, "What is alleged."),
    _ids("evidence", "Ids of the events it rests on"),
    Column("accused_position", _T, "What the accused says.", nullable=True),
    *_SOURCES,
)
"""The columns of :func:`violations`."""

COMMITMENT_COLUMNS: tuple[Column, ...] = (
    Column("id", _T, "The commitment's id."),
    *_AGREEMENT,
    _ids("obligors", "Ids of the parties that promise"),
    Column("deontic", _C, "must, must_not or may."),
    Column("what", _T, "What is promised."),
    _ids("beneficiaries", "Ids of the parties it is promised to"),
    _ids("topics", "Subject tags"),
    _ids("in_exchange_for", "Ids of the commitments it is given in return for"),
    Column("conditions", _T, "Conditions on it, one per line."),
    *_date_columns("deadline", "The deadline", nullable=True),
    *_SOURCES,
)
"""The columns of :func:`commitments`."""


def citation(source: Source) -> str:
    """A source as one line: author, “title”, publisher, date, locator, URL (those given)."""
    date = None if source.date is None else source.date.text
    parts = (source.author, f"“{source.title}”", source.publisher, date, source.locator, source.url)
    return ", ".join(part for part in parts if part)


class _Citations:
    """Each source id of a record as a citation, made once."""

    def __init__(self, record: Record) -> None:
        self._sources: dict[str, Source] = {}
        for source in record.sources:
            self._sources.setdefault(source.id, source)
        self._made: dict[str, str] = {}

    def cells(self, ids: Sequence[str]) -> tuple[str, str]:
        """The ``sources`` and ``citations`` cells for these ids."""
        return IDS.join(ids), TEXTS.join(self._one(source) for source in ids)

    def _one(self, source: str) -> str:
        made = self._made.get(source)
        if made is None:
            found = self._sources.get(source)
            made = f"{source} (not in the record)" if found is None else citation(found)
            self._made[source] = made
        return made


def _dates(date: HistoricalDate | None) -> tuple[Cell, Cell, Cell]:
    return (None if date is None else date.text, earliest(date), latest(date))


def _alternatives(claims: Iterable[DateClaim]) -> str:
    return IDS.join(claim.date.text for claim in claims)


def _table(columns: Sequence[Column], rows: list[tuple[Cell, ...]]) -> Table:
    runs = tuple(map(list, zip(*rows, strict=True))) or tuple([] for _ in columns)
    return Table(columns, Layout(runs))


def transitions(record: Record) -> Table:
    """Every transition, in record order, with its subject's place and the state before it.

    ``previous`` is the state before the step in the subject's history, with
    every party's transitions (see :func:`armscontrol.query.history`).
    """
    identities = Identities(record)
    citations = _Citations(record)
    kinds: dict[str, SubjectKind | None] = {}
    previous: dict[int, str | None] = {}
    rows: list[tuple[Cell, ...]] = []
    for number, transition in enumerate(record.transitions):
        subject = transition.subject
        if subject not in kinds:
            kinds[subject] = kind = _kind(record, subject)
            if kind is not None:
                previous.update((step.index, step.previous) for step in record.history(subject))
        kind = kinds[subject]
        rows.append(
            (
                number,
                subject,
                None if kind is None else kind.value,
                *identities.of(subject, kind),
                previous.get(number),
                transition.to,
                *_dates(transition.date),
                _alternatives(transition.alternative_dates),
                IDS.join(transition.causes),
                IDS.join(transition.asserted_by),
                transition.note,
                *citations.cells(transition.sources),
            )
        )
    return _table(TRANSITION_COLUMNS, rows)


def _kind(record: Record, subject: str) -> SubjectKind | None:
    try:
        return record.subject_kind(subject)
    except UnknownSubjectError:
        return None


def events(record: Record) -> Table:
    """Every event, in record order."""
    citations = _Citations(record)
    rows: list[tuple[Cell, ...]] = [
        (
            event.id,
            event.kind.value,
            *_dates(event.date),
            event.summary,
            IDS.join(event.actors),
            event.location,
            _alternatives(event.alternative_dates),
            *citations.cells(event.sources),
        )
        for event in record.events
    ]
    return _table(EVENT_COLUMNS, rows)


def violations(record: Record) -> Table:
    """Every violation allegation, in record order, with the agreement it concerns."""
    identities = Identities(record)
    citations = _Citations(record)
    rows: list[tuple[Cell, ...]] = []
    for violation in record.violations:
        agreement = identities.agreement_of_commitment(violation.commitment)
        rows.append(
            (
                violation.id,
                violation.commitment,
                agreement,
                identities.title(agreement),
                IDS.join(violation.alleged_by),
                IDS.join(violation.accused),
                *_dates(violation.date),
                violation.summary,
                IDS.join(violation.evidence),
                violation.accused_position,
                *citations.cells(violation.sources),
            )
        )
    return _table(VIOLATION_COLUMNS, rows)


def commitments(record: Record) -> Table:
    """Every commitment, agreement by agreement, in record order."""
    citations = _Citations(record)
    rows: list[tuple[Cell, ...]] = [
        (
            commitment.id,
            agreement.id,
            agreement.title,
            IDS.join(commitment.obligors),
            commitment.deontic.value,
            commitment.what,
            IDS.join(commitment.beneficiaries),
            IDS.join(commitment.topics),
            IDS.join(commitment.in_exchange_for),
            TEXTS.join(commitment.conditions),
            *_dates(commitment.deadline),
            *citations.cells(commitment.sources),
        )
        for agreement in record.agreements
        for commitment in agreement.commitments
    ]
    return _table(COMMITMENT_COLUMNS, rows)


__all__ = [
    "COMMITMENT_COLUMNS",
    "EVENT_COLUMNS",
    "IDS",
    "TEXTS",
    "TRANSITION_COLUMNS",
    "VIOLATION_COLUMNS",
    "citation",
    "commitments",
    "events",
    "transitions",
    "violations",
]
