"""The record of arms-control agreements, with the sources for every fact.

Who promised what to whom, what happened, who alleged what, and how each status
changed.

All classes are frozen and slotted attrs classes: a record is a value, and a
changed record is a new value (:func:`attrs.evolve`). Status is never stored; it
is derived from the :class:`Transition` list (see :mod:`armscontrol.query`).

Ids are checked when an object is built (:data:`ID_PATTERN`); whether the ids a
record refers to exist is checked by :func:`armscontrol.validation.validate`, which reports
every problem at once instead of stopping at the first.

The model never knows how it is serialised; :mod:`armscontrol.io` does that.
"""

from __future__ import annotations

from armscontrol.model._facts import (
    Acknowledgement,
    Agreement,
    Commitment,
    Continuation,
    DateClaim,
    Event,
    Extension,
    Item,
    Participation,
    Party,
    Process,
    Source,
    Transition,
    Violation,
    participation_id,
)
from armscontrol.model._fields import ID_PATTERN
from armscontrol.model._fields import SLUG as SLUG_PATTERN
from armscontrol.model._kinds import (
    AgreementKind,
    AgreementState,
    CommitmentState,
    Deontic,
    EventKind,
    ParticipationState,
    PartyKind,
    SubjectKind,
    Topic,
    ViolationState,
)
from armscontrol.model._record import Record

__all__ = [
    "ID_PATTERN",
    "SLUG_PATTERN",
    "Acknowledgement",
    "Agreement",
    "AgreementKind",
    "AgreementState",
    "Commitment",
    "CommitmentState",
    "Continuation",
    "DateClaim",
    "Deontic",
    "Event",
    "EventKind",
    "Extension",
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
