"""Issue 13: ``amity/store/`` owns every SQL statement; ``amity/analysis/`` works on records.

Read from the source with ``ast``, so a change that breaks a rule fails here with the file
and line that broke it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "amity"


def _imports(tree: ast.AST) -> Iterator[tuple[str, int]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((alias.name, node.lineno) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module, node.lineno


def _runtime(tree: ast.Module) -> ast.Module:
    """``tree`` without its ``if TYPE_CHECKING:`` blocks (imports for annotations only)."""
    body = [node for node in tree.body
            if not (isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"))]
    return ast.Module(body=body, type_ignores=[])


def _offences(folder: Path, banned: str, runtime_only: bool = False) -> list[str]:
    found = []
    for path in sorted(folder.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, line in _imports(_runtime(tree) if runtime_only else tree):
            if name == banned or name.startswith(banned + "."):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{line}: imports {name}")
    return found


def test_no_module_outside_the_store_imports_sqlalchemy() -> None:
    found = [o for o in _offences(PACKAGE, "sqlalchemy") if not o.startswith("amity/store/")]
    assert found == []
    assert _offences(PACKAGE / "store", "sqlalchemy"), "the rule must see the store's own imports"


def test_the_analyses_run_without_the_store() -> None:
    assert _offences(PACKAGE / "analysis", "amity.store", runtime_only=True) == []
