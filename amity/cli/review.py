"""``amity review``: judge an event, the queue of what to judge next, stats, reviews as gold.

    amity review EVENT_ID --wrong [--note TEXT]
    amity review EVENT_ID --fix cameo=111 target=USAGOV
    amity review queue | stats | export -o mine.jsonl | history EVENT_ID
"""

from __future__ import annotations

import json
from typing import Any

import click
from rich.table import Table

from amity.cli.base import err, get_amity, out
from amity.errors import ReviewValueError
from amity.views.params import follow_params

_FIELDS = ("cameo", "source", "target", "date")


class ReviewGroup(click.Group):
    """``amity review EVENT_ID ...`` judges an event; a known word is a subcommand."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = ["judge", *args]
        return super().parse_args(ctx, args)


def parse_fields(pairs: tuple[str, ...]) -> dict[str, str]:
    """``cameo=111 target=USAGOV`` → {"cameo": "111", "target": "USAGOV"}; the field named when bad."""
    fields: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or name.strip() not in _FIELDS:
            raise ReviewValueError(name.strip() or pair, f"write FIELD=VALUE with FIELD one of {', '.join(_FIELDS)}, "
                                   f"not {pair!r}")
        fields[name.strip()] = value
    return fields


@click.group(cls=ReviewGroup)
def review() -> None:
    """Review events: EVENT_ID --correct | --wrong | --fix cameo=.. source=.. target=.. date=..; queue, stats,
    export, history."""


@review.command("judge", hidden=True)
@click.argument("event_id")
@click.argument("fields", nargs=-1)
@click.option("--correct", "verdict", flag_value="correct", help="The event is right as coded.")
@click.option("--wrong", "verdict", flag_value="wrong", help="Not an event, or not this one: hide it everywhere.")
@click.option("--fix", "verdict", flag_value="fixed", help="Correct it: FIELD=VALUE for cameo, source, target, date.")
@click.option("--note", default=None, help="Why (kept with the review).")
@click.option("--by", default="cli", show_default=True, help="Who reviews (recorded with the review).")
@click.pass_context
def judge(ctx: click.Context, event_id: str, fields: tuple[str, ...], verdict: str | None, note: str | None,
          by: str) -> None:
    """Judge EVENT_ID."""
    if verdict is None:
        raise ReviewValueError("verdict", "give --correct, --wrong or --fix FIELD=VALUE ...")
    if fields and verdict != "fixed":
        raise ReviewValueError("verdict", f"FIELD=VALUE pairs go with --fix, not --{verdict}")
    done = get_amity(ctx).review(event_id, verdict, parse_fields(fields), note, by=by)
    shown = ", ".join(f"{k}={done[k]}" for k in _FIELDS if done.get(k))
    err.print(f"review {done['review_id']}: {event_id} {done['verdict']}{': ' + shown if shown else ''}",
              markup=False)


@review.command("history")
@click.argument("event_id")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def history(ctx: click.Context, event_id: str, as_json: bool) -> None:
    """The reviews of EVENT_ID, oldest first."""
    for item in get_amity(ctx).event_reviews(event_id):
        if as_json:
            click.echo(json.dumps(item, ensure_ascii=False))
        else:
            out.print(f"{item['at']}  {item['by']}  {item['verdict']}  {item['note'] or ''}", markup=False)


@review.command("queue")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
@click.option("--follow", multiple=True, metavar="A-B",
              help="A country dyad you follow (JPN-KHM, either direction); repeatable.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def queue(ctx: click.Context, limit: int, follow: tuple[str, ...], as_json: bool) -> None:
    """Unreviewed events most worth a look first: low confidence, codes corrected before, dyads
    reviewed before or followed."""
    amity = get_amity(ctx)
    found = amity.review_queue(limit, follow_params(list(follow)))
    if as_json:
        for ev, score, why in found:
            click.echo(json.dumps({**amity.export_record(ev), "score": score, "why": why}, ensure_ascii=False))
        return
    table = Table(header_style="bold")
    for col in ("event_id", "source", "event", "target", "why", "evidence"):
        # an id is copied into the next command: never broken over two lines
        table.add_column(col, no_wrap=col == "event_id", overflow="fold")
    for ev, _score, why in found:
        table.add_row(ev.event_id, ev.source.code, f"{ev.cameo} {ev.cameo_name}", ev.target.code, "; ".join(why),
                      (ev.sentence or ev.trigger)[:120])
    out.print(table)
    err.print(f"{len(found)} events to review", markup=False)


def _print_stats(data: dict[str, Any]) -> None:
    verdicts = ", ".join(f"{k} {v}" for k, v in sorted(data["verdicts"].items()))
    precision = "-" if data["precision"] is None else f"{data['precision']:.3f}"
    out.print(f"reviews {data['reviews']} ({verdicts or 'none'}); coder precision on them {precision}", markup=False)
    for title, key in (("code", "by_code"), ("dyad", "by_dyad"), ("month", "by_month")):
        for row in data[key]:
            out.print(f"  {title:<5} {row['key']:<10} {row['right']}/{row['reviewed']}  {row['precision']:.3f}",
                      markup=False)
    for orphan in data["orphans"]:
        out.print(f"  evidence gone: review {orphan['review_id']} ({orphan['verdict']}) of {orphan['doc_name']} "
                  f"{orphan['span']} {orphan['text']!r}", markup=False)


@review.command("stats")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Verdicts, the coder's precision on what was reviewed (per code, dyad, month), orphaned reviews."""
    data = get_amity(ctx).review_stats()
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
    else:
        _print_stats(data)


@review.command("export")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Gold JSONL file to write.")
@click.pass_context
def export(ctx: click.Context, output: str) -> None:
    """Write every standing review as a gold line (correct/fixed: the event; wrong: a not-event)."""
    n = get_amity(ctx).export_reviews(output)
    err.print(f"review export: {n} gold lines written to {output} (score the coder: amity eval {output})",
              markup=False)


COMMANDS = [review]
