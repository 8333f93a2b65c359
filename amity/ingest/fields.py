"""Checking record fields (JSONL objects, CSV rows, Markdown front matter)."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from amity.errors import FieldProblem
from amity.ingest.build import Metadata
from amity.ingest.dates import parse_date

KNOWN_KEYS = ("id", "text", "title", "published", "url", "source", "authors")
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|\||\band\b|&)\s*|,\s+(?=\S+\s+\S)")


def optional_str(record: Mapping[str, Any], key: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise FieldProblem(f'"{key}" must be a string, not {_type_name(value)}')
    return str(value)


def required_text(record: Mapping[str, Any]) -> str:
    value = record.get("text")
    if value is None:
        raise FieldProblem('missing "text"')
    if not isinstance(value, str):
        raise FieldProblem(f'"text" must be a string, not {_type_name(value)}')
    if not value.strip():
        raise FieldProblem('"text" is empty')
    return value


def required_id(record: Mapping[str, Any]) -> str:
    value = record.get("id")
    if value is None or value == "":
        raise FieldProblem('missing "id"')
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise FieldProblem(f'"id" must be a string, not {_type_name(value)}')
    if isinstance(value, str) and not _is_unicode(value):
        raise FieldProblem('"id" is not valid Unicode (it holds a lone surrogate like \\ud800)')
    if isinstance(value, str) and any(ord(c) < 32 for c in value):
        raise FieldProblem('"id" must not contain control characters (NUL, tab, newline...)')
    return str(value).strip()


def _is_unicode(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def published_value(value: Any) -> str | None:
    """An ISO date from an ISO date/datetime (or another plain date string)."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise FieldProblem(f'"published" must be an ISO date string, not {_type_name(value)}')
    found = parse_date(value)
    if found is None:
        raise FieldProblem(f'"published" is not a date: {value[:40]!r}')
    return found


def authors_value(value: Any) -> list[str]:
    """A list of names, from a list or from one string ("A and B", "A; B", JSON list)."""
    if value is None or value == "":
        return []
    if isinstance(value, str) and value.strip().startswith("["):
        with contextlib.suppress(json.JSONDecodeError):
            value = json.loads(value)
    if isinstance(value, str):
        return [name for name in _AUTHOR_SPLIT.split(value.strip()) if name]
    if isinstance(value, list) and all(isinstance(name, str) for name in value):
        return [name.strip() for name in value if name.strip()]
    raise FieldProblem(f'"authors" must be a list of strings or a string, not {_type_name(value)}')


def metadata_from(record: Mapping[str, Any], aliases: Mapping[str, str] | None = None) -> Metadata:
    """Metadata from a record; unknown keys are kept in ``extra``."""
    record = {(aliases or {}).get(key, key): value for key, value in record.items()}
    extra = {k: v for k, v in record.items() if k not in KNOWN_KEYS and v not in (None, "")}
    return Metadata(
        title=optional_str(record, "title"),
        published=published_value(record.get("published")),
        source=optional_str(record, "source"),
        url=optional_str(record, "url"),
        authors=authors_value(record.get("authors")),
        extra=_jsonable(extra),
    )


def _jsonable(extra: dict[str, Any]) -> dict[str, Any]:
    """Front-matter dates and other YAML values become JSON-compatible (and valid UTF-8)."""
    dumped = json.dumps(extra, default=str, ensure_ascii=False)
    return json.loads(dumped.encode("utf-8", "replace").decode("utf-8"))  # type: ignore[no-any-return]


def _type_name(value: Any) -> str:
    names = {
        dict: "an object",
        list: "a list",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }
    return names.get(type(value), type(value).__name__)
