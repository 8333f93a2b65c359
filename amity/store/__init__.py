"""The store layer: every SQL statement of amity, SQLAlchemy Core over SQLite (default) or PostgreSQL."""

from amity.query import EventQuery, date_bounds, parse_dyad
from amity.store.store import Store

__all__ = ["EventQuery", "Store", "date_bounds", "parse_dyad"]
