"""Status timelines: a subject's states drawn as bands over the time each holds.

Two drawings of the same history (:func:`armscontrol.query.history`):

* :func:`mermaid`, a Mermaid ``gantt`` chart as text, for Markdown pages and
  issue trackers. Each state is a bar from the date it was entered to the date
  the next one was; the last state is a milestone, since it holds from then on.
* :func:`figure` and :func:`render`, a matplotlib drawing (PNG or SVG). Each state
  is a coloured band; where a date is fuzzy (a month, an interval, an
  approximate day, or sources that disagree) the span it may fall in is a
  hatched, lighter edge in the new state's colour; the events and violations cited as
  causes are marks with their ids.

When parties assert different histories, each view is drawn as its own lane:
one per asserting party, and one, ``others``, for the steps nobody contests.

matplotlib is optional (the ``plot`` extra). It is imported only
when a figure is drawn, never by ``import armscontrol``, and only its non-GUI
parts are used; without it, :func:`figure` and :func:`render` raise
:class:`PlotUnavailable`. :func:`mermaid` needs nothing else.

SVG output is reproducible: the same record gives the same bytes, so drawings
kept beside documents can be checked for staleness.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import attrs

from armscontrol import query
from armscontrol.dates import DateLike, HistoricalDate, as_date
from armscontrol.exceptions import ArmsControlError, SaveError
from armscontrol.model import Agreement, Event, Record, Violation

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["FORMATS", "PlotUnavailable", "UnsupportedFormatError", "figure", "mermaid", "render"]

FORMATS: Final = ("png", "svg")
"""The file formats :func:`render` writes."""

_DAY: Final = 86_400
_OTHERS: Final = "others"
_LABEL_LIMIT: Final = 30
_RC: Final[dict[str, Any]] = {
    # Reproducible SVG: fixed ids, text kept as text rather than glyph outlines.
    "svg.hashsalt": "armscontrol",
    "svg.fonttype": "none",
}
_METADATA: Final[dict[str, dict[str, str | None]]] = {
    "svg": {"Date": None, "Creator": "armscontrol"},
    "png": {"Software": "armscontrol"},
}
# Colours for the built-in states (colour-blind-safe Okabe-Ito and greys), so a
# state keeps its colour from one drawing to the next; other states take the
# fallback colours in order of appearance.
_COLOURS: Final = {
    "proposed": "#cccccc",
    "negotiating": "#999999",
    "concluded": "#56b4e9",
    "pending": "#56b4e9",
    "signed": "#56b4e9",
    "consented": "#0072b2",
    "in_effect": "#009e73",
    "active": "#009e73",
    "party": "#009e73",
    "fulfilled": "#0072b2",
    "suspended": "#e69f00",
    "withdrawal_notified": "#e69f00",
    "withdrawal_suspended": "#f0e442",
    "alleged": "#e69f00",
    "disputed": "#f0e442",
    "acknowledged": "#cc79a7",
    "confirmed": "#d55e00",
    "violated": "#d55e00",
    "collapsed": "#d55e00",
    "terminated": "#7f3c8d",
    "withdrawn": "#7f3c8d",
    "renounced": "#7f3c8d",
    "consent_revoked": "#7f3c8d",
    "expired": "#666666",
    "lapsed": "#666666",
    "superseded": "#666666",
    "abandoned": "#666666",
    "released": "#666666",
    "resolved": "#0072b2",
    "retracted": "#999999",
    "non_party": "#eeeeee",
}
_FALLBACK: Final = ("#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02")


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


@attrs.frozen
class _Bar:
    """One state over the time it holds, in POSIX seconds."""

    state: str
    date: HistoricalDate
    lower: int  # the first instant the change may have happened
    upper: int  # the change had certainly happened by then
    end: int | None  # when the next state may begin; None for the last state
    handover: int | None  # when the next state certainly holds; None for the last state
    causes: tuple[str, ...]


@attrs.frozen
class _Lane:
    """One perspective's history: everyone's, one party's, or the uncontested one."""

    name: str | None
    bars: tuple[_Bar, ...]

    def shape(self) -> tuple[tuple[str, str], ...]:
        return tuple((bar.state, bar.date.text) for bar in self.bars)


def _bounds(date: HistoricalDate) -> tuple[int, int]:
    # An interval open at one end is drawn at its known end.
    known = date.start if date.start is not None else date.end
    if date.is_interval and (date.start is None or date.end is None) and known is not None:
        return known.lower, known.upper
    return date.lower, date.upper


def _span(date: HistoricalDate, others: Sequence[HistoricalDate]) -> tuple[int, int]:
    spans = [_bounds(d) for d in (date, *others)]
    return min(lo for lo, _ in spans), max(hi for _, hi in spans)


def _bars(steps: Sequence[query.Step]) -> tuple[_Bar, ...]:
    spans = [_span(s.date, [claim.date for claim in s.alternative_dates]) for s in steps]
    bars = []
    for position, (step, (lower, upper)) in enumerate(zip(steps, spans, strict=True)):
        last = position + 1 == len(steps)
        end, handover = (None, None) if last else spans[position + 1]
        bars.append(_Bar(step.state, step.date, lower, upper, end, handover, step.causes))
    return tuple(bars)


def _lanes(record: Record, subject: str, according_to: str | None) -> tuple[_Lane, ...]:
    if according_to is not None:
        steps = query.history(record, subject, according_to=according_to).steps
        return (_Lane(according_to, _bars(steps)),)
    everything = query.history(record, subject).steps
    asserters = list(dict.fromkeys(p for step in everything for p in step.asserted_by))
    if not asserters:
        return (_Lane(None, _bars(everything)),)
    views = [
        _Lane(party, _bars(query.history(record, subject, according_to=party).steps))
        for party in asserters
    ]
    views.append(_Lane(_OTHERS, _bars([s for s in everything if not s.asserted_by])))
    if len({view.shape() for view in views}) == 1:
        return (_Lane(None, views[0].bars),)
    return tuple(views)


def _title(record: Record, subject: str) -> str:
    item = record.get(subject)
    if isinstance(item, Agreement):
        return f"{item.title} ({subject})"
    return subject


# -- Mermaid ------------------------------------------------------------------


def _day(seconds: int) -> str:
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date().isoformat()


def _mermaid_text(text: str) -> str:
    # Colons, semicolons and hashes end a task name or a statement in Mermaid.
    return re.sub(r"[:;#]", " ", text).strip()


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
    lines = [
        "gantt",
        f"    title {_mermaid_text(_title(record, subject))}",
        "    dateFormat YYYY-MM-DD",
        "    axisFormat %Y-%m",
        "    todayMarker off",
    ]
    for number, lane in enumerate(lanes):
        name = subject if lane.name is None else f"according to {lane.name}"
        lines.append(f"    section {_mermaid_text(name)}")
        for position, bar in enumerate(lane.bars):
            task = f"l{number}s{position}"
            label = _mermaid_text(f"{bar.state} ({bar.date.text})")
            start = _day(bar.lower)
            if bar.end is None:
                lines.append(f"    {label} :milestone, {task}, {start}, 0d")
            else:
                end = _day(max(bar.end, bar.lower + _DAY))
                lines.append(f"    {label} :{task}, {start}, {end}")
    return "\n".join(lines) + "\n"


# -- matplotlib ---------------------------------------------------------------


def _matplotlib() -> Any:
    try:
        import matplotlib  # noqa: PLC0415 - optional, and slow to import
        import matplotlib.dates  # noqa: PLC0415
        import matplotlib.figure  # noqa: PLC0415
        import matplotlib.patches  # noqa: PLC0415
    except ImportError:
        raise PlotUnavailable from None
    return matplotlib


def _colours(lanes: Sequence[_Lane]) -> dict[str, str]:
    colours: dict[str, str] = {}
    spare = iter(_FALLBACK * (1 + len(lanes) * 8))
    for lane in lanes:
        for bar in lane.bars:
            if bar.state not in colours:
                colours[bar.state] = _COLOURS.get(bar.state) or next(spare)
    return colours


def _plain(text: str) -> str:
    # matplotlib reads text between dollar signs as mathematics.
    return text.replace("$", r"\$")


def _short(text: str) -> str:
    return text if len(text) <= _LABEL_LIMIT else text[: _LABEL_LIMIT - 1] + "…"


def _cause_date(record: Record, cause: str) -> tuple[HistoricalDate, str] | None:
    if cause not in record:
        return None  # the validator reports unknown ids; a drawing leaves them out
    item = record.get(cause)
    if isinstance(item, Event):
        return item.date, "event"
    if isinstance(item, Violation):
        return item.date, "violation"
    return None


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
    ``v`` and violations ``x``, with their ids. The figure is not attached to
    any window; show or save it as any matplotlib figure, or use :func:`render`.

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
    marks = {
        cause: found
        for lane in lanes
        for bar in lane.bars
        for cause in bar.causes
        if (found := _cause_date(record, cause)) is not None
    }
    instants = [t for lane in lanes for bar in lane.bars for t in (bar.lower, bar.upper)]
    instants += [t for date, _ in marks.values() for t in _bounds(date)]
    first, last = (min(instants), max(instants)) if instants else (0, _DAY)
    pad = max((last - first) // 20, 30 * _DAY)
    stop = last + pad if until is None else max(_bounds(as_date(until))[1], last)

    fig: Figure = mpl.figure.Figure(figsize=(9.0, 1.6 + 1.1 * len(lanes)), layout="constrained")
    ax: Axes = fig.add_subplot()
    colours = _colours(lanes)

    def x(seconds: int) -> float:
        moment = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
        return float(mpl.dates.date2num(moment))

    for row, lane in enumerate(lanes):
        y = len(lanes) - 1 - row
        for bar in lane.bars:
            colour = colours[bar.state]
            start = bar.upper
            end = stop if bar.handover is None else max(bar.handover, start)
            ax.add_patch(
                mpl.patches.Rectangle(
                    (x(start), y - 0.3), x(end) - x(start), 0.6, facecolor=colour, gid="band"
                )
            )
            if bar.upper - bar.lower > _DAY:
                ax.add_patch(
                    mpl.patches.Rectangle(
                        (x(bar.lower), y - 0.3),
                        x(bar.upper) - x(bar.lower),
                        0.6,
                        facecolor=colour,
                        alpha=0.35,
                        hatch="///",
                        edgecolor="white",
                        linewidth=0,
                        zorder=2,  # over the band of the state before
                        gid="fuzzy",
                    )
                )
        causes = dict.fromkeys(c for bar in lane.bars for c in bar.causes if c in marks)
        for position, cause in enumerate(causes):
            date, kind = marks[cause]
            low, high = _bounds(date)
            at = x((low + high) // 2)
            marker, colour = ("v", "black") if kind == "event" else ("X", "#d55e00")
            ax.plot([at], [y + 0.38], marker=marker, color=colour, markersize=6, gid=kind)
            if high - low > _DAY:
                ax.plot([x(low), x(high)], [y + 0.38] * 2, color=colour, linewidth=1)
            ax.annotate(
                _plain(_short(cause)),
                (at, y + 0.38),
                xytext=(3, 4 + 9 * (position % 3)),
                textcoords="offset points",
                fontsize=7,
                rotation=0,
            )

    names = [subject if lane.name is None else f"according to {lane.name}" for lane in lanes]
    ax.set_yticks(range(len(lanes)), [_plain(n) for n in reversed(names)], fontsize=8)
    ax.set_ylim(-0.6, len(lanes) - 0.6 + 0.55)
    ax.set_xlim(x(first - pad), x(stop))
    locator = mpl.dates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mpl.dates.ConciseDateFormatter(locator))
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.tick_params(axis="y", length=0)
    ax.set_title(_plain(_title(record, subject)), fontsize=10, loc="left")
    handles = [mpl.patches.Patch(facecolor=c, label=s) for s, c in colours.items()]
    fig.legend(
        handles=handles,
        loc="outside lower center",
        ncols=min(len(handles), 6) or 1,
        fontsize=8,
        frameon=False,
    )
    return fig


def render(
    record: Record,
    subject: str,
    path: str | os.PathLike[str],
    *,
    format: str | None = None,  # noqa: A002 - the word matplotlib and the command line use
    according_to: str | None = None,
) -> None:
    """Draw a subject's timeline (see :func:`figure`) into a PNG or SVG file.

    The file is replaced in one step: if drawing or writing fails, a file that
    was there before is left as it was. SVG output is reproducible byte for byte.

    Args:
        record: The record to draw from.
        subject: An agreement, commitment or violation id, or ``AGREEMENT/PARTY``.
        path: The file to write.
        format: ``"png"`` or ``"svg"``; by default the file's suffix.
        according_to: A party id, to draw only that party's view.

    Raises:
        PlotUnavailable: matplotlib is not installed.
        UnsupportedFormatError: The format, or the suffix, is neither PNG nor SVG.
        UnknownSubjectError: ``subject`` names nothing with a status, or
            ``according_to`` names no party.
        SaveError: The file could not be written.
    """
    target = Path(path)
    chosen = (format if format is not None else target.suffix.removeprefix(".")).lower()
    if chosen not in FORMATS:
        raise UnsupportedFormatError(format if format is not None else target.suffix)
    mpl = _matplotlib()
    drawing = figure(record, subject, according_to=according_to)
    buffer = io.BytesIO()
    with mpl.rc_context(_RC):
        drawing.savefig(buffer, format=chosen, metadata=_METADATA[chosen], dpi=150)
    _write_atomically(target, buffer.getvalue())


def _write_atomically(target: Path, data: bytes) -> None:
    try:
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
    except OSError as error:
        raise SaveError(str(target), error.strerror or str(error)) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private; give it the usual mode, or the old file's.
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o644
        Path(temporary).chmod(mode)
        Path(temporary).replace(target)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise SaveError(str(target), error.strerror or str(error)) from error
