"""The README's set-up commands are the ones CI runs."""

import re
from pathlib import Path

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
