"""amity: research-grade international-relations event data from news articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = [
    "QUADS", "SORTS", "ActorCount", "ActorNetwork", "Amity", "Claim", "ClaimGroup", "DyadTotal", "EventQuery",
    "MergedEvent", "SearchHit", "SeriesPoint", "TimelineEntry", "__version__", "parse_dyad",
]
_MODELS = ("EventQuery", "parse_dyad", "QUADS", "SORTS", "ActorCount", "DyadTotal", "MergedEvent")
# what Amity's analysis methods return, for the faces' annotations
_RESULTS = ("Claim", "ClaimGroup", "SearchHit", "SeriesPoint", "TimelineEntry")

if TYPE_CHECKING:
    from amity.analysis.network import ActorNetwork
    from amity.core import Amity
    from amity.models import (
        QUADS,
        SORTS,
        ActorCount,
        DyadTotal,
        EventQuery,
        MergedEvent,
        parse_dyad,
    )
    from amity.reading import Claim, ClaimGroup, SearchHit, SeriesPoint, TimelineEntry


def __getattr__(name: str) -> Any:
    # Imported lazily so that `import amity` stays cheap (spaCy loads only when needed).
    if name == "Amity":
        from amity.core import Amity

        return Amity
    if name in _MODELS:
        import amity.models

        return getattr(amity.models, name)
    if name in _RESULTS:
        import amity.reading

        return getattr(amity.reading, name)
    if name == "ActorNetwork":  # networkx loads only here
        from amity.analysis.network import ActorNetwork

        return ActorNetwork
    raise AttributeError(name)
