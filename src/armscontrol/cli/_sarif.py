"""Validation findings as a SARIF 2.1.0 log, for code-scanning tools and editors.

One run, one tool (``armscontrol``) whose driver lists every rule of the
catalogue, and every custom rule in use. Each finding is a result with its rule
id, its level (``error``, ``warning`` or ``note``), its message, and a location:
the file as the physical location and the JSON path as the logical location's
fully qualified name. A finding the record acknowledges is a result with an
``inSource`` suppression whose justification is the acknowledgement's reason,
so that code-scanning tools show it as suppressed. Problems that stopped a file
from loading are tool execution notifications of the one invocation, which is
then not successful.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
"""Where the SARIF 2.1.0 JSON Schema lives."""

INFORMATION_URI = "https://github.com/armscontrol/armscontrol/blob/main/docs/rules.md"
"""The rule catalogue's address, given as the tool's information URI."""

LEVELS: Mapping[str, str] = {"error": "error", "warning": "warning", "info": "note"}
"""SARIF level of each diagnostic severity."""


class RuleLike(Protocol):
    """What the log needs to know about a rule of the catalogue."""

    @property
    def code(self) -> str:
        """The rule's stable code."""
        ...

    @property
    def severity(self) -> str:
        """Its default severity."""
        ...

    @property
    def family(self) -> str:
        """The rule family it belongs to."""
        ...

    @property
    def title(self) -> str:
        """A one-line title."""
        ...

    @property
    def summary(self) -> str:
        """A paragraph on what it checks."""
        ...


class FindingLike(Protocol):
    """What the log needs to know about one diagnostic."""

    @property
    def code(self) -> str:
        """The rule's code."""
        ...

    @property
    def severity(self) -> str:
        """The diagnostic's severity."""
        ...

    @property
    def message(self) -> str:
        """What was found."""
        ...

    @property
    def subject(self) -> str | None:
        """The id of the subject at fault."""
        ...

    @property
    def path(self) -> str:
        """A JSON path into the record."""
        ...


class ReasonLike(Protocol):
    """What the log needs to know about an acknowledgement."""

    @property
    def reason(self) -> str:
        """Why the finding stands."""
        ...


class AcknowledgedLike(FindingLike, Protocol):
    """A diagnostic with the acknowledgement that covers it."""

    @property
    def acknowledgement(self) -> ReasonLike | None:
        """The acknowledgement."""
        ...


class ProblemLike(Protocol):
    """What the log needs to know about a problem that stopped loading."""

    @property
    def path(self) -> str:
        """A JSON path into the document."""
        ...

    @property
    def message(self) -> str:
        """What is wrong."""
        ...

    @property
    def file(self) -> str | None:
        """The file it came from."""
        ...


def _anchor(heading: str) -> str:
    # The anchor GitHub and MkDocs give a heading of the catalogue ("### AC101 duplicate id").
    return re.sub(r"[^\w\- ]", "", heading).strip().lower().replace(" ", "-")


def help_uri(rule: RuleLike) -> str | None:
    """Where a rule is documented: its own ``url``, or the catalogue's entry for a built-in rule."""
    url: object = getattr(rule, "url", None)
    if isinstance(url, str):
        return url
    if rule.code.startswith("AC"):
        return f"{INFORMATION_URI}#{_anchor(f'{rule.code} {rule.title}')}"
    return None


def _rule(rule: RuleLike) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": rule.code,
        "name": rule.title,
        "shortDescription": {"text": rule.title},
        "fullDescription": {"text": rule.summary},
        "defaultConfiguration": {"level": LEVELS.get(str(rule.severity), "warning")},
    }
    url = help_uri(rule)
    if url is not None:
        entry["helpUri"] = url
    entry["properties"] = {"family": str(rule.family)}
    return entry


def _result(file: str, finding: FindingLike, index: Mapping[str, int]) -> dict[str, Any]:
    logical: dict[str, Any] = {"fullyQualifiedName": finding.path, "kind": "member"}
    if finding.subject is not None:
        logical["name"] = finding.subject
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS.get(str(finding.severity), "warning"),
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {"artifactLocation": {"uri": file}},
                "logicalLocations": [logical],
            }
        ],
    }
    if finding.code in index:
        result["ruleIndex"] = index[finding.code]
    return result


def _notification(problem: ProblemLike) -> dict[str, Any]:
    location: dict[str, Any] = {"logicalLocations": [{"fullyQualifiedName": problem.path}]}
    if problem.file is not None:
        location["physicalLocation"] = {"artifactLocation": {"uri": problem.file}}
    return {"level": "error", "message": {"text": problem.message}, "locations": [location]}


def _suppressed(file: str, finding: AcknowledgedLike, index: Mapping[str, int]) -> dict[str, Any]:
    result = _result(file, finding, index)
    suppression: dict[str, Any] = {"kind": "inSource"}
    if finding.acknowledgement is not None:
        suppression["justification"] = finding.acknowledgement.reason
    result["suppressions"] = [suppression]
    return result


def log(
    findings: Sequence[tuple[str, FindingLike]],
    rules: Mapping[str, RuleLike],
    *,
    version: str,
    problems: Sequence[ProblemLike] = (),
    acknowledged: Sequence[tuple[str, AcknowledgedLike]] = (),
) -> dict[str, Any]:
    """A SARIF 2.1.0 log of validation findings.

    Args:
        findings: Each diagnostic with the file (or dataset file name) it is about.
        rules: The rule catalogue, by code, custom rules included.
        version: The tool's version.
        problems: Problems that stopped an input from loading at all.
        acknowledged: Findings the records acknowledge, each with its file;
            they follow the others, as suppressed results.

    Returns:
        The log as plain JSON data.
    """
    ordered = sorted(rules.values(), key=lambda rule: rule.code)
    index = {rule.code: position for position, rule in enumerate(ordered)}
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "armscontrol",
                "version": version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule(rule) for rule in ordered],
            }
        },
        "invocations": [
            {
                "executionSuccessful": not problems,
                "toolExecutionNotifications": [_notification(p) for p in problems],
            }
        ],
        "results": [
            *(_result(file, finding, index) for file, finding in findings),
            *(_suppressed(file, finding, index) for file, finding in acknowledged),
        ],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
