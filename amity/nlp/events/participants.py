"""A clause's participants: the verb entry of a token, its agents and its recipients.

The base pass of the sentence parser (:class:`amity.nlp.events.grammar.SentenceParser`
composes it with the others): a token's entry in the predicate codebook (falling back on
the word form when the lemmatizer slips) and the rule of the entry that codes it; a
verb's agents (subjects, passive agents, raised and inherited subjects, the speaker of a
reported clause or of a quotation) and its recipients (objects, datives, prepositional
recipients, the complement's object, the patients of a passive).
"""

from __future__ import annotations

from amity.codebook.verbs import Pattern, Rule, VerbCodebook
from amity.nlp.events.index import ParsedDoc, Tok, children_with, pobjs
from amity.nlp.events.quotes import QuoteSpeakers
from amity.nlp.events.roles import ActorIndex, Role

AUTHOR_DEPS = {"compound", "amod", "poss", "nmod"}  # "a US draft", "Japan's proposal"


def choose_rule(pattern: Pattern, found: dict[str, set[str]], target_sector: str | None,
                source_sector: str | None = None) -> Rule | None:
    for rule in pattern.rules:
        if rule.matches(found, target_sector, source_sector):
            return rule
    return None


class ParticipantPass:
    """Finds a token's verb entry and a verb's agents and recipients."""

    book: VerbCodebook
    actors: ActorIndex
    parsed: ParsedDoc
    patterns: dict[int, Pattern | None]  # token index -> its verb entry
    speakers: dict[int, list[Role] | None]  # token index -> ``speaker``'s answer
    quotes: QuoteSpeakers

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

    def subjects(self, verb: Tok, speaker: list[Role] | None = None) -> tuple[list[Role], bool]:
        """Agents of ``verb`` and whether the clause is passive."""
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.lower_ in self.book.pronouns and speaker:
                    return speaker, False
                if child.lower_ in self.book.relatives and verb.dep_ == "relcl":
                    return self.actors.all_of(verb.head), False
                found = self.actors.all_of(_after_label(child))
                for other in children_with(verb, "nsubj"):  # "X and visiting Y announced": the parser
                    if other.i > child.i:                  # split the conjoined subject in two
                        found += [r for r in self.actors.all_of(other) if r.index not in {f.index for f in found}]
                return found, False
        joined = self._joined(verb, speaker)
        if joined:
            return joined, False
        credited = _credited(verb)
        if credited is not None:  # "thanked Egypt for mediating the truce": Egypt mediated
            doers = [r for o in children_with(credited, "dobj") for r in self.actors.all_of(o)]
            if doers:
                return doers, False
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
        if verb.dep_ == "acomp" and verb.lemma_.lower() in self.book.intent_verbs:  # "said it is willing to"
            return self.subjects(verb.head, speaker or self.speaker(verb.head))
        if inherits and verb.head.i != verb.i:
            return self.subjects(verb.head, speaker)
        prep = verb.head
        if verb.dep_ == "pcomp" and prep.lower_ in self.book.temporal_preps and prep.head.pos_ in ("VERB", "AUX"):
            return self.subjects(prep.head, speaker)  # "X and Y announced it after meeting in Sanya": they met
        if verb.dep_ == "conj" and verb.tag_ == "VBG" and verb.head.pos_ == "PROPN" and verb.i + 1 in self.actors.at:
            return [Role(self.actors.at[verb.i + 1], False)], False  # "Li and visiting Lao PM X" (misparsed)
        if verb.dep_ == "amod" and verb.tag_ == "VBG":  # "Li and the visiting Lao prime minister": not Li
            visitor = self.actors.of(verb.head)
            return ([visitor] if visitor else []), False
        if verb.dep_ == "relcl":
            return self.actors.all_of(verb.head), False
        return self._adjacent_agent(verb), False

    def _joined(self, verb: Tok, speaker: list[Role] | None) -> list[Role]:
        """'Brazil joined Peru and Chile in condemning the coup': the joiner and the joined
        both condemn (a gerund under 'in' of a joining verb with a direct object)."""
        if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or verb.head.lower_ != "in":
            return []
        governor = verb.head.head
        if governor.i == verb.head.i or governor.lemma_.lower() not in self.book.joining_verbs:
            return []
        joined = [r for o in children_with(governor, "dobj") for r in self.actors.all_of(o)]
        if not joined:
            return []
        joiners = self.subjects(governor, speaker)[0]
        return [*joiners, *(r for r in joined if r.index not in {j.index for j in joiners})]

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
        """The patients of a passive ("the party, which was banned": the party; "the
        leaders detained by the army": the noun a past participle modifies)."""
        subjects = [verb.head if s.lower_ in self.book.relatives and verb.dep_ == "relcl" else s
                    for s in children_with(verb, "nsubjpass")]
        if not subjects and verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.i != verb.i:
            subjects = [verb.head]
        found = [r for s in subjects for r in self.actors.all_of(s)]
        return found or [r for s in subjects for r in self._author(s)][:1]  # "the draft was rejected by X"

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
        for named in children_with(verb, "ccomp"):  # "launched what it called strikes against X"
            if named.lemma_.lower() in self.book.judging_verbs and any(o.lower_ == "what" for o in children_with(named, "dobj")):
                groups.extend(pobjs(p) for p in children_with(named, "prep") if p.lower_ in {*preps, "as"})
        for xcomp in complements:  # "urged X to ...", "committed to pull Greece back"
            groups.append(children_with(xcomp, "dobj"))
            groups.extend(pobjs(p) for p in children_with(xcomp, "prep", "dative") if p.lower_ in preps)
        if children_with(verb, "dobj"):  # "vetoed the draft by the US": the author of what is acted on
            groups.extend(pobjs(p) for p in children_with(verb, "prep") if p.lower_ == "by")
        authors = [r for o in groups[0] for r in self._author(o)
                   if r.index not in exclude and self.actors.actors[r.index].get("code") not in avoid][:1]
        for group in groups:
            roles = [r for head in group for r in self.actors.all_of(head, avoid) if r.index not in exclude]
            if authors and not any(r.direct for r in roles):
                return authors  # "opposed the draft which would punish X": toward the draft's author
            if roles:
                return roles
        return []

    def _author(self, noun: Tok) -> list[Role]:
        """'vetoed a US draft ... opposed the draft': a definite proposal naming no author is
        the one last told with its author, who is the recipient of acts on it."""
        if noun.lemma_.lower() not in self.book.authored_nouns or not any(
                c.dep_ == "det" and c.lower_ in self.book.definite_words for c in noun.children):
            return []
        for i in range(noun.i - 1, -1, -1):
            earlier = noun.parsed[i]
            if earlier.pos_ == "VERB" and earlier.lemma_.lower() in self.book.proposing_verbs:
                proposers = self.subjects(earlier)[0]  # "X proposed a transition ... the proposal"
                if proposers:
                    return proposers
            if earlier.lemma_.lower() not in self.book.authored_nouns:
                continue
            phrase = earlier.head if earlier.dep_ == "compound" else earlier
            authors = [Role(self.actors.at[c.i], True) for c in phrase.children
                       if c.dep_ in AUTHOR_DEPS and c.i in self.actors.at]
            if authors:
                return authors
        return []

    def prep_actors(self, verb: Tok, preps: set[str]) -> list[Role]:
        return [r for p in children_with(verb, "prep", "agent") if p.lower_ in preps
                for o in pobjs(p) for r in self.actors.all_of(o)]


def _credited(verb: Tok) -> Tok | None:
    """The governor of a gerund that says what its object did ("thanked Egypt for mediating",
    "praised China for helping"): a verb with a direct object and a for-gerund."""
    if verb.dep_ != "pcomp" or verb.tag_ != "VBG" or verb.head.lower_ != "for":
        return None
    governor = verb.head.head
    return governor if governor.pos_ == "VERB" and children_with(governor, "dobj") else None


def _purpose(token: Tok) -> bool:
    """'will come to visit X': a to-infinitive of purpose shares its governor's modality."""
    return token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)


def _listed(code: str, roots: set[str]) -> bool:
    return code in roots or code[:2] in roots


def _after_label(subject: Tok) -> Tok:
    """'Gaza: Israel and the Islamic Jihad group declared a truce': a place written as a
    label before a colon, which the parser makes the subject with the real subject as its
    apposition, stands for nothing; the apposition is the subject."""
    nxt = subject.i + 1
    if nxt >= subject.sent.end or subject.parsed[nxt].lower_ != ":" or subject.parsed[nxt].head.i != subject.i:
        return subject
    return next((c for c in subject.children if c.dep_ == "appos" and c.i > nxt), subject)
