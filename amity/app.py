"""The server: ``create_app(amity)`` mounts the REST API (``/api``) and the dashboard (``/``).

The two faces are siblings that never import each other: each renders ``amity.views``
(the API as JSON, the dashboard as HTML), and only this module knows both. It is what
``amity serve`` runs (with uvicorn) and what tests drive. Read-only unless ``write_token``
is given; the OpenAPI schema is at ``/openapi.json``.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from amity import __version__
from amity.api import DESCRIPTION, install_error_handlers, mount_api
from amity.api.write import MAX_BODY_BYTES, named_tokens
from amity.core import Amity
from amity.web import mount_web, render_error

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     b"object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds a strict Content-Security-Policy and friends to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(amity: Amity, write_token: str | Sequence[str] | None = None, data_dir: str | None = None,
               max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """The API + dashboard over ``amity``'s store. ``data_dir``: folder ``/api/files`` serves."""
    app = FastAPI(title="amity", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None)
    app.state.amity = amity
    app.state.write_tokens = named_tokens(write_token)  # name -> token (``--write-token NAME=TOKEN``)
    app.state.write_token = next(iter(app.state.write_tokens.values()), None)
    app.state.data_dir = data_dir
    app.state.max_body_bytes = max_body_bytes
    app.state.write_lock = asyncio.Lock()
    install_error_handlers(app, html=render_error)
    mount_api(app)
    mount_web(app)
    app.add_middleware(SecurityHeaders)
    return app
