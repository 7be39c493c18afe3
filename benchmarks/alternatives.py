"""The same histories for armscontrol and for the state-machine libraries.

The reference lifecycle has six states, named as armscontrol's agreement
states (proposed → negotiating → concluded → in_effect ⇄ suspended →
terminated), and :func:`histories` makes many histories that walk it
(negotiating, concluded, in_effect, suspended, in_effect, terminated: six steps
each). One history in a hundred repeats a state, an illegal step.

Two things are done with the same histories:

* **Replays of legality alone.** Each walks every history and collects a
  diagnostic ``(history, step, source, target)`` for each illegal step, then
  carries on from the state the record says was entered: with automat (typed
  builder, one instance per history), transitions (one ``Machine``,
  ``trigger``), python-statemachine (one reused instance, ``send``), a plain
  dict of allowed steps, and a hand-written loop around armscontrol's
  :meth:`~armscontrol.lifecycle.Lifecycle.allowed`. Each machine is declared
  once and reused, as a program would. This is the work these libraries do; it
  is not what armscontrol's validator does.
* **A record of them** (:func:`record`), built with armscontrol's public model:
  one agreement per history between two parties, one source cited by every
  fact, each step dated a month after the one before, and an event cited as the
  cause of the termination. :func:`armscontrol.validate` checks it against every
  rule; its AC2xx findings must be the replays' illegal steps.
"""

import datetime as dt
import functools
import random
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from armscontrol.dates import HistoricalDate
from armscontrol.model import (
    Agreement,
    AgreementKind,
    Event,
    EventKind,
    Party,
    Record,
    Source,
    Transition,
)

Diagnostic = tuple[int, int, str, str]
"""(history index, step index, source state, target state) of an illegal step."""

Replay = Callable[[Sequence[tuple[str, ...]]], list[Diagnostic]]
"""Walks histories (targets after the initial state) and returns the illegal steps."""

INITIAL = "proposed"
STEPS: dict[str, tuple[str, ...]] = {
    "proposed": ("negotiating",),
    "negotiating": ("concluded",),
    "concluded": ("in_effect",),
    "in_effect": ("suspended", "terminated"),
    "suspended": ("in_effect", "terminated"),
}
"""The six-state reference lifecycle: allowed targets from each state."""
TERMINAL = ("terminated",)
PATH = ("negotiating", "concluded", "in_effect", "suspended", "in_effect", "terminated")
"""The targets of a typical history, after the initial ``proposed``."""


def histories(count: int, seed: int) -> list[tuple[str, ...]]:
    """``count`` histories of the reference lifecycle; one in a hundred repeats a state."""
    rng = random.Random(seed)
    result: list[tuple[str, ...]] = []
    for _ in range(count):
        if rng.random() < 0.01:
            at = rng.randrange(len(PATH))
            result.append((*PATH[: at + 1], PATH[at], *PATH[at + 1 :]))
        else:
            result.append(PATH)
    return result


def replay_dict(batch: Sequence[tuple[str, ...]]) -> list[Diagnostic]:
    """Replay with a plain set of allowed ``(source, target)`` pairs."""
    allowed = {(source, target) for source, targets in STEPS.items() for target in targets}
    found: list[Diagnostic] = []
    for index, history in enumerate(batch):
        state = INITIAL
        for position, target in enumerate(history):
            if (state, target) not in allowed:
                found.append((index, position, state, target))
            state = target
    return found


def replay_armscontrol(batch: Sequence[tuple[str, ...]]) -> list[Diagnostic]:
    """Replay with :meth:`armscontrol.lifecycle.Lifecycle.allowed`."""
    allowed = _lifecycle().allowed
    found: list[Diagnostic] = []
    for index, history in enumerate(batch):
        state = INITIAL
        for position, target in enumerate(history):
            if not allowed(state, target):
                found.append((index, position, state, target))
            state = target
    return found


@functools.cache
def _lifecycle() -> Any:
    from armscontrol.lifecycle import Lifecycle

    return Lifecycle.build("reference", initial=INITIAL, terminal=TERMINAL, steps=STEPS)


@functools.cache
def _transitions_machine() -> Any:
    from transitions import Machine

    machine = Machine(
        states=[INITIAL, *TERMINAL, *(t for ts in STEPS.values() for t in ts if t not in TERMINAL)],
        initial=INITIAL,
        auto_transitions=False,
    )
    for source, targets in STEPS.items():
        for target in targets:
            machine.add_transition(f"go_{target}", source, target)
    return machine


def replay_transitions(batch: Sequence[tuple[str, ...]]) -> list[Diagnostic]:
    """Replay with one ``transitions.Machine``, one trigger per target state."""
    from transitions import MachineError

    machine = _transitions_machine()
    trigger = machine.trigger
    set_state = machine.set_state
    found: list[Diagnostic] = []
    for index, history in enumerate(batch):
        set_state(INITIAL)
        for position, target in enumerate(history):
            try:
                trigger(f"go_{target}")
            except MachineError:
                found.append((index, position, machine.state, target))
                set_state(target)
    return found


@functools.cache
def _statemachine_class() -> type[Any]:
    from statemachine import State, StateMachine

    states = {name: State(name, value=name, initial=name == INITIAL) for name in _state_names()}
    # Terminal states are not declared final, since a machine that reached a final state
    # stops and one instance is reused here, reset by value; so trap states are allowed.
    namespace: dict[str, Any] = {**states, "validate_trap_states": False}
    for target in {t for ts in STEPS.values() for t in ts}:
        sources = [states[s] for s, ts in STEPS.items() if target in ts]
        event = sources[0].to(states[target])
        for source in sources[1:]:
            event = event | source.to(states[target])
        namespace[f"go_{target}"] = event
    return type("ReferenceMachine", (StateMachine,), namespace)


def replay_statemachine(batch: Sequence[tuple[str, ...]]) -> list[Diagnostic]:
    """Replay with one reused python-statemachine instance, ``send`` per target state."""
    from statemachine.exceptions import TransitionNotAllowed

    machine = _statemachine_class()()
    send = machine.send
    found: list[Diagnostic] = []
    for index, history in enumerate(batch):
        machine.current_state_value = INITIAL
        for position, target in enumerate(history):
            try:
                send(f"go_{target}")
            except TransitionNotAllowed:
                found.append((index, position, machine.current_state_value, target))
                machine.current_state_value = target
    return found


class _Inputs(Protocol):
    def go_negotiating(self) -> None: ...
    def go_concluded(self) -> None: ...
    def go_in_effect(self) -> None: ...
    def go_suspended(self) -> None: ...
    def go_terminated(self) -> None: ...


class _Core:
    pass


@functools.cache
def _automat_factory() -> Callable[[_Core], _Inputs]:
    from automat import TypeMachineBuilder

    builder = TypeMachineBuilder(_Inputs, _Core)
    states = {name: builder.state(name) for name in _state_names()}  # initial first
    for source, targets in STEPS.items():
        for target in targets:
            states[source].upon(getattr(_Inputs, f"go_{target}")).to(states[target]).returns(None)
    return builder.build()


def replay_automat(batch: Sequence[tuple[str, ...]]) -> list[Diagnostic]:
    """Replay with automat's typed builder, one machine instance per history.

    An automat machine cannot be put into a state from outside, so after an
    illegal step the replay carries on from the state it was in; with the
    reference histories (an illegal step repeats the current state) that is the
    same state the other replays carry on from.
    """
    from automat import NoTransition

    factory = _automat_factory()
    core = _Core()
    found: list[Diagnostic] = []
    names = {target: f"go_{target}" for target in _state_names()}
    for index, history in enumerate(batch):
        machine = factory(core)
        state = INITIAL
        for position, target in enumerate(history):
            try:
                getattr(machine, names[target])()
            except NoTransition:
                found.append((index, position, state, target))
            state = target
    return found


def _state_names() -> list[str]:
    names = [INITIAL]
    for source, targets in STEPS.items():
        for state in (source, *targets):
            if state not in names:
                names.append(state)
    return names


REPLAYS: dict[str, Replay] = {
    "armscontrol": replay_armscontrol,
    "dict": replay_dict,
    "automat": replay_automat,
    "transitions": replay_transitions,
    "python-statemachine": replay_statemachine,
}
"""Every replay of the reference lifecycle, by library."""


# -- the same histories as an armscontrol record ---------------------------------------


def record(batch: Sequence[tuple[str, ...]], seed: int) -> Record:
    """The histories as a record: agreement ``h{n}`` takes the steps of history ``n``.

    Its transitions are listed history by history, so transition ``k`` of the
    record is step ``k - offsets[n]`` of history ``n`` (see :func:`offsets`).
    """
    rng = random.Random(seed)
    source = Source("ref-source", "Reference chronology", publisher="Benchmarks")
    cited = (source.id,)
    parties = (Party("USA", "United States"), Party("PRK", "North Korea"))
    pair = ("USA", "PRK")
    first = dt.date(1960, 1, 1).toordinal()
    days: dict[int, HistoricalDate] = {}

    def day(ordinal: int) -> HistoricalDate:
        date = days.get(ordinal)
        if date is None:
            date = days[ordinal] = HistoricalDate.parse(dt.date.fromordinal(ordinal).isoformat())
        return date

    agreements: list[Agreement] = []
    events: list[Event] = []
    transitions: list[Transition] = []
    kind = AgreementKind.EXECUTIVE_AGREEMENT
    for number, history in enumerate(batch):
        name = f"h{number}"
        agreements.append(Agreement(name, f"Agreement {number}", kind, pair, sources=cited))
        start = first + rng.randrange(18_000)
        end = day(start + 30 * len(history))
        cause = f"{name}-end"
        events.append(
            Event(cause, EventKind.NOTICE, end, "Notice of termination", pair, sources=cited)
        )
        for step, target in enumerate(history):
            ends = target in TERMINAL
            causes = (cause,) if ends else ()
            date = end if ends else day(start + 30 * step)
            transitions.append(Transition(name, target, date, causes=causes, sources=cited))
    return Record(
        parties=parties,
        sources=(source,),
        agreements=tuple(agreements),
        events=tuple(events),
        transitions=tuple(transitions),
    )


def offsets(batch: Sequence[tuple[str, ...]]) -> list[int]:
    """The index in :func:`record`'s transitions of each history's first step."""
    found: list[int] = []
    total = 0
    for history in batch:
        found.append(total)
        total += len(history)
    return found
