"""Who holds which view of a subject's history, and the fold of a view up to a date."""

from __future__ import annotations

import heapq
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import NamedTuple

from armscontrol.model import Transition


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
    """The last step that definitely happened (before the period, for a period)."""
    undetermined: tuple[Entry, ...]
    """The steps after it that may or may not have happened (within the period)."""
    within: tuple[Entry, ...] = ()
    """For a period: the steps that definitely happened within it."""

    @property
    def ambiguous(self) -> bool:
        """Whether the dates leave more than one possibility (no status counting as one).

        Steps that definitely happened within a period do not count: the status
        changed, but the dates settle when.
        """
        return len(self.possible) + self.unrecorded > 1 and len(self.undetermined) > len(
            self.within
        )


class Views(NamedTuple):
    """A subject's history and who holds which view of it: :func:`views`."""

    subject: str
    entries: tuple[Entry, ...]
    """Every transition of the subject, in record order."""
    uncontested: tuple[Entry, ...]
    """The transitions nobody contests (``asserted_by`` empty)."""
    parties: Mapping[str, tuple[Entry, ...]]
    """Each party that asserts a transition of the subject, in id order: its view,
    the uncontested transitions plus those it asserts, in record order."""


def views(subject: str, entries: tuple[Entry, ...]) -> Views:
    """Who holds which view of a subject's history.

    A transition with an empty ``asserted_by`` holds for everyone; one with
    ``asserted_by`` holds only according to those parties. A party that
    asserts a transition of the subject has a view: the uncontested
    transitions plus its own. The validator checks each of these histories and
    the queries fold them.
    """
    own: dict[str, list[Entry]] = {}
    uncontested: list[Entry] = []
    for entry in entries:
        asserted = entry.transition.asserted_by
        if not asserted:
            uncontested.append(entry)
        for party in asserted:
            own.setdefault(party, []).append(entry)
    if not own:
        return Views(subject, entries, entries, {})
    # Each party's view, merged in record order from the uncontested entries and its
    # own: one pass over the entries, however many parties assert one each.
    return Views(
        subject,
        entries,
        tuple(uncontested),
        {party: _merged(uncontested, own[party]) for party in sorted(own)},
    )


def _merged(first: list[Entry], second: list[Entry]) -> tuple[Entry, ...]:
    """Two runs of entries, each in record order, as one run in record order."""
    return tuple(heapq.merge(first, second, key=_POSITION))


def _position(entry: Entry) -> int:
    return entry.position


_POSITION = _position


def holds(entry: Entry, party: str | None) -> bool:
    """Whether a transition holds in a party's view (``None``: the uncontested view)."""
    asserted = entry.transition.asserted_by
    return not asserted or (party is not None and party in asserted)


def fold(entries: Sequence[Entry], upper: int, since: int | None = None) -> Outcome:
    """Every prefix of a history that may have happened before ``upper``.

    The record's order is authoritative: a step has happened only if every
    step before it has. The possible prefixes run from the last step that
    definitely happened to just before the first later one that definitely
    had not. (Dates that contradict the record's order are the validator's
    business; the last definite step still holds.)

    With ``since``, the fold covers the period from ``since`` to ``upper``: the
    prefixes run from the last step that definitely happened before the period
    began, so the possible states are every state held at some time within it.
    """
    start = upper if since is None else since
    last = end = 0
    for count, entry in enumerate(entries, 1):
        if entry.upper <= start:
            last = count
        if entry.upper <= upper:
            end = count
    stop = len(entries)
    for position in range(end, stop):
        if entries[position].lower >= upper:
            stop = position
            break
    steps = tuple(entries[last:stop])
    return Outcome(
        frozenset([entries[k - 1].transition.to for k in range(max(last, 1), stop + 1)]),
        last == 0,
        entries[last - 1] if last else None,
        steps,
        () if since is None else tuple(e for e in steps if since <= e.lower and e.upper <= upper),
    )


def merge(outcomes: Sequence[Outcome]) -> Outcome:
    """Several views taken together: every state any of them allows."""
    undetermined = {e.position: e for o in outcomes for e in o.undetermined}
    within = {e.position: e for o in outcomes for e in o.within}
    return Outcome(
        possible=frozenset().union(*(o.possible for o in outcomes)),
        unrecorded=any(o.unrecorded for o in outcomes),
        definite=None,
        undetermined=tuple(undetermined[p] for p in sorted(undetermined)),
        within=tuple(within[p] for p in sorted(within)),
    )


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


class Perspective(NamedTuple):
    """A subject's history as one party sees it (or every transition), ready to fold."""

    subject: str
    entries: tuple[Entry, ...]
    previous: Mapping[int, str | None]
    """The state before each entry in this view, by the entry's position in the whole history."""
    seen: Views
    """Who holds which view of the subject (:func:`views`)."""


def perspective(seen: Views, party: str | None) -> Perspective:
    """The transitions that hold for a party (all, for ``None``), each with the state before it."""
    entries = seen.entries
    if not seen.parties:
        # Uncontested: every view is the whole history, each step after the one before.
        previous = dict(enumerate(sequential_previous(entries)))
        return Perspective(seen.subject, entries, previous, seen)
    if party is None:
        before = asserted_previous(entries)
    else:
        entries = seen.parties.get(party, seen.uncontested)
        before = sequential_previous(entries)
    return Perspective(
        seen.subject,
        entries,
        {entry.position: state for entry, state in zip(entries, before, strict=True)},
        seen,
    )


# -- readings and disputes ------------------------------------------------------------

Readings = Mapping[str | None, tuple[Entry, ...]]
"""The histories an answer weighs, by whose they are: a party id, or ``None`` for the
uncontested record (see :func:`readings`)."""


def readings(seen: Views, involved: Collection[str]) -> Readings:
    """The histories that an answer about a subject weighs: the one definition of a view.

    * Each party that asserts a transition of the subject has a view of its own:
      the uncontested transitions plus those it asserts.
    * A party that asserts nothing holds no view of its own: nobody is credited
      with a claim it did not make. The uncontested record (key ``None``)
      stands as a reading of its own, as such, unless every party
      ``involved`` in the subject (:meth:`Index.involved
      <armscontrol.index.Index.involved>`) has a view: then the bare record
      is nobody's answer.

    A subject is *disputed* on a date when its readings differ there
    (:func:`disputed`); the validator's dispute finding and the queries'
    ``disputed`` both come from these readings.
    """
    if not seen.parties:
        return {None: seen.entries}
    found: dict[str | None, tuple[Entry, ...]] = {}
    if not involved or not seen.parties.keys() >= set(involved):
        found[None] = seen.uncontested
    found.update(seen.parties)
    return found


def disputed(outcomes: Iterable[Outcome]) -> bool:
    """Whether the readings' outcomes on a date differ: the states each allows are not the same."""
    return len({outcome.possible for outcome in outcomes}) > 1


def first_dispute(
    found: Readings, since: int | None = None, until: int | None = None
) -> tuple[int, dict[str | None, Outcome]] | None:
    """The first instant at which the readings differ, and what each says there.

    An instant ``t`` is disputed when the readings folded up to ``t``
    (:func:`fold`) differ. The fold of a history changes only where a
    transition's span begins or ends, so the readings are compared just at and
    just after each of those instants: the first disputed one is the start of
    the dispute. With ``since`` and ``until``, only the instants from one to
    the other count (a period is disputed when some instant in it is). ``None``
    when they never differ.
    """
    if len(found) < 2:
        return None
    readings = list(found.values())
    # Up to where every reading lists the same transitions, they fold alike; they can
    # differ only once a later transition may have happened.
    common = 0
    shortest = min(map(len, readings))
    while common < shortest and len({r[common].number for r in readings}) == 1:
        common += 1
    rest = [e.lower for r in readings for e in r[common:]]
    if not rest:
        return None
    threshold = min(rest)
    bounds = {b for r in readings for e in r for b in (e.lower, e.upper) if b >= threshold}
    instants = {t for b in bounds for t in (b, b + 1) if t > threshold}
    if since is not None and until is not None:
        instants = {t for t in instants if since <= t <= until} | {since, until}
    for instant in sorted(instants):
        outcomes = {key: fold(entries, instant) for key, entries in found.items()}
        if disputed(outcomes.values()):
            return instant, outcomes
    return None
