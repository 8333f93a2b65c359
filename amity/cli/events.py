"""``amity events``, ``amity export``, ``amity stats``, ``amity info``: what the store holds."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from amity.cli.base import err, get_amity, out
from amity.core import Amity
from amity.models import Event


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
                     help="Include negated and non-factual events, and those reviewed wrong."),
        click.option("--limit", type=int, help="At most N events."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _query_kwargs(kw: dict[str, Any]) -> dict[str, Any]:
    keys = ("dyad", "directed", "actor", "source", "target", "code", "quad", "since", "until",
            "doc", "include_nonfactual", "limit")
    found = {k: kw[k] for k in keys if kw.get(k) not in (None, False)}
    if kw.get("include_nonfactual"):
        found["include_wrong"] = True  # --all: every stored event
    return found


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
        elif ev.date_basis == "estimated":
            date += " [dim](est.)[/dim]"  # grounded on an estimated publication date
        table.add_row(
            date, _actor_cell(ev.source), f"{ev.cameo} {ev.cameo_name}", _actor_cell(ev.target),
            f"{ev.goldstein:+.1f}", ev.doc_name, (ev.sentence or ev.trigger)[:160],
        )
    return table



def merged_table(found: list[dict[str, Any]]) -> Table:
    """One row per merged event: its agreed fields, then each report's outlet and sentence."""
    table = Table(show_lines=True, header_style="bold", expand=False)
    for col in ("date", "source", "event", "target", "n", "reports (article: evidence)"):
        table.add_column(col, overflow="fold")
    for m in found:
        dates = m["disagreements"].get("date")
        date = (m["date"] or "?") + (" [dim](" + " / ".join(str(d["value"]) for d in dates[1:]) + ")[/dim]"
                                     if dates else "")
        lines = [f"{r['doc_name']}: {(r['sentence'] or r['trigger'])[:120]}" for r in m["reports"]]
        table.add_row(date, m["source"]["code"], f"{m['cameo']} {m['cameo_name']}", m["target"]["code"],
                      str(m["mentions"]), escape("\n".join(lines)))
    return table


@click.command()
@filter_options
@click.option("--json", "as_json", is_flag=True, help="JSON lines instead of a table.")
@click.option("--merged", is_flag=True, help="One row per real-world event (its reports merged across articles).")
@click.pass_context
def events(ctx: click.Context, as_json: bool, merged: bool, **kw: Any) -> None:
    """Show stored events, filtered (--merged: one per real-world event, with every report)."""
    amity = get_amity(ctx)
    if merged:
        _show_merged(amity, as_json, kw)
        return
    found = amity.events(**_query_kwargs(kw))
    if as_json:
        for ev in found:
            click.echo(json.dumps(Amity.export_record(ev), ensure_ascii=False))
        return
    if not found:
        err.print("no events match")
        return
    out.print(events_table(found))
    err.print(f"{len(found)} events", markup=False)


def _show_merged(amity: Amity, as_json: bool, kw: dict[str, Any]) -> None:
    found = amity.merged_records(amity.query(**_query_kwargs(kw)))
    if as_json:
        for m in found:
            click.echo(json.dumps(m, ensure_ascii=False))
        return
    if not found:
        err.print("no events match")
        return
    out.print(merged_table(found))
    reports = sum(len(m["reports"]) for m in found)
    err.print(f"{len(found)} merged events ({reports} reports)", markup=False)




@click.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(Amity.export_formats), default="jsonl", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--merged", is_flag=True,
              help="One line per real-world event (jsonl, csv, parquet, geojson): merged_id, mentions, "
                   "doc_names, report_ids, the fields its reports agree on and, where they differ, each "
                   "value with its sources.")
@click.pass_context
def export(ctx: click.Context, fmt: str, output: str, merged: bool, **kw: Any) -> None:
    """Export events: jsonl (DESIGN record), csv, parquet, tsv (Phoenix), plover, geojson.

    Events are written in article order (doc_name, then position in the text), each with the
    merged_id of its real-world event; --merged writes one line per real-world event instead.
    geojson writes one Point feature per placed event (RFC 7946, lon/lat): at its place, or
    for an event known only to its country at a point inside the country
    (geometry_precision "country").
    """
    amity = get_amity(ctx)
    if merged:
        n = amity.export_merged(amity.query(**_query_kwargs(kw), sort="doc"), fmt, output)
        err.print(f"export: {n} merged events written to {output} ({fmt})", markup=False)
        return
    n = amity.export(amity.events(**_query_kwargs(kw), sort="doc"), fmt, output)
    placed = ": placed events only" if fmt == "geojson" else ""
    err.print(f"export: {n} events written to {output} ({fmt}{placed})", markup=False)


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Counts: articles, sentences, actors, mentions, events; articles dated by an estimate
    from their text, and those left undated (the evidence spans more than two years)."""
    counts = get_amity(ctx).stats()
    if as_json:
        click.echo(json.dumps(counts))
        return
    for key, value in counts.items():
        out.print(f"{key:>18}  {value}")


@click.command()
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



COMMANDS = [events, export, stats, info]
