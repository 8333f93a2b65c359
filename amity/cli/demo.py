"""``amity demo``: ingest the bundled sample corpus, summarise it, write two exports."""

from __future__ import annotations

from pathlib import Path

import click
from rich.table import Table

from amity.cli.base import get_amity, out
from amity.cli.ingest import run_ingest
from amity.cli.serve import serve
from amity.core import Amity

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


def sample_corpus() -> Path:
    """The bundled sample corpus (``amity/data/sample``)."""
    return SAMPLE


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Folder for events.jsonl and events.csv.")
@click.option("--open", "open_browser", is_flag=True,
              help="Then serve the dashboard on 127.0.0.1:8000 and open it in a browser.")
@click.pass_context
def demo(ctx: click.Context, out_dir: str, open_browser: bool) -> None:
    """Ingest the bundled sample corpus, print a summary, write events.jsonl + events.csv."""
    amity = get_amity(ctx)
    run_ingest(amity, (str(sample_corpus()),))
    counts = amity.stats()
    out.print(f"\n[bold]Corpus[/bold]  {counts['articles']} articles, {counts['sentences']} sentences, "
              f"{counts['actors']} actors, {counts['events']} events  ({amity.store_url})")
    dyads = Table(title="Top dyads (factual events; Goldstein -10 conflict .. +10 cooperation)",
                  title_justify="left")
    for col in ("dyad", "events", "Goldstein total", "mean"):
        dyads.add_column(col, justify="right" if col != "dyad" else "left")
    for d in amity.top_dyads(limit=8):
        dyads.add_row(f"{d.a}–{d.b}", str(d.events), f"{d.goldstein_total:+.1f}", f"{d.goldstein_mean:+.2f}")
    out.print(dyads)
    _print_timeline(amity)
    written = _demo_exports(amity, Path(out_dir))
    out.print(f"\nwrote {written}")
    if open_browser:
        ctx.invoke(serve, open_browser=True)
        return
    out.print(f"explore: [bold]amity --db {amity.settings.db_url} serve[/bold] then open "
              "http://127.0.0.1:8000/  (or run `amity demo --open`)")


def _print_timeline(amity: Amity, limit: int = 12) -> None:
    """The first merged JPN–KHM events dated by the text (reports of one event count once)."""
    entries = [e for e in amity.timeline(dyad=("JPN", "KHM")) if e.date_basis == "text"]
    out.print("\n[bold]Japan–Cambodia timeline[/bold] (merged events, dates from the text)")
    for e in entries[:limit]:
        reports = f"  ({e.mentions} reports)" if e.mentions > 1 else ""
        out.print(f"  {e.date_label:<10} {e.source_code:<7} {e.cameo_name:<40} {e.target_code}{reports}",
                  markup=False)


def _demo_exports(amity: Amity, folder: Path) -> str:
    folder.mkdir(parents=True, exist_ok=True)
    found = amity.events(sort="doc")
    names = []
    for fmt in ("jsonl", "csv"):
        path = folder / f"events.{fmt}"
        amity.export(found, fmt, path)
        names.append(str(path))
    return " and ".join(names)


COMMANDS = [demo]
