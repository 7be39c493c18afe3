"""Fuzzing the loader: any input gives a Record that saves and loads back, or a LoadError.

The mutations are those of ``benchmarks/fuzz.py`` (run it for minutes, with
``--count``); here Hypothesis drives them, a few hundred inputs in seconds, and
shrinks any input that gives another outcome.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from armscontrol import io
from armscontrol.exceptions import LoadError

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # the benchmarks are a folder of the repository, not installed
    sys.path.insert(0, str(ROOT))

from benchmarks import fuzz  # noqa: E402

SEEDS = fuzz.seeds()
GOOD = [data for name, data in SEEDS if (ROOT / "tests" / "data" / "good" / name).exists()]

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class TestSeeds:
    """The fuzzer starts from every kind of document."""

    def test_seeds_cover_good_bad_and_datasets(self) -> None:
        """Good files, bad files and the bundled datasets are all seeds."""
        names = {name for name, _ in SEEDS}

        assert {"leap-day.json", "three-mistakes.json", "korea.json"} <= names

    @pytest.mark.parametrize(("name", "data"), SEEDS, ids=[name for name, _ in SEEDS])
    def test_seeds_themselves(self, name: str, data: bytes) -> None:
        """Each seed, unchanged, gives one of the two outcomes."""
        assert (name, None) == (name, fuzz.outcome(data)[1])


class TestMutations:
    """Mutated documents give a Record or a LoadError with paths, nothing else."""

    @FUZZ
    @given(st.randoms(use_true_random=False), st.sampled_from(SEEDS))
    def test_mutated_documents(self, rng: random.Random, seed: tuple[str, bytes]) -> None:
        """One to four byte or JSON mutations of a seed."""
        data = fuzz.mutate(rng, seed[1])

        assert (seed[0], None) == (seed[0], fuzz.outcome(data)[1])

    @FUZZ
    @given(st.randoms(use_true_random=False), st.sampled_from(SEEDS))
    def test_mutated_text(self, rng: random.Random, seed: tuple[str, bytes]) -> None:
        """The same, given as text that may hold lone surrogates."""
        text = fuzz.mutate(rng, seed[1]).decode("utf-8", "surrogateescape")

        assert (seed[0], None) == (seed[0], fuzz.outcome(text)[1])


def _parsed(text: str) -> list[Any]:
    try:
        return [json.loads(text)]
    except ValueError:  # a number too long for Python to convert
        return []


PYTHON_VALUES = [value for text in fuzz.JSON_VALUES for value in _parsed(text)]
"""The fuzzer's troublesome values as Python data."""

_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(st.characters(), max_size=20)
    | st.sampled_from(PYTHON_VALUES)
    | st.builds(pow, st.just(10), st.just(5000)),  # too long to print: built when drawn
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _replace(data: Any, rng: random.Random, value: Any) -> Any:
    """The document with one value, anywhere in it, replaced."""
    path = rng.choice(fuzz.places(data))
    if not path:
        return value
    fuzz.value_at(data, path[:-1])[path[-1]] = value
    return data


class TestPythonData:
    """from_dict takes any Python data: a Record or a LoadError, nothing else."""

    @FUZZ
    @given(st.randoms(use_true_random=False), st.sampled_from(GOOD), _JSON)
    def test_any_value_anywhere(self, rng: random.Random, seed: bytes, value: Any) -> None:
        """A good document with any JSON value put in any place."""
        data = _replace(json.loads(seed), rng, value)
        try:
            record = io.from_dict(data)
        except LoadError as error:
            refused = error
        else:
            assert record == io.loads(io.dumps(record).encode("utf-8"))
            return

        assert all(p.path.startswith("$") and p.message for p in refused.problems)
        str(refused).encode("utf-8")
