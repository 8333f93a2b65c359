"""Views of the review loop: a review posted, an event's review history, the queue, the stats."""

from __future__ import annotations

from typing import Any

from amity.core import Amity
from amity.errors import ReviewValueError
from amity.views.params import follow_params
from amity.views.records import event_view

BODY_KEYS = ("verdict", "cameo", "source", "target", "date", "note")


def review_body(data: Any) -> dict[str, Any]:
    """The checked fields of a review body ``{"verdict", "cameo"?, ..., "note"?}``."""
    if not isinstance(data, dict):
        raise ReviewValueError("body", 'must be a JSON object like {"verdict": "wrong"}')
    for key, value in data.items():
        if key not in BODY_KEYS:
            raise ReviewValueError(str(key), f"unknown field (one of {', '.join(BODY_KEYS)})")
        if value is not None and not isinstance(value, str):
            raise ReviewValueError(key, "must be a text")
    if not data.get("verdict"):
        raise ReviewValueError("verdict", "is required: correct, wrong or fixed")
    if len(data.get("note") or "") > 2000:
        raise ReviewValueError("note", "is longer than 2000 characters")
    return data


def post_review(amity: Amity, event_id: str, data: Any, by: str) -> dict[str, Any]:
    """Record the review and answer it with the event as it reads now."""
    body = review_body(data)
    fields = {k: str(body[k]) for k in ("cameo", "source", "target", "date") if body.get(k) is not None}
    review = amity.review(event_id, body["verdict"], fields, body.get("note"), by=by)
    current = review["event_id"] or event_id
    return {"review": review, "event": event_view(amity, amity.event(current))}


def event_reviews(amity: Amity, event_id: str) -> dict[str, Any]:
    """The event's reviews, oldest first."""
    return {"event_id": event_id, "reviews": amity.event_reviews(event_id)}


def queue(amity: Amity, limit: int = 20, follow: list[str] | None = None) -> dict[str, Any]:
    """Unreviewed events most worth a look first, with why; ``follow``: dyads like JPN-KHM."""
    pairs = follow_params(follow)
    found = amity.review_queue(limit, pairs)
    items = [{**event_view(amity, ev), "score": score, "why": why} for ev, score, why in found]
    return {"follow": [f"{a}-{b}" for a, b in pairs], "events": items}


def stats(amity: Amity) -> dict[str, Any]:
    return amity.review_stats()
