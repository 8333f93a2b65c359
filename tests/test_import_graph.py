"""The package's import graph, read from the source with ``ast``: no module imports itself
back through others (an import circle), and the ingest run sits below ``Amity``."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import amity

ROOT = Path(amity.__file__).resolve().parent


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in ROOT.rglob("*.py")}


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except what sits under ``if TYPE_CHECKING:`` (never imported at run time)
    and inside a module's ``__getattr__`` (PEP 562: it runs only when that name is asked
    for, as ``amity.Amity``, never when another name such as ``__version__`` is imported)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            yield from (n for child in node.orelse for n in [child, *_runtime_nodes(child)])
            continue
        if isinstance(tree, ast.Module) and isinstance(node, ast.FunctionDef) and node.name == "__getattr__":
            continue
        yield node
        yield from _runtime_nodes(node)


def imports_of(name: str) -> set[str]:
    """The amity modules ``name`` imports at run time, at the top or inside a function."""
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1],
                                 *([base] if base else [])])
            found.update(f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base
                         for a in node.names)
    return {m for m in found if m in MODULES and m != name}


GRAPH = {name: imports_of(name) for name in MODULES}


def circles() -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(GRAPH[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while (w := stack.pop()) != v:
                group.append(w)
            if group:
                out.append(sorted([v, *group]))

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return out


def test_the_graph_sees_the_imports_it_should() -> None:
    """The reader itself: a known top-level, a known relative-free function-level import."""
    assert "amity.pipeline.run" in GRAPH["amity.core"] or "amity.pipeline" in GRAPH["amity.core"]
    assert "amity.nlp.pipeline" in GRAPH["amity.pipeline.coding"]  # imported inside a function


def test_no_module_imports_itself_back_through_others() -> None:
    assert circles() == []


def test_the_ingest_run_never_reaches_up_to_amity() -> None:
    """Workers import the pipeline package only: nothing in it may need ``amity.core``."""
    reached, todo = set(), [m for m in GRAPH if m.startswith("amity.pipeline")]
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo.extend(GRAPH[module])
    assert "amity.core" not in reached
    assert not any(m.startswith(("amity.cli", "amity.api", "amity.web", "amity.commands")) for m in reached)
