"""Which two parties a collective ("the two sides", "both countries", "they") stands for: the
two different countries the text last paired, by conjunction ("X and Y", "between X and Y")
or by interaction ("X met Y", "X met with his Y counterpart", "X's talks with Y"). A venue
("in the Chinese capital Beijing") never pairs, and a modifier ("Chinese-brokered") pairs
only when nothing better does. ``PairMixin`` is mixed into the coreference mixin.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from amity.codebook import word_set
from amity.models import Actor

if TYPE_CHECKING:
    from amity.nlp.actors_coref import Mention

SUBJECT_DEPS = {"nsubj", "nsubjpass", "agent"}
# prepositions that put an actor at the place of an act, not on its other side
VENUE_PREPS = word_set("actors_pairs", "venue_preps")
# dependencies climbed from an actor's head to the word it belongs to ("the Saudi minister")
NOMINAL_UP = {"compound", "poss", "amod", "nmod", "appos", "flat", "det", "case", "npadvmod"}
# clause links an interaction does not cross ("X said that Y ...", "X, which Y ...")
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj"}
# verbs after which a plural pronoun stands for both sides ("X met Y. They agreed ...")
MEETING_VERBS = word_set("actors_pairs", "meeting_verbs")
PAIR_LOOKBACK = 4  # sentences before a collective searched for the pair


class PairMixin:
    """The host provides ``doc``, ``history``, ``pairs``, ``sent``, ``para`` and ``_head``."""

    doc: Any
    history: list[Mention]
    pairs: list[tuple[Mention, Mention]]
    sent: list[int]
    para: list[int]

    if TYPE_CHECKING:
        def _head(self, mention: Mention) -> Any: ...

    def _last_pair(self, start: int, persons: bool = False, lookback: int = PAIR_LOOKBACK,
                   meetings: bool = False) -> tuple[Mention, Mention] | None:
        """The two parties (two persons with ``persons``) last paired before token ``start``,
        searching back sentence by sentence."""
        here = self.sent[start] if start < len(self.sent) else self.sent[-1]
        by_sent: dict[int, list[Mention]] = {}
        for mention in self.history:
            if (mention.start < start and here - lookback <= self.sent[mention.start]
                    and (mention.person if persons else _is_state(mention.actor))):
                by_sent.setdefault(self.sent[mention.start], []).append(mention)
        for s in range(here, here - lookback - 1, -1):
            found = self._sentence_pair(by_sent.get(s, []), start, persons, meetings)
            if found is not None:
                return found
        return None

    def _sentence_pair(self, mentions: list[Mention], start: int, persons: bool,
                       meetings: bool) -> tuple[Mention, Mention] | None:
        """The best pair among one sentence's mentions: an earlier collective's pair, else the
        latest conjoined or interacting pair of two different countries, nominal actors first."""
        ids = {id(m) for m in mentions}
        collective = [p for p in self.pairs if id(p[0]) in ids and p[0].start < start and p[0].person == persons]
        best: tuple[tuple[int, int], tuple[Mention, Mention]] | None = None
        for n, b in enumerate(mentions):
            for a in mentions[:n]:
                if _ident(a, persons) == _ident(b, persons) or not self._paired(a, b, meetings):
                    continue
                score = (self._nominal(a) + self._nominal(b), b.start)
                if best is None or score > best[0]:
                    best = (score, (a, b))
        if collective and (best is None or collective[-1][0].start > best[1][1].start):
            return collective[-1]
        return best[1] if best is not None else None

    def _nominal(self, mention: Mention) -> int:
        """1 for a person, institution or country named as a noun; 0 for a modifier ("Chinese-brokered")."""
        head = self._head(mention)
        if mention.person or mention.actor.sector:
            return 1
        return 0 if head.dep_ in ("amod", "compound", "npadvmod") and head.head.pos_ != "PROPN" else 1

    def _paired(self, a: Mention, b: Mention, meetings: bool = False) -> bool:
        ha, hb = self._head(a), self._head(b)
        if _conjoined(ha, hb):
            return True
        for x, y in ((ha, hb), (hb, ha)):  # "X met Y", "talks with Y were held by X"
            anchor = _subject_verb(x)
            if anchor is not None and _reaches(y, anchor, x) and (not meetings or anchor.lemma_ in MEETING_VERBS):
                return True
        return False


def _is_state(actor: Actor) -> bool:
    """A state (not an organisation, not an unknown) that can be one side of a pair."""
    return len(actor.country or "") == 3 and actor.sector != "IGO" and actor.code != "UNK"


def _ident(mention: Mention, persons: bool) -> str | None:
    return (mention.actor.actor_id or mention.actor.name) if persons else mention.actor.country


def _top(token: Any) -> Any:
    """The word a mention's head belongs to ("Saudi" → "minister"; "his" → "counterpart")."""
    steps = 0
    while token.dep_ in NOMINAL_UP and token.head.i != token.i and steps < 4:
        token, steps = token.head, steps + 1
    return token


def _conjoined(ha: Any, hb: Any) -> bool:
    """"X and Y", "Saudi and Iranian officials", "between X and Y": one is the other's conjunct."""
    ta, tb = _top(ha), _top(hb)
    for x, y in ((ha, hb), (ta, tb), (ha, tb), (ta, hb)):
        if y.dep_ == "conj" and (y.head.i == x.i or (x.dep_ == "conj" and y.head.i == x.head.i)):
            return True
    return False


def _subject_verb(token: Any) -> Any | None:
    """The verb whose subject (or passive agent) holds this mention, else the noun it possesses
    ("X's talks with Y"), else ``None``."""
    top = _top(token)
    while top.dep_ == "conj" and top.head.i != top.i:  # "X and Y met Z": the first conjunct's role
        top = top.head
    if top.dep_ in SUBJECT_DEPS:
        return top.head
    if top.dep_ == "pobj" and top.head.dep_ == "agent":
        return top.head.head
    if token.dep_ == "poss":
        return token.head
    return None


def _reaches(token: Any, anchor: Any, other: Any) -> bool:
    """``token`` sits on the far side of ``anchor`` (its object, a non-venue preposition's object,
    an xcomp's object), not in the subject that holds ``other``, not across a clause boundary."""
    steps = 0
    while token.i != anchor.i and steps < 10:
        if token.dep_ in SUBJECT_DEPS or token.dep_ in CLAUSE_DEPS:
            return False
        if token.dep_ == "prep" and token.lower_ in VENUE_PREPS:
            return False
        if token.i == other.i or token.head.i == token.i:
            return False
        token, steps = token.head, steps + 1
    return token.i == anchor.i


def _is_venue(token: Any) -> bool:
    """The object of a venue preposition ("in the Chinese capital Beijing")."""
    top = _top(token)
    return top.dep_ == "pobj" and top.head.lower_ in VENUE_PREPS
