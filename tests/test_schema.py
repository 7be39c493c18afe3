import json
import re
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armscontrol import io, model
from armscontrol.dates import HistoricalDate
from armscontrol.exceptions import DateError, LoadError
from strategies import date_texts, records

ROOT = Path(__file__).parent.parent
DATA = Path(__file__).parent / "data"
SCHEMA_FILE = ROOT / "docs" / "schema" / "armscontrol.schema.json"
GOOD = sorted((DATA / "good").glob("*.json"))

# Bad documents whose fault the schema cannot see: calendar validity, ids that
# resolve and are unique across the record, keys given twice (parsers keep one).
LOADER_ONLY = {
    "bad-date-calendar.json",
    "dangling-id.json",
    "duplicate-id.json",
    "duplicate-key.json",
}
# Bad documents that are not JSON at all: nothing for a schema to check.
NOT_JSON = {"empty.json", "truncated.json", "not-utf8.json"}
BAD = sorted((DATA / "bad").glob("*.json"))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    """A validator for the generated schema."""
    return jsonschema.Draft202012Validator(io.schema())


def errors(validator: jsonschema.Draft202012Validator, data: Any) -> list[str]:
    """The schema's complaints about a document, as text."""
    return [error.message for error in validator.iter_errors(data)]


class TestSchema:
    """The schema is a valid draft 2020-12 schema, generated from the model."""

    def test_is_a_valid_schema(self) -> None:
        """The schema passes the draft 2020-12 meta-schema."""
        jsonschema.Draft202012Validator.check_schema(io.schema())

    def test_committed_file_is_current(self) -> None:
        """docs/schema holds exactly what schema() gives (regenerate with `armscontrol schema`)."""
        expected = json.dumps(io.schema(), indent=2, ensure_ascii=False) + "\n"

        assert expected == SCHEMA_FILE.read_text(encoding="utf-8")

    def test_one_definition_per_class(self) -> None:
        """Every class a record holds has a definition, besides dates and periods."""
        classes = {
            "Acknowledgement", "Agreement", "Commitment", "Continuation", "DateClaim", "Event",
            "Extension", "Party", "Process", "Source", "Transition", "Violation",
        }  # fmt: skip

        assert classes | {"date", "period"} == set(io.schema()["$defs"])

    @pytest.mark.parametrize(
        "cls",
        [model.Party, model.Source, model.Agreement, model.Commitment, model.Transition],
        ids=lambda c: c.__name__,
    )
    def test_required_are_fields_without_defaults(self, cls: type) -> None:
        """A field is required exactly when the model gives it no default."""
        expected = [f.name for f in attrs.fields(cls) if f.default is attrs.NOTHING]

        assert expected == io.schema()["$defs"][cls.__name__]["required"]

    def test_closed_objects(self) -> None:
        """No object allows keys the model does not know."""
        schema = io.schema()
        objects = [schema, *(d for d in schema["$defs"].values() if d["type"] == "object")]

        assert all(False is o["additionalProperties"] for o in objects)

    def test_enumerations_and_patterns(self) -> None:
        """Enumerations list the model's values; ids use the model's pattern."""
        commitment = io.schema()["$defs"]["Commitment"]["properties"]

        assert [d.value for d in model.Deontic] == commitment["deontic"]["enum"]
        assert f"^{model.ID_PATTERN.pattern}$" == commitment["id"]["pattern"]
        assert commitment["obligors"]["uniqueItems"]
        assert "^[a-z0-9][a-z0-9_]*$" == commitment["topics"]["items"]["pattern"]

    def test_descriptions_from_docstrings(self) -> None:
        """Field descriptions come from the classes' Attributes sections."""
        agreement = io.schema()["$defs"]["Agreement"]

        assert agreement["properties"]["withdrawal_notice"]["description"].startswith(
            "Notice a party must give before its withdrawal takes effect"
        )


class TestSchemaAndLoaderAgree:
    """The loader's documents pass the schema; what the schema can judge, both refuse."""

    @pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
    def test_good_documents(self, path: Path, validator: jsonschema.Draft202012Validator) -> None:
        """Every good document passes the schema and the loader."""
        io.load(path)

        assert [] == errors(validator, json.loads(path.read_text(encoding="utf-8")))

    @pytest.mark.parametrize("path", BAD, ids=lambda p: p.name)
    def test_bad_documents(self, path: Path, validator: jsonschema.Draft202012Validator) -> None:
        """The loader refuses every bad document, and the schema those it can judge."""
        with pytest.raises(LoadError):
            io.load(path)
        if path.name in NOT_JSON | LOADER_ONLY:
            return

        assert errors(validator, json.loads(path.read_text(encoding="utf-8")))

    def test_loader_only_documents_pass_the_schema(
        self, validator: jsonschema.Draft202012Validator
    ) -> None:
        """The documents marked loader-only really are beyond the schema."""
        for name in sorted(LOADER_ONLY):
            text = (DATA / "bad" / name).read_text(encoding="utf-8")

            assert (name, []) == (name, errors(validator, json.loads(text)))

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(records())
    def test_every_written_document_passes(self, record: model.Record) -> None:
        """Whatever the library writes, the schema accepts."""
        validator = jsonschema.Draft202012Validator(io.schema())

        assert [] == errors(validator, io.to_dict(record))


def refusal(text: str) -> str | None:
    """What the date parser expected instead of the text, or None if it parses."""
    try:
        HistoricalDate.parse(text)
    except DateError as error:
        return error.expected
    return None


class TestDatePattern:
    """The schema's date pattern follows the date syntax."""

    PATTERN = re.compile(io.schema()["$defs"]["date"]["pattern"])

    @settings(max_examples=300, deadline=None)
    @given(date_texts())
    def test_accepts_every_date(self, text: str) -> None:
        """Every text in the date syntax matches the pattern."""
        assert self.PATTERN.search(text)

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet="0123456789-/.T:Z+~?% ", max_size=24))
    def test_match_means_the_syntax(self, text: str) -> None:
        """A text the pattern accepts parses, unless only the calendar refuses it."""
        if not self.PATTERN.search(text):
            return
        reason = refusal(text)

        assert reason is None or re.search(r"exists|from .* to|not before", reason), reason

    @pytest.mark.parametrize(
        "text", ["29 February 2012", "2012-4", "2012-04-12/2012-04-16/2012", "../..", "12012"]
    )
    def test_refuses_other_syntax(self, text: str) -> None:
        """Texts outside the syntax do not match."""
        assert self.PATTERN.search(text) is None


class TestFormatPage:
    """docs/format.md documents every field, in the order the format writes them."""

    PAGE = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")

    def table_keys(self, heading: str) -> list[str]:
        """The keys listed in the table under a heading of the page."""
        section = self.PAGE.split(f"### {heading}\n", 1)[1].split("\n### ", 1)[0]
        return re.findall(r"^\| `(\w+)`", section, re.MULTILINE)

    @pytest.mark.parametrize(
        "name", [n for n, d in io.schema()["$defs"].items() if d["type"] == "object"]
    )
    def test_every_field_of_every_object(self, name: str) -> None:
        """Each object's table lists its fields, in model order."""
        assert list(io.schema()["$defs"][name]["properties"]) == self.table_keys(name)

    def test_document_keys(self) -> None:
        """The document's table lists its keys in the order they are written."""
        assert list(io.schema()["properties"]) == self.table_keys("The document")

    def test_links_the_schema(self) -> None:
        """The page links the committed schema file."""
        assert "(schema/armscontrol.schema.json)" in self.PAGE
