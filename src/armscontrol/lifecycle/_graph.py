"""The checks a lifecycle declaration must pass, as pure functions over its transition table.

Each check looks at one thing and returns the problems it finds, each with the states
at fault; :func:`check` runs them all, so a declaration hears about every problem at
once. Nothing here knows about :class:`armscontrol.lifecycle.Lifecycle`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import attrs

from armscontrol.model import SLUG_PATTERN

STATE_NAME = SLUG_PATTERN
"""What a state name looks like: the model's pattern for :attr:`armscontrol.model.Transition.to`."""


@attrs.frozen
class Table:
    """A lifecycle declaration reduced to what the checks need."""

    name: str
    states: frozenset[str]
    initial: str
    terminal: frozenset[str]
    transitions: frozenset[tuple[str, str]]
    described: frozenset[str] = frozenset()


@attrs.frozen
class Finding:
    """One problem: a line for people and the states it is about."""

    problem: str
    states: frozenset[str]


def _names(states: Iterable[str]) -> str:
    return ", ".join(sorted(states))


def successors(transitions: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """Each source state's targets."""
    table: dict[str, set[str]] = {}
    for source, target in transitions:
        table.setdefault(source, set()).add(target)
    return table


def reachable(start: Iterable[str], table: Mapping[str, Iterable[str]]) -> set[str]:
    """The states reachable from ``start`` (``start`` included) along ``table``."""
    seen = set(start)
    todo = list(seen)
    while todo:
        for nxt in table.get(todo.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def check_name(table: Table) -> list[Finding]:
    """A lifecycle has a non-empty name."""
    if table.name.strip():
        return []
    return [Finding("name: a lifecycle needs a non-empty name", frozenset())]


def check_state_names(table: Table) -> list[Finding]:
    """Every state name is a lowercase slug."""
    named = (
        table.states
        | {table.initial}
        | table.terminal
        | {state for pair in table.transitions for state in pair}
        | table.described
    )
    bad = {state for state in named if STATE_NAME.fullmatch(state) is None}
    if not bad:
        return []
    listed = ", ".join(map(repr, sorted(bad)))
    msg = f"state_names: not lowercase names like 'in_effect' ({STATE_NAME.pattern}): {listed}"
    return [Finding(msg, frozenset(bad))]


def check_initial(table: Table) -> list[Finding]:
    """The initial state is one of the states."""
    if table.initial in table.states:
        return []
    msg = f"initial: the initial state {table.initial!r} is not one of the states"
    return [Finding(msg, frozenset({table.initial}))]


def check_undeclared(table: Table) -> list[Finding]:
    """Terminal states, transitions and descriptions name only declared states."""
    findings: list[Finding] = []
    if loose := table.terminal - table.states:
        msg = f"undeclared: terminal states that are not states: {_names(loose)}"
        findings.append(Finding(msg, frozenset(loose)))
    named = {state for pair in table.transitions for state in pair}
    if stray := named - table.states:
        msg = f"undeclared: transitions name states that are not states: {_names(stray)}"
        findings.append(Finding(msg, frozenset(stray)))
    if loose := table.described - table.states:
        msg = f"undeclared: descriptions of states that are not states: {_names(loose)}"
        findings.append(Finding(msg, frozenset(loose)))
    return findings


def check_self_loops(table: Table) -> list[Finding]:
    """No state steps to itself: staying in a state is not a transition."""
    loops = {source for source, target in table.transitions if source == target}
    if not loops:
        return []
    return [
        Finding(f"self_loops: a state cannot step to itself: {_names(loops)}", frozenset(loops))
    ]


def check_unreachable(table: Table) -> list[Finding]:
    """Every state can be reached from the initial state.

    Says nothing when the initial state is not a state: :func:`check_initial` does.
    """
    if table.initial not in table.states:
        return []
    lost = table.states - reachable([table.initial], successors(table.transitions))
    if not lost:
        return []
    msg = f"unreachable: not reachable from the initial state {table.initial!r}: {_names(lost)}"
    return [Finding(msg, frozenset(lost))]


def check_terminal_exits(table: Table) -> list[Finding]:
    """No transition leaves a terminal state."""
    exits = sorted((s, t) for s, t in table.transitions if s in table.terminal)
    if not exits:
        return []
    steps = ", ".join(f"{source} → {target}" for source, target in exits)
    msg = f"terminal_exits: transitions out of terminal states: {steps}"
    return [Finding(msg, frozenset(source for source, _ in exits))]


def check_dead_ends(table: Table) -> list[Finding]:
    """Every state that is not terminal has a way out."""
    sources = {source for source, _ in table.transitions}
    stuck = table.states - table.terminal - sources
    if not stuck:
        return []
    msg = f"dead_ends: states that are not terminal have no way out: {_names(stuck)}"
    return [Finding(msg, frozenset(stuck))]


def check_traps(table: Table) -> list[Finding]:
    """From every state with a way out, some terminal state can be reached.

    States with no way out at all are left to :func:`check_dead_ends`.
    """
    backwards = successors((target, source) for source, target in table.transitions)
    finishing = reachable(table.terminal, backwards)
    sources = {source for source, _ in table.transitions}
    trapped = (table.states & sources) - table.terminal - finishing
    if not trapped:
        return []
    msg = f"traps: no terminal state can be reached from: {_names(trapped)}"
    return [Finding(msg, frozenset(trapped))]


CHECKS: tuple[Callable[[Table], list[Finding]], ...] = (
    check_name,
    check_state_names,
    check_initial,
    check_undeclared,
    check_self_loops,
    check_unreachable,
    check_terminal_exits,
    check_dead_ends,
    check_traps,
)
"""Every check, in the order their problems are reported."""


def check(table: Table) -> list[Finding]:
    """Every problem of a declaration, from every check, in :data:`CHECKS` order."""
    return [finding for run in CHECKS for finding in run(table)]
