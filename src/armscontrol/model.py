"""The record of arms-control agreements, with the sources for every fact.

Who promised what to whom, what happened, who alleged what, and how each status
changed.

All classes are frozen and slotted attrs classes: a record is a value, and a
changed record is a new value (:func:`attrs.evolve`). Status is never stored; it
is derived from the :class:`Transition` list (see :mod:`armscontrol.query`).

Ids are checked when an object is built (:data:`ID_PATTERN`); whether the ids a
record refers to exist is checked by :func:`armscontrol.validate`, which reports
every problem at once instead of stopping at the first.

The model never knows how it is serialised; :mod:`armscontrol.io` does that.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from armscontrol.dates import DateLike, HistoricalDate, Period
from armscontrol.exceptions import ModelError, UnknownSubjectError

if TYPE_CHECKING:
    from armscontrol.query import History, Status

__all__ = [
    "ID_PATTERN",
    "Agreement",
    "AgreementKind",
    "AgreementState",
    "Commitment",
    "CommitmentState",
    "DateClaim",
    "Deontic",
    "Event",
    "EventKind",
    "Item",
    "Participation",
    "ParticipationState",
    "Party",
    "PartyKind",
    "Process",
    "Record",
    "Source",
    "SubjectKind",
    "Topic",
    "Transition",
    "Violation",
    "ViolationState",
    "participation_id",
]

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}", re.ASCII)
"""What an id looks like: a letter or digit, then up to 127 letters, digits,
``.``, ``_`` or ``-`` (``leap-day-2012``, ``PRK``, ``unsc-2087``)."""

_SLUG = re.compile(r"[a-z0-9][a-z0-9_]*", re.ASCII)


# -- kinds --------------------------------------------------------------------


class PartyKind(enum.StrEnum):
    """What sort of actor a party is."""

    STATE = "state"
    """A sovereign state (its id is its ISO 3166-1 alpha-3 code)."""
    ORGANIZATION = "organization"
    """An international organisation (``IAEA``, ``UN``, ``EU``)."""
    OTHER = "other"
    """Any other actor: a non-state group, a company, a person."""


class AgreementKind(enum.StrEnum):
    """The legal or political form of an agreement."""

    TREATY = "treaty"
    """A treaty or convention, binding in international law."""
    EXECUTIVE_AGREEMENT = "executive_agreement"
    """Made by governments without a treaty's ratification (in US practice, the Senate's)."""
    JOINT_STATEMENT = "joint_statement"
    """A statement issued together by the parties."""
    UNDERSTANDING = "understanding"
    """A political understanding, often announced separately by each side."""
    MORATORIUM = "moratorium"
    """A pledge to refrain from an activity for a time."""
    FRAMEWORK = "framework"
    """A framework that sets out steps to be agreed in detail later."""
    PLAN_OF_ACTION = "plan_of_action"
    """A plan of action with reciprocal steps (the JCPOA)."""
    OTHER = "other"
    """Any other form."""


class Deontic(enum.StrEnum):
    """Whether a commitment obliges, forbids or permits."""

    MUST = "must"
    """The obligors must do it (an obligation)."""
    MUST_NOT = "must_not"
    """The obligors must not do it (a prohibition)."""
    MAY = "may"
    """The obligors may do it (a permission)."""


class Topic(enum.StrEnum):
    """Common subject tags for commitments; any lowercase slug is accepted too."""

    NUCLEAR_TEST = "nuclear_test"
    """Nuclear explosive tests."""
    LONG_RANGE_MISSILE_LAUNCH = "long_range_missile_launch"
    """Launches of long-range ballistic missiles."""
    INTERMEDIATE_RANGE_MISSILES = "intermediate_range_missiles"
    """Intermediate-range missiles and their launchers."""
    SPACE_LAUNCH = "space_launch"
    """Satellite launches, with their ballistic-missile technology."""
    ENRICHMENT = "enrichment"
    """Uranium enrichment."""
    REPROCESSING = "reprocessing"
    """Reprocessing of spent fuel (plutonium separation)."""
    NUCLEAR_ACTIVITIES = "nuclear_activities"
    """Nuclear activities in general, or a named facility's."""
    INSPECTIONS_ACCESS = "inspections_access"
    """Access for inspectors or monitors (the IAEA's)."""
    DISMANTLEMENT = "dismantlement"
    """Dismantling facilities or weapons."""
    DENUCLEARIZATION = "denuclearization"
    """Giving up nuclear weapons and programmes."""
    AID_DELIVERY = "aid_delivery"
    """Deliveries of food, nutritional or humanitarian aid."""
    ENERGY_ASSISTANCE = "energy_assistance"
    """Fuel oil, power or reactors supplied."""
    ECONOMIC_COOPERATION = "economic_cooperation"
    """Trade, investment and economic cooperation."""
    SECURITY_ASSURANCE = "security_assurance"
    """Assurances against attack or threat."""
    CIVIL_NUCLEAR_COOPERATION = "civil_nuclear_cooperation"
    """Cooperation on civil nuclear energy."""
    SANCTIONS_RELIEF = "sanctions_relief"
    """Lifting or suspending sanctions."""
    NORMALIZATION = "normalization"
    """Normalising diplomatic relations."""
    OTHER = "other"
    """Any other subject."""


class EventKind(enum.StrEnum):
    """What sort of fact in the world an event is."""

    ANNOUNCEMENT = "announcement"
    """A public announcement, such as of an agreement reached."""
    STATEMENT = "statement"
    """A statement of position by a government or organisation."""
    MEETING = "meeting"
    """A meeting or summit."""
    NEGOTIATION = "negotiation"
    """A round of talks."""
    SIGNATURE = "signature"
    """The signing of an agreement."""
    NOTICE = "notice"
    """A formal notice: of withdrawal, suspension or termination."""
    LAUNCH = "launch"
    """A missile or satellite launch, or an attempt."""
    NUCLEAR_TEST = "nuclear_test"
    """A nuclear explosive test."""
    MISSILE_TEST = "missile_test"
    """A missile flight test."""
    AID_SHIPMENT = "aid_shipment"
    """A delivery of aid, or its halt."""
    INSPECTION = "inspection"
    """An inspection or monitoring visit, or a report of one."""
    RESOLUTION = "resolution"
    """A resolution of an international body (UN Security Council, IAEA Board)."""
    SANCTION = "sanction"
    """Sanctions imposed or lifted."""
    OTHER = "other"
    """Any other fact."""


class SubjectKind(enum.StrEnum):
    """The four kinds of thing that have a status, each with its own lifecycle."""

    AGREEMENT = "agreement"
    """An agreement as a whole (its id)."""
    COMMITMENT = "commitment"
    """One commitment inside an agreement (its id)."""
    PARTICIPATION = "participation"
    """One party's place in an agreement (``AGREEMENT/PARTY``)."""
    VIOLATION = "violation"
    """A violation allegation (its id)."""


# -- states of the built-in lifecycles (armscontrol.lifecycle declares the steps)


class AgreementState(enum.StrEnum):
    """States of an agreement in the built-in agreement lifecycle.

    What each state means is the lifecycle's description of it
    (:data:`armscontrol.lifecycle.AGREEMENT`).
    """

    PROPOSED = "proposed"
    NEGOTIATING = "negotiating"
    CONCLUDED = "concluded"
    IN_EFFECT = "in_effect"
    SUSPENDED = "suspended"
    COLLAPSED = "collapsed"
    TERMINATED = "terminated"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"
    ABANDONED = "abandoned"


class CommitmentState(enum.StrEnum):
    """States of a commitment in the built-in commitment lifecycle.

    What each state means is the lifecycle's description of it
    (:data:`armscontrol.lifecycle.COMMITMENT`).
    """

    PENDING = "pending"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    VIOLATED = "violated"
    FULFILLED = "fulfilled"
    LAPSED = "lapsed"
    RELEASED = "released"
    RENOUNCED = "renounced"


class ParticipationState(enum.StrEnum):
    """States of one party's participation in an agreement.

    What each state means is the lifecycle's description of it
    (:data:`armscontrol.lifecycle.PARTICIPATION`).
    """

    NON_PARTY = "non_party"
    SIGNED = "signed"
    CONSENTED = "consented"
    PARTY = "party"
    WITHDRAWAL_NOTIFIED = "withdrawal_notified"
    WITHDRAWAL_SUSPENDED = "withdrawal_suspended"
    WITHDRAWN = "withdrawn"
    CONSENT_REVOKED = "consent_revoked"


class ViolationState(enum.StrEnum):
    """States of a violation allegation.

    What each state means is the lifecycle's description of it
    (:data:`armscontrol.lifecycle.VIOLATION`).
    """

    ALLEGED = "alleged"
    DISPUTED = "disputed"
    ACKNOWLEDGED = "acknowledged"
    CONFIRMED = "confirmed"
    RESOLVED = "resolved"
    RETRACTED = "retracted"


# -- field checks ---------------------------------------------------------------


def _fail(instance: object, attribute: attrs.Attribute[Any], value: object, reason: str) -> None:
    raise ModelError(type(instance).__name__, attribute.name, value, reason)


def _id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or ID_PATTERN.fullmatch(value) is None:
        _fail(instance, attribute, value, "an id: a letter or digit, then letters, digits, . _ -")


def _optional_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _id(instance, attribute, value)


_SEPARATOR = "\n"  # never part of an id, so a joined tuple of ids matches _ID_LIST
_ID_LIST = re.compile(rf"{ID_PATTERN.pattern}(?:{_SEPARATOR}{ID_PATTERN.pattern})*", re.ASCII)


def _ids(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    # Fast path, taken by every well-formed tuple: one match over the joined ids.
    # The separator count rules out an id that itself contains the separator.
    if type(value) is tuple:
        if not value:
            return
        try:
            joined = _SEPARATOR.join(value)
        except TypeError:
            joined = ""
        if (
            _ID_LIST.fullmatch(joined)
            and joined.count(_SEPARATOR) == len(value) - 1
            and len(set(value)) == len(value)
        ):
            return
    _check_ids(instance, attribute, value)


def _check_ids(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        _fail(instance, attribute, value, "a tuple of ids")
        return
    for item in value:
        if not isinstance(item, str) or ID_PATTERN.fullmatch(item) is None:
            _fail(instance, attribute, value, f"a tuple of ids; {item!r} is not an id")
    if len(set(value)) != len(value):
        _fail(instance, attribute, value, "ids without repeats")


def _subject(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, str):
        head, _, tail = value.partition("/")
        if ID_PATTERN.fullmatch(head) and (not tail or ID_PATTERN.fullmatch(tail)):
            return
    _fail(instance, attribute, value, "an id, or AGREEMENT/PARTY for a participation")


def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        _fail(instance, attribute, value, "a non-empty string")


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _text(instance, attribute, value)


def _slugs(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(
        isinstance(item, str) and _SLUG.fullmatch(item) for item in value
    ):
        _fail(instance, attribute, value, "a tuple of lowercase tags such as 'nuclear_test'")


def _texts(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple) or not all(isinstance(i, str) and i.strip() for i in value):
        _fail(instance, attribute, value, "a tuple of non-empty strings")


def _of(kind: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            _fail(instance, attribute, value, f"a {kind.__name__}")

    return check


def _optional_of(kind: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    check = _of(kind)

    def optional(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check(instance, attribute, value)

    return optional


def _tuple_of(kind: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple) or not all(isinstance(item, kind) for item in value):
            _fail(instance, attribute, value, f"a tuple of {kind.__name__}")

    return check


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

    id: str = attrs.field(validator=_id)
    title: str = attrs.field(validator=_text)
    publisher: str | None = attrs.field(default=None, validator=_optional_text)
    author: str | None = attrs.field(default=None, validator=_optional_text)
    date: HistoricalDate | None = attrs.field(default=None, validator=_optional_of(HistoricalDate))
    url: str | None = attrs.field(default=None, validator=_optional_text)
    locator: str | None = attrs.field(default=None, validator=_optional_text)
    quote: str | None = attrs.field(default=None, validator=_optional_text)


@attrs.frozen
class Party:
    """A state or organisation that makes or receives commitments.

    Attributes:
        id: ISO 3166-1 alpha-3 for states (``USA``, ``PRK``), a short code for
            organisations (``IAEA``, ``UN``, ``EU``).
        name: The usual English name.
        kind: State, organisation or other.
        sources: Ids of sources for anything said about the party.
    """

    id: str = attrs.field(validator=_id)
    name: str = attrs.field(validator=_text)
    kind: PartyKind = attrs.field(default=PartyKind.STATE, validator=_of(PartyKind))
    sources: tuple[str, ...] = attrs.field(default=(), validator=_ids)


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

    date: HistoricalDate = attrs.field(validator=_of(HistoricalDate))
    sources: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    note: str | None = attrs.field(default=None, validator=_optional_text)


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

    id: str = attrs.field(validator=_id)
    title: str = attrs.field(validator=_text)
    parties: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    summary: str | None = attrs.field(default=None, validator=_optional_text)
    sources: tuple[str, ...] = attrs.field(default=(), validator=_ids)


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

    id: str = attrs.field(validator=_id)
    obligors: tuple[str, ...] = attrs.field(validator=_ids)
    deontic: Deontic = attrs.field(validator=_of(Deontic))
    what: str = attrs.field(validator=_text)
    beneficiaries: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    topics: tuple[str, ...] = attrs.field(default=(), validator=_slugs)
    in_exchange_for: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    conditions: tuple[str, ...] = attrs.field(default=(), validator=_texts)
    deadline: HistoricalDate | None = attrs.field(
        default=None, validator=_optional_of(HistoricalDate)
    )
    sources: tuple[str, ...] = attrs.field(default=(), validator=_ids)


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
        duration: A fixed duration from entry into effect.
        expires: A fixed end date.
        summary: A sentence on what it is.
        sources: Ids of sources.
    """

    id: str = attrs.field(validator=_id)
    title: str = attrs.field(validator=_text)
    kind: AgreementKind = attrs.field(validator=_of(AgreementKind))
    parties: tuple[str, ...] = attrs.field(validator=_ids)
    commitments: tuple[Commitment, ...] = attrs.field(default=(), validator=_tuple_of(Commitment))
    process: str | None = attrs.field(default=None, validator=_optional_id)
    withdrawal_notice: Period | None = attrs.field(default=None, validator=_optional_of(Period))
    duration: Period | None = attrs.field(default=None, validator=_optional_of(Period))
    expires: HistoricalDate | None = attrs.field(
        default=None, validator=_optional_of(HistoricalDate)
    )
    summary: str | None = attrs.field(default=None, validator=_optional_text)
    sources: tuple[str, ...] = attrs.field(default=(), validator=_ids)


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

    id: str = attrs.field(validator=_id)
    kind: EventKind = attrs.field(validator=_of(EventKind))
    date: HistoricalDate = attrs.field(validator=_of(HistoricalDate))
    summary: str = attrs.field(validator=_text)
    actors: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    location: str | None = attrs.field(default=None, validator=_optional_text)
    alternative_dates: tuple[DateClaim, ...] = attrs.field(
        default=(), validator=_tuple_of(DateClaim)
    )
    sources: tuple[str, ...] = attrs.field(default=(), validator=_ids)


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

    id: str = attrs.field(validator=_id)
    commitment: str = attrs.field(validator=_id)
    alleged_by: tuple[str, ...] = attrs.field(validator=_ids)
    accused: tuple[str, ...] = attrs.field(validator=_ids)
    date: HistoricalDate = attrs.field(validator=_of(HistoricalDate))
    summary: str = attrs.field(validator=_text)
    evidence: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    accused_position: str | None = attrs.field(default=None, validator=_optional_text)
    sources: tuple[str, ...] = attrs.field(default=(), validator=_ids)


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

    subject: str = attrs.field(validator=_subject)
    to: str = attrs.field()
    date: HistoricalDate = attrs.field(validator=_of(HistoricalDate))
    causes: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    asserted_by: tuple[str, ...] = attrs.field(default=(), validator=_ids)
    note: str | None = attrs.field(default=None, validator=_optional_text)
    alternative_dates: tuple[DateClaim, ...] = attrs.field(
        default=(), validator=_tuple_of(DateClaim)
    )
    sources: tuple[str, ...] = attrs.field(default=(), validator=_ids)

    @to.validator
    def _check_to(self, attribute: attrs.Attribute[str], value: object) -> None:
        if not isinstance(value, str):
            _fail(self, attribute, value, "a str")
        elif not _SLUG.fullmatch(value):
            _fail(self, attribute, value, "a lowercase state name such as 'in_effect'")


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


_SUBJECT_KINDS: dict[type, SubjectKind] = {
    Agreement: SubjectKind.AGREEMENT,
    Commitment: SubjectKind.COMMITMENT,
    Participation: SubjectKind.PARTICIPATION,
    Violation: SubjectKind.VIOLATION,
}

Item: TypeAlias = (
    Party | Source | Process | Agreement | Commitment | Event | Violation | Participation
)
"""Anything in a record that has an id."""


def _index(record: Record) -> dict[str, Item]:
    index: dict[str, Item] = {}
    # Later duplicates do not replace earlier ones; the validator reports them.
    for group in (
        record.parties,
        record.sources,
        record.processes,
        record.agreements,
        record.events,
        record.violations,
    ):
        for item in group:
            index.setdefault(item.id, item)
    for agreement in record.agreements:
        for commitment in agreement.commitments:
            index.setdefault(commitment.id, commitment)
    # Participations are made when asked for (Record._find): a record has one per
    # party of every agreement, and most are never looked up.
    return index


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
    """

    parties: tuple[Party, ...] = attrs.field(default=(), validator=_tuple_of(Party))
    sources: tuple[Source, ...] = attrs.field(default=(), validator=_tuple_of(Source))
    processes: tuple[Process, ...] = attrs.field(default=(), validator=_tuple_of(Process))
    agreements: tuple[Agreement, ...] = attrs.field(default=(), validator=_tuple_of(Agreement))
    events: tuple[Event, ...] = attrs.field(default=(), validator=_tuple_of(Event))
    violations: tuple[Violation, ...] = attrs.field(default=(), validator=_tuple_of(Violation))
    transitions: tuple[Transition, ...] = attrs.field(default=(), validator=_tuple_of(Transition))
    title: str | None = attrs.field(default=None, validator=_optional_text)
    description: str | None = attrs.field(default=None, validator=_optional_text)
    _cache: dict[str, Item] = attrs.field(init=False, eq=False, repr=False, factory=dict)

    def _lookup(self) -> dict[str, Item]:
        if not self._cache:
            self._cache.update(_index(self))
        return self._cache

    def _find(self, item_id: str) -> Item | None:
        found = self._lookup().get(item_id)
        if found is None and "/" in item_id:
            agreement, _, party = item_id.partition("/")
            holder = self._lookup().get(agreement)
            if isinstance(holder, Agreement) and party in holder.parties:
                return Participation(agreement, party)
        return found

    def __contains__(self, item_id: object) -> bool:
        return isinstance(item_id, str) and self._find(item_id) is not None

    def get(self, item_id: str) -> Item:
        """The object with this id: a party, source, agreement, commitment, event.

        Raises:
            UnknownSubjectError: No object has this id; the error suggests
                close matches.
        """
        found = self._find(item_id)
        if found is None:
            raise UnknownSubjectError(item_id, self._similar(item_id))
        return found

    def ids(self) -> Iterator[str]:
        """Every id in the record, in record order, then every participation's."""
        yield from self._lookup()
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
        raise UnknownSubjectError(commitment_id, self._similar(commitment_id))

    def transitions_of(self, subject: str) -> tuple[Transition, ...]:
        """The transitions of one subject, in record order."""
        return tuple(t for t in self.transitions if t.subject == subject)

    def status(self, subject: str, on: DateLike, according_to: str | None = None) -> Status:
        """The status of a subject on a date, derived from its history.

        A shortcut for :func:`armscontrol.query.status`; see there.
        """
        from armscontrol import query  # noqa: PLC0415 - the model does not depend on queries

        return query.status(self, subject, on, according_to=according_to)

    def history(self, subject: str, according_to: str | None = None) -> History:
        """A subject's history: each step with its state, date, causes and sources.

        A shortcut for :func:`armscontrol.query.history`; see there.
        """
        from armscontrol import query  # noqa: PLC0415 - the model does not depend on queries

        return query.history(self, subject, according_to=according_to)

    def _similar(self, item_id: str, *, statused: bool = False) -> tuple[str, ...]:
        import difflib  # noqa: PLC0415 - only needed on the error path

        kinds = (Agreement, Commitment, Violation)
        pool = [
            key for key, item in self._lookup().items() if not statused or isinstance(item, kinds)
        ]
        pool.extend(
            participation_id(agreement.id, party)
            for agreement in self.agreements
            for party in agreement.parties
        )
        return tuple(difflib.get_close_matches(item_id, pool, n=3, cutoff=0.6))
