"""amity: research-grade international-relations event data from news articles."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Amity", "__version__"]

if TYPE_CHECKING:
    from amity.core import Amity


def __getattr__(name: str) -> Any:
    # Imported lazily so that `import amity` stays cheap (spaCy loads only when needed).
    if name == "Amity":
        from amity.core import Amity

        return Amity
    raise AttributeError(name)
