"""Checks of user-given values: typed, bounded and checked before anything reaches the store.

The store binds every value as a parameter; this layer adds what SQL binding cannot:
length limits, no control characters (PostgreSQL rejects NUL in text), real calendar
dates, and the same messages as the CLI. A bad value is a ``UsageError`` (HTTP 400).
"""

from __future__ import annotations

import datetime as dt
import re

from amity.errors import UsageError
from amity.models import EventQuery, parse_dyad

MAX_TEXT = 200
MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CODE = re.compile(r"[A-Z0-9]{2,12}")
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def clean_text(value: str | None, name: str) -> str | None:
    """Strip; refuse control characters; empty means "not given"."""
    if value is None:
        return None
    if _CONTROL.search(value):
        raise UsageError(f"{name} must not contain control characters")
    value = value.strip()
    return value or None


def actor_code(value: str | None, name: str) -> str | None:
    value = clean_text(value, name)
    if value is None:
        return None
    value = value.upper()
    if not _CODE.fullmatch(value):
        raise UsageError(f"{name} takes an actor code of letters and digits (JPN, KHMGOV), not {value!r}")
    return value


def date_param(value: str | None, name: str) -> str | None:
    """A real date at year, month or day precision: 2013, 2019-06, 2018-07-30."""
    value = clean_text(value, name)
    if value is None:
        return None
    m = _DATE.fullmatch(value)
    if not m or not _is_date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)):
        raise UsageError(f"{name} must be a date like 2013, 2019-06 or 2018-07-30, not {value!r}")
    return value


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def dyad_param(value: str | None) -> tuple[str, str] | None:
    value = clean_text(value, "dyad")
    if value is None:
        return None
    a, b = parse_dyad(value)
    return actor_code(a, "dyad") or a, actor_code(b, "dyad") or b


def follow_params(values: list[str] | None) -> list[tuple[str, str]]:
    """Followed dyads ``JPN-KHM`` (each two country codes), checked, as pairs."""
    pairs = []
    for value in values or []:
        parts = [p for p in re.split(r"[-,\s/]+", (clean_text(value, "follow") or "").upper()) if p]
        if len(parts) != 2 or not all(re.fullmatch(r"[A-Z]{3}", p) for p in parts):
            raise UsageError(f"follow takes two country codes like JPN-KHM, not {value!r}")
        pairs.append((parts[0], parts[1]))
    return pairs


def span_query(since: str | None, until: str | None) -> EventQuery:
    """The events between ``since`` and ``until`` (either may be None), both checked."""
    return EventQuery(since=date_param(since, "since"), until=date_param(until, "until"))
