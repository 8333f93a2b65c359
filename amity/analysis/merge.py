"""Event merging: one real-world event reported by several articles becomes one event.

Two reports (stored events) are the same event when all of these hold:

- the same directed dyad at **country** level (``ISRMIL → SYR`` and ``ISR → SYRGOV`` meet;
  the merged event takes the most specific sector its reports agree on, see
  :mod:`amity.analysis.agreement`), the same factuality (a negated or hypothetical report
  never merges with a factual one), and codes an analyst calls the same act: equal, one
  refining the other within a root (``03`` and ``0311``; a root's generic ``040``/``190`` is
  compatible with every code of its root), or both under one ``same_act`` entry of the
  codebook's ``merge.yaml`` (``18`` and ``19``: a strike reported as 190, 195 or 1823);
- compatible dates at their precision: two text dates merge when their ranges overlap, or
  lie within ``day_slack`` days when both are days; a date taken from the publication (or
  unknown) only merges with reports whose date lies within ``publication_days`` of it;
- different articles: two events of one article are never one merged event;
- similar evidence: the reports' words are compared as lemmas with number words read as
  digits ("seven" = 7, "imposed" = "imposes"), and the names they share (capitalised words
  other than the dyad's own countries, the event's place) count double; the score must
  reach ``similarity``, or both reports state the same amount. Two reports that each name
  a place or target the other never mentions (the event's ``Location``, or the name right
  after the trigger: "struck Damascus" / "struck Aleppo") are never the same event.

Groups are built with complete linkage (a report joins a group only if it is compatible
with every member), most precise dates first, each report joining the group it resembles
most, so ``1993`` cannot chain two different days of 1993 together. The group's
representative is its first member; its ``event_id`` is the ``group_id``. Pure functions
over ``Event`` records: the store (``amity/store/groups.py``) keeps the groups in
``event_groups``, recomputed per block (directed country dyad + factuality) for the
articles touched by an ingest.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from amity.models import Event, MergedEvent
from amity.query import date_bounds

__all__ = ["Evidence", "MergeSettings", "MergedEvent", "act_key", "build_merged", "cluster", "codes_compatible",
           "dates_compatible", "different_targets", "evidence_tokens", "jaccard", "merge_settings", "order_key", "similarity"]

PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3, "unknown": 4}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z]|\d+(?:[.,]\d+)*")


class Evidence(NamedTuple):
    """What two reports are compared on, as comparable lemmas."""

    words: frozenset[str]  # content words of the sentence and trigger
    names: frozenset[str]  # capitalised words, the trigger, the targets (counted twice)
    targets: frozenset[str]  # the event's place and the name right after the trigger
    proper: frozenset[str] = frozenset()  # the capitalised words alone


@dataclass(frozen=True)
class MergeSettings:
    """Thresholds and word data of the merge rule (see the module docstring)."""

    similarity: float = 0.3
    publication_days: int = 2
    day_slack: int = 1
    same_act: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (act, code prefixes)
    numbers: tuple[tuple[str, str], ...] = ()  # number word -> digits
    lemmas: tuple[tuple[str, str], ...] = ()  # irregular form -> lemma
    suffixes: tuple[tuple[str, str], ...] = ()  # suffix -> replacement, longest first
    min_stem: int = 3
    not_names: frozenset[str] = frozenset()  # capitalised words that name nothing shared


# -- codebook data --------------------------------------------------------------------
def _stop_words() -> frozenset[str]:
    from amity.codebook import word_set  # codebook data/words.yaml (spaCy's English stop words)

    return word_set("merge", "stop_words")


@lru_cache(maxsize=1)
def _stop() -> frozenset[str]:
    return _stop_words()


def settings_from(data: dict[str, Any]) -> MergeSettings:
    """Merge settings from the codebook's ``merge`` section (``merge.yaml``)."""
    acts = tuple((str(name), tuple(str(c) for c in codes)) for name, codes in (data.get("same_act") or {}).items())
    numbers = tuple((str(w).lower(), str(n)) for w, n in (data.get("numbers") or {}).items())
    lemmas = tuple((str(w).lower(), str(lemma).lower()) for w, lemma in (data.get("lemmas") or {}).items())
    suffixes = sorted(((str(s), str(r or "")) for s, r in (data.get("suffixes") or {}).items()),
                      key=lambda pair: -len(pair[0]))
    not_names = frozenset(str(w).lower() for w in data.get("not_names") or ())
    return MergeSettings(same_act=acts, numbers=numbers, lemmas=lemmas, suffixes=tuple(suffixes),
                         min_stem=int(data.get("min_stem") or 3), not_names=not_names)


@lru_cache(maxsize=4)
def merge_settings() -> MergeSettings:
    """The merge settings of the process's codebook (``amity.codebook.current``)."""
    from amity.codebook import current

    return settings_from(current().section("merge"))


def _register_cache() -> None:
    from amity.codebook import depends_on_codebook

    depends_on_codebook(merge_settings)


_register_cache()


# -- codes ----------------------------------------------------------------------------
def _refined(code: str) -> str:
    """The code as far as it says anything: a root's generic 3-digit code (``190``) is the root."""
    return code[:2] if len(code) == 3 and code.endswith("0") else code


def act_key(code: str, settings: MergeSettings) -> str:
    """The act a code belongs to: its ``same_act`` entry, else its CAMEO root."""
    for name, prefixes in settings.same_act:
        if any(code.startswith(p) for p in prefixes):
            return name
    return code[:2]


def codes_compatible(a: str, b: str, settings: MergeSettings | None = None) -> bool:
    """Equal, one refining the other within a root, or under one ``same_act`` entry."""
    if settings is not None and settings.same_act:
        key = act_key(a, settings)
        if key == act_key(b, settings) and key != a[:2]:
            return True
    a, b = _refined(a), _refined(b)
    return a[:2] == b[:2] and (a.startswith(b) or b.startswith(a))


# -- dates ----------------------------------------------------------------------------
def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _text_range(event: Event) -> tuple[str, str] | None:
    if event.date_basis != "text" or event.date_precision == "unknown":
        return None
    lo, hi = date_bounds(event.date, event.date_precision)
    return (lo, hi) if lo and hi else None


def _near(lo: str, hi: str, day: dt.date, days: int) -> bool:
    return lo <= (day + dt.timedelta(days=days)).isoformat() and (day - dt.timedelta(days=days)).isoformat() <= hi


def dates_compatible(a: Event, b: Event, days: int = 2, day_slack: int = 1) -> bool:
    """Overlapping text dates (days within ``day_slack``); publication-basis dates within
    ``days`` of the other report."""
    ra, rb = _text_range(a), _text_range(b)
    if ra and rb:
        if a.date_precision == b.date_precision == "day":
            da, db = _day(a.date), _day(b.date)
            return da is not None and db is not None and abs((da - db).days) <= day_slack
        return ra[0] <= rb[1] and rb[0] <= ra[1]
    pa, pb = _day(a.published), _day(b.published)
    if ra is None and rb is None:
        return pa is not None and pb is not None and abs((pa - pb).days) <= days
    text_range, pub = (ra, pb) if ra else (rb, pa)
    return pub is not None and text_range is not None and _near(text_range[0], text_range[1], pub, days)


# -- evidence -------------------------------------------------------------------------
def lemma(word: str, settings: MergeSettings) -> str:
    """A word's stem for comparing reports: irregular forms, then one suffix rule."""
    word = _tables(settings)[1].get(word, word)
    for suffix, replacement in settings.suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= settings.min_stem:
            if suffix == "s" and word.endswith("ss"):
                continue
            return word[: len(word) - len(suffix)] + replacement
    return word


@lru_cache(maxsize=8)
def _tables(settings: MergeSettings) -> tuple[dict[str, str], dict[str, str]]:
    return dict(settings.numbers), dict(settings.lemmas)


def _normal(word: str, settings: MergeSettings) -> str | None:
    """The comparable form of one word (None for a stop word)."""
    low = word.lower().replace("’", "'")
    numbers, _ = _tables(settings)
    if low in numbers:
        return numbers[low]
    if low[0].isdigit():
        return low.replace(",", "")
    if low in _stop() or len(low) < 3:
        return None
    return lemma(low.removesuffix("'s"), settings)


def _own_words(event: Event) -> tuple[str, ...]:
    """Stems of the dyad's own names (already compared through the dyad): "Israel" also
    covers "Israeli", "China" "Chinese"."""
    parts = " ".join(filter(None, (event.source.name, event.source.mention, event.target.name, event.target.mention)))
    words = {w.lower() for w in _WORD.findall(parts)} - _stop()
    return tuple(w[: max(4, len(w) - 1)] for w in words if len(w) >= 3)


def _names_after(text: str, at: int, own: tuple[str, ...], settings: MergeSettings, window: int = 4) -> set[str]:
    """The first name among the ``window`` words after offset ``at``: what the act hit or
    reached ("struck Damascus", "an air strike on Aleppo", "arrived in Moscow")."""
    for n, match in enumerate(_WORD.finditer(text, at)):
        raw = match.group(0)
        if n >= window:
            break
        low = raw.lower()
        if raw[0].isupper() and low not in settings.not_names and not (own and low.startswith(own)):
            token = _normal(raw, settings)
            return {token} if token else set()
    return set()


def _name_tokens(text: str, own: tuple[str, ...], settings: MergeSettings) -> set[str]:
    return {t for w in _WORD.findall(text)
            if not (own and w.lower().startswith(own)) and (t := _normal(w, settings))}


def evidence_tokens(event: Event, settings: MergeSettings | None = None) -> Evidence:
    """The words, names and targets of the trigger and sentence, each as a comparable lemma.

    Words naming the dyad's own actors are left out (the dyad compares them). Names are the
    capitalised words not opening the sentence, the trigger's words and the event's place;
    targets are the event's place and the name right after the trigger.
    """
    settings = settings or merge_settings()
    own = _own_words(event)
    words: set[str] = set()
    names: set[str] = set()
    for i, match in enumerate(_WORD.finditer(f"{event.sentence} {event.trigger}")):
        raw = match.group(0)
        token = _normal(raw, settings)
        if token is None or (own and raw.lower().startswith(own)):
            continue
        words.add(token)
        if i > 0 and raw[0].isupper() and raw.lower() not in settings.not_names:
            names.add(token)
    proper = frozenset(names)
    names |= _name_tokens(event.trigger, (), settings)
    targets = set()
    if event.location and event.location.name:
        targets = _name_tokens(event.location.name, own, settings)
    at = event.sentence.find(event.trigger) if event.trigger else -1
    if at >= 0:
        targets |= _names_after(event.sentence, at + len(event.trigger), own, settings)
    return Evidence(frozenset(words | targets), frozenset(names | targets), frozenset(targets), proper | targets)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def similarity(a: Evidence, b: Evidence) -> float:
    """Overlap of two reports' evidence (shared / the shorter's size), names counting twice:
    a short headline and a long wire sentence about one act score high."""
    words_a, names_a = a.words, a.names
    words_b, names_b = b.words, b.names
    size = min(len(words_a), len(words_b)) + min(len(names_a), len(names_b))
    return (len(words_a & words_b) + len(names_a & names_b)) / size if size else 0.0


def _amount_keys(event: Event) -> set[tuple[float, str, str | None]]:
    return {(round(a.value, 6), a.unit, a.currency) for a in event.amounts if a.value}


def different_targets(a: Evidence, b: Evidence) -> bool:
    """Two acts, not one told twice: each report names a target the other never mentions
    ("struck Damascus" / "struck Aleppo in Syria"); without targets on both sides, each names
    only things (its target, else its capitalised words) the other never mentions."""
    if a.targets and b.targets:
        return bool(a.targets - b.words and b.targets - a.words)
    named_a, named_b = a.targets or a.proper, b.targets or b.proper
    return bool(named_a and named_b and not named_a & b.words and not named_b & a.words)


class _Report:
    __slots__ = ("event", "evidence", "amounts", "doc")

    def __init__(self, event: Event, settings: MergeSettings) -> None:
        self.event = event
        self.evidence = evidence_tokens(event, settings)
        self.amounts = _amount_keys(event)
        self.doc = event.doc_id or event.doc_name


def _score(a: _Report, b: _Report, settings: MergeSettings) -> float | None:
    """How alike two reports are, or None when they cannot be one event."""
    ea, eb = a.event, b.event
    if a.doc == b.doc or not dates_compatible(ea, eb, settings.publication_days, settings.day_slack):
        return None
    if not codes_compatible(ea.cameo, eb.cameo, settings) or different_targets(a.evidence, b.evidence):
        return None
    score = similarity(a.evidence, b.evidence)
    if a.amounts & b.amounts:
        return max(score, settings.similarity)
    return score if score >= settings.similarity else None


def order_key(event: Event) -> tuple[Any, ...]:
    return (PRECISION_RANK.get(event.date_precision, 4), event.date_basis != "text",
            -event.confidence, event.published or "9999", event.event_id)


def _partition(reports: Iterable[Event], settings: MergeSettings) -> dict[tuple[Any, ...], list[Event]]:
    """Reports by what must be equal: country dyad (the code when there is no country),
    factuality and act."""
    parts: dict[tuple[Any, ...], list[Event]] = {}
    for ev in reports:
        key = (ev.source.country or ev.source.code, ev.target.country or ev.target.code, ev.factual,
               ev.negated, act_key(ev.cameo, settings))
        parts.setdefault(key, []).append(ev)
    return parts


def _best_group(report: _Report, groups: list[list[_Report]], settings: MergeSettings) -> list[_Report] | None:
    """The group every member of which ``report`` can be one event with: the most reported
    (the best corroborated), then the most alike."""
    best, best_rank = None, (-1, -1.0)
    for group in groups:
        mean = _fit(report, group, settings)
        if mean is not None and (len(group), mean) > best_rank:
            best, best_rank = group, (len(group), mean)
    return best


def _fit(report: _Report, group: list[_Report], settings: MergeSettings) -> float | None:
    """The mean score of ``report`` against every member, None if any member rules it out."""
    total = 0.0
    for member in group:
        score = _score(report, member, settings)
        if score is None:
            return None
        total += score
    return total / len(group)


def _cluster_part(reports: list[Event], settings: MergeSettings) -> list[list[Event]]:
    groups: list[list[_Report]] = []
    for event in sorted(reports, key=order_key):
        report = _Report(event, settings)
        group = _best_group(report, groups, settings)
        if group is None:
            groups.append([report])
        else:
            group.append(report)
    return [[r.event for r in group] for group in groups]


def cluster(reports: Iterable[Event], settings: MergeSettings | None = None) -> list[list[Event]]:
    """Group reports into events (complete linkage, precise dates first, best match)."""
    settings = settings or merge_settings()
    out: list[list[Event]] = []
    for part in _partition(reports, settings).values():
        out += _cluster_part(part, settings)
    return out


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
