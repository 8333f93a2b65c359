"""The write stage: coded articles into the store, one transaction per batch."""

from __future__ import annotations

from collections.abc import Sequence

from amity.models import CodedArticle
from amity.pipeline.report import Written
from amity.store import Store


def write_coded(store: Store, batch: Sequence[CodedArticle]) -> list[Written]:
    """Write ``batch`` in one transaction (whole articles) and say what was written.

    Runs on the client, or on a worker that writes to PostgreSQL itself.
    """
    if not batch:
        return []
    wrote = store.write_batch(batch)  # the store keeps one copy of a text: others are duplicates
    copies = wrote.copies
    return [Written(c.article.doc_name, c.article.doc_id, len(c.events), c.article.doc_name in wrote.replaced)
            if c.article.doc_name not in copies
            else Written(c.article.doc_name, c.article.doc_id, 0, False, copies[c.article.doc_name])
            for c in batch]
