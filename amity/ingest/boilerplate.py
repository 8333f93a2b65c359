"""Separate an article's body from its boilerplate (rules: the codebook's ``boilerplate`` section,
``amity/codebook/data/boilerplate.yaml``).

Removed paragraphs go to ``Separated.removed`` (later ``Article.removed``), never into
the body. The head block (title, kicker, bylines, datelines) also yields metadata:
authors, outlet and publication-date candidates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from amity.codebook import current, depends_on_codebook
from amity.errors import CodebookError
from amity.ingest.dates import parse_date

_WIDGET_KINDS = ("comment_form", "share_widget", "related", "page_chrome", "timestamp", "caption")
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b)\s*")
_NAME_TOKEN = re.compile(r"^[^\W\d_][\w.'-]*$")
TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 25
HEAD_REPEATS = 4  # paragraphs searched for a repeated headline
DATELINE_PARAGRAPHS = 4  # paragraphs searched for a dateline ("BRUSSELS, Belgium – ...")


@dataclass(frozen=True)
class Rules:
    """Compiled boilerplate rules."""

    anywhere: dict[str, list[re.Pattern[str]]]
    anywhere_any: PatternSet  # all of ``anywhere`` together (speed)
    widget_any: PatternSet  # comment-form, share and related lines
    cut_from_here: PatternSet
    trailing_notes: PatternSet
    bio: PatternSet
    bio_max_chars: int
    head: dict[str, list[re.Pattern[str]]]
    head_max_paragraphs: int
    head_max_chars: int
    dateline_prefix: list[re.Pattern[str]]
    metadata_prefix: list[re.Pattern[str]]
    name_particles: frozenset[str]


@dataclass
class Separated:
    """The body paragraphs and what was taken out of them."""

    paragraphs: list[str]
    removed: list[str] = field(default_factory=list)
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None
    date_candidates: list[str] = field(default_factory=list)


def _compile(patterns: list[str], flags: int = re.IGNORECASE) -> list[re.Pattern[str]]:
    return [re.compile(pattern, flags) for pattern in patterns]


class PatternSet:
    """Many patterns searched as three regexes, much faster than one alternation of all:
    those anchored at ``^`` (tried at the start only), those anchored at ``$`` (searched
    in the last ``TAIL_CHARS`` characters only) and the rest."""

    TAIL_CHARS = 300

    def __init__(self, patterns: list[str], flags: int = re.IGNORECASE) -> None:
        anchored = [p[1:] for p in patterns if p.startswith("^")]
        tail = [p for p in patterns if not p.startswith("^") and p.endswith("$")]
        others = [p for p in patterns if not p.startswith("^") and not p.endswith("$")]
        self.start = re.compile(_alternation(anchored), flags) if anchored else None
        self.tail = re.compile(_alternation(tail), flags) if tail else None
        self.rest = re.compile(_alternation(others), flags) if others else None

    def search(self, text: str) -> bool:
        if self.start is not None and self.start.match(text):
            return True
        if self.tail is not None and self.tail.search(text[-self.TAIL_CHARS :]):
            return True
        return self.rest is not None and self.rest.search(text) is not None


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{pattern})" for pattern in patterns)


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """The active codebook's ``boilerplate`` section, compiled once."""
    try:
        return _rules(current().section("boilerplate"))
    except re.error as exc:
        raise CodebookError("boilerplate.yaml", f"bad regular expression {exc.pattern!r}: {exc}") from None


def _rules(data: dict[str, Any]) -> Rules:
    head = data["head"]
    anywhere: dict[str, list[str]] = data["remove_anywhere"]
    widgets = [p for kind in _WIDGET_KINDS for p in anywhere.get(kind, [])]
    return Rules(
        anywhere={kind: _compile(items) for kind, items in anywhere.items()},
        anywhere_any=PatternSet([p for items in anywhere.values() for p in items]),
        widget_any=PatternSet(widgets),
        cut_from_here=PatternSet(data["cut_from_here"]),
        trailing_notes=PatternSet(data["trailing_notes"]),
        bio=PatternSet(data["bio"]["patterns"], 0),
        bio_max_chars=int(data["bio"]["max_chars"]),
        head={kind: _compile(head[kind]) for kind in head if isinstance(head[kind], list)},
        head_max_paragraphs=int(head["max_paragraphs"]),
        head_max_chars=int(head["max_chars"]),
        dateline_prefix=_compile(data["dateline_prefix"], 0),
        metadata_prefix=_compile(data.get("metadata_prefix", [])),
        name_particles=frozenset(data["name_particles"]),
    )


depends_on_codebook(load_rules)


def _search(patterns: list[re.Pattern[str]], text: str) -> re.Match[str] | None:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match
    return None


def is_boilerplate(rules: Rules, paragraph: str) -> bool:
    return rules.anywhere_any.search(paragraph)


def separate(
    blocks: list[str], *, find_title: bool = False, known_title: str | None = None,
    cut_tail: bool = True,
) -> Separated:
    """Split paragraphs (blocks of one or more lines) into body and boilerplate.

    ``cut_tail=False`` keeps what follows a tail marker ("Related"): for a web page whose
    main text trafilatura already found, where such a heading is inside the article."""
    rules = load_rules()
    out = Separated(paragraphs=[])
    out.paragraphs = _join_blocks(rules, blocks, out.removed)
    _strip_metadata_prefix(rules, out)
    if cut_tail:
        _cut_tail(rules, out)
    if find_title:
        _take_title(rules, out)
    elif known_title:
        _drop_repeated_title(out, known_title)
    _scan_head(rules, out)
    _drop_anywhere(rules, out)
    _strip_dateline_prefix(rules, out)
    _drop_trailing(rules, out)
    _in_page_order(out, " ".join(" ".join(blocks).split()))
    return out


def _in_page_order(out: Separated, original: str) -> None:
    """Removed pieces listed in the order they appeared in the article."""

    def position(piece: str) -> int:
        found = original.find(piece)
        return found if found >= 0 else len(original)

    out.removed.sort(key=position)


def _join_blocks(rules: Rules, blocks: list[str], removed: list[str]) -> list[str]:
    """Join each block's lines into one paragraph, dropping widget lines inside blocks."""
    widget = rules.widget_any
    paragraphs = []
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        if len(lines) > 1:
            removed.extend(line for line in lines if widget.search(line))
            lines = [line for line in lines if not widget.search(line)]
        if lines:
            paragraphs.append(" ".join(lines))
    return paragraphs


def _cut_tail(rules: Rules, out: Separated) -> None:
    """Remove everything from a tail marker ("Leave a Reply", "Related posts") on."""
    seen_body = False
    for index, paragraph in enumerate(out.paragraphs):
        if seen_body and rules.cut_from_here.search(paragraph):
            out.removed.extend(out.paragraphs[index:])
            del out.paragraphs[index:]
            return
        if len(paragraph.split()) >= 8 and not is_boilerplate(rules, paragraph):
            seen_body = True


def looks_like_title(paragraph: str) -> bool:
    """A headline: short, few words, not ending like a sentence."""
    return (
        len(paragraph) <= TITLE_MAX_CHARS
        and len(paragraph.split()) <= TITLE_MAX_WORDS
        and not paragraph.endswith((".", ",", ";", ":"))
    )


def _take_title(rules: Rules, out: Separated) -> None:
    paragraphs = out.paragraphs
    while len(paragraphs) > 2 and is_boilerplate(rules, paragraphs[0]):  # "JavaScript is off."
        out.removed.append(paragraphs.pop(0))
    if len(paragraphs) > 2 and _search(rules.head.get("kicker", []), paragraphs[0]):
        out.removed.append(paragraphs.pop(0))
    if len(paragraphs) < 2 or not looks_like_title(paragraphs[0]):
        return
    if is_boilerplate(rules, paragraphs[0]) or _head_kind(rules, paragraphs[0]):
        return
    out.title = paragraphs.pop(0)
    out.removed.append(out.title)
    _drop_repeated_title(out, out.title, everywhere=True)


def _drop_repeated_title(out: Separated, title: str, everywhere: bool = False) -> None:
    """The headline repeated as a paragraph (a page's title block, a teaser) is not body;
    ``everywhere``: in every paragraph of the head block, not only the first."""
    head = out.paragraphs[: HEAD_REPEATS if everywhere else 1]
    repeats = [i for i, paragraph in enumerate(head) if _same(paragraph, title)]
    for index in reversed(repeats):
        if len(out.paragraphs) > 1:
            out.removed.append(out.paragraphs.pop(index))


def _same(left: str, right: str) -> bool:
    return " ".join(left.split()).casefold() == " ".join(right.split()).casefold()


def _head_kind(rules: Rules, paragraph: str) -> str | None:
    """Which head rule (byline, dateline, ...) a short paragraph matches, if any."""
    for kind in ("byline", "dateline", "published", "updated", "date_only"):
        match = _search(rules.head.get(kind, []), paragraph)
        if match and (kind != "byline" or _byline_names(rules, match)):
            return kind
    return None


def _scan_head(rules: Rules, out: Separated) -> None:
    """Remove bylines and datelines from the head block, keeping what they tell."""
    index = 0
    while index < min(len(out.paragraphs), rules.head_max_paragraphs):
        paragraph = out.paragraphs[index]
        if is_boilerplate(rules, paragraph):
            index += 1
            continue
        if len(paragraph) > rules.head_max_chars:
            return
        kind = _head_kind(rules, paragraph)
        if kind is None:
            index += 1
            continue
        _read_head_line(rules, out, kind, paragraph)
        out.removed.append(out.paragraphs.pop(index))


def _read_head_line(rules: Rules, out: Separated, kind: str, paragraph: str) -> None:
    match = _search(rules.head[kind], paragraph)
    if match is None:
        return
    groups = match.groupdict()
    if kind == "byline":
        out.authors.extend(name for name in _byline_names(rules, match) if name not in out.authors)
    if groups.get("source") and out.source is None:
        out.source = groups["source"].strip()
    if groups.get("date") and kind != "updated" and parse_date(groups["date"]):
        out.date_candidates.append(groups["date"])


def _byline_names(rules: Rules, match: re.Match[str]) -> list[str]:
    """Author names of a byline match; [] when the words are not names ("By the end ...")."""
    names_text = match["names"]
    date = match.groupdict().get("date")
    if date and not parse_date(date):
        names_text = match.string[match.start("names") :]
    return split_names(names_text, rules.name_particles)


def split_names(text: str, particles: frozenset[str] | None = None) -> list[str]:
    """ "Jane Doe and John Roe" -> two names; [] if any part does not look like a name."""
    particles = load_rules().name_particles if particles is None else particles
    parts = [part.strip(" .") for part in _NAME_SPLIT.split(text) if part.strip(" .")]
    for part in parts:
        tokens = part.split()
        if not 1 <= len(tokens) <= 5:
            return []
        for token in tokens:
            if token.lower() in particles:
                continue
            if not (_NAME_TOKEN.match(token) and token[0].isupper()):
                return []
    return parts


def _drop_anywhere(rules: Rules, out: Separated) -> None:
    kept = []
    for paragraph in out.paragraphs:
        if is_boilerplate(rules, paragraph):
            out.removed.append(paragraph)
        else:
            kept.append(paragraph)
    out.paragraphs = kept


def _strip_metadata_prefix(rules: Rules, out: Separated) -> None:
    """ "date 2023-08-07 Gaza: Israel and ..." keeps "Gaza: Israel and ..." (a scraper's
    field glued to the text); a dated prefix is a publication-date candidate."""
    while out.paragraphs:
        first = out.paragraphs[0]
        match = _search(rules.metadata_prefix, first)
        if match is None:
            return
        out.removed.append(first[: match.end()].strip())
        if match.groupdict().get("date"):
            out.date_candidates.append(match["date"])
        if match.end() < len(first):
            out.paragraphs[0] = first[match.end() :]
            return
        out.paragraphs.pop(0)


def _strip_dateline_prefix(rules: Rules, out: Separated) -> None:
    """ "PHNOM PENH, (Khmer Times) – Cambodia and ..." keeps "Cambodia and ..." (in the first
    paragraph that has one, among the head's first few: a subtitle may come before it)."""
    for index, first in enumerate(out.paragraphs[:DATELINE_PARAGRAPHS]):
        match = _search(rules.dateline_prefix, first)
        if match is not None and match.end() < len(first):
            _take_dateline(out, index, match)
            return


def _take_dateline(out: Separated, index: int, match: re.Match[str]) -> None:
    first = out.paragraphs[index]
    out.removed.append(first[: match.end()].strip())
    out.paragraphs[index] = first[match.end() :]
    groups = match.groupdict()
    if groups.get("source") and out.source is None:
        out.source = groups["source"].strip()
    if groups.get("date"):
        out.date_candidates.append(groups["date"])


def _drop_trailing(rules: Rules, out: Separated) -> None:
    """Footnote lists and author bios at the end."""
    paragraphs = out.paragraphs
    while len(paragraphs) > 1 and rules.trailing_notes.search(paragraphs[-1]):
        out.removed.append(paragraphs.pop())
    for _ in range(2):
        if len(paragraphs) > 1 and _is_bio(rules, paragraphs[-1], out.authors):
            out.removed.append(paragraphs.pop())


def _is_bio(rules: Rules, paragraph: str, authors: list[str]) -> bool:
    if len(paragraph) > rules.bio_max_chars:
        return False
    if rules.bio.search(paragraph):
        return True
    return any(
        paragraph.startswith((f"{name},", f"{name} is ", f"{name} was ")) for name in authors
    )
