"""The derived index of a record: one reading of its histories, its ids and its views.

Every layer above the model that asks a record a question reads it through one
:class:`Index`, built on first use and kept with the record (:func:`index_of`):
the validator's rules, the queries and the loader's reference checks. So there
is one answer to each of these questions, and they cannot drift apart:

* which object an id names (the first with that id, as :meth:`Record.get
  <armscontrol.model.Record.get>` says), and what kind of subject it is;
* a subject's history: its transitions in record order, each with the span of
  the dates claimed for it (:class:`Entry`);
* the transitions as integer columns, grouped by subject (:func:`columns_of`),
  for rules that ask one question of every transition at once;
* when a fact with alternative dates happened (:func:`span`, :func:`order`):
  at one of its claimed dates;
* who holds which view of a subject (:func:`views`, :func:`readings`), whether
  the views differ on a date (:func:`disputed`), and the fold of a view up to a
  date (:func:`fold`).

Custom validation rules receive the index; everything here is read-only.
"""

from __future__ import annotations

from armscontrol.index._columns import KINDS, Columns, columns_of
from armscontrol.index._dating import Dated, claimed, day_text, disagreeing, order, span
from armscontrol.index._index import Index, Pools, index_of
from armscontrol.index._views import (
    Entry,
    Outcome,
    Perspective,
    Readings,
    Views,
    asserted_previous,
    disputed,
    first_dispute,
    fold,
    holds,
    merge,
    perspective,
    readings,
    sequential_previous,
    views,
)

__all__ = [
    "KINDS",
    "Columns",
    "Dated",
    "Entry",
    "Index",
    "Outcome",
    "Perspective",
    "Pools",
    "Readings",
    "Views",
    "asserted_previous",
    "claimed",
    "columns_of",
    "day_text",
    "disagreeing",
    "disputed",
    "first_dispute",
    "fold",
    "holds",
    "index_of",
    "merge",
    "order",
    "perspective",
    "readings",
    "sequential_previous",
    "span",
    "views",
]
