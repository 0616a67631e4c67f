"""The package's folders are the pipeline: no import runs against it, and no module imports itself in a circle.

The stages, in the order data flows through a build (docs/architecture.md):

    load → check → compute → pages → output → build → preview, authoring → cli

A module may import its own stage, an earlier one or a shared leaf, never a later stage. Imports under
``TYPE_CHECKING`` count too: a circle that only type hints close is still a circle in the design.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "finsam_site"

# rank of each top-level name under finsam_site/; a module may import only ranks <= its own
SHARED = {"__init__", "diagnostics", "formatting", "urls", "parallel", "report", "jinjasv"}
STAGES = {
    "load": 1,
    "check": 2,
    "compute": 3,
    "pages": 4,
    "output": 5,
    "build": 6,
    "memory": 6,
    "cache": 6,
    "publish": 6,
    "preview": 7,
    "authoring": 7,
    "cli": 8,
    "__main__": 8,
}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    is_package = path.name == "__init__.py"
    here = name.split(".") if name != "__init__" else []
    base = here if is_package else here[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                start = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = start + (node.module.split(".") if node.module else [])
            elif node.module and node.module.split(".")[0] == "finsam_site":
                target = node.module.split(".")[1:]
            else:
                continue
            for alias in node.names:  # `from . import x` may name a module
                full = ".".join([*target, alias.name])
                out.add(full if full in known else ".".join(target) or "__init__")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "finsam_site":
                    out.add(".".join(alias.name.split(".")[1:]) or "__init__")
    return {m for m in out if m in known and m != name}


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _imports(name, path, set(modules)) for name, path in modules.items()}


def _rank(module: str) -> int:
    head = module.split(".")[0]
    return 0 if head in SHARED else STAGES[head]


def test_every_module_has_a_home() -> None:
    homeless = [m for m in _modules() if m.split(".")[0] not in SHARED | set(STAGES)]
    assert homeless == [], f"modules outside every stage's folder and the shared leaves: {homeless}"


def test_no_import_runs_against_the_pipeline() -> None:
    graph = _graph()
    against = sorted(f"{a} → {b}" for a, targets in graph.items() for b in targets if _rank(b) > _rank(a))
    assert against == [], "imports that run against load → check → compute → pages → output → build:\n" + "\n".join(
        against
    )


def test_no_import_circle() -> None:
    graph = _graph()
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert circles == [], f"modules that import each other in a circle: {circles}"


def test_the_check_finds_what_it_looks_for(tmp_path: Path) -> None:
    """The graph reader itself: relative, absolute and module imports are all seen."""
    pkg = tmp_path / "finsam_site"
    (pkg / "load").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "load" / "__init__.py").write_text("")
    (pkg / "load" / "a.py").write_text("from ..output import b\nfrom . import c\n")
    (pkg / "load" / "c.py").write_text("import finsam_site.load.a\n")
    (pkg / "output").mkdir()
    (pkg / "output" / "__init__.py").write_text("")
    (pkg / "output" / "b.py").write_text("from finsam_site.load.c import x\n")
    known = {"__init__", "load", "load.a", "load.c", "output", "output.b"}
    assert _imports("load.a", pkg / "load" / "a.py", known) == {"output.b", "load.c"}
    assert _imports("load.c", pkg / "load" / "c.py", known) == {"load.a"}
    assert _imports("output.b", pkg / "output" / "b.py", known) == {"load.c"}
