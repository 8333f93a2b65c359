"""Read endpoints over stored records: articles, events, actors, dyads, stats."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request

from amity.analysis.summary import actor_counts, top_dyads
from amity.api.params import Limit, Offset, event_query
from amity.core import Amity
from amity.store import EventQuery

router = APIRouter(prefix="/api")
Key = Annotated[str, Path(min_length=1, max_length=500)]


def get_amity(request: Request) -> Amity:
    return request.app.state.amity  # type: ignore[no-any-return]


AmityDep = Annotated[Amity, Depends(get_amity)]


def page(total: int, limit: int, offset: int, key: str, items: list[Any]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, key: items}


@router.get("/articles", summary="Stored articles, oldest first (paginated)")
def list_articles(amity: AmityDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    from amity.api.views import ARTICLE_FIELDS

    rows = amity.store.list_articles(limit=limit, offset=offset)
    items = [{**{k: r.get(k) for k in ARTICLE_FIELDS if k in r}, "n_sentences": r["n_sentences"],
              "n_events": r["n_events"],
              "links": {"self": f"/api/articles/{r['doc_id']}", "page": f"/articles/{r['doc_id']}"}}
             for r in rows]
    return page(amity.stats()["articles"], limit, offset, "articles", items)


@router.get("/articles/{key}", summary="One article: text with sentences, actor mentions and event spans")
def get_article(amity: AmityDep, key: Key) -> dict[str, Any]:
    from amity.api.views import article_view

    return article_view(amity.store, amity.store.article(key))


@router.get("/events", summary="Events with the `amity events` filters, paginated and sorted")
def list_events(amity: AmityDep, query: Annotated[EventQuery, Depends(event_query)]) -> dict[str, Any]:
    from amity.api.views import event_view

    found = amity.store.events(query)
    total = amity.store.count_events(query)
    return page(total, query.limit or 0, query.offset, "events", [event_view(e) for e in found])


@router.get("/events/{event_id}", summary="One event with its evidence and article")
def get_event(amity: AmityDep, event_id: Annotated[str, Path(min_length=1, max_length=64)]) -> dict[str, Any]:
    from amity.api.views import event_detail

    return event_detail(amity.store, amity.store.event(event_id))


@router.get("/actors", summary="Actor codes with mention and event counts")
def list_actors(amity: AmityDep, limit: Limit = 200, offset: Offset = 0) -> dict[str, Any]:
    found = actor_counts(amity.store)
    rows = [a.to_dict() for a in found[offset:offset + limit]]
    return page(len(found), limit, offset, "actors", rows)


@router.get("/dyads", summary="Top undirected country dyads by number of events")
def list_dyads(amity: AmityDep, limit: Annotated[int, Query(ge=1, le=200)] = 10) -> dict[str, Any]:
    dyads = top_dyads(amity.store, limit=limit)
    return {"dyads": [{"a": d.a, "b": d.b, "events": d.events, "goldstein_total": d.goldstein_total,
                       "goldstein_mean": d.goldstein_mean} for d in dyads]}


@router.get("/stats", summary="Corpus counts")
def stats(amity: AmityDep) -> dict[str, Any]:
    return amity.stats()
