"""Coded verbs: one predicate per verb of the codebook, with its participants.

A pass of the sentence parser (:class:`amity.nlp.events.grammar.SentenceParser` inherits
it): a coded verb's agents and recipients, the rule that codes it (reversed for "received
aid from X"), the tokens it accounts for, its modality, joint and reciprocal acts ("signed
between X and Y", "blamed each other") and patients named only by a sector word ("police
dispersed protesters").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Span

from amity.codebook.verbs import Pattern, Rule
from amity.nlp.events.index import Tok, children_with, clause_head, pobjs, words_around
from amity.nlp.events.judgements import JudgementPass
from amity.nlp.events.modality import ModalityPass
from amity.nlp.events.participants import _credited, _listed, choose_rule
from amity.nlp.events.roles import Agent, Predicate, Role
from amity.nlp.events.struck import StruckPass

SectorOf = Callable[[str], "str | None"]


class ClausePass(ModalityPass, JudgementPass, StruckPass):
    """Codes the sentence's verbs."""

    sector_of: SectorOf  # a sector word's sector
    dates: list[Span]  # the sentence's date spans
    _dated: set[int]  # token indices inside a date span
    history: list[tuple[str, tuple[Agent, ...]]]  # (CAMEO code, agents' (country, sector)) of acts told so far

    def _verb(self, verb: Tok, consumed: set[int]) -> Iterator[Predicate]:
        pattern = self.verb_pattern(verb)
        if pattern is None or verb.i in consumed or _misread_noun(verb):
            return
        found = self._undated(verb, words_around(verb))
        speaker = self.speaker(verb)
        sources, passive = self.subjects(verb, speaker)
        sources = sources + (self._conjoined_sectors(verb, sources) if sources and not passive else [])
        avoid = frozenset(str(self.actors.actors[r.index].get("code")) for r in sources)
        targets = self.passive_targets(verb) if passive else self.objects(verb, {r.index for r in sources}, avoid)
        if not sources and targets and not passive:
            sources = self._unnamed_dissenters(verb, targets[0])  # "protesters surrounded the parliament"
        rule = choose_rule(pattern, found, self.actors.rule_sector(targets[0] if targets else None),
                           self.actors.rule_sector(sources[0] if sources else None))
        code = rule.code if rule else pattern.code
        code = self._vowed_threat(verb) or code
        credited = _credited(verb)
        if not targets and credited is not None:  # "thanked Egypt for mediating": toward the thankers
            targets = [r for r in self.subjects(credited)[0] if r.index not in {s.index for s in sources}]
        if code in self.book.visit_codes and not passive:  # "arrived from India": no recipient
            targets = self.objects(verb, {r.index for r in sources}, avoid, self.book.visit_preps)
            targets = targets or self._host(verb, sources, avoid)
        if code is not None and _listed(code, self.book.denial_codes) and children_with(verb, "xcomp", "ccomp", "pcomp"):
            targets = self._accusers(sources)  # "denied sending troops": the troops are not whom it answers
        if code is None and verb.lemma_.lower() in self.book.judging_verbs:
            code = self._characterised(verb)
        used = [i for i in _consumed_tokens(verb, pattern, rule, code) if not self._attack_with_agent(verb.parsed[i])]
        answered = self._answered_appeals(verb)
        if answered:  # "dismissed calls from X to free them": the call and what it asks are X's
            used = [i for i in used if i not in answered]
            consumed.update(c.i for c in children_with(verb, "advcl", "xcomp")
                            if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
        if rule and rule.reverse:  # "received aid from X", "secured a Chinese pledge"
            givers = self.prep_actors(verb, self.book.source_preps) or self._object_actors(verb, sources)
            sources, targets = givers, sources
            used += [t.i for o in children_with(verb, "dobj") for t in o.subtree]
        consumed.update(used)
        if code is None:
            return
        if targets and sources and _listed(code, self.book.theme_object_roots):
            targets = self._sent_to(verb, sources, targets, avoid)
        negated, factual, future = self.modality(verb)
        if future:
            code, factual = self._future(code, factual)
        symmetric = pattern.symmetric if rule is None or rule.symmetric is None else rule.symmetric
        sources, targets, symmetric = self._joint(verb, sources, targets, symmetric)
        if not targets and sources and code[:2] in self.book.patient_roots and not (
                _listed(code, self.book.struck_place_roots) and self.struck_country(verb, verb)):
            targets = self._unnamed_patients(verb, sources[0])  # (a place struck is the target: "fired rockets at Gaza")
            if targets and not self.actors.sector(sources[0]) and self.actors.sector(targets[0]) in self.book.dissent_sectors:
                # "Iran executed a protester": its state, toward its own people (not "shot down rockets")
                sources = [self.actors.virtual(self.actors.country(sources[0]) or "", "GOV", sources[0])]
        yield Predicate(verb, code, sources, targets, clause_head(verb), negated, factual,
                        rule is not None, symmetric, used, passive, retold=self._topic_of_talks(verb))

    def _conjoined_sectors(self, verb: Tok, sources: list[Role]) -> list[Role]:
        """'Kenyan trade unionists and opposition parties voiced outrage': a subject's conjunct
        named only by a sector word is of the country of the actor it is conjoined with."""
        country = self.actors.country(sources[0])
        found: list[Role] = []
        for subject in children_with(verb, "nsubj"):
            for token in subject.conjuncts:
                if any(t.i in self.actors.at for t in token.subtree):
                    continue
                sector = self._patient_sector(token)
                if country and sector:
                    found.append(self.actors.virtual(country, sector, sources[0]))
        return found

    def _answered_appeals(self, verb: Tok) -> set[int]:
        """The objects of ``verb`` that are appeals it answers (a noun rule's ``governors``
        name the verb): the noun pass codes them, toward the verb's subject."""
        lemma = verb.lemma_.lower()
        found = set()
        for child in children_with(verb, "dobj", "nsubjpass"):
            pattern = self.book.noun(child.lemma_)
            if pattern is not None and any(r.governors is not None and lemma in r.governors for r in pattern.rules):
                found.add(child.i)
        return found

    def _topic_of_talks(self, verb: Tok) -> bool:
        """'They also discussed trade': a verb of ``topic_verbs`` whose subject is a pronoun
        tells what the talks just told covered, not another meeting."""
        return verb.lemma_.lower() in self.book.topic_verbs and any(
            c.dep_ == "nsubj" and c.pos_ == "PRON" for c in verb.children)

    def _accusers(self, deniers: list[Role]) -> list[Role]:
        """The agents of the last accusation or criticism told that others made (whom a denial
        of an act answers); none when no such act was told."""
        own = {self.actors.country(r) for r in deniers}
        for code, told in reversed(self.history):
            agents = [c for c in dict.fromkeys(country for country, _ in told) if c and c not in own]
            if agents and _listed(code[:2], self.book.accusation_roots) and deniers:
                return [self.actors.virtual(c, None, deniers[0]) for c in agents]
        return []

    def _host(self, visiting: Tok, visitors: list[Role], avoid: frozenset[str]) -> list[Role]:
        """'Li met the visiting Lao prime minister', 'Li and the visiting Lao prime minister
        announced': a visitor named by "visiting" visits the side its clause pairs it with
        (the conjoined actor, else the other participants of the verb it takes part in)."""
        if not visitors:
            return []
        own = {r.index for r in visitors}
        if visiting.dep_ == "conj" and visiting.tag_ == "VBG" and visiting.head.pos_ == "PROPN":
            return [r for r in self.actors.all_of(visiting.head, avoid) if r.index not in own][:1]  # misparsed amod
        if visiting.dep_ != "amod":
            return []
        head = visiting.head
        found = [r for c in head.conjuncts for r in self.actors.all_of(c, avoid) if r.index not in own]
        governor = head.head.head if head.dep_ == "pobj" else head.head
        if not found and governor.pos_ in ("VERB", "AUX") and governor.i != head.i:
            found = [r for r in [*self.subjects(governor)[0], *self.objects(governor, own, avoid)] if r.index not in own]
        return found[:1]

    def _undated(self, verb: Tok, found: dict[str, set[str]]) -> dict[str, set[str]]:
        """A preposition whose object is a date ("called on Friday for ...") is no particle of
        the verb's rules ("call on X" is an appeal)."""
        if not hasattr(self, "_dated"):
            self._dated = {i for span in self.dates for i in range(span.start, span.end)}
        preps = children_with(verb, "prep")
        for prep in preps:
            objects = pobjs(prep)
            if prep.lower_ in self.book.target_preps and objects and all(o.i in self._dated for o in objects) and not any(
                    q.i != prep.i and q.lower_ == prep.lower_ for q in preps):
                found["particles"].discard(prep.lemma_.lower())
        return found

    def _sent_to(self, verb: Tok, sources: list[Role], targets: list[Role], avoid: frozenset[str]) -> list[Role]:
        """'sent its troops to X': the agent's own forces are what is sent; X receives them."""
        own = {self.actors.country(r) for r in sources}
        if not any(self.actors.country(r) in own for r in targets):
            return targets
        taken = {r.index for r in sources} | {r.index for r in targets}
        return [r for r in self.objects(verb, taken, avoid) if self.actors.country(r) not in own]

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
        if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "opposition leaders detained by the army"
            heads.append(verb.head)
        heads += [o for h in list(heads) for p in children_with(h, "prep") if p.lower_ == "of" for o in pobjs(p)]
        heads += [c for h in list(heads) for c in children_with(h, "poss")]  # "blocked the activists' convoy"
        for head in heads:
            for token in (head, *head.conjuncts):
                sector = self._patient_sector(token)
                if country and sector and token.i not in self.actors.at:
                    return [self.actors.virtual(country, sector, agent)]
        return []

    def _attack_with_agent(self, noun: Tok) -> bool:
        """'condemned the killing of X by Y', 'denounced Y's bombardment of X': an act of force
        (``presupposed_roots``) whose agent the noun names is reported as well as judged (an
        act told before is dropped as retold)."""
        pattern = self.book.noun(noun.lemma_) if noun.pos_ == "NOUN" else None
        if pattern is None or pattern.code is None or not _listed(pattern.code, self.book.presupposed_roots):
            return False
        agents = [o for p in children_with(noun, "prep") if p.lower_ == "by" for o in pobjs(p)]
        agents += [c for c in children_with(noun, "poss") if c.pos_ != "PRON"]
        return any(a.i in self.actors.at for a in agents)

    def _vowed_threat(self, verb: Tok) -> str | None:
        """'vowed to punish X', 'pledged to retaliate': a verb of commitment governing a
        conflict act is the threat of that act (its intent code when that is a 13x)."""
        if verb.lemma_.lower() not in self.book.commissive_verbs:
            return None
        for act in children_with(verb, "xcomp"):
            pattern = self.verb_pattern(act)
            intent = self.book.intent_codes.get(pattern.code or "") if pattern is not None else None
            if intent and intent[:2] == "13":
                return intent
        return None

    def _unnamed_dissenters(self, verb: Tok, target: Role) -> list[Role]:
        """'protesters who surrounded his office', 'students occupied the ministry': an agent
        named only by a word of a dissenting sector (``dissent_sectors``: protesters, students,
        the opposition) acting on an organ of the story's own country is of that country."""
        country = self.actors.country(target)
        if not country or country != self.actors.focus(set()) or self.actors.sector(target) not in (
                "GOV", *self.book.domestic_sectors):
            return []
        subjects = children_with(verb, "nsubj")
        if subjects and subjects[0].lower_ in self.book.relatives and verb.dep_ == "relcl":
            subjects = [verb.head]
        for token in subjects:
            sector = self._patient_sector(token)
            if sector in self.book.dissent_sectors and token.i not in self.actors.at:
                return [self.actors.virtual(country, sector, target)]
        return []

    def _patient_sector(self, token: Tok) -> str | None:
        """The sector a patient's word names, alone or with its modifiers ("opposition leaders")."""
        words = [c.lower_ for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i]
        found = self.sector_of(token.lemma_.lower()) or self.sector_of(token.lower_)
        for k in range(len(words)):  # "several opposition leaders": the longest phrase the words make
            found = found or self.sector_of(" ".join([*words[k:], token.lemma_.lower()]))
        return found

    def _object_actors(self, verb: Tok, exclude: list[Role]) -> list[Role]:
        """Actors named inside the direct object ("a pledge of ... in Chinese aid")."""
        taken = {r.index for r in exclude}
        found = {self.actors.at[t.i] for o in children_with(verb, "dobj") for t in o.subtree if t.i in self.actors.at}
        return [Role(n, False) for n in sorted(found - taken)]


def _misread_noun(verb: Tok) -> bool:
    """'congratulated Kishida and host Japan': a bare base-form verb conjoined to a past or
    present-tense one, with no subject or auxiliary of its own, is a noun the parser read
    as a verb (news does not switch tense inside one coordination)."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VB" or head.tag_ not in ("VBD", "VBZ"):
        return False
    own = any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children)
    return not own and not any(c.dep_ in ("aux", "auxpass") for c in head.children)


def _reciprocal(verb: Tok) -> bool:
    """'blamed each other', 'accused one another', 'fired at each other' (and 'blamed each
    other Monday', where the parser makes the weekday the head of "each other")."""
    objects = [*children_with(verb, "dobj"), *(o for p in children_with(verb, "prep") for o in pobjs(p))]
    misparsed = [o for o in children_with(verb, "npadvmod")
                 if {"each", "other"} <= {c.lower_ for c in o.children}]
    return bool(misparsed) or any(o.lower_ == "other" and any(c.lower_ in ("each", "one") for c in o.children)
               or o.lower_ == "another" and any(c.lower_ == "one" for c in o.children) for o in objects)


def _consumed_tokens(verb: Tok, pattern: Pattern, rule: Rule | None, code: str | None) -> list[int]:
    """Tokens a coded verb accounts for: its xcomp (urged X *to release*) and object nouns."""
    if (code is None and not pattern.speech) or pattern.speech:
        return [verb.i]
    used = [verb.i]
    for child in verb.children:
        matched = rule is not None and rule.xcomp is not None and child.lemma_.lower() in rule.xcomp
        if code is not None and (child.dep_ == "xcomp" or (child.dep_ == "advcl" and matched)):
            for act in (child, *(c for c in children_with(child, "conj") if c.pos_ in ("VERB", "AUX"))):
                used.append(act.i)  # "urged X to release them and to guarantee their safety"
                used.extend(o.i for o in children_with(act, "dobj"))
        elif child.dep_ in ("dobj", "attr"):
            used.append(child.i)
        elif child.dep_ == "prep" and rule is not None and rule.objects:  # "called for the release of X"
            used.extend(o.i for o in pobjs(child) if o.lemma_.lower() in rule.objects)
    return used
