"""Rules of your own: declared, run beside the built-in ones, registered through entry points."""

import importlib.metadata
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from armscontrol.exceptions import ModelError, RuleError
from armscontrol.index import index_of
from armscontrol.model import Acknowledgement, Record
from armscontrol.validation import (
    ENTRY_POINT_GROUP,
    CustomRule,
    Finding,
    Severity,
    custom_rule,
    load_rules,
    registered_rules,
    selected,
    validate,
)
from findings import RECORD


def unsourced_locators(record: Record, index: object) -> Iterator[Finding]:
    """Every source without a locator (a deliberately busy rule)."""
    del index
    for i, source in enumerate(record.sources):
        if source.locator is None:
            yield Finding(f"$.sources[{i}].locator", f"{source.id}: no locator", source.id)


LOCATOR = CustomRule(
    "HR101", Severity.WARNING, "no locator", "Sources need locators.", unsourced_locators
)


class TestDeclaring:
    """A custom rule is checked when it is declared."""

    @pytest.mark.parametrize("code", ["HR101", "ORG204", "XY000", "CDX101"])
    def test_custom_codes(self, code: str) -> None:
        """Two to four capitals not beginning with AC, then three digits."""
        assert code == attrs.evolve(LOCATOR, code=code).code

    @pytest.mark.parametrize(
        "code", ["AC101", "AC999", "ACX101", "hr101", "H101", "HR1011", "HR10"]
    )
    def test_refused_codes(self, code: str) -> None:
        """The built-in namespace and malformed codes are refused, naming the code."""
        with pytest.raises(RuleError, match="not a custom rule's code"):
            attrs.evolve(LOCATOR, code=code)

    def test_decorator(self) -> None:
        """The decorator takes the severity by name and the summary from the docstring."""
        rule = custom_rule("HR102", "info", "all the locators")(unsourced_locators)
        assert Severity.INFO is rule.severity
        assert "Every source without a locator (a deliberately busy rule)." == rule.summary
        assert "custom" == rule.family

    def test_bad_severity(self) -> None:
        """A severity that is not one is refused."""
        with pytest.raises(RuleError, match="HR102: severity 'fatal'"):
            custom_rule("HR102", "fatal", "x")(unsourced_locators)

    def test_summary_needed(self) -> None:
        """A rule needs a summary: from the decorator, or the function's docstring."""
        with pytest.raises(RuleError, match="summary"):
            custom_rule("HR102", "info", "x")(lambda record, index: ())

    def test_finding_path_is_a_json_path(self) -> None:
        """A finding's path must be a JSON path into the record."""
        with pytest.raises(ModelError, match="JSON path"):
            Finding("sources[0]", "no locator")


class TestRunning:
    """Custom findings are graded, placed and selected like the built-in ones."""

    def test_findings_in_record_order(self) -> None:
        """The rule's findings come in among the built-in ones, by their paths."""
        report = validate(RECORD, rules=[LOCATOR])
        mine = report.by_code("HR101")
        missing = [s.id for s in RECORD.sources if s.locator is None]
        assert missing == [d.subject for d in mine]
        assert {Severity.WARNING} == {d.severity for d in mine}
        paths = [d.path for d in report]
        # Sources come before agreements in the record, so before every AC504 finding.
        assert paths.index(mine[-1].path) < paths.index(report.by_code("AC504")[0].path)

    def test_receives_the_record_and_its_index(self) -> None:
        """The check gets the record and the record's derived index."""
        seen: list[object] = []

        def check(record: Record, index: object) -> Iterator[Finding]:
            seen.extend([record, index])
            return iter(())

        validate(RECORD, rules=[attrs.evolve(LOCATOR, check=check)])
        assert [RECORD, index_of(RECORD)] == seen

    def test_deselected_rule_does_not_run(self) -> None:
        """A rule left out by select or ignore is not run at all."""

        def check(record: Record, index: object) -> Iterator[Finding]:
            raise AssertionError

        rule = attrs.evolve(LOCATOR, check=check)
        validate(RECORD, rules=[rule], ignore=["HR"])
        validate(RECORD, rules=[rule], select=["AC5"])

    def test_select_by_namespace_and_regrade(self) -> None:
        """HR selects the house rules; a severity by code regrades them."""
        report = validate(RECORD, rules=[LOCATOR], select=["HR"], severities={"HR101": "error"})
        assert {"HR101"} == report.codes
        assert not report.ok
        assert ("AC101", "AC102") == selected(["AC10"], ["AC103"], rules=[LOCATOR])[:2]
        assert ("HR101",) == selected(["HR"], rules=[LOCATOR])

    def test_acknowledged_like_the_others(self) -> None:
        """A custom finding is acknowledged by its code and subject."""
        first = next(s.id for s in RECORD.sources if s.locator is None)
        ack = Acknowledgement(code="HR101", subject=first, reason="cited whole")
        report = validate(attrs.evolve(RECORD, acknowledgements=(ack,)), rules=[LOCATOR])
        assert [first] == [d.subject for d in report.acknowledged]
        assert first not in [d.subject for d in report.by_code("HR101")]

    def test_unknown_code_in_a_namespace_that_ran_is_stale(self) -> None:
        """With HR rules running, an acknowledgement of a code none has is stale."""
        ack = Acknowledgement(code="HR109", subject="npt-text", reason="x")  # a source's id
        report = validate(attrs.evolve(RECORD, acknowledgements=(ack,)), rules=[LOCATOR])
        (stale,) = report.by_code("AC601")
        assert "no rule has the code HR109; did you mean 'HR101'?" in stale.message

    def test_a_failing_check_is_a_rule_error(self) -> None:
        """An exception in the check is reported with the rule's code, the original as cause."""

        def check(record: Record, index: object) -> Iterator[Finding]:
            msg = "boom"
            raise ZeroDivisionError(msg)

        with pytest.raises(RuleError, match="HR101: its check raised ZeroDivisionError") as caught:
            validate(RECORD, rules=[attrs.evolve(LOCATOR, check=check)])
        assert isinstance(caught.value.__cause__, ZeroDivisionError)

    def test_a_check_must_give_findings(self) -> None:
        """Something other than a Finding is refused, naming the rule."""
        rule = attrs.evolve(LOCATOR, check=lambda record, index: ["not a finding"])
        with pytest.raises(RuleError, match="HR101: its check gave 'not a finding'"):
            validate(RECORD, rules=[rule])

    def test_two_rules_one_code(self) -> None:
        """Two different rules with one code are refused."""
        other = attrs.evolve(LOCATOR, title="another rule")
        with pytest.raises(RuleError, match="share the code"):
            validate(RECORD, rules=[LOCATOR, other])


RULES_MODULE = """
from armscontrol.validation import CustomRule, Finding, Severity

def _check(record, index):
    return [Finding("$", "a house finding")]

ONE = CustomRule("HR201", Severity.INFO, "one", "The first house rule.", _check)
TWO = CustomRule("HR202", Severity.INFO, "two", "The second house rule.", _check)
BOTH = [ONE, TWO]
NOT_A_RULE = 42
"""


@pytest.fixture
def house(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A module of rules, importable as ``house_rules`` and at its path."""
    path = tmp_path / "house_rules.py"
    path.write_text(RULES_MODULE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    return path


def register(monkeypatch: pytest.MonkeyPatch, *values: str) -> None:
    """Make these ``module:NAME`` values the armscontrol.rules entry points."""
    points = importlib.metadata.EntryPoints(
        importlib.metadata.EntryPoint(f"point{n}", value, ENTRY_POINT_GROUP)
        for n, value in enumerate(values)
    )

    def entry_points(**params: str) -> importlib.metadata.EntryPoints:
        assert {"group": ENTRY_POINT_GROUP} == params
        return points

    monkeypatch.setattr(importlib.metadata, "entry_points", entry_points)


class TestRegistered:
    """Entry points of the armscontrol.rules group give rules, one or many."""

    def test_one_and_many(self, house: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A rule, or an iterable of rules, sorted by code."""
        del house
        register(monkeypatch, "house_rules:TWO", "house_rules:BOTH")
        assert ["HR201", "HR202"] == [rule.code for rule in registered_rules()]

    def test_none_installed(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """No entry point, no rule."""
        register(monkeypatch)
        assert () == registered_rules()

    def test_not_a_rule(self, house: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """An entry point that gives something else is refused, naming it."""
        del house
        register(monkeypatch, "house_rules:NOT_A_RULE")
        with pytest.raises(RuleError, match=r"'point0' \(house_rules:NOT_A_RULE\) gives int"):
            registered_rules()

    def test_does_not_load(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An entry point whose module is missing is refused, naming it."""
        register(monkeypatch, "no_such_house_rules:ONE")
        with pytest.raises(RuleError, match="does not load: ModuleNotFoundError"):
            registered_rules()


class TestLoadRules:
    """``module:NAME`` and ``file.py:NAME`` name rules for a configuration file."""

    def test_module(self, house: Path) -> None:
        """An importable module's rules."""
        del house
        assert ["HR201", "HR202"] == [r.code for r in load_rules("house_rules:BOTH")]

    def test_file_relative_to_base(self, house: Path) -> None:
        """A file path starts from the base folder."""
        assert ["HR201"] == [r.code for r in load_rules("house_rules.py:ONE", house.parent)]

    @pytest.mark.parametrize(
        ("spec", "problem"),
        [
            ("house_rules", "expected 'module:NAME'"),
            ("house_rules:MISSING", "has no 'MISSING'"),
            ("missing.py:ONE", "does not load: FileNotFoundError"),
            ("house_rules:NOT_A_RULE", "gives int"),
        ],
    )
    def test_bad_specs(self, house: Path, spec: str, problem: str) -> None:
        """Each malformed or wrong spec is refused with what is wrong."""
        with pytest.raises(RuleError, match=problem):
            load_rules(spec, house.parent)
