"""The ``amity_events_v1`` spaCy component: runs the passes over each sentence
(candidate clauses and participants in ``grammar``, dates in ``dating``, records in
``records``) and writes ``doc._.events``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from amity.codebook import SHIPPED, Codebook, activate
from amity.codebook.cameo import CameoCodebook
from amity.codebook.verbs import VerbCodebook
from amity.models import Actor, Amount, Event
from amity.nlp.events.dating import DateChooser, _starts_paragraph
from amity.nlp.events.grammar import SentenceParser, paired_nouns_of
from amity.nlp.events.index import ParsedDoc
from amity.nlp.events.parts import collect_parts
from amity.nlp.events.records import (
    Resolve,
    Story,
    _armed,
    _at_date,
    _attached,
    _candidate_dyads,
    _clause_chars,
    _confidence,
    _location,
    _same_side,
    _unique,
    repressed,
)
from amity.nlp.events.roles import Predicate
from amity.nlp.extensions import doc_text, register_extensions
from amity.nlp.places_events import place_events
from amity.nlp.registry import CODEBOOK_CONFIG


class EventCoder:
    """The ``amity_events_v1`` pipeline component."""

    def __init__(self, nlp: Language, name: str, extra_verb_files: Sequence[str] = (),
                 min_confidence: float = 0.0, extra_actor_files: Sequence[str] = (),
                 codebook: Codebook = SHIPPED) -> None:
        register_extensions()
        self.name = name
        self.book = codebook.extended(extra_actor_files, extra_verb_files)
        activate(self.book)
        self.verbs: VerbCodebook = self.book.verbs()
        # the same codebook (same user files) the actor component resolved the mentions with
        actor_book = self.book.actors()
        self.resolve: Resolve = actor_book.resolve
        self.sector_words = {form: word.sector for form, word in actor_book.sector_words.items()}
        self.paired_nouns = paired_nouns_of(self.verbs)
        self.cameo: CameoCodebook = self.book.cameo
        self.min_confidence = float(min_confidence)
        self.strings: dict[int, str] = {}  # string-store key -> string, shared by every document

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        activate(self.book)
        parsed = ParsedDoc(doc, self.strings)
        parts = collect_parts(doc, parsed, self.verbs.locative_nouns)
        story = Story(doc._.doc_name or "", doc._.published, parts)
        estimate = doc._.estimate if (doc._.estimate or {}).get("basis") == "estimated" else None
        reference = story.published or (estimate or {}).get("guess")  # an undated article's best guess
        chooser = DateChooser(parsed, parts.dates, reference, parts.ungrounded, self.verbs.gathering_nouns,
                              estimated=(estimate or {}).get("when"))
        parser = SentenceParser(self.verbs, parts.actors, parsed, [(p.span, p.value) for p in parts.places],
                                [d.span for d in parts.dates], self.sector_words.get, self.paired_nouns,
                                parts.named_places)
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
        doc._.events = place_events(doc, _unique(events), story.published,
                                      frozenset(self.verbs.gathering_nouns))
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
            agent = _armed(_at_date(story.mention(source), when, story.cache, self.resolve), entry.code,
                           self.verbs.armed_codes)
            recipient = _at_date(story.mention(target), when, story.cache, self.resolve)
            if confidence < self.min_confidence or (_same_side(agent, recipient) and not inside):
                continue
            coded = self.cameo.get(repressed(entry.code, predicate.trigger.lemma_.lower(), agent, recipient, self.verbs))
            event = Event(
                doc_name=story.doc_name,
                source=Actor.from_dict(agent), target=Actor.from_dict(recipient),
                cameo=coded.code, cameo_root=coded.root, cameo_name=coded.name,
                goldstein=coded.goldstein, quad=coded.quad, plover=coded.plover,
                sentence=text, sentence_index=index, span=(start, end),
                trigger=predicate.trigger.text, date=when["date"], date_precision=when["precision"],
                date_basis=when["basis"], amounts=amounts,
                location=_location(parts, predicate, (source, target), self.verbs.place_preps),
                negated=predicate.negated, factual=predicate.factual,
                confidence=confidence, published=story.published,
            )
            records.append({**event.to_dict(), "_inferred": predicate.inferred, "_retold": predicate.retold})
        return records


@Language.factory("amity_events_v1", default_config={"extra_verb_files": [], "min_confidence": 0.0,
                                                     "extra_actor_files": [], "codebook": CODEBOOK_CONFIG})
def make_event_coder(nlp: Language, name: str, extra_verb_files: list[str],
                     min_confidence: float, extra_actor_files: list[str], codebook: Codebook) -> EventCoder:
    """spaCy factory: ``nlp.add_pipe("amity_events_v1")``."""
    return EventCoder(nlp, name, extra_verb_files, min_confidence, extra_actor_files, codebook)
