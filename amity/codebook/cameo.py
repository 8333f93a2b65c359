"""The CAMEO codebook: code -> name, root, Goldstein value, quad class and PLOVER type.

The data live in ``amity/codebook/data/cameo.csv`` (written from the CAMEO 1.1b3 codebook's
facts); ``#`` lines are comments, and ``# version: X`` gives :attr:`CameoCodebook.version`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from amity.codebook.reader import DATA_DIR
from amity.errors import CodebookError

DATA_FILE = DATA_DIR / "cameo.csv"
COLUMNS = ("code", "level", "root", "name", "goldstein", "quad", "plover", "plover_mode")
QUADS = ("verbal_coop", "material_coop", "verbal_conflict", "material_conflict")


@dataclass(frozen=True)
class CameoCode:
    """One CAMEO event code with its scale values."""

    code: str
    root: str
    name: str
    goldstein: float
    quad: str
    plover: str | None = None
    plover_mode: str | None = None
    level: int = 2
    plover_context: str | None = None
    description: str | None = None


def _parse_row(row: dict[str, str], path: str, line: int) -> CameoCode:
    code = (row.get("code") or "").strip()
    if not code.isdigit() or not 2 <= len(code) <= 4:
        raise CodebookError(path, f"bad CAMEO code {code!r}", line)
    root = (row.get("root") or "").strip()
    if root != code[:2]:
        raise CodebookError(path, f"root {root!r} does not match code {code}", line)
    quad = (row.get("quad") or "").strip()
    if quad not in QUADS:
        raise CodebookError(path, f"unknown quad class {quad!r}", line)
    try:
        goldstein = float(row.get("goldstein") or "")
        level = int(row.get("level") or "")
    except ValueError as exc:
        raise CodebookError(path, f"bad number in row for {code}: {exc}", line) from None
    if not -10.0 <= goldstein <= 10.0:
        raise CodebookError(path, f"Goldstein value {goldstein} outside -10..10", line)
    return CameoCode(
        code=code,
        root=root,
        name=(row.get("name") or "").strip(),
        goldstein=goldstein,
        quad=quad,
        plover=(row.get("plover") or "").strip() or None,
        plover_mode=(row.get("plover_mode") or "").strip() or None,
        level=level,
        plover_context=(row.get("plover_context") or "").strip() or None,
        description=(row.get("note") or row.get("description") or "").strip() or None,
    )


def _read_lines(path: Path) -> tuple[str, list[tuple[int, str]]]:
    """The ``# version:`` value and the (line number, text) of every non-comment line."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CodebookError(str(path), f"cannot read: {exc.strerror}") from None
    version = ""
    rows: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#"):
            key, _, value = line.lstrip("# ").partition(":")
            if key.strip().lower() == "version":
                version = value.strip()
        elif line.strip():
            rows.append((number, line))
    return version, rows


class CameoCodebook:
    """All CAMEO codes, looked up by code string (``"0311"``, ``"17"``)."""

    def __init__(self, codes: dict[str, CameoCode], version: str, path: str = "") -> None:
        self.codes = codes
        self.version = version
        self.path = path

    @classmethod
    def load(cls, path: str | Path | None = None) -> CameoCodebook:
        """Read and check a codebook CSV (ours by default)."""
        file = Path(path) if path else DATA_FILE
        version, lines = _read_lines(file)
        if not lines:
            raise CodebookError(str(file), "no header row")
        reader = csv.DictReader([text for _, text in lines])
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise CodebookError(str(file), f"missing columns: {', '.join(missing)}", lines[0][0])
        codes: dict[str, CameoCode] = {}
        for (number, _), row in zip(lines[1:], reader, strict=False):
            code = _parse_row(row, str(file), number)
            if code.code in codes:
                raise CodebookError(str(file), f"duplicate code {code.code}", number)
            codes[code.code] = code
        return cls(codes, version or "unversioned", str(file))

    def get(self, code: str) -> CameoCode:
        """The record for ``code``; :class:`CodebookError` when CAMEO has no such code."""
        found = self.codes.get(str(code).strip())
        if found is None:
            raise CodebookError(self.path or "cameo.csv", f"unknown CAMEO code {code!r}")
        return found

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self.codes

    def __len__(self) -> int:
        return len(self.codes)

    def names(self) -> dict[str, str]:
        """Code -> name, for every code."""
        return {code: entry.name for code, entry in self.codes.items()}

    def roots(self) -> list[str]:
        """The 2-digit root codes, in order."""
        return [code for code in self.codes if len(code) == 2]


_ACTIVE: list[CameoCodebook] = []  # set by amity.codebook.book.activate (a user's cameo.csv)


def use_cameo(table: CameoCodebook | None) -> None:
    """Make ``table`` what :func:`load_cameo` answers (``None``: ours again)."""
    _ACTIVE[:] = [table] if table is not None else []


def load_cameo() -> CameoCodebook:
    """The active codebook's CAMEO section: ours, or with a user's ``cameo.csv`` laid over it
    (rows with the same code replace ours); loaded once per codebook."""
    return _ACTIVE[0] if _ACTIVE else _shipped()


@lru_cache(maxsize=1)
def _shipped() -> CameoCodebook:
    return CameoCodebook.load()
