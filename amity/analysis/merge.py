"""Event merging: one real-world event reported by several articles becomes one event.

Two reports (stored events) are the same event when all of these hold:

- the same directed dyad at country + sector level (``JPNGOV → KHMGOV``), the same CAMEO
  root and compatible codes (equal, or one a prefix of the other: ``03`` and ``0311``),
  the same factuality (a negated or hypothetical report never merges with a factual one);
- compatible dates: two dates grounded in the text merge when their ranges overlap
  (``1993`` contains ``1993-05-23``); a date taken from the publication (or unknown) only
  merges with reports published within ``publication_days`` of it;
- similar evidence: the Jaccard overlap of the content words of trigger + sentence is at
  least ``jaccard``, or both state the same amount.

Groups are built greedily with complete linkage (a report joins a group only if it is
compatible with every member), most precise dates first, so ``1993`` cannot chain two
different days of 1993 together. The group's representative is its first member; its
``event_id`` is the ``group_id``. Pure functions over ``Event`` records: the store
(``amity/store/groups.py``) keeps the groups in ``event_groups``, recomputed per block
(directed dyad + root + factuality) for the articles touched by an ingest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from amity.models import Event, MergedEvent
from amity.query import date_bounds

__all__ = ["MergeSettings", "MergedEvent", "build_merged", "cluster", "codes_compatible", "dates_compatible",
           "evidence_tokens", "jaccard", "order_key"]

PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "unknown": 4}
_WORD = re.compile(r"[a-z]+|\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class MergeSettings:
    """Thresholds of the merge rule (see the module docstring)."""

    jaccard: float = 0.25
    publication_days: int = 2


# -- the merge rule -------------------------------------------------------------------
def _stop_words() -> frozenset[str]:
    from amity.codebook import word_set  # codebook data/words.yaml (spaCy's English stop words)

    return word_set("merge", "stop_words")


_STOP: frozenset[str] | None = None


def evidence_tokens(event: Event) -> frozenset[str]:
    """Content words of the trigger and sentence (lower case, stop words dropped)."""
    global _STOP
    if _STOP is None:
        _STOP = _stop_words()
    words = _WORD.findall(f"{event.trigger} {event.sentence}".lower())
    return frozenset(w for w in words if w not in _STOP and (len(w) > 2 or w.isdigit()))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _amount_keys(event: Event) -> set[tuple[float, str, str | None]]:
    return {(round(a.value, 6), a.unit, a.currency) for a in event.amounts if a.value}


def codes_compatible(a: str, b: str) -> bool:
    return a[:2] == b[:2] and (a.startswith(b) or b.startswith(a))


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _text_range(event: Event) -> tuple[str, str] | None:
    if event.date_basis != "text" or event.date_precision == "unknown":
        return None
    lo, hi = date_bounds(event.date, event.date_precision)
    return (lo, hi) if lo and hi else None


def dates_compatible(a: Event, b: Event, days: int = 2) -> bool:
    """Overlapping text dates; publication-basis dates within ``days`` of the other report."""
    ra, rb = _text_range(a), _text_range(b)
    if ra and rb:
        return ra[0] <= rb[1] and rb[0] <= ra[1]
    pa, pb = _day(a.published), _day(b.published)
    if ra is None and rb is None:
        if pa and pb:
            return abs((pa - pb).days) <= days
        return bool(a.doc_id) and a.doc_id == b.doc_id
    text_range, pub = (ra, pb) if ra else (rb, pa)
    if pub is None or text_range is None:
        return False
    window = ((pub - dt.timedelta(days=days)).isoformat(), (pub + dt.timedelta(days=days)).isoformat())
    return text_range[0] <= window[1] and window[0] <= text_range[1]


class _Report:
    __slots__ = ("event", "tokens", "amounts")

    def __init__(self, event: Event) -> None:
        self.event = event
        self.tokens = evidence_tokens(event)
        self.amounts = _amount_keys(event)


def _same_event(a: _Report, b: _Report, settings: MergeSettings) -> bool:
    if not codes_compatible(a.event.cameo, b.event.cameo):
        return False
    if not dates_compatible(a.event, b.event, settings.publication_days):
        return False
    return bool(a.amounts & b.amounts) or jaccard(a.tokens, b.tokens) >= settings.jaccard


def order_key(event: Event) -> tuple[Any, ...]:
    return (PRECISION_RANK.get(event.date_precision, 4), event.date_basis != "text",
            -event.confidence, event.published or "9999", event.event_id)


def cluster(reports: Iterable[Event], settings: MergeSettings | None = None) -> list[list[Event]]:
    """Group the reports of one block into events (complete linkage, precise dates first)."""
    settings = settings or MergeSettings()
    groups: list[list[_Report]] = []
    for event in sorted(reports, key=order_key):
        report = _Report(event)
        for group in groups:
            if all(_same_event(report, member, settings) for member in group):
                group.append(report)
                break
        else:
            groups.append([report])
    return [[r.event for r in group] for group in groups]


def build_merged(members: dict[str, list[str]], reports: dict[str, Event]) -> list[MergedEvent]:
    """Merged events from group_id → member ids and the reports by id (the lead: the group's
    own event, else its first report in ``order_key`` order)."""
    out = []
    for group_id, ids in members.items():
        group = sorted((reports[i] for i in ids if i in reports), key=order_key)
        if not group:
            continue
        lead = next((e for e in group if e.event_id == group_id), group[0])
        lead.doc_names = sorted({e.doc_name for e in group})
        lead.mentions = len(lead.doc_names)
        out.append(MergedEvent(group_id, lead, sorted(e.event_id for e in group), len(group)))
    return out
