"""``POST /api/articles``: ingest articles sent as JSON, only with the server's write token.

The body is one JSONL-style article object (``{"id", "text", "title", "published", ...}``)
or a list of them. The token is compared in constant time (``hmac.compare_digest``) before
the body is read; the body is read in chunks and refused (413) as soon as it exceeds
``max_body_bytes``. Articles go through ``Amity.ingest_records``, so they are checked, coded
and stored exactly as ``amity ingest`` would a JSONL file.
"""

from __future__ import annotations

import hmac
import json
import re
from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from amity.core import Amity
from amity.errors import AuthError, LimitError, ReadOnlyError, UsageError

router = APIRouter(prefix="/api")
MAX_BODY_BYTES = 5 * 1024 * 1024
MAX_ARTICLES = 1000

ARTICLE_BODY: dict[str, Any] = {
    "type": "object", "required": ["id", "text"],
    "properties": {k: {"type": "string"} for k in ("id", "text", "title", "published", "url", "source")}
    | {"authors": {"type": "array", "items": {"type": "string"}}},
}
OPENAPI_BODY = {
    "requestBody": {"required": True, "content": {"application/json": {"schema": {
        "oneOf": [ARTICLE_BODY, {"type": "array", "items": ARTICLE_BODY, "maxItems": MAX_ARTICLES}]}}}},
    "security": [{"bearer": []}],
}


_NAME = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")


def named_tokens(given: str | Sequence[str] | None) -> dict[str, str]:
    """``--write-token`` values → {name: token}: ``NAME=TOKEN`` names one; a bare token is "token"."""
    values = [given] if isinstance(given, str) else list(given or ())
    tokens: dict[str, str] = {}
    for value in values:
        name, sep, token = value.partition("=")
        if not (sep and _NAME.match(name) and token):
            name, token = ("token" if "token" not in tokens else f"token{len(tokens) + 1}"), value
        if token:
            tokens[name] = token
    return tokens


def check_token(request: Request) -> str:
    """The name of the write token the request carries (``--write-token NAME=TOKEN``; else "token")."""
    tokens: dict[str, str] = request.app.state.write_tokens
    if not tokens:
        raise ReadOnlyError("this server is read-only: start it with --write-token to accept articles and reviews")
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    found = [name for name, token in tokens.items()
             if hmac.compare_digest(given.strip().encode(), token.encode())]  # every token compared
    if scheme.lower() != "bearer" or not found:
        raise AuthError("missing or wrong write token (send 'Authorization: Bearer <token>')")
    return found[0]


async def read_limited(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise LimitError(f"request body is over the limit of {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise LimitError(f"request body is over the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_records(body: bytes) -> list[dict[str, Any]]:
    try:
        data = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsageError(f"the body is not valid JSON: {exc}") from None
    records = data if isinstance(data, list) else [data]
    if not records or len(records) > MAX_ARTICLES:
        raise UsageError(f"send one article object or a list of 1..{MAX_ARTICLES}")
    if not all(isinstance(r, dict) for r in records):
        raise UsageError('each article must be a JSON object like {"id": ..., "text": ...}')
    return records


def ingest_records(amity: Amity, records: list[dict[str, Any]]) -> dict[str, Any]:
    """Read, check, code and store the records exactly as ``amity ingest`` would a JSONL file."""
    report = amity.ingest_records(records, origin="POST /api/articles")
    return {
        "added": report.added, "updated": report.updated, "unchanged": report.unchanged,
        "duplicates": report.duplicates, "events": report.events,
        "skipped": dict(sorted(report.skipped.items())),  # why -> how many, as the CLI's summary
        "rejected": [{"line": p.line, "message": p.message} for p in report.problems],
        "summary": report.summary(),
    }


@router.post("/articles", summary="Ingest articles (needs the server's write token)",
             openapi_extra=OPENAPI_BODY, status_code=200)
async def post_articles(request: Request) -> dict[str, Any]:
    check_token(request)
    limit: int = request.app.state.max_body_bytes
    records = parse_records(await read_limited(request, limit))
    amity: Amity = request.app.state.amity
    async with request.app.state.write_lock:
        return await run_in_threadpool(ingest_records, amity, records)
