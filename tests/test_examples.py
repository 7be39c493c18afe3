"""Every example runs, and prints what it promises."""

import runpy
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"


def run(name: str, capsys: pytest.CaptureFixture[str]) -> str:
    """Run an example as a script and return what it printed."""
    sys.modules.pop(name, None)
    runpy.run_path(str(EXAMPLES / f"{name}.py"), run_name="__main__")
    return capsys.readouterr().out


def test_every_example_is_covered() -> None:
    """Each example file has a test here."""
    names = {path.stem for path in EXAMPLES.glob("*.py")}
    assert {"leap_day", "broken_history", "custom_lifecycle", "custom_rule"} == names


class TestLeapDay:
    """The Leap Day example validates clean and prints the statuses from the sources."""

    def test_clean_report(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The record has no errors and no warnings."""
        assert "Validation: 0 errors, 0 warnings" in run("leap_day", capsys)

    def test_statuses(self, capsys: pytest.CaptureFixture[str]) -> None:
        """In effect on 1 March, aid suspended on 1 April, collapsed on 1 May 2012."""
        lines = run("leap_day", capsys).splitlines()
        status = {
            line.split(" on ")[0] + "@" + line.split(" on ")[1][:10]: line
            for line in lines
            if " on 2012-" in line
        }
        assert "in_effect" in status["leap-day-2012@2012-03-01"]
        assert "suspended" in status["usa-nutritional-aid@2012-04-01"]
        assert "collapsed" in status["leap-day-2012@2012-05-01"]

    def test_violation_disputed(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The US allegation is disputed by the DPRK, and the moratorium's status shows it."""
        out = run("leap_day", capsys)
        lines = out.splitlines()
        assert "disputed" in next(x for x in lines if x.startswith("launch-violation-2012"))
        moratorium = next(x for x in lines if x.startswith("prk-missile-moratorium"))
        assert "according to USA" in moratorium
        assert "on the uncontested record" in moratorium

    def test_history_and_2013_test(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The history lists the deal's states; the 2013 test violates nothing."""
        out = run("leap_day", capsys)
        for state in ("concluded", "in_effect", "collapsed"):
            assert state in out
        assert "February 2013 test: none" in out


class TestBrokenHistory:
    """The broken example gets every mistake reported."""

    def test_each_mistake_reported(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Order, reference, lifecycle, dead-deal violation and missing cause all appear."""
        out = run("broken_history", capsys)
        assert "ok: False" in out
        assert "USAA" in out
        assert "prk-nuclear-test-moratorium" in out
        assert "test-violation-2013" in out
        assert "$.transitions[1]" in out
        assert "$.transitions[5]" in out


class TestCustomLifecycle:
    """A user's lifecycle is drawn, used by the validator, and checked when defined."""

    def test_output(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The good history passes; the bad one and the broken declaration are refused."""
        out = run("custom_lifecycle", capsys)
        assert "stateDiagram-v2" in out
        assert "good history ok: True" in out
        assert "$.transitions[2]" in out
        assert "refused:" in out


class TestCustomRule:
    """The house rule finds the old source without a locator, in every output."""

    def test_finding(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The 1972 ABM Treaty text has no locator; the 1968 NPT text has one."""
        out = run("custom_rule", capsys)
        assert "$.sources[1].locator: warning HR101: source abm-text" in out
        assert 1 == out.count(": warning HR101: ")

    def test_acknowledged_and_selected(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Acknowledged, it is counted apart; selected by its namespace, it runs alone."""
        out = run("custom_rule", capsys)
        assert "with the acknowledgement: 0 findings, 1 acknowledged" in out
        assert "selected: ['HR101']" in out

    def test_in_sarif_with_its_own_code(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The command line's SARIF output has the finding under the rule's own code."""
        assert "SARIF results: ['HR101']" in run("custom_rule", capsys)
