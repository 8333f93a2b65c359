"""Views of stored records: articles, events, actors, dyads and counts, with their links.

Each function returns the JSON-ready data of one endpoint or page; the API answers it as
is and the dashboard renders it (Jinja reads ``d.a`` from a dict as ``d["a"]``).
"""

from __future__ import annotations

from typing import Any

from amity.core import Amity
from amity.models import Article, Event, EventQuery

ARTICLE_FIELDS = ("doc_id", "doc_name", "title", "published", "published_basis", "published_range",
                  "published_evidence", "source", "url", "authors")


def page(total: int, limit: int, offset: int, key: str, items: list[Any]) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, key: items}


def event_links(ev: Event) -> dict[str, str]:
    return {"self": f"/api/events/{ev.event_id}", "page": f"/events/{ev.event_id}",
            "article": f"/api/articles/{ev.doc_id}", "article_page": f"/articles/{ev.doc_id}"}


def article_links(doc_id: str) -> dict[str, str]:
    return {"self": f"/api/articles/{doc_id}", "page": f"/articles/{doc_id}"}


def event_view(amity: Amity, ev: Event, notes: dict[str, str] | None = None) -> dict[str, Any]:
    """The DESIGN.md event record plus links to itself and its article; an event dated on an
    estimated publication date carries the estimate's evidence (``date_evidence``)."""
    out = {**amity.export_record(ev), "links": event_links(ev)}
    if ev.date_basis == "estimated":
        out["date_evidence"] = (notes if notes is not None else estimate_notes(amity, [ev])).get(ev.doc_id)
    return out


def estimate_note(article: Article) -> str | None:
    """What an estimated publication date rests on, as one line (None for a stated date)."""
    if article.published_basis != "estimated" or not article.published_range:
        return None
    lo, hi = article.published_range
    return (f"the article gives no date; written {lo} to {hi} (best guess {article.published}), "
            f"estimated from: {article.published_evidence or 'its text'}")


def estimate_notes(amity: Amity, events: list[Event]) -> dict[str, str]:
    """doc_id -> the estimate note of the articles whose events are dated on an estimate."""
    docs = {ev.doc_id for ev in events if ev.date_basis == "estimated"}
    notes = {doc: estimate_note(amity.article(doc)) for doc in docs}
    return {doc: note for doc, note in notes.items() if note}


def article_head(article: Article) -> dict[str, Any]:
    data = article.to_dict()
    return {**{k: data[k] for k in ARTICLE_FIELDS}, "links": article_links(article.doc_id)}


def articles_page(amity: Amity, limit: int, offset: int) -> dict[str, Any]:
    """One page of article heads, oldest first, with sentence and event counts."""
    items = [{**{k: r.get(k) for k in ARTICLE_FIELDS if k in r}, "n_sentences": r["n_sentences"],
              "n_events": r["n_events"], "links": article_links(r["doc_id"])}
             for r in amity.articles(limit=limit, offset=offset)]
    return page(amity.stats()["articles"], limit, offset, "articles", items)


def article_view(amity: Amity, key: str) -> dict[str, Any]:
    """Text plus annotated spans: sentences, actor mentions, events (every event, flagged)."""
    article = amity.article(key)
    doc_id = article.doc_id
    sentences = [{"index": i, "start": s, "end": e, "text": article.text[s:e]}
                 for i, s, e in amity.article_sentences(doc_id)]
    found = amity.select(EventQuery(doc=article.doc_name, include_nonfactual=True, include_wrong=True, sort="doc"),
                         with_sentences=False)
    actors = [{"start": m.start, "end": m.end, "text": m.mention, "code": m.code, "name": m.name,
               "role": m.role, "country": m.country, "sector": m.sector}
              for m in amity.article_mentions(doc_id)]
    return {
        **article_head(article), "meta": article.meta, "text": article.text, "estimate_note": estimate_note(article),
        "sentences": sentences, "mentions": actors,
        "events": [_span_event(ev, article.text) for ev in found],
    }


def _span_event(ev: Event, text: str) -> dict[str, Any]:
    start, end = ev.span
    return {
        "event_id": ev.event_id, "start": start, "end": end, "text": text[start:end],
        "sentence_index": ev.sentence_index, "cameo": ev.cameo, "cameo_name": ev.cameo_name,
        "quad": ev.quad, "goldstein": ev.goldstein, "date": ev.date,
        "date_precision": ev.date_precision, "date_basis": ev.date_basis,
        "source": ev.source.code, "target": ev.target.code,
        "trigger": ev.trigger, "factual": ev.factual, "negated": ev.negated,
        "reviewed": (ev.review or {}).get("verdict"),
        "links": event_links(ev),
    }


def events_page(amity: Amity, query: EventQuery) -> dict[str, Any]:
    """One page of the events matching ``query``, with the total ignoring the page."""
    selected = amity.select(query)
    notes = estimate_notes(amity, selected)
    found = [event_view(amity, e, notes) for e in selected]
    return page(amity.count_events(query), query.limit or 0, query.offset, "events", found)


def merged_events_page(amity: Amity, query: EventQuery) -> dict[str, Any]:
    """One page of merged events (one per real-world event, every report with its links),
    with the total ignoring the page."""
    found = []
    for m in amity.merged_records(query):
        for report in m["reports"]:
            report["links"] = {"self": f"/api/events/{report['event_id']}", "page": f"/events/{report['event_id']}"}
        found.append({**m, "links": {"page": f"/events/{m['merged_id']}"}})
    return page(amity.count_merged(query), query.limit or 0, query.offset, "events", found)


def event_detail(amity: Amity, event_id: str) -> dict[str, Any]:
    """An event with its evidence: sentence, span text, and the article it came from."""
    ev = amity.event(event_id)
    article = amity.article(ev.doc_id)
    start, end = ev.span
    sentence = next(((s, e) for i, s, e in amity.article_sentences(ev.doc_id) if i == ev.sentence_index),
                    None)
    return {
        **event_view(amity, ev),
        "evidence": {"sentence": ev.sentence, "sentence_span": list(sentence) if sentence else None,
                     "span": [start, end], "span_text": article.text[start:end], "trigger": ev.trigger},
        "article": article_head(article),
        "merged": _merged_reports(amity, ev),
    }


def _merged_reports(amity: Amity, ev: Event) -> dict[str, Any]:
    """The merged event ``ev`` belongs to: every report with its outlet and sentence."""
    merged = amity.merged_record_of(ev.event_id)
    heads = amity.articles_by_id({r["doc_id"] for r in merged["reports"]})
    for report in merged["reports"]:
        head = heads.get(report["doc_id"])
        report["outlet"] = (head.source if head else None) or report["doc_name"]
        report["title"] = head.title if head else None
        report["links"] = {"page": f"/events/{report['event_id']}", "article_page": f"/articles/{report['doc_id']}"}
    return merged


def actors_page(amity: Amity, limit: int | None = None, offset: int = 0) -> dict[str, Any]:
    """Actor codes with mention and event counts (most mentioned first), one page of them."""
    found = amity.actor_counts()
    rows = [a.to_dict() for a in found[offset:None if limit is None else offset + limit]]
    return page(len(found), len(found) if limit is None else limit, offset, "actors", rows)


def dyads_view(amity: Amity, limit: int = 10) -> dict[str, Any]:
    """The top undirected country dyads by number of factual events."""
    return {"dyads": [{"a": d.a, "b": d.b, "events": d.events, "goldstein_total": d.goldstein_total,
                       "goldstein_mean": d.goldstein_mean} for d in amity.top_dyads(limit=limit)]}
