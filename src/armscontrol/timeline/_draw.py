"""Drawing timelines: the figure, its rows, marks, legend and key, placed by :mod:`._layout`."""

# matplotlib's stubs leave its drawing methods' **kwargs untyped:
# pyright: reportUnknownMemberType=false

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from armscontrol.dates import HistoricalDate
from armscontrol.timeline._layout import (
    DAY,
    DPI,
    FONT,
    KEY_LINE,
    KEY_TEXT,
    LABEL_GAP,
    LEVEL,
    MARGIN,
    MARK,
    MARKERS,
    PAD,
    RISE,
    SLACK,
    SMALL,
    TICKS,
    TITLE_FONT,
    VISIBLE,
    WIDTH,
    KeyEntry,
    Layout,
    Mark,
    Measure,
    Row,
    band_span,
    colours,
    date_axis,
    disputed,
    plain,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def draw(
    mpl: Any,
    *,
    title: str,
    subtitle: str | None,
    rows: Sequence[Row],
    key: Sequence[KeyEntry],
    first: int,
    stop: int,
    as_of: HistoricalDate | None = None,
) -> Figure:
    """Lay out and draw rows from ``first`` to ``stop`` (POSIX seconds); see the module."""
    fig: Figure = mpl.figure.Figure(figsize=(WIDTH, 4.0), dpi=DPI)
    measure = Measure(fig, mpl.backends.backend_agg.FigureCanvasAgg(fig).get_renderer())
    palette = colours(rows)
    start = first - max((stop - first) // 40, 15 * DAY)
    layout = Layout(mpl, fig, measure, rows, start, stop)
    layout.lay_out()

    legend = _legend(fig, layout, _legend_handles(mpl, layout, palette, stop, as_of))
    legend_height = 0.0 if legend is None else legend.get_window_extent(measure.renderer).height
    dates = max((measure.width(entry.date, SMALL) for entry in key), default=0.0) / 72
    key_text = KEY_TEXT + dates / SLACK + 0.15
    key_room = (WIDTH - key_text - MARGIN) * 72
    key_lines = [measure.fit(entry.text, key_room, SMALL, lines=2) for entry in key]
    key_height = sum(KEY_LINE * (1 + text.count("\n")) for text in key_lines)

    plot_height = sum(layout.heights)
    title = measure.fit(title, (WIDTH - 2 * MARGIN) * 72, TITLE_FONT, lines=2)
    title_height = measure.size(title, TITLE_FONT)[1] / 72
    subtitle = subtitle and measure.fit(subtitle, (WIDTH - 2 * MARGIN) * 72, FONT)
    subtitle_height = measure.size(subtitle, FONT)[1] / 72 + 0.06 if subtitle else 0
    top = 0.15 + title_height + subtitle_height + 0.2
    tail = TICKS + legend_height / fig.dpi + 0.12 + key_height + 0.1
    height = top + plot_height + tail
    fig.set_size_inches(WIDTH, height)
    bottom = height - top - plot_height

    inches = fig.dpi_scale_trans
    fig.text(
        MARGIN,
        height - 0.15,
        plain(title),
        fontsize=TITLE_FONT,
        va="top",
        transform=inches,
        gid="title",
    )
    if subtitle:
        fig.text(
            MARGIN,
            height - 0.15 - title_height - 0.06,
            plain(subtitle),
            fontsize=FONT,
            va="top",
            color="#555555",
            transform=inches,
            gid="subtitle",
        )
    ax: Axes = fig.add_axes(
        (layout.left / WIDTH, bottom / height, layout.plot_width / WIDTH, plot_height / height)
    )
    _draw_rows(ax, layout, palette, stop, plot_height)
    ax.set_xlim(layout.x(start), layout.x(stop))
    date_axis(mpl, ax, layout.x(start), layout.x(stop))
    if as_of is not None:
        ax.axvline(
            layout.x(as_of.upper), color="#333333", linestyle="--", linewidth=0.8, gid="as_of"
        )
    if legend is not None:
        legend.set_bbox_to_anchor((layout.left, bottom - TICKS), transform=inches)
    below = bottom - TICKS - legend_height / fig.dpi - 0.12
    for entry, text in zip(key, key_lines, strict=True):
        _draw_key_line(mpl, fig, entry, text, x=key_text, y=below)
        below -= KEY_LINE * (1 + text.count("\n"))
    return fig


def _draw_rows(ax: Axes, layout: Layout, palette: dict[str, str], stop: int, top: float) -> None:
    ax.set_ylim(0, top)
    centres: list[float] = []
    ceiling = top
    rows = layout.rows
    for number, row in enumerate(rows):
        band, height = layout.bands[number], layout.heights[number]
        base = ceiling - height + PAD
        centres.append(base + band / 2)
        if number and row.group != rows[number - 1].group:
            ax.axhline(ceiling, color="#cccccc", linewidth=0.6, gid="separator")
        _draw_row(layout, ax, row, palette=palette, base=base, band=band, stop=stop)
        for mark, level in layout.placements[number]:
            y = base + band + RISE + LEVEL * (level + 0.5)
            _draw_mark(layout, ax, mark, floor=base + band, y=y)
        ceiling -= height
    # Bottom to top, as matplotlib lists ticks.
    ax.set_yticks(centres[::-1], [plain(text) for text in reversed(layout.labels)], fontsize=FONT)
    ax.tick_params(axis="y", length=0)
    ax.spines[["top", "right", "left"]].set_visible(False)


def _draw_row(
    layout: Layout,
    ax: Axes,
    row: Row,
    *,
    palette: dict[str, str],
    base: float,
    band: float,
    stop: int,
) -> None:
    patches, x = layout.mpl.patches, layout.x
    stripe = band / len(row.views)
    for low, high in disputed(row.views, stop):
        ax.add_patch(
            patches.Rectangle(
                (x(low), base - 0.025),
                x(high) - x(low),
                band + 0.05,
                facecolor="#eeeeee",
                hatch="xxxx",
                edgecolor="#aaaaaa",
                linewidth=0,
                zorder=0.5,
                gid="disputed",
            )
        )
    for position, lane in enumerate(row.views):
        y = base + band - stripe * (position + 1)
        for bar in lane.bars:
            if bar.lower >= stop:
                continue
            colour = palette[bar.state]
            begin, finish = band_span(bar, stop)
            ax.add_patch(
                patches.Rectangle(
                    (x(begin), y), x(finish) - x(begin), stripe, facecolor=colour, gid="band"
                )
            )
            if bar.upper - bar.lower > DAY:
                ax.add_patch(
                    patches.Rectangle(
                        (x(bar.lower), y),
                        x(begin) - x(bar.lower),
                        stripe,
                        facecolor=colour,
                        alpha=0.35,
                        hatch="///",
                        edgecolor="white",
                        linewidth=0,
                        zorder=2,  # over the band of the state before
                        gid="fuzzy",
                    )
                )


def _draw_mark(layout: Layout, ax: Axes, mark: Mark, *, floor: float, y: float) -> None:
    marker, colour = MARKERS[mark.kind]
    x = layout.x
    at = x((mark.lower + mark.upper) // 2)
    ax.plot([at, at], [floor, y], color="#999999", linewidth=0.5, gid="pin")
    if mark.upper - mark.lower > DAY:
        ax.plot([x(mark.lower), x(mark.upper)], [y, y], color=colour, linewidth=1, gid="range")
    ax.plot([at], [y], marker=marker, color=colour, markersize=MARK, gid=mark.kind)
    ax.annotate(
        str(mark.number),
        (at, y),
        xytext=(MARK / 2 + LABEL_GAP, 0),
        textcoords="offset points",
        fontsize=SMALL,
        va="center",
        gid="mark-label",
    )


def _draw_key_line(
    mpl: Any, fig: Figure, entry: KeyEntry, text: str, *, x: float, y: float
) -> None:
    inches = fig.dpi_scale_trans
    marker, colour = MARKERS[entry.kind]
    fig.add_artist(
        mpl.lines.Line2D(
            [0.3],
            [y - 0.05],
            marker=marker,
            color=colour,
            markersize=MARK - 1,
            linestyle="none",
            transform=inches,
            gid=f"key-{entry.kind}",
        )
    )
    number = str(entry.number)
    fig.text(0.62, y, number, fontsize=SMALL, ha="right", va="top", transform=inches, gid="key")
    fig.text(KEY_TEXT, y, entry.date, fontsize=SMALL, va="top", transform=inches, gid="key")
    fig.text(x, y, plain(text), fontsize=SMALL, va="top", transform=inches, gid="key")


def _legend(fig: Figure, layout: Layout, handles: list[Any]) -> Any:
    """A legend under the plot, in as many columns as fit its width (None if empty)."""
    legend = None
    for columns in range(min(len(handles), 6), 0, -1):
        if legend is not None:
            legend.remove()
        legend = fig.legend(
            handles=handles,
            loc="upper left",
            ncols=columns,
            fontsize=FONT,
            frameon=False,
            bbox_to_anchor=(layout.left, 0),
            bbox_transform=fig.dpi_scale_trans,
            borderaxespad=0,
            handlelength=1.6,
            columnspacing=1.2,
        )
        width = legend.get_window_extent(layout.measure.renderer).width / fig.dpi
        if width / SLACK <= WIDTH - layout.left - 0.2:
            break
    return legend


def _legend_handles(
    mpl: Any,
    layout: Layout,
    palette: dict[str, str],
    stop: int,
    as_of: HistoricalDate | None,
) -> list[Any]:
    """The legend's entries, for what is visible only."""
    visible: set[str] = set()
    fuzzy = False
    for row in layout.rows:
        for bar in (bar for lane in row.views for bar in lane.bars if bar.lower < stop):
            begin, finish = band_span(bar, stop)
            if layout.points(finish) - layout.points(begin) >= VISIBLE:
                visible.add(bar.state)
            if bar.upper - bar.lower > DAY:
                shaded = layout.points(begin) - layout.points(bar.lower) >= VISIBLE
                fuzzy = fuzzy or shaded
                if shaded:
                    visible.add(bar.state)
    # States drawn in one colour share an entry: "in effect, active".
    by_colour: dict[str, list[str]] = {}
    for state, colour in palette.items():
        if state in visible:
            by_colour.setdefault(colour, []).append(state.replace("_", " "))
    handles: list[Any] = [
        mpl.patches.Patch(facecolor=colour, label=", ".join(states))
        for colour, states in by_colour.items()
    ]
    if fuzzy:
        handles.append(
            mpl.patches.Patch(
                facecolor="#bbbbbb", hatch="///", edgecolor="white", label="date uncertain"
            )
        )
    if any(disputed(row.views, stop) for row in layout.rows):
        handles.append(
            mpl.patches.Patch(
                facecolor="#eeeeee", hatch="xxxx", edgecolor="#aaaaaa", label="views differ"
            )
        )
    kinds = {mark.kind for row in layout.rows for mark in row.marks}
    for kind in ("event", "violation"):
        if kind in kinds:
            marker, colour = MARKERS[kind]
            handles.append(
                mpl.lines.Line2D(
                    [], [], marker=marker, color=colour, linestyle="none", label=f"{kind}, see key"
                )
            )
    if as_of is not None:
        label = f"as of {as_of.text}"
        handles.append(
            mpl.lines.Line2D([], [], color="#333333", linestyle="--", linewidth=0.8, label=label)
        )
    return handles
