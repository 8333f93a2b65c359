"""Article text cut into segments for display, displaCy-style.

The text is split at every paragraph break and every actor-mention and event-span
boundary. Each segment knows the mention and events covering it, and which labels
(actor codes, event links) close right after it. Templates render segments escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass
class Segment:
    text: str
    mention: dict[str, Any] | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    mention_end: dict[str, Any] | None = None  # label to show after this segment
    events_end: list[dict[str, Any]] = field(default_factory=list)

    @property
    def tone(self) -> str:
        """``coop``/``conflict`` of the first covering event, for the highlight colour."""
        if not self.events:
            return ""
        return "conflict" if "conflict" in (self.events[0].get("quad") or "") else "coop"


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    out.append((start, len(text)))
    return [(s, e) for s, e in out if e > s]


def _valid(span: dict[str, Any], lo: int, hi: int) -> bool:
    start, end = span.get("start"), span.get("end")
    return isinstance(start, int) and isinstance(end, int) and lo <= start < end <= hi


def _cuts(lo: int, hi: int, spans: list[dict[str, Any]]) -> list[int]:
    points = {lo, hi}
    for span in spans:
        points.update(p for p in (span["start"], span["end"]) if lo < p < hi)
    return sorted(points)


def segment_paragraph(text: str, lo: int, hi: int, mentions: list[dict[str, Any]],
                      events: list[dict[str, Any]]) -> list[Segment]:
    mentions = [m for m in mentions if _valid(m, lo, hi)]
    events = [e for e in events if _valid(e, lo, hi)]
    cuts = _cuts(lo, hi, mentions + events)
    segments = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        mention = next((m for m in mentions if m["start"] <= a and b <= m["end"]), None)
        covering = [e for e in events if e["start"] <= a and b <= e["end"]]
        segments.append(Segment(
            text[a:b], mention, covering,
            mention_end=mention if mention and mention["end"] == b else None,
            events_end=[e for e in covering if e["end"] == b],
        ))
    return segments


def annotate(text: str, mentions: list[dict[str, Any]], events: list[dict[str, Any]]) -> list[list[Segment]]:
    """Paragraphs of segments covering ``text`` exactly (joined, they give the text back)."""
    return [segment_paragraph(text, lo, hi, mentions, events) for lo, hi in paragraphs(text)]


def highlight(text: str, marks: list[Any]) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, highlighted) at the ``[start, end]`` marks (for snippets)."""
    out, at = [], 0
    for mark in sorted((int(m[0]), int(m[1])) for m in marks if len(m) == 2):
        start, end = max(mark[0], at), min(mark[1], len(text))
        if start >= end:
            continue
        if start > at:
            out.append((text[at:start], False))
        out.append((text[start:end], True))
        at = end
    if at < len(text):
        out.append((text[at:], False))
    return out
