"""The same work done with other libraries, to set armscontrol's figures beside theirs.

Two reference setups, each reproduced for every library:

* **Lifecycle replay**: a six-state lifecycle (proposed → negotiating →
  concluded → in_force ⇄ suspended → terminated), and many histories that walk
  it (proposed, negotiating, concluded, in_force, suspended, in_force,
  terminated: six steps each). One history in a hundred repeats a state, an
  illegal step. Each replay walks every history and collects a diagnostic
  ``(history, step, source, target)`` for each illegal step, then carries on
  from the state the record says was entered. Done with armscontrol's
  :class:`~armscontrol.lifecycle.Lifecycle`, transitions (one ``Machine``,
  ``trigger``), python-statemachine (one reused instance, ``send``), automat
  (typed builder, one instance per history) and a plain dict of allowed steps.

* **JSON records**: records of six fields and three tagged events with ISO
  dates, loaded from and dumped to JSON with attrs + cattrs (a pendulum date
  hook), pydantic v2 and msgspec.

The shapes of armscontrol's own JSON format, modelled in pydantic and msgspec,
live in :mod:`benchmarks.formats`.
"""

import datetime as dt
import json
import random
from collections.abc import Callable, Sequence
from typing import Any, Literal, Protocol

Diagnostic = tuple[int, int, str, str]
"""(history index, step index, source state, target state) of an illegal step."""

Replay = Callable[[Sequence[tuple[str, ...]]], list[Diagnostic]]
"""Walks histories (targets after the initial state) and returns the illegal steps."""

INITIAL = "proposed"
STEPS: dict[str, tuple[str, ...]] = {
    "proposed": ("negotiating",),
    "negotiating": ("concluded",),
    "concluded": ("in_force",),
    "in_force": ("suspended", "terminated"),
    "suspended": ("in_force", "terminated"),
}
"""The six-state reference lifecycle: allowed targets from each state."""
TERMINAL = ("terminated",)
PATH = ("negotiating", "concluded", "in_force", "suspended", "in_force", "terminated")
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
    from armscontrol.lifecycle import Lifecycle

    lifecycle = Lifecycle.build("reference", initial=INITIAL, terminal=TERMINAL, steps=STEPS)
    allowed = lifecycle.allowed
    found: list[Diagnostic] = []
    for index, history in enumerate(batch):
        state = INITIAL
        for position, target in enumerate(history):
            if not allowed(state, target):
                found.append((index, position, state, target))
            state = target
    return found


def replay_transitions(batch: Sequence[tuple[str, ...]]) -> list[Diagnostic]:
    """Replay with one ``transitions.Machine``, one trigger per target state."""
    from transitions import Machine, MachineError

    machine = Machine(
        states=[INITIAL, *TERMINAL, *(t for ts in STEPS.values() for t in ts if t not in TERMINAL)],
        initial=INITIAL,
        auto_transitions=False,
    )
    for source, targets in STEPS.items():
        for target in targets:
            machine.add_transition(f"go_{target}", source, target)
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
    def go_in_force(self) -> None: ...
    def go_suspended(self) -> None: ...
    def go_terminated(self) -> None: ...


class _Core:
    pass


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


# -- JSON records: six fields and three tagged events with ISO dates ------------------


def documents(count: int, seed: int) -> bytes:
    """A JSON array of ``count`` reference records."""
    rng = random.Random(seed)
    base = dt.date(1990, 1, 1).toordinal()
    kinds = ("launch", "statement", "meeting")
    rows: list[dict[str, Any]] = []
    for number in range(count):
        day = base + rng.randrange(12_000)
        events: list[dict[str, Any]] = []
        for offset in range(3):
            kind = kinds[(number + offset) % 3]
            when = dt.date.fromordinal(day + 30 * offset).isoformat()
            extra = {"launch": "vehicle", "statement": "speaker", "meeting": "place"}[kind]
            events.append({"kind": kind, "date": when, extra: f"{kind}-{number % 97}"})
        rows.append(
            {
                "id": f"r{number}",
                "title": f"Agreement {number}",
                "parties": ["USA", "PRK"],
                "signed": dt.date.fromordinal(day).isoformat(),
                "in_force": rng.random() < 0.5,
                "notice_months": rng.choice([3, 6, 12]),
                "events": events,
            }
        )
    return json.dumps(rows).encode()


Codec = tuple[Callable[[bytes], list[Any]], Callable[[list[Any]], bytes]]
"""(load, dump) for a JSON array of reference records."""


def cattrs_codec() -> Codec:
    """Frozen attrs classes and a cattrs converter with a pendulum date hook."""
    import attrs
    import cattrs
    import pendulum
    from cattrs.strategies import configure_tagged_union

    @attrs.frozen
    class Launch:
        date: dt.date
        vehicle: str

    @attrs.frozen
    class Statement:
        date: dt.date
        speaker: str

    @attrs.frozen
    class Meeting:
        date: dt.date
        place: str

    @attrs.frozen
    class Row:
        id: str
        title: str
        parties: tuple[str, ...]
        signed: dt.date
        in_force: bool
        notice_months: int
        events: tuple[Launch | Statement | Meeting, ...]

    def structure_date(value: str, _: object) -> dt.date:
        parsed = pendulum.parse(value, exact=True)
        if not isinstance(parsed, dt.date):
            msg = f"not a date: {value!r}"
            raise TypeError(msg)
        return dt.date(parsed.year, parsed.month, parsed.day)

    converter = cattrs.Converter()
    converter.register_structure_hook(dt.date, structure_date)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    configure_tagged_union(
        Launch | Statement | Meeting,
        converter,
        tag_name="kind",
        tag_generator=lambda cls: cls.__name__.lower(),
    )

    def load(data: bytes) -> list[Any]:
        return converter.structure(json.loads(data), list[Row])

    def dump(rows: list[Any]) -> bytes:
        return json.dumps(converter.unstructure(rows, list[Row])).encode()

    return load, dump


def pydantic_codec() -> Codec:
    """Models in pydantic v2 with a discriminated union, through one ``TypeAdapter``."""
    from typing import Annotated

    import pydantic

    class Launch(pydantic.BaseModel):
        kind: Literal["launch"]
        date: dt.date
        vehicle: str

    class Statement(pydantic.BaseModel):
        kind: Literal["statement"]
        date: dt.date
        speaker: str

    class Meeting(pydantic.BaseModel):
        kind: Literal["meeting"]
        date: dt.date
        place: str

    class Row(pydantic.BaseModel):
        id: str
        title: str
        parties: tuple[str, ...]
        signed: dt.date
        in_force: bool
        notice_months: int
        events: tuple[
            Annotated[Launch | Statement | Meeting, pydantic.Field(discriminator="kind")], ...
        ]

    adapter = pydantic.TypeAdapter(list[Row])
    return adapter.validate_json, adapter.dump_json


def msgspec_codec() -> Codec:
    """Structs in msgspec with a tagged union, through a typed decoder and an encoder."""
    import msgspec

    class Launch(msgspec.Struct, tag_field="kind", tag="launch", frozen=True):
        date: dt.date
        vehicle: str

    class Statement(msgspec.Struct, tag_field="kind", tag="statement", frozen=True):
        date: dt.date
        speaker: str

    class Meeting(msgspec.Struct, tag_field="kind", tag="meeting", frozen=True):
        date: dt.date
        place: str

    class Row(msgspec.Struct, frozen=True):
        id: str
        title: str
        parties: tuple[str, ...]
        signed: dt.date
        in_force: bool
        notice_months: int
        events: tuple[Launch | Statement | Meeting, ...]

    decoder = msgspec.json.Decoder(list[Row])
    encoder = msgspec.json.Encoder()
    return decoder.decode, encoder.encode


CODECS: dict[str, Callable[[], Codec]] = {
    "cattrs": cattrs_codec,
    "pydantic": pydantic_codec,
    "msgspec": msgspec_codec,
}
"""Every reference JSON codec, by library."""
