"""Event filters shared by the CLI, the REST API and the dashboard: plain data, no SQL.

``EventQuery`` says which events a caller wants; the store compiles it to SQL
(``amity/store/query.py``), binding every value as a parameter.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass

from amity.errors import UsageError

QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")
_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
# sort name -> (column, descending) keys; a descending sort is the exact reverse of the
# ascending one (ties by event_id reversed too), so one index serves both directions
SORT_KEYS: dict[str, tuple[tuple[str, bool], ...]] = {
    "date": (("date_start", False), ("event_id", False)),
    "-date": (("date_start", True), ("event_id", True)),
    "goldstein": (("goldstein", False), ("event_id", False)),
    "-goldstein": (("goldstein", True), ("event_id", True)),
    "doc": (("doc_name", False), ("span_start", False), ("event_id", False)),
}
SORTS = tuple(SORT_KEYS)
MAX_SQL_INT = 2**63 - 1  # SQLite and PostgreSQL BIGINT refuse anything larger


def date_bounds(date: str | None, precision: str | None = None) -> tuple[str | None, str | None]:
    """First and last ISO day an event date can mean: ("2013-12" → 2013-12-01..2013-12-31)."""
    if not date:
        return None, None
    m = _DATE_RE.match(date)
    if not m:
        return None, None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:  # a well-shaped but impossible date (2013-13, 2013-02-30) means nothing
        _dt.date(year, int(month or 1), int(day or 1))
    except ValueError:
        return None, None
    if precision == "decade":
        first = year - year % 10
        return f"{first:04d}-01-01", f"{first + 9:04d}-12-31"
    if day:
        return date, date
    if month:
        last = calendar.monthrange(year, int(month))[1]
        return f"{year:04d}-{month}-01", f"{year:04d}-{month}-{last:02d}"
    return f"{year:04d}-01-01", f"{year:04d}-12-31"


def parse_bound(value: str, name: str) -> tuple[str, str]:
    """``--since/--until`` value → its first and last day; UsageError if malformed."""
    lo, hi = date_bounds(value.strip())
    if lo is None or hi is None:
        raise UsageError(f"{name} must be a date like 2013, 2019-06 or 2018-07-30, not {value!r}")
    return lo, hi


@dataclass
class EventQuery:
    """Filters over stored events. ``dyad`` is undirected unless ``directed``."""

    dyad: tuple[str, str] | None = None
    directed: bool = False
    actor: str | None = None
    source: str | None = None
    target: str | None = None
    code: str | None = None
    quad: str | None = None
    since: str | None = None
    until: str | None = None
    doc: str | None = None
    include_nonfactual: bool = False
    include_wrong: bool = False  # events the analyst reviewed as wrong (amity review)
    limit: int | None = None
    offset: int = 0
    sort: str = "date"

    def validate(self) -> None:
        if self.quad and self.quad not in QUADS:
            raise UsageError(f"--quad must be one of {', '.join(QUADS)}, not {self.quad!r}")
        if self.code and not re.fullmatch(r"\d{2,4}", self.code):
            raise UsageError(f"--code must be a CAMEO code of 2-4 digits, not {self.code!r}")
        if self.limit is not None and not 0 <= self.limit <= MAX_SQL_INT:
            raise UsageError(f"--limit must be between 0 and {MAX_SQL_INT}")
        if not 0 <= self.offset <= MAX_SQL_INT:
            raise UsageError(f"--offset must be between 0 and {MAX_SQL_INT}")
        if self.sort not in SORT_KEYS:
            raise UsageError(f"sort must be one of {', '.join(SORTS)}, not {self.sort!r}")
        if self.doc is not None and "\x00" in self.doc:
            raise UsageError("--doc must not contain NUL characters")

    def sort_keys(self) -> tuple[tuple[str, bool], ...]:
        """(column name, descending) of the sort, most significant first."""
        return SORT_KEYS[self.sort]


def parse_dyad(value: str) -> tuple[str, str]:
    """``JPN-KHM`` (or ``JPN,KHM`` / ``JPN KHM``) → ("JPN", "KHM")."""
    parts = [p for p in re.split(r"[-,\s/]+", value.strip()) if p]
    if len(parts) != 2:
        raise UsageError(f"--dyad takes two actor codes like JPN-KHM, not {value!r}")
    return parts[0].upper(), parts[1].upper()
