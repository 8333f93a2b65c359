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
  reach ``similarity`` (``same_day_similarity`` when both texts state one day and the same
  specific code), or both reports state the same amount. Two reports that each name
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
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple

from amity.geonames import city_words
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
    proper: frozenset[str] = frozenset()  # the capitalised words that are places, and the targets
    broad: frozenset[str] = frozenset()  # the targets and names that are whole countries


@dataclass(frozen=True)
class MergeSettings:
    """Thresholds and word data of the merge rule (see the module docstring)."""

    similarity: float = 0.3
    same_day_similarity: float = 0.15  # for one specific code on one text-stated day
    publication_days: int = 2
    day_slack: int = 1
    same_act: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (act, code prefixes)
    numbers: tuple[tuple[str, str], ...] = ()  # number word -> digits
    lemmas: tuple[tuple[str, str], ...] = ()  # irregular form -> lemma
    suffixes: tuple[tuple[str, str], ...] = ()  # suffix -> replacement, longest first
    min_stem: int = 3
    not_names: frozenset[str] = frozenset()  # capitalised words that name nothing shared
    synonyms: tuple[tuple[str, str], ...] = ()  # word -> the word its group is compared as
    countries: frozenset[tuple[str, str]] = field(default=frozenset(), repr=False)  # one-word name/demonym -> iso3
    places: frozenset[str] = field(default=frozenset(), repr=False)  # one-word place names (empty: any name may be)
    person_starts: frozenset[tuple[str, str]] = field(default=frozenset(), repr=False)  # a person's first two name words


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
    synonyms = tuple((str(w).lower(), str(head).lower()) for head, words in (data.get("synonyms") or {}).items()
                     for w in [head, *(words or ())])
    return MergeSettings(same_act=acts, numbers=numbers, lemmas=lemmas, suffixes=tuple(suffixes),
                         min_stem=int(data.get("min_stem") or 3), not_names=not_names, synonyms=synonyms)


def country_forms(entries: Iterable[Any]) -> frozenset[tuple[str, str]]:
    """One-word names and demonyms of the codebook's countries -> iso3 ("Bahraini" and
    "Bahrain" are one word to compare)."""
    forms: dict[str, str] = {}
    for entry in entries:
        if entry.kind != "country" or entry.end:
            continue
        for form, kind in entry.forms:
            if kind in ("name", "demonym") and form.isalpha():
                forms.setdefault(form.lower(), entry.key.lower())
    return frozenset(forms.items())  # a frozenset keeps its hash: the settings are hashed per report


def person_starts(entries: Iterable[Any]) -> frozenset[tuple[str, str]]:
    """The first two words of the codebook's people's names ("Vladimir Putin"): a place
    word opening a person's name ("Vladimir", a city) is no place there."""
    out: set[tuple[str, str]] = set()
    for entry in entries:
        if entry.kind == "person":
            for form, _kind in entry.forms:
                words = form.lower().split()
                if len(words) >= 2:
                    out.add((words[0], words[1]))
    return frozenset(out)


@lru_cache(maxsize=4)
def merge_settings() -> MergeSettings:
    """The merge settings of the process's codebook (``amity.codebook.current``)."""
    from dataclasses import replace

    from amity.codebook import current

    book = current()
    entries = list(book.actors().entries())
    return replace(settings_from(book.section("merge")), countries=country_forms(entries),
                   places=place_words(book.section("places")), person_starts=person_starts(entries))


def place_words(places: dict[str, Any]) -> frozenset[str]:
    """One-word names of the gazetteer's cities (``amity.geonames``: 15,000+ inhabitants, as
    ``amity.nlp.places`` reads them) and of the codebook's ``places.yaml`` places."""
    names = [str(n) for e in places.get("places") or () for n in [e.get("name"), *(e.get("aliases") or ())] if n]
    return city_words() | {n.lower() for n in names if n.isalpha()}


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
        if code.startswith(prefixes):
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
    except (ValueError, TypeError):
        return None


def _text_range(event: Event) -> tuple[str, str] | None:
    if event.date_basis != "text" or event.date_precision == "unknown":
        return None
    lo, hi = date_bounds(event.date, event.date_precision)
    return (lo, hi) if lo and hi else None


class Dates(NamedTuple):
    """A report's dates as day numbers (``date.toordinal``), read once."""

    text: tuple[int, int] | None  # first and last day a text date can mean
    day: bool  # the text date is a day
    pub: int | None  # the publication day


def dates_of(event: Event) -> Dates:
    bounds = _text_range(event)
    lo, hi = (_day(bounds[0]), _day(bounds[1])) if bounds else (None, None)
    text = (lo.toordinal(), hi.toordinal()) if lo and hi else None
    pub = _day(event.published)
    return Dates(text, text is not None and event.date_precision == "day", pub.toordinal() if pub else None)


def _dates_ok(a: Dates, b: Dates, days: int, day_slack: int) -> bool:
    if a.text and b.text:
        if a.day and b.day:
            return abs(a.text[0] - b.text[0]) <= day_slack
        return a.text[0] <= b.text[1] and b.text[0] <= a.text[1]
    if a.text is None and b.text is None:
        return a.pub is not None and b.pub is not None and abs(a.pub - b.pub) <= days
    text, pub = (a.text, b.pub) if a.text else (b.text, a.pub)
    return pub is not None and text is not None and text[0] <= pub + days and pub - days <= text[1]


def date_window(d: Dates, days: int, day_slack: int) -> tuple[int, int] | None:
    """Days a compatible report's window must overlap (None: compatible with no report)."""
    if d.text:
        pad = max(days, day_slack)
        return d.text[0] - pad, d.text[1] + pad
    return (d.pub - days, d.pub + days) if d.pub is not None else None


def dates_compatible(a: Event, b: Event, days: int = 2, day_slack: int = 1) -> bool:
    """Overlapping text dates (days within ``day_slack``); publication-basis dates within
    ``days`` of the other report."""
    return _dates_ok(dates_of(a), dates_of(b), days, day_slack)


# -- evidence -------------------------------------------------------------------------
MEMO_WORDS = 200_000


class _Lexicon:
    """The settings' word tables as dicts, with every word's comparable form remembered."""

    __slots__ = ("settings", "numbers", "lemmas", "synonyms", "countries", "country_codes", "places", "people", "memo")

    def __init__(self, settings: MergeSettings) -> None:
        self.settings = settings
        self.numbers, self.lemmas = dict(settings.numbers), dict(settings.lemmas)
        self.countries = dict(settings.countries)
        self.country_codes = frozenset(self.countries.values())
        self.synonyms = {lemma(w, settings, self.lemmas): lemma(head, settings, self.lemmas)
                         for w, head in settings.synonyms}
        self.memo: dict[str, str | None] = {}
        self.places = settings.places or None
        self.people = settings.person_starts

    def is_place(self, word: str, token: str, after: str = "") -> bool:
        """A capitalised word naming a place (any, when the settings know no places), not
        when it opens a known person's name with the word ``after`` it."""
        if self.places is None or token in self.country_codes:
            return True
        low, next_low = (w.lower().replace("’", "'").removesuffix("'s") for w in (word, after))
        return low in self.places and (low, next_low) not in self.people

    def normal(self, word: str) -> str | None:
        """The comparable form of one word (None for a stop word)."""
        if word not in self.memo:
            if len(self.memo) > MEMO_WORDS:
                self.memo.clear()
            self.memo[word] = self._normal(word)
        return self.memo[word]

    def _normal(self, word: str) -> str | None:
        low = word.lower().replace("’", "'")
        if low in self.numbers:
            return self.numbers[low]
        if low[0].isdigit():
            return low.replace(",", "")
        if low in _stop() or len(low) < 3:
            return None
        low = low.removesuffix("'s")
        if low in self.countries:
            return self.countries[low]
        stem = lemma(low, self.settings, self.lemmas)
        return self.synonyms.get(stem, stem)


@lru_cache(maxsize=8)
def _lexicon(settings: MergeSettings) -> _Lexicon:
    return _Lexicon(settings)


def lemma(word: str, settings: MergeSettings, lemmas: dict[str, str] | None = None) -> str:
    """A word's stem for comparing reports: irregular forms, then one suffix rule."""
    word = (lemmas if lemmas is not None else dict(settings.lemmas)).get(word, word)
    for suffix, replacement in settings.suffixes:
        if word.endswith(suffix) and len(word) - len(suffix) >= settings.min_stem:
            if suffix == "s" and word.endswith("ss"):
                continue
            return word[: len(word) - len(suffix)] + replacement
    return word


def _own_words(event: Event) -> tuple[str, ...]:
    """Stems of the dyad's own names (already compared through the dyad): "Israel" also
    covers "Israeli", "China" "Chinese"."""
    return _stems(event.source.name, event.source.mention, event.target.name, event.target.mention)


@lru_cache(maxsize=4096)
def _stems(*names: str | None) -> tuple[str, ...]:
    words = {w.lower() for w in _WORD.findall(" ".join(filter(None, names)))} - _stop()
    return tuple(sorted(w[: max(4, len(w) - 1)] for w in words if len(w) >= 3))


def _names_after(text: str, at: int, own: tuple[str, ...], lex: _Lexicon, window: int = 4) -> set[str]:
    """The first name among the ``window`` words after offset ``at``: what the act hit or
    reached ("struck Damascus", "an air strike on Aleppo", "arrived in Moscow")."""
    for n, match in enumerate(_WORD.finditer(text, at)):
        raw = match.group(0)
        if n >= window:
            break
        low = raw.lower()
        if raw[0].isupper() and low not in lex.settings.not_names and not (own and low.startswith(own)):
            token = lex.normal(raw)
            return {token} if token else set()
    return set()


def _next_word(text: str, at: int) -> str:
    match = _WORD.search(text, at)
    return match.group(0) if match else ""


def _name_tokens(text: str, own: tuple[str, ...], lex: _Lexicon) -> set[str]:
    return {t for w in _WORD.findall(text) if not (own and w.lower().startswith(own)) and (t := lex.normal(w))}


def evidence_tokens(event: Event, settings: MergeSettings | None = None) -> Evidence:
    """The words, names and targets of the trigger and sentence, each as a comparable lemma.

    Words naming the dyad's own actors are left out (the dyad compares them). Names are the
    capitalised words not opening the sentence, the trigger's words and the event's place;
    targets are the event's place and the name right after the trigger; ``proper`` are the
    names that are places (any capitalised word when the settings know no places).
    """
    settings = settings or merge_settings()
    lex = _lexicon(settings)
    own = _own_words(event)
    words: set[str] = set()
    names: set[str] = set()
    places: set[str] = set()
    text = f"{event.sentence} {event.trigger}"
    for i, match in enumerate(_WORD.finditer(text)):
        raw = match.group(0)
        token = lex.normal(raw)
        if token is None or (own and raw.lower().startswith(own)):
            continue
        words.add(token)
        if i > 0 and raw[0].isupper() and raw.lower() not in settings.not_names:
            names.add(token)
            if lex.is_place(raw, token, _next_word(text, match.end())):
                places.add(token)
    proper = frozenset(places)
    names |= _name_tokens(event.trigger, (), lex)
    targets = set()
    if event.location and event.location.name:
        targets = _name_tokens(event.location.name, own, lex)
    at = event.sentence.find(event.trigger) if event.trigger else -1
    if at >= 0:
        targets |= _names_after(event.sentence, at + len(event.trigger), own, lex)
    broad = frozenset(t for t in proper | targets if t in lex.country_codes)
    return Evidence(frozenset(words | targets), frozenset(names | targets), frozenset(targets), proper | targets, broad)


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
    only things (its target, else the places it names) the other never mentions, a whole
    country ("in Singapore") not counting: it is too broad to tell two acts apart."""
    if a.targets and b.targets:
        return bool(a.targets - b.words and b.targets - a.words)
    named_a, named_b = (a.targets - a.broad) or (a.proper - a.broad), (b.targets - b.broad) or (b.proper - b.broad)
    return bool(named_a and named_b and not named_a & b.words and not named_b & a.words)


class _Report:
    __slots__ = ("event", "settings", "_evidence", "amounts", "doc", "dates", "window")

    def __init__(self, event: Event, settings: MergeSettings) -> None:
        self.event, self.settings = event, settings
        self._evidence: Evidence | None = None
        self.amounts = _amount_keys(event)
        self.doc = event.doc_id or event.doc_name
        self.dates = dates_of(event)
        self.window = date_window(self.dates, settings.publication_days, settings.day_slack)

    @property
    def evidence(self) -> Evidence:
        """Read on the first comparison (a report no other report's dates allow needs none)."""
        found = self._evidence
        if found is None:
            found = self._evidence = evidence_tokens(self.event, self.settings)
        return found


def _score(a: _Report, b: _Report, settings: MergeSettings) -> float | None:
    """How alike two reports are, or None when they cannot be one event."""
    ea, eb = a.event, b.event
    if a.doc == b.doc or not _dates_ok(a.dates, b.dates, settings.publication_days, settings.day_slack):
        return None
    if not codes_compatible(ea.cameo, eb.cameo, settings) or different_targets(a.evidence, b.evidence):
        return None
    score = similarity(a.evidence, b.evidence)
    if a.amounts & b.amounts:
        return max(score, settings.similarity)
    floor = settings.same_day_similarity if _same_day_same_act(a, b) else settings.similarity
    return score if score >= floor else None


def _same_day_same_act(a: _Report, b: _Report) -> bool:
    """Both texts state the same day and the same specific code (not a root's generic one):
    less shared wording is needed then."""
    code = a.event.cameo
    return (a.dates.day and b.dates.day and a.dates.text == b.dates.text and code == b.event.cameo
            and len(code) >= 3 and _refined(code) == code)


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


class _Group:
    """A merged event being built: its reports and the days every member's window shares."""

    __slots__ = ("index", "members", "window")

    def __init__(self, index: int, report: _Report) -> None:
        self.index, self.members, self.window = index, [report], report.window

    def add(self, report: _Report) -> None:
        self.members.append(report)
        if self.window and report.window:
            self.window = (max(self.window[0], report.window[0]), min(self.window[1], report.window[1]))


def _best_group(report: _Report, groups: Iterable[_Group], settings: MergeSettings) -> _Group | None:
    """The group every member of which ``report`` can be one event with: the most reported
    (the best corroborated), then the most alike."""
    best, best_rank = None, (-1, -1.0)
    for group in groups:
        mean = _fit(report, group.members, settings)
        if mean is not None and (len(group.members), mean) > best_rank:
            best, best_rank = group, (len(group.members), mean)
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


BUCKET_DAYS = 8


def _candidates(window: tuple[int, int] | None, buckets: dict[int, list[_Group]]) -> list[_Group]:
    """Groups whose shared days overlap ``window``, in the order they were made. Pairwise
    overlapping intervals share a point, so a report compatible with every member overlaps
    the days they all share."""
    if window is None:
        return []
    found = {g.index: g for k in range(window[0] // BUCKET_DAYS, window[1] // BUCKET_DAYS + 1)
             for g in buckets.get(k, ()) if g.window and g.window[0] <= window[1] and window[0] <= g.window[1]}
    return [found[i] for i in sorted(found)]


def _cluster_part(reports: list[Event], settings: MergeSettings) -> list[list[Event]]:
    groups: list[_Group] = []
    buckets: dict[int, list[_Group]] = {}
    for event in sorted(reports, key=order_key):
        report = _Report(event, settings)
        group = _best_group(report, _candidates(report.window, buckets), settings)
        if group is not None:
            group.add(report)
            continue
        group = _Group(len(groups), report)
        groups.append(group)
        if group.window:
            for k in range(group.window[0] // BUCKET_DAYS, group.window[1] // BUCKET_DAYS + 1):
                buckets.setdefault(k, []).append(group)
    return [[r.event for r in g.members] for g in groups]


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
