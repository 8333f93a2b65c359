"""What an ingest run tells its caller: the report, the progress lines, the written rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from amity.models import IngestProblem

Progress = Callable[[str, str, int], None]  # (kind, what, events): kind added|updated|rejected|skipped|coded


@dataclass
class IngestReport:
    """What one ingest did; ``problems`` are the rejected inputs, one line each."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    events: int = 0
    problems: list[IngestProblem] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # why -> how many (not English, ...)
    seconds: float = 0.0
    interrupted: bool = False

    @property
    def stored(self) -> int:
        return self.added + self.updated

    def summary(self) -> str:
        parts = [
            f"{self.added} added", f"{self.updated} updated", f"{self.unchanged} unchanged",
            f"{self.duplicates} duplicate", f"{len(self.problems)} rejected",
        ]
        skipped = "".join(f"; {n} skipped: {why}" for why, n in sorted(self.skipped.items()))
        return f"{', '.join(parts)}{skipped}; {self.events} events in {self.seconds:.1f}s"

    def skip(self, item: IngestProblem) -> None:
        """Count one input left out on purpose (no progress line: they can be thousands)."""
        self.skipped[item.message] = self.skipped.get(item.message, 0) + 1

    def reject(self, problem: IngestProblem, progress: Progress | None) -> None:
        """Count one rejected input (a bad file or line, an article the coder failed on)."""
        self.problems.append(problem)
        if progress:
            progress("rejected", str(problem), 0)


@dataclass(frozen=True)
class Written:
    """One article as the write stage stored it (by the client or by a worker)."""

    doc_name: str
    doc_id: str
    events: int
    updated: bool  # the store held an article of this name before
    copy_of: str | None = None  # not stored: the store holds this text under that name


def count_written(rows: Iterable[Written], report: IngestReport, progress: Progress | None) -> None:
    """Add written articles to ``report`` and say one progress line for each."""
    for row in rows:
        if row.copy_of:
            report.duplicates += 1
            if progress:
                progress("skipped", f"{row.doc_name}: same content as {row.copy_of}", 0)
            continue
        report.updated += row.updated
        report.added += not row.updated
        report.events += row.events
        if progress:
            progress("updated" if row.updated else "added", row.doc_name, row.events)
