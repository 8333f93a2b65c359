"""Dyad series: merged events per period, by quad class, with Goldstein sum and mean.

Each merged event is placed by its own date at its own precision. An event coarser than
the bucket (a year-precision event in a monthly series, a month in a daily one) is not
spread or guessed: it gets a bucket of its own labelled at its precision ("1993") and
flagged ``coarse=True``, sorted before the finer buckets it contains. Events without a
date are left out (``undated_count`` tells how many).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from sqlalchemy import Text, case, cast

from amity.analysis.merge import MergedEvent, ensure_merges, representatives_select
from amity.errors import UsageError
from amity.store import EventQuery, Store
from amity.store.query import QUADS, date_bounds
from amity.store.schema import event_groups, events

By = Literal["year", "month", "day"]
BY_LENGTH = {"day": 10, "month": 7, "year": 4}
RANK = {"day": 0, "month": 1, "year": 2, "decade": 3}


@dataclass
class SeriesPoint:
    """One period of a dyad series; ``event_ids`` are the merged events behind it."""

    period: str
    start: str
    end: str
    coarse: bool = False
    n_events: int = 0
    verbal_coop: int = 0
    material_coop: int = 0
    verbal_conflict: int = 0
    material_conflict: int = 0
    goldstein_sum: float = 0.0
    goldstein_mean: float = 0.0
    reports: int = 0
    event_ids: list[str] = field(default_factory=list)
    doc_names: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def event_precision(date: str | None, precision: str) -> str | None:
    """The precision of a stored date; inferred from its length when recorded as unknown."""
    if not date:
        return None
    if precision in RANK:
        return precision
    return {10: "day", 7: "month", 4: "year"}.get(len(date))


def date_label(date: str | None, precision: str) -> str:
    """A date as written at its precision: "1979", "2013-12", "2018-07-30", "1990s"."""
    own = event_precision(date, precision)
    if not date or own is None:
        return "undated"
    if own == "decade":
        return f"{date[:3]}0s"
    return date[: BY_LENGTH[own]]


def bucket(date: str, precision: str, by: str) -> tuple[str, bool]:
    """(period label, coarse) of an event date in a series by ``by``."""
    own = event_precision(date, precision) or "day"
    if RANK[own] <= RANK[by]:
        return date[: BY_LENGTH[by]], False
    return date_label(date, own), True


# what a series needs of one merged event: (group_id, date, date_precision, quad, goldstein,
# reports, doc_names) of its representative, in merged-event date order
_Item = tuple[str, "str | None", str, str, float, int, "list[str]"]


def _item_of(merged: MergedEvent) -> _Item:
    event = merged.event
    return (merged.group_id, event.date, event.date_precision, event.quad, event.goldstein,
            merged.reports, list(merged.doc_names))


def _add(point: SeriesPoint, names: set[str], item: _Item) -> None:
    group_id, _, _, quad, goldstein, reports, doc_names = item
    point.n_events += 1
    if quad in QUADS:
        setattr(point, quad, getattr(point, quad) + 1)
    point.goldstein_sum = round(point.goldstein_sum + goldstein, 4)
    point.goldstein_mean = round(point.goldstein_sum / point.n_events, 3)
    point.reports += reports
    point.event_ids.append(group_id)
    names.update(doc_names)


def series_of(found: list[MergedEvent], by: str = "year") -> list[SeriesPoint]:
    """Bucket merged events into a series (see the module docstring)."""
    return _series([_item_of(m) for m in found], by)


def _series(items: list[_Item], by: str) -> list[SeriesPoint]:
    if by not in BY_LENGTH:
        raise UsageError(f"--by must be year, month or day, not {by!r}")
    points: dict[str, tuple[SeriesPoint, set[str]]] = {}
    for item in items:
        date, precision = item[1], item[2]
        if not date or event_precision(date, precision) is None:
            continue
        label, coarse = bucket(date, precision, by)
        if label not in points:
            lo, hi = date_bounds(date if coarse else label, precision if coarse else None)
            points[label] = (SeriesPoint(period=label, start=lo or "", end=hi or "", coarse=coarse), set())
        _add(*points[label], item)
    for point, names in points.values():
        point.doc_names = sorted(names)
    return sorted((p for p, _ in points.values()), key=lambda p: (p.start, -_span_days(p)))


def _span_days(point: SeriesPoint) -> int:
    import datetime as dt

    try:
        return (dt.date.fromisoformat(point.end) - dt.date.fromisoformat(point.start)).days
    except ValueError:
        return 0


def undated_count(found: list[MergedEvent]) -> int:
    return sum(1 for m in found if event_precision(m.event.date, m.event.date_precision) is None)


def _doc_names(doc_name: str, names: Any) -> list[str]:
    if names is None:  # a single report: its own article (the stored list is not decoded)
        return [doc_name]
    return list(json.loads(names) if isinstance(names, str) else names)


def _items(store: Store, query: EventQuery) -> list[_Item]:
    """One item per merged event matching ``query``, read in SQL, in merged-event date order.

    The order is ``merged_events``'s "date" sort: first day the date can mean (``date_start``,
    stored as ``date_bounds`` of the date; undated last), then the group id.
    """
    query.validate()
    ensure_merges(store)
    names = case((event_groups.c.size > 1, cast(event_groups.c.doc_names, Text)))
    stmt = representatives_select(query, events.c.date, events.c.date_precision, events.c.quad,
                                  events.c.goldstein, event_groups.c.size, events.c.doc_name,
                                  events.c.date_start, names)
    with store.engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(stmt)]
    rows.sort(key=lambda r: (r[7] or "9999", r[0]))
    return [(gid, date, precision, quad, goldstein, size, _doc_names(doc_name, names))
            for gid, date, precision, quad, goldstein, size, doc_name, _, names in rows]


def dyad_series(store: Store, a: str, b: str, by: str = "year", directed: bool = False,
                query: EventQuery | None = None) -> list[SeriesPoint]:
    """The series of the dyad ``a``–``b`` (``a → b`` only when ``directed``), merged events.

    ``a``/``b`` are countries (JPN) or code prefixes (JPNGOV); ``query`` adds filters
    (since, until, quad, code, ...); its dyad, limit and offset are ignored. The merged
    events are selected and their representatives read in SQL; no ``Event`` is built.
    """
    base = query or EventQuery()
    query = replace(base, dyad=(a.upper(), b.upper()), directed=directed, limit=None, offset=0, sort="date")
    if by not in BY_LENGTH:
        raise UsageError(f"--by must be year, month or day, not {by!r}")
    return _series(_items(store, query), by)


def query_series(store: Store, query: EventQuery, by: str = "year") -> tuple[list[SeriesPoint], int]:
    """The series of every merged event matching ``query`` (the whole corpus, one actor, ...)
    and how many of them are undated; read in SQL like ``dyad_series``, no ``Event`` built."""
    if by not in BY_LENGTH:
        raise UsageError(f"--by must be year, month or day, not {by!r}")
    items = _items(store, replace(query, limit=None, offset=0, sort="date"))
    undated = sum(1 for item in items if event_precision(item[1], item[2]) is None)
    return _series(items, by), undated
