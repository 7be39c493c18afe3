"""Reference checks shared by the validator and the loader: duplicate and unknown ids.

Both :func:`armscontrol.validate` and :mod:`armscontrol.io` report these
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

import difflib
from collections.abc import Collection, Iterable

import attrs

from armscontrol.model import DateClaim, Record

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
    """Holds the record's ids by kind and collects findings in document order."""

    def __init__(self, record: Record) -> None:
        self.findings: list[Finding] = []
        self.kind_of: dict[str, str] = {}  # id -> kind of its first holder
        self.first_at: dict[str, str] = {}  # id -> path of its first holder
        self.parties: set[str] = set()
        self.sources: set[str] = set()
        self.processes: set[str] = set()
        self.commitments: set[str] = set()
        self.events: set[str] = set()
        self.causes: set[str] = set()
        self.subjects: set[str] = set()
        self._pools: dict[int, list[str]] = {}
        self._collect(record)

    # -- ids ------------------------------------------------------------------

    def _declare(self, item_id: str, kind: str, path: str, into: set[str]) -> None:
        into.add(item_id)
        first = self.first_at.get(item_id)
        if first is None:
            self.first_at[item_id] = path
            self.kind_of[item_id] = kind
            return
        msg = (
            f"duplicate id {item_id!r}: already used by the {self.kind_of[item_id]} at "
            f"{first}; ids must be unique across the record, whatever their kind"
        )
        self.findings.append(Finding(DUPLICATE_ID, f"{path}.id", item_id, msg))

    def _collect(self, record: Record) -> None:
        declare = self._declare
        for i, party in enumerate(record.parties):
            declare(party.id, "party", f"$.parties[{i}]", self.parties)
        for i, source in enumerate(record.sources):
            declare(source.id, "source", f"$.sources[{i}]", self.sources)
        for i, process in enumerate(record.processes):
            declare(process.id, "process", f"$.processes[{i}]", self.processes)
        for i, agreement in enumerate(record.agreements):
            declare(agreement.id, "agreement", f"$.agreements[{i}]", self.subjects)
            for j, commitment in enumerate(agreement.commitments):
                path = f"$.agreements[{i}].commitments[{j}]"
                declare(commitment.id, "commitment", path, self.commitments)
            self.subjects.update(f"{agreement.id}/{party}" for party in agreement.parties)
        self.subjects |= self.commitments
        for i, event in enumerate(record.events):
            declare(event.id, "event", f"$.events[{i}]", self.events)
        self.causes |= self.events
        for i, violation in enumerate(record.violations):
            declare(violation.id, "violation", f"$.violations[{i}]", self.causes)
            self.subjects.add(violation.id)

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
        other = self.kind_of.get(ref)
        head, _, tail = ref.partition("/")
        if other is not None:
            article = "an" if other[0] in "aeio" else "a"
            msg += f"; {ref!r} is {article} {other}, not {accepted}"
        elif tail and self.kind_of.get(head) == "agreement":
            msg += f"; {tail!r} is not one of the parties of agreement {head!r}"
            matches = difflib.get_close_matches(ref, self._pool(pool), n=3, cutoff=0.6)
            if matches:
                msg += f"; did you mean {' or '.join(map(repr, matches))}?"
        else:
            matches = difflib.get_close_matches(ref, self._pool(pool), n=3, cutoff=0.6)
            if matches:
                msg += f"; did you mean {' or '.join(map(repr, matches))}?"
        self.findings.append(Finding(code, path, subject, msg))

    def _pool(self, pool: Collection[str]) -> list[str]:
        # Sorted once per pool, and only when a reference has gone wrong.
        key = id(pool)
        if key not in self._pools:
            self._pools[key] = sorted(pool)
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


def _check(record: Record, c: _Checker) -> None:  # noqa: PLR0912 - one walk over every field
    parties, sources = c.parties, c.sources
    for i, party in enumerate(record.parties):
        if party.sources:
            c.refs(party.sources, sources, _SOURCE, f"$.parties[{i}].sources", party.id)
    for i, process in enumerate(record.processes):
        base = f"$.processes[{i}]"
        c.refs(process.parties, parties, _PARTY, f"{base}.parties", process.id)
        c.refs(process.sources, sources, _SOURCE, f"{base}.sources", process.id)
    for i, agreement in enumerate(record.agreements):
        base = f"$.agreements[{i}]"
        c.refs(agreement.parties, parties, _PARTY, f"{base}.parties", agreement.id)
        if agreement.process is not None and agreement.process not in c.processes:
            c.unknown(_PROCESS, agreement.process, c.processes, f"{base}.process", agreement.id)
        c.refs(agreement.sources, sources, _SOURCE, f"{base}.sources", agreement.id)
        for j, com in enumerate(agreement.commitments):
            here = f"{base}.commitments[{j}]"
            c.refs(com.obligors, parties, _PARTY, f"{here}.obligors", com.id)
            c.refs(com.beneficiaries, parties, _PARTY, f"{here}.beneficiaries", com.id)
            c.refs(
                com.in_exchange_for, c.commitments, _COMMITMENT, f"{here}.in_exchange_for", com.id
            )
            c.refs(com.sources, sources, _SOURCE, f"{here}.sources", com.id)
    for i, event in enumerate(record.events):
        base = f"$.events[{i}]"
        c.refs(event.actors, parties, _PARTY, f"{base}.actors", event.id)
        c.refs(event.sources, sources, _SOURCE, f"{base}.sources", event.id)
        if event.alternative_dates:
            c.claims(event.alternative_dates, base, event.id)
    for i, vio in enumerate(record.violations):
        base = f"$.violations[{i}]"
        if vio.commitment not in c.commitments:
            c.unknown(_COMMITMENT, vio.commitment, c.commitments, f"{base}.commitment", vio.id)
        c.refs(vio.alleged_by, parties, _PARTY, f"{base}.alleged_by", vio.id)
        c.refs(vio.accused, parties, _PARTY, f"{base}.accused", vio.id)
        c.refs(vio.evidence, c.events, _EVENT, f"{base}.evidence", vio.id)
        c.refs(vio.sources, sources, _SOURCE, f"{base}.sources", vio.id)
    subjects, causes = c.subjects, c.causes
    for i, tr in enumerate(record.transitions):
        # The hot loop: test membership first, build paths only on failure.
        subject = tr.subject
        if subject not in subjects:
            c.unknown(_SUBJECT, subject, subjects, f"$.transitions[{i}].subject", subject)
        for ref in tr.causes:
            if ref not in causes:
                c.refs(tr.causes, causes, _CAUSE, f"$.transitions[{i}].causes", subject)
                break
        for ref in tr.asserted_by:
            if ref not in parties:
                c.refs(tr.asserted_by, parties, _PARTY, f"$.transitions[{i}].asserted_by", subject)
                break
        for ref in tr.sources:
            if ref not in sources:
                c.refs(tr.sources, sources, _SOURCE, f"$.transitions[{i}].sources", subject)
                break
        if tr.alternative_dates:
            c.claims(tr.alternative_dates, f"$.transitions[{i}]", subject)


def reference_findings(record: Record) -> list[Finding]:
    """Every duplicate id and every reference to an id the record does not hold.

    Duplicates come first, then unknown references, each group in document
    order (field by field as the canonical format lists them). Each message
    says what was expected and, when a known id looks alike, suggests it.
    """
    checker = _Checker(record)
    _check(record, checker)
    return checker.findings
