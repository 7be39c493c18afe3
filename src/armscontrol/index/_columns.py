"""A record's transitions compiled into integer columns, for whole-column checks.

:func:`columns_of` reads every transition once and keeps, as numpy arrays,
what the validator's history rules compare: each transition's subject and
target state as integer codes, the bounds of its date and of its span (every
date claimed for it) as POSIX seconds, and which transitions carry alternative
dates; and the transitions grouped by subject (a stable sort: record order
within a subject), with each group's offset. Rules then ask a question of every
transition at once (is this step allowed, is this date in order with the one
before) and look closer, in Python, only at the histories where the answer is
not a plain yes.

numpy is imported here, when the columns are first built, so ``import
armscontrol`` stays without it. The columns are built once per record and kept
with it (:meth:`~armscontrol.model.Record.derive`), like the index they come
from.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import chain, repeat
from typing import TYPE_CHECKING

from armscontrol.index._index import index_of
from armscontrol.model import Record, SubjectKind

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

KINDS: tuple[SubjectKind, ...] = tuple(SubjectKind)
"""The subject kinds in code order: a subject's kind code is its place here."""


class Columns:
    """The record's transitions as integer columns, and grouped by subject.

    Attributes:
        subject_names: Every subject that has transitions, in order of first
            appearance (the order of :attr:`Index.by_subject
            <armscontrol.index.Index.by_subject>`); a subject's code is its place here.
        subject_codes: Each subject's code, by name.
        state_names: Every state a transition enters, in order of first
            appearance; a state's code is its place here.
        state_codes: Each state's code, by name.
        subject: Each transition's subject code.
        to: Each transition's target state code.
        date_lower: The first instant of each transition's own date.
        date_upper: Just past the last instant of each transition's own date.
        lower: The first instant of each transition's span (every claimed date).
        upper: Just past the last instant of each transition's span.
        claimed: Whether each transition has alternative dates.
        kind: Each subject's kind code (its place in :data:`KINDS`), or -1
            for a subject that names nothing with a status.
        rows: The transition numbers grouped by subject, in subject code order,
            each group in record order.
        offsets: Where each subject's group starts in :attr:`rows`, with the
            number of rows last (one more entry than there are subjects).
    """

    def __init__(self, record: Record) -> None:
        """Read the record's transitions, through its index, into columns."""
        import numpy as np  # noqa: PLC0415 - only once something asks for columns

        index = index_of(record)
        count = len(index.transitions)
        groups = index.by_subject
        self.subject_names: list[str] = list(groups)
        self.subject_codes = {name: code for code, name in enumerate(self.subject_names)}
        tos = index.tos
        self.state_names: list[str] = list(dict.fromkeys(tos))
        state_codes = self.state_codes = {name: code for code, name in enumerate(self.state_names)}
        self.to: NDArray[np.int64] = np.fromiter(map(state_codes.__getitem__, tos), np.int64, count)
        lowers, uppers = index.date_bounds
        self.date_lower: NDArray[np.int64] = np.array(lowers, np.int64)
        self.date_upper: NDArray[np.int64] = np.array(uppers, np.int64)
        spans = index.lowers, index.uppers
        same = spans[0] is lowers and spans[1] is uppers  # no transition has alternative dates
        self.lower: NDArray[np.int64] = self.date_lower if same else np.array(spans[0], np.int64)
        self.upper: NDArray[np.int64] = self.date_upper if same else np.array(spans[1], np.int64)
        self.claimed: NDArray[np.bool_] = np.zeros(count, np.bool_)
        self.claimed[list(index.claimed)] = True
        kinds = index.kinds
        self.kind: NDArray[np.int64] = np.fromiter(
            map(_KIND_CODES.get, map(kinds.get, self.subject_names), repeat(-1)),
            np.int64,
            len(self.subject_names),
        )
        self.rows: NDArray[np.int64] = np.fromiter(
            chain.from_iterable(groups.values()), np.int64, count
        )
        sizes = np.fromiter(map(len, groups.values()), np.int64, len(groups))
        self.offsets: NDArray[np.int64] = np.zeros(len(groups) + 1, np.int64)
        np.cumsum(sizes, out=self.offsets[1:])
        self.subject: NDArray[np.int64] = np.empty(count, np.int64)
        self.subject[self.rows] = np.repeat(np.arange(len(groups)), sizes)

    def entering(self, states: Iterable[str]) -> NDArray[np.int64]:
        """The numbers of the transitions into any of ``states``, in record order."""
        import numpy as np  # noqa: PLC0415 - loaded with the columns

        codes = [self.state_codes[state] for state in states if state in self.state_codes]
        return np.flatnonzero(np.isin(self.to, codes))


def columns_of(record: Record) -> Columns:
    """The record's columns, built on first use and kept with the record."""
    return record.derive(Columns)


_KIND_CODES: dict[SubjectKind | None, int] = {kind: code for code, kind in enumerate(KINDS)}
