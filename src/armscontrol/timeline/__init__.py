"""Status timelines: states drawn as bands over the time each holds.

Two drawings of one subject's history (:func:`armscontrol.query.history`), and
one of a whole agreement:

* :func:`mermaid`, a Mermaid ``gantt`` chart as text, for Markdown pages and
  issue trackers. Each state is a bar from the date it was entered to the date
  the next one was; the last state is a milestone, since it holds from then on.
  The axis has about ten ticks, each naming a different date.
* :func:`figure`, a matplotlib drawing. Each state is a coloured band; where a
  date is fuzzy (a month, an interval, an approximate day, or sources that
  disagree) the span it may fall in is a hatched, lighter edge in the new
  state's colour; the events and violations cited as causes are numbered marks,
  explained in a key under the legend. When parties assert different histories,
  each view is drawn as its own lane: one per asserting party, and one,
  ``others``, for the steps nobody contests.
* :func:`dossier`, an agreement's whole story in one matplotlib figure: a row
  for the agreement, one for each party's participation and one for each
  commitment, labelled by title, name or words; a row the parties see
  differently is split into a stripe per view, with the spans where they differ
  shaded; a horizon (``as_of``) can be marked.
* :func:`render` writes either drawing as PNG or SVG.

Labels and marks never overlap: a mark that would touch another is raised to
the next free level, and the figure grows to hold it. The legend lists only what
can be seen.

matplotlib is optional (the ``plot`` extra). It is imported only when a figure
is drawn, never by ``import armscontrol``, and only its non-GUI parts are used;
without it, :func:`figure`, :func:`dossier` and :func:`render` raise
:class:`PlotUnavailable`. :func:`mermaid` needs nothing else.

SVG output is reproducible: the same record gives the same bytes, so drawings
kept beside documents can be checked for staleness.
"""

# matplotlib's stubs leave its drawing methods' **kwargs untyped:
# pyright: reportUnknownMemberType=false

from __future__ import annotations

import difflib
import io
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from armscontrol import query
from armscontrol._files import write_atomically
from armscontrol.dates import DateLike, HistoricalDate, as_date
from armscontrol.exceptions import ArmsControlError, UnknownSubjectError
from armscontrol.index import day_text
from armscontrol.model import (
    Agreement,
    Commitment,
    Event,
    Participation,
    Party,
    Record,
    Violation,
    participation_id,
)
from armscontrol.timeline._draw import draw
from armscontrol.timeline._layout import DPI, Bar, KeyEntry, Lane, Mark, Row

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "FORMATS",
    "PlotUnavailable",
    "UnsupportedFormatError",
    "dossier",
    "figure",
    "mermaid",
    "render",
]

FORMATS: Final = ("png", "svg")
"""The file formats :func:`render` writes."""

_DAY: Final = 86_400
_OTHERS: Final = "others"
_RC: Final[dict[str, Any]] = {
    # Reproducible SVG: fixed ids, text kept as text rather than glyph outlines.
    "svg.hashsalt": "armscontrol",
    "svg.fonttype": "none",
}
_METADATA: Final[dict[str, dict[str, str | None]]] = {
    "svg": {"Date": None, "Creator": "armscontrol"},
    "png": {"Software": "armscontrol"},
}


class PlotUnavailable(ArmsControlError, ImportError):  # noqa: N818 - reads as the condition
    """matplotlib is not installed, so no figure can be drawn.

    Install the ``plot`` extra (``python -m pip install -e '.[plot]'`` in a clone
    of armscontrol), or matplotlib itself.
    """

    def __init__(self) -> None:
        super().__init__(
            "drawing a timeline needs matplotlib: install armscontrol's plot extra "
            "(python -m pip install -e '.[plot]' in its clone) or matplotlib itself"
        )


class UnsupportedFormatError(ArmsControlError, ValueError):
    """A timeline was asked for in a file format :func:`render` does not write.

    Attributes:
        format: The format asked for, or the file's suffix.
        supported: The formats that can be written (:data:`FORMATS`).
    """

    def __init__(self, format: str) -> None:  # noqa: A002 - the word users write
        self.format = format
        self.supported = FORMATS
        super().__init__(
            f"cannot draw a timeline as {format!r}; write one of: {', '.join(FORMATS)}"
        )


# -- what is drawn ------------------------------------------------------------


def _bounds(date: HistoricalDate) -> tuple[int, int]:
    # An interval open at one end is drawn at its known end.
    known = date.start if date.start is not None else date.end
    if date.is_interval and (date.start is None or date.end is None) and known is not None:
        return known.lower, known.upper
    return date.lower, date.upper


def _span(date: HistoricalDate, others: Sequence[HistoricalDate]) -> tuple[int, int]:
    spans = [_bounds(d) for d in (date, *others)]
    return min(lo for lo, _ in spans), max(hi for _, hi in spans)


def _bars(steps: Sequence[query.Step]) -> tuple[Bar, ...]:
    spans = [_span(s.date, [claim.date for claim in s.alternative_dates]) for s in steps]
    bars: list[Bar] = []
    for position, (step, (lower, upper)) in enumerate(zip(steps, spans, strict=True)):
        last = position + 1 == len(steps)
        end, handover = (None, None) if last else spans[position + 1]
        bars.append(Bar(step.state, step.date, lower, upper, end, handover, step.causes))
    return tuple(bars)


def _lanes(record: Record, subject: str, according_to: str | None) -> tuple[Lane, ...]:
    if according_to is not None:
        steps = query.history(record, subject, according_to=according_to).steps
        return (Lane(according_to, _bars(steps)),)
    everything = query.history(record, subject).steps
    asserters = list(dict.fromkeys(p for step in everything for p in step.asserted_by))
    if not asserters:
        return (Lane(None, _bars(everything)),)
    views = [
        Lane(party, _bars(query.history(record, subject, according_to=party).steps))
        for party in asserters
    ]
    views.append(Lane(_OTHERS, _bars([s for s in everything if not s.asserted_by])))
    if len({view.shape() for view in views}) == 1:
        return (Lane(None, views[0].bars),)
    return tuple(views)


def _title(record: Record, subject: str) -> str:
    item = record.get(subject)
    if isinstance(item, Agreement):
        return f"{item.title} ({subject})"
    return subject


# -- Mermaid ------------------------------------------------------------------


def _mermaid_text(text: str) -> str:
    # Colons, semicolons and hashes end a task name or a statement in Mermaid.
    return re.sub(r"[:;#]", " ", text).strip()


def _mermaid_axis(span: int) -> tuple[str, str]:
    # About ten ticks whatever the span, each label distinct: weeks by day and
    # month, then months, then years (Mermaid's intervals stop at months).
    days = span // _DAY
    if days <= 120:
        return "1week", "%d %b %Y"
    months = next((m for m in (1, 2, 3, 6) if days / (30 * m) <= 10), None)
    if months is not None:
        return f"{months}month", "%b %Y"
    years = next((y for y in (1, 2, 5, 10, 20, 50) if days / (365 * y) <= 10), 100)
    return f"{12 * years}month", "%Y"


def mermaid(record: Record, subject: str, *, according_to: str | None = None) -> str:
    """A subject's history as a Mermaid ``gantt`` chart of its states.

    Each state is a bar named ``state (date)`` from the first day it may have
    been entered to the first day the next state may have been; the last state
    is a milestone. Disputed histories get one section per view (see the module
    documentation). The text is stable: the same record gives the same text.

    Args:
        record: The record to draw from.
        subject: An agreement, commitment or violation id, or ``AGREEMENT/PARTY``.
        according_to: A party id, to draw only that party's view.

    Raises:
        UnknownSubjectError: ``subject`` names nothing with a status, or
            ``according_to`` names no party.
    """
    record.subject_kind(subject)
    lanes = _lanes(record, subject, according_to)
    instants = [t for lane in lanes for bar in lane.bars for t in (bar.lower, bar.upper)]
    interval, axis = _mermaid_axis(max(instants) - min(instants) if instants else 0)
    lines = [
        "gantt",
        f"    title {_mermaid_text(_title(record, subject))}",
        "    dateFormat YYYY-MM-DD",
        f"    axisFormat {axis}",
        f"    tickInterval {interval}",
        "    todayMarker off",
    ]
    for number, lane in enumerate(lanes):
        name = subject if lane.name is None else f"according to {lane.name}"
        lines.append(f"    section {_mermaid_text(name)}")
        for position, bar in enumerate(lane.bars):
            task = f"l{number}s{position}"
            label = _mermaid_text(f"{bar.state} ({bar.date.text})")
            start = day_text(bar.lower)
            if bar.end is None:
                lines.append(f"    {label} :milestone, {task}, {start}, 0d")
            else:
                end = day_text(max(bar.end, bar.lower + _DAY))
                lines.append(f"    {label} :{task}, {start}, {end}")
    return "\n".join(lines) + "\n"


# -- matplotlib ---------------------------------------------------------------


def _matplotlib() -> Any:
    try:
        # The submodules are imported for their effect: matplotlib.dates and the rest.
        import matplotlib  # noqa: PLC0415 - optional, and slow to import
        import matplotlib.backends.backend_agg  # noqa: PLC0415  # pyright: ignore[reportUnusedImport]
        import matplotlib.dates  # noqa: PLC0415  # pyright: ignore[reportUnusedImport]
        import matplotlib.figure  # noqa: PLC0415  # pyright: ignore[reportUnusedImport]
        import matplotlib.lines  # noqa: PLC0415  # pyright: ignore[reportUnusedImport]
        import matplotlib.patches  # noqa: PLC0415  # pyright: ignore[reportUnusedImport]
        import matplotlib.ticker  # noqa: PLC0415  # pyright: ignore[reportUnusedImport]
    except ImportError:
        raise PlotUnavailable from None
    return matplotlib


def _mark_span(record: Record, item_id: str) -> tuple[str, tuple[int, int]] | None:
    if item_id not in record:
        return None  # the validator reports unknown ids; a drawing leaves them out
    item = record.get(item_id)
    if isinstance(item, Event):
        return "event", _span(item.date, [claim.date for claim in item.alternative_dates])
    if isinstance(item, Violation):
        return "violation", _bounds(item.date)
    return None


def _key_text(record: Record, item_id: str) -> tuple[str, str]:
    item = record.get(item_id)
    if isinstance(item, Violation):
        names = ", ".join(_party_name(record, party) for party in item.alleged_by)
        return item.date.text, f"alleged by {names}: {item.summary}"
    assert isinstance(item, Event)
    return item.date.text, item.summary


def _numbered(
    record: Record, cited: Sequence[Sequence[str]]
) -> tuple[list[tuple[Mark, ...]], list[KeyEntry]]:
    """Marks for the events and violations each row cites, numbered by date, and the key."""
    spans = {
        item: found
        for items in cited
        for item in items
        if (found := _mark_span(record, item)) is not None
    }
    order = sorted(spans, key=lambda item: (*spans[item][1], item))
    numbers = {item: number for number, item in enumerate(order, start=1)}
    marks = [
        tuple(
            Mark(numbers[item], spans[item][0], *spans[item][1])
            for item in dict.fromkeys(items)
            if item in numbers
        )
        for items in cited
    ]
    key = [KeyEntry(numbers[item], spans[item][0], *_key_text(record, item)) for item in order]
    return marks, key


def _extent(rows: Sequence[Row]) -> tuple[int, int]:
    instants = [
        t for row in rows for lane in row.views for bar in lane.bars for t in (bar.lower, bar.upper)
    ]
    instants += [t for row in rows for mark in row.marks for t in (mark.lower, mark.upper)]
    return (min(instants), max(instants)) if instants else (0, _DAY)


def _party_name(record: Record, party: str) -> str:
    item = record.get(party) if party in record else None
    return item.name if isinstance(item, Party) else party


def _name(record: Record, subject: str) -> str:
    """What people call a subject: a title, a commitment's words, a party in an agreement."""
    item = record.get(subject)
    if isinstance(item, Agreement):
        return item.title
    if isinstance(item, Commitment):
        return item.what
    if isinstance(item, Violation):
        return item.summary
    if isinstance(item, Participation):
        return f"{_party_name(record, item.party)} in {_name(record, item.agreement)}"
    return subject


def figure(
    record: Record,
    subject: str,
    *,
    according_to: str | None = None,
    until: DateLike | None = None,
) -> Figure:
    """A subject's history drawn as coloured bands, one lane per view.

    Each state is a band from the instant it certainly holds until the next
    state certainly does. Where the change may have happened over a span (a
    fuzzy date, or sources that disagree on it), the new state's colour is laid
    over that span, lighter and hatched. Events cited as causes are marked
    ``v`` and violations ``x``, numbered by date; the key under the legend gives
    each number's date and summary. The figure is not attached to any window;
    show or save it as any matplotlib figure, or use :func:`render`.

    Args:
        record: The record to draw from.
        subject: An agreement, commitment or violation id, or ``AGREEMENT/PARTY``.
        according_to: A party id, to draw only that party's view.
        until: Where the last state's band ends; by default a little after the
            last date drawn.

    Raises:
        PlotUnavailable: matplotlib is not installed.
        UnknownSubjectError: ``subject`` names nothing with a status, or
            ``according_to`` names no party.
        DateError: ``until`` is not a date.
    """
    mpl = _matplotlib()
    record.subject_kind(subject)
    lanes = _lanes(record, subject, according_to)
    marks, key = _numbered(record, [[c for bar in lane.bars for c in bar.causes] for lane in lanes])
    rows = [
        Row(
            _name(record, subject) if lane.name is None else f"according to {lane.name}", (lane,), m
        )
        for lane, m in zip(lanes, marks, strict=True)
    ]
    first, last = _extent(rows)
    pad = max((last - first) // 20, 30 * _DAY)
    stop = last + pad if until is None else max(_bounds(as_date(until))[1], last)
    return draw(
        mpl,
        title=_title(record, subject),
        subtitle=None,
        rows=rows,
        key=key,
        first=first,
        stop=stop,
    )


def dossier(record: Record, agreement: str, *, as_of: DateLike | None = None) -> Figure:
    """An agreement's whole story in one figure: the agreement, its parties, its commitments.

    One row for the agreement, one for each party whose participation has a
    recorded history, and one for each commitment with a history, each labelled
    by its title, its party's name or its words, never by an id. Each row's
    states are coloured bands; a fuzzy date is a hatched span in the new
    state's colour; where parties' views of a subject differ, the row is split
    into one stripe per view (named under its label) and the spans where they
    differ are shaded. The events and violations cited as causes, and the
    violations alleged against each commitment with their evidence, are
    numbered marks on their rows, explained in the key under the legend. No
    label overlaps another.

    Args:
        record: The record to draw from.
        agreement: The agreement's id.
        as_of: The record's horizon: drawn as a dashed line, with the bands
            ending there (or at the last date drawn, if that is later).
            Default: the record's own :attr:`~armscontrol.model.Record.as_of`,
            when it gives one.

    Raises:
        PlotUnavailable: matplotlib is not installed.
        UnknownSubjectError: ``agreement`` is not the id of an agreement of the
            record; the error suggests close agreement ids.
        DateError: ``as_of`` is not a date.
    """
    mpl = _matplotlib()
    found = record.get(agreement) if agreement in record else None
    if not isinstance(found, Agreement):
        ids = [a.id for a in record.agreements]
        raise UnknownSubjectError(agreement, difflib.get_close_matches(agreement, ids, n=3))
    horizon = as_date(as_of) if as_of is not None else record.as_of
    subjects = [(found.id, found.title, "agreement")]
    subjects += [
        (participation_id(found.id, party), _party_name(record, party), "parties")
        for party in found.parties
    ]
    subjects += [(c.id, _promise(c), "commitments") for c in found.commitments]
    cited: list[list[str]] = []
    kept: list[tuple[str, tuple[Lane, ...], str]] = []
    for subject, label, group in subjects:
        lanes = _lanes(record, subject, None)
        if not any(lane.bars for lane in lanes):
            continue  # no recorded history: nothing to draw
        items = [c for lane in lanes for bar in lane.bars for c in bar.causes]
        for violation in record.violations:
            if violation.commitment == subject:
                items += [violation.id, *violation.evidence]
        cited.append(items)
        kept.append((label, lanes, group))
    marks, key = _numbered(record, cited)
    rows = [
        Row(label, lanes, m, group, note=_views_note(lanes))
        for (label, lanes, group), m in zip(kept, marks, strict=True)
    ]
    first, last = _extent(rows)
    if horizon is None:
        stop = last + max((last - first) // 20, 30 * _DAY)
    else:
        stop = max(horizon.upper, last)
    names = ", ".join(_party_name(record, party) for party in found.parties)
    subtitle = f"{found.kind.value.replace('_', ' ')} · {names}"
    return draw(
        mpl,
        title=found.title,
        subtitle=subtitle,
        rows=rows,
        key=key,
        first=first,
        stop=stop,
        as_of=horizon,
    )


def _promise(commitment: Commitment) -> str:
    """A commitment in words: who promises what (``PRK must not: launch …``)."""
    what = commitment.what
    if what[:1].isupper() and what[1:2].islower():
        what = what[0].lower() + what[1:]
    obligors = "/".join(commitment.obligors)
    return f"{obligors} {commitment.deontic.value.replace('_', ' ')}: {what}"


_dossier = dossier  # render's keyword of the same name hides the function there


def _views_note(lanes: Sequence[Lane]) -> str:
    if len(lanes) < 2:
        return ""
    names = ["uncontested" if lane.name == _OTHERS else str(lane.name) for lane in lanes]
    return "views, top down: " + ", ".join(names)


def render(
    record: Record,
    subject: str,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,  # noqa: A002 - the word matplotlib and the command line use
    according_to: str | None = None,
    dossier: bool = False,
    as_of: DateLike | None = None,
) -> None:
    """Draw a subject's timeline (:func:`figure`) or an agreement's dossier into a file.

    The file is PNG or SVG. It is replaced in one step: if drawing or writing
    fails, a file that was there before is left as it was. SVG output is
    reproducible byte for byte.

    Args:
        record: The record to draw from.
        subject: An agreement, commitment or violation id, or ``AGREEMENT/PARTY``;
            with ``dossier``, an agreement id.
        path: The file to write.
        format: ``"png"`` or ``"svg"``; by default the file's suffix.
        according_to: A party id, to draw only that party's view (not with
            ``dossier``, which shows every view).
        dossier: Draw the agreement's dossier (:func:`dossier`) instead of one
            subject's history.
        as_of: The record's horizon: the bands end there, and a dossier marks it
            (a dossier marks the record's own ``as_of`` by default).

    Raises:
        PlotUnavailable: matplotlib is not installed.
        UnsupportedFormatError: The format, or the suffix, is neither PNG nor SVG.
        UnknownSubjectError: ``subject`` names nothing with a status (with
            ``dossier``, no agreement), or ``according_to`` names no party.
        DateError: ``as_of`` is not a date.
        ValueError: ``according_to`` was given with ``dossier``.
        SaveError: The file could not be written.
    """
    target = Path(path)
    chosen = (format if format is not None else target.suffix.removeprefix(".")).lower()
    if chosen not in FORMATS:
        raise UnsupportedFormatError(format if format is not None else target.suffix)
    if dossier and according_to is not None:
        msg = "a dossier shows every party's view; draw one view with figure(according_to=...)"
        raise ValueError(msg)
    mpl = _matplotlib()
    if dossier:
        drawing = _dossier(record, subject, as_of=as_of)
    else:
        drawing = figure(record, subject, according_to=according_to, until=as_of)
    buffer = io.BytesIO()
    with mpl.rc_context(_RC):
        drawing.savefig(buffer, format=chosen, metadata=_METADATA[chosen], dpi=DPI)
    write_atomically(target, buffer.getvalue())
