"""Distributed ingest on Dask: workers parse, resolve and code; results match one process.

The client reads and triages the input exactly as ``Amity.ingest`` does (same idempotency,
same duplicate and bad-input reporting), sends batches of articles to the workers, and
stores the coded batches in submission order. Each worker loads the NLP pipeline once
(a module-level cache) and runs the same ``Amity.code_articles`` as a single process, so
event ids and rows are identical. On PostgreSQL the workers write their batches directly
(``write="workers"``); on SQLite the client writes (one writer, as SQLite wants).
"""

from __future__ import annotations

import logging
import re
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from amity.core import Amity, IngestReport, Progress, batched
from amity.errors import UsageError
from amity.models import Actor, Article, CodedArticle, Event, Sentence
from amity.settings import Settings

if TYPE_CHECKING:
    from distributed import Client, Future

WriteMode = Literal["auto", "client", "workers"]
_LOCAL_RE = re.compile(r"^local(?::(\d+))?$")
_WORKER_AMITY: dict[tuple[Any, ...], Amity] = {}


@dataclass(frozen=True)
class ClusterSpec:
    """``local:N`` (a LocalCluster of N single-threaded worker processes) or a scheduler address."""

    workers: int = 0  # local workers; 0 for a remote scheduler
    address: str = ""  # tcp://host:8786 for a remote scheduler

    @property
    def is_local(self) -> bool:
        return not self.address


def parse_cluster(spec: str) -> ClusterSpec:
    """``local``, ``local:4`` or ``tcp://host:8786`` → ClusterSpec; UsageError otherwise."""
    spec = spec.strip()
    match = _LOCAL_RE.match(spec)
    if match:
        workers = int(match.group(1) or 2)
        if workers < 1:
            raise UsageError("--cluster local:N needs N >= 1 workers")
        return ClusterSpec(workers=workers)
    if re.match(r"^(tcp|tls|ucx)://[^\s/]+(:\d+)?/?$", spec):
        return ClusterSpec(address=spec.rstrip("/"))
    raise UsageError(f"--cluster must be local:N or tcp://host:8786, not {spec!r}")


@contextmanager
def open_client(spec: ClusterSpec) -> Iterator[Client]:
    """A Dask client on a fresh LocalCluster (closed afterwards) or on a running scheduler."""
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:
        raise UsageError("--cluster needs Dask distributed: pip install 'amity[scale]'") from exc

    if not spec.is_local:
        with Client(spec.address) as client:
            yield client
        return
    with LocalCluster(n_workers=spec.workers, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.ERROR) as cluster, \
            Client(cluster) as client:
        yield client


# -- records across processes ------------------------------------------------------------
def coded_to_dict(coded: CodedArticle) -> dict[str, Any]:
    """A JSON-compatible form of a coded article (what workers send back)."""
    return {
        "article": coded.article.to_dict(),
        "sentences": [s.to_dict() for s in coded.sentences],
        "mentions": [m.to_dict() for m in coded.mentions],
        "events": [e.to_dict() for e in coded.events],
        "coder_version": coded.coder_version,
    }


def coded_from_dict(data: dict[str, Any]) -> CodedArticle:
    return CodedArticle(
        article=Article.from_dict(data["article"]),
        sentences=[Sentence(**s) for s in data["sentences"]],
        mentions=[Actor.from_dict(m) for m in data["mentions"]],
        events=[Event.from_dict(e) for e in data["events"]],
        coder_version=data["coder_version"],
    )


# -- worker side ------------------------------------------------------------------------
def worker_amity(settings: Settings) -> Amity:
    """The worker's Amity for these settings; its NLP pipeline is loaded once per process."""
    key = (settings.db_url, settings.model, settings.components, settings.actors_files,
           settings.verbs_files, settings.batch_size)
    if key not in _WORKER_AMITY:
        _WORKER_AMITY[key] = Amity(settings=settings.with_(n_process=1))
    return _WORKER_AMITY[key]


def code_batch(settings: Settings, articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Worker task: code articles (dicts) and return the coded articles as dicts."""
    amity = worker_amity(settings)
    return [coded_to_dict(c) for c in amity.code_articles(Article.from_dict(a) for a in articles)]


def code_and_store_batch(settings: Settings, articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Worker task: code articles and write them to the store; return what was written."""
    amity = worker_amity(settings)
    batch = list(amity.code_articles(Article.from_dict(a) for a in articles))
    existing = amity.store.article_states([c.article.doc_name for c in batch])
    amity.store.write(batch)
    return [{"doc_name": c.article.doc_name, "events": len(c.events),
             "updated": c.article.doc_name in existing} for c in batch]


# -- client side ------------------------------------------------------------------------
def _count_written(rows: Iterable[dict[str, Any]], report: IngestReport,
                   progress: Progress | None) -> None:
    for row in rows:
        report.updated += row["updated"]
        report.added += not row["updated"]
        report.events += row["events"]
        if progress:
            progress("updated" if row["updated"] else "added", row["doc_name"], row["events"])


def _in_order(client: Client, task: Any, settings: Settings, articles: Iterable[Article],
              batch_size: int, in_flight: int) -> Iterator[list[dict[str, Any]]]:
    """Submit batches (at most ``in_flight`` pending) and yield their results in order."""
    pending: deque[Future] = deque()
    try:
        for batch in batched(articles, batch_size):
            pending.append(client.submit(task, settings, [a.to_dict() for a in batch], pure=False))
            if len(pending) >= in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _worker_count(client: Client, spec: ClusterSpec) -> int:
    if spec.is_local:
        return spec.workers
    return max(1, len(client.scheduler_info().get("workers", {})))


def ingest_distributed(amity: Amity, paths: Sequence[str], cluster: str,
                       progress: Progress | None = None, *, write: WriteMode = "auto",
                       batch_size: int | None = None) -> IngestReport:
    """``Amity.ingest`` with parse-resolve-code spread over a Dask cluster.

    ``cluster`` is ``local:N`` or ``tcp://host:8786``. ``write="auto"`` lets workers write
    to PostgreSQL directly and has the client write to SQLite. Bad input is reported, never
    raised; the stored rows are the same as a single-process ``Amity.ingest``.
    """
    from amity.ingest import IngestLimits, iter_articles

    spec = parse_cluster(cluster)
    report = IngestReport()
    started = time.perf_counter()
    on_workers = write == "workers" or (write == "auto" and amity.store.dialect == "postgresql")
    limits = IngestLimits(max_file_bytes=amity.settings.max_file_bytes,
                          max_line_chars=amity.settings.max_line_chars)
    fresh = amity.triage(iter_articles(paths, limits), report, progress)
    size = batch_size or amity.settings.articles_per_transaction
    task = code_and_store_batch if on_workers else code_batch
    try:
        with open_client(spec) as client:
            in_flight = 2 * _worker_count(client, spec) + 1
            for rows in _in_order(client, task, amity.settings, fresh, size, in_flight):
                if on_workers:
                    _count_written(rows, report, progress)
                else:
                    amity.store_coded([coded_from_dict(r) for r in rows], report, progress)
    except KeyboardInterrupt:
        report.interrupted = True
    report.seconds = time.perf_counter() - started
    return report
