"""What every CLI command shares: the consoles and the ``Amity`` of this invocation."""

from __future__ import annotations

import click
from rich.console import Console

from amity.core import Amity

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def get_amity(ctx: click.Context) -> Amity:
    """The ``Amity`` built from the global options (one per invocation)."""
    obj = ctx.find_root().obj
    if "amity" not in obj:
        obj["amity"] = Amity(settings=obj["settings"])
    return obj["amity"]  # type: ignore[no-any-return]
