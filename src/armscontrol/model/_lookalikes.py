"""Ids that look like a mistyped one: the index behind every "did you mean".

Comparing a mistyped id with every id of a record costs time in proportion to
the record, for each mistake: a document with thousands of mistakes took
minutes to refuse. :class:`Lookalikes` sorts the ids once, forwards and
backwards, and compares a mistake only with the ids beside it in either order:
those that share its start, or its end, the longest. A typing mistake keeps
one or the other (``PRKK`` keeps the start of ``PRK``, ``leap-day-2021`` the
start of ``leap-day-2012``, ``qsa`` the end of ``usa``), and case is ignored in
the sorting (``usa`` is beside ``USA``). For up to ``2 × REACH`` ids this
compares with every id, as a plain search would.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable
from itertools import chain

__all__ = ["REACH", "Lookalikes", "closest"]

REACH = 16
"""How many ids on each side of a mistake, in each order, are compared with it."""

_CUTOFF = 0.6
"""How alike two ids must be (:class:`difflib.SequenceMatcher` ratio) to be suggested."""


class Lookalikes:
    """The ids of a pool that look like a given text, closest first.

    Building costs ``n·log n`` for ``n`` ids; each question costs ``log n``
    and a fixed number of comparisons, whatever the size of the pool, and the
    answer for a text is kept for the next time it is asked.
    """

    def __init__(self, ids: Iterable[str]) -> None:
        unique = set(ids)
        self._forward = sorted((item.casefold(), item) for item in unique)
        self._backward = sorted((item.casefold()[::-1], item) for item in unique)
        self._answers: dict[tuple[str, int], tuple[str, ...]] = {}

    def __call__(self, text: str, n: int = 3) -> tuple[str, ...]:
        """Up to ``n`` ids that look like ``text``, the closest first, case ignored."""
        found = self._answers.get((text, n))
        if found is None:
            folded = text.casefold()
            near = chain(_near(self._forward, folded), _near(self._backward, folded[::-1]))
            found = self._answers[text, n] = closest(folded, dict.fromkeys(near), n)
        return found


def closest(folded: str, candidates: Iterable[str], n: int) -> tuple[str, ...]:
    """The ``n`` candidates most like ``folded`` (casefolded), as :func:`difflib.get_close_matches`.

    The same measure and cutoff, with each candidate compared casefolded.
    """
    import difflib  # noqa: PLC0415 - only needed when something is mistyped

    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(folded)
    scored: list[tuple[float, str]] = []
    for candidate in candidates:
        matcher.set_seq1(candidate.casefold())
        if matcher.real_quick_ratio() < _CUTOFF or matcher.quick_ratio() < _CUTOFF:
            continue  # the cheap upper bounds rule it out, as get_close_matches does
        score = matcher.ratio()
        if score >= _CUTOFF:
            scored.append((score, candidate))
    return tuple(candidate for _, candidate in heapq.nlargest(n, scored))


def _near(ordered: list[tuple[str, str]], key: str) -> list[str]:
    """The ids within :data:`REACH` places of where ``key`` sorts."""
    at = bisect.bisect_left(ordered, (key,))
    return [item for _, item in ordered[max(0, at - REACH) : at + REACH]]
