"""Timelines: the merged events of an actor or a dyad, dated and ordered, across articles.

Order: by the first day an event's date can mean; at the same start, coarser dates first
("1993" before "1993-05" before "1993-05-23"); undated events last. Dates are shown at
their precision, as written ("1979", "2013-12", "2018-07-30"). Pure functions over
``MergedEvent`` records; the store reads a page in this order (``Store.timeline_page``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from amity.analysis.series import date_label
from amity.models import MergedEvent
from amity.query import EventQuery, date_bounds, parse_dyad


@dataclass
class TimelineEntry:
    """One merged event on a timeline; ``event_id`` is the merged event (group) id."""

    event_id: str
    date: str | None
    date_label: str
    date_precision: str
    date_basis: str
    source_code: str
    source_name: str
    target_code: str
    target_name: str
    cameo: str
    cameo_name: str
    quad: str
    goldstein: float
    sentence: str
    doc_name: str
    doc_names: list[str] = field(default_factory=list)
    mentions: int = 1
    member_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def entry_of(merged: MergedEvent) -> TimelineEntry:
    event = merged.event
    return TimelineEntry(
        event_id=merged.group_id, date=event.date, date_label=date_label(event.date, event.date_precision),
        date_precision=event.date_precision, date_basis=event.date_basis,
        source_code=event.source.code, source_name=event.source.name or event.source.mention or "",
        target_code=event.target.code, target_name=event.target.name or event.target.mention or "",
        cameo=event.cameo, cameo_name=event.cameo_name, quad=event.quad, goldstein=event.goldstein,
        sentence=event.sentence, doc_name=event.doc_name, doc_names=list(merged.doc_names),
        mentions=merged.mentions, member_ids=list(merged.member_ids),
    )


def timeline_order(entry: TimelineEntry) -> tuple[int, str, str, str]:
    """The sort key of a timeline (module docstring); the store pages in this order in SQL."""
    lo, hi = date_bounds(entry.date, entry.date_precision)
    if lo is None or hi is None:
        return (1, "", "", entry.event_id)
    inverted_end = "".join(chr(0x10FFFF - ord(c)) for c in hi)
    return (0, lo, inverted_end, entry.event_id)


def timeline_query(actor: str | None, dyad: str | tuple[str, str] | None, base: EventQuery) -> EventQuery:
    """The filters of the timeline of ``actor`` (source or target) or ``dyad`` (undirected), unpaged."""
    if isinstance(dyad, str):
        dyad = parse_dyad(dyad)
    changes: dict[str, Any] = {"limit": None, "offset": 0}
    if actor:
        changes["actor"] = actor.upper()
    if dyad:
        changes["dyad"] = (dyad[0].upper(), dyad[1].upper())
    full = replace(base, **changes)
    full.validate()
    return full


def timeline_entries(page: Iterable[MergedEvent]) -> list[TimelineEntry]:
    """Timeline entries of merged events, in the order given (the store's timeline order)."""
    return [entry_of(m) for m in page]
