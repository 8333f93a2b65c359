"""Corpus summaries used by ``amity demo``, ``amity stats`` and the dashboard overview.

They are counted in SQL by the store (``amity/store/summary.py``); ``Amity.top_dyads``,
``Amity.actor_counts`` and ``Amity.mentions`` are the way to them. The records are
``amity.models.DyadTotal`` and ``amity.models.ActorCount``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from amity.models import ActorCount, DyadTotal
from amity.query import EventQuery

if TYPE_CHECKING:
    from amity.store import Store

__all__ = ["ActorCount", "DyadTotal", "actor_counts", "iter_mentions", "top_dyads"]


# -- for the faces not yet calling Amity (issue 13): remove with their last caller ----------
def top_dyads(store: Store, limit: int = 10, query: EventQuery | None = None) -> list[DyadTotal]:
    """``Amity.top_dyads``."""
    return store.top_dyads(limit=limit, query=query)


def actor_counts(store: Store, country: str | None = None, limit: int | None = None) -> list[ActorCount]:
    """``Amity.actor_counts``."""
    return store.actor_counts(country=country, limit=limit)


def iter_mentions(store: Store, doc: str | None = None) -> Iterator[dict[str, object]]:
    """``Amity.mentions``."""
    return store.iter_mentions(doc)
