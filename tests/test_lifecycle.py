import pickle
import re
from collections.abc import Iterable
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from armscontrol.exceptions import LifecycleDefinitionError, TransitionNotAllowed
from armscontrol.lifecycle import (
    AGREEMENT,
    BUILTIN,
    COMMITMENT,
    PARTICIPATION,
    VIOLATION,
    Lifecycle,
    lifecycle_for,
)
from armscontrol.model import (
    AgreementState,
    CommitmentState,
    ParticipationState,
    SubjectKind,
    ViolationState,
)

DOCS = Path(__file__).parent.parent / "docs" / "lifecycles.md"
BUILTINS = (AGREEMENT, COMMITMENT, PARTICIPATION, VIOLATION)


def ident(value: object) -> str:
    """A readable test id for a parameter: a lifecycle's name, a history's steps."""
    if isinstance(value, Lifecycle):
        return value.name
    if isinstance(value, list):
        return "-".join(value)
    return getattr(value, "__name__", str(value))


def broken(make: object) -> LifecycleDefinitionError:
    """Call ``make`` and return the definition error it raises."""
    assert callable(make)
    with pytest.raises(LifecycleDefinitionError) as caught:
        make()
    return caught.value


def simple(**overrides: object) -> Lifecycle:
    """A small well-formed lifecycle, a → b → c, with keyword arguments of build replaced."""
    arguments: dict[str, object] = {
        "initial": "a",
        "terminal": ["c"],
        "steps": {"a": ["b"], "b": ["c"]},
    }
    arguments.update(overrides)
    return Lifecycle.build("simple", **arguments)  # type: ignore[arg-type]


class TestBuild:
    """Declaring a lifecycle with build() or the constructor."""

    def test_states_are_initial_terminal_and_every_state_the_steps_name(self) -> None:
        """build() declares every state that appears anywhere in the declaration."""
        lifecycle = Lifecycle.build(
            "x", initial="a", terminal=["d", "e"], steps={"a": ["b", "e"], "b": ["d"]}
        )

        assert frozenset("abde") == lifecycle.states
        assert frozenset({("a", "b"), ("a", "e"), ("b", "d")}) == lifecycle.transitions

    def test_a_bare_string_is_one_target(self) -> None:
        """A string as a value of steps is one target, not its letters."""
        lifecycle = Lifecycle.build("x", initial="a", terminal=["done"], steps={"a": "done"})

        assert frozenset({("a", "done")}) == lifecycle.transitions

    def test_enum_states_are_stored_as_plain_strings(self) -> None:
        """StrEnum states become plain str, so reprs and outputs show the values."""
        assert {str} == {type(state) for state in AGREEMENT.states}
        assert {str} == {type(state) for pair in AGREEMENT.transitions for state in pair}
        assert str is type(AGREEMENT.initial)

    def test_constructor_with_explicit_sets_equals_build(self) -> None:
        """The constructor and build() declare the same lifecycle from the same facts."""
        explicit = Lifecycle("simple", {"a", "b", "c"}, "a", {"c"}, {("a", "b"), ("b", "c")})

        assert simple() == explicit

    def test_descriptions_default_to_empty(self) -> None:
        """A lifecycle without descriptions has an empty mapping of them."""
        assert {} == dict(simple().descriptions)


class TestDefinitionChecks:
    """Each check on a declaration, on a minimal declaration that fails only it."""

    def test_empty_name(self) -> None:
        """A lifecycle must have a name."""
        error = broken(lambda: Lifecycle.build(" ", initial="a", terminal=["b"], steps={"a": "b"}))

        assert ("name: a lifecycle needs a non-empty name",) == error.problems
        assert frozenset() == error.states

    def test_state_names_must_be_lowercase_slugs(self) -> None:
        """A state named otherwise than [a-z0-9][a-z0-9_]* is refused, with its name."""
        error = broken(lambda: simple(terminal=["In Effect"], steps={"a": "b", "b": "In Effect"}))

        expected = "state_names: not lowercase names like 'in_effect' ([a-z0-9][a-z0-9_]*): "
        assert (expected + "'In Effect'",) == error.problems
        assert frozenset({"In Effect"}) == error.states

    def test_initial_must_be_a_state(self) -> None:
        """An initial state that is not declared is refused."""
        error = broken(lambda: Lifecycle("x", {"a"}, "z", {"a"}, set()))

        assert ("initial: the initial state 'z' is not one of the states",) == error.problems
        assert frozenset({"z"}) == error.states

    def test_terminal_states_must_be_declared(self) -> None:
        """A terminal state that is not among the states is refused."""
        error = broken(lambda: Lifecycle("x", {"a", "b"}, "a", {"b", "c"}, {("a", "b")}))

        assert ("undeclared: terminal states that are not states: c",) == error.problems
        assert frozenset({"c"}) == error.states

    def test_transitions_must_name_declared_states(self) -> None:
        """A step from or to a state that is not declared is refused."""
        steps = {("a", "b"), ("a", "q"), ("q", "b")}
        error = broken(lambda: Lifecycle("x", {"a", "b"}, "a", {"b"}, steps))

        assert ("undeclared: transitions name states that are not states: q",) == error.problems
        assert frozenset({"q"}) == error.states

    def test_descriptions_must_name_declared_states(self) -> None:
        """A description of a state the lifecycle does not have is refused."""
        error = broken(lambda: simple(descriptions={"a": "Start.", "zz": "Nowhere."}))

        assert ("undeclared: descriptions of states that are not states: zz",) == error.problems
        assert frozenset({"zz"}) == error.states

    def test_self_loops_are_refused(self) -> None:
        """A state that steps to itself is refused: staying is not a transition."""
        error = broken(lambda: simple(steps={"a": ["a", "b"], "b": "c"}))

        assert ("self_loops: a state cannot step to itself: a",) == error.problems
        assert frozenset({"a"}) == error.states

    def test_unreachable_states(self) -> None:
        """A state that cannot be reached from the initial state is refused."""
        error = broken(lambda: simple(steps={"a": "b", "b": "c", "x": "c"}))

        assert ("unreachable: not reachable from the initial state 'a': x",) == error.problems
        assert frozenset({"x"}) == error.states

    def test_transitions_out_of_terminal_states(self) -> None:
        """A step out of a terminal state is refused, and names the step."""
        error = broken(lambda: simple(terminal=["b", "c"]))

        assert ("terminal_exits: transitions out of terminal states: b → c",) == error.problems
        assert frozenset({"b"}) == error.states

    def test_dead_ends(self) -> None:
        """A state that is not terminal and has no way out is refused."""
        error = broken(lambda: simple(steps={"a": ["b", "stuck"], "b": "c"}))

        assert ("dead_ends: states that are not terminal have no way out: stuck",) == error.problems
        assert frozenset({"stuck"}) == error.states

    def test_traps(self) -> None:
        """States that have a way out but can never reach a terminal state are refused."""
        error = broken(lambda: simple(steps={"a": ["b", "x"], "b": "c", "x": "y", "y": "x"}))

        assert ("traps: no terminal state can be reached from: x, y",) == error.problems
        assert frozenset({"x", "y"}) == error.states

    def test_every_problem_is_reported_at_once(self) -> None:
        """All problems of a declaration come in one error, in the order of the checks."""
        error = broken(
            lambda: Lifecycle.build(
                "",
                initial="a",
                terminal=["end"],
                steps={"a": ["a", "B", "x", "end"], "end": "a", "lost": "end", "x": "y", "y": "x"},
            )
        )

        assert (
            "name: a lifecycle needs a non-empty name",
            "state_names: not lowercase names like 'in_effect' ([a-z0-9][a-z0-9_]*): 'B'",
            "self_loops: a state cannot step to itself: a",
            "unreachable: not reachable from the initial state 'a': lost",
            "terminal_exits: transitions out of terminal states: end → a",
            "dead_ends: states that are not terminal have no way out: B",
            "traps: no terminal state can be reached from: x, y",
        ) == error.problems
        assert frozenset({"a", "B", "lost", "end", "x", "y"}) == error.states
        assert "" == error.lifecycle

    def test_the_message_names_the_lifecycle_and_lists_the_problems(self) -> None:
        """The error's message says which lifecycle is broken and why."""
        error = broken(lambda: simple(terminal=["b", "c"]))

        expected = (
            "lifecycle 'simple' is not well formed: "
            "terminal_exits: transitions out of terminal states: b → c"
        )
        assert expected == str(error)

    def test_evolve_checks_the_new_declaration(self) -> None:
        """A lifecycle changed with attrs.evolve is checked like a new one."""
        error = broken(lambda: attrs.evolve(AGREEMENT, initial="expired"))

        assert "agreement" == error.lifecycle
        assert AGREEMENT.states - {"expired"} == error.states


class TestBuiltins:
    """The four built-in lifecycles and the histories they must allow."""

    @pytest.mark.parametrize(
        ("lifecycle", "states"),
        [
            (AGREEMENT, AgreementState),
            (COMMITMENT, CommitmentState),
            (PARTICIPATION, ParticipationState),
            (VIOLATION, ViolationState),
        ],
        ids=ident,
    )
    def test_states_are_the_model_states(self, lifecycle: Lifecycle, states: Iterable[str]) -> None:
        """Each built-in lifecycle has exactly the states its StrEnum declares."""
        assert {str(state) for state in states} == lifecycle.states

    @pytest.mark.parametrize("lifecycle", BUILTINS, ids=ident)
    def test_every_state_has_a_one_line_description(self, lifecycle: Lifecycle) -> None:
        """Every built-in state is described in one non-empty line."""
        assert lifecycle.states == set(lifecycle.descriptions)
        assert all(text.strip() and "\n" not in text for text in lifecycle.descriptions.values())

    def test_builtin_maps_each_subject_kind(self) -> None:
        """BUILTIN holds the lifecycle of each kind of subject."""
        expected = {
            SubjectKind.AGREEMENT: AGREEMENT,
            SubjectKind.COMMITMENT: COMMITMENT,
            SubjectKind.PARTICIPATION: PARTICIPATION,
            SubjectKind.VIOLATION: VIOLATION,
        }
        assert expected == dict(BUILTIN)

    def test_builtin_is_read_only(self) -> None:
        """BUILTIN cannot be changed in place."""
        with pytest.raises(TypeError):
            BUILTIN[SubjectKind.AGREEMENT] = VIOLATION  # type: ignore[index]

    @pytest.mark.parametrize(
        ("lifecycle", "initial", "terminal"),
        [
            (
                AGREEMENT,
                "proposed",
                {"collapsed", "terminated", "expired", "superseded", "abandoned"},
            ),
            (COMMITMENT, "pending", {"fulfilled", "lapsed", "released", "renounced"}),
            (PARTICIPATION, "non_party", {"withdrawn", "ended", "continued"}),
            (VIOLATION, "alleged", {"resolved", "retracted"}),
        ],
        ids=ident,
    )
    def test_initial_and_terminal_states(
        self, lifecycle: Lifecycle, initial: str, terminal: set[str]
    ) -> None:
        """Each built-in lifecycle starts and ends where the domain says."""
        assert initial == lifecycle.initial
        assert terminal == lifecycle.terminal

    @pytest.mark.parametrize(
        ("lifecycle", "steps"),
        [
            (AGREEMENT, ["concluded", "in_effect", "suspended", "in_effect", "collapsed"]),
            (AGREEMENT, ["proposed", "negotiating", "concluded", "abandoned"]),
            (AGREEMENT, ["concluded", "collapsed"]),
            (AGREEMENT, ["concluded", "in_effect", "terminated"]),
            (COMMITMENT, ["active", "suspended", "lapsed"]),
            (COMMITMENT, ["active", "violated", "active", "fulfilled"]),
            (COMMITMENT, ["pending", "released"]),
            (PARTICIPATION, ["party", "withdrawal_notified", "withdrawal_suspended"]),
            (
                PARTICIPATION,
                ["party", "withdrawal_notified", "withdrawal_suspended", "withdrawal_notified"],
            ),
            (PARTICIPATION, ["signed", "consented", "consent_revoked", "consented", "party"]),
            (PARTICIPATION, ["consented", "party", "withdrawal_notified", "party"]),
            (PARTICIPATION, ["party", "withdrawn"]),
            (VIOLATION, ["alleged", "disputed", "confirmed", "resolved"]),
            (VIOLATION, ["disputed", "retracted"]),
        ],
        ids=ident,
    )
    def test_histories_the_records_tell_are_allowed(
        self, lifecycle: Lifecycle, steps: list[str]
    ) -> None:
        """Histories like those of the bundled records walk through to their last state."""
        assert steps[-1] == lifecycle.walk(steps)

    @pytest.mark.parametrize(
        ("lifecycle", "source", "target"),
        [
            (AGREEMENT, None, "in_effect"),
            (AGREEMENT, "collapsed", "in_effect"),
            (AGREEMENT, "proposed", "in_effect"),
            (COMMITMENT, "suspended", "violated"),
            (COMMITMENT, "fulfilled", "active"),
            (PARTICIPATION, "signed", "withdrawal_notified"),
            (PARTICIPATION, "withdrawn", "party"),
            (VIOLATION, "confirmed", "retracted"),
            (VIOLATION, "acknowledged", "retracted"),
        ],
        ids=ident,
    )
    def test_steps_the_domain_rules_out_are_refused(
        self, lifecycle: Lifecycle, source: str | None, target: str
    ) -> None:
        """Steps that make no sense in the domain are not allowed."""
        assert not lifecycle.allowed(source, target)


class TestLifecycleFor:
    """Choosing the lifecycle for a kind of subject."""

    def test_the_builtin_one_without_overrides(self) -> None:
        """With no overrides, each kind gets its built-in lifecycle."""
        assert [BUILTIN[kind] for kind in SubjectKind] == [
            lifecycle_for(kind) for kind in SubjectKind
        ]

    def test_an_override_replaces_only_its_kind(self) -> None:
        """An override is used for its kind; other kinds keep the built-in one."""
        mine = simple()
        overrides = {SubjectKind.AGREEMENT: mine}

        assert mine is lifecycle_for(SubjectKind.AGREEMENT, overrides)
        assert VIOLATION is lifecycle_for(SubjectKind.VIOLATION, overrides)


class TestSteps:
    """Asking a lifecycle which steps are allowed and taking them."""

    @pytest.mark.parametrize("lifecycle", BUILTINS, ids=ident)
    def test_before_the_first_transition(self, lifecycle: Lifecycle) -> None:
        """With no state yet, a subject may enter the initial state or any state after it."""
        expected = {lifecycle.initial} | lifecycle.successors(lifecycle.initial)
        assert expected == lifecycle.successors(None)

    def test_successors_follow_the_declared_steps(self) -> None:
        """successors() gives exactly the declared targets of a state."""
        assert {"suspended", "collapsed", "terminated", "expired", "superseded"} == (
            AGREEMENT.successors("in_effect")
        )

    def test_terminal_and_unknown_states_have_no_successors(self) -> None:
        """Nothing follows a terminal state, nor a state the lifecycle does not have."""
        assert frozenset() == AGREEMENT.successors("expired")
        assert frozenset() == AGREEMENT.successors("in_force")

    def test_allowed(self) -> None:
        """allowed() answers whether the target is a successor of the source."""
        assert AGREEMENT.allowed(None, "concluded")
        assert AGREEMENT.allowed("concluded", "in_effect")
        assert not AGREEMENT.allowed("in_effect", "concluded")
        assert not AGREEMENT.allowed("in_force", "in_effect")

    def test_step_returns_the_target(self) -> None:
        """An allowed step returns the new state."""
        assert "in_effect" == AGREEMENT.step("concluded", "in_effect")

    def test_step_refused_carries_the_facts(self) -> None:
        """A refused step names the lifecycle, the state, the target and what was allowed."""
        with pytest.raises(TransitionNotAllowed) as caught:
            VIOLATION.step("acknowledged", "disputed")

        error = caught.value
        assert ("violation", "acknowledged", "disputed") == (
            error.lifecycle,
            error.state,
            error.target,
        )
        assert ("confirmed", "resolved") == error.allowed

    def test_step_refused_from_a_terminal_state(self) -> None:
        """A step out of a terminal state is refused with nothing allowed."""
        with pytest.raises(TransitionNotAllowed) as caught:
            VIOLATION.step("resolved", "alleged")

        assert () == caught.value.allowed

    def test_is_terminal(self) -> None:
        """is_terminal() is true for terminal states only."""
        assert [True, False] == [
            COMMITMENT.is_terminal("fulfilled"),
            COMMITMENT.is_terminal("violated"),
        ]

    def test_walk_of_nothing_is_no_state(self) -> None:
        """Walking no steps leaves a subject with no state."""
        assert None is AGREEMENT.walk([])

    def test_walk_stops_at_the_first_bad_step(self) -> None:
        """walk() raises at the first step that is not allowed, naming that step."""
        with pytest.raises(TransitionNotAllowed) as caught:
            AGREEMENT.walk(["concluded", "in_effect", "negotiating", "proposed"])

        assert ("in_effect", "negotiating") == (caught.value.state, caught.value.target)

    def test_walk_refuses_a_bad_first_step(self) -> None:
        """A first step that skips past the initial state's successors is refused from None."""
        with pytest.raises(TransitionNotAllowed) as caught:
            AGREEMENT.walk(["in_effect"])

        assert (None, "in_effect") == (caught.value.state, caught.value.target)


class TestImmutability:
    """A lifecycle is a value that never changes."""

    def test_fields_cannot_be_set(self) -> None:
        """A lifecycle cannot be changed in place."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            AGREEMENT.initial = "concluded"  # type: ignore[misc]

    def test_descriptions_are_read_only(self) -> None:
        """The descriptions mapping cannot be changed in place."""
        with pytest.raises(TypeError):
            AGREEMENT.descriptions["proposed"] = "changed"  # type: ignore[index]

    def test_descriptions_are_copied(self) -> None:
        """Changing the mapping given to build() does not change the lifecycle."""
        given_descriptions = {"a": "Start."}
        lifecycle = simple(descriptions=given_descriptions)
        given_descriptions["a"] = "Changed."

        assert "Start." == lifecycle.descriptions["a"]

    def test_equal_lifecycles_hash_alike(self) -> None:
        """Equal lifecycles are equal and hash alike, so they can key a dict."""
        assert simple() == simple()
        assert hash(simple()) == hash(simple())

    @pytest.mark.parametrize("lifecycle", BUILTINS, ids=ident)
    def test_pickle_round_trip(self, lifecycle: Lifecycle) -> None:
        """A lifecycle survives pickling, descriptions and lookups included."""
        copy = pickle.loads(pickle.dumps(lifecycle))

        assert lifecycle == copy
        assert lifecycle.successors(None) == copy.successors(None)


# -- diagrams -------------------------------------------------------------------------

MERMAID_EDGE = re.compile(r"^    (\[\*\]|[a-z0-9_]+) --> (\[\*\]|[a-z0-9_]+)$")
DOT_EDGE = re.compile(r'^    ("(?:[^"\\]|\\.)*"|_start) -> ("(?:[^"\\]|\\.)*");$')
DOT_NODE = re.compile(r'^    ("(?:[^"\\]|\\.)*")(?: \[(.*)\])?;$')


def unquote(text: str) -> str:
    """The string a DOT quoted id stands for."""
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], text[1:-1])


def parse_mermaid(text: str) -> tuple[set[tuple[str, str]], set[str], set[str]]:
    """The steps, start states and end states of a Mermaid state diagram."""
    lines = text.splitlines()
    assert "stateDiagram-v2" == lines[0]
    steps: set[tuple[str, str]] = set()
    starts: set[str] = set()
    ends: set[str] = set()
    for line in lines[1:]:
        match = MERMAID_EDGE.fullmatch(line)
        assert match is not None, line
        source, target = match.groups()
        if source == "[*]":
            starts.add(target)
        elif target == "[*]":
            ends.add(source)
        else:
            steps.add((source, target))
    return steps, starts, ends


def parse_dot(text: str) -> tuple[set[tuple[str, str]], dict[str, str], set[str]]:
    """The steps, node attributes and start states of a DOT digraph as to_dot writes it."""
    lines = text.splitlines()
    assert lines[0].startswith("digraph ")
    assert "}" == lines[-1]
    steps: set[tuple[str, str]] = set()
    nodes: dict[str, str] = {}
    starts: set[str] = set()
    for line in lines[1:-1]:
        if edge := DOT_EDGE.fullmatch(line):
            source, target = edge.groups()
            if source == "_start":
                starts.add(unquote(target))
            else:
                steps.add((unquote(source), unquote(target)))
        elif node := DOT_NODE.fullmatch(line):
            nodes[unquote(node[1])] = node[2] or ""
    return steps, nodes, starts


class TestDiagrams:
    """Mermaid and DOT output, read back and compared with the declaration."""

    @pytest.mark.parametrize("lifecycle", BUILTINS, ids=ident)
    def test_mermaid_draws_every_step_the_start_and_the_ends(self, lifecycle: Lifecycle) -> None:
        """The Mermaid text read back gives the same steps, initial and terminal states."""
        steps, starts, ends = parse_mermaid(lifecycle.to_mermaid())

        assert lifecycle.transitions == steps
        assert {lifecycle.initial} == starts
        assert lifecycle.terminal == ends
        assert lifecycle.states == {s for pair in steps for s in pair} | starts | ends

    @pytest.mark.parametrize("lifecycle", BUILTINS, ids=ident)
    def test_dot_draws_every_state_and_step(self, lifecycle: Lifecycle) -> None:
        """The DOT text read back gives the same states, steps and initial state."""
        steps, nodes, starts = parse_dot(lifecycle.to_dot())

        assert lifecycle.transitions == steps
        assert lifecycle.states == set(nodes)
        assert {lifecycle.initial} == starts

    @pytest.mark.parametrize("lifecycle", BUILTINS, ids=ident)
    def test_dot_draws_terminal_states_as_double_circles(self, lifecycle: Lifecycle) -> None:
        """Exactly the terminal states are drawn as double circles."""
        _, nodes, _ = parse_dot(lifecycle.to_dot())

        assert lifecycle.terminal == {s for s, attr in nodes.items() if "doublecircle" in attr}

    def test_dot_quotes_names_and_descriptions(self) -> None:
        """Quotes and backslashes in a name or description cannot break the DOT text."""
        lifecycle = Lifecycle.build(
            'say "no"\\',
            initial="a",
            terminal=["b"],
            steps={"a": "b"},
            descriptions={"a": 'The "start" \\ here.'},
        )

        text = lifecycle.to_dot()
        _, nodes, _ = parse_dot(text)

        assert 'digraph "say \\"no\\"\\\\" {' == text.splitlines()[0]
        assert 'tooltip="The \\"start\\" \\\\ here."' == nodes["a"]

    def test_output_is_stable(self) -> None:
        """Equal lifecycles draw the same text, whatever order they were declared in."""
        forward = Lifecycle.build(
            "x", initial="a", terminal=["c", "d"], steps={"a": ["b", "c"], "b": ["d", "c"]}
        )
        backward = Lifecycle.build(
            "x", initial="a", terminal=["d", "c"], steps={"b": ["c", "d"], "a": ["c", "b"]}
        )

        assert forward.to_mermaid() == backward.to_mermaid()
        assert forward.to_dot() == backward.to_dot()


# -- the documentation page -------------------------------------------------------------


def fenced(language: str) -> list[str]:
    """The bodies of the fenced blocks of one language in docs/lifecycles.md, in order."""
    pattern = re.compile(rf"^```{language}\n(.*?)^```$", re.MULTILINE | re.DOTALL)
    return pattern.findall(DOCS.read_text(encoding="utf-8"))


class TestDocs:
    """docs/lifecycles.md agrees with the code."""

    def test_mermaid_blocks_are_the_generated_diagrams(self) -> None:
        """The page shows each built-in lifecycle exactly as to_mermaid() draws it."""
        assert [lifecycle.to_mermaid() for lifecycle in BUILTINS] == fenced("mermaid")

    def test_state_tables_are_the_descriptions(self) -> None:
        """Each state table on the page lists the states with their descriptions."""
        page = DOCS.read_text(encoding="utf-8")
        builtins = page[page.index("## The built-in lifecycles") : page.index("## Declaring")]
        rows = re.findall(r"^\| `([a-z0-9_]+)` \| (.+?) \|$", builtins, re.MULTILINE)
        expected = [
            (state, text)
            for lifecycle in BUILTINS
            for state, text in lifecycle.descriptions.items()
        ]
        assert sorted(expected) == sorted(rows)

    def test_python_blocks_run(self) -> None:
        """The page's Python examples run, top to bottom, in one namespace."""
        namespace: dict[str, object] = {"__name__": "docs_lifecycles"}
        for block in fenced("python"):
            exec(compile(block, str(DOCS), "exec"), namespace)


# -- properties -----------------------------------------------------------------------


@st.composite
def walks(draw: st.DrawFn) -> tuple[Lifecycle, list[str]]:
    """A built-in lifecycle and a history that follows its allowed steps."""
    lifecycle = draw(st.sampled_from(BUILTINS))
    steps: list[str] = []
    state: str | None = None
    for _ in range(draw(st.integers(0, 12))):
        options = sorted(lifecycle.successors(state))
        if not options:
            break
        state = draw(st.sampled_from(options))
        steps.append(state)
    return lifecycle, steps


class TestWalkProperties:
    """Walks through the built-in lifecycles, generated."""

    @given(walks())
    def test_any_allowed_walk_is_accepted(self, walk: tuple[Lifecycle, list[str]]) -> None:
        """Any history along allowed steps is accepted and ends in its last state."""
        lifecycle, steps = walk

        assert (steps[-1] if steps else None) == lifecycle.walk(steps)

    @given(walks(), st.data())
    def test_one_illegal_step_is_caught_where_it_is(
        self, walk: tuple[Lifecycle, list[str]], data: st.DataObject
    ) -> None:
        """Putting one step that is not allowed into a good history fails at that step."""
        lifecycle, steps = walk
        at = data.draw(st.integers(0, len(steps)))
        before = steps[at - 1] if at else None
        wrong = [*sorted(lifecycle.states - lifecycle.successors(before)), "no_such_state"]
        bad = data.draw(st.sampled_from(wrong))

        with pytest.raises(TransitionNotAllowed) as caught:
            lifecycle.walk([*steps[:at], bad, *steps[at:]])

        assert (before, bad) == (caught.value.state, caught.value.target)


NAMES = ["a", "b", "c", "d", "e", "X"]


@st.composite
def free_declarations(draw: st.DrawFn) -> tuple[str, list[str], dict[str, list[str]]]:
    """A random small declaration: initial state, terminal states and steps; mostly broken."""
    initial = draw(st.sampled_from(NAMES))
    terminal = draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=3))
    sources = draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=6))
    steps = {
        source: draw(st.lists(st.sampled_from(NAMES), unique=True, min_size=1, max_size=3))
        for source in sources
    }
    return initial, terminal, steps


@st.composite
def shaped_declarations(draw: st.DrawFn) -> tuple[str, list[str], dict[str, list[str]]]:
    """A random small declaration where every state that is not terminal steps elsewhere."""
    names = draw(st.permutations(NAMES[:5]))[: draw(st.integers(2, 5))]
    terminal = draw(st.lists(st.sampled_from(names[1:]), unique=True, min_size=1))
    steps = {
        source: draw(
            st.lists(
                st.sampled_from([name for name in names if name != source]),
                unique=True,
                min_size=1,
                max_size=3,
            )
        )
        for source in names
        if source not in terminal
    }
    return names[0], terminal, steps


declarations = st.one_of(free_declarations(), shaped_declarations())


def expected_problems(
    initial: str, terminal: set[str], steps: set[tuple[str, str]]
) -> dict[str, set[str]]:
    """The checks a declaration should fail and their states, worked out by transitive closure."""
    states = {initial} | terminal | {s for pair in steps for s in pair}
    reach = {(s, s) for s in states} | steps
    for middle in states:  # Warshall
        reach |= {(s, t) for s, m in reach if m == middle for m2, t in reach if m2 == middle}
    has_exit = {source for source, _ in steps}
    found = {
        "state_names": {s for s in states if not re.fullmatch(r"[a-z0-9][a-z0-9_]*", s)},
        "self_loops": {source for source, target in steps if source == target},
        "unreachable": {s for s in states if (initial, s) not in reach},
        "terminal_exits": has_exit & terminal,
        "dead_ends": states - terminal - has_exit,
        "traps": {s for s in has_exit - terminal if not any((s, t) in reach for t in terminal)},
    }
    return {check: at for check, at in found.items() if at}


class TestDefinitionProperties:
    """Random small declarations against an independent oracle."""

    @given(declarations)
    def test_build_succeeds_exactly_when_no_check_fails(
        self, declaration: tuple[str, list[str], dict[str, list[str]]]
    ) -> None:
        """build() accepts a declaration iff it is sound, and otherwise names each failed check."""
        initial, terminal, steps = declaration
        pairs = {(source, target) for source, targets in steps.items() for target in targets}
        expected = expected_problems(initial, set(terminal), pairs)

        if expected:
            with pytest.raises(LifecycleDefinitionError) as caught:
                Lifecycle.build("g", initial=initial, terminal=terminal, steps=steps)
            problems = caught.value.problems
            assert set(expected) == {problem.split(":")[0] for problem in problems}
            assert set().union(*expected.values()) == caught.value.states
        else:
            lifecycle = Lifecycle.build("g", initial=initial, terminal=terminal, steps=steps)
            assert pairs == lifecycle.transitions
            assert all(lifecycle.allowed(source, target) for source, target in pairs)
            assert {initial} | lifecycle.successors(initial) == lifecycle.successors(None)
