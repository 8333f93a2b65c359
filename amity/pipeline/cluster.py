"""The Dask executor (``amity ingest --cluster local:N`` or ``tcp://host:8786``).

Workers load the pipeline once per process (a module-level cache) and run the same
``code_batch`` as one process, so event ids and rows are identical. Batches go out and
come back through the shared ordered window. With ``write_on_workers`` (PostgreSQL) each
worker writes its batch itself and sends back only what it wrote; otherwise (SQLite: one
writer) it sends back the coded records as JSON-compatible dicts.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from amity.errors import UsageError
from amity.models import Actor, Article, CodedArticle, Event, IngestProblem, Sentence
from amity.pipeline.coding import batched, code_batch
from amity.pipeline.executors import Outcome
from amity.pipeline.report import Written
from amity.pipeline.window import in_order
from amity.pipeline.write import write_coded
from amity.settings import Settings
from amity.store import Store

if TYPE_CHECKING:
    from distributed import Client
    from spacy.language import Language

_LOCAL_RE = re.compile(r"^local(?::(\d+))?$")
_ON_WORKER: dict[str, Any] = {}  # a worker's (pipeline, coder version) and stores, by settings


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


def outcome_to_dict(outcome: Outcome) -> dict[str, Any]:
    if isinstance(outcome, CodedArticle):
        return {"coded": coded_to_dict(outcome)}
    return {"problem" if isinstance(outcome, IngestProblem) else "written": asdict(outcome)}


def outcome_from_dict(data: dict[str, Any]) -> Outcome:
    if "coded" in data:
        return coded_from_dict(data["coded"])
    if "problem" in data:
        return IngestProblem(**data["problem"])
    return Written(**data["written"])


# -- worker side ------------------------------------------------------------------------
def worker_pipeline(settings: Settings) -> tuple[Language, str]:
    """This worker's pipeline and coder version for ``settings``, loaded once per process."""
    from amity.nlp.pipeline import load_nlp, nlp_coder_version

    key = "nlp:" + repr(settings.with_(db_url="-", n_process=1))
    if key not in _ON_WORKER:
        nlp = load_nlp(settings)
        _ON_WORKER[key] = (nlp, nlp_coder_version(nlp, settings))
    return _ON_WORKER[key]  # type: ignore[no-any-return]


def worker_store(db_url: str) -> Store:
    """This worker's connection to the store it writes to (PostgreSQL), opened once."""
    key = "store:" + db_url
    if key not in _ON_WORKER:
        _ON_WORKER[key] = Store(db_url)
    return _ON_WORKER[key]  # type: ignore[no-any-return]


def code_on_worker(settings: Settings, articles: list[dict[str, Any]],
                   write: bool) -> list[dict[str, Any]]:
    """Worker task: code articles (dicts); with ``write``, store them and say what was written."""
    nlp, version = worker_pipeline(settings)
    outcomes: list[Outcome] = list(code_batch(nlp, [Article.from_dict(a) for a in articles],
                                              version=version, batch_size=settings.batch_size))
    if write:
        written = iter(write_coded(worker_store(settings.db_url),
                                   [o for o in outcomes if isinstance(o, CodedArticle)]))
        outcomes = [next(written) if isinstance(o, CodedArticle) else o for o in outcomes]
    return [outcome_to_dict(o) for o in outcomes]


# -- client side ------------------------------------------------------------------------
class DaskExecutor:
    """``code_batch`` on a Dask cluster, ``chunk`` articles per task, ``2W + 1`` tasks in flight."""

    overlaps = True

    def __init__(self, spec: ClusterSpec, settings: Settings, chunk: int,
                 write_on_workers: bool = False) -> None:
        self.spec, self.settings, self.chunk = spec, settings, max(1, chunk)
        self.write_on_workers = write_on_workers

    def code(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        with open_client(self.spec) as client:
            def submit(batch: list[Article]) -> Any:
                return client.submit(code_on_worker, self.settings, [a.to_dict() for a in batch],
                                     self.write_on_workers, pure=False)

            limit = 2 * self._workers(client) + 1
            for rows in in_order(batched(articles, self.chunk), submit, limit):
                yield from (outcome_from_dict(row) for row in rows)

    def _workers(self, client: Client) -> int:
        if self.spec.is_local:
            return self.spec.workers
        return max(1, len(client.scheduler_info().get("workers", {})))
