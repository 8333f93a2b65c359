"""Dashboard pages: each renders the data of ``amity.views`` (the API's data) as HTML."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from amity.errors import AmityError
from amity.models import EventQuery
from amity.views import analysis, records
from amity.views.http import AmityDep, Code, Key, Level, Offset, Period, event_query
from amity.views.params import MAX_TEXT, actor_code, dyad_param
from amity.web.annotate import annotate, highlight

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
OptText = Annotated[str | None, Query(max_length=MAX_TEXT)]
PAGE = 50


def render(request: Request, name: str, **context: Any) -> Response:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context)  # type: ignore[no-any-return]


@router.get("/favicon.ico")
def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/")
def overview(request: Request, amity: AmityDep) -> Response:
    return render(request, "overview.html", stats=amity.stats(), dyads=records.dyads_view(amity, 10)["dyads"],
                  articles=records.articles_page(amity, 8, 0)["articles"], page="overview")


@router.get("/dyads/{a}/{b}")
def dyad(request: Request, amity: AmityDep, a: Code, b: Code, by: Period = "year") -> Response:
    a_code, b_code = actor_code(a, "a"), actor_code(b, "b")
    return render(request, "dyad.html", a=a_code, b=b_code, by=by, page="dyads",
                  dyads=records.dyads_view(amity, 12)["dyads"])


@router.get("/dyad")
def dyad_form(a: Code, b: Code) -> Response:
    """The dyad form's target: redirect to the dyad page."""
    return RedirectResponse(f"/dyads/{actor_code(a, 'a')}/{actor_code(b, 'b')}", status_code=303)


@router.get("/dyads")
def dyads(request: Request, amity: AmityDep) -> Response:
    return render(request, "dyads.html", dyads=records.dyads_view(amity, 100)["dyads"], page="dyads")


@router.get("/timeline")
def timeline(request: Request, amity: AmityDep, actor: OptText = None, dyad: OptText = None) -> Response:
    code, pair = actor_code(actor, "actor"), dyad_param(dyad)
    entries = None
    if code or pair:
        entries = analysis.timeline(amity, actor=None if pair else code, dyad=dyad if pair else None,
                                    limit=1000, offset=0)
    subject = f"{pair[0]}–{pair[1]}" if pair else code
    return render(request, "timeline.html", result=entries, subject=subject, actor=code or "",
                  dyad="-".join(pair) if pair else "", page="timeline",
                  actors=records.actors_page(amity, 30)["actors"])


@router.get("/articles")
def articles(request: Request, amity: AmityDep, offset: Offset = 0) -> Response:
    data = records.articles_page(amity, PAGE, offset)
    return render(request, "articles.html", articles=data["articles"], total=data["total"],
                  offset=offset, limit=PAGE, page="articles")


@router.get("/articles/{key}")
def article(request: Request, amity: AmityDep, key: Key) -> Response:
    data = records.article_view(amity, key)
    for n, ev in enumerate(data["events"], 1):
        ev["n"] = n
    paragraphs = annotate(data["text"], data["mentions"], data["events"])
    return render(request, "article.html", article=data, paragraphs=paragraphs, page="articles")


@router.get("/events")
def events(request: Request, amity: AmityDep, query: Annotated[EventQuery, Depends(event_query)]) -> Response:
    data = records.events_page(amity, query)
    params = {k: v for k, v in request.query_params.items() if k != "offset"}
    return render(request, "events.html", events=data["events"], total=data["total"], query=query,
                  params=params, page="events")


@router.get("/map")
def event_map(request: Request, query: Annotated[EventQuery, Depends(event_query)]) -> Response:
    """The map page; its script fetches ``/api/map`` with the same (checked) filters."""
    params = {k: v for k, v in request.query_params.items() if k not in ("offset", "limit", "sort")}
    return render(request, "map.html", query=query, params=params, page="map")


@router.get("/events/{event_id}")
def event(request: Request, amity: AmityDep, event_id: Annotated[str, Path(max_length=64)]) -> Response:
    return render(request, "event.html", event=records.event_detail(amity, event_id), page="events")


@router.get("/actors")
def actors(request: Request, amity: AmityDep) -> Response:
    return render(request, "actors.html", actors=records.actors_page(amity)["actors"], page="actors")


@router.get("/network")
def network(request: Request, level: Level = "country") -> Response:
    return render(request, "network.html", level=level, page="network")


@router.get("/claims")
def claims(request: Request, amity: AmityDep) -> Response:
    try:
        data: dict[str, Any] | None = analysis.claims(amity, actor=None, min_claims=2, conflicting=False)
        problem = None
    except AmityError as exc:
        data, problem = None, exc.message
    return render(request, "claims.html", claims=(data or {}).get("claims", []), problem=problem,
                  page="claims")


@router.get("/search")
def search(request: Request, amity: AmityDep, q: OptText = None) -> Response:
    result, problem = None, None
    if q and q.strip():
        try:
            result = analysis.search(amity, q=q, limit=50)
            for hit in result["hits"]:
                hit["parts"] = highlight(hit["snippet"], hit.get("highlights") or [])
        except AmityError as exc:
            problem = exc.message
    return render(request, "search.html", q=q or "", result=result, problem=problem, page="search")
