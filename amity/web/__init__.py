"""The dashboard: server-rendered pages (Jinja2, autoescaped) and vendored static assets.

Each page renders the data of ``amity.views`` as HTML (``pages.py``, ``templates/``); the
charts fetch the same views as JSON from ``/api`` in the browser. Works offline: no CDN,
no framework; charts are our own SVG code in ``static/charts.js``. Data from articles is
only ever rendered escaped (Jinja2 autoescape on the server, ``textContent`` in the
browser), and a strict Content-Security-Policy forbids inline script.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from amity.views.http import ErrorAnswer
from amity.web.pages import router
from amity.web.review_pages import router as review_router

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
TEMPLATES = HERE / "templates"


def make_templates() -> Jinja2Templates:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["signed"] = lambda value, digits=1: f"{float(value or 0):+.{digits}f}"
    env.filters["quad_tone"] = lambda quad: "conflict" if "conflict" in (quad or "") else "coop"
    env.filters["quad_label"] = lambda quad: (quad or "").replace("_", " ").replace("coop", "cooperation")
    return Jinja2Templates(env=env)


def mount_web(app: FastAPI) -> None:
    """Serve the dashboard pages at ``/`` and the assets at ``/static``."""
    app.state.templates = make_templates()
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(router)
    app.include_router(review_router)


def render_error(request: Request, answer: ErrorAnswer) -> Response:
    """An error as a small HTML page (for a browser asking for a page, not ``/api``)."""
    context = {"status": answer.status, "kind": answer.kind, "message": answer.message, "code": answer.code}
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", context, status_code=answer.status,
                                      headers=answer.headers)
