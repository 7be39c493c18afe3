"""What each field of the model accepts: one definition for the model and its format.

Each check here is the attrs validator of some fields, run when an object is
built, and carries an :class:`Accepts` (:func:`accepts`) that says the same in
words, for messages, and as JSON Schema, for :func:`armscontrol.io.schema`. The
patterns are written once, in a syntax that Python's :mod:`re` and JSON
Schema's ECMA-262 regular expressions read alike, so that the model accepts
exactly what a document can hold: a value the model refuses cannot be loaded,
and a value it accepts can be saved and loaded back.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any, TypeGuard

import attrs

from armscontrol.dates import Period
from armscontrol.exceptions import ModelError

Check = Callable[[Any, "attrs.Attribute[Any]", Any], None]
"""An attrs validator: ``check(instance, attribute, value)`` raises :class:`ModelError`."""

_ID = r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}"
ID_PATTERN = re.compile(_ID, re.ASCII)
"""What an id looks like: a letter or digit, then up to 127 letters, digits,
``.``, ``_`` or ``-`` (``leap-day-2012``, ``PRK``, ``unsc-2087``)."""

SUBJECT_PATTERN = re.compile(rf"{_ID}(?:/{_ID})?", re.ASCII)
"""A transition's subject: an id, or ``AGREEMENT/PARTY`` for a participation."""

SLUG = re.compile(r"[a-z0-9][a-z0-9_]*", re.ASCII)
"""A lowercase tag or state name (``nuclear_test``, ``in_effect``)."""

_BLANK = r"\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NON_BLANK = re.compile(f"[^{_BLANK}]")
"""A character that is not white space: text must hold one. White space is what
:meth:`str.isspace` says it is, spelt out so that JSON Schema agrees."""

LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
"""Half of a UTF-16 surrogate pair: not a character, and not valid in UTF-8."""

PERIOD_DIGITS = 6
"""The most digits of each number in a period (``P999999D`` at most)."""
PERIOD_PATTERN = re.compile(
    rf"P(?!$)(?:[0-9]{{1,{PERIOD_DIGITS}}}Y)?(?:[0-9]{{1,{PERIOD_DIGITS}}}M)?"
    rf"(?:[0-9]{{1,{PERIOD_DIGITS}}}D)?",
    re.ASCII,
)
"""A period as a document writes it: ``PnYnMnD``, each part optional, one at least."""


@attrs.frozen
class Accepts:
    """What a field accepts, told to people and to JSON Schema.

    Attributes:
        expected: The accepted values, in words (``"an id: …"``).
        string: For text and number fields, the JSON Schema of the value
            (a string's pattern, a number's range); ``None`` for values of a
            class (:attr:`kind`).
        kind: For fields holding objects, dates, periods or enumeration
            members: their class, which the format writes in its own way.
        many: A tuple of such values (a JSON array).
        unique: No value twice in the tuple.
        optional: ``None`` is accepted too (JSON ``null``).
        item: For a tuple, what each of its values must be, in words.
    """

    expected: str
    string: Mapping[str, Any] | None = None
    kind: type | None = None
    many: bool = False
    unique: bool = False
    optional: bool = False
    item: str = ""


_ACCEPTS: dict[object, Accepts] = {}


def accepts(check: object) -> Accepts | None:
    """What a field whose validator is ``check`` accepts; ``None`` for other validators."""
    try:
        return _ACCEPTS.get(check)
    except TypeError:  # an unhashable validator is none of these
        return None


def _declare(check: Check, accepted: Accepts) -> Check:
    _ACCEPTS[check] = accepted
    return check


def _pattern(regex: re.Pattern[str], *, whole: bool = True) -> dict[str, Any]:
    source = f"^{regex.pattern}$" if whole else regex.pattern
    return {"type": "string", "pattern": source}


# -- field checks ---------------------------------------------------------------


def fail(instance: object, attribute: attrs.Attribute[Any], value: object, reason: str) -> None:
    """Refuse a value: raise the :class:`ModelError` that names the field and the reason."""
    raise ModelError(type(instance).__name__, attribute.name, value, reason)


_ID_WORDS = "an id: a letter or digit, then up to 127 letters, digits, '.', '_' or '-'"
_TEXT_WORDS = "a non-empty string"
_TAG_WORDS = "a lowercase tag such as 'nuclear_test'"


def _is_tuple(value: object) -> TypeGuard[tuple[object, ...]]:
    return isinstance(value, tuple)


def _an_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or ID_PATTERN.fullmatch(value) is None:
        fail(instance, attribute, value, _ID_WORDS)


def _optional_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _an_id(instance, attribute, value)


_EMPTY: tuple[()] = ()
"""The empty tuple, the default of most tuple fields: nothing in it to check."""


def _all_match(pattern: re.Pattern[str], items: tuple[object, ...]) -> bool:
    """Whether every item is a string the pattern matches whole, tested in one pass in C.

    With the shortcut for an empty tuple, it takes 6 % of the instructions off
    ``io.loads`` of generated records (``benchmarks/instructions.py``).
    """
    try:
        return all(map(pattern.fullmatch, items))  # type: ignore[arg-type]  # TypeError if not str
    except TypeError:  # an item that is not a string
        return False


def _ids(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is _EMPTY:
        return
    if not _is_tuple(value):
        fail(instance, attribute, value, "a tuple of ids")
        return
    if not _all_match(ID_PATTERN, value):
        for item in value:
            if not isinstance(item, str) or ID_PATTERN.fullmatch(item) is None:
                fail(instance, attribute, value, f"a tuple of ids; {item!r} is not an id")
    if len(value) > 1 and len(set(value)) != len(value):
        fail(instance, attribute, value, "ids without repeats")


def _subject(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or SUBJECT_PATTERN.fullmatch(value) is None:
        fail(instance, attribute, value, "an id, or AGREEMENT/PARTY for a participation")


def _state(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        fail(instance, attribute, value, "a str")
    elif not SLUG.fullmatch(value):
        fail(instance, attribute, value, "a lowercase state name such as 'in_effect'")


def _text_fault(value: object) -> str | None:
    """Why a value is not text a document can hold, or ``None`` if it is."""
    if not isinstance(value, str) or NON_BLANK.search(value) is None:
        return _TEXT_WORDS
    if not value.isascii():
        lone = LONE_SURROGATE.search(value)
        if lone is not None:
            return (
                f"valid Unicode text; U+{ord(lone[0]):04X} at index {lone.start()} "
                "is half of a surrogate pair, not a character"
            )
    return None


def _text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    fault = _text_fault(value)
    if fault is not None:
        fail(instance, attribute, value, fault)


def _optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _text(instance, attribute, value)


def _slugs(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not _EMPTY and (not _is_tuple(value) or not _all_match(SLUG, value)):
        fail(instance, attribute, value, "a tuple of lowercase tags such as 'nuclear_test'")


def _texts(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not _is_tuple(value):
        fail(instance, attribute, value, "a tuple of non-empty strings")
        return
    for item in value:
        fault = _text_fault(item)
        if fault is not None:
            fail(instance, attribute, value, f"a tuple of non-empty strings; {item!r}: {fault}")


_TEXT = _pattern(NON_BLANK, whole=False)

an_id = _declare(_an_id, Accepts(_ID_WORDS, _pattern(ID_PATTERN)))
"""An id (:data:`ID_PATTERN`)."""
optional_id = _declare(_optional_id, Accepts(_ID_WORDS, _pattern(ID_PATTERN), optional=True))
"""An id or ``None``."""
ids = _declare(
    _ids,
    Accepts("ids without repeats", _pattern(ID_PATTERN), many=True, unique=True, item=_ID_WORDS),
)
"""A tuple of ids, none twice."""
subject = _declare(
    _subject,
    Accepts("an id, or AGREEMENT/PARTY for a participation", _pattern(SUBJECT_PATTERN)),
)
"""A transition's subject (:data:`SUBJECT_PATTERN`)."""
state = _declare(_state, Accepts("a lowercase state name such as 'in_effect'", _pattern(SLUG)))
"""A lifecycle state's name."""
text = _declare(_text, Accepts(_TEXT_WORDS, _TEXT))
"""Text with a character that is not white space, and no lone surrogate."""
optional_text = _declare(_optional_text, Accepts(_TEXT_WORDS, _TEXT, optional=True))
"""Text or ``None``."""
slugs = _declare(
    _slugs,
    Accepts("a tuple of lowercase tags", _pattern(SLUG), many=True, item=_TAG_WORDS),
)
"""A tuple of lowercase tags."""
texts = _declare(
    _texts, Accepts("a tuple of non-empty strings", _TEXT, many=True, item=_TEXT_WORDS)
)
"""A tuple of texts."""


# -- values of a class ------------------------------------------------------------


def _period_fault(value: Period) -> str | None:
    limit = 10**PERIOD_DIGITS
    for part in (value.years, value.months, value.days):
        if type(part) is not int or not 0 <= part < limit:
            return f"a period of whole numbers from 0 to {limit - 1}"
    return None


_FAULTS: dict[type, Callable[[Any], str | None]] = {Period: _period_fault}
"""Checks of a class's values beyond their class, where the class allows more than a
document can hold (``Period(months=-3)``)."""


def _article(name: str) -> str:
    return f"an {name}" if name[0] in "AEIOU" else f"a {name}"


def of(kind: type) -> Check:
    """A check that the value is an instance of ``kind``."""
    fault = _FAULTS.get(kind)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            fail(instance, attribute, value, f"a {kind.__name__}")
        elif fault is not None and (reason := fault(value)) is not None:
            fail(instance, attribute, value, reason)

    return _declare(check, Accepts(_article(kind.__name__), kind=kind))


def optional_of(kind: type) -> Check:
    """A check that the value is an instance of ``kind`` or ``None``."""
    single = of(kind)

    def optional(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            single(instance, attribute, value)

    return _declare(optional, Accepts(_article(kind.__name__), kind=kind, optional=True))


def tuple_of(kind: type) -> Check:
    """A check that the value is a tuple of instances of ``kind``."""
    fault = _FAULTS.get(kind)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is _EMPTY:
            return
        if not _is_tuple(value) or not all(map(kind.__instancecheck__, value)):
            fail(instance, attribute, value, f"a tuple of {kind.__name__}")
        elif fault is not None:
            for item in value:
                if (reason := fault(item)) is not None:
                    fail(instance, attribute, value, reason)

    words = f"a tuple of {kind.__name__}"
    return _declare(check, Accepts(words, kind=kind, many=True, item=_article(kind.__name__)))


RULE_CODE = re.compile(r"[A-Z]{2,4}[0-9]{3}", re.ASCII)
"""What a rule code looks like: two to four capital letters, then three digits
(``AC504``; ``AC`` is the built-in rules', any other prefix a custom rule's)."""

JSON_PATH = re.compile(r"\$(?:\.[a-z_]+|\[[0-9]+\])*", re.ASCII)
"""A JSON path into the canonical format, as the validator gives them
(``$.transitions[6].date``)."""

_RULE_CODE_WORDS = "a rule code such as 'AC504': 2-4 capitals, 3 digits"
_JSON_PATH_WORDS = "a JSON path such as '$.transitions[6].date'"


def _rule_code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or RULE_CODE.fullmatch(value) is None:
        fail(instance, attribute, value, _RULE_CODE_WORDS)


def _optional_subject(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _subject(instance, attribute, value)


def _optional_json_path(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or JSON_PATH.fullmatch(value) is None):
        fail(instance, attribute, value, _JSON_PATH_WORDS)


rule_code = _declare(_rule_code, Accepts(_RULE_CODE_WORDS, _pattern(RULE_CODE)))
"""A validator rule's code (:data:`RULE_CODE`)."""
optional_subject = _declare(
    _optional_subject,
    Accepts(
        "an id, or AGREEMENT/PARTY for a participation",
        _pattern(SUBJECT_PATTERN),
        optional=True,
    ),
)
"""A subject (:data:`SUBJECT_PATTERN`) or ``None``."""
optional_json_path = _declare(
    _optional_json_path, Accepts(_JSON_PATH_WORDS, _pattern(JSON_PATH), optional=True)
)
"""A JSON path into the format (:data:`JSON_PATH`) or ``None``."""


# -- codes for joining with other data -------------------------------------------------

ISO_ALPHA3 = re.compile(r"[A-Z]{3}", re.ASCII)
"""An ISO 3166-1 alpha-3 country code (``USA``, ``PRK``, ``SUN`` for the Soviet Union)."""

COW_CODES = range(1, 1000)
"""The Correlates of War state numbers: whole numbers from 1 to 999 (``USA`` 2, ``RUS`` 365)."""

_ISO_WORDS = "an ISO 3166-1 alpha-3 code: three capital letters such as 'PRK'"
_COW_WORDS = "a Correlates of War state number: a whole number from 1 to 999"


def _optional_iso_alpha3(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or ISO_ALPHA3.fullmatch(value) is None):
        fail(instance, attribute, value, _ISO_WORDS)


def _optional_cow_code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (type(value) is not int or value not in COW_CODES):
        fail(instance, attribute, value, _COW_WORDS)


optional_iso_alpha3 = _declare(
    _optional_iso_alpha3, Accepts(_ISO_WORDS, _pattern(ISO_ALPHA3), optional=True)
)
"""An ISO 3166-1 alpha-3 code (:data:`ISO_ALPHA3`) or ``None``."""
optional_cow_code = _declare(
    _optional_cow_code,
    Accepts(
        _COW_WORDS,
        {"type": "integer", "minimum": COW_CODES.start, "maximum": COW_CODES.stop - 1},
        optional=True,
    ),
)
"""A Correlates of War state number (:data:`COW_CODES`) or ``None``."""
