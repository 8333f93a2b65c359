"""The analyst's review loop, for the faces: judge an event, queue what to judge next,
measure the coder by the judgements, and turn them into gold (``amity review``).

``Reviewing`` is a mixin of ``Amity`` (``amity/core.py``). It checks a review's values
against the codebook (a CAMEO code that exists, an actor code built of codebook parts,
a real date) and computes the event columns a fix sets; the store (``store/reviews.py``)
records the review, keeps it attached to its evidence and applies it everywhere.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amity.codebook import Codebook, load_codebook
from amity.errors import InputError, ReviewValueError
from amity.models import Actor, Event
from amity.query import date_bounds
from amity.settings import Settings

if TYPE_CHECKING:
    from amity.store import Store

VERDICTS = ("correct", "wrong", "fixed")
FIELDS = ("cameo", "source", "target", "date")
_PRECISION = {4: "year", 7: "month", 10: "day"}


@lru_cache(maxsize=8)
def actor_parts(book: Codebook) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(country and IGO codes, sector codes, whole codes) an actor code may be built of."""
    actors = book.actors()
    countries, sectors, whole = set(), set(), set()
    for entry in actors.entries():
        countries |= {c for c in (entry.country, entry.code if entry.kind == "igo" else None) if c}
        sectors |= {entry.sector} if entry.sector else set()
        whole |= {role.code for role in entry.roles}
    sectors |= {word.sector for word in actors.sector_words.values()}
    return frozenset(countries), frozenset(sectors), frozenset(whole)


def actor_columns(book: Codebook, side: str, code: str) -> dict[str, Any]:
    """The events columns of actor ``code`` on ``side``; ReviewValueError if it is no actor code."""
    value = code.strip().upper()
    countries, sectors, whole = actor_parts(book)
    head, tail = (value[:3], value[3:]) if value[:3] in countries else ("", value)
    parts = [tail[i : i + 3] for i in range(0, len(tail), 3)]
    if not value.isalnum() or not (value in whole or (head or parts) and all(p in sectors for p in parts)):
        raise ReviewValueError(side, f"{code!r} is not an actor code (a country such as USA, optionally with "
                               "sectors such as GOV, MIL: USAGOV)")
    actors = book.actors()
    name = actors.entry(head).name if head and head in actors else None
    return {f"{side}_code": value, f"{side}_country": head or None, f"{side}_sector": tail[:3] or None,
            f"{side}_name": name, f"{side}_role": None, f"{side}_actor_id": head or None}


def cameo_columns(book: Codebook, code: str) -> dict[str, Any]:
    found = book.cameo.codes.get(code.strip())
    if found is None:
        raise ReviewValueError("cameo", f"unknown CAMEO code {code!r}")
    return {"cameo": found.code, "cameo_root": found.root, "cameo_name": found.name,
            "goldstein": found.goldstein, "quad": found.quad, "plover": found.plover}


def date_columns(value: str) -> dict[str, Any]:
    text = value.strip()
    start, end = date_bounds(text)
    if start is None or len(text) not in _PRECISION:
        raise ReviewValueError("date", f"{value!r} is not a real date (2013, 2019-06 or 2018-07-30)")
    return {"date": text, "date_precision": _PRECISION[len(text)], "date_basis": "review",
            "date_start": start, "date_end": end}


def fix_columns(book: Codebook, verdict: str, asked: dict[str, str]) -> dict[str, Any]:
    """The events columns a review sets (none unless ``fixed``), its values checked."""
    if verdict not in VERDICTS:
        raise ReviewValueError("verdict", f"must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    if verdict != "fixed":
        if asked:
            raise ReviewValueError(next(iter(asked)), f"a {verdict!r} review takes no corrected values "
                                   "(use the verdict 'fixed')")
        return {}
    if not asked:
        raise ReviewValueError("verdict", "a 'fixed' review needs a corrected cameo, source, target or date")
    columns: dict[str, Any] = {}
    for name, value in asked.items():
        if name not in FIELDS:
            raise ReviewValueError(name, f"unknown field (one of {', '.join(FIELDS)})")
        if not isinstance(value, str) or not value.strip():
            raise ReviewValueError(name, "must be a non-empty text")
        if name == "cameo":
            columns |= cameo_columns(book, value)
        elif name == "date":
            columns |= date_columns(value)
        else:
            columns |= actor_columns(book, name, value)
    return columns


def coder_view(ev: Event) -> Event:
    """``ev`` as the coder gave it (a fix undone), for measuring the coder."""
    review = ev.review or {}
    original = review.get("original") or {}
    if review.get("verdict") != "fixed" or not original:
        return ev
    return replace(ev, cameo=original.get("cameo", ev.cameo), cameo_root=str(original.get("cameo", ev.cameo))[:2],
                   date=original.get("date", ev.date),
                   source=Actor(code=original["source"]) if "source" in original else ev.source,
                   target=Actor(code=original["target"]) if "target" in original else ev.target)


def gold_line(review: dict[str, Any], ev: Event) -> dict[str, Any]:
    """A review as a gold line (the gold coding rules, CODING.md §5): the analyst's event, or a not-event."""
    evidence = review["evidence"]
    line: dict[str, Any] = {"doc": evidence["doc_name"], "quote": evidence["text"]}
    if review["verdict"] == "wrong":
        return {**line, "not_event": True, "notes": review["note"] or "reviewed: not this event"}
    return {**line, "source": ev.source.country or ev.source.code[:3], "source_actor": ev.source.code,
            "target": ev.target.country or ev.target.code[:3], "target_actor": ev.target.code,
            "cameo": ev.cameo, "cameo_root": ev.cameo_root, "quad": ev.quad, "date": ev.date,
            "factual": True, "notes": review["note"] or f"reviewed: {review['verdict']}"}


def precision_table(items: list[tuple[str, bool]]) -> list[dict[str, Any]]:
    """(key, coder was right) pairs → per key: reviewed, right, precision; most reviewed first."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for key, right in items:
        counts[key][0] += 1
        counts[key][1] += int(right)
    rows = [{"key": k, "reviewed": n, "right": r, "precision": round(r / n, 3)} for k, (n, r) in counts.items()]
    return sorted(rows, key=lambda row: (-row["reviewed"], row["key"]))


def review_stats(standing: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts, the coder's precision (overall, per code, per dyad, per month) and orphans."""
    attached = [r for r in standing if r["attached"]]
    def right(r: dict[str, Any]) -> bool:
        return bool(r["verdict"] == "correct")
    coder = [(r, r["coder"]) for r in standing]
    return {
        "reviews": len(standing), "verdicts": dict(Counter(r["verdict"] for r in standing)),
        "precision": round(sum(map(right, standing)) / len(standing), 3) if standing else None,
        "by_code": precision_table([(c.get("cameo") or "?", right(r)) for r, c in coder]),
        "by_dyad": precision_table([("-".join(sorted((str(c.get("source") or "?")[:3],
                                                      str(c.get("target") or "?")[:3]))), right(r))
                                    for r, c in coder]),
        "by_month": sorted(precision_table([(r["at"][:7], right(r)) for r in standing]), key=lambda x: x["key"]),
        "attached": len(attached),
        "orphans": [{"review_id": r["review_id"], "verdict": r["verdict"], "at": r["at"], "by": r["by"],
                     **r["evidence"]} for r in standing if not r["attached"]],
    }


def _pair(source: Any, target: Any) -> tuple[str, str]:
    """The undirected country dyad of two actor codes."""
    a, b = sorted((str(source or "")[:3], str(target or "")[:3]))
    return a, b


def queue_score(ev: Event, codes: set[str], dyads: set[tuple[str, str]]) -> tuple[float, list[str]]:
    """How much ``ev`` is worth a look, and why: low confidence, a code corrected before, a followed dyad."""
    reasons = [f"confidence {ev.confidence:.2f}"]
    score = 1.0 - ev.confidence
    if ev.cameo in codes:
        score, reasons = score + 0.5, [*reasons, f"code {ev.cameo} corrected before"]
    pair = _pair(ev.source.country or ev.source.code, ev.target.country or ev.target.code)
    if pair in dyads:
        score, reasons = score + 0.3, [*reasons, f"dyad {pair[0]}-{pair[1]} followed"]
    return round(score, 3), reasons


class Reviewing:
    """The review loop's methods of ``Amity`` (which supplies ``store`` and ``settings``)."""

    if TYPE_CHECKING:
        settings: Settings

        @property
        def store(self) -> Store: ...

        def event(self, event_id: str) -> Event: ...

    def codebook(self) -> Codebook:
        s = self.settings
        return load_codebook(tuple(s.codebook_dirs), tuple(s.actors_files), tuple(s.verbs_files))

    def review(self, event_id: str, verdict: str, fields: dict[str, str] | None = None,
               note: str | None = None, by: str = "cli") -> dict[str, Any]:
        """Judge the event ``event_id`` correct, wrong or fixed (``fields``: corrected cameo,
        source, target, date); the stored review. ReviewValueError names a bad field."""
        asked = {k: v for k, v in (fields or {}).items() if v is not None}
        columns = fix_columns(self.codebook(), verdict, asked)
        if note is not None and not isinstance(note, str):
            raise ReviewValueError("note", "must be a text")
        clean = {k: str(v).strip().upper() if k != "date" else str(v).strip() for k, v in asked.items()}
        return self.store.add_review(event_id, verdict, columns, clean, note or None, by)

    def event_reviews(self, event_id: str) -> list[dict[str, Any]]:
        """The review history of an event (oldest first); NotFoundError if no such event and no review."""
        found = self.store.event_reviews(event_id)
        if not found:
            self.event(event_id)
        return found

    def review_queue(self, limit: int = 20, follow: Iterable[tuple[str, str]] = ()
                     ) -> list[tuple[Event, float, list[str]]]:
        """Unreviewed events most worth a look first, with their score and reasons; ``follow``
        names country dyads the analyst follows (either direction), beside those reviewed before."""
        standing = self.store.all_reviews(current_only=True)
        codes = {str(r["coder"].get("cameo")) for r in standing if r["verdict"] != "correct"}
        dyads = {_pair(r["coder"].get("source"), r["coder"].get("target")) for r in standing}
        dyads |= {_pair(a, b) for a, b in follow}
        ids = self.store.review_candidates(limit, codes, dyads)
        scored = [(ev, *queue_score(ev, codes, dyads)) for ev in map(self.event, ids)]
        scored.sort(key=lambda item: (-item[1], item[0].event_id))
        return scored[:limit]

    def review_stats(self) -> dict[str, Any]:
        """What was reviewed and the coder's precision on it; reviews whose evidence is gone."""
        return review_stats(self.store.all_reviews(current_only=True))

    def review_gold(self) -> list[dict[str, Any]]:
        """Every standing review as a gold line, in article order."""
        standing = [r for r in self.store.all_reviews(current_only=True) if r["attached"]]  # orphans: no evidence
        standing.sort(key=lambda r: (r["evidence"]["doc_name"], r["evidence"]["span"][0], r["review_id"]))
        return [gold_line(r, self.event(r["event_id"])) for r in standing]

    def export_reviews(self, path: str | Path) -> int:
        """Write :meth:`review_gold` to ``path`` (JSONL); how many lines."""
        lines = self.review_gold()
        try:
            Path(path).write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), encoding="utf-8")
        except OSError as exc:
            raise InputError(f"{path}: cannot write: {exc.strerror}") from exc
        return len(lines)
