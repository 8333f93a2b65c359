"""The FastAPI application: REST API under ``/api``, the dashboard at ``/``.

``create_app(amity)`` is what ``amity serve`` runs (with uvicorn) and what tests drive.
Read-only unless ``write_token`` is given; the OpenAPI schema is at ``/openapi.json``.
"""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from amity import __version__
from amity.api.errors import install_error_handlers
from amity.api.write import MAX_BODY_BYTES
from amity.core import Amity

SECURITY_HEADERS = [
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
     b"object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]

DESCRIPTION = """Event data coded from news articles (CAMEO/PLOVER).

Every error answers `{"error": {"type": "...", "message": "..."}}`. Malformed parameters
are **400** `ValidationError`/`UsageError` (not 422); unknown ids and routes 404; writes
without the token 401 (403 when the server is read-only); bodies over the limit 413."""

ERROR_SCHEMA = {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["type", "message"], "properties": {
        "type": {"type": "string"}, "message": {"type": "string"}}}},
}


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


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The schema with our error shape: 400 instead of FastAPI's 422, and 404/500 declared."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description,
                         routes=app.routes)
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    schema["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
    ref = {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            responses.pop("422", None)
            for status in ("400", "404", "500"):
                responses.setdefault(status, ref)
    for name in ("HTTPValidationError", "ValidationError"):
        schema["components"]["schemas"].pop(name, None)
    app.openapi_schema = schema
    return schema


def create_app(amity: Amity, write_token: str | None = None, data_dir: str | None = None,
               max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """The API + dashboard over ``amity``'s store. ``data_dir``: folder ``/api/files`` serves."""
    from amity.api import analysis_routes, files, routes, write
    from amity.web import mount_web

    app = FastAPI(title="amity", version=__version__, description=DESCRIPTION,
                  docs_url=None, redoc_url=None)
    app.state.amity = amity
    app.state.write_token = write_token or None
    app.state.data_dir = data_dir
    app.state.max_body_bytes = max_body_bytes
    app.state.write_lock = asyncio.Lock()
    install_error_handlers(app)
    for module in (routes, analysis_routes, write, files):
        app.include_router(module.router)
    mount_web(app)
    app.add_middleware(SecurityHeaders)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app
