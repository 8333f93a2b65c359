"""One JSON error shape for every error the server answers.

``{"error": {"type": "<name>", "message": "<one line>", "code": "E123"}}`` with the HTTP
status (codes: the table in ``amity/errors.py``):

- an :class:`~amity.errors.AmityError` → its class name, ``code`` and ``http_status``;
- unknown routes → 404 ``NotFound``; wrong method → 405 ``MethodNotAllowed``;
- malformed query parameters or bodies → **400** ``ValidationError`` (we answer 400, not
  FastAPI's 422, so that every "you asked for something malformed" error is a 400, the
  same status the store's own filter checks (``UsageError``) give);
- anything unexpected → 500 ``InternalError`` with a fixed message: no traceback, no
  exception text reaches the client (it is logged on the server).

Browser page requests (not ``/api``, ``Accept: text/html``) are answered by the ``html``
renderer given to :func:`install_error_handlers` (the dashboard's error page), if any.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from amity.errors import AmityError, InternalError, ValidationError, for_http_status
from amity.views.http import ErrorAnswer

log = logging.getLogger("amity.api")

HTTP_TYPES = {
    400: "BadRequest", 401: "AuthError", 403: "Forbidden", 404: "NotFound",
    405: "MethodNotAllowed", 413: "LimitError", 415: "UnsupportedMediaType",
}


HtmlErrors = Callable[[Request, ErrorAnswer], Response]


def wants_html(request: Request) -> bool:
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return False
    return "text/html" in request.headers.get("accept", "")


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def answer_for(request: Request, exc: Exception) -> ErrorAnswer:
    """The status, type, message and code the server answers ``exc`` with."""
    if isinstance(exc, AmityError):
        if exc.http_status >= 500:
            log.error("%s: %s", type(exc).__name__, exc.message)
        headers = {"WWW-Authenticate": "Bearer"} if exc.http_status == 401 else None
        return ErrorAnswer(exc.http_status, type(exc).__name__, exc.message, exc.code, headers)
    if isinstance(exc, StarletteHTTPException):
        kind = HTTP_TYPES.get(exc.status_code, "HTTPError")
        message = exc.detail if isinstance(exc.detail, str) else kind
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such page or endpoint: {request.url.path}"
        return ErrorAnswer(exc.status_code, kind, message, for_http_status(exc.status_code).code, exc.headers)
    if isinstance(exc, RequestValidationError):
        return ErrorAnswer(400, "ValidationError", _validation_message(exc), ValidationError.code)
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return ErrorAnswer(500, "InternalError", "the server hit an unexpected error; it has been logged",
                       InternalError.code)


def install_error_handlers(app: FastAPI, html: HtmlErrors | None = None) -> None:
    """Answer every error in the JSON shape (or with ``html`` for a browser's page request)."""

    async def handle(request: Request, exc: Exception) -> Response:
        answer = answer_for(request, exc)
        if html is not None and wants_html(request):
            return html(request, answer)
        return JSONResponse(answer.body(), status_code=answer.status, headers=answer.headers)

    for kind in (AmityError, StarletteHTTPException, RequestValidationError, Exception):
        app.add_exception_handler(kind, handle)
