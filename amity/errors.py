"""Every exception amity raises on purpose, in one place.

The CLI prints ``Error: <message>`` and exits with ``exit_code``; the REST API answers
``{"error": {"type": <class name>, "message": <message>}}`` with ``http_status``.
"""

from __future__ import annotations


class AmityError(Exception):
    """Base class: a problem we can explain to the user in one line."""

    exit_code = 1
    http_status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(AmityError):
    """The user asked for something malformed (bad filter, bad option value)."""

    exit_code = 2


class InputError(AmityError):
    """An input file cannot be read as an article source."""


class ModelNotInstalledError(AmityError):
    """The spaCy model amity needs is not installed."""


class CodebookError(AmityError):
    """A codebook file (ours or the user's) is malformed."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


class StoreError(AmityError):
    """The store cannot be opened, migrated or written."""

    http_status = 500


class NotFoundError(AmityError):
    """A requested article, event or actor does not exist."""

    http_status = 404


class AuthError(AmityError):
    """A write was attempted without the right token."""

    http_status = 401


class LimitError(AmityError):
    """An input or request exceeds a configured limit."""

    http_status = 413
