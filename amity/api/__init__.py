"""The REST API (FastAPI): ``create_app(amity)`` serves ``/api`` and the dashboard at ``/``."""

from amity.api.app import create_app

__all__ = ["create_app"]
