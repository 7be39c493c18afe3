"""The kinds of things in a record, and the states of the built-in lifecycles."""

from __future__ import annotations

import enum

# -- kinds --------------------------------------------------------------------


class PartyKind(enum.StrEnum):
    """What sort of actor a party is."""

    STATE = "state"
    ORGANIZATION = "organization"
    OTHER = "other"


class AgreementKind(enum.StrEnum):
    """The legal or political form of an agreement."""

    TREATY = "treaty"
    EXECUTIVE_AGREEMENT = "executive_agreement"
    JOINT_STATEMENT = "joint_statement"
    UNDERSTANDING = "understanding"
    MORATORIUM = "moratorium"
    FRAMEWORK = "framework"
    PLAN_OF_ACTION = "plan_of_action"
    OTHER = "other"


class Deontic(enum.StrEnum):
    """Whether a commitment obliges, forbids or permits."""

    MUST = "must"
    MUST_NOT = "must_not"
    MAY = "may"


class Topic(enum.StrEnum):
    """Common subject tags for commitments; any lowercase slug is accepted too."""

    NUCLEAR_TEST = "nuclear_test"
    LONG_RANGE_MISSILE_LAUNCH = "long_range_missile_launch"
    INTERMEDIATE_RANGE_MISSILES = "intermediate_range_missiles"
    SPACE_LAUNCH = "space_launch"
    ENRICHMENT = "enrichment"
    REPROCESSING = "reprocessing"
    NUCLEAR_ACTIVITIES = "nuclear_activities"
    INSPECTIONS_ACCESS = "inspections_access"
    DISMANTLEMENT = "dismantlement"
    DENUCLEARIZATION = "denuclearization"
    AID_DELIVERY = "aid_delivery"
    ENERGY_ASSISTANCE = "energy_assistance"
    ECONOMIC_COOPERATION = "economic_cooperation"
    SECURITY_ASSURANCE = "security_assurance"
    CIVIL_NUCLEAR_COOPERATION = "civil_nuclear_cooperation"
    SANCTIONS_RELIEF = "sanctions_relief"
    NORMALIZATION = "normalization"
    OTHER = "other"


class EventKind(enum.StrEnum):
    """What sort of fact in the world an event is."""

    ANNOUNCEMENT = "announcement"
    STATEMENT = "statement"
    MEETING = "meeting"
    NEGOTIATION = "negotiation"
    SIGNATURE = "signature"
    NOTICE = "notice"
    LAUNCH = "launch"
    NUCLEAR_TEST = "nuclear_test"
    MISSILE_TEST = "missile_test"
    AID_SHIPMENT = "aid_shipment"
    INSPECTION = "inspection"
    RESOLUTION = "resolution"
    SANCTION = "sanction"
    OTHER = "other"


class SubjectKind(enum.StrEnum):
    """The four kinds of thing that have a status, each with its own lifecycle."""

    AGREEMENT = "agreement"
    COMMITMENT = "commitment"
    PARTICIPATION = "participation"
    VIOLATION = "violation"


# -- states of the built-in lifecycles (armscontrol.lifecycle declares the steps)


class AgreementState(enum.StrEnum):
    """States of an agreement in the built-in agreement lifecycle."""

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
    """States of a commitment in the built-in commitment lifecycle."""

    PENDING = "pending"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    VIOLATED = "violated"
    FULFILLED = "fulfilled"
    LAPSED = "lapsed"
    RELEASED = "released"
    RENOUNCED = "renounced"


class ParticipationState(enum.StrEnum):
    """States of one party's participation in an agreement."""

    NON_PARTY = "non_party"
    SIGNED = "signed"
    CONSENTED = "consented"
    PARTY = "party"
    WITHDRAWAL_NOTIFIED = "withdrawal_notified"
    WITHDRAWAL_SUSPENDED = "withdrawal_suspended"
    WITHDRAWN = "withdrawn"
    CONSENT_REVOKED = "consent_revoked"


class ViolationState(enum.StrEnum):
    """States of a violation allegation."""

    ALLEGED = "alleged"
    DISPUTED = "disputed"
    ACKNOWLEDGED = "acknowledged"
    CONFIRMED = "confirmed"
    RESOLVED = "resolved"
    RETRACTED = "retracted"
