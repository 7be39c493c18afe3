"""Tables as pandas and polars DataFrames: typed columns, runs expanded inside the library.

Imported on first use, so that ``import armscontrol.tables`` never loads pandas
or polars. Each column is built once per run (or per period, for the leading
columns) in its final type, then repeated to one value per row by the
library itself: a panel of millions of rows never passes through Python
objects row by row.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from armscontrol.exceptions import ArmsControlError
from armscontrol.tables._columns import Cell, Column, ColumnKind, Layout

if TYPE_CHECKING:
    import pandas
    import polars


class LibraryUnavailable(ArmsControlError, ImportError):  # noqa: N818 - reads as the condition
    """A conversion needs a library that is not installed.

    Attributes:
        package: The library needed (``pandas``, ``polars``).
        extra: The armscontrol extra that installs it.
        purpose: What needed it.
    """

    def __init__(self, package: str, extra: str, purpose: str) -> None:
        self.package = package
        self.extra = extra
        self.purpose = purpose
        super().__init__(
            f"{purpose} needs {package}: install armscontrol[{extra}] "
            f"(pip install 'armscontrol[{extra}]')"
        )


def _library(name: str, purpose: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        raise LibraryUnavailable(package=name, extra=name, purpose=purpose) from None


# -- pandas -------------------------------------------------------------------------


def pandas_frame(columns: Sequence[Column], layout: Layout) -> pandas.DataFrame:
    """The table as a pandas DataFrame (see :meth:`Table.to_pandas`)."""
    pd = _library("pandas", "Table.to_pandas()")
    import numpy as np  # noqa: PLC0415 - installed with pandas

    leading = len(layout.periods)
    data: dict[str, Any] = {}
    if leading:
        starts = np.asarray(layout.starts, dtype=np.int64)
        lengths = np.asarray(layout.stops, dtype=np.int64) - starts
        run_of_row = np.repeat(np.arange(layout.count), lengths)
        # Each row's period: its run's start plus its place within the run.
        first_row = np.cumsum(lengths) - lengths
        period_of_row = np.arange(int(lengths.sum())) - first_row[run_of_row] + starts[run_of_row]
        for column, cells in zip(columns, layout.periods, strict=False):
            data[column.name] = _pandas_series(pd, np, column, cells).take(period_of_row)
        for column, cells in zip(columns[leading:], layout.runs, strict=True):
            data[column.name] = _pandas_series(pd, np, column, cells).take(run_of_row)
    else:
        for column, cells in zip(columns, layout.runs, strict=True):
            data[column.name] = _pandas_series(pd, np, column, cells)
    frame: pandas.DataFrame = pd.DataFrame(
        {name: series.reset_index(drop=True) for name, series in data.items()}
    )
    if frame.empty:
        return frame.reindex(columns=[column.name for column in columns])
    return frame


def _pandas_series(pd: Any, np: Any, column: Column, cells: list[Cell]) -> Any:
    kind = column.kind
    if kind is ColumnKind.TEXT:
        return pd.Series(cells, dtype="string", name=column.name)
    if kind is ColumnKind.CATEGORY:
        return pd.Series(pd.Categorical(cells), name=column.name)
    if kind is ColumnKind.DATE:
        days = np.array(cells, dtype="datetime64[D]").astype("datetime64[s]")
        return pd.Series(days, name=column.name)
    if kind is ColumnKind.BOOLEAN:
        return pd.Series(cells, dtype="boolean" if column.nullable else bool, name=column.name)
    return pd.Series(cells, dtype="Int64" if column.nullable else "int64", name=column.name)


# -- polars ---------------------------------------------------------------------------


def polars_frame(columns: Sequence[Column], layout: Layout) -> polars.DataFrame:
    """The table as a polars DataFrame (see :meth:`Table.to_polars`)."""
    pl = _library("polars", "Table.to_polars()")
    leading = len(layout.periods)
    runs = pl.DataFrame(
        [
            _polars_series(pl, column, cells)
            for column, cells in zip(columns[leading:], layout.runs, strict=True)
        ]
    )
    if not leading:
        table: polars.DataFrame = runs
        return table
    spans = pl.DataFrame(
        {"start": layout.starts, "stop": layout.stops}, schema={"start": pl.Int64, "stop": pl.Int64}
    )
    expanded = (
        pl.concat([spans, runs], how="horizontal")
        .with_columns(pl.int_ranges("start", "stop").alias("_period"))
        .explode("_period")
    )
    period_of_row = expanded.get_column("_period")
    leading_columns = [
        _polars_series(pl, column, cells).gather(period_of_row)
        for column, cells in zip(columns, layout.periods, strict=False)
    ]
    frame: polars.DataFrame = expanded.with_columns(leading_columns).select(
        [column.name for column in columns]
    )
    return frame


def _polars_series(pl: Any, column: Column, cells: list[Cell]) -> Any:
    types = {
        ColumnKind.TEXT: pl.String,
        ColumnKind.CATEGORY: pl.Categorical,
        ColumnKind.DATE: pl.Date,
        ColumnKind.BOOLEAN: pl.Boolean,
        ColumnKind.INTEGER: pl.Int64,
    }
    return pl.Series(column.name, cells, dtype=types[column.kind])
