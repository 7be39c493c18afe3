"""Which rules run, and how severe their findings are: select, ignore and severity settings.

A *selector* is a rule code or a prefix of one, as linters take them: ``AC504``
one rule, ``AC5`` the consistency family, ``AC`` every built-in rule, ``HR``
every rule of a custom namespace. The letters of a selector are a whole
namespace: ``HR`` never selects ``HRX101``.

Where selectors disagree, the most specific (longest) one wins, and between
a select and an ignore of the same length, the ignore: ``select=["AC5"],
ignore=["AC504"]`` runs the consistency rules but AC504; ``select=["AC504"],
ignore=["AC5"]`` runs AC504 alone of them.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable, Mapping
from typing import TypeVar

from armscontrol.exceptions import UnknownRuleError

_T = TypeVar("_T")

_SELECTOR = re.compile(r"([A-Z]{2,4})([0-9]{0,3})")


def _parts(selector: str) -> tuple[str, str] | None:
    found = _SELECTOR.fullmatch(selector)
    return None if found is None else (found[1], found[2])


def _matches(parts: tuple[str, str], code: str) -> bool:
    letters, digits = parts
    return (
        code[: len(letters)] == letters
        and code[len(letters) :].startswith(digits)
        and (code[len(letters) : len(letters) + 1].isdigit())
    )


def check_selectors(selectors: Iterable[str], codes: Collection[str]) -> None:
    """Refuse a selector that selects no code of ``codes``.

    Raises:
        UnknownRuleError: The first selector that names no rule, with the codes
            and prefixes closest to it.
    """
    for selector in selectors:
        parts = _parts(selector)
        if parts is None or not any(_matches(parts, code) for code in codes):
            raise UnknownRuleError(selector, _nearest(selector, codes))


def _nearest(selector: str, codes: Collection[str]) -> list[str]:
    prefixes = {code[:cut] for code in codes for cut in range(2, len(code))}
    pool = sorted({*codes, *(p for p in prefixes if _parts(p) is not None)})
    return difflib.get_close_matches(selector.upper(), pool, n=3, cutoff=0.6)


def _strength(selectors: Iterable[str], code: str) -> int:
    """The length of the longest selector that matches ``code``, or -1."""
    best = -1
    for selector in selectors:
        parts = _parts(selector)
        if parts is not None and len(selector) > best and _matches(parts, code):
            best = len(selector)
    return best


def enabled(
    codes: Iterable[str], select: Iterable[str] | None, ignore: Iterable[str]
) -> frozenset[str]:
    """The codes that run: selected (all, when ``select`` is ``None``) and not ignored."""
    chosen = None if select is None else tuple(select)
    ignored = tuple(ignore)
    return frozenset(
        code
        for code in codes
        if (selected := 0 if chosen is None else _strength(chosen, code)) >= 0
        and selected > _strength(ignored, code)
    )


def graded(defaults: Mapping[str, _T], severities: Mapping[str, _T]) -> dict[str, _T]:
    """Each code's severity: that of its most specific selector in ``severities``, or its own."""
    grades = dict(defaults)
    for code in grades:
        best = -1
        for selector, severity in severities.items():
            parts = _parts(selector)
            if parts is not None and len(selector) > best and _matches(parts, code):
                best, grades[code] = len(selector), severity
    return grades
