"""Dyad series: merged events per period, by quad class, with Goldstein sum and mean.

Each merged event is placed by its own date at its own precision. An event coarser than
the bucket (a year-precision event in a monthly series, a month in a daily one) is not
spread or guessed: it gets a bucket of its own labelled at its precision ("1993") and
flagged ``coarse=True``, sorted before the finer buckets it contains. Events without a
date are left out (``undated_count`` tells how many).

Pure functions over ``GroupHead`` records (what the store reads of each merged event,
``Store.group_heads``) or ``MergedEvent`` records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from amity.errors import UsageError
from amity.models import GroupHead, MergedEvent
from amity.query import QUADS, EventQuery, date_bounds

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


def check_by(by: str) -> None:
    """UsageError unless ``by`` is a period a series can be bucketed by."""
    if by not in BY_LENGTH:
        raise UsageError(f"--by must be year, month or day, not {by!r}")


def head_of(merged: MergedEvent) -> GroupHead:
    """What a series counts of one merged event."""
    event = merged.event
    return GroupHead(merged.group_id, event.date, event.date_precision, event.quad, event.goldstein,
                     merged.reports, list(merged.doc_names))


def _add(point: SeriesPoint, names: set[str], head: GroupHead) -> None:
    point.n_events += 1
    if head.quad in QUADS:
        setattr(point, head.quad, getattr(point, head.quad) + 1)
    point.goldstein_sum = round(point.goldstein_sum + head.goldstein, 4)
    point.goldstein_mean = round(point.goldstein_sum / point.n_events, 3)
    point.reports += head.reports
    point.event_ids.append(head.group_id)
    names.update(head.doc_names)


def series_points(heads: Iterable[GroupHead], by: str = "year") -> list[SeriesPoint]:
    """Bucket merged events (in merged-event date order) into a series (module docstring)."""
    check_by(by)
    points: dict[str, tuple[SeriesPoint, set[str]]] = {}
    for head in heads:
        date, precision = head.date, head.date_precision
        if not date or event_precision(date, precision) is None:
            continue
        label, coarse = bucket(date, precision, by)
        if label not in points:
            lo, hi = date_bounds(date if coarse else label, precision if coarse else None)
            points[label] = (SeriesPoint(period=label, start=lo or "", end=hi or "", coarse=coarse), set())
        _add(*points[label], head)
    for point, names in points.values():
        point.doc_names = sorted(names)
    return sorted((p for p, _ in points.values()), key=lambda p: (p.start, -_span_days(p)))


def series_of(found: list[MergedEvent], by: str = "year") -> list[SeriesPoint]:
    """The series of merged events given as records (in merged-event date order)."""
    return series_points([head_of(m) for m in found], by)


def _span_days(point: SeriesPoint) -> int:
    try:
        return (dt.date.fromisoformat(point.end) - dt.date.fromisoformat(point.start)).days
    except ValueError:
        return 0


def undated_count(found: Iterable[GroupHead | MergedEvent]) -> int:
    """How many of the merged events have no date a series could place."""
    heads = (head_of(m) if isinstance(m, MergedEvent) else m for m in found)
    return sum(1 for h in heads if event_precision(h.date, h.date_precision) is None)


def series_query(query: EventQuery) -> EventQuery:
    """``query`` as a series reads it: every match (no page), in merged-event date order."""
    return replace(query, limit=None, offset=0, sort="date")


def dyad_query(a: str, b: str, directed: bool = False, query: EventQuery | None = None) -> EventQuery:
    """The filters of the dyad series ``a``–``b`` (``a → b`` only when ``directed``).

    ``a``/``b`` are countries (JPN) or code prefixes (JPNGOV); ``query`` adds filters
    (since, until, quad, code, ...); its dyad, limit and offset are ignored.
    """
    base = query or EventQuery()
    return replace(base, dyad=(a.upper(), b.upper()), directed=directed, limit=None, offset=0, sort="date")
