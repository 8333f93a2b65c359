"""Predicates and their participants over spaCy's dependency parse.

The sentence parser: one pass over a sentence's tokens finds its coded predicates
(verbs, then event nouns from the predicate codebook), then settles them (implied
participants, statements coded by what they say, the story's memory). The passes it
composes are modules of their own: ``participants`` (a verb's entry, agents and
recipients), ``modality`` (negation, factuality, intent), ``clauses`` (coded verbs),
``nouns`` (event nouns), ``agreements`` (named, dated agreements), ``judgements``
(statements, judgements, concern, warnings) and ``recipients`` (implied participants,
the story's pair, a hosting's visit). The event coder (:mod:`amity.nlp.events`) turns
each :class:`Predicate` into event records.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Span

from amity.codebook.verbs import Pattern, VerbCodebook
from amity.nlp.events.agreements import AgreementPass
from amity.nlp.events.clauses import ClausePass, SectorOf
from amity.nlp.events.feelings import FeelingPass
from amity.nlp.events.index import ParsedDoc, children_with, clause_head
from amity.nlp.events.nouns import NounPass, paired_nouns_of
from amity.nlp.events.participants import choose_rule
from amity.nlp.events.quotes import QuoteSpeakers
from amity.nlp.events.roles import ActorIndex, Agent, Predicate, Role
from amity.nlp.extensions import doc_text

__all__ = ["ActorIndex", "Predicate", "Role", "SentenceParser", "clause_head", "choose_rule", "paired_nouns_of"]


class SentenceParser(ClausePass, FeelingPass, NounPass, AgreementPass):
    """Finds the coded predicates of one sentence."""

    def __init__(self, book: VerbCodebook, actors: ActorIndex, parsed: ParsedDoc,
                 places: list[tuple[Span, dict[str, Any]]] | None = None,
                 dates: list[Span] | None = None, sector_of: SectorOf | None = None,
                 paired_nouns: frozenset[str] | None = None, named_places: dict[int, str] | None = None) -> None:
        self.book = book
        self.sector_of: SectorOf = sector_of or (lambda word: None)  # a sector word's sector
        self.actors = actors
        self.parsed = parsed
        self.places = [(parsed[span.root.i], place) for span, place in places or []]  # (root, place)
        self.named_places = named_places or {}  # token index -> country of a named place ("Kharkiv")
        self.dates = dates or []
        self.patterns: dict[int, Pattern | None] = {}  # token index -> its verb entry
        self.speakers: dict[int, list[Role] | None] = {}  # token index -> ``speaker``'s answer
        self.history: list[tuple[str, tuple[Agent, ...]]] = []  # (CAMEO code, agents) of acts told so far
        self.pair: tuple[Role, Role] | None = None  # the two sides the text last paired
        self.paired_nouns = paired_nouns_of(book) if paired_nouns is None else paired_nouns  # the coder's, once
        self.quotes = QuoteSpeakers(doc_text(parsed.doc))  # who speaks a quotation running over sentences

    def parse(self, sent: Span) -> list[Predicate]:
        """Every coded predicate of the sentence (verbs first, then event nouns)."""
        parsed, span = self.parsed, range(sent.start, sent.end)
        self.quotes.begin(sent)
        if parsed.sentence_trees and not any(i in self.actors.at for i in span) and not (
                self.pair and any(parsed.lemmas[i] in self.paired_nouns for i in span)):
            return []  # no actor in the sentence's own tree (nor a mutual noun of the pair): no event
        found = self._settle(self._candidates(sent))
        for i in span:
            pattern = self.pattern_at(i) if parsed.tags[i].startswith("VB") else None
            if pattern is not None and pattern.speech:  # '"...," the spokesman said': the speaker
                self.quotes.said(self.subjects(parsed[i])[0])
        return found

    def _candidates(self, sent: Span) -> list[Predicate]:
        """The sentence's coded verbs, then its event nouns not already accounted for."""
        found: list[Predicate] = []
        consumed: set[int] = set()
        parsed = self.parsed
        for i in range(sent.start, sent.end):
            verbal = parsed.poses[i] in ("VERB", "AUX") or parsed.tags[i].startswith("VB")
            if verbal and self.pattern_at(i) is not None:  # (``_verb`` codes nothing else)
                found.extend(self._verb(parsed[i], consumed))
            elif parsed.lowers[i] in self.book.feeling_words:
                found.extend(self._feeling(parsed[i], consumed))
        for i in range(sent.start, sent.end):
            if parsed.poses[i] in ("NOUN", "PROPN") and i not in consumed and (
                    i not in self.actors.at or self._act_as_actor(parsed[i])):
                if not self._may_code(parsed.lemmas[i], parsed.lowers[i]):
                    continue
                token = parsed[i]
                dated = self._agreement_date(token)
                if dated is None and self._referred(token):
                    continue
                predicate = self._noun(token) if dated is None else self._agreement(token, dated)
                if predicate:
                    found.append(predicate)
                    consumed.update(predicate.consumed)  # "a call for the release of X": the release is asked
        return found

    def _settle(self, found: list[Predicate]) -> list[Predicate]:
        """Implied participants, statements coded by what they say, the story's memory."""
        for predicate in found:
            self._joint_act(predicate)
            self._reported_target(predicate)
            self._clause_target(predicate)
            self._warned(predicate)
            self._implicit(predicate)
        for predicate in found:
            if self._is_speech(predicate):
                self._judgement(predicate)
        found = [p for p in found if not self._relayed(p)]
        kept = [p for p in found if not self._felt(p, found) and (
                not self._is_speech(p) or p.code in self._judged or self._settle_speech(p, found))]
        self.history.extend((p.code, tuple(self._agent(r) for r in p.sources)) for p in kept
                            if p.factual and not p.negated and p.sources)
        kept = [p for p in kept if p.code not in self.book.uncoded_codes]
        for predicate in kept:
            self._concern_at_act(predicate)
        self._remember_pair(kept)
        return kept + [m for p in kept for m in self._mirror(p)]

    _judged = ("051", "111", "012", "020")

    def _relayed(self, speech: Predicate) -> bool:
        """'X's correspondent, reporting from Tokyo, said that ...': a reporter relaying the
        news states nothing of their own (the news is coded where its actors act)."""
        pattern = self.verb_pattern(speech.trigger) if speech.trigger.pos_ in ("VERB", "AUX") else None
        return pattern is not None and pattern.speech and any(c.dep_ in ("acl", "advcl") and c.lemma_.lower() in self.book.relaying_verbs
                   for s in children_with(speech.trigger, "nsubj") for c in [*s.children, *speech.trigger.children])

    def _may_code(self, lemma: str, lower: str) -> bool:
        """Whether a noun is an agreement word or an event noun (the only nouns coded)."""
        return (self.book.noun(lemma) is not None
                or any(w in self.book.named_agreements for w in (lemma.lower(), lower, lower.removesuffix("s"))))
