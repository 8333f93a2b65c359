"""Publication dates: ISO strings first, dateparser (English only) on short candidates."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?\s*$")
_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_MAX_CANDIDATE = 60
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_DAY_MONTH_YEAR = re.compile(
    rf"^{_WEEKDAY}(\d{{1,2}})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{{4}})$", re.IGNORECASE
)
_MONTH_DAY_YEAR = re.compile(
    rf"^{_WEEKDAY}([a-z]+)\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})$", re.IGNORECASE
)
_MIN_YEAR = 1800
_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DAY_OF_MONTH": "first",
    "RETURN_AS_TIMEZONE_AWARE": False,
}


def iso_date(value: str) -> str | None:
    """``YYYY-MM-DD`` for an ISO date or datetime string (its own calendar day), else None."""
    match = _ISO.match(value)
    if not match:
        return None
    return _valid(int(match[1]), int(match[2]), int(match[3]))


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        day_value = dt.date(year, month, day)
    except ValueError:
        return None
    if not _MIN_YEAR <= year <= dt.date.today().year + 1:
        return None
    return day_value.isoformat()


def parse_date(value: str) -> str | None:
    """A full calendar date (day, month and year) from a short string, or None.

    ISO forms are read directly; anything else goes to dateparser with
    ``languages=["en"]``. Longer strings are refused: they are not date candidates.
    """
    value = " ".join(value.split()).strip(" .,;|-–—()")
    if not value or len(value) > _MAX_CANDIDATE or not re.search(r"\d", value):
        return None
    found = iso_date(value)
    if found:
        return found
    prefix = _ISO_PREFIX.match(value)
    if prefix:
        return _valid(int(prefix[1]), int(prefix[2]), int(prefix[3]))
    return _written_date(value) or _parse_with_dateparser(value)


def _written_date(value: str) -> str | None:
    """Fast path for "3 July 2014" and "Aug. 3, 2017" (dateparser is slow)."""
    match = _DAY_MONTH_YEAR.match(value)
    if match and match[2].lower() in _MONTHS:
        return _valid(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    match = _MONTH_DAY_YEAR.match(value)
    if match and match[1].lower() in _MONTHS:
        return _valid(int(match[3]), _MONTHS[match[1].lower()], int(match[2]))
    return None


@lru_cache(maxsize=4096)
def _parse_with_dateparser(value: str) -> str | None:
    parsed = _dateparser().parse(value, languages=["en"], settings=_SETTINGS)
    if parsed is None:
        return None
    return _valid(parsed.year, parsed.month, parsed.day)


@lru_cache(maxsize=1)
def _dateparser() -> Any:
    """Imported on first use: dateparser takes a moment to load its language data."""
    import dateparser

    return dateparser


def first_date(candidates: list[str]) -> str | None:
    for candidate in candidates:
        found = parse_date(candidate)
        if found:
            return found
    return None
