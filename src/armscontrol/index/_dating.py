"""When a fact happened: the one reading of a date and its alternative dates.

A fact (an event, a transition, a violation) has a ``date`` and, where sources
disagree, ``alternative_dates``. It happened at one of its claimed dates, so:

* it definitely happened before an instant when *every* claimed date ends by it,
  and definitely had not when *every* claimed date begins at or after it: its
  :func:`span`, the hull of its claimed dates, decides both;
* one fact definitely came before another only when every claimed date of the
  one and every claimed date of the other say so (:func:`order`); when some
  do and some do not, the order depends on which source is right.

The queries fold histories with the spans; the validator orders facts with
:func:`order`. Both read alternative dates this way and no other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from armscontrol.dates import HistoricalDate, OrderCheck, check_order
from armscontrol.model import Event, Transition, Violation

Dated = Transition | Event | Violation
"""A fact with a date: a transition, an event or a violation (violations have no
alternative dates)."""

LAST_DAY = "after 9999-12-31"
"""How :func:`day_text` writes an instant past the last representable day."""


def claimed(fact: Dated) -> Iterator[tuple[HistoricalDate, tuple[str, ...]]]:
    """Every date claimed for a fact, each with the sources that give it: its date first."""
    yield fact.date, fact.sources
    if not isinstance(fact, Violation):
        for claim in fact.alternative_dates:
            yield claim.date, claim.sources


def span(fact: Dated) -> tuple[int, int]:
    """The first instant of the earliest claimed date, and just past the last of the latest.

    POSIX seconds. The fact happened within it; it definitely happened by an
    instant ``t`` when the span ends by ``t``, and definitely had not when the
    span begins at or after ``t``.
    """
    lower, upper = fact.date.lower, fact.date.upper
    if not isinstance(fact, Violation):
        for claim in fact.alternative_dates:
            lower, upper = min(lower, claim.date.lower), max(upper, claim.date.upper)
    return lower, upper


def order(first: Dated, then: Dated) -> OrderCheck:
    """Whether ``then``, recorded after ``first``, may really have come after it.

    :func:`armscontrol.dates.check_order` over every pair of claimed dates:
    :attr:`~armscontrol.dates.OrderCheck.WRONG` only when every pair is wrong,
    :attr:`~armscontrol.dates.OrderCheck.OK` when every pair is in order, and
    :attr:`~armscontrol.dates.OrderCheck.UNDECIDABLE` otherwise: the dates, or
    the sources, leave either order possible.
    """
    if (isinstance(first, Violation) or not first.alternative_dates) and (
        isinstance(then, Violation) or not then.alternative_dates
    ):
        return check_order(first.date, then.date)
    found = {check_order(a, b) for a, _ in claimed(first) for b, _ in claimed(then)}
    return found.pop() if len(found) == 1 else OrderCheck.UNDECIDABLE


def disagreeing(fact: Dated) -> bool:
    """Whether sources give the fact more than one date."""
    return not isinstance(fact, Violation) and bool(fact.alternative_dates)


def day_text(seconds: int) -> str:
    """The ISO calendar day (UTC) of an instant in POSIX seconds, e.g. ``2012-04-13``."""
    try:
        return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return LAST_DAY
