"""The errors armscontrol raises, all beneath one root, :class:`ArmsControlError`.

Every error carries the data it talks about as attributes (the text that did not
parse, the states of a broken lifecycle, every problem of a bad file) and builds
its message from them, so programs can act on the data and people can read the
message.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "ArmsControlError",
    "DateError",
    "LifecycleDefinitionError",
    "LoadError",
    "ModelError",
    "Problem",
    "RuleError",
    "SaveError",
    "TransitionNotAllowed",
    "UnknownPartyError",
    "UnknownRuleError",
    "UnknownSubjectError",
]


class ArmsControlError(Exception):
    """Root of every error raised by armscontrol."""


class DateError(ArmsControlError, ValueError):
    """A text that is not a historical date in the library's syntax.

    Attributes:
        text: The text that was given.
        expected: What would have been accepted.
    """

    def __init__(self, text: str, expected: str) -> None:
        self.text = text
        self.expected = expected
        super().__init__(f"not a historical date: {text!r}; expected {expected}")


class ModelError(ArmsControlError, ValueError):
    """A value that a model object cannot hold (a malformed id, an empty tuple …).

    Attributes:
        owner: The class being built, e.g. ``"Agreement"``.
        field: The field at fault.
        value: The value that was refused.
        reason: Why it was refused.
    """

    def __init__(self, owner: str, field: str, value: object, reason: str) -> None:
        self.owner = owner
        self.field = field
        self.value = value
        self.reason = reason
        super().__init__(f"{owner}.{field} = {value!r}: {reason}")


class LifecycleDefinitionError(ArmsControlError, ValueError):
    """A lifecycle declaration that cannot work.

    Attributes:
        lifecycle: The lifecycle's name.
        problems: One line per problem found, every problem at once.
        states: The states at fault, across all problems.
    """

    def __init__(self, lifecycle: str, problems: Sequence[str], states: Iterable[str]) -> None:
        self.lifecycle = lifecycle
        self.problems = tuple(problems)
        self.states = frozenset(states)
        joined = "; ".join(self.problems)
        super().__init__(f"lifecycle {lifecycle!r} is not well formed: {joined}")


class TransitionNotAllowed(ArmsControlError):  # noqa: N818 - reads as the event it reports
    """A step that a lifecycle does not allow.

    Attributes:
        lifecycle: The lifecycle's name.
        state: The state the subject was in (``None`` before its first state).
        target: The state it was asked to move to.
        allowed: The states it could have moved to instead.
    """

    def __init__(
        self, lifecycle: str, state: str | None, target: str, allowed: Iterable[str]
    ) -> None:
        self.lifecycle = lifecycle
        self.state = state
        self.target = target
        self.allowed = tuple(sorted(allowed))
        options = ", ".join(self.allowed) or "nothing (terminal state)"
        origin = state if state is not None else "(start)"
        super().__init__(
            f"{lifecycle}: {origin} → {target} is not allowed; from {origin}: {options}"
        )


class UnknownSubjectError(ArmsControlError, KeyError):
    """A query named an id that the record does not hold.

    Attributes:
        subject: The id that was asked for.
        suggestions: Known ids that look like it, closest first.
    """

    def __init__(self, subject: str, suggestions: Sequence[str] = ()) -> None:
        self.subject = subject
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(map(repr, self.suggestions))}?" if suggestions else ""
        super().__init__(f"unknown subject {subject!r}{hint}")

    def __str__(self) -> str:
        # KeyError would quote the whole message again.
        return str(self.args[0])


class UnknownPartyError(UnknownSubjectError):
    """A query named a party (``according_to``) that the record never mentions.

    A kind of :class:`UnknownSubjectError`, so code that catches that catches
    this too.

    Attributes:
        subject: The party id that was asked for (also as ``party``).
        suggestions: Known party ids that look like it, closest first; one that
            differs only in case comes first.
    """

    def __init__(self, party: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(party, suggestions)
        hint = f"; did you mean {', '.join(map(repr, self.suggestions))}?" if suggestions else ""
        self.args = (f"unknown party {party!r}{hint}",)

    @property
    def party(self) -> str:
        """The party id that was asked for."""
        return self.subject


@attrs.frozen
class Problem:
    """One thing wrong with an input, and where it is.

    Attributes:
        path: A JSON path into the document, e.g. ``$.agreements[2].commitments[0].obligor``.
        message: What is wrong and what was expected.
        file: The file it came from, when the input was a file.
    """

    path: str
    message: str
    file: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.file else self.path
        return f"{where}: {self.message}"


class LoadError(ArmsControlError, ValueError):
    """Input that is not a valid record; lists every problem found, not just the first.

    Attributes:
        problems: Every problem, in document order.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in input"
        super().__init__("\n  ".join([head, *map(str, self.problems)]))


class SaveError(ArmsControlError, OSError):
    """A record could not be saved; the file that was there before is left as it was.

    Attributes:
        path: The file that was to be written.
        reason: What went wrong.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"could not save {path}: {reason}; the existing file is unchanged")


class UnknownRuleError(ArmsControlError, ValueError):
    """A rule code or code prefix that names no rule (to select, ignore or re-grade).

    Attributes:
        selector: The code or prefix that was given, e.g. ``"AC9"``.
        suggestions: Codes and prefixes that look like it, closest first.
    """

    def __init__(self, selector: str, suggestions: Sequence[str] = ()) -> None:
        self.selector = selector
        self.suggestions = tuple(suggestions)
        hint = f"; did you mean {', '.join(map(repr, self.suggestions))}?" if suggestions else ""
        super().__init__(f"unknown rule code {selector!r}{hint}")


class RuleError(ArmsControlError):
    """A custom rule that cannot be used: declared wrongly, clashing, or failing when run.

    When the rule's check raised, that exception is the ``__cause__``.

    Attributes:
        code: The rule's code, or ``None`` when there is none to name.
        reason: What is wrong with it.
    """

    def __init__(self, code: str | None, reason: str) -> None:
        self.code = code
        self.reason = reason
        super().__init__(f"rule {code}: {reason}" if code else reason)
