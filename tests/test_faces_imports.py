"""The faces (CLI, REST API, dashboard, their views) reach the rest of amity through ``Amity`` only.

Read from the source with ``ast``: every ``import`` of an ``amity`` module in
``amity/cli``, ``amity/api``, ``amity/web``, ``amity/views`` and ``amity/app.py`` names one
of the modules a face may use; the API and the dashboard never import each other; no face
loads modules by name (``importlib``) or reaches ``Amity.store``/``Amity.nlp``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import amity

ROOT = Path(amity.__file__).resolve().parent
SHARED = ("amity", "amity.core", "amity.models", "amity.errors", "amity.settings", "amity.views")
ALLOWED = {
    "cli": (*SHARED, "amity.cli", "amity.app"),
    "api": (*SHARED, "amity.api"),
    "web": (*SHARED, "amity.web"),
    "views": SHARED,
    "app.py": (*SHARED, "amity.api", "amity.web"),
}


def face_files(face: str) -> list[Path]:
    path = ROOT / face
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every import in ``path``, relative ones resolved, names of ``from`` kept."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                package = path.relative_to(ROOT.parent).with_suffix("").parts[:-node.level]
                base = ".".join([*package, *([base] if base else [])])
            found.append((node.lineno, base))
            if base == "amity":  # `from amity import views` imports a module too
                found += [(node.lineno, f"amity.{alias.name}") for alias in node.names
                          if (ROOT / alias.name).exists() or (ROOT / f"{alias.name}.py").exists()]
    return found


def within(module: str, allowed: tuple[str, ...]) -> bool:
    """``module`` is one of ``allowed`` or inside one (``amity`` itself only as the package)."""
    return any(module == a or (a != "amity" and module.startswith(a + ".")) for a in allowed)


@pytest.mark.parametrize("face", sorted(ALLOWED))
def test_a_face_imports_only_what_it_may(face: str) -> None:
    files = face_files(face)
    assert files, f"no files for {face}"
    wrong = [f"{p.relative_to(ROOT)}:{line}: {module}" for p in files for line, module in imported_modules(p)
             if module.split(".")[0] == "amity" and not within(module, ALLOWED[face])]
    assert wrong == []


@pytest.mark.parametrize("face", sorted(ALLOWED))
def test_no_face_loads_modules_by_name(face: str) -> None:
    uses = [f"{p.relative_to(ROOT)}:{line}" for p in face_files(face) for line, module in imported_modules(p)
            if module.split(".")[0] in ("importlib", "pkgutil") or module == "__import__"]
    assert uses == []


@pytest.mark.parametrize("face", sorted(ALLOWED))
def test_no_face_reaches_past_amity_through_its_attributes(face: str) -> None:
    """``amity.store.…`` or ``amity.nlp`` would bypass the façade as surely as an import."""
    reaches = [f"{p.relative_to(ROOT)}:{node.lineno}: .{node.attr}" for p in face_files(face)
               for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
               if isinstance(node, ast.Attribute) and node.attr in ("store", "_store", "nlp", "_nlp")]
    assert reaches == []


def test_the_rule_catches_a_face_reaching_into_the_store(tmp_path: Path) -> None:
    sample = tmp_path / "probe.py"
    sample.write_text("from amity.store import Store\nfrom amity import analysis\nimport amity.core\n",
                      encoding="utf-8")
    modules = [m for _, m in imported_modules(sample)]
    assert [m for m in modules if not within(m, ALLOWED["views"])] == ["amity.store", "amity.analysis"]
