"""Mistakes on the command line caught before argparse sees them, with what was meant.

argparse names a misspelt command only by listing every choice, and reports a
misspelt option only after complaining that a required one is missing
(``status --one 2012`` says ``--on`` is required). These checks run first and
suggest the closest command or option. Nothing here prints.
"""

from __future__ import annotations

import argparse
import difflib
import re
from collections.abc import Mapping, Sequence
from typing import cast

_NUMBER = re.compile(r"-\d")


def subcommands(parser: argparse.ArgumentParser) -> Mapping[str, argparse.ArgumentParser]:
    """The parser of each command (or subcommand) of ``parser``, by name."""
    found = _subparsers(parser)
    if found is None:
        return {}
    # Only a subparsers action maps its choices: names to parsers.
    return cast("Mapping[str, argparse.ArgumentParser]", found.choices)


def _subparsers(parser: argparse.ArgumentParser) -> argparse.Action | None:
    for action in actions(parser):
        choices: object = action.choices
        if isinstance(choices, Mapping):
            return action
    return None


def actions(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """Every argument of ``parser`` (argparse has no public list of them)."""
    return parser._actions  # pyright: ignore[reportPrivateUsage]


def _options(parser: argparse.ArgumentParser) -> list[str]:
    return [name for action in actions(parser) for name in action.option_strings]


def close(word: str, choices: Sequence[str]) -> list[str]:
    """The choices that look like ``word``, closest first; one that differs only in case first."""
    found = [choice for choice in choices if choice.casefold() == word.casefold()]
    found += difflib.get_close_matches(word, choices, n=3, cutoff=0.6)
    return list(dict.fromkeys(found))[:3]


def suggestion(word: str, choices: Sequence[str]) -> str:
    """``"; did you mean 'status'?"`` for the close choices, or ``""``."""
    return did_you_mean(close(word, choices))


def did_you_mean(found: Sequence[str]) -> str:
    """``"; did you mean 'a', 'b' or 'c'?"``, or ``""`` when nothing was found."""
    if not found:
        return ""
    quoted = [repr(word) for word in found]
    alternatives = " or ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
    return f"; did you mean {alternatives}?"


def _unknown_option(token: str, options: Sequence[str]) -> bool:
    """Whether argparse would not take ``token`` as one of ``options`` (or an abbreviation)."""
    if token.startswith("--"):
        name = token.split("=", 1)[0]
        return not any(option.startswith(name) for option in options if option.startswith("--"))
    # A short option may carry its value: ``-ofile``.
    return not any(token.startswith(option) for option in options if not option.startswith("--"))


def _is_option(token: str) -> bool:
    return token.startswith("-") and token != "-" and not _NUMBER.match(token)


def mistake(
    parser: argparse.ArgumentParser, argv: Sequence[str]
) -> tuple[argparse.ArgumentParser, str] | None:
    """The first unknown command or option in ``argv``: the parser to blame and what to say.

    Commands may have commands of their own (``export panel``); each option is
    checked against the parser of the command it follows. An option before a
    command that belongs to the command is named as such (``armscontrol
    --strict validate``).

    ``None`` when every command and option is known; argparse then reports
    anything else (missing or bad values) as usual.
    """
    current = parser
    commands = subcommands(parser)
    value = False  # whether the token is the value of the option before it
    for position, token in enumerate(argv):
        if token == "--":
            break
        if value:
            value = False
        elif not _is_option(token):
            if commands:
                if token not in commands:
                    return current, _unknown_command(token, current, commands)
                current, commands = commands[token], subcommands(commands[token])
        elif _unknown_option(token, _options(current)):
            return current, _unknown(token, current, argv[position + 1 :], commands)
        else:
            value = _takes_value(current, token)
    return None


def _unknown_command(
    token: str, parser: argparse.ArgumentParser, commands: Mapping[str, argparse.ArgumentParser]
) -> str:
    found = _subparsers(parser)
    what = str(found.metavar or "command").lower() if found is not None else "command"
    hint = suggestion(token, list(commands)) or f"; choose from {', '.join(commands)}"
    return f"unknown {what} {token!r}{hint}"


def _takes_value(parser: argparse.ArgumentParser, token: str) -> bool:
    """Whether the option ``token`` (known to ``parser``) takes the next token as its value."""
    if "=" in token or (not token.startswith("--") and len(token) > 2):
        return False  # the value is attached: --format=json, -ofile.svg
    for action in actions(parser):
        for option in action.option_strings:
            if option == token or (token.startswith("--") and option.startswith(token)):
                return action.nargs != 0
    return False


def _unknown(
    token: str,
    blamed: argparse.ArgumentParser,
    rest: Sequence[str],
    commands: Mapping[str, argparse.ArgumentParser],
) -> str:
    name = token.split("=", 1)[0]
    later = next((word for word in rest if word in commands), None)
    if later is not None and not _unknown_option(token, _options(commands[later])):
        return f"{name!r} is an option of {later!r}: put it after the command"
    long = [option for option in _options(blamed) if option.startswith("--")]
    return f"unrecognized option {name!r}{suggestion(name, long)}"
