"""Event nouns: "talks between X and Y", "Russia's invasion of Ukraine", "a coup".

A pass of the sentence parser (:class:`amity.nlp.events.grammar.SentenceParser` inherits
it): an event noun of the codebook that is reported (not characterised, nor the topic of
another act) is a predicate; its agents (possessor, demonym, "by X", the light verb's
subject, the clause's subject for an adjunct), its recipients, and, when it names no
agent, its parties (both sides of "between", the state of an arrest's target, the story's
pair for a mutual act).
"""

from __future__ import annotations

from spacy.tokens import Span

from amity.codebook.verbs import Pattern, VerbCodebook
from amity.nlp.events.index import Tok, children_with, clause_head, pobjs, words_around
from amity.nlp.events.modality import ModalityPass
from amity.nlp.events.participants import _listed, choose_rule
from amity.nlp.events.recipients import RecipientPass
from amity.nlp.events.roles import ActorIndex, Predicate, Role


class NounPass(ModalityPass, RecipientPass):
    """Codes the sentence's event nouns."""

    dates: list[Span]  # the document's date spans

    def _act_as_actor(self, noun: Tok) -> bool:
        """'a deadly Israeli strike on its consulate', 'Russian shelling of the city': an
        event noun that heads an actor span (its force, "Israeli strike" = ISRMIL) is coded
        as the act when no verb of the clause takes it as its agent."""
        number = self.actors.at[noun.i]
        if self.actors.roots[number].i != noun.i or self.actors.spans[number].start == noun.i:
            return False
        pattern = self.book.noun(noun.lemma_)
        if pattern is None or pattern.code is None:
            return False
        if noun.dep_ == "nsubj" and (noun.head.lemma_.lower() in self.book.descriptive_verbs
                                     or self.verb_pattern(noun.head) is None):
            # "Russian shelling of X was a crime", "... violates the laws of war": no coded verb takes it as agent
            return _listed(pattern.code, self.book.presupposed_roots)
        if noun.dep_ in ("nsubj", "nsubjpass", "agent", "conj", "appos"):
            return False
        return noun.dep_ != "pobj" or noun.head.dep_ != "agent"

    def _noun(self, noun: Tok) -> Predicate | None:
        pattern = self.book.noun(noun.lemma_)
        if pattern is None or self._described(noun) or self._topic(noun, pattern):
            return None
        governor = noun.head if noun.dep_ in ("dobj", "attr", "nsubjpass") else self._named_as(noun)
        patient = pattern.code is not None and _listed(pattern.code, self.book.state_agent_roots)
        sources = self._noun_sources(noun, governor, adjunct=not patient)
        avoid = frozenset(str(self.actors.actors[r.index].get("code")) for r in sources)
        preps = self.book.noun_target_preps | ({"of"} if patient or _possessed(noun, sources, self.actors) else set())
        targets = [r for p in self._noun_preps(noun) if p.lower_ in preps  # (not "a trip for attending X")
                   for o in pobjs(p) if o.dep_ == "pobj" for r in self.actors.all_of(o, avoid)]
        if not targets and pattern.code in self.book.mediation_codes:
            targets = self._mediated(noun, sources)
        if patient and not targets:
            targets = [r for c in children_with(noun, "poss") if c.pos_ == "PRON" for r in self.actors.all_of(c)]
        host = noun.head.head if (noun.dep_ == "pobj" and noun.head.lower_ in self.book.adjunct_preps
                                  and pattern.code is None) else None  # a noun coded only by its kind
        clause = governor if governor is not None else host if host is not None and host.pos_ in ("VERB", "AUX") else None
        if not targets and clause is not None:
            # "In a telephonic conversation, X conveyed to Y ...": the adjunct's clause names the other side
            targets = [t for t in self.objects(clause, {r.index for r in sources}, avoid)
                       if t not in sources and not self._placed(noun, t)]
        rule = choose_rule(pattern, words_around(noun), self.actors.rule_sector(targets[0] if targets else None),
                           self.actors.rule_sector(sources[0] if sources else None))
        code = rule.code if rule else pattern.code
        if rule is not None and rule.governors is not None and governor is not None:
            sources, targets = self._answered(governor, sources)
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
        planned = planned or any(c.dep_ in ("acl", "relcl") and any(  # "more talks to take place"
            a.dep_ in ("aux", "auxpass") and a.lower_ == "to" for a in c.children) for c in noun.children)
        factual = factual and not planned  # "further talks are expected", "plans a visit"
        negated = negated or self.negated_by_governor(noun)
        if future:
            code, factual = self._future(code, factual)
        anchor = clause_head(verb) if verb.i != noun.i else clause_head(noun)
        retold = self._retold(noun, code)
        asked = [o.i for p in children_with(noun, "prep") for o in pobjs(p)
                 if rule is not None and rule.objects and o.lemma_.lower() in rule.objects]
        return Predicate(noun, code, sources, targets, anchor, negated, factual,
                         rule is not None, symmetric, [noun.i, *asked], inferred=inferred, retold=retold)

    def _answered(self, answer: Tok, speakers: list[Role]) -> tuple[list[Role], list[Role]]:
        """'Peru dismissed calls from Brazil to free them', 'rejected Chile's plea': an appeal
        that a verb of its rule's ``governors`` answers is addressed to the answerer (the
        verb's subject); its speakers are the noun's own, else those the answer is aimed at."""
        answerers = self.subjects(answer)[0]
        own = {r.index for r in answerers}
        if not speakers:
            avoid = frozenset(str(self.actors.actors[r.index].get("code")) for r in answerers)
            speakers = self.objects(answer, own, avoid)
        return [r for r in speakers if r.index not in own], answerers

    def _retold(self, noun: Tok, code: str) -> bool:
        """'troubled by the arrest of X', 'the US criticism came as ...': a definite noun of
        an act of ``retold_roots`` with no date or "between" of its own refers back to an act
        told before (dropped when one of its dyad and root was)."""
        if not _listed(code, self.book.retold_roots) or any(p.lower_ == "between" for p in children_with(noun, "prep")):
            return False
        if any(noun.left_edge.i <= d.start and d.end <= noun.right_edge.i + 1 for d in self.dates):
            return False  # "the arrest of X on 3 September": an act of its own
        return any(c.dep_ in ("det", "poss") and c.lower_ in self.book.definite_words
                   or c.dep_ == "poss" and c.pos_ == "PROPN" for c in noun.children)  # "Russia's bombardment"

    def _mediated(self, noun: Tok, mediators: list[Role]) -> list[Role]:
        """'signed between Saudi Arabia and Iran with Chinese mediation': the parties of the
        act a mediation noun is attached to (its "between" phrase, else its agents and objects)."""
        prep = noun.head
        if noun.dep_ != "pobj" or prep.lower_ not in self.book.mediation_preps or prep.head.pos_ not in ("VERB", "AUX"):
            return []
        act, own = prep.head, {r.index for r in mediators}
        found = self.actors.between(act, *children_with(act, "nsubjpass", "dobj"))
        if not found:
            avoid = frozenset(str(self.actors.actors[r].get("code")) for r in own)
            found = [*self.subjects(act)[0], *self.objects(act, own, avoid)]
        return [r for r in found if r.index not in own]

    def _dissent(self, noun: Tok, targets: list[Role]) -> tuple[list[Role], list[Role]]:
        """A protest naming no protesters is by a country's people against its government:
        "a demonstration against the government" (the government's country), "organised
        mass protests" (the story's country: the one whose domestic politics are told)."""
        if targets:
            country = self.actors.country(targets[0]) if self.actors.sector(targets[0]) == "GOV" else None
            return ([self.actors.virtual(country, "CVL", targets[0])] if country else []), targets
        if noun.dep_ not in ("nsubj", "nsubjpass", "dobj"):
            return [], targets  # "no sign of protests", "in support of the protests"
        country = self.actors.focus(set(), frozenset(self.book.domestic_sectors)) or self.actors.focus(set())
        if not country:
            return [], targets
        like = self._nearest_actor(noun)
        return [self.actors.virtual(country, "CVL", like)], [self.actors.virtual(country, "GOV", like)]

    def _nearest_actor(self, noun: Tok) -> Role:
        """The named actor closest to a noun (where an actor the noun implies is placed)."""
        roots = self.actors.roots[:self.actors.named]
        return Role(min(range(len(roots)), key=lambda n: abs(roots[n].i - noun.i)), False)

    def _placed(self, noun: Tok, role: Role) -> bool:
        """'held talks in France': an actor named as the place of the event noun is where the
        act happened, not its other side (not 'a raid at the BNP office': the office's owner)."""
        spot = self.book.place_preps - self.book.noun_target_preps
        root = self.actors.roots[role.index].i
        return any(o.i == root for p in children_with(noun, "prep") if p.lower_ in spot for o in pobjs(p))

    def _noun_preps(self, noun: Tok) -> list[Tok]:
        """The prepositions of an event noun, with those of the noun that measures it out
        ("days of protests by the opposition": the parser attaches "by" to "days")."""
        preps = children_with(noun, "prep")
        measure = noun.head.head
        if (noun.dep_ == "pobj" and noun.head.lower_ == "of" and measure.i != noun.i
                and measure.lemma_.lower() in self.book.measure_nouns):
            preps = [*preps, *(p for p in children_with(measure, "prep") if p.i > noun.i)]
        return preps

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
        if _listed(code, self.book.dissent_roots):
            return (*self._dissent(noun, targets), symmetric)
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
        pattern = self.book.noun(noun.lemma_)
        if pattern is not None and pattern.code is not None and _listed(pattern.code, self.book.presupposed_roots):
            return False  # "X's shelling of Y was a war crime": judged, the attack still took place
        return head.lemma_.lower() != "be" or any(c.dep_ in ("acomp", "attr") for c in head.children)

    def _one_of_pair(self, noun: Tok, agents: list[Role]) -> list[Role]:
        """'during the former's trip to Japan' (the clause names X and Y): "the former" is
        the first of the clause's agents, "the latter" the last."""
        for child in children_with(noun, "poss"):
            if len(agents) > 1 and child.lower_ in self.book.former_words:
                return agents[:1]
            if len(agents) > 1 and child.lower_ in self.book.latter_words:
                return agents[-1:]
        return agents

    def _named_as(self, noun: Tok) -> Tok | None:
        """'launched what it called pre-emptive strikes': the noun a free relative names is the
        object of the verb the relative depends on (here "launched")."""
        namer = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "as" else noun.head
        if noun.dep_ not in ("oprd", "pobj") or namer.lemma_.lower() not in self.book.judging_verbs:
            return None
        governor = namer.head
        if namer.dep_ == "ccomp" and any(c.lower_ == "what" for c in children_with(namer, "dobj")):
            return governor
        return None

    def _noun_sources(self, noun: Tok, governor: Tok | None, adjunct: bool = True) -> list[Role]:
        """Who acts in an event noun: possessor, demonym/compound, 'by/from X', light verb
        subject, or (``adjunct``) the subject of the clause an adjunct noun sits in ("met
        during a visit"; not "acted after the arrest of X": the arrest is not the subject's)."""
        measure = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
        if measure is not None and measure.lemma_.lower() in self.book.measure_nouns and not any(
                c.dep_ == "poss" for c in noun.children):
            holder = measure  # "on his second day of a visit to X": the measure noun's possessor and clause
        else:
            holder = noun
        for child in holder.children:  # a patient's act: "his arrest", "his release" are done to him
            if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in self.actors.at and (
                    adjunct or child.dep_ != "poss" or child.pos_ != "PRON"):
                return self.actors.all_of(child)
        by = [r for p in self._noun_preps(noun) if p.lower_ in self.book.source_preps
              for o in pobjs(p) for r in self.actors.all_of(o)]
        if by:
            return by
        if governor is not None and (governor.lemma_.lower() in self.book.light_verbs
                                     or self.book.verb(governor.lemma_) is None):
            return self.subjects(governor)[0]
        if adjunct and holder.dep_ == "pobj" and holder.head.lower_ in self.book.adjunct_preps and holder.head.head.pos_ in ("VERB", "AUX"):
            return self._one_of_pair(holder, self.subjects(holder.head.head)[0])
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
