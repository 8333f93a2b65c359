"""``amity articles``: the stored corpus out, one JSON line per article."""

from __future__ import annotations

import click

from amity.cli.base import err, get_amity


@click.command()
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--doc", help="Only this article (doc_name).")
@click.option("--since", help="Articles published on or after: 2013, 2019-06, 2018-07-30.")
@click.option("--until", help="Articles published on or before.")
@click.pass_context
def articles(ctx: click.Context, output: str, doc: str | None, since: str | None,
             until: str | None) -> None:
    """Write stored articles as JSON lines: doc_name, title, text (exactly as stored, the text
    every event's offsets point into), published, url, source, authors, language."""
    n = get_amity(ctx).export_articles(output, doc=doc, since=since, until=until)
    err.print(f"articles: {n} articles written to {output}", markup=False)


COMMANDS = [articles]
