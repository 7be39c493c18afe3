"""The README's set-up commands are the ones CI runs."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent


def console_commands() -> list[str]:
    """The one-line commands of the README's console blocks, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```console\n(.*?)```", text, re.DOTALL)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


class TestSetUp:
    """Two commands: one runs the main job, one runs every check."""

    def test_two_commands(self) -> None:
        """The set-up has exactly two commands, each installing what it needs."""
        commands = console_commands()
        assert 2 == len(commands)
        assert all(c.startswith("python -m pip install") for c in commands)

    def test_ci_runs_the_readme_test_command(self) -> None:
        """.ci/run runs the README's test command verbatim."""
        test_command = console_commands()[1]
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
        assert test_command in ci.splitlines()

    def test_test_command_runs_every_check(self) -> None:
        """The test command lints, checks formatting and types, tests and builds the docs."""
        test_command = console_commands()[1]
        for check in (
            "ruff check",
            "ruff format --check",
            "mypy",
            "pyright",
            "pytest",
            "mkdocs build --strict",
        ):
            assert check in test_command

    def test_main_command_uses_the_bundled_data(self) -> None:
        """The main job runs the command line on the bundled dataset."""
        main_command = console_commands()[0]
        assert "armscontrol validate --dataset korea" in main_command


GOLDEN = ROOT / "tests" / "golden"
MAIN_JOB_GOLDEN = {
    "validate --dataset korea": "validate-korea",
    "history leap-day-2012": "history-leap-day",
    "history prk-missile-moratorium": "history-moratorium",
}
"""The golden file (tests/golden/, checked by tests/test_cli.py) of each command of the main job."""


def main_job() -> list[str]:
    """The armscontrol commands of the README's main command, without the program name."""
    steps = [step.strip() for step in console_commands()[0].split("&&")]
    return [step.removeprefix("armscontrol ") for step in steps if step.startswith("armscontrol ")]


def shown_output() -> str:
    """The output the README shows under the main command."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"It prints, after pip's own lines:\n\n```text\n(.*?)```", text, re.DOTALL)
    assert found is not None, "the README shows what the main command prints"
    return found.group(1)


class TestMainJob:
    """The main job tells the story first, and the README says what it prints."""

    def test_each_command_prints_its_golden_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Each armscontrol command of the main job exits 0 and prints its golden file."""
        from armscontrol.cli import main

        assert list(MAIN_JOB_GOLDEN) == main_job()
        for command, golden in MAIN_JOB_GOLDEN.items():
            status = main(command.split())
            out, err = capsys.readouterr()
            assert (command, 0, "") == (command, status, err)
            assert (GOLDEN / f"{golden}.txt").read_text(encoding="utf-8") == out

    def test_shown_output_is_the_real_beginning(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The lines the README shows are the first lines the main job prints."""
        from armscontrol.cli import main

        for command in main_job():
            main(command.split())
        printed = capsys.readouterr().out.splitlines(keepends=True)
        shown = shown_output()
        assert shown.endswith("...\n")
        kept = shown.count("\n") - 1
        assert shown == "".join(printed[:kept]) + "...\n"

    def test_the_story_comes_first(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Validation takes one line; each history opens with what people call its subject."""
        from armscontrol.cli import main

        main(["validate", "--dataset", "korea"])
        assert 1 == len(capsys.readouterr().out.splitlines())
        main(["history", "leap-day-2012"])
        assert capsys.readouterr().out.startswith("US-DPRK Leap Day agreement")
        main(["history", "prk-missile-moratorium"])
        assert capsys.readouterr().out.startswith("PRK must not launch long-range missiles")
