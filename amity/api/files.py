"""``GET /api/files/{name}``: files of the server's data folder (exports, charts), by name.

Only when the server was given a data folder. A name resolves inside that folder or not at
all: ``..``, absolute paths, drive letters, backslashes, control characters, hidden files
and symbolic links leading out of the folder all answer 404, the same as a missing file,
so the answer never tells what exists outside.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse

from amity.errors import NotFoundError

router = APIRouter(prefix="/api")
_SAFE_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,200}")


def safe_file(root: str, name: str) -> Path:
    """The file ``name`` inside ``root``; NotFoundError for anything else."""
    missing = NotFoundError(f"no file {name!r} in the data folder")
    parts = name.split("/")
    if not parts or not all(_SAFE_PART.fullmatch(p) and ".." not in p for p in parts):
        raise missing
    base = Path(root).resolve()
    target = base.joinpath(*parts).resolve()
    if not target.is_relative_to(base) or not target.is_file():
        raise missing
    return target


@router.get("/files/{name:path}", summary="A file of the server's data folder (no paths outside it)",
            response_class=FileResponse)
def get_file(request: Request, name: Annotated[str, PathParam(max_length=500)]) -> FileResponse:
    root: str | None = request.app.state.data_dir
    if not root:
        raise NotFoundError("this server has no data folder")
    return FileResponse(safe_file(root, name))
