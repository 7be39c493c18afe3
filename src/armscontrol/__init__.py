"""armscontrol: a typed, sourced, validated record of arms-control agreements.

Who promised what to whom and in exchange for what, when each side said a deal
was in effect, suspended, violated or dead, and which source says so.

The names here are re-exported from the modules that define them:
:mod:`armscontrol.dates`, :mod:`armscontrol.model`, :mod:`armscontrol.lifecycle`,
:mod:`armscontrol.validation`, :mod:`armscontrol.query` and
:mod:`armscontrol.exceptions`. The JSON format is :mod:`armscontrol.io`, the
bundled data :mod:`armscontrol.datasets`.

Example:
    >>> from armscontrol import datasets, validate
    >>> record = datasets.load("korea")
    >>> validate(record).ok
    True
    >>> record.status("leap-day-2012", on="2012-05-01").state
    'collapsed'
"""

from typing import TYPE_CHECKING

from armscontrol.dates import (
    DateLike,
    HistoricalDate,
    Order,
    OrderCheck,
    Period,
    Precision,
    as_date,
    check_order,
    compare,
)
from armscontrol.exceptions import (
    ArmsControlError,
    DateError,
    LifecycleDefinitionError,
    LoadError,
    ModelError,
    Problem,
    RuleError,
    SaveError,
    TransitionNotAllowed,
    UnknownPartyError,
    UnknownRuleError,
    UnknownSubjectError,
)
from armscontrol.model import (
    Acknowledgement,
    Agreement,
    AgreementKind,
    AgreementState,
    Commitment,
    CommitmentState,
    Continuation,
    DateClaim,
    Deontic,
    Event,
    EventKind,
    Extension,
    Item,
    Participation,
    ParticipationState,
    Party,
    PartyKind,
    Process,
    Record,
    Source,
    SubjectKind,
    Topic,
    Transition,
    Violation,
    ViolationState,
    _record,
    participation_id,
)
from armscontrol.validation import (
    RULES,
    CustomRule,
    Diagnostic,
    Finding,
    Report,
    Rule,
    Severity,
    custom_rule,
    validate,
)

if TYPE_CHECKING:
    from armscontrol.lifecycle import Lifecycle, Lifecycles
    from armscontrol.query import Allegation, Change, Derivation, History, Status, Step

# Lifecycles and the query answer types load on first use: a program that only
# builds or loads records does not need them, and every class costs import time.
_LAZY = {
    "Allegation": "query",
    "Change": "query",
    "Derivation": "query",
    "History": "query",
    "Lifecycle": "lifecycle",
    "Lifecycles": "lifecycle",
    "Status": "query",
    "Step": "query",
}


def _answers() -> _record.Answers:
    # The model sits below the queries and never imports them; the package, which
    # stands above every layer, gives Record.status and Record.history their answers.
    from armscontrol import query  # noqa: PLC0415 - loaded on the first question

    return query


_record.answer_with(_answers)


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib  # noqa: PLC0415 - see _LAZY

        return getattr(importlib.import_module(f"armscontrol.{_LAZY[name]}"), name)
    msg = f"module 'armscontrol' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__version__ = "0.1.0"
"""The version of this release (kept equal to pyproject.toml's by a test)."""

__all__ = [
    "RULES",
    "Acknowledgement",
    "Agreement",
    "AgreementKind",
    "AgreementState",
    "Allegation",
    "ArmsControlError",
    "Change",
    "Commitment",
    "CommitmentState",
    "Continuation",
    "CustomRule",
    "DateClaim",
    "DateError",
    "DateLike",
    "Deontic",
    "Derivation",
    "Diagnostic",
    "Event",
    "EventKind",
    "Extension",
    "Finding",
    "HistoricalDate",
    "History",
    "Item",
    "Lifecycle",
    "LifecycleDefinitionError",
    "Lifecycles",
    "LoadError",
    "ModelError",
    "Order",
    "OrderCheck",
    "Participation",
    "ParticipationState",
    "Party",
    "PartyKind",
    "Period",
    "Precision",
    "Problem",
    "Process",
    "Record",
    "Report",
    "Rule",
    "RuleError",
    "SaveError",
    "Severity",
    "Source",
    "Status",
    "Step",
    "SubjectKind",
    "Topic",
    "Transition",
    "TransitionNotAllowed",
    "UnknownPartyError",
    "UnknownRuleError",
    "UnknownSubjectError",
    "Violation",
    "ViolationState",
    "__version__",
    "as_date",
    "check_order",
    "compare",
    "custom_rule",
    "participation_id",
    "validate",
]
