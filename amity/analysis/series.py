"""Dyad series: merged events per period, by quad class, with Goldstein sum and mean.

Each merged event is placed by its own date at its own precision. An event coarser than
the bucket (a year-precision event in a monthly series, a month in a daily one) is not
spread or guessed: it gets a bucket of its own labelled at its precision ("1993") and
flagged ``coarse=True``, sorted before the finer buckets it contains. Events without a
date are left out (``undated_count`` tells how many).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

from amity.analysis.merge import MergedEvent, merged_events
from amity.errors import UsageError
from amity.store import EventQuery, Store
from amity.store.query import QUADS, date_bounds

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


def _add(point: SeriesPoint, merged: MergedEvent) -> None:
    event = merged.event
    point.n_events += 1
    if event.quad in QUADS:
        setattr(point, event.quad, getattr(point, event.quad) + 1)
    point.goldstein_sum = round(point.goldstein_sum + event.goldstein, 4)
    point.goldstein_mean = round(point.goldstein_sum / point.n_events, 3)
    point.reports += merged.reports
    point.event_ids.append(merged.group_id)
    point.doc_names = sorted(set(point.doc_names) | set(merged.doc_names))


def series_of(found: list[MergedEvent], by: str = "year") -> list[SeriesPoint]:
    """Bucket merged events into a series (see the module docstring)."""
    if by not in BY_LENGTH:
        raise UsageError(f"--by must be year, month or day, not {by!r}")
    points: dict[str, SeriesPoint] = {}
    for merged in found:
        event = merged.event
        if not event.date or event_precision(event.date, event.date_precision) is None:
            continue
        label, coarse = bucket(event.date, event.date_precision, by)
        if label not in points:
            lo, hi = date_bounds(event.date if coarse else label, event.date_precision if coarse else None)
            points[label] = SeriesPoint(period=label, start=lo or "", end=hi or "", coarse=coarse)
        _add(points[label], merged)
    return sorted(points.values(), key=lambda p: (p.start, -_span_days(p)))


def _span_days(point: SeriesPoint) -> int:
    import datetime as dt

    try:
        return (dt.date.fromisoformat(point.end) - dt.date.fromisoformat(point.start)).days
    except ValueError:
        return 0


def undated_count(found: list[MergedEvent]) -> int:
    return sum(1 for m in found if event_precision(m.event.date, m.event.date_precision) is None)


def dyad_series(store: Store, a: str, b: str, by: str = "year", directed: bool = False,
                query: EventQuery | None = None) -> list[SeriesPoint]:
    """The series of the dyad ``a``–``b`` (``a → b`` only when ``directed``), merged events.

    ``a``/``b`` are countries (JPN) or code prefixes (JPNGOV); ``query`` adds filters
    (since, until, quad, code, ...); its dyad, limit and offset are ignored.
    """
    base = query or EventQuery()
    query = replace(base, dyad=(a.upper(), b.upper()), directed=directed, limit=None, offset=0, sort="date")
    return series_of(merged_events(store, query), by)
