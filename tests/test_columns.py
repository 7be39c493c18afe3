"""The record's transitions as columns, and the validator's use of them.

The columns must say what the transitions say, and what the validator leaves
out after asking the columns must be what it would have found nothing in.
"""

from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import given, settings

from armscontrol.dates import HistoricalDate
from armscontrol.index import KINDS, columns_of, index_of, span
from armscontrol.model import (
    Agreement,
    AgreementKind,
    Commitment,
    Deontic,
    Party,
    Record,
    SubjectKind,
    Transition,
)
from armscontrol.validation._context import Context
from armscontrol.validation._history import _flagged, _History
from armscontrol.validation._law import continued_starts
from armscontrol.validation._steps import Steps, _suspects
from strategies import records

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the benchmarks are a folder of the repository, not installed
    sys.path.insert(0, str(ROOT))
from benchmarks import alternatives  # noqa: E402
from benchmarks.generate import generate  # noqa: E402

GENERATED = [generate(40, seed) for seed in range(3)]
HISTORIES = alternatives.record(alternatives.histories(300, 3), 3)


def _agree(record: Record) -> None:
    columns = columns_of(record)
    index = index_of(record)
    transitions = record.transitions
    assert len(transitions) == len(columns.subject) == len(columns.rows)
    for i, tr in enumerate(transitions):
        assert tr.subject == columns.subject_names[columns.subject[i]]
        assert tr.to == columns.state_names[columns.to[i]]
        assert (tr.date.lower, tr.date.upper) == (columns.date_lower[i], columns.date_upper[i])
        assert span(tr) == (columns.lower[i], columns.upper[i])
        assert bool(tr.alternative_dates) == columns.claimed[i]
    assert len(transitions) == columns.offsets[-1]
    for code, name in enumerate(columns.subject_names):
        assert code == columns.subject_codes[name]
        rows = columns.rows[columns.offsets[code] : columns.offsets[code + 1]].tolist()
        assert [i for i, tr in enumerate(transitions) if tr.subject == name] == rows
        kind = index.kinds.get(name)
        assert (-1 if kind is None else KINDS.index(kind)) == columns.kind[code]
    for code, name in enumerate(columns.state_names):
        assert code == columns.state_codes[name]
    assert columns is columns_of(record)  # built once, kept with the record


def _silent_where_not_flagged(record: Record) -> None:
    """Walking a history the columns pass over, or checking a step they pass over, finds nothing."""
    ctx = Context(record, None)
    index = ctx.index
    columns = columns_of(record)
    steps = Steps(ctx)
    picked = set(_suspects(ctx))
    for i, tr in enumerate(record.transitions):
        if i not in picked:
            steps.check(i, tr, index.kinds.get(tr.subject))
    assert [] == ctx.findings
    starts = continued_starts(ctx)
    flagged = _flagged(ctx, columns, starts)
    for code, subject in enumerate(columns.subject_names):
        kind = index.kinds.get(subject)
        if code in flagged or kind is None or subject in index.asserted:
            continue
        history = _History(ctx, subject, kind, ctx.lifecycles[kind], steps)
        history.start = starts.get(subject)
        history.walk(index.by_subject[subject], None)
    assert [] == ctx.findings


def _first_starts_walked(record: Record) -> list[tuple[str, str, str | None, str]]:
    """AC303 and AC304 as a walk of the transitions in record order finds them."""
    ctx = Context(record, None)
    index, steps = ctx.index, Steps(ctx)
    done: set[str] = set()
    for i, tr in enumerate(record.transitions):
        kind = index.kinds.get(tr.subject)
        if tr.subject in done:
            continue
        if kind is SubjectKind.COMMITMENT and tr.to == "active":
            steps.before_start(i, tr, "AC303", index.commitments[tr.subject][3].id)
        elif kind is SubjectKind.PARTICIPATION and tr.to in {"consented", "party"}:
            steps.before_start(i, tr, "AC304", index.participations[tr.subject].id)
        else:
            continue
        done.add(tr.subject)
    return [finding[:4] for finding in ctx.findings]


def _first_starts(record: Record) -> list[tuple[str, str, str | None, str]]:
    ctx = Context(record, None)
    Steps(ctx).first_starts()
    return [finding[:4] for finding in ctx.findings]


class TestColumns:
    """Each column holds, for each transition, what the transition says."""

    @settings(max_examples=150)
    @given(records(max_items=6, dangling=True))
    def test_columns_agree_with_the_transitions(self, record: Record) -> None:
        """Any record, dangling references and repeated ids included."""
        _agree(record)

    def test_generated_records(self) -> None:
        """Realistic generated records and the six-step histories."""
        for record in [*GENERATED, HISTORIES]:
            _agree(record)

    def test_no_transitions(self) -> None:
        """A record without transitions has empty columns and one offset."""
        columns = columns_of(Record())
        assert (0, [0]) == (len(columns.rows), columns.offsets.tolist())


class TestWhatTheValidatorPassesOver:
    """The validator walks only what the columns flag; the rest would have given nothing."""

    @settings(max_examples=150)
    @given(records(max_items=6, dangling=True))
    def test_careless_records(self, record: Record) -> None:
        """Records with repeated ids and references to nothing."""
        _silent_where_not_flagged(record)

    @settings(max_examples=100)
    @given(records(max_items=6))
    def test_resolved_records(self, record: Record) -> None:
        """Records whose every reference resolves."""
        _silent_where_not_flagged(record)

    def test_generated_records(self) -> None:
        """Realistic generated records (with findings) and the six-step histories."""
        for record in [*GENERATED, HISTORIES]:
            _silent_where_not_flagged(record)

    @settings(max_examples=150)
    @given(records(max_items=6, dangling=True))
    def test_first_starts_as_a_walk_finds_them(self, record: Record) -> None:
        """AC303 and AC304 from the columns are those a walk in record order finds."""
        assert _first_starts_walked(record) == _first_starts(record)

    def test_first_starts_before_the_agreement(self) -> None:
        """A commitment active and a party joined before their agreement began."""
        record = Record(
            parties=(Party(id="AAA", name="A"), Party(id="BBB", name="B")),
            agreements=(
                Agreement(
                    id="deal",
                    title="Deal",
                    kind=AgreementKind.TREATY,
                    parties=("AAA", "BBB"),
                    commitments=(
                        Commitment(
                            id="c1",
                            obligors=("AAA",),
                            deontic=Deontic.MUST,
                            what="Do",
                            beneficiaries=("BBB",),
                        ),
                    ),
                ),
            ),
            transitions=(
                Transition(subject="c1", to="active", date=HistoricalDate.parse("1990-01-01")),
                Transition(subject="deal/AAA", to="consented", date=HistoricalDate.parse("1990")),
                Transition(subject="deal", to="concluded", date=HistoricalDate.parse("1995-03")),
            ),
        )
        found = _first_starts(record)
        assert ["AC303", "AC304"] == [code for code, *_ in found]
        assert found == _first_starts_walked(record)

    def test_the_histories_flag_their_illegal_steps(self) -> None:
        """On the six-step histories, exactly the histories with an illegal step."""
        ctx = Context(HISTORIES, None)
        flagged = _flagged(ctx, columns_of(HISTORIES), {})
        # Each history with a repeated state is one agreement; nothing else is flagged.
        assert len(alternatives.replay_dict(alternatives.histories(300, 3))) == len(flagged)
