"""Seeded synthetic records: many agreements with legal, sourced, fuzzily dated histories.

``generate(agreements, seed)`` builds a :class:`armscontrol.model.Record` that
looks like real data at scale: a pool of parties, two sources per agreement,
2-5 reciprocal commitments, events that cause transitions, violations with
evidence, per-party participations for treaties, and histories that the
built-in lifecycles allow:

* agreement: concluded → in_effect → (suspended → in_effect)* →
  collapsed | terminated | expired (or still in effect);
* commitment: active → (suspended → active)* → lapsed when the agreement ends;
* participation (treaties): signed → consented → party →
  withdrawal_notified → withdrawn (when a party's withdrawal ends the treaty);
* violation: alleged → disputed → resolved.

Every fact cites a source. Each fact happens on a true calendar day, and days
increase along every history; the day is then *written* as sources write it:
about 20 % to the month, 5 % to the year, some approximate (``~``) or
uncertain (``?``), a few as short intervals. The written span always contains
the true day, so a history is never definitely out of order, though fuzzy
neighbours may be undecidable, as in real chronologies. Some collapses are
asserted by one party only (a dispute), and a few events carry a second date
from another source.

The same seed gives the same record. About 10 transitions per agreement.

Run ``python benchmarks/generate.py 100000`` to time a large one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from armscontrol.dates import HistoricalDate, Period
from armscontrol.model import (
    Agreement,
    AgreementKind,
    AgreementState,
    Commitment,
    CommitmentState,
    DateClaim,
    Deontic,
    Event,
    EventKind,
    ParticipationState,
    Party,
    PartyKind,
    Record,
    Source,
    Topic,
    Transition,
    Violation,
    ViolationState,
    participation_id,
)

__all__ = ["PARTIES", "generate", "main"]

PARTIES: tuple[tuple[str, str, PartyKind], ...] = (
    ("USA", "United States", PartyKind.STATE),
    ("RUS", "Russian Federation", PartyKind.STATE),
    ("CHN", "China", PartyKind.STATE),
    ("GBR", "United Kingdom", PartyKind.STATE),
    ("FRA", "France", PartyKind.STATE),
    ("PRK", "North Korea", PartyKind.STATE),
    ("KOR", "South Korea", PartyKind.STATE),
    ("JPN", "Japan", PartyKind.STATE),
    ("IRN", "Iran", PartyKind.STATE),
    ("IND", "India", PartyKind.STATE),
    ("PAK", "Pakistan", PartyKind.STATE),
    ("ISR", "Israel", PartyKind.STATE),
    ("DEU", "Germany", PartyKind.STATE),
    ("ITA", "Italy", PartyKind.STATE),
    ("ESP", "Spain", PartyKind.STATE),
    ("NLD", "Netherlands", PartyKind.STATE),
    ("BEL", "Belgium", PartyKind.STATE),
    ("POL", "Poland", PartyKind.STATE),
    ("UKR", "Ukraine", PartyKind.STATE),
    ("BLR", "Belarus", PartyKind.STATE),
    ("KAZ", "Kazakhstan", PartyKind.STATE),
    ("TUR", "Turkey", PartyKind.STATE),
    ("EGY", "Egypt", PartyKind.STATE),
    ("SAU", "Saudi Arabia", PartyKind.STATE),
    ("ZAF", "South Africa", PartyKind.STATE),
    ("BRA", "Brazil", PartyKind.STATE),
    ("ARG", "Argentina", PartyKind.STATE),
    ("MEX", "Mexico", PartyKind.STATE),
    ("CAN", "Canada", PartyKind.STATE),
    ("AUS", "Australia", PartyKind.STATE),
    ("NZL", "New Zealand", PartyKind.STATE),
    ("SWE", "Sweden", PartyKind.STATE),
    ("NOR", "Norway", PartyKind.STATE),
    ("FIN", "Finland", PartyKind.STATE),
    ("CHE", "Switzerland", PartyKind.STATE),
    ("AUT", "Austria", PartyKind.STATE),
    ("IRL", "Ireland", PartyKind.STATE),
    ("IDN", "Indonesia", PartyKind.STATE),
    ("VNM", "Viet Nam", PartyKind.STATE),
    ("MNG", "Mongolia", PartyKind.STATE),
    ("LBY", "Libya", PartyKind.STATE),
    ("SYR", "Syria", PartyKind.STATE),
    ("IRQ", "Iraq", PartyKind.STATE),
    ("CUB", "Cuba", PartyKind.STATE),
    ("NGA", "Nigeria", PartyKind.STATE),
    ("IAEA", "International Atomic Energy Agency", PartyKind.ORGANIZATION),
    ("UN", "United Nations", PartyKind.ORGANIZATION),
    ("EU", "European Union", PartyKind.ORGANIZATION),
    ("OPCW", "Organisation for the Prohibition of Chemical Weapons", PartyKind.ORGANIZATION),
)
"""The pool of parties: ISO 3166-1 alpha-3 codes for states, short codes for bodies."""

_STATES = tuple(code for code, _, kind in PARTIES if kind is PartyKind.STATE)
_KINDS = (
    (AgreementKind.TREATY, 0.25),
    (AgreementKind.EXECUTIVE_AGREEMENT, 0.15),
    (AgreementKind.JOINT_STATEMENT, 0.2),
    (AgreementKind.UNDERSTANDING, 0.1),
    (AgreementKind.MORATORIUM, 0.1),
    (AgreementKind.FRAMEWORK, 0.1),
    (AgreementKind.PLAN_OF_ACTION, 0.1),
)
_RESTRAINTS = (
    Topic.NUCLEAR_TEST,
    Topic.LONG_RANGE_MISSILE_LAUNCH,
    Topic.ENRICHMENT,
    Topic.REPROCESSING,
    Topic.INTERMEDIATE_RANGE_MISSILES,
)
_PROMISES = (
    Topic.AID_DELIVERY,
    Topic.ENERGY_ASSISTANCE,
    Topic.SANCTIONS_RELIEF,
    Topic.SECURITY_ASSURANCE,
    Topic.INSPECTIONS_ACCESS,
    Topic.DISMANTLEMENT,
)
_BREACHES = {
    Topic.NUCLEAR_TEST: EventKind.NUCLEAR_TEST,
    Topic.LONG_RANGE_MISSILE_LAUNCH: EventKind.LAUNCH,
    Topic.INTERMEDIATE_RANGE_MISSILES: EventKind.MISSILE_TEST,
}
_FIRST_DAY = dt.date(1955, 1, 1).toordinal()
_LAST_START = dt.date(2012, 1, 1).toordinal()
_NOTICE = Period(months=6)
_NOTICE_DAYS = 190  # more than any six calendar months
_T = TypeVar("_T")


class _Dates:
    """Writes true days as sources write them, with a realistic share of fuzz."""

    def __init__(self, rng: random.Random) -> None:
        self._random = rng.random
        self._randint = rng.randint
        self._exact: dict[int, HistoricalDate] = {}
        self._texts: dict[str, HistoricalDate] = {}

    def exact(self, day: int) -> HistoricalDate:
        """The day itself, written to the day."""
        value = self._exact.get(day)
        if value is None:
            value = self._exact[day] = HistoricalDate.parse(dt.date.fromordinal(day).isoformat())
        return value

    def written(self, day: int) -> HistoricalDate:
        """The day as a source may write it; its span always contains the day."""
        roll = self._random()
        if roll < 0.70:
            return self.exact(day)
        date = dt.date.fromordinal(day)
        if roll < 0.87:
            text = f"{date.year:04d}-{date.month:02d}"
        elif roll < 0.90:
            text = f"{date.year:04d}-{date.month:02d}~"
        elif roll < 0.95:
            text = f"{date.year:04d}"
        elif roll < 0.97:
            text = f"{date.isoformat()}?"
        elif roll < 0.99:
            text = f"{date.isoformat()}~"
        else:
            before = dt.date.fromordinal(day - self._randint(1, 3)).isoformat()
            after = dt.date.fromordinal(day + self._randint(1, 3)).isoformat()
            text = f"{before}/{after}"
        value = self._texts.get(text)
        if value is None:
            value = self._texts[text] = HistoricalDate.parse(text)
        return value


class _Story:
    """One agreement's facts, told in order: timeline, commitments, breach, parties, end."""

    def __init__(self, builder: _Builder, number: int) -> None:
        self.builder = builder
        self.rng = builder.rng
        self.dates = builder.dates
        self.number = number
        self.key = f"a{number:06d}"
        self.text_source = f"{self.key}-text"
        self.press_source = f"{self.key}-press"
        self.first_event = len(builder.events)
        # (true day, sequence, transition): a stable sort keeps same-day order.
        self.steps: list[tuple[int, int, Transition]] = []
        randint = self.rng.randint
        self.kind = _pick(self.rng, _KINDS)
        size = _pick(self.rng, ((2, 0.6), (3, 0.3), (4, 0.1)))
        self.parties = tuple(self.rng.sample(_STATES, size))
        # The agreement's own timeline comes first so that the rest can fit in it.
        self.concluded = randint(_FIRST_DAY, _LAST_START)
        self.in_effect = self.concluded + randint(0, 400)
        self.spans: list[tuple[int, int]] = []  # (suspended, resumed) days
        cursor = self.in_effect
        for _ in range(_pick(self.rng, ((0, 0.6), (1, 0.3), (2, 0.1)))):
            suspended = cursor + randint(60, 900)
            cursor = suspended + randint(30, 500)
            self.spans.append((suspended, cursor))
        self.last_resumed = cursor
        self.end_state = _pick(
            self.rng,
            (
                (None, 0.4),
                (AgreementState.COLLAPSED, 0.2),
                (AgreementState.TERMINATED, 0.2),
                (AgreementState.EXPIRED, 0.2),
            ),
        )
        self.end = cursor + randint(300, 2500)
        count = _pick(self.rng, ((2, 0.6), (3, 0.25), (4, 0.1), (5, 0.05)))
        self.ids = tuple(f"{self.key}-c{i}" for i in range(count))
        self.violation: str | None = None

    def step(
        self,
        subject: str,
        to: str,
        day: int,
        *,
        exact: bool = False,
        causes: tuple[str, ...] = (),
        asserted_by: tuple[str, ...] = (),
    ) -> None:
        date = self.dates.exact(day) if exact else self.dates.written(day)
        sources = (
            (self.text_source, self.press_source)
            if self.rng.random() < 0.3
            else (self.press_source,)
        )
        transition = Transition(
            subject=subject,
            to=to,
            date=date,
            causes=causes,
            asserted_by=asserted_by,
            sources=sources,
        )
        self.steps.append((day, len(self.steps), transition))

    def event(self, kind: EventKind, day: int, summary: str, actors: tuple[str, ...]) -> str:
        events = self.builder.events
        event_id = f"{self.key}-e{len(events) - self.first_event}"
        alternatives: tuple[DateClaim, ...] = ()
        if self.rng.random() < 0.03:
            claim = DateClaim(
                self.dates.exact(day - 1), sources=(self.text_source,), note="time zone"
            )
            alternatives = (claim,)
        events.append(
            Event(
                id=event_id,
                kind=kind,
                date=self.dates.written(day),
                summary=summary,
                actors=actors,
                alternative_dates=alternatives,
                sources=(self.press_source,),
            )
        )
        return event_id

    def commitments(self) -> tuple[Commitment, ...]:
        """The first party restrains itself; the other gives something in return."""
        first, second = self.parties[0], self.parties[1]
        made: list[Commitment] = []
        for i, commitment_id in enumerate(self.ids):
            restraint = i % 2 == 0
            obligor, beneficiary = (first, second) if restraint else (second, first)
            topic = self.rng.choice(_RESTRAINTS if restraint else _PROMISES)
            made.append(
                Commitment(
                    id=commitment_id,
                    obligors=(obligor,),
                    deontic=Deontic.MUST_NOT if restraint else Deontic.MUST,
                    what=f"{'no' if restraint else 'provide'} {topic.value.replace('_', ' ')}",
                    beneficiaries=(beneficiary,),
                    topics=(topic.value,),
                    in_exchange_for=tuple(
                        other for j, other in enumerate(self.ids) if (j % 2 == 0) != restraint
                    ),
                    sources=(self.text_source,),
                )
            )
        return tuple(made)

    def histories(self) -> None:
        """The agreement's and its commitments' histories up to (not including) the end."""
        randint = self.rng.randint
        signature = self.event(EventKind.SIGNATURE, self.concluded, "signed", self.parties)
        self.step(self.key, AgreementState.CONCLUDED, self.concluded, causes=(signature,))
        self.step(self.key, AgreementState.IN_EFFECT, self.in_effect)
        for suspended, resumed in self.spans:
            said = self.event(EventKind.STATEMENT, suspended, "suspension", self.parties[:1])
            self.step(self.key, AgreementState.SUSPENDED, suspended, causes=(said,))
            self.step(self.key, AgreementState.IN_EFFECT, resumed)
        for i, commitment_id in enumerate(self.ids):
            self.step(commitment_id, CommitmentState.ACTIVE, self.in_effect + randint(1, 30))
            if i == 0:
                for suspended, resumed in self.spans:
                    self.step(commitment_id, CommitmentState.SUSPENDED, suspended + 1)
                    self.step(commitment_id, CommitmentState.ACTIVE, resumed + 1)

    def breach(self, topic: str) -> Violation:
        """A violation of the first restraint, with evidence while it is active."""
        randint = self.rng.randint
        first, second = self.parties[0], self.parties[1]
        self.violation = violation_id = f"{self.key}-v0"
        day = randint(self.last_resumed + 32, self.end - 60)
        kind = _BREACHES.get(Topic(topic), EventKind.OTHER)
        evidence = self.event(kind, day, "activity", (first,))
        alleged = day + randint(0, 20)
        self.step(violation_id, ViolationState.ALLEGED, alleged, exact=True)
        disputed = alleged + randint(1, 20)
        self.step(violation_id, ViolationState.DISPUTED, disputed)
        if self.rng.random() < 0.5:
            self.step(violation_id, ViolationState.RESOLVED, disputed + randint(30, 700))
        return Violation(
            id=violation_id,
            commitment=self.ids[0],
            alleged_by=(second,),
            accused=(first,),
            date=self.dates.exact(alleged),
            summary="breach alleged",
            evidence=(evidence,),
            accused_position="not covered by the agreement",
            sources=(self.press_source,),
        )

    def participations(self) -> None:
        """Each party signs, consents and becomes party; one may withdraw to end it."""
        randint = self.rng.randint
        for party in self.parties:
            subject = participation_id(self.key, party)
            self.step(subject, ParticipationState.SIGNED, self.concluded)
            consent = self.concluded + randint(0, self.in_effect - self.concluded)
            self.step(subject, ParticipationState.CONSENTED, consent)
            self.step(subject, ParticipationState.PARTY, self.in_effect)
        if self.end_state is AgreementState.TERMINATED:
            leaving = self.parties[-1]
            notified = self.end - _NOTICE_DAYS - randint(0, 30)
            subject = participation_id(self.key, leaving)
            notice = self.event(EventKind.NOTICE, notified, "withdrawal notice", (leaving,))
            state = ParticipationState.WITHDRAWAL_NOTIFIED
            self.step(subject, state, notified, exact=True, causes=(notice,))
            self.step(subject, ParticipationState.WITHDRAWN, self.end, exact=True)

    def ending(self) -> HistoricalDate | None:
        """The agreement's end, if it has one, and its commitments lapsing; the expiry."""
        end_state, end = self.end_state, self.end
        if end_state is None:
            return None
        asserted: tuple[str, ...] = ()
        causes: tuple[str, ...] = ()
        expires: HistoricalDate | None = None
        if end_state is AgreementState.COLLAPSED:
            if self.violation is not None:
                causes = (self.violation,)
            else:
                causes = (self.event(EventKind.ANNOUNCEMENT, end, "talks off", self.parties[1:2]),)
            if self.rng.random() < 0.3:
                asserted = self.parties[1:2]  # the other side says the deal still stands
        elif end_state is AgreementState.TERMINATED:
            causes = (self.event(EventKind.NOTICE, end - 1, "denunciation", self.parties[-1:]),)
        else:
            expires = self.dates.exact(end)
        self.step(self.key, end_state, end, exact=True, causes=causes, asserted_by=asserted)
        for commitment_id in self.ids:
            state = CommitmentState.LAPSED
            self.step(commitment_id, state, end, exact=True, asserted_by=asserted)
        return expires

    def tell(self) -> None:
        """Add the whole agreement to the builder."""
        builder = self.builder
        commitments = self.commitments()
        self.histories()
        if self.rng.random() < 0.35:
            builder.violations.append(self.breach(commitments[0].topics[0]))
        if self.kind is AgreementKind.TREATY:
            self.participations()
        expires = self.ending()
        number, key = self.number, self.key
        builder.sources.append(
            Source(
                id=self.text_source,
                title=f"Text of agreement {number}",
                publisher="Depositary",
                date=self.dates.exact(self.concluded),
                url=f"https://example.org/agreements/{key}",
            )
        )
        builder.sources.append(
            Source(
                id=self.press_source,
                title=f"Chronology of agreement {number}",
                publisher="Arms Control Chronicle",
                date=self.dates.written(self.end),
                locator=f"para. {self.rng.randint(1, 40)}",
            )
        )
        builder.agreements.append(
            Agreement(
                id=key,
                title=f"Agreement {number}",
                kind=self.kind,
                parties=self.parties,
                commitments=commitments,
                withdrawal_notice=_NOTICE if self.kind is AgreementKind.TREATY else None,
                expires=expires,
                sources=(self.text_source, self.press_source),
            )
        )
        self.steps.sort(key=_by_day)
        builder.transitions.extend(transition for _, _, transition in self.steps)


class _Builder:
    """Accumulates one record's facts, one agreement at a time."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.dates = _Dates(self.rng)
        self.sources: list[Source] = []
        self.agreements: list[Agreement] = []
        self.events: list[Event] = []
        self.violations: list[Violation] = []
        self.transitions: list[Transition] = []

    def record(self) -> Record:
        """The record built so far."""
        return Record(
            parties=tuple(
                Party(id=code, name=name, kind=kind, sources=("parties",))
                for code, name, kind in PARTIES
            ),
            sources=(Source(id="parties", title="ISO 3166-1 country codes"), *self.sources),
            agreements=tuple(self.agreements),
            events=tuple(self.events),
            violations=tuple(self.violations),
            transitions=tuple(self.transitions),
            title="Synthetic agreements",
        )


def _by_day(step: tuple[int, int, Transition]) -> tuple[int, int]:
    return step[0], step[1]


def _pick(rng: random.Random, weighted: tuple[tuple[_T, float], ...]) -> _T:
    roll = rng.random()
    for value, weight in weighted:
        roll -= weight
        if roll < 0:
            return value
    return weighted[-1][0]


def generate(agreements: int, seed: int) -> Record:
    """A synthetic record of ``agreements`` agreements, the same for the same seed.

    Args:
        agreements: How many agreements; about ten transitions each.
        seed: The random seed.

    Returns:
        A record whose histories the built-in lifecycles allow.
    """
    builder = _Builder(seed)
    for number in range(agreements):
        _Story(builder, number).tell()
    return builder.record()


def main(argv: list[str] | None = None, out: Callable[[str], None] = print) -> int:
    """Generate a record and print its size and how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("agreements", type=int, nargs="?", default=10_000)
    parser.add_argument("--seed", type=int, default=2012)
    args = parser.parse_args(argv)
    start = time.perf_counter()
    record = generate(args.agreements, args.seed)
    elapsed = time.perf_counter() - start
    commitments = sum(len(a.commitments) for a in record.agreements)
    out(
        f"{len(record.agreements):,} agreements, {commitments:,} commitments, "
        f"{len(record.events):,} events, {len(record.violations):,} violations, "
        f"{len(record.transitions):,} transitions in {elapsed:.2f} s "
        f"({len(record.transitions) / len(record.agreements):.1f} transitions per agreement)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
