"""Predicates and their participants over spaCy's dependency parse.

One pass over a sentence's tokens finds coded predicates (verbs and event nouns from the
predicate codebook), their agents and recipients (subjects, objects, prepositional
recipients, passive agents, conjuncts), and their negation and modality. The event
coder (:mod:`amity.nlp.events`) turns each :class:`Predicate` into event records.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from amity.codebook.verbs import Pattern, Rule, VerbCodebook

CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "pcomp"}
TARGET_PREPS = ("to", "with", "toward", "towards", "against", "on", "for", "into", "from",
                "over", "at", "about", "upon", "between")
SOURCE_PREPS = ("by", "from")
NOUN_TARGET_PREPS = ("to", "with", "for", "on", "against", "toward", "towards", "between", "into")
SKIP_DEPS = {"relcl", "acl", "ccomp", "advcl", "appos", "parataxis", "punct", "cc"}
PRONOUNS = {"he", "she", "it", "they", "we", "i"}
RELATIVES = {"which", "who", "that"}
NEGATIVE_VERBS = {"fail", "cease"}
MODAL_DEPS = {"aux", "auxpass"}
DOUBTING_SPEECH = {"claim", "allege", "deny", "suggest", "speculate", "rumor", "rumour"}


@dataclass(frozen=True)
class Role:
    """An actor filling a participant slot, with how clearly the parse ties it there."""

    index: int  # index into the document's actor spans
    direct: bool  # the slot's head word is the actor itself


@dataclass
class Predicate:
    """One coded predicate of a sentence, with its participants."""

    trigger: Token
    code: str
    sources: list[Role]
    targets: list[Role]
    anchor: Token  # clause head used to find dates, amounts and places
    negated: bool = False
    factual: bool = True
    specific: bool = False  # a refining rule (not the bare lemma) chose the code
    symmetric: bool = False
    consumed: list[int] = field(default_factory=list)  # token indices coded by this predicate


class ActorIndex:
    """Token index -> actor span index, and the actor dicts, for one document."""

    def __init__(self, spans: list[Span]) -> None:
        self.spans = [s for s in spans if isinstance(s._.actor, dict) and s._.actor.get("code")]
        self.actors: list[dict[str, Any]] = [dict(s._.actor) for s in self.spans]
        self.at: dict[int, int] = {}
        for number, span in enumerate(self.spans):
            for i in range(span.start, span.end):
                self.at.setdefault(i, number)

    def of(self, head: Token) -> Role | None:
        """The actor a phrase headed by ``head`` names, searching its modifiers if needed."""
        if head.i in self.at:
            return Role(self.at[head.i], True)
        stack = [c for c in head.children if c.dep_ not in SKIP_DEPS]
        while stack:
            token = stack.pop(0)
            if token.i in self.at:
                return Role(self.at[token.i], False)
            stack.extend(c for c in token.children if c.dep_ not in SKIP_DEPS)
        return None

    def all_of(self, head: Token) -> list[Role]:
        """Actors of ``head`` and of its conjuncts ("Kishida and Hun Sen"), in order."""
        roles: list[Role] = []
        for token in (head, *head.conjuncts):
            role = self.of(token)
            if role and role.index not in {r.index for r in roles}:
                roles.append(role)
        return roles

    def sector(self, role: Role | None) -> str | None:
        return None if role is None else self.actors[role.index].get("sector")


def clause_head(token: Token) -> Token:
    """The head of the clause a token belongs to (xcomp chains belong to their governor)."""
    while token.head.i != token.i:
        if token.dep_ in CLAUSE_DEPS and (token.dep_ != "conj" or token.pos_ in ("VERB", "AUX")):
            return token
        token = token.head
    return token


def _children(token: Token, *deps: str) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def words_around(token: Token) -> dict[str, set[str]]:
    """Lemmas a codebook rule can test: objects, their modifiers, particles, xcomp verbs."""
    found: dict[str, set[str]] = {"objects": set(), "modifiers": set(), "particles": set(),
                                  "xcomp": set(), "dobj": set()}
    heads = [token]
    for child in token.children:
        dep = child.dep_
        if dep in ("dobj", "attr", "oprd", "nsubjpass", "dative"):
            heads.append(child)
            found["objects"].add(child.lemma_.lower())
            if dep == "dobj":
                found["dobj"].add(child.lemma_.lower())
        elif dep in ("prt", "prep", "agent"):
            found["particles"].add(child.lemma_.lower())
            for obj in _pobjs(child):
                heads.append(obj)
                found["objects"].add(obj.lemma_.lower())
        elif dep == "xcomp":
            found["xcomp"].add(child.lemma_.lower())
            for obj in _children(child, "dobj", "attr"):
                heads.append(obj)
                found["objects"].add(obj.lemma_.lower())
    for head in list(heads[1:]):  # "$5 million in aid", "a package of assistance"
        for prep in _children(head, "prep"):
            if prep.lower_ in ("in", "of"):
                heads.extend(_pobjs(prep))
                found["objects"].update(o.lemma_.lower() for o in _pobjs(prep))
    for head in heads:
        for child in head.children:
            if child.dep_ in ("amod", "compound", "nmod", "nummod", "npadvmod"):
                found["modifiers"].add(child.lemma_.lower())
    if token.pos_ in ("NOUN", "PROPN"):
        found["objects"].add(token.lemma_.lower())
    return found


def choose_rule(pattern: Pattern, found: dict[str, set[str]], target_sector: str | None) -> Rule | None:
    for rule in pattern.rules:
        if rule.matches(found, target_sector):
            return rule
    return None


class SentenceParser:
    """Finds the coded predicates of one sentence."""

    def __init__(self, book: VerbCodebook, actors: ActorIndex) -> None:
        self.book = book
        self.actors = actors

    # ---- participants -------------------------------------------------------------
    def subjects(self, verb: Token, speaker: list[Role] | None = None) -> tuple[list[Role], bool]:
        """Agents of ``verb`` and whether the clause is passive."""
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.lower_ in PRONOUNS and speaker:
                    return speaker, False
                if child.lower_ in RELATIVES and verb.dep_ == "relcl":
                    return self.actors.all_of(verb.head), False
                return self.actors.all_of(child), False
        if verb.dep_ == "xcomp" and not _children(verb.head, "agent"):
            raised = _children(verb.head, "nsubjpass")  # "Japan is expected to ..."
            if raised:
                return self.actors.all_of(raised[0]), False
        if _children(verb, "nsubjpass", "auxpass"):
            agents = [p for a in _children(verb, "agent") for p in _pobjs(a)]
            return [r for a in agents for r in self.actors.all_of(a)], True
        inherits = verb.dep_ in ("xcomp", "advcl") or (verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"))
        if inherits and verb.head.i != verb.i:
            return self.subjects(verb.head, speaker)
        if verb.dep_ == "relcl":
            return self.actors.all_of(verb.head), False
        return [], False

    def speaker(self, verb: Token) -> list[Role] | None:
        """The agents of the speech verb a reported clause depends on, if any."""
        if verb.dep_ != "ccomp":
            return None
        pattern = self.verb_pattern(verb.head)
        if pattern is None or not pattern.speech:
            return None
        return self.subjects(verb.head)[0] or None

    def passive_targets(self, verb: Token) -> list[Role]:
        return [r for s in _children(verb, "nsubjpass") for r in self.actors.all_of(s)]

    def objects(self, verb: Token, exclude: set[int]) -> list[Role]:
        """Recipients: direct object, dative, prepositional recipient, then the xcomp's."""
        groups: list[list[Token]] = [_children(verb, "dobj"), []]
        for dative in _children(verb, "dative"):
            groups[1].extend(_pobjs(dative) or [dative])
        preps = sorted(_children(verb, "prep"), key=lambda p: _prep_rank(p.lower_))
        groups.extend(_pobjs(p) for p in preps if p.lower_ in TARGET_PREPS)
        for xcomp in _children(verb, "xcomp"):
            groups.append(_children(xcomp, "dobj"))
            groups.extend(_pobjs(p) for p in _children(xcomp, "prep", "dative") if p.lower_ in TARGET_PREPS)
        for group in groups:
            roles = [r for head in group for r in self.actors.all_of(head) if r.index not in exclude]
            if roles:
                return roles
        return []

    def prep_actors(self, verb: Token, preps: tuple[str, ...]) -> list[Role]:
        return [r for p in _children(verb, "prep", "agent") if p.lower_ in preps
                for o in _pobjs(p) for r in self.actors.all_of(o)]

    # ---- modality -----------------------------------------------------------------
    def modality(self, verb: Token) -> tuple[bool, bool, bool]:
        """(negated, factual, future) for a verb, looking up its xcomp/conj governors."""
        negated, factual, future = False, True, False
        token, via_conj = verb, False
        reported = self.speaker(verb) is not None
        while True:
            for child in token.children:
                lemma = child.lemma_.lower()
                if child.dep_ == "neg" and not via_conj:
                    negated = True
                elif child.dep_ in MODAL_DEPS and lemma == "would" and reported:
                    future = True  # "said it would provide aid": reported intent
                elif child.dep_ in MODAL_DEPS and lemma in self.book.modal_auxiliaries:
                    factual = False
                elif child.dep_ in MODAL_DEPS and lemma in self.book.future_auxiliaries:
                    future = True
                elif child.dep_ == "mark" and lemma in self.book.conditional_markers:
                    factual = False
                elif token.i == verb.i and _says_no(child):
                    negated = True
            if token.i != verb.i and not via_conj:
                pattern = self.verb_pattern(token)
                factual = factual and not (pattern is not None and pattern.modal)
                negated = negated or token.lemma_.lower() in NEGATIVE_VERBS
            if token.dep_ == "ccomp" and self._doubted(token.head):
                factual = False
            if token.dep_ not in ("xcomp", "conj") or token.head.i == token.i:
                return negated, factual, future
            via_conj = token.dep_ == "conj"
            token = token.head

    def verb_pattern(self, token: Token) -> Pattern | None:
        """The verb entry for a token; falls back on the word form when the lemmatizer
        slips ('hopes' -> 'hop')."""
        found = self.book.verb(token.lemma_)
        if found is not None or token.tag_ not in ("VBZ", "VBD", "VBN"):
            return found
        word = token.lower_
        for stem in (word[:-1], word[:-2], word[:-1] + "e" if word.endswith("d") else ""):
            found = self.book.verb(stem) if stem else None
            if found is not None:
                return found
        return None

    def _doubted(self, governor: Token) -> bool:
        """'claimed that ...', 'it is expected that ...', 'we hope that ...'."""
        pattern = self.verb_pattern(governor)
        return governor.lemma_.lower() in DOUBTING_SPEECH or (pattern is not None and pattern.modal)

    # ---- predicates ----------------------------------------------------------------
    def parse(self, sent: Span) -> list[Predicate]:
        """Every coded predicate of the sentence (verbs first, then event nouns)."""
        found: list[Predicate] = []
        consumed: set[int] = set()
        for token in sent:
            if token.pos_ in ("VERB", "AUX") or (token.tag_.startswith("VB")):
                found.extend(self._verb(token, consumed))
        for token in sent:
            if token.pos_ in ("NOUN", "PROPN") and token.i not in consumed and token.i not in self.actors.at:
                predicate = self._noun(token)
                if predicate:
                    found.append(predicate)
        return [p for p in found if p.targets or not self._is_speech(p) or self._settle_speech(p, found)]

    def _is_speech(self, predicate: Predicate) -> bool:
        pattern = self.verb_pattern(predicate.trigger)
        return predicate.trigger.pos_ != "NOUN" and pattern is not None and pattern.speech

    def _settle_speech(self, speech: Predicate, found: list[Predicate]) -> bool:
        """A bare statement: drop it when its content is coded from the speaker, else find
        its target among the content's actors. Returns whether to keep it."""
        contents = _children(speech.trigger, "ccomp")
        if not contents:
            return False
        inside = {t.i for c in contents for t in c.subtree}
        speakers = {r.index for r in speech.sources}
        for other in found:
            if other.trigger.i in inside and {r.index for r in other.sources} & speakers:
                return False
        for i in sorted(inside):
            number = self.actors.at.get(i)
            if number is not None and number not in speakers:
                speech.targets = [Role(number, False)]
                return True
        return False

    def _verb(self, verb: Token, consumed: set[int]) -> Iterator[Predicate]:
        pattern = self.verb_pattern(verb)
        if pattern is None or verb.i in consumed:
            return
        found = words_around(verb)
        speaker = self.speaker(verb)
        sources, passive = self.subjects(verb, speaker)
        targets = self.passive_targets(verb) if passive else self.objects(verb, {r.index for r in sources})
        rule = choose_rule(pattern, found, self.actors.sector(targets[0] if targets else None))
        code = rule.code if rule else pattern.code
        if rule and rule.reverse:
            sources, targets = self.prep_actors(verb, SOURCE_PREPS), sources
        used = _consumed_tokens(verb, pattern, rule, code)
        consumed.update(used)
        if code is None:
            return
        negated, factual, future = self.modality(verb)
        if future:
            code, factual = self._future(code, factual)
        symmetric = pattern.symmetric if rule is None or rule.symmetric is None else rule.symmetric
        yield Predicate(verb, code, sources, targets, clause_head(verb), negated, factual,
                        rule is not None, symmetric, used)

    def _future(self, code: str, factual: bool) -> tuple[str, bool]:
        """'will provide aid' is an expressed intent (033); other futures are not facts."""
        intent = self.book.intent_codes.get(code)
        return (intent, factual) if intent else (code, False)

    def _noun(self, noun: Token) -> Predicate | None:
        pattern = self.book.noun(noun.lemma_)
        if pattern is None:
            return None
        governor = noun.head if noun.dep_ in ("dobj", "attr", "nsubjpass") else None
        sources = self._noun_sources(noun, governor)
        targets = [r for p in _children(noun, "prep") if p.lower_ in NOUN_TARGET_PREPS
                   for o in _pobjs(p) for r in self.actors.all_of(o)]
        if not targets and governor is not None:
            targets = self.objects(governor, {r.index for r in sources})
            targets = [t for t in targets if t not in sources]
        rule = choose_rule(pattern, words_around(noun), self.actors.sector(targets[0] if targets else None))
        code = rule.code if rule else pattern.code
        between = [r for p in _children(noun, "prep") if p.lower_ == "between"
                   for o in _pobjs(p) for r in self.actors.all_of(o)]
        if not sources and len(between) > 1:
            sources, targets = between, []
        if code is None or not sources:
            return None
        verb = governor if governor is not None else noun.head
        negated, factual, future = self.modality(verb) if verb.i != noun.i else (False, True, False)
        if future:
            code, factual = self._future(code, factual)
        symmetric = pattern.symmetric if rule is None or rule.symmetric is None else rule.symmetric
        symmetric = symmetric or len(between) > 1
        anchor = clause_head(verb) if verb.i != noun.i else clause_head(noun)
        return Predicate(noun, code, sources, targets, anchor, negated, factual,
                         rule is not None, symmetric, [noun.i])

    def _noun_sources(self, noun: Token, governor: Token | None) -> list[Role]:
        """Who acts in an event noun: possessor, demonym/compound, 'by/from X', light verb subject."""
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in self.actors.at:
                return self.actors.all_of(child)
        by = [r for p in _children(noun, "prep") if p.lower_ in SOURCE_PREPS
              for o in _pobjs(p) for r in self.actors.all_of(o)]
        if by:
            return by
        if governor is not None and (governor.lemma_.lower() in self.book.light_verbs
                                     or self.book.verb(governor.lemma_) is None):
            return self.subjects(governor)[0]
        return []


def _says_no(child: Token) -> bool:
    """'never sent', 'sent no monitors': negation outside the ``neg`` label."""
    if child.dep_ == "advmod" and child.lower_ == "never":
        return True
    return child.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in child.children)


def _prep_rank(word: str) -> int:
    return TARGET_PREPS.index(word) if word in TARGET_PREPS else len(TARGET_PREPS)


def _consumed_tokens(verb: Token, pattern: Pattern, rule: Rule | None, code: str | None) -> list[int]:
    """Tokens a coded verb accounts for: its xcomp (urged X *to release*) and object nouns."""
    if (code is None and not pattern.speech) or pattern.speech:
        return [verb.i]
    used = [verb.i]
    for child in verb.children:
        if child.dep_ == "xcomp" and code is not None:
            used.append(child.i)
            used.extend(o.i for o in _children(child, "dobj"))
        elif child.dep_ in ("dobj", "attr"):
            used.append(child.i)
    return used
