"""The package's public face: exports, version, typing marker, layering."""

import ast
import tomllib
from pathlib import Path

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
# listed for it, and nothing else of armscontrol's.
LAYERS = {
    "exceptions": set(),
    "dates": {"exceptions"},
    "model": {"exceptions", "dates", "query"},  # query only inside Record.status/history
    "lifecycle": {"exceptions", "dates", "model"},
    "validate": {"exceptions", "dates", "model", "lifecycle"},
    "query": {"exceptions", "dates", "model", "lifecycle"},
    "io": {"exceptions", "dates", "model", "lifecycle"},
    "datasets": {"exceptions", "dates", "model", "lifecycle", "io"},
    "timeline": {"exceptions", "dates", "model", "lifecycle", "query"},
    "cli": {
        "exceptions",
        "dates",
        "model",
        "lifecycle",
        "validate",
        "query",
        "io",
        "datasets",
        "timeline",
    },
}
THIRD_PARTY_OWNERS = {"pendulum": {"dates"}, "cattrs": {"io"}}


def _imports(path: Path) -> set[str]:
    """The top-level names of every module the file imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "armscontrol":
                found.update(f"armscontrol.{alias.name}" for alias in node.names)
            else:
                found.add(node.module)
    return found


def _layer(path: Path) -> str:
    """The public layer a source file belongs to (private modules by their prefix)."""
    relative = path.relative_to(SRC)
    name = relative.parts[0].removesuffix(".py").lstrip("_")
    prefixes = {
        "rules": "validate",
        "references": "lifecycle",
        "graph": "lifecycle",
        "histories": "query",
        "json": "io",
        "schema": "io",
        "cli": "cli",
        "sarif": "cli",
        "main": "cli",
    }
    for prefix, layer in prefixes.items():
        if name.startswith(prefix):
            return layer
    return name


class TestLayering:
    """The import rules of the architecture hold in the source."""

    def test_modules_import_only_lower_layers(self) -> None:
        """No module imports a layer above or beside it."""
        problems = []
        for path in sorted(SRC.rglob("*.py")):
            if path == SRC / "__init__.py":
                continue
            layer = _layer(path)
            for name in _imports(path):
                if not name.startswith("armscontrol."):
                    continue
                target = _layer(SRC / (name.split(".")[1] + ".py"))
                if target != layer and target not in LAYERS.get(layer, set()):
                    problems.append(f"{path.relative_to(SRC)} imports {name}")
        assert [] == problems

    def test_third_party_owners(self) -> None:
        """Pendulum is imported only by dates, cattrs only by io."""
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
        """pendulum, cattrs and matplotlib are not imported until they are used."""
        import subprocess
        import sys

        code = (
            "import sys, armscontrol; "
            "print(sorted(m for m in ('pendulum', 'cattrs', 'matplotlib') if m in sys.modules))"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        assert "[]" == out.strip()
