"""A table: typed columns, rows made when asked for, written as CSV or handed to pandas or polars.

Rows are expanded from the table's runs (:mod:`armscontrol.tables._columns`)
one at a time; the DataFrame conversions expand them column by column inside
pandas or polars instead.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, TextIO

from armscontrol._files import write_atomically
from armscontrol.tables._columns import Cell, Column, Layout

if TYPE_CHECKING:
    import pandas
    import polars


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
        ``YYYY-MM-DD``. Lines end in a line feed alone; a file is written in
        UTF-8, atomically: it holds its old content or the whole table, never
        part of it.

        Args:
            target: A path, or a text stream opened with ``newline=""``.

        Raises:
            SaveError: The file could not be written; the old one is unchanged.
        """
        if isinstance(target, str | os.PathLike):
            text = io.StringIO(newline="")
            self._write_csv(text)
            write_atomically(target, text.getvalue().encode("utf-8"))
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
        integers ``int64`` (``Int64`` where a cell may be empty).

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
