"""Text and JSON shapes for the command line: wrapping, counts, plain JSON data.

Nothing here prints; :mod:`armscontrol.cli` does.
"""

from __future__ import annotations

import enum
import json
import os
import shutil
import textwrap
from collections.abc import Mapping, Sequence, Set
from typing import Any, TextIO, cast

import attrs

from armscontrol.dates import HistoricalDate, Period

DEFAULT_WIDTH = 80
"""Width of text output when it does not go to a terminal."""

INDENT = "    "
"""Indent of continuation lines and of the lines under a finding."""


def width(stream: TextIO) -> int:
    """The width to wrap text to: the terminal's when ``stream`` is one, else 80."""
    if _is_tty(stream):
        return max(40, shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns)
    return DEFAULT_WIDTH


def colour(stream: TextIO) -> bool:
    """Whether to colour output: only on a terminal, and never when ``NO_COLOR`` is set."""
    return _is_tty(stream) and not os.environ.get("NO_COLOR")


def _is_tty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    return bool(isatty is not None and isatty())


_STYLES = {"error": "1;31", "warning": "1;33", "info": "1;36", "note": "1;36"}


def paint(text: str, severity: str, *, enabled: bool) -> str:
    """``text`` in its severity's colour when colour is enabled, else unchanged."""
    style = _STYLES.get(severity)
    if not enabled or style is None:
        return text
    return f"\x1b[{style}m{text}\x1b[0m"


def wrap(text: str, columns: int, *, indent: str = INDENT) -> str:
    """Each line of ``text`` wrapped to ``columns``, continuations indented.

    Words are never broken, so an id or a JSON path stays whole (and may run past
    the margin) and can be searched for.
    """
    wrapped = (
        textwrap.fill(
            line,
            columns,
            subsequent_indent=indent + " " * (len(line) - len(line.lstrip())),
            break_long_words=False,
            break_on_hyphens=False,
        )
        if len(line) > columns
        else line
        for line in text.splitlines()
    )
    return "\n".join(wrapped)


def wrap_columns(text: str, columns: int) -> str:
    """Each line of a column layout wrapped to ``columns``, continuations aligned.

    A line with a parenthesised last column (``  2012-02-29  in_effect  (sources: …)``)
    continues under the parenthesis's content; any other line under its own
    first character. Where that would leave less than half the width, the
    continuation is indented as in :func:`wrap`.
    """
    lines: list[str] = []
    for line in text.splitlines():
        lead = len(line) - len(line.lstrip())
        column = line.find("  (")
        hang = column + 3 if column > lead else lead
        if hang > columns // 2:
            hang = lead + len(INDENT)
        lines.append(
            textwrap.fill(
                line,
                columns,
                subsequent_indent=" " * hang,
                break_long_words=False,
                break_on_hyphens=False,
            )
            if len(line) > columns
            else line
        )
    return "\n".join(lines)


def plural(count: int, noun: str) -> str:
    """``"1 error"``, ``"2 errors"``, ``"0 errors"``."""
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary(errors: int, warnings: int, notes: int) -> str:
    """The closing line of a validation: ``"2 errors, 1 warning, 3 notes"``."""
    return ", ".join([plural(errors, "error"), plural(warnings, "warning"), plural(notes, "note")])


def plain(value: object) -> Any:  # noqa: PLR0911 - one return per kind of value
    """``value`` as plain JSON data.

    attrs instances become objects of their public fields, dates and periods
    their text, enums their value, sets sorted arrays, other sequences arrays.
    """
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, enum.Enum):
        return plain(value.value)
    if isinstance(value, str | HistoricalDate | Period):
        return str(value)
    if attrs.has(type(value)):
        return {
            field.name: plain(getattr(value, field.name))
            for field in attrs.fields(type(value))  # type: ignore[arg-type]
            if not field.name.startswith("_")
        }
    if isinstance(value, Mapping):
        mapping = cast("Mapping[object, object]", value)
        return {str(plain(key)): plain(item) for key, item in mapping.items()}
    if isinstance(value, Set):
        members = cast("Set[object]", value)
        return sorted((plain(item) for item in members), key=_sort_key)
    if isinstance(value, Sequence):
        items = cast("Sequence[object]", value)
        return [plain(item) for item in items]
    return str(value)


def _sort_key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def dumps(data: Any) -> str:
    """JSON text for programs: 2-space indent, UTF-8 as is, no final newline."""
    return json.dumps(data, indent=2, ensure_ascii=False)
