"""The record: every fact, looked up by id, and the questions asked of it."""

from __future__ import annotations

import functools
import types
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Literal, Protocol, TypeVar, cast, overload

import attrs

from armscontrol.dates import DateLike, HistoricalDate
from armscontrol.exceptions import UnknownSubjectError
from armscontrol.model import _fields as check
from armscontrol.model._facts import (
    Acknowledgement,
    Agreement,
    Commitment,
    Event,
    Item,
    Participation,
    Party,
    Process,
    Source,
    Transition,
    Violation,
    participation_id,
)
from armscontrol.model._kinds import SubjectKind
from armscontrol.model._lookalikes import Lookalikes

if TYPE_CHECKING:
    from armscontrol.query import History, Status


_T = TypeVar("_T")


class Answers(Protocol):
    """What :meth:`Record.status` and :meth:`Record.history` answer with.

    :mod:`armscontrol.query` is one; the package installs it (:func:`answer_with`),
    so that the model, a lower layer, never imports the queries.
    """

    def status(
        self,
        record: Record,
        subject: str,
        on: DateLike,
        *,
        according_to: str | None = None,
        at: Literal["start", "end"] | None = None,
    ) -> Status:
        """The status of a subject on a date."""
        ...

    def history(self, record: Record, subject: str, *, according_to: str | None = None) -> History:
        """A subject's history."""
        ...


_answers: list[Callable[[], Answers]] = []


def answer_with(answers: Callable[[], Answers]) -> None:
    """Install what the record's :meth:`~Record.status` and :meth:`~Record.history` call.

    Called once by the :mod:`armscontrol` package with a function that imports
    :mod:`armscontrol.query` on first use.
    """
    _answers[:] = [answers]


def _items(record: Record) -> dict[str, Item]:
    """Every id's object, the first of each id in record order (the validator reports the rest).

    Record order is the order of the fields, each agreement followed by its
    commitments. Participations are made when asked for: a record has one per
    party of every agreement, and most are never looked up.
    """
    items: dict[str, Item] = {}
    for group in (record.parties, record.sources, record.processes):
        for item in group:
            items.setdefault(item.id, item)
    for agreement in record.agreements:
        items.setdefault(agreement.id, agreement)
        for commitment in agreement.commitments:
            items.setdefault(commitment.id, commitment)
    for event in record.events:
        items.setdefault(event.id, event)
    for violation in record.violations:
        items.setdefault(violation.id, violation)
    return items


_SUBJECT_KINDS: dict[type, SubjectKind] = {
    Agreement: SubjectKind.AGREEMENT,
    Commitment: SubjectKind.COMMITMENT,
    Participation: SubjectKind.PARTICIPATION,
    Violation: SubjectKind.VIOLATION,
}


@attrs.frozen
class Record:
    """A whole collection: parties, sources, agreements, events, violations, transitions.

    Ids are unique across the record, whatever their kind. Look things up with
    :meth:`get`; ask for statuses with :meth:`status` and :meth:`history`.

    Attributes:
        parties: The states and organisations.
        sources: The citations that facts refer to by id.
        processes: Negotiating processes.
        agreements: Agreements, each with its commitments.
        events: Dated facts in the world.
        violations: Allegations of breach.
        transitions: Every status change, in order per subject.
        title: What the record covers.
        description: A paragraph on the record.
        as_of: The date up to which the record was compiled: the latest date its
            facts reach, or the date its sources were last checked. Facts dated
            after it are flagged by the validator (AC313), and an answer about a
            later date says it is beyond the record.
        acknowledgements: Findings of the validator that the record's keepers
            know of, each with the reason it stands (see :class:`Acknowledgement`).
    """

    parties: tuple[Party, ...] = attrs.field(default=(), validator=check.tuple_of(Party))
    sources: tuple[Source, ...] = attrs.field(default=(), validator=check.tuple_of(Source))
    processes: tuple[Process, ...] = attrs.field(default=(), validator=check.tuple_of(Process))
    agreements: tuple[Agreement, ...] = attrs.field(default=(), validator=check.tuple_of(Agreement))
    events: tuple[Event, ...] = attrs.field(default=(), validator=check.tuple_of(Event))
    violations: tuple[Violation, ...] = attrs.field(default=(), validator=check.tuple_of(Violation))
    transitions: tuple[Transition, ...] = attrs.field(
        default=(), validator=check.tuple_of(Transition)
    )
    title: str | None = attrs.field(default=None, validator=check.optional_text)
    description: str | None = attrs.field(default=None, validator=check.optional_text)
    as_of: HistoricalDate | None = attrs.field(
        default=None, validator=check.optional_of(HistoricalDate)
    )
    acknowledgements: tuple[Acknowledgement, ...] = attrs.field(
        default=(), validator=check.tuple_of(Acknowledgement)
    )
    _derived: dict[object, object] = attrs.field(
        init=False, eq=False, repr=False, factory=dict[object, object]
    )

    @functools.cached_property
    def _items(self) -> dict[str, Item]:
        return _items(self)

    def derive(self, build: Callable[[Record], _T]) -> _T:
        """``build(record)``, computed on first use and kept with the record.

        A record is immutable, so what is derived from it stays true for as long
        as it lives. The layers above the model keep their indexes this way
        (:func:`armscontrol.index.index_of`); ``build`` is the key.
        """
        derived = self._derived
        if build in derived:
            return cast("_T", derived[build])
        value = derived[build] = build(self)
        return value

    def items(self) -> Mapping[str, Item]:
        """Every id with the object it names, in record order (participations aside).

        An id names the first object that has it, in record order (the order of
        the fields, each agreement followed by its commitments): the same object
        :meth:`get` returns. Read-only.
        """
        return types.MappingProxyType(self._items)

    def _find(self, item_id: str) -> Item | None:
        items = self._items
        found = items.get(item_id)
        if found is None and "/" in item_id:
            agreement, _, party = item_id.partition("/")
            holder = items.get(agreement)
            if isinstance(holder, Agreement) and party in holder.parties:
                return Participation(agreement, party)
        return found

    def __contains__(self, item_id: object) -> bool:
        return isinstance(item_id, str) and self._find(item_id) is not None

    @overload
    def get(self, item_id: str) -> Item: ...
    @overload
    def get(self, item_id: str, kind: type[_T]) -> _T: ...
    def get(self, item_id: str, kind: type[object] | None = None) -> object:
        """The object with this id: a party, source, agreement, commitment, event.

        Args:
            item_id: The id.
            kind: The class the object must be (``record.get("npt", Agreement)``),
                so that the result is typed without an ``isinstance`` check.

        Raises:
            UnknownSubjectError: No object (of ``kind``, when given) has this id;
                the error suggests close matches.
        """
        found = self._find(item_id)
        if found is None or (kind is not None and not isinstance(found, kind)):
            raise UnknownSubjectError(item_id, self._similar(item_id, kind=kind))
        return found

    def ids(self) -> Iterator[str]:
        """Every id in the record, in record order, then every participation's."""
        yield from self._items
        for agreement in self.agreements:
            for party in agreement.parties:
                yield participation_id(agreement.id, party)

    def subject_kind(self, subject: str) -> SubjectKind:
        """Whether an id names an agreement, commitment, participation or violation.

        Raises:
            UnknownSubjectError: The id names nothing with a status.
        """
        kind = _SUBJECT_KINDS.get(type(self.get(subject)))
        if kind is None:
            raise UnknownSubjectError(subject, self._similar(subject, statused=True))
        return kind

    def agreement_of(self, commitment_id: str) -> Agreement:
        """The agreement that holds a commitment.

        Raises:
            UnknownSubjectError: No commitment has this id.
        """
        for agreement in self.agreements:
            if any(c.id == commitment_id for c in agreement.commitments):
                return agreement
        raise UnknownSubjectError(commitment_id, self._similar(commitment_id, kind=Commitment))

    def transitions_of(self, subject: str) -> tuple[Transition, ...]:
        """The transitions of one subject, in record order."""
        return tuple(t for t in self.transitions if t.subject == subject)

    def status(
        self,
        subject: str,
        on: DateLike,
        according_to: str | None = None,
        *,
        at: Literal["start", "end"] | None = None,
    ) -> Status:
        """The status of a subject on a date, derived from its history.

        A shortcut for :func:`armscontrol.query.status`; see there.
        """
        return _answers[0]().status(self, subject, on, according_to=according_to, at=at)

    def history(self, subject: str, according_to: str | None = None) -> History:
        """A subject's history: each step with its state, date, causes and sources.

        A shortcut for :func:`armscontrol.query.history`; see there.
        """
        return _answers[0]().history(self, subject, according_to=according_to)

    def _similar(
        self, item_id: str, *, statused: bool = False, kind: type[object] | None = None
    ) -> tuple[str, ...]:
        if kind is not None:
            statused = True
        key = ("lookalikes", statused, kind)  # one index per kind of question, kept
        lookalikes = self._derived.get(key)
        if not isinstance(lookalikes, Lookalikes):
            lookalikes = self._derived[key] = Lookalikes(self._pool(statused=statused, kind=kind))
        return lookalikes(item_id)

    def _pool(self, *, statused: bool, kind: type[object] | None) -> list[str]:
        """The ids a mistyped id may have meant: all, those with a status, or one kind's."""
        kinds: tuple[type[object], ...] = (Agreement, Commitment, Violation)
        if kind is not None:
            kinds = (kind,)
        pool = [key for key, item in self._items.items() if not statused or isinstance(item, kinds)]
        if kind in (None, Participation):
            pool.extend(
                participation_id(agreement.id, party)
                for agreement in self.agreements
                for party in agreement.parties
            )
        return pool
