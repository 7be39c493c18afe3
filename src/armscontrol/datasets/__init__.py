"""The sourced records that ship with armscontrol, loadable by name.

=========  ====================================================================
``korea``  The DPRK's nuclear diplomacy: the NPT and the DPRK's withdrawal, the
           Six-Party Talks and their 2005 and 2007 agreements, the 2012 US–DPRK
           "Leap Day" deal and its breakdown, the launches and the 2013 test.
``inf``    The 1987 INF Treaty, from signature to its end in August 2019.
``jcpoa``  The 2015 Iran nuclear deal and the 2018 US withdrawal, as each side
           tells it.
=========  ====================================================================

Every fact in them cites its sources by id; where sources disagree on a date,
both dates are kept with their sources. ``docs/datasets/`` describes each record,
its sources and disputes, and every warning the validator still reports on it.

Example:
    >>> from armscontrol import datasets
    >>> datasets.names()
    ('inf', 'jcpoa', 'korea')
    >>> datasets.load("korea").title
    'North Korea: the NPT, the Six-Party Talks and the Leap Day deal'
"""

from __future__ import annotations

import functools
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Final

from armscontrol import io
from armscontrol.exceptions import ArmsControlError
from armscontrol.model import Record

__all__ = ["DEFAULT", "DatasetNotFoundError", "load", "names", "path"]

DEFAULT: Final = "korea"
"""The dataset the examples and the command line use when none is named."""

_SUFFIX = ".json"


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


@functools.cache
def load(name: str) -> Record:
    """A bundled dataset as a :class:`~armscontrol.model.Record`.

    Records are values, so repeated calls return the same record.

    Raises:
        DatasetNotFoundError: No bundled dataset has this name.
    """
    return io.loads(path(name).read_text(encoding="utf-8"))
