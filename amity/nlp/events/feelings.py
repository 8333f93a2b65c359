"""Feelings an actor states about another: "X is concerned about Y's buildup", "X was
deeply troubled by reports of the arrest of Y", "X is grateful to Y for its help".

A pass of the sentence parser (:class:`amity.nlp.events.grammar.SentenceParser` inherits
it). A feeling word of the codebook (``feeling_words``) said of an actor, as the
complement of "be"/"feel" or as a passive participle, is a statement toward the actor
its by/about/at/over/with/to/for phrase names: disapproval 111 (a disapproving word),
praise 051 (an approving one) or a pessimistic comment 012, which becomes 111 when the
concern is at a coercive or violent act (CODING.md §3).
"""

from __future__ import annotations

from collections.abc import Iterator

from amity.nlp.events.index import Tok, children_with, clause_head
from amity.nlp.events.judgements import CONFLICT_ROOTS
from amity.nlp.events.modality import ModalityPass
from amity.nlp.events.roles import Predicate, Role

COPULAS = frozenset({"be", "feel", "remain", "become", "seem", "appear", "grow"})
TOPIC_PREPS = frozenset({"by", "about", "at", "over", "with", "to", "for", "on", "regarding"})


class FeelingPass(ModalityPass):
    """Codes feelings stated of an actor toward another."""

    def feeling_code(self, word: str) -> str | None:
        """111, 051 or 012 for a feeling word of the codebook, else None."""
        book = self.book
        if word not in book.feeling_words:
            return None
        if word in book.disapproving_words:
            return "111"
        if word in book.approving_words:
            return "051"
        return "012" if word in book.pessimistic_words else None

    def _feeling(self, word: Tok, consumed: set[int]) -> Iterator[Predicate]:
        code = self.feeling_code(word.lower_)
        clause, subject = _stated_of(word)
        if code is None or word.i in consumed or clause is None or subject is None:
            return
        speaker = self.speaker(clause)
        sources = speaker if speaker and subject.lower_ in self.book.pronouns else self.actors.all_of(subject)
        topics = [p for head in dict.fromkeys((word, clause)) for p in children_with(head, "prep", "agent")
                  if p.lower_ in TOPIC_PREPS]
        targets = self._felt_toward(topics, sources)
        if not sources or not targets:
            return
        if code == "012" and any(self._conflict_noun(t) for p in topics for t in p.subtree):
            code = "111"  # concern at an arrest or an attack disapproves of it
        negated, factual, future = self.modality(clause)
        consumed.add(word.i)
        yield Predicate(word, code, sources, targets, clause_head(clause), negated,
                        factual and not future, True, False, [word.i], False)

    def _felt(self, speech: Predicate, found: list[Predicate]) -> bool:
        """'said: "We are deeply troubled by ..."': the feeling coded inside the statement is
        the event, not the statement judged by its words."""
        pattern = self.verb_pattern(speech.trigger)
        if pattern is None or not pattern.speech or speech.trigger.pos_ == "NOUN":
            return False
        inside = {t.i for c in children_with(speech.trigger, "ccomp") for t in c.subtree}
        sides = {self.actors.country(r) for r in speech.sources}
        return any(p.trigger.i in inside and p.trigger.lower_ in self.book.feeling_words
                   and {self.actors.country(r) for r in p.sources} & sides for p in found)

    def _felt_toward(self, topics: list[Tok], sources: list[Role]) -> list[Role]:
        """The first actor (with its conjuncts) the topic phrases name, not the feeler's own side."""
        own = {self.actors.country(r) for r in sources}
        for prep in topics:
            for token in prep.subtree:
                number = self.actors.at.get(token.i)
                if number is None or self.actors.actors[number].get("country") in own:
                    continue
                root = self.actors.roots[number]
                root = root.head if root.dep_ in ("compound", "amod", "nmod", "poss") else root  # "the EU Council"
                conjoined = (self.actors.at.get(c.i) for c in root.conjuncts)
                return [Role(n, False) for n in dict.fromkeys([number, *conjoined]) if n is not None]
        return []

    def _conflict_noun(self, token: Tok) -> bool:
        pattern = self.book.noun(token.lemma_) if token.pos_ == "NOUN" else None
        return pattern is not None and bool(pattern.code) and str(pattern.code)[:2] in CONFLICT_ROOTS


def _stated_of(word: Tok) -> tuple[Tok | None, Tok | None]:
    """(clause head, subject) of a feeling word: "X is concerned" (complement of a copula),
    "X was troubled by" (a passive participle)."""
    if word.dep_ == "acomp" and word.head.lemma_.lower() in COPULAS:
        subjects = children_with(word.head, "nsubj")
        return (word.head, subjects[0]) if subjects else (None, None)
    subjects = children_with(word, "nsubjpass")
    return (word, subjects[0]) if subjects else (None, None)
