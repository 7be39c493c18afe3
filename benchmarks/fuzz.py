"""Fuzz the loader: mutate good documents and the datasets, and check what comes back.

Usage::

    python benchmarks/fuzz.py                    # 10,000 inputs, seed 0
    python benchmarks/fuzz.py --count 100000 --seed 7
    python benchmarks/fuzz.py --minutes 10       # as many as fit in ten minutes

Each input is one of the seed documents (``tests/data/good``, ``tests/data/bad``
and the bundled datasets) changed by one to four mutations, on its bytes
(flip, cut, copy, insert troublesome bytes) or on its JSON (a value replaced by
a troublesome one, a key renamed or left out, an id repeated or pointed
elsewhere). :func:`io.loads` must then give one of two outcomes:

* a ``Record``, which saves (``io.dumps``) and loads back equal; or
* a ``LoadError`` whose every problem has a JSON path (``$…``) and a message,
  and whose text can be written as UTF-8.

Anything else (another exception, a problem without a path, a record that
cannot be saved) is counted, and the first few are written out with the input
that caused them. The exit status is 1 if there was any.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from armscontrol import io
from armscontrol.exceptions import LoadError

ROOT = Path(__file__).resolve().parent.parent
SEED_FOLDERS = (
    ROOT / "tests" / "data" / "good",
    ROOT / "tests" / "data" / "bad",
    ROOT / "src" / "armscontrol" / "datasets" / "data",
)

# -- what goes in ---------------------------------------------------------------------

_BYTES = (
    b'"',
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"\\udfff\\ud800",
    b"\x00",
    b"\xff",
    b"\xed\xa0\x80",  # a surrogate written as UTF-8
    b"\xc2\xa0",
    b"\xef\xbb\xbf",
    b"9" * 5000,
    b"-0.0e99999",
    b"NaN",
    b"Infinity",
    b"null",
    b"true",
    b"[" * 200,
    b'{"":' * 100,
)
"""Bytes that parsers trip on, inserted at random places."""

_NESTED = "[" * 120 + "]" * 120
JSON_VALUES: tuple[str, ...] = (
    "null",
    "true",
    "0",
    "-1",
    "1.5e308",
    "1e99999",
    "9" * 5000,
    "-" + "1" * 4400,
    '""',
    '" "',
    '"\\u00a0\\u2003"',
    '"\\u001c"',
    '"\\ud800"',
    '"a\\udc00b"',
    '"\\ud83d\\ude00"',
    '"\\u0000"',
    '"P-3M"',
    '"P' + "9" * 5000 + 'M"',
    '"P0D"',
    '"P1000000D"',
    '"npt/"',
    '"/PRK"',
    '"a/b/c"',
    '"USA"',
    '"2012-02-30"',
    '"99999-01"',
    '"0000"',
    '"2012-04-13T25:00Z"',
    '"2013/2012"',
    '"../.."',
    '"x' + "y" * 100_000 + '"',
    '"' + "é" * 1000 + '"',
    "[]",
    "{}",
    '["x", "x"]',
    "[1, 2]",
    '{"id": "x"}',
    _NESTED,
    '{"a": 1, "a": 2}',
)
"""JSON texts that the format has to refuse, or hold exactly."""


def seeds() -> list[tuple[str, bytes]]:
    """Every seed document: its name and bytes."""
    return [
        (path.name, path.read_bytes())
        for folder in SEED_FOLDERS
        for path in sorted(folder.glob("*.json"))
    ]


def _flip(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    at = rng.randrange(len(data))
    return data[:at] + bytes([rng.randrange(256)]) + data[at + 1 :]


def _cut(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data) + 1)
    return data[:start] + data[start + rng.randrange(1, 64) :]


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def _copy(rng: random.Random, data: bytes) -> bytes:
    start = rng.randrange(len(data) + 1)
    span = data[start : start + rng.randrange(1, 256)]
    at = rng.randrange(len(data) + 1)
    return data[:at] + span + data[at:]


def _insert(rng: random.Random, data: bytes) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(_BYTES) + data[at:]


_MARK = "\x00fuzz\x00"


def places(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value inside parsed JSON."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += places(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += places(value, (*path, index))
    return found


def value_at(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path:
        data = data[step]
    return data


def _json_mutation(rng: random.Random, data: bytes) -> bytes:
    """One change to the parsed document; the bytes as they were if they do not parse."""
    try:
        document = json.loads(data)
    except ValueError:
        return _insert(rng, data)
    spots = places(document)
    path = rng.choice(spots)
    strings = [v for v in (value_at(document, p) for p in spots) if isinstance(v, str)]
    raw: str | None = None
    how = rng.randrange(6)
    if not path:
        raw = rng.choice(JSON_VALUES)
    else:
        parent, last = value_at(document, path[:-1]), path[-1]
        if how == 0 and isinstance(parent, dict):  # rename or remove a key
            value = parent.pop(last)
            if rng.random() < 0.5:
                parent[rng.choice([last + "s", last[:-1], last.upper(), ""])] = value
        elif how == 1 and isinstance(parent, list):  # repeat an item
            parent.insert(rng.randrange(len(parent) + 1), parent[last])
        elif how == 2 and strings:  # point at another id, of any kind
            parent[last] = rng.choice(strings)
        elif how == 3:  # a string slightly wrong
            parent[last] = _typo(rng, parent[last] if isinstance(parent[last], str) else "x")
        else:  # a troublesome value, spliced in as raw text
            parent[last] = _MARK
            raw = rng.choice(JSON_VALUES)
    text = json.dumps(document, indent=rng.choice([None, 2]), ensure_ascii=rng.random() < 0.2)
    if raw is not None:
        text = raw if not path else text.replace(json.dumps(_MARK), raw, 1)
    # A lone surrogate written as UTF-8 gives bytes that are not UTF-8: input too.
    return text.encode("utf-8", "surrogatepass")


def _typo(rng: random.Random, text: str) -> str:
    if not text:
        return "x"
    at = rng.randrange(len(text))
    return rng.choice(
        [
            text[:at] + text[at + 1 :],
            text[:at] + text[at] + text[at:],
            text[:at] + rng.choice("aZ9-_./ \u00a0\ud800") + text[at + 1 :],
            text.swapcase(),
            text + "/",
        ]
    )


MUTATIONS: tuple[Callable[[random.Random, bytes], bytes], ...] = (
    _flip,
    _cut,
    _truncate,
    _copy,
    _insert,
    *(_json_mutation,) * 12,
)
"""Each takes a random source and bytes, and returns changed bytes."""


def mutate(rng: random.Random, data: bytes, *, rounds: int = 0) -> bytes:
    """``data`` changed by ``rounds`` mutations (one to four, mostly one, when not given)."""
    for _ in range(rounds or rng.choice((1, 1, 1, 2, 3, 4))):
        data = rng.choice(MUTATIONS)(rng, data)
    return data


# -- what comes out ---------------------------------------------------------------------


def outcome(data: bytes | str) -> tuple[str, str | None]:
    """How the loader took the input, and what is wrong with that (``None`` if all is well).

    The outcome is ``"record"``, ``"refused"`` (a LoadError about the text as a
    whole, at ``$``) or ``"problems"`` (a LoadError with problems inside the
    document); or the name of the exception that should not have come.
    """
    try:
        record = io.loads(data)
    except LoadError as error:
        return _refusal(error)
    except Exception as exc:  # anything else is what this looks for
        where = "".join(traceback.format_exc(limit=-4).splitlines(keepends=True)[-8:])
        return type(exc).__name__, f"{type(exc).__name__}: {str(exc)[:200]}\n{where}"
    try:
        again = io.loads(io.dumps(record).encode("utf-8"))  # as saving writes it
    except Exception as exc:  # a loaded record must save and load back
        return "record", f"loaded record does not round-trip: {type(exc).__name__}: {exc}"
    return "record", None if again == record else "loaded record loads back different"


def _refusal(error: LoadError) -> tuple[str, str | None]:
    if not error.problems:
        return "refused", "LoadError without problems"
    for problem in error.problems:
        if not problem.path.startswith("$") or not problem.message:
            return "refused", f"problem without a path or a message: {problem!r}"
    try:
        str(error).encode("utf-8")
    except UnicodeError:
        return "refused", "LoadError whose text is not valid Unicode"
    deep = any(problem.path != "$" for problem in error.problems)
    return ("problems" if deep else "refused"), None


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzer; print a summary; exit 1 if any outcome was outside the two classes."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="inputs to try")
    parser.add_argument("--minutes", type=float, help="stop after this long instead")
    parser.add_argument("--seed", type=int, default=0, help="random seed")
    parser.add_argument("--show", type=int, default=5, help="faults to write out in full")
    parser.add_argument("--save", type=Path, help="write each faulty input to this folder")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    documents = seeds()
    outcomes: Counter[str] = Counter()
    faults: Counter[str] = Counter()
    shown = 0
    started = time.perf_counter()
    deadline = started + args.minutes * 60 if args.minutes else None
    slowest = (0.0, "")
    done = 0
    while done < args.count if deadline is None else time.perf_counter() < deadline:
        name, original = rng.choice(documents)
        data = mutate(rng, original)
        given: bytes | str = data
        if rng.random() < 0.2:  # text, which may hold what UTF-8 cannot (lone surrogates)
            given = data.decode("utf-8", rng.choice(["surrogateescape", "replace"]))
        began = time.perf_counter()
        kind, found = outcome(given)
        took = time.perf_counter() - began
        slowest = max(slowest, (took, name))
        done += 1
        outcomes[kind] += 1
        if found is None:
            continue
        faults[found.split(":")[0]] += 1
        if args.save is not None:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"fault-{done}.json").write_bytes(data)
        if shown < args.show:
            shown += 1
            sys.stderr.write(f"--- input {done} (from {name}): {found}\n")
            sys.stderr.write(data[:400].decode("utf-8", "backslashreplace") + "\n")
    elapsed = time.perf_counter() - started
    print(f"inputs: {done:,} in {elapsed:.0f} s ({done / elapsed:,.0f}/s), seed {args.seed}")
    print(f"slowest: {slowest[0] * 1000:.0f} ms (from {slowest[1]})")
    print("outcomes: " + ", ".join(f"{kind} {n:,}" for kind, n in outcomes.most_common()))
    print(f"outside the two outcomes: {sum(faults.values()):,}")
    for kind, count in faults.most_common():
        print(f"  {count:>8,}  {kind}")
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
