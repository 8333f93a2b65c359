"""``amity backup`` / ``amity restore``: portable copies of a store."""

from __future__ import annotations

import click

from amity.cli.base import err, get_amity


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@click.pass_context
def backup_command(ctx: click.Context, path: str) -> None:
    """Write the whole store to PATH (gzip JSON lines; restores into SQLite or PostgreSQL)."""
    counts = get_amity(ctx).backup(path)
    err.print(f"backup: {counts.get('articles', 0)} articles, {counts.get('events', 0)} events "
              f"written to {path}", markup=False)


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--replace", is_flag=True, help="Replace a store that already has articles.")
@click.pass_context
def restore_command(ctx: click.Context, path: str, replace: bool) -> None:
    """Load a backup made by `amity backup` (all or nothing)."""
    counts = get_amity(ctx).restore(path, replace=replace)
    err.print(f"restore: {counts.get('articles', 0)} articles, {counts.get('events', 0)} events "
              f"restored from {path}", markup=False)


COMMANDS = [backup_command, restore_command]
