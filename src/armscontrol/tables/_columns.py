"""What a table is made of: its columns, their kinds, and how its cells are stored.

A panel repeats most of a subject's cells from one period to the next, so a
table keeps *runs*: the cells that stay the same over a stretch of periods
once, with the stretch's first and last period. A long table is the case where
every run is one row.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TypeAlias

import attrs

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
    starts: list[int] = attrs.field(factory=list[int])
    stops: list[int] = attrs.field(factory=list[int])
    periods: tuple[list[Cell], ...] = ()

    @property
    def count(self) -> int:
        """How many runs."""
        return len(self.runs[0]) if self.runs else 0
