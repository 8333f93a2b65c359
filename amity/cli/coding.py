"""``amity eval``: score stored events against a gold file (DESIGN.md §4 rules)."""

from __future__ import annotations

import json
from typing import Any

import click

from amity.cli.base import get_amity, out
from amity.errors import ThresholdError


def _line(item: Any) -> str:
    """One scored event (``amity.evaluation.Scored``) as a line."""
    return f"  {item.doc} {item.source}->{item.target} {item.cameo} {item.date or '-'}: {item.text[:100]}"


def _print_result(result: Any, verbose: bool) -> None:
    if verbose:
        out.print(f"-- missed gold events ({len(result.missed)})", markup=False)
        for item in result.missed:
            out.print(_line(item), markup=False)
        out.print(f"-- predictions with no gold match ({len(result.false_alarms)})", markup=False)
        for item in result.false_alarms:
            out.print(_line(item), markup=False)
    out.print(
        f"gold={result.n_gold} (optional unmatched: {result.optional_missed}) pred={result.n_pred} "
        f"tp={result.tp} level={result.level}", markup=False)
    out.print(
        f"precision={result.precision:.3f} recall={result.recall:.3f} f1={result.f1:.3f} "
        f"date_agreement={result.date_agreement:.3f} ({result.date_ok}/{result.date_n})", markup=False)


@click.command("eval")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.option("--level", type=click.Choice(["root", "code"]), default="root", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="List misses and false alarms.")
@click.option("--json", "as_json", is_flag=True)
@click.option("--min-f1", type=float, default=0.0, help="Exit 1 when F1 is below this.")
@click.pass_context
def eval_command(ctx: click.Context, gold: str, level: str, verbose: bool, as_json: bool,
                 min_f1: float) -> None:
    """Score the stored events against GOLD.jsonl; list misses and false alarms with -v."""
    result = get_amity(ctx).evaluate(gold, level)
    if as_json:
        data = result.to_dict()
        if verbose:
            data["missed"] = [m.raw for m in result.missed]
            data["false_alarms"] = [p.raw for p in result.false_alarms]
        click.echo(json.dumps(data, ensure_ascii=False))
    else:
        _print_result(result, verbose)
    if result.f1 < min_f1:
        raise ThresholdError(f"f1 {result.f1:.3f} is below --min-f1 {min_f1}")


COMMANDS = [eval_command]
