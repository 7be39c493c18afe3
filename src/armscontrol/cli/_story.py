"""Answers told as a story: subjects by their titles, causes in words, sources as citations.

``history`` and ``status`` print these by default; ``--ids`` prints the answers'
own id-based text (:meth:`armscontrol.query.History.text`) for scripts.
Nothing here prints; :mod:`armscontrol.cli` does.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Sequence

from armscontrol.cli import _format as fmt
from armscontrol.model import (
    Agreement,
    Commitment,
    Event,
    Participation,
    Record,
    Source,
    Violation,
)
from armscontrol.query import Dating, History, Status, Step


def title(record: Record, subject: str) -> str:
    """What people call a subject.

    An agreement's title; a commitment's obligors, deontic and words (``PRK must
    not launch long-range missiles``); a participation as ``PARTY in TITLE``; a
    violation's summary. An id the record does not hold is itself.
    """
    item = record.get(subject) if subject in record else None
    if isinstance(item, Agreement):
        return item.title
    if isinstance(item, Commitment):
        return promise(item)
    if isinstance(item, Participation):
        return f"{item.party} in {title(record, item.agreement)}"
    if isinstance(item, Violation):
        return item.summary.rstrip(".")
    return subject


def promise(commitment: Commitment) -> str:
    """A commitment in words: ``PRK must not launch long-range missiles (…)``."""
    what = commitment.what.rstrip(".")
    if what[:1].isupper() and what[1:2].islower():
        what = what[0].lower() + what[1:]
    deontic = commitment.deontic.value.replace("_", " ")
    return f"{'/'.join(commitment.obligors)} {deontic} {what}"


def citation(source: Source) -> str:
    """A short citation: ``publisher, “title”, date``; the author stands in for a publisher."""
    parts = [who] if (who := source.publisher or source.author) else []
    parts.append(f"“{source.title}”")
    if source.date is not None:
        parts.append(source.date.text)
    return ", ".join(parts)


def citations(record: Record, ids: Iterable[str]) -> dict[str, str]:
    """Each id's short citation, in the order given; an unknown id stands for itself."""
    return {source_id: _cite(record, source_id) for source_id in ids}


def _cite(record: Record, source_id: str) -> str:
    item = record.get(source_id) if source_id in record else None
    return citation(item) if isinstance(item, Source) else source_id


def cause(record: Record, cause_id: str) -> str:
    """An event's or a violation's summary; an unknown id stands for itself."""
    item = record.get(cause_id) if cause_id in record else None
    if isinstance(item, Event | Violation):
        return item.summary
    return cause_id


def history_text(record: Record, history: History, columns: int) -> str:
    """A history for people: a heading, then each step with its causes and note, then sources.

    Sources are numbered in the order they are first cited; steps refer to them
    by number, and two sources with the same citation share one.
    """
    view = f", according to {history.according_to}" if history.according_to else ""
    heading = f"{title(record, history.subject)} — {history.kind} {history.subject}{view}"
    lines = [fmt.wrap(heading, columns)]
    if not history.steps:
        lines.append("  no recorded transitions")
        return "\n".join(lines)
    numbers: dict[str, int] = {}
    date_width = max(len(step.date.text) for step in history.steps)
    for step in history.steps:
        cited = [
            numbers.setdefault(text, len(numbers) + 1)
            for text in citations(record, step.sources).values()
        ]
        head = f"  {step.date.text:<{date_width}}  {step.state}{_qualifiers(step)}"
        if cited:
            head += f" [{', '.join(map(str, dict.fromkeys(cited)))}]"
        lines.append(_hang(head, columns, " " * (date_width + 4)))
        lines += [_labelled("cause", cause(record, c), columns) for c in step.causes]
        if step.note:
            lines.append(_labelled("note", step.note, columns))
    lines += _numbered(numbers, columns)
    return "\n".join(lines)


def _numbered(numbers: dict[str, int], columns: int) -> list[str]:
    """The ``sources:`` list: each citation under its number."""
    if not numbers:
        return []
    width = len(f"[{len(numbers)}]")
    return [
        "  sources:",
        *(
            _hang(f"    {f'[{n}]':<{width}} {text}", columns, " " * (width + 5))
            for text, n in numbers.items()
        ),
    ]


def dating_text(record: Record, dating: Dating, columns: int) -> str:
    """An event's dates for people: its summary, then each date with its sources' numbers.

    The sources follow as numbered short citations, as in :func:`history_text`.
    """
    event = dating.event
    lines = [fmt.wrap(f"{event.summary} — event {event.id} ({event.kind})", columns)]
    numbers: dict[str, int] = {}
    width = max(len(claim.date.text) for claim in dating.claims)
    for claim in dating.claims:
        cited = [
            numbers.setdefault(text, len(numbers) + 1)
            for text in citations(record, claim.sources).values()
        ]
        refs = f" [{', '.join(map(str, dict.fromkeys(cited)))}]" if cited else " (no source)"
        lines.append(f"  {claim.date.text:<{width}}{refs}")
        if claim.note:
            lines.append(_labelled("note", claim.note, columns))
    lines += _numbered(numbers, columns)
    return "\n".join(lines)


def status_text(record: Record, status: Status, columns: int) -> str:
    """A status for people: the answer's sentence about the subject's title, then why.

    When one step put the subject in its state, its causes and sources follow.
    """
    sentence = str(status)
    # The answer's sentence starts with the subject's id; say its title instead.
    sentence = title(record, status.subject) + sentence.removeprefix(status.subject)
    lines = [fmt.wrap(sentence, columns)]
    if status.step is not None:
        step = status.step
        lines += [_labelled("cause", cause(record, c), columns, lead="  ") for c in step.causes]
        cited = list(dict.fromkeys(citations(record, step.sources).values()))
        label = "source" if len(cited) == 1 else "sources"
        lines += [
            _labelled(label if n == 0 else "", text, columns, lead="  ")
            for n, text in enumerate(cited)
        ]
    return "\n".join(lines)


def _qualifiers(step: Step) -> str:
    text = ""
    if step.asserted_by:
        text += f" according to {', '.join(step.asserted_by)}"
    if step.alternative_dates:
        text += f" (also dated {', '.join(c.date.text for c in step.alternative_dates)})"
    return text


_LABEL_WIDTH = len("sources: ")


def _labelled(label: str, text: str, columns: int, *, lead: str = "    ") -> str:
    """``    label: text``, wrapped with its continuations under the text."""
    head = f"{lead}{f'{label}:' if label else '':<{_LABEL_WIDTH}}"
    return _hang(head + text, columns, " " * len(head))


def _hang(line: str, columns: int, indent: str) -> str:
    if len(line) <= columns:
        return line
    return textwrap.fill(
        line,
        columns,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    )


def cited_sources(record: Record, steps: Sequence[Step]) -> dict[str, str]:
    """Every source the steps cite, by id, with its short citation."""
    return citations(record, (s for step in steps for s in step.sources))


def cited_causes(record: Record, steps: Sequence[Step]) -> dict[str, str]:
    """Every cause the steps cite, by id, with its summary."""
    return {c: cause(record, c) for step in steps for c in step.causes}
