"""Bytes to text: encoding detection, binary-file detection and safe file opening.

UTF-8 (with or without BOM) first; when that fails, charset-normalizer guesses, and a
Western single-byte guess is read as cp1252 (what "latin-1" files almost always are).
Problems are raised as :class:`ReadProblem` and turned into ``IngestProblem`` by the
reader, so that no exception ever reaches the caller.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from typing import BinaryIO

from charset_normalizer import from_bytes

from amity.errors import ReadProblem

SAMPLE_BYTES = 64 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_MULTIBYTE_PREFIXES = (
    "utf",
    "gb",
    "big5",
    "shift_jis",
    "cp932",
    "euc",
    "iso2022",
    "cp949",
    "cp950",
)
_TEXT_CONTROLS = {9, 10, 12, 13, 27}


def os_error_message(err: OSError) -> str:
    """One readable line for an OS error ("cannot read: permission denied")."""
    if isinstance(err, PermissionError):
        return "cannot read: permission denied"
    if isinstance(err, IsADirectoryError):
        return "cannot read: is a folder"
    if isinstance(err, FileNotFoundError):
        return "no such file or folder"
    reason = (err.strerror or str(err) or "input/output error").lower()
    return f"cannot read: {reason}"


def open_binary(path: str) -> BinaryIO:
    """Open for reading in binary mode, turning OS errors into :class:`ReadProblem`."""
    try:
        return open(path, "rb")  # noqa: SIM115 - the caller closes it
    except OSError as err:
        raise ReadProblem(os_error_message(err)) from err


def read_limited(path: str, max_bytes: int) -> bytes:
    """The whole file, refusing files larger than ``max_bytes`` (limit ``max_file_bytes``)."""
    with open_binary(path) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise ReadProblem(_too_big(size, max_bytes))
            data = handle.read(max_bytes + 1)
        except OSError as err:
            raise ReadProblem(os_error_message(err)) from err
    if len(data) > max_bytes:
        raise ReadProblem(_too_big(len(data), max_bytes))
    return data


def _too_big(size: int, max_bytes: int) -> str:
    return f"file is {size} bytes, over the limit max_file_bytes={max_bytes}"


def bom_encoding(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def looks_binary(sample: bytes) -> bool:
    """NUL bytes or many control bytes: an image, archive or executable, not text."""
    if not sample or bom_encoding(sample) == "utf-16":
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in _TEXT_CONTROLS)
    return controls / len(sample) > 0.05


def guess_encoding(sample: bytes) -> str:
    """The encoding to read bytes with: BOM, UTF-8, else a charset-normalizer guess."""
    bom = bom_encoding(sample)
    if bom:
        return bom
    if _is_utf8(sample):
        return "utf-8"
    best = from_bytes(sample).best()
    guessed = best.encoding.lower().replace("-", "_") if best is not None else ""
    if guessed.startswith(_MULTIBYTE_PREFIXES):
        return guessed
    return "cp1252" if _decodes(sample, "cp1252") else (guessed or "latin-1")


def _is_utf8(sample: bytes) -> bool:
    """True when ``sample`` is UTF-8, allowing a multi-byte character cut at its end."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
    except UnicodeDecodeError:
        return False
    return True


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def decode_bytes(data: bytes) -> str:
    """Whole-file decoding; raises :class:`ReadProblem` for binary or empty files."""
    if looks_binary(data[:SAMPLE_BYTES]):
        raise ReadProblem("looks like a binary file, not text")
    encoding = guess_encoding(data[:SAMPLE_BYTES])
    if encoding == "utf-8" and not _decodes(data, "utf-8"):
        encoding = guess_encoding(data)
    text = data.decode(encoding, errors="replace")
    if not text.strip():
        raise ReadProblem("empty file")
    return text


def iter_decoded_lines(
    handle: BinaryIO, max_bytes: int | None = None
) -> Iterator[tuple[str, bool]]:
    """Stream a file's lines as ``(text, too_long)``, one encoding guess per file.

    Line endings are kept. A line over ``max_bytes`` is skipped without being held in
    memory and comes back as ``("", True)``. A UTF-8 file with one stray cp1252 line
    still loads: that line is read as cp1252.
    """
    sample = handle.read(SAMPLE_BYTES)
    if looks_binary(sample):
        raise ReadProblem("looks like a binary file, not text")
    encoding = guess_encoding(sample)
    handle.seek(0)
    if encoding.startswith("utf-16"):
        for line in codecs.getreader(encoding)(handle, "replace"):
            yield line, False
        return
    if encoding == "utf-8-sig":
        handle.read(len(codecs.BOM_UTF8))
        encoding = "utf-8"
    while True:
        raw = handle.readline(max_bytes + 1) if max_bytes else handle.readline()
        if not raw:
            return
        if max_bytes and len(raw) > max_bytes:
            if not raw.endswith(b"\n"):
                _skip_rest_of_line(handle)
            yield "", True
            continue
        yield _decode_line(raw, encoding), False


def _skip_rest_of_line(handle: BinaryIO) -> None:
    while True:
        chunk = handle.readline(SAMPLE_BYTES)
        if not chunk or chunk.endswith(b"\n"):
            return


def _decode_line(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")
