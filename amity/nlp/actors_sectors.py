"""Sector words and titles: "the police", "Cambodian troops", "the court" (the country from
context, or "of Japan"), "the minister" (coreference), a title before a person ("foreign
minister Wang Yi") or after one (", the Japanese foreign minister,"; "as prime minister"),
filling in the role and sector the codebook lacks on that date. A sector word that only
modifies ("EU observers") or names a kind of thing ("good governance") is no actor.
``SectorMixin`` is mixed into the per-document resolver of :mod:`amity.nlp.actors`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from amity.codebook import word_set, words
from amity.codebook.actors import SectorWord, make_code
from amity.models import Actor
from amity.nlp.actors_context import ENVOY_ROLES, LOCAL_SECTORS, VENUE_WORDS
from amity.nlp.actors_coref import _Item
from amity.nlp.actors_match import POSSESSIVE
from amity.nlp.actors_ties import PARTY_SECTORS, TiesMixin

NOT_CONTEXT = word_set("actors", "not_context")
NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "ROOT"}
HELD_NOUNS = word_set("actors", "held_nouns")  # "a guerrilla hideout": the guerrillas' own
ORG_TITLES = word_set("actors_sectors", "org_titles")  # "president": of a state or of a party
ORG_MODIFIERS: dict[str, str] = {str(k): str(v) for k, v in words("actors_sectors", "org_modifiers").items()}
FORMER = word_set("actors", "former_words")  # "former president"
ORG_SCAN = 4  # words before a title searched for the organisation it heads


class SectorMixin(TiesMixin):
    """The handler of sector-word candidates (``_on_sector``) and the titles of persons."""

    if TYPE_CHECKING:
        def _person_actor(self, item: _Item) -> tuple[Actor, str, str | None, list[str]] | None: ...

        def _person_country(self, start: int) -> Actor | None: ...

        def _with_context(self, actor: Actor, start: int, why: str) -> tuple[Actor, str]: ...

        def _affiliated(self, start: int) -> bool: ...

        def _role_coref(self, item: _Item, word: SectorWord) -> None: ...

        def _definite_coref(self, item: _Item, word: SectorWord) -> bool: ...

        def _context_actor(self, start: int) -> Actor | None: ...

        def _party_politics(self, item: _Item, word: SectorWord, prev: str) -> bool: ...

    def _is_modifier(self, item: _Item) -> bool:
        """Not the head of a noun phrase ("EU observers" for "EU"); a gerund used as a noun
        ("Russian shelling hit ...") is a head."""
        last = self.doc[item.end - 1]
        noun = last.pos_ in ("NOUN", "PROPN") or (last.tag_ in ("VBG", "JJ") and last.dep_ in NOMINAL_DEPS)  # "the secretary-general urges": a head the tagger calls JJ
        if not noun and last.dep_ == "amod" and last.head.lower_ in HELD_NOUNS:
            return False  # "a suspected guerrilla hideout" (tagged an adjective)
        held = last.head.i == item.end and last.head.lower_ in HELD_NOUNS  # "rebel positions"
        return not noun or (last.dep_ == "compound" and last.head.i > last.i and not held)

    def _titled_person(self, start: int, title: _Item, word: SectorWord, country: Actor | None, label: str) -> bool:
        word = self._org_title(title, word)
        person = self.first(title.end, {"name", "short", "ent"})
        if person is None and title.end < len(self.doc) and self.doc[title.end].text == ",":
            person = self.first(title.end + 1, {"name", "short", "ent"})  # "China's ambassador, Wang"
        if person is None or (person.kind == "ent" and person.key != "PERSON"):
            return False
        if person.kind == "name" and self.cb.entry(person.key).kind != "person":
            return False
        resolved = self._person_actor(person)
        if resolved is None:
            if country is None:
                country = self._person_country(start)
            if country is None:
                return False
            name = self.span_text(person.start, person.end)
            actor = Actor(code=make_code(country.country, word.sector), country=country.country,
                          sector=word.sector, name=name, role=word.role)
            why = f"NER PERSON + title '{title.key}' + {label}"
            self.emit(start, person.end, actor, why, person=True, tokens=name.split())
            return True
        actor, why, gender, tokens = resolved
        actor, why = _apply_title(actor, why, word, country, f"title '{title.key}'")
        self.emit(start, person.end, actor, why, True, gender, tokens)
        return True

    def _org_title(self, title: _Item, word: SectorWord) -> SectorWord:
        """"former student wing president X", "opposition party leader X": the head of an
        organisation the phrase names before the title is of its sector, not the state's."""
        if not word.person or title.key not in ORG_TITLES:
            return word
        found: list[str] = []
        for tok in reversed(self.doc[max(0, title.start - ORG_SCAN):title.start]):
            if tok.is_punct or tok.pos_ in ("DET", "VERB", "AUX", "ADP", "PRON"):
                break
            sector = ORG_MODIFIERS.get(tok.lower_)
            if sector is not None and (tok.is_lower or sector in ("OPP", "PTY")):  # not "Soviet Union"
                found.append(sector)
        if not found:
            return word
        return replace(word, sector="OPP" if "OPP" in found else found[0])

    def _as_title(self, i: int) -> SectorWord | None:
        """"Hun Sen as its foreign minister", "approved Hun Manet as prime minister": the role named."""
        doc = self.doc
        if i + 1 >= len(doc) or doc[i].lower_ != "as":
            return None
        j = i + 1
        if doc[j].lower_ in ("its", "his", "her", "their", "the", "a", "an"):
            j += 1
        country = self.first(j, {"name"})
        if country is not None and self.cb.entry(country.key).kind == "country":
            j = country.end + (1 if country.end < len(doc) and doc[country.end].text in POSSESSIVE else 0)
        found = self.sector_at(j)
        return found[1] if found is not None and found[1].person else None

    def _apposition(self, i: int) -> tuple[int, Actor | None, SectorWord] | None:
        """", Japan's foreign minister," / ", the Japanese foreign minister," after a name."""
        doc = self.doc
        if i >= len(doc) or doc[i].text != ",":
            return None
        j, country = i + 1, None
        if j < len(doc) and doc[j].lower_ in ("the", "a", "an"):
            j += 1
        c = self.first(j, {"name"})
        if c and self.cb.entry(c.key).kind == "country":
            country = self.cb.resolve(c.key, self.when)
            j = c.end + (1 if c.end < len(doc) and doc[c.end].text in POSSESSIVE else 0)
        found = self.sector_at(j)
        if not found or not found[1].person:
            return None
        end, word = found[0].end, found[1]
        if country is None:  # ", spokeswoman for Ban Ki-moon": the principal's country or organisation
            end, country = self._principal(end, word)
            if country is not None and country.sector in PARTY_SECTORS and found[0].key in ORG_TITLES:
                word = replace(word, sector=country.sector)  # ", former president of the Awami League,"
        while (end < len(doc) and doc[end].text not in (",", ".", ";") and end - found[0].end < 6
               and doc[end].lower_ not in ("who", "which", "that") and not self.at.get(end)):
            end += 1
        return end, country, word

    def _principal(self, i: int, word: SectorWord) -> tuple[int, Actor | None]:
        """After a title, "for X" / "of X" / "to X" (not an envoy "to X") naming a known person,
        country or organisation: (the end of X, X's actor), else (``i``, ``None``)."""
        doc = self.doc
        if i + 1 >= len(doc) or doc[i].lower_ not in ("for", "of", "to") or (
                doc[i].lower_ == "to" and word.role in ENVOY_ROLES):
            return i, None
        j = i + 1 + (doc[i + 1].lower_ == "the")
        named = self.first(j, {"name", "short"})
        if named is None or (named.kind == "name" and self.cb.entry(named.key).kind == "metonym"):
            return i, None
        if named.kind == "short":
            resolved = self._person_actor(named)
            return (named.end, resolved[0]) if resolved is not None and resolved[0].country else (i, None)
        actor = self.cb.resolve(named.key, self.when)
        return (named.end, actor) if actor.country else (i, None)

    def _on_sector(self, item: _Item) -> None:
        doc, word = self.doc, self.r.sector_words[item.key]
        if word.person and item.start > 0 and doc[item.start - 1].lower_ in FORMER:
            word = past_title(word)  # "the former president of Ghana"
        if word.person and self._titled_person(item.start, item, word, None, "context"):
            return
        act = word.bound and word.sector == "MIL"  # "the invasion of Ukraine": Ukraine is its target
        of = self.first(item.end + 1, {"name"}) if item.end < len(doc) and doc[item.end].lower_ == "of" and not act \
            else None
        if of and self.cb.entry(of.key).kind == "country":
            c = self.cb.resolve(of.key, self.when)
            actor = Actor(code=make_code(c.country, word.sector), country=c.country, sector=word.sector,
                          name=c.name, role=word.role if word.person else None, actor_id=None)
            self.emit(item.start, of.end, actor, f"sector word '{item.key}' of country {c.country}")
            self._shared_of(of, word)
            return
        if self._owned_group(item, word) or self._allied_group(item, word):
            return
        if self._is_modifier(item) or item.start in self.out_ends:
            return  # "EU observers", "UN troops": the actor before it already covers the phrase
        prev = doc[item.start - 1].lower_ if item.start > 0 else ""
        if word.person:
            if prev == "the":
                self._role_coref(item, word)
            return
        if prev == "the" and self._definite_coref(item, word):
            return
        if self._held_group(item, word):
            return
        if prev not in NOT_CONTEXT and (not word.bound or self._affiliated(item.start)) and not self._generic(item):
            if self._party_politics(item, word, prev):
                return
            actor = Actor(code=word.sector, sector=word.sector, name=None)
            actor, why = self._with_context(actor, item.start, f"sector word '{item.key}'")
            if actor.country:
                self.emit(item.start, item.end, replace(actor, name=actor.name), why)

    def _held_group(self, item: _Item, word: SectorWord) -> bool:
        """"raided a guerrilla hideout in southern Lebanon": a group named by what it holds is of
        the country that place is in; with no place, a state's organ ("an army base") is of the
        context's country, an armed group or civilians ("rebel positions") are no actor."""
        head = self.doc[item.end - 1].head
        if word.bound or head.i <= item.end - 1 or head.lower_ not in HELD_NOUNS:
            return False
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in VENUE_WORDS):
            for tok in prep.subtree:
                named = next((i for i in self.at.get(tok.i, []) if i.kind == "name"), None)
                if named is not None and self.cb.entry(named.key).kind == "country":
                    c = self.cb.resolve(named.key, self.when)
                    actor = Actor(code=make_code(c.country, word.sector), country=c.country,
                                  sector=word.sector, name=c.name)
                    self.emit(item.start, item.end, actor, f"sector word '{item.key}' holding a place in {c.country}")
                    return True
        if word.sector in LOCAL_SECTORS:
            return True  # the attacker's country is the context, not the group's
        actor, why = self._with_context(Actor(code=word.sector, sector=word.sector, name=None), item.start,
                                        f"sector word '{item.key}' (what it holds)")
        if actor.country:
            self.emit(item.start, item.end, actor, why)
        return True

    def _owned_group(self, item: _Item, word: SectorWord) -> bool:
        """A group whose country the phrase itself names: "the country's trade unionists" (the
        state named before), "troops from (Russian ally) Belarus"."""
        doc = self.doc
        named = self._the_countrys(item.start)
        if named is not None:
            c = self.cb.resolve(named, self.when)
            single = word.person and doc[item.end - 1].tag_ not in ("NNS", "NNPS")
            actor = Actor(code=make_code(c.country, word.sector), country=c.country, sector=word.sector,
                          name=None if single else c.name, role=word.role if single else None)
            self.emit(item.start - 3, item.end, actor, f"'the country's {item.key}' → {c.country} named before",
                      person=single)
            return True
        if word.person:
            return False
        source = self._from_country(item)
        if source is not None:
            c = self.cb.resolve(source.key, self.when)
            actor = Actor(code=make_code(c.country, word.sector), country=c.country, sector=word.sector, name=c.name)
            self.emit(item.start, item.end, actor, f"sector word '{item.key}' from country {c.country}",
                      consume=(item.start, source.end))
            return True
        return self._emit_tied(item, word)

    def _the_countrys(self, start: int) -> str | None:
        """"the country's" / "the nation's" before a sector word: the last state named in this
        paragraph (an organisation or person stands for its country too), else ``None``."""
        doc = self.doc
        if start < 3 or doc[start - 1].text not in POSSESSIVE or doc[start - 2].lower_ not in ("country", "nation") \
                or doc[start - 3].lower_ != "the":
            return None
        for mention in reversed(self.history):
            if self.para[mention.start] != self.para[start]:
                return None
            iso3 = mention.actor.country or ""
            if len(iso3) == 3 and mention.actor.sector != "IGO" and iso3 in self.cb:
                return iso3
        return None

    def _shared_of(self, first: _Item, word: SectorWord) -> None:
        """"Major Generals of India and China": the second country shares the title."""
        doc, j = self.doc, first.end
        other = self.first(j + 1, {"name"}) if j + 1 < len(doc) and doc[j].lower_ == "and" else None
        if other is None or self.cb.entry(other.key).kind != "country":
            return
        c = self.cb.resolve(other.key, self.when)
        actor = Actor(code=make_code(c.country, word.sector), country=c.country, sector=word.sector, name=c.name)
        self.emit(other.start, other.end, actor, f"country {c.country} sharing '{word.role or word.sector}' of the first")

    def _from_country(self, item: _Item) -> _Item | None:
        """The country of "troops from (Russian ally) Belarus": the first country after a "from"
        that hangs on the sector word itself (not "withdrew troops from Lebanon", where it is the
        verb's), a modifier ("Russian", "Russia's") passed over, within four words."""
        doc, j = self.doc, item.end
        if j >= len(doc) or doc[j].lower_ != "from" or doc[j].head.i != item.end - 1:
            return None
        i = j + 1
        while i < min(j + 5, len(doc)) and not doc[i].is_punct and doc[i].pos_ not in ("VERB", "AUX"):
            found = self.first(i, {"name"})
            if found is None or self.cb.entry(found.key).kind != "country":
                i += 1
                continue
            if doc[found.end - 1].dep_ not in ("amod", "compound", "poss") and not (
                    found.end < len(doc) and doc[found.end].text in POSSESSIVE):
                return found
            i = found.end
        return None

    def _generic(self, item: _Item) -> bool:
        """"electronic government", "good governance": a bare singular noun after a common
        adjective names a kind of thing, not an institution."""
        last, first = self.doc[item.end - 1], self.doc[item.start]
        if last.tag_ != "NN" or not first.is_lower or any(c.dep_ in ("det", "poss") for c in last.children):
            return False
        before = self.doc[item.start - 1] if item.start > 0 else None
        return before is not None and before.pos_ == "ADJ" and before.is_lower


def _apply_title(actor: Actor, why: str, word: SectorWord, country: Actor | None, what: str) -> tuple[Actor, str]:
    """A title in the text fills in what the codebook lacks on that date (role, sector)."""
    if actor.role is not None or (not word.sector and actor.actor_id):  # a codebook person's past keeps its data
        return actor, f"{why} + {what}"
    iso3 = country.country if country is not None and country.country else actor.country
    actor = replace(actor, country=iso3, sector=word.sector, code=make_code(iso3, word.sector), role=word.role)
    return actor, f"{why} + {what} (role and sector from the text)"


def past_title(word: SectorWord) -> SectorWord:
    """"former president": no sector held now (the bare country) and the role "Former President"."""
    return replace(word, sector="", role=f"Former {word.role}" if word.role else None)
