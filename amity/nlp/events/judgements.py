"""Statements coded by what they say: judgements, characterisations, concern, warnings.

A pass of the sentence parser (:class:`amity.nlp.events.grammar.SentenceParser` inherits
it): a bare statement ("said") whose content judges ("the election was neither free nor
fair") is praise (051), criticism (111) or pessimism (012) of the side judged; a judging
verb's characterisation ("described the attacks as ...") gives its code; concern at a
violent act is criticism; a warning is addressed to the side its content names; a bare
statement is dropped when its content is coded from the speaker's side, else addressed to
an actor of its content.
"""

from __future__ import annotations

from collections.abc import Iterable

from amity.nlp.events.index import Tok, children_with, pobjs
from amity.nlp.events.participants import ParticipantPass
from amity.nlp.events.roles import Predicate, Role

CONFLICT_ROOTS = frozenset({"15", "16", "17", "18", "19", "20"})  # acts a concern at them disapproves of


class JudgementPass(ParticipantPass):
    """Codes statements by what they say and finds whom they address."""

    def _is_speech(self, predicate: Predicate) -> bool:
        """A verb of saying coded as a bare statement (not one a rule coded by what it
        declares: "declared a truce" is 0871, no statement)."""
        pattern = self.verb_pattern(predicate.trigger)
        refined = predicate.specific and pattern is not None and predicate.code != pattern.code
        return predicate.trigger.pos_ != "NOUN" and pattern is not None and pattern.speech and not refined

    def _judgement(self, speech: Predicate) -> None:
        """'said the election was neither free nor fair': a statement judging something is
        praise (051) or criticism (111) of the side the judged thing belongs to; one whose
        content condemns or worries ("said the unprovoked invasion ...") is 111 or 012."""
        for content in children_with(speech.trigger, "ccomp"):
            code = self._judged_code(content)
            appealed = [] if code is not None else self._appealed(speech, content)
            if code is None and not appealed:
                continue
            if not speech.sources or speech.negated or not speech.factual:
                return
            speech.code, speech.specific = code or "020", True
            if not speech.targets:
                speech.targets = appealed or self._judged_side(speech, content)
            return

    def _appealed(self, speech: Predicate, content: Tok) -> list[Role]:
        """'said the Chinese side should reassess its actions', 'we hope that all parties in
        X can settle ...': a content telling another country's actor what it should do is
        an appeal (020) to that actor; returns the actors appealed to (none: no appeal)."""
        clause: Tok | None = content
        if content.lemma_.lower() in self.book.hoping_verbs:
            clause = next(iter(children_with(content, "ccomp")), None)
        elif not any(c.dep_ == "aux" and c.lemma_.lower() in self.book.appeal_auxiliaries for c in content.children):
            return []
        if clause is None:
            return []
        speakers = {self.actors.country(r) for r in speech.sources}
        found = []
        for subject in children_with(clause, "nsubj"):  # "the Chinese side": a locative head word
            inside = [Role(self.actors.at[t.i], False) for t in subject.subtree if t.i in self.actors.at][:1]
            found += self.actors.all_of(subject) or inside
        return [r for r in found if self.actors.country(r) not in speakers]

    def _judged_code(self, content: Tok) -> str | None:
        """111, 051 or 012 for a reported clause that judges, else None."""
        if content.lemma_.lower() == "be":
            words = [c for c in content.children if c.dep_ in ("acomp", "attr")]
            words += [w for c in words for w in c.conjuncts]
            lemmas = {w.lemma_.lower() for w in words}
            denied = any(c.dep_ in ("neg", "preconj") or c.lower_ in ("not", "never", "neither")
                         for w in [content, *words] for c in w.children)
            if lemmas & self.book.disapproving_words or (denied and lemmas & self.book.approving_words):
                return "111"
            if lemmas & self.book.approving_words:
                return "051"
        return self._judged_words(_words_of(content.subtree), self.book.critical_words, frozenset())

    def _characterised(self, verb: Tok) -> str | None:
        """'described the attacks as an indication of the repressive nature of ...': the
        words of the characterisation ("as ...", its object predicate) give 111, 051 or 012."""
        heads = [verb, *children_with(verb, "dobj")]  # "described the attacks as ...": "as" may hang on the object
        parts = [o for h in heads for p in children_with(h, "prep") if p.lower_ == "as" for o in pobjs(p)]
        parts += children_with(verb, "oprd", "ccomp", "xcomp")
        said = _words_of(t for part in parts for t in part.subtree)
        return self._judged_words(said, self.book.critical_words | self.book.disapproving_words,
                                  self.book.approving_words)

    def _judged_words(self, said: set[str], critical: set[str] | frozenset[str],
                      approving: set[str] | frozenset[str]) -> str | None:
        """111 for critical words, else 051 for approving ones, else 012 for pessimistic ones."""
        if said & critical:
            return "111"
        if said & approving:
            return "051"
        return "012" if said & self.book.pessimistic_words else None

    def _judged_side(self, speech: Predicate, content: Tok) -> list[Role]:
        """The actor named in the judged clause, else the story's main country."""
        speakers = {self.actors.country(r) for r in speech.sources}
        sectors = {self.actors.sector(r) for r in speech.sources} - {None}
        for foreign in (True, False):  # another country's actor first, then a domestic one of another sector
            for token in content.subtree:
                number = self.actors.at.get(token.i)
                if number is not None and self._judged_actor(self.actors.actors[number], speakers, sectors, foreign):
                    root = self.actors.roots[number]
                    root = root.head if root.dep_ in ("compound", "amod", "nmod", "poss") else root  # "the EU Council"
                    conjoined = (self.actors.at.get(c.i) for c in root.conjuncts)
                    return [Role(n, False) for n in dict.fromkeys([number, *conjoined]) if n is not None]
        speaker = speech.sources[0]
        own = self.actors.country(speaker)
        if own and self.actors.sector(speaker) in ("OPP", "CVL", "REB", "PTY"):  # the opposition judges its own government
            return [self.actors.virtual(own, "GOV", speaker)]
        avoid = {c for c in speakers if c}
        country = self.actors.focus(avoid, frozenset(self.book.domestic_sectors)) or self.actors.focus(avoid)
        return [self.actors.virtual(country, None, speech.sources[0])] if country else []

    @staticmethod
    def _judged_actor(actor: dict[str, object], speakers: set[str | None], sectors: set[str | None],
                      foreign: bool) -> bool:
        """Whether a content's actor is the side judged: of another country, or (``foreign``
        false) of the speaker's country with a sector of its own ("the penitentiary service
        alleged that Navalny ...")."""
        if foreign:
            return actor.get("country") not in speakers
        sector = actor.get("sector")
        return bool(sectors) and sector is not None and sector not in sectors

    def _settle_speech(self, speech: Predicate, found: list[Predicate]) -> bool:
        """A bare statement: drop it when its content is coded from the speaker's side,
        else find its target among the content's actors. Returns whether to keep it."""
        contents = children_with(speech.trigger, "ccomp")
        if not contents:
            return bool(speech.targets)
        inside = {t.i for c in contents for t in c.subtree}
        speakers = {r.index for r in speech.sources}
        sides = {self.actors.country(r) for r in speech.sources}
        for other in found:
            if other.trigger.i in inside and {self.actors.country(r) for r in other.sources} & sides:
                return False
        if speech.targets:
            return True
        for i in sorted(inside):
            number = self.actors.at.get(i)
            if number is not None and number not in speakers:
                speech.targets = [Role(number, False)]
                return True
        return False

    def _concern_at_act(self, predicate: Predicate) -> None:
        """'expressed concern about reports of police harassment and arrests': concern at an
        actor's coercive or violent act disapproves of it (111, CODING.md §3), not 012."""
        if predicate.code != "012" or predicate.trigger.pos_ in ("NOUN", "PROPN") or not predicate.targets:
            return
        for obj in children_with(predicate.trigger, "dobj"):
            acts = (self.book.noun(t.lemma_) for t in obj.subtree if t.i != obj.i)
            if any(p is not None and p.code and p.code[:2] in CONFLICT_ROOTS for p in acts):
                predicate.code, predicate.specific = "111", True
                return

    def _warned(self, predicate: Predicate) -> None:
        """'Armenia warned that Azerbaijan would bear responsibility': a threat or warning
        whose content names another side is addressed to it."""
        if predicate.targets or not predicate.sources or predicate.code[:2] != "13":
            return
        own = {self.actors.country(r) for r in predicate.sources}
        for content in children_with(predicate.trigger, "ccomp"):
            named = [self.actors.at[t.i] for t in content.subtree if t.i in self.actors.at]
            other = next((n for n in named if self.actors.actors[n].get("country") not in own), None)
            if other is not None:
                predicate.targets = [Role(other, False)]
                return


def _words_of(tokens: Iterable[Tok]) -> set[str]:
    """Lemmas and lower-case forms of ``tokens`` (what the judging word lists are matched on)."""
    return {w for t in tokens for w in (t.lemma_.lower(), t.lower_)}
