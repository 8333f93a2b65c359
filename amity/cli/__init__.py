"""The ``amity`` command: one click group, every command module registered statically.

``base`` holds the group and its global options; each other module is one area of commands
(parse options, call ``Amity``, format the answer) listing them in ``COMMANDS``. To add a
command, write it in the module of its area (or a new one) and list it in ``COMMANDS``.
"""

from __future__ import annotations

import atexit
import gc

from amity.cli import (
    actors,
    analysis,
    articles,
    coding,
    demo,
    events,
    ingest,
    maintenance,
    review,
    serve,
)
from amity.cli.base import cli

__all__ = ["cli", "main"]

for _module in (ingest, events, articles, demo, analysis, actors, coding, review, serve, maintenance):
    for _command in _module.COMMANDS:
        cli.add_command(_command)


def main() -> None:
    # at exit, nothing is collected any more: the interpreter's last full collection would walk
    # the whole loaded model for no garbage (~0.5 s of CPU); the store is closed before (base.py)
    atexit.register(gc.freeze)
    cli(prog_name="amity")
