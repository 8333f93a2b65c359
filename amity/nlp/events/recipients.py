"""Implied participants and the story's memory of who faces whom.

A pass of the sentence parser (:class:`amity.nlp.events.grammar.SentenceParser` inherits
it): conjoined agents of a cooperative act do it together; reported content is addressed
to the hearer; the state behind an agentless arrest, the place of a visit, the agents of
an act told earlier or the story's country are the implied recipients; the pair of sides
the text last set against each other is remembered; a hosting is also the guest's visit.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from amity.nlp.events.index import Tok, children_with, pobjs, words_around
from amity.nlp.events.participants import _listed, choose_rule
from amity.nlp.events.roles import Agent, Predicate, Role
from amity.nlp.events.struck import StruckPass


class RecipientPass(StruckPass):
    """Finds the participants a text implies and remembers the story's pair."""

    places: list[tuple[Tok, dict[str, Any]]]  # (root, place)
    history: list[tuple[str, tuple[Agent, ...]]]  # (CAMEO code, agents) of acts told so far
    pair: tuple[Role, Role] | None  # the two sides the text last paired

    def _joint_act(self, predicate: Predicate) -> None:
        """'China and Laos pledged to speed up talks': conjoined agents of different sides
        doing a cooperative act with no recipient do it together, toward each other."""
        if predicate.targets or predicate.symmetric or predicate.code[:2] not in self.book.joint_roots:
            return
        if len({self.actors.country(r) for r in predicate.sources}) > 1:
            predicate.symmetric = True

    def _reported_target(self, predicate: Predicate) -> None:
        """'A told B that A's side would X': reported content with no recipient is addressed
        to the hearer."""
        if predicate.targets or not predicate.sources:
            return
        clause = predicate.anchor
        while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "ccomp":
            return
        pattern = self.verb_pattern(clause.head)
        if pattern is None or not pattern.speech:
            return
        hearers = [r for c in children_with(clause.head, "dobj", "dative") for r in self.actors.all_of(c)]
        avoid = {self.actors.country(r) for r in predicate.sources}
        predicate.targets = [r for r in hearers if self.actors.country(r) not in avoid]

    def _clause_target(self, predicate: Predicate) -> None:
        """'demanded that Seoul halt the deployment', 'insisted that Tokyo apologise': a
        coded act (not a bare statement) whose recipient is the subject of its that-clause."""
        pattern = self.verb_pattern(predicate.trigger)
        if (predicate.targets or not predicate.sources or pattern is None or pattern.speech
                or predicate.symmetric or predicate.code[:2] == "01"):  # "agreed that ...": an accord
            return
        own = {self.actors.country(r) for r in predicate.sources}
        for content in children_with(predicate.trigger, "ccomp"):
            found = [r for s in children_with(content, "nsubj", "nsubjpass") for r in self.actors.all_of(s)
                     if self.actors.country(r) not in own]
            if found:
                predicate.targets = found
                return

    def _implicit(self, predicate: Predicate) -> None:
        """Participants the text implies: the state behind an agentless arrest, the place of
        a visit, the story's country as the recipient of aid or criticism."""
        code = predicate.code
        if not predicate.sources and predicate.targets and predicate.passive and _listed(code, self.book.state_agent_roots):
            target = predicate.targets[0]
            country = self.actors.country(target)
            if country and self.actors.actors[target.index].get("sector") != "IGO":
                judicial = predicate.trigger.lemma_.lower() in self.book.court_agent_verbs  # "were sentenced"
                predicate.sources = [self.actors.virtual(country, "JUD" if judicial else "GOV", target)]
            return
        if not predicate.targets and predicate.sources and code in self.book.release_appeal_codes:
            avoid = {self.actors.country(r) or "" for r in predicate.sources}  # "called for his release"
            found = next((a for c, agents in reversed(self.history) if c[:2] == "17"
                          for a in [[x for x in agents if x[0] and x[0] not in avoid]] if a), [])
            predicate.targets = [self.actors.virtual(c, s, predicate.sources[0]) for c, s in dict.fromkeys(found)]
            return
        if not predicate.targets and predicate.sources and code in self.book.own_country_codes:
            own = self.actors.country(predicate.sources[0])  # "declared a state of emergency"
            predicate.targets = [self.actors.virtual(own, "CVL", predicate.sources[0])] if own else []
            return
        if not predicate.targets and predicate.sources and _listed(code, self.book.posture_roots):
            agents = {self.actors.country(r) for r in predicate.sources}  # "held drills near Taiwan"
            shown = self.posture_country(predicate.trigger, predicate.anchor, agents)
            predicate.targets = [self.actors.virtual(shown, None, predicate.sources[0])] if shown else []
            return
        if not predicate.targets and predicate.sources and _listed(code, self.book.dissent_roots):
            predicate.targets = self._own_government(predicate.sources[0])  # "students protested"
            return
        if (predicate.targets or not predicate.sources or predicate.symmetric
                or not _listed(code, self.book.implicit_target_roots)):
            return
        if self._struck_target(predicate):
            return
        avoid = {self.actors.country(r) or "" for r in predicate.sources}
        if len(avoid) > 1 and len({self.actors.spans[r.index].end for r in predicate.sources}) == 1:
            return  # "both governments agreed to waive visas": the pair's joint act implies no third party
        country = self._place_country(predicate) if _listed(code, self.book.place_target_roots) else None
        if country is None and not self._has_object(predicate) and not (
                predicate.code[:2] == "13" and children_with(predicate.trigger, "prep")):
            return
        focus: list[Agent] = [(self.actors.focus(avoid) or "", self._seizure_sector(predicate))] \
            if _listed(code, self.book.focus_target_roots) else []
        found = [(country, None)] if country else (self._described_agents(predicate.trigger, avoid)
                                                   or self._earlier_agents(predicate, avoid) or focus)
        predicate.targets = [self.actors.virtual(c, s, predicate.sources[0]) for c, s in dict.fromkeys(found)
                             if c and c not in avoid]

    def _struck_target(self, predicate: Predicate) -> bool:
        """'shelled Kharkiv', 'Gaza faced Israeli strikes': the place struck's country (at
        home, the place's people: "the army bombed Omdurman")."""
        if not _listed(predicate.code, self.book.struck_place_roots):
            return False
        struck = self.struck_country(predicate.trigger, predicate.anchor)
        if not struck:
            return False
        at_home = struck == self.actors.country(predicate.sources[0])
        predicate.targets = [self.actors.virtual(struck, "CVL" if at_home else None, predicate.sources[0])]
        return True

    def _seizure_sector(self, predicate: Predicate) -> str | None:
        """"condemned the coup" with no agent told: addressed to the story's army (MIL)."""
        objects = children_with(predicate.trigger, "dobj")
        return "MIL" if any(o.lemma_.lower() in self.book.seizure_nouns for o in objects) else None

    def _agent(self, role: Role) -> Agent:
        """(country, sector) of an act's agent for the history: the sector its mention gave
        ("the army staged a coup": MIL; a bare "Russia" none)."""
        return self.actors.country(role) or "", self.actors.sector(role)

    def _own_government(self, protester: Role) -> list[Role]:
        """The government a country's people or opposition protest against (none for a state's own act)."""
        country = self.actors.country(protester)
        if not country or self.actors.sector(protester) not in self.book.dissent_sectors:
            return []
        return [self.actors.virtual(country, "GOV", protester)]

    def _earlier_agents(self, predicate: Predicate, avoid: set[str]) -> list[Agent]:
        """'ASEAN criticised the invasion', 'the Houthis condemned the airstrikes': the object
        is an act told earlier, and its agents (each of them) are the recipients, with their
        sectors ("condemned the attacks" by rebels: the rebels), except a state's organ named in
        ``state_answered_sectors`` (its airstrikes are answered to the state), unless the act is
        a seizure of power ("condemned the coup": the army that staged it)."""
        answered = [o for p in children_with(predicate.trigger, "prep") if p.lower_ in self.book.answer_preps
                    for o in pobjs(p)]  # "would retaliate to the new sanctions"
        for obj in [*children_with(predicate.trigger, "dobj"), *answered]:
            pattern = self.book.noun(obj.lemma_)
            if pattern is None or pattern.code is None:
                continue
            for width in (len(pattern.code), 2):  # the same act first ("invasion": 192), then its root
                for code, told in reversed(self.history):
                    agents = [a for a in told if a[0] not in avoid]
                    if code[:width] == pattern.code[:width] and agents:
                        return agents if obj.lemma_.lower() in self.book.seizure_nouns else [
                            (c, None if s in self.book.state_answered_sectors else s) for c, s in agents]
        return []

    def _described_agents(self, trigger: Tok, avoid: set[str]) -> list[Agent]:
        """'thanked those council members who voted against the sanctions': a recipient
        named only by what it did (a relative clause coded like an act told before, of the
        same root) is that act's agents."""
        heads = [*children_with(trigger, "dobj", "dative"), *(o for p in children_with(trigger, "prep") for o in pobjs(p))]
        heads += [o for h in list(heads) for p in children_with(h, "prep") for o in pobjs(p)]  # "gratitude to those who"
        for clause in (c for h in heads if h.i not in self.actors.at for c in children_with(h, "relcl")):
            pattern = self.verb_pattern(clause)
            rule = choose_rule(pattern, words_around(clause), None) if pattern is not None else None
            code = rule.code if rule is not None else pattern.code if pattern is not None else None
            for told, agents in reversed(self.history if code else []):
                found = [a for a in agents if a[0] and a[0] not in avoid]
                if told[:2] == str(code)[:2] and found:
                    return found
        return []

    def _has_object(self, predicate: Predicate) -> bool:
        """Whether the predicate acts on something (an object, or is itself an event noun)."""
        trigger = predicate.trigger
        if trigger.pos_ in ("NOUN", "PROPN"):
            return True
        heads = [trigger, *children_with(trigger, "xcomp")]  # "declined to comment on the result"
        return any(bool(children_with(h, "dobj", "nsubjpass")) or any(
            pobjs(p) for p in children_with(h, "prep") if p.lower_ in ("into", "on", "against")) for h in heads)

    def _place_country(self, predicate: Predicate) -> str | None:
        """The country of a place the visit goes to ("arrived in Phnom Penh", "a visit to Beijing")."""
        trigger = predicate.trigger
        heads = {trigger.i, predicate.anchor.i}
        for root, place in self.places:
            prep = root.head
            if prep.lower_ in ("in", "to", "at") and prep.head.i in heads and place.get("country"):
                return str(place["country"])
        return None

    def _remember_pair(self, kept: list[Predicate]) -> None:
        """The two sides of the last mutual act between two countries ("X and Y met")."""
        for predicate in kept:
            if predicate.symmetric and predicate.factual and not predicate.negated and not predicate.inferred:
                self._pair_of([*predicate.sources, *predicate.targets])

    def _pair_of(self, sides: list[Role]) -> None:
        if len({self.actors.country(r) for r in sides} - {None}) == 2:
            first = sides[0]
            other = next(r for r in sides if self.actors.country(r) != self.actors.country(first))
            self.pair = (first, other)

    def _mirror(self, predicate: Predicate) -> list[Predicate]:
        """A hosting is also a visit by the guest (one encounter, two sides). The converse
        is not added: reports of a visit seldom state the hosting as an act of its own."""
        codes = sorted(self.book.visit_codes) if predicate.code in self.book.host_codes else []
        if not codes or not predicate.sources or not predicate.targets:
            return []
        if any(r.index >= self.actors.named for r in predicate.targets):
            return []  # an implied destination (observers "sent" to the story's country)
        if not any(self._is_guest(predicate.trigger, r) for r in predicate.targets):
            return []  # "hosted a conference on Cambodia": a topic, not a guest
        return [replace(predicate, code=codes[0], sources=predicate.targets, targets=predicate.sources,
                        specific=False, symmetric=False)]

    def _is_guest(self, trigger: Tok, role: Role) -> bool:
        """Whether a hosting's recipient is its object (the guest), not a prepositional topic."""
        if trigger.pos_ in ("NOUN", "PROPN"):
            return True
        token = self.actors.roots[role.index]
        while token.dep_ in ("conj", "appos", "compound") and token.head.i != token.i:
            token = token.head
        return token.dep_ in ("dobj", "dative", "nsubjpass") or (token.dep_ == "pobj" and token.head.lower_ == "for")
