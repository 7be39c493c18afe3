"""``diagram`` and ``timeline``: lifecycles and histories drawn.

A timeline's format comes from ``--format``, else from the suffix of ``-o
FILE``, else is Mermaid; a format that contradicts the file is refused. An
agreement drawn as a picture is its dossier.
"""

from __future__ import annotations

import argparse
import mimetypes
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from armscontrol import lifecycle, timeline
from armscontrol.cli import _usage
from armscontrol.cli._commands import LIFECYCLES, UsageError, read_record
from armscontrol.exceptions import UnknownSubjectError
from armscontrol.model import SubjectKind

_HIGHLIGHT = "#fde68a"


def cmd_diagram(args: argparse.Namespace, out: TextIO) -> int:
    target: str = args.target
    visited: tuple[str, ...] = ()
    if target in LIFECYCLES:
        machine = lifecycle.BUILTIN[SubjectKind(target)]
    else:
        record = read_record(args)
        try:
            machine = lifecycle.BUILTIN[record.subject_kind(target)]
        except UnknownSubjectError as exc:
            close = [*_usage.close(target, LIFECYCLES), *exc.suggestions]
            raise UnknownTargetError(target, close) from None
        visited = tuple(dict.fromkeys(t.to for t in record.transitions_of(target)))
        visited = tuple(state for state in visited if state in machine.states)
    if args.format == "dot":
        text = _highlight_dot(machine.to_dot(), visited)
    else:
        text = _highlight_mermaid(machine.to_mermaid(), visited)
    out.write(text)
    return 0


class UnknownTargetError(UnknownSubjectError):
    """``diagram``'s target is neither a lifecycle nor a subject of the record."""

    def __init__(self, target: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(target, suggestions)
        hint = _usage.did_you_mean(self.suggestions)
        self.args = (f"unknown lifecycle or subject {target!r}{hint}",)


def _highlight_mermaid(text: str, states: Sequence[str]) -> str:
    if not states:
        return text
    return (
        text
        + f"    classDef visited fill:{_HIGHLIGHT},stroke:#b45309,stroke-width:2px\n"
        + f"    class {','.join(states)} visited\n"
    )


def _highlight_dot(text: str, states: Sequence[str]) -> str:
    if not states:
        return text
    body, _, _ = text.rstrip("\n").rpartition("}")
    marks = "".join(
        f'    "{state}" [style=filled, fillcolor="{_HIGHLIGHT}"];\n' for state in states
    )
    return f"{body}{marks}}}\n"


BINARY = ("svg", "png")
_SUFFIXES = {".svg": "svg", ".png": "png", ".mmd": "mermaid", ".mermaid": "mermaid"}
_PICTURES = ("image/", "application/pdf", "application/postscript")


def _timeline_format(chosen: str | None, output: str | None) -> str:
    """The format to draw in: ``--format``, else the suffix of ``-o``, else Mermaid.

    Raises:
        UsageError: A picture asked for without a file to write it to, a file
            whose suffix names another format, or a picture format armscontrol
            does not draw (``-o timeline.pdf``).
    """
    if output is None:
        if chosen in BINARY:
            msg = f"--format {chosen} draws a picture into a file: add -o FILE.{chosen}"
            raise UsageError(msg)
        return chosen or "mermaid"
    suffix = Path(output).suffix.lower()
    implied = _SUFFIXES.get(suffix)
    foreign = implied is None and (mimetypes.guess_type(f"x{suffix}")[0] or "").startswith(
        _PICTURES
    )
    if chosen is None and foreign:
        msg = f"-o {output}: armscontrol draws no {suffix} files; name a .svg, .png or .mmd file"
        raise UsageError(msg)
    if chosen is not None and (foreign or implied not in (None, chosen)):
        msg = f"--format {chosen} does not match -o {output}: give a .{_suffix(chosen)} file"
        raise UsageError(msg)
    return chosen or implied or "mermaid"


def _suffix(chosen: str) -> str:
    return "mmd" if chosen == "mermaid" else chosen


def cmd_timeline(args: argparse.Namespace, out: TextIO) -> int:
    output: str | None = args.output
    chosen = _timeline_format(args.format, output)
    record = read_record(args)
    if chosen in BINARY and output is not None:
        dossier = (
            not args.subject_only
            and args.according_to is None
            and record.subject_kind(args.subject) is SubjectKind.AGREEMENT
        )
        timeline.render(
            record,
            args.subject,
            output,
            format=chosen,
            according_to=args.according_to,
            dossier=dossier,
        )
        return 0
    text = timeline.mermaid(record, args.subject, according_to=args.according_to)
    if output is None:
        out.write(text if text.endswith("\n") else text + "\n")
    else:
        Path(output).write_text(text, encoding="utf-8")
    return 0
