"""The earlier components' spans of one document (actors, dates, amounts, places),
indexed by the clause they attach to: what the coder's passes read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span

from amity.nlp.events.index import ParsedDoc, Tok, clause_head
from amity.nlp.events.roles import ActorIndex, Predicate
from amity.nlp.places import PLACE_LABELS, resolve_place

LIST_DEPS = ("conj", "appos")


@dataclass
class Dated:
    """A date span of the document with its grounded value."""

    span: Span
    when: dict[str, Any]
    anchor: Tok  # clause head of the span's root
    group: int  # token index of the top of its coordination ("1993, 1998 and 2003")
    root: Tok  # the span's root
    explicit: bool = False  # the span writes a year ("1991", "in May 2023")


@dataclass
class Attached:
    """An amount or place span of the document with its value and its root."""

    span: Span
    value: dict[str, Any]
    root: Tok


@dataclass
class DocParts:
    """The earlier components' spans of one document, indexed by clause head."""

    actors: ActorIndex
    dates: list[Dated] = field(default_factory=list)
    amounts: list[Attached] = field(default_factory=list)
    places: list[Attached] = field(default_factory=list)
    ungrounded: list[Tok] = field(default_factory=list)  # clause heads of dates with no value
    named_places: dict[int, str] = field(default_factory=dict)  # token index -> country of a named place


def _spans(doc: Doc, key: str) -> list[Span]:
    return list(doc.spans[key]) if key in doc.spans else []


def _list_top(token: Tok) -> int:
    while token.dep_ in LIST_DEPS and token.head.i != token.i:
        token = token.head
    return token.i


def collect_parts(doc: Doc, parsed: ParsedDoc, locative: set[str] | frozenset[str] = frozenset()) -> DocParts:
    """Index the actor, date, amount and place spans (any of them may be missing)."""
    parts = DocParts(ActorIndex(_spans(doc, "amity_actors"), parsed, locative))
    for span in _spans(doc, "amity_dates"):
        when, root = span._.when, parsed[span.root.i]
        if isinstance(when, dict) and when.get("date"):
            dated = Dated(span, when, clause_head(root), _list_top(root), root)
            dated.explicit = _explicit_year(dated)
            parts.dates.append(dated)
        else:  # "on Monday" in an article with no publication date
            parts.ungrounded.append(clause_head(root))
    parts.amounts = _attachable(doc, parsed, "amity_amounts", "amount")
    parts.places = _attachable(doc, parsed, "amity_places", "place")
    parts.named_places = named_places(doc)
    return parts


def named_places(doc: Doc) -> dict[int, str]:
    """The country of each token of a named place that is not a country ("Kharkiv",
    "Gaza"), wherever it stands ("shelled Kharkiv": the place struck; a country is an actor
    already): the place entities, and the runs of proper nouns the small model leaves
    untagged or mistags (ORG, NORP), that the gazetteer knows (never a PERSON)."""
    found: dict[int, str] = {}
    runs = [(e.start, e.end) for e in doc.ents if e.label_ in PLACE_LABELS]
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].ent_type_ != "PERSON":
            end += 1
        if end > i:
            runs.append((i, end))
        i = max(end, i + 1)
    for start, end in runs:
        if start in found:
            continue
        known = resolve_place(doc[start:end].text)
        if known is not None and known.country and not known.is_country:
            found.update(dict.fromkeys(range(start, end), known.country))
    return found


def _attachable(doc: Doc, parsed: ParsedDoc, key: str, attribute: str) -> list[Attached]:
    """The spans of ``key`` whose ``attribute`` extension holds a value."""
    found = ((span, getattr(span._, attribute)) for span in _spans(doc, key))
    return [Attached(span, value, parsed[span.root.i]) for span, value in found if isinstance(value, dict)]


def _within_noun(span: Span, trigger: Tok) -> bool:
    """Whether a span sits inside an event noun's phrase ("the 2018 election visit")."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    if not (trigger.left_edge.i <= span.start and span.end <= trigger.right_edge.i + 1):
        return False
    token = trigger.parsed[span.root.i]  # "talks in Galwan, the site of a clash on Monday": the clash's date
    while token.i != trigger.i and token.head.i != token.i:
        if token.dep_ in ("appos", "relcl", "acl"):
            return False
        token = token.head
    return True


def _in_clause(root: Tok, predicate: Predicate) -> bool:
    return clause_head(root).i == predicate.anchor.i or root.head.i == predicate.trigger.i


def _explicit_year(dated: Dated) -> bool:
    return bool(re.search(r"\b\d{4}\b", dated.span.text)) and str(dated.when.get("date", ""))[:1] in "12"
