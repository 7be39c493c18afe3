"""Rules of your own: declared with a code, a severity and a check, run beside the built-in ones.

A custom rule's code is two to four capital letters that do not begin with
``AC`` (the built-in rules' prefix), then three digits: ``HR101``. Its findings
get the same treatment as the built-in rules': JSON paths, record order,
select and ignore, severities, acknowledgements, and the text, JSON and SARIF
output of the command line.

Rules reach the command line through the ``armscontrol.rules`` entry point
group (:data:`ENTRY_POINT_GROUP`) or a configuration file's ``rules`` list
(``"module:NAME"`` or ``"path/to/file.py:NAME"``; :func:`load_rules`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias, cast

import attrs

from armscontrol.exceptions import ModelError, RuleError
from armscontrol.model import Record
from armscontrol.validation._severity import Severity

if TYPE_CHECKING:
    from armscontrol.index import Index

ENTRY_POINT_GROUP = "armscontrol.rules"
"""The entry point group under which installed packages register their rules.

Each entry point names a :class:`CustomRule` or an iterable of them, e.g. in
``pyproject.toml``: ``[project.entry-points."armscontrol.rules"]``, then
``house = "house_rules:RULES"``.
"""

CUSTOM_CODE = re.compile(r"(?!AC)[A-Z]{2,4}[0-9]{3}", re.ASCII)
"""A custom rule's code: 2-4 capitals not beginning with ``AC``, then three digits."""

_PATH = re.compile(r"\$(?:\.[a-z_]+|\[[0-9]+\])*", re.ASCII)


def _path(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or _PATH.fullmatch(value) is None:
        reason = "a JSON path into the record, such as '$.sources[3].locator'"
        raise ModelError(type(instance).__name__, attribute.name, value, reason)


def _text(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ModelError(type(instance).__name__, attribute.name, value, "a non-empty string")


@attrs.frozen
class Finding:
    """One finding of a custom rule: where it is, what it is about, and what is wrong.

    The rule's code and severity are added by the validator, which turns each
    finding into a :class:`~armscontrol.validation.Diagnostic`.

    Attributes:
        path: Where, as a JSON path into the canonical format:
            ``$.sources[3].locator``. Findings are put in record order by it.
        message: What was found, and what would fix it.
        subject: The id of the object at fault, if there is one; acknowledgements
            name it.
    """

    path: str = attrs.field(validator=_path)
    message: str = attrs.field(validator=_text)
    subject: str | None = None


Check: TypeAlias = "Callable[[Record, Index], Iterable[Finding]]"
"""What a custom rule runs: given the record and its derived index
(:func:`armscontrol.index.index_of`), it yields the rule's findings."""


def _code(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    del instance, attribute
    if not isinstance(value, str) or CUSTOM_CODE.fullmatch(value) is None:
        shown = value if isinstance(value, str) else None
        reason = (
            f"code {value!r} is not a custom rule's code: 2-4 capitals that do not begin "
            "with AC (the built-in rules' prefix), then 3 digits, such as 'HR101'"
        )
        raise RuleError(shown, reason)


def severity_of(value: Severity | str, code: str | None = None) -> Severity:
    """``value`` as a :class:`Severity`.

    Raises:
        RuleError: It is not one (``code`` names the rule it is for).
    """
    try:
        return Severity(value)
    except ValueError:
        allowed = ", ".join(map(str, Severity))
        msg = f"severity {value!r} is not one of {allowed}"
        raise RuleError(code, msg) from None


def _severity(instance: object, attribute: attrs.Attribute[Severity], value: object) -> None:
    del attribute
    if not isinstance(value, Severity):
        severity_of(cast("str", value), getattr(instance, "code", None))


def _nonempty(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        code = getattr(instance, "code", None)
        raise RuleError(code, f"its {attribute.name} must be a non-empty string")


def _callable(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    del attribute
    if not callable(value):
        raise RuleError(getattr(instance, "code", None), "its check must be callable")


@attrs.frozen
class CustomRule:
    """A validation rule of your own, run by :func:`~armscontrol.validation.validate` when given.

    Declare one with :func:`custom_rule` on its check function, or build it
    directly. Give it to ``validate(record, rules=[...])``, or register it under
    the ``armscontrol.rules`` entry point group for the command line.

    Attributes:
        code: A code in your own namespace: 2-4 capitals that do not begin with
            ``AC``, then three digits (``HR101``).
        severity: The severity of its findings.
        title: A short name, as the rule catalogue gives them.
        summary: One paragraph: what it finds and why it matters.
        check: The function that finds: ``check(record, index)`` yields
            :class:`Finding` objects.
        family: What kind of rule it is, for listings (``"custom"`` unless given).
        sample: A message it gives, shown by ``armscontrol rules CODE``.
        url: Where the rule is documented; SARIF output links to it.
    """

    code: str = attrs.field(validator=_code)
    severity: Severity = attrs.field(validator=_severity)
    title: str = attrs.field(validator=_nonempty)
    summary: str = attrs.field(validator=_nonempty)
    check: Check = attrs.field(validator=_callable, eq=False)
    family: str = attrs.field(default="custom", validator=_nonempty)
    sample: str | None = None
    url: str | None = None

    def __attrs_post_init__(self) -> None:
        # A severity given by its value ("warning") is kept as the enum member, and the
        # summary as one paragraph, as the catalogue's are, however it was indented.
        object.__setattr__(self, "severity", Severity(self.severity))
        object.__setattr__(self, "summary", " ".join(self.summary.split()))


def custom_rule(
    code: str,
    severity: Severity | str,
    title: str,
    *,
    summary: str | None = None,
    family: str = "custom",
    sample: str | None = None,
    url: str | None = None,
) -> Callable[[Check], CustomRule]:
    """Declare a rule from its check function: ``@custom_rule("HR101", "warning", "...")``.

    The summary is the function's docstring unless given. The decorated name is
    the :class:`CustomRule`.

    Raises:
        RuleError: The code is not in a custom namespace, the severity is not
            one, or the rule has no summary.
    """

    def declare(check: Check) -> CustomRule:
        text = summary if summary is not None else (getattr(check, "__doc__", None) or "")
        grade = severity_of(severity, code)
        return CustomRule(code, grade, title, text, check, family, sample, url)

    return declare


# -- gathering rules --------------------------------------------------------------------


def rules_in(value: object, origin: str) -> tuple[CustomRule, ...]:
    """The rules ``value`` holds: a :class:`CustomRule`, or an iterable of them.

    Raises:
        RuleError: ``value`` is neither; the message names ``origin``.
    """
    kind = type(value).__name__
    if isinstance(value, CustomRule):
        return (value,)
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        items = tuple(cast("Iterable[object]", value))
        rules = tuple(item for item in items if isinstance(item, CustomRule))
        if len(rules) == len(items):
            return rules
    msg = f"{origin} gives {kind}, not a CustomRule or an iterable of them"
    raise RuleError(None, msg)


def checked(rules: Iterable[CustomRule]) -> tuple[CustomRule, ...]:
    """The rules, refused if any is not a :class:`CustomRule` or two share a code.

    Raises:
        RuleError: The first rule that cannot be used with the others.
    """
    seen: dict[str, CustomRule] = {}
    for rule in rules:
        if not isinstance(rule, CustomRule):  # pyright: ignore[reportUnnecessaryIsInstance]  # callers' types are not checked
            msg = f"{rule!r} is not a CustomRule"
            raise RuleError(None, msg)
        other = seen.setdefault(rule.code, rule)
        if other is not rule and other != rule:
            msg = f"two rules share the code: {other.title!r} and {rule.title!r}"
            raise RuleError(rule.code, msg)
    return tuple(seen.values())


def registered_rules() -> tuple[CustomRule, ...]:
    """The rules installed packages register under :data:`ENTRY_POINT_GROUP`, by code.

    Raises:
        RuleError: An entry point does not load, gives something that is not a
            rule, or gives a code another rule has.
    """
    # Loaded here, not with the package: importlib.metadata costs more to import than
    # the whole model, and only the command line asks for registered rules.
    import importlib.metadata  # noqa: PLC0415

    found: list[CustomRule] = []
    for point in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        origin = f"entry point {point.name!r} ({point.value})"
        try:
            value = point.load()
        except Exception as exc:  # any failure of someone else's import
            msg = f"{origin} does not load: {type(exc).__name__}: {exc}"
            raise RuleError(None, msg) from exc
        found.extend(rules_in(value, origin))
    return tuple(sorted(checked(found), key=_CODE))


def load_rules(spec: str, base: Path | None = None) -> tuple[CustomRule, ...]:
    """The rules named by ``"module:NAME"`` or ``"path/to/file.py:NAME"``.

    Args:
        spec: An importable module, or a Python file (relative to ``base``), then
            a colon and the name of a :class:`CustomRule` or an iterable of them.
        base: The folder a relative file path starts from (default: the current one).

    Raises:
        RuleError: The spec is malformed, or the module or name is not there, or
            it does not give rules.
    """
    where, colon, name = spec.rpartition(":")
    if not colon or not where or not name.isidentifier():
        msg = f"rules {spec!r}: expected 'module:NAME' or 'path/to/file.py:NAME'"
        raise RuleError(None, msg)
    try:
        module = _module(where, base)
    except Exception as exc:  # any failure of someone else's import
        msg = f"rules {spec!r}: {where} does not load: {type(exc).__name__}: {exc}"
        raise RuleError(None, msg) from exc
    if not hasattr(module, name):
        msg = f"rules {spec!r}: {where} has no {name!r}"
        raise RuleError(None, msg)
    return rules_in(getattr(module, name), f"rules {spec!r}")


def _module(where: str, base: Path | None) -> Any:
    import importlib.util  # noqa: PLC0415 - see registered_rules

    if not where.endswith(".py"):
        return importlib.import_module(where)
    path = Path(where)
    if not path.is_absolute() and base is not None:
        path = base / path
    path = path.resolve()
    name = f"_armscontrol_rules_{abs(hash(str(path)))}"
    loaded = sys.modules.get(name)
    if loaded is not None:
        return loaded
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None or not path.is_file():
        msg = f"no such file: {path}"
        raise FileNotFoundError(msg)
    module = importlib.util.module_from_spec(spec)
    # Registered before it runs, as an import would, so dataclasses and pickling work.
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


# -- running them ---------------------------------------------------------------------


def run(rules: Sequence[CustomRule], record: Record) -> Iterator[tuple[str, Finding]]:
    """Each finding of each rule, with the rule's code.

    Raises:
        RuleError: A rule's check raised (the exception is the cause), or gave
            something that is not a :class:`Finding`.
    """
    if not rules:
        return
    from armscontrol.index import index_of  # noqa: PLC0415 - only custom rules need it here

    index = index_of(record)
    for rule in rules:
        try:
            found = list(rule.check(record, index))
        except Exception as exc:  # the rule's own bug, reported as its failure
            msg = f"its check raised {type(exc).__name__}: {exc}"
            raise RuleError(rule.code, msg) from exc
        for finding in found:
            if not isinstance(finding, Finding):  # pyright: ignore[reportUnnecessaryIsInstance]  # users' checks are not type-checked
                msg = f"its check gave {finding!r}, not a Finding"
                raise RuleError(rule.code, msg)
            yield rule.code, finding


_CODE: Callable[[CustomRule], str] = lambda rule: rule.code  # noqa: E731 - a sort key
