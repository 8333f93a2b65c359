"""Read endpoints over stored records: articles, events, actors, dyads, stats."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from amity.models import EventQuery
from amity.views import geo, records
from amity.views.http import AmityDep, Key, Limit, Offset, event_query

router = APIRouter(prefix="/api")


@router.get("/articles", summary="Stored articles, oldest first (paginated)")
def list_articles(amity: AmityDep, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return records.articles_page(amity, limit, offset)


@router.get("/articles/{key}", summary="One article: text with sentences, actor mentions and event spans")
def get_article(amity: AmityDep, key: Key) -> dict[str, Any]:
    return records.article_view(amity, key)


@router.get("/events", summary="Events with the `amity events` filters, paginated and sorted")
def list_events(amity: AmityDep, query: Annotated[EventQuery, Depends(event_query)],
                merged: Annotated[bool, Query(description="One item per real-world event, with every report")] = False,
                ) -> dict[str, Any]:
    return records.merged_events_page(amity, query) if merged else records.events_page(amity, query)


@router.get("/map", summary="Where the events matching the `amity events` filters happened: points and "
            "per-country counts by quad class")
def event_map(amity: AmityDep, query: Annotated[EventQuery, Depends(event_query)]) -> dict[str, Any]:
    return geo.map_view(amity, query)


@router.get("/events/{event_id}", summary="One event with its evidence and article")
def get_event(amity: AmityDep, event_id: Annotated[str, Path(min_length=1, max_length=64)]) -> dict[str, Any]:
    return records.event_detail(amity, event_id)


@router.get("/actors", summary="Actor codes with mention and event counts")
def list_actors(amity: AmityDep, limit: Limit = 200, offset: Offset = 0) -> dict[str, Any]:
    return records.actors_page(amity, limit, offset)


@router.get("/dyads", summary="Top undirected country dyads by number of events")
def list_dyads(amity: AmityDep, limit: Annotated[int, Query(ge=1, le=200)] = 10) -> dict[str, Any]:
    return records.dyads_view(amity, limit)


@router.get("/stats", summary="Corpus counts")
def stats(amity: AmityDep) -> dict[str, Any]:
    return amity.stats()
