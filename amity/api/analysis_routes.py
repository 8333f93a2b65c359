"""Analysis endpoints: dyad series, corpus series, timelines, network, claims, search.

Thin routes over ``amity.views.analysis``: declare the parameters, call the view.
Counts are of merged events (one real-world event reported by several articles counts once).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from amity.views import analysis
from amity.views.http import AmityDep, Code, DateText, Level, Limit, Offset, Period
from amity.views.params import MAX_TEXT

router = APIRouter(prefix="/api")
OptText = Annotated[str | None, Query(max_length=MAX_TEXT)]


@router.get("/dyads/{a}/{b}/series", summary="Merged events of a dyad per period, by quad class")
def dyad_series(amity: AmityDep, a: Code, b: Code, by: Period = "year", directed: bool = False,
                since: DateText = None, until: DateText = None) -> dict[str, Any]:
    return analysis.dyad_series(amity, a, b, by, directed, since, until)


@router.get("/series", summary="Merged events of the whole corpus (or one actor) per period")
def corpus_series(amity: AmityDep, by: Period = "year", actor: OptText = None,
                  since: DateText = None, until: DateText = None) -> dict[str, Any]:
    return analysis.corpus_series(amity, by, actor, since, until)


@router.get("/timeline", summary="Dated, ordered merged events of an actor or a dyad")
def timeline(amity: AmityDep, actor: OptText = None,
             dyad: Annotated[str | None, Query(max_length=MAX_TEXT, description="e.g. JPN-KHM")] = None,
             since: DateText = None, until: DateText = None,
             limit: Limit = 500, offset: Offset = 0) -> dict[str, Any]:
    return analysis.timeline(amity, actor, dyad, since, until, limit, offset)


@router.get("/network", summary="Actors as nodes, directed dyads as weighted edges (node-link JSON)")
def network(amity: AmityDep, level: Level = "country", since: DateText = None,
            until: DateText = None) -> dict[str, Any]:
    return analysis.network(amity, level, since, until)


@router.get("/claims", summary="Quantities stated about the same thing by different sources")
def claims(amity: AmityDep, actor: OptText = None,
           min_claims: Annotated[int, Query(ge=1, le=100)] = 2,
           conflicting: Annotated[bool, Query(description="only groups whose claims disagree")] = False,
           ) -> dict[str, Any]:
    return analysis.claims(amity, actor, min_claims, conflicting)


@router.get("/search", summary="Full-text search over articles and event evidence")
def search(amity: AmityDep, q: Annotated[str, Query(min_length=1, max_length=MAX_TEXT)],
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
    return analysis.search(amity, q, limit)
