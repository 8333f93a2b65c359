"""Who an event's participants are: actor roles, the predicate record, the actor index.

:class:`ActorIndex` maps the parse's tokens to the actor spans of the ``amity_actors``
component; :class:`Role` is an actor filling a participant slot; :class:`Predicate` is
one coded predicate of a sentence with its participants (``amity.nlp.events.grammar``
finds them, ``amity.nlp.events`` turns them into event records).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span

from amity.nlp.events.index import ParsedDoc, Tok, children_with, pobjs

Agent = tuple[str, "str | None"]  # (country, sector) of an act's agent, as the story's history keeps it
SKIP_DEPS = {"relcl", "acl", "ccomp", "advcl", "appos", "parataxis", "punct", "cc"}


@dataclass(frozen=True)
class Role:
    """An actor filling a participant slot, with how clearly the parse ties it there."""

    index: int  # index into the document's actor spans
    direct: bool  # the slot's head word is the actor itself


@dataclass
class Predicate:
    """One coded predicate of a sentence, with its participants."""

    trigger: Tok
    code: str
    sources: list[Role]
    targets: list[Role]
    anchor: Tok  # clause head used to find dates, amounts and places
    negated: bool = False
    factual: bool = True
    specific: bool = False  # a refining rule (not the bare lemma) chose the code
    symmetric: bool = False
    consumed: list[int] = field(default_factory=list)  # token indices coded by this predicate
    passive: bool = False
    date: Span | None = None  # the date the text gives the act itself ("the Paris Agreement of 1991")
    domestic: bool = False  # a country's own settlement: coded within the country if no two sides differ
    inferred: bool = False  # parties the text implies (the pair of a bare "clash"): dropped if told already
    retold: bool = False  # a definite event noun ("the arrest of X"): dropped if its dyad and root were told before


class ActorIndex:
    """Tok index -> actor span index, and the actor dicts, for one document."""

    def __init__(self, spans: list[Span], parsed: ParsedDoc,
                 locative: set[str] | frozenset[str] = frozenset()) -> None:
        self.spans: list[Span] = []
        self.roots: list[Tok] = []  # each span's root
        self.actors: list[dict[str, Any]] = []
        for span in spans:  # "they" = the two leaders: one span, two actors
            found = span._.actor
            if not (isinstance(found, dict) and found.get("code")):
                continue
            actor, root = dict(found), parsed[span.root.i]
            for one in [actor, *(a for a in actor.pop("also", None) or [] if isinstance(a, dict))]:
                self.spans.append(span)
                self.roots.append(root)
                self.actors.append(one)
        self.locative = locative
        self.at: dict[int, int] = {}
        self.heads: dict[int, list[int]] = {}  # "the two countries": one head, two actors
        for number, (span, root) in enumerate(zip(self.spans, self.roots, strict=True)):
            for i in range(span.start, span.end):
                self.at.setdefault(i, number)
            self.heads.setdefault(root.i, []).append(number)
        self.named = len(self.actors)  # indices from here on are implied actors
        self.found: dict[tuple[int, frozenset[str]], list[Role]] = {}  # ``all_of``'s answers
        self.counts = Counter(a.get("country") for a in self.actors
                              if a.get("country") and a.get("sector") != "IGO")

    def country(self, role: Role) -> str | None:
        return self.actors[role.index].get("country")

    def of(self, head: Tok, avoid: frozenset[str] = frozenset()) -> Role | None:
        """The actor a phrase headed by ``head`` names, searching its modifiers if needed;
        actors whose code is in ``avoid`` (the agent's own) are passed over."""
        if head.i in self.at and self.actors[self.at[head.i]].get("code") not in avoid:
            return Role(self.at[head.i], True)
        if head.lemma_.lower() in self.locative:
            return None
        stack = [c for c in head.children if c.dep_ not in SKIP_DEPS]
        if head.pos_ == "NOUN":  # "his Cambodian counterpart": the possessor is not the referent
            stack.sort(key=lambda c: c.dep_ == "poss")
        while stack:
            token = stack.pop(0)
            if token.i in self.at and self.actors[self.at[token.i]].get("code") not in avoid:
                return Role(self.at[token.i], False)
            if token.lemma_.lower() not in self.locative:
                stack.extend(c for c in token.children if c.dep_ not in SKIP_DEPS)
        return None

    def all_of(self, head: Tok, avoid: frozenset[str] = frozenset()) -> list[Role]:
        """Actors of ``head`` and of its conjuncts ("Kishida and Hun Sen"), in order."""
        key = (head.i, avoid)
        if key not in self.found:
            self.found[key] = self._all_of(head, avoid)
        return list(self.found[key])

    def _all_of(self, head: Tok, avoid: frozenset[str]) -> list[Role]:
        roles: list[Role] = []
        for token in (head, *head.conjuncts):
            found = [Role(n, True) for n in self.heads.get(token.i, [])
                     if self.actors[n].get("code") not in avoid]
            found = self._pair_members(token, avoid) or found
            if len(found) < 2:
                role = self.of(token, avoid)
                found = [role] if role else []
                found += self._conjoined(role, token, avoid)
            found += self._coordinated_modifiers(token, avoid)
            found = found or self._listed(token, avoid)
            roles.extend(r for r in found if r.index not in {x.index for x in roles})
        return roles

    def _pair_members(self, head: Tok, avoid: frozenset[str]) -> list[Role]:
        """"The authorities from both countries", "officials of the two sides", "officials in
        both countries": a common noun whose from/of/in phrase is a collective of two parties
        stands for both."""
        if head.pos_ != "NOUN":
            return []
        for prep in children_with(head, "prep"):
            if prep.lower_ in ("from", "of", "in"):
                for obj in pobjs(prep):
                    found = [Role(n, False) for n in self.heads.get(obj.i, [])
                             if self.actors[n].get("code") not in avoid]
                    if len({self.actors[r.index].get("country") for r in found}) >= 2:
                        return found
        return []

    def between(self, *heads: Tok) -> list[Role]:
        """The actors of the heads' "between X and Y" phrases."""
        return [r for h in heads for p in children_with(h, "prep") if p.lower_ == "between"
                for o in pobjs(p) for r in self.all_of(o)]

    def _conjoined(self, role: Role | None, head: Tok, avoid: frozenset[str]) -> list[Role]:
        """"Major Generals of India and China", "the governments of Angola and China": an
        actor found inside the phrase brings the actors conjoined with it (or with a word
        of its span: "generals of India" and "China"; the possessor of a conjoined noun:
        "retaliation against X and Y's expansion")."""
        if role is None:
            return []
        span = self.spans[role.index]
        words = [self.roots[role.index]] if not role.direct else [head.parsed[i] for i in range(span.start, span.end)]
        roles = []
        for token in (c for w in words for c in w.conjuncts):
            number = self.at.get(token.i)
            if number is None:  # "against Seoul and the US' deployment": the conjoined act's possessor
                number = next((self.at[c.i] for c in token.children if c.dep_ == "poss" and c.i in self.at), None)
            inside = head.left_edge.i <= token.i <= head.right_edge.i
            if number is not None and number != role.index and inside and self.actors[number].get("code") not in avoid:
                roles.append(Role(number, False))
        return roles

    def _listed(self, head: Tok, avoid: frozenset[str]) -> list[Role]:
        """"The members – Finland, Norway and Denmark – said": a phrase naming no actor
        stands for the list in its apposition, one actor per member."""
        if head.i in self.at or head.pos_ not in ("NOUN", "PRON"):
            return []
        roles = []
        for appos in (c for c in head.children if c.dep_ == "appos"):
            for token in (appos, *appos.conjuncts):
                number = self.at.get(token.i)
                if number is not None and self.actors[number].get("code") not in avoid:
                    roles.append(Role(number, True))
        return roles

    def _coordinated_modifiers(self, head: Tok, avoid: frozenset[str]) -> list[Role]:
        """"Thai and Cambodian troops": each conjoined modifier names an actor of its own."""
        roles = []
        for child in head.children:
            if child.dep_ in ("amod", "nmod", "compound") and child.conjuncts:
                for token in (child, *child.conjuncts):
                    number = self.at.get(token.i)
                    if number is not None and self.actors[number].get("code") not in avoid:
                        roles.append(Role(number, True))
        return roles

    def virtual(self, country: str, sector: str | None, like: Role) -> Role:
        """An actor the text implies but does not name (the state behind an arrest, the
        recipient of aid), placed at the span of the actor it is inferred from."""
        code = country + (sector or "") if country else ""
        self.spans.append(self.spans[like.index])
        self.roots.append(self.roots[like.index])
        self.actors.append({"code": code, "country": country, "sector": sector, "name": None,
                            "role": None, "mention": "", "actor_id": None})
        return Role(len(self.actors) - 1, False)

    def focus(self, avoid: set[str], sectors: frozenset[str] | None = None) -> str | None:
        """The story's main country: the most mentioned one outside ``avoid`` (counting only
        actors of ``sectors`` when given: the country whose domestic politics are told)."""
        counts = self.counts if sectors is None else Counter(
            a.get("country") for a in self.actors[:self.named] if a.get("country") and a.get("sector") in sectors)
        for country, count in counts.most_common():
            if country not in avoid and count >= 2:
                return country
        return None

    def sector(self, role: Role | None) -> str | None:
        return None if role is None else self.actors[role.index].get("sector")

    def rule_sector(self, role: Role | None) -> str | None:
        """The sector a codebook rule tests: a bare state ("suspended Honduras") is STATE."""
        if role is None:
            return None
        actor = self.actors[role.index]
        return actor.get("sector") or ("STATE" if len(str(actor.get("country") or "")) == 3 else None)
