"""A table: typed columns, rows stored as runs, written as CSV or handed to a DataFrame library.

A panel repeats most of a subject's cells from one period to the next, so a
table keeps *runs*: the cells that stay the same over a stretch of periods once,
with the stretch's first and last period. A long table is the case where every
run is one row. Rows are made when asked for; the DataFrame conversions expand
runs column by column inside pandas or polars.
"""

from __future__ import annotations

import csv
import datetime as dt
import enum
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO, TypeAlias

import attrs

from armscontrol.exceptions import ArmsControlError

if TYPE_CHECKING:
    import pandas
    import polars

Cell: TypeAlias = str | int | bool | dt.date | None
"""What a cell holds: text, a whole number, a boolean, a calendar day, or nothing."""


class ColumnKind(enum.StrEnum):
    """What a column holds, and so its type in CSV, pandas and polars."""

    TEXT = "text"
    """Free text or ids; several values in one cell are joined (see the column)."""
    CATEGORY = "category"
    """One of a few names (a state, a kind); categorical in pandas and polars."""
    DATE = "date"
    """A calendar day; ISO ``YYYY-MM-DD`` in CSV, a date type in pandas and polars."""
    BOOLEAN = "boolean"
    """True or false (``true``/``false`` in CSV); empty where undetermined."""
    INTEGER = "integer"
    """A whole number."""


@attrs.frozen
class Column:
    """One column of a table: its name, what it holds, and what it means.

    Attributes:
        name: The column's name, as in the CSV header and the DataFrame.
        kind: What it holds.
        description: What a cell means, for the column dictionary.
        nullable: Whether a cell may be empty (``None``).
    """

    name: str
    kind: ColumnKind
    description: str
    nullable: bool = False


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


@attrs.frozen(eq=False)
class Layout:
    """How a table's cells are stored: per run, and per period for the leading columns.

    Attributes:
        runs: For each column after the leading ones, its cell in each run.
        starts: For each run, the index of its first period; empty when every
            run is one row and there are no period columns.
        stops: For each run, one past the index of its last period.
        periods: For each leading column, its cell in each period.
    """

    runs: tuple[list[Cell], ...]
    starts: list[int] = attrs.field(factory=list)
    stops: list[int] = attrs.field(factory=list)
    periods: tuple[list[Cell], ...] = ()

    @property
    def count(self) -> int:
        """How many runs."""
        return len(self.runs[0]) if self.runs else 0


class Table:
    """Rows of typed columns, from one of the functions of :mod:`armscontrol.tables`.

    Iterate over a table for its rows as dicts (column name to cell); ``len()``
    counts the rows. Write it with :meth:`to_csv`, or convert it with
    :meth:`to_pandas` or :meth:`to_polars`.

    Attributes:
        columns: The columns, in order.
    """

    __slots__ = ("_layout", "columns")

    def __init__(self, columns: Sequence[Column], layout: Layout) -> None:
        """Tables are made by the functions of :mod:`armscontrol.tables`."""
        self.columns: tuple[Column, ...] = tuple(columns)
        self._layout = layout

    @property
    def names(self) -> tuple[str, ...]:
        """The column names, in order."""
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        """The column with this name.

        Raises:
            KeyError: The table has no such column.
        """
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)

    def __len__(self) -> int:
        layout = self._layout
        if not layout.periods:
            return layout.count
        return sum(stop - start for start, stop in zip(layout.starts, layout.stops, strict=True))

    def rows(self) -> Iterator[tuple[Cell, ...]]:
        """The rows as tuples of cells, in column order."""
        layout = self._layout
        runs = list(zip(*layout.runs, strict=True))
        if not layout.periods:
            yield from runs
            return
        periods = list(zip(*layout.periods, strict=True))
        for cells, start, stop in zip(runs, layout.starts, layout.stops, strict=True):
            for index in range(start, stop):
                yield periods[index] + cells

    def __iter__(self) -> Iterator[dict[str, Cell]]:
        names = self.names
        for row in self.rows():
            yield dict(zip(names, row, strict=True))

    def __repr__(self) -> str:
        return f"<{type(self).__name__}: {len(self)} rows × {len(self.columns)} columns>"

    def to_csv(self, target: str | os.PathLike[str] | TextIO) -> None:
        """Write the table as CSV: a header, then one line per row.

        Empty cells are empty; booleans are ``true`` and ``false``; days are
        ``YYYY-MM-DD``. Lines end in a line feed alone; a file is written in UTF-8.

        Args:
            target: A path, or a text stream opened with ``newline=""``.
        """
        if isinstance(target, str | os.PathLike):
            with Path(target).open("w", encoding="utf-8", newline="") as stream:
                self._write_csv(stream)
        else:
            self._write_csv(target)

    def _write_csv(self, stream: TextIO) -> None:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(self.names)
        writer.writerows(map(csv_cells, self.rows()))

    def to_pandas(self) -> pandas.DataFrame:
        """The table as a pandas DataFrame, one column per column, typed by kind.

        Text is ``string``, categories ``category``, days ``datetime64[s]``,
        booleans ``bool`` (``boolean`` where a cell may be undetermined),
        integers ``int64``.

        Raises:
            LibraryUnavailable: pandas is not installed (extra ``pandas``).
        """
        from armscontrol.tables import _frames  # noqa: PLC0415 - pandas loads on first use

        return _frames.pandas_frame(self.columns, self._layout)

    def to_polars(self) -> polars.DataFrame:
        """The table as a polars DataFrame, one column per column, typed by kind.

        Text is ``String``, categories ``Categorical``, days ``Date``,
        booleans ``Boolean``, integers ``Int64``.

        Raises:
            LibraryUnavailable: polars is not installed (extra ``polars``).
        """
        from armscontrol.tables import _frames  # noqa: PLC0415 - polars loads on first use

        return _frames.polars_frame(self.columns, self._layout)


def csv_text(cell: Cell) -> str:
    """A cell as CSV text: empty for nothing, ``true``/``false``, ``YYYY-MM-DD``."""
    if cell is None:
        return ""
    if cell is True:
        return "true"
    if cell is False:
        return "false"
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return str(cell)


def csv_cells(row: Sequence[Cell]) -> list[str]:
    """A row's cells as CSV text."""
    return [csv_text(cell) for cell in row]
