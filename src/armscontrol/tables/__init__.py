"""Tables for analysts: status panels and long tables, as CSV and DataFrames.

* :func:`panel`: one row per subject per year, month or day, with the subject's
  status at the period's end, whether the dates settle it, whether parties
  dispute it and each party's view, and whether it changed within the period;
* :func:`transitions`, :func:`events`, :func:`violations`, :func:`commitments`:
  one row per fact, with every field, dates as recorded and as earliest and
  latest days, and sources as ids and as citations.

Every table writes itself as CSV with the standard library (:meth:`Table.to_csv`)
and converts to a pandas or polars DataFrame (:meth:`Table.to_pandas`,
:meth:`Table.to_polars`; extras ``armscontrol[pandas]`` and
``armscontrol[polars]``). pandas and polars are imported only by those methods.

Built on the public queries (:mod:`armscontrol.query`): a panel's row is what
:func:`armscontrol.query.status` answers for that subject and period.

Example:
    >>> from armscontrol import datasets, tables
    >>> record = datasets.load("korea")
    >>> years = tables.panel(record, every="year", subjects=["npt/PRK"])
    >>> row = next(r for r in years if r["period"] == "1994")
    >>> row["state"], row["changed"]
    ('withdrawal_suspended', False)
"""

from armscontrol.tables._columns import Cell, Column, ColumnKind
from armscontrol.tables._frames import LibraryUnavailable
from armscontrol.tables._long import (
    COMMITMENT_COLUMNS,
    EVENT_COLUMNS,
    IDS,
    TEXTS,
    TRANSITION_COLUMNS,
    VIOLATION_COLUMNS,
    citation,
    commitments,
    events,
    transitions,
    violations,
)
from armscontrol.tables._panel import (
    EVERY,
    PANEL_COLUMNS,
    STATES,
    VIEWS,
    Every,
    Panel,
    PeriodError,
    panel,
)
from armscontrol.tables._table import Table

__all__ = [
    "COMMITMENT_COLUMNS",
    "EVENT_COLUMNS",
    "EVERY",
    "IDS",
    "PANEL_COLUMNS",
    "STATES",
    "TEXTS",
    "TRANSITION_COLUMNS",
    "VIEWS",
    "VIOLATION_COLUMNS",
    "Cell",
    "Column",
    "ColumnKind",
    "Every",
    "LibraryUnavailable",
    "Panel",
    "PeriodError",
    "Table",
    "citation",
    "commitments",
    "events",
    "panel",
    "transitions",
    "violations",
]
