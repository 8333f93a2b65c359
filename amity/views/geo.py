"""The map's data: the events matching a query as points (those with coordinates) and as
per-country counts (every event placed in a country, with or without coordinates), each by
quad class, with the ids of the events behind them (the map lists them on a click).

The dashboard draws it over the world outline shipped in ``amity/web/static/world-110m.json``;
``GET /api/map`` answers it as is.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from amity.core import Amity
from amity.models import QUADS, Event, EventQuery

MAX_MAP_EVENTS = 20_000  # events read for one map (the newest first are kept when more match)
MAX_IDS = 100  # event ids listed per point or country


def _bucket(key: dict[str, Any]) -> dict[str, Any]:
    return {**key, "events": 0, **{q: 0 for q in QUADS}, "event_ids": []}


def _count(bucket: dict[str, Any], ev: Event) -> None:
    bucket["events"] += 1
    if ev.quad in QUADS:
        bucket[ev.quad] += 1
    if len(bucket["event_ids"]) < MAX_IDS:
        bucket["event_ids"].append(ev.event_id)


def _point_key(ev: Event) -> tuple[float, float, str] | None:
    loc = ev.location
    if loc is None or loc.lat is None or loc.lon is None:
        return None
    return round(loc.lat, 4), round(loc.lon, 4), loc.name


def _add(points: dict[Any, dict[str, Any]], countries: dict[str, dict[str, Any]], ev: Event) -> bool:
    """Count ``ev`` on its point and its country; False when it has no place at all."""
    loc = ev.location
    key = _point_key(ev)
    if key is not None and loc is not None:
        head = {"lat": key[0], "lon": key[1], "name": loc.name, "country": loc.country, "admin1": loc.admin1,
                "precision": getattr(loc, "precision", None)}
        _count(points.setdefault(key, _bucket(head)), ev)
    if loc is not None and loc.country:
        country = countries.setdefault(loc.country, _bucket({"country": loc.country, "country_only": 0}))
        _count(country, ev)
        country["country_only"] += key is None
    return loc is not None and (key is not None or bool(loc.country))


def map_view(amity: Amity, query: EventQuery) -> dict[str, Any]:
    """Points and per-country counts of the events matching ``query`` (paging ignored)."""
    whole = replace(query, limit=None, offset=0)
    total = amity.count_events(whole)
    events = amity.select(replace(whole, limit=MAX_MAP_EVENTS, sort="-date"), with_sentences=False)
    points: dict[Any, dict[str, Any]] = {}
    countries: dict[str, dict[str, Any]] = {}
    placed = sum(_add(points, countries, ev) for ev in events)
    by_size = sorted(points.values(), key=lambda p: (-p["events"], p["name"]))
    return {
        "events": total, "read": len(events), "truncated": total > len(events), "placed": placed,
        "with_coordinates": sum(p["events"] for p in by_size), "unplaced": len(events) - placed,
        "points": by_size, "countries": sorted(countries.values(), key=lambda c: (-c["events"], c["country"])),
    }
