"""Bad input is bounded and refused with the library's own errors; no path is quadratic.

Each class pins one promise of the format and the command line: work grows
linearly with the input, reading stops at the size limit whatever is read, every
failure is a typed error with a message (never Python's own), text is valid
Unicode everywhere, and the model accepts exactly what a document can hold.
Saving is pinned in ``test_io.py`` and the fuzzing in ``test_fuzz.py``.
"""

from __future__ import annotations

import difflib
import functools
import gc
import io as stdio
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from armscontrol import io
from armscontrol.cli import _commands as cmd
from armscontrol.cli import main
from armscontrol.dates import HistoricalDate, Period
from armscontrol.exceptions import (
    DateError,
    LoadError,
    ModelError,
    SaveError,
    UnknownSubjectError,
)
from armscontrol.model import (
    Agreement,
    AgreementKind,
    Commitment,
    DateClaim,
    Deontic,
    Event,
    EventKind,
    Party,
    PartyKind,
    Process,
    Record,
    Source,
    Transition,
    Violation,
)
from armscontrol.validation import validate
from strategies import dates, ids, tags

GOOD = Path(__file__).parent / "data" / "good" / "leap-day.json"
EVERY_FIELD = GOOD.with_name("every-field.json")
APRIL = HistoricalDate.parse("2012-04")


# -- measuring growth -------------------------------------------------------------------


def _seconds(run: Callable[[], object]) -> float:
    gc.collect()
    gc.disable()  # collections of a larger heap would bill the input's size twice
    try:
        start = time.perf_counter()
        run()
        return time.perf_counter() - start
    finally:
        gc.enable()


def growth(make: Callable[[int], Callable[[], object]], n: int) -> float:
    """How many times more each item costs with ``8 n`` items than with ``n`` (1: linear).

    Timed with the collector off, the best of three small runs against one large
    run; a figure near the limit is measured again (up to three times), so that
    a busy machine cannot make linear work look quadratic. Quadratic work gives
    about 8, far from the limit of 2 that the tests use.
    """
    small, large = make(n), make(8 * n)
    best = float("inf")
    for _ in range(3):
        per_item_small = min(_seconds(small) for _ in range(3)) / n
        per_item_large = _seconds(large) / (8 * n)
        best = min(best, per_item_large / per_item_small)
        if best < 2 or best > 4:
            break
    return best


def refusing(run: Callable[[], object]) -> Callable[[], object]:
    """``run``, with the LoadError it is expected to raise caught."""

    def call() -> object:
        with pytest.raises(LoadError):
            run()
        return None

    return call


def dangling_document(n: int) -> str:
    """``n`` parties and ``n`` events, each event naming an actor the record does not hold."""
    parties = [{"id": f"P{i:06d}", "name": f"Party {i}"} for i in range(n)]
    events = [
        {
            "id": f"e{i}",
            "kind": "launch",
            "date": "2012-04",
            "summary": "x",
            "actors": [f"Q{i:06d}"],
        }
        for i in range(n)
    ]
    return json.dumps({"format": io.FORMAT, "parties": parties, "events": events})


def dangling_record(n: int) -> Record:
    """The record of :func:`dangling_document`, built in code."""
    return Record(
        parties=tuple(Party(f"P{i:06d}", f"Party {i}") for i in range(n)),
        events=tuple(
            Event(f"e{i}", EventKind.LAUNCH, APRIL, "x", actors=(f"Q{i:06d}",)) for i in range(n)
        ),
    )


def repeating_document(n: int, *, every: bool) -> str:
    """An agreement listing ``n`` parties, one of them twice or every one twice."""
    names = [f"P{i:06d}" for i in range(n)]
    given = names + (names if every else names[:1])
    agreement = {"id": "deal", "title": "Deal", "kind": "treaty", "parties": given}
    parties = [{"id": name, "name": "x"} for name in names]
    return json.dumps({"format": io.FORMAT, "parties": parties, "agreements": [agreement]})


def many_views(n: int) -> Record:
    """One agreement with ``n`` parties, each asserting its own entry into effect."""
    parties = tuple(Party(f"P{i:06d}", "x") for i in range(n))
    deal = Agreement("deal", "Deal", AgreementKind.TREATY, tuple(p.id for p in parties))
    concluded = Transition("deal", "concluded", HistoricalDate.parse("2012-01"))
    views = tuple(Transition("deal", "in_effect", APRIL, asserted_by=(p.id,)) for p in parties)
    return Record(parties=parties, agreements=(deal,), transitions=(concluded, *views))


class TestNoQuadraticPath:
    """Work on user data grows linearly (or as n·log n) with its size."""

    def test_suggestions_when_loading(self) -> None:
        """Refusing a document with n unknown references costs the same per reference at 8n."""

        def make(n: int) -> Callable[[], object]:
            text = dangling_document(n)
            return refusing(lambda: io.loads(text))

        assert growth(make, 250) < 2

    def test_suggestions_when_validating(self) -> None:
        """Validating a record built in code with n unknown references grows linearly."""

        def make(n: int) -> Callable[[], object]:
            record = dangling_record(n)
            return lambda: validate(attrs.evolve(record))  # a fresh record keeps no index

        assert growth(make, 250) < 2

    @pytest.mark.parametrize("n", [100, 800])
    def test_each_suggestion_compares_few_ids(
        self, n: int, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Each unknown reference is compared with a bounded number of ids, however many."""
        compared = 0

        class Counting(difflib.SequenceMatcher[str]):
            def set_seq1(self, a: str) -> None:
                nonlocal compared
                compared += 1
                super().set_seq1(a)

        monkeypatch.setattr(difflib, "SequenceMatcher", Counting)
        with pytest.raises(LoadError) as caught:
            io.loads(dangling_document(n))

        assert n == len(caught.value.problems)
        assert compared <= n * 64  # 16 ids each side of it, sorted forwards and backwards

    @pytest.mark.parametrize("every", [False, True], ids=["one-repeat", "all-repeated"])
    def test_repeated_ids_located_in_one_pass(self, every: bool) -> None:
        """Finding the ids a list repeats grows linearly, whether one repeats or all do."""

        def make(n: int) -> Callable[[], object]:
            text = repeating_document(n, every=every)
            return refusing(lambda: io.loads(text))

        assert growth(make, 1000) < 2

    def test_one_subject_with_many_views(self) -> None:
        """Validating one subject with n one-party views grows linearly."""

        def make(n: int) -> Callable[[], object]:
            record = many_views(n)
            return lambda: validate(attrs.evolve(record))  # a fresh record keeps no index

        assert growth(make, 1000) < 2


class TestLookalikes:
    """The "did you mean" index finds the usual mistakes in pools of any size."""

    POOL = tuple(f"ev-{year}-{i:04d}-launch" for year in range(2000, 2020) for i in range(500))
    """Ten thousand ids that share their start and their end."""

    @pytest.mark.parametrize(
        ("mistake", "meant"),
        [
            ("ev-2012-0042-launh", "ev-2012-0042-launch"),  # a letter left out at the end
            ("ev-2012-0042-lanuch", "ev-2012-0042-launch"),  # two letters swapped
            ("e-2012-0042-launch", "ev-2012-0042-launch"),  # a letter left out at the start
            ("ev-2012-00042-launch", "ev-2012-0042-launch"),  # a digit too many, in the middle
            ("EV-2012-0042-LAUNCH", "ev-2012-0042-launch"),  # the wrong case
            ("ev-2012-0042launch", "ev-2012-0042-launch"),  # a dash left out, in the middle
        ],
    )
    def test_usual_mistakes(self, mistake: str, meant: str) -> None:
        """A mistyped id is answered with the id it was meant to be."""
        from armscontrol.model._lookalikes import Lookalikes

        assert meant in Lookalikes(self.POOL)(mistake)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(ids(), min_size=1, max_size=32, unique=True), st.text(max_size=20))
    def test_small_pools_answer_as_a_full_search(self, pool: list[str], text: str) -> None:
        """Up to 2 × REACH ids, the answer is what comparing with every id gives."""
        from armscontrol.model._lookalikes import Lookalikes, closest

        assert closest(text.casefold(), pool, 3) == Lookalikes(pool)(text)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.text(max_size=12), max_size=20), st.text(max_size=12))
    def test_closest_is_get_close_matches_casefolded(self, pool: list[str], text: str) -> None:
        """The measure is difflib's, with case ignored."""
        from armscontrol.model._lookalikes import closest

        folded = [item.casefold() for item in pool]
        expected = difflib.get_close_matches(text.casefold(), folded, n=3, cutoff=0.6)

        assert expected == [item.casefold() for item in closest(text.casefold(), pool, 3)]

    def test_record_suggestions(self) -> None:
        """Record.get suggests from the same index, kept with the record."""
        record = dangling_record(3000)
        with pytest.raises(UnknownSubjectError) as caught:
            record.get("P001234x")

        assert "P001234" == caught.value.suggestions[0]


# -- reading --------------------------------------------------------------------------


class Endless(stdio.RawIOBase):
    """A binary stream that never ends, counting what was read from it."""

    def __init__(self) -> None:
        self.given = 0

    def readable(self) -> bool:
        """It can be read."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Fill the buffer with spaces, for ever."""
        size = len(buffer)
        buffer[:size] = b" " * size
        self.given += size
        return size


def _bounded_run(code: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run Python code in a child with 1 GiB of memory at most, so a runaway read fails fast."""
    limit = (
        "import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        if sys.platform.startswith("linux")
        else ""
    )
    return subprocess.run(
        [sys.executable, "-c", limit + code],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


class TestBoundedReading:
    """At most max_bytes + 1 bytes are read from any input, and nothing waits for ever."""

    def test_endless_stream(self) -> None:
        """A stream that never ends is read one byte past the limit, then refused."""
        stream = Endless()
        with pytest.raises(LoadError, match="larger than the limit of 10000 bytes"):
            io.load(stdio.BufferedReader(stream), max_bytes=10_000)

        assert stream.given <= 10_001 + stdio.DEFAULT_BUFFER_SIZE

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
    def test_device(self) -> None:
        """A character device that never ends (/dev/zero) is refused at the limit."""
        done = _bounded_run(
            "from armscontrol import io\nfrom armscontrol.exceptions import LoadError\n"
            "try:\n    io.load('/dev/zero', max_bytes=1 << 20)\n"
            "except LoadError as e:\n    print(e.problems[0].message)\n"
        )

        assert "input larger than the limit of 1048576 bytes\n" == done.stdout, done.stderr

    @pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
    def test_device_on_the_command_line(self) -> None:
        """`armscontrol validate /dev/zero` says the input is too large, with no traceback."""
        done = _bounded_run(
            "import sys; from armscontrol.cli import main\n"
            "sys.exit(main(['validate', '/dev/zero']))"
        )

        assert 2 == done.returncode
        assert "larger than the limit" in done.stderr
        assert "Traceback" not in done.stderr

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
    def test_named_pipe_without_a_writer(self, tmp_path: Path) -> None:
        """A named pipe that no one writes to is read as empty at once, not waited on."""
        pipe = tmp_path / "pipe.json"
        os.mkfifo(pipe)
        done = _bounded_run(
            "from armscontrol import io\nfrom armscontrol.exceptions import LoadError\n"
            f"try:\n    io.load({str(pipe)!r})\n"
            "except LoadError as e:\n    print(e.problems[0].message)\n",
            timeout=30,
        )

        assert done.stdout.startswith("empty input"), done.stderr

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
    def test_named_pipe_with_a_writer(self, tmp_path: Path) -> None:
        """A named pipe with a writer is read to its end like a file."""
        pipe = tmp_path / "pipe.json"
        os.mkfifo(pipe)
        writer = threading.Thread(target=lambda: pipe.write_bytes(GOOD.read_bytes()))
        writer.start()
        try:
            time.sleep(0.05)  # let the writer open the pipe first
            record = io.load(pipe)
        finally:
            writer.join(timeout=30)

        assert io.load(GOOD) == record

    def test_text_stream(self) -> None:
        """A stream of text instead of bytes is refused with what to do instead."""
        with pytest.raises(LoadError, match="binary mode"):
            io.load(stdio.StringIO(GOOD.read_text(encoding="utf-8")))  # type: ignore[arg-type]

    def test_standard_input(self) -> None:
        """`armscontrol validate -` reads the record from standard input."""
        done = subprocess.run(
            [sys.executable, "-m", "armscontrol", "validate", "-", "--format", "json"],
            input=GOOD.read_bytes(),
            capture_output=True,
            timeout=60,
            check=False,
        )
        report = json.loads(done.stdout)

        assert [] == report["problems"]
        assert {"<stdin>"} >= {d["file"] for d in report["diagnostics"]}
        assert done.returncode in (0, 1), done.stderr


# -- typed errors -----------------------------------------------------------------------


def _problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(LoadError) as caught:
        io.loads(text)
    return [(p.path, p.message) for p in caught.value.problems]


def _with(**changes: Any) -> dict[str, Any]:
    data = json.loads(GOOD.read_text(encoding="utf-8"))
    data.update(changes)
    return data


LONG = "7" * 5000


class TestTypedErrors:
    """Every failure is the library's own error, with a message a user can act on."""

    def test_long_integer(self) -> None:
        """An integer of 5,000 digits is refused with a path, not Python's own advice."""
        ((path, message),) = _problems(f'{{"format": "{io.FORMAT}", "title": {LONG}}}')

        assert ("$.title", "expected a string, got a number of 5000 characters") == (path, message)

    def test_long_integer_in_a_period(self) -> None:
        """A period with a 5,000-digit number is refused as a period, without advice."""
        text = EVERY_FIELD.read_text(encoding="utf-8").replace('"P3M"', f'"P{LONG}M"')
        ((path, message),) = _problems(text)

        assert "$.agreements[0].withdrawal_notice" == path
        assert "each number at most 6 digits" in message
        assert "sys." not in message

    def test_huge_integer_from_python(self) -> None:
        """from_dict with a Python integer too long to print describes it instead."""
        with pytest.raises(LoadError, match=r"got a number of about 5000 digits"):
            io.from_dict(_with(title=10**4999))

    def test_key_that_is_not_a_string(self) -> None:
        """from_dict with a key that is not a string names it; no TypeError escapes."""
        with pytest.raises(LoadError, match=r"a key must be a string, got number 1"):
            io.from_dict(_with(parties=[{"id": "USA", "name": "US", 1: "x"}]))

    def test_enumeration_member_as_a_value(self) -> None:
        """from_dict with an enumeration member says to give its value."""
        parties = [{"id": "USA", "name": "US", "kind": PartyKind.STATE}]
        with pytest.raises(LoadError) as caught:
            io.from_dict(_with(parties=parties))
        message = caught.value.problems[0].message

        assert "got PartyKind.STATE, an enumeration member (give its value, 'state')" in message

    @pytest.mark.parametrize(
        ("path", "expected"),
        [
            ("", "no file or folder given"),
            ("a\0b.json", "cannot hold a NUL character"),
            ("\ud800.json", "not a name this system can use"),
        ],
    )
    def test_load_bad_names(self, path: str, expected: str) -> None:
        """A path that cannot name a file is a LoadError; the empty path is not the folder."""
        with pytest.raises(LoadError, match=expected):
            io.load(path)

    @pytest.mark.parametrize("name", ["", ".", "/", "a\0b.json", "folder/", "\ud800.json"])
    def test_dump_bad_names(
        self, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A path that cannot name a file to save is a SaveError, and nothing is written."""
        monkeypatch.chdir(tmp_path)
        before = sorted(tmp_path.iterdir())
        with pytest.raises(SaveError):
            io.dump(io.load(GOOD), name)

        assert before == sorted(tmp_path.iterdir())

    def test_command_line_internal_error(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A fault inside a command is reported in one line, with no traceback."""

        def broken(*_: object) -> int:
            msg = "something inside broke"
            raise RuntimeError(msg)

        monkeypatch.setattr(cmd, "cmd_rules", broken)
        status = main(["rules"])
        err = capsys.readouterr().err

        assert 2 == status
        assert err.startswith("armscontrol: internal error: RuntimeError: something inside broke")
        assert "Traceback" not in err
        with pytest.raises(RuntimeError):
            main(["rules", "--debug"])

    def test_command_line_interrupted(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Ctrl-C ends a command with status 130 and one line, not a traceback."""

        def interrupted(*_: object) -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr(cmd, "cmd_rules", interrupted)

        assert 130 == main(["rules"])
        assert "armscontrol: interrupted\n" == capsys.readouterr().err


# -- text -----------------------------------------------------------------------------


class TestText:
    """Text is valid Unicode: a lone surrogate is refused at load and when a model is built."""

    @pytest.mark.parametrize(
        ("escape", "path"),
        [
            ('"title": "\\ud800 deal"', "$.title"),
            ('"title": "a\\udfffb"', "$.title"),
            ('"title": "\\ude00\\ud83d"', "$.title"),  # a pair in the wrong order
        ],
    )
    def test_refused_at_load(self, escape: str, path: str) -> None:
        """A lone surrogate escape is refused with the path of the text that holds it."""
        ((where, message),) = _problems(f'{{"format": "{io.FORMAT}", {escape}}}')

        assert path == where
        assert "surrogate" in message

    def test_refused_deep_in_a_document(self) -> None:
        """The path leads to the text inside a list inside an object."""
        data = _with()
        data["agreements"][0]["commitments"][0]["conditions"] = ["fine", "bad \ud800"]
        text = json.dumps(data)  # escapes the surrogate: "\ud800"
        ((where, _),) = _problems(text)

        assert "$.agreements[0].commitments[0].conditions[1]" == where

    def test_refused_in_text_given_as_str(self) -> None:
        """A str holding a raw lone surrogate is refused like the escape."""
        assert _problems(f'{{"format": "{io.FORMAT}", "title": "x\ud800"}}')

    def test_pairs_are_characters(self) -> None:
        """An escaped surrogate pair is one character, kept and saved as it is."""
        record = io.loads(f'{{"format": "{io.FORMAT}", "title": "rocket \\ud83d\\ude80"}}')

        assert "rocket 🚀" == record.title
        assert record == io.loads(io.dumps(record).encode("utf-8"))

    @pytest.mark.parametrize(
        "build",
        [
            lambda: Source("s", "\ud800"),
            lambda: Party("USA", "United\udc00States"),
            lambda: Commitment("c", ("USA",), Deontic.MUST, "x", conditions=("ok", "\ud800")),
            lambda: Record(title="\ud800"),
        ],
    )
    def test_refused_by_the_model(self, build: Callable[[], object]) -> None:
        """Building a model object with a lone surrogate raises ModelError."""
        with pytest.raises(ModelError, match="surrogate"):
            build()

    def test_key_with_a_surrogate_is_printable(self) -> None:
        """A problem about a key that holds a lone surrogate shows it escaped."""
        ((where, _),) = _problems(f'{{"format": "{io.FORMAT}", "ti\\ud800tle": "x"}}')

        assert '$["ti\\ud800tle"]' == where
        where.encode("utf-8")

    @pytest.mark.parametrize("output", ["text", "json", "sarif"])
    def test_command_line_output_never_fails(self, output: str, tmp_path: Path) -> None:
        """Findings print even where the output cannot encode their text (a Korean file name)."""
        path = tmp_path / "조약.json"
        path.write_bytes(
            (Path(__file__).parent / "golden" / "records" / "broken-deal.json").read_bytes()
        )
        env = {**os.environ, "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}
        done = subprocess.run(
            [sys.executable, "-m", "armscontrol", "validate", str(path), "--format", output],
            capture_output=True,
            env=env,
            timeout=60,
            check=False,
        )

        assert b"Traceback" not in done.stderr
        assert 1 == done.returncode, done.stderr
        assert b"\\uc870\\uc57d.json" in done.stdout

    def test_command_line_bad_key_never_fails(self, tmp_path: Path) -> None:
        """A problem quoting a key with a lone surrogate prints, with no traceback."""
        path = tmp_path / "record.json"
        path.write_text(f'{{"format": "{io.FORMAT}", "t\\ud800": "x"}}', encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "armscontrol", "validate", str(path)],
            capture_output=True,
            timeout=60,
            check=False,
        )

        assert 2 == done.returncode
        assert b"Traceback" not in done.stderr
        assert b'$["t\\ud800"]: unknown key' in done.stderr


# -- the model holds what the format holds ---------------------------------------------------


class TestModelAcceptsWhatTheFormatHolds:
    """A value the model accepts saves and loads back; a value it refuses cannot be loaded."""

    @pytest.mark.parametrize(
        "parts",
        [{"months": -3}, {"years": 1_000_000}, {"days": -1}, {"months": 1.5}],
        ids=str,
    )
    def test_periods_the_format_cannot_hold(self, parts: dict[str, Any]) -> None:
        """A negative, fractional or too long period cannot be built into an agreement."""
        with pytest.raises((DateError, ModelError)):
            Agreement("a", "A", AgreementKind.TREATY, (), withdrawal_notice=Period(**parts))

    def test_period_too_long_to_write(self) -> None:
        """A period that the date layer allows but the format cannot write is refused."""
        with pytest.raises(ModelError, match="a period of whole numbers from 0 to 999999"):
            Agreement("a", "A", AgreementKind.TREATY, (), duration=Period(days=10**6))

    def test_longest_period(self) -> None:
        """A period of six-digit numbers is held, saved and loaded back."""
        period = Period(999_999, 999_999, 999_999)
        record = Record(
            agreements=(Agreement("a", "A", AgreementKind.TREATY, (), duration=period),)
        )

        assert record == io.loads(io.dumps(record))

    @pytest.mark.parametrize("subject", ["npt/", "/PRK", "npt/PRK/x", "npt//PRK", "npt/ PRK"])
    def test_subjects_the_format_cannot_hold(self, subject: str) -> None:
        """A subject is an id or AGREEMENT/PARTY, nothing else."""
        with pytest.raises(ModelError):
            Transition(subject, "in_effect", APRIL)

    @settings(max_examples=300, deadline=None)
    @given(st.data())
    def test_schema_and_model_agree_on_strings(self, data: st.DataObject) -> None:
        """Every string field: the model accepts a string exactly when the JSON Schema does."""
        schema = io.schema()
        fields = string_fields()
        name = data.draw(st.sampled_from(sorted(fields)))
        cls, field = fields[name]
        text = data.draw(
            st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
            | st.sampled_from(["npt/PRK", "npt/", "USA", "in_effect", " ", "\x1c", "\xa0x"])
        )
        # Python's re lets $ match before a final newline; JSON Schema's regexes do not.
        assume(not text.endswith("\n"))
        attribute = attrs.fields_dict(cls)[field]
        many = "tuple" in str(attribute.type)
        value = (text,) if many else text
        try:
            attribute.validator(object.__new__(cls), attribute, value)  # type: ignore[misc]
        except ModelError:
            model = False
        else:
            model = True
        property_schema = {
            **schema["$defs"][cls.__name__]["properties"][field],
            "$defs": schema["$defs"],
        }
        checker = jsonschema.Draft202012Validator(property_schema)
        valid = checker.is_valid(list(value) if many else value)

        assert model == valid, (name, text)

    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(st.data())
    def test_what_the_model_accepts_loads_back(self, data: st.DataObject) -> None:
        """A record built in code from any values the model accepts saves and loads back equal."""
        record = data.draw(built_records())

        assert record == io.loads(io.dumps(record).encode("utf-8"))


@functools.cache
def string_fields() -> dict[str, tuple[type, str]]:
    """Every field of the model that holds a string or a tuple of strings."""
    classes = (Party, Source, Process, Agreement, Commitment, Event, DateClaim, Violation)
    found: dict[str, tuple[type, str]] = {}
    for cls in (*classes, Transition):
        attrs.resolve_types(cls)
        for field in attrs.fields(cls):
            if field.type in (str, str | None, tuple[str, ...]):
                found[f"{cls.__name__}.{field.name}"] = (cls, field.name)
    return found


_ANY_TEXT = st.text(st.characters(), max_size=8) | st.sampled_from(
    [" ", "\u3000", "\x1c\x1d", "\ufeff", "\u200b", "x\ud800", "\udfff", "\x00", "a\nb", "é"]
)
_ANY_ID = ids() | st.text("Aa0._-/ é", min_size=0, max_size=6)
_ANY_TAG = tags() | st.text("az_09A-", max_size=6)
_ANY_NUMBER = st.integers(0, 30) | st.integers(-(10**7), 10**7) | st.sampled_from([999_999, 10**6])


def _accepted(build: Callable[[], Any]) -> Any:
    """What ``build`` gives, or None when the model (or a period) refuses its values."""
    try:
        return build()
    except (ModelError, DateError):
        return None


@st.composite
def built_records(draw: st.DrawFn) -> Record:
    """Records built through the constructors from broad values, the model the only judge.

    Values come from strategies far wider than the format (any text, any
    integer); what the model refuses is drawn again, and what it accepts must
    then be a document's.
    """

    def some(build: Callable[[], Any]) -> Any:
        for _ in range(5):
            built = _accepted(build)
            if built is not None:
                return built
        assume(False)
        return None

    def maybe(strategy: st.SearchStrategy[Any]) -> Any:
        return draw(st.none() | strategy)

    party = some(lambda: Party("p-0", draw(_ANY_TEXT), draw(st.sampled_from(PartyKind))))
    source = some(
        lambda: Source(
            "s-0",
            draw(_ANY_TEXT),
            publisher=maybe(_ANY_TEXT),
            quote=maybe(_ANY_TEXT),
            date=maybe(dates()),
        )
    )
    periods = st.builds(Period, _ANY_NUMBER, _ANY_NUMBER, _ANY_NUMBER)
    commitment = some(
        lambda: Commitment(
            "c-0",
            ("p-0",),
            draw(st.sampled_from(Deontic)),
            draw(_ANY_TEXT),
            topics=tuple(draw(st.lists(_ANY_TAG, max_size=2, unique=True))),
            conditions=tuple(draw(st.lists(_ANY_TEXT, max_size=2))),
        )
    )
    # The subject is any text the model takes; its agreement and party are then made to
    # exist, which must be possible: a subject's parts are ids.
    subject = some(lambda: Transition(draw(_ANY_ID), draw(_ANY_TAG), draw(dates()))).subject
    agreement_id, _, party_id = subject.partition("/")
    assume(
        agreement_id not in {"p-0", "s-0", "c-0", "e-0"}
        and party_id not in {"s-0", "c-0", "e-0", agreement_id}
    )
    members = ("p-0",) if party_id in ("", "p-0") else ("p-0", party_id)
    agreement = some(
        lambda: Agreement(
            agreement_id,
            draw(_ANY_TEXT),
            draw(st.sampled_from(AgreementKind)),
            members,
            commitments=(commitment,),
            withdrawal_notice=maybe(periods),
            duration=maybe(periods),
            summary=maybe(_ANY_TEXT),
            sources=("s-0",),
        )
    )
    others = () if party_id in ("", "p-0") else (Party(party_id, "another party"),)
    event = some(
        lambda: Event(
            "e-0",
            draw(st.sampled_from(EventKind)),
            draw(dates()),
            draw(_ANY_TEXT),
            location=maybe(_ANY_TEXT),
            alternative_dates=(DateClaim(draw(dates()), note=maybe(_ANY_TEXT)),),
        )
    )
    transition = some(
        lambda: Transition(subject, draw(_ANY_TAG), draw(dates()), note=maybe(_ANY_TEXT))
    )
    return Record(
        parties=(party, *others),
        sources=(source,),
        agreements=(agreement,),
        events=(event,),
        transitions=(transition,),
        title=draw(
            st.none() | _ANY_TEXT.filter(lambda t: _accepted(lambda: Record(title=t)) is not None)
        ),
    )
