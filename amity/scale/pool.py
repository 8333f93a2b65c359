"""Code articles in N local worker processes that return coded articles, not spaCy Docs.

``nlp.pipe(n_process=N)`` ships every parsed ``Doc`` (tokens, parse, span groups, extension
data) back to the parent as bytes, and the parent rebuilds it only to read a few records
off it. Here each worker runs the whole pipeline *and* turns its Docs into
``CodedArticle`` records, so only those small records cross the process boundary. Batches
go out in order and come back in order, with at most ``2N + 1`` in flight, so memory stays
bounded however long the input is. The workers run the same ``Amity.code_articles`` as a
single process, so the records (and event ids) are identical.

Where the platform can fork, workers inherit the parent's loaded pipeline (copy-on-write)
instead of loading it again.
"""

from __future__ import annotations

import multiprocessing as mp
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

from amity.models import Article, CodedArticle
from amity.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

    from amity.core import Amity

_WORKER: dict[str, Amity] = {}  # the worker process's own Amity (one per process)


def _start_worker(settings: Settings, nlp: Language | None) -> None:
    """Pool initializer: build the worker's Amity; Ctrl-C is the parent's to handle."""
    from amity.core import Amity

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    amity = Amity(settings=settings.with_(n_process=1))
    if nlp is not None:  # forked: the parent's pipeline, already loaded
        amity._nlp = nlp
    _WORKER["amity"] = amity


def _code_chunk(articles: list[Article]) -> list[CodedArticle]:
    return list(_WORKER["amity"].code_articles(articles))


def _context() -> tuple[mp.context.BaseContext, bool]:
    """``fork`` where available (workers share the loaded model), else ``spawn``."""
    if "fork" in mp.get_all_start_methods():
        return mp.get_context("fork"), True
    return mp.get_context("spawn"), False


def code_in_processes(settings: Settings, articles: Iterable[Article], processes: int,
                      chunk: int, nlp: Language | None = None) -> Iterator[CodedArticle]:
    """Coded articles, in input order, from ``processes`` worker processes.

    ``chunk`` articles go to a worker at a time; ``nlp`` (the parent's loaded pipeline)
    is shared with the workers when they are forked.
    """
    from amity.core import batched

    context, forked = _context()
    pending: deque[Future[list[CodedArticle]]] = deque()
    with ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=_start_worker,
                             initargs=(settings, nlp if forked else None)) as pool:
        try:
            for batch in batched(articles, max(1, chunk)):
                pending.append(pool.submit(_code_chunk, batch))
                if len(pending) > 2 * processes:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
