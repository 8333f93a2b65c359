"""Views of the analyses over merged events: series, timelines, the network, claims, search.

Counts are of merged events (one real-world event reported by several articles counts
once). Every value a user typed is checked here (``amity.views.params``), so the API and
the dashboard refuse the same input with the same message.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from amity.core import Amity
from amity.errors import UsageError
from amity.models import EventQuery
from amity.views.params import actor_code, clean_text, dyad_param, span_query


def series_body(points: list[Any], by: str, **head: Any) -> dict[str, Any]:
    data = [p.to_dict() for p in points]
    docs = sorted({d for p in data for d in p["doc_names"]})
    return {**head, "by": by, "events": sum(p["n_events"] for p in data),
            "reports": sum(p["reports"] for p in data), "articles": len(docs),
            "doc_names": docs, "points": data}


def dyad_series(amity: Amity, a: str, b: str, by: str = "year", directed: bool = False,
                since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """The dyad's merged events per period, by quad class (``a → b`` only when directed)."""
    a_code, b_code = actor_code(a, "a") or a, actor_code(b, "b") or b
    query = replace(span_query(since, until), dyad=(a_code.upper(), b_code.upper()), directed=directed)
    points, undated = amity.series(query, by)
    return series_body(points, by, a=a_code, b=b_code, directed=directed, undated=undated)


def corpus_series(amity: Amity, by: str = "year", actor: str | None = None,
                  since: str | None = None, until: str | None = None) -> dict[str, Any]:
    """The merged events of the whole corpus (or of one actor) per period."""
    query = replace(span_query(since, until), actor=actor_code(actor, "actor"))
    points, undated = amity.series(query, by)
    return series_body(points, by, actor=query.actor, undated=undated)


def timeline(amity: Amity, actor: str | None = None, dyad: str | None = None,
             since: str | None = None, until: str | None = None,
             limit: int = 500, offset: int = 0) -> dict[str, Any]:
    """One page of the dated, ordered merged events of an actor or (exclusive) a dyad."""
    code, pair = actor_code(actor, "actor"), dyad_param(dyad)
    if bool(code) == bool(pair):
        raise UsageError("give either actor (KHM) or dyad (JPN-KHM)")
    base = span_query(since, until)
    entries = amity.timeline(actor=code, dyad=pair, query=replace(base, limit=limit, offset=offset))
    total = amity.timeline_total(actor=code, dyad=pair, query=base)
    return {"actor": code, "dyad": list(pair) if pair else None, "total": total,
            "limit": limit, "offset": offset, "entries": [e.to_dict() for e in entries]}


def network(amity: Amity, level: str = "country", since: str | None = None,
            until: str | None = None) -> dict[str, Any]:
    """Actors as nodes, directed dyads as weighted edges (node-link JSON)."""
    return amity.network(span_query(since, until), level=level).to_json()  # type: ignore[no-any-return]


def claims(amity: Amity, actor: str | None = None, min_claims: int = 2,
           conflicting: bool = False) -> dict[str, Any]:
    """Groups of quantities stated by different sources (only disagreeing ones if ``conflicting``)."""
    query = EventQuery(actor=actor_code(actor, "actor"))
    groups = amity.claims(query, min_claims=min_claims)
    if conflicting:
        groups = [g for g in groups if g.conflicting]
    return {"actor": query.actor, "total": len(groups), "claims": [g.to_dict() for g in groups]}


def search(amity: Amity, q: str, limit: int = 20) -> dict[str, Any]:
    """Articles matching the words of ``q`` ("quoted phrases" kept), best first."""
    text = clean_text(q, "q")
    if not text:
        raise UsageError("q must not be empty")
    return {"q": text, "hits": [h.to_dict() for h in amity.search(text, limit=limit)]}
