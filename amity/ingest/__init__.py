"""Ingest: files, folders and globs to cleaned :class:`~amity.models.Article` records.

See docs/ARCHITECTURE.md (Ingest) and DESIGN.md §1 for the input formats.
"""

from amity.ingest.limits import IngestLimits
from amity.ingest.paths import EXTENSIONS, expand_paths
from amity.ingest.reader import iter_articles, read_file

__all__ = ["EXTENSIONS", "IngestLimits", "expand_paths", "iter_articles", "read_file"]
