"""The layout of timeline drawings: rows of state bands, numbered marks, a legend and a key.

:mod:`armscontrol.timeline` says what to draw (rows of bars and marks, the
entries of the key); this module places it so that nothing overlaps:

* each row is a band of coloured states, split into stripes when the parties'
  views of it differ, with the spans where they differ shaded behind;
* marks (events and violations) sit on pins above their row's band, numbered;
  a mark that would touch another is raised to the next free level, and the row
  grows to hold its levels;
* the numbers are explained in a key under the legend: date and summary;
* the legend lists only what is visible (a state whose band is too thin to see
  is left out; states of one colour share an entry), and the time axis names
  each date once, with the year on the first tick and wherever it changes.

Sizes are worked out in inches from the text's real extents before anything is
placed, so the figure is as tall as it needs to be. Only non-GUI parts of
matplotlib are used.
"""

# matplotlib's stubs leave its drawing methods' **kwargs untyped:
# pyright: reportUnknownMemberType=false

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from armscontrol.dates import HistoricalDate

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure

DAY: Final = 86_400
DPI: Final = 150
"""The resolution drawings are laid out and written at: text extents depend on it."""

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
    "disputed": "#cc79a7",
    "acknowledged": "#d55e00",
    "confirmed": "#d55e00",
    "violated": "#d55e00",
    "collapsed": "#d55e00",
    "terminated": "#000000",
    "withdrawn": "#000000",
    "renounced": "#000000",
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

# Sizes, in inches unless said otherwise.
WIDTH: Final = 8.0
_LABEL_WIDTH: Final = 2.2  # the widest a row's label may be
MARGIN: Final = 0.15
_BAND: Final = 0.26  # a row's band; a disputed row's stripes share at least this
_STRIPE: Final = 0.11  # the least height of one view's stripe
LEVEL: Final = 0.17  # one level of marks above a band
PAD: Final = 0.07  # above and below a row's contents
TICKS: Final = 0.32  # the time axis's labels
KEY_LINE: Final = 0.165
FONT: Final = 8.0  # points
TITLE_FONT: Final = 11.0
SMALL: Final = 7.5
MARK: Final = 6.0  # a mark's size, in points
_GAP: Final = 3.0  # the least room between two marks, in points
VISIBLE: Final = 2.0  # a band narrower than this, in points, is not in the legend
RISE: Final = 0.03  # between a band and its first level of marks
LABEL_GAP: Final = 1.5  # between a mark and its number, in points
KEY_TEXT: Final = 0.75  # where a key line's text starts
SLACK: Final = 0.92  # text may be drawn wider than measured (SVG in a browser's font)
MARKERS: Final = {"event": ("v", "black"), "violation": ("X", "#d55e00")}


@attrs.frozen
class Bar:
    """One state over the time it holds, in POSIX seconds."""

    state: str
    date: HistoricalDate
    lower: int  # the first instant the change may have happened
    upper: int  # the change had certainly happened by then
    end: int | None  # when the next state may begin; None for the last state
    handover: int | None  # when the next state certainly holds; None for the last state
    causes: tuple[str, ...]


@attrs.frozen
class Lane:
    """One perspective's history: everyone's, one party's, or the uncontested one."""

    name: str | None
    bars: tuple[Bar, ...]

    def shape(self) -> tuple[tuple[str, str], ...]:
        """The lane's states and dates, to tell whether two views differ."""
        return tuple((bar.state, bar.date.text) for bar in self.bars)


@attrs.frozen
class Mark:
    """An event or violation on a row, numbered as in the key."""

    number: int
    kind: str  # "event" or "violation"
    lower: int
    upper: int


@attrs.frozen
class Row:
    """One row of a drawing: a label, one or more views of a history, and marks.

    A row with several views is drawn as stripes, one per view, top to bottom,
    with the spans where the views give different states shaded behind them.
    """

    label: str
    views: tuple[Lane, ...]
    marks: tuple[Mark, ...] = ()
    group: str = ""  # rows of different groups are set apart by a line
    note: str = ""  # a line under the label (which stripe is which view)


@attrs.frozen
class KeyEntry:
    """One line of the key under the legend: what a mark's number stands for."""

    number: int
    kind: str
    date: str
    text: str


def colours(rows: Sequence[Row]) -> dict[str, str]:
    """A colour for every state drawn: the built-in state's, or a fallback in order."""
    found: dict[str, str] = {}
    spare = iter(_FALLBACK * (1 + len(rows) * 8))
    for row in rows:
        for lane in row.views:
            for bar in lane.bars:
                if bar.state not in found:
                    found[bar.state] = _COLOURS.get(bar.state) or next(spare)
    return found


def plain(text: str) -> str:
    """Text that matplotlib draws as it is (it reads text between dollar signs as maths)."""
    return text.replace("$", r"\$")


@attrs.define
class Measure:
    """Text extents in points, at the resolution the figure is drawn at."""

    fig: Figure
    renderer: RendererBase

    def width(self, text: str, fontsize: float) -> float:
        return self.size(text, fontsize)[0]

    def size(self, text: str, fontsize: float) -> tuple[float, float]:
        probe = self.fig.text(0, 0, plain(text), fontsize=fontsize)
        box = probe.get_window_extent(self.renderer)
        probe.remove()
        scale = 72 / self.fig.dpi
        return box.width * scale, box.height * scale

    def fit(self, text: str, width: float, fontsize: float, lines: int = 1) -> str:
        """The text in at most ``lines`` lines of ``width`` points; what does not fit is cut, …."""
        room = width * SLACK
        filled: list[str] = []
        words = text.split()
        while words and len(filled) < lines:
            line = words.pop(0)
            while words and self.width(f"{line} {words[0]}", fontsize) <= room:
                line = f"{line} {words.pop(0)}"
            filled.append(line)
        if words or (filled and self.width(filled[-1], fontsize) > room):
            last = " ".join([filled[-1], *words])
            while len(last) > 1 and self.width(last + "…", fontsize) > room:
                last = last[:-1].rstrip()
            filled[-1] = last + "…"
        return "\n".join(filled)


def _levels(spans: Sequence[tuple[float, float]]) -> list[int]:
    """The lowest level for each span, in order, where it touches no span placed before it."""
    placed: list[list[tuple[float, float]]] = []
    found: list[int] = []
    for low, high in spans:
        level = next(
            (
                n
                for n, taken in enumerate(placed)
                if all(high + _GAP <= a or low >= b + _GAP for a, b in taken)
            ),
            len(placed),
        )
        if level == len(placed):
            placed.append([])
        placed[level].append((low, high))
        found.append(level)
    return found


def disputed(views: Sequence[Lane], stop: int) -> list[tuple[int, int]]:
    """The spans where the views are certain of different states."""
    if len(views) < 2:
        return []
    cuts = sorted({t for lane in views for bar in lane.bars for t in (bar.lower, bar.upper)})
    cuts = [t for t in cuts if t < stop] + [stop]

    def state(lane: Lane, at: int) -> str | None:
        held = [bar.state for bar in lane.bars if bar.upper <= at]
        return held[-1] if held else None

    spans: list[tuple[int, int]] = []
    for start, end in itertools.pairwise(cuts):
        if len({state(lane, start) for lane in views}) > 1:
            if spans and spans[-1][1] == start:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return spans


def band_span(bar: Bar, stop: int) -> tuple[int, int]:
    """Where a bar's solid band runs: from when its state certainly holds to the next's."""
    begin = min(bar.upper, stop)
    finish = stop if bar.handover is None else min(max(bar.handover, begin), stop)
    return begin, finish


def date_axis(mpl: Any, ax: Axes, low: float, high: float) -> None:
    """Ticks that name each date once: days, months or years, with the year when it changes."""
    days = high - low
    if days <= 150:
        locator = mpl.dates.DayLocator(bymonthday=(1, 15))
        short, long = "{d.day} {d:%b}", "{d.day} {d:%b} {d:%Y}"
    elif days <= 4 * 366:
        step = next(m for m in (1, 2, 3, 6) if days / (30.5 * m) <= 9)
        locator = mpl.dates.MonthLocator(interval=step)
        short, long = "{d:%b}", "{d:%b} {d:%Y}"
    else:
        step = next((y for y in (1, 2, 5, 10, 20, 50) if days / (365.25 * y) <= 9), 100)
        locator = mpl.dates.YearLocator(base=step)
        short = long = "{d:%Y}"
    ticks = locator.tick_values(mpl.dates.num2date(low), mpl.dates.num2date(high))
    moments = [mpl.dates.num2date(t) for t in ticks if low <= t <= high]
    # The year is named on the first tick and wherever it changes.
    labels = {
        float(mpl.dates.date2num(moment)): (
            long if not n or moment.year != moments[n - 1].year else short
        ).format(d=moment)
        for n, moment in enumerate(moments)
    }

    def label(value: float, _: int | None = None) -> str:
        return labels.get(float(value), "")

    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(label))
    ax.tick_params(axis="x", labelsize=FONT)


@attrs.define
class Layout:
    """Where everything goes, in inches, worked out before anything is drawn."""

    mpl: Any
    fig: Figure
    measure: Measure
    rows: Sequence[Row]
    start: int  # the time axis's ends, in POSIX seconds
    end: int
    labels: list[str] = attrs.field(factory=list[str])
    left: float = 0.0  # the plot's left edge
    bands: list[float] = attrs.field(factory=list[float])
    heights: list[float] = attrs.field(factory=list[float])
    placements: list[list[tuple[Mark, int]]] = attrs.field(factory=list[list[tuple[Mark, int]]])

    @property
    def plot_width(self) -> float:
        return WIDTH - self.left - 0.3

    def points(self, seconds: int) -> float:
        """How far from the axis's start an instant is, in points."""
        return (seconds - self.start) * self.plot_width * 72 / max(self.end - self.start, 1)

    def x(self, seconds: int) -> float:
        """An instant in matplotlib's date numbers."""
        return float(self.mpl.dates.date2num(dt.datetime.fromtimestamp(seconds, tz=dt.UTC)))

    def lay_out(self) -> None:
        fit = self.measure.fit
        room = _LABEL_WIDTH * 72
        self.labels = [
            "\n".join(
                [fit(row.label, room, FONT, lines=2)]
                + ([fit(row.note, room, FONT)] * bool(row.note))
            )
            for row in self.rows
        ]
        widest = max((self.measure.width(text, FONT) for text in self.labels), default=0.0)
        self.left = MARGIN + widest / 72 / SLACK + 0.12
        self.bands = [max(_BAND, _STRIPE * len(row.views)) for row in self.rows]
        self.placements = [self._place(row) for row in self.rows]
        for label, band, placed in zip(self.labels, self.bands, self.placements, strict=True):
            levels = 1 + max((level for _, level in placed), default=-1)
            label_height = self.measure.size(label or " ", FONT)[1] / 72
            marks = RISE + LEVEL * levels if levels else 0
            self.heights.append(max(2 * PAD + band + marks, label_height + 2 * PAD))

    def _place(self, row: Row) -> list[tuple[Mark, int]]:
        """Each mark of a row with its level: the lowest where it touches no other."""
        marks = sorted(row.marks, key=lambda m: (m.lower + m.upper, m.number))
        spans: list[tuple[float, float]] = []
        for mark in marks:
            centre = self.points((mark.lower + mark.upper) // 2)
            label = self.measure.width(str(mark.number), SMALL) / SLACK
            spans.append(
                (
                    min(self.points(mark.lower), centre - MARK / 2),
                    max(self.points(mark.upper), centre + MARK / 2 + LABEL_GAP + label),
                )
            )
        return list(zip(marks, _levels(spans), strict=True))
