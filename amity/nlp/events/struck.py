"""The place an attack strikes: "shelled Kharkiv", "strikes on Gaza", "Kharkiv faced shelling".

A pass of the sentence parser (:class:`amity.nlp.events.grammar.SentenceParser` inherits
it, through the verb and the implied-recipient passes): CODING.md codes an air strike "on
southern Lebanon" toward the country of the place struck. The named places come from
:func:`amity.nlp.events.parts.named_places`; the prepositions of aim and the verbs of
enduring are codebook data (``struck_preps``, ``enduring_verbs``).
"""

from __future__ import annotations

from amity.nlp.events.index import Tok, children_with, pobjs
from amity.nlp.events.participants import ParticipantPass


class StruckPass(ParticipantPass):
    """Finds the country of the named place an attack is aimed at."""

    named_places: dict[int, str]  # token index -> country of a named place that is not a country

    def struck_country(self, trigger: Tok, anchor: Tok) -> str | None:
        """The country of the named place an attack strikes: the verb's object ("shelled
        Kharkiv", "Kharkiv was shelled"), a place after a preposition of aim ("strikes on
        Gaza", "the shelling of Kharkiv", "fired toward Jerusalem") or the subject of a
        verb of enduring ("Kharkiv faced Russian shelling", "came under fire")."""
        heads = [trigger, *([anchor] if trigger.pos_ in ("NOUN", "PROPN") else [])]
        aimed = [o for h in heads for p in children_with(h, "prep") if p.lower_ in self.book.struck_preps
                 for o in pobjs(p)]
        objects = [*children_with(trigger, "dobj", "nsubjpass"), *aimed]
        if trigger.pos_ in ("NOUN", "PROPN"):
            objects += self._enduring(trigger)
            objects += self._happened_at([trigger, *aimed])
        for obj in objects:
            for token in (obj, *children_with(obj, "compound", "appos"),
                          *(o for p in children_with(obj, "prep") if p.lower_ == "of" for o in pobjs(p))):
                if token.i in self.named_places and token.i not in self.actors.at:
                    return self.named_places[token.i]
        return None

    def posture_country(self, trigger: Tok, anchor: Tok, own: set[str | None]) -> str | None:
        """The other country a show of force is made at: named after a preposition of place
        ("drills near Taiwan", "exercises in Vietnam's waters", "troops along the border of
        X"), as that phrase's head, possessor, compound or of-object, or the country of the
        named place there; not the agent's own country."""
        heads = [trigger, *([anchor] if anchor.i != trigger.i else [])]
        forces = children_with(trigger, "dobj")  # "massed [tens of thousands of] troops near X"
        for head in forces:
            forces.extend(o for p in children_with(head, "prep") if p.lower_ == "of" for o in pobjs(p))
        heads += forces
        for obj in (o for h in heads for p in children_with(h, "prep") if p.lower_ in self.book.posture_preps
                    for o in pobjs(p)):
            for token in (obj, *children_with(obj, "poss", "compound", "appos"),
                          *(o for p in children_with(obj, "prep") if p.lower_ in ("of", "with") for o in pobjs(p))):
                country = (self.actors.actors[self.actors.at[token.i]].get("country") if token.i in self.actors.at
                           else self.named_places.get(token.i))
                if country and country not in own:
                    return str(country)
        return None

    def _happened_at(self, nouns: list[Tok]) -> list[Tok]:
        """The place a relative clause of happening puts an attack at ("the shelling of homes
        that took place on Monday in X", "an attack which occurred near X")."""
        clauses = [c for n in nouns for c in children_with(n, "relcl", "acl")
                   if c.lemma_.lower() in self.book.happening_verbs]
        return [o for c in clauses for p in children_with(c, "prep") if p.lower_ in ("in", "at", "near")
                for o in pobjs(p)]

    def _enduring(self, noun: Tok) -> list[Tok]:
        """The subject that suffers an event noun ("X faced shelling", "X came under attack")."""
        verb = noun.head
        if noun.dep_ == "pobj" and verb.lower_ == "under":
            verb = verb.head
        elif noun.dep_ != "dobj":
            return []
        if verb.lemma_.lower() not in self.book.enduring_verbs:
            return []
        return children_with(verb, "nsubj", "nsubjpass")
