"""Predicates and their participants over spaCy's dependency parse.

One pass over a sentence's tokens finds coded predicates (verbs and event nouns from the
predicate codebook), their agents and recipients (subjects, objects, prepositional
recipients, passive agents, conjuncts), and their negation and modality. The event
coder (:mod:`amity.nlp.events`) turns each :class:`Predicate` into event records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from typing import Any

from spacy.tokens import Span

from amity.codebook.verbs import Pattern, Rule, VerbCodebook
from amity.nlp.events.agreements import AgreementPass
from amity.nlp.events.index import ParsedDoc, Tok, children_with, clause_head, pobjs, words_around
from amity.nlp.events.quotes import QuoteSpeakers
from amity.nlp.events.roles import ActorIndex, Predicate, Role
from amity.nlp.extensions import doc_text

SectorOf = Callable[[str], "str | None"]

CONFLICT_ROOTS = frozenset({"15", "16", "17", "18", "19", "20"})  # acts a concern at them disapproves of

__all__ = ["ActorIndex", "Predicate", "Role", "SentenceParser", "clause_head", "choose_rule"]

MODAL_DEPS = {"aux", "auxpass"}


def choose_rule(pattern: Pattern, found: dict[str, set[str]], target_sector: str | None,
                source_sector: str | None = None) -> Rule | None:
    for rule in pattern.rules:
        if rule.matches(found, target_sector, source_sector):
            return rule
    return None


class SentenceParser(AgreementPass):
    """Finds the coded predicates of one sentence."""

    def __init__(self, book: VerbCodebook, actors: ActorIndex, parsed: ParsedDoc,
                 places: list[tuple[Span, dict[str, Any]]] | None = None,
                 dates: list[Span] | None = None, sector_of: SectorOf | None = None,
                 paired_nouns: frozenset[str] | None = None) -> None:
        self.book = book
        self.sector_of: SectorOf = sector_of or (lambda word: None)  # a sector word's sector
        self.actors = actors
        self.parsed = parsed
        self.places = [(parsed[span.root.i], place) for span, place in places or []]  # (root, place)
        self.dates = dates or []
        self.patterns: dict[int, Pattern | None] = {}  # token index -> its verb entry
        self.speakers: dict[int, list[Role] | None] = {}  # token index -> ``speaker``'s answer
        self.history: list[tuple[str, tuple[str, ...]]] = []  # (CAMEO code, agents' countries) of acts told so far
        self.pair: tuple[Role, Role] | None = None  # the two sides the text last paired
        self.paired_nouns = paired_nouns_of(book) if paired_nouns is None else paired_nouns  # the coder's, once
        self.quotes = QuoteSpeakers(doc_text(parsed.doc))  # who speaks a quotation running over sentences

    # ---- participants -------------------------------------------------------------
    def subjects(self, verb: Tok, speaker: list[Role] | None = None) -> tuple[list[Role], bool]:
        """Agents of ``verb`` and whether the clause is passive."""
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.lower_ in self.book.pronouns and speaker:
                    return speaker, False
                if child.lower_ in self.book.relatives and verb.dep_ == "relcl":
                    return self.actors.all_of(verb.head), False
                return self.actors.all_of(child), False
        if verb.dep_ in ("advcl", "acl") and verb.tag_ == "VBN" and not children_with(verb, "aux", "auxpass"):
            agents = [p for a in children_with(verb, "agent") for p in pobjs(a)]  # "When asked, X said"
            return [r for a in agents for r in self.actors.all_of(a)], True  # X is asked, not asking
        if verb.dep_ == "xcomp" and not children_with(verb.head, "agent"):
            raised = children_with(verb.head, "nsubjpass")  # "Japan is expected to ..."
            if raised:
                return self.actors.all_of(raised[0]), False
        if children_with(verb, "nsubjpass", "auxpass"):
            agents = [p for a in children_with(verb, "agent") for p in pobjs(a)]
            return [r for a in agents for r in self.actors.all_of(a)], True
        inherits = verb.dep_ in ("xcomp", "advcl") or (verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"))
        if inherits and verb.head.i != verb.i:
            return self.subjects(verb.head, speaker)
        if verb.dep_ == "relcl" or (verb.dep_ == "amod" and verb.tag_ == "VBG"):
            return self.actors.all_of(verb.head), False  # "the visiting Lao prime minister"
        return self._adjacent_agent(verb), False

    def _adjacent_agent(self, verb: Tok) -> list[Role]:
        """Parse repair: a finite verb with no subject takes the actor written right before
        it ("At the end of July Beijing congratulated ...", where the parser swallowed the
        subject into the preceding phrase)."""
        if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ == "expl" for c in verb.children):
            return []
        i = verb.i - 1
        while i >= verb.sent.start and verb.parsed[i].pos_ in ("ADV", "AUX", "PART"):
            i -= 1
        number = self.actors.at.get(i)
        if number is None or self.actors.spans[number].end != i + 1:
            return []
        return [Role(number, False)]

    def speaker(self, verb: Tok) -> list[Role] | None:
        """The agents of the speech verb a reported clause depends on, if any."""
        if verb.i not in self.speakers:
            self.speakers[verb.i] = self._speaker(verb) or self._quoted_speaker(verb)
        return self.speakers[verb.i]

    def _quoted_speaker(self, verb: Tok) -> list[Role] | None:
        """'"We demand that ...": "we" in a quotation continuing the last attributed one."""
        first = any(c.dep_ == "nsubj" and c.lower_ in self.book.first_person for c in verb.children)
        return self.quotes.speaker() if first else None

    def _speaker(self, verb: Tok) -> list[Role] | None:
        if verb.dep_ != "ccomp":
            return None
        pattern = self.verb_pattern(verb.head)
        if pattern is None or not pattern.speech:
            return None
        return self.subjects(verb.head)[0] or None

    def _told(self, verb: Tok) -> bool:
        """Whether a clause is the content of a verb of saying ("told Y that X planned ...")."""
        pattern = self.verb_pattern(verb.head) if verb.dep_ == "ccomp" else None
        return pattern is not None and pattern.speech

    def passive_targets(self, verb: Tok) -> list[Role]:
        """The patients of a passive ("the party, which was banned": the party)."""
        subjects = [verb.head if s.lower_ in self.book.relatives and verb.dep_ == "relcl" else s
                    for s in children_with(verb, "nsubjpass")]
        return [r for s in subjects for r in self.actors.all_of(s)]

    def objects(self, verb: Tok, exclude: set[int], avoid: frozenset[str] = frozenset(),
                preps: set[str] | None = None) -> list[Role]:
        """Recipients: direct object, dative, prepositional recipient, then the xcomp's
        (actors with the agent's own code, ``avoid``, are passed over: "froze its aid to X")."""
        groups: list[list[Tok]] = [children_with(verb, "dobj"), []]
        for dative in children_with(verb, "dative"):
            groups[1].extend(pobjs(dative) or [dative])
        preps = self.book.target_preps if preps is None else preps
        order = self.book.target_prep_order
        ordered = sorted(children_with(verb, "prep"), key=lambda p: order.index(p.lower_) if p.lower_ in order else len(order))
        groups.extend(pobjs(p) for p in ordered if p.lower_ in preps)
        complements = [*children_with(verb, "xcomp"), *(a for a in children_with(verb, "advcl") if _purpose(a))]
        for xcomp in complements:  # "urged X to ...", "committed to pull Greece back"
            groups.append(children_with(xcomp, "dobj"))
            groups.extend(pobjs(p) for p in children_with(xcomp, "prep", "dative") if p.lower_ in preps)
        for group in groups:
            roles = [r for head in group for r in self.actors.all_of(head, avoid) if r.index not in exclude]
            if roles:
                return roles
        return []

    def prep_actors(self, verb: Tok, preps: set[str]) -> list[Role]:
        return [r for p in children_with(verb, "prep", "agent") if p.lower_ in preps
                for o in pobjs(p) for r in self.actors.all_of(o)]

    # ---- modality -----------------------------------------------------------------
    def modality(self, verb: Tok) -> tuple[bool, bool, bool]:
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
                if token.lemma_.lower() in self.book.intent_verbs and self._told(token):
                    future = True  # "announced it plans to reopen ties": a stated intent
                else:
                    factual = factual and not (pattern is not None and pattern.modal)
                negated = negated or token.lemma_.lower() in self.book.negating_verbs
            if token.dep_ == "ccomp" and self._doubted(token.head):
                factual = False
            factual = factual and not self._possible(token)
            if token.dep_ not in ("xcomp", "conj") and not _purpose(token) or token.head.i == token.i:
                return negated or (not via_conj and self.negated_by_governor(token)), factual, future
            via_conj = token.dep_ == "conj"
            token = token.head

    def _possible(self, token: Tok) -> bool:
        """'ways to enhance cooperation', 'efforts to build', 'aims at strengthening ties': an
        act named as a purpose or a possibility of something else did not (yet) happen."""
        if token.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return True
        if token.dep_ == "pcomp" and token.head.head.i != token.head.i:
            pattern = self.verb_pattern(token.head.head)
            return pattern is not None and pattern.modal
        return False

    def negated_by_governor(self, token: Tok) -> bool:
        """'avoided criticism of X', 'refrained from condemning X', 'stopped short of
        sanctioning X': a negating verb's complement did not happen."""
        node = token
        for _ in range(4):
            head = node.head
            if head.i == node.i:
                return False
            if node.dep_ in ("dobj", "xcomp", "prep") and head.lemma_.lower() in self.book.negating_verbs:
                return True
            short = node.lower_ == "short" and node.dep_ in ("advmod", "acomp", "prt", "npadvmod")
            if short and head.lemma_.lower() in self.book.negating_verbs:
                return True
            if not ((node.dep_ in ("pcomp", "pobj") and head.lower_ in ("from", "of"))
                    or (node.dep_ == "prep" and head.lower_ == "short")):
                return False
            node = head
        return False

    def verb_pattern(self, token: Tok) -> Pattern | None:
        """The verb entry for a token; falls back on the word form when the lemmatizer
        slips ('hopes' -> 'hop')."""
        return self.pattern_at(token.i)

    def pattern_at(self, i: int) -> Pattern | None:
        """``verb_pattern`` of the token at index ``i``."""
        if i not in self.patterns:
            parsed = self.parsed
            self.patterns[i] = self._verb_pattern(parsed.lemmas[i], parsed.tags[i], parsed.lowers[i])
        return self.patterns[i]

    def _verb_pattern(self, lemma: str, tag: str, word: str) -> Pattern | None:
        found = self.book.verb(lemma)
        if found is not None or tag not in ("VBZ", "VBD", "VBN"):
            return found
        for stem in (word[:-1], word[:-2], word[:-1] + "e" if word.endswith("d") else ""):
            found = self.book.verb(stem) if stem else None
            if found is not None:
                return found
        return None

    def _doubted(self, governor: Tok) -> bool:
        """'claimed that ...', 'it is expected that ...', 'we hope that ...'."""
        pattern = self.verb_pattern(governor)
        return governor.lemma_.lower() in self.book.doubting_speech or (pattern is not None and pattern.modal)

    # ---- predicates ----------------------------------------------------------------
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
        return found

    def _act_as_actor(self, noun: Tok) -> bool:
        """'a deadly Israeli strike on its consulate', 'Russian shelling of the city': an
        event noun that heads an actor span (its force, "Israeli strike" = ISRMIL) is coded
        as the act when no verb of the clause takes it as its agent."""
        number = self.actors.at[noun.i]
        if self.actors.roots[number].i != noun.i or self.actors.spans[number].start == noun.i:
            return False
        pattern = self.book.noun(noun.lemma_)
        if pattern is None or pattern.code is None or noun.dep_ in ("nsubj", "nsubjpass", "agent", "conj", "appos"):
            return False
        return noun.dep_ != "pobj" or noun.head.dep_ != "agent"

    def _settle(self, found: list[Predicate]) -> list[Predicate]:
        """Implied participants, statements coded by what they say, the story's memory."""
        for predicate in found:
            self._joint_act(predicate)
            self._reported_target(predicate)
            self._warned(predicate)
            self._implicit(predicate)
        for predicate in found:
            if self._is_speech(predicate):
                self._judgement(predicate)
        kept = [p for p in found if not self._is_speech(p) or p.code in self._judged
                or self._settle_speech(p, found)]
        self.history.extend((p.code, tuple(self.actors.country(r) or "" for r in p.sources)) for p in kept
                            if p.factual and not p.negated and p.sources)
        kept = [p for p in kept if p.code not in self.book.uncoded_codes]
        for predicate in kept:
            self._concern_at_act(predicate)
        self._remember_pair(kept)
        return kept + [m for p in kept for m in self._mirror(p)]

    _judged = ("051", "111", "012")

    def _may_code(self, lemma: str, lower: str) -> bool:
        """Whether a noun is an agreement word or an event noun (the only nouns coded)."""
        return (self.book.noun(lemma) is not None
                or any(w in self.book.named_agreements for w in (lemma.lower(), lower, lower.removesuffix("s"))))

    def _judgement(self, speech: Predicate) -> None:
        """'said the election was neither free nor fair': a statement judging something is
        praise (051) or criticism (111) of the side the judged thing belongs to; one whose
        content condemns or worries ("said the unprovoked invasion ...") is 111 or 012."""
        for content in children_with(speech.trigger, "ccomp"):
            code = self._judged_code(content)
            if code is None:
                continue
            if not speech.sources or speech.negated or not speech.factual:
                return
            speech.code, speech.specific = code, True
            if not speech.targets:
                speech.targets = self._judged_side(speech, content)
            return

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
        for token in content.subtree:
            number = self.actors.at.get(token.i)
            if number is not None and self.actors.actors[number].get("country") not in speakers:
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

    def _is_speech(self, predicate: Predicate) -> bool:
        """A verb of saying coded as a bare statement (not one a rule coded by what it
        declares: "declared a truce" is 0871, no statement)."""
        pattern = self.verb_pattern(predicate.trigger)
        refined = predicate.specific and pattern is not None and predicate.code != pattern.code
        return predicate.trigger.pos_ != "NOUN" and pattern is not None and pattern.speech and not refined

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

    def _implicit(self, predicate: Predicate) -> None:
        """Participants the text implies: the state behind an agentless arrest, the place of
        a visit, the story's country as the recipient of aid or criticism."""
        code = predicate.code
        if not predicate.sources and predicate.targets and predicate.passive and _listed(code, self.book.state_agent_roots):
            target = predicate.targets[0]
            country = self.actors.country(target)
            if country and self.actors.actors[target.index].get("sector") != "IGO":
                predicate.sources = [self.actors.virtual(country, "GOV", target)]
            return
        if (predicate.targets or not predicate.sources or predicate.symmetric
                or not _listed(code, self.book.implicit_target_roots)):
            return
        avoid = {self.actors.country(r) or "" for r in predicate.sources}
        if len(avoid) > 1 and len({self.actors.spans[r.index].end for r in predicate.sources}) == 1:
            return  # "both governments agreed to waive visas": the pair's joint act implies no third party
        country = self._place_country(predicate) if code[:2] in self.book.place_target_roots else None
        if country is None and not self._has_object(predicate):
            return
        focus = [self.actors.focus(avoid) or ""] if _listed(code, self.book.focus_target_roots) else []
        found = [country] if country else self._earlier_agents(predicate, avoid) or focus
        predicate.targets = [self.actors.virtual(c, None, predicate.sources[0]) for c in dict.fromkeys(found)
                             if c and c not in avoid]

    def _earlier_agents(self, predicate: Predicate, avoid: set[str]) -> list[str]:
        """'ASEAN criticised the invasion', 'the Houthis condemned the airstrikes': the object
        is an act told earlier, and its agents (each of them) are the recipients."""
        for obj in children_with(predicate.trigger, "dobj"):
            pattern = self.book.noun(obj.lemma_)
            if pattern is None or pattern.code is None:
                continue
            for width in (len(pattern.code), 2):  # the same act first ("invasion": 192), then its root
                for code, countries in reversed(self.history):
                    agents = [c for c in countries if c not in avoid]
                    if code[:width] == pattern.code[:width] and agents:
                        return agents
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

    def _verb(self, verb: Tok, consumed: set[int]) -> Iterator[Predicate]:
        pattern = self.verb_pattern(verb)
        if pattern is None or verb.i in consumed:
            return
        found = words_around(verb)
        speaker = self.speaker(verb)
        sources, passive = self.subjects(verb, speaker)
        avoid = frozenset(str(self.actors.actors[r.index].get("code")) for r in sources)
        targets = self.passive_targets(verb) if passive else self.objects(verb, {r.index for r in sources}, avoid)
        rule = choose_rule(pattern, found, self.actors.rule_sector(targets[0] if targets else None),
                           self.actors.sector(sources[0] if sources else None))
        code = rule.code if rule else pattern.code
        if code in self.book.visit_codes and not passive:  # "arrived from India": no recipient
            targets = self.objects(verb, {r.index for r in sources}, avoid, self.book.visit_preps)
        if code is None and verb.lemma_.lower() in self.book.judging_verbs:
            code = self._characterised(verb)
        used = _consumed_tokens(verb, pattern, rule, code)
        if rule and rule.reverse:  # "received aid from X", "secured a Chinese pledge"
            givers = self.prep_actors(verb, self.book.source_preps) or self._object_actors(verb, sources)
            sources, targets = givers, sources
            used += [t.i for o in children_with(verb, "dobj") for t in o.subtree]
        consumed.update(used)
        if code is None:
            return
        negated, factual, future = self.modality(verb)
        if future:
            code, factual = self._future(code, factual)
        symmetric = pattern.symmetric if rule is None or rule.symmetric is None else rule.symmetric
        sources, targets, symmetric = self._joint(verb, sources, targets, symmetric)
        if not targets and sources and code[:2] in self.book.patient_roots:
            targets = self._unnamed_patients(verb, sources[0])
        yield Predicate(verb, code, sources, targets, clause_head(verb), negated, factual,
                        rule is not None, symmetric, used, passive)

    def _joint(self, verb: Tok, sources: list[Role], targets: list[Role],
               symmetric: bool) -> tuple[list[Role], list[Role], bool]:
        """Acts of two sides on each other: "an agreement was signed between X and Y" (no
        agent: the parties are the sides), "X and Y blamed each other" (a reciprocal object)."""
        between = self.actors.between(verb, *children_with(verb, "nsubjpass", "dobj"))
        if len(between) > 1 and not sources:
            return between, [], True
        if len(sources) > 1 and _reciprocal(verb):
            return sources, [], True
        return sources, targets, symmetric

    def _unnamed_patients(self, verb: Tok, agent: Role) -> list[Role]:
        """'police dispersed protesters', 'arrested hundreds of activists': a patient named
        only by a sector word is of the agent's own country."""
        country = self.actors.country(agent)
        heads = children_with(verb, "dobj", "nsubjpass")
        heads += [o for h in list(heads) for p in children_with(h, "prep") if p.lower_ == "of" for o in pobjs(p)]
        for head in heads:
            for token in (head, *head.conjuncts):
                sector = self.sector_of(token.lemma_.lower()) or self.sector_of(token.lower_)
                if country and sector and token.i not in self.actors.at:
                    return [self.actors.virtual(country, sector, agent)]
        return []

    def _object_actors(self, verb: Tok, exclude: list[Role]) -> list[Role]:
        """Actors named inside the direct object ("a pledge of ... in Chinese aid")."""
        taken = {r.index for r in exclude}
        found = {self.actors.at[t.i] for o in children_with(verb, "dobj") for t in o.subtree if t.i in self.actors.at}
        return [Role(n, False) for n in sorted(found - taken)]

    def _future(self, code: str, factual: bool) -> tuple[str, bool]:
        """'will provide aid' is an expressed intent (033); other futures are not facts."""
        intent = self.book.intent_codes.get(code)
        return (intent, factual) if intent else (code, False)

    def _noun(self, noun: Tok) -> Predicate | None:
        pattern = self.book.noun(noun.lemma_)
        if pattern is None or self._described(noun) or self._topic(noun, pattern):
            return None
        governor = noun.head if noun.dep_ in ("dobj", "attr", "nsubjpass") else None
        patient = pattern.code is not None and _listed(pattern.code, self.book.state_agent_roots)
        sources = self._noun_sources(noun, governor, adjunct=not patient)
        avoid = frozenset(str(self.actors.actors[r.index].get("code")) for r in sources)
        preps = self.book.noun_target_preps | ({"of"} if patient or _possessed(noun, sources, self.actors) else set())
        targets = [r for p in children_with(noun, "prep") if p.lower_ in preps
                   for o in pobjs(p) for r in self.actors.all_of(o, avoid)]
        if not targets and governor is not None:
            targets = self.objects(governor, {r.index for r in sources}, avoid)
            targets = [t for t in targets if t not in sources]
        rule = choose_rule(pattern, words_around(noun), self.actors.rule_sector(targets[0] if targets else None),
                           self.actors.sector(sources[0] if sources else None))
        code = rule.code if rule else pattern.code
        symmetric = pattern.symmetric if rule is None or rule.symmetric is None else rule.symmetric
        inferred = not sources and not targets and symmetric
        sources, targets, symmetric = self._noun_parties(noun, code, sources, targets, symmetric)
        inferred = inferred and bool(sources) and self.pair is not None and sources == list(self.pair)
        if code is None or not sources:
            return None
        if not targets and noun.lemma_.lower() in self.book.seizure_nouns:
            sources, targets = self._seizure(sources[0])
        verb = governor if governor is not None else clause_head(noun)
        negated, factual, future = self.modality(verb) if verb.i != noun.i else (False, True, False)
        planned = governor is not None and (self.verb_pattern(governor) or _NO_PATTERN).modal
        factual = factual and not planned  # "further talks are expected", "plans a visit"
        negated = negated or self.negated_by_governor(noun)
        if future:
            code, factual = self._future(code, factual)
        anchor = clause_head(verb) if verb.i != noun.i else clause_head(noun)
        return Predicate(noun, code, sources, targets, anchor, negated, factual,
                         rule is not None, symmetric, [noun.i], inferred=inferred)

    def _seizure(self, agent: Role) -> tuple[list[Role], list[Role]]:
        """'he staged a coup': the armed forces of the agent's country against its government."""
        country = self.actors.country(agent) or ""
        if self.actors.sector(agent) not in ("MIL", "REB"):
            agent = self.actors.virtual(country, "MIL", agent)
        return [agent], [self.actors.virtual(country, "GOV", agent)]

    def _noun_parties(self, noun: Tok, code: str | None, sources: list[Role], targets: list[Role],
                      symmetric: bool) -> tuple[list[Role], list[Role], bool]:
        """Parties of an event noun that names no agent: "talks between X and Y" (both
        sides), "the arrest of X" (X's state), "a clash on Monday" (the pair the text last
        set against each other, for mutual acts of ``paired_noun_roots``)."""
        if sources or code is None:
            return sources, targets, symmetric
        between = self.actors.between(noun)
        if len(between) > 1:
            self._pair_of(between)
            return between, [], True
        if targets and _listed(code, self.book.state_agent_roots):
            country = self.actors.country(targets[0])
            if country and self.actors.sector(targets[0]) != "IGO":
                return [self.actors.virtual(country, "GOV", targets[0])], targets, symmetric
        told = any(c.dep_ == "det" and c.lower_ in ("the", "this", "that", "these", "those") for c in noun.children)
        if symmetric and not targets and not told and self.pair and _listed(code, self.book.paired_noun_roots):
            return list(self.pair), [], True  # inferred: the coder drops it if the act was told already
        return sources, targets, symmetric

    def _topic(self, noun: Tok, pattern: Pattern) -> bool:
        """'thanked Li for China's support', 'linking them to Yemen's support for Gaza',
        'marches in support of X': a stance noun (the codebook's ``topic_noun_roots``) after a
        preposition is what another act is about, not an act of its own."""
        return (noun.dep_ == "pobj" and noun.head.lower_ in ("for", "to", "in", "of", "with")
                and pattern.code is not None and _listed(pattern.code, self.book.topic_noun_roots))

    def _described(self, noun: Tok) -> bool:
        """'Japan's aid has been consistent', 'the visit indicates that ...': an event noun
        that is the subject of a descriptive predicate is characterised, not reported."""
        head = noun.head
        if noun.dep_ != "nsubj" or head.lemma_.lower() not in self.book.descriptive_verbs:
            return False
        if any(p.lower_ == "between" for p in children_with(noun, "prep")):
            return False  # "talks between X and Y were inconclusive": the talks took place
        return head.lemma_.lower() != "be" or any(c.dep_ in ("acomp", "attr") for c in head.children)

    def _noun_sources(self, noun: Tok, governor: Tok | None, adjunct: bool = True) -> list[Role]:
        """Who acts in an event noun: possessor, demonym/compound, 'by/from X', light verb
        subject, or (``adjunct``) the subject of the clause an adjunct noun sits in ("met
        during a visit"; not "acted after the arrest of X": the arrest is not the subject's)."""
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in self.actors.at:
                return self.actors.all_of(child)
        by = [r for p in children_with(noun, "prep") if p.lower_ in self.book.source_preps
              for o in pobjs(p) for r in self.actors.all_of(o)]
        if by:
            return by
        if governor is not None and (governor.lemma_.lower() in self.book.light_verbs
                                     or self.book.verb(governor.lemma_) is None):
            return self.subjects(governor)[0]
        if adjunct and noun.dep_ == "pobj" and noun.head.lower_ in self.book.adjunct_preps and noun.head.head.pos_ in ("VERB", "AUX"):
            return self.subjects(noun.head.head)[0]
        if noun.dep_ == "pobj" and noun.head.lower_ == "behind" and noun.head.head.lemma_ == "be":
            return self.subjects(noun.head.head)[0]  # "X was behind the coup": X staged it
        return []


def _possessed(noun: Tok, sources: list[Role], actors: ActorIndex) -> bool:
    """'Russia's invasion of Ukraine': the agent is the possessor, so 'of' names the recipient."""
    return any(actors.roots[r.index].head.i == noun.i and actors.roots[r.index].dep_ in ("poss", "compound", "amod")
               for r in sources if r.index < actors.named)


_NO_PATTERN = Pattern(lemma="", kind="verb", code=None)


def paired_nouns_of(book: VerbCodebook) -> frozenset[str]:
    """The mutual event nouns ("talks", "clash") that may take the story's pair as parties."""
    return frozenset(lemma for lemma, p in book.nouns.items()
                     if p.symmetric and p.code and _listed(p.code, book.paired_noun_roots))


def _words_of(tokens: Iterable[Tok]) -> set[str]:
    """Lemmas and lower-case forms of ``tokens`` (what the judging word lists are matched on)."""
    return {w for t in tokens for w in (t.lemma_.lower(), t.lower_)}


def _reciprocal(verb: Tok) -> bool:
    """'blamed each other', 'accused one another', 'fired at each other'."""
    objects = [*children_with(verb, "dobj"), *(o for p in children_with(verb, "prep") for o in pobjs(p))]
    return any(o.lower_ == "other" and any(c.lower_ in ("each", "one") for c in o.children)
               or o.lower_ == "another" and any(c.lower_ == "one" for c in o.children) for o in objects)


def _purpose(token: Tok) -> bool:
    """'will come to visit X': a to-infinitive of purpose shares its governor's modality."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _listed(code: str, roots: set[str]) -> bool:
    return code in roots or code[:2] in roots


def _says_no(child: Tok) -> bool:
    """'never sent', 'sent no monitors': negation outside the ``neg`` label."""
    if child.dep_ == "advmod" and child.lower_ == "never":
        return True
    return child.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in child.children)


def _consumed_tokens(verb: Tok, pattern: Pattern, rule: Rule | None, code: str | None) -> list[int]:
    """Tokens a coded verb accounts for: its xcomp (urged X *to release*) and object nouns."""
    if (code is None and not pattern.speech) or pattern.speech:
        return [verb.i]
    used = [verb.i]
    for child in verb.children:
        if child.dep_ == "xcomp" and code is not None:
            used.append(child.i)
            used.extend(o.i for o in children_with(child, "dobj"))
        elif child.dep_ in ("dobj", "attr"):
            used.append(child.i)
    return used
