"""The one YAML reader of the codebook: line numbers, schema checks and a file ``version``.

Every mapping it returns is a :class:`LineDict` that knows the 1-based line it starts on
(``.line``) and the line of each of its keys (``.key_lines``), so a check anywhere in the
codebook can name the file and line of the problem in one :class:`CodebookError`. Dates
stay strings (PyYAML's timestamp resolver would turn "2019-13-01" into an exception without
a line). A generated file whose body is JSON (after a ``#`` comment header) is read by the
``json`` module, 50x faster; its mappings are plain dicts without line numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from amity.errors import CodebookError

DATA_DIR = Path(__file__).resolve().parent / "data"  # our codebook's files (every section's path)


class LineDict(dict[str, Any]):
    """A mapping read from YAML, with the line it starts on and the line of each key."""

    line: int | None = None
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int | None:
        """The line of ``key`` in the file (the mapping's own line when unknown)."""
        lines = getattr(self, "key_lines", None) or {}
        return lines.get(key, self.line)


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A SafeLoader (libyaml when PyYAML has it) whose mappings remember their lines."""


_LineLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _LineLoader.yaml_implicit_resolvers.items()
}


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    out = LineDict(loader.construct_mapping(node, deep=True))
    out.line = node.start_mark.line + 1
    out.key_lines = {str(key.value): key.start_mark.line + 1 for key, _ in node.value}
    return out


_LineLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)  # type: ignore[arg-type]


def line_of(node: Any, key: str | None = None) -> int | None:
    """The line of ``node`` (or of its ``key``) when it was read with line numbers."""
    if key is not None and isinstance(node, LineDict):
        return node.line_of(key)
    return getattr(node, "line", None)


def _json_body(text: str) -> str | None:
    body = text.lstrip()
    while body.startswith("#"):  # a generated file's comment header
        body = body.partition("\n")[2].lstrip()
    return body if body.startswith("{") else None


def parse(text: str, path: str) -> Any:
    """The YAML (or JSON) document in ``text``; a syntax error names ``path`` and its line."""
    body = _json_body(text)
    if body is not None:
        try:
            return json.loads(body)
        except json.JSONDecodeError:
            pass  # YAML flow style that is not JSON: let the YAML parser read (or reject) it
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or exc
        raise CodebookError(path, f"not valid YAML: {problem}", mark.line + 1 if mark else None) from None


def read_text(path: Path) -> str:
    """The file's text; an unreadable file is a :class:`CodebookError` naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CodebookError(str(path), f"cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise CodebookError(str(path), f"not UTF-8 text: {exc.reason}") from None


def read_mapping(path: Path, sections: Iterable[str] | None = None,
                 need_version: bool = True) -> dict[str, Any]:
    """A codebook YAML file as a mapping, checked: a top-level mapping, with a ``version``
    (when ``need_version``) and only the ``sections`` given (any when ``None``)."""
    data = parse(read_text(path), str(path))
    if data is None:
        data = LineDict()
    if not isinstance(data, dict):
        raise CodebookError(str(path), "top level must be a mapping", 1)
    if need_version and not isinstance(data.get("version"), (str, int, float)):
        raise CodebookError(str(path), "missing top-level 'version'", 1)
    if sections is not None:
        known = {*sections, "version"}
        unknown = [str(k) for k in data if k not in known]
        if unknown:
            raise CodebookError(str(path), f"unknown section {unknown[0]!r} (expected one of "
                                f"{', '.join(sorted(known - {'version'}))})", line_of(data, unknown[0]) or 1)
    return data


def need_mappings(data: dict[str, Any], keys: Iterable[str], path: str) -> None:
    """Each of ``keys`` must be a mapping in ``data`` (else one error naming the first bad one)."""
    for key in keys:
        if not isinstance(data.get(key), dict):
            raise CodebookError(path, f"section {key!r} must be a mapping", line_of(data, key) or 1)


def need_list(data: dict[str, Any], key: str, path: str) -> list[Any]:
    """``data[key]`` as a list (missing: empty); anything else is an error at its line."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise CodebookError(path, f"section {key!r} must be a list", line_of(data, key) or 1)
    return value
