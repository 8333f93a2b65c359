"""``amity ingest`` (read, code and store articles) and ``amity code`` (re-code stored ones)."""

from __future__ import annotations

from collections.abc import Callable

import click

from amity.cli.base import err, get_amity
from amity.core import Amity, IngestReport
from amity.errors import Interrupted


def _progress_printer(quiet: bool) -> tuple[Callable[[str, str, int], None], Callable[[], None]]:
    """A rich progress bar on a terminal (rejections printed above it), plain lines otherwise."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    bar = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[events]} events"), TimeElapsedColumn(),
                   console=err, transient=True, disable=quiet or not err.is_terminal)
    task = bar.add_task("ingest", total=None, events=0)
    counts = {"events": 0}

    def report(kind: str, what: str, n_events: int) -> None:
        if kind in ("rejected", "skipped"):
            bar.console.print(what if kind == "rejected" else f"skipped {what}", markup=False)
            return
        counts["events"] += n_events
        bar.update(task, advance=1, events=counts["events"])

    bar.start()
    return report, bar.stop


def run_ingest(amity: Amity, paths: tuple[str, ...], quiet: bool = False,
               cluster: str | None = None) -> IngestReport:
    """``amity.ingest`` with the progress bar; prints the one-line summary."""
    report_fn, stop = _progress_printer(quiet)
    try:
        report = amity.ingest(list(paths), progress=report_fn, cluster=cluster)
    finally:
        stop()
    err.print(f"ingest: {report.summary()}", markup=False)
    return report


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--cluster", help="Code on a Dask cluster: local:N (N worker processes) or tcp://host:8786.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], quiet: bool, cluster: str | None) -> None:
    """Ingest article files, folders (recursive) and globs: .txt .md .html .jsonl .csv,
    web archives (.warc .warc.gz .arc .arc.gz) and feeds (.rss .atom .xml)."""
    report = run_ingest(get_amity(ctx), paths, quiet, cluster)
    if report.interrupted:
        raise Interrupted("interrupted; every stored article is whole. Run the same command to finish.")
    ctx.exit(1 if report.problems else 0)


@click.command()
@click.option("--doc", "docs", multiple=True, help="Only these articles (doc_name).")
@click.pass_context
def code(ctx: click.Context, docs: tuple[str, ...]) -> None:
    """Re-code stored articles with the current codebooks (no re-ingest)."""
    amity = get_amity(ctx)
    n = amity.code(list(docs) or None)
    err.print(f"code: {n} events stored", markup=False)


COMMANDS = [ingest, code]
