"""What each field of the model accepts: the checks run when an object is built."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeGuard

import attrs

from armscontrol.exceptions import ModelError

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}", re.ASCII)
"""What an id looks like: a letter or digit, then up to 127 letters, digits,
``.``, ``_`` or ``-`` (``leap-day-2012``, ``PRK``, ``unsc-2087``)."""

SLUG = re.compile(r"[a-z0-9][a-z0-9_]*", re.ASCII)

# -- field checks ---------------------------------------------------------------


def _is_tuple(value: object) -> TypeGuard[tuple[object, ...]]:
    return isinstance(value, tuple)


def fail(instance: object, attribute: attrs.Attribute[Any], value: object, reason: str) -> None:
    raise ModelError(type(instance).__name__, attribute.name, value, reason)


def an_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or ID_PATTERN.fullmatch(value) is None:
        fail(instance, attribute, value, "an id: a letter or digit, then letters, digits, . _ -")


def optional_id(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        an_id(instance, attribute, value)


def ids(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not _is_tuple(value):
        fail(instance, attribute, value, "a tuple of ids")
        return
    for item in value:
        if not isinstance(item, str) or ID_PATTERN.fullmatch(item) is None:
            fail(instance, attribute, value, f"a tuple of ids; {item!r} is not an id")
    if len(set(value)) != len(value):
        fail(instance, attribute, value, "ids without repeats")


def subject(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, str):
        head, _, tail = value.partition("/")
        if ID_PATTERN.fullmatch(head) and (not tail or ID_PATTERN.fullmatch(tail)):
            return
    fail(instance, attribute, value, "an id, or AGREEMENT/PARTY for a participation")


def text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        fail(instance, attribute, value, "a non-empty string")


def optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        text(instance, attribute, value)


def slugs(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not _is_tuple(value) or not all(
        isinstance(item, str) and SLUG.fullmatch(item) for item in value
    ):
        fail(instance, attribute, value, "a tuple of lowercase tags such as 'nuclear_test'")


def texts(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not _is_tuple(value) or not all(isinstance(i, str) and i.strip() for i in value):
        fail(instance, attribute, value, "a tuple of non-empty strings")


def of(kind: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, kind):
            fail(instance, attribute, value, f"a {kind.__name__}")

    return check


def optional_of(kind: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    check = of(kind)

    def optional(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            check(instance, attribute, value)

    return optional


def tuple_of(kind: type) -> Callable[[object, attrs.Attribute[Any], object], None]:
    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not _is_tuple(value) or not all(isinstance(item, kind) for item in value):
            fail(instance, attribute, value, f"a tuple of {kind.__name__}")

    return check


RULE_CODE = re.compile(r"[A-Z]{2,4}[0-9]{3}", re.ASCII)
"""What a rule code looks like: two to four capital letters, then three digits
(``AC504``; ``AC`` is the built-in rules', any other prefix a custom rule's)."""

JSON_PATH = re.compile(r"\$(?:\.[a-z_]+|\[[0-9]+\])*", re.ASCII)
"""A JSON path into the canonical format, as the validator gives them
(``$.transitions[6].date``)."""


def rule_code(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or RULE_CODE.fullmatch(value) is None:
        fail(instance, attribute, value, "a rule code such as 'AC504': 2-4 capitals, 3 digits")


def optional_subject(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        subject(instance, attribute, value)


def optional_json_path(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or JSON_PATH.fullmatch(value) is None):
        fail(instance, attribute, value, "a JSON path such as '$.transitions[6].date'")
