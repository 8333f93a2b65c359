"""The dashboard's review queue (``/review``): unreviewed events most worth a look first,
judged with the keyboard (c correct, w wrong, f fix, n / j next, k previous)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from amity.views import reviews
from amity.views.http import AmityDep

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/review")
def review_queue(request: Request, amity: AmityDep,
                 limit: Annotated[int, Query(ge=1, le=200)] = 50,
                 follow: Annotated[list[str] | None, Query()] = None) -> Response:
    templates = request.app.state.templates
    found = reviews.queue(amity, limit, follow)
    return templates.TemplateResponse(request, "review.html", {  # type: ignore[no-any-return]
        "queue": found["events"], "follow": found["follow"], "stats": reviews.stats(amity), "page": "review"})
