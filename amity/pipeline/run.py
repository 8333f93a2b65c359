"""``IngestRun``: read → triage → code → write → index, the one ingest every caller uses.

The coding stage is an :class:`~amity.pipeline.executors.Executor` (this process, a pool
of local processes, or a Dask cluster); everything else runs here, in the caller's process,
the same way whichever executor codes.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol

from amity.ingest import IngestLimits, iter_articles
from amity.models import Article, CodedArticle, IngestProblem, ReadItem
from amity.pipeline.coding import batched
from amity.pipeline.executors import (
    POOL_CHUNK,
    POOL_TASK_CHARS,
    AutoExecutor,
    Executor,
    InProcessExecutor,
    Outcome,
    PoolExecutor,
)
from amity.pipeline.report import IngestReport, Progress, Written, count_written
from amity.pipeline.triage import triage
from amity.pipeline.write import write_coded
from amity.settings import Settings
from amity.store import Store

if TYPE_CHECKING:
    from spacy.language import Language

class Indexes(Protocol):
    """The index stage: merged-event groups and the full-text index."""

    def refresh_indexes(self, doc_ids: Collection[str] | None) -> None: ...

    def catch_up_indexes(self) -> None: ...


class IngestRun:
    """One ingest (or re-code) over a store, with the coding stage on ``executor``.

    Bad input and articles the coder fails on are reported, never raised; Ctrl-C ends the
    run with what was stored so far (whole-article transactions) and says so.
    """

    def __init__(self, store: Store, executor: Executor, indexes: Indexes, settings: Settings) -> None:
        self.store, self.executor, self.indexes, self.settings = store, executor, indexes, settings

    def read(self, paths: Sequence[str]) -> Iterator[ReadItem]:
        """The read stage: files, folders and globs to articles, within the settings' limits;
        a WARC page the store holds from the same record is not extracted again."""
        limits = IngestLimits(max_file_bytes=self.settings.max_file_bytes,
                              max_line_chars=self.settings.max_line_chars)
        return iter_articles(paths, limits, self.store.has_page)

    def ingest(self, items: Iterable[ReadItem],
               progress: Progress | None = None) -> IngestReport:
        """Triage, code and store articles (one transaction per batch), then refresh indexes."""
        report = IngestReport()
        started = time.perf_counter()
        fresh = triage(self.store, items, report, progress)
        try:
            for batch in batched(self.executor.code(fresh), self.settings.articles_per_transaction):
                written = self.write(batch, report, progress)
                if self.executor.overlaps:  # the workers code meanwhile: refresh as we go
                    self.indexes.refresh_indexes([w.doc_id for w in written if not w.copy_of])
        except KeyboardInterrupt:
            report.interrupted = True
        if report.stored and not report.interrupted:
            self.indexes.catch_up_indexes()
        report.seconds = time.perf_counter() - started
        return report

    def write(self, batch: list[Outcome], report: IngestReport,
              progress: Progress | None = None) -> list[Written]:
        """The write stage: store what the client coded, count what the workers wrote."""
        for problem in (o for o in batch if isinstance(o, IngestProblem)):
            report.reject(problem, progress)
        written = write_coded(self.store, [o for o in batch if isinstance(o, CodedArticle)])
        written += [o for o in batch if isinstance(o, Written)]
        count_written(written, report, progress)
        return written

    def recode(self, articles: Iterable[Article], progress: Progress | None = None,
               everything: bool = False) -> int:
        """Re-code stored articles, replacing their coding; returns the events stored.

        An article the coder fails on keeps its old coding and is one "rejected" progress
        line. The executor must return coded records (not write them itself).
        """
        total, touched = 0, set()
        for batch in batched(self.executor.code(articles), self.settings.articles_per_transaction):
            coded = [o for o in batch if isinstance(o, CodedArticle)]
            self.store.replace_coding(coded)
            for item in batch:
                if isinstance(item, CodedArticle):
                    total += len(item.events)
                    touched.add(item.article.doc_id)
                    if progress:
                        progress("coded", item.article.doc_name, len(item.events))
                elif progress:
                    progress("rejected", str(item), 0)
        self.indexes.refresh_indexes(None if everything else touched)
        return total


def executor_for(settings: Settings, nlp: Callable[[], Language], cluster: str | None = None,
                 workers_write: bool = False) -> Executor:
    """The executor the settings ask for: Dask for ``cluster``; for ``n_process`` 0 (the
    default) a pool of one worker per available core unless the input is small (then this
    process); a pool for ``n_process`` > 1; this process for 1 or a single core. ``nlp``
    loads the pipeline (not for Dask, whose workers load their own); with ``workers_write``
    Dask workers store their batches."""
    from amity.nlp.pipeline import nlp_coder_version

    if cluster:
        from amity.pipeline.cluster import DaskExecutor, parse_cluster

        return DaskExecutor(parse_cluster(cluster), settings, settings.articles_per_transaction,
                            write_on_workers=workers_write)
    processes = settings.processes
    loaded = nlp()
    version = nlp_coder_version(loaded, settings)
    here = InProcessExecutor(loaded, version, settings.batch_size)
    if processes == 1:
        return here
    pool = PoolExecutor(settings, processes, min(POOL_CHUNK, settings.batch_size), loaded, version,
                        chunk_chars=POOL_TASK_CHARS)
    return AutoExecutor(here, pool) if settings.n_process == 0 else pool
