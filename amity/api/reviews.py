"""The review loop's endpoints: judge an event (write token), read its reviews, the queue, stats."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.concurrency import run_in_threadpool

from amity.errors import UsageError
from amity.views import reviews
from amity.views.http import AmityDep

router = APIRouter(prefix="/api")
EventId = Annotated[str, Path(min_length=1, max_length=64)]
MAX_REVIEW_BYTES = 16 * 1024
REVIEW_BODY = {
    "requestBody": {"required": True, "content": {"application/json": {"schema": {
        "type": "object", "required": ["verdict"],
        "properties": {"verdict": {"type": "string", "enum": ["correct", "wrong", "fixed"]}}
        | {k: {"type": "string"} for k in ("cameo", "source", "target", "date", "note")}}}}},
    "security": [{"bearer": []}],
}


@router.post("/events/{event_id}/review", summary="Review an event: correct, wrong or fixed (write token)",
             openapi_extra=REVIEW_BODY)
async def post_review(request: Request, amity: AmityDep, event_id: EventId) -> dict[str, Any]:
    from amity.api.write import check_token, read_limited

    by = check_token(request)
    body = await read_limited(request, MAX_REVIEW_BYTES)
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"the body is not valid JSON: {exc}") from None
    async with request.app.state.write_lock:
        return await run_in_threadpool(reviews.post_review, amity, event_id, data, by)


@router.get("/events/{event_id}/reviews", summary="An event's reviews, oldest first")
def event_reviews(amity: AmityDep, event_id: EventId) -> dict[str, Any]:
    return reviews.event_reviews(amity, event_id)


@router.get("/reviews/queue", summary="Unreviewed events most worth a look first")
def review_queue(amity: AmityDep, limit: Annotated[int, Query(ge=1, le=200)] = 20,
                 follow: Annotated[list[str] | None, Query(description="a dyad you follow, like JPN-KHM")] = None
                 ) -> dict[str, Any]:
    return reviews.queue(amity, limit, follow)


@router.get("/reviews/stats", summary="What was reviewed, the coder's precision on it, orphaned reviews")
def review_stats(amity: AmityDep) -> dict[str, Any]:
    return reviews.stats(amity)
