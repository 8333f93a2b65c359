"""The REST API under ``/api``: ``mount_api(app)`` adds its routes and its OpenAPI schema.

``amity.app.create_app`` builds the server (API + dashboard); the OpenAPI schema is at
``/openapi.json``. Read-only unless the server was given a write token.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from amity.api import analysis_routes, files, reviews, routes, write

DESCRIPTION = """Event data coded from news articles (CAMEO/PLOVER).

Every error answers `{"error": {"type": "...", "message": "...", "code": "E123"}}` (the
codes are listed in `amity/errors.py`). Malformed parameters are **400**
`ValidationError`/`UsageError` (not 422); unknown ids and routes 404; writes without the
token 401 (403 when the server is read-only); bodies over the limit 413."""

ERROR_SCHEMA = {
    "type": "object", "required": ["error"],
    "properties": {"error": {"type": "object", "required": ["type", "message", "code"], "properties": {
        "type": {"type": "string"}, "message": {"type": "string"},
        "code": {"type": "string", "pattern": "^E[0-9]{3}$"}}}},
}


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


def mount_api(app: FastAPI) -> None:
    """Serve the read, analysis, write and file endpoints under ``/api``, and their schema."""
    for module in (routes, analysis_routes, write, reviews, files):
        app.include_router(module.router)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
