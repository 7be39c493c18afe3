"""The benchmarks: the synthetic records they measure are coherent, and the runner reports.

No timing is asserted here: figures depend on the machine. What is pinned is that
the generated records are what the benchmarks claim to measure (legal, ordered,
sourced, deterministic) and that ``--quick`` runs end to end and ends with one
line of JSON holding every figure.
"""

import itertools
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from armscontrol.dates import OrderCheck, Precision, check_order
from armscontrol.lifecycle import BUILTIN
from armscontrol.model import Record
from armscontrol.validation import validate

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the benchmarks are a folder of the repository, not installed
    sys.path.insert(0, str(ROOT))

from benchmarks import alternatives, formats  # noqa: E402
from benchmarks.generate import generate  # noqa: E402
from benchmarks.run import (  # noqa: E402
    SECTIONS,
    illegal_steps,
    legality_dict,
    legality_lifecycle,
    race,
    settings_from,
)

QUICK_SIZES = (100, 300, 1_000)
QUICK_GROWTH = (100, 1_000, 10_000)
MACHINES = ("automat", "transitions", "python-statemachine")
CODECS = ("armscontrol", "pydantic", "pydantic-native", "msgspec", "msgspec-native")
FIGURES = {
    "h2h_transitions",
    "h2h_validate_tps",
    *(f"h2h_{name}_tps" for name in (*MACHINES, "legality_only", "dict")),
    *(f"h2h_validate_vs_{name}" for name in MACHINES),
    "h2h_legality_only_vs_automat",
    "h2h_illegal",
    "h2h_disagreements",
    *(f"growth_{size}_{who}_tps" for size in QUICK_GROWTH for who in ("validate", "automat")),
    "growth_validate",
    "growth_automat",
    *(f"generate_{size}_s" for size in QUICK_SIZES),
    *(f"transitions_{size}" for size in QUICK_SIZES),
    *(f"validate_{size}_{what}" for size in QUICK_SIZES for what in ("tps", "errors", "warnings")),
    "growth_generated",
    "peak_rss_mb",
    "legality_tps",
    "legality_illegal",
    "legality_dict_tps",
    "query_first_ms",
    "query_median_us",
    "query_p90_us",
    "memory_record_b_per_tr",
    "memory_validate_b_per_tr",
    "io_document_mb",
    *(f"io_{name}_{way}_aps" for name in CODECS for way in ("load", "dump")),
    "io_same_text",
    *(f"io_{way}_vs_{name}" for name in CODECS[1:] for way in ("load", "dump")),
    "import_ms",
    "import_wall_ms",
    "cli_validate_s",
}
TARGETS = {
    "h2h_validate_vs_automat",
    "growth_validate",
    "growth_generated",
    "io_load_vs_pydantic",
    "io_dump_vs_pydantic",
    "import_ms",
    "cli_validate_s",
}
"""The figures judged against the targets of the performance work."""


def _subject_kinds(record: Record) -> dict[str, Any]:
    kinds: dict[str, Any] = {}
    for agreement in record.agreements:
        kinds[agreement.id] = record.subject_kind(agreement.id)
        for commitment in agreement.commitments:
            kinds[commitment.id] = record.subject_kind(commitment.id)
        for party in agreement.parties:
            kinds[f"{agreement.id}/{party}"] = record.subject_kind(f"{agreement.id}/{party}")
    for violation in record.violations:
        kinds[violation.id] = record.subject_kind(violation.id)
    return kinds


def _histories(record: Record) -> dict[str, list[Any]]:
    grouped: dict[str, list[Any]] = {}
    for transition in record.transitions:
        grouped.setdefault(transition.subject, []).append(transition)
    return grouped


@pytest.fixture(scope="module")
def record() -> Record:
    """A mid-sized generated record, shared by the tests that only read it."""
    return generate(400, seed=7)


class TestGenerator:
    """generate() builds the records the benchmarks claim to measure."""

    def test_same_seed_same_record(self) -> None:
        """Two records generated with one seed are equal."""
        assert generate(30, seed=11) == generate(30, seed=11)

    def test_other_seed_other_record(self) -> None:
        """Another seed gives another record."""
        assert generate(30, seed=11) != generate(30, seed=12)

    def test_agreement_count(self) -> None:
        """The record holds exactly the agreements asked for."""
        assert 57 == len(generate(57, seed=1).agreements)

    def test_about_ten_transitions_per_agreement(self, record: Record) -> None:
        """Histories average between 8 and 15 transitions per agreement."""
        per_agreement = len(record.transitions) / len(record.agreements)
        assert 8 <= per_agreement <= 15

    def test_two_to_five_reciprocal_commitments(self, record: Record) -> None:
        """Every agreement has 2-5 commitments, each given in exchange for another of them."""
        for agreement in record.agreements:
            ids = {c.id for c in agreement.commitments}
            assert 2 <= len(ids) <= 5
            for commitment in agreement.commitments:
                assert commitment.in_exchange_for
                assert set(commitment.in_exchange_for) <= ids - {commitment.id}

    def test_ids_unique(self, record: Record) -> None:
        """No id is used twice across the record, whatever its kind."""
        ids = [
            *(p.id for p in record.parties),
            *(s.id for s in record.sources),
            *(a.id for a in record.agreements),
            *(c.id for a in record.agreements for c in a.commitments),
            *(e.id for e in record.events),
            *(v.id for v in record.violations),
        ]
        assert [] == [item for item, count in Counter(ids).items() if count > 1]

    def test_every_fact_cites_a_known_source(self, record: Record) -> None:
        """Agreements, commitments, events, violations and transitions all cite known sources."""
        known = {source.id for source in record.sources}
        facts: list[Any] = [
            *record.agreements,
            *(c for a in record.agreements for c in a.commitments),
            *record.events,
            *record.violations,
            *record.transitions,
        ]
        assert [] == [fact for fact in facts if not fact.sources or not set(fact.sources) <= known]

    def test_histories_legal_under_builtin_lifecycles(self, record: Record) -> None:
        """Every subject's history walks its built-in lifecycle without an illegal step."""
        kinds = _subject_kinds(record)
        for subject, steps in _histories(record).items():
            BUILTIN[kinds[subject]].walk(step.to for step in steps)

    def test_histories_never_definitely_out_of_order(self, record: Record) -> None:
        """No transition is definitely dated before the one listed ahead of it."""
        for steps in _histories(record).values():
            for first, then in itertools.pairwise(steps):
                assert OrderCheck.WRONG != check_order(first.date, then.date)

    def test_a_share_of_dates_is_fuzzy(self, record: Record) -> None:
        """Between a fifth and a half of transition dates are coarser or fuzzier than a day."""
        fuzzy = [
            t
            for t in record.transitions
            if t.date.precision is not Precision.DAY or not t.date.exact
        ]
        share = len(fuzzy) / len(record.transitions)
        assert 0.2 <= share <= 0.5

    def test_some_month_year_and_interval_dates(self, record: Record) -> None:
        """Month, year, qualified and interval dates all occur."""
        dates = [t.date for t in record.transitions]
        assert any(d.precision is Precision.MONTH for d in dates)
        assert any(d.precision is Precision.YEAR for d in dates)
        assert any(d.approximate or d.uncertain for d in dates)
        assert any(d.is_interval for d in dates)

    def test_some_disputes(self, record: Record) -> None:
        """Some transitions hold only according to one party."""
        assert any(t.asserted_by for t in record.transitions)

    def test_validator_finds_no_errors(self, record: Record) -> None:
        """The validator reports no error on a generated record (warnings are realistic)."""
        assert [] == list(validate(record).errors)

    @settings(max_examples=25, deadline=None)
    @given(seed=st.integers(min_value=0, max_value=2**32 - 1), size=st.integers(1, 6))
    def test_any_seed_gives_a_coherent_record(self, seed: int, size: int) -> None:
        """For any seed, the histories are legal and the validator finds no error."""
        generated = generate(size, seed)
        assert [] == legality_lifecycle(generated)
        assert [] == list(validate(generated).errors)


class TestLegalityReplays:
    """The benchmark's replays find the same illegal steps as the library does."""

    def test_illegal_step_found_by_both_replays(self, record: Record) -> None:
        """A repeated state in one history is the one illegal step both replays report."""
        first = record.transitions[0]
        broken = Record(
            parties=record.parties,
            sources=record.sources,
            agreements=record.agreements,
            events=record.events,
            violations=record.violations,
            transitions=(first, first, *record.transitions[1:]),
        )
        expected = [(1, first.subject, first.to, first.to)]
        assert expected == legality_lifecycle(broken)
        assert expected == legality_dict(broken)

    @pytest.mark.parametrize("name", list(alternatives.REPLAYS))
    def test_reference_replays_agree(self, name: str) -> None:
        """Every library's replay of the reference histories finds the dict's illegal steps."""
        _needs(_MODULES.get(name))
        batch = alternatives.histories(300, seed=3)
        expected = alternatives.replay_dict(batch)
        assert expected  # the reference histories do hold illegal steps
        assert expected == alternatives.REPLAYS[name](batch)


class TestSameHistories:
    """The validator and the replays are given the same histories and find the same steps."""

    def test_record_holds_the_histories(self) -> None:
        """Each agreement's transitions are its history's steps, in order."""
        batch = alternatives.histories(200, seed=3)
        record = alternatives.record(batch, seed=3)
        starts = alternatives.offsets(batch)
        assert len(batch) == len(record.agreements)
        for number, history in enumerate(batch):
            steps = record.transitions[starts[number] : starts[number] + len(history)]
            assert [f"h{number}"] * len(history) == [t.subject for t in steps]
            assert list(history) == [t.to for t in steps]

    def test_validator_finds_the_replays_steps(self) -> None:
        """The AC2xx findings of validate() are exactly the dict replay's illegal steps."""
        batch = alternatives.histories(500, seed=4)
        report = validate(alternatives.record(batch, seed=4))
        expected = sorted((h, s) for h, s, _, _ in alternatives.replay_dict(batch))
        assert expected  # the histories do hold illegal steps
        assert expected == illegal_steps(report, alternatives.offsets(batch))

    def test_nothing_else_is_found(self) -> None:
        """Apart from the illegal steps, the record is clean: no other finding of any rule."""
        batch = alternatives.histories(500, seed=4)
        report = validate(alternatives.record(batch, seed=4))
        assert set() == {d.code for d in report if not d.code.startswith("AC2")}


class TestFormats:
    """pydantic and msgspec read armscontrol's documents and write its canonical text."""

    @pytest.mark.parametrize("name", list(formats.CODECS))
    def test_dump_is_the_canonical_text(self, name: str) -> None:
        """Loading a document and dumping it gives io.dumps's text, less its final newline."""
        from armscontrol import io

        _needs(name.removesuffix("-native"))
        text = io.dumps(generate(40, seed=9))
        load, dump = formats.CODECS[name]()
        assert text == dump(load(text.encode())).decode() + "\n"

    @pytest.mark.parametrize("name", ["pydantic", "msgspec"])
    def test_dates_parsed_by_armscontrol(self, name: str) -> None:
        """Without -native, a bad calendar date is refused by armscontrol's own parser."""
        from armscontrol import io

        _needs(name)
        text = io.dumps(generate(3, seed=9))
        day = generate(3, seed=9).transitions[0].date.text
        bad = text.replace(f'"date": "{day}"', '"date": "2013-02-30"', 1)
        assert bad != text
        load, _ = formats.CODECS[name]()
        with pytest.raises(Exception, match="2013-02-30"):
            load(bad.encode())


class TestRace:
    """race() runs every contestant the same number of times, taking turns."""

    def test_turns_and_results(self) -> None:
        """Each contestant runs once per round, the order rotates, the last result is kept."""
        calls: list[str] = []

        def contestant(name: str) -> Any:
            def run() -> int:
                calls.append(name)
                return len(calls)

            return run

        timings = race({name: contestant(name) for name in "abc"}, 3)
        assert ["a", "b", "c", "b", "c", "a", "c", "a", "b"] == calls
        assert {"a": 8, "b": 9, "c": 7} == {name: result for name, (_, result) in timings.items()}
        assert all(seconds >= 0 for seconds, _ in timings.values())

    def test_results_dropped(self) -> None:
        """With keep=False no result outlives its own timing."""
        alive: list[int] = []

        def contestant() -> list[int]:
            alive.append(len(alive))
            return alive

        timings = race({"a": contestant, "b": contestant}, 2, keep=False)
        assert {"a": None, "b": None} == {name: result for name, (_, result) in timings.items()}
        assert 4 == len(alive)


class TestSections:
    """``--only`` picks the sections a run measures; without it, every one."""

    def test_every_section_by_default(self) -> None:
        """No --only: every section, in the run's order."""
        assert frozenset(SECTIONS) == settings_from(["--quick"]).only

    def test_some_sections(self) -> None:
        """Repeated --only: those sections alone."""
        only = settings_from(["--quick", "--only", "h2h", "--only", "startup"]).only
        assert frozenset({"h2h", "startup"}) == only

    def test_unknown_section_refused(self) -> None:
        """A section that does not exist is an error of the command line."""
        with pytest.raises(SystemExit):
            settings_from(["--only", "validation"])


_MODULES = {
    "automat": "automat",
    "transitions": "transitions",
    "python-statemachine": "statemachine",
    "pydantic": "pydantic",
    "msgspec": "msgspec",
}
"""The module each peer library installs as (the `bench` extra)."""


def _needs(module: str | None) -> None:
    """Skip, naming the extra, when a peer library of the benchmarks is not installed."""
    if module is not None:
        pytest.importorskip(module, reason=f"{module} comes with the 'bench' extra")


@pytest.fixture(scope="module")
def quick_run() -> subprocess.CompletedProcess[str]:
    """One run of ``benchmarks/run.py --quick``."""
    for module in _MODULES.values():
        _needs(module)
    return subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=600,
    )


@pytest.mark.benchmark
class TestQuickRun:
    """``run.py --quick`` runs end to end and ends with one line of JSON.

    The slowest tests of the suite (about 20 s); ``pytest -m "not benchmark"``
    leaves them out, and CI runs them.
    """

    def test_exits_cleanly(self, quick_run: subprocess.CompletedProcess[str]) -> None:
        """The run exits with status 0 and writes nothing to stderr."""
        assert (0, "") == (quick_run.returncode, quick_run.stderr)

    def test_last_line_holds_every_figure(
        self, quick_run: subprocess.CompletedProcess[str]
    ) -> None:
        """The last line is JSON whose figures are exactly the documented set."""
        document = json.loads(quick_run.stdout.splitlines()[-1])
        assert FIGURES == set(document["figures"])

    def test_figures_are_numbers(self, quick_run: subprocess.CompletedProcess[str]) -> None:
        """Every figure was measured: a number, not a skip, with everything installed."""
        figures = json.loads(quick_run.stdout.splitlines()[-1])["figures"]
        assert {} == {k: v for k, v in figures.items() if not isinstance(v, int | float)}

    def test_environment_recorded(self, quick_run: subprocess.CompletedProcess[str]) -> None:
        """The JSON names Python, the cores, the collector and every library's version."""
        environment = json.loads(quick_run.stdout.splitlines()[-1])["environment"]
        assert {"python", "cpu_count", "versions", "load_average_start", "gc"} <= set(environment)
        assert set(environment["versions"]) >= {"armscontrol", "pydantic", "msgspec", "automat"}

    def test_targets_judged(self, quick_run: subprocess.CompletedProcess[str]) -> None:
        """Each target has a verdict, and the verdicts are also printed in the table."""
        lines = quick_run.stdout.splitlines()
        targets = json.loads(lines[-1])["targets"]
        assert TARGETS == set(targets)
        assert all(isinstance(t["met"], bool) for t in targets.values())
        table = "\n".join(lines[:-1])
        assert sum(1 for t in targets.values() if t["met"]) == table.count(" pass")
        assert sum(1 for t in targets.values() if not t["met"]) == table.count(" MISS")

    def test_no_reference_figures(self, quick_run: subprocess.CompletedProcess[str]) -> None:
        """Only figures measured in this run are printed: no earlier figures beside them."""
        document = json.loads(quick_run.stdout.splitlines()[-1])
        assert {"environment", "figures", "targets", "notes"} == set(document)
        assert "ref " not in quick_run.stdout

    def test_everyone_did_the_same_work(self, quick_run: subprocess.CompletedProcess[str]) -> None:
        """Everyone did the same work: the same illegal steps, the same canonical text.

        The generated records hold no errors, every contestant found the same
        illegal steps, and every peer codec wrote armscontrol's canonical text.
        """
        figures = json.loads(quick_run.stdout.splitlines()[-1])["figures"]
        counted = {
            key: figures[key]
            for key in figures
            if key.endswith("_errors") or key in ("legality_illegal", "h2h_disagreements")
        }
        assert dict.fromkeys(counted, 0) == counted
        assert figures["h2h_illegal"] > 0
        assert len(CODECS) - 1 == figures["io_same_text"]
