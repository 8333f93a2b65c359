"""The REST API (FastAPI): ``mount_api(app)`` serves ``/api`` (JSON renderings of ``amity.views``).

The server that runs it next to the dashboard is ``amity.app.create_app``.
"""

from amity.api.app import DESCRIPTION, mount_api
from amity.api.errors import install_error_handlers

__all__ = ["DESCRIPTION", "install_error_handlers", "mount_api"]
