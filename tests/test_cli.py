import importlib.util
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from armscontrol import datasets
from armscontrol.cli import _format as _cli_format
from armscontrol.cli import main
from armscontrol.io import dumps
from armscontrol.model import Record
from armscontrol.validation import RULES
from strategies import records

GOLDEN = Path(__file__).parent / "golden"
RECORDS = GOLDEN / "records"
DOCS = Path(__file__).parent.parent / "docs" / "cli.md"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
VERSION = re.compile(r'"version": "(?!2\.1\.0)[^"]+"')


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command in-process; return its exit status, stdout and stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def write(folder: Path, name: str, content: str | bytes) -> str:
    """Write a file under ``folder`` and return its name relative to it."""
    target = folder / name
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        target.write_text(content, encoding="utf-8")
    return name


def document(**lists: object) -> str:
    """A record document with the format marker and the given lists."""
    return json.dumps({"format": "armscontrol/1", **lists})


PARTIES = [{"id": "USA", "name": "United States"}, {"id": "PRK", "name": "North Korea"}]


# -- golden outputs ----------------------------------------------------------------

GOLDEN_CASES: dict[str, tuple[int, list[str]]] = {
    "validate-korea": (0, ["validate"]),
    "validate-korea-verbose": (0, ["validate", "--verbose", "--show-acknowledged"]),
    "validate-inf-json": (0, ["validate", "--dataset", "inf", "--format", "json"]),
    "validate-broken": (1, ["validate", "records/broken-deal.json"]),
    "validate-broken-json": (1, ["validate", "records/broken-deal.json", "--format", "json"]),
    "validate-broken-sarif": (1, ["validate", "records/broken-deal.json", "--format", "sarif"]),
    "status-leap-day": (0, ["status", "leap-day-2012", "--on", "2012-03"]),
    "status-leap-day-ids": (0, ["status", "leap-day-2012", "--on", "2012-03", "--ids"]),
    "status-moratorium-disputed": (0, ["status", "prk-missile-moratorium", "--on", "2012-04-15"]),
    "status-moratorium-prk": (
        0,
        ["status", "prk-missile-moratorium", "--on", "2012-04-15", "--according-to", "PRK"],
    ),
    "status-leap-day-april": (0, ["status", "leap-day-2012", "--on", "2012-04"]),
    "status-leap-day-april-end": (0, ["status", "leap-day-2012", "--on", "2012-04", "--at", "end"]),
    "status-inf-json": (
        0,
        ["status", "inf", "--on", "2019-09", "--dataset", "inf", "--format", "json"],
    ),
    "history-leap-day": (0, ["history", "leap-day-2012"]),
    "history-leap-day-ids": (0, ["history", "leap-day-2012", "--ids"]),
    "history-moratorium": (0, ["history", "prk-missile-moratorium"]),
    "history-npt-prk": (0, ["history", "npt/PRK"]),
    "history-event": (0, ["history", "prk-npt-withdrawal-effective"]),
    "history-event-ids": (0, ["history", "prk-npt-withdrawal-effective", "--ids"]),
    "history-npt-prk-ids": (0, ["history", "npt/PRK", "--ids"]),
    "history-moratorium-json": (0, ["history", "prk-missile-moratorium", "--format", "json"]),
    "diagram-agreement": (0, ["diagram", "agreement"]),
    "diagram-participation-dot": (0, ["diagram", "participation", "--format", "dot"]),
    "diagram-leap-day": (0, ["diagram", "leap-day-2012"]),
    "diagram-npt-prk-dot": (0, ["diagram", "npt/PRK", "--format", "dot"]),
    "timeline-leap-day": (0, ["timeline", "leap-day-2012"]),
    "datasets": (0, ["datasets"]),
    "datasets-json": (0, ["datasets", "--format", "json"]),
    "rules": (0, ["rules"]),
}


def normalise(text: str) -> str:
    """Output with the package version replaced, so a release changes no golden file."""
    return VERSION.sub('"version": "VERSION"', text)


class TestGolden:
    """Each command's output is the stored one, byte for byte."""

    @pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
    def test_output_matches_golden(
        self, name: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The command prints exactly the stored output and exits with the stored status."""
        expected_status, argv = GOLDEN_CASES[name]
        monkeypatch.chdir(GOLDEN)
        status, out, err = run(capsys, *argv)
        target = GOLDEN / f"{name}.txt"
        if UPDATE:
            target.write_text(normalise(out), encoding="utf-8")
        assert "" == err
        assert expected_status == status
        assert target.read_text(encoding="utf-8") == normalise(out)


# -- validate ------------------------------------------------------------------------


def deal_record(*, cite: bool) -> str:
    """A small record of one deal, concluded and in effect; every fact sourced when ``cite``."""
    sources = ["src"] if cite else []
    deal = {
        "id": "deal",
        "title": "A deal",
        "kind": "joint_statement",
        "parties": ["USA", "PRK"],
        "sources": sources,
    }
    return document(
        parties=PARTIES,
        sources=[{"id": "src", "title": "A source"}],
        agreements=[deal],
        transitions=[
            {"subject": "deal", "to": "concluded", "date": "2012-02-29", "sources": sources},
            {"subject": "deal", "to": "in_effect", "date": "2012-03-01", "sources": sources},
        ],
    )


def clean_record() -> str:
    """A small record that validates without findings."""
    return deal_record(cite=True)


def warning_only_record() -> str:
    """A record whose only findings are warnings: facts that cite no source."""
    return deal_record(cite=False)


class TestValidateExit:
    """``validate`` exits 0 when clean, 1 on errors (or warnings with --strict), 2 on bad input."""

    def test_clean_record_exits_0(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A record without findings exits 0 and says so in the summary."""
        monkeypatch.chdir(tmp_path)
        status, out, _ = run(capsys, "validate", write(tmp_path, "ok.json", clean_record()))
        assert 0 == status
        assert "0 errors, 0 warnings, 0 notes\n" == out

    def test_errors_exit_1(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A record with errors exits 1."""
        status, _, _ = run(capsys, "validate", str(RECORDS / "broken-deal.json"))
        assert 1 == status

    def test_warnings_exit_0_unless_strict(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Warnings alone exit 0, and 1 with --strict."""
        monkeypatch.chdir(tmp_path)
        name = write(tmp_path, "fuzzy.json", warning_only_record())
        status, out, _ = run(capsys, "validate", name)
        assert "0 errors" in out
        assert "0 warnings" not in out
        assert 0 == status
        strict, _, _ = run(capsys, "validate", name, "--strict")
        assert 1 == strict

    def test_load_error_wins_over_findings(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With one bad file and one file with findings, the status is 2 and both are reported."""
        monkeypatch.chdir(tmp_path)
        bad = write(tmp_path, "bad.json", "{")
        status, out, err = run(capsys, "validate", str(RECORDS / "broken-deal.json"), bad)
        assert 2 == status
        assert "broken-deal.json: deal:" in out
        assert "bad.json: $: not valid JSON" in err

    def test_paths_and_dataset_together_are_a_usage_error(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Giving both PATHs and --dataset exits 2 with the usage line."""
        status, _, err = run(capsys, "validate", "x.json", "--dataset", "korea")
        assert 2 == status
        assert err.startswith("usage: armscontrol validate")
        assert "not both" in err

    def test_no_input_validates_the_default_dataset(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Without PATH or --dataset, the findings are about the default dataset's file."""
        _, out, _ = run(capsys, "validate", "--format", "json")
        files = {d["file"] for d in json.loads(out)["diagnostics"]}
        assert files <= {f"{datasets.DEFAULT}.json"}


class TestValidateFolder:
    """A folder is one record made of its files."""

    def test_folder_is_one_record(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Files of a folder may refer to each other; findings name the folder."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "records").mkdir()
        write(tmp_path, "records/a-parties.json", document(parties=PARTIES))
        deal = {"id": "deal", "title": "A deal", "kind": "joint_statement", "parties": ["USA"]}
        write(tmp_path, "records/b-deal.json", document(agreements=[deal]))
        status, out, _ = run(capsys, "validate", "records", "--format", "json")
        data = json.loads(out)
        assert 0 == status
        assert {"records"} == {d["file"] for d in data["diagnostics"]}

    def test_bad_file_in_folder_is_named(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A bad file in a folder is named in the message, with the path inside it."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "records").mkdir()
        write(tmp_path, "records/a-parties.json", document(parties=PARTIES))
        write(tmp_path, "records/b-bad.json", document(parties=[{"id": "KOR"}]))
        status, _, err = run(capsys, "validate", "records")
        assert 2 == status
        assert f"{Path('records', 'b-bad.json')}: $.parties[0]" in err


class TestValidateJson:
    """``validate --format json`` prints the documented object."""

    def test_structure(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The object has the documented keys, counts and one entry per finding."""
        status, out, _ = run(
            capsys, "validate", str(RECORDS / "broken-deal.json"), "--format", "json"
        )
        data = json.loads(out)
        assert {
            "version",
            "tool",
            "ok",
            "exit_status",
            "counts",
            "diagnostics",
            "acknowledged",
            "problems",
        } == set(data)
        assert status == data["exit_status"]
        assert data["ok"] is False
        assert {"error", "warning", "info"} == set(data["counts"])
        assert sum(data["counts"].values()) == len(data["diagnostics"])
        for diagnostic in data["diagnostics"]:
            assert {"file", "code", "severity", "subject", "path", "message"} == set(diagnostic)
            assert diagnostic["path"].startswith("$")
            assert diagnostic["code"] in RULES

    def test_load_problems_are_listed(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Problems that stop a load appear under ``problems``, with their file and path."""
        monkeypatch.chdir(tmp_path)
        name = write(tmp_path, "empty.json", "")
        status, out, _ = run(capsys, "validate", name, "--format", "json")
        data = json.loads(out)
        assert 2 == status
        assert [{"file": "empty.json", "path": "$"}] == [
            {"file": p["file"], "path": p["path"]} for p in data["problems"]
        ]


class TestValidateSarif:
    """``validate --format sarif`` prints a SARIF 2.1.0 log."""

    @pytest.fixture
    def log(self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> dict:
        """The SARIF log of the broken record, read from the golden folder."""
        monkeypatch.chdir(GOLDEN)
        _, out, _ = run(capsys, "validate", "records/broken-deal.json", "--format", "sarif")
        result: dict = json.loads(out)
        return result

    def test_log_has_the_required_properties(self, log: dict) -> None:
        """The log names its version and has one run with a tool driver and results."""
        assert "2.1.0" == log["version"]
        assert 1 == len(log["runs"])
        run_ = log["runs"][0]
        assert {"tool", "results"} <= set(run_)
        driver = run_["tool"]["driver"]
        assert "armscontrol" == driver["name"]
        assert {"version", "informationUri", "rules"} <= set(driver)

    def test_rules_come_from_the_catalogue(self, log: dict) -> None:
        """Every rule of the catalogue is described with its default level."""
        rules = log["runs"][0]["tool"]["driver"]["rules"]
        assert sorted(RULES) == [rule["id"] for rule in rules]
        levels = {"error": "error", "warning": "warning", "info": "note"}
        for rule in rules:
            catalogue = RULES[rule["id"]]
            assert catalogue.title == rule["shortDescription"]["text"]
            assert catalogue.summary == rule["fullDescription"]["text"]
            assert levels[str(catalogue.severity)] == rule["defaultConfiguration"]["level"]

    def test_rule_help_links_to_its_catalogue_entry(self, log: dict) -> None:
        """Each rule's help link points at its own heading in docs/rules.md."""
        page = (DOCS.parent / "rules.md").read_text(encoding="utf-8")
        headings = re.findall(r"^### (AC\d{3} .+)$", page, re.M)
        anchors = {
            re.sub(r"[^\w\- ]", "", h).strip().lower().replace(" ", "-"): h for h in headings
        }
        for rule in log["runs"][0]["tool"]["driver"]["rules"]:
            anchor = rule["helpUri"].rsplit("#", 1)[1]
            assert rule["id"] == anchors.get(anchor, "").split(" ", 1)[0]

    def test_results_locate_file_and_path(self, log: dict) -> None:
        """Each result has its rule, level, message, file and JSON path."""
        run_ = log["runs"][0]
        results = run_["results"]
        assert results
        rules = run_["tool"]["driver"]["rules"]
        assert {"error", "warning", "note"} == {result["level"] for result in results}
        for result in results:
            assert result["message"]["text"]
            assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
            (location,) = result["locations"]
            uri = location["physicalLocation"]["artifactLocation"]["uri"]
            assert "records/broken-deal.json" == uri
            (logical,) = location["logicalLocations"]
            assert logical["fullyQualifiedName"].startswith("$.")

    def test_results_match_the_text_report(
        self, log: dict, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """SARIF and JSON report the same findings, in the same order."""
        _, out, _ = run(capsys, "validate", "records/broken-deal.json", "--format", "json")
        expected = [(d["code"], d["path"]) for d in json.loads(out)["diagnostics"]]
        actual = [
            (r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"])
            for r in log["runs"][0]["results"]
        ]
        assert expected == actual

    def test_validates_against_the_sarif_structure(self, log: dict) -> None:
        """The log passes a JSON Schema of SARIF's required properties and value sets."""
        jsonschema = pytest.importorskip("jsonschema")
        message = {"type": "object", "required": ["text"]}
        schema = {
            "type": "object",
            "required": ["version", "runs"],
            "properties": {
                "version": {"const": "2.1.0"},
                "runs": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["tool"],
                        "properties": {
                            "tool": {
                                "type": "object",
                                "required": ["driver"],
                                "properties": {
                                    "driver": {
                                        "type": "object",
                                        "required": ["name"],
                                        "properties": {
                                            "rules": {
                                                "type": "array",
                                                "items": {
                                                    "type": "object",
                                                    "required": ["id"],
                                                    "properties": {
                                                        "shortDescription": message,
                                                        "fullDescription": message,
                                                        "defaultConfiguration": {
                                                            "properties": {
                                                                "level": {
                                                                    "enum": [
                                                                        "none",
                                                                        "note",
                                                                        "warning",
                                                                        "error",
                                                                    ]
                                                                }
                                                            }
                                                        },
                                                    },
                                                },
                                            }
                                        },
                                    }
                                },
                            },
                            "results": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["message"],
                                    "properties": {
                                        "message": message,
                                        "level": {"enum": ["none", "note", "warning", "error"]},
                                        "ruleIndex": {"type": "integer", "minimum": 0},
                                    },
                                },
                            },
                        },
                    },
                },
            },
        }
        jsonschema.validate(log, schema)


# -- bad input -------------------------------------------------------------------------


def dangling() -> str:
    """An agreement that names a party the record does not hold."""
    return document(
        parties=PARTIES,
        agreements=[
            {"id": "deal", "title": "A deal", "kind": "joint_statement", "parties": ["USA", "PRKK"]}
        ],
    )


BAD_FILES: dict[str, tuple[str | bytes, list[str]]] = {
    "empty": ("", ["empty.json: $: empty input"]),
    "truncated": (
        '{"format": "armscontrol/1", "parties": [',
        ["truncated.json: $: not valid JSON"],
    ),
    "not-utf8": (b'{"title": "\xff"}', ["not-utf8.json: $: not UTF-8"]),
    "wrong-type": (
        document(parties=[{"id": 7, "name": "Seven"}]),
        ["wrong-type.json: $.parties[0].id:"],
    ),
    "unknown-key": (document(partys=[]), ["unknown-key.json: $.partys"]),
    "bad-date": (
        document(
            events=[{"id": "e", "kind": "launch", "date": "2012-13-45", "summary": "A launch"}]
        ),
        ["bad-date.json: $.events[0].date:", "2012-13-45"],
    ),
    "dangling": (dangling(), ["dangling.json: $.agreements[0].parties[1]", "PRKK"]),
}


class TestBadInput:
    """Bad input exits 2 with a message on stderr that names the place and the problem."""

    @pytest.mark.parametrize("case", sorted(BAD_FILES))
    @pytest.mark.parametrize("command", [["validate"], ["history", "deal"]])
    def test_bad_file(
        self,
        case: str,
        command: list[str],
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A bad file exits 2; stderr names its file, JSON path and problem, without a traceback."""
        content, fragments = BAD_FILES[case]
        monkeypatch.chdir(tmp_path)
        name = write(tmp_path, f"{case}.json", content)
        status, out, err = run(capsys, *command, name)
        assert 2 == status
        assert "" == out or command == ["validate"]
        assert err.startswith("armscontrol: error: ")
        for fragment in fragments:
            assert fragment in err
        assert "Traceback" not in err

    @pytest.mark.parametrize(
        ("argv", "fragments"),
        [
            (["validate", "missing.json"], ["missing.json: $: no such file or folder"]),
            (["validate", "empty-folder"], ["empty-folder: $: folder holds no *.json file"]),
            (["validate", "--dataset", "nope"], ["'nope'", "korea"]),
            (["status", "leap-day-201", "--on", "2012"], ["'leap-day-201'", "'leap-day-2012'"]),
            (["history", "USA"], ["'USA'"]),
            (["status", "leap-day-2012", "--on", "2012-13"], ["--on", "'2012-13'", "expected"]),
            (["status", "leap-day-2012", "--on", "2012", "--according-to", "XXX"], ["XXX"]),
            (["diagram", "leap-day-201"], ["'leap-day-2012'"]),
            (["timeline", "leap-day-2012", "--format", "svg"], ["-o FILE"]),
        ],
        ids=lambda value: "-".join(value) if isinstance(value, list) else str(value),
    )
    def test_bad_arguments(
        self,
        argv: list[str],
        fragments: list[str],
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A missing file, an unknown dataset, subject or party, or a bad date exits 2 readably."""
        monkeypatch.chdir(tmp_path)
        (tmp_path / "empty-folder").mkdir()
        status, out, err = run(capsys, *argv)
        assert 2 == status
        assert "" == out
        for fragment in fragments:
            assert fragment in err
        assert "Traceback" not in err

    def test_every_mistake_of_a_file_is_reported_at_once(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file with three distinct mistakes gets all three reported, each with its path."""
        monkeypatch.chdir(tmp_path)
        content = document(
            parties=[{"id": "USA", "name": "United States", "knd": "state"}],
            events=[
                {"id": "e", "kind": "launch", "date": "April 2012", "summary": "A launch"},
                {"id": "f", "kind": "launch", "date": "2012-04", "summary": 42},
            ],
        )
        name = write(tmp_path, "three.json", content)
        status, _, err = run(capsys, "validate", name)
        assert 2 == status
        assert err.startswith("armscontrol: error: 3 problems in input\n")
        for path in ("$.parties[0].knd", "$.events[0].date", "$.events[1].summary"):
            assert f"three.json: {path}" in err

    def test_debug_shows_the_traceback(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With --debug the error is raised, not turned into a message."""
        from armscontrol.exceptions import UnknownSubjectError

        with pytest.raises(UnknownSubjectError):
            main(["--debug", "history", "nosuch"])
        with pytest.raises(UnknownSubjectError):
            main(["history", "nosuch", "--debug"])

    def test_unknown_command_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown command exits 2 with argparse's usage message."""
        status, _, err = run(capsys, "frobnicate")
        assert 2 == status
        assert "usage: armscontrol" in err


# -- other commands ----------------------------------------------------------------------


class TestCommands:
    """Behaviour of the commands beyond their golden outputs."""

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the program name and the package version."""
        from importlib.metadata import version

        status, out, _ = run(capsys, "--version")
        assert 0 == status
        assert f"armscontrol {version('armscontrol')}\n" == out

    @pytest.mark.parametrize(
        "command",
        [
            "validate",
            "status",
            "history",
            "diagram",
            "timeline",
            "schema",
            "datasets",
            "rules",
            "completion",
        ],
    )
    def test_help_has_examples(self, command: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Every command's help ends with examples of the command itself."""
        status, out, _ = run(capsys, command, "--help")
        assert 0 == status
        assert "example" in out
        assert f"armscontrol {command}" in out.split("example", 1)[1]

    @pytest.mark.parametrize(
        "command",
        ["validate", "status", "history", "diagram", "timeline", "datasets", "rules"],
    )
    def test_help_examples_run(
        self,
        command: str,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """The examples in a command's help that use bundled data run without an input error."""
        _, out, _ = run(capsys, command, "--help")
        examples = [
            line.split("#", 1)[0].strip()
            for line in out.split("example", 1)[1].splitlines()
            if line.startswith("  armscontrol ")
        ]
        runnable = [e for e in examples if not re.search(r"[|>]|\.json|records/", e)]
        assert runnable
        if importlib.util.find_spec("matplotlib") is None:
            runnable = [e for e in runnable if " -o " not in e]
        monkeypatch.chdir(tmp_path)
        for example in runnable:
            status, _, err = run(capsys, *shlex.split(example)[1:])
            assert (example, "") == (example, err)
            assert status in {0, 1}

    def test_dataset_option_reads_that_dataset(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--dataset NAME answers from that dataset, not the default one."""
        status, out, _ = run(capsys, "status", "inf", "--on", "1990", "--dataset", "inf")
        assert 0 == status
        assert out.startswith("Intermediate-Range Nuclear Forces (INF) Treaty on 1990: in_effect")

    def test_path_reads_a_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A PATH answers from that file."""
        monkeypatch.chdir(tmp_path)
        name = write(tmp_path, "ok.json", clean_record())
        status, out, _ = run(capsys, "status", "deal", "--on", "2013", name)
        assert 0 == status
        assert "A deal on 2013: in_effect (since 2012-03-01)\n  source:  “A source”\n" == out

    def test_status_of_a_month_says_it_changed_within(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Asked about April 2012, the Leap Day deal was in effect, then collapsed, within it."""
        status, out, _ = run(capsys, "status", "leap-day-2012", "--on", "2012-04")
        assert 0 == status
        assert "changed within 2012-04" in " ".join(out.split())
        _, out, _ = run(capsys, "status", "leap-day-2012", "--on", "2012-04", "--at", "end")
        assert out.startswith("US-DPRK Leap Day agreement at the end of 2012-04: collapsed")

    def test_history_of_an_event_shows_its_dates(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``history EVENT`` lists the event's dates and the sources behind each."""
        status, out, err = run(capsys, "history", "prk-npt-withdrawal-effective", "--ids")
        assert (0, "") == (status, err)
        text = " ".join(out.split())
        assert "2003-04-10 (sources: cns-2003-04-08, ft-2003-04-10)" in text
        assert "2003-01-11 (sources: dprk-2003-01-10, unnews-2003-01-10;" in text
        args = ("history", "prk-npt-withdrawal-effective", "--format", "json")
        _, out, _ = run(capsys, *args)
        claims = json.loads(out)["dates"]["claims"]
        assert ["2003-04-10", "2003-01-11"] == [claim["date"] for claim in claims]

    def test_status_beyond_the_record_says_so(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A date after the dataset's as_of is answered, marked as beyond the record."""
        _, out, _ = run(capsys, "status", "leap-day-2012", "--on", "2020")
        assert "[beyond the record, which runs to 2013-06-21]" in " ".join(out.split())
        _, out, _ = run(capsys, "status", "leap-day-2012", "--on", "2020", "--format", "json")
        assert "2013-06-21" == json.loads(out)["status"]["beyond"]

    def test_status_json_carries_the_answer(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Status as JSON gives the sentence and the fields of the answer."""
        _, out, _ = run(
            capsys, "status", "prk-missile-moratorium", "--on", "2012-04-15", "--format", "json"
        )
        data = json.loads(out)
        assert data["status"]["disputed"] is True
        assert {"USA"} == set(data["status"]["views"])
        assert ["PRK"] == data["status"]["silent"]
        assert data["text"].startswith("prk-missile-moratorium on 2012-04-15: ")

    def test_schema_is_the_loaders_schema(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``schema`` prints the JSON Schema that io generates, indented, non-ASCII as is."""
        from armscontrol.io import schema

        status, out, _ = run(capsys, "schema")
        assert 0 == status
        assert json.dumps(schema(), indent=2, ensure_ascii=False) + "\n" == out

    def test_datasets_lists_every_bundled_dataset(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``datasets --format json`` lists every bundled dataset with its title."""
        _, out, _ = run(capsys, "datasets", "--format", "json")
        entries = json.loads(out)
        assert list(datasets.names()) == [entry["name"] for entry in entries]
        assert [datasets.load(n).title for n in datasets.names()] == [e["title"] for e in entries]

    def test_datasets_tell_their_reach(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Each dataset's as_of, and its first and last dates: no fact outside them."""
        _, out, _ = run(capsys, "datasets", "--format", "json")
        for entry in json.loads(out):
            record = datasets.load(entry["name"])
            assert record.as_of is not None
            assert record.as_of.text == entry["as_of"]
            dates = [f.date for g in (record.events, record.violations, record.transitions)
                     for f in g]  # fmt: skip
            texts = {date.text for date in dates}
            first, last = entry["coverage"]["first"], entry["coverage"]["last"]
            assert {first, last} <= texts
            start = min(d.earliest for d in dates if d.text == first)
            end = max(d.latest for d in dates if d.text == last)
            assert all(start <= d.earliest and d.latest <= end for d in dates)

    @pytest.mark.parametrize(
        ("name", "reach"),
        [
            ("inf", "1987-12-08 to 2019-08-02, as of 2019-08-02"),
            ("strategic", "1972-05-26 to 2026-02-05, as of 2026-02-05"),
            ("nuclear-treaties", "1963-08-05 to 2023-11-02, as of 2023-11-02"),
        ],
    )
    def test_datasets_text_shows_reach(
        self, name: str, reach: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The text listing gives each dataset's dates under its title."""
        _, out, _ = run(capsys, "datasets")
        lines = out.splitlines()
        (at,) = [i for i, line in enumerate(lines) if line.startswith(name + " ")]
        assert reach == lines[at + 1].strip()

    def test_diagram_of_a_subject_highlights_its_states(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A subject's diagram marks each state its transitions entered, and only those."""
        _, out, _ = run(capsys, "diagram", "leap-day-2012")
        marked = out.rstrip("\n").rsplit("\n", 1)[1]
        assert "    class concluded,in_effect,collapsed visited" == marked

    def test_timeline_mermaid_to_a_file(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``timeline -o FILE.mmd`` writes the Mermaid text that stdout would show."""
        target = tmp_path / "leap.mmd"
        _, shown, _ = run(capsys, "timeline", "leap-day-2012")
        status, out, _ = run(capsys, "timeline", "leap-day-2012", "-o", str(target))
        assert 0 == status
        assert "" == out
        assert shown == target.read_text(encoding="utf-8")

    def test_timeline_svg(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``timeline -o FILE.svg`` draws an SVG file with matplotlib."""
        pytest.importorskip("matplotlib")
        target = tmp_path / "leap.svg"
        status, _, err = run(capsys, "timeline", "leap-day-2012", "-o", str(target))
        assert (0, "") == (status, err)
        assert "<svg" in target.read_text(encoding="utf-8")

    def test_text_is_wrapped_to_80_columns_off_a_terminal(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Findings off a terminal are wrapped to 80 columns, except for unbreakable words."""
        _, out, _ = run(capsys, "validate", str(RECORDS / "broken-deal.json"))
        for line in out.splitlines():
            assert len(line) <= 80 or " " not in line.strip()


class TestProperties:
    """Invariants of ``validate`` over generated records."""

    @given(record=records())
    @settings(
        max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    def test_formats_report_the_same_findings(
        self, record: Record, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Any loadable record exits 0 or 1, and text, JSON and SARIF report the same findings."""
        target = tmp_path / "record.json"
        target.write_text(dumps(record), encoding="utf-8")
        status, text, err = run(capsys, "validate", str(target), "--verbose")
        json_status, json_out, _ = run(capsys, "validate", str(target), "--format", "json")
        sarif_status, sarif_out, _ = run(capsys, "validate", str(target), "--format", "sarif")
        data = json.loads(json_out)
        results = json.loads(sarif_out)["runs"][0]["results"]
        assert "" == err
        assert (status, status, status) == (json_status, sarif_status, data["exit_status"])
        assert (1 if data["counts"]["error"] else 0) == status
        sarif = {
            suppressed: [
                (r["ruleId"], r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"])
                for r in results
                if ("suppressions" in r) == suppressed
            ]
            for suppressed in (False, True)
        }
        assert [(d["code"], d["path"]) for d in data["diagnostics"]] == sarif[False]
        assert [(d["code"], d["path"]) for d in data["acknowledged"]] == sarif[True]
        found = [
            line.removeprefix("    at ")
            for line in text.splitlines()
            # A path line holds the path alone; a wrapped message may also start with "at $".
            if line.startswith("    at $") and " " not in line.removeprefix("    at ")
        ]
        assert [d["path"] for d in data["diagnostics"]] == found
        counts = data["counts"]
        expected_summary = (
            f"{counts['error']} error{'s' * (counts['error'] != 1)}, "
            f"{counts['warning']} warning{'s' * (counts['warning'] != 1)}, "
            f"{counts['info']} note{'s' * (counts['info'] != 1)}"
        )
        # The summary is the last paragraph: its first line is the last one not indented.
        assert [line for line in text.splitlines() if line[:1] != " "][-1].startswith(
            expected_summary
        )
        _, brief, _ = run(capsys, "validate", str(target))
        listed = [line[7:] for line in brief.splitlines() if line.startswith("    at $")]
        errors = [d["path"] for d in data["diagnostics"] if d["severity"] == "error"]
        assert errors == listed
        assert [line for line in brief.splitlines() if line[:1] != " "][-1].startswith(
            expected_summary
        )


class TestColour:
    """Colour only on a terminal, and never with NO_COLOR."""

    class Terminal(io.StringIO):
        """A text stream that says it is a terminal."""

        def isatty(self) -> bool:
            """Always a terminal."""
            return True

    def test_colour_on_a_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A terminal gets colour when NO_COLOR is unset."""
        monkeypatch.delenv("NO_COLOR", raising=False)
        assert _cli_format.colour(self.Terminal()) is True

    def test_no_colour_with_no_color(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """NO_COLOR turns colour off even on a terminal."""
        monkeypatch.setenv("NO_COLOR", "1")
        assert _cli_format.colour(self.Terminal()) is False

    def test_no_colour_off_a_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A pipe or a file gets no colour."""
        monkeypatch.delenv("NO_COLOR", raising=False)
        assert _cli_format.colour(io.StringIO()) is False

    def test_captured_output_has_no_escape_codes(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Findings written off a terminal carry no escape codes."""
        _, out, _ = run(capsys, "validate", str(RECORDS / "broken-deal.json"))
        assert "\x1b[" not in out


class TestModule:
    """``python -m armscontrol`` runs the command."""

    def test_python_m_help(self) -> None:
        """``python -m armscontrol --help`` exits 0 and lists the commands."""
        done = subprocess.run(
            [sys.executable, "-m", "armscontrol", "--help"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert 0 == done.returncode
        assert done.stdout.startswith("usage: armscontrol")
        for command in ("validate", "status", "history", "diagram", "timeline", "schema"):
            assert command in done.stdout


# -- the story: titles and citations -------------------------------------------------------


class TestStory:
    """``history`` and ``status`` name subjects by title and sources by citation."""

    def test_history_shows_the_agreements_title_and_citations(
        self, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The heading is the title; sources are short citations, not ids."""
        _, out, _ = run(capsys, "history", "leap-day-2012")
        assert out.startswith("US-DPRK Leap Day agreement — agreement leap-day-2012\n")
        assert "U.S. Department of State, “U.S.-DPRK Bilateral Discussions”, 2012-02-29" in out
        assert "state-2012-02-29" not in out

    def test_causes_are_told_in_words(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Each cause is its event's or violation's summary, not its id."""
        record = datasets.load("korea")
        _, out, _ = run(capsys, "history", "prk-missile-moratorium", "--format", "text")
        flat = " ".join(out.split())
        for step in record.history("prk-missile-moratorium"):
            for cause in step.causes:
                item = record.get(cause)
                assert " ".join(item.summary.split()) in flat  # type: ignore[union-attr]
                assert cause not in out

    def test_each_citation_is_listed_once(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Two sources with the same citation share one number; every number is listed once."""
        _, out, _ = run(capsys, "history", "leap-day-2012")
        listing = out.split("  sources:\n", 1)[1]
        numbers = re.findall(r"^    \[(\d+)\]", listing, re.M)
        assert [str(n) for n in range(1, len(numbers) + 1)] == numbers
        cited = {n for refs in re.findall(r"\[([\d, ]+)\]$", out, re.M) for n in refs.split(", ")}
        assert set(numbers) == cited
        assert 1 == out.count("Arms Control Today, “U.S. Seeking Unity for N. Korea Talks”")

    @pytest.mark.parametrize(
        ("subject", "title"),
        [
            ("prk-missile-moratorium", "PRK must not launch long-range missiles"),
            ("npt/PRK", "PRK in Treaty on the Non-Proliferation of Nuclear Weapons (NPT)"),
            ("usa-nutritional-aid", "USA must move forward with a proposed package"),
        ],
    )
    def test_status_names_the_subject_by_its_title(
        self, subject: str, title: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A commitment reads as obligors, deontic and words; a participation as PARTY in TITLE."""
        _, out, _ = run(capsys, "status", subject, "--on", "2012-03-15")
        assert out.startswith(title)

    def test_ids_prints_the_answers_own_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``--ids`` prints what the library's History.text and Status say, ids and all."""
        record = datasets.load("korea")
        _, out, _ = run(capsys, "history", "prk-missile-moratorium", "--ids")
        expected = record.history("prk-missile-moratorium").text()
        assert expected.split() == out.split()
        _, out, _ = run(capsys, "status", "leap-day-2012", "--on", "2012-03", "--ids")
        assert f"{record.status('leap-day-2012', on='2012-03')}\n" == out

    def test_an_events_dates_cite_their_sources(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``history EVENT`` opens with the event's summary and cites each date's sources."""
        record = datasets.load("korea")
        event = record.get("prk-npt-withdrawal-effective")
        _, out, _ = run(capsys, "history", event.id)
        flat = " ".join(out.split())
        assert flat.startswith(" ".join(event.summary.split()))  # type: ignore[union-attr]
        assert "2003-04-10 [1, 2] 2003-01-11 [3, 4]" in flat
        assert "[1] James Martin Center for Nonproliferation Studies, “North Korea's" in flat
        assert "cns-2003-04-08" not in out

    def test_json_keeps_ids_and_adds_titles(self, capsys: pytest.CaptureFixture[str]) -> None:
        """History as JSON keeps every id and adds the title, citations and causes in words."""
        _, out, _ = run(capsys, "history", "leap-day-2012", "--format", "json")
        data = json.loads(out)
        assert "US-DPRK Leap Day agreement" == data["title"]
        cited = [s for step in data["history"]["steps"] for s in step["transition"]["sources"]]
        assert "state-2012-02-29" in cited
        assert set(cited) == set(data["sources"])
        assert data["sources"]["state-2012-02-29"].startswith("U.S. Department of State, ")
        assert data["causes"]["leap-day-announcements"].startswith("The United States and")
        _, out, _ = run(capsys, "status", "npt/PRK", "--on", "2004", "--format", "json")
        status = json.loads(out)
        assert ("npt/PRK", "PRK in Treaty on the Non-Proliferation of Nuclear Weapons (NPT)") == (
            status["subject"],
            status["title"],
        )
        assert "cns-2003-04-08" in status["sources"]


# -- validate: summary first ------------------------------------------------------------


class TestValidateSummary:
    """Findings that fail nothing are counted, and listed only with --verbose."""

    def test_warnings_and_notes_are_summed_up(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Warnings and notes alone get one line, which says how to list them."""
        import attrs

        record = attrs.evolve(datasets.load("korea"), acknowledgements=())
        unacknowledged = tmp_path / "korea.json"
        unacknowledged.write_text(dumps(record), encoding="utf-8")
        status, out, _ = run(capsys, "validate", str(unacknowledged), "--format", "json")
        counts = json.loads(out)["counts"]
        assert counts["warning"] > 0
        assert counts["info"] > 0
        status, out, _ = run(capsys, "validate", str(unacknowledged))
        assert 0 == status
        summary = f"0 errors, {counts['warning']} warnings, {counts['info']} notes"
        assert [f"{summary} (--verbose lists them)"] == out.splitlines()

    def test_verbose_lists_every_finding(self, capsys: pytest.CaptureFixture[str]) -> None:
        """With --verbose each finding is listed, and the summary says nothing more."""
        _, out, _ = run(capsys, "validate", "--dataset", "korea", "--format", "json")
        total = len(json.loads(out)["diagnostics"])
        _, out, _ = run(capsys, "validate", "--dataset", "korea", "--verbose")
        assert total == sum(line.startswith("    at $") for line in out.splitlines())
        assert "--verbose" not in out.splitlines()[-1]

    def test_errors_are_always_listed(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Errors are listed without --verbose; the warning and note are not."""
        _, out, _ = run(capsys, "validate", str(RECORDS / "broken-deal.json"))
        assert " error: " in out
        assert " warning: " not in out
        assert " note: " not in out
        assert out.endswith(" (--verbose lists the warning and note too)\n")

    def test_strict_lists_warnings(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """With --strict, warnings fail the run, so they are listed."""
        monkeypatch.chdir(tmp_path)
        name = write(tmp_path, "fuzzy.json", warning_only_record())
        status, out, _ = run(capsys, "validate", name, "--strict")
        assert 1 == status
        assert " warning: " in out
        assert "--verbose" not in out


# -- conventions ---------------------------------------------------------------------------


class TestSuggestions:
    """A misspelt command, option, lifecycle or party gets the likely one named."""

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["stauts"], "unknown command 'stauts'; did you mean 'status'?"),
            (["Validate"], "unknown command 'Validate'; did you mean 'validate'?"),
            (
                ["status", "leap-day-2012", "--one", "2012"],
                "unrecognized option '--one'; did you mean '--on'?",
            ),
            (["validate", "--strcit"], "unrecognized option '--strcit'; did you mean '--strict'"),
            (["--strict", "validate"], "'--strict' is an option of 'validate': put it after"),
            (["diagram", "agrement"], "did you mean 'agreement'?"),
            (
                ["history", "leap-day-2012", "--according-to", "prk"],
                "unknown party 'prk'; did you mean 'PRK'",
            ),
        ],
        ids=lambda value: " ".join(value) if isinstance(value, list) else "",
    )
    def test_suggestion(
        self, argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """The mistake exits 2, names what was typed and suggests what was meant."""
        status, out, err = run(capsys, *argv)
        assert (2, "") == (status, out)
        assert message in " ".join(err.split())
        assert "Traceback" not in err

    def test_nothing_close_lists_the_commands(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A command like no other gets the list of commands."""
        _, _, err = run(capsys, "frobnicate")
        assert "unknown command 'frobnicate'; choose from validate, status, history" in err

    def test_abbreviated_options_still_work(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unambiguous abbreviation of an option is that option, as argparse allows."""
        status, out, _ = run(capsys, "history", "leap-day-2012", "--acc", "PRK")
        assert 0 == status
        assert out.startswith(
            "US-DPRK Leap Day agreement — agreement leap-day-2012, according to PRK"
        )

    def test_commands_of_a_command(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A command's own commands are checked, and their options are theirs."""
        status, out, _ = run(capsys, "export", "panel", "--every", "year", "--from", "2012")
        assert 0 == status
        assert out.startswith("period,")
        _, _, err = run(capsys, "export", "pnael")
        assert "unknown table 'pnael'; did you mean 'panel'?" in err
        _, _, err = run(capsys, "export", "panel", "--evry", "year")
        assert "unrecognized option '--evry'; did you mean '--every'?" in err

    def test_option_values_are_not_commands(self) -> None:
        """The value of an option before a command is not taken for the command."""
        import argparse

        from armscontrol.cli import _usage

        parser = argparse.ArgumentParser(prog="tool")
        parser.add_argument("--name")
        parser.add_argument("--quiet", action="store_true")
        parser.add_subparsers().add_parser("run")
        assert _usage.mistake(parser, ["--name", "x", "run"]) is None
        assert _usage.mistake(parser, ["--name=x", "--quiet", "run"]) is None
        found = _usage.mistake(parser, ["--quiet", "x", "run"])
        assert found is not None
        assert "unknown command 'x'; choose from run" == found[1]

    def test_bare_command_prints_help(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``armscontrol`` alone prints the help on stdout and exits 0."""
        status, out, err = run(capsys)
        assert (0, "") == (status, err)
        assert out.startswith("usage: armscontrol")
        assert "commands:" in out


class TestTimelineFormat:
    """The format of ``timeline -o FILE`` comes from FILE's suffix, and may not contradict it."""

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["-o", "x.pdf"], "-o x.pdf: armscontrol draws no .pdf files"),
            (["--format", "png", "-o", "x.pdf"], "--format png does not match -o x.pdf"),
            (["--format", "svg", "-o", "x.png"], "--format svg does not match -o x.png"),
            (["--format", "mermaid", "-o", "x.svg"], "--format mermaid does not match -o x.svg"),
            (["--format", "svg"], "--format svg draws a picture into a file: add -o FILE.svg"),
        ],
        ids=lambda value: " ".join(value) if isinstance(value, list) else "",
    )
    def test_refused(
        self,
        argv: list[str],
        message: str,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """A format that disagrees with the file, or a picture without a file, is refused."""
        monkeypatch.chdir(tmp_path)
        status, out, err = run(capsys, "timeline", "leap-day-2012", *argv)
        assert (2, "") == (status, out)
        assert message in err
        assert "binary" not in err
        assert [] == list(tmp_path.iterdir())

    def test_mermaid_suffix(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``-o FILE.mmd`` writes the Mermaid text."""
        target = tmp_path / "leap.mmd"
        status, _, _ = run(capsys, "timeline", "leap-day-2012", "-o", str(target))
        assert 0 == status
        assert target.read_text(encoding="utf-8").startswith("gantt\n")

    def test_agreement_draws_its_dossier(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """An agreement's picture is its dossier, with its commitments; --subject-only is not."""
        pytest.importorskip("matplotlib")
        dossier, alone = tmp_path / "dossier.svg", tmp_path / "alone.svg"
        run(capsys, "timeline", "leap-day-2012", "-o", str(dossier))
        run(capsys, "timeline", "leap-day-2012", "--subject-only", "-o", str(alone))
        assert "PRK must not" in dossier.read_text(encoding="utf-8")
        assert "PRK must not" not in alone.read_text(encoding="utf-8")


class TestStdin:
    """``-`` as the record's PATH reads standard input."""

    class Stdin(io.BytesIO):
        """Bytes named as standard input is."""

        name = "<stdin>"

    @classmethod
    def feed(cls, monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
        """Make ``data`` the standard input."""
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(cls.Stdin(data), encoding="utf-8"))

    def test_validate_reads_stdin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``validate -`` validates the record piped in, naming it <stdin>."""
        self.feed(monkeypatch, (RECORDS / "broken-deal.json").read_bytes())
        status, out, _ = run(capsys, "validate", "-")
        assert 1 == status
        assert out.startswith("<stdin>: deal: AC203 error:")

    def test_history_reads_stdin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``history SUBJECT -`` answers from the record piped in."""
        self.feed(monkeypatch, clean_record().encode())
        status, out, _ = run(capsys, "history", "deal", "-")
        assert 0 == status
        assert out.startswith("A deal — agreement deal\n")

    def test_bad_stdin_is_named(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Standard input that is not a record is reported as <stdin>, exit 2."""
        self.feed(monkeypatch, b"{")
        status, _, err = run(capsys, "validate", "-")
        assert 2 == status
        assert "<stdin>: $: not valid JSON" in err

    def test_no_stdin(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A closed standard input is a problem in input, not a traceback."""
        monkeypatch.setattr(sys, "stdin", None)
        status, _, err = run(capsys, "history", "deal", "-")
        assert 2 == status
        assert "<stdin>: $: no standard input to read" in err


class TestClosedPipe:
    """A reader that goes away (``| head``) ends the command quietly with status 141."""

    @pytest.mark.parametrize("argv", [["validate", "--verbose"], ["history", "npt/PRK"]])
    def test_closed_pipe(self, argv: list[str]) -> None:
        """Writing to a pipe nobody reads exits 141 with nothing on stderr."""
        from armscontrol.cli import PIPE_CLOSED

        reader, writer = os.pipe()
        os.close(reader)  # closed before the command starts: its first write fails
        try:
            done = subprocess.run(
                [sys.executable, "-m", "armscontrol", *argv],
                stdout=writer,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        finally:
            os.close(writer)
        assert (PIPE_CLOSED, "") == (done.returncode, done.stderr)
        assert 141 == PIPE_CLOSED


class TestCompletion:
    """``armscontrol completion SHELL`` prints a script generated from the parser."""

    def test_bash_completes_commands_options_and_datasets(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Sourced in bash, the script completes commands, options, datasets and lifecycles."""
        pytest.importorskip("shtab")
        bash = shutil.which("bash")
        if bash is None:
            pytest.skip("no bash")
        status, script, _ = run(capsys, "completion", "bash")
        assert 0 == status
        (tmp_path / "armscontrol.bash").write_text(script, encoding="utf-8")
        probe = """
            source ./armscontrol.bash
            t() {
                COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 ))
                COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()
                _shtab_armscontrol armscontrol "${COMP_WORDS[-1]}" "${COMP_WORDS[-2]}"
                echo "${COMPREPLY[*]}"
            }
            t armscontrol sta
            t armscontrol validate --str
            t armscontrol status leap-day-2012 --dataset k
            t armscontrol diagram agr
        """
        done = subprocess.run(
            [bash, "--norc", "-c", probe],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            check=False,
        )
        assert ["status", "--strict", "korea", "agreement"] == done.stdout.splitlines()

    def test_zsh_script(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The zsh script is a #compdef file for the command, naming every command."""
        pytest.importorskip("shtab")
        status, script, _ = run(capsys, "completion", "zsh")
        assert 0 == status
        assert script.startswith("#compdef armscontrol")
        for command in ("validate", "status", "history", "timeline", "completion"):
            assert f"\n    {command}:" in script
        zsh = shutil.which("zsh")
        if zsh is not None:
            checked = subprocess.run([zsh, "-n"], input=script, text=True, check=False)
            assert 0 == checked.returncode

    def test_without_shtab(
        self, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Without shtab the command says which extra to install, exit 2."""
        monkeypatch.setitem(sys.modules, "shtab", None)
        status, out, err = run(capsys, "completion", "bash")
        assert (2, "") == (status, out)
        assert "armscontrol[completion]" in err


# -- docs/cli.md ------------------------------------------------------------------------


def console_examples() -> list[tuple[str, str]]:
    """Each ``$ armscontrol ...`` line of docs/cli.md's console blocks, with the output shown."""
    examples: list[tuple[str, str]] = []
    blocks = re.findall(r"^```console\n(.*?)^```", DOCS.read_text(encoding="utf-8"), re.M | re.S)
    for block in blocks:
        command: str | None = None
        output: list[str] = []
        for line in block.splitlines(keepends=True):
            if line.startswith("$ "):
                if command is not None:
                    examples.append((command, "".join(output)))
                command, output = line[2:].strip(), []
            else:
                output.append(line)
        if command is not None:
            examples.append((command, "".join(output)))
    return examples


class TestDocs:
    """docs/cli.md shows real commands with their real output."""

    def test_docs_have_examples_of_every_command(self) -> None:
        """Every command appears in at least one console example."""
        commands = {shlex.split(command)[1] for command, _ in console_examples()}
        expected = {"validate", "status", "history", "diagram", "timeline", "schema", "datasets"}
        assert expected <= commands

    @pytest.mark.parametrize(("command", "shown"), console_examples(), ids=lambda v: v[:60])
    def test_example_output_is_real(
        self,
        command: str,
        shown: str,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """The output shown under a command is what it prints (stdout, then stderr).

        Output shown ending in a line ``...`` is the beginning of the real output,
        as many lines as are shown. With ``UPDATE_GOLDEN=1`` the page is rewritten.
        """
        monkeypatch.chdir(tmp_path)
        argv = shlex.split(command)
        assert "armscontrol" == argv[0]
        if any(arg.endswith((".svg", ".png")) for arg in argv):
            pytest.importorskip("matplotlib", reason="drawing needs the 'plot' extra")
        _, out, err = run(capsys, *argv[1:])
        actual = out + err
        if shown.endswith("...\n"):
            kept = shown.count("\n") - 1
            actual = "".join(actual.splitlines(keepends=True)[:kept]) + "...\n"
        if UPDATE:
            page = DOCS.read_text(encoding="utf-8")
            page = page.replace(f"$ {command}\n{shown}", f"$ {command}\n{actual}", 1)
            DOCS.write_text(page, encoding="utf-8")
            shown = actual
        assert shown == actual
