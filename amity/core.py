"""``Amity``: the one object the CLI, the REST API and the dashboard call."""

from __future__ import annotations

import platform
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from amity import __version__
from amity.models import Actor, Article, CodedArticle, Event, IngestProblem, Sentence
from amity.reading import Reading
from amity.settings import Settings
from amity.store import EventQuery, Store, parse_dyad

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

TRIAGE_CHUNK = 64  # inputs looked up in the store together
# content hashes remembered within one run: far more than can be in flight (not yet stored)
SEEN_HASHES = 20_000

Progress = Callable[[str, str, int], None]  # (kind, what, events): kind added|updated|rejected|skipped|coded


@dataclass
class IngestReport:
    """What one ingest did; ``problems`` are the rejected inputs, one line each."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    events: int = 0
    problems: list[IngestProblem] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def stored(self) -> int:
        return self.added + self.updated

    def summary(self) -> str:
        parts = [
            f"{self.added} added", f"{self.updated} updated", f"{self.unchanged} unchanged",
            f"{self.duplicates} duplicate", f"{len(self.problems)} rejected",
        ]
        return f"{', '.join(parts)}; {self.events} events in {self.seconds:.1f}s"


def doc_to_coded(doc: Doc, article: Article, coder_version: str) -> CodedArticle:
    """Collect what the pipeline found in ``doc`` into storable records."""
    text = article.text  # == doc.text, which spaCy would rebuild from the tokens per span
    sentences = [Sentence(i, s.start_char, s.end_char, text[s.start_char:s.end_char])
                 for i, s in enumerate(doc.sents)]
    mentions = []
    if "amity_actors" in doc.spans:
        for span in doc.spans["amity_actors"]:
            if span._.actor:
                actor = Actor.from_dict(span._.actor)
                actor.start, actor.end = span.start_char, span.end_char
                actor.mention = actor.mention or text[span.start_char:span.end_char]
                mentions.append(actor)
    events = [finalise_event(data, article) for data in doc._.events or []]
    return CodedArticle(article, sentences, mentions, events, coder_version)


def finalise_event(data: dict[str, Any], article: Article) -> Event:
    """A coder's event dict completed with the article's fields and its stable id."""
    data = {**data, "doc_name": article.doc_name, "doc_id": article.doc_id,
            "published": article.published, "event_id": "", "doc_names": []}
    return Event.from_dict(data)


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


class Amity(Reading):
    """Ingest, code, store and query event data; the analyses and reads the faces call
    come from ``Reading`` (``amity/reading.py``).

    >>> a = Amity("sqlite:///events.db")          # doctest: +SKIP
    >>> a.ingest(["articles/"]).summary()         # doctest: +SKIP
    >>> a.events(dyad=("JPN", "KHM"), since="2013")  # doctest: +SKIP
    """

    def __init__(self, db: str | None = None, *, settings: Settings | None = None, **options: Any) -> None:
        settings = settings or Settings.from_env()
        self.settings = settings.with_(db_url=db, **options)
        self._store: Store | None = None
        self._nlp: Language | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.settings.db_url)
        return self._store

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from amity.nlp.pipeline import load_nlp

            self._nlp = load_nlp(self.settings)
        return self._nlp

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    # -- ingest and code ----------------------------------------------------------
    def triage(self, items: Iterable[Article | IngestProblem], report: IngestReport,
               progress: Progress | None = None) -> Iterator[Article]:
        """Pass on new and changed articles; count unchanged, duplicate and rejected input.

        The store is asked about a chunk of inputs at a time (two queries per chunk).
        """
        seen: OrderedDict[str, str] = OrderedDict()  # recent hashes; older ones are in the store
        for chunk in batched(items, TRIAGE_CHUNK):
            fresh = [item for item in chunk if isinstance(item, Article)]
            states = self.store.article_states([a.doc_name for a in fresh])
            owners = self.store.names_for_hashes(
                [a.content_hash for a in fresh if a.doc_name not in states])
            for item in chunk:
                if isinstance(item, IngestProblem):
                    report.problems.append(item)
                    if progress:
                        progress("rejected", str(item), 0)
                    continue
                if self._is_new(item, states.get(item.doc_name), owners, seen, report, progress):
                    yield item

    @staticmethod
    def _is_new(item: Article, state: tuple[str, str] | None, owners: dict[str, str],
                seen: OrderedDict[str, str], report: IngestReport, progress: Progress | None) -> bool:
        if state and state[1] == item.content_hash:
            report.unchanged += 1
            return False
        other = seen.get(item.content_hash) or (None if state else owners.get(item.content_hash))
        if other and other != item.doc_name:
            report.duplicates += 1
            if progress:
                progress("skipped", f"{item.doc_name}: same content as {other}", 0)
            return False
        seen[item.content_hash] = item.doc_name
        if len(seen) > SEEN_HASHES:
            seen.popitem(last=False)
        return True

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """Run the NLP pipeline over articles (streaming, batched); with ``n_process`` > 1 in
        worker processes that send back coded articles (``amity.scale.pool``)."""
        from amity.nlp.pipeline import make_docs, nlp_coder_version

        nlp = self.nlp
        if self.settings.n_process > 1:
            from amity.scale.pool import code_in_processes

            yield from code_in_processes(self.settings, articles, self.settings.n_process,
                                         self.settings.batch_size, nlp)
            return
        version = nlp_coder_version(nlp, self.settings)
        pending: deque[Article] = deque()

        def remember(items: Iterable[Article]) -> Iterator[Article]:
            for article in items:
                pending.append(article)
                yield article

        docs = nlp.pipe(make_docs(nlp, remember(articles)), batch_size=self.settings.batch_size)
        for doc in docs:
            article = pending.popleft()
            yield doc_to_coded(doc, article, version)

    def ingest(self, paths: Sequence[str], progress: Progress | None = None,
               cluster: str | None = None) -> IngestReport:
        """Read, code and store articles; bad input is reported, never raised.

        ``cluster`` (``local:N`` or ``tcp://host:port``) runs the parse-resolve-code stage on
        a Dask cluster; the stored result is the same as a single-process run.
        """
        from amity.ingest import IngestLimits, iter_articles

        if cluster:
            from amity.scale import ingest_distributed

            report = ingest_distributed(self, paths, cluster, progress)
            if report.stored and not report.interrupted:
                self.catch_up_indexes()
            return report
        limits = IngestLimits(max_file_bytes=self.settings.max_file_bytes,
                              max_line_chars=self.settings.max_line_chars)
        return self.ingest_articles(iter_articles(paths, limits), progress)

    def ingest_records(self, records: Iterable[dict[str, Any]], origin: str = "<records>",
                       progress: Progress | None = None) -> IngestReport:
        """Ingest in-memory JSONL-style records (``{"id", "text", ...}``), e.g. from the API."""
        from amity.ingest.records import record_article

        items = (record_article(origin, rec, n, "jsonl") for n, rec in enumerate(records, 1))
        return self.ingest_articles(items, progress)

    def ingest_articles(self, items: Iterable[Article | IngestProblem],
                        progress: Progress | None = None) -> IngestReport:
        """Triage, code and store articles (whole-article transactions), then refresh indexes."""
        report = IngestReport()
        started = time.perf_counter()
        fresh = self.triage(items, report, progress)
        try:
            for batch in batched(self.code_articles(fresh), self.settings.articles_per_transaction):
                self.store_coded(batch, report, progress)
                if self.settings.n_process > 1:  # the workers parse meanwhile: refresh as we go
                    self.refresh_indexes([c.article.doc_id for c in batch])
        except KeyboardInterrupt:
            report.interrupted = True
        if report.stored and not report.interrupted:
            self.catch_up_indexes()
        report.seconds = time.perf_counter() - started
        return report

    def refresh_indexes(self, doc_ids: Collection[str] | None) -> None:
        """Bring merged-event groups and the full-text index up to date for these articles."""
        self.store.refresh_indexes(doc_ids)

    def catch_up_indexes(self) -> None:
        """Refresh merged events and the search index for whatever the store finds stale.

        The store itself says what is stale (events without a merge group, articles whose
        text changed since indexing), so nothing per article is kept in memory during an
        ingest, and articles left by an interrupted run are caught up too.
        """
        self.store.catch_up_indexes()  # both in bounded chunks, one transaction each

    def store_coded(self, batch: list[CodedArticle], report: IngestReport,
                    progress: Progress | None = None) -> None:
        """Write coded articles in one transaction and count them into ``report``."""
        existing = self.store.article_states([c.article.doc_name for c in batch])
        self.store.write(batch)
        for coded in batch:
            is_update = coded.article.doc_name in existing
            report.updated += is_update
            report.added += not is_update
            report.events += len(coded.events)
            if progress:
                progress("updated" if is_update else "added", coded.article.doc_name, len(coded.events))

    def code(self, doc_names: Sequence[str] | None = None, progress: Progress | None = None) -> int:
        """Re-code stored articles with the current codebooks; returns events stored."""
        total = 0
        touched: set[str] = set()
        stored = self.store.iter_articles(doc_names)
        for batch in batched(self.code_articles(stored), self.settings.articles_per_transaction):
            self.store.replace_coding(batch)
            for coded in batch:
                total += len(coded.events)
                touched.add(coded.article.doc_id)
                if progress:
                    progress("coded", coded.article.doc_name, len(coded.events))
        self.refresh_indexes(touched if doc_names else None)
        return total

    def backup(self, path: str) -> dict[str, int]:
        """Write the whole store to a portable backup file."""
        from amity.store.backup import backup

        return backup(self.store, path)

    def restore(self, path: str, replace: bool = False) -> dict[str, int]:
        """Load a backup (all or nothing), then rebuild the search index and merges."""
        from amity.store.backup import restore

        counts = restore(self.store, path, replace=replace)
        self.refresh_indexes(None)
        return counts

    # -- queries --------------------------------------------------------------------
    def query(self, dyad: str | tuple[str, str] | None = None, **filters: Any) -> EventQuery:
        if isinstance(dyad, str):
            dyad = parse_dyad(dyad)
        return EventQuery(dyad=dyad, **filters)

    def events(self, dyad: str | tuple[str, str] | None = None, **filters: Any) -> list[Event]:
        """Stored events matching the filters (see ``EventQuery``), as typed records."""
        return self.store.events(self.query(dyad, **filters))

    def stats(self) -> dict[str, int]:
        return self.store.stats()

    def info(self) -> dict[str, Any]:
        import spacy

        from amity.nlp.pipeline import load_model

        model = load_model(self.settings.model)
        return {
            "amity": __version__,
            "python": platform.python_version(),
            "spacy": spacy.__version__,
            "model": {"name": self.settings.model, "package": model.meta.get("name"),
                      "version": model.meta.get("version"),
                      "pipeline": list(model.pipe_names)},
            "components": list(self.settings.components),
            "store": {"url": self.store.display_url, "dialect": self.store.dialect},
        }

    # -- analysis and reading, for the faces ---------------------------------------------
    # series, dyad_series, timeline(_total), network, claims, search, merged_events,
    # merge_counts, update_merges, update_search_index, top_dyads, actor_counts, mentions,
    # articles, article, article_sentences, article_mentions, event, count_events, select:
    # inherited from ``Reading`` (amity/reading.py), kept apart to keep this class small.
