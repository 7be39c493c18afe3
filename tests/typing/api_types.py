"""The public API's types, pinned with assert_type.

Checked by mypy --strict and pyright in strict mode; never run. A change to
an inferred type of the public API fails the type checks.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any, assert_type

import pandas
import polars

import armscontrol
from armscontrol import datasets, io, lifecycle, query, tables
from armscontrol.dates import (
    HistoricalDate,
    Order,
    OrderCheck,
    Period,
    Precision,
    as_date,
    check_order,
    compare,
)
from armscontrol.exceptions import LoadError, Problem, TransitionNotAllowed
from armscontrol.lifecycle import Lifecycle
from armscontrol.model import (
    Acknowledgement,
    Agreement,
    AgreementKind,
    Commitment,
    Deontic,
    Item,
    Record,
    SubjectKind,
    Transition,
)
from armscontrol.validation import (
    CustomRule,
    Diagnostic,
    Finding,
    Report,
    Severity,
    custom_rule,
    registered_rules,
    selected,
    validate,
)


def dates() -> None:
    """Dates parse to HistoricalDate; comparisons are three-valued enums."""
    day = HistoricalDate.parse("2012-02-29")
    assert_type(day, HistoricalDate)
    assert_type(as_date(dt.date(2012, 2, 29)), HistoricalDate)
    assert_type(as_date("2012-04"), HistoricalDate)
    assert_type(compare(day, day), Order)
    assert_type(check_order(day, day), OrderCheck)
    assert_type(day.precision, Precision)
    assert_type(day.lower, int)
    assert_type(day.start, HistoricalDate | None)
    assert_type(day.shift(Period.parse("P3M")), HistoricalDate)
    assert_type(day.contains("2012-02"), bool)


def model(record: Record) -> None:
    """Model objects are typed; lookups return the Item union."""
    agreement = Agreement("a", "A", AgreementKind.TREATY, ("USA",))
    assert_type(agreement.parties, tuple[str, ...])
    assert_type(agreement.commitments, tuple[Commitment, ...])
    assert_type(Commitment("c", ("USA",), Deontic.MUST, "x").deontic, Deontic)
    assert_type(record.get("a"), Item)
    assert_type(record.subject_kind("a"), SubjectKind)
    assert_type(record.ids(), Iterator[str])
    assert_type(record.transitions_of("a"), tuple[Transition, ...])


def queries(record: Record) -> None:
    """Queries return their answer types; the Record shortcuts match."""
    answer = record.status("a", on="2012-03-01", according_to="USA")
    assert_type(answer, query.Status)
    assert_type(answer.state, str | None)
    assert_type(answer.possible, frozenset[str])
    assert_type(answer.views, Mapping[str, frozenset[str]])
    assert_type(record.history("a"), query.History)
    assert_type(query.status(record, "a", dt.date(2012, 3, 1)), query.Status)
    assert_type(query.in_effect(record, "2012"), tuple[query.Status, ...])
    assert_type(query.change_points(record, "a"), tuple[int, ...])
    course = query.course(record, "a", according_to="USA")
    assert_type(course, query.Course)
    assert_type(course.points, tuple[int, ...])
    assert_type(course.statuses(["2012", dt.date(2013, 1, 1)], at="end"), tuple[query.Status, ...])


def lifecycles() -> None:
    """Lifecycles answer with sets and states."""
    ceasefire = Lifecycle.build("c", initial="a", terminal=["b"], steps={"a": ["b"]})
    assert_type(ceasefire.successors(None), frozenset[str])
    assert_type(ceasefire.allowed("a", "b"), bool)
    assert_type(ceasefire.walk(["a", "b"]), str | None)
    assert_type(ceasefire.to_mermaid(), str)
    assert_type(lifecycle.BUILTIN[SubjectKind.AGREEMENT], Lifecycle)
    try:
        ceasefire.step("b", "a")
    except TransitionNotAllowed as error:
        assert_type(error.allowed, tuple[str, ...])


def validation(record: Record) -> None:
    """The validator returns a Report of Diagnostics."""
    report = validate(record, lifecycles={SubjectKind.AGREEMENT: lifecycle.AGREEMENT})
    assert_type(report, Report)
    assert_type(report.ok, bool)
    assert_type(report.diagnostics, tuple[Diagnostic, ...])
    first = report.diagnostics[0]
    assert_type(first.severity, Severity)
    assert_type(first.subject, str | None)
    assert_type(first.path, str)
    assert_type(armscontrol.validate(record), Report)


def configured_validation(record: Record) -> None:
    """Selection, severities, acknowledgements and custom rules keep the Report's types."""

    @custom_rule("HR101", "warning", "a house rule")
    def house(record: Record, index: object) -> Iterator[Finding]:
        """Everything is fine."""
        del record, index
        yield Finding("$.sources[0].locator", "no locator", subject="src")

    assert_type(house, CustomRule)
    assert_type(house.severity, Severity)
    report = validate(
        record,
        select=["AC3", "HR"],
        ignore=("AC504",),
        severities={"AC506": "error", "HR1": Severity.INFO},
        rules=[house, *registered_rules()],
    )
    assert_type(report.acknowledged, tuple[Diagnostic, ...])
    ack = report.acknowledged[0].acknowledgement
    assert_type(ack, Acknowledgement | None)
    if ack is not None:
        assert_type(ack.reason, str)
        assert_type(ack.sources, tuple[str, ...])
    assert_type(selected(["AC5"], ["AC504"], rules=[house]), tuple[str, ...])
    assert_type(record.acknowledgements, tuple[Acknowledgement, ...])


def serialisation(record: Record) -> None:
    """The JSON format loads Records and dumps text; errors carry Problems."""
    assert_type(io.loads("{}"), Record)
    assert_type(io.dumps(record), str)
    assert_type(io.load("record.json"), Record)
    assert_type(io.schema(), dict[str, Any])
    assert_type(datasets.load("korea"), Record)
    assert_type(datasets.names(), tuple[str, ...])
    try:
        io.loads("[]")
    except LoadError as error:
        assert_type(error.problems, tuple[Problem, ...])


def tabulation(record: Record) -> None:
    """Panels and long tables are Tables of typed cells, convertible to DataFrames."""
    panel = tables.panel(record, every="month", start="2012", subjects=SubjectKind.AGREEMENT)
    assert_type(panel, tables.Panel)
    assert_type(panel.every, tables.Every)
    assert_type(panel.periods, tuple[str, ...])
    assert_type(panel.according_to, str | None)
    assert_type(panel.columns, tuple[tables.Column, ...])
    assert_type(next(iter(panel)), dict[str, tables.Cell])
    assert_type(next(panel.rows()), tuple[tables.Cell, ...])
    assert_type(tables.transitions(record), tables.Table)
    assert_type(tables.commitments(record).names, tuple[str, ...])
    assert_type(panel.to_pandas(), pandas.DataFrame)
    assert_type(panel.to_polars(), polars.DataFrame)
    assert_type(panel.to_csv("panel.csv"), None)
