"""Validation settings from a configuration file: ``armscontrol.toml`` or ``pyproject.toml``.

The file is looked for from the current folder upwards; the first folder that
has one wins. In a folder with both, ``armscontrol.toml`` (its keys at the top
level) wins over ``pyproject.toml`` (its ``[tool.armscontrol]`` table; a
``pyproject.toml`` without that table is passed over). Options given on the
command line win over the file, key by key.

Keys (``docs/configuring.md`` explains each)::

    select = ["AC3", "AC4"]         # rules to run, by code or prefix
    ignore = ["AC504"]              # rules not to run
    error-on = "warning"            # the least severity that fails (exit 1)
    show-acknowledged = false       # list acknowledged findings in text output
    rules = ["house_rules.py:RULES"]  # custom rules, besides registered ones
    [severity]                      # ([tool.armscontrol.severity] in pyproject.toml)
    AC506 = "error"                 # a severity for some rules, by code or prefix
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, cast

import attrs

from armscontrol.exceptions import ArmsControlError

CONFIG_FILE = "armscontrol.toml"
"""The standalone configuration file's name."""
PYPROJECT = "pyproject.toml"
LEVELS = ("error", "warning", "info")
"""Severities, most severe first; ``note`` is accepted for ``info``."""


class ConfigError(ArmsControlError):
    """A configuration file that cannot be used; the message names the file and the key."""


@attrs.frozen
class Settings:
    """Validation settings, from a file or from nowhere (every field at its default).

    Attributes:
        file: The file they were read from, if any.
        select: Selectors of the rules to run (``None``: every rule).
        ignore: Selectors of the rules not to run.
        severities: A severity by selector.
        error_on: The least severity that makes ``validate`` exit 1.
        show_acknowledged: Whether text output lists acknowledged findings.
        rules: Custom rules to load, ``"module:NAME"`` or ``"file.py:NAME"``.
    """

    file: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severities: Mapping[str, str] = attrs.field(factory=dict[str, str])
    error_on: str = "error"
    show_acknowledged: bool = False
    rules: tuple[str, ...] = ()

    @property
    def base(self) -> Path:
        """The folder that relative paths in the file start from."""
        return Path.cwd() if self.file is None else self.file.parent


def level(text: str) -> str:
    """A severity's name, ``note`` read as ``info``.

    Raises:
        ValueError: ``text`` is not a severity.
    """
    name = "info" if text == "note" else text
    if name not in LEVELS:
        msg = f"{text!r} is not a severity; expected one of error, warning, info (or note)"
        raise ValueError(msg)
    return name


def find(start: Path) -> Path | None:
    """The configuration file that applies in ``start``: the nearest, looking upwards."""
    for folder in (start, *start.parents):
        standalone = folder / CONFIG_FILE
        if standalone.is_file():
            return standalone
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _table(pyproject) is not None:
            return pyproject
    return None


def shown(path: Path) -> str:
    """A file's name for messages: relative to the current folder (``../armscontrol.toml``)."""
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive, on Windows
        return str(path)


def _table(path: Path) -> dict[str, Any] | None:
    data = _parse(path)
    if path.name != PYPROJECT:
        return data
    tool: object = data.get("tool")
    table = cast("dict[str, object]", tool).get("armscontrol") if isinstance(tool, dict) else None
    return cast("dict[str, Any]", table) if isinstance(table, dict) else None


def _parse(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as stream:
            return tomllib.load(stream)
    except tomllib.TOMLDecodeError as exc:
        msg = f"{shown(path)}: not valid TOML: {exc}"
        raise ConfigError(msg) from None
    except OSError as exc:
        msg = f"{shown(path)}: cannot be read: {exc.strerror or exc}"
        raise ConfigError(msg) from None


def read(path: Path) -> Settings:
    """The settings in a configuration file.

    Raises:
        ConfigError: The file does not parse, or a key is unknown or has a value
            of the wrong kind; the message names the file and the key.
    """
    table = _table(path)
    if table is None:
        msg = f"{shown(path)}: no [tool.armscontrol] table"
        raise ConfigError(msg)
    where = f"{shown(path)}: " + ("tool.armscontrol." if path.name == PYPROJECT else "")
    unknown = sorted(set(table) - set(_READERS))
    if unknown:
        close = difflib.get_close_matches(unknown[0], list(_READERS), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        known = ", ".join(_READERS)
        msg = f"{where}{unknown[0]}: unknown key{hint} (keys: {known})"
        raise ConfigError(msg)
    values: dict[str, Any] = {"file": path}
    for key, value in table.items():
        name, reader = _READERS[key]
        try:
            values[name] = reader(value)
        except (TypeError, ValueError) as exc:
            msg = f"{where}{key}: {exc}"
            raise ConfigError(msg) from None
    return attrs.evolve(Settings(), **values)


def _strings(value: object) -> tuple[str, ...]:
    items = cast("list[object]", value) if isinstance(value, list) else None
    if items is None or not all(isinstance(i, str) for i in items):
        msg = 'expected a list of strings, such as ["AC3", "AC504"]'
        raise TypeError(msg)
    return tuple(cast("list[str]", value))


def _severities(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        msg = 'expected a table of severities by code, such as {AC506 = "error"}'
        raise TypeError(msg)
    table = cast("dict[str, object]", value)
    grades: dict[str, str] = {}
    for code, grade in table.items():
        if not isinstance(grade, str):
            msg = f'{code}: expected a severity such as "error"'
            raise TypeError(msg)
        grades[code] = level(grade)
    return grades


def _level(value: object) -> str:
    if not isinstance(value, str):
        msg = 'expected a severity: "error", "warning" or "info"'
        raise TypeError(msg)
    return level(value)


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        msg = "expected true or false"
        raise TypeError(msg)
    return value


_READERS: dict[str, tuple[str, Callable[[object], object]]] = {
    "select": ("select", _strings),
    "ignore": ("ignore", _strings),
    "severity": ("severities", _severities),
    "error-on": ("error_on", _level),
    "show-acknowledged": ("show_acknowledged", _flag),
    "rules": ("rules", _strings),
}
"""Each key of the file: the setting it gives, and what reads its value."""
