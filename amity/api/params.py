"""Query parameters: typed, bounded and checked before anything reaches the store.

The store binds every value as a parameter; this layer adds what SQL binding cannot:
length limits, no control characters (PostgreSQL rejects NUL in text), real calendar
dates, and the same messages as the CLI. A bad value is a 400 ``UsageError``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from fastapi import Query

from amity.errors import UsageError
from amity.store import EventQuery, parse_dyad
from amity.store.query import QUADS, SORTS

MAX_TEXT = 200
MAX_LIMIT = 1000
MAX_OFFSET = 1_000_000_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CODE = re.compile(r"[A-Z0-9]{2,12}")
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")

Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description=f"At most this many (0..{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Skip this many first.")]
SortName = Literal["date", "-date", "goldstein", "-goldstein", "doc"]
QuadName = Literal["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]
Period = Literal["day", "month", "year"]

assert set(SortName.__args__) == set(SORTS) and set(QuadName.__args__) == set(QUADS)  # type: ignore[attr-defined]


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
    try:
        if not m:
            raise ValueError
        dt.date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        raise UsageError(f"{name} must be a date like 2013, 2019-06 or 2018-07-30, not {value!r}") from None
    return value


def dyad_param(value: str | None) -> tuple[str, str] | None:
    value = clean_text(value, "dyad")
    if value is None:
        return None
    a, b = parse_dyad(value)
    return actor_code(a, "dyad") or a, actor_code(b, "dyad") or b


def event_query(
    dyad: Annotated[str | None, Query(max_length=MAX_TEXT, description="Two actors, e.g. JPN-KHM.")] = None,
    directed: Annotated[bool, Query(description="dyad in the given direction only")] = False,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT, description="Source or target: KHM or KHMGOV.")] = None,
    source: Text = None,
    target: Text = None,
    code: Annotated[str | None, Query(max_length=MAX_TEXT, description="CAMEO code prefix, e.g. 04.")] = None,
    quad: QuadName | None = None,
    since: Annotated[str | None, Query(max_length=MAX_TEXT, description="On or after: 2013, 2019-06.")] = None,
    until: Annotated[str | None, Query(max_length=MAX_TEXT, description="On or before.")] = None,
    doc: Annotated[str | None, Query(max_length=500, description="Only this article (doc_name).")] = None,
    all: Annotated[bool, Query(description="Include negated and non-factual events.")] = False,  # noqa: A002
    limit: Limit = 50,
    offset: Offset = 0,
    sort: SortName = "date",
) -> EventQuery:
    """The ``amity events`` filters as query parameters, checked; a 400 when malformed."""
    pair = dyad_param(dyad)
    if directed and not pair:
        raise UsageError("directed needs a dyad")
    query = EventQuery(
        dyad=pair, directed=directed, actor=actor_code(actor, "actor"),
        source=actor_code(source, "source"), target=actor_code(target, "target"),
        code=clean_text(code, "code"), quad=quad, since=date_param(since, "since"),
        until=date_param(until, "until"), doc=clean_text(doc, "doc"),
        include_nonfactual=all, limit=limit, offset=offset, sort=sort,
    )
    query.validate()
    return query
