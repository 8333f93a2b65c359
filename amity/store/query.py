"""``EventQuery`` (``amity/query.py``) compiled to SQL over the ``events`` table.

Every value is bound as a parameter: no filter text is ever pasted into SQL.
"""

from __future__ import annotations

import itertools
import re
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, true

from amity.errors import UsageError
from amity.query import (
    MAX_SQL_INT,
    QUADS,
    SORT_KEYS,
    SORTS,
    EventQuery,
    date_bounds,
    parse_bound,
    parse_dyad,
)
from amity.store.reviews import wrong_event_ids
from amity.store.schema import events

__all__ = ["MAX_SQL_INT", "QUADS", "SORTS", "SORT_COLUMNS", "EventQuery", "branches", "date_bounds",
           "order_by", "parse_dyad", "where"]

SORT_COLUMNS = {
    name: tuple(events.c[col].desc() if desc else events.c[col] for col, desc in keys)
    for name, keys in SORT_KEYS.items()
}
MAX_BRANCHES = 16  # OR-free branches a page query is split into (more: one OR query)
# Codes are upper-case letters and digits: every code starting with P sorts between P and
# P + "ZZ…" in byte order and in PostgreSQL's locale collations alike. A range, unlike
# LIKE 'P%', is answered from an index by SQLite.
_CODE_TAIL = "Z" * 32
_CAMEO_TAIL = "9" * 8
MAX_DATE_SPAN_YEARS = 9  # date_end - date_start: a decade-precision date spans 1990..1999

Clauses = list[ColumnElement[bool]]
Factor = list[Clauses]  # alternatives (OR) of conjunctions (AND)


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


def not_wrong() -> ColumnElement[bool]:
    """Events the analyst has not reviewed as wrong."""
    return events.c.event_id.not_in(wrong_event_ids())


def _actor_factors(query: EventQuery) -> list[Factor]:
    factors: list[Factor] = []
    if query.dyad:
        a, b = query.dyad
        forward = _pair(_actor_match("source", a), _actor_match("target", b))
        backward = _pair(_actor_match("source", b), _actor_match("target", a))
        factors.append(forward if query.directed else forward + backward)
    if query.actor:
        factors.append(_actor_match("source", query.actor) + _actor_match("target", query.actor))
    if query.source:
        factors.append(_actor_match("source", query.source))
    if query.target:
        factors.append(_actor_match("target", query.target))
    return factors


def _factors(query: EventQuery) -> list[Factor]:
    """The filters as a conjunction of factors, each an OR of AND-ed clauses."""
    query.validate()
    clauses: Clauses = [true()]
    if not query.include_nonfactual:
        clauses += [events.c.factual == true(), events.c.negated == false()]
    if not query.include_wrong:
        clauses.append(not_wrong())
    factors = _actor_factors(query)
    if query.code:
        clauses += _code_match(query.code)
    if query.quad:
        clauses.append(events.c.quad == query.quad)
    if query.since:
        clauses += _since_clauses(query.since)
    if query.until:
        clauses.append(events.c.date_start <= parse_bound(query.until, "--until")[1])
    if query.doc:
        clauses.append(events.c.doc_name == query.doc)
    return [[clauses], *factors]


def where(query: EventQuery) -> ColumnElement[bool]:
    """The WHERE clause over ``events`` of ``query``'s filters (validated first)."""
    return and_(*(_conjoin(factor) for factor in _factors(query)))


def branches(query: EventQuery) -> list[ColumnElement[bool]]:
    """The filters as OR-free conjunctions whose union is ``where(query)``.

    Each branch can be read in sort order from one index, so a page of an undirected
    dyad or an either-side actor is the merge of a few short index scans instead of
    a sort of every match. More than ``MAX_BRANCHES``: ``[where(query)]``.
    """
    factors = _factors(query)
    count = 1
    for factor in factors:
        count *= len(factor)
    if count > MAX_BRANCHES:
        return [where(query)]
    return [and_(*itertools.chain.from_iterable(combo)) for combo in itertools.product(*factors)]


def order_by(query: EventQuery) -> tuple[Any, ...]:
    """The ORDER BY columns of ``query``'s sort."""
    return SORT_COLUMNS[query.sort]
