"""Analysis endpoints: dyad series, corpus series, timelines, network, claims, search.

Thin wrappers over ``amity.analysis``: check parameters, call, format. Counts are of
merged events (one real-world event reported by several articles counts once).
"""

from __future__ import annotations

import importlib
from dataclasses import replace
from types import ModuleType
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from amity.api.params import (
    MAX_TEXT,
    Limit,
    Offset,
    Period,
    actor_code,
    clean_text,
    date_param,
    dyad_param,
)
from amity.api.routes import AmityDep
from amity.errors import AmityError, UsageError
from amity.store import EventQuery

router = APIRouter(prefix="/api")
Code = Annotated[str, Path(min_length=2, max_length=12, pattern=r"^[A-Za-z0-9]+$")]
DateText = Annotated[str | None, Query(max_length=MAX_TEXT, description="2013, 2019-06 or 2018-07-30")]


class NotAvailableError(AmityError):
    """An analysis this build of amity does not have (yet)."""

    http_status = 501


def analysis(name: str) -> ModuleType:
    """``amity.analysis.<name>``, or a 501 if it is not part of this build."""
    try:
        return importlib.import_module(f"amity.analysis.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"amity.analysis.{name}":
            raise
        raise NotAvailableError(f"{name} is not available in this version of amity") from None


def span_query(since: str | None, until: str | None) -> EventQuery:
    return EventQuery(since=date_param(since, "since"), until=date_param(until, "until"))


def series_body(points: list[Any], by: str, **head: Any) -> dict[str, Any]:
    data = [p.to_dict() for p in points]
    docs = sorted({d for p in data for d in p["doc_names"]})
    return {**head, "by": by, "events": sum(p["n_events"] for p in data),
            "reports": sum(p["reports"] for p in data), "articles": len(docs),
            "doc_names": docs, "points": data}


@router.get("/dyads/{a}/{b}/series", summary="Merged events of a dyad per period, by quad class")
def dyad_series(amity: AmityDep, a: Code, b: Code, by: Period = "year", directed: bool = False,
                since: DateText = None, until: DateText = None) -> dict[str, Any]:
    a_code, b_code = actor_code(a, "a") or a, actor_code(b, "b") or b
    query = replace(span_query(since, until), dyad=(a_code.upper(), b_code.upper()), directed=directed)
    points, undated = analysis("series").query_series(amity.store, query, by)
    return series_body(points, by, a=a_code, b=b_code, directed=directed, undated=undated)


@router.get("/series", summary="Merged events of the whole corpus (or one actor) per period")
def corpus_series(amity: AmityDep, by: Period = "year",
                  actor: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
                  since: DateText = None, until: DateText = None) -> dict[str, Any]:
    series = analysis("series")
    query = replace(span_query(since, until), actor=actor_code(actor, "actor"))
    points, undated = series.query_series(amity.store, query, by)
    return series_body(points, by, actor=query.actor, undated=undated)


@router.get("/timeline", summary="Dated, ordered merged events of an actor or a dyad")
def timeline(amity: AmityDep, actor: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
             dyad: Annotated[str | None, Query(max_length=MAX_TEXT, description="e.g. JPN-KHM")] = None,
             since: DateText = None, until: DateText = None,
             limit: Limit = 500, offset: Offset = 0) -> dict[str, Any]:
    code, pair = actor_code(actor, "actor"), dyad_param(dyad)
    if bool(code) == bool(pair):
        raise UsageError("give either actor (KHM) or dyad (JPN-KHM)")
    base = span_query(since, until)
    module = analysis("timeline")
    entries = module.timeline(amity.store, actor=code, dyad=pair,
                              query=replace(base, limit=limit, offset=offset))
    total = module.timeline_total(amity.store, actor=code, dyad=pair, query=base)
    return {"actor": code, "dyad": list(pair) if pair else None, "total": total,
            "limit": limit, "offset": offset, "entries": [e.to_dict() for e in entries]}


@router.get("/network", summary="Actors as nodes, directed dyads as weighted edges (node-link JSON)")
def network(amity: AmityDep, level: Annotated[str, Query(pattern="^(country|code)$")] = "country",
            since: DateText = None, until: DateText = None) -> dict[str, Any]:
    graph = analysis("network").build_network(amity.store, span_query(since, until), level=level)
    return graph.to_json()  # type: ignore[no-any-return]


@router.get("/claims", summary="Quantities stated about the same thing by different sources")
def claims(amity: AmityDep, actor: Annotated[str | None, Query(max_length=MAX_TEXT)] = None,
           min_claims: Annotated[int, Query(ge=1, le=100)] = 2,
           conflicting: Annotated[bool, Query(description="only groups whose claims disagree")] = False,
           ) -> dict[str, Any]:
    query = EventQuery(actor=actor_code(actor, "actor"))
    groups = analysis("claims").claims(amity.store, query, min_claims=min_claims)
    if conflicting:
        groups = [g for g in groups if g.conflicting]
    return {"actor": query.actor, "total": len(groups), "claims": [g.to_dict() for g in groups]}


@router.get("/search", summary="Full-text search over articles and event evidence")
def search(amity: AmityDep, q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT)],
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
    text = clean_text(q, "q")
    if not text:
        raise UsageError("q must not be empty")
    hits = analysis("search").search(amity.store, text, limit=limit)
    return {"q": text, "hits": [h.to_dict() for h in hits]}
