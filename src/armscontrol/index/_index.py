"""The derived index of a record: built once per record, read by every layer above."""

from __future__ import annotations

import functools
import weakref
from collections.abc import Iterable, Mapping
from itertools import chain, compress, groupby
from operator import attrgetter, is_
from typing import cast

from armscontrol.dates import HistoricalDate
from armscontrol.exceptions import UnknownPartyError
from armscontrol.index._dating import span
from armscontrol.index._views import (
    Entry,
    Perspective,
    Readings,
    Views,
    perspective,
    readings,
    views,
)
from armscontrol.model import (
    Agreement,
    Commitment,
    DateClaim,
    Event,
    Record,
    SubjectKind,
    Transition,
    Violation,
)
from armscontrol.model._lookalikes import Lookalikes

_KINDS: dict[type, SubjectKind] = {
    Agreement: SubjectKind.AGREEMENT,
    Commitment: SubjectKind.COMMITMENT,
    Violation: SubjectKind.VIOLATION,
}


class Index:
    """What the validator, the queries and the loader read from one record.

    Get it with :func:`index_of`: it is built on first use and kept with the
    record (:meth:`~armscontrol.model.Record.derive`), for as long as the record
    lives. Building it reads the transitions into columns and groups them by
    subject; everything else is made when first asked for.

    Which object an id names is :meth:`Record.get <armscontrol.model.Record.get>`'s
    answer: the first object with that id, in record order. Every lookup by id
    here agrees with it (a later object with the same id is a duplicate, which
    the validator reports, and is otherwise ignored).

    Attributes:
        transitions: The record's transitions.
        subjects: Each transition's subject, by transition number.
        by_subject: Each subject's transition numbers, in record order.
    """

    def __init__(self, record: Record) -> None:
        """Group the record's transitions by subject; the other columns come when first read."""
        # Weak: the index lives in the record, and must not keep it alive.
        self._record = weakref.ref(record)
        transitions = record.transitions
        self.transitions: tuple[Transition, ...] = transitions
        # Columns, read in C (map over attrgetter), so that rules index lists
        # instead of reading attributes.
        self.subjects: list[str] = list(map(_SUBJECT, transitions))
        groups: dict[str, list[int]] = {}
        get = groups.get
        # A run of consecutive transitions of one subject at a time.
        for subject, run in groupby(range(len(transitions)), self.subjects.__getitem__):
            group = get(subject)
            if group is None:
                groups[subject] = list(run)
            else:
                group.extend(run)
        self.by_subject: dict[str, list[int]] = groups
        self._views: dict[str, Views] = {}
        self._perspectives: dict[tuple[str, str | None], Perspective] = {}

    @functools.cached_property
    def tos(self) -> list[str]:
        """Each transition's target state, by transition number."""
        return list(map(_TO, self.transitions))

    @functools.cached_property
    def dates(self) -> list[HistoricalDate]:
        """Each transition's date, by transition number."""
        return list(map(_DATE, self.transitions))

    @functools.cached_property
    def alternative_dates(self) -> list[tuple[DateClaim, ...]]:
        """Each transition's alternative dates, by transition number."""
        return list(map(_CLAIMS, self.transitions))

    @functools.cached_property
    def asserted_by(self) -> list[tuple[str, ...]]:
        """The parties asserting each transition (none: uncontested), by transition number."""
        return list(map(_ASSERTED_BY, self.transitions))

    @functools.cached_property
    def claimed(self) -> frozenset[int]:
        """The numbers of the transitions with alternative dates."""
        return frozenset(compress(range(len(self.transitions)), self.alternative_dates))

    @functools.cached_property
    def date_bounds(self) -> tuple[list[int], list[int]]:
        """The first instant of each transition's own date, and just past its last."""
        dates = self.dates
        return list(map(_LOWER, dates)), list(map(_UPPER, dates))

    @functools.cached_property
    def causes(self) -> list[tuple[str, ...]]:
        """Each transition's causes, by transition number."""
        return list(map(_CAUSES, self.transitions))

    @functools.cached_property
    def sources(self) -> list[tuple[str, ...]]:
        """Each transition's sources, by transition number."""
        return list(map(_SOURCES, self.transitions))

    @functools.cached_property
    def _spans(self) -> tuple[list[int], list[int]]:
        lowers, uppers = self.date_bounds
        if not self.claimed:
            return lowers, uppers
        # Where sources disagree, a transition's span runs over every date claimed for it.
        lowers, uppers = list(lowers), list(uppers)
        transitions = self.transitions
        for i in self.claimed:
            lowers[i], uppers[i] = span(transitions[i])
        return lowers, uppers

    @property
    def lowers(self) -> list[int]:
        """The first instant of each transition's span, in POSIX seconds.

        The span runs from the earliest date claimed for it to the latest
        (:func:`~armscontrol.index.span`).
        """
        return self._spans[0]

    @property
    def uppers(self) -> list[int]:
        """Just past the last instant of each transition's span."""
        return self._spans[1]

    @functools.cached_property
    def asserted(self) -> frozenset[str]:
        """The subjects with a transition some parties assert and others do not."""
        return frozenset(compress(self.subjects, self.asserted_by))

    @property
    def record(self) -> Record:
        """The record this index is of."""
        record = self._record()
        # Only index_of hands out an index, and only for a record that is alive.
        assert record is not None, "the index of a record that no longer exists"
        return record

    # -- histories ------------------------------------------------------------------

    def entries(self, subject: str) -> tuple[Entry, ...]:
        """The subject's transitions, in record order, each with the span of its claimed dates."""
        transitions = self.transitions
        return tuple(
            Entry(position, number, transitions[number], *span(transitions[number]))
            for position, number in enumerate(self.by_subject.get(subject, ()))
        )

    def views(self, subject: str) -> Views:
        """Who holds which view of the subject's history (:func:`armscontrol.index.views`)."""
        seen = self._views.get(subject)
        if seen is None:
            entries = self.entries(subject)
            # Most subjects: nobody asserts anything, and the one view is the history.
            seen = (
                views(subject, entries)
                if subject in self.asserted
                else Views(subject, entries, entries, {})
            )
            self._views[subject] = seen
        return seen

    def readings(self, subject: str) -> Readings:
        """The histories an answer about the subject weighs (:func:`armscontrol.index.readings`)."""
        return readings(self.views(subject), self.involved(subject))

    def perspective(self, subject: str, party: str | None) -> Perspective:
        """The subject's history as ``party`` sees it (every transition, for ``None``)."""
        key = (subject, party)
        found = self._perspectives.get(key)
        if found is None:
            found = self._perspectives[key] = perspective(self.views(subject), party)
        return found

    def first_into(self, subject: str, states: frozenset[str]) -> int | None:
        """The number of the subject's first transition (record order) into ``states``."""
        tos = self.tos
        for i in self.by_subject.get(subject, ()):
            if tos[i] in states:
                return i
        return None

    def firsts_into(self, states: frozenset[str]) -> dict[str, int]:
        """For each subject, the number of its first transition (record order) into ``states``."""
        subjects = self.subjects
        found = list(compress(range(len(subjects)), map(states.__contains__, self.tos)))
        return {subjects[i]: i for i in reversed(found)}

    # -- ids ------------------------------------------------------------------------

    @functools.cached_property
    def kinds(self) -> Mapping[str, SubjectKind]:
        """The kind of every id that names a subject with a status, participations included."""
        items = self.record.items()
        found: list[SubjectKind | None] = list(map(_KINDS.get, map(type, items.values())))
        pairs = cast("Iterable[tuple[str, SubjectKind]]", zip(items, found, strict=True))
        kinds = dict(compress(pairs, found))  # the ids of subjects alone
        kinds.update(dict.fromkeys(self.participations, SubjectKind.PARTICIPATION))
        return kinds

    @functools.cached_property
    def commitments(self) -> Mapping[str, tuple[int, int, Commitment, Agreement]]:
        """Each commitment by id: its agreement's index, its own, the commitment, its agreement."""
        items = self.record.items()
        found: dict[str, tuple[int, int, Commitment, Agreement]] = {}
        for i, agreement in enumerate(self.record.agreements):
            for j, commitment in enumerate(agreement.commitments):
                if items.get(commitment.id) is commitment:
                    found[commitment.id] = (i, j, commitment, agreement)
        return found

    @functools.cached_property
    def participations(self) -> Mapping[str, Agreement]:
        """Each participation (``AGREEMENT/PARTY``) by id, with its agreement."""
        agreements = self.record.agreements
        held = map(self.record.items().get, map(_ID, agreements))
        firsts = compress(agreements, map(is_, held, agreements))
        # The ids as participation_id writes them, made inline: one per party of each.
        return {f"{a.id}/{party}": a for a in firsts for party in a.parties}

    @functools.cached_property
    def violations(self) -> Mapping[str, tuple[int, Violation]]:
        """Each violation by id, with its index in the record."""
        items = self.record.items()
        return {
            violation.id: (i, violation)
            for i, violation in enumerate(self.record.violations)
            if items.get(violation.id) is violation
        }

    @functools.cached_property
    def events(self) -> Mapping[str, Event]:
        """Each event by id."""
        items = self.record.items()
        return {event.id: event for event in self.record.events if items.get(event.id) is event}

    def cause(self, cause: str) -> Event | Violation | None:
        """The event or violation a transition cites as a cause, if the record holds it."""
        found = self.events.get(cause)
        if found is not None:
            return found
        violation = self.violations.get(cause)
        return None if violation is None else violation[1]

    # -- parties ----------------------------------------------------------------------

    def involved(self, subject: str) -> tuple[str, ...]:
        """The parties with a stake in a subject besides those who assert its transitions.

        An agreement's or a commitment's: the agreement's parties. A party's
        participation: the agreement's other parties, whose acceptance its own
        account needs. A violation's: the parties alleging it and accused.
        """
        item = self.record.items().get(subject)
        if isinstance(item, Agreement):
            return item.parties
        if isinstance(item, Commitment):
            found = self.commitments.get(subject)
            return () if found is None else found[3].parties
        if isinstance(item, Violation):
            return (*item.alleged_by, *item.accused)
        agreement = self.participations.get(subject)
        if agreement is None:
            return ()
        party = subject.partition("/")[2]
        return tuple(other for other in agreement.parties if other != party)

    @functools.cached_property
    def parties_named(self) -> frozenset[str]:
        """Every party id the record mentions: its parties, and every party a fact names."""
        record = self.record
        parties = {party.id for party in record.parties}
        for agreement in record.agreements:
            parties.update(agreement.parties)
            for commitment in agreement.commitments:
                parties.update(commitment.obligors, commitment.beneficiaries)
        for violation in record.violations:
            parties.update(violation.alleged_by, violation.accused)
        parties.update(chain.from_iterable(map(_ASSERTED_BY, record.transitions)))
        return frozenset(parties)

    def check_party(self, party: str) -> None:
        """Refuse a party id that the record never mentions.

        Raises:
            UnknownPartyError: The id names no party; the error suggests close ones,
                case ignored.
        """
        if party not in self.parties_named:
            raise UnknownPartyError(party, Lookalikes(self.parties_named)(party))

    # -- every id of each kind, for the reference checks ------------------------------

    def all_commitments(self) -> list[Commitment]:
        """Every commitment of every agreement, in record order (duplicates included)."""
        return list(chain.from_iterable(map(_COMMITMENTS_OF, self.record.agreements)))

    def pools(self, commitments: Iterable[Commitment] | None = None) -> Pools:
        """Every id held by an object of each kind, duplicates included (:class:`Pools`).

        Made afresh on each call, not kept: the reference checks read it once
        per record, and nothing else needs it.

        Args:
            commitments: :meth:`all_commitments`, when the caller has it already.
        """
        found = self.all_commitments() if commitments is None else commitments
        return Pools(self.record, found)


class Pools:
    """Every id held by an object of each kind: what a reference may name.

    A reference is sound when some object of the kind it expects has its id;
    which of two objects with one id it names (the first) is for
    :meth:`Record.get <armscontrol.model.Record.get>`, and the duplicate is
    reported on its own.
    """

    __slots__ = (
        "agreements",
        "causes",
        "commitments",
        "events",
        "parties",
        "processes",
        "sources",
        "subjects",
        "violations",
    )

    def __init__(self, record: Record, commitments: Iterable[Commitment]) -> None:
        """Gather the ids of each kind."""
        self.parties = set(map(_ID, record.parties))
        self.sources = set(map(_ID, record.sources))
        self.processes = set(map(_ID, record.processes))
        self.agreements = set(map(_ID, record.agreements))
        self.commitments = set(map(_ID, commitments))
        self.events = set(map(_ID, record.events))
        self.violations = set(map(_ID, record.violations))
        self.causes = self.events | self.violations
        """What a transition may cite as a cause: events and violations."""
        self.subjects = self.agreements | self.commitments | self.violations
        """What has a status: agreements, commitments, violations and participations."""
        self.subjects.update(participation_ids(record.agreements))


def participation_ids(agreements: Iterable[Agreement]) -> list[str]:
    """``AGREEMENT/PARTY`` for every party of every agreement, in order.

    The ids as :func:`~armscontrol.model.participation_id` writes them, made inline.
    """
    return [f"{agreement.id}/{party}" for agreement in agreements for party in agreement.parties]


def index_of(record: Record) -> Index:
    """The record's index, built on first use and kept with the record."""
    return record.derive(Index)


_ID = attrgetter("id")
_PARTIES = attrgetter("parties")
_SUBJECT = attrgetter("subject")
_TO = attrgetter("to")
_DATE = attrgetter("date")
_LOWER = attrgetter("lower")
_UPPER = attrgetter("upper")
_ASSERTED_BY = attrgetter("asserted_by")
_CLAIMS = attrgetter("alternative_dates")
_CAUSES = attrgetter("causes")
_SOURCES = attrgetter("sources")
_COMMITMENTS_OF = attrgetter("commitments")
