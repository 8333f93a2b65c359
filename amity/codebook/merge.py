"""How a user's file overlays one of ours, section by section (checked against ours).

* A top-level section the user names must exist in ours (a typo is an error, not ignored).
* A mapping section: an entry with the same key replaces ours, a new key is added.
* A list section: new items are appended (an item already there is not repeated); an item
  that is a mapping with the ``name`` of one of ours replaces it.
* A scalar (``max_chars: 600``) replaces ours.
* Each value must be of the kind ours has there (a mapping, a list, a number, a string), so a
  broken entry is reported with the user's file and line rather than failing later.
"""

from __future__ import annotations

from typing import Any

from amity.codebook.reader import line_of
from amity.errors import CodebookError


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, (int, float)):
        return "a number"
    return "a string" if isinstance(value, str) else "null"


def _check(ours: Any, mine: Any, what: str, path: str, line: int | None) -> None:
    if ours is None or mine is None:
        return
    if _kind(ours) != _kind(mine):
        raise CodebookError(path, f"{what} must be {_kind(ours)} (as in ours), got {_kind(mine)}", line)


def _sample(values: Any) -> Any:
    """A typical value of ours' mapping or list, to check the user's against."""
    items = list(values.values()) if isinstance(values, dict) else list(values)
    kinds = {_kind(v) for v in items}
    return items[0] if len(kinds) == 1 else None


def _merge_mapping(ours: dict[str, Any], mine: dict[str, Any], what: str, path: str) -> dict[str, Any]:
    sample = _sample(ours) if ours else None
    merged = dict(ours)
    for key, value in mine.items():
        _check(ours.get(key, sample), value, f"{what}.{key}", path, line_of(mine, str(key)))
        merged[key] = value
    return merged


def _merge_list(ours: list[Any], mine: list[Any], what: str, path: str, line: int | None) -> list[Any]:
    sample = _sample(ours) if ours else None
    merged = list(ours)
    names = {item.get("name"): i for i, item in enumerate(merged) if isinstance(item, dict)}
    for item in mine:
        _check(sample, item, f"an item of {what}", path, line_of(item) or line)
        if isinstance(item, dict) and item.get("name") in names:
            merged[names[item["name"]]] = item
        elif item not in merged:
            merged.append(item)
    return merged


def overlay(ours: dict[str, Any], mine: dict[str, Any], path: str) -> dict[str, Any]:
    """``ours`` with the user's file ``mine`` (read from ``path``) laid over it."""
    merged = dict(ours)
    for section, value in mine.items():
        if section == "version":
            continue
        line = line_of(mine, str(section))
        if section not in ours:
            known = ", ".join(sorted(k for k in ours if k != "version"))
            raise CodebookError(path, f"unknown section {section!r} (expected one of {known})", line)
        old = ours[section]
        _check(old, value, f"section {section!r}", path, line)
        if isinstance(old, dict) and isinstance(value, dict):
            merged[section] = _merge_mapping(old, value, section, path)
        elif isinstance(old, list) and isinstance(value, list):
            merged[section] = _merge_list(old, value, section, path, line)
        else:
            merged[section] = value
    return merged
