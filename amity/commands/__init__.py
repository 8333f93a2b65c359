"""CLI command modules beyond the core ones in ``amity.cli``.

Each module defines click commands and a ``COMMANDS`` list; ``amity.cli`` registers them.
Modules stay thin: parse options, call ``Amity`` (via ``get_amity(ctx)``), format.
"""

from __future__ import annotations

import importlib

import click

MODULES = ("analysis", "actors", "coding", "serve", "scale", "maintenance")


def register(group: click.Group) -> None:
    for name in MODULES:
        try:
            module = importlib.import_module(f"amity.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"amity.commands.{name}":
                raise
            continue
        for command in module.COMMANDS:
            group.add_command(command)
