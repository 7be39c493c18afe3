"""The sourced records that ship with armscontrol, loadable by name.

====================  =========================================================
``korea``             The DPRK's nuclear diplomacy: the NPT and the DPRK's
                      withdrawal, the Six-Party Talks and their 2005 and 2007
                      agreements, the Security Council resolutions, the 2012
                      US–DPRK "Leap Day" deal and its breakdown, the launches
                      and the 2013 test.
``inf``               The 1987 INF Treaty, from signature to its end in 2019.
``jcpoa``             The 2015 Iran nuclear deal and the 2018 US withdrawal, as
                      each side tells it.
``nuclear-treaties``  The NPT, the Partial Test Ban Treaty and the CTBT.
``strategic``         The US–Soviet/Russian strategic arms agreements, from
                      SALT I to New START.
====================  =========================================================

Every fact in them cites its sources by id; where sources disagree on a date,
both dates are kept with their sources. ``docs/datasets/`` describes each record,
its sources and disputes, and every warning the validator still reports on it.

A record that more than one dataset needs lives once, as a *part* in
``data/parts/``: the NPT is such a part, joined to both ``korea`` and
``nuclear-treaties`` (see :func:`parts`). Parties and sources that a dataset and
its parts both give must be identical; they are then given once.

Example:
    >>> from armscontrol import datasets
    >>> datasets.names()
    ('inf', 'jcpoa', 'korea', 'nuclear-treaties', 'strategic')
    >>> datasets.load("korea").title
    'North Korea: the NPT, the Six-Party Talks and the Leap Day deal'
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any, Final, TypeGuard

from armscontrol import io
from armscontrol.exceptions import ArmsControlError
from armscontrol.model import Record

__all__ = ["DEFAULT", "DatasetNotFoundError", "load", "names", "parts", "path"]

DEFAULT: Final = "korea"
"""The dataset the examples and the command line use when none is named."""

_SUFFIX = ".json"

_PARTS: Final[Mapping[str, tuple[str, ...]]] = {
    "korea": ("npt",),
    "nuclear-treaties": ("npt",),
}
"""The shared parts each dataset joins to its own file, by name, in order."""

_SHARED: Final = ("parties", "sources")
"""Lists whose entries a dataset and its parts may both give, if identical."""


class DatasetNotFoundError(ArmsControlError, LookupError):
    """No bundled dataset has the name asked for.

    Attributes:
        name: The name that was asked for.
        available: The names of the bundled datasets.
    """

    def __init__(self, name: str, available: tuple[str, ...]) -> None:
        self.name = name
        self.available = available
        super().__init__(f"no bundled dataset {name!r}; available: {', '.join(available)}")


def _data() -> Traversable:
    return resources.files(__name__).joinpath("data")


def names() -> tuple[str, ...]:
    """The names of the bundled datasets, sorted."""
    return tuple(
        sorted(
            entry.name.removesuffix(_SUFFIX)
            for entry in _data().iterdir()
            if entry.is_file() and entry.name.endswith(_SUFFIX)
        )
    )


def path(name: str) -> Traversable:
    """The bundled JSON file of a dataset, to read or copy as a starting point.

    Raises:
        DatasetNotFoundError: No bundled dataset has this name.
    """
    available = names()
    if name not in available:
        raise DatasetNotFoundError(name, available)
    return _data().joinpath(name + _SUFFIX)


def parts(name: str) -> tuple[Traversable, ...]:
    """The shared parts a dataset joins to its own file, in order (often none).

    A part is a JSON document of the same format, kept once in ``data/parts/``
    for every dataset that needs it.

    Raises:
        DatasetNotFoundError: No bundled dataset has this name.
    """
    path(name)
    folder = _data().joinpath("parts")
    return tuple(folder.joinpath(part + _SUFFIX) for part in _PARTS.get(name, ()))


def _is_list(value: object) -> TypeGuard[list[Any]]:
    return isinstance(value, list)


def _join(documents: list[dict[str, Any]]) -> dict[str, Any]:
    """One document from several: lists joined in order, identical shared entries once."""
    joined = dict(documents[0])
    for document in documents[1:]:
        for key, value in document.items():
            if not _is_list(value):
                continue
            items = value
            have: list[Any] = list(joined.get(key, []))
            if key in _SHARED:
                items = [item for item in items if item not in have]
            joined[key] = have + items
    return joined


@functools.cache
def load(name: str) -> Record:
    """A bundled dataset as a :class:`~armscontrol.model.Record`, its parts joined.

    Records are values, so repeated calls return the same record.

    Raises:
        DatasetNotFoundError: No bundled dataset has this name.
    """
    main = io.loads(path(name).read_text(encoding="utf-8"), source=name + _SUFFIX)
    shared = parts(name)
    if not shared:
        return main
    documents = [io.to_dict(main)]
    documents += [
        io.to_dict(io.loads(part.read_text(encoding="utf-8"), source=f"parts/{part.name}"))
        for part in shared
    ]
    return io.from_dict(_join(documents), source=name + _SUFFIX)
