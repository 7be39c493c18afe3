"""How bad a finding is: the one scale of the built-in rules, custom rules and settings."""

from __future__ import annotations

import enum


class Severity(enum.StrEnum):
    """How bad a finding is."""

    ERROR = "error"
    """The record contradicts itself: an unknown id, an impossible step, a wrong order."""
    WARNING = "warning"
    """Probably a mistake or a gap, or something the dates cannot settle."""
    INFO = "info"
    """Worth knowing, not wrong: a dispute between parties or between sources."""
