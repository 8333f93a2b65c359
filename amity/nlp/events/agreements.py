"""Named agreements: "the Paris Peace Agreement of 1991" states a signing on that date.

A pass of the sentence parser (:class:`amity.nlp.events.grammar.SentenceParser` inherits
it): an agreement noun with a proper name and a date is coded as its signing (057)
between the parties the text names for it.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span

from amity.codebook.verbs import VerbCodebook
from amity.nlp.events.index import Tok, children_with, clause_head, pobjs
from amity.nlp.events.roles import ActorIndex, Predicate, Role

NAME_DEPS = ("compound", "amod", "nmod")


class AgreementPass:
    """Finds named, dated agreements and their parties."""

    book: VerbCodebook
    actors: ActorIndex
    dates: list[Span]
    subjects: Callable[..., tuple[list[Role], bool]]
    modality: Callable[[Tok], tuple[bool, bool, bool]]

    def _agreement_date(self, noun: Tok) -> Span | None:
        """The date of a named agreement ("the Paris Peace Agreement on 23 October 1991",
        "the 1995 Bangkok Accord"), or None when the noun is no named, dated agreement."""
        if not self._named_agreement(noun):
            return None
        return next((d for d in self.dates if _dates_phrase(d, noun) or _follows(d, noun, self.book.date_preps)), None)

    def _referred(self, noun: Tok) -> bool:
        """'Thailand and Laos kept the Mekong Accord in force': a named agreement with no date,
        not the object of a light verb ("signed", "reached"), is an existing one, not signed here."""
        light = noun.dep_ in ("dobj", "attr", "nsubjpass") and noun.head.lemma_.lower() in self.book.light_verbs
        return not light and self._named_agreement(noun)

    def _named_agreement(self, noun: Tok) -> bool:
        """An agreement noun with a proper name: capitalised mid-sentence, or modified by a
        capitalised word that names no actor ("the Paris Peace agreement")."""
        if _agreement_word(noun, self.book.named_agreements) is None:
            return False
        return (noun.text[:1].isupper() and noun.i > noun.sent.start) or any(
            c.dep_ in NAME_DEPS and c.text[:1].isupper() and c.i > noun.sent.start and c.i not in self.actors.at
            for c in noun.lefts)

    def _agreement(self, noun: Tok, date: Span) -> Predicate | None:
        """A named, dated agreement is its signing (057) on that date, between the parties the
        text names for it, else between the sentence's actors of the country it concerns."""
        pattern = self.book.noun(_agreement_word(noun, self.book.named_agreements) or "")
        parties = self._parties(noun)
        domestic = not parties
        parties = parties or self._domestic(noun)
        if pattern is None or pattern.code is None or len(parties) < 2:
            return None
        country = self.actors.country(parties[0]) if domestic else None
        targets = [self.actors.virtual(country, None, parties[0])] if country else []
        governor = noun.head if noun.dep_ in ("dobj", "attr", "nsubjpass") else clause_head(noun)
        factual = self.modality(governor)[1] if governor.i != noun.i else True
        return Predicate(noun, pattern.code, parties, targets, clause_head(governor), False, factual,
                         True, True, [noun.i], date=date, domestic=domestic)

    def _parties(self, noun: Tok) -> list[Role]:
        """'between X and Y', the actors of its own name ("the Japan-Cambodia Treaty") or who
        signed it, the conjoined subjects of the clause it is the object of."""
        between = self.actors.between(noun)
        own = self._own_actors(noun)
        if len(between) > 1 or len({self.actors.country(r) for r in own}) > 1:
            return between if len(between) > 1 else own
        return self._joint_subjects(noun)

    def _own_actors(self, noun: Tok) -> list[Role]:
        """Actors in the agreement's name and in 'signed by X' after it."""
        numbers = {self.actors.at[i] for i in range(noun.left_edge.i, noun.i) if i in self.actors.at}
        signers = [o for acl in children_with(noun, "acl") for a in children_with(acl, "agent") for o in pobjs(a)]
        return [Role(n, True) for n in sorted(numbers)] + [
            r for o in signers for r in self.actors.all_of(o) if r.index not in numbers]

    def _joint_subjects(self, noun: Tok) -> list[Role]:
        """'Thailand and Laos rely on the Vientiane Accord of 1995': its conjoined agents (not
        those of a clause it only dates: "since the accord, Japan and X have ...")."""
        governor = noun.head
        if noun.dep_ == "pobj" and governor.lower_ not in self.book.temporal_preps:
            governor = governor.head
        elif noun.dep_ not in ("dobj", "attr"):
            return []
        sources, passive = self.subjects(governor) if governor.pos_ in ("VERB", "AUX") else ([], False)
        return [] if passive or len(sources) < 2 else sources

    def _domestic(self, noun: Tok) -> list[Role]:
        """No parties named: the sentence's named actors (two or more) of the country the
        agreement concerns: the one its name or 'on X' names, else the sentence's one country,
        else the story's main country if the sentence names it among others."""
        about = [r.index for p in children_with(noun, "prep") if p.lower_ in ("on", "for", "of")
                 for o in pobjs(p) for r in self.actors.all_of(o)]
        sent = noun.sent
        named = [n for n in range(self.actors.named) if sent.start <= self.actors.spans[n].start < sent.end]
        countries = self._countries([r.index for r in self._own_actors(noun)] + about) or self._countries(named)
        focus = self.actors.focus(set())
        country = next(iter(countries)) if len(countries) == 1 else focus if focus in countries else None
        roles = [Role(n, True) for n in named if self.actors.actors[n].get("country") == country
                 and self.actors.sector(Role(n, True)) != "IGO"]
        return roles if len({self.actors.spans[r.index].start for r in roles}) > 1 else []

    def _countries(self, numbers: list[int]) -> set[str]:
        return {str(a["country"]) for a in (self.actors.actors[n] for n in numbers)
                if a.get("country") and a.get("sector") != "IGO"}


def _agreement_word(noun: Tok, words: set[str]) -> str | None:
    """'Agreement', 'Accords', 'treaty': the agreement noun's lemma, if it is one."""
    return next((w for w in (noun.lemma_.lower(), noun.lower_, noun.lower_.removesuffix("s")) if w in words), None)


def _dates_phrase(span: Span, noun: Tok) -> bool:
    """A date inside the noun's own phrase ("of 1991", "the 1995 ..."), not in a clause
    attached to it ("the accord, which X broke in 1998")."""
    token = noun.parsed[span.root.i]
    while token.i != noun.i and token.head.i != token.i:
        if token.pos_ in ("VERB", "AUX") or token.dep_ in ("relcl", "acl", "appos", "conj"):
            return False
        token = token.head
    return token.i == noun.i


def _follows(span: Span, noun: Tok, preps: set[str]) -> bool:
    """'... to the Paris Peace Agreement on Oct. 23, 1991': a full date with a year written
    right after the name, whatever the parser attached it to."""
    prep = span.start - 1
    year = any(t.like_num and len(t.text) == 4 and t.text.isdigit() for t in span)
    return prep == noun.right_edge.i + 1 and span.doc[prep].lower_ in preps and year
