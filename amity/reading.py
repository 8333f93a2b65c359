"""Analysis and reading, for the faces: the methods ``Amity`` offers the CLI, API and dashboard.

``Reading`` is a mixin of ``Amity`` (``amity/core.py``): every method reads the store or
runs an analysis over it, so that the faces call ``Amity`` and never reach into
``amity.store`` or ``amity.analysis``. Parameters and return values are those of the
functions they call, without the leading ``store``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from amity.export import FORMATS
from amity.models import Actor, Article, Event

if TYPE_CHECKING:
    from spacy.language import Language

    from amity.analysis.claims import ClaimGroup
    from amity.analysis.merge import MergedEvent
    from amity.analysis.network import ActorNetwork
    from amity.analysis.search import SearchHit
    from amity.analysis.series import SeriesPoint
    from amity.analysis.summary import ActorCount, DyadTotal
    from amity.analysis.timeline import TimelineEntry
    from amity.evaluation import EvalResult
    from amity.store import EventQuery, Store

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
        """Series of the merged events matching ``query`` and how many are undated."""
        from amity.analysis.series import query_series

        return query_series(self.store, query, by)

    def dyad_series(self, a: str, b: str, by: str = "year", directed: bool = False,
                    query: EventQuery | None = None) -> list[SeriesPoint]:
        """The series of the dyad ``a``–``b`` (``a → b`` only when ``directed``)."""
        from amity.analysis.series import dyad_series

        return dyad_series(self.store, a, b, by=by, directed=directed, query=query)

    def timeline(self, actor: str | None = None, dyad: Dyad = None,
                 query: EventQuery | None = None) -> list[TimelineEntry]:
        """Merged events of ``actor`` or ``dyad`` in timeline order (one page of ``query``)."""
        from amity.analysis.timeline import timeline

        return timeline(self.store, actor=actor, dyad=dyad, query=query)

    def timeline_total(self, actor: str | None = None, dyad: Dyad = None,
                       query: EventQuery | None = None) -> int:
        """How many entries ``timeline`` has without paging."""
        from amity.analysis.timeline import timeline_total

        return timeline_total(self.store, actor=actor, dyad=dyad, query=query)

    def network(self, query: EventQuery | None = None, level: str = "country") -> ActorNetwork:
        """The actor network of the merged events matching ``query``."""
        from amity.analysis.network import build_network

        return build_network(self.store, query, level=level)

    def claims(self, query: EventQuery | None = None, tolerance: float = 0.05,
               min_claims: int = 2) -> list[ClaimGroup]:
        """Groups of amount and ranking claims, conflicting groups first."""
        from amity.analysis.claims import claims

        return claims(self.store, query, tolerance=tolerance, min_claims=min_claims)

    def search(self, q: str, limit: int = 20) -> list[SearchHit]:
        """Articles matching ``q`` (all words; "quoted phrases" kept), best first."""
        from amity.analysis.search import search

        return search(self.store, q, limit=limit)

    def merged_events(self, query: EventQuery | None = None) -> list[MergedEvent]:
        """Merged events with a report matching ``query``, sorted and paged by it."""
        from amity.analysis.merge import merged_events

        return merged_events(self.store, query)

    def merge_counts(self) -> dict[str, int]:
        """Reports (stored events) and merged events over the whole store."""
        from amity.analysis.merge import merge_counts

        return merge_counts(self.store)

    def update_merges(self, doc_ids: Collection[str] | None = None) -> int:
        """Recompute the merged events of these articles' blocks (all when None)."""
        from amity.analysis.merge import update_merges

        return update_merges(self.store, doc_ids)

    def update_search_index(self, doc_ids: Collection[str] | None = None) -> int:
        """Re-index these articles for full-text search (all when None)."""
        from amity.analysis.search import update_search_index

        return update_search_index(self.store, doc_ids)

    # -- corpus summaries -----------------------------------------------------------------
    def top_dyads(self, limit: int = 10, query: EventQuery | None = None) -> list[DyadTotal]:
        """Undirected country dyads by number of factual events, with Goldstein totals."""
        from amity.analysis.summary import top_dyads

        return top_dyads(self.store, limit=limit, query=query)

    def actor_counts(self, country: str | None = None, limit: int | None = None) -> list[ActorCount]:
        """Actor codes with how often they are mentioned and take part in events."""
        from amity.analysis.summary import actor_counts

        return actor_counts(self.store, country=country, limit=limit)

    def mentions(self, doc: str | None = None) -> Iterator[dict[str, object]]:
        """Every stored actor mention (of article ``doc`` only, when given) as a record."""
        from amity.analysis.summary import iter_mentions

        return iter_mentions(self.store, doc)

    # -- stored records -------------------------------------------------------------------
    def articles(self, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        """Article heads with their event counts, by publication date then name."""
        return self.store.list_articles(limit=limit, offset=offset)

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
        """Write ``events`` to ``path`` in ``fmt`` (one of ``export_formats``); how many were written."""
        from amity.export import write_events

        return write_events(events, fmt, path)

    def evaluate(self, gold: str | Path, level: str = "root") -> EvalResult:
        """Score the stored events, in article order, against a gold JSONL file (DESIGN.md §4)."""
        from amity.evaluation import evaluate, load_gold
        from amity.store import EventQuery

        gold_events = load_gold(gold)
        # article order: the scorer pairs gold lines in file order with predictions in this order
        return evaluate(gold_events, self.select(EventQuery(sort="doc")), level)

    def explain_actors(self, text: str, date: str | None = None) -> list[dict[str, Any]]:
        """Each actor mention ``text`` resolves to on ``date``, with a ``why`` string."""
        from amity.nlp.actors import explain

        return explain(self.nlp, text, date)
