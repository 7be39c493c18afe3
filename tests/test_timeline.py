import datetime as dt
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armscontrol import timeline
from armscontrol.dates import HistoricalDate
from armscontrol.exceptions import SaveError, UnknownSubjectError
from armscontrol.model import (
    Agreement,
    AgreementKind,
    Commitment,
    DateClaim,
    Deontic,
    Event,
    EventKind,
    Party,
    Record,
    Transition,
    Violation,
)

_TASK = re.compile(r"^    (?P<state>[a-z_]+) \((?P<date>[^)]*)\) :(?P<rest>.*)$")


def d(text: str) -> HistoricalDate:
    """A date from its text."""
    return HistoricalDate.parse(text)


def make_record(*transitions: Transition) -> Record:
    """A small deal with one commitment, a launch and a violation, and these transitions."""
    return Record(
        parties=(Party("USA", "United States"), Party("PRK", "North Korea")),
        agreements=(
            Agreement(
                "deal",
                "The $240,000 deal",
                AgreementKind.EXECUTIVE_AGREEMENT,
                ("USA", "PRK"),
                commitments=(Commitment("moratorium", ("PRK",), Deontic.MUST_NOT, "No launches."),),
            ),
        ),
        events=(
            Event(
                "launch",
                EventKind.LAUNCH,
                d("2012-04-13"),
                "A launch.",
                alternative_dates=(DateClaim(d("2012-04-12")),),
            ),
        ),
        violations=(
            Violation(
                "launch-violation", "moratorium", ("USA",), ("PRK",), d("2012-04"), "Breach."
            ),
        ),
        transitions=transitions,
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
