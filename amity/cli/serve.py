"""``amity serve``: the REST API and the dashboard, with uvicorn, on loopback by default."""

from __future__ import annotations

import ipaddress
import threading
import webbrowser

import click

from amity.cli.base import err, get_amity

LOOPBACK_NAMES = ("localhost",)


def is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_for(host: str, port: int) -> str:
    shown = host if is_loopback(host) or host not in ("0.0.0.0", "::") else "127.0.0.1"
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. Anything but loopback exposes the store to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--write-token", envvar="AMITY_WRITE_TOKEN", multiple=True,
              help="Accept POST /api/articles and reviews with 'Authorization: Bearer TOKEN' (env "
                   "AMITY_WRITE_TOKEN); NAME=TOKEN names it (reviews record the name); repeatable.")
@click.option("--data-dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="Folder whose files GET /api/files/NAME may serve (nothing outside it).")
@click.option("--open", "open_browser", is_flag=True, help="Open the dashboard in a browser.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, write_token: tuple[str, ...], data_dir: str | None,
          open_browser: bool) -> None:
    """Serve the REST API (/api, schema at /openapi.json) and the dashboard (/)."""
    import uvicorn

    from amity.app import create_app

    amity = get_amity(ctx)
    app = create_app(amity, write_token=write_token, data_dir=data_dir)
    if not is_loopback(host):
        err.print(f"Warning: binding to {host}: anyone who can reach this machine can read the store"
                  + ("" if not write_token else " and, with the token, write to it")
                  + ". The server has no TLS; put it behind a reverse proxy for remote use.",
                  markup=False)
    mode = "read-write (token required)" if write_token else "read-only"
    url = url_for(host, port)
    err.print(f"amity serve: {amity.store_url}, {mode}, dashboard at {url}", markup=False)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)


COMMANDS = [serve]
