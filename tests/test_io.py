import gc
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armscontrol import io
from armscontrol.dates import HistoricalDate, Period
from armscontrol.exceptions import ArmsControlError, LoadError, Problem, SaveError
from armscontrol.io import _converter, _json
from armscontrol.model import (
    Agreement,
    AgreementKind,
    Commitment,
    Deontic,
    Party,
    PartyKind,
    Record,
    Source,
    Transition,
)
from records import leap_day_deal, leap_day_record, moratorium
from strategies import records

DATA = Path(__file__).parent / "data"
GOOD = sorted((DATA / "good").glob("*.json"))
LEAP_DAY = DATA / "good" / "leap-day.json"


def small() -> Record:
    """Two parties, one agreement with one commitment, one transition."""
    return leap_day_record(
        Transition("leap-day-2012", "concluded", HistoricalDate.parse("2012-02-29")),
        agreements=(
            leap_day_deal(
                moratorium(what="no launches"),
                title="Leap Day deal",
                kind=AgreementKind.UNDERSTANDING,
                withdrawal_notice=Period.parse("P3M"),
            ),
        ),
        violations=(),
        title="Leap Day",
    )


def problems_of(text: str | bytes) -> list[Problem]:
    """The problems that loading the text reports."""
    with pytest.raises(LoadError) as caught:
        io.loads(text)
    return list(caught.value.problems)


def loads_or_fails(load: Callable[[], Record]) -> bool:
    """Whether loading gives a Record or a LoadError with problems (anything else escapes)."""
    try:
        return isinstance(load(), Record)
    except LoadError as error:
        return bool(error.problems)


def document(**changes: Any) -> str:
    """The text of the small record's document with top-level keys replaced."""
    data = io.to_dict(small())
    data.update(changes)
    return json.dumps(data)


class TestRoundTrip:
    """What is saved loads back equal, and saving again gives the same text."""

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(records())
    def test_load_of_dump_is_the_record(self, record: Record) -> None:
        """Any structurally valid record with resolving references survives a round trip."""
        assert record == io.loads(io.dumps(record))

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(records())
    def test_dump_is_canonical(self, record: Record) -> None:
        """Loading a saved record and saving it again changes no character."""
        text = io.dumps(record)

        assert text == io.dumps(io.loads(text))

    @pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
    def test_canonical_files_are_byte_stable(self, path: Path) -> None:
        """Every canonical file in the good corpus is written back byte for byte."""
        assert path.read_bytes() == io.dumps(io.load(path)).encode("utf-8")

    def test_dict_round_trip(self) -> None:
        """from_dict reads what to_dict gives."""
        assert small() == io.from_dict(io.to_dict(small()))


class TestEncoding:
    """The decisions the module documentation lists, as they show in the text."""

    def test_format_first_then_header_then_lists(self) -> None:
        """The document starts with format, then title, then the lists in model order."""
        keys = list(json.loads(io.dumps(small())))

        assert ["format", "title", "parties", "agreements", "transitions"] == keys

    def test_fields_in_model_order_with_id_first(self) -> None:
        """An object's keys follow the model's field order, id first."""
        agreement = json.loads(io.dumps(small()))["agreements"][0]

        assert ["id", "title", "kind", "parties", "commitments", "withdrawal_notice"] == list(
            agreement
        )

    def test_defaults_are_left_out(self) -> None:
        """None, empty lists and a party's default kind are not written."""
        party = json.loads(io.dumps(small()))["parties"][0]

        assert {"id": "USA", "name": "United States"} == party

    def test_defaults_may_be_given(self) -> None:
        """A default written out, or null for an optional field, loads as the default."""
        data = io.to_dict(small())
        data["parties"][0].update(kind="state", sources=[])
        data["agreements"][0]["summary"] = None

        assert small() == io.from_dict(data)

    def test_non_default_kind_is_written(self) -> None:
        """An organisation keeps its kind."""
        record = Record(parties=(Party("IAEA", "IAEA", PartyKind.ORGANIZATION),))

        assert "organization" == io.to_dict(record)["parties"][0]["kind"]

    def test_dates_periods_and_enums_are_strings(self) -> None:
        """Dates as written, periods in ISO form, enumerations as their values."""
        data = io.to_dict(small())
        agreement = data["agreements"][0]

        assert "2012-02-29" == data["transitions"][0]["date"]
        assert "P3M" == agreement["withdrawal_notice"]
        assert "understanding" == agreement["kind"]
        assert "must_not" == agreement["commitments"][0]["deontic"]

    def test_date_text_is_kept_exactly(self) -> None:
        """A date keeps its qualifiers, interval and zone exactly as written."""
        texts = ["2013-06~", "2012-04-12/2012-04-16", "2012-04-12T22:39Z", "../1985"]
        sources = tuple(
            Source(f"s{i}", "t", date=HistoricalDate.parse(t)) for i, t in enumerate(texts)
        )

        loaded = io.loads(io.dumps(Record(sources=sources)))

        assert texts == [s.date.text for s in loaded.sources if s.date is not None]

    def test_layout(self) -> None:
        """Two-space indentation, non-ASCII kept as is, one final newline."""
        record = Record(parties=(Party("KOR", "대한민국"),))
        text = io.dumps(record)

        assert text.startswith('{\n  "format": "armscontrol/1",\n  "parties": [\n    {\n')
        assert "대한민국" in text
        assert text.endswith("}\n")
        assert not text.endswith("\n\n")

    def test_bytes_and_text_load_alike(self) -> None:
        """UTF-8 bytes load the same record as the text, a byte order mark aside."""
        text = io.dumps(small())

        assert io.loads(text) == io.loads(text.encode("utf-8"))
        assert io.loads(text) == io.loads("\ufeff".encode() + text.encode("utf-8"))


# (file, [(path, message fragment), ...]) for every document in tests/data/bad.
BAD: dict[str, list[tuple[str, str]]] = {
    "empty.json": [("$", "empty input")],
    "truncated.json": [("$", "not valid JSON: Expecting property name")],
    "not-utf8.json": [("$", "not UTF-8 text: byte 0xe9 at offset 48")],
    "array.json": [("$", "expected an object with \"format\": 'armscontrol/1', got an array")],
    "deep-nesting.json": [("$.title" + "[0]" * 63, "nested deeper than 64 levels")],
    "duplicate-key.json": [("$.title", "key given more than once")],
    "unknown-format.json": [("$.format", "unknown format string 'armscontrol/2'")],
    "missing-format.json": [("$.format", "missing; expected 'armscontrol/1'")],
    "number-for-string.json": [("$.parties[0].name", "expected a string, got number 1")],
    "string-for-array.json": [
        ("$.agreements[0].commitments[0].obligors", "expected an array, got string 'PRK'")
    ],
    "null-for-required.json": [("$.events[0].date", "got null")],
    "object-for-array.json": [("$.parties", "expected an array, got an object")],
    "unknown-key.json": [("$.events[0].sumary", "unknown key; did you mean 'summary'?")],
    "unknown-top-level-key.json": [("$.agreement", "did you mean 'agreements'?")],
    "missing-required.json": [("$.agreements[0].kind", "missing; expected one of 'treaty'")],
    "bad-enum.json": [
        (
            "$.agreements[0].commitments[0].deontic",
            "expected one of 'must', 'must_not', 'may', got string 'mustnt'",
        )
    ],
    "bad-date-syntax.json": [("$.events[0].date", "not a date: '13 April 2012'; expected YYYY")],
    "bad-date-calendar.json": [("$.transitions[0].date", "a day that exists in 2012-02")],
    "bad-period.json": [("$.agreements[0].withdrawal_notice", "not a period: '3 months'")],
    "bad-id.json": [("$.parties[1].id", "expected an id")],
    "blank-text.json": [("$.events[0].summary", "expected a non-empty string")],
    "bad-state.json": [("$.transitions[0].to", "a lowercase state name")],
    "repeated-id-in-list.json": [("$.agreements[0].parties", "'USA' given more than once")],
    "dangling-id.json": [
        ("$.agreements[0].commitments[0].obligors[0]", "unknown party 'PRKK'; did you mean 'PRK'?")
    ],
    "duplicate-id.json": [("$.events[0].id", "duplicate id 'USA'")],
    "three-mistakes.json": [
        ("$.parties[0].nme", "did you mean 'name'?"),
        ("$.agreements[0].commitments[0].obligors", "expected an array"),
        ("$.transitions[0].date", "a day that exists in 2012-02"),
    ],
}


class TestBadInput:
    """Bad input gives one LoadError listing every problem with its path."""

    def test_corpus_is_covered(self) -> None:
        """Every file of the bad corpus has its expectation here."""
        assert set(BAD) == {p.name for p in (DATA / "bad").iterdir()}

    @pytest.mark.parametrize("name", sorted(BAD))
    def test_corpus(self, name: str) -> None:
        """Each bad document gives exactly its expected problems, paths and file."""
        path = DATA / "bad" / name
        with pytest.raises(LoadError) as caught:
            io.load(path)
        found = caught.value.problems

        assert [p for p, _ in BAD[name]] == [p.path for p in found]
        for (_, fragment), problem in zip(BAD[name], found, strict=True):
            assert fragment in problem.message
            assert str(path) == problem.file

    def test_three_mistakes_in_one_error(self) -> None:
        """Three mistakes in three places are three problems in one error, in order."""
        with pytest.raises(LoadError) as caught:
            io.load(DATA / "bad" / "three-mistakes.json")

        assert 3 == len(caught.value.problems)
        assert str(caught.value).startswith("3 problems in input\n")

    def test_every_bad_field_of_one_object(self) -> None:
        """An object with a structural and a model mistake reports both."""
        data = io.to_dict(small())
        data["agreements"][0].update(kind="treatyy", parties=["USA", "U S"], title=" ")
        with pytest.raises(LoadError) as caught:
            io.from_dict(data)

        assert [
            "$.agreements[0].title",
            "$.agreements[0].kind",
            "$.agreements[0].parties[1]",
        ] == [p.path for p in caught.value.problems]

    def test_problems_in_document_order(self) -> None:
        """Problems come in the order the document is written, header before lists."""
        found = problems_of(document(title=1, parties=[{"id": "USA"}]))

        assert ["$.title", "$.parties[0].name"] == [p.path for p in found]

    def test_json_error_gives_line_and_column(self) -> None:
        """A syntax error names the line and column where it is."""
        (problem,) = problems_of('{\n  "format": "armscontrol/1",\n  "title": }')

        assert "at line 3, column 12" in problem.message

    def test_not_json_constants(self) -> None:
        """NaN is Python's, not JSON's: refused."""
        (problem,) = problems_of('{"format": "armscontrol/1", "title": NaN}')

        assert "NaN is not a JSON number" in problem.message

    def test_source_names_the_input(self) -> None:
        """The source given to loads is each problem's file."""
        with pytest.raises(LoadError) as caught:
            io.loads("[]", source="leap.json")

        assert "leap.json" == caught.value.problems[0].file

    def test_no_partial_record(self) -> None:
        """One bad transition among good objects loads nothing."""
        data = io.to_dict(small())
        data["transitions"].append({"subject": "leap-day-2012", "to": "x", "date": "soon"})

        with pytest.raises(LoadError):
            io.from_dict(data)

    def test_is_an_armscontrol_error(self) -> None:
        """LoadError is caught as the library's root error."""
        with pytest.raises(ArmsControlError):
            io.loads("")

    @settings(max_examples=300, deadline=None)
    @given(st.text() | st.binary())
    def test_any_text_gives_a_record_or_a_load_error(self, text: str | bytes) -> None:
        """Arbitrary input never escapes as another exception."""
        assert loads_or_fails(lambda: io.loads(text))

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.integers(0, 10_000), min_size=1, max_size=5))
    def test_deleted_characters(self, positions: list[int]) -> None:
        """A valid document with characters cut out loads or fails with a LoadError."""
        text = LEAP_DAY.read_text(encoding="utf-8")
        for position in positions:
            cut = position % len(text)
            text = text[:cut] + text[cut + 1 :]
        assert loads_or_fails(lambda: io.loads(text))

    @settings(max_examples=200, deadline=None)
    @given(st.randoms(use_true_random=False))
    def test_swapped_values(self, rng: random.Random) -> None:
        """Two values of a valid document swapped load or fail with a LoadError."""
        data = json.loads(LEAP_DAY.read_text(encoding="utf-8"))
        slots = list(_slots(data))
        (a, ka), (b, kb) = rng.sample(slots, 2)
        a[ka], b[kb] = b[kb], a[ka]
        assert loads_or_fails(lambda: io.from_dict(data))


def _slots(value: Any) -> Any:
    """Every (container, key) of a parsed document, below the top level's format."""
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, item in items:
        if key != "format":
            yield value, key
        if isinstance(item, dict | list):
            yield from _slots(item)


class TestStrictness:
    """No silent coercion between JSON types."""

    def test_string_for_ids(self) -> None:
        """'US' is not a list of ids."""
        (problem,) = problems_of(document(parties=[{"id": "US", "name": "x", "sources": "US"}]))

        assert ("$.parties[0].sources", "expected an array, got string 'US'") == (
            problem.path,
            problem.message,
        )

    def test_number_and_boolean_for_string(self) -> None:
        """1 and true are not strings."""
        found = problems_of(document(title=1, description=True))

        assert [
            ("$.title", "expected a string, got number 1"),
            ("$.description", "expected a string, got true"),
        ] == [(p.path, p.message) for p in found]

    def test_number_for_date_and_enum(self) -> None:
        """A number is neither a date nor an enumeration value."""
        data = io.to_dict(small())
        data["transitions"][0]["date"] = 2012
        data["agreements"][0]["kind"] = 0
        with pytest.raises(LoadError) as caught:
            io.from_dict(data)

        assert ["$.agreements[0].kind", "$.transitions[0].date"] == [
            p.path for p in caught.value.problems
        ]

    def test_object_for_object_list_item(self) -> None:
        """A string where an object belongs is refused with the class named."""
        (problem,) = problems_of(document(parties=["USA"]))

        assert ("$.parties[0]", "expected an object (Party), got string 'USA'") == (
            problem.path,
            problem.message,
        )

    def test_odd_key_path(self) -> None:
        """A key that is not an identifier is quoted in the path."""
        (problem,) = problems_of(document(**{"two words": 1}))

        assert '$["two words"]' == problem.path


class TestLimits:
    """Input size and nesting depth are bounded, with clear errors."""

    def test_size_limit(self) -> None:
        """Text larger than max_bytes is refused before parsing."""
        text = io.dumps(small())
        with pytest.raises(LoadError) as caught:
            io.loads(text, max_bytes=100)

        assert f"input of {len(text)} bytes is larger than the limit of 100 bytes" == (
            caught.value.problems[0].message
        )

    def test_file_size_limit(self, tmp_path: Path) -> None:
        """A file larger than max_bytes is refused before reading."""
        path = tmp_path / "big.json"
        io.dump(small(), path)
        with pytest.raises(LoadError) as caught:
            io.load(path, max_bytes=10)

        assert "larger than the limit of 10 bytes" in caught.value.problems[0].message

    def test_depth_limit(self) -> None:
        """max_depth sets how deep arrays and objects may nest."""
        text = '{"format": "armscontrol/1", "title": [[["x"]]]}'

        with pytest.raises(LoadError, match="nested deeper than 3 levels"):
            io.loads(text, max_depth=3)
        assert "$.title" == problems_of(text)[0].path

    def test_deeper_than_the_parser(self) -> None:
        """Nesting deep enough to exhaust the JSON parser's recursion is a LoadError too."""
        (problem,) = problems_of("[" * 200_000)

        assert "nested deeper than 64 levels" in problem.message


class TestFolder:
    """A folder of documents loads as one record."""

    def write(self, folder: Path, name: str, record: Record) -> None:
        """Save one document into the folder."""
        io.dump(record, folder / name)

    def test_lists_joined_in_file_order(self, tmp_path: Path) -> None:
        """Files are read in name order and their lists joined; references cross files."""
        whole = small()
        self.write(tmp_path, "b.json", Record(agreements=whole.agreements))
        self.write(tmp_path, "a.json", Record(parties=whole.parties, title="Leap Day"))
        self.write(tmp_path, "c.json", Record(transitions=whole.transitions))
        (tmp_path / "notes.txt").write_text("not JSON", encoding="utf-8")

        assert whole == io.load(tmp_path)

    def test_duplicate_ids_across_files(self, tmp_path: Path) -> None:
        """An id in two files is a problem that names both files."""
        self.write(tmp_path, "a.json", Record(parties=(Party("USA", "United States"),)))
        self.write(tmp_path, "b.json", Record(parties=(Party("USA", "USA again"),)))
        with pytest.raises(LoadError) as caught:
            io.load(tmp_path)
        (problem,) = caught.value.problems

        assert (str(tmp_path / "b.json"), "$.parties[0].id") == (problem.file, problem.path)
        assert f"{tmp_path / 'a.json'}: $.parties[0]" in problem.message

    def test_every_file_problem_names_its_file(self, tmp_path: Path) -> None:
        """Problems in two files are all reported, each with its file."""
        (tmp_path / "a.json").write_text('{"format": "armscontrol/1", "title": 1}')
        (tmp_path / "b.json").write_text('{"format": "armscontrol/0"}')
        with pytest.raises(LoadError) as caught:
            io.load(tmp_path)

        assert [
            (str(tmp_path / "a.json"), "$.title"),
            (str(tmp_path / "b.json"), "$.format"),
        ] == [(p.file, p.path) for p in caught.value.problems]

    def test_different_titles(self, tmp_path: Path) -> None:
        """Two files that give different titles are refused; one title is the record's."""
        self.write(tmp_path, "a.json", Record(title="One"))
        self.write(tmp_path, "b.json", Record(title="Two"))
        with pytest.raises(LoadError) as caught:
            io.load(tmp_path)

        assert "$.title" == caught.value.problems[0].path

    def test_folder_without_json(self, tmp_path: Path) -> None:
        """A folder with no .json file is an error naming the folder."""
        (tmp_path / "record.txt").write_text("{}")
        with pytest.raises(LoadError) as caught:
            io.load(tmp_path)

        assert (
            Problem("$", "folder holds no *.json file", str(tmp_path)) == (caught.value.problems[0])
        )

    def test_missing_path(self, tmp_path: Path) -> None:
        """A path that does not exist is a LoadError, not an OSError."""
        path = tmp_path / "missing.json"
        with pytest.raises(LoadError) as caught:
            io.load(path)

        assert Problem("$", "no such file or folder", str(path)) == caught.value.problems[0]


class TestSave:
    """dump writes the canonical text atomically."""

    def test_dump_writes_dumps(self, tmp_path: Path) -> None:
        """The file holds exactly the canonical text, in UTF-8."""
        path = tmp_path / "record.json"
        io.dump(small(), path)

        assert io.dumps(small()).encode("utf-8") == path.read_bytes()

    def test_dump_twice_same_bytes(self, tmp_path: Path) -> None:
        """Saving the same record twice gives the same bytes."""
        first, second = tmp_path / "1.json", tmp_path / "2.json"
        io.dump(small(), first)
        io.dump(io.load(first), second)

        assert first.read_bytes() == second.read_bytes()

    def test_failed_replace_keeps_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If the final move fails, the old bytes stay and no temporary file is left."""
        path = tmp_path / "record.json"
        path.write_bytes(b"old bytes")

        def refuse(*_: object) -> None:
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr(os, "replace", refuse)
        with pytest.raises(SaveError) as caught:
            io.dump(small(), path)

        assert b"old bytes" == path.read_bytes()
        assert ["record.json"] == [p.name for p in tmp_path.iterdir()]
        assert (str(path), "Permission denied") == (caught.value.path, caught.value.reason)

    def test_failed_write_keeps_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If writing fails midway, the old bytes stay and no temporary file is left."""
        path = tmp_path / "record.json"
        path.write_bytes(b"old bytes")

        def disk_full(_: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "fsync", disk_full)
        with pytest.raises(SaveError, match="No space left on device"):
            io.dump(small(), path)

        assert b"old bytes" == path.read_bytes()
        assert ["record.json"] == [p.name for p in tmp_path.iterdir()]

    def test_missing_folder(self, tmp_path: Path) -> None:
        """Saving into a folder that does not exist is a SaveError."""
        with pytest.raises(SaveError):
            io.dump(small(), tmp_path / "nowhere" / "record.json")

    def test_keeps_permissions(self, tmp_path: Path) -> None:
        """Replacing a file keeps its permission bits."""
        path = tmp_path / "record.json"
        path.write_bytes(b"{}")
        path.chmod(0o640)
        io.dump(small(), path)

        assert 0o640 == path.stat().st_mode & 0o777


def leftovers(folder: Path) -> list[str]:
    """The temporary files of saves in a folder."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def other() -> Record:
    """A record other than :func:`small`, to tell the two apart in a file."""
    return attrs.evolve(small(), title="Another title")


class TestSaveThroughLinks:
    """Saving follows symbolic links, and replaces a hard-linked file under its name only."""

    @pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
    def test_symbolic_link_is_followed(self, tmp_path: Path) -> None:
        """The link's target gets the new content; the link stays a link to it."""
        target, link = tmp_path / "target.json", tmp_path / "link.json"
        io.dump(small(), target)
        link.symlink_to(target.name)
        io.dump(other(), link)

        assert (True, Path("target.json")) == (link.is_symlink(), link.readlink())
        assert other() == io.load(target)

    @pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
    def test_chain_of_links_into_another_folder(self, tmp_path: Path) -> None:
        """A chain of links is followed to its end, wherever that is."""
        (tmp_path / "real").mkdir()
        target = tmp_path / "real" / "record.json"
        io.dump(small(), target)
        (tmp_path / "one.json").symlink_to(target)
        (tmp_path / "two.json").symlink_to(tmp_path / "one.json")
        io.dump(other(), tmp_path / "two.json")

        assert other() == io.load(target)
        assert [] == leftovers(tmp_path) + leftovers(tmp_path / "real")

    @pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
    def test_dangling_link_creates_its_target(self, tmp_path: Path) -> None:
        """A link to a file that does not exist yet creates that file."""
        link = tmp_path / "link.json"
        link.symlink_to(tmp_path / "new.json")
        io.dump(small(), link)

        assert link.is_symlink()
        assert small() == io.load(tmp_path / "new.json")

    @pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
    def test_loop_of_links(self, tmp_path: Path) -> None:
        """Links that point at each other are a SaveError; neither is replaced."""
        (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
        (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
        with pytest.raises(SaveError, match="symbolic links"):
            io.dump(small(), tmp_path / "a.json")

        assert (tmp_path / "a.json").is_symlink()
        assert (tmp_path / "b.json").is_symlink()

    @pytest.mark.skipif(not hasattr(os, "link"), reason="no hard links here")
    def test_hard_link_is_replaced_under_this_name(self, tmp_path: Path) -> None:
        """The name saved to gets the new content; another name of the old file keeps it."""
        path, twin = tmp_path / "record.json", tmp_path / "twin.json"
        io.dump(small(), path)
        os.link(path, twin)
        io.dump(other(), path)

        assert (other(), small()) == (io.load(path), io.load(twin))
        assert (1, 1) == (path.stat().st_nlink, twin.stat().st_nlink)


class TestSaveRefusals:
    """What saving will not replace, and what it needs to be told first."""

    def test_read_only_file_is_refused(self, tmp_path: Path) -> None:
        """A file with no write permission is left as it is, and the error says what to do."""
        path = tmp_path / "record.json"
        io.dump(small(), path)
        path.chmod(0o444)
        with pytest.raises(SaveError, match="read-only; make it writable, or save with force"):
            io.dump(other(), path)

        assert small() == io.load(path)

    def test_read_only_file_with_force(self, tmp_path: Path) -> None:
        """force=True replaces a read-only file, which stays read-only."""
        path = tmp_path / "record.json"
        io.dump(small(), path)
        path.chmod(0o444)
        io.dump(other(), path, force=True)

        assert (other(), 0o444) == (io.load(path), path.stat().st_mode & 0o777)

    def test_folder_is_refused(self, tmp_path: Path) -> None:
        """A folder is never replaced by a file."""
        (tmp_path / "record.json").mkdir()
        with pytest.raises(SaveError, match="folder"):
            io.dump(small(), tmp_path / "record.json")

        assert (tmp_path / "record.json").is_dir()

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
    def test_named_pipe_is_refused(self, tmp_path: Path) -> None:
        """A named pipe (or a device) is not a file to replace."""
        pipe = tmp_path / "pipe.json"
        os.mkfifo(pipe)
        with pytest.raises(SaveError, match="not a regular file"):
            io.dump(small(), pipe)

        assert not pipe.is_file()


class TestTemporaryFiles:
    """Temporary names fit any file name, and what a killed save leaves is cleaned up."""

    @pytest.mark.parametrize("length", [241, 242, 250, 255])
    def test_long_names(self, tmp_path: Path, length: int) -> None:
        """A name as long as the system allows can be saved, and saved again."""
        path = tmp_path / ("n" * (length - 5) + ".json")
        io.dump(small(), path)
        io.dump(other(), path)

        assert other() == io.load(path)
        assert [path.name] == [p.name for p in tmp_path.iterdir()]

    def test_long_name_of_many_bytes(self, tmp_path: Path) -> None:
        """A name near the limit in bytes, in a script of several bytes a letter, can be saved."""
        path = tmp_path / ("조" * 83 + ".json")  # 249 + 5 bytes
        io.dump(small(), path)

        assert small() == io.load(path)

    def test_leftover_is_removed_by_the_next_save(self, tmp_path: Path) -> None:
        """The temporary file of a killed save of the same file goes at the next save."""
        path = tmp_path / "record.json"
        leftover = tmp_path / ".record.json.0123abcd.tmp"
        leftover.write_bytes(b'{"half": ')
        unrelated = tmp_path / ".other.json.0123abcd.tmp"
        unrelated.write_bytes(b"not ours")
        io.dump(small(), path)

        assert [unrelated.name] == leftovers(tmp_path)

    @pytest.mark.skipif(sys.platform == "win32", reason="no advisory locks")
    def test_temporary_file_in_use_is_kept(self, tmp_path: Path) -> None:
        """A temporary file that another save holds locked is not taken for a leftover."""
        import fcntl

        path = tmp_path / "record.json"
        busy = tmp_path / ".record.json.0123abcd.tmp"
        with busy.open("wb") as stream:
            fcntl.flock(stream.fileno(), fcntl.LOCK_EX)
            io.dump(small(), path)

            assert [busy.name] == leftovers(tmp_path)

    @pytest.mark.skipif(sys.platform == "win32", reason="needs fork and kill")
    def test_killed_saves(self, tmp_path: Path) -> None:
        """Saves killed at random moments leave the old or the new record, never a mix."""
        path = tmp_path / "record.json"
        io.dump(small(), path)
        writer = (
            "import sys\nfrom armscontrol import io\n"
            "record = io.load(sys.argv[1])\n"
            "a = record; b = __import__('attrs').evolve(record, title='Another title')\n"
            "print('ready', flush=True)\n"
            "while True:\n    io.dump(b, sys.argv[1]); io.dump(a, sys.argv[1])\n"
        )
        rng = random.Random(11)
        for _ in range(8):
            child = subprocess.Popen(
                [sys.executable, "-c", writer, str(path)], stdout=subprocess.PIPE
            )
            assert child.stdout is not None
            child.stdout.readline()
            time.sleep(rng.uniform(0, 0.05))
            child.send_signal(signal.SIGKILL)
            child.wait()
            child.stdout.close()

            assert io.load(path) in (small(), other())
        io.dump(small(), path)

        assert [] == leftovers(tmp_path)

    @pytest.mark.skipif(sys.platform == "win32", reason="no advisory locks")
    def test_concurrent_writers(self, tmp_path: Path) -> None:
        """Two processes saving the same file at once both succeed and remove nothing in use."""
        path = tmp_path / "record.json"
        io.dump(small(), path)
        writer = (
            "import sys\nfrom armscontrol import io\n"
            "record = io.load(sys.argv[1])\n"
            "for _ in range(200):\n    io.dump(record, sys.argv[1])\n"
        )
        children = [
            subprocess.Popen([sys.executable, "-c", writer, str(path)], stderr=subprocess.PIPE)
            for _ in range(2)
        ]
        errors = [child.communicate(timeout=120)[1] for child in children]

        assert [b"", b""] == errors
        assert [0, 0] == [child.returncode for child in children]
        assert small() == io.load(path)
        assert [] == leftovers(tmp_path)


def mutations(data: Any) -> list[Any]:
    """Copies of a document with one value replaced, left out or joined by an unknown key."""
    wrong: list[Any] = [None, 1, 1.5, True, "", " ", "bad id!", "2012-13", "P3M", "treaty"]
    wrong += [[], ["bad id!"], ["x", "x"], [1], {}, [{}], {"id": "x"}]
    found: list[Any] = []

    def walk(value: Any, replace: Callable[[Any], Any]) -> None:
        found.extend(replace(other) for other in wrong if other != value)
        if isinstance(value, dict):
            for key, item in value.items():
                found.append(replace({k: v for k, v in value.items() if k != key}))
                found.append(replace({**value, key + "s": item}))

                def member(new: Any, key: str = key, value: dict[str, Any] = value) -> Any:
                    return replace({**value, key: new})

                walk(item, member)
        elif isinstance(value, list):
            for index, item in enumerate(value):

                def element(new: Any, index: int = index, value: list[Any] = value) -> Any:
                    return replace([*value[:index], new, *value[index + 1 :]])

                walk(item, element)

    walk(data, lambda new: new)
    return found


class TestQuickPath:
    """A valid document is built without the detailed path, with the same result."""

    @pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
    def test_good_files_take_it(self, path: Path) -> None:
        """Every file of the good corpus is read by the quick path, into the same record."""
        data = json.loads(path.read_text(encoding="utf-8"))
        record, problems = io._structure(data, None)

        assert not problems
        assert _converter.quick(data) == record

    def test_refuses_what_the_detailed_path_refuses(self) -> None:
        """With any one value wrong, the quick path builds nothing or the same record."""
        data = io.to_dict(small())
        for changed in mutations(data):
            record, problems = io._structure(changed, None)
            quick = _converter.quick(changed)
            if problems or record is None:
                assert quick is None, changed
            else:
                assert quick == record, changed

    def test_no_valid_document_nests_deeper(self) -> None:
        """A document at the quick path's depth bound loads at that limit and not below it."""
        commitment = Commitment("c", ("PRK",), Deontic.MUST, "x")
        agreement = Agreement("a", "A", AgreementKind.TREATY, ("PRK",), commitments=(commitment,))
        text = io.dumps(Record(parties=(Party("PRK", "North Korea"),), agreements=(agreement,)))

        assert io.loads(text, max_depth=_converter.QUICK_DEPTH).agreements == (agreement,)
        with pytest.raises(LoadError):
            io.loads(text, max_depth=_converter.QUICK_DEPTH - 1)

    def test_repeated_key_takes_the_detailed_path(self) -> None:
        """A key given twice is reported even where the record could be built."""
        text = io.dumps(small()).replace('"title": "Leap Day"', '"title": "x", "title": "Leap Day"')

        assert [p.message for p in problems_of(text)] == [
            "key given more than once; give each key once"
        ]

    def test_from_dict_leaves_enum_members_to_the_detailed_path(self) -> None:
        """Python data holding an enumeration member is refused as before, not built."""
        data = io.to_dict(small())
        data["parties"][0]["kind"] = PartyKind.STATE

        assert _converter.quick(data) is None
        with pytest.raises(LoadError):
            io.from_dict(data)


class TestRender:
    """The canonical text is exactly what the standard library writes with indent=2."""

    @settings(max_examples=300, deadline=None)
    @given(
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
            lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
            max_leaves=25,
        )
    )
    def test_same_as_json_dumps(self, data: Any) -> None:
        """Any JSON data gives the standard library's text, with a final newline."""
        assert _json.render(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"

    def test_keys_that_are_not_strings(self) -> None:
        """Keys the standard library turns into strings come out as it writes them."""
        data = {1: [True, None], None: {}, 2.5: [[], {"a": "é"}]}

        assert _json.render(data) == json.dumps(data, indent=2, ensure_ascii=False) + "\n"


class TestAsOf:
    """A record's ``as_of`` is an optional key after ``description``."""

    def test_round_trip(self) -> None:
        """``as_of`` is written after ``description`` and read back as a date."""
        record = Record(title="T", description="D", as_of=HistoricalDate.parse("2013-07"))
        text = io.dumps(record)
        assert text.index('"description"') < text.index('"as_of": "2013-07"')
        assert record == io.loads(text)

    def test_bad_as_of(self) -> None:
        """An ``as_of`` that is not a date is refused with its path."""
        with pytest.raises(LoadError) as caught:
            io.loads('{"format": "armscontrol/1", "as_of": "July 2013"}')
        assert ["$.as_of"] == [problem.path for problem in caught.value.problems]


DATASETS = sorted((Path(io.__file__).parent.parent / "datasets" / "data").rglob("*.json"))


def _json_data(*, floats: bool) -> st.SearchStrategy[Any]:
    """JSON data as a document's values are: no floats unless asked, any text, any integer."""
    scalars = st.none() | st.booleans() | st.integers() | st.text()
    if floats:
        scalars |= st.floats()
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=25,
    )


class TestCanonicalCodec:
    """orjson reads and writes the canonical text exactly as the standard library does."""

    @pytest.mark.parametrize("path", DATASETS, ids=lambda p: p.name)
    def test_bundled_datasets_are_byte_stable(self, path: Path) -> None:
        """Every bundled dataset file (parts too) is written back byte for byte."""
        text = path.read_bytes()

        assert text == io.dumps(io.loads(text)).encode("utf-8")

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(records())
    def test_dumps_is_the_rendered_text(self, record: Record) -> None:
        """For any record, the orjson text is the one the standard library's rules render."""
        assert _json.render(io.to_dict(record)) == io.dumps(record)

    @settings(max_examples=300, deadline=None)
    @given(_json_data(floats=False))
    def test_encode_is_render(self, data: Any) -> None:
        """Any data a document can hold is encoded as render writes it, or refused alike."""
        try:
            expected = _json.render(data).encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: no text can hold it
            with pytest.raises(UnicodeEncodeError):
                _json.encode(data)
        else:
            assert expected == _json.encode(data)

    @settings(max_examples=300, deadline=None)
    @given(_json_data(floats=True))
    def test_canonical_reading_is_the_standard_reading(self, data: Any) -> None:
        """Rendered data is read by orjson into what the standard library reads, or left to it."""
        text = _json.render(data)
        found = _json._canonical(text)

        assert found is None or found == json.loads(text)

    @settings(max_examples=300, deadline=None)
    @given(st.text() | st.binary())
    def test_canonical_reading_of_any_text(self, text: str | bytes) -> None:
        """Whatever the text, orjson's reading is the standard library's, or none."""
        found = _json._canonical(text)
        if found is not None:
            assert found == json.loads(text)

    def test_repeated_key_in_canonical_layout(self) -> None:
        """A key given twice is found even when every line is laid out canonically."""
        text = io.dumps(small()).replace(
            '  "title": "Leap Day",\n', '  "title": "x",\n  "title": "Leap Day",\n'
        )

        assert [("$.title", "key given more than once; give each key once")] == [
            (p.path, p.message) for p in problems_of(text)
        ]

    @pytest.mark.parametrize(
        ("number", "told"),
        [
            ("18446744073709551616", "got number 18446744073709551616"),
            ("9" * 80, "got a number of 80 characters"),
        ],
    )
    def test_integer_past_64_bits(self, number: str, told: str) -> None:
        """A long integer (orjson reads it as a float) is refused as the integer it is."""
        text = io.dumps(small()).replace('"title": "Leap Day"', f'"title": {number}')

        (problem,) = problems_of(text)
        assert ("$.title", True) == (problem.path, problem.message.endswith(told))

    def test_lone_surrogate_escape(self) -> None:
        """An escaped lone surrogate (orjson refuses it) is refused where it stands."""
        text = io.dumps(small()).replace('"title": "Leap Day"', '"title": "Leap \\ud800 Day"')

        (problem,) = problems_of(text)
        assert ("$.title", True) == (problem.path, "surrogate" in problem.message)

    def test_saving_writes_the_bytes_dumps_gives(self, tmp_path: Path) -> None:
        """Saving writes exactly the UTF-8 of the text dumps gives."""
        target = tmp_path / "leap.json"
        io.dump(small(), target)

        assert io.dumps(small()).encode("utf-8") == target.read_bytes()


class TestCollector:
    """Loading keeps the garbage collector off what it builds, and restores it."""

    def test_on_after_loading(self) -> None:
        """After a load the collector is on again."""
        io.loads(io.dumps(small()))

        assert gc.isenabled()

    def test_on_after_a_failed_load(self) -> None:
        """After a load that fails the collector is on again."""
        with pytest.raises(LoadError):
            io.loads('{"format": "armscontrol/1", "title": 1}')

        assert gc.isenabled()

    def test_off_during_building(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """While the model is built the collector is off (io.loads and from_dict)."""
        seen: list[bool] = []
        quick = _converter.quick

        def watched(data: object) -> Record | None:
            seen.append(gc.isenabled())
            return quick(data)

        monkeypatch.setattr(_converter, "quick", watched)
        io.loads(io.dumps(small()))
        io.from_dict(io.to_dict(small()))

        assert [False, False] == seen
        assert gc.isenabled()

    def test_left_off_when_it_was_off(self) -> None:
        """A program that turned the collector off finds it off after loading."""
        gc.disable()
        try:
            io.loads(io.dumps(small()))
            assert not gc.isenabled()
        finally:
            gc.enable()
