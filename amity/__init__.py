"""amity: research-grade international-relations event data from news articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["QUADS", "SORTS", "Amity", "EventQuery", "__version__", "parse_dyad"]
_MODELS = ("EventQuery", "parse_dyad", "QUADS", "SORTS")

if TYPE_CHECKING:
    from amity.core import Amity
    from amity.models import QUADS, SORTS, EventQuery, parse_dyad


def __getattr__(name: str) -> Any:
    # Imported lazily so that `import amity` stays cheap (spaCy loads only when needed).
    if name == "Amity":
        from amity.core import Amity

        return Amity
    if name in _MODELS:
        import amity.models

        return getattr(amity.models, name)
    raise AttributeError(name)
