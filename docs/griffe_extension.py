"""What the API reference needs to know that the source does not say in one place.

A Griffe extension, loaded by mkdocstrings (mkdocs.yml):

* **attrs classes get their constructor.** attrs writes ``__init__`` when the
  class is made, so the source has none to document. Like Griffe's own support
  for dataclasses, this builds it from the fields, in order: the name attrs
  gives the argument (a leading underscore dropped, or the field's ``alias``),
  its annotation, and its default (``default=``, ``factory=`` or a plain value);
  fields with ``init=False`` are left out, ``kw_only`` ones are keyword-only.
  With ``merge_init_into_class`` the class's heading shows the signature, so a
  reader sees which fields are required and what the others default to.
* **States say what they mean.** The members of the state enumerations
  (``AgreementState.IN_EFFECT`` …) are documented by the built-in lifecycles'
  one-line descriptions, the text the lifecycles page and the diagrams use, so
  the meaning is written once.
"""

from __future__ import annotations

from typing import Any

import griffe

_ATTRS_DECORATORS = {
    f"{module}.{name}"
    for module in ("attrs", "attr")
    for name in ("define", "frozen", "mutable", "s", "attrs", "dataclass")
}
_FIELD_CALLS = {"attrs.field", "attr.field", "attr.ib", "attr.attrib"}


def _decorator_arguments(cls: griffe.Class) -> dict[str, Any] | None:
    """The arguments of the class's attrs decorator, or None if it has none."""
    for decorator in cls.decorators:
        value = decorator.value
        if not isinstance(value, griffe.Expr) or value.canonical_path not in _ATTRS_DECORATORS:
            continue
        if isinstance(value, griffe.ExprCall):
            return {arg.name: arg.value for arg in value.arguments if hasattr(arg, "name")}
        return {}
    return None


def _field_arguments(attribute: griffe.Attribute) -> dict[str, Any] | None:
    value = attribute.value
    if isinstance(value, griffe.ExprCall) and value.canonical_path in _FIELD_CALLS:
        return {arg.name: arg.value for arg in value.arguments if hasattr(arg, "name")}
    return None


def _parameters(cls: griffe.Class, *, kw_only: bool) -> list[griffe.Parameter]:
    parameters = []
    for member in cls.members.values():
        if not isinstance(member, griffe.Attribute) or member.annotation is None:
            continue
        if "instance-attribute" not in member.labels:
            continue  # a ClassVar, not a field
        field = _field_arguments(member)
        arguments = field or {}
        if str(arguments.get("init", "True")) == "False":
            continue
        if "factory" in arguments:
            default: str | griffe.Expr | None = griffe.ExprCall(arguments["factory"], [])
        elif "default" in arguments:
            default = arguments["default"]
        else:
            default = None if field is not None else member.value
        alias = arguments.get("alias")
        name = str(alias).strip("'\"") if alias is not None else member.name.lstrip("_")
        keyword_only = kw_only or str(arguments.get("kw_only", "False")) == "True"
        kind = (
            griffe.ParameterKind.keyword_only
            if keyword_only
            else griffe.ParameterKind.positional_or_keyword
        )
        parameters.append(
            griffe.Parameter(name, annotation=member.annotation, kind=kind, default=default)
        )
    return parameters


def _add_attrs_init(cls: griffe.Class) -> None:
    arguments = _decorator_arguments(cls)
    if arguments is None or "__init__" in cls.members or str(arguments.get("init")) == "False":
        return
    kw_only = str(arguments.get("kw_only", "False")) == "True"
    parameters = []
    for parent in reversed(cls.mro()):
        inherited = _decorator_arguments(parent)
        if inherited is not None:
            parameters += _parameters(parent, kw_only=str(inherited.get("kw_only")) == "True")
    parameters += _parameters(cls, kw_only=kw_only)
    by_name = {parameter.name: parameter for parameter in parameters}
    ordered = sorted(by_name.values(), key=lambda p: p.kind is griffe.ParameterKind.keyword_only)
    init = griffe.Function(
        "__init__",
        lineno=cls.lineno,
        endlineno=cls.lineno,
        parent=cls,
        parameters=griffe.Parameters(
            griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword),
            *ordered,
        ),
        returns="None",
    )
    cls.set_member("__init__", init)
    cls.labels.add("attrs")


def _describe_states(module: griffe.Module) -> None:
    from armscontrol.lifecycle import BUILTIN  # noqa: PLC0415 - only when the model is documented

    for kind, lifecycle in BUILTIN.items():
        name = f"{kind.value.capitalize()}State"
        if name not in module.members:
            continue
        enum = module.members[name]
        if enum.is_alias:  # re-exported by the package's door from the module that defines it
            enum = enum.final_target
        for member in enum.members.values():
            if not isinstance(member, griffe.Attribute) or member.docstring is not None:
                continue
            state = str(member.value).strip("'\"")
            if state in lifecycle.descriptions:
                member.docstring = griffe.Docstring(
                    lifecycle.descriptions[state], parent=member, lineno=member.lineno
                )


def _walk(node: griffe.Module | griffe.Class, seen: set[str]) -> None:
    if node.path in seen:
        return
    seen.add(node.path)
    if isinstance(node, griffe.Class):
        _add_attrs_init(node)
    for member in node.members.values():
        if not member.is_alias and isinstance(member, griffe.Module | griffe.Class):
            _walk(member, seen)


class ArmscontrolReference(griffe.Extension):
    """Constructors for attrs classes; meanings for the built-in states."""

    def on_package(self, *, pkg: griffe.Module, **_: Any) -> None:
        """Complete the loaded package before it is rendered."""
        _walk(pkg, set())
        if "model" in pkg.members and isinstance(pkg.members["model"], griffe.Module):
            _describe_states(pkg.members["model"])
