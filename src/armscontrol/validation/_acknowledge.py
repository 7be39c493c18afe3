"""The record's acknowledgements: the findings they cover, and those that cover nothing.

A finding is acknowledged by the first acknowledgement, in record order, with
its code whose subject and path (those it gives) are the finding's. An
acknowledgement is *stale* when it covers no finding of a rule that ran; AC601
reports it, since the finding it explained is gone (or was never there: a
mistyped code or subject). Acknowledgements of rules that did not run
(deselected, or custom rules that were not given) are not judged; a code that
no rule has is stale when it is built-in (``AC…``) or in the namespace of a
custom rule that ran, where it can only be a mistake.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator, Sequence

from armscontrol.model import Acknowledgement, Record

STALE = "AC601"
"""The code of a stale acknowledgement's finding."""

Raw = tuple[str, str, "str | None", str]
"""A finding before it is graded: ``(code, path, subject, message)``."""


def covering(
    acknowledgements: Sequence[Acknowledgement], code: str, subject: str | None, path: str
) -> int | None:
    """The index of the first acknowledgement that covers a finding, if any does."""
    for number, ack in enumerate(acknowledgements):
        if (
            ack.code == code
            and (ack.subject is None or ack.subject == subject)
            and (ack.path is None or ack.path == path)
        ):
            return number
    return None


def unknown_sources(record: Record) -> Iterator[Raw]:
    """AC103 for each source an acknowledgement cites that the record does not hold."""
    known = {source.id for source in record.sources}
    for i, ack in enumerate(record.acknowledgements):
        for k, source in enumerate(ack.sources):
            if source not in known:
                close = difflib.get_close_matches(source, sorted(known), n=3, cutoff=0.6)
                hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
                message = f"acknowledgement of {ack.code}: unknown source {source!r}{hint}"
                yield "AC103", f"$.acknowledgements[{i}].sources[{k}]", ack.subject, message


def stale(
    acknowledgements: Sequence[Acknowledgement],
    used: Collection[int],
    ran: Collection[str],
    known: Collection[str],
) -> Iterator[Raw]:
    """AC601 for each acknowledgement that covers no finding of a rule that ran.

    Args:
        acknowledgements: The record's.
        used: The indexes of those that covered some finding.
        ran: The codes of the rules that ran.
        known: Every code a rule of this validation has, run or not.
    """
    spaces = {code[:-3] for code in ran}
    for number, ack in enumerate(acknowledgements):
        if number in used:
            continue
        code = ack.code
        about = f"acknowledgement of {code}"
        about += f" on {ack.subject}" if ack.subject is not None else ""
        about += f" at {ack.path}" if ack.path is not None else ""
        if code == STALE:
            message = f"{about}: {STALE} cannot be acknowledged; remove the acknowledgement"
        elif code in ran:
            message = f"{about} covers no finding; remove it, or correct its code, subject or path"
        elif code not in known and code[:-3] in spaces:
            close = difflib.get_close_matches(code, sorted(known), n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
            message = f"{about}: no rule has the code {code}{hint}"
        else:
            continue  # its rule did not run: deselected, or not given
        yield STALE, f"$.acknowledgements[{number}]", ack.subject, message
