"""Deprecated: the validator now lives in :mod:`armscontrol.validation`.

``from armscontrol.validation import Report`` and the other names of this module
keep working for one release, with a :class:`DeprecationWarning`; import them
from :mod:`armscontrol.validation` (or from :mod:`armscontrol` itself) instead.
The function :func:`armscontrol.validate` is unchanged.
"""

from __future__ import annotations

import sys
import types
import warnings
from typing import TYPE_CHECKING

from armscontrol.validation import RULES, Diagnostic, Report, Rule, Severity, validate

if TYPE_CHECKING:
    from armscontrol.lifecycle import Lifecycles
    from armscontrol.model import Record

__all__ = ["RULES", "Diagnostic", "Report", "Rule", "Severity", "validate"]

warnings.warn(
    "the module armscontrol.validate is deprecated: import its names from "
    "armscontrol.validation (the function stays armscontrol.validate)",
    DeprecationWarning,
    stacklevel=2,
)


class _CallableModule(types.ModuleType):
    """This module, callable as the function it was named after.

    Importing a submodule makes it an attribute of its package, where it hides
    the function :func:`armscontrol.validate`; calling the module calls the
    function, so ``armscontrol.validate(record)`` works either way.
    """

    def __call__(self, record: Record, *, lifecycles: Lifecycles | None = None) -> Report:
        return validate(record, lifecycles=lifecycles)


sys.modules[__name__].__class__ = _CallableModule
