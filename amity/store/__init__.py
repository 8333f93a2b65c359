"""The store layer: SQLAlchemy Core over SQLite (default) or PostgreSQL."""

from amity.store.query import EventQuery, date_bounds, parse_dyad
from amity.store.store import Store

__all__ = ["EventQuery", "Store", "date_bounds", "parse_dyad"]
