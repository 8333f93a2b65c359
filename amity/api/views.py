"""JSON views of stored records, shared by the REST API and the dashboard pages."""

from __future__ import annotations

from typing import Any

from amity.export import record
from amity.models import Article, Event
from amity.store import EventQuery, Store

ARTICLE_FIELDS = ("doc_id", "doc_name", "title", "published", "published_basis", "source", "url", "authors")


def event_links(ev: Event) -> dict[str, str]:
    return {"self": f"/api/events/{ev.event_id}", "page": f"/events/{ev.event_id}",
            "article": f"/api/articles/{ev.doc_id}", "article_page": f"/articles/{ev.doc_id}"}


def event_view(ev: Event) -> dict[str, Any]:
    """The DESIGN.md event record plus links to itself and its article."""
    return {**record(ev), "links": event_links(ev)}


def article_head(article: Article) -> dict[str, Any]:
    data = article.to_dict()
    out = {k: data[k] for k in ARTICLE_FIELDS}
    out["links"] = {"self": f"/api/articles/{article.doc_id}", "page": f"/articles/{article.doc_id}"}
    return out


def article_view(store: Store, article: Article) -> dict[str, Any]:
    """Text plus annotated spans: sentences, actor mentions, events (every event, flagged)."""
    doc_id = article.doc_id
    sentences = [{"index": i, "start": s, "end": e, "text": article.text[s:e]}
                 for i, s, e in store.article_sentences(doc_id)]
    found = store.events(EventQuery(doc=article.doc_name, include_nonfactual=True, sort="doc"),
                         with_sentences=False)
    actors = [{"start": m.start, "end": m.end, "text": m.mention, "code": m.code, "name": m.name,
               "role": m.role, "country": m.country, "sector": m.sector}
              for m in store.article_mentions(doc_id)]
    return {
        **article_head(article), "meta": article.meta, "text": article.text,
        "sentences": sentences, "mentions": actors,
        "events": [_span_event(ev, article.text) for ev in found],
    }


def _span_event(ev: Event, text: str) -> dict[str, Any]:
    start, end = ev.span
    return {
        "event_id": ev.event_id, "start": start, "end": end, "text": text[start:end],
        "sentence_index": ev.sentence_index, "cameo": ev.cameo, "cameo_name": ev.cameo_name,
        "quad": ev.quad, "goldstein": ev.goldstein, "date": ev.date,
        "date_precision": ev.date_precision, "source": ev.source.code, "target": ev.target.code,
        "trigger": ev.trigger, "factual": ev.factual, "negated": ev.negated,
        "links": event_links(ev),
    }


def event_detail(store: Store, ev: Event) -> dict[str, Any]:
    """An event with its evidence: sentence, span text, and the article it came from."""
    article = store.article(ev.doc_id)
    start, end = ev.span
    sentence = next(((s, e) for i, s, e in store.article_sentences(ev.doc_id) if i == ev.sentence_index),
                    None)
    return {
        **event_view(ev),
        "evidence": {"sentence": ev.sentence, "sentence_span": list(sentence) if sentence else None,
                     "span": [start, end], "span_text": article.text[start:end], "trigger": ev.trigger},
        "article": article_head(article),
    }
