"""``completion``: shell completion scripts, generated from the command's parser by shtab."""

from __future__ import annotations

import argparse
from typing import TextIO

from armscontrol import datasets
from armscontrol.cli import _usage
from armscontrol.cli._commands import LIFECYCLES, PROG
from armscontrol.exceptions import ArmsControlError

SHELLS = ("bash", "zsh")

_FILE_ARGUMENTS = frozenset({"path", "paths", "output"})
_COMPLETE = "complete"  # the attribute shtab reads to complete an argument's values


class CompletionUnavailable(ArmsControlError):  # noqa: N818 - reads as the condition
    """shtab, which writes the completion scripts, is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "shell completion needs shtab: install armscontrol's completion extra "
            "(python -m pip install 'armscontrol[completion]', or -e '.[completion]' "
            "in a clone) or shtab itself"
        )


def cmd_completion(args: argparse.Namespace, out: TextIO) -> int:
    try:
        import shtab  # noqa: PLC0415 - optional: only this command needs it
    except ImportError:
        raise CompletionUnavailable from None
    root: argparse.ArgumentParser = args.root
    words = {"dataset": datasets.names(), "target": LIFECYCLES}
    # zsh takes a list of words as is; bash calls a function the preamble defines.
    preamble = "".join(
        f'_{PROG}_{dest}() {{ compgen -W "{" ".join(choices)}" -- "$1"; }}\n'
        for dest, choices in words.items()
        if args.shell == "bash"
    )
    for command in _usage.subcommands(root).values():
        for action in _usage.actions(command):
            if action.dest in _FILE_ARGUMENTS:
                setattr(action, _COMPLETE, shtab.FILE)
            elif action.dest in words:
                complete = {
                    "bash": f"_{PROG}_{action.dest}",
                    "zsh": f"({' '.join(words[action.dest])})",
                }
                setattr(action, _COMPLETE, complete)
    out.write(shtab.complete(root, shell=args.shell, preamble=preamble))
    return 0
