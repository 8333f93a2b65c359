"""The coding stage's executors: the same ``code_batch`` in this process or in a pool of
local worker processes (the Dask one is in :mod:`amity.pipeline.cluster`).

An executor turns a stream of articles into one outcome per article, in input order,
through the shared ordered window (:func:`amity.pipeline.window.in_order`). Workers are
handed a loaded pipeline and ``code_batch``; they never build an ``Amity``.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import signal
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import chain
from typing import TYPE_CHECKING, Any, Protocol

from amity.models import Article
from amity.pipeline.coding import Coded, batched, batched_text, code_batch
from amity.pipeline.report import Written
from amity.pipeline.window import Done, in_order
from amity.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

Outcome = Coded | Written  # a coded article, a problem, or (worker writes) an article written
# a worker task closes at this many characters (about two news articles) or articles: small
# enough that a small input still splits over the workers and the last tasks end together
POOL_TASK_CHARS = 4_000
POOL_CHUNK = 32
# below this many characters of input one process finishes first: starting the workers and
# their first tasks costs more than the second core saves (measured, README "Speed and scale")
SMALL_INPUT_CHARS = 2 * POOL_TASK_CHARS


class Executor(Protocol):
    """Runs the coding stage. ``overlaps`` is true when coding happens in other processes
    while the caller writes, so the run refreshes indexes batch by batch meanwhile."""

    overlaps: bool

    def code(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        """One outcome per article, in input order; articles are read lazily."""
        ...


class InProcessExecutor:
    """``code_batch`` in this process, ``batch_size`` articles at a time."""

    overlaps = False

    def __init__(self, nlp: Language, version: str, batch_size: int) -> None:
        self.nlp, self.version, self.batch_size = nlp, version, max(1, batch_size)

    def code(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        def submit(batch: list[Article]) -> Done[list[Coded]]:
            return Done(code_batch(self.nlp, batch, version=self.version, batch_size=self.batch_size))

        for outcomes in in_order(batched(articles, self.batch_size), submit, limit=1):
            yield from outcomes


_WORKER: dict[str, Any] = {}  # the pool worker's pipeline, coder version and batch size


def _start_worker(settings: Settings, nlp: Language | None, version: str | None) -> None:
    """Pool initializer: load (or, forked, inherit) the pipeline; Ctrl-C is the parent's."""
    from amity.nlp.pipeline import load_nlp, nlp_coder_version

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    nlp = nlp or load_nlp(settings)
    version = version or nlp_coder_version(nlp, settings)
    _WORKER.update(nlp=nlp, version=version, batch_size=settings.batch_size)


def _code_chunk(articles: list[Article]) -> list[Coded]:
    return code_batch(_WORKER["nlp"], articles, version=_WORKER["version"],
                      batch_size=_WORKER["batch_size"])


def _context() -> tuple[mp.context.BaseContext, bool]:
    """``fork`` where available (workers share the loaded model), else ``spawn``."""
    if "fork" in mp.get_all_start_methods():
        return mp.get_context("fork"), True
    return mp.get_context("spawn"), False


class PoolExecutor:
    """``code_batch`` in ``processes`` local worker processes that send back records, not Docs.

    ``nlp.pipe(n_process=N)`` would ship every parsed ``Doc`` back as bytes, to be rebuilt
    only to read a few records off it; here only the small records cross the process
    boundary. ``chunk`` articles (fewer if they reach ``chunk_chars`` characters first) go
    to a worker at a time, at most ``2N + 1`` chunks are in flight. Where the platform can
    fork, the workers inherit ``nlp`` (copy-on-write).
    """

    overlaps = True

    def __init__(self, settings: Settings, processes: int, chunk: int,
                 nlp: Language | None = None, version: str | None = None,
                 chunk_chars: int | None = None) -> None:
        self.settings, self.processes, self.chunk = settings, max(1, processes), max(1, chunk)
        self.chunk_chars = chunk_chars
        self.nlp, self.version = nlp, version

    def code(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        context, forked = _context()
        nlp = self.nlp if forked else None
        if nlp is not None:  # built here once, inherited by every worker (not built in each)
            from amity.nlp.pipeline import warm_up

            warm_up(nlp)
        if forked:  # the loaded model out of the collector's reach: no worker's collection walks
            gc.freeze()  # (and so copies) the pages it inherits (Python's advice before fork)
        try:
            yield from self._code(articles, context, nlp)
        finally:
            if forked:
                gc.unfreeze()

    def _code(self, articles: Iterable[Article], context: mp.context.BaseContext,
              nlp: Language | None) -> Iterator[Outcome]:
        with ProcessPoolExecutor(max_workers=self.processes, mp_context=context,
                                 initializer=_start_worker,
                                 initargs=(self.settings, nlp, self.version)) as pool:
            def submit(batch: list[Article]) -> Any:
                return pool.submit(_code_chunk, batch)

            tasks = (batched_text(articles, self.chunk, self.chunk_chars) if self.chunk_chars
                     else batched(articles, self.chunk))
            for outcomes in in_order(tasks, submit, 2 * self.processes + 1):
                yield from outcomes


class AutoExecutor:
    """The default (``n_process`` 0): this process for a small input, else a pool of workers.

    Reads ahead at most ``small_chars`` characters of input to decide; an input that ends
    before that is coded here (starting workers would cost more than they save), a longer
    one goes to ``pool`` with what was read ahead first. ``overlaps`` is set once decided,
    before the first outcome comes out.
    """

    overlaps = False

    def __init__(self, here: InProcessExecutor, pool: PoolExecutor,
                 small_chars: int = SMALL_INPUT_CHARS) -> None:
        self.here, self.pool, self.small_chars = here, pool, small_chars

    def code(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        stream = iter(articles)
        head: list[Article] = []
        chars = 0
        for article in stream:
            head.append(article)
            chars += len(article.text)
            if chars >= self.small_chars:
                self.overlaps = True
                yield from self.pool.code(chain(head, stream))
                return
        self.overlaps = False
        yield from self.here.code(head)
