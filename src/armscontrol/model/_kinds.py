"""The kinds of things in a record, and the states of the built-in lifecycles."""

from __future__ import annotations

import enum

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
    SUSPENDED = "suspended"
    ENDED = "ended"
    CONTINUED = "continued"


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
