"""``armscontrol export``: panels and long tables as CSV, JSON and Parquet, files written whole."""

import csv
import importlib.util
import io
import json
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from armscontrol import datasets, query, tables
from armscontrol import io as record_io
from armscontrol.cli import main
from armscontrol.dates import HistoricalDate
from armscontrol.model import Agreement, AgreementKind, Party, PartyKind, Record, Transition

ROOT = Path(__file__).resolve().parent.parent
LONG = ("transitions", "events", "violations", "commitments")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command in-process; return its exit status, stdout and stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def csv_text(table: tables.Table) -> str:
    """What the library writes for a table as CSV."""
    stream = io.StringIO(newline="")
    table.to_csv(stream)
    return stream.getvalue()


class TestDoneWhen:
    """The issue's three checks."""

    def test_panel_csv_has_a_row_per_subject_per_year(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A yearly panel export has date, subject and state for every subject and year."""
        status, out, err = run(
            capsys, "export", "panel", "--dataset", "korea", "--every", "year", "--format", "csv"
        )
        rows = list(csv.DictReader(io.StringIO(out)))
        record = datasets.load("korea")
        subjects = query.subjects(record)
        years = {row["date"][:4] for row in rows}

        assert (0, "") == (status, err)
        assert {"date", "subject", "state"} <= rows[0].keys()
        assert len(subjects) * len(years) == len(rows)
        assert {(s, y) for s in subjects for y in years} == {
            (row["subject"], row["date"][:4]) for row in rows
        }

    def test_pandas_gives_the_same_rows(self, capsys: pytest.CaptureFixture[str]) -> None:
        """panel(record, every="year").to_pandas() holds the rows the command writes."""
        pd = pytest.importorskip("pandas")
        _, out, _ = run(capsys, "export", "panel", "--dataset", "korea", "--every", "year")
        frame = tables.panel(datasets.load("korea"), every="year").to_pandas()
        written = pd.read_csv(io.StringIO(out), dtype=str, keep_default_na=False)
        as_text = frame.astype(object).where(frame.notna(), "")
        as_text["date"] = frame["date"].dt.strftime("%Y-%m-%d")
        booleans = [c.name for c in tables.PANEL_COLUMNS if c.kind is tables.ColumnKind.BOOLEAN]
        for name in booleans:
            as_text[name] = frame[name].map({True: "true", False: "false"}).fillna("")

        assert written.to_numpy().tolist() == as_text.astype(str).to_numpy().tolist()
        assert list(written.columns) == list(frame.columns)

    def test_transitions_csv_has_sources(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A transitions export has a sources column, and the citations beside it."""
        status, out, _ = run(
            capsys, "export", "transitions", "--dataset", "korea", "--format", "csv"
        )
        rows = list(csv.DictReader(io.StringIO(out)))

        assert 0 == status
        assert len(datasets.load("korea").transitions) == len(rows)
        assert all(row["sources"] for row in rows)
        assert all(row["citations"] for row in rows)


class TestOutput:
    """What each format writes, to stdout and to files."""

    @pytest.mark.parametrize("table", ["panel", *LONG])
    def test_csv_is_the_librarys(self, table: str, capsys: pytest.CaptureFixture[str]) -> None:
        """The CSV on stdout is exactly what Table.to_csv writes."""
        record = datasets.load("inf")
        options = ["--every", "month"] if table == "panel" else []
        expected = (
            tables.panel(record, every="month")
            if table == "panel"
            else getattr(tables, table)(record)
        )
        _, out, _ = run(capsys, "export", table, "--dataset", "inf", *options)
        assert csv_text(expected) == out

    @pytest.mark.parametrize("table", ["panel", *LONG])
    def test_json_rows(self, table: str, capsys: pytest.CaptureFixture[str]) -> None:
        """--format json writes an array with one object per row, days as ISO text."""
        record = datasets.load("jcpoa")
        options = ["--every", "year"] if table == "panel" else []
        expected = (
            tables.panel(record, every="year")
            if table == "panel"
            else getattr(tables, table)(record)
        )
        status, out, _ = run(
            capsys, "export", table, "--dataset", "jcpoa", *options, "--format", "json"
        )
        rows = [
            {k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in row.items()}
            for row in expected
        ]
        assert (0, rows) == (status, json.loads(out))

    def test_file_holds_what_stdout_shows(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """-o FILE writes the same bytes stdout would show, and nothing to stdout."""
        target = tmp_path / "years.csv"
        target.write_text("old\n", encoding="utf-8")
        _, shown, _ = run(capsys, "export", "panel", "--every", "year")
        status, out, _ = run(capsys, "export", "panel", "--every", "year", "-o", str(target))

        assert (0, "") == (status, out)
        assert shown.encode("utf-8") == target.read_bytes()
        assert [target] == list(tmp_path.iterdir())

    def test_failure_leaves_the_old_file_whole(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A failure while writing leaves the file as it was, and no temporary file."""
        target = tmp_path / "years.csv"
        target.write_text("old\n", encoding="utf-8")

        def half_then_fail(self: tables.Table) -> Iterator[tuple[tables.Cell, ...]]:
            yield ("1968", None)
            message = "disk full"
            raise OSError(28, message)

        monkeypatch.setattr(tables.Table, "rows", half_then_fail)
        status, _, err = run(capsys, "export", "panel", "--every", "year", "-o", str(target))

        assert 2 == status
        assert "disk full" in err
        assert "old\n" == target.read_text(encoding="utf-8")
        assert [target] == list(tmp_path.iterdir())

    def test_unwritable_file_is_reported(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A file in a folder that does not exist: exit 2, and the message names it."""
        target = tmp_path / "missing" / "years.csv"
        status, out, err = run(capsys, "export", "events", "-o", str(target))

        assert (2, "") == (status, out)
        assert f"could not save {target}: No such file or directory" in " ".join(err.split())

    def test_parquet_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--format parquet -o FILE writes the polars frame of the table."""
        pl = pytest.importorskip("polars")
        target = tmp_path / "years.parquet"
        status, _, err = run(
            capsys, "export", "panel", "--every", "year", "--format", "parquet", "-o", str(target)
        )
        expected = tables.panel(datasets.load("korea"), every="year").to_polars()

        assert (0, "") == (status, err)
        assert expected.equals(pl.read_parquet(target))

    def test_parquet_needs_a_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Parquet is binary: without -o the command refuses."""
        status, out, err = run(capsys, "export", "events", "--format", "parquet")
        assert (2, "") == (status, out)
        assert "--format parquet writes a binary file; name it with -o FILE" in err

    def test_parquet_without_polars_names_the_extra(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without polars, --format parquet says which extra to install, and writes nothing."""
        real = importlib.util.find_spec
        monkeypatch.setattr(
            importlib.util,
            "find_spec",
            lambda name, *a: None if name == "polars" else real(name, *a),
        )
        target = tmp_path / "t.parquet"
        status, _, err = run(capsys, "export", "events", "--format", "parquet", "-o", str(target))

        assert 2 == status
        assert "install armscontrol[polars]" in err
        assert not target.exists()


class TestPartyCodes:
    """A participation's party codes and the record's horizon, in every output format."""

    @pytest.fixture
    def coded(self, tmp_path: Path) -> Path:
        """A record file: a coded state and an organisation in one treaty, compiled to 2001-06."""
        record = Record(
            parties=(
                Party("RUS", "Russian Federation", iso_alpha3="RUS", cow_code=365),
                Party("IAEA", "IAEA", PartyKind.ORGANIZATION),
            ),
            agreements=(Agreement("a", "A", AgreementKind.TREATY, ("RUS", "IAEA")),),
            transitions=(Transition("a/RUS", "signed", HistoricalDate("2000-05-01")),),
            as_of=HistoricalDate("2001-06"),
        )
        path = tmp_path / "coded.json"
        record_io.dump(record, path)
        return path

    def cells(
        self, rows: list[dict[str, object]]
    ) -> dict[tuple[object, object], tuple[object, ...]]:
        """Each row's party codes and horizon cell, by subject and period."""
        return {
            (row["subject"], row["period"]): (
                row["iso_alpha3"],
                row["cow_code"],
                row["beyond_as_of"],
            )
            for row in rows
        }

    def test_csv(self, coded: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """CSV: the code as digits, empty for an organisation; true past the horizon."""
        _, out, _ = run(capsys, "export", "panel", str(coded), "--every", "year", "--to", "2001")
        cells = self.cells(list(csv.DictReader(io.StringIO(out))))
        assert ("RUS", "365", "false") == cells["a/RUS", "2000"]
        assert ("", "", "true") == cells["a/IAEA", "2001"]

    def test_json(self, coded: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON: the code as a number, null where there is none; booleans as such."""
        _, out, _ = run(
            capsys, "export", "panel", str(coded), "--every", "year", "--to", "2001",
            "--format", "json",
        )  # fmt: skip
        cells = self.cells(json.loads(out))
        assert ("RUS", 365, False) == cells["a/RUS", "2000"]
        assert (None, None, True) == cells["a/IAEA", "2001"]

    def test_parquet(self, coded: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Parquet: the code a nullable 64-bit integer, the horizon a boolean."""
        pl = pytest.importorskip("polars")
        target = tmp_path / "coded.parquet"
        run(
            capsys, "export", "panel", str(coded), "--every", "year", "--to", "2001",
            "--format", "parquet", "-o", str(target),
        )  # fmt: skip
        frame = pl.read_parquet(target)
        assert (pl.Int64, pl.Boolean) == (frame["cow_code"].dtype, frame["beyond_as_of"].dtype)
        codes = {
            subject: frame.filter(pl.col("subject") == subject)["cow_code"].to_list()
            for subject in ("a/RUS", "a/IAEA")
        }
        assert {"a/RUS": [365, 365], "a/IAEA": [None, None]} == codes


class TestOptions:
    """The panel's options, and mistakes reported as such."""

    def test_range_and_perspective(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--from, --to and --according-to are the panel's start, end and according_to."""
        _, out, _ = run(
            capsys,
            *("export", "panel", "--every", "month", "--from", "2012-03", "--to", "2012-05"),
            *("--according-to", "PRK"),
        )
        expected = tables.panel(
            datasets.load("korea"),
            every="month",
            start="2012-03",
            end="2012-05",
            according_to="PRK",
        )
        assert csv_text(expected) == out

    def test_path_reads_a_record(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A PATH is read as a record, before or after the options."""
        monkeypatch.chdir(tmp_path)
        Path("inf.json").write_bytes(datasets.path("inf").read_bytes())
        _, by_name, _ = run(capsys, "export", "panel", "--dataset", "inf", "--every", "year")
        _, by_path, _ = run(capsys, "export", "panel", "--every", "year", "inf.json")
        assert by_name == by_path

    def test_standard_input(self, capsys: pytest.CaptureFixture[str]) -> None:
        """PATH '-' reads the record from standard input, as the other commands do."""
        done = subprocess.run(
            [sys.executable, "-m", "armscontrol", "export", "events", "-"],
            input=datasets.path("inf").read_bytes(),
            capture_output=True,
            timeout=60,
            check=False,
        )
        _, expected, _ = run(capsys, "export", "events", "--dataset", "inf")
        assert (0, expected) == (done.returncode, done.stdout.decode("utf-8"))

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["panel", "--every", "year", "--from", "2012-13"], "--from: not a historical date"),
            (["panel", "--every", "year", "--from", "2013", "--to", "2000"], "is after --to"),
            (["panel", "--every", "year", "--according-to", "XYZ"], "unknown party 'XYZ'"),
            (["events", "--dataset", "inf", "inf.json"], "give a PATH or --dataset, not both"),
            (["events", "--dataset", "nope"], "no bundled dataset 'nope'"),
            (["events", "missing.json"], "missing.json"),
            (["panel", "--every", "week"], "invalid choice: 'week'"),
            (["panel"], "the following arguments are required: --every"),
            ([], "the following arguments are required: TABLE"),
        ],
    )
    def test_mistakes_exit_2_with_a_message(
        self,
        argv: list[str],
        message: str,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """Bad options or input: exit 2, nothing on stdout, the message names the mistake."""
        monkeypatch.chdir(tmp_path)
        status, out, err = run(capsys, "export", *argv)
        assert (2, "") == (status, out)
        assert message in err
        assert "Traceback" not in err


class TestHelp:
    """The help shows examples, and they run."""

    @pytest.mark.parametrize("command", [[], ["panel"], *([t] for t in LONG)])
    def test_help_has_examples(
        self, command: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each export command's help ends with examples of export."""
        status, out, _ = run(capsys, "export", *command, "--help")
        assert 0 == status
        assert "armscontrol export panel" in out.split("examples:", 1)[1]

    def test_help_examples_run(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Every example in the help runs cleanly on the bundled data."""
        monkeypatch.chdir(tmp_path)
        _, out, _ = run(capsys, "export", "--help")
        examples = [
            line.strip() for line in out.split("examples:", 1)[1].splitlines() if line.strip()
        ]
        for example in examples:
            status, _, err = run(capsys, *shlex.split(example)[1:])
            assert (example, 0, "") == (example, status, err)
        assert Path("inf-years.json").is_file()

    def test_main_help_lists_export(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The main help lists the export command."""
        _, out, _ = run(capsys, "--help")
        assert re.search(r"^\s+export\s+write a status panel", out, re.MULTILINE)


class TestDocs:
    """The CLI examples on docs/tables.md show the command's real output."""

    def test_shown_heads_are_real(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Each ``$ armscontrol export ... | head -n N`` shows the first N lines it writes."""
        page = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
        shown = re.findall(
            r"^\$ (armscontrol export [^|\n]+) \| head -n (\d+)\n((?:(?!\$ |```).*\n)*)",
            page,
            re.MULTILINE,
        )
        assert shown
        for command, count, text in shown:
            _, out, _ = run(capsys, *shlex.split(command)[1:])
            head = "".join(out.splitlines(keepends=True)[: int(count)])
            assert (command, head) == (command, text)
