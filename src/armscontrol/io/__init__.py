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
* Then ``title`` and ``description``, then the lists in the order ``parties``,
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

import difflib
import enum
import functools
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from armscontrol import _json, _schema
from armscontrol._references import reference_findings
from armscontrol.dates import HistoricalDate, Period
from armscontrol.exceptions import DateError, LoadError, ModelError, Problem, SaveError
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

FORMAT = "armscontrol/1"
"""The format version written in every document, as its ``format`` key."""

MAX_BYTES = _json.MAX_BYTES
"""The largest input read by default, in bytes (64 MiB); each loader takes ``max_bytes``."""

MAX_DEPTH = _json.MAX_DEPTH
"""The deepest nesting of arrays and objects read by default; loaders take ``max_depth``."""

_KNOWN_FORMATS = (FORMAT,)
_LISTS = ("parties", "sources", "processes", "agreements", "events", "violations", "transitions")
_HEADER = ("title", "description")


# -- the converter ------------------------------------------------------------


class _Invalid(Exception):  # noqa: N818 - private, never escapes this module
    """A value refused while structuring; ``suffix`` extends the path (``[2]``)."""

    def __init__(self, message: str, suffix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.suffix = suffix


def _refuse(kind: str, value: object) -> NoReturn:
    msg = f"expected {kind}, got {_json.describe(value)}"
    raise _Invalid(msg)


def _structure_str(value: object, type_: type) -> Any:
    if issubclass(type_, enum.Enum):
        return _enum_hook(type_)(value, type_)
    if isinstance(value, str):
        return value
    _refuse("a string", value)


def _structure_int(value: object, type_: type) -> Any:
    if issubclass(type_, enum.Enum):
        return _enum_hook(type_)(value, type_)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    _refuse("an integer", value)


def _structure_float(value: object, _: type) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    _refuse("a number", value)


def _structure_bool(value: object, _: type) -> bool:
    if isinstance(value, bool):
        return value
    _refuse("true or false", value)


def _structure_date(value: object, _: type) -> HistoricalDate:
    if not isinstance(value, str):
        _refuse("a date string such as '2012-02-29' or '2012-04'", value)
    try:
        return HistoricalDate.parse(value)
    except DateError as exc:
        msg = f"not a date: {value!r}; expected {exc.expected}"
        raise _Invalid(msg) from None


def _structure_period(value: object, _: type) -> Period:
    if not isinstance(value, str):
        _refuse("a period string such as 'P3M'", value)
    try:
        return Period.parse(value)
    except DateError as exc:
        msg = f"not a period: {value!r}; expected {exc.expected}"
        raise _Invalid(msg) from None


def _is_enum(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, enum.Enum)


@functools.cache
def _enum_hook(type_: type[enum.Enum]) -> Callable[[object, type], enum.Enum]:
    allowed = ", ".join(repr(member.value) for member in type_)
    kind = type(next(iter(type_)).value)

    def structure(value: object, _: type) -> enum.Enum:
        if type(value) is kind:
            try:
                return type_(value)
            except ValueError:
                pass
        _refuse(f"one of {allowed}", value)

    return structure


def _is_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(
    type_: Any, converter: cattrs.Converter
) -> Callable[[object, type], tuple[Any, ...]]:
    item_type = get_args(type_)[0]
    handler = converter.get_structure_hook(item_type)

    def structure(value: object, _: type) -> tuple[Any, ...]:
        if not isinstance(value, list):
            _refuse("an array", value)
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(handler(item, item_type))
            except Exception as exc:
                note = IterableValidationNote(f"item {index}", index, item_type)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            msg = "while structuring an array"
            raise IterableValidationError(msg, errors, type_)
        return tuple(items)

    return structure


def _class_hook(cls: type, converter: cattrs.Converter) -> Callable[[object, type], Any]:
    attrs.resolve_types(cls)
    generated: Callable[[Any, type], Any] = make_dict_structure_fn(cls, converter)
    names = [field.name for field in attrs.fields(cls)]
    if cls is Record:  # problems in document order: the header comes before the lists
        names = [*_HEADER, *(name for name in names if name not in _HEADER)]
    order = {name: index for index, name in enumerate(names)}

    def position(error: Exception) -> int:
        for note in getattr(error, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                return order.get(note.name, len(order))
        return len(order)

    def structure(value: object, _: type) -> Any:
        if not isinstance(value, dict):
            _refuse(f"an object ({cls.__name__})", value)
        try:
            return generated(value, cls)
        except ClassValidationError as exc:
            with_notes, without = exc.group_exceptions()
            built = not with_notes and len(without) == 1 and isinstance(without[0], ModelError)
            # The model's validators run only once every field is structured; run
            # them here on the fields that were, so that all problems come out.
            failed = {note.name for _, note in with_notes}
            errors = _refused_fields(cls, value, failed, converter)
            if built and not errors:
                errors = _locate_error(without[0])  # type: ignore[arg-type]
            if not built:
                errors += exc.exceptions
            errors.sort(key=position)
            msg = f"while structuring {cls.__name__}"
            raise ClassValidationError(msg, errors, cls) from None

    return structure


def _refused_fields(
    cls: type, value: dict[str, Any], skip: set[str], converter: cattrs.Converter
) -> list[Exception]:
    """Each given field the model's validators refuse, located as precisely as possible."""
    probe: object = object.__new__(cls)  # validators only read the class name from it
    errors: list[Exception] = []
    for field in attrs.fields(cls):
        if not field.init or field.validator is None or field.name in skip:
            continue
        if field.name not in value:
            continue
        item = converter.structure(value[field.name], field.type)
        try:
            field.validator(probe, field, item)
        except ModelError as exc:
            for error in _locate(probe, field, item, exc):
                error.__notes__ = [AttributeValidationNote(field.name, field.name, field.type)]
                errors.append(error)
    return errors


def _locate_error(error: ModelError) -> list[Exception]:
    found = _Invalid(f"expected {error.reason}, got {_json.describe(error.value)}")
    found.__notes__ = [AttributeValidationNote(error.field, error.field, object)]
    return [found]


def _locate(
    probe: object, field: attrs.Attribute[Any], value: object, error: ModelError
) -> list[_Invalid]:
    """The refused items of a tuple field, or the field as a whole."""
    if not isinstance(value, tuple) or field.validator is None:
        return [_Invalid(f"expected {error.reason}, got {_json.describe(value)}")]
    found: list[_Invalid] = []
    for index, item in enumerate(value):
        try:
            field.validator(probe, field, (item,))
        except ModelError:
            expected = _schema.item_expectation(type(probe), field)
            msg = f"expected {expected}, got {_json.describe(item)}"
            found.append(_Invalid(msg, f"[{index}]"))
    if found:
        return found
    repeated = sorted({item for item in value if value.count(item) > 1}, key=value.index)
    if repeated:
        twice = ", ".join(map(repr, repeated))
        return [_Invalid(f"expected {error.reason}; {twice} given more than once")]
    return [_Invalid(f"expected {error.reason}")]


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(
        forbid_extra_keys=True, omit_if_default=True, detailed_validation=True
    )
    # cattrs looks these up by class first, so they also receive str and int
    # subclasses such as StrEnum; each hands enumerations on to the enum hook.
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(HistoricalDate, _structure_date)
    converter.register_structure_hook(Period, _structure_period)
    converter.register_structure_hook_factory(_is_enum, _enum_hook)
    converter.register_structure_hook_factory(_is_tuple, _tuple_hook)
    converter.register_structure_hook_factory(attrs.has, _class_hook)
    # As with structuring, str subclasses meet the str hook first: give their value.
    converter.register_unstructure_hook(str, _plain_str)
    converter.register_unstructure_hook(HistoricalDate, lambda date: date.text)
    converter.register_unstructure_hook(Period, str)
    converter.register_unstructure_hook_factory(_is_tuple, _tuple_unhook)
    return converter


def _plain_str(value: str) -> str:
    return value.value if isinstance(value, enum.Enum) else value


def _tuple_unhook(type_: Any, converter: cattrs.Converter) -> Callable[[Any], list[Any]]:
    handler = converter.get_unstructure_hook(get_args(type_)[0])
    return lambda items: [handler(item) for item in items]


_CONVERTER = _make_converter()


# -- the quick path -------------------------------------------------------------
#
# A valid document is built straight from its data: the values the JSON cannot
# carry as they are (enumerations, dates, periods, tuples, nested objects) are
# converted, and every other check is left to the model's own validators, which
# check each field's type and syntax. A key the model does not know or a
# required key left out makes the class refuse its arguments. Whatever is
# refused, the document goes down the detailed path above instead, which finds
# every problem with its path; so the quick path changes no result, only how
# soon a valid document is read.


def _quick_enum(type_: type[enum.Enum]) -> Callable[[Any], Any]:
    members = {member.value: member for member in type_}
    kind = type(next(iter(type_)).value)

    def convert(value: Any) -> Any:
        if type(value) is not kind:
            _refuse("an enumeration value", value)
        return members[value]

    return convert


def _quick_tuple(convert: Callable[[Any], Any] | None) -> Callable[[Any], tuple[Any, ...]]:
    def structure(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            _refuse("an array", value)
        return tuple(value) if convert is None else tuple(map(convert, value))

    return structure


def _quick_optional(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else convert(value)


def _quick_converter(type_: Any) -> Callable[[Any], Any] | None:
    """How the quick path turns a field's JSON value into the model's, ``None`` to pass it on.

    Raises:
        TypeError: A type the quick path does not know yet (the model has none).
    """
    args = get_args(type_)
    if _is_tuple(type_):
        return _quick_tuple(_quick_converter(args[0]))
    if args and type(None) in args:
        (inner,) = (arg for arg in args if arg is not type(None))
        convert = _quick_converter(inner)
        return None if convert is None else _quick_optional(convert)
    if _is_enum(type_):
        return _quick_enum(type_)
    if type_ in (HistoricalDate, Period):  # their parsers refuse anything but their syntax
        parse: Callable[[Any], Any] = type_.parse
        return parse
    if attrs.has(type_):
        return _quick_class(type_)
    if type_ is str:  # every text field has a validator that checks it is a string
        return None
    msg = f"no quick conversion for {type_!r}"
    raise TypeError(msg)


@functools.cache
def _quick_class(cls: type) -> Callable[[Any], Any]:
    attrs.resolve_types(cls)
    conversions: list[tuple[str, Callable[[Any], Any]]] = []
    for field in attrs.fields(cls):
        convert = _quick_converter(field.type) if field.init else None
        if convert is not None:
            conversions.append((field.alias, convert))

    def structure(value: Any) -> Any:
        if not isinstance(value, dict):
            _refuse(f"an object ({cls.__name__})", value)
        given = dict(value)
        for name, convert in conversions:
            if name in given:
                given[name] = convert(given[name])
        return cls(**given)

    return structure


def _nesting(type_: Any) -> int:
    """How deep the arrays and objects of a type's valid JSON value nest at most."""
    if type_ in (HistoricalDate, Period):  # written as strings
        return 0
    if attrs.has(type_):
        attrs.resolve_types(type_)
        fields = [field for field in attrs.fields(type_) if field.init]
        return 1 + max((_nesting(field.type) for field in fields), default=0)
    args = get_args(type_)
    if _is_tuple(type_):
        return 1 + _nesting(args[0])
    return max((_nesting(arg) for arg in args), default=0)


_QUICK_RECORD = _quick_class(Record)
_QUICK_DEPTH = _nesting(Record)
"""No valid document nests deeper, so the quick path need not count how deep it goes."""


def _quick(data: object) -> Record | None:
    """The record of a valid document, or ``None`` if anything in it is refused."""
    if not isinstance(data, dict) or data.get("format") not in _KNOWN_FORMATS:
        return None
    body = {key: value for key, value in data.items() if key != "format"}
    try:
        record: Record = _QUICK_RECORD(body)
    except Exception:  # any refusal means: take the detailed path
        return None
    return record


# -- from cattrs' errors to problems -------------------------------------------


def _problems(  # noqa: PLR0911 - one return per kind of error
    exc: BaseException, path: str, file: str | None, expected: Any = None
) -> list[Problem]:
    """Every problem inside a structuring error, with its JSON path."""
    if isinstance(exc, IterableValidationError):
        found: list[Problem] = []
        with_notes, without = exc.group_exceptions()
        for sub, item in with_notes:
            found += _problems(sub, f"{path}[{item.index}]", file, item.type)
        for sub in without:
            found += _problems(sub, path, file)
        return found
    if isinstance(exc, ClassValidationError):
        found = []
        attribute_notes, others = exc.group_exceptions()
        # A misspelt key is one mistake: say "did you mean", not also "missing".
        meant = {
            _suggestion(key, sub.cl)
            for sub in others
            if isinstance(sub, ForbiddenExtraKeysError)
            for key in sub.extra_fields
        }
        for sub, attribute in attribute_notes:
            if isinstance(sub, KeyError) and attribute.name in meant:
                continue
            found += _problems(sub, _json.member(path, attribute.name), file, attribute.type)
        for sub in others:
            found += _problems(sub, path, file)
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        return _unknown_keys(exc, path, file)
    if isinstance(exc, _Invalid):
        return [Problem(path + exc.suffix, exc.message, file)]
    if isinstance(exc, KeyError):
        return [Problem(path, f"missing; expected {_schema.expectation(expected)}", file)]
    if isinstance(exc, ModelError):
        msg = f"expected {exc.reason}, got {_json.describe(exc.value)}"
        return [Problem(_json.member(path, exc.field), msg, file)]
    return [Problem(path, f"not accepted: {exc}", file)]


def _suggestion(key: str, cls: type) -> str | None:
    """The field name an unknown key most likely meant, if one is close."""
    known = [field.name for field in attrs.fields(cls) if field.init]
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_keys(exc: ForbiddenExtraKeysError, path: str, file: str | None) -> list[Problem]:
    found = []
    for key in sorted(exc.extra_fields):
        meant = _suggestion(key, exc.cl)
        if meant is not None:
            msg = f"unknown key; did you mean {meant!r}?"
        else:
            known = ", ".join(field.name for field in attrs.fields(exc.cl) if field.init)
            msg = f"unknown key; {exc.cl.__name__} takes {known}"
        found.append(Problem(_json.member(path, key), msg, file))
    return found


# -- loading ------------------------------------------------------------------


def _structure(data: object, file: str | None) -> tuple[Record | None, list[Problem]]:
    """A record from a document's parsed data, or the problems that stop it."""
    if not isinstance(data, dict):
        msg = f'expected an object with "format": {FORMAT!r}, got {_json.describe(data)}'
        return None, [Problem("$", msg, file)]
    known = ", ".join(_KNOWN_FORMATS)
    if "format" not in data:
        msg = f"missing; expected {FORMAT!r} (this version reads: {known})"
        return None, [Problem("$.format", msg, file)]
    if data["format"] not in _KNOWN_FORMATS:
        got = _json.describe(data["format"])
        msg = f"unknown format {got}; this version reads: {known}"
        return None, [Problem("$.format", msg, file)]
    body = {key: value for key, value in data.items() if key != "format"}
    try:
        return _CONVERTER.structure(body, Record), []
    except Exception as exc:
        return None, _problems(exc, "$", file)


def _document(
    text: str | bytes, file: str | None, max_bytes: int, max_depth: int
) -> tuple[Record | None, list[Problem]]:
    data, problems, repeated = _json.decode(
        text, file=file, max_bytes=max_bytes, max_depth=max_depth
    )
    if problems:
        return None, problems
    if not repeated and max_depth >= _QUICK_DEPTH:
        record = _quick(data)
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
        LoadError: Two files give different titles or descriptions, an id is
            used twice, or a reference names an id the record does not hold.
    """
    problems: list[Problem] = []
    header: dict[str, Any] = {}
    for name in _HEADER:
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


def _read(path: Path, max_bytes: int) -> tuple[bytes | None, list[Problem]]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            msg = f"file of {size} bytes is larger than the limit of {max_bytes} bytes"
            return None, [Problem("$", msg, str(path))]
        return path.read_bytes(), []
    except FileNotFoundError:
        return None, [Problem("$", "no such file or folder", str(path))]
    except OSError as exc:
        return None, [Problem("$", f"cannot be read: {exc.strerror or exc}", str(path))]


def load(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> Record:
    """Read a record from a ``.json`` file, or from a folder of them (see :func:`load_folder`).

    Args:
        path: The file or folder.
        max_bytes: Refuse a file larger than this.
        max_depth: Refuse arrays and objects nested deeper than this.

    Raises:
        LoadError: The input is missing, unreadable or not a valid, whole
            record; the error lists every problem, each with its file and path.
    """
    target = Path(path)
    if target.is_dir():
        return load_folder(target, max_bytes=max_bytes, max_depth=max_depth)
    content, problems = _read(target, max_bytes)
    if content is None:
        raise LoadError(problems)
    return loads(content, source=str(target), max_bytes=max_bytes, max_depth=max_depth)


def load_folder(
    path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH
) -> Record:
    """Read one record from every ``*.json`` file directly in a folder, in name order.

    Each file is a document of the same format; their lists are joined in file
    order, ids must be unique across all files, and a reference may name an id
    from any file. At most one file gives the record's title and description.

    Args:
        path: The folder.
        max_bytes: Refuse a file larger than this.
        max_depth: Refuse arrays and objects nested deeper than this.

    Raises:
        LoadError: The folder holds no JSON file, or a file is not a valid
            document, or the joined record is not whole; every problem names
            its file.
    """
    folder = Path(path)
    files = sorted(p for p in folder.glob("*.json") if p.is_file())
    if not files:
        reason = "no such folder" if not folder.is_dir() else "folder holds no *.json file"
        raise LoadError([Problem("$", reason, str(folder))])
    parts: list[tuple[Record, str | None]] = []
    problems: list[Problem] = []
    for file in files:
        content, found = _read(file, max_bytes)
        if content is not None:
            record, found = _document(content, str(file), max_bytes, max_depth)
            if record is not None and not found:
                parts.append((record, str(file)))
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
    quick = _quick(data)
    if quick is not None:
        return _join([(quick, source)])
    record, problems = _structure(data, source)
    if record is None or problems:
        raise LoadError(problems)
    return _join([(record, source)])


# -- saving -------------------------------------------------------------------


def to_dict(record: Record) -> dict[str, Any]:
    """The document of a record as plain Python data, ready for :func:`json.dumps`."""
    body: dict[str, Any] = _CONVERTER.unstructure(record, Record)
    document: dict[str, Any] = {"format": FORMAT}
    for name in _HEADER:
        if name in body:
            document[name] = body.pop(name)
    document.update(body)
    return document


def dumps(record: Record) -> str:
    """The canonical text of a record's document (see the module documentation)."""
    return _json.render(to_dict(record))


def dump(record: Record, path: str | os.PathLike[str]) -> None:
    """Save a record as one document, atomically.

    The text goes to a temporary file in the same folder, which then replaces
    the target in one step; if anything fails the target keeps its old content
    and the temporary file is removed. An existing file's permissions are kept.

    Raises:
        SaveError: The record could not be written; the old file is unchanged.
    """
    target = Path(path)
    try:
        _json.write_atomically(target, dumps(record).encode("utf-8"))
    except (OSError, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise SaveError(str(target), reason) from exc


# -- schema -------------------------------------------------------------------


def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the format, generated from the model.

    It checks shape, types, enumerations and the syntax of ids, dates and
    periods; whether references resolve, ids are unique and dates exist in the
    calendar is left to the loader.
    """
    return _schema.build(FORMAT)
