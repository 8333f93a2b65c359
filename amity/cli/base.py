"""The ``amity`` group: global options, the consoles, one ``Error: … [E123]`` line per failure."""

from __future__ import annotations

import traceback
from typing import Any

import click
from rich.console import Console

from amity.core import Amity
from amity.errors import AmityError, InternalError, Interrupted
from amity.settings import Settings

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def get_amity(ctx: click.Context) -> Amity:
    """The ``Amity`` built from the global options (one per invocation)."""
    obj = ctx.find_root().obj
    if "amity" not in obj:
        obj["amity"] = Amity(settings=obj["settings"])
        ctx.find_root().call_on_close(obj["amity"].close)  # the store closed (SQLite: WAL checkpointed)
    return obj["amity"]  # type: ignore[no-any-return]


def error_line(exc: AmityError) -> str:
    """``Error: <message> [<code>]``: what the CLI prints for every failure."""
    return f"Error: {exc.message} [{exc.code}]"


class AmityGroup(click.Group):
    """Turns every failure into one ``Error: … [E123]`` line and an exit status."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except AmityError as exc:
            _fail(ctx, exc)
        except KeyboardInterrupt:
            _fail(ctx, Interrupted("interrupted"))
        except (click.exceptions.Exit, click.ClickException, click.exceptions.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - last resort: one line, no traceback
            _fail(ctx, InternalError(f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)"))


def _fail(ctx: click.Context, exc: AmityError) -> None:
    if (ctx.obj or {}).get("debug"):
        traceback.print_exc()
    err.print(error_line(exc), markup=False)
    ctx.exit(exc.exit_code)


@click.group(cls=AmityGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", envvar="AMITY_DB", help="Store URL or SQLite file (default: amity.db here).")
@click.option("--actors", "actors_files", multiple=True, type=click.Path(),
              help="Extra actor codebook file(s) overriding ours (YAML).")
@click.option("--verbs", "verbs_files", multiple=True, type=click.Path(),
              help="Extra verb-pattern codebook file(s) (YAML).")
@click.option("--codebook", "codebook_dirs", multiple=True, type=click.Path(),
              help="A folder of codebook files named like ours, laid over ours (AMITY_CODEBOOK).")
@click.option("--n-process", type=click.IntRange(min=0),
              help="Worker processes that parse and code (AMITY_N_PROCESS; default 0: one per "
                   "available core, or this process alone for a small input).")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.version_option(package_name="amity")
@click.pass_context
def cli(ctx: click.Context, db: str | None, actors_files: tuple[str, ...],
        verbs_files: tuple[str, ...], codebook_dirs: tuple[str, ...], n_process: int | None,
        debug: bool) -> None:
    """amity: who did what to whom, when, from news articles."""
    settings = Settings.from_env().with_(
        db_url=db, actors_files=actors_files or None, verbs_files=verbs_files or None,
        codebook_dirs=codebook_dirs or None, n_process=n_process,
    )
    ctx.obj = {"settings": settings, "debug": debug}
