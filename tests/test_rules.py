"""The rule catalogue: every rule is documented in docs/rules.md, with an example that triggers it.

The examples are the runnable blocks of docs/rules.md itself, so the page and
the rules cannot drift apart: each block changes the page's clean record just
enough to trigger its rule, and this module checks the code, severity, subject
and path of what it triggers.
"""

import re
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest

from armscontrol.validation import RULES, Rule, Severity, validate

PAGE = Path(__file__).parent.parent / "docs" / "rules.md"
_BLOCK = re.compile(r"^```python\n(.*?)^```", re.MULTILINE | re.DOTALL)
_HEADING = re.compile(r"^### (AC\d{3}) (.+)$", re.MULTILINE)

# Where each example's diagnostic must be: (subject, path).
EXPECTED = {
    "AC101": ("PRK", "$.sources[1].id"),
    "AC102": ("test", "$.events[1].actors[0]"),
    "AC103": ("leap-day", "$.transitions[0].sources[0]"),
    "AC104": ("leap-day", "$.agreements[0].process"),
    "AC105": ("launch-violation", "$.violations[0].commitment"),
    "AC106": ("launch-violation", "$.violations[0].evidence[0]"),
    "AC107": ("aid", "$.transitions[4].causes[0]"),
    "AC108": ("leap-day/KOR", "$.transitions[11].subject"),
    "AC111": ("moratorium", "$.agreements[0].commitments[0].obligors[1]"),
    "AC112": ("aid", "$.agreements[0].commitments[1].beneficiaries[1]"),
    "AC113": ("launch-violation", "$.violations[0].accused[0]"),
    "AC114": ("aid", "$.agreements[0].commitments[1].in_exchange_for[0]"),
    "AC115": ("launch-violation", "$.violations[0].alleged_by"),
    "AC116": ("PRK", "$.parties[1].continues.party"),
    "AC201": ("moratorium", "$.transitions[6].to"),
    "AC202": ("moratorium", "$.transitions[11].to"),
    "AC203": ("moratorium", "$.transitions[1].to"),
    "AC204": ("aid", "$.transitions[7].to"),
    "AC301": ("aid", "$.transitions[7].date"),
    "AC302": ("aid", "$.transitions[7].date"),
    "AC303": ("moratorium", "$.transitions[1].date"),
    "AC304": ("npt/PRK", "$.transitions[10].date"),
    "AC305": ("aid", "$.transitions[4].causes[0]"),
    "AC306": ("aid", "$.transitions[4].causes[0]"),
    "AC307": ("test-violation", "$.violations[1].evidence[0]"),
    "AC308": ("launch-violation", "$.violations[0].date"),
    "AC309": ("npt/PRK", "$.transitions[10].date"),
    "AC310": ("safeguards", "$.transitions[11].date"),
    "AC311": ("npt/RUS", "$.transitions[11].date"),
    "AC312": ("aid", "$.transitions[4].causes[0]"),
    "AC313": ("leap-day", "$.transitions[5].date"),
    "AC401": ("npt/PRK", "$.transitions[12].date"),
    "AC402": ("npt/PRK", "$.transitions[14].date"),
    "AC403": ("npt/PRK", "$.transitions[12].date"),
    "AC404": ("moratorium", "$.transitions[3].date"),
    "AC405": ("npt/PRK", "$.transitions[11].to"),
    "AC406": ("npt", "$.transitions[12]"),
    "AC407": ("leap-day", "$.agreements[0].extensions[0].date"),
    "AC408": ("npt", "$.transitions[11].date"),
    "AC409": ("leap-day", "$.transitions[5].date"),
    "AC410": ("npt", "$.agreements[1].expires"),
    "AC501": ("leap-day", "$.transitions[5].causes"),
    "AC502": ("moratorium", "$.transitions[3].causes"),
    "AC503": ("aid", "$.transitions[4]"),
    "AC504": ("moratorium", "$.agreements[0].commitments[0].in_exchange_for[0]"),
    "AC505": ("launch", "$.events[0].alternative_dates"),
    "AC506": ("launch", "$.events[0].sources"),
    "AC507": ("npt/USA", "$.transitions[12].to"),
    "AC601": ("aid", "$.acknowledgements[0]"),
}


def _sections() -> dict[str, str]:
    text = PAGE.read_text(encoding="utf-8")
    text = text.split("\n## Custom rules\n", 1)[0]  # conventions for others' rules follow
    starts = list(_HEADING.finditer(text))
    ends = [match.start() for match in starts[1:]] + [len(text)]
    return {match[1]: text[match.start() : end] for match, end in zip(starts, ends, strict=True)}


def _preamble() -> dict[str, Any]:
    """The namespace the page's opening blocks build: the clean record and helpers."""
    text = PAGE.read_text(encoding="utf-8")
    namespace: dict[str, Any] = {}
    for block in _BLOCK.findall(text[: text.index("\n### ")]):
        exec(block, namespace)
    return namespace


@pytest.fixture(scope="module")
def preamble() -> dict[str, Any]:
    """The clean record and the helpers, built once."""
    return _preamble()


def _example(code: str, preamble: dict[str, Any]) -> Any:
    namespace = dict(preamble)
    blocks = _BLOCK.findall(_sections()[code])
    assert 1 == len(blocks)
    exec(blocks[0], namespace)
    return namespace["record"]


class TestCatalogue:
    """The catalogue is well formed and the page documents exactly its rules."""

    def test_page_lists_every_rule_in_order(self) -> None:
        """docs/rules.md has one section per code of RULES, in the same order."""
        assert list(RULES) == list(_sections())

    def test_examples_cover_every_rule(self) -> None:
        """This module knows where every rule's example must be reported."""
        assert set(RULES) == set(EXPECTED)

    @pytest.mark.parametrize("code", list(RULES))
    def test_section_matches_rule(self, code: str) -> None:
        """Each section shows the rule's title, severity, family and summary."""
        rule = RULES[code]
        section = _sections()[code]
        heading, _, rest = section.partition("\n")
        assert f"### {code} {rule.title}" == heading
        assert f"*{rule.severity} · {rule.family}*" in rest
        prose = rest.split("```python")[0].replace(f"*{rule.severity} · {rule.family}*", "")
        assert rule.summary == " ".join(prose.split())

    @pytest.mark.parametrize("rule", list(RULES.values()), ids=list(RULES))
    def test_code_names_family(self, rule: Rule) -> None:
        """A code is AC and three digits, the first of which is the rule's family."""
        families = {"1": "references", "2": "lifecycle", "3": "chronology"}
        families |= {"4": "terms", "5": "consistency", "6": "acknowledgements"}
        assert re.fullmatch(r"AC[1-6]\d\d", rule.code)
        assert families[rule.code[2]] == rule.family
        assert isinstance(rule.severity, Severity)

    def test_catalogue_is_read_only(self) -> None:
        """RULES cannot be changed in place."""
        assert isinstance(RULES, MappingProxyType)
        with pytest.raises(TypeError):
            RULES["AC999"] = RULES["AC101"]  # type: ignore[index]


class TestEachRule:
    """Every rule fires on its example, where and as the catalogue says."""

    @pytest.mark.parametrize("code", list(RULES))
    def test_example_triggers_rule(self, code: str, preamble: dict[str, Any]) -> None:
        """The example reports the code with its severity, subject and path."""
        record = _example(code, preamble)
        found = {(d.severity, d.subject, d.path) for d in validate(record).by_code(code)}
        subject, path = EXPECTED[code]
        assert (RULES[code].severity, subject, path) in found

    @pytest.mark.parametrize("code", list(RULES))
    def test_clean_record_is_silent(self, code: str, preamble: dict[str, Any]) -> None:
        """The clean record the examples start from does not trigger the rule."""
        assert () == validate(preamble["base"]).by_code(code)

    @pytest.mark.parametrize("code", list(RULES))
    def test_sample_is_the_example_message(self, code: str, preamble: dict[str, Any]) -> None:
        """The rule's sample message is what it reports on its example."""
        record = _example(code, preamble)
        _, path = EXPECTED[code]
        messages = [d.message for d in validate(record).by_code(code) if d.path == path]
        assert [RULES[code].sample] == messages

    def test_clean_record_has_no_diagnostics(self, preamble: dict[str, Any]) -> None:
        """The clean record gives an empty report: no errors, warnings or infos."""
        report = validate(preamble["base"])
        assert () == report.diagnostics
        assert report.ok
