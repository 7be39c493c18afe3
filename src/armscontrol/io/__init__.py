"""The canonical JSON format of a record: load it, save it, describe it as a JSON Schema.

A document looks like this (see ``docs/format.md`` for every field)::

    {
      "format": "armscontrol/1",
      "title": "The Leap Day deal",
      "parties": [{"id": "USA", "name": "United States"}],
      "agreements": [{"id": "leap-day-2012", "title": "Leap Day deal", ...}]
    }

Encoding decisions:

* ``format`` comes first in every document and is ``"armscontrol/1"``
  (:data:`FORMAT`); a document without it, or with another value, is refused.
* Then ``title``, ``description`` and ``as_of``, then the lists in the order ``parties``,
  ``sources``, ``processes``, ``agreements``, ``events``, ``violations``,
  ``transitions``.
* Inside an object, keys are the model's field names, in the order the model
  declares them (``id`` first), so that files diff well.
* A field equal to its default (``null``, an empty list, ``"state"`` for a
  party's kind) is left out when saving and may be left out when loading; an
  explicit ``null`` is accepted for a field whose default is ``null``.
* Dates are strings in the syntax of :mod:`armscontrol.dates` (``"2012-04"``,
  ``"2013-06~"``), written back exactly as they were read; periods are ISO 8601
  strings (``"P3M"``); enumerations are their lowercase values; references are
  ids; tuples are arrays.
* Nothing is coerced: ``1`` is not a string, ``"1"`` is not a number or a
  boolean, ``"US"`` is not a list of ids, and a key the model does not know is
  an error (with a suggestion when it looks like a known key).
* Output is UTF-8 with non-ASCII characters as they are, 2-space indentation
  and a final newline, so loading and saving a canonical file changes no byte.
* A folder holds one document per ``*.json`` file directly in it, read in name
  order; their lists are joined in that order into one record.

Bad input raises one :class:`~armscontrol.exceptions.LoadError` that lists every
problem found, each with a JSON path (``$.agreements[2].commitments[0].obligors[0]``)
and, for a folder, its file. Duplicate ids and references to ids the record does
not hold are problems too: a loaded record is always whole and its references
resolve. Saving writes a temporary file beside the target and moves it into
place, so the old file survives any failure.

This is the only module of armscontrol that imports cattrs.
"""

from __future__ import annotations

import contextlib
import gc
import os
import stat
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import Any, BinaryIO, cast

from armscontrol._files import write_atomically
from armscontrol.exceptions import LoadError, Problem, SaveError
from armscontrol.index._references import reference_findings
from armscontrol.io import _converter, _json, _schema
from armscontrol.model import Record

__all__ = [
    "FORMAT",
    "MAX_BYTES",
    "MAX_DEPTH",
    "dump",
    "dumps",
    "from_dict",
    "load",
    "load_folder",
    "loads",
    "schema",
    "to_dict",
]

FORMAT = _converter.FORMAT
"""The format version written in every document, as its ``format`` key."""

MAX_BYTES = _json.MAX_BYTES
"""The largest input read by default, in bytes (64 MiB); each loader takes ``max_bytes``."""

MAX_DEPTH = _json.MAX_DEPTH
"""The deepest nesting of arrays and objects read by default; loaders take ``max_depth``."""

_LISTS = (
    *("parties", "sources", "processes", "agreements", "events", "violations", "transitions"),
    "acknowledgements",
)
"""The record's lists, which the files of a folder join in file-name order."""


# -- loading ------------------------------------------------------------------


def _structure(data: object, file: str | None) -> tuple[Record | None, list[Problem]]:
    """A record from a document's parsed data, or the problems that stop it."""
    if not isinstance(data, dict):
        msg = f'expected an object with "format": {FORMAT!r}, got {_json.describe(data)}'
        return None, [Problem("$", msg, file)]
    data = cast("_json.JSONObject", data)
    known = ", ".join(_converter.KNOWN_FORMATS)
    if "format" not in data:
        msg = f"missing; expected {FORMAT!r} (this version reads: {known})"
        return None, [Problem("$.format", msg, file)]
    if data["format"] not in _converter.KNOWN_FORMATS:
        got = _json.describe(data["format"])
        msg = f"unknown format {got}; this version reads: {known}"
        return None, [Problem("$.format", msg, file)]
    body = {key: value for key, value in data.items() if key != "format"}
    try:
        return _converter.CONVERTER.structure(body, Record), []
    except Exception as exc:
        return None, _converter.problems(exc, "$", file)


@contextlib.contextmanager
def _uncollected() -> Generator[None, None, None]:
    """Keep the garbage collector from scanning, again and again, what is built meanwhile.

    The parsed data and the model built from it are acyclic: reference counting
    frees them, and the collector, which looks for cycles, finds none. Left on,
    it scans each new object when it is young and again as it ages, and scans
    the whole heap every time the new objects outnumber a quarter of it: about
    40 % of the time of ``io.loads`` on 10^4 generated agreements (3.2 s with
    it, 1.9 s without). Building with fewer containers (no copy of each
    object's members) would save under 2 % of the instructions. The collector
    is turned back on (if it was on) however loading ends.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _document(
    text: str | bytes, file: str | None, max_bytes: int, max_depth: int
) -> tuple[Record | None, list[Problem]]:
    with _uncollected():
        return _built(text, file, max_bytes, max_depth)


def _built(
    text: str | bytes, file: str | None, max_bytes: int, max_depth: int
) -> tuple[Record | None, list[Problem]]:
    data, problems, repeated = _json.decode(
        text, file=file, max_bytes=max_bytes, max_depth=max_depth
    )
    if problems:
        return None, problems
    # The quick path makes io.loads of a valid 200-agreement document take 1.7x fewer
    # instructions than the detailed path (callgrind, tools in docs/performance.md).
    if not repeated and max_depth >= _converter.QUICK_DEPTH:
        record = _converter.quick(data)
        if record is not None:
            return record, []
    data, problems = _json.inspect(data, file=file, max_depth=max_depth)
    if data is None and problems:
        return None, problems
    record, structural = _structure(data, file)
    return (record if not problems else None), problems + structural


def _join(parts: Sequence[tuple[Record, str | None]]) -> Record:
    """One record from several, their lists joined in order; references checked.

    Raises:
        LoadError: Two files give different titles, descriptions or as_of dates, an
            id is used twice, or a reference names an id the record does not hold.
    """
    problems: list[Problem] = []
    header: dict[str, Any] = {}
    for name in _converter.HEADER:
        given = [(getattr(r, name), f) for r, f in parts if getattr(r, name) is not None]
        if len({value for value, _ in given}) > 1:
            files = " and ".join(str(f) for _, f in given)
            msg = f"{files} give different values; give it in one file only"
            problems.append(Problem(f"$.{name}", msg, given[1][1]))
        header[name] = given[0][0] if given else None
    lists = {name: tuple(item for r, _ in parts for item in getattr(r, name)) for name in _LISTS}
    record = parts[0][0] if len(parts) == 1 else Record(**lists, **header)  # type: ignore[arg-type]
    origins = _json.Origins(parts, _LISTS)
    problems += [origins.problem(f.path, f.message) for f in reference_findings(record)]
    if problems:
        raise LoadError(problems)
    return record


def loads(
    text: str | bytes,
    *,
    source: str | None = None,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
) -> Record:
    """Read a record from the text of one document.

    Args:
        text: The JSON text, or its UTF-8 bytes.
        source: Where the text came from (a file name), named in every problem.
        max_bytes: Refuse larger input.
        max_depth: Refuse arrays and objects nested deeper than this.

    Raises:
        LoadError: The text is not a valid, whole record; the error lists
            every problem found, each with its JSON path.
    """
    record, problems = _document(text, source, max_bytes, max_depth)
    if record is None or problems:
        raise LoadError(problems)
    return _join([(record, source)])


def _read(  # noqa: PLR0911 - one return per way reading fails
    path: Path, max_bytes: int
) -> tuple[bytes | None, list[Problem]]:
    """A file's bytes, read no further than the limit, or the problem that stops it.

    Whatever the path names (a file, a named pipe, a device such as
    ``/dev/zero``), at most ``max_bytes + 1`` bytes are read. A named pipe is
    opened without waiting for a writer: with none, it reads as empty.
    """
    file = _label(path)
    try:
        descriptor = os.open(path, os.O_RDONLY | _NONBLOCK | _CLOEXEC)
    except FileNotFoundError:
        return None, [Problem("$", "no such file or folder", file)]
    except OSError as exc:
        return None, [Problem("$", f"cannot be read: {exc.strerror or exc}", file)]
    except ValueError:  # a name the system cannot encode
        return None, [Problem("$", "cannot be read: not a name this system can use", file)]
    try:
        status = os.fstat(descriptor)
        if _NONBLOCK:
            os.set_blocking(descriptor, True)  # opened without waiting; now read as usual
        size = status.st_size if stat.S_ISREG(status.st_mode) else 0
        if size > max_bytes:
            msg = f"file of {size} bytes is larger than the limit of {max_bytes} bytes"
            return None, [Problem("$", msg, file)]
        with os.fdopen(descriptor, "rb", closefd=False) as stream:
            content = _json.read_limited(stream, max_bytes, size)
    except OSError as exc:
        return None, [Problem("$", f"cannot be read: {exc.strerror or exc}", file)]
    finally:
        os.close(descriptor)
    if content is None:
        return None, [Problem("$", _larger(max_bytes), file)]
    return content, []


_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _label(path: Path) -> str:
    """A file's name as problems show it: escaped if it holds what cannot be printed."""
    text = str(path)
    return text if text.isprintable() else repr(text)


def _larger(max_bytes: int) -> str:
    return f"input larger than the limit of {max_bytes} bytes"


def _name_problem(path: str | os.PathLike[str]) -> Problem | None:
    """Why a path cannot name a file to read, if it cannot."""
    name = os.fspath(path)
    if not name:
        return Problem("$", "no file or folder given (an empty path)", repr(name))
    if "\0" in name:
        return Problem("$", "a file name cannot hold a NUL character", repr(name))
    return None


def _read_stream(stream: BinaryIO, max_bytes: int) -> tuple[bytes | None, list[Problem]]:
    name = getattr(stream, "name", None)
    file = name if isinstance(name, str) else None
    try:
        content = _json.read_limited(stream, max_bytes)
    except _json.Unreadable:
        msg = "the stream gives text; open it in binary mode ('rb', or sys.stdin.buffer)"
        return None, [Problem("$", msg, file)]
    except OSError as exc:
        return None, [Problem("$", f"cannot be read: {exc.strerror or exc}", file)]
    if content is None:
        return None, [Problem("$", _larger(max_bytes), file)]
    return content, []


def load(
    path: str | os.PathLike[str] | BinaryIO,
    *,
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
) -> Record:
    """Read a record from a ``.json`` file, a folder of them (see :func:`load_folder`), or a stream.

    Args:
        path: The file or folder, or a binary stream open for reading (such as
            ``sys.stdin.buffer``), read to its end.
        max_bytes: Refuse a file larger than this. No more than one byte past
            it is read, whatever the input: a pipe, a device, standard input.
        max_depth: Refuse arrays and objects nested deeper than this.

    Raises:
        LoadError: The input is missing, unreadable or not a valid, whole
            record; the error lists every problem, each with its file and path.
    """
    if not isinstance(path, str | os.PathLike):
        content, problems = _read_stream(path, max_bytes)
        if content is None:
            raise LoadError(problems)
        name = getattr(path, "name", None)  # "<stdin>" for standard input
        source = name if isinstance(name, str) else None
        return loads(content, source=source, max_bytes=max_bytes, max_depth=max_depth)
    if (problem := _name_problem(path)) is not None:
        raise LoadError([problem])
    target = Path(path)
    if target.is_dir():
        return load_folder(target, max_bytes=max_bytes, max_depth=max_depth)
    content, problems = _read(target, max_bytes)
    if content is None:
        raise LoadError(problems)
    return loads(content, source=_label(target), max_bytes=max_bytes, max_depth=max_depth)


def load_folder(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> Record:
    """Read one record from every ``*.json`` file directly in a folder, in name order.

    Each file is a document of the same format; their lists are joined in file
    order, ids must be unique across all files, and a reference may name an id
    from any file. At most one file gives the record's title, description and as_of.

    Args:
        path: The folder.
        max_bytes: Refuse a file larger than this.
        max_depth: Refuse arrays and objects nested deeper than this.

    Raises:
        LoadError: The folder holds no JSON file, or a file is not a valid
            document, or the joined record is not whole; every problem names
            its file.
    """
    if (problem := _name_problem(path)) is not None:
        raise LoadError([problem])
    folder = Path(path)
    try:
        files = sorted(p for p in folder.glob("*.json") if p.is_file())
    except OSError as exc:
        raise LoadError([Problem("$", f"cannot be read: {exc.strerror}", _label(folder))]) from exc
    if not files:
        reason = "no such folder" if not folder.is_dir() else "folder holds no *.json file"
        raise LoadError([Problem("$", reason, _label(folder))])
    parts: list[tuple[Record, str | None]] = []
    problems: list[Problem] = []
    for file in files:
        content, found = _read(file, max_bytes)
        if content is not None:
            record, found = _document(content, _label(file), max_bytes, max_depth)
            if record is not None and not found:
                parts.append((record, _label(file)))
        problems += found
    if problems:
        raise LoadError(problems)
    return _join(parts)


def from_dict(data: object, *, source: str | None = None) -> Record:
    """Build a record from a document already parsed into Python data.

    ``data`` is what :func:`json.load` would give for a document: a dict with
    ``format`` and the record's lists.

    Raises:
        LoadError: The data is not a valid, whole record; every problem is listed.
    """
    with _uncollected():
        quick = _converter.quick(data)
    if quick is not None:
        return _join([(quick, source)])
    record, problems = _structure(data, source)
    if record is None or problems:
        raise LoadError(problems)
    return _join([(record, source)])


# -- saving -------------------------------------------------------------------


def to_dict(record: Record) -> dict[str, Any]:
    """The document of a record as plain Python data, ready for :func:`json.dumps`."""
    return _converter.document(record, _converter.CONVERTER)


def _encode(record: Record) -> bytes:
    return _json.encode(_converter.document(record, _converter.ENCODER))


def dumps(record: Record) -> str:
    """The canonical text of a record's document (see the module documentation)."""
    return _encode(record).decode("utf-8")


def dump(record: Record, path: str | os.PathLike[str], *, force: bool = False) -> None:
    """Save a record as one document, atomically.

    The text goes to a temporary file in the same folder, which then replaces
    the target in one step; if anything fails the target keeps its old content
    and the temporary file is removed. An existing file's permissions are kept.
    A symbolic link is followed and its target replaced; a file with other hard
    links is replaced under this name only; the temporary file of an earlier,
    interrupted save of the same file is removed (``docs/format.md``, Saving).

    Args:
        record: The record.
        path: The file to write.
        force: Replace the file even if it is read-only.

    Raises:
        SaveError: The record could not be written (the path names a folder or
            no file, the file is read-only, the disk is full …); the old file
            is unchanged.
    """
    try:
        content = _encode(record)
    except ValueError as exc:  # a record holds only what can be written: a bug if here
        raise SaveError(str(path), str(exc)) from exc
    write_atomically(path, content, force=force)


# -- schema -------------------------------------------------------------------


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the format, generated from the model.

    It checks shape, types, enumerations and the syntax of ids, dates and
    periods; whether references resolve, ids are unique and dates exist in the
    calendar is left to the loader.
    """
    return _schema.build(FORMAT)
