"""Event filters shared by the CLI, the REST API and the dashboard, compiled to SQL.

Every value is bound as a parameter: no filter text is ever pasted into SQL.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import itertools
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, true

from amity.errors import UsageError
from amity.store.schema import events

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
SORTS = {
    name: tuple(events.c[col].desc() if desc else events.c[col] for col, desc in keys)
    for name, keys in SORT_KEYS.items()
}
MAX_SQL_INT = 2**63 - 1  # SQLite and PostgreSQL BIGINT refuse anything larger
MAX_BRANCHES = 16  # OR-free branches a page query is split into (more: one OR query)
# Codes are upper-case letters and digits: every code starting with P sorts between P and
# P + "ZZ…" in byte order and in PostgreSQL's locale collations alike. A range, unlike
# LIKE 'P%', is answered from an index by SQLite.
_CODE_TAIL = "Z" * 32
_CAMEO_TAIL = "9" * 8
MAX_DATE_SPAN_YEARS = 9  # date_end - date_start: a decade-precision date spans 1990..1999

Clauses = list[ColumnElement[bool]]
Factor = list[Clauses]  # alternatives (OR) of conjunctions (AND)


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


def _actor_match(side: str, value: str) -> Factor:
    """Alternatives matching an actor: a country (3 letters) or a code prefix.

    A prefix is the exact code *or* a longer code within its range: two index-friendly
    branches (the exact one can be read in sort order from an index).
    """
    value = value.strip().upper()
    if not re.fullmatch(r"[A-Z0-9]{2,12}", value):
        raise UsageError(f"actor codes are letters and digits (JPN, KHMGOV), not {value!r}")
    if len(value) == 3:
        return [[events.c[f"{side}_country"] == value]]
    column = events.c[f"{side}_code"]
    return [[column == value], [column > value, column <= value + _CODE_TAIL]]


def _code_match(code: str) -> Clauses:
    """CAMEO code prefix: equality on the indexed root, plus a range for longer codes."""
    clauses: Clauses = [events.c.cameo_root == code[:2]]
    if len(code) > 2:
        clauses += [events.c.cameo >= code, events.c.cameo <= code + _CAMEO_TAIL]
    return clauses


def _since_clauses(since: str) -> Clauses:
    """``date_end >= since``, plus the implied lower bound on ``date_start`` (for the index)."""
    first = parse_bound(since, "--since")[0]
    earliest = max(int(first[:4]) - MAX_DATE_SPAN_YEARS, 1)
    return [events.c.date_end >= first, events.c.date_start >= f"{earliest:04d}-01-01"]


def _pair(a: Factor, b: Factor) -> Factor:
    return [x + y for x, y in itertools.product(a, b)]


def _conjoin(alternatives: Factor) -> ColumnElement[bool]:
    if len(alternatives) == 1:
        return and_(*alternatives[0])
    return or_(*(and_(*alt) for alt in alternatives))


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
        if self.sort not in SORTS:
            raise UsageError(f"sort must be one of {', '.join(SORTS)}, not {self.sort!r}")
        if self.doc is not None and "\x00" in self.doc:
            raise UsageError("--doc must not contain NUL characters")

    def _factors(self) -> list[Factor]:
        """The filters as a conjunction of factors, each an OR of AND-ed clauses."""
        self.validate()
        clauses: Clauses = [true()]
        if not self.include_nonfactual:
            clauses += [events.c.factual == true(), events.c.negated == false()]
        factors: list[Factor] = []
        if self.dyad:
            a, b = self.dyad
            forward = _pair(_actor_match("source", a), _actor_match("target", b))
            backward = _pair(_actor_match("source", b), _actor_match("target", a))
            factors.append(forward if self.directed else forward + backward)
        if self.actor:
            factors.append(_actor_match("source", self.actor) + _actor_match("target", self.actor))
        if self.source:
            factors.append(_actor_match("source", self.source))
        if self.target:
            factors.append(_actor_match("target", self.target))
        if self.code:
            clauses += _code_match(self.code)
        if self.quad:
            clauses.append(events.c.quad == self.quad)
        if self.since:
            clauses += _since_clauses(self.since)
        if self.until:
            clauses.append(events.c.date_start <= parse_bound(self.until, "--until")[1])
        if self.doc:
            clauses.append(events.c.doc_name == self.doc)
        return [[clauses], *factors]

    def where(self) -> ColumnElement[bool]:
        return and_(*(_conjoin(factor) for factor in self._factors()))

    def branches(self) -> list[ColumnElement[bool]]:
        """The filters as OR-free conjunctions whose union is ``where()``.

        Each branch can be read in sort order from one index, so a page of an undirected
        dyad or an either-side actor is the merge of a few short index scans instead of
        a sort of every match. More than ``MAX_BRANCHES``: ``[where()]``.
        """
        factors = self._factors()
        count = 1
        for factor in factors:
            count *= len(factor)
        if count > MAX_BRANCHES:
            return [self.where()]
        return [and_(*itertools.chain.from_iterable(combo)) for combo in itertools.product(*factors)]

    def order_by(self) -> tuple[Any, ...]:
        return SORTS[self.sort]

    def sort_keys(self) -> tuple[tuple[str, bool], ...]:
        """(column name, descending) of the sort, most significant first."""
        return SORT_KEYS[self.sort]


def parse_dyad(value: str) -> tuple[str, str]:
    """``JPN-KHM`` (or ``JPN,KHM`` / ``JPN KHM``) → ("JPN", "KHM")."""
    parts = [p for p in re.split(r"[-,\s/]+", value.strip()) if p]
    if len(parts) != 2:
        raise UsageError(f"--dyad takes two actor codes like JPN-KHM, not {value!r}")
    return parts[0].upper(), parts[1].upper()
