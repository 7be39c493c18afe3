"""Histories grouped by subject once per record, and the fold of a history up to a date.

The machinery behind :mod:`armscontrol.query`. A record is immutable, so what a
query needs from it (each subject's transitions with the span of their claimed
dates, the parties it mentions) is computed on first use and kept for as long
as the record lives.
"""

from __future__ import annotations

import difflib
import functools
import weakref
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from armscontrol.exceptions import UnknownSubjectError
from armscontrol.model import Record, Transition, participation_id


class Entry(NamedTuple):
    """One transition of a subject, with the span of every date claimed for it."""

    position: int
    """Its place in the subject's whole history."""
    number: int
    """Its place in ``Record.transitions``."""
    transition: Transition
    lower: int
    """First instant of the hull of its date and alternative dates (POSIX seconds)."""
    upper: int
    """Just past the last instant of that hull."""


class Outcome(NamedTuple):
    """What one view's transitions say about a date."""

    possible: frozenset[str]
    unrecorded: bool
    definite: Entry | None
    """The last step that definitely happened."""
    undetermined: tuple[Entry, ...]
    """The steps after it that may or may not have happened."""

    @property
    def ambiguous(self) -> bool:
        """Whether more than one possibility (no status counting as one) is left."""
        return len(self.possible) + self.unrecorded > 1


class Perspective(NamedTuple):
    """A subject's history as one party sees it (or every transition), ready to fold."""

    subject: str
    entries: tuple[Entry, ...]
    previous: Mapping[int, str | None]
    """The state before each entry in this view, by the entry's position in the whole history."""
    neutral: tuple[Entry, ...]
    """The uncontested entries."""
    views: Mapping[str, tuple[Entry, ...]]
    """For every party asserting one of the entries: the entries that hold for it."""


def fold(entries: Sequence[Entry], upper: int) -> Outcome:
    """Every prefix of a history that may have happened before ``upper``.

    The record's order is authoritative: a step has happened only if every
    step before it has. The possible prefixes run from the last step that
    definitely happened to just before the first later one that definitely
    had not. (Dates that contradict the record's order are the validator's
    business; the last definite step still holds.)
    """
    last = 0
    for count, entry in enumerate(entries, 1):
        if entry.upper <= upper:
            last = count
    stop = len(entries)
    for position in range(last, stop):
        if entries[position].lower >= upper:
            stop = position
            break
    return Outcome(
        frozenset([entries[k - 1].transition.to for k in range(max(last, 1), stop + 1)]),
        last == 0,
        entries[last - 1] if last else None,
        tuple(entries[last:stop]),
    )


def merge(outcomes: Sequence[Outcome]) -> Outcome:
    """Several views taken together: every state any of them allows."""
    undetermined = {e.position: e for o in outcomes for e in o.undetermined}
    return Outcome(
        possible=frozenset().union(*(o.possible for o in outcomes)),
        unrecorded=any(o.unrecorded for o in outcomes),
        definite=None,
        undetermined=tuple(undetermined[p] for p in sorted(undetermined)),
    )


def holds(entry: Entry, party: str | None) -> bool:
    """Whether a transition holds in a party's view (``None``: the uncontested view)."""
    asserted = entry.transition.asserted_by
    return not asserted or (party is not None and party in asserted)


def sequential_previous(entries: Sequence[Entry]) -> tuple[str | None, ...]:
    """The state before each step when the steps are one party's view."""
    return (None, *(entry.transition.to for entry in entries[:-1]))[: len(entries)]


def asserted_previous(entries: Sequence[Entry]) -> tuple[str | None, ...]:
    """The state before each step according to all who assert it.

    An earlier step counts when it holds wherever this one does: it is
    uncontested, or asserted by every party that asserts this one.
    """
    previous: list[str | None] = []
    for position, entry in enumerate(entries):
        asserted = set(entry.transition.asserted_by)
        state = None
        for before in reversed(entries[:position]):
            others = before.transition.asserted_by
            if not others or (asserted and asserted.issubset(others)):
                state = before.transition.to
                break
        previous.append(state)
    return tuple(previous)


class Index:
    """What queries need from one record: histories by subject, and the parties named.

    Building it only groups the transitions' numbers by subject. A subject's
    entries, with the spans of their dates, are made when it is asked for; the
    parties each subject involves and the parties the record names, when first
    needed.
    """

    __slots__ = ("_involved", "_numbers", "_parties", "_record", "_transitions", "perspectives")

    def __init__(self, record: Record) -> None:
        """Group the numbers of the record's transitions by subject."""
        numbers: dict[str, list[int]] = {}
        for number, transition in enumerate(record.transitions):
            run = numbers.get(transition.subject)
            if run is None:
                numbers[transition.subject] = [number]
            else:
                run.append(number)
        self._numbers = numbers
        self._transitions = record.transitions
        # Weak: the index is kept for as long as the record lives, and no longer.
        self._record = weakref.ref(record)
        self._involved: dict[str, tuple[str, ...]] | None = None
        self._parties: frozenset[str] | None = None
        self.perspectives: dict[tuple[str, str | None], Perspective] = {}
        """Each (subject, party) perspective built so far."""

    def entries(self, subject: str) -> tuple[Entry, ...]:
        """The subject's transitions, in record order."""
        transitions = self._transitions
        entries: list[Entry] = []
        for position, number in enumerate(self._numbers.get(subject, ())):
            transition = transitions[number]
            lower, upper = transition.date.lower, transition.date.upper
            for claim in transition.alternative_dates:
                lower, upper = min(lower, claim.date.lower), max(upper, claim.date.upper)
            entries.append(Entry(position, number, transition, lower, upper))
        return tuple(entries)

    def subjects(self) -> tuple[str, ...]:
        """Every subject some transition names, in order of first mention."""
        return tuple(self._numbers)

    def involved(self, subject: str) -> tuple[str, ...]:
        """The parties of the subject's agreement (of a violation: alleging or accused)."""
        if self._involved is None:
            self._involved = _involved_in(self._alive())
        return self._involved.get(subject, ())

    def check_party(self, party: str) -> None:
        """Refuse a party id that the record never mentions.

        Raises:
            UnknownSubjectError: The id names no party; the error suggests close ones.
        """
        if self._parties is None:
            self._parties = _parties_of(self._alive())
        if party not in self._parties:
            close = difflib.get_close_matches(party, sorted(self._parties), n=3, cutoff=0.6)
            raise UnknownSubjectError(party, close)

    def _alive(self) -> Record:
        record = self._record()
        # Only index_of hands out an index, and only for a record that is alive.
        assert record is not None, "the index of a record that no longer exists"
        return record


def _involved_in(record: Record) -> dict[str, tuple[str, ...]]:
    """The parties each subject involves: its agreement's, or a violation's alleging and accused."""
    involved: dict[str, tuple[str, ...]] = {}
    for agreement in record.agreements:
        involved.setdefault(agreement.id, agreement.parties)
        for commitment in agreement.commitments:
            involved.setdefault(commitment.id, agreement.parties)
        for party in agreement.parties:
            involved.setdefault(participation_id(agreement.id, party), agreement.parties)
    for violation in record.violations:
        involved.setdefault(violation.id, (*violation.alleged_by, *violation.accused))
    return involved


def _parties_of(record: Record) -> frozenset[str]:
    """Every party id the record mentions: its parties, and every party a fact names."""
    parties = {party.id for party in record.parties}
    for agreement in record.agreements:
        parties.update(agreement.parties)
        for commitment in agreement.commitments:
            parties.update(commitment.obligors, commitment.beneficiaries)
    for violation in record.violations:
        parties.update(violation.alleged_by, violation.accused)
    for transition in record.transitions:
        if transition.asserted_by:
            parties.update(transition.asserted_by)
    return frozenset(parties)


# Keyed by identity, not by the record: hashing a record hashes every fact in it.
_INDEXES: dict[int, tuple[weakref.ref[Record], Index]] = {}


def index_of(record: Record) -> Index:
    """The record's index, built on first use and dropped with the record."""
    key = id(record)
    cached = _INDEXES.get(key)
    if cached is not None and cached[0]() is record:
        return cached[1]
    index = Index(record)
    _INDEXES[key] = (weakref.ref(record, functools.partial(_forget, key)), index)
    return index


def _forget(key: int, ref: weakref.ref[Record]) -> None:
    cached = _INDEXES.get(key)
    if cached is not None and cached[0] is ref:
        del _INDEXES[key]
