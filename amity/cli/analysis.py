"""Analysis commands: dyad series, timelines, the network, claims, search, merging."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import click
from rich.markup import escape
from rich.table import Table

from amity import Claim, SeriesPoint
from amity.cli.base import err, get_amity, out
from amity.errors import UsageError
from amity.models import EventQuery, parse_dyad

QUAD_COLOURS = {"verbal_coop": "#7fb3d5", "material_coop": "#1f618d",
                "verbal_conflict": "#f0b27a", "material_conflict": "#c0392b"}


def query_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Filters shared by the analysis commands."""
    options = [
        click.option("--since", help="Events on or after: 2013, 2019-06, 2018-07-30."),
        click.option("--until", help="Events on or before."),
        click.option("--code", help="CAMEO code prefix, e.g. 04 or 0311."),
        click.option("--quad", help="verbal_coop, material_coop, verbal_conflict, material_conflict."),
        click.option("--all", "include_nonfactual", is_flag=True, help="Include negated and non-factual events."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def make_query(since: str | None, until: str | None, code: str | None, quad: str | None,
               include_nonfactual: bool) -> EventQuery:
    query = EventQuery(since=since, until=until, code=code, quad=quad, include_nonfactual=include_nonfactual,
                       include_wrong=include_nonfactual)
    query.validate()
    return query


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


# -- dyad ------------------------------------------------------------------------------------
def series_table(points: list[SeriesPoint]) -> Table:
    table = Table(header_style="bold")
    for col in ("period", "events", "verbal coop", "material coop", "verbal confl.", "material confl.",
                "Goldstein sum", "mean", "articles"):
        table.add_column(col, justify="left" if col == "period" else "right", no_wrap=col == "period")
    for p in points:
        period = f"{p.period} [dim](coarse)[/dim]" if p.coarse else p.period
        table.add_row(period, str(p.n_events), str(p.verbal_coop), str(p.material_coop), str(p.verbal_conflict),
                      str(p.material_conflict), f"{p.goldstein_sum:+.1f}", f"{p.goldstein_mean:+.2f}",
                      str(len(p.doc_names)))
    return table


def write_chart(points: list[SeriesPoint], title: str, path: str) -> None:
    """A PNG: Goldstein sum per period above, stacked quad counts below."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    labels = [f"{p.period}*" if p.coarse else p.period for p in points]
    xs = list(range(len(points)))
    fig, (top, bottom) = plt.subplots(2, 1, sharex=True, figsize=(max(6.0, 0.5 * len(points) + 3), 6))
    top.bar(xs, [p.goldstein_sum for p in points],
            color=["#1f618d" if p.goldstein_sum >= 0 else "#c0392b" for p in points])
    top.axhline(0, color="#555555", linewidth=0.8)
    top.set_ylabel("Goldstein sum (−10 … +10 per event)")
    base = [0] * len(points)
    for quad, colour in QUAD_COLOURS.items():
        values = [getattr(p, quad) for p in points]
        bottom.bar(xs, values, bottom=base, color=colour, label=quad.replace("_", " "))
        base = [b + v for b, v in zip(base, values, strict=True)]
    bottom.set_ylabel("merged events (count)")
    bottom.yaxis.set_major_locator(MaxNLocator(integer=True))
    bottom.set_xlabel("period (* = date coarser than the bucket)")
    bottom.set_xticks(xs, labels, rotation=45, ha="right")
    bottom.legend(fontsize=8, frameon=False)
    top.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(["year", "month", "day"]), default="year", show_default=True)
@click.option("--directed", is_flag=True, help="A → B only (default: both directions).")
@click.option("--chart", type=click.Path(dir_okay=False), help="Write a PNG chart to this file.")
@query_options
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def dyad(ctx: click.Context, a: str, b: str, by: str, directed: bool, chart: str | None, as_json: bool,
         **filters: Any) -> None:
    """Series of merged events between A and B per period: quad counts and Goldstein."""
    query = replace(make_query(**filters), dyad=(a.upper(), b.upper()), directed=directed)
    points, undated = get_amity(ctx).series(query, by)  # the dyad's series, as dyad_series gives it
    if as_json:
        echo_json([p.to_dict() for p in points])
    elif points:
        out.print(series_table(points))
    else:
        err.print(f"no dated events between {a.upper()} and {b.upper()}")
    sources = sorted({d for p in points for d in p.doc_names})
    if chart:
        arrow = "→" if directed else "–"
        write_chart(points, f"{a.upper()} {arrow} {b.upper()}: merged events by {by} ({len(sources)} articles)",
                    chart)
        err.print(f"chart written to {chart}", markup=False)
    if as_json:
        return
    if points:
        err.print(f"{sum(p.n_events for p in points)} events from {len(sources)} articles", markup=False)
    if undated:
        err.print(f"{undated} more events have no date (none in the text, no publication date) and "
                  f"are not in the series: amity events --dyad {a.upper()}-{b.upper()}", markup=False)


# -- timeline --------------------------------------------------------------------------------
@click.command()
@click.argument("actor", required=False)
@click.option("--dyad", "dyad_text", help="Two actors, e.g. JPN-KHM (either direction).")
@query_options
@click.option("--limit", type=int, help="At most N entries.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def timeline(ctx: click.Context, actor: str | None, dyad_text: str | None, limit: int | None, as_json: bool,
             **filters: Any) -> None:
    """Dated, ordered merged events of an ACTOR (e.g. KHM) or of --dyad JPN-KHM."""
    if not actor and not dyad_text:
        raise UsageError("give an actor (amity timeline KHM) or --dyad JPN-KHM")
    query = make_query(**filters)
    query.limit = limit
    entries = get_amity(ctx).timeline(actor=actor, dyad=parse_dyad(dyad_text) if dyad_text else None,
                                      query=query)
    if as_json:
        echo_json([e.to_dict() for e in entries])
        return
    table = Table(header_style="bold")
    table.add_column("date", no_wrap=True)
    for col in ("source", "event", "target", "G", "articles", "evidence"):
        table.add_column(col, overflow="fold")
    for e in entries:
        table.add_row(e.date_label, f"{e.source_code}\n[dim]{escape(e.source_name)}[/dim]",
                      escape(f"{e.cameo} {e.cameo_name}"), f"{e.target_code}\n[dim]{escape(e.target_name)}[/dim]",
                      f"{e.goldstein:+.1f}", escape("\n".join(e.doc_names)), escape(e.sentence[:200]))
    out.print(table)
    err.print(f"{len(entries)} events", markup=False)


# -- network ---------------------------------------------------------------------------------
@click.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write .graphml or .json.")
@click.option("--level", type=click.Choice(["country", "code"]), default="country", show_default=True)
@query_options
@click.option("--json", "as_json", is_flag=True, help="Print node-link JSON.")
@click.pass_context
def network(ctx: click.Context, output: str | None, level: str, as_json: bool, **filters: Any) -> None:
    """The actor network: nodes with event counts, directed edges with coop/conflict."""
    net = get_amity(ctx).network(make_query(**filters), level=level)
    if output:
        net.write(output)
        err.print(f"network: {net.graph.number_of_nodes()} actors, {net.graph.number_of_edges()} dyads "
                  f"written to {output}", markup=False)
    if as_json:
        echo_json(net.to_json())
        return
    if output:
        return
    table = Table(header_style="bold")
    for col in ("source", "target", "events", "coop", "conflict", "Goldstein mean"):
        table.add_column(col, justify="left" if col in ("source", "target") else "right")
    edges = sorted(net.graph.edges(data=True), key=lambda e: (-e[2]["events"], e[0], e[1]))
    for a, b, data in edges:
        table.add_row(a, b, str(data["events"]), str(data["coop"]), str(data["conflict"]),
                      f"{data['goldstein_mean']:+.2f}")
    out.print(table)


# -- claims ----------------------------------------------------------------------------------
def _value(claim: Claim) -> str:
    if claim.unit == "rank":
        return f"#{int(claim.value)}"
    number = human_number(claim.value)
    return f"{claim.qualifier + ' ' if claim.qualifier else ''}{number} {claim.currency or claim.unit}"


def human_number(value: float) -> str:
    """2300000000 → "2.3 billion"; 12500 → "12,500"."""
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.3g} {word}"
    return f"{value:,.0f}" if abs(value) >= 1 else f"{value:g}"


@click.command()
@click.option("--actor", help="Only claims involving this country or code prefix.")
@click.option("--tolerance", type=float, default=0.05, show_default=True,
              help="Relative difference above which amounts conflict.")
@click.option("--conflicting", "only_conflicting", is_flag=True, help="Only groups whose claims disagree.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def claims(ctx: click.Context, actor: str | None, tolerance: float, only_conflicting: bool, as_json: bool) -> None:
    """Quantities stated by different sources about the same thing, side by side."""
    groups = get_amity(ctx).claims(EventQuery(actor=actor), tolerance=tolerance)
    if only_conflicting:
        groups = [g for g in groups if g.conflicting]
    if as_json:
        echo_json([g.to_dict() for g in groups])
        return
    if not groups:
        err.print("no claims stated by more than one source")
        return
    for group in groups:
        flag = " [bold red]conflicting[/bold red]" if group.conflicting else ""
        table = Table(title=f"{group.about}{flag}", title_justify="left", header_style="bold")
        for col in ("value", "article", "published"):
            table.add_column(col, no_wrap=True)
        for col in ("period", "sentence"):
            table.add_column(col, overflow="fold")
        for c in group.claims:
            article = c.doc_name + (f"\n[dim]{escape(c.source)}[/dim]" if c.source else "")
            table.add_row(_value(c), article, c.published or "?", c.period or "", escape(c.sentence[:300]))
        out.print(table)


# -- search and merge ----------------------------------------------------------------------
@click.command()
@click.argument("words")
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def search(ctx: click.Context, words: str, limit: int, as_json: bool) -> None:
    """Full-text search over articles and event evidence ("quoted phrases" allowed)."""
    hits = get_amity(ctx).search(words, limit=limit)
    if as_json:
        echo_json([h.to_dict() for h in hits])
        return
    if not hits:
        err.print("no matches")
        return
    table = Table(header_style="bold")
    for col in ("article", "published", "title", "match", "events"):
        table.add_column(col, overflow="fold")
    for h in hits:
        table.add_row(escape(h.doc_name), h.published or "?", escape(h.title or ""), _marked(h.snippet, h.highlights),
                      str(len(h.event_ids)))
    out.print(table)


def _marked(snippet: str, highlights: list[tuple[int, int]]) -> str:
    parts, at = [], 0
    for start, end in highlights:
        if start < at:
            continue
        parts += [escape(snippet[at:start]), f"[bold yellow]{escape(snippet[start:end])}[/bold yellow]"]
        at = end
    return "".join(parts) + escape(snippet[at:])


@click.command()
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def merge(ctx: click.Context, as_json: bool) -> None:
    """Recompute every merged event (and the search index) from the stored reports."""
    amity = get_amity(ctx)
    amity.update_merges()
    indexed = amity.update_search_index()
    counts = {**amity.merge_counts(), "indexed_articles": indexed}
    if as_json:
        echo_json(counts)
        return
    err.print(f"merge: {counts['reports']} reports → {counts['merged']} events", markup=False)


COMMANDS = [dyad, timeline, network, claims, search, merge]
