"""The FastAPI parameter types and dependencies that ``amity.api`` and ``amity.web`` share.

Each is checked before anything reaches the store (see ``amity.views.params``); a
malformed value is a 400, never FastAPI's 422.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Path, Query, Request

from amity.core import Amity
from amity.errors import UsageError
from amity.models import QUADS, SORTS, EventQuery
from amity.views.params import (
    MAX_LIMIT,
    MAX_OFFSET,
    MAX_TEXT,
    actor_code,
    clean_text,
    date_param,
    dyad_param,
)

Text = Annotated[str | None, Query(max_length=MAX_TEXT)]
Limit = Annotated[int, Query(ge=0, le=MAX_LIMIT, description=f"At most this many (0..{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Skip this many first.")]
SortName = Literal["date", "-date", "goldstein", "-goldstein", "doc"]
QuadName = Literal["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]
Period = Literal["day", "month", "year"]
Code = Annotated[str, Path(min_length=2, max_length=12, pattern=r"^[A-Za-z0-9]+$")]
Key = Annotated[str, Path(min_length=1, max_length=500)]
DateText = Annotated[str | None, Query(max_length=MAX_TEXT, description="2013, 2019-06 or 2018-07-30")]
Level = Annotated[str, Query(pattern="^(country|code)$")]

assert set(SortName.__args__) == set(SORTS) and set(QuadName.__args__) == set(QUADS)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class ErrorAnswer:
    """What the server answers for one error; the API renders it as JSON, the dashboard as HTML."""

    status: int
    kind: str
    message: str
    code: str
    headers: Mapping[str, str] | None = None

    def body(self) -> dict[str, Any]:
        return {"error": {"type": self.kind, "message": self.message, "code": self.code}}


def get_amity(request: Request) -> Amity:
    return request.app.state.amity  # type: ignore[no-any-return]


AmityDep = Annotated[Amity, Depends(get_amity)]


def event_query(
    dyad: Annotated[str | None, Query(max_length=MAX_TEXT, description="Two actors, e.g. JPN-KHM.")] = None,
    directed: Annotated[bool, Query(description="dyad in the given direction only")] = False,
    actor: Annotated[str | None, Query(max_length=MAX_TEXT, description="Source or target: KHM or KHMGOV.")] = None,
    source: Text = None,
    target: Text = None,
    code: Annotated[str | None, Query(max_length=MAX_TEXT, description="CAMEO code prefix, e.g. 04.")] = None,
    quad: Annotated[QuadName | Literal[""] | None, Query(description="Quad class (empty: any).")] = None,
    since: Annotated[str | None, Query(max_length=MAX_TEXT, description="On or after: 2013, 2019-06.")] = None,
    until: Annotated[str | None, Query(max_length=MAX_TEXT, description="On or before.")] = None,
    doc: Annotated[str | None, Query(max_length=500, description="Only this article (doc_name).")] = None,
    all: Annotated[bool, Query(description="Include negated and non-factual events, and those reviewed wrong.")]
    = False,  # noqa: A002
    include_reviewed: Annotated[Literal["wrong"] | None,
                                Query(description="wrong: include events the analyst reviewed as wrong.")] = None,
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
        code=clean_text(code, "code"), quad=quad or None, since=date_param(since, "since"),
        until=date_param(until, "until"), doc=clean_text(doc, "doc"),
        include_nonfactual=all, include_wrong=all or include_reviewed == "wrong",
        limit=limit, offset=offset, sort=sort,
    )
    query.validate()
    return query
