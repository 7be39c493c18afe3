"""The cattrs converter of the format, its quick path for valid documents, and its errors.

Loading goes through :data:`CONVERTER`, whose hooks refuse anything the format
does not allow and say what was expected. A document that is valid (nearly all)
first takes :func:`quick`, which builds the record without the hooks' detailed
checks and leaves the checking to the model's own validators; anything the
quick path refuses is loaded again through the converter, so that the problems
reported are the same either way.

Saving unstructures through :data:`ENCODER`, the converter's unstructuring
with strings and tuples of strings left for orjson to write as they are.
"""

from __future__ import annotations

import collections
import difflib
import enum
import functools
import operator
from collections.abc import Callable
from typing import Any, NoReturn, cast, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.fns import identity
from cattrs.gen import make_dict_structure_fn

from armscontrol.dates import HistoricalDate, Period
from armscontrol.exceptions import DateError, ModelError, Problem
from armscontrol.io import _json, _schema
from armscontrol.model import Record
from armscontrol.model._fields import PERIOD_DIGITS, PERIOD_PATTERN

FORMAT = "armscontrol/1"
"""The format version written in every document (re-exported as ``armscontrol.io.FORMAT``)."""
KNOWN_FORMATS = (FORMAT,)
"""The format versions this version reads."""
HEADER = ("title", "description", "as_of")
"""The record's fields that come before its lists in a document."""


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


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:  # not int(value): "731", 731.5 and true are not numbers here
        _refuse("a whole number", value)
    return value


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
    if PERIOD_PATTERN.fullmatch(value) is None:  # also keeps huge numbers from int()
        shown = _json.describe(value).removeprefix("string ")
        msg = (
            f"not a period: {shown}; expected an ISO 8601 period such as P3M, P6M, "
            f"P8Y or P1Y6M, each number at most {PERIOD_DIGITS} digits"
        )
        raise _Invalid(msg)
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
    first: object = next(iter(type_)).value
    kind = type(first)

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
        for index, item in enumerate(cast("list[object]", value)):
            try:
                items.append(handler(item, item_type))
            except Exception as exc:
                note = IterableValidationNote(f"item {index}", index, item_type)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            msg = "while structuring an array"
            raise IterableValidationError(msg, errors, type_)  # pyright: ignore[reportCallIssue]  # cattrs adds cl in __new__; ExceptionGroup.__init__ takes two
        return tuple(items)

    return structure


def _class_hook(cls: type[Any], converter: cattrs.Converter) -> Callable[[object, type], Any]:
    attrs.resolve_types(cls)
    generated: Callable[[Any, type], Any] = make_dict_structure_fn(cls, converter)
    names = [field.name for field in attrs.fields(cls)]
    if cls is Record:  # problems in document order: the header comes before the lists
        names = [*HEADER, *(name for name in names if name not in HEADER)]
    order = {name: index for index, name in enumerate(names)}

    def position(error: Exception) -> int:
        for note in getattr(error, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                return order.get(note.name, len(order))
        return len(order)

    def structure(value: object, _: type) -> Any:
        if not isinstance(value, dict):
            _refuse(f"an object ({cls.__name__})", value)
        value = cast("_json.JSONObject", value)
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
            raise ClassValidationError(msg, errors, cls) from None  # pyright: ignore[reportCallIssue]  # as above

    return structure


def _refused_fields(
    cls: type[Any], value: dict[str, Any], skip: set[str], converter: cattrs.Converter
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
    if field.validator is None or not isinstance(value, tuple):
        return [_Invalid(f"expected {error.reason}, got {_json.describe(value)}")]
    value = cast("tuple[object, ...]", value)
    found: list[_Invalid] = []
    for index, item in enumerate(value):
        try:
            field.validator(probe, field, (item,))
        except ModelError as refused:
            expected = _schema.item_expectation(type(probe), field) or refused.reason
            msg = f"expected {expected}, got {_json.describe(item)}"
            found.append(_Invalid(msg, f"[{index}]"))
    if found:
        return found
    counts = collections.Counter(value)  # one pass: n·count(item) took quadratic time
    repeated = [item for item in counts if counts[item] > 1]
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


def _make_encoder(converter: cattrs.Converter) -> cattrs.Converter:
    """The converter's unstructuring, leaving to orjson what it writes alike by itself.

    orjson writes a tuple as an array, a ``str`` subclass as its text and an
    enumeration member as its value, so strings and tuples of strings are
    handed over as they are (cattrs then reads the field inline, with no
    call); every other decision is the converter's.
    """
    encoder = converter.copy()
    encoder.register_unstructure_hook(str, identity)
    encoder.register_unstructure_hook(HistoricalDate, _TEXT)
    encoder.register_unstructure_hook_factory(_is_tuple, _tuple_encode_hook)
    return encoder


_TEXT = operator.attrgetter("text")
"""A date's text, read in C."""


def _tuple_encode_hook(type_: Any, converter: cattrs.Converter) -> Callable[[Any], Any]:
    handler = converter.get_unstructure_hook(get_args(type_)[0])
    if handler == identity:
        return identity
    return lambda items: list(map(handler, items))


CONVERTER = _make_converter()
ENCODER = _make_encoder(CONVERTER)
""":data:`CONVERTER`'s unstructuring for :func:`armscontrol.io._json.encode` (orjson)."""


def document(record: Record, converter: cattrs.Converter) -> dict[str, Any]:
    """The document of a record, unstructured by ``converter``, its keys in document order."""
    body: dict[str, Any] = converter.unstructure(record, Record)
    data: dict[str, Any] = {"format": FORMAT}
    for name in HEADER:
        if name in body:
            data[name] = body.pop(name)
    data.update(body)
    return data


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
    first: object = next(iter(type_)).value
    kind = type(first)

    def convert(value: Any) -> Any:
        if type(value) is not kind:
            _refuse("an enumeration value", value)
        return members[value]

    return convert


def _quick_tuple(convert: Callable[[Any], Any] | None) -> Callable[[Any], tuple[Any, ...]]:
    def structure(value: Any) -> tuple[Any, ...]:
        items: list[Any] = value  # declared, not cast: this runs for every array
        if not isinstance(items, list):  # pyright: ignore[reportUnnecessaryIsInstance]  # JSON data
            _refuse("an array", value)
        return tuple(items) if convert is None else tuple(map(convert, items))

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
    if type_ in (str, int):  # every text and number field's validator checks its type
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
        members: _json.JSONObject = value  # declared, not cast: this runs for every object
        if not isinstance(members, dict):  # pyright: ignore[reportUnnecessaryIsInstance]  # JSON data
            _refuse(f"an object ({cls.__name__})", value)
        given = dict(members)
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
QUICK_DEPTH = _nesting(Record)
"""No valid document nests deeper, so the quick path need not count how deep it goes."""


def quick(data: object) -> Record | None:
    """The record of a valid document, or ``None`` if anything in it is refused."""
    if not isinstance(data, dict):
        return None
    data = cast("_json.JSONObject", data)
    if data.get("format") not in KNOWN_FORMATS:
        return None
    body = {key: value for key, value in data.items() if key != "format"}
    try:
        record: Record = _QUICK_RECORD(body)
    except Exception:  # any refusal means: take the detailed path
        return None
    return record


# -- from cattrs' errors to problems -------------------------------------------


def problems(
    exc: BaseException, path: str, file: str | None, expected: Any = None
) -> list[Problem]:
    """Every problem inside a structuring error, with its JSON path."""
    if isinstance(exc, IterableValidationError):
        found: list[Problem] = []
        with_notes, without = exc.group_exceptions()
        for sub, item in with_notes:
            found += problems(sub, f"{path}[{item.index}]", file, item.type)
        for sub in without:
            found += problems(sub, path, file)
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
            found += problems(sub, _json.member(path, attribute.name), file, attribute.type)
        for sub in others:
            found += problems(sub, path, file)
        return found
    if isinstance(exc, ForbiddenExtraKeysError):
        return _unknown_keys(exc, path, file)
    if isinstance(exc, _Invalid):
        return [Problem(path + exc.suffix, exc.message, file)]
    if isinstance(exc, KeyError):
        return [Problem(path, f"missing; expected {_schema.expectation(expected)}", file)]
    return [Problem(path, f"not accepted: {exc}", file)]


def _suggestion(key: object, cls: type) -> str | None:
    """The field name an unknown key most likely meant, if one is close."""
    if not isinstance(key, str):
        return None
    known = [field.name for field in attrs.fields(cls) if field.init]
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    return close[0] if close else None


def _unknown_keys(exc: ForbiddenExtraKeysError, path: str, file: str | None) -> list[Problem]:
    found: list[Problem] = []
    keys: set[object] = set(exc.extra_fields)  # from_dict may give keys that are not strings
    for key in sorted(keys, key=_json.key_order):
        meant = _suggestion(key, exc.cl)
        known = ", ".join(field.name for field in attrs.fields(exc.cl) if field.init)
        if not isinstance(key, str):
            got = _json.describe(key)
            msg = f"a key must be a string, got {got}; {exc.cl.__name__} takes {known}"
        elif meant is not None:
            msg = f"unknown key; did you mean {meant!r}?"
        else:
            msg = f"unknown key; {exc.cl.__name__} takes {known}"
        found.append(Problem(_json.member(path, key), msg, file))
    return found
