"""``amity actors`` (list, resolve) and ``amity mentions`` (export resolved mentions)."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from amity.cli.base import err, get_amity, out


@click.group(invoke_without_command=True)
@click.option("--country", help="Only actors of this country (ISO3 or IGO code).")
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def actors(ctx: click.Context, country: str | None, limit: int, as_json: bool) -> None:
    """Actors in the store with mention and event counts (`actors resolve TEXT` to test a phrase)."""
    if ctx.invoked_subcommand:
        return
    found = get_amity(ctx).actor_counts(country, limit)
    if as_json:
        click.echo(json.dumps([a.to_dict() for a in found], ensure_ascii=False))
        return
    table = Table(header_style="bold")
    for col in ("code", "name", "country", "sector", "mentions", "events"):
        table.add_column(col, justify="right" if col in ("mentions", "events") else "left")
    for a in found:
        table.add_row(a.code, a.name or "", a.country or "", a.sector or "", str(a.mentions), str(a.events))
    out.print(table)


@actors.command("resolve")
@click.argument("text")
@click.option("--date", help="Resolve roles on this date (ISO), e.g. 2014-07-01.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def resolve(ctx: click.Context, text: str, date: str | None, as_json: bool) -> None:
    """Show how TEXT resolves to actors, and why."""
    found = get_amity(ctx).explain_actors(text, date)
    if as_json:
        click.echo(json.dumps(found, ensure_ascii=False))
        return
    if not found:
        err.print("no actor found in that text")
        return
    for item in found:
        role = f", {item['role']}" if item.get("role") else ""
        out.print(f"{item['mention']!r} → {item['code']} ({item.get('name') or '?'}{role})", markup=False)
        out.print(f"    {item.get('why', '')}", markup=False)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False))
@click.option("--doc", help="Only this article (doc_name).")
@click.pass_context
def mentions(ctx: click.Context, fmt: str, output: str, doc: str | None) -> None:
    """Write every resolved actor mention (doc_name, mention, start, end, code, ...)."""
    n = 0
    with Path(output).open("w", encoding="utf-8") as fh:
        for item in get_amity(ctx).mentions(doc):
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
            n += 1
    err.print(f"mentions: {n} written to {output}", markup=False)


COMMANDS = [actors, mentions]
