"""JSON text and files for :mod:`armscontrol.io`: reading with limits, rendering canonical text.

Turns bytes or text into plain Python data (dicts, lists, strings, numbers,
booleans, ``None``), or into :class:`~armscontrol.exceptions.Problem` lists
that say where the text went wrong; renders data as canonical text; and tells which file of a
folder a JSON path points into. Nothing here knows the record's shape.

orjson, a C encoder and decoder, reads and writes canonical text: its
two-space indentation writes exactly what ``json.dumps(data, indent=2,
ensure_ascii=False)`` writes for the data of a document (strings, arrays,
objects, ``null``, booleans, integers). Text that is not canonical is read by
the standard library's parser, which can tell a key given twice (orjson keeps
the last silently) and reads what orjson refuses (integers past 64 bits, lone
surrogates) so that it is reported as before.
"""

from __future__ import annotations

import bisect
import enum
import json
import re
from collections.abc import Callable, Sequence
from typing import IO, Any, TypeAlias, cast

import orjson

from armscontrol.exceptions import Problem

MAX_BYTES = 64 * 1024 * 1024
"""Default largest input, in bytes (64 MiB)."""

MAX_DEPTH = 64
"""Default deepest nesting of arrays and objects."""

JSONObject: TypeAlias = dict[str, Any]
"""A parsed JSON object: its members are plain data, untyped until the converter reads them."""

MAX_DIGITS = 64
"""The most characters of a JSON integer converted to a number; longer ones are
refused without conversion (the format holds no numbers)."""

_CHUNK = 1 << 20


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once."""

    __slots__ = ("repeated",)

    repeated: list[str]


class _NotJSON(ValueError):  # noqa: N818 - private, caught in this module
    """A constant that Python's parser accepts but JSON does not (``NaN``, ``Infinity``)."""


def _constant(name: str) -> Any:
    raise _NotJSON(name)


def _repeating(pairs: list[tuple[str, Any]]) -> _Object:
    """An object that was given a key more than once, marked with the keys repeated."""
    result = _Object(pairs)
    seen: set[str] = set()
    repeated: dict[str, None] = {}  # in the order they repeat, each once
    for key, _ in pairs:
        if key in seen:
            repeated[key] = None
        seen.add(key)
    result.repeated = list(repeated)
    return result


def member(path: str, key: object) -> str:
    """The JSON path of an object's member: ``$.a.b``, or ``$.a["odd key"]``.

    A key that holds a character that cannot be shown (a control character, a
    lone surrogate) is written with JSON escapes, so that a path is always
    printable; a key that is not a string (from :func:`armscontrol.io.from_dict`)
    is described.
    """
    if not isinstance(key, str):
        return f"{path}[{describe(key)}]"
    if key.isidentifier():
        return f"{path}.{key}"
    return f"{path}[{json.dumps(key, ensure_ascii=not key.isprintable())}]"


def key_order(key: object) -> tuple[int, str]:
    """A sort key for object keys of any type: strings first, in order."""
    return (0, key) if isinstance(key, str) else (1, type(key).__name__)


class LongNumber:
    """A JSON number with more digits than :data:`MAX_DIGITS`, left unconverted.

    The format holds no numbers, so such a number is always refused; keeping
    its length alone spares converting it (which Python limits) only to say so.

    Attributes:
        digits: How many characters it was written with.
    """

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits


def _integer(text: str) -> int | LongNumber:
    return int(text) if len(text) <= MAX_DIGITS else LongNumber(len(text))


def describe(value: object) -> str:  # noqa: PLR0911 - one return per JSON type
    """A short account of a JSON value for messages: ``string 'US'``, ``number 1``."""
    if value is None:
        return "null"
    if isinstance(value, enum.Enum):  # from_dict given model values, not their JSON
        return (
            f"{type(value).__name__}.{value.name}, an enumeration member "
            f"(give its value, {value.value!r})"
        )
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, LongNumber):
        return f"a number of {value.digits} characters"
    if isinstance(value, int):
        if value.bit_length() > 4 * MAX_DIGITS:  # more digits than are worth showing
            return f"a number of about {int(value.bit_length() * 0.30103) + 1} digits"
        return f"number {value!r}"
    if isinstance(value, float):
        return f"number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"string {shown!r}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return f"a Python {type(value).__name__}, which JSON does not have"


class _TooDeep(Exception):  # noqa: N818 - private, caught in this module
    """Arrays and objects nested deeper than allowed, at ``path``."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def _suspect(data: Any, max_depth: int) -> bool:
    """Whether the data nests too deep or repeats a key; quick, as it builds no paths."""
    stack: list[tuple[Any, int]] = [(data, 1)] if isinstance(data, dict | list) else []
    while stack:
        value, depth = stack.pop()
        if depth > max_depth or getattr(value, "repeated", None):
            return True
        children = cast("JSONObject", value).values() if isinstance(value, dict) else value
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))  # pyright: ignore[reportUnknownArgumentType]  # isinstance leaves JSON type args unknown
    return False


def _inspect(data: Any, max_depth: int, file: str | None) -> list[Problem]:
    """Keys given twice in the parsed data.

    Raises:
        _TooDeep: Arrays and objects are nested deeper than ``max_depth``.
    """
    if not _suspect(data, max_depth):
        return []
    problems: list[Problem] = []
    stack: list[tuple[Any, str, int]] = [(data, "$", 1)]
    while stack:
        value, path, depth = stack.pop()
        if not isinstance(value, dict | list):
            continue
        if depth > max_depth:
            raise _TooDeep(path)
        if isinstance(value, dict):
            obj = cast("JSONObject", value)
            for key in getattr(obj, "repeated", ()):
                msg = "key given more than once; give each key once"
                problems.append(Problem(member(path, key), msg, file))
            children = [(v, member(path, k), depth + 1) for k, v in obj.items()]
        else:
            items = cast("list[object]", value)
            children = [(v, f"{path}[{i}]", depth + 1) for i, v in enumerate(items)]
        stack.extend(reversed(children))
    return problems


def decode(  # noqa: PLR0911 - one return per way the text can fail
    text: str | bytes, *, file: str | None, max_bytes: int, max_depth: int
) -> tuple[Any, list[Problem], bool]:
    """Parse JSON text into plain data, without looking into the data yet.

    Returns:
        The data, no problems and whether an object in it gives a key more
        than once; or ``None`` and the problems when the text could not be
        used at all. Call :func:`inspect` on the data for its own problems.
    """
    size = len(text) if isinstance(text, bytes) else utf8_size(text)
    if size > max_bytes:
        msg = f"input of {size} bytes is larger than the limit of {max_bytes} bytes"
        return None, [Problem("$", msg, file)], False
    data = _canonical(text)
    if data is not None:  # each key given once: there is nothing to look for
        return data, [], False
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad = exc.object[exc.start : exc.start + 1].hex()
            msg = f"not UTF-8 text: byte 0x{bad} at offset {exc.start} ({exc.reason})"
            return None, [Problem("$", msg, file)], False
    # An editor's byte order mark is not content.
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return None, [Problem("$", "empty input; expected a JSON object", file)], False
    repeating: list[_Object] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):
            result = _repeating(items)
            repeating.append(result)
        return result

    try:
        data = json.loads(
            text, object_pairs_hook=pairs, parse_constant=_constant, parse_int=_integer
        )
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        return None, [Problem("$", msg, file)], False
    except _NotJSON as exc:
        msg = f"not valid JSON: {exc} is not a JSON number"
        return None, [Problem("$", msg, file)], False
    except RecursionError:
        return None, [Problem("$", _too_deep(max_depth), file)], False
    return data, [], bool(repeating)


_INDENT = orjson.OPT_INDENT_2


def _canonical(text: str | bytes) -> dict[str, Any] | None:
    """The object a canonical text holds, or ``None`` when the text is anything else.

    Canonical text is what :func:`encode` writes. Written again it gives the
    same bytes, which proves that no object in it gives a key twice (the
    writing gives each key once) and that orjson read every value as the
    standard library would, so nothing is left to look for. Reading and
    writing with orjson takes 57 % of the instructions of the standard
    library's parser with a hook on every object (``benchmarks/instructions.py``)
    and takes 6 % off ``io.loads`` of 10^4 generated agreements.
    """
    if isinstance(text, str):
        try:
            text = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: the standard library reads it
            return None
    if not text.endswith(b"\n"):
        return None
    try:
        data = orjson.loads(text)
        again = orjson.dumps(data, option=_INDENT)
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        return None
    if type(data) is not dict or len(again) + 1 != len(text) or not text.startswith(again):
        return None
    return cast("dict[str, Any]", data)


def utf8_size(text: str) -> int:
    """How many bytes a text takes in UTF-8 (a lone surrogate counted as three)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-8", "surrogatepass"))


class Unreadable(Exception):  # noqa: N818 - caught by the loaders, never escapes the package
    """A stream that gives text instead of bytes."""


def read_limited(stream: IO[bytes], max_bytes: int, expected: int = 0) -> bytes | None:
    """At most ``max_bytes`` from a binary stream, read to its end; ``None`` if it holds more.

    Reads no more than ``max_bytes + 1`` bytes whatever the stream is (a file,
    a pipe, a device that never ends), so memory stays bounded.

    Args:
        stream: Open for reading, in binary mode.
        max_bytes: The most bytes accepted.
        expected: How many bytes the stream is thought to hold (a file's size),
            read in one go; the rest is read in chunks.

    Raises:
        Unreadable: The stream gives text, not bytes.
        OSError: Reading failed.
    """
    chunks: list[bytes] = []
    total = 0
    want = min(expected, max_bytes) + 1 if expected else _CHUNK
    while total <= max_bytes:
        # A text stream gives str, whatever its annotation says.
        chunk = cast("object", stream.read(min(want, max_bytes + 1 - total)))
        if not chunk:
            break
        if not isinstance(chunk, bytes | bytearray):
            raise Unreadable
        chunks.append(bytes(chunk))
        total += len(chunk)
        want = _CHUNK
    if total > max_bytes:
        return None
    return b"".join(chunks)


def inspect(data: Any, *, file: str | None, max_depth: int) -> tuple[Any, list[Problem]]:
    """The data and the problems found in it (keys given twice), as :func:`parse` gives them."""
    try:
        return data, _inspect(data, max_depth, file)
    except _TooDeep as exc:
        return None, [Problem(exc.path, _too_deep(max_depth), file)]


def _too_deep(max_depth: int) -> str:
    return f"arrays and objects nested deeper than {max_depth} levels"


def encode(data: Any) -> bytes:
    """The canonical text of a document's data, as UTF-8 (see :func:`render`).

    ``data`` may hold tuples for arrays and enumeration members of ``str`` for
    their values, as :func:`render` reads them. orjson writes it; data orjson
    refuses (a lone surrogate, an integer past 64 bits: no record holds one) is
    rendered and encoded instead, which raises the same :class:`UnicodeError`
    as before for a lone surrogate.
    """
    try:
        return orjson.dumps(data, option=_INDENT) + b"\n"
    except orjson.JSONEncodeError:
        return render(data).encode("utf-8")


def render(data: Any) -> str:
    """The canonical text of plain data: 2-space indent, UTF-8 as is, final newline.

    The same text as ``json.dumps(data, indent=2, ensure_ascii=False)``, which
    leaves the standard library's C encoder for its pure-Python one as soon as
    it is asked to indent; here the strings, which are most of a document, go
    through the C string encoder, and whole arrays of strings are joined at once.
    :func:`encode` writes the same text with orjson, and falls back on this.
    """
    chunks: list[str] = []
    try:
        _render(data, "\n", chunks)
    except _Unusual:
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    chunks.append("\n")
    return "".join(chunks)


_string: Callable[[str], str] = json.encoder.encode_basestring
"""A string as JSON text, non-ASCII characters as they are (the C encoder's, where built)."""


class _Unusual(Exception):  # noqa: N818 - private, caught in this module
    """Data that :func:`render` leaves to the standard library (keys that are not strings)."""


def _render(value: Any, newline: str, out: list[str]) -> None:
    """Append the text of a value to ``out``, its inner lines indented past ``newline``.

    ``newline`` is a line break and the indentation of the line the value starts on.
    """
    if isinstance(value, str):
        out.append(_string(value))
    elif isinstance(value, dict):
        _render_object(cast("dict[object, object]", value), newline, out)
    elif isinstance(value, list | tuple):
        _render_array(cast("list[object] | tuple[object, ...]", value), newline, out)
    else:  # null, true, false and numbers, as the standard library writes them
        out.append(json.dumps(value))


def _render_object(value: dict[Any, Any], newline: str, out: list[str]) -> None:
    if not value:
        out.append("{}")
        return
    inner = newline + "  "
    separator = "{" + inner
    for key, item in value.items():
        if not isinstance(key, str):
            raise _Unusual
        if isinstance(item, str):
            out.append(f"{separator}{_string(key)}: {_string(item)}")
        else:
            out.append(f"{separator}{_string(key)}: ")
            _render(item, inner, out)
        separator = "," + inner
    out.append(newline + "}")


def _render_array(value: list[Any] | tuple[Any, ...], newline: str, out: list[str]) -> None:
    if not value:
        out.append("[]")
        return
    inner = newline + "  "
    separator = "," + inner
    try:  # most arrays hold only strings (ids): one join
        out.append(f"[{inner}{separator.join(map(_string, value))}{newline}]")
    except TypeError:
        out.append("[" + inner)
        for index, item in enumerate(value):
            if index:
                out.append(separator)
            _render(item, inner, out)
        out.append(newline + "]")


class Origins:
    """Which file each top-level list item of a joined record came from."""

    def __init__(self, parts: Sequence[tuple[Any, str | None]], lists: Sequence[str]) -> None:
        self.parts = parts
        self.place = re.compile(r"\$\.(" + "|".join(lists) + r")\[(\d+)\]")
        self.starts: dict[str, list[int]] = {}
        for name in lists:
            total, starts = 0, list[int]()
            for record, _ in parts:
                starts.append(total)
                total += len(getattr(record, name))
            self.starts[name] = starts

    def locate(self, name: str, index: int) -> tuple[str | None, int]:
        """The file and the index within it of item ``index`` of list ``name``."""
        starts = self.starts[name]
        part = bisect.bisect_right(starts, index) - 1
        return self.parts[part][1], index - starts[part]

    def problem(self, path: str, message: str) -> Problem:
        """A problem on the joined record, told in terms of its files."""
        if len(self.parts) == 1:
            return Problem(path, message, self.parts[0][1])
        file: str | None = None
        match = self.place.match(path)
        if match is not None:
            file, local = self.locate(match[1], int(match[2]))
            path = f"$.{match[1]}[{local}]{path[match.end() :]}"

        def elsewhere(found: re.Match[str]) -> str:
            other, local = self.locate(found[1], int(found[2]))
            return f"{other}: $.{found[1]}[{local}]" if other else f"$.{found[1]}[{local}]"

        return Problem(path, self.place.sub(elsewhere, message), file)
