"""``Amity``: the one object the CLI, the REST API and the dashboard call."""

from __future__ import annotations

import gc
import logging
import platform
from collections.abc import Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from amity import __version__
from amity.models import Article, CodedArticle, Event, ReadItem
from amity.pipeline import (
    Executor,
    IngestReport,
    IngestRun,
    Progress,
    count_written,
    executor_for,
    triage,
    write_coded,
)
from amity.reading import Reading
from amity.reviewing import Reviewing
from amity.settings import Settings
from amity.store import EventQuery, Store, parse_dyad

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = ["Amity", "IngestReport", "Progress"]
log = logging.getLogger("amity")


class Amity(Reading, Reviewing):
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
            collecting = gc.isenabled()
            gc.disable()  # spaCy's imports, like the load (see load_nlp), make no garbage
            try:
                from amity.nlp.pipeline import load_nlp
            finally:
                if collecting:
                    gc.enable()
            self._nlp = load_nlp(self.settings)
        return self._nlp

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    # -- ingest and code: one IngestRun (amity/pipeline/) ------------------------------
    def executor(self, cluster: str | None = None) -> Executor:
        """The coding stage the settings ask for: Dask for ``cluster`` (``local:N`` or
        ``tcp://host:port``), worker processes for ``n_process`` > 1, else this process."""
        workers_write = bool(cluster) and self.store.dialect == "postgresql"  # SQLite: one writer
        return executor_for(self.settings, lambda: self.nlp, cluster, workers_write=workers_write)

    def ingest_run(self, cluster: str | None = None) -> IngestRun:
        """An ingest run over this store, coding on :meth:`executor`."""
        return IngestRun(self.store, self.executor(cluster), self, self.settings)

    def triage(self, items: Iterable[ReadItem], report: IngestReport,
               progress: Progress | None = None) -> Iterator[Article]:
        """Pass on new and changed articles; count unchanged, duplicate and rejected input."""
        return triage(self.store, items, report, progress)

    def code_articles(self, articles: Iterable[Article]) -> Iterator[CodedArticle]:
        """Run the NLP pipeline over articles (streaming, batched, in order), in this process
        or (``n_process`` > 1) in worker processes; an article the coder fails on is logged
        and left out."""
        for outcome in self.executor().code(articles):
            if isinstance(outcome, CodedArticle):
                yield outcome
            else:
                log.warning("%s", outcome)

    def ingest(self, paths: Sequence[str], progress: Progress | None = None,
               cluster: str | None = None) -> IngestReport:
        """Read, code and store articles; bad input is reported, never raised.

        ``cluster`` (``local:N`` or ``tcp://host:port``) runs the parse-resolve-code stage on
        a Dask cluster; the stored result is the same as a single-process run.
        """
        run = self.ingest_run(cluster)
        return run.ingest(run.read(paths), progress)

    def ingest_records(self, records: Iterable[dict[str, Any]], origin: str = "<records>",
                       progress: Progress | None = None) -> IngestReport:
        """Ingest in-memory JSONL-style records (``{"id", "text", ...}``), e.g. from the API."""
        from amity.ingest.records import record_article

        items = (record_article(origin, rec, n, "jsonl") for n, rec in enumerate(records, 1))
        return self.ingest_articles(items, progress)

    def ingest_articles(self, items: Iterable[ReadItem],
                        progress: Progress | None = None) -> IngestReport:
        """Triage, code and store articles (whole-article transactions), then refresh indexes."""
        return self.ingest_run().ingest(items, progress)

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
        count_written(write_coded(self.store, batch), report, progress)

    def code(self, doc_names: Sequence[str] | None = None, progress: Progress | None = None) -> int:
        """Re-code stored articles with the current codebooks; returns events stored."""
        stored = self.store.iter_articles(doc_names)
        return self.ingest_run().recode(stored, progress, everything=not doc_names)

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
