"""The ``amity`` command: parse options, call ``Amity``, format the answer."""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import click
from rich.table import Table

from amity.commands import register
from amity.commands.common import err, get_amity, out
from amity.core import Amity, IngestReport
from amity.errors import AmityError
from amity.export import FORMATS, write_events
from amity.models import Event
from amity.settings import Settings


class AmityGroup(click.Group):
    """Turns every failure into one ``Error: …`` line and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AmityError as exc:
            _fail(ctx, exc.message, exc.exit_code)
        except KeyboardInterrupt:
            _fail(ctx, "interrupted", 130)
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - last resort: one line, no traceback
            _fail(ctx, f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)", 1)


def _fail(ctx: click.Context, message: str, code: int) -> None:
    if (ctx.obj or {}).get("debug"):
        traceback.print_exc()
    err.print(f"Error: {message}", markup=False)
    ctx.exit(code)


@click.group(cls=AmityGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="AMITY_DB", help="Store URL or SQLite file (default: amity.db here).")
@click.option("--actors", "actors_files", multiple=True, type=click.Path(),
              help="Extra actor codebook file(s) overriding ours (YAML).")
@click.option("--verbs", "verbs_files", multiple=True, type=click.Path(),
              help="Extra verb-pattern codebook file(s) (YAML).")
@click.option("--codebook", "codebook_dirs", multiple=True, type=click.Path(),
              help="A folder of codebook files named like ours, laid over ours (AMITY_CODEBOOK).")
@click.option("--n-process", type=int, help="Worker processes that parse and code (default 1; use the number of cores for big inputs).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.version_option(package_name="amity")
@click.pass_context
def cli(ctx: click.Context, db: str | None, actors_files: tuple[str, ...],
        verbs_files: tuple[str, ...], codebook_dirs: tuple[str, ...], n_process: int | None,
        debug: bool) -> None:
    """amity: who did what to whom, when, from news articles."""
    settings = Settings.from_env().with_(
        db_url=db, actors_files=actors_files or None, verbs_files=verbs_files or None,
        codebook_dirs=codebook_dirs or None, n_process=n_process,
    )
    ctx.obj = {"settings": settings, "debug": debug}


# -- ingest ------------------------------------------------------------------------
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


def _run_ingest(amity: Amity, paths: tuple[str, ...], quiet: bool = False,
                cluster: str | None = None) -> IngestReport:
    report_fn, stop = _progress_printer(quiet)
    try:
        report = amity.ingest(list(paths), progress=report_fn, cluster=cluster)
    finally:
        stop()
    return report


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.option("--cluster", help="Code on a Dask cluster: local:N (N worker processes) or tcp://host:8786.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[str, ...], quiet: bool, cluster: str | None) -> None:
    """Ingest article files, folders (recursive) and globs: .txt .md .html .jsonl .csv."""
    report = _run_ingest(get_amity(ctx), paths, quiet, cluster)
    err.print(f"ingest: {report.summary()}", markup=False)
    if report.interrupted:
        err.print("Error: interrupted; every stored article is whole. Run the same command to finish.")
        ctx.exit(130)
    ctx.exit(1 if report.problems else 0)


@cli.command()
@click.option("--doc", "docs", multiple=True, help="Only these articles (doc_name).")
@click.pass_context
def code(ctx: click.Context, docs: tuple[str, ...]) -> None:
    """Re-code stored articles with the current codebooks (no re-ingest)."""
    amity = get_amity(ctx)
    n = amity.code(list(docs) or None)
    err.print(f"code: {n} events stored", markup=False)


# -- queries -----------------------------------------------------------------------
def filter_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The event filters shared by ``events`` and ``export``."""
    options = [
        click.option("--dyad", help="Two actors, e.g. JPN-KHM (either direction)."),
        click.option("--directed", is_flag=True, help="--dyad in this direction only."),
        click.option("--actor", help="Source or target: a country (KHM) or code prefix (KHMGOV)."),
        click.option("--source", help="Source country or code prefix."),
        click.option("--target", help="Target country or code prefix."),
        click.option("--code", help="CAMEO code prefix, e.g. 04 or 0311."),
        click.option("--quad", help="verbal_coop, material_coop, verbal_conflict, material_conflict."),
        click.option("--since", help="Events on or after: 2013, 2019-06, 2018-07-30."),
        click.option("--until", help="Events on or before."),
        click.option("--doc", help="Only events from this article (doc_name)."),
        click.option("--all", "include_nonfactual", is_flag=True,
                     help="Include negated and non-factual events."),
        click.option("--limit", type=int, help="At most N events."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _query_kwargs(kw: dict[str, Any]) -> dict[str, Any]:
    keys = ("dyad", "directed", "actor", "source", "target", "code", "quad", "since", "until",
            "doc", "include_nonfactual", "limit")
    return {k: kw[k] for k in keys if kw.get(k) not in (None, False)}


def _actor_cell(actor: Any) -> str:
    name = actor.name or actor.mention or ""
    return f"{actor.code}\n[dim]{name}[/dim]" if name else actor.code


def events_table(events: list[Event]) -> Table:
    table = Table(show_lines=False, header_style="bold", expand=False)
    for col in ("date", "source", "event", "target", "G", "article", "evidence"):
        table.add_column(col, overflow="fold")
    for ev in events:
        date = ev.date or "?"
        if ev.date_basis == "publication":
            date += " [dim](pub)[/dim]"
        table.add_row(
            date, _actor_cell(ev.source), f"{ev.cameo} {ev.cameo_name}", _actor_cell(ev.target),
            f"{ev.goldstein:+.1f}", ev.doc_name, (ev.sentence or ev.trigger)[:160],
        )
    return table


@cli.command()
@filter_options
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@click.pass_context
def events(ctx: click.Context, as_json: bool, **kw: Any) -> None:
    """Show stored events, filtered."""
    from amity.export import record

    found = get_amity(ctx).events(**_query_kwargs(kw))
    if as_json:
        for ev in found:
            click.echo(json.dumps(record(ev), ensure_ascii=False))
        return
    if not found:
        err.print("no events match")
        return
    out.print(events_table(found))
    err.print(f"{len(found)} events", markup=False)


@cli.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str, **kw: Any) -> None:
    """Export events: jsonl (DESIGN record), csv, parquet, tsv (Phoenix), plover.

    Events are written in article order (doc_name, then position in the text).
    """
    found = get_amity(ctx).events(**_query_kwargs(kw), sort="doc")
    n = write_events(found, fmt, output)
    err.print(f"export: {n} events written to {output} ({fmt})", markup=False)


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts: articles, sentences, actors, mentions, events."""
    counts = get_amity(ctx).stats()
    if as_json:
        click.echo(json.dumps(counts))
        return
    for key, value in counts.items():
        out.print(f"{key:>12}  {value}")


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def info(ctx: click.Context, as_json: bool) -> None:
    """Versions, the NLP model in use, the store."""
    data = get_amity(ctx).info()
    if as_json:
        click.echo(json.dumps(data, indent=2))
        return
    out.print(f"amity {data['amity']} (Python {data['python']}, spaCy {data['spacy']})")
    model = data["model"]
    out.print(f"model  {model['name']} {model['version']}: {', '.join(model['pipeline'])}")
    out.print(f"coder  {', '.join(data['components'])}")
    out.print(f"store  {data['store']['url']}")


# -- demo --------------------------------------------------------------------------
def sample_corpus() -> Path:
    return Path(str(resources.files("amity") / "data" / "sample"))


@cli.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=".", show_default=True,
              help="Folder for events.jsonl and events.csv.")
@click.option("--open", "open_browser", is_flag=True,
              help="Then serve the dashboard on 127.0.0.1:8000 and open it in a browser.")
@click.pass_context
def demo(ctx: click.Context, out_dir: str, open_browser: bool) -> None:
    """Ingest the bundled sample corpus, print a summary, write events.jsonl + events.csv."""
    from amity.analysis.summary import top_dyads

    amity = get_amity(ctx)
    report = _run_ingest(amity, (str(sample_corpus()),))
    err.print(f"ingest: {report.summary()}", markup=False)
    counts = amity.stats()
    out.print(f"\n[bold]Corpus[/bold]  {counts['articles']} articles, {counts['sentences']} sentences, "
              f"{counts['actors']} actors, {counts['events']} events  ({amity.store.display_url})")
    dyads = Table(title="Top dyads (factual events; Goldstein -10 conflict .. +10 cooperation)",
                  title_justify="left")
    for col in ("dyad", "events", "Goldstein total", "mean"):
        dyads.add_column(col, justify="right" if col != "dyad" else "left")
    for d in top_dyads(amity.store, limit=8):
        dyads.add_row(f"{d.a}–{d.b}", str(d.events), f"{d.goldstein_total:+.1f}", f"{d.goldstein_mean:+.2f}")
    out.print(dyads)
    _print_timeline(amity)
    written = _demo_exports(amity, Path(out_dir))
    out.print(f"\nwrote {written}")
    if open_browser:
        from amity.commands.serve import serve

        ctx.invoke(serve, open_browser=True)
        return
    out.print(f"explore: [bold]amity --db {amity.settings.db_url} serve[/bold] then open "
              "http://127.0.0.1:8000/  (or run `amity demo --open`)")


def _print_timeline(amity: Amity, limit: int = 12) -> None:
    """The first merged JPN–KHM events dated by the text (reports of one event count once)."""
    from amity.analysis.timeline import timeline

    entries = [e for e in timeline(amity.store, dyad=("JPN", "KHM")) if e.date_basis == "text"]
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
        write_events(found, fmt, path)
        names.append(str(path))
    return " and ".join(names)


register(cli)


def main() -> None:
    cli(prog_name="amity")


if __name__ == "__main__":
    main()
