"""The triage stage: pass on new and changed articles; count the rest into the report."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Iterator

from amity.models import Article, IngestProblem, ReadItem, Unchanged
from amity.pipeline.coding import batched
from amity.pipeline.report import IngestReport, Progress
from amity.store import Store

TRIAGE_CHUNK = 64  # inputs looked up in the store together
# content hashes remembered within one run: far more than can be in flight (not yet stored)
SEEN_HASHES = 20_000


def triage(store: Store, items: Iterable[ReadItem], report: IngestReport,
           progress: Progress | None = None) -> Iterator[Article]:
    """Pass on new and changed articles; count unchanged (also what a reader found stored
    before reading it), duplicate, skipped and rejected input.

    The store is asked about a chunk of inputs at a time (two queries per chunk).
    """
    seen: OrderedDict[str, str] = OrderedDict()  # recent hashes; older ones are in the store
    for chunk in batched(items, TRIAGE_CHUNK):
        fresh = [item for item in chunk if isinstance(item, Article)]
        states = store.article_states([a.doc_name for a in fresh])
        owners = store.names_for_hashes([a.content_hash for a in fresh if a.doc_name not in states])
        for item in chunk:
            if isinstance(item, Unchanged):
                report.unchanged += 1
            elif isinstance(item, IngestProblem) and item.skipped:
                report.skip(item)
            elif isinstance(item, IngestProblem):
                report.reject(item, progress)
            elif _is_new(item, states.get(item.doc_name), owners, seen, report, progress):
                yield item
        _note_pages(store, fresh, states)


def _note_pages(store: Store, fresh: list[Article], states: dict[str, tuple[str, str]]) -> None:
    """Pages read again to the same text (a new reader, a page crawled again): their stored
    article takes the new page digest, so the next reading of that record skips them."""
    digests = {a.doc_name: a.meta["page_digest"] for a in fresh if "page_digest" in a.meta
               and (state := states.get(a.doc_name)) and state[1] == a.content_hash}
    if digests:
        store.note_page_digests(digests)


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
