"""Text normalisation: mojibake repair, NFC, ASCII quotes, plain spaces, paragraphs.

The text that leaves ingest is final (every span downstream indexes into it), so every
format goes through the same functions here.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

_QUOTES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u02bc": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
}
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACE_RUN = re.compile(r" {2,}")
# UTF-8 read as cp1252/latin-1 leaves a lead byte (Â-ô) before a continuation byte
# (U+0080-U+00BF, or its cp1252 letter); C1 controls and HTML entities also need ftfy.
_NEEDS_FTFY = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a"
    "\u20ac\u2122]|[\u0080-\u009f]|&(?:[a-zA-Z]{2,8}|#x?[0-9a-fA-F]{2,6});"
)
_CONTROL = re.compile("[\u0000-\u0008\u000b\u000e-\u001f\u007f\ud800-\udfff]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\u0085]")


def normalize_text(text: str) -> str:
    """Repair and normalise a whole text; line structure is kept (lines are stripped).

    ftfy (slow on long texts) runs only when the text shows signs of mojibake.
    """
    text = _LINE_BREAKS.sub("\n", text)
    if _NEEDS_FTFY.search(text):
        text = ftfy.fix_text(text)
    text = _CONTROL.sub("", text)
    text = unicodedata.normalize("NFC", text)
    for fancy, plain in _QUOTES.items():  # str.replace is much faster than translate
        if fancy in text:
            text = text.replace(fancy, plain)
    text = _INVISIBLE.sub("", _ODD_SPACES.sub(" ", text))
    return "\n".join(_SPACE_RUN.sub(" ", line).strip() for line in text.split("\n"))


def clean_line(text: str) -> str:
    """Normalise a short piece of text (a title, a name) to one line."""
    return " ".join(normalize_text(text).split())


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a normalised text.

    With blank lines in the text, the blocks between them are paragraphs (a block may keep
    several lines: hard-wrapped text, joined later by the boilerplate pass). Without blank
    lines, every line is a paragraph.
    """
    if not _BLANK_LINE.search(text):
        return [line for line in text.split("\n") if line]
    blocks = (block.strip() for block in _BLANK_LINE.split(text))
    return [block for block in blocks if block]
