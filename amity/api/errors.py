"""One JSON error shape for every error the server answers.

``{"error": {"type": "<name>", "message": "<one line>"}}`` with the HTTP status:

- an :class:`~amity.errors.AmityError` → its class name and ``http_status``;
- unknown routes → 404 ``NotFound``; wrong method → 405 ``MethodNotAllowed``;
- malformed query parameters or bodies → **400** ``ValidationError`` (we answer 400, not
  FastAPI's 422, so that every "you asked for something malformed" error is a 400, the
  same status the store's own filter checks (``UsageError``) give);
- anything unexpected → 500 ``InternalError`` with a fixed message: no traceback, no
  exception text reaches the client (it is logged on the server).

Browser page requests (not ``/api``, ``Accept: text/html``) get the same information as a
small HTML page, rendered escaped.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from amity.errors import AmityError, AuthError

log = logging.getLogger("amity.api")

HTTP_TYPES = {
    400: "BadRequest", 401: "AuthError", 403: "Forbidden", 404: "NotFound",
    405: "MethodNotAllowed", 413: "LimitError", 415: "UnsupportedMediaType",
}


class ReadOnlyError(AuthError):
    """A write was attempted on a server started without a write token."""

    http_status = 403


def error_body(kind: str, message: str) -> dict[str, Any]:
    return {"error": {"type": kind, "message": message}}


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, kind: str, message: str,
                   headers: Mapping[str, str] | None = None) -> Response:
    if _wants_html(request):
        templates = getattr(request.app.state, "templates", None)
        if templates is not None:
            return templates.TemplateResponse(
                request, "error.html", {"status": status, "kind": kind, "message": message},
                status_code=status, headers=headers)
        return HTMLResponse(f"{status} {kind}", status_code=status, headers=headers)
    return JSONResponse(error_body(kind, message), status_code=status, headers=headers)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


async def _amity_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AmityError)
    if exc.http_status >= 500:
        log.error("%s: %s", type(exc).__name__, exc.message)
    headers = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else None
    return error_response(request, exc.http_status, type(exc).__name__, exc.message, headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    kind = HTTP_TYPES.get(exc.status_code, "HTTPError")
    message = exc.detail if isinstance(exc.detail, str) else kind
    if exc.status_code == 404 and message == "Not Found":
        message = f"no such page or endpoint: {request.url.path}"
    return error_response(request, exc.status_code, kind, message, exc.headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return error_response(request, 400, "ValidationError", _validation_message(exc))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, "InternalError",
                          "the server hit an unexpected error; it has been logged")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AmityError, _amity_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _unexpected)
