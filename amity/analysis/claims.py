"""Claims: quantities stated about the same thing by different sources, side by side.

Two kinds of claim are collected, never averaged:

- **amounts** stated for events (``events.amounts``). Cumulative figures ("a total of",
  "since 1992", "to date", "so far") are grouped by (source country, target country, unit,
  currency): every total Japan is said to have given Cambodia lands in one group whatever
  the wording. Other amounts are grouped by their merged event, so two reports of one
  grant that disagree on its size are put side by side.
- **rankings** ("the second largest donor", "top bilateral donor", "largest investor")
  found by a regular expression over stored article text, grouped by (ranked actor, role
  noun); the ranked actor is the first country mentioned in the sentence that is not a
  possessive ("Cambodia's").

A group is ``conflicting`` when its amounts differ by more than ``tolerance`` (relative)
or its ranks differ. Pure functions over ``Event`` and ``Article`` records (with the
article's sentences and mentions); ``Amity.claims`` reads them from the store.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from amity.models import Actor, Article, Event
from amity.query import EventQuery

_YEAR = r"(?:1[89]|20)\d{2}"
CUMULATIVE_RE = re.compile(
    rf"\b(?:since\s+{_YEAR}|in\s+total|a\s+total\s+of|total(?:ling|led|ing|ed)?|so\s+far|to\s+date|"
    rf"cumulative(?:ly)?|altogether|over\s+the\s+(?:past|last)\s+\w+\s+(?:years|decades)|"
    rf"between\s+{_YEAR}\s+and\s+{_YEAR}|from\s+{_YEAR}\s+(?:to|until)\s+{_YEAR})\b", re.I)
PERIOD_RE = re.compile(
    rf"\b(?:since\s+{_YEAR}|between\s+{_YEAR}\s+and\s+{_YEAR}|from\s+{_YEAR}\s+(?:to|until)\s+{_YEAR}|"
    rf"over\s+the\s+(?:past|last)\s+\w+\s+(?:years|decades)|(?:in|during)\s+{_YEAR})\b", re.I)
QUALIFIER_RE = re.compile(
    r"\b(more than|over|at least|nearly|almost|about|around|approximately|some|up to|less than|"
    r"under|roughly|close to)\s*$", re.I)
RANK_RE = re.compile(
    r"\b(?:(?P<ord>second|third|fourth|fifth|2nd|3rd|4th|5th)[- ]?(?:largest|biggest|top|leading)"
    r"|(?P<top>single[- ]largest|top|largest|biggest|leading|number[- ]one|no\.\s?1))\s+"
    r"(?P<qual>(?:(?:bilateral|foreign|overseas|official|development|aid|single|private)\s+){0,2})"
    r"(?P<noun>donors?|investors?|trading\s+partners?|creditors?|lenders?|"
    r"source\s+of\s+(?:aid|investment|tourists|loans))\b"
    r"(?:\s+(?:to|in|for|of)\s+(?P<to>[A-Z][\w-]+))?(?:[^.;]{0,40}?\bafter\s+(?P<after>[A-Z][\w-]+))?")
ORDINALS = {"second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5, "5th": 5}


@dataclass
class Claim:
    """One statement of a quantity (amount or rank) by one article."""

    value: float
    unit: str
    currency: str | None
    text: str
    qualifier: str | None
    period: str | None
    doc_name: str
    published: str | None
    sentence: str
    event_id: str | None = None
    source: str | None = None  # outlet, when known

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ClaimGroup:
    """Claims about the same thing, in publication order, never averaged."""

    key: str
    kind: str  # "total", "event" or "rank"
    about: str  # a readable description ("JPN → KHM: total currency (USD)")
    source_country: str | None
    target_country: str | None
    unit: str
    currency: str | None
    claims: list[Claim] = field(default_factory=list)
    conflicting: bool = False

    @property
    def doc_names(self) -> list[str]:
        return sorted({c.doc_name for c in self.claims})

    @property
    def values(self) -> list[float]:
        return sorted({c.value for c in self.claims})

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out.update(doc_names=self.doc_names, values=self.values)
        return out


def differs(values: Iterable[float], tolerance: float) -> bool:
    """Whether the values disagree by more than ``tolerance`` relative to the smallest."""
    found = [v for v in values if v is not None]
    if len(found) < 2:
        return False
    low, high = min(found), max(found)
    if low <= 0:
        return high != low
    return (high - low) / low > tolerance


# -- amounts ------------------------------------------------------------------------------
def _near(pattern: re.Pattern[str], sentence: str, at: int) -> str | None:
    """The match of ``pattern`` in ``sentence`` nearest to position ``at``."""
    found = list(pattern.finditer(sentence))
    if not found:
        return None
    best = min(found, key=lambda m: min(abs(m.start() - at), abs(m.end() - at)))
    return re.sub(r"\s+", " ", best.group(0))


def _amount_claims(event: Event, outlet: str | None) -> list[tuple[bool, Claim]]:
    out = []
    for amount in event.amounts:
        at = event.sentence.find(amount.text) if amount.text else -1
        before = event.sentence[max(0, at - 30) : at] if at >= 0 else ""
        qualifier = QUALIFIER_RE.search(before)
        window = event.sentence[max(0, at - 80) : at + len(amount.text) + 80] if at >= 0 else event.sentence
        claim = Claim(
            value=amount.value, unit=amount.unit, currency=amount.currency, text=amount.text,
            qualifier=qualifier.group(1).lower() if qualifier else None,
            period=_near(PERIOD_RE, event.sentence, max(at, 0)), doc_name=event.doc_name,
            published=event.published, sentence=event.sentence, event_id=event.event_id, source=outlet)
        out.append((bool(CUMULATIVE_RE.search(window)), claim))
    return out


def amount_groups(reports: Iterable[Event], groups_of: dict[str, str],
                  outlets: dict[str, str | None]) -> list[ClaimGroup]:
    """Amount claims grouped as described in the module docstring.

    ``reports`` are the events stating amounts; ``groups_of`` maps their event ids to their
    merged event's group id, ``outlets`` their articles' names to the outlet.
    """
    groups: dict[str, ClaimGroup] = {}
    for event in reports:
        src, tgt = event.source.country, event.target.country
        for cumulative, claim in _amount_claims(event, outlets.get(event.doc_name)):
            scope = "total" if cumulative else groups_of.get(event.event_id, event.event_id)
            key = f"amount|{src}|{tgt}|{claim.unit}|{claim.currency or ''}|{scope}"
            if key not in groups:
                what = "total" if cumulative else f"{event.cameo_name or event.cameo} ({event.date or 'undated'})"
                unit = f"{claim.unit} ({claim.currency})" if claim.currency else claim.unit
                groups[key] = ClaimGroup(key, "total" if cumulative else "event", f"{src} → {tgt}: {what}, {unit}",
                                         src, tgt, claim.unit, claim.currency)
            groups[key].claims.append(claim)
    return list(groups.values())


# -- rankings ----------------------------------------------------------------------------
def _noun(text: str) -> str:
    noun = re.sub(r"\s+", " ", text.lower())
    return noun[:-1] if noun.endswith("s") and not noun.startswith("source") else noun


def _rank_subject(mentions: list[Actor], text: str, lo: int, hi: int, skip: set[str]) -> str | None:
    """The first country mentioned in [lo, hi) that is not possessive nor in ``skip``."""
    for actor in mentions:
        if actor.start is None or actor.end is None or not (lo <= actor.start < hi) or not actor.country:
            continue
        if text[actor.end : actor.end + 2] in ("'s", "’s") or actor.country in skip:
            continue
        return actor.country
    return None


def _sentence_at(spans: list[tuple[int, int, int]], text: str, at: int) -> tuple[int, int]:
    for _idx, start, end in spans:
        if start <= at < end:
            return start, end
    lo = max(text.rfind(".", 0, at) + 1, 0)
    hi = text.find(".", at)
    return lo, len(text) if hi < 0 else hi + 1


def _country_of(mentions: list[Actor], word: str | None) -> str | None:
    if not word:
        return None
    for actor in mentions:
        if actor.mention and actor.mention.split("'")[0].split("’")[0] == word:
            return actor.country
    return None


RankClaim = tuple[str, str | None, str, Claim]  # (ranked country, about country, role noun, claim)


def has_rank_claim(text: str) -> bool:
    """Whether ``text`` says anything like "the second largest donor" (worth reading its mentions)."""
    return RANK_RE.search(text) is not None


def rank_claims(article: Article, spans: list[tuple[int, int, int]], mentions: list[Actor]) -> list[RankClaim]:
    """The ranking claims of one article, given its sentence spans and actor mentions."""
    matches = list(RANK_RE.finditer(article.text))
    out = []
    for match in matches:
        lo, hi = _sentence_at(spans, article.text, match.start())
        after = _country_of(mentions, match.group("after"))
        subject = _rank_subject(mentions, article.text, lo, hi, {after} if after else set())
        if subject is None:
            continue
        rank = ORDINALS.get((match.group("ord") or "").lower(), 1)
        claim = Claim(value=float(rank), unit="rank", currency=None, text=re.sub(r"\s+", " ", match.group(0)),
                      qualifier=(match.group("qual") or "").strip() or None,
                      period=_near(PERIOD_RE, article.text[lo:hi], match.start() - lo),
                      doc_name=article.doc_name, published=article.stated_published,
                      sentence=article.text[lo:hi].strip(), source=article.source)
        out.append((subject, _country_of(mentions, match.group("to")), _noun(match.group("noun")), claim))
    return out


def _rank_matches_query(subject: str, about: str | None, article: Article, query: EventQuery | None) -> bool:
    if query is None:
        return True
    if query.doc and article.doc_name != query.doc:
        return False
    wanted = [c.upper()[:3] for c in (query.actor, query.source) if c]
    return all(w in (subject, about) for w in wanted)


RankInput = tuple[Article, list[tuple[int, int, int]], list[Actor]]  # article, sentence spans, mentions


def rank_groups(found: Iterable[RankInput], query: EventQuery | None = None) -> list[ClaimGroup]:
    """Ranking claims ("second largest donor") grouped by (ranked actor, role noun)."""
    groups: dict[str, ClaimGroup] = {}
    for article, spans, mentions in found:
        for subject, about, noun, claim in rank_claims(article, spans, mentions):
            if not _rank_matches_query(subject, about, article, query):
                continue
            key = f"rank|{subject}|{noun}"
            if key not in groups:
                groups[key] = ClaimGroup(key, "rank", f"{subject}: rank as {noun}", subject, about, "rank", None)
            group = groups[key]
            group.target_country = group.target_country or about
            group.claims.append(claim)
    return list(groups.values())


def claim_groups(found: Iterable[ClaimGroup], tolerance: float = 0.05, min_claims: int = 2) -> list[ClaimGroup]:
    """Groups with at least ``min_claims`` claims (``1`` lists every claim), each sorted by
    publication and flagged ``conflicting``, conflicting groups first."""
    kept = [g for g in found if len(g.claims) >= min_claims]
    for group in kept:
        group.claims.sort(key=lambda c: (c.published or "9999", c.doc_name, c.value))
        group.conflicting = differs((c.value for c in group.claims), 0.0 if group.kind == "rank" else tolerance)
    return sorted(kept, key=lambda g: (not g.conflicting, g.kind, g.about))
