"""Analysis and reading, for the faces: the methods ``Amity`` offers the CLI, API and dashboard.

``Reading`` is a mixin of ``Amity`` (``amity/core.py``): each method reads records from the
store (which owns every SQL statement) and hands them to the pure functions of
``amity.analysis``, so that the faces call ``Amity`` and never reach into ``amity.store``
or ``amity.analysis``. Parameters and return values are those of the analysis functions
the faces used to call, without their leading ``store``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amity.analysis.agreement import merged_record
from amity.analysis.claims import (
    Claim,
    ClaimGroup,
    RankInput,
    amount_groups,
    claim_groups,
    has_rank_claim,
    rank_groups,
)
from amity.analysis.search import SearchHit, clamp_limit, parse_query, search_hits
from amity.analysis.series import (
    SeriesPoint,
    check_by,
    dyad_query,
    series_points,
    series_query,
    undated_count,
)
from amity.analysis.timeline import TimelineEntry, timeline_entries, timeline_query
from amity.export import FORMATS
from amity.models import Actor, ActorCount, Article, DyadTotal, Event, MergedEvent
from amity.query import EventQuery

if TYPE_CHECKING:
    from spacy.language import Language

    from amity.analysis.network import ActorNetwork
    from amity.evaluation import EvalResult
    from amity.store import Store

__all__ = ["Claim", "ClaimGroup", "Reading", "SearchHit", "SeriesPoint", "TimelineEntry", "on_store"]

Dyad = str | tuple[str, str] | None


class Reading:
    """Analysis and reading, for the faces (mixed into ``Amity``, which supplies ``store``)."""

    if TYPE_CHECKING:
        @property
        def store(self) -> Store: ...

        @property
        def nlp(self) -> Language: ...

    @property
    def store_url(self) -> str:
        """The store's URL with any password hidden."""
        return self.store.display_url

    # -- analyses over merged events ----------------------------------------------------
    def series(self, query: EventQuery, by: str = "year") -> tuple[list[SeriesPoint], int]:
        """Series of the merged events matching ``query`` (paging ignored) and how many are undated."""
        check_by(by)
        heads = self.store.group_heads(series_query(query))
        return series_points(heads, by), undated_count(heads)

    def dyad_series(self, a: str, b: str, by: str = "year", directed: bool = False,
                    query: EventQuery | None = None) -> list[SeriesPoint]:
        """The series of the dyad ``a``–``b`` (``a → b`` only when ``directed``); ``query`` adds
        filters (since, until, quad, code, ...), its dyad and paging are ignored."""
        full = dyad_query(a, b, directed, query)
        check_by(by)
        return series_points(self.store.group_heads(full), by)

    def timeline(self, actor: str | None = None, dyad: Dyad = None,
                 query: EventQuery | None = None) -> list[TimelineEntry]:
        """Merged events of ``actor`` (source or target) or ``dyad`` (undirected) in timeline
        order; only the page asked for (``query.offset``/``limit``) is read."""
        base = query or EventQuery()
        page = self.store.timeline_page(timeline_query(actor, dyad, base), base.offset, base.limit)
        return timeline_entries(page)

    def timeline_total(self, actor: str | None = None, dyad: Dyad = None,
                       query: EventQuery | None = None) -> int:
        """How many entries ``timeline`` has without paging."""
        return self.store.count_merged(timeline_query(actor, dyad, query or EventQuery()))

    def network(self, query: EventQuery | None = None, level: str = "country") -> ActorNetwork:
        """The actor network of the merged events matching ``query``."""
        from amity.analysis.network import check_level, network_of  # networkx loads only here

        check_level(level)
        return network_of(self.store.merged_events(query), level)

    def claims(self, query: EventQuery | None = None, tolerance: float = 0.05,
               min_claims: int = 2) -> list[ClaimGroup]:
        """Groups of amount and ranking claims, conflicting groups first (``amity.analysis.claims``)."""
        found = self._amount_claims(query) + rank_groups(self._rank_inputs(query), query)
        return claim_groups(found, tolerance=tolerance, min_claims=min_claims)

    def _amount_claims(self, query: EventQuery | None) -> list[ClaimGroup]:
        reports = [e for e in self.store.events(replace(query or EventQuery(), limit=None, offset=0)) if e.amounts]
        groups_of = self.store.group_ids({e.event_id for e in reports})
        names = sorted({e.doc_name for e in reports})
        outlets = {a.doc_name: a.source for a in self.store.iter_articles(names)} if names else {}
        return amount_groups(reports, groups_of, outlets)

    def _rank_inputs(self, query: EventQuery | None) -> Iterator[RankInput]:
        """Stored articles that state a rank, with their sentence spans and mentions."""
        for article in self.store.iter_articles([query.doc] if query and query.doc else None):
            if has_rank_claim(article.text):
                doc_id = article.doc_id
                yield article, self.store.article_sentences(doc_id), self.store.article_mentions(doc_id)

    def search(self, q: str, limit: int = 20) -> list[SearchHit]:
        """Articles matching ``q`` (all words; "quoted phrases" kept), best first."""
        terms = parse_query(q or "")
        limit = clamp_limit(limit)
        if not terms:
            return []
        ranked = self.store.search_ranked(terms, limit)
        ids = [doc_id for doc_id, _ in ranked]
        shown = [e for e in self.store.doc_events(ids)  # reviewed as wrong: hidden, as everywhere
                 if not (e.review and e.review.get("verdict") == "wrong")]
        return search_hits(ranked, self.store.articles_by_id(ids), shown, terms)

    def merged_events(self, query: EventQuery | None = None) -> list[MergedEvent]:
        """Merged events with a report matching ``query``, sorted and paged by it."""
        return self.store.merged_events(query)

    def merged_records(self, query: EventQuery | None = None) -> list[dict[str, Any]]:
        """One record per merged event matching ``query`` (sorted and paged by it): what its
        reports agree on, where they differ with the sources, and every report
        (``amity.analysis.agreement.merged_record``)."""
        return [merged_record(gid, reports) for gid, reports in self.store.merged_groups(query)]

    def count_merged(self, query: EventQuery | None = None) -> int:
        """How many merged events match ``query`` (paging ignored)."""
        return self.store.count_merged(query or EventQuery())

    def merged_record_of(self, event_id: str) -> dict[str, Any]:
        """The merged event a stored report belongs to (``NotFoundError`` if no such report)."""
        return merged_record(*self.store.group_reports(event_id))

    def merge_counts(self) -> dict[str, int]:
        """Reports (stored events) and merged events over the whole store."""
        return self.store.merge_counts()

    def update_merges(self, doc_ids: Collection[str] | None = None) -> int:
        """Recompute the merged events of these articles' blocks (all when None)."""
        return self.store.update_merges(doc_ids)

    def update_search_index(self, doc_ids: Collection[str] | None = None) -> int:
        """Re-index these articles for full-text search (all when None)."""
        return self.store.update_search_index(doc_ids)

    # -- corpus summaries -----------------------------------------------------------------
    def top_dyads(self, limit: int = 10, query: EventQuery | None = None) -> list[DyadTotal]:
        """Undirected country dyads by number of factual events, with Goldstein totals."""
        return self.store.top_dyads(limit=limit, query=query)

    def actor_counts(self, country: str | None = None, limit: int | None = None) -> list[ActorCount]:
        """Actor codes with how often they are mentioned and take part in events."""
        return self.store.actor_counts(country=country, limit=limit)

    def mentions(self, doc: str | None = None) -> Iterator[dict[str, object]]:
        """Every stored actor mention (of article ``doc`` only, when given) as a record."""
        return self.store.iter_mentions(doc)

    # -- stored records -------------------------------------------------------------------
    def articles(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Article heads with their event counts, by publication date then name."""
        return self.store.list_articles(limit=limit, offset=offset)

    def articles_by_id(self, doc_ids: Collection[str]) -> dict[str, Article]:
        """Stored articles by doc_id (the ones found)."""
        return self.store.articles_by_id(doc_ids)

    def export_articles(self, path: str | Path, doc: str | None = None, since: str | None = None,
                        until: str | None = None) -> int:
        """Write the stored articles (one, or those published within since..until) as JSON
        lines, text exactly as stored; returns how many."""
        from amity.ingest.corpus import published_within, write_articles

        stored = self.store.iter_articles([doc] if doc else None)
        return write_articles(published_within(stored, since, until), path)

    def article(self, key: str) -> Article:
        """An article by doc_id or doc_name; ``NotFoundError`` if neither exists."""
        return self.store.article(key)

    def article_sentences(self, doc_id: str) -> list[tuple[int, int, int]]:
        """(index, start, end) of the article's sentences, in order."""
        return self.store.article_sentences(doc_id)

    def article_mentions(self, doc_id: str) -> list[Actor]:
        """The article's actor mentions, in text order."""
        return self.store.article_mentions(doc_id)

    def event(self, event_id: str) -> Event:
        """One stored event (a report) by id; ``NotFoundError`` if none."""
        return self.store.event(event_id)

    def count_events(self, query: EventQuery | None = None) -> int:
        """How many stored events match ``query`` (paging ignored)."""
        return self.store.count_events(query)

    def select(self, query: EventQuery | None = None, with_sentences: bool = True) -> list[Event]:
        """Stored events matching ``query``, in its order and page."""
        return self.store.events(query, with_sentences=with_sentences)

    # -- exports, evaluation and explanations, for the faces (amity.export, amity.evaluation,
    # amity.nlp.actors behind thin methods, so that the CLI imports none of them) --------------
    export_formats: tuple[str, ...] = FORMATS

    @staticmethod
    def export_record(ev: Event) -> dict[str, Any]:
        """The DESIGN.md record of ``ev`` (nested actor objects), as exported to JSONL."""
        from amity.export import record

        return record(ev)

    def export(self, events: Iterable[Event], fmt: str, path: str | Path) -> int:
        """Write ``events`` to ``path`` in ``fmt`` (one of ``export_formats``); how many were written.

        Each report carries its merged event's ``merged_id``, ``mentions`` and ``doc_names``.
        """
        from amity.export import write_events

        merged_ids: dict[str, str] = {}
        return write_events(self._with_merges(events, merged_ids), fmt, path, merged_ids)

    def _with_merges(self, events: Iterable[Event], merged_ids: dict[str, str], chunk: int = 2000) -> Iterator[Event]:
        """``events`` with their merged event's articles, ``merged_ids`` filled as they pass."""
        stream = iter(events)
        while batch := list(islice(stream, chunk)):
            info = self.store.group_info([e.event_id for e in batch])
            for ev in batch:
                group_id, names = info.get(ev.event_id, (ev.event_id, []))
                merged_ids[ev.event_id] = group_id
                ev.doc_names = names or [ev.doc_name]
                ev.mentions = len(ev.doc_names)
                yield ev

    def export_merged(self, query: EventQuery, fmt: str, path: str | Path) -> int:
        """Write one line per merged event matching ``query`` (``merged_records``) to ``path``."""
        from amity.export import write_merged

        return write_merged(self.merged_records(query), fmt, path)

    def evaluate(self, gold: str | Path, level: str = "root") -> EvalResult:
        """Score the stored events, in article order, against a gold JSONL file (DESIGN.md §4)."""
        from amity.evaluation import evaluate, load_gold
        from amity.reviewing import coder_view

        gold_events = load_gold(gold)
        # article order: the scorer pairs gold lines in file order with predictions in this order;
        # the coder is measured by what it said: events reviewed wrong count, fixes are undone
        coded = [coder_view(ev) for ev in self.select(EventQuery(sort="doc", include_wrong=True))]
        return evaluate(gold_events, coded, level)

    def explain_actors(self, text: str, date: str | None = None) -> list[dict[str, Any]]:
        """Each actor mention ``text`` resolves to on ``date``, with a ``why`` string."""
        from amity.nlp.actors import explain

        return explain(self.nlp, text, date)

class _OnStore(Reading):
    def __init__(self, store: Store) -> None:
        self._on = store

    @property
    def store(self) -> Store:
        return self._on


def on_store(store: Store) -> Reading:
    """``Reading`` over a bare ``Store`` (for the store-taking functions kept for old callers)."""
    return _OnStore(store)
