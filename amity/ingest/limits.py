"""Limits on what one input file may ask of ingest."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IngestLimits:
    """Inputs over a limit are one ``IngestProblem`` naming the limit; the batch goes on.

    ``max_file_bytes`` applies to one-article files (.txt, .md, .html, .htm), which are
    read whole; .jsonl and .csv files are streamed and bounded per line and per file by
    ``max_line_chars`` (also the biggest CSV field) and ``max_articles_per_file``.
    ``max_html_depth`` bounds element nesting in HTML (parsing time grows with depth
    times size: 40,000 nested ``<div>`` in 400 KB take half a minute to parse).
    """

    max_file_bytes: int = 50 * 1024 * 1024
    max_line_chars: int = 5_000_000
    max_articles_per_file: int = 1_000_000
    max_html_depth: int = 1_000
