"""The package's public face: exports, version, typing marker, layering."""

import ast
import tomllib
from pathlib import Path

import pytest

import armscontrol

SRC = Path(armscontrol.__file__).parent
ROOT = SRC.parent.parent


class TestPublicFace:
    """What `import armscontrol` offers."""

    def test_all_is_complete(self) -> None:
        """Every name in __all__ exists (ruff's RUF022 keeps it sorted)."""
        for name in armscontrol.__all__:
            assert hasattr(armscontrol, name), name

    def test_version_matches_pyproject(self) -> None:
        """The version string is the one the package is built with."""
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
        assert project["project"]["version"] == armscontrol.__version__

    def test_dir_lists_lazy_names(self) -> None:
        """``dir(armscontrol)`` lists the names that load on first use, too."""
        assert {"Lifecycle", "Status", "History", "validate"} <= set(dir(armscontrol))

    def test_old_validate_module_warns_and_still_works(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """``armscontrol.validate``, the module, warns; the function keeps working."""
        import importlib
        import sys

        from armscontrol import datasets

        # Put back the package's attribute and the module cache afterwards.
        monkeypatch.setattr(armscontrol, "validate", armscontrol.validate)
        monkeypatch.delitem(sys.modules, "armscontrol.validate", raising=False)
        with pytest.warns(DeprecationWarning, match=r"armscontrol\.validation"):
            old = importlib.import_module("armscontrol.validate")
        from armscontrol.validation import Report

        assert old.Report is Report
        record = datasets.load("korea")
        # Importing the module made it the package's attribute; calling it still validates.
        assert isinstance(armscontrol.validate(record), Report)
        assert old.validate(record) == armscontrol.validation.validate(record)

    def test_typed_marker(self) -> None:
        """The package ships py.typed so type checkers use its annotations."""
        assert (SRC / "py.typed").is_file()

    def test_public_modules_declare_all(self) -> None:
        """Every public module declares __all__, and every name in it exists."""
        for path in SRC.glob("*.py"):
            if path.name.startswith("_") and path.name != "__init__.py":
                continue
            if path.name in ("__main__.py", "cli.py"):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            names = [
                node
                for node in tree.body
                if isinstance(node, ast.Assign | ast.AnnAssign)
                and any(
                    getattr(t, "id", None) == "__all__"
                    for t in getattr(node, "targets", [getattr(node, "target", None)])
                )
            ]
            assert names, f"{path.name} has no __all__"
            value = ast.literal_eval(names[0].value)  # type: ignore[arg-type]
            defined = (
                {
                    getattr(node, "name", None)
                    or getattr(getattr(node, "target", None), "id", None)
                    for node in ast.walk(tree)
                }
                | {
                    target.id
                    for node in ast.walk(tree)
                    if isinstance(node, ast.Assign)
                    for target in node.targets
                    if isinstance(target, ast.Name)
                }
                | {
                    alias.asname or alias.name
                    for node in ast.walk(tree)
                    if isinstance(node, ast.ImportFrom)
                    for alias in node.names
                }
            )
            assert set(value) <= defined, (path.name, set(value) - defined)


# Who may import whom (docs/architecture.md). A module may import the modules
# listed for its layer, and nothing else of armscontrol's. A layer is a top-level
# module or subpackage; private modules at the top are named by their own layer.
_BASE = {"exceptions", "dates", "model", "lifecycle"}
LAYERS = {
    "exceptions": set(),
    "dates": {"exceptions"},
    "model": {"exceptions", "dates"},
    "lifecycle": {"exceptions", "dates", "model"},
    "files": {"exceptions"},
    "index": _BASE,
    "validation": _BASE | {"index"},
    "query": _BASE | {"index"},
    "io": _BASE | {"index", "files"},
    "tables": _BASE | {"index", "query", "files"},
    "timeline": _BASE | {"index", "query", "files"},
    "datasets": _BASE | {"index", "io"},
    "validate": {"validation"},  # the deprecated module of the old name
    "cli": _BASE
    | {"index", "validation", "query", "io", "files", "tables", "timeline", "datasets"},
}
THIRD_PARTY_OWNERS = {
    "pendulum": {"dates"},
    "cattrs": {"io"},
    "orjson": {"io"},
    "numpy": {"tables", "index", "validation"},
    "pandas": {"tables"},
    "polars": {"tables"},
}


def _imports(path: Path, *, at_runtime: bool = False) -> set[str]:
    """The names of every module the file imports (``at_runtime``: not for type checkers)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    if at_runtime:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module.startswith("armscontrol"):
                # `from armscontrol.io import _json` imports the submodule, when it is one.
                for alias in node.names:
                    candidate = f"{node.module}.{alias.name}"
                    found.add(candidate if _module_path(candidate) else node.module)
            else:
                found.add(node.module)
    return found


def _module_path(name: str) -> Path | None:
    """The source file of an armscontrol module, or None when the name is no module."""
    relative = Path(*name.split(".")[1:])
    for candidate in (SRC / relative / "__init__.py", SRC / relative.with_suffix(".py")):
        if relative.parts and candidate.is_file():
            return candidate
    return None


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("armscontrol", *parts))


def _layer(path: Path) -> str:
    """The layer a source file belongs to: its top-level module or subpackage."""
    name = path.relative_to(SRC).parts[0].removesuffix(".py")
    return "cli" if name == "__main__" else name.lstrip("_")


class TestLayering:
    """The import rules of the architecture hold in the source."""

    def test_modules_import_only_lower_layers(self) -> None:
        """No module imports a layer above or beside it (annotations for type checkers aside)."""
        problems = []
        for path in sorted(SRC.rglob("*.py")):
            if path == SRC / "__init__.py":
                continue
            layer = _layer(path)
            for name in _imports(path, at_runtime=True):
                if not name.startswith("armscontrol."):
                    continue
                target = name.split(".")[1].lstrip("_")
                if target != layer and target not in LAYERS[layer]:
                    problems.append(f"{path.relative_to(SRC)} imports {name}")
        assert [] == problems

    def test_no_import_cycle(self) -> None:
        """No module imports, even inside a function, one that imports it back."""
        graph: dict[str, set[str]] = {}
        for path in sorted(SRC.rglob("*.py")):
            module = _module_name(path)
            graph[module] = {
                name
                for name in _imports(path, at_runtime=True)
                if name.startswith("armscontrol.") and name != module
            }
        cycles = []
        for start in graph:
            stack, seen = [start], set()
            while stack:
                for nxt in graph.get(stack.pop(), ()):
                    if nxt == start:
                        cycles.append(start)
                    elif nxt not in seen:
                        seen.add(nxt)
                        stack.append(nxt)
        assert [] == sorted(set(cycles))

    def test_few_private_modules_at_the_top(self) -> None:
        """Machinery lives in the subpackage it serves: at most three private modules at the top."""
        private = [
            p.name for p in SRC.glob("_*.py") if p.name not in {"__init__.py", "__main__.py"}
        ]
        assert len(private) <= 3, private

    def test_modules_stay_readable(self) -> None:
        """No module passes 600 lines."""
        long = {
            str(p.relative_to(SRC)): n
            for p in SRC.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
        }
        assert {} == long

    def test_third_party_owners(self) -> None:
        """Pendulum only in dates, cattrs and orjson only in io, DataFrames only in tables."""
        problems = []
        for path in sorted(SRC.rglob("*.py")):
            for name in _imports(path):
                top = name.split(".")[0]
                if top in THIRD_PARTY_OWNERS and _layer(path) not in THIRD_PARTY_OWNERS[top]:
                    problems.append(f"{path.relative_to(SRC)} imports {name}")
        assert [] == problems

    def test_only_cli_prints(self) -> None:
        """No module but the command line calls print or sys.exit."""
        problems = []
        for path in sorted(SRC.rglob("*.py")):
            if _layer(path) == "cli":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Call):
                    func = node.func
                    name = getattr(func, "id", None) or getattr(func, "attr", None)
                    if name in ("print", "exit"):
                        problems.append(f"{path.relative_to(SRC)}:{node.lineno} calls {name}")
        assert [] == problems


class TestImportCost:
    """`import armscontrol` loads only what every user needs."""

    def test_heavy_dependencies_load_on_first_use(self) -> None:
        """pendulum, cattrs, orjson, numpy, matplotlib, pandas and polars load only when used."""
        import subprocess
        import sys

        code = (
            "import sys, armscontrol; "
            "heavy = ('pendulum', 'cattrs', 'orjson', 'numpy', 'matplotlib', 'pandas', 'polars'); "
            "print(sorted(m for m in heavy if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert "[]" == out.strip()

    def test_numpy_loads_for_validation_alone(self) -> None:
        """Loading a record and asking its status need no numpy; validating it loads numpy."""
        import subprocess
        import sys

        code = (
            "import sys; from armscontrol import datasets, query, validate; "
            "record = datasets.load('korea'); "
            "query.status(record, record.transitions[0].subject, '2000-01-01'); "
            "before = 'numpy' in sys.modules; validate(record); "
            "print(before, 'numpy' in sys.modules)"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert "False True" == out.strip()
