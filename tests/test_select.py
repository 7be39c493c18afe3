"""Choosing which rules run, and how severe their findings are: select, ignore, severities."""

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armscontrol.exceptions import RuleError, UnknownRuleError
from armscontrol.model import Record
from armscontrol.validation import RULES, Severity, selected, validate
from findings import FINDINGS, RECORD
from strategies import records

CODES = sorted(RULES)
# Every code and every prefix of one that a linter user might type.
SELECTORS = sorted({code[:cut] for code in CODES for cut in range(2, 6)})


def codes_of(record: Record, **options: object) -> list[str]:
    """The codes of a validation's diagnostics, in report order."""
    return [d.code for d in validate(record, **options)]  # type: ignore[arg-type]


class TestSelect:
    """``select`` runs only the rules it names, by code or prefix."""

    def test_prefix_selects_a_family(self) -> None:
        """AC5 keeps the consistency findings and drops the others."""
        assert ["AC504", "AC504", "AC505", "AC506", "AC505"] == codes_of(RECORD, select=["AC5"])

    def test_exact_code(self) -> None:
        """A whole code selects that rule alone."""
        assert {"AC402"} == set(codes_of(RECORD, select=["AC402"]))

    def test_empty_select_runs_nothing(self) -> None:
        """An empty list selects no rule."""
        assert [] == codes_of(RECORD, select=[])

    def test_none_runs_everything(self) -> None:
        """Without select, every rule runs."""
        assert [code for code, _, _ in FINDINGS] == codes_of(RECORD, select=None)


class TestIgnore:
    """``ignore`` drops rules; the more specific of a select and an ignore wins."""

    def test_ignore_drops_a_rule(self) -> None:
        """Ignoring AC504 drops its two warnings and nothing else."""
        every = codes_of(RECORD)
        assert [code for code in every if code != "AC504"] == codes_of(RECORD, ignore=["AC504"])

    def test_longer_ignore_wins(self) -> None:
        """Selecting AC5 and ignoring AC504 keeps the other consistency rules."""
        assert {"AC505", "AC506"} == set(codes_of(RECORD, select=["AC5"], ignore=["AC504"]))

    def test_longer_select_wins(self) -> None:
        """Selecting AC504 and ignoring AC5 keeps AC504 alone."""
        assert {"AC504"} == set(codes_of(RECORD, select=["AC504"], ignore=["AC5"]))

    def test_equal_length_ignore_wins(self) -> None:
        """Selecting and ignoring AC5 runs none of them."""
        assert [] == codes_of(RECORD, select=["AC5"], ignore=["AC5"])


class TestSelected:
    """``selected`` says which codes run, and refuses codes that name no rule."""

    def test_sorted_codes(self) -> None:
        """The terms family, in code order."""
        terms = tuple(code for code in CODES if code.startswith("AC4"))
        assert ("AC401", "AC402", "AC403") == terms[:3]
        assert terms == selected(["AC4"])

    def test_everything_by_default(self) -> None:
        """No select: every catalogued code."""
        assert tuple(CODES) == selected()

    @pytest.mark.parametrize(
        ("selector", "suggestion"), [("AC5O4", "AC504"), ("ac504", "AC504"), ("AC5044", "AC504")]
    )
    def test_unknown_code_suggests_the_nearest(self, selector: str, suggestion: str) -> None:
        """A selector that names no rule is refused with the closest codes."""
        with pytest.raises(UnknownRuleError) as caught:
            selected([selector])
        assert selector == caught.value.selector
        assert suggestion in caught.value.suggestions
        assert f"did you mean '{suggestion}'" in str(caught.value)

    @pytest.mark.parametrize("where", ["select", "ignore", "severities"])
    def test_validate_refuses_unknown_codes(self, where: str) -> None:
        """An unknown code in any of the settings is refused."""
        value: object = {"AC999": "error"} if where == "severities" else ["AC999"]
        with pytest.raises(UnknownRuleError):
            validate(RECORD, **{where: value})  # type: ignore[arg-type]

    def test_letters_are_a_whole_namespace(self) -> None:
        """AC never stands for a longer prefix: 'A' and 'ACX' name nothing."""
        for selector in ("A", "ACX", "ACX101"):
            with pytest.raises(UnknownRuleError):
                selected([selector])

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
    @given(
        record=records(dangling=True),
        select=st.none() | st.lists(st.sampled_from(SELECTORS), max_size=3),
        ignore=st.lists(st.sampled_from(SELECTORS), max_size=3),
    )
    def test_selection_filters_the_full_report(
        self, record: Record, select: list[str] | None, ignore: list[str]
    ) -> None:
        """A selective validation reports the full report's findings of the selected codes."""
        record = attrs.evolve(record, acknowledgements=())
        chosen = set(selected(select, ignore))
        full = [d for d in validate(record) if d.code in chosen]
        assert full == list(validate(record, select=select, ignore=ignore))


class TestSeverities:
    """``severities`` regrades findings, by code or prefix; the longest key wins."""

    def test_warning_becomes_error(self) -> None:
        """AC504 as an error makes the report fail."""
        report = validate(RECORD, severities={"AC504": "error"})
        assert not report.ok
        assert {Severity.ERROR} == {d.severity for d in report.by_code("AC504")}
        assert {Severity.WARNING} == {d.severity for d in report.by_code("AC402")}

    def test_longest_key_wins(self) -> None:
        """AC5 as errors, but AC505 as info: the code's own key wins over the prefix."""
        report = validate(RECORD, severities={"AC5": Severity.ERROR, "AC505": "info"})
        assert {Severity.ERROR} == {d.severity for d in report.by_code("AC504")}
        assert {Severity.ERROR} == {d.severity for d in report.by_code("AC506")}
        assert {Severity.INFO} == {d.severity for d in report.by_code("AC505")}

    def test_same_findings_regraded(self) -> None:
        """Regrading changes severities only: the same codes, paths and messages."""
        plain = validate(RECORD)
        graded = validate(RECORD, severities={"AC": "error"})
        assert [(d.code, d.path, d.message) for d in plain] == [
            (d.code, d.path, d.message) for d in graded
        ]
        assert {Severity.ERROR} == {d.severity for d in graded}

    def test_not_a_severity(self) -> None:
        """A value that is no severity is refused, naming the code."""
        with pytest.raises(RuleError, match=r"AC504.*'fatal' is not one of error, warning, info"):
            validate(RECORD, severities={"AC504": "fatal"})
