import datetime as dt
import functools
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armscontrol import timeline
from armscontrol.dates import HistoricalDate
from armscontrol.exceptions import SaveError, UnknownSubjectError
from armscontrol.model import AgreementKind, DateClaim, Record, Transition
from records import launch, launch_violation, leap_day_deal, leap_day_record, moratorium

_TASK = re.compile(r"^    (?P<state>[a-z_]+) \((?P<date>[^)]*)\) :(?P<rest>.*)$")


def d(text: str) -> HistoricalDate:
    """A date from its text."""
    return HistoricalDate.parse(text)


def make_record(*transitions: Transition) -> Record:
    """A small deal with one commitment, a launch and a violation, and these transitions."""
    return leap_day_record(
        *transitions,
        agreements=(
            leap_day_deal(
                moratorium("moratorium", "No launches."),
                ident="deal",
                title="The $240,000 deal",
                kind=AgreementKind.EXECUTIVE_AGREEMENT,
            ),
        ),
        events=(launch(summary="A launch.", alternative_dates=(DateClaim(d("2012-04-12")),)),),
        violations=(launch_violation(commitment="moratorium", date="2012-04", summary="Breach."),),
    )


@pytest.fixture
def record() -> Record:
    """The deal's history, and a commitment whose violation only the USA asserts."""
    return make_record(
        Transition("deal", "concluded", d("2012-02-29")),
        Transition("deal", "in_effect", d("2012-03")),
        Transition(
            "deal",
            "collapsed",
            d("2012-04-13/2012-04-30"),
            causes=("launch", "launch-violation"),
        ),
        Transition("moratorium", "active", d("2012-02-29")),
        Transition("moratorium", "violated", d("2012-04-13"), asserted_by=("USA",)),
        Transition("moratorium", "lapsed", d("2012-04-30")),
    )


def tasks(chart: str) -> list[tuple[str, str, str]]:
    """The (state, start, end or duration) of each task of a Mermaid gantt chart."""
    found = []
    for line in chart.splitlines():
        match = _TASK.match(line)
        if match:
            fields = [part.strip() for part in match["rest"].split(",")]
            found.append((match["state"], fields[-2], fields[-1]))
    return found


def sections(chart: str) -> list[str]:
    """The section names of a Mermaid gantt chart."""
    return [line.removeprefix("    section ") for line in chart.splitlines() if "section" in line]


class TestMermaid:
    """Mermaid gantt charts of a history."""

    def test_states_in_order_with_start_dates(self, record: Record) -> None:
        """Each state is a task, in history order, starting on the first day it may hold."""
        chart = timeline.mermaid(record, "deal")

        assert [
            ("concluded", "2012-02-29", "2012-03-01"),
            ("in_effect", "2012-03-01", "2012-04-13"),
            ("collapsed", "2012-04-13", "0d"),
        ] == tasks(chart)

    def test_chart_is_a_gantt_with_the_title(self, record: Record) -> None:
        """The chart is a Mermaid gantt whose title names the agreement, without colons."""
        lines = timeline.mermaid(record, "deal").splitlines()

        assert "gantt" == lines[0]
        assert "    title The $240,000 deal (deal)" == lines[1]

    def test_last_state_is_a_milestone(self, record: Record) -> None:
        """The state a subject is left in holds from then on, drawn as a milestone."""
        last = timeline.mermaid(record, "deal").splitlines()[-1]

        assert ":milestone," in last
        assert last.startswith("    collapsed (2012-04-13/2012-04-30)")

    def test_disputed_history_has_one_section_per_view(self, record: Record) -> None:
        """A history some party disputes gets a section for each asserting party and the rest."""
        chart = timeline.mermaid(record, "moratorium")

        assert ["according to USA", "according to others"] == sections(chart)
        assert ["active", "violated", "lapsed", "active", "lapsed"] == [
            state for state, _, _ in tasks(chart)
        ]

    def test_according_to_draws_one_view(self, record: Record) -> None:
        """Naming a party draws only that party's view."""
        chart = timeline.mermaid(record, "moratorium", according_to="PRK")

        assert ["according to PRK"] == sections(chart)
        assert ["active", "lapsed"] == [state for state, _, _ in tasks(chart)]

    def test_uncontested_history_has_one_section(self, record: Record) -> None:
        """A history nobody disputes is one section named after the subject."""
        assert ["deal"] == sections(timeline.mermaid(record, "deal"))

    def test_unknown_subject_raises(self, record: Record) -> None:
        """An id the record does not hold raises UnknownSubjectError with suggestions."""
        with pytest.raises(UnknownSubjectError) as caught:
            timeline.mermaid(record, "dael")

        assert ("deal",) == caught.value.suggestions

    def test_subject_without_history_has_no_tasks(self, record: Record) -> None:
        """A subject with no transitions gives a chart with no tasks."""
        assert [] == tasks(timeline.mermaid(record, "deal/USA"))

    def test_open_interval_is_drawn_at_its_known_end(self) -> None:
        """A date open at one end starts its bar at the end that is known."""
        record = make_record(
            Transition("deal", "concluded", d("../1985")),
            Transition("deal", "in_effect", d("2003-01-10/..")),
        )

        assert [
            ("concluded", "1985-01-01", "2003-01-10"),
            ("in_effect", "2003-01-10", "0d"),
        ] == tasks(timeline.mermaid(record, "deal"))

    @settings(deadline=None)
    @given(st.lists(st.integers(min_value=1, max_value=4000), min_size=1, max_size=6))
    def test_any_dated_walk_is_listed_in_order(self, gaps: list[int]) -> None:
        """For any history of exact days, tasks follow the steps; each ends as the next starts."""
        states = ["active", "suspended"] * 3
        day = dt.date(1990, 1, 1)
        dates = []
        for gap in gaps:
            day += dt.timedelta(days=gap)
            dates.append(day.isoformat())
        record = make_record(
            *(
                Transition("moratorium", state, d(date))
                for state, date in zip(states, dates, strict=False)
            )
        )

        found = tasks(timeline.mermaid(record, "moratorium"))

        assert [(s, t) for s, t in zip(states, dates, strict=False)] == [
            (state, start) for state, start, _ in found
        ]
        assert dates[1:] == [end for _, _, end in found[:-1]]


class TestFigure:
    """matplotlib figures of a history."""

    @pytest.fixture(autouse=True)
    def _needs_matplotlib(self) -> None:
        pytest.importorskip("matplotlib")

    @staticmethod
    def patches(fig: Any, gid: str) -> list[Any]:
        """The patches of a figure drawn with this gid."""
        return [p for ax in fig.axes for p in ax.patches if p.get_gid() == gid]

    @staticmethod
    def marks(fig: Any, gid: str) -> list[Any]:
        """The line marks of a figure drawn with this gid."""
        return [line for ax in fig.axes for line in ax.lines if line.get_gid() == gid]

    def test_one_band_per_step(self, record: Record) -> None:
        """Each step of the history is drawn as exactly one band."""
        fig = timeline.figure(record, "deal")

        assert 3 == len(self.patches(fig, "band"))

    def test_bands_are_coloured_by_state(self, record: Record) -> None:
        """Bands of different states have different colours, in history order."""
        colours = [p.get_facecolor() for p in self.patches(timeline.figure(record, "deal"), "band")]

        assert 3 == len(set(colours))

    def test_fuzzy_dates_get_shaded_edges(self, record: Record) -> None:
        """A month and an interval each get a shaded edge; an exact day gets none."""
        fig = timeline.figure(record, "deal")

        assert 2 == len(self.patches(fig, "fuzzy"))

    def test_disputed_history_has_a_lane_per_view(self, record: Record) -> None:
        """A disputed history is drawn in one lane per view, each with its own bands."""
        fig = timeline.figure(record, "moratorium")
        labels = [label.get_text() for label in fig.axes[0].get_yticklabels()]

        assert ["according to others", "according to USA"] == labels
        assert 5 == len(self.patches(fig, "band"))

    def test_causes_are_marked(self, record: Record) -> None:
        """Cited events and violations are marked, each once per lane."""
        fig = timeline.figure(record, "deal")

        assert (1, 1) == (len(self.marks(fig, "event")), len(self.marks(fig, "violation")))

    def test_until_ends_the_last_band(self, record: Record) -> None:
        """The last band runs to the end of the ``until`` date."""
        fig = timeline.figure(record, "deal", until="2013")
        last = self.patches(fig, "band")[-1]
        end = (
            dt.datetime(2014, 1, 1, tzinfo=dt.UTC).timestamp() / 86_400
        )  # matplotlib's day numbers

        assert end == pytest.approx(last.get_x() + last.get_width())

    def test_unknown_subject_raises(self, record: Record) -> None:
        """An id the record does not hold raises UnknownSubjectError."""
        with pytest.raises(UnknownSubjectError):
            timeline.figure(record, "nothing")


class TestRender:
    """Timeline files, PNG and SVG."""

    @pytest.fixture(autouse=True)
    def _needs_matplotlib(self) -> None:
        pytest.importorskip("matplotlib")

    def test_png_by_suffix(self, record: Record, tmp_path: Path) -> None:
        """A ``.png`` path gets a PNG file."""
        target = tmp_path / "deal.png"
        timeline.render(record, "deal", target)

        assert b"\x89PNG\r\n\x1a\n" == target.read_bytes()[:8]

    def test_svg_by_suffix(self, record: Record, tmp_path: Path) -> None:
        """A ``.svg`` path gets an SVG document."""
        target = tmp_path / "deal.svg"
        timeline.render(record, "deal", target)

        assert "{http://www.w3.org/2000/svg}svg" == ET.parse(target).getroot().tag

    def test_format_overrides_suffix(self, record: Record, tmp_path: Path) -> None:
        """An explicit format wins over the file's suffix."""
        target = tmp_path / "deal.out"
        timeline.render(record, "deal", target, format="SVG")

        assert "{http://www.w3.org/2000/svg}svg" == ET.parse(target).getroot().tag

    def test_svg_is_reproducible(self, record: Record, tmp_path: Path) -> None:
        """The same record gives the same SVG bytes, with no date in them."""
        first, second = tmp_path / "a.svg", tmp_path / "b.svg"
        timeline.render(record, "moratorium", first)
        timeline.render(record, "moratorium", second)

        assert first.read_bytes() == second.read_bytes()
        assert b"<dc:date>" not in first.read_bytes()

    def test_unsupported_format_raises_and_writes_nothing(
        self, record: Record, tmp_path: Path
    ) -> None:
        """A suffix other than PNG or SVG raises UnsupportedFormatError and leaves no file."""
        with pytest.raises(timeline.UnsupportedFormatError) as caught:
            timeline.render(record, "deal", tmp_path / "deal.gif")

        assert (".gif", ("png", "svg")) == (caught.value.format, caught.value.supported)
        assert [] == list(tmp_path.iterdir())

    def test_failure_leaves_the_old_file(self, record: Record, tmp_path: Path) -> None:
        """When drawing fails, the file that was there is unchanged and no stray file is left."""
        target = tmp_path / "deal.svg"
        target.write_text("old", encoding="utf-8")

        with pytest.raises(UnknownSubjectError):
            timeline.render(record, "nothing", target)

        assert "old" == target.read_text(encoding="utf-8")
        assert [target] == list(tmp_path.iterdir())

    def test_unwritable_place_raises_save_error(self, record: Record, tmp_path: Path) -> None:
        """A folder that does not exist raises SaveError naming the file."""
        target = tmp_path / "missing" / "deal.png"

        with pytest.raises(SaveError) as caught:
            timeline.render(record, "deal", target)

        assert str(target) == caught.value.path


class TestWithoutMatplotlib:
    """What works, and what fails how, when matplotlib is not installed."""

    @pytest.fixture
    def no_matplotlib(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Make ``import matplotlib`` fail, as when it is not installed."""
        for name in list(sys.modules):
            if name == "matplotlib" or name.startswith("matplotlib."):
                monkeypatch.delitem(sys.modules, name)
        monkeypatch.setitem(sys.modules, "matplotlib", None)

    @pytest.mark.usefixtures("no_matplotlib")
    def test_figure_raises_plot_unavailable(self, record: Record) -> None:
        """Without matplotlib, drawing a figure raises PlotUnavailable naming the extra."""
        with pytest.raises(timeline.PlotUnavailable, match=r"plot extra.*-e '\.\[plot\]'"):
            timeline.figure(record, "deal")

    @pytest.mark.usefixtures("no_matplotlib")
    def test_render_raises_plot_unavailable(self, record: Record, tmp_path: Path) -> None:
        """Without matplotlib, rendering raises PlotUnavailable and writes nothing."""
        with pytest.raises(timeline.PlotUnavailable):
            timeline.render(record, "deal", tmp_path / "deal.png")

        assert [] == list(tmp_path.iterdir())

    @pytest.mark.usefixtures("no_matplotlib")
    def test_mermaid_needs_no_matplotlib(self, record: Record) -> None:
        """Mermaid charts are drawn without matplotlib."""
        assert timeline.mermaid(record, "deal").startswith("gantt\n")

    def test_import_does_not_load_matplotlib(self) -> None:
        """Importing armscontrol and its timeline module does not import matplotlib."""
        code = "import sys, armscontrol, armscontrol.timeline; print('matplotlib' in sys.modules)"
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        )

        assert "False" == result.stdout.strip()


class TestEveryBundledSubject:
    """`armscontrol timeline` draws any subject of the bundled data, and refuses others."""

    @pytest.fixture(autouse=True)
    def _needs_matplotlib(self) -> None:
        pytest.importorskip("matplotlib")

    @pytest.mark.parametrize("name", ["korea", "inf", "jcpoa"])
    def test_svg_for_every_subject_png_for_one(
        self, name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Every subject gets an SVG file; the first also a PNG file."""
        from armscontrol import datasets, query
        from armscontrol.cli import main

        subjects = query.subjects(datasets.load(name))
        assert subjects
        for number, subject in enumerate(subjects):
            target = tmp_path / f"{number}.svg"
            assert 0 == main(["timeline", subject, "--dataset", name, "-o", str(target)])
            assert "svg" == ET.parse(target).getroot().tag.rpartition("}")[2]
        png = tmp_path / "first.png"
        assert 0 == main(["timeline", subjects[0], "--dataset", name, "-o", str(png)])
        assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
        capsys.readouterr()

    def test_unknown_subject_is_refused(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An unknown subject exits 2, names the subject, suggests one, and writes nothing."""
        from armscontrol.cli import main

        target = tmp_path / "x.svg"
        assert 2 == main(["timeline", "leap-day-2021", "-o", str(target)])
        err = capsys.readouterr().err
        assert "leap-day-2021" in err
        assert "leap-day-2012" in err
        assert "Traceback" not in err
        assert not target.exists()


def label_boxes(fig: Any) -> list[tuple[str, Any]]:
    """Every piece of text and every mark a figure shows, with its box on the canvas."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.transforms import Bbox

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    texts = list(fig.texts)
    for ax in fig.axes:
        texts += [*ax.texts, ax.title, *ax.get_xticklabels(), *ax.get_yticklabels()]
        texts.append(ax.xaxis.get_offset_text())
    for legend in fig.legends:
        texts += legend.get_texts()
    boxes = [
        (text.get_text(), text.get_window_extent(renderer))
        for text in texts
        if text.get_visible() and text.get_text().strip()
    ]
    marks = [
        line for ax in fig.axes for line in ax.lines if line.get_marker() not in (None, "None", "")
    ]
    marks += [artist for artist in fig.artists if str(artist.get_gid()).startswith("key-")]
    for line in marks:
        half = line.get_markersize() * fig.dpi / 72 / 2
        for x, y in line.get_transform().transform(line.get_xydata()):
            boxes.append(
                (f"mark {line.get_gid()}", Bbox([[x - half, y - half], [x + half, y + half]]))
            )
    return boxes


def overlaps(boxes: list[tuple[str, Any]]) -> list[tuple[str, str]]:
    """The pairs of boxes that overlap by more than half a pixel each way."""
    found = []
    for n, (first, a) in enumerate(boxes):
        for second, b in boxes[n + 1 :]:
            width = min(a.x1, b.x1) - max(a.x0, b.x0)
            height = min(a.y1, b.y1) - max(a.y0, b.y0)
            if width > 0.5 and height > 0.5:
                found.append((first, second))
    return found


def bundled_drawings() -> list[tuple[str, str, str]]:
    """(dataset, subject, kind) for every dossier and every history of the bundled data."""
    from armscontrol import datasets, query

    found = []
    for name in datasets.names():
        record = datasets.load(name)
        found += [(name, agreement.id, "dossier") for agreement in record.agreements]
        found += [(name, subject, "history") for subject in query.subjects(record)]
    return found


class TestDossier:
    """An agreement's dossier: its own history, its parties' and its commitments', in one figure."""

    @pytest.fixture(autouse=True)
    def _needs_matplotlib(self) -> None:
        pytest.importorskip("matplotlib")

    @staticmethod
    def labels(fig: Any) -> list[str]:
        """The rows' labels, top to bottom."""
        return [label.get_text() for label in fig.axes[0].get_yticklabels()][::-1]

    @staticmethod
    def patches(fig: Any, gid: str) -> list[Any]:
        """The patches of a figure drawn with this gid."""
        return [p for ax in fig.axes for p in ax.patches if p.get_gid() == gid]

    def test_rows_for_the_agreement_and_each_subject_with_a_history(self, record: Record) -> None:
        """One row for the agreement and one per commitment, named by title and words, not ids."""
        fig = timeline.dossier(record, "deal")

        assert [
            "The $240,000 deal",
            "PRK must not: no launches.\nviews, top down: USA, uncontested",
        ] == [label.replace("\\$", "$") for label in self.labels(fig)]

    def test_each_party_with_a_recorded_participation_has_a_row(self, record: Record) -> None:
        """A party whose participation has a history gets a row named after the party."""
        with_party = make_record(
            *record.transitions, Transition("deal/USA", "party", d("2012-03-01"))
        )

        assert "United States" == self.labels(timeline.dossier(with_party, "deal"))[1]

    def test_disputed_row_is_striped_with_the_difference_shaded(self, record: Record) -> None:
        """A row the parties see differently has a stripe per view; where they differ is shaded."""
        fig = timeline.dossier(record, "deal")
        disputed = self.patches(fig, "disputed")
        heights = {round(p.get_height(), 3) for p in self.patches(fig, "band")}
        start = dt.datetime(2012, 4, 14, tzinfo=dt.UTC).timestamp() / 86_400
        end = dt.datetime(2012, 5, 1, tzinfo=dt.UTC).timestamp() / 86_400

        assert 1 == len(disputed)
        assert (start, end) == pytest.approx(
            (disputed[0].get_x(), disputed[0].get_x() + disputed[0].get_width())
        )
        assert 2 == len(heights)  # full bands and half-height stripes

    def test_marks_are_numbered_by_date_and_explained(self, record: Record) -> None:
        """Events and violations are numbered in date order; the key gives date and summary."""
        fig = timeline.dossier(record, "deal")
        key = [t.get_text() for t in fig.texts if t.get_gid() == "key"]

        assert ["1", "2012-04", "alleged by United States: Breach."] == key[:3]
        assert ["2", "2012-04-13", "A launch."] == key[3:]

    def test_as_of_marks_the_horizon_and_ends_the_bands(self, record: Record) -> None:
        """The horizon is a dashed line, and the last states' bands end there."""
        fig = timeline.dossier(record, "deal", as_of="2012-12-31")
        ax = fig.axes[0]
        line = next(line for line in ax.lines if line.get_gid() == "as_of")
        horizon = dt.datetime(2013, 1, 1, tzinfo=dt.UTC).timestamp() / 86_400
        ends = {p.get_x() + p.get_width() for p in self.patches(fig, "band")}

        assert horizon == pytest.approx(line.get_xdata()[0])
        assert horizon == pytest.approx(max(ends))
        assert horizon == pytest.approx(ax.get_xlim()[1])

    def test_the_records_own_horizon_by_default(self, record: Record) -> None:
        """Without ``as_of``, a record that gives one is drawn to it; one that does not, is not."""
        dated = attrs.evolve(record, as_of=HistoricalDate("2012-12-31"))
        fig = timeline.dossier(dated, "deal")
        lines = [line for line in fig.axes[0].lines if line.get_gid() == "as_of"]
        horizon = dt.datetime(2013, 1, 1, tzinfo=dt.UTC).timestamp() / 86_400

        assert [horizon] == [pytest.approx(line.get_xdata()[0]) for line in lines]
        assert "as of 2012-12-31" in [t.get_text() for t in fig.legends[0].get_texts()]
        assert [] == [
            line for line in timeline.dossier(record, "deal").axes[0].lines
            if line.get_gid() == "as_of"
        ]  # fmt: skip

    def test_a_given_horizon_overrides_the_records(self, record: Record) -> None:
        """``as_of`` given wins over the record's own."""
        dated = attrs.evolve(record, as_of=HistoricalDate("2012-12-31"))
        fig = timeline.dossier(dated, "deal", as_of="2012-10")
        texts = [t.get_text() for t in fig.legends[0].get_texts()]

        assert ("as of 2012-10" in texts, "as of 2012-12-31" in texts) == (True, False)

    def test_legend_names_the_horizon(self, record: Record) -> None:
        """The legend says what the dashed line is."""
        fig = timeline.dossier(record, "deal", as_of="2012-12-31")

        assert "as of 2012-12-31" in [t.get_text() for t in fig.legends[0].get_texts()]

    def test_not_an_agreement_raises(self, record: Record) -> None:
        """A commitment or an unknown id raises UnknownSubjectError suggesting agreements."""
        with pytest.raises(UnknownSubjectError) as caught:
            timeline.dossier(record, "dael")
        with pytest.raises(UnknownSubjectError):
            timeline.dossier(record, "moratorium")

        assert ("deal",) == caught.value.suggestions

    def test_render_writes_a_dossier(self, record: Record, tmp_path: Path) -> None:
        """``render(..., dossier=True)`` writes the dossier, reproducibly."""
        first, second = tmp_path / "a.svg", tmp_path / "b.svg"
        timeline.render(record, "deal", first, dossier=True, as_of="2012-12")
        timeline.render(record, "deal", second, dossier=True, as_of="2012-12")

        assert "svg" == ET.parse(first).getroot().tag.rpartition("}")[2]
        assert first.read_bytes() == second.read_bytes()
        assert b"United States: Breach." in first.read_bytes()

    def test_render_refuses_one_view_of_a_dossier(self, record: Record, tmp_path: Path) -> None:
        """A dossier shows every view: asking for one party's raises and writes nothing."""
        with pytest.raises(ValueError, match="every party's view"):
            timeline.render(record, "deal", tmp_path / "d.svg", dossier=True, according_to="USA")

        assert [] == list(tmp_path.iterdir())


class TestLayout:
    """Nothing in a drawing hides anything else, and the axis and legend say only what is there."""

    @pytest.fixture(autouse=True)
    def _needs_matplotlib(self) -> None:
        pytest.importorskip("matplotlib")

    @staticmethod
    @functools.cache
    def draw(dataset: str, subject: str, kind: str) -> Any:
        """A bundled drawing, drawn once for the tests that look at it."""
        from armscontrol import datasets

        record = datasets.load(dataset)
        if kind == "dossier":
            return timeline.dossier(record, subject)
        return timeline.figure(record, subject)

    @pytest.mark.parametrize(("dataset", "subject", "kind"), bundled_drawings())
    def test_no_label_or_mark_overlaps_another(self, dataset: str, subject: str, kind: str) -> None:
        """No two texts or marks of a bundled drawing overlap, and all lie inside the figure."""
        fig = self.draw(dataset, subject, kind)
        boxes = label_boxes(fig)
        width, height = fig.bbox.width, fig.bbox.height
        outside = [
            name
            for name, box in boxes
            if box.x0 < -0.5 or box.y0 < -0.5 or box.x1 > width + 0.5 or box.y1 > height + 0.5
        ]

        assert ([], []) == (overlaps(boxes), outside)

    @pytest.mark.parametrize(("dataset", "subject", "kind"), bundled_drawings())
    def test_time_axis_names_each_date_once(self, dataset: str, subject: str, kind: str) -> None:
        """Read in order, the ticks name different dates; the first its year; no offset label."""
        fig = self.draw(dataset, subject, kind)
        label_boxes(fig)  # draws the figure, which sets the tick labels
        ax = fig.axes[0]
        low, high = ax.get_xlim()
        ticks = [
            label.get_text()
            for label, at in zip(ax.get_xticklabels(), ax.get_xticks(), strict=True)
            if low <= at <= high
        ]

        read = []  # each tick read with the last year named at or before it
        year = None
        for tick in ticks:
            named = re.search(r"\b(?:1[89]|20)\d\d\b", tick)
            year = named[0] if named else year
            read.append(tick if named else f"{tick} {year}")

        assert re.search(r"\b(1[89]|20)\d\d\b", ticks[0])
        assert len(read) == len(set(read)) >= 2
        assert "" == ax.xaxis.get_offset_text().get_text()

    def test_legend_lists_only_states_that_show(self) -> None:
        """A state that holds for no visible time (concluded the day it took effect) is left out."""
        fig = self.draw("korea", "leap-day-2012", "history")
        names = [t.get_text() for t in fig.legends[0].get_texts()]

        assert ["in effect", "collapsed"] == names[:2]
        assert not any("concluded" in name for name in names)

    def test_states_of_one_colour_share_an_entry(self) -> None:
        """States drawn in the same colour are named together, not as look-alike entries."""
        fig = self.draw("inf", "inf", "dossier")
        names = [t.get_text() for t in fig.legends[0].get_texts()]

        assert "in effect, party, active" in names


class TestLevels:
    """Marks that would touch are stacked: the placement rule behind the no-overlap guarantee."""

    @given(
        st.lists(
            st.tuples(st.floats(0, 500), st.floats(0, 60)).map(lambda s: (s[0], s[0] + s[1])),
            max_size=30,
        )
    )
    def test_marks_on_a_level_never_touch(self, spans: list[tuple[float, float]]) -> None:
        """Spans given the same level are apart by the gap, and each sits as low as it can."""
        from armscontrol.timeline._layout import _GAP, _levels

        levels = _levels(spans)

        def apart(a: tuple[float, float], b: tuple[float, float]) -> bool:
            return a[1] + _GAP <= b[0] or b[1] + _GAP <= a[0]

        for n, (span, level) in enumerate(zip(spans, levels, strict=True)):
            earlier = list(zip(spans[:n], levels[:n], strict=True))
            assert all(apart(span, other) for other, lv in earlier if lv == level)
            assert all(
                any(not apart(span, other) for other, lv in earlier if lv == lower)
                for lower in range(level)
            )
