"""The facts of a record: sources, parties, agreements and what happened to them."""

from __future__ import annotations

from typing import TypeAlias

import attrs

from armscontrol.dates import HistoricalDate, Period
from armscontrol.exceptions import ModelError
from armscontrol.model import _fields as check
from armscontrol.model._kinds import (
    AgreementKind,
    Deontic,
    EventKind,
    PartyKind,
)

# -- the facts ----------------------------------------------------------------


@attrs.frozen
class Source:
    """A citation: where a fact comes from.

    Facts refer to sources by id, so one source serves many facts. Give a
    separate source for a separate page or quotation.

    Attributes:
        id: The source's id, e.g. ``act-2013-07-davenport``.
        title: The title of the work.
        publisher: Who published it (``Arms Control Today``, ``KCNA``).
        author: Who wrote or said it.
        date: When it was published.
        url: Where to read it.
        locator: Where in the work: page, paragraph, section.
        quote: The words the fact rests on.
    """

    id: str = attrs.field(validator=check.an_id)
    title: str = attrs.field(validator=check.text)
    publisher: str | None = attrs.field(default=None, validator=check.optional_text)
    author: str | None = attrs.field(default=None, validator=check.optional_text)
    date: HistoricalDate | None = attrs.field(
        default=None, validator=check.optional_of(HistoricalDate)
    )
    url: str | None = attrs.field(default=None, validator=check.optional_text)
    locator: str | None = attrs.field(default=None, validator=check.optional_text)
    quote: str | None = attrs.field(default=None, validator=check.optional_text)


@attrs.frozen
class Continuation:
    """That a state continues another's participation in every agreement it had.

    A continuing state (the Russian Federation for the Soviet Union) is not a
    new party: it holds the same place in each agreement, from a date on. Record
    it on the continuing party (:attr:`Party.continues`) and list both parties in
    the agreements concerned; the predecessor's steps before the date and the
    continuing state's after it then make one history.

    Attributes:
        party: Id of the party whose participations are continued (``SUN``).
        date: From when.
        sources: Ids of sources.
        note: Anything a reader should know.
    """

    party: str = attrs.field(validator=check.an_id)
    date: HistoricalDate = attrs.field(validator=check.of(HistoricalDate))
    sources: tuple[str, ...] = attrs.field(default=(), validator=check.ids)
    note: str | None = attrs.field(default=None, validator=check.optional_text)


@attrs.frozen
class Party:
    """A state or organisation that makes or receives commitments.

    Attributes:
        id: ISO 3166-1 alpha-3 for states (``USA``, ``PRK``), a short code for
            organisations (``IAEA``, ``UN``, ``EU``).
        name: The usual English name.
        kind: State, organisation or other.
        sources: Ids of sources for anything said about the party.
        continues: The state whose participations this one continues, and from
            when (the Russian Federation the Soviet Union's, from 24 December
            1991). Each agreement that lists both treats this party's
            participation as the continuation of the other's.
        iso_alpha3: The state's ISO 3166-1 alpha-3 code, for joining with
            other country data (``PRK``; ``SUN`` for the Soviet Union). The
            id is often the same code, but need not be.
        cow_code: The state's Correlates of War country number (``PRK``
            731, ``RUS`` 365, the Soviet Union 365 too), for joining with
            COW-coded data such as ATOP; ``None`` where the state has none.
    """

    id: str = attrs.field(validator=check.an_id)
    name: str = attrs.field(validator=check.text)
    kind: PartyKind = attrs.field(default=PartyKind.STATE, validator=check.of(PartyKind))
    sources: tuple[str, ...] = attrs.field(default=(), validator=check.ids)
    continues: Continuation | None = attrs.field(
        default=None, validator=check.optional_of(Continuation)
    )
    iso_alpha3: str | None = attrs.field(default=None, validator=check.optional_iso_alpha3)
    cow_code: int | None = attrs.field(default=None, validator=check.optional_cow_code)


@attrs.frozen
class DateClaim:
    """Another date that a source gives for the same fact.

    Kept beside the main date so that a disagreement between sources stays
    visible: the validator reports it and status queries treat the whole span
    of claimed dates as uncertain.

    Attributes:
        date: The date this source gives.
        sources: Ids of the sources that give it.
        note: Why the sources differ, when known (``time zone``).
    """

    date: HistoricalDate = attrs.field(validator=check.of(HistoricalDate))
    sources: tuple[str, ...] = attrs.field(default=(), validator=check.ids)
    note: str | None = attrs.field(default=None, validator=check.optional_text)


@attrs.frozen
class Process:
    """A negotiating process that produces agreements (the Six-Party Talks).

    Attributes:
        id: The process's id.
        title: Its usual name.
        parties: Ids of the parties taking part.
        summary: A sentence on what it is.
        sources: Ids of sources.
    """

    id: str = attrs.field(validator=check.an_id)
    title: str = attrs.field(validator=check.text)
    parties: tuple[str, ...] = attrs.field(default=(), validator=check.ids)
    summary: str | None = attrs.field(default=None, validator=check.optional_text)
    sources: tuple[str, ...] = attrs.field(default=(), validator=check.ids)


@attrs.frozen
class Commitment:
    """One obligation inside an agreement.

    Attributes:
        id: Unique across the record, e.g. ``prk-missile-moratorium``.
        obligors: Ids of the parties that promise.
        deontic: Must do, must not do, or may.
        what: What is promised, in plain words.
        beneficiaries: Ids of the parties it is promised to.
        topics: Subject tags (:class:`Topic` values or other lowercase slugs).
        in_exchange_for: Ids of the commitments this one is given in return for.
        conditions: Conditions on it, in plain words.
        deadline: When it must be done by.
        sources: Ids of sources.
    """

    id: str = attrs.field(validator=check.an_id)
    obligors: tuple[str, ...] = attrs.field(validator=check.ids)
    deontic: Deontic = attrs.field(validator=check.of(Deontic))
    what: str = attrs.field(validator=check.text)
    beneficiaries: tuple[str, ...] = attrs.field(default=(), validator=check.ids)
    topics: tuple[str, ...] = attrs.field(default=(), validator=check.slugs)
    in_exchange_for: tuple[str, ...] = attrs.field(default=(), validator=check.ids)
    conditions: tuple[str, ...] = attrs.field(default=(), validator=check.texts)
    deadline: HistoricalDate | None = attrs.field(
        default=None, validator=check.optional_of(HistoricalDate)
    )
    sources: tuple[str, ...] = attrs.field(default=(), validator=check.ids)


@attrs.frozen
class Extension:
    """A decision that moves an agreement's end date: later to extend it, or earlier.

    The end set by the terms (:attr:`Agreement.expires`, else the entry into
    effect plus :attr:`Agreement.duration`) holds until the first extension; each
    extension moves it from its own date on (New START: extended on 3 February
    2021 to 5 February 2026).

    Attributes:
        date: When it was decided (or took effect).
        expires: The new end date.
        sources: Ids of sources.
        note: Anything a reader should know.
    """

    date: HistoricalDate = attrs.field(validator=check.of(HistoricalDate))
    expires: HistoricalDate = attrs.field(validator=check.of(HistoricalDate))
    sources: tuple[str, ...] = attrs.field(default=(), validator=check.ids)
    note: str | None = attrs.field(default=None, validator=check.optional_text)


@attrs.frozen
class Agreement:
    """An agreement, its parties, its commitments and the terms the validator uses.

    Attributes:
        id: Unique across the record, e.g. ``leap-day-2012``.
        title: Its usual name.
        kind: Treaty, joint statement, moratorium …
        parties: Ids of its parties. Each has a participation subject,
            ``AGREEMENT/PARTY`` (see :func:`participation_id`).
        commitments: What the parties promised.
        process: Id of the negotiating process that produced it.
        withdrawal_notice: Notice a party must give before its withdrawal takes
            effect (NPT Art. X: ``P3M``; INF: ``P6M``).
        duration: A fixed duration from entry into effect; it sets the end
            date only when ``expires`` is not given.
        expires: A fixed end date. When both this and ``duration`` are given,
            this one governs.
        summary: A sentence on what it is.
        sources: Ids of sources.
        depositaries: Ids of the parties (states or organisations) that hold
            the agreement's instruments and receive its notices.
        extensions: Decisions that moved its end date, in the order they were
            taken.
    """

    id: str = attrs.field(validator=check.an_id)
    title: str = attrs.field(validator=check.text)
    kind: AgreementKind = attrs.field(validator=check.of(AgreementKind))
    parties: tuple[str, ...] = attrs.field(validator=check.ids)
    commitments: tuple[Commitment, ...] = attrs.field(
        default=(), validator=check.tuple_of(Commitment)
    )
    process: str | None = attrs.field(default=None, validator=check.optional_id)
    withdrawal_notice: Period | None = attrs.field(
        default=None, validator=check.optional_of(Period)
    )
    duration: Period | None = attrs.field(default=None, validator=check.optional_of(Period))
    expires: HistoricalDate | None = attrs.field(
        default=None, validator=check.optional_of(HistoricalDate)
    )
    summary: str | None = attrs.field(default=None, validator=check.optional_text)
    sources: tuple[str, ...] = attrs.field(default=(), validator=check.ids)
    depositaries: tuple[str, ...] = attrs.field(default=(), validator=check.ids)
    extensions: tuple[Extension, ...] = attrs.field(default=(), validator=check.tuple_of(Extension))


@attrs.frozen
class Event:
    """A dated fact in the world: a launch, a test, a statement, a meeting, a notice.

    Events are evidence: they change no status by themselves. A
    :class:`Transition` or a :class:`Violation` cites them.

    Attributes:
        id: Unique across the record.
        kind: What sort of event.
        date: When, as the main source gives it.
        summary: What happened.
        actors: Ids of the parties that acted.
        location: Where, in plain words.
        alternative_dates: Other dates other sources give.
        sources: Ids of sources for the main date and the summary.
    """

    id: str = attrs.field(validator=check.an_id)
    kind: EventKind = attrs.field(validator=check.of(EventKind))
    date: HistoricalDate = attrs.field(validator=check.of(HistoricalDate))
    summary: str = attrs.field(validator=check.text)
    actors: tuple[str, ...] = attrs.field(default=(), validator=check.ids)
    location: str | None = attrs.field(default=None, validator=check.optional_text)
    alternative_dates: tuple[DateClaim, ...] = attrs.field(
        default=(), validator=check.tuple_of(DateClaim)
    )
    sources: tuple[str, ...] = attrs.field(default=(), validator=check.ids)


@attrs.frozen
class Violation:
    """An allegation that events breached a commitment.

    Its status (alleged, disputed, confirmed …) is derived from transitions whose
    subject is the violation's id, like any other status.

    Attributes:
        id: Unique across the record.
        commitment: Id of the commitment said to be breached.
        alleged_by: Ids of the parties that allege it.
        accused: Ids of the parties accused; each should be an obligor.
        date: When it was first alleged.
        summary: What is alleged.
        evidence: Ids of the events it rests on.
        accused_position: What the accused says, in plain words.
        sources: Ids of sources.
    """

    id: str = attrs.field(validator=check.an_id)
    commitment: str = attrs.field(validator=check.an_id)
    alleged_by: tuple[str, ...] = attrs.field(validator=check.ids)
    accused: tuple[str, ...] = attrs.field(validator=check.ids)
    date: HistoricalDate = attrs.field(validator=check.of(HistoricalDate))
    summary: str = attrs.field(validator=check.text)
    evidence: tuple[str, ...] = attrs.field(default=(), validator=check.ids)
    accused_position: str | None = attrs.field(default=None, validator=check.optional_text)
    sources: tuple[str, ...] = attrs.field(default=(), validator=check.ids)


@attrs.frozen
class Transition:
    """The one thing that changes a status: a subject moved to a state on a date.

    A subject's history is its transitions in the order the record lists them;
    the validator checks that the dates agree with that order.

    Attributes:
        subject: Id of an agreement, commitment or violation, or
            ``AGREEMENT/PARTY`` for a party's participation.
        to: The state entered (a lifecycle state, e.g. ``"in_effect"``).
        date: When.
        causes: Ids of the events and violations that brought it about.
        asserted_by: Ids of the parties that say so. Empty when uncontested;
            otherwise the transition holds only according to those parties.
        note: Anything a reader should know.
        alternative_dates: Other dates other sources give.
        sources: Ids of sources.
    """

    subject: str = attrs.field(validator=check.subject)
    to: str = attrs.field(validator=check.state)
    date: HistoricalDate = attrs.field(validator=check.of(HistoricalDate))
    causes: tuple[str, ...] = attrs.field(default=(), validator=check.ids)
    asserted_by: tuple[str, ...] = attrs.field(default=(), validator=check.ids)
    note: str | None = attrs.field(default=None, validator=check.optional_text)
    alternative_dates: tuple[DateClaim, ...] = attrs.field(
        default=(), validator=check.tuple_of(DateClaim)
    )
    sources: tuple[str, ...] = attrs.field(default=(), validator=check.ids)


@attrs.frozen
class Participation:
    """One party's participation in an agreement: a subject with its own status.

    Not stored in a record: every party of every agreement has one, with the id
    ``AGREEMENT/PARTY`` (:func:`participation_id`).

    Attributes:
        agreement: The agreement's id.
        party: The party's id.
    """

    agreement: str
    party: str

    @property
    def id(self) -> str:
        """The participation's subject id, ``AGREEMENT/PARTY``."""
        return participation_id(self.agreement, self.party)


def participation_id(agreement: str, party: str) -> str:
    """The subject id of a party's participation in an agreement: ``"npt/PRK"``."""
    return f"{agreement}/{party}"


Item: TypeAlias = (
    Party | Source | Process | Agreement | Commitment | Event | Violation | Participation
)
"""Anything in a record that has an id."""


@attrs.frozen(kw_only=True)
class Acknowledgement:
    """A finding of the validator that the record's keepers know of, and why it stands.

    The validator still makes the finding, and reports it as acknowledged: counted
    apart, not listed among the findings to fix. An acknowledgement that no longer
    matches any finding is itself reported (AC601), so that none outlives what it
    explains. Every field is given by name.

    Attributes:
        code: The rule's code: ``AC504``, or a custom rule's (``HR101``).
        subject: The id of the finding's subject (an agreement, a commitment, an
            event, ``AGREEMENT/PARTY`` …): every finding of the rule about it is
            acknowledged. ``None`` (``null``) only with a path.
        reason: Why the finding stands: what the sources say, or where the
            record's documentation explains it.
        path: The JSON path of one finding (``$.transitions[6].date``), to
            acknowledge that one alone; with a subject, both must match.
        sources: Ids of sources for the reason.
    """

    code: str = attrs.field(validator=check.rule_code)
    subject: str | None = attrs.field(validator=check.optional_subject)
    reason: str = attrs.field(validator=check.text)
    path: str | None = attrs.field(default=None, validator=check.optional_json_path)
    sources: tuple[str, ...] = attrs.field(default=(), validator=check.ids)

    def __attrs_post_init__(self) -> None:
        if self.subject is None and self.path is None:
            raise ModelError(
                type(self).__name__, "subject", None, "an id, unless a path names the finding"
            )
