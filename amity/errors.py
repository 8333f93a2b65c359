"""Every exception amity raises at a user, in one place, each with a stable code.

The CLI prints ``Error: <message> [<code>]`` and exits with ``exit_code``; the REST API
answers ``{"error": {"type": <name>, "message": <message>, "code": <code>}}`` with
``http_status``. Codes never change meaning once released (like spaCy's ``E002``); a new
error gets a new code. Input problems (``ReadProblem``, ``FieldProblem``) are not raised
at the user: the ingest turns each into one rejected-input line and the batch goes on.

======  ========================  ====  ====  ============================================
code    class                     exit  HTTP  meaning
======  ========================  ====  ====  ============================================
E100    AmityError                1     400   base class of every error below
E101    UsageError                2     400   a malformed filter, option value or parameter
E102    ValidationError           2     400   an API parameter or body of the wrong type
E103    MethodNotAllowed          2     405   an API path asked with the wrong HTTP method
E104    UnsupportedMediaType      2     415   an API body in a type the endpoint does not read
E105    LimitError                1     413   an input or request over a configured limit
E106    ReviewValueError          2     400   a review with a bad verdict or value (names the field)
E201    InputError                1     400   a file (gold, backup) that cannot be read
E202    ReadProblem               1     400   an article file or line that cannot be read
E203    FieldProblem              1     400   an article record field of the wrong type/value
E204    CodebookError             1     400   a codebook file (ours or the user's) is malformed
E205    ModelNotInstalledError    1     400   the spaCy model amity needs is not installed
E301    StoreError                1     500   the store cannot be opened, migrated or written
E302    NotFoundError             1     404   no such article, event, file, page or endpoint
E401    AuthError                 1     401   a write without the right token
E402    ReadOnlyError             1     403   a write to a server started without a token
E501    InternalError             1     500   an unexpected failure (a bug: please report it)
E502    Interrupted               130   500   the run was interrupted (Ctrl-C)
E503    ThresholdError            1     400   a score below the floor asked for (--min-f1)
======  ========================  ====  ====  ============================================
"""

from __future__ import annotations


class AmityError(Exception):
    """Base class: a problem we can explain to the user in one line."""

    code = "E100"
    exit_code = 1
    http_status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(AmityError):
    """The user asked for something malformed (bad filter, bad option value)."""

    code = "E101"
    exit_code = 2


class ValidationError(UsageError):
    """An API query parameter or body has the wrong type or shape (FastAPI's checks)."""

    code = "E102"


class MethodNotAllowed(UsageError):
    """An API path was asked with an HTTP method it does not answer."""

    code = "E103"
    http_status = 405


class UnsupportedMediaType(UsageError):
    """An API body was sent in a media type the endpoint does not read."""

    code = "E104"
    http_status = 415


class LimitError(AmityError):
    """An input or request exceeds a configured limit."""

    code = "E105"
    http_status = 413


class ReviewValueError(UsageError):
    """A review of an event with a bad verdict or value; ``field`` names what is wrong."""

    code = "E106"

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"review {field}: {message}")
        self.field = field


class InputError(AmityError):
    """An input file cannot be read (a gold file, a backup)."""

    code = "E201"


class ReadProblem(InputError):
    """An article file (or one of its lines) cannot be read; ``str(err)`` is the message."""

    code = "E202"

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


class FieldProblem(InputError, ValueError):
    """A field of one article record has the wrong type or value; ``str(err)`` is the message."""

    code = "E203"


class CodebookError(AmityError):
    """A codebook file (ours or the user's) is malformed."""

    code = "E204"

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


class ModelNotInstalledError(AmityError):
    """The spaCy model amity needs is not installed."""

    code = "E205"


class StoreError(AmityError):
    """The store cannot be opened, migrated or written."""

    code = "E301"
    http_status = 500


class NotFoundError(AmityError):
    """A requested article, event, file, page or endpoint does not exist."""

    code = "E302"
    http_status = 404


class AuthError(AmityError):
    """A write was attempted without the right token."""

    code = "E401"
    http_status = 401


class ReadOnlyError(AuthError):
    """A write was attempted on a server started without a write token."""

    code = "E402"
    http_status = 403


class InternalError(AmityError):
    """Something failed that we did not expect: a bug (the message says how to see more)."""

    code = "E501"
    http_status = 500


class Interrupted(AmityError):
    """The run was interrupted (Ctrl-C); what was stored before is whole."""

    code = "E502"
    exit_code = 130
    http_status = 500


class ThresholdError(AmityError):
    """A score is below the floor the user asked for (``amity eval --min-f1``)."""

    code = "E503"


ERRORS: tuple[type[AmityError], ...] = (
    AmityError, UsageError, ValidationError, MethodNotAllowed, UnsupportedMediaType, LimitError,
    ReviewValueError, InputError, ReadProblem, FieldProblem, CodebookError, ModelNotInstalledError, StoreError,
    NotFoundError, AuthError, ReadOnlyError, InternalError, Interrupted, ThresholdError,
)


def for_http_status(status: int) -> type[AmityError]:
    """The error class answering ``status`` (the first in :data:`ERRORS`), else ``AmityError``."""
    return next((cls for cls in ERRORS[1:] if cls.http_status == status), AmityError)
