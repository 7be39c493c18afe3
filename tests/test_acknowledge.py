"""Acknowledged findings: known findings a record explains, counted apart; stale ones reported."""

import json
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

from armscontrol import io
from armscontrol.exceptions import LoadError, ModelError
from armscontrol.model import Acknowledgement, Record
from armscontrol.validation import Severity, validate
from findings import FINDINGS, KNOWN, RECORD
from strategies import records

DRIFT = "moratorium"


def acknowledging(record: Record, *acks: Acknowledgement) -> Record:
    """The record with these acknowledgements added."""
    return attrs.evolve(record, acknowledgements=(*record.acknowledgements, *acks))


class TestCovering:
    """An acknowledgement sets its findings apart, with itself attached."""

    def test_subject_covers_every_finding_of_the_rule_about_it(self) -> None:
        """One AC504 acknowledgement covers the two AC504 findings about its subject."""
        ack = KNOWN[0]
        report = validate(acknowledging(RECORD, ack))
        assert 2 == len(report.acknowledged)
        assert {("AC504", DRIFT, ack)} == {
            (d.code, d.subject, d.acknowledgement) for d in report.acknowledged
        }
        assert () == report.by_code("AC504")
        assert len(FINDINGS) - 2 == len(report)

    def test_path_covers_one_finding(self) -> None:
        """An acknowledgement with a path covers the finding at that path alone."""
        first = validate(RECORD).by_code("AC504")[0]
        report = validate(
            acknowledging(
                RECORD, Acknowledgement(code="AC504", subject=None, path=first.path, reason="known")
            )
        )
        assert [first.path] == [d.path for d in report.acknowledged]
        assert 1 == len(report.by_code("AC504"))

    def test_subject_and_path_must_both_match(self) -> None:
        """A path of one subject with another subject covers nothing, and is stale."""
        first = validate(RECORD).by_code("AC504")[0]
        ack = Acknowledgement(code="AC504", subject="npt/PRK", path=first.path, reason="known")
        report = validate(acknowledging(RECORD, ack))
        assert () == report.acknowledged
        assert ["$.acknowledgements[0]"] == [d.path for d in report.by_code("AC601")]

    def test_acknowledged_errors_do_not_fail(self) -> None:
        """An acknowledged finding does not count toward ok, even as an error."""
        ack = Acknowledgement(code="AC504", subject=DRIFT, reason="known")
        report = validate(acknowledging(RECORD, ack), severities={"AC504": "error"})
        assert report.ok
        assert {Severity.ERROR} == {d.severity for d in report.acknowledged}

    def test_every_finding_acknowledged(self) -> None:
        """With its known findings acknowledged, the record reports nothing, and keeps them."""
        report = validate(acknowledging(RECORD, *KNOWN))
        assert () == report.diagnostics
        assert FINDINGS == [(d.code, d.subject, d.path) for d in report.acknowledged]

    @settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
    @given(records(dangling=True))
    def test_acknowledging_every_finding_leaves_none(self, record: Record) -> None:
        """Acknowledging each finding by code, subject and path sets every one apart."""
        record = attrs.evolve(record, acknowledgements=())
        found = validate(record).diagnostics
        acks = tuple(
            Acknowledgement(code=d.code, subject=d.subject, path=d.path, reason="known")
            for d in found
        )
        report = validate(attrs.evolve(record, acknowledgements=acks))
        assert () == report.diagnostics
        assert [attrs.evolve(d, acknowledgement=None) for d in report.acknowledged] == list(found)


class TestStale:
    """An acknowledgement that covers no finding of a rule that ran is AC601."""

    def test_no_finding_left(self) -> None:
        """An acknowledgement of a finding the record does not have is stale."""
        ack = Acknowledgement(code="AC505", subject="test", reason="known")
        (stale,) = validate(acknowledging(RECORD, *KNOWN, ack))
        assert ("AC601", Severity.WARNING) == (stale.code, stale.severity)
        assert ("test", "$.acknowledgements[5]") == (stale.subject, stale.path)
        assert "covers no finding" in stale.message

    def test_unknown_built_in_code(self) -> None:
        """A code no built-in rule has is stale, with the nearest codes."""
        ack = Acknowledgement(code="AC599", subject=DRIFT, reason="known")
        (stale,) = validate(acknowledging(RECORD, *KNOWN, ack))
        assert "no rule has the code AC599; did you mean" in stale.message
        assert "'AC5" in stale.message

    def test_deselected_rule_is_not_judged(self) -> None:
        """An acknowledgement of a rule that did not run is neither used nor stale."""
        report = validate(acknowledging(RECORD, *KNOWN), select=["AC4", "AC6"])
        assert () == report.diagnostics
        assert {"AC402"} == {d.code for d in report.acknowledged}

    def test_custom_code_without_its_rule_is_not_judged(self) -> None:
        """A custom rule's acknowledgement waits for the rule: it is not stale without it."""
        ack = Acknowledgement(code="HR101", subject="npt-text", reason="known")
        assert () == validate(acknowledging(RECORD, *KNOWN, ack)).diagnostics

    def test_stale_is_not_acknowledgeable(self) -> None:
        """Acknowledging AC601 is itself stale: the fix is to remove the stale one."""
        ack = Acknowledgement(code="AC601", subject=DRIFT, reason="known")
        (stale,) = validate(acknowledging(RECORD, *KNOWN, ack))
        assert "AC601 cannot be acknowledged" in stale.message

    def test_stale_can_be_ignored(self) -> None:
        """AC601 is a rule like the others: ignoring it silences it."""
        ack = Acknowledgement(code="AC505", subject="test", reason="known")
        assert () == validate(acknowledging(RECORD, *KNOWN, ack), ignore=["AC601"]).diagnostics

    def test_unknown_source(self) -> None:
        """A source an acknowledgement cites must be in the record (AC103)."""
        ack = attrs.evolve(KNOWN[0], sources=("act-2031",))
        (unknown,) = validate(acknowledging(RECORD, ack, *KNOWN[1:]))
        assert ("AC103", "$.acknowledgements[0].sources[0]") == (unknown.code, unknown.path)


class TestModel:
    """An acknowledgement names a code and a subject or a path, with a reason."""

    def test_needs_a_subject_or_a_path(self) -> None:
        """Without subject and path it would cover nothing in particular, and is refused."""
        with pytest.raises(ModelError, match="unless a path names the finding"):
            Acknowledgement(code="AC504", subject=None, reason="known")

    @pytest.mark.parametrize("code", ["ac504", "AC50", "A504", "ABCDE504", "AC 504"])
    def test_code_shape(self, code: str) -> None:
        """A code is two to four capitals and three digits."""
        with pytest.raises(ModelError, match="rule code"):
            Acknowledgement(code=code, subject=DRIFT, reason="known")

    @pytest.mark.parametrize("path", ["transitions[0]", "$.Transitions[0]", "$.x[a]", "$x"])
    def test_path_shape(self, path: str) -> None:
        """A path is a JSON path into the canonical format."""
        with pytest.raises(ModelError, match="JSON path"):
            Acknowledgement(code="AC504", subject=None, path=path, reason="known")

    def test_reason_required(self) -> None:
        """An acknowledgement without a reason explains nothing, and is refused."""
        with pytest.raises(ModelError):
            Acknowledgement(code="AC504", subject=DRIFT, reason=" ")


class TestFormat:
    """Acknowledgements are an optional last key of the document."""

    def test_written_last_and_read_back(self) -> None:
        """They come after the transitions, keys in the model's order, and load back equal."""
        record = acknowledging(RECORD, *KNOWN)
        text = io.dumps(record)
        assert "acknowledgements" == list(json.loads(text))[-1]
        last = json.loads(text)["acknowledgements"][-1]
        assert ["code", "subject", "reason", "sources"] == list(last)
        assert record == io.loads(text)

    def test_path_only(self) -> None:
        """An acknowledgement by path alone is written with a null subject, and read back."""
        ack = Acknowledgement(code="AC504", subject=None, path=FINDINGS[0][2], reason="x")
        text = io.dumps(acknowledging(RECORD, ack))
        written = json.loads(text)["acknowledgements"][0]
        expected = {"code": "AC504", "subject": None, "reason": "x", "path": FINDINGS[0][2]}
        assert expected == written
        assert (ack,) == io.loads(text).acknowledgements

    def test_documents_without_them_unchanged(self) -> None:
        """A record without acknowledgements is written without the key."""
        assert "acknowledgements" not in io.dumps(RECORD)

    def test_folder_joins_them(self, tmp_path: Path) -> None:
        """In a folder of files, each file's acknowledgements are kept, in file-name order."""
        io.dump(attrs.evolve(RECORD, acknowledgements=KNOWN[2:]), tmp_path / "a-record.json")
        io.dump(Record(acknowledgements=KNOWN[:2]), tmp_path / "b-known.json")
        joined = io.load(tmp_path)
        assert (*KNOWN[2:], *KNOWN[:2]) == joined.acknowledgements
        assert () == validate(joined).diagnostics

    def test_misspelt_key_is_a_load_problem(self) -> None:
        """A bad acknowledgement is a problem with its path, like any other object."""
        data = io.to_dict(RECORD)
        data["acknowledgements"] = [{"code": "AC504", "subject": DRIFT, "resaon": "known"}]
        with pytest.raises(LoadError) as caught:
            io.from_dict(data)
        problems = [(p.path, p.message) for p in caught.value.problems]
        assert [("$.acknowledgements[0].resaon", "unknown key; did you mean 'reason'?")] == problems
