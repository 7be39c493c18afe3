"""Reference checks shared by the validator and the loader: duplicate and unknown ids.

Both :func:`armscontrol.validation.validate` and :mod:`armscontrol.io` report these
problems, and neither may import the other, so the checks live here, one layer
down, and depend on the model alone.

Codes (stable; the rule catalogue in ``docs/rules.md`` documents each):

=======  ==================================================================
AC101    an id used twice (ids are unique across the record, all kinds)
AC102    a reference to a party that the record does not hold
AC103    a reference to a source that the record does not hold
AC104    a reference to a process that the record does not hold
AC105    a reference to a commitment that the record does not hold
AC106    evidence that names no event of the record
AC107    a cause that names no event or violation of the record
AC108    a transition whose subject names nothing with a status
=======  ==================================================================
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator
from itertools import chain
from operator import attrgetter
from typing import Any

import attrs

from armscontrol.index._index import index_of
from armscontrol.model import DateClaim, Party, Process, Record, Source, Transition
from armscontrol.model._lookalikes import Lookalikes

DUPLICATE_ID = "AC101"
UNKNOWN_PARTY = "AC102"
UNKNOWN_SOURCE = "AC103"
UNKNOWN_PROCESS = "AC104"
UNKNOWN_COMMITMENT = "AC105"
UNKNOWN_EVENT = "AC106"
UNKNOWN_CAUSE = "AC107"
UNKNOWN_SUBJECT = "AC108"


@attrs.frozen
class Finding:
    """One reference problem and where it is.

    Attributes:
        code: The rule's stable code, e.g. ``"AC102"``.
        path: A JSON path into the canonical format, e.g.
            ``$.agreements[2].commitments[0].obligors[1]``.
        subject: The id of the object at fault (for a transition, its subject).
        message: What was found and what would have been accepted.
    """

    code: str
    path: str
    subject: str | None
    message: str


# What each reference field expects: (code, noun, what it must name).
_PARTY = (UNKNOWN_PARTY, "party", "a party")
_SOURCE = (UNKNOWN_SOURCE, "source", "a source")
_PROCESS = (UNKNOWN_PROCESS, "process", "a process")
_COMMITMENT = (UNKNOWN_COMMITMENT, "commitment", "a commitment")
_EVENT = (UNKNOWN_EVENT, "event", "an event")
_CAUSE = (UNKNOWN_CAUSE, "cause", "an event or a violation")
_SUBJECT = (
    UNKNOWN_SUBJECT,
    "subject",
    "an agreement, a commitment, a violation or AGREEMENT/PARTY for a participation",
)


class _Checker:
    """Reads the record's ids by kind from its index and collects findings in document order."""

    def __init__(self, record: Record) -> None:
        self.record = record
        self.findings: list[Finding] = []
        index = self.index = index_of(record)
        self.all_commitments = index.all_commitments()
        """Every commitment of every agreement, in document order."""
        pools = index.pools(self.all_commitments)
        self.parties = pools.parties
        self.sources = pools.sources
        self.processes = pools.processes
        self.commitments = pools.commitments
        self.events = pools.events
        self.causes = pools.causes
        self.subjects = pools.subjects
        self._pools: dict[int, Lookalikes] = {}
        groups = (self.parties, self.sources, self.processes, pools.agreements, self.commitments)
        distinct = len(set[str]().union(*groups, self.events, pools.violations))
        held = len(record.parties) + len(record.sources) + len(record.processes)
        held += len(record.agreements) + len(record.events) + len(record.violations)
        held += len(self.all_commitments)
        if distinct != held:
            self._duplicates()

    # -- ids ------------------------------------------------------------------

    def _holders(self) -> Iterator[tuple[str, str, str]]:
        """Every object with an id, in document order: (id, kind, path)."""
        record = self.record
        simple: tuple[tuple[str, str, tuple[Party | Source | Process, ...]], ...] = (
            ("parties", "party", record.parties),
            ("sources", "source", record.sources),
            ("processes", "process", record.processes),
        )
        for section, kind, items in simple:
            for i, item in enumerate(items):
                yield item.id, kind, f"$.{section}[{i}]"
        for i, agreement in enumerate(record.agreements):
            yield agreement.id, "agreement", f"$.agreements[{i}]"
            for j, commitment in enumerate(agreement.commitments):
                yield commitment.id, "commitment", f"$.agreements[{i}].commitments[{j}]"
        for i, event in enumerate(record.events):
            yield event.id, "event", f"$.events[{i}]"
        for i, violation in enumerate(record.violations):
            yield violation.id, "violation", f"$.violations[{i}]"

    def _duplicates(self) -> None:
        first: dict[str, tuple[str, str]] = {}
        for item_id, kind, path in self._holders():
            if item_id not in first:
                first[item_id] = (kind, path)
                continue
            other_kind, other_path = first[item_id]
            msg = (
                f"duplicate id {item_id!r}: already used by the {other_kind} at "
                f"{other_path}; ids must be unique across the record, whatever their kind"
            )
            self.findings.append(Finding(DUPLICATE_ID, f"{path}.id", item_id, msg))

    def kind_of(self, item_id: str) -> str | None:
        """The kind of the object this id names (the first with it), e.g. ``"event"``."""
        item = self.record.items().get(item_id)
        return None if item is None else type(item).__name__.lower()

    # -- references -----------------------------------------------------------

    def unknown(
        self,
        expected: tuple[str, str, str],
        ref: str,
        pool: Collection[str],
        path: str,
        subject: str | None,
    ) -> None:
        code, noun, accepted = expected
        msg = f"unknown {noun} {ref!r}"
        other = self.kind_of(ref)
        head, _, tail = ref.partition("/")
        if other is not None:
            article = "an" if other[0] in "aeio" else "a"
            msg += f"; {ref!r} is {article} {other}, not {accepted}"
        else:
            if tail and self.kind_of(head) == "agreement":
                msg += f"; {tail!r} is not one of the parties of agreement {head!r}"
            matches = self._lookalikes(pool)(ref)
            if matches:
                msg += f"; did you mean {' or '.join(map(repr, matches))}?"
        self.findings.append(Finding(code, path, subject, msg))

    def _lookalikes(self, pool: Collection[str]) -> Lookalikes:
        # Indexed once per pool, and only when a reference has gone wrong.
        key = id(pool)
        if key not in self._pools:
            self._pools[key] = Lookalikes(pool)
        return self._pools[key]

    def refs(
        self,
        refs: Iterable[str],
        pool: Collection[str],
        expected: tuple[str, str, str],
        path: str,
        subject: str | None,
    ) -> None:
        for k, ref in enumerate(refs):
            if ref not in pool:
                self.unknown(expected, ref, pool, f"{path}[{k}]", subject)

    def claims(self, claims: tuple[DateClaim, ...], path: str, subject: str | None) -> None:
        for k, claim in enumerate(claims):
            if claim.sources:
                self.refs(
                    claim.sources,
                    self.sources,
                    _SOURCE,
                    f"{path}.alternative_dates[{k}].sources",
                    subject,
                )


def _known(pool: set[str], items: Iterable[object], field: Callable[[Any], Iterable[str]]) -> bool:
    """Whether every reference in ``field`` of every item is in ``pool``: one pass, in C."""
    return pool.issuperset(chain.from_iterable(map(field, items)))


def _check(record: Record, c: _Checker) -> None:
    # Membership is tested first, in C, one kind of reference over a whole section at
    # a time; a section is walked item by item, building paths, only if it holds an
    # unknown reference.
    parties, sources, commitments = c.parties, c.sources, c.commitments
    if not _known(sources, record.parties, _SOURCES_OF):
        _check_parties(record, c)
    if record.processes:
        _check_processes(record, c)
    if not (
        _known(parties, record.agreements, _PARTIES_OF)
        and c.processes.issuperset(_processes_named(record))
        and _known(sources, record.agreements, _SOURCES_OF)
        and _known(parties, c.all_commitments, _OBLIGORS_OF)
        and _known(parties, c.all_commitments, _BENEFICIARIES_OF)
        and _known(commitments, c.all_commitments, _EXCHANGED_FOR)
        and _known(sources, c.all_commitments, _SOURCES_OF)
    ):
        _check_agreements(record, c)
    if not (
        _known(parties, record.events, _ACTORS_OF)
        and _known(sources, record.events, _SOURCES_OF)
        and _known(sources, chain.from_iterable(map(_CLAIMS_OF, record.events)), _SOURCES_OF)
    ):
        _check_events(record, c)
    if record.violations:
        _check_violations(record, c)
    _check_transitions(record.transitions, c)
    extensions = chain.from_iterable(map(_EXTENSIONS_OF, record.agreements))
    if not (
        _known(parties, record.agreements, _DEPOSITARIES_OF)
        and _known(sources, extensions, _SOURCES_OF)
        and not any(map(_CONTINUES_OF, record.parties))
    ):
        _check_law(record, c)


def _processes_named(record: Record) -> set[str | None]:
    named: set[str | None] = set(map(_PROCESS_OF, record.agreements))
    named.discard(None)
    return named


def _check_parties(record: Record, c: _Checker) -> None:
    sources = c.sources
    for i, party in enumerate(record.parties):
        if not sources.issuperset(party.sources):
            c.refs(party.sources, sources, _SOURCE, f"$.parties[{i}].sources", party.id)


def _check_processes(record: Record, c: _Checker) -> None:
    parties, sources = c.parties, c.sources
    for i, process in enumerate(record.processes):
        base = f"$.processes[{i}]"
        c.refs(process.parties, parties, _PARTY, f"{base}.parties", process.id)
        c.refs(process.sources, sources, _SOURCE, f"{base}.sources", process.id)


def _check_agreements(record: Record, c: _Checker) -> None:
    parties, sources, commitments = c.parties, c.sources, c.commitments
    for i, agreement in enumerate(record.agreements):
        base = f"$.agreements[{i}]"
        c.refs(agreement.parties, parties, _PARTY, f"{base}.parties", agreement.id)
        if agreement.process is not None and agreement.process not in c.processes:
            c.unknown(_PROCESS, agreement.process, c.processes, f"{base}.process", agreement.id)
        c.refs(agreement.sources, sources, _SOURCE, f"{base}.sources", agreement.id)
        for j, com in enumerate(agreement.commitments):
            if (
                parties.issuperset(com.obligors)
                and parties.issuperset(com.beneficiaries)
                and commitments.issuperset(com.in_exchange_for)
                and sources.issuperset(com.sources)
            ):
                continue
            here = f"{base}.commitments[{j}]"
            c.refs(com.obligors, parties, _PARTY, f"{here}.obligors", com.id)
            c.refs(com.beneficiaries, parties, _PARTY, f"{here}.beneficiaries", com.id)
            c.refs(com.in_exchange_for, commitments, _COMMITMENT, f"{here}.in_exchange_for", com.id)
            c.refs(com.sources, sources, _SOURCE, f"{here}.sources", com.id)


def _check_events(record: Record, c: _Checker) -> None:
    parties, sources = c.parties, c.sources
    for i, event in enumerate(record.events):
        if not (parties.issuperset(event.actors) and sources.issuperset(event.sources)):
            base = f"$.events[{i}]"
            c.refs(event.actors, parties, _PARTY, f"{base}.actors", event.id)
            c.refs(event.sources, sources, _SOURCE, f"{base}.sources", event.id)
        if event.alternative_dates:
            c.claims(event.alternative_dates, f"$.events[{i}]", event.id)


def _check_violations(record: Record, c: _Checker) -> None:
    parties, sources, commitments = c.parties, c.sources, c.commitments
    for i, vio in enumerate(record.violations):
        base = f"$.violations[{i}]"
        if vio.commitment not in commitments:
            c.unknown(_COMMITMENT, vio.commitment, commitments, f"{base}.commitment", vio.id)
        c.refs(vio.alleged_by, parties, _PARTY, f"{base}.alleged_by", vio.id)
        c.refs(vio.accused, parties, _PARTY, f"{base}.accused", vio.id)
        c.refs(vio.evidence, c.events, _EVENT, f"{base}.evidence", vio.id)
        c.refs(vio.sources, sources, _SOURCE, f"{base}.sources", vio.id)


def _check_transitions(transitions: tuple[Transition, ...], c: _Checker) -> None:
    subjects, causes, parties, sources = c.subjects, c.causes, c.parties, c.sources
    index = c.index
    # Transitions are the bulk of a record: first ask, in C, whether anything is
    # wrong at all (each subject once, from the index), and walk them one by one
    # only if so.
    if (
        subjects.issuperset(index.by_subject)
        and causes.issuperset(chain.from_iterable(index.causes))
        and parties.issuperset(chain.from_iterable(index.asserted_by))
        and sources.issuperset(chain.from_iterable(index.sources))
        and _known(sources, chain.from_iterable(index.alternative_dates), _SOURCES_OF)
    ):
        return
    for i, tr in enumerate(transitions):
        subject = tr.subject
        if subject not in subjects:
            c.unknown(_SUBJECT, subject, subjects, f"$.transitions[{i}].subject", subject)
        if not causes.issuperset(tr.causes):
            c.refs(tr.causes, causes, _CAUSE, f"$.transitions[{i}].causes", subject)
        if not parties.issuperset(tr.asserted_by):
            c.refs(tr.asserted_by, parties, _PARTY, f"$.transitions[{i}].asserted_by", subject)
        if not sources.issuperset(tr.sources):
            c.refs(tr.sources, sources, _SOURCE, f"$.transitions[{i}].sources", subject)
        if tr.alternative_dates:
            c.claims(tr.alternative_dates, f"$.transitions[{i}]", subject)


def _check_law(record: Record, c: _Checker) -> None:
    """Continuations, depositaries and extensions (few records have any)."""
    parties, sources = c.parties, c.sources
    for i, party in enumerate(record.parties):
        if party.continues is not None:
            base = f"$.parties[{i}].continues"
            if party.continues.party not in parties:
                c.unknown(_PARTY, party.continues.party, parties, f"{base}.party", party.id)
            c.refs(party.continues.sources, sources, _SOURCE, f"{base}.sources", party.id)
    for i, agreement in enumerate(record.agreements):
        base = f"$.agreements[{i}]"
        c.refs(agreement.depositaries, parties, _PARTY, f"{base}.depositaries", agreement.id)
        for k, extension in enumerate(agreement.extensions):
            where = f"{base}.extensions[{k}].sources"
            c.refs(extension.sources, sources, _SOURCE, where, agreement.id)


_ID = attrgetter("id")
_PARTIES_OF = attrgetter("parties")
_PROCESS_OF = attrgetter("process")
_OBLIGORS_OF = attrgetter("obligors")
_BENEFICIARIES_OF = attrgetter("beneficiaries")
_EXCHANGED_FOR = attrgetter("in_exchange_for")
_ACTORS_OF = attrgetter("actors")
_ASSERTED_BY = attrgetter("asserted_by")
_SOURCES_OF = attrgetter("sources")
_CLAIMS_OF = attrgetter("alternative_dates")
_DEPOSITARIES_OF = attrgetter("depositaries")
_EXTENSIONS_OF = attrgetter("extensions")
_CONTINUES_OF = attrgetter("continues")


def reference_findings(record: Record) -> list[Finding]:
    """Every duplicate id and every reference to an id the record does not hold.

    Duplicates come first, then unknown references, each group in document
    order (field by field as the canonical format lists them). Each message
    says what was expected and, when a known id looks alike, suggests it.
    """
    checker = _Checker(record)
    _check(record, checker)
    return checker.findings
