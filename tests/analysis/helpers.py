"""Hand-built articles for the analysis tests (no NLP coder involved)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from amity.analysis.merge import build_merged, cluster
from amity.models import Actor, Amount, Article, CodedArticle, Event, MergedEvent, Sentence
from amity.query import date_bounds

QUAD_OF_ROOT = {"01": "verbal_coop", "03": "verbal_coop", "04": "verbal_coop", "05": "verbal_coop",
                "07": "material_coop", "11": "verbal_conflict", "12": "verbal_conflict", "16": "material_conflict",
                "17": "material_conflict", "18": "material_conflict", "19": "material_conflict"}
COUNTRY_NAMES = {"JPN": "Japan", "KHM": "Cambodia", "CHN": "China", "VNM": "Vietnam", "USA": "United States",
                 "ISR": "Israel", "SYR": "Syria", "RUS": "Russia"}


@dataclass
class Ev:
    """One event to code into sentence ``sentence`` of a hand-built article."""

    sentence: int
    source: str
    target: str
    cameo: str
    date: str | None
    precision: str = "day"
    goldstein: float = 1.0
    trigger: str = ""
    basis: str = "text"
    amounts: list[tuple[float, str, str | None, str]] = field(default_factory=list)
    factual: bool = True


def actor(code: str) -> Actor:
    country = code[:3]
    sector = code[3:] or None
    name = COUNTRY_NAMES.get(country) if sector is None else f"{COUNTRY_NAMES.get(country, country)} {sector}"
    return Actor(code=code, country=country, sector=sector, name=name)


def make_event(article: Article, sentences: list[Sentence], ev: Ev) -> Event:
    sent = sentences[ev.sentence]
    amounts = [Amount(v, unit, cur, text, *_offsets(sent, text)) for v, unit, cur, text in ev.amounts]
    event = Event(
        doc_name=article.doc_name, doc_id=article.doc_id, published=article.published,
        source=actor(ev.source), target=actor(ev.target), cameo=ev.cameo, cameo_name=f"code {ev.cameo}",
        goldstein=ev.goldstein, quad=QUAD_OF_ROOT[ev.cameo[:2]], sentence=sent.text, sentence_index=sent.index,
        span=(sent.start, sent.end), trigger=ev.trigger, date=ev.date, date_precision=ev.precision,
        date_basis=ev.basis, amounts=amounts, factual=ev.factual,
    )
    event.event_id = event.compute_id()
    return event


def _offsets(sent: Sentence, text: str) -> tuple[int | None, int | None]:
    at = sent.text.find(text)
    return (None, None) if at < 0 else (sent.start + at, sent.start + at + len(text))


def make_article(name: str, published: str | None, lines: list[str], evs: list[Ev] = (),  # type: ignore[assignment]
                 title: str | None = None, source: str | None = None) -> CodedArticle:
    """An article whose sentences are ``lines``; country names in it become actor mentions.

    Its default title names ``name``, so two outlets' reports in sentences alike are two
    texts (the store keeps one copy of a text).
    """
    text = " ".join(lines)
    article = Article(doc_name=name, text=text, title=title or f"{lines[0][:40]} ({name})", published=published,
                      published_basis="metadata" if published else "unknown", source=source)
    sentences, at = [], 0
    for i, line in enumerate(lines):
        sentences.append(Sentence(i, at, at + len(line), line))
        at += len(line) + 1
    mentions = [
        Actor(code=code, country=code, name=word, mention=m.group(0), start=m.start(), end=m.end())
        for code, word in COUNTRY_NAMES.items() for m in re.finditer(rf"\b{word}\b", text)
    ]
    mentions.sort(key=lambda a: a.start or 0)
    events = [make_event(article, sentences, ev) for ev in evs]
    return CodedArticle(article, sentences, mentions, events, "test")


def block_of(event: Event) -> tuple[object, ...]:
    """The store's merge block: directed country dyad and factuality."""
    return (event.source.country, event.target.country, event.factual, event.negated)


def merge_by_hand(coded: list[CodedArticle], include_nonfactual: bool = False) -> list[MergedEvent]:
    """The merged events of hand-built articles (no database): each block clustered by the
    merge rule, in merged-event date order (first day the date can mean, then group id)."""
    blocks: dict[tuple[object, ...], list[Event]] = {}
    for article in coded:
        for event in article.events:
            blocks.setdefault(block_of(event), []).append(event)
    members: dict[str, list[str]] = {}
    reports: dict[str, Event] = {}
    for block in blocks.values():
        for group in cluster(block):
            members[group[0].event_id] = [e.event_id for e in group]
            reports.update((e.event_id, e) for e in group)
    found = [m for m in build_merged(members, reports)
             if include_nonfactual or (m.event.factual and not m.event.negated)]
    return sorted(found, key=lambda m: (date_bounds(m.event.date, m.event.date_precision)[0] or "9999", m.group_id))


def involving(found: list[MergedEvent], *countries: str) -> list[MergedEvent]:
    """The merged events with every one of ``countries`` as source or target (a dyad: undirected)."""
    return [m for m in found if set(countries) <= {m.event.source.country, m.event.target.country}]
