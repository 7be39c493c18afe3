"""The ``armscontrol`` command: validate records, ask for statuses and histories, draw.

Every command reads a record from a JSON file or folder, standard input
(``-``), or a bundled dataset (``--dataset NAME``, by default ``korea``). Text
output is for people, and tells the story: titles and citations rather than ids
(``--ids`` for those); ``--format json`` is for programs; ``validate --format
sarif`` is for code-scanning tools.

Exit status: 0 when all went well and nothing was found, 1 when ``validate``
found errors (with ``--error-on warning`` or ``--strict``, warnings too), 2 for
bad input or bad usage, with a message on standard error that says where and what,
and 141 (:data:`PIPE_CLOSED`) when the reader of standard output went away.

``validate`` and ``rules`` read their settings from ``armscontrol.toml`` or the
``[tool.armscontrol]`` table of ``pyproject.toml``, the nearest looking upwards
from the current folder; options on the command line win.

This is the only module of armscontrol that prints or exits; nothing imports it.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TextIO

from armscontrol import datasets
from armscontrol.cli import _commands as cmd
from armscontrol.cli import _completion as completing
from armscontrol.cli import _drawing as draw
from armscontrol.cli import _export, _usage
from armscontrol.cli import _format as fmt
from armscontrol.exceptions import (
    ArmsControlError,
    LoadError,
)

__all__ = ["PIPE_CLOSED", "main"]

_Handler = Callable[[argparse.Namespace, TextIO], int]


# -- the parser -------------------------------------------------------------------

_DESCRIPTION = """\
Validate records of arms-control agreements, ask for the status and history of
agreements, commitments, participations and violations, and draw lifecycles and
timelines. Records come from a JSON file or folder, standard input (-), or a
bundled dataset (--dataset NAME; without one, the 'korea' dataset).

exit status: 0 fine, 1 validation found errors (--error-on warning: or
warnings), 2 bad input or bad usage, 130 interrupted, 141 the reader of the
output went away."""

_EPILOGS = {
    "main": """\
examples:
  armscontrol validate
  armscontrol validate records/ --format sarif > findings.sarif
  cat record.json | armscontrol validate -
  armscontrol status leap-day-2012 --on 2012-05
  armscontrol history leap-day-2012 --according-to PRK
  armscontrol diagram agreement --format dot
  armscontrol datasets""",
    "validate": """\
examples:
  armscontrol validate                          # the bundled 'korea' dataset
  armscontrol validate --verbose                # every warning and note too
  armscontrol validate --dataset inf --strict
  armscontrol validate leap-day.json npt.json
  armscontrol validate records/ --format json
  armscontrol validate records/ --format sarif > findings.sarif
  armscontrol validate --select AC3,AC4 --ignore AC504
  armscontrol validate --severity AC506=error --error-on warning
  armscontrol validate --show-acknowledged

settings: armscontrol.toml, or [tool.armscontrol] in pyproject.toml, the
nearest from the current folder upwards; options given here win.""",
    "status": """\
examples:
  armscontrol status leap-day-2012 --on 2012-03
  armscontrol status leap-day-2012 --on 2012-04 --at end
  armscontrol status leap-day-2012 --on 2012-05 --according-to PRK
  armscontrol status npt/PRK --on 2003-02 --format json
  armscontrol status inf --on 2019-09 --dataset inf""",
    "history": """\
examples:
  armscontrol history leap-day-2012
  armscontrol history leap-day-2012 --ids       # by ids, for scripts
  armscontrol history leap-day-2012 --according-to USA
  armscontrol history npt/PRK --format json
  armscontrol history prk-npt-withdrawal-effective   # an event: its dates, sources""",
    "diagram": """\
examples:
  armscontrol diagram agreement
  armscontrol diagram participation --format dot | dot -Tsvg > participation.svg
  armscontrol diagram leap-day-2012            # its states highlighted""",
    "timeline": """\
examples:
  armscontrol timeline leap-day-2012
  armscontrol timeline leap-day-2012 -o leap-day.svg      # the agreement's dossier
  armscontrol timeline leap-day-2012 --subject-only -o leap-day-alone.svg
  armscontrol timeline npt/PRK --format png -o npt-prk.png""",
    "schema": """\
example:
  armscontrol schema > armscontrol.schema.json""",
    "datasets": """\
examples:
  armscontrol datasets
  armscontrol datasets --format json""",
    "rules": """\
examples:
  armscontrol rules
  armscontrol rules AC401                       # one rule, with a sample message
  armscontrol rules AC5                         # a family
  armscontrol rules --format json""",
    "completion": """\
examples:
  armscontrol completion bash > ~/.local/share/bash-completion/completions/armscontrol
  armscontrol completion zsh > ~/.zfunc/_armscontrol   # with fpath+=(~/.zfunc) in ~/.zshrc""",
}


def _sub(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],  # pyright: ignore[reportPrivateUsage]  # argparse has no public name for it
    name: str,
    handler: _Handler,
    summary: str,
    common: argparse.ArgumentParser,
) -> argparse.ArgumentParser:
    parser = commands.add_parser(
        name,
        help=summary,
        description=f"{summary[0].upper()}{summary[1:]}.",
        epilog=_EPILOGS[name],
        parents=[common],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(handler=handler, parser=parser)
    return parser


def _source(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="a record: a JSON file, a folder of them, or - for standard input",
    )
    _dataset_option(parser)


def _dataset_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dataset",
        metavar="NAME",
        help=f"a bundled dataset instead of PATH (default: {datasets.DEFAULT})",
    )


def _formats(parser: argparse.ArgumentParser, *choices: str) -> None:
    parser.add_argument(
        "--format",
        choices=choices,
        default=choices[0],
        help=f"output format (default: {choices[0]})",
    )


def _perspective(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--according-to",
        metavar="PARTY",
        help="only the uncontested transitions and those PARTY asserts",
    )


def _config_options(parser: argparse.ArgumentParser) -> None:
    found = parser.add_mutually_exclusive_group()
    found.add_argument(
        "--config",
        metavar="FILE",
        help="read settings from FILE (armscontrol.toml or pyproject.toml)",
    )
    found.add_argument(
        "--no-config",
        action="store_true",
        help="read no configuration file",
    )


def _ids_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--ids",
        action="store_true",
        help="name subjects, causes and sources by id, as scripts want (text format)",
    )


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--debug",
        action="store_true",
        default=argparse.SUPPRESS,
        help="show the traceback of an error",
    )
    parser = argparse.ArgumentParser(
        prog=cmd.PROG,
        description=_DESCRIPTION,
        epilog=_EPILOGS["main"],
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"{cmd.PROG} {cmd.version()}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an error")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND", required=True)

    check = _sub(
        commands, "validate", cmd.cmd_validate, "check records, report every finding", common
    )
    check.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="JSON files or folders, each its own record; - for standard input",
    )
    _dataset_option(check)
    _formats(check, "text", "json", "sarif")
    check.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="run only these rules: codes or prefixes, comma-separated (AC3,AC504)",
    )
    check.add_argument(
        "--ignore",
        action="append",
        metavar="CODES",
        help="do not run these rules: codes or prefixes, comma-separated",
    )
    check.add_argument(
        "--severity",
        action="append",
        metavar="CODE=LEVEL",
        help="give some rules' findings another severity (AC506=error), comma-separated",
    )
    check.add_argument(
        "--error-on",
        choices=("error", "warning", "info", "note"),
        help="the least severity that makes the exit status 1 (default: error, or the file's)",
    )
    check.add_argument(
        "--strict", action="store_true", help="exit 1 on warnings too, and list them"
    )
    check.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list every finding (by default: those that make the exit status 1)",
    )
    check.add_argument(
        "--show-acknowledged",
        action="store_true",
        help="list the findings the record acknowledges, with their reasons",
    )
    _config_options(check)

    status = _sub(commands, "status", cmd.cmd_status, "the status of a subject on a date", common)
    status.add_argument("subject", metavar="SUBJECT", help="an id, or AGREEMENT/PARTY")
    status.add_argument(
        "--on",
        required=True,
        metavar="DATE",
        help="a date: 2012, 2012-04 … (longer than a day: every state held during it)",
    )
    status.add_argument(
        "--at",
        choices=("start", "end"),
        help="answer for the first or the last instant of --on instead of all of it",
    )
    _perspective(status)
    _source(status)
    _formats(status, "text", "json")
    _ids_option(status)

    history = _sub(
        commands,
        "history",
        cmd.cmd_history,
        "every status change of a subject, or every date of an event",
        common,
    )
    history.add_argument(
        "subject", metavar="SUBJECT", help="an id, or AGREEMENT/PARTY; an event's id for its dates"
    )
    _perspective(history)
    _source(history)
    _formats(history, "text", "json")
    _ids_option(history)

    diagram = _sub(commands, "diagram", draw.cmd_diagram, "draw a lifecycle", common)
    diagram.add_argument(
        "target",
        metavar="LIFECYCLE|SUBJECT",
        help=f"{', '.join(cmd.LIFECYCLES)}, or a subject to draw its lifecycle with its states",
    )
    _source(diagram)
    _formats(diagram, "mermaid", "dot")

    _timeline_command(commands, common)

    _sub(
        commands,
        "schema",
        cmd.cmd_schema,
        "print the JSON Schema of the record format",
        common,
    )
    listing = _sub(commands, "datasets", cmd.cmd_datasets, "list the bundled datasets", common)
    _formats(listing, "text", "json")
    catalogue = _sub(commands, "rules", cmd.cmd_rules, "list the validator's rules", common)
    catalogue.add_argument(
        "code", nargs="?", metavar="CODE", help="one rule to explain, or a prefix to list"
    )
    _formats(catalogue, "text", "json")
    _config_options(catalogue)
    _export.add_parser(commands, common)
    _completion_command(parser, commands, common)
    return parser


def _timeline_command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],  # pyright: ignore[reportPrivateUsage]  # argparse has no public name for it
    common: argparse.ArgumentParser,
) -> None:
    line = _sub(
        commands,
        "timeline",
        draw.cmd_timeline,
        "draw a subject's history on a time axis, or an agreement's dossier",
        common,
    )
    line.add_argument("subject", metavar="SUBJECT", help="an id, or AGREEMENT/PARTY")
    _perspective(line)
    _source(line)
    line.add_argument(
        "--format",
        choices=("mermaid", *draw.BINARY),
        help="mermaid, or svg/png drawn with matplotlib into -o FILE "
        "(default: FILE's suffix, else mermaid)",
    )
    line.add_argument("-o", "--output", metavar="FILE", help="write to FILE")
    line.add_argument(
        "--subject-only",
        action="store_true",
        help="draw an agreement's own history alone, not its dossier (svg/png)",
    )


def _completion_command(
    parser: argparse.ArgumentParser,
    commands: argparse._SubParsersAction[argparse.ArgumentParser],  # pyright: ignore[reportPrivateUsage]  # argparse has no public name for it
    common: argparse.ArgumentParser,
) -> None:
    completion = _sub(
        commands,
        "completion",
        completing.cmd_completion,
        "print a shell completion script (needs the completion extra)",
        common,
    )
    completion.add_argument("shell", choices=completing.SHELLS, help="the shell to complete in")
    completion.set_defaults(root=parser)


# -- errors -----------------------------------------------------------------------


def _error_text(exc: ArmsControlError, columns: int) -> str:
    if isinstance(exc, LoadError):
        lines = [f"{cmd.PROG}: error: {fmt.plural(len(exc.problems), 'problem')} in input"]
        lines += [fmt.wrap(f"  {problem}", columns) for problem in exc.problems]
        return "\n".join(lines)
    return fmt.wrap(f"{cmd.PROG}: error: {exc}", columns)


def _place_operands(args: argparse.Namespace, extras: Sequence[str]) -> list[str]:
    """Give PATH operands that came after an option to the command; return the rest.

    argparse hands out positional arguments only up to the first option, so in
    ``status deal --on 2012 deal.json`` the PATH would be left over.
    """
    unknown: list[str] = []
    for extra in extras:
        if extra.startswith("-") and extra != "-":
            unknown.append(extra)
        elif hasattr(args, "paths"):
            args.paths = [*(args.paths or ()), extra]
        elif hasattr(args, "path") and args.path is None:
            args.path = extra
        else:
            unknown.append(extra)
    return unknown


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``armscontrol`` command.

    Args:
        argv: The arguments after the program name (default: ``sys.argv[1:]``).

    Returns:
        The exit status: 0 fine, 1 validation findings, 2 bad input or usage,
        130 interrupted, 141 (:data:`PIPE_CLOSED`) when the reader of standard
        output went away.
    """
    try:
        status = _run(argv)
        sys.stdout.flush()  # here, so that a reader gone away is caught below
    except BrokenPipeError:
        return _reader_gone()
    return status


def _arguments(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace | int:
    """The parsed arguments, or the exit status of ``--help``, ``--version`` or a usage error."""
    try:
        if (found := _usage.mistake(parser, argv)) is not None:
            blamed, message = found
            blamed.error(message)
        args, extras = parser.parse_known_args(argv)
        if unknown := _place_operands(args, extras):
            args.parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    except SystemExit as exc:  # --help, --version and usage errors
        return exc.code if isinstance(exc.code, int) else 2
    return args


def _run(argv: Sequence[str] | None) -> int:  # noqa: PLR0911 - one return per way a run ends
    parser = _parser()
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:
        parser.print_help(sys.stdout)
        return 0
    args = _arguments(parser, argv)
    if isinstance(args, int):
        return args
    handler: _Handler = args.handler
    out, err = _tolerant(sys.stdout), _tolerant(sys.stderr)
    try:
        return handler(args, out)
    except BrokenPipeError:
        raise  # main says nothing more
    except KeyboardInterrupt:
        err.write(f"{cmd.PROG}: interrupted\n")
        return 130
    except cmd.UsageError as exc:
        if args.debug:
            raise
        args.parser.print_usage(err)
        err.write(f"{cmd.PROG}: error: {exc}\n")
        return 2
    except (ArmsControlError, OSError) as exc:
        if args.debug:
            raise
        if isinstance(exc, ArmsControlError):
            err.write(_error_text(exc, fmt.width(err)) + "\n")
        else:
            where = f"{exc.strerror}: {exc.filename}" if exc.filename else str(exc)
            err.write(f"{cmd.PROG}: error: {where}\n")
        return 2
    except Exception as exc:  # a fault of armscontrol's own: say so, without a traceback
        if args.debug:
            raise
        err.write(
            f"{cmd.PROG}: internal error: {type(exc).__name__}: {exc}\n"
            f"{cmd.PROG}: run again with --debug to see where, and please report it\n"
        )
        return 2


def _tolerant(stream: TextIO) -> TextIO:
    """The stream, set to write any text: what its encoding cannot hold is written escaped.

    A record holds only valid Unicode, but the terminal's encoding may not have
    every character, and an error message may quote any input.
    """
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
        with contextlib.suppress(Exception):  # a stream that cannot be changed stays as it is
            reconfigure(errors="backslashreplace")
    return stream


PIPE_CLOSED = 141
"""The exit status when the reader of standard output goes away (``| head``).

128 + SIGPIPE (13), what a shell reports for a command a closed pipe ended.
"""


def _reader_gone() -> int:
    """Say nothing more: send what is left of standard output to the null device."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (captured in tests): nothing to flush
        pass
    return PIPE_CLOSED
