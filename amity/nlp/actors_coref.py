"""Within-document coreference for the actor resolver: pronouns, collectives ("the two
leaders", "both countries"), repeated names, role nouns ("the minister") and definite
institutions ("the court"). ``CorefMixin`` is mixed into the per-document resolver of
:mod:`amity.nlp.actors`, which supplies the state and helpers declared below.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from amity.codebook import word_set, word_tuple, words
from amity.codebook.actors import ActorCodebook, SectorWord, make_code
from amity.models import Actor
from amity.nlp.actors_pairs import PairMixin, _is_venue

QUOTE_RE = re.compile("\n\\s*\n|[\"\u201c\u201d]")
PRONOUNS = dict(words("actors_coref", "pronouns"))
SUBJECTS = {"nsubj", "nsubjpass"}
# plural nouns for people that a "they" opening the next sentence stands for
ANIMATE = word_set("actors_coref", "animate")
PRONOUN_LOOKBACK = 3  # sentences back a plural pronoun looks for the pair it stands for
QUOTE_LOOKBACK = 4  # quoted sentences a "he"/"she" looks past for the quotation's speaker
PERSON_COLLECTIVES = word_tuple("actors_coref", "person_collectives")
# definite nouns that refer back to the organisation last named ("ECOWAS ... the bloc")
ORGANISATION_ANAPHORS = word_tuple("actors_coref", "organisation_anaphors")
COUNTRY_COLLECTIVES = word_tuple("actors_coref", "country_collectives")
# collectives that stand for the two sides only when the text has just paired them ("the parties")
PAIR_ONLY = word_set("actors_coref", "pair_only")
# words that, as a clause's subject, stand for the pair just named ("Both agreed ...")
PAIR_PRONOUNS = word_set("actors_coref", "pair_pronouns")
PARTY_SECTORS = {"PTY", "OPP"}
# "They were released": a passive subject of these verbs is never the authority that acted
PATIENT_VERBS = word_set("actors_coref", "patient_verbs")
AUTHORITY_SECTORS = word_set("actors_coref", "authority_sectors")


@dataclass
class Mention:
    """One resolved mention: token span, actor (with offsets), and why it resolved so."""

    start: int
    end: int
    actor: Actor
    why: str
    person: bool = False
    gender: str | None = None
    tokens: frozenset[str] = field(default_factory=frozenset)  # name words, for coreference
    also: list[Actor] = field(default_factory=list)  # "they" = the two leaders: the second actor


@dataclass
class _Item:
    start: int
    end: int
    kind: str  # name | short | ent | sector | collective | pronoun
    key: str = ""  # codebook key, short form, entity label, sector form


class CorefMixin(PairMixin):
    """Coreference handlers; the host class provides the document state and helpers."""

    doc: Doc
    cb: ActorCodebook
    r: Any  # the ActorResolver (its ``sector_words``)
    when: str | None
    history: list[Mention]
    pairs: list[tuple[Mention, Mention]]
    out: list[Mention]
    para: list[int]
    sent: list[int]
    text: str
    idx: list[int]
    quotes: list[tuple[int, int]] | None  # quotation spans, computed when a pronoun first asks

    if TYPE_CHECKING:
        def date_at(self, i: int) -> str | None: ...

        def emit(self, start: int, end: int, actor: Actor, why: str, person: bool = False,
                 gender: str | None = None, tokens: Iterable[str] = (),
                 consume: tuple[int, int] | None = None) -> Mention: ...

        def sector_at(self, i: int) -> tuple[_Item, SectorWord] | None: ...

        def _is_modifier(self, item: _Item) -> bool: ...

    def _redate(self, mention: Mention) -> Actor:
        """A coreferent's actor at the current date, unless its role came from the text."""
        actor = mention.actor
        if not actor.actor_id or actor.actor_id not in self.cb or self.cb.entry(actor.actor_id).kind != "person":
            return actor
        then = self.cb.resolve(actor.actor_id, self.date_at(mention.start))
        if (then.role, then.code) != (actor.role, actor.code):
            return actor
        return self.cb.resolve(actor.actor_id, self.when)

    def _coref_name(self, text: str) -> tuple[Actor, str, str | None, list[str]] | None:
        words = set(text.split())
        for mention in reversed(self.history):
            if mention.person and words and words <= mention.tokens:
                return self._redate(mention), f"name '{text}' refers to '{mention.actor.name}' mentioned earlier", \
                    mention.gender, list(mention.tokens)
        return None

    def _definite_coref(self, item: _Item, word: SectorWord) -> bool:
        """"the court" → the last court mentioned in this paragraph or the one before ("the Supreme
        Court"); "the party" → the last party, in power or in opposition."""
        head = item.key.split()[-1].rstrip("s")
        sectors = PARTY_SECTORS if word.sector in PARTY_SECTORS else {word.sector}  # "the party" → the CNRP (OPP)
        for mention in reversed(self.history):
            if self.para[mention.start] < self.para[item.start] - 1:
                break
            text = f"{mention.actor.mention or ''} {mention.actor.name or ''}".lower()
            if not mention.person and mention.actor.sector in sectors and head in text:
                self.emit(item.start, item.end, mention.actor, f"'the {item.key}' → the last "
                          f"{item.key} mentioned ({mention.actor.name})")
                return True
        return False

    def _role_coref(self, item: _Item, word: SectorWord) -> None:
        role = (word.role or "").lower()
        for mention in reversed(self.history):
            if mention.person and mention.actor.role and role and role in mention.actor.role.lower():
                self.emit(item.start, item.end, self._redate(mention),
                          f"role noun 'the {item.key}' → last {word.role} mentioned ({mention.actor.name})",
                          True, mention.gender, mention.tokens)
                return

    def _on_pronoun(self, item: _Item) -> None:
        token = self.doc[item.start]
        if item.key in PAIR_PRONOUNS:  # "Both agreed to ...": the pair just named
            if token.dep_ in SUBJECTS and token.head.pos_ in ("VERB", "AUX"):
                self._on_pair(item, None)
            return
        kind = PRONOUNS[item.key]
        if kind in ("m", "f"):
            found = self._antecedent(item, lambda m: m.person and m.gender in (None, kind)
                                     and not self._own_subject(m, token), stop_at_unknown=True)
            what = "person"
        elif kind == "n":  # "it"/"its": a state or organisation that was a subject
            if token.dep_ not in SUBJECTS | {"poss"} or (token.dep_ in SUBJECTS and token.head.lemma_ == "be"):
                return  # "It was no surprise that ...": not a reference
            found = self._antecedent(item, lambda m: not m.person and (self._is_subject(m) or self._owns_subject(m))
                                     and not self._is_plural(m) and m.actor.sector != "CVL")  # not "Cambodians"
            what = "state or organisation (subject)"
        else:  # "they"/"their": a plural group ("Japanese troops", "SDF engineers"), or the pair just named
            patient = token.dep_ == "nsubjpass" and token.head.lemma_ in PATIENT_VERBS
            found = self._antecedent(item, lambda m: not m.person and self._is_plural(m) and not (
                patient and m.actor.sector in AUTHORITY_SECTORS), stop_at_person=True)
            what = "group"
            if self._on_pair(item, found):
                return
        if found is not None:
            self.emit(item.start, item.end, self._redate(found), f"pronoun '{token.text}' → nearest {what} "
                      f"({found.actor.name or found.actor.code})", found.person, found.gender, found.tokens)

    def _on_pair(self, item: _Item, group: Mention | None) -> bool:
        """"The two leaders met. They ...": a plural pronoun after a pair refers to both."""
        pair = self._pronoun_pair(item)
        if pair is None or self._own_clause_subject(item.start, pair):
            return False
        if group is not None and group.start > pair[1].start and (
                self._is_subject(group) or self.doc[item.start].dep_ not in SUBJECTS):
            return False
        first, second = pair
        end = item.end
        found = self.sector_at(end) if self.doc[item.start].lower_ == "their" else None
        if found is not None and not self._is_modifier(found[0]):  # "their defence ministers"
            end, word = found[0].end, found[1]
            for n, mention in enumerate((first, second)):
                country = mention.actor.country or ""
                actor = Actor(code=make_code(country, word.sector), country=country, sector=word.sector,
                              name=self.cb.entry(country).name if country in self.cb else None)
                self.emit(item.start + n, end, actor, f"'their {found[0].key}' → the pair's {country}",
                          consume=(item.start, end))
            return True
        mention = self.emit(item.start, end, self._redate(first), f"plural pronoun → the pair "
                            f"({first.actor.name or first.actor.code}, {second.actor.name or second.actor.code})",
                            first.person, first.gender, first.tokens)
        mention.also = [self._redate(second)]
        self.pairs.append((mention, replace(second, start=mention.start, end=mention.end)))  # "They ... They ..."
        return True

    def _pronoun_pair(self, item: _Item) -> tuple[Mention, Mention] | None:
        """The pair a plural pronoun can stand for: the latest pair of persons or of states
        named in this or the previous sentences."""
        found = [p for p in (self._last_pair(item.start, True, PRONOUN_LOOKBACK, True),
                             self._last_pair(item.start, False, PRONOUN_LOOKBACK, True)) if p is not None]
        return max(found, key=lambda p: p[1].start) if found else None

    def _own_clause_subject(self, i: int, pair: tuple[Mention, Mention]) -> bool:
        """"The clashes were contained though they ...", "The Houthis said they ...": a subject
        earlier in the pronoun's sentence, other than the pair, is what the pronoun stands for."""
        j, here = i - 1, self.sent[i]
        sides = {m.actor.country for m in pair}
        starts = [m.start for m in self.history if self.sent[m.start] >= here - 1 and m.actor.country in sides]
        while j >= 0 and self.sent[j] >= here - 1:
            token = self.doc[j]
            holds = any(token.left_edge.i <= start <= token.right_edge.i for start in starts)
            if not holds and token.dep_ in SUBJECTS and token.pos_ in ("NOUN", "PROPN", "NUM") and (
                    self.sent[j] == here or (token.head.dep_ == "ROOT" and token.lemma_.lower() in ANIMATE)):
                return True  # the previous sentence's subject only when it is people: "Critics argued ..."
            j -= 1
        return False

    def _antecedent(self, item: _Item, fits: Callable[[Mention], bool], stop_at_unknown: bool = False,
                    stop_at_person: bool = False) -> Mention | None:
        """The nearest fitting mention in this or the previous sentence; a subject pronoun opening
        its clause prefers the subject of the previous sentence ("X met Y. He said ...")."""
        here, token = self.sent[item.start], self.doc[item.start]
        floor = self._before_quotes(here) if stop_at_unknown else here - 1
        nearby = [m for m in reversed(self.history) if m.start < item.start and self.sent[m.start] >= floor]
        if stop_at_unknown or stop_at_person:
            stop = next((n for n, m in enumerate(nearby) if m.actor.code == "UNK" or (stop_at_person and m.person)),
                        len(nearby))
            nearby = nearby[:stop]
        fitting = [m for m in nearby if fits(m) and m.actor.code != "UNK"]
        quoted = self._quoted(item.start)  # '"We back Mbeki," he added': not who is quoted about;
        fitting = [m for m in fitting if self.sent[m.start] != here or self._quoted(m.start) == quoted]  # nor the speaker
        fitting = self._salient(fitting, token) or fitting
        if not fitting:
            return None
        if token.dep_ in SUBJECTS and self.sent[fitting[0].start] < here:
            subjects = [m for m in fitting if self._is_subject(m)]
            if subjects:
                return subjects[0]
        return fitting[0]

    def _before_quotes(self, here: int) -> int:
        """The earliest sentence a person pronoun looks back to: the previous one, or past the
        quoted sentences before it (the speaker's own words, '... wrote on X. "We ... . We
        ... ." He also congratulated ...': "he" is the quotation's speaker)."""
        floor = here - 1
        while floor > 0 and here - floor <= QUOTE_LOOKBACK and self._quoted_sentence(floor):
            floor -= 1
        return floor

    def _quoted_sentence(self, number: int) -> bool:
        """Every word of sentence ``number`` sits inside a quotation (a closing mark the
        parser split off as a sentence of its own has none outside)."""
        start, end = bisect_left(self.sent, number), bisect_right(self.sent, number)
        words = [i for i in range(start, end) if not self.doc[i].is_punct and not self.doc[i].is_space]
        return all(self._quoted(i) for i in words)

    def _quoted(self, i: int) -> bool:
        """Token ``i`` sits inside a quotation (curly quotes open and close; straight ones
        alternate); a paragraph break closes any quotation left open."""
        if self.quotes is None:
            self.quotes = _quotation_spans(self.text)
        char = self.idx[i] if i < len(self.idx) else len(self.text)
        n = bisect_right(self.quotes, (char, len(self.text) + 1)) - 1
        return n >= 0 and self.quotes[n][0] <= char < self.quotes[n][1]

    def _salient(self, fitting: list[Mention], pronoun: Any) -> list[Mention]:
        """Leave out mentions inside a relative clause or apposition that does not hold the
        pronoun ("X, who is Putin's critic, was sentenced for violating his probation")."""
        out = []
        for mention in fitting:
            head = self._head(mention)
            aside = next((n for n in head.ancestors if n.dep_ in ("relcl", "appos", "acl")), None)
            if aside is None or aside.left_edge.i <= pronoun.i <= aside.right_edge.i:
                out.append(mention)
        return out

    def _own_subject(self, mention: Mention, pronoun: Any) -> bool:
        """"Xi received him": an object pronoun never refers to the subject of its own clause."""
        if pronoun.dep_ not in ("dobj", "dative", "pobj", "iobj"):
            return False
        verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
        head = self._head(mention)
        return bool(head.dep_ in SUBJECTS and head.head.i == verb.i)

    def _head(self, mention: Mention) -> Any:
        root = self.doc[mention.start:mention.end].root
        return root.head if root.dep_ == "compound" and root.head.i >= mention.end else root

    def _is_subject(self, mention: Mention) -> bool:
        return bool(self._head(mention).dep_ in SUBJECTS)

    def _owns_subject(self, mention: Mention) -> bool:
        """"Russia's standing ... is diminished by its invasion": the possessor of a subject."""
        head = self._head(mention)
        return bool(head.dep_ == "poss" and head.head.dep_ in SUBJECTS)

    def _is_plural(self, mention: Mention) -> bool:
        return bool(self._head(mention).tag_ in ("NNS", "NNPS"))

    def _on_collective(self, item: _Item) -> None:
        if item.key in ORGANISATION_ANAPHORS:
            self._on_organisation(item)
            return
        persons = item.key not in COUNTRY_COLLECTIVES
        pair = self._last_pair(item.start, persons)
        if pair is None and item.key not in PAIR_ONLY:  # "the parties" without a pair: political parties
            pair = self._recent_two(item, persons)
        if pair is None:
            return
        # spaCy keys span extensions by character offsets, so the second actor's span drops
        # the first word ("two leaders") to keep its own ``span._.actor``.
        emitted = []
        for n, mention in enumerate(pair):
            actor = self._redate(mention) if persons else self._collective_country(item, mention.actor)
            why = f"collective '{item.key}' → {actor.name or actor.code}"
            person = persons and mention.person  # "both countries" after a premier: states, not his name
            emitted.append(self.emit(item.start + n, item.end, actor, why, person, mention.gender if person else None,
                                     mention.tokens if person else (), consume=(item.start, item.end)))
        self.pairs.append((emitted[0], emitted[1]))

    def _on_organisation(self, item: _Item) -> None:
        """"the bloc", "the organization": the organisation most recently named."""
        for mention in reversed(self.history):
            if mention.actor.sector == "IGO" and mention.actor.code != "UNK":
                why = f"'{item.key}' → {mention.actor.name or mention.actor.code}"
                self.emit(item.start, item.end, mention.actor, why, consume=(item.start, item.end))
                return

    def _recent_two(self, item: _Item, persons: bool) -> tuple[Mention, Mention] | None:
        """No pair in the text: the two most recent different persons (or states, not venues)."""
        picked: list[Mention] = []
        for mention in reversed(self.history):
            if mention.actor.code == "UNK" or (persons and not mention.person):
                continue
            if not persons and (not _is_state(mention.actor) or _is_venue(self._head(mention))):
                continue  # "the governments" of a story on Japan and ASEAN: the states
            ident = mention.actor.actor_id if persons else mention.actor.country
            if ident and ident not in {(m.actor.actor_id if persons else m.actor.country) for m in picked}:
                picked.append(mention)
            if len(picked) == 2:
                return picked[1], picked[0]
        return None

    def _collective_country(self, item: _Item, actor: Actor) -> Actor:
        """"both countries" → each country; "the two governments" → each country's government."""
        iso3 = actor.country or ""
        country = self.cb.resolve(iso3, self.when) if iso3 in self.cb else actor
        if "government" in item.key:
            return replace(country, sector="GOV", code=make_code(country.country, "GOV"))
        return country


def _quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the quotations of ``text``, in order."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for match in QUOTE_RE.finditer(text):
        mark = match.group()
        if mark.startswith("\n"):
            opened = None
        elif opened is None and mark != "\u201d":
            opened = match.end()
        elif opened is not None and mark != "\u201c":
            spans.append((opened, match.start()))
            opened = None
    return spans


def _is_state(actor: Actor) -> bool:
    return bool(actor.country) and len(actor.country or "") == 3 and actor.sector != "IGO"
