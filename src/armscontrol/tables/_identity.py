"""What every table says about where a subject belongs, and days from instants.

A subject's agreement is looked up in maps built once per table: asking the
record for each one would walk its agreements again for every subject.
"""

from __future__ import annotations

import datetime as dt

from armscontrol.dates import HistoricalDate
from armscontrol.model import Agreement, Party, Record, SubjectKind

_DAY = 86_400
_EPOCH = dt.date(1970, 1, 1).toordinal()


def instant_of(day: dt.date) -> int:
    """The first instant of a day in UTC, in POSIX seconds."""
    return (day.toordinal() - _EPOCH) * _DAY


def day_of(instant: int) -> dt.date:
    """The UTC day holding an instant (POSIX seconds), kept within 0001 to 9999."""
    ordinal = instant // _DAY + _EPOCH
    return dt.date.fromordinal(min(max(ordinal, 1), dt.date.max.toordinal()))


def earliest(date: HistoricalDate | None) -> dt.date | None:
    """The first day a date may stand for; ``None`` for no date or an open start."""
    if date is None or date.start is None:
        return None
    return day_of(date.start.lower)


def latest(date: HistoricalDate | None) -> dt.date | None:
    """The last day a date may stand for; ``None`` for no date or an open end."""
    if date is None or date.end is None:
        return None
    return day_of(date.end.upper - 1)


class Identities:
    """The agreement (its id and title) and party each subject of a record belongs to."""

    __slots__ = ("_agreements", "_commitments", "_parties", "_violations")

    def __init__(self, record: Record) -> None:
        """Index the record's agreements, commitments and violations by id (first wins)."""
        agreements: dict[str, Agreement] = {}
        commitments: dict[str, str] = {}
        for agreement in record.agreements:
            agreements.setdefault(agreement.id, agreement)
            for commitment in agreement.commitments:
                commitments.setdefault(commitment.id, agreement.id)
        violations: dict[str, str] = {}
        for violation in record.violations:
            violations.setdefault(violation.id, violation.commitment)
        parties: dict[str, Party] = {}
        for party in record.parties:
            parties.setdefault(party.id, party)
        self._parties = parties
        self._agreements = agreements
        self._commitments = commitments
        self._violations = violations

    def agreement_of_commitment(self, commitment: str) -> str | None:
        """The id of the agreement holding a commitment, if the record has it."""
        return self._commitments.get(commitment)

    def title(self, agreement: str | None) -> str | None:
        """An agreement's title, if the record has it."""
        found = None if agreement is None else self._agreements.get(agreement)
        return None if found is None else found.title

    def of(
        self, subject: str, kind: SubjectKind | None
    ) -> tuple[str | None, str | None, str | None]:
        """A subject's agreement id, that agreement's title, and its party (participations)."""
        party = None
        if kind is SubjectKind.AGREEMENT:
            agreement: str | None = subject
        elif kind is SubjectKind.COMMITMENT:
            agreement = self._commitments.get(subject)
        elif kind is SubjectKind.PARTICIPATION:
            agreement, _, party = subject.partition("/")
        elif kind is SubjectKind.VIOLATION:
            agreement = self._commitments.get(self._violations.get(subject, ""))
        else:
            agreement = None
        return agreement, self.title(agreement), party

    def codes(self, party: str | None) -> tuple[str | None, int | None]:
        """A party's ISO 3166-1 alpha-3 code and Correlates of War number, where recorded."""
        found = None if party is None else self._parties.get(party)
        if found is None:
            return None, None
        return found.iso_alpha3, found.cow_code
