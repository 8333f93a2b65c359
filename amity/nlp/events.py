"""The event coder spaCy component (``amity_events_v1``): who did what to whom, when.

It reads the parse and the spans of the earlier components (``amity_actors``,
``amity_dates``, ``amity_amounts``, ``amity_places``; each may be absent) and writes
``doc._.events``, a list of ``Event.to_dict()`` records (docs/ARCHITECTURE.md). The
document-level fields (doc_id, event ids after merging) are the core's to finish.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from amity.codebook.actors import load_default as load_actors
from amity.codebook.cameo import CameoCodebook, load_cameo
from amity.codebook.verbs import VerbCodebook, load_verbs
from amity.models import Actor, Amount, Event, Location
from amity.nlp.events_grammar import ActorIndex, Predicate, Role, SentenceParser, clause_head
from amity.nlp.events_index import ParsedDoc, Tok
from amity.nlp.extensions import doc_text, register_extensions

CONTEXT_PRECISIONS = ("year", "month", "decade", "day")
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "from"}
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
    return parts


def _attachable(doc: Doc, parsed: ParsedDoc, key: str, attribute: str) -> list[Attached]:
    """The spans of ``key`` whose ``attribute`` extension holds a value."""
    found = ((span, getattr(span._, attribute)) for span in _spans(doc, key))
    return [Attached(span, value, parsed[span.root.i]) for span, value in found if isinstance(value, dict)]


def _within_noun(span: Span, trigger: Tok) -> bool:
    """Whether a span sits inside an event noun's phrase ("the 2018 election visit")."""
    if trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    return trigger.left_edge.i <= span.start and span.end <= trigger.right_edge.i + 1


def _in_clause(root: Tok, predicate: Predicate) -> bool:
    return clause_head(root).i == predicate.anchor.i or root.head.i == predicate.trigger.i


@dataclass
class Story:
    """What every event record of one document shares."""

    doc_name: str
    published: str | None
    parts: DocParts
    cache: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (actor id, date) -> actor
    mentions: dict[int, dict[str, Any]] = field(default_factory=dict)  # role index -> ``_mention`` (never changed)

    def mention(self, role: Role) -> dict[str, Any]:
        if role.index not in self.mentions:
            self.mentions[role.index] = _mention(self.parts.actors, role)
        return self.mentions[role.index]


LEAD_PARAGRAPHS = 1  # paragraphs 0 and 1 of the body are the lead, whose date the story carries


class DateChooser:
    """When each predicate happened: clause date, sentence date, narrative context, publication."""

    def __init__(self, parsed: ParsedDoc, dates: list[Dated], published: str | None,
                 ungrounded: list[Tok] | None = None, gatherings: set[str] | frozenset[str] = frozenset()) -> None:
        self.parsed = parsed
        self.dates = dates
        self.ungrounded = {t.i for t in ungrounded or []}
        self.published = published
        self.gatherings = gatherings
        self.context: dict[str, Any] | None = None
        self.story: dict[str, Any] | None = None  # the lead's date: what the news story is about
        self.story_told = False  # whether the lead has stated its date (perhaps one that cannot be placed)
        self.paragraph, self.paragraph_start = 0, 0
        self.previous: tuple[dict[str, Any] | None, set[str]] = (None, set())

    def new_paragraph(self, start: int) -> None:
        """A paragraph's narrative date ("In 2019, ...") ends with it; the lead's date
        ("agreed on Sunday ...") holds through the story."""
        named = {self.parsed.lemmas[i] for i in range(self.paragraph_start, start)} & self.gatherings
        self.previous = (self.context, named)
        self.paragraph, self.paragraph_start = self.paragraph + 1, start
        self.context = dict(self.story) if self.story else None

    def refer_back(self, sent: Span) -> None:
        """"At the conclusion of the conference, ...": a gathering the previous paragraph
        named and dated keeps its date in this one."""
        context, named = self.previous
        if not context or not named:
            return
        for tok in self.parsed.span(sent):
            if tok.lemma_ in named and tok.dep_ in ("pobj", "nsubj", "dobj") and any(
                    c.lower_ in ("the", "that", "this") for c in tok.children):
                self.context, self.previous = dict(context), (None, set())
                return

    def for_sentence(self, sent: Span) -> list[Dated]:
        """The sentence's dates; a month without a year ("that January") takes the year the
        sentence or the narrative states rather than the publication's."""
        found = [d for d in self.dates if sent.start <= d.span.start < sent.end]
        years = [d.when["date"][:4] for d in found if d.explicit]
        anchor = years[0] if years else None
        context = (self.context or {}).get("date")
        out = []
        for dated in found:
            year = anchor if anchor else (context[:4] if context and _anaphoric(dated.span) else None)
            if year and not dated.explicit and dated.when.get("precision") in ("month", "day"):
                when = {**dated.when, "date": year + str(dated.when["date"])[4:]}
                dated = Dated(dated.span, when, dated.anchor, dated.group, dated.root, dated.explicit)
            out.append(dated)
        return out

    def choose(self, predicate: Predicate, in_sentence: list[Dated]) -> list[dict[str, Any]]:
        """One or more ``{date, precision, basis}`` (a list of years gives one each)."""
        trigger = predicate.trigger
        stated = [d for d in in_sentence if predicate.date is not None and d.span.start == predicate.date.start]
        if stated:  # "the Paris Peace Agreement on 23 October 1991": the date given to the act itself
            return [_when(stated[0].when)]
        inside = [d for d in in_sentence if _within_noun(d.span, trigger)]
        clause = inside or [d for d in in_sentence if _in_clause(d.root, predicate)]
        if clause:
            best = min(clause, key=lambda d: abs(d.span.start - trigger.i))
            group = [d for d in in_sentence if d.group == best.group] if best.group >= 0 else [best]
            if len(group) < 2:
                return [self._finer(_when(best.when))]
            # "in 1993, 1998 and 2003": one event per year, its evidence ending at its year
            return [{**_when(d.when), "until": d.span.end_char} for d in group]
        above = _governing(predicate.anchor)
        governing = [d for d in in_sentence if d.anchor.i in above]
        governing = governing or [d for d in in_sentence if _framing(d.anchor, above)]
        if governing:
            return [_when(min(governing, key=lambda d: abs(d.span.start - trigger.i)).when)]
        if predicate.anchor.i in self.ungrounded:  # the text dates it, but relative to an unknown day
            return [{"date": None, "precision": "unknown", "basis": "unknown"}]
        if self.context and (_past_clause(predicate.anchor) or _same_time(predicate.anchor)):
            return [dict(self.context)]
        if self.published:
            return [{"date": self.published, "precision": "day", "basis": "publication"}]
        return [{"date": None, "precision": "unknown", "basis": "unknown"}]

    def _finer(self, when: dict[str, Any]) -> dict[str, Any]:
        """'this year' in a story already dated to the day keeps the day it agrees with."""
        date, known = str(when.get("date") or ""), str((self.context or {}).get("date") or "")
        if date and len(known) > len(date) and known.startswith(date):
            return dict(self.context or when)
        return when

    def remember(self, sent: Span, in_sentence: list[Dated]) -> None:
        """A past-tense sentence that states a date sets the paragraph's narrative context;
        the lead's first such date that is news (not background) is the story's date."""
        lead = self.paragraph <= LEAD_PARAGRAPHS and not self.story_told
        if lead and sent.root.i in self.ungrounded and _past(self.parsed[sent.root.i]):
            self.story_told = True  # "met this Saturday" with no publication date: no later date is the story's
        if not in_sentence:
            return
        introduces = _introduces(self.parsed, sent)  # "... made three moves in 1984: It invited ...": the list's date
        root = self.parsed[sent.root.i]
        texts = [d for d in in_sentence if d.when.get("basis", "text") == "text"
                 and d.when.get("precision") in CONTEXT_PRECISIONS and (introduces or d.anchor.i == root.i)]
        if not texts or not _past(root) or len({d.group for d in texts}) < len(texts):
            return  # no main-clause date, or a list of dates ("in 1993, 1998 and 2003")
        when = _when(texts[0].when)
        current = str((self.context or {}).get("date") or "")
        if not (current.startswith(str(when["date"])) and len(current) > len(str(when["date"]))):
            self.context = when  # a coarser date that agrees ("this year") keeps the finer one
        if lead and _news(self.context or when, self.published):
            self.story, self.story_told = dict(self.context or when), True


def _news(when: dict[str, Any], published: str | None) -> bool:
    """Whether a date is the news of a story published on ``published`` (within the year
    before it), not background ("established relations in 1953")."""
    date = str(when.get("date") or "")
    if not date or not published or len(published) < 10 or not published[:4].isdigit():
        return False
    return date >= f"{int(published[:4]) - 1:04d}{published[4:10]}"


def _starts_paragraph(text: str, previous: Span, sent: Span) -> bool:
    """Whether a blank line separates ``sent`` from the sentence before it."""
    gap = text[previous.start_char:sent.start_char]
    return "\n\n" in gap[len(gap.rstrip()):]


def _introduces(parsed: ParsedDoc, sent: Span) -> bool:
    """A sentence ending in a colon introduces the next one (a list of what happened then)."""
    last = next((i for i in reversed(range(sent.start, sent.end)) if not parsed.spaces[i]), None)
    return last is not None and parsed.texts[last] == ":"


def _explicit_year(dated: Dated) -> bool:
    return bool(re.search(r"\b\d{4}\b", dated.span.text)) and str(dated.when.get("date", ""))[:1] in "12"


def _anaphoric(span: Span) -> bool:
    """'that January', 'the same month': a date that points back into the narrative."""
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return before in ("that", "same") or span.text.lower().startswith(("that ", "the same "))


def _when(when: dict[str, Any]) -> dict[str, Any]:
    return {"date": when.get("date"), "precision": when.get("precision") or "unknown",
            "basis": when.get("basis") or "text"}


def _governing(anchor: Tok) -> set[int]:
    """The clause heads a clause is embedded in (its own included): a date there covers it."""
    heads = {anchor.i}
    token = anchor
    while token.head.i != token.i:
        token = token.head
        heads.add(clause_head(token).i)
    return heads


def _framing(anchor: Tok, above: set[int]) -> bool:
    """'After he was overthrown in 1970, he lived in exile, where ...': a temporal clause
    of a governing clause frames it in time."""
    marks = {c.lower_ for c in anchor.children if c.dep_ == "mark"}
    return (anchor.dep_ == "advcl" and anchor.head.i in above
            and bool(marks & {"after", "when", "following", "once", "since", "as"}))


def _same_time(anchor: Tok) -> bool:
    """'the same day', 'that day', 'at the time': the narrative's date, whatever the tense."""
    words = [t.lower_ for t in anchor.subtree]
    return any(a in ("same", "that") and b in ("day", "week", "month", "time") for a, b in zip(words, words[1:], strict=False))


def _past_clause(token: Tok) -> bool:
    """Whether a clause, or the clause it is reported or embedded in, is in the past."""
    while True:
        if _past(token):
            return True
        if token.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or token.head.i == token.i:
            return False
        token = token.head


def _past(verb: Tok) -> bool:
    if verb.tag_ == "VBD":
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


Resolve = Callable[[str, str | None], Any]


def _at_date(actor: dict[str, Any], when: dict[str, Any], cache: dict[tuple[str, str], dict[str, Any]],
             resolve: Resolve) -> dict[str, Any]:
    """The actor as of the event date (a person's role changes over time). Only an entry
    with a role on that date changes the mention's coding: otherwise (a country, a party, a
    person out of office then) the sector the text gave ("Israeli warplanes": MIL) holds."""
    actor_id, date = actor.get("actor_id"), when.get("date")
    if not (actor_id and date and when.get("basis") == "text"):
        return actor
    key = (str(actor_id), str(date))
    if key not in cache:
        try:
            found = resolve(str(actor_id), str(date))
            fresh = found.to_dict() if hasattr(found, "to_dict") else dict(found)
        except Exception:  # noqa: BLE001 - an unknown key keeps the mention's coding
            fresh = {}
        if "country" in fresh and not fresh["country"]:
            fresh = {}  # "Cambodia's Supreme Court": a country-less codebook entry; the text gave the country
        cache[key] = {k: v for k, v in fresh.items() if v is not None and k not in ("mention", "start", "end")}
    if not cache[key].get("role"):
        return actor  # no dated role to look up (a country, a party): the text's own coding holds
    return {**actor, **cache[key]}


def _confidence(predicate: Predicate, source: Role, target: Role, basis: str) -> float:
    score = 0.5 + (0.15 if predicate.specific else 0.0)
    score += 0.1 if source.direct else -0.05
    score += 0.1 if target.direct else -0.1
    score += 0.05 if basis == "text" else 0.0
    score -= 0.05 if predicate.trigger.pos_ == "NOUN" else 0.0
    return round(min(0.95, max(0.05, score)), 3)


def _dyads(predicate: Predicate, actors: ActorIndex) -> list[tuple[Role, Role]]:
    """One (source, target) pair per dyad; conjoined agents of a symmetric act pair up."""
    pairs = [(s, t) for s in predicate.sources for t in predicate.targets]
    if predicate.symmetric and len(predicate.sources) > 1 and not any(t.direct for t in predicate.targets):
        pairs = [(s, t) for s in predicate.sources for t in predicate.sources]
    elif predicate.symmetric:  # "Kishida met Hun Sen": the meeting is coded both ways
        pairs += [(t, s) for s, t in pairs]
    return [(s, t) for s, t in pairs if s.index != t.index]


def _candidate_dyads(predicate: Predicate, actors: ActorIndex) -> list[tuple[Role, Role, bool]]:
    """The dyads, then (flagged) for a country's own settlement whose named actors all turn
    out one side, its first actor with the country itself ("KHMGOV" -> "KHM")."""
    pairs = [(s, t, False) for s, t in _dyads(predicate, actors)]
    if predicate.domestic and predicate.sources and predicate.targets:
        pairs.append((predicate.sources[0], predicate.targets[0], True))
    return pairs


def _same_side(source: dict[str, Any], target: dict[str, Any]) -> bool:
    """A dyad within one actor: same code, or same country with a sector missing or equal."""
    if source.get("code") == target.get("code"):
        return True
    if source.get("country") != target.get("country") or not source.get("country"):
        return False
    return not source.get("sector") or not target.get("sector") or source.get("sector") == target.get("sector")


class EventCoder:
    """The ``amity_events_v1`` pipeline component."""

    def __init__(self, nlp: Language, name: str, extra_verb_files: Sequence[str] = (),
                 min_confidence: float = 0.0, extra_actor_files: Sequence[str] = ()) -> None:
        register_extensions()
        self.name = name
        self.verbs: VerbCodebook = load_verbs(list(extra_verb_files))
        # the same codebook (same user files) the actor component resolved the mentions with
        actor_book = load_actors(tuple(str(p) for p in extra_actor_files))
        self.resolve: Resolve = actor_book.resolve
        self.sector_words = {form: word.sector for form, word in actor_book.sector_words.items()}
        self.cameo: CameoCodebook = load_cameo()
        self.min_confidence = float(min_confidence)
        self.strings: dict[int, str] = {}  # string-store key -> string, shared by every document

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        parsed = ParsedDoc(doc, self.strings)
        parts = collect_parts(doc, parsed, self.verbs.locative_nouns)
        story = Story(doc._.doc_name or "", doc._.published, parts)
        chooser = DateChooser(parsed, parts.dates, story.published, parts.ungrounded, self.verbs.gathering_nouns)
        parser = SentenceParser(self.verbs, parts.actors, parsed, [(p.span, p.value) for p in parts.places],
                                [d.span for d in parts.dates], self.sector_words.get)
        events: list[dict[str, Any]] = []
        doc_chars = doc_text(doc)
        for index, sent in enumerate(parsed.sents):
            if index and _starts_paragraph(doc_chars, parsed.sents[index - 1], sent):
                chooser.new_paragraph(sent.start)  # a narrative date holds through its paragraph
            chooser.refer_back(sent)
            in_sentence = chooser.for_sentence(sent)
            predicates = parser.parse(sent)
            text = parsed.text(sent) if predicates else ""
            for predicate in predicates:
                for when in chooser.choose(predicate, in_sentence):
                    events.extend(self._records(story, text, index, predicate, when))
            chooser.remember(sent, in_sentence)
        doc._.events = _unique(events)
        return doc

    def _records(self, story: Story, text: str, index: int, predicate: Predicate,
                 when: dict[str, Any]) -> list[dict[str, Any]]:
        entry = self.cameo.get(predicate.code)
        start, end = _clause_chars(predicate)
        end = max(start + 1, min(end, int(when.get("until") or end)))
        parts = story.parts
        amounts = [Amount.from_dict(a.value) for a in parts.amounts if _attached(a, predicate)]
        records: list[dict[str, Any]] = []
        for source, target, inside in _candidate_dyads(predicate, parts.actors):
            if inside and records:
                break
            confidence = _confidence(predicate, source, target, when["basis"])
            agent = _at_date(story.mention(source), when, story.cache, self.resolve)
            recipient = _at_date(story.mention(target), when, story.cache, self.resolve)
            if confidence < self.min_confidence or (_same_side(agent, recipient) and not inside):
                continue
            event = Event(
                doc_name=story.doc_name,
                source=Actor.from_dict(agent), target=Actor.from_dict(recipient),
                cameo=entry.code, cameo_root=entry.root, cameo_name=entry.name,
                goldstein=entry.goldstein, quad=entry.quad, plover=entry.plover,
                sentence=text, sentence_index=index, span=(start, end),
                trigger=predicate.trigger.text, date=when["date"], date_precision=when["precision"],
                date_basis=when["basis"], amounts=amounts,
                location=_location(parts, predicate, (source, target)),
                negated=predicate.negated, factual=predicate.factual,
                confidence=confidence, published=story.published,
            )
            records.append(event.to_dict())
        return records


def _mention(actors: ActorIndex, role: Role) -> dict[str, Any]:
    span = actors.spans[role.index]
    actor = dict(actors.actors[role.index])
    actor.setdefault("mention", span.text)
    if actor.get("start") is None:
        actor["start"], actor["end"] = span.start_char, span.end_char
    return actor


def _clause_chars(predicate: Predicate) -> tuple[int, int]:
    """Character offsets of the clause (or noun phrase) that states the event."""
    head = predicate.anchor if predicate.trigger.pos_ != "NOUN" else predicate.trigger
    left, right = head.left_edge, head.right_edge
    while right.i > left.i and right.is_punct:
        right = right.nbor(-1)
    return left.idx, right.idx + len(right.text)


def _attached(attached: Attached, predicate: Predicate) -> bool:
    return _within_noun(attached.span, predicate.trigger) or _in_clause(attached.root, predicate)


def _location(parts: DocParts, predicate: Predicate, roles: tuple[Role, Role]) -> Location | None:
    taken = {i for r in roles for i in range(parts.actors.spans[r.index].start, parts.actors.spans[r.index].end)}
    for place in parts.places:
        span = place.span
        if (_attached(place, predicate) and place.root.head.lower_ in PLACE_PREPS
                and not taken & set(range(span.start, span.end))):
            return Location.from_dict(place.value)
    return None


def _unique(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One event per dyad, root and date in a clause, and in a sentence the article repeats
    word for word (a paragraph printed twice tells one act once, CODING.md §1)."""
    seen: set[tuple[Any, ...]] = set()
    out = []
    for event in events:
        source, target = event["source"], event["target"]
        inside = source["country"] == target["country"]  # "Sihanouk and Hun Sen signed": both sides
        dyad = (source["code"] if inside else source["country"] or source["code"],
                target["code"] if inside else target["country"] or target["code"],
                event["cameo_root"], event["date"])
        keys = [(*dyad, event["sentence_index"]), (*dyad, " ".join(str(event["sentence"]).split()))]
        if not any(key in seen for key in keys):
            seen.update(keys)
            out.append(event)
    return out


@Language.factory("amity_events_v1", default_config={"extra_verb_files": [], "min_confidence": 0.0,
                                                     "extra_actor_files": []})
def make_event_coder(nlp: Language, name: str, extra_verb_files: list[str],
                     min_confidence: float, extra_actor_files: list[str]) -> EventCoder:
    """spaCy factory: ``nlp.add_pipe("amity_events_v1")``."""
    return EventCoder(nlp, name, extra_verb_files, min_confidence, extra_actor_files)
