"""The command line's validation settings: options, configuration files, custom rules, output."""

import importlib.metadata
import json
from pathlib import Path

import attrs
import pytest

from armscontrol import io
from armscontrol.cli import main
from armscontrol.model import Acknowledgement
from armscontrol.validation import ENTRY_POINT_GROUP, RULES
from findings import KNOWN, RECORD

FILE = "known.json"
"""RECORD, saved in each test's folder: AC402, AC504 (twice), AC505 (twice) and AC506."""


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run the command in-process; return its exit status, stdout and stderr."""
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def codes(out: str) -> list[str]:
    """The codes of a JSON report's diagnostics."""
    return [d["code"] for d in json.loads(out)["diagnostics"]]


def every_code(out: str) -> list[str]:
    """The codes of a JSON report's findings, those the record acknowledges included."""
    report = json.loads(out)
    return [d["code"] for d in (*report["diagnostics"], *report["acknowledged"])]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test runs in a folder of its own holding FILE, with no rules registered."""
    monkeypatch.chdir(tmp_path)
    io.dump(RECORD, tmp_path / FILE)
    none = importlib.metadata.EntryPoints(())
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda **_: none)
    return tmp_path


class TestOptions:
    """--select, --ignore, --severity and --error-on on the command line."""

    def test_ignore(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--ignore AC504 leaves no AC504 finding in the JSON report, acknowledged or not."""
        _, out, _ = run(
            capsys, "validate", "--dataset", "korea", "--ignore", "AC504", "--format", "json"
        )
        found = every_code(out)
        assert found
        assert "AC504" not in found

    def test_select_prefix(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--select AC5 gives only AC5xx findings, acknowledged or not."""
        _, out, _ = run(
            capsys, "validate", "--dataset", "korea", "--select", "AC5", "--format", "json"
        )
        found = every_code(out)
        assert found
        assert all(code.startswith("AC5") for code in found)

    def test_comma_separated_and_repeated(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Codes may be comma-separated, and the option repeated."""
        _, out, _ = run(
            capsys, "validate", FILE, "--select", "AC3,AC4", "--select", "AC505", "--format", "json"
        )
        assert {"AC402", "AC505"} == set(codes(out))

    def test_unknown_code_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown code exits 2 with the usage line and the nearest code."""
        status, out, err = run(capsys, "validate", "--ignore", "AC5O4")
        assert (2, "") == (status, out)
        assert err.startswith("usage: armscontrol validate")
        assert (
            "armscontrol: error: --ignore: unknown rule code 'AC5O4'; did you mean 'AC504'" in err
        )

    def test_severity_and_error_on(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Regraded warnings fail the run; --error-on warning fails on warnings; info on notes."""
        assert 0 == run(capsys, "validate", FILE)[0]
        assert 1 == run(capsys, "validate", FILE, "--severity", "AC402=error")[0]
        assert 1 == run(capsys, "validate", FILE, "--error-on", "warning")[0]
        assert 0 == run(capsys, "validate", FILE, "--select", "AC505", "--error-on", "warning")[0]
        assert 1 == run(capsys, "validate", FILE, "--select", "AC505", "--error-on", "note")[0]

    def test_bad_severity_option(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--severity takes CODE=LEVEL."""
        status, _, err = run(capsys, "validate", "--severity", "AC402")
        assert 2 == status
        assert "--severity: expected CODE=LEVEL" in err


ACK_FILE = "acknowledged.json"


def acknowledged(folder: Path, *extra: Acknowledgement) -> str:
    """RECORD with its known findings acknowledged, saved in ``folder``."""
    io.dump(attrs.evolve(RECORD, acknowledgements=(*KNOWN, *extra)), folder / ACK_FILE)
    return ACK_FILE


class TestAcknowledged:
    """Acknowledged findings are counted, listed on request, and suppressed in SARIF."""

    def test_one_line(self, isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A record whose findings are all acknowledged prints one line, and exits 0."""
        status, out, _ = run(capsys, "validate", acknowledged(isolated))
        assert 0 == status
        expected = "0 errors, 0 warnings, 0 notes; 6 acknowledged (--show-acknowledged lists them)"
        assert expected + "\n" == out

    def test_show_acknowledged(self, isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--show-acknowledged lists each with its reason."""
        _, out, _ = run(capsys, "validate", acknowledged(isolated), "--show-acknowledged")
        assert 6 == out.count("    acknowledged: ")
        assert f"{ACK_FILE}: npt/PRK: AC402 warning:" in out
        assert "acknowledged: The DPRK's own account" in out
        assert out.endswith("; 6 acknowledged\n")

    def test_stale_fails_strict(self, isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A stale acknowledgement is a warning finding with its own code."""
        gone = Acknowledgement(code="AC505", subject="test", reason="known")
        status, out, _ = run(capsys, "validate", acknowledged(isolated, gone), "--strict")
        assert 1 == status
        assert f"{ACK_FILE}: test: AC601 warning:" in out

    def test_json(self, isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON lists them apart, with their reasons; counts are of the others."""
        _, out, _ = run(capsys, "validate", acknowledged(isolated), "--format", "json")
        data = json.loads(out)
        assert ([], {"error": 0, "warning": 0, "info": 0}) == (data["diagnostics"], data["counts"])
        assert 6 == len(data["acknowledged"])
        first = data["acknowledged"][0]
        assert ("AC504", KNOWN[0].reason) == (first["code"], first["reason"])

    def test_sarif_suppressions(self, isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """SARIF gives them as results suppressed in source, justified by the reason."""
        _, out, _ = run(capsys, "validate", acknowledged(isolated), "--format", "sarif")
        results = json.loads(out)["runs"][0]["results"]
        assert 6 == len(results)
        assert all("inSource" == r["suppressions"][0]["kind"] for r in results)
        reasons = {r["suppressions"][0]["justification"] for r in results}
        assert {ack.reason for ack in KNOWN} == reasons


class TestConfigFiles:
    """armscontrol.toml and [tool.armscontrol], the nearest upwards; the command line wins."""

    def test_pyproject_table_from_a_subfolder(
        self, isolated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """[tool.armscontrol] of a pyproject.toml further up applies."""
        (isolated / "pyproject.toml").write_text(
            '[tool.armscontrol]\nselect = ["AC5"]\nignore = ["AC504"]\n', encoding="utf-8"
        )
        (isolated / "data").mkdir()
        monkeypatch.chdir(isolated / "data")
        _, out, _ = run(capsys, "validate", f"../{FILE}", "--format", "json")
        assert {"AC505", "AC506"} == set(codes(out))

    def test_pyproject_without_the_table_is_passed_over(
        self, isolated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A pyproject.toml with no [tool.armscontrol] does not stop the search."""
        (isolated / "armscontrol.toml").write_text('select = ["AC402"]\n', encoding="utf-8")
        (isolated / "data").mkdir()
        (isolated / "data" / "pyproject.toml").write_text("[tool.other]\nx = 1\n", encoding="utf-8")
        monkeypatch.chdir(isolated / "data")
        _, out, _ = run(capsys, "validate", f"../{FILE}", "--format", "json")
        assert ["AC402"] == codes(out)

    def test_standalone_file_wins_over_pyproject(
        self, isolated: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """In one folder, armscontrol.toml wins over pyproject.toml."""
        (isolated / "pyproject.toml").write_text(
            '[tool.armscontrol]\nselect = ["AC5"]\n', encoding="utf-8"
        )
        (isolated / "armscontrol.toml").write_text('select = ["AC402"]\n', encoding="utf-8")
        _, out, _ = run(capsys, "validate", FILE, "--format", "json")
        assert ["AC402"] == codes(out)

    def test_command_line_wins_key_by_key(
        self, isolated: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--select replaces the file's select; the file's ignore still applies."""
        (isolated / "armscontrol.toml").write_text(
            'select = ["AC402"]\nignore = ["AC504"]\n', encoding="utf-8"
        )
        _, out, _ = run(capsys, "validate", FILE, "--select", "AC5", "--format", "json")
        assert {"AC505", "AC506"} == set(codes(out))

    def test_error_on_and_severity_from_the_file(
        self, isolated: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """error-on and a [severity] table turn the notes into a failure."""
        (isolated / "armscontrol.toml").write_text(
            'error-on = "warning"\n[severity]\nAC505 = "warning"\n', encoding="utf-8"
        )
        status, out, _ = run(capsys, "validate", FILE, "--select", "AC505")
        assert 1 == status
        assert out.endswith("0 errors, 2 warnings, 0 notes\n")
        assert 0 == run(capsys, "validate", FILE, "--select", "AC505", "--no-config")[0]

    def test_config_option(self, isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """--config names the file, wherever it is."""
        (isolated / "elsewhere.toml").write_text('select = ["AC402"]\n', encoding="utf-8")
        _, out, _ = run(capsys, "validate", FILE, "--config", "elsewhere.toml", "--format", "json")
        assert ["AC402"] == codes(out)

    @pytest.mark.parametrize(
        ("content", "problem"),
        [
            ('selct = ["AC5"]\n', "selct: unknown key; did you mean 'select'?"),
            ('select = "AC5"\n', "select: expected a list of strings"),
            ('select = ["AC55"]\n', "select: unknown rule code 'AC55'; did you mean"),
            ('[severity]\nAC505 = "fatal"\n', "severity: 'fatal' is not a severity"),
            ("error-on = 2\n", "error-on: expected a severity"),
            ("select = [\n", "not valid TOML"),
        ],
    )
    def test_bad_files(
        self, isolated: Path, capsys: pytest.CaptureFixture[str], content: str, problem: str
    ) -> None:
        """A file that cannot be used exits 2, naming the file and the key."""
        (isolated / "armscontrol.toml").write_text(content, encoding="utf-8")
        status, _, err = run(capsys, "validate")
        assert 2 == status
        assert err.startswith("armscontrol: error: armscontrol.toml: ")
        assert problem in " ".join(err.split())

    def test_pyproject_key_named_with_its_table(
        self, isolated: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """In pyproject.toml, the key is named with its table."""
        (isolated / "pyproject.toml").write_text(
            '[tool.armscontrol]\nignore = ["AC9"]\n', encoding="utf-8"
        )
        _, _, err = run(capsys, "validate")
        assert "pyproject.toml: tool.armscontrol.ignore: unknown rule code 'AC9'" in " ".join(
            err.split()
        )


HOUSE = '''
from armscontrol.validation import Finding, custom_rule

@custom_rule("HR101", "warning", "source without a locator", url="https://example.org/hr101")
def LOCATOR(record, index):
    """Every source needs a locator."""
    for i, source in enumerate(record.sources):
        if source.locator is None:
            yield Finding(f"$.sources[{i}].locator", f"{source.id}: no locator", source.id)
'''


class TestCustomRules:
    """Rules named by a configuration file, or registered, run like the built-in ones."""

    @pytest.fixture
    def house(self, isolated: Path) -> Path:
        """house.py holds the rule; armscontrol.toml names it."""
        (isolated / "rules").mkdir()
        (isolated / "rules" / "house.py").write_text(HOUSE, encoding="utf-8")
        config = isolated / "armscontrol.toml"
        config.write_text('rules = ["rules/house.py:LOCATOR"]\n', encoding="utf-8")
        return config

    def test_text_json_sarif(self, house: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The rule's findings appear in every format with its code."""
        del house
        _, text, _ = run(capsys, "validate", FILE, "--select", "HR", "--verbose")
        assert f"{FILE}: act-2013: HR101 warning: act-2013: no locator\n" in text
        _, out, _ = run(capsys, "validate", FILE, "--format", "json", "--select", "HR101")
        assert ["HR101", "HR101"] == codes(out)
        _, out, _ = run(capsys, "validate", FILE, "--format", "sarif")
        run_ = json.loads(out)["runs"][0]
        rules = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
        assert set(RULES) | {"HR101"} == set(rules)
        assert "https://example.org/hr101" == rules["HR101"]["helpUri"]
        assert {"family": "custom"} == rules["HR101"]["properties"]
        house_results = [r for r in run_["results"] if r["ruleId"] == "HR101"]
        assert house_results
        index = sorted(rules).index("HR101")
        assert {index} == {r["ruleIndex"] for r in house_results}

    def test_rules_command(self, house: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The rules command lists it, and explains it."""
        del house
        _, out, _ = run(capsys, "rules")
        assert out.splitlines()[-1] == "HR101  warning  custom            source without a locator"
        _, out, _ = run(capsys, "rules", "HR101")
        assert out.startswith("HR101 source without a locator\nwarning · custom\n\n")
        assert "Every source needs a locator." in out
        assert out.endswith("See https://example.org/hr101\n")

    def test_registered_rule(
        self, isolated: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A rule registered under the entry point group is picked up without any file."""
        (isolated / "house.py").write_text(HOUSE, encoding="utf-8")
        monkeypatch.syspath_prepend(str(isolated))
        points = importlib.metadata.EntryPoints(
            [importlib.metadata.EntryPoint("house", "house:LOCATOR", ENTRY_POINT_GROUP)]
        )
        monkeypatch.setattr(importlib.metadata, "entry_points", lambda **_: points)
        _, out, _ = run(capsys, "validate", FILE, "--select", "HR", "--format", "json")
        assert ["HR101", "HR101"] == codes(out)

    def test_broken_rule_file(self, isolated: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A rules entry that does not load exits 2 with what is wrong."""
        (isolated / "armscontrol.toml").write_text('rules = ["nowhere.py:X"]\n', encoding="utf-8")
        status, _, err = run(capsys, "validate")
        assert 2 == status
        message = "rules 'nowhere.py:X': nowhere.py does not load: FileNotFoundError"
        assert message in " ".join(err.split())


class TestRulesCommand:
    """``armscontrol rules CODE`` explains a rule; a prefix lists a family."""

    def test_explain(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The rule's heading, severity and family, summary, sample and link."""
        status, out, _ = run(capsys, "rules", "AC401")
        assert 0 == status
        assert out.startswith("AC401 withdrawal before notice ran\nerror · terms\n\n")
        assert "For example:\n    participation npt/PRK: withdrawn on 2003-01-11" in out
        assert out.endswith("#ac401-withdrawal-before-notice-ran\n")

    def test_family(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A prefix lists the rules it selects."""
        _, out, _ = run(capsys, "rules", "AC4")
        assert [c for c in RULES if c.startswith("AC4")] == [line[:5] for line in out.splitlines()]

    def test_json(self, capsys: pytest.CaptureFixture[str]) -> None:
        """JSON of one rule is one object, with its sample."""
        _, out, _ = run(capsys, "rules", "AC504", "--format", "json")
        data = json.loads(out)
        assert ("AC504", RULES["AC504"].sample) == (data["code"], data["sample"])

    def test_unknown(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown code is a usage error with the nearest codes."""
        status, _, err = run(capsys, "rules", "AC490")
        assert 2 == status
        assert "unknown rule code 'AC490'; did you mean" in err
