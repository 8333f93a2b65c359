"""House rules of docs/ARCHITECTURE.md read from the package's source (issue 13).

The import rules have their own tests (test_faces_imports, test_store_owns_sql,
test_import_graph, test_errors); these are the rest: no dynamic imports, and files and
classes small enough to hold in mind. A breach names the file and line.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "amity"
MAX_FILE_LINES = 800
MAX_CLASS_LINES = 300


def _modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(PACKAGE.parent)}:{getattr(node, 'lineno', 0)}"


def test_the_package_never_imports_importlib() -> None:
    found = [_where(path, node) for path, module in _modules() for node in ast.walk(module)
             if (isinstance(node, ast.Import) and any(a.name.split(".")[0] == "importlib" for a in node.names))
             or (isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "importlib")
             or (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__")]
    assert found == []


def test_no_file_is_over_800_lines() -> None:
    long = [f"{path.relative_to(PACKAGE.parent)}: {n} lines" for path in sorted(PACKAGE.rglob("*.py"))
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_FILE_LINES]
    assert long == []


def test_no_class_is_over_300_lines() -> None:
    big = [f"{_where(path, node)}: class {node.name} is {node.end_lineno - node.lineno + 1} lines"
           for path, module in _modules() for node in ast.walk(module)
           if isinstance(node, ast.ClassDef) and node.end_lineno
           and node.end_lineno - node.lineno + 1 > MAX_CLASS_LINES]
    assert big == []


def test_the_rules_see_what_they_check() -> None:
    """The walk finds the package's biggest class and its imports (a rule over nothing passes)."""
    classes = [node for _, module in _modules() for node in ast.walk(module) if isinstance(node, ast.ClassDef)]
    assert len(classes) > 50
    assert any(node.name == "Amity" for node in classes)
