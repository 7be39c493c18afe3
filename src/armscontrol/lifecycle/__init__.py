"""Lifecycles: which states a subject can be in and which steps between them are allowed.

A :class:`Lifecycle` is an immutable declaration, not a running machine: it names
its states, its initial state, its terminal states and the allowed ``(source,
target)`` steps. It is checked when it is made, and a declaration that cannot work
raises :class:`~armscontrol.exceptions.LifecycleDefinitionError` listing every
problem at once:

* ``name``: the name is empty;
* ``state_names``: a state name is not a lowercase name such as ``in_effect``;
* ``initial``: the initial state is not one of the states;
* ``undeclared``: terminal states, steps or descriptions name states that are not
  declared;
* ``self_loops``: a state steps to itself;
* ``unreachable``: a state cannot be reached from the initial state;
* ``terminal_exits``: a step leaves a terminal state;
* ``dead_ends``: a state that is not terminal has no way out;
* ``traps``: from a state that has a way out, no terminal state can be reached.

Before its first transition a subject has no state (``None``). Its first step may
enter the initial state or any state the initial state may step to, so a history
may begin where the record begins (an agreement at ``concluded``).

The four built-in lifecycles, :data:`AGREEMENT`, :data:`COMMITMENT`,
:data:`PARTICIPATION` and :data:`VIOLATION`, use the states of
:mod:`armscontrol.model` and are gathered in :data:`BUILTIN`. A user may declare
others and hand them to the validator as :data:`Lifecycles`.
"""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

import attrs

from armscontrol.exceptions import LifecycleDefinitionError, TransitionNotAllowed
from armscontrol.lifecycle import _graph
from armscontrol.model import (
    AgreementState,
    CommitmentState,
    ParticipationState,
    SubjectKind,
    ViolationState,
)

__all__ = [
    "AGREEMENT",
    "BUILTIN",
    "COMMITMENT",
    "PARTICIPATION",
    "VIOLATION",
    "Lifecycle",
    "Lifecycles",
    "lifecycle_for",
]

_NOTHING: frozenset[str] = frozenset()


def _state_set(value: Iterable[str]) -> frozenset[str]:
    return frozenset(str(state) for state in value)


def _step_set(value: Iterable[tuple[str, str]]) -> frozenset[tuple[str, str]]:
    return frozenset((str(source), str(target)) for source, target in value)


def _read_only(value: Mapping[str, str]) -> Mapping[str, str]:
    return types.MappingProxyType({str(state): text for state, text in value.items()})


@attrs.frozen
class Lifecycle:
    """The states a subject can be in, where it starts, where it ends, and the steps between.

    Build one with :meth:`build`; the constructor takes the same declaration as
    explicit sets. Either way the declaration is checked, and a broken one raises
    :class:`~armscontrol.exceptions.LifecycleDefinitionError` with every problem.

    Attributes:
        name: What the lifecycle is for, e.g. ``"agreement"``; used in messages.
        states: Every state.
        initial: The state a subject starts in.
        terminal: The states a subject never leaves.
        transitions: The allowed steps, as ``(source, target)`` pairs.
        descriptions: One line per state, for documents and diagrams (may be empty).
    """

    name: str
    states: frozenset[str] = attrs.field(converter=_state_set)
    initial: str = attrs.field(converter=str)
    terminal: frozenset[str] = attrs.field(converter=_state_set)
    transitions: frozenset[tuple[str, str]] = attrs.field(converter=_step_set)
    descriptions: Mapping[str, str] = attrs.field(
        factory=dict[str, str], converter=_read_only, hash=False
    )
    _successors: dict[str | None, frozenset[str]] = attrs.field(
        init=False, eq=False, repr=False, hash=False
    )

    def __attrs_post_init__(self) -> None:
        table = _graph.Table(
            self.name,
            self.states,
            self.initial,
            self.terminal,
            self.transitions,
            frozenset(self.descriptions),
        )
        if findings := _graph.check(table):
            raise LifecycleDefinitionError(
                self.name,
                [finding.problem for finding in findings],
                frozenset[str]().union(*(finding.states for finding in findings)),
            )
        after: dict[str | None, frozenset[str]] = {
            source: frozenset(targets)
            for source, targets in _graph.successors(self.transitions).items()
        }
        after[None] = frozenset({self.initial}) | after.get(self.initial, _NOTHING)
        # Frozen: the lookup table is filled once, here, and never changes.
        object.__setattr__(self, "_successors", after)

    def __reduce__(self) -> tuple[Any, ...]:
        # The read-only descriptions cannot be pickled as they are; rebuild instead.
        fields = (self.states, self.initial, self.terminal, self.transitions)
        return (type(self), (self.name, *fields, dict(self.descriptions)))

    @classmethod
    def build(
        cls,
        name: str,
        *,
        initial: str,
        terminal: Iterable[str],
        steps: Mapping[str, Iterable[str]],
        descriptions: Mapping[str, str] | None = None,
    ) -> Lifecycle:
        """Declare a lifecycle by the steps out of each state.

        The states are the initial state, the terminal states, and every state
        ``steps`` names. A bare string as a value of ``steps`` is one target.

        Args:
            name: What the lifecycle is for; used in messages.
            initial: The state a subject starts in.
            terminal: The states a subject never leaves.
            steps: For each source state, the states it may step to.
            descriptions: One line per state, for documents and diagrams.

        Raises:
            LifecycleDefinitionError: The declaration cannot work; the error lists
                every problem and the states at fault.
        """
        transitions = {
            (source, target)
            for source, targets in steps.items()
            for target in ((targets,) if isinstance(targets, str) else targets)
        }
        terminal = frozenset(terminal)
        states = {initial, *terminal, *(state for pair in transitions for state in pair)}
        return cls(name, states, initial, terminal, transitions, descriptions or {})

    def successors(self, state: str | None) -> frozenset[str]:
        """The states a subject in ``state`` may step to.

        ``None`` stands for a subject with no state yet: it may step to the initial
        state or to any state the initial state may step to. A terminal state, and a
        state the lifecycle does not have, have no successors.
        """
        return self._successors.get(state, _NOTHING)

    @property
    def successor_map(self) -> Mapping[str | None, frozenset[str]]:
        """:meth:`successors` of every state as one table, ``None`` (no state yet) included.

        Read-only; a state that is not in it has no successors. For loops that
        look up one step at a time.
        """
        return self._successors

    def allowed(self, source: str | None, target: str) -> bool:
        """Whether a subject in ``source`` (``None``: no state yet) may step to ``target``."""
        return target in self._successors.get(source, _NOTHING)

    def step(self, source: str | None, target: str) -> str:
        """Take one step: the new state, ``target``, if the step is allowed.

        Raises:
            TransitionNotAllowed: The step is not allowed; the error names the
                states that would have been.
        """
        if target in self._successors.get(source, _NOTHING):
            return target
        raise TransitionNotAllowed(self.name, source, target, self.successors(source))

    def is_terminal(self, state: str) -> bool:
        """Whether ``state`` is one a subject never leaves."""
        return state in self.terminal

    def walk(self, targets: Iterable[str]) -> str | None:
        """The state reached by taking the steps in order from no state (``None`` if none).

        Raises:
            TransitionNotAllowed: At the first step that is not allowed.
        """
        state: str | None = None
        for target in targets:
            state = self.step(state, target)
        return state

    def to_mermaid(self) -> str:
        """The lifecycle as a Mermaid ``stateDiagram-v2``.

        ``[*]`` points to the initial state and every terminal state points to
        ``[*]``; each allowed step is one arrow. Lines come in a stable order, so
        the text can be kept in documents and compared.
        """
        order = self._order()
        lines = ["stateDiagram-v2", f"    [*] --> {self.initial}"]
        lines += [f"    {source} --> {target}" for source, target in self._edges(order)]
        lines += [f"    {state} --> [*]" for state in order if state in self.terminal]
        return "\n".join(lines) + "\n"

    def to_dot(self) -> str:
        """The lifecycle as a Graphviz DOT ``digraph``.

        A point marks the start; terminal states are drawn as double circles; a
        state's description, when there is one, is its tooltip.
        """
        order = self._order()
        lines = [
            f"digraph {_quote(self.name)} {{",
            "    rankdir=LR;",
            "    node [shape=circle];",
            "    _start [shape=point];",
        ]
        for state in order:
            shape = ["shape=doublecircle"] if state in self.terminal else []
            tip = (
                [f"tooltip={_quote(self.descriptions[state])}"]
                if state in self.descriptions
                else []
            )
            attributes = f" [{', '.join(shape + tip)}]" if shape or tip else ""
            lines.append(f"    {_quote(state)}{attributes};")
        lines.append(f"    _start -> {_quote(self.initial)};")
        lines += [f"    {_quote(s)} -> {_quote(t)};" for s, t in self._edges(order)]
        lines.append("}")
        return "\n".join(lines) + "\n"

    def _order(self) -> tuple[str, ...]:
        # A reading order for documents: states that go on first, nearest the start
        # first, then the terminal states; names break ties.
        distance = {self.initial: 0}
        frontier = [self.initial]
        while frontier:
            following: list[str] = []
            for state in frontier:
                for nxt in self.successors(state) - distance.keys():
                    distance[nxt] = distance[state] + 1
                    following.append(nxt)
            frontier = following
        return tuple(sorted(self.states, key=lambda s: (s in self.terminal, distance[s], s)))

    def _edges(self, order: tuple[str, ...]) -> list[tuple[str, str]]:
        rank = {state: index for index, state in enumerate(order)}
        return sorted(self.transitions, key=lambda pair: (rank[pair[0]], rank[pair[1]]))


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


Lifecycles: TypeAlias = Mapping[SubjectKind, Lifecycle]
"""Lifecycles by subject kind, to use in place of the built-in ones
(``validate(record, lifecycles={SubjectKind.AGREEMENT: my_lifecycle})``)."""


_A = AgreementState
AGREEMENT = Lifecycle.build(
    "agreement",
    initial=_A.PROPOSED,
    terminal=[_A.COLLAPSED, _A.TERMINATED, _A.EXPIRED, _A.SUPERSEDED, _A.ABANDONED],
    steps={
        _A.PROPOSED: [_A.NEGOTIATING, _A.CONCLUDED, _A.ABANDONED],
        _A.NEGOTIATING: [_A.CONCLUDED, _A.ABANDONED],
        # A deal can break down between being agreed and taking effect: collapsed.
        _A.CONCLUDED: [_A.IN_EFFECT, _A.COLLAPSED, _A.ABANDONED],
        _A.IN_EFFECT: [_A.SUSPENDED, _A.COLLAPSED, _A.TERMINATED, _A.EXPIRED, _A.SUPERSEDED],
        _A.SUSPENDED: [_A.IN_EFFECT, _A.COLLAPSED, _A.TERMINATED, _A.EXPIRED, _A.SUPERSEDED],
    },
    descriptions={
        _A.PROPOSED: "Put forward by at least one side; no talks on it yet.",
        _A.NEGOTIATING: "Under negotiation.",
        _A.CONCLUDED: "Agreed, signed or announced, but not yet in effect.",
        _A.IN_EFFECT: "In force or being carried out; its commitments can bind.",
        _A.SUSPENDED: "Still in place, but its operation is suspended; it may resume.",
        _A.COLLAPSED: "Broke down: the parties stopped carrying it out, with no formal end.",
        _A.TERMINATED: "Ended formally: by withdrawal, denunciation or the parties' decision.",
        _A.EXPIRED: "Ended by reaching its end date or the end of its fixed duration.",
        _A.SUPERSEDED: "Replaced by a later agreement.",
        _A.ABANDONED: "Dropped before it ever took effect.",
    },
)
"""The lifecycle of an agreement, from proposal to its end.

A history may begin at ``concluded`` (or ``negotiating``), since not every
negotiation is on record. A concluded agreement that breaks down before it takes
effect has ``collapsed``; one that is quietly dropped is ``abandoned``.
"""

_C = CommitmentState
COMMITMENT = Lifecycle.build(
    "commitment",
    initial=_C.PENDING,
    terminal=[_C.FULFILLED, _C.LAPSED, _C.RELEASED, _C.RENOUNCED],
    steps={
        _C.PENDING: [_C.ACTIVE, _C.LAPSED, _C.RELEASED, _C.RENOUNCED],
        _C.ACTIVE: [
            _C.SUSPENDED,
            _C.VIOLATED,
            _C.FULFILLED,
            _C.LAPSED,
            _C.RELEASED,
            _C.RENOUNCED,
        ],
        # No suspended → violated: a suspended commitment binds no one until it resumes.
        _C.SUSPENDED: [_C.ACTIVE, _C.LAPSED, _C.RELEASED, _C.RENOUNCED],
        _C.VIOLATED: [_C.ACTIVE, _C.LAPSED, _C.RELEASED, _C.RENOUNCED],
    },
    descriptions={
        _C.PENDING: "Agreed but not binding yet: waiting for a date, a condition or its agreement.",
        _C.ACTIVE: "Binding: the obligor must act, or refrain, now.",
        _C.SUSPENDED: "Not binding for the time being; it may resume.",
        _C.VIOLATED: "Breached, as a violation records; can be cured back to active.",
        _C.FULFILLED: "Carried out in full; nothing more is owed.",
        _C.LAPSED: "Ended because its agreement ended or its time ran out.",
        _C.RELEASED: "Waived by those it was owed to.",
        _C.RENOUNCED: "Repudiated by the obligor, who walks away from it.",
    },
)
"""The lifecycle of one commitment inside an agreement.

A history may begin at ``active``. A violated commitment can be cured (back to
``active``). A suspended one cannot be violated: it binds no one while suspended
(in Symboleo too only an obligation in effect is violated). A party that calls the
suspension itself a breach records ``active → violated`` as its own view
(``asserted_by``) beside the other side's ``active → suspended``.
"""

_P = ParticipationState
_OUT = [_P.ENDED, _P.CONTINUED]  # the ways out that do not depend on the party's own acts
PARTICIPATION = Lifecycle.build(
    "participation",
    initial=_P.NON_PARTY,
    terminal=[_P.WITHDRAWN, _P.ENDED, _P.CONTINUED],
    steps={
        _P.NON_PARTY: [_P.SIGNED, _P.CONSENTED, _P.PARTY],
        # signed → party: a source gives only "became a party"; the consent date is unknown.
        _P.SIGNED: [_P.CONSENTED, _P.PARTY, *_OUT],
        _P.CONSENTED: [_P.PARTY, _P.CONSENT_REVOKED, *_OUT],
        _P.PARTY: [
            _P.SUSPENDED,
            _P.WITHDRAWAL_NOTIFIED,
            _P.WITHDRAWN,
            _P.CONSENT_REVOKED,
            *_OUT,
        ],
        _P.SUSPENDED: [_P.PARTY, _P.WITHDRAWAL_NOTIFIED, _P.WITHDRAWN, *_OUT],
        _P.WITHDRAWAL_NOTIFIED: [_P.WITHDRAWN, _P.WITHDRAWAL_SUSPENDED, _P.PARTY, *_OUT],
        _P.WITHDRAWAL_SUSPENDED: [_P.WITHDRAWAL_NOTIFIED, _P.PARTY, *_OUT],
        _P.CONSENT_REVOKED: [_P.CONSENTED, *_OUT],
    },
    descriptions={
        _P.NON_PARTY: "Has neither signed nor consented to be bound.",
        _P.SIGNED: "Has signed but not yet consented to be bound (not ratified).",
        _P.CONSENTED: (
            "Has consented to be bound (ratification, accession, acceptance, approval,"
            " succession); not yet in force for it."
        ),
        _P.PARTY: "Bound: the agreement is in force for this party.",
        _P.SUSPENDED: (
            "Has suspended its participation without withdrawing; the agreement stays in"
            " force for it."
        ),
        _P.WITHDRAWAL_NOTIFIED: "Has given notice of withdrawal; the notice period runs.",
        _P.WITHDRAWAL_SUSPENDED: "Has suspended its notice of withdrawal; still a party.",
        _P.WITHDRAWN: "Its withdrawal has taken effect; no longer bound.",
        _P.CONSENT_REVOKED: "Has revoked its consent to be bound; still a signatory.",
        _P.ENDED: "Ended with the agreement, not by the party's own act; no longer bound.",
        _P.CONTINUED: "A continuing state took its place in the agreement (the Russian Federation"
        " the Soviet Union's).",
    },
)
"""The lifecycle of one party's participation in an agreement.

Follows the per-party actions of the UN Treaty Collection: signature; consent to be
bound (ratification, accession, acceptance, approval, succession), which may come
without signature or be recorded in one step as ``party``, from no status or from
``signed`` when the consent date is not on record; withdrawal or denunciation. A
notice of withdrawal may be suspended (the DPRK and the NPT, June 1993), resumed or
retracted. A party may also leave in one step (``party → withdrawn``), as from an
agreement with no withdrawal clause; whether a notice period was respected is the
validator's question. Consent may be revoked while the signature stands (Russia and
the CTBT, November 2023) and given again.

A party may suspend its own participation while the agreement stays in force for
it and for everyone else (``party → suspended``: Russia and New START, February
2023), and resume it (``suspended → party``); that is not the suspension of a
withdrawal notice. A participation ends without the party's own act when the
agreement ends (``ended``) or when a continuing state takes its place
(``continued``); queries derive both when they are not recorded.
"""

_V = ViolationState
VIOLATION = Lifecycle.build(
    "violation",
    initial=_V.ALLEGED,
    terminal=[_V.RESOLVED, _V.RETRACTED],
    steps={
        _V.ALLEGED: [_V.DISPUTED, _V.ACKNOWLEDGED, _V.CONFIRMED, _V.RESOLVED, _V.RETRACTED],
        _V.DISPUTED: [_V.ACKNOWLEDGED, _V.CONFIRMED, _V.RESOLVED, _V.RETRACTED],
        _V.ACKNOWLEDGED: [_V.CONFIRMED, _V.RESOLVED],
        _V.CONFIRMED: [_V.RESOLVED],
    },
    descriptions={
        _V.ALLEGED: "Alleged by at least one party.",
        _V.DISPUTED: "The accused denies it, or denies that the commitment covers the act.",
        _V.ACKNOWLEDGED: "The accused admits the act or the breach.",
        _V.CONFIRMED: "Established by an independent finding (inspectors, a verification body).",
        _V.RESOLVED: "Settled: cured, compensated or closed by agreement.",
        _V.RETRACTED: "Withdrawn by those who alleged it.",
    },
)
"""The lifecycle of a violation allegation, from allegation to its settlement."""

BUILTIN: Mapping[SubjectKind, Lifecycle] = types.MappingProxyType(
    {
        SubjectKind.AGREEMENT: AGREEMENT,
        SubjectKind.COMMITMENT: COMMITMENT,
        SubjectKind.PARTICIPATION: PARTICIPATION,
        SubjectKind.VIOLATION: VIOLATION,
    }
)
"""The built-in lifecycle of each kind of subject (read-only)."""


def lifecycle_for(kind: SubjectKind, overrides: Lifecycles | None = None) -> Lifecycle:
    """The lifecycle for a kind of subject: the one in ``overrides``, else the built-in one."""
    if overrides is not None and kind in overrides:
        return overrides[kind]
    return BUILTIN[kind]
