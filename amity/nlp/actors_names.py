"""Codebook names and what they name in context: a country alone, "Japan's foreign minister X",
"the Japanese navy", "Thai and Cambodian troops", an organisation named after its country
("China Road and Bridge Corporation"), "the Khmer Rouge government"; a capital or government
building as its government ("Moscow", "a Moscow court"); a name that is a place here ("in
Tokyo", "the South China Sea") is no actor. ``NameMixin`` is mixed into the per-document
resolver of :mod:`amity.nlp.actors`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from amity.codebook import word_set
from amity.codebook.actors import SectorWord, make_code
from amity.models import Actor
from amity.nlp.actors_context import ENVOYS
from amity.nlp.actors_coref import _Item
from amity.nlp.actors_match import POSSESSIVE, SHIP_PREFIXES
from amity.nlp.actors_sectors import FORMER, past_title
from amity.nlp.actors_state import DocState

LOCATIVE = word_set("actors", "locative")
# heads that make "to X" / "between X and Y" a relation between actors, not a place
MOTION = word_set("actors", "motion")
RELATION = word_set("actors", "relation")
GOV_SUFFIX = word_set("actors", "gov_suffix")
COUNTRY_KINDS = {"country", "metonym"}
GEO_FEATURES = word_set("actors", "geo_features")


class NameMixin(DocState):
    """The handler of codebook-name candidates (``_on_name``) and its country and metonym cases."""

    if TYPE_CHECKING:
        def _with_context(self, actor: Actor, start: int, why: str) -> tuple[Actor, str]: ...

        def _on_person(self, item: _Item, actor: Actor, why: str, gender: str | None, tokens: list[str]) -> None: ...

        def _role_why(self, key: str) -> str: ...

        def _titled_person(self, start: int, title: _Item, word: SectorWord, country: Actor | None,
                           label: str) -> bool: ...

        def _is_modifier(self, item: _Item) -> bool: ...

    def _on_ship(self, item: _Item) -> None:
        """"the JS Kongo": a warship or coast guard vessel of the prefix's country (MIL)."""
        iso3 = SHIP_PREFIXES[item.key]
        if iso3 not in self.cb:
            return
        name = self.span_text(item.start, item.end)
        actor = Actor(code=make_code(iso3, "MIL"), country=iso3, sector="MIL", name=name)
        self.emit(item.start, item.end, actor, f"ship '{name}' (prefix {item.key}: {iso3})")

    def _on_name(self, item: _Item) -> None:
        entry = self.cb.entry(item.key)
        kind = self.cb.form_kind(self.span_text(item.start, item.end)) or "name"
        if entry.kind == "country":
            self._on_country(item, kind)
        elif entry.kind == "metonym":
            self._on_metonym(item, kind)
        elif entry.kind == "person":
            self._on_person(item, self.cb.resolve(item.key, self.when), self._role_why(item.key),
                            entry.gender, entry.name.split())
        elif not self._group_government(item, entry.key):
            actor = self.cb.resolve(item.key, self.when)
            why = f"codebook {entry.kind} '{entry.name}'"
            if actor.country is None:
                actor, why = self._with_context(actor, item.start, why)
                if actor.country is None:
                    return
                actor = replace(actor, name=f"{entry.name} of {self.cb.entry(actor.country).name}"
                                if actor.country in self.cb else actor.name)
            self.emit(item.start, item.end, actor, why)

    def _group_government(self, item: _Item, key: str) -> bool:
        """"the Khmer Rouge government": a party or group ruling its country → country + GOV."""
        entry, j = self.cb.entry(key), item.end
        if entry.kind != "party" or j >= len(self.doc) or self.doc[j].lower_ not in GOV_SUFFIX:
            return False
        if not entry.country or entry.country not in self.cb:
            return False
        country = self.cb.resolve(entry.country, self.when)
        actor = Actor(code=make_code(country.country, "GOV"), country=country.country, sector="GOV",
                      name=country.name, actor_id=country.actor_id)
        self.emit(item.start, j + 1, actor, f"party '{entry.name}' + '{self.doc[j].text}': its country's government")
        return True

    def _in_place_name(self, item: _Item) -> bool:
        """"the South China Sea", "the Gulf of Thailand": a geographic name, not the country."""
        doc = self.doc
        if item.end < len(doc) and doc[item.end].text in GEO_FEATURES:
            return True
        i = item.start - 1
        if i > 0 and doc[i].lower_ == "of" and doc[i - 1].text in GEO_FEATURES:
            return True
        return any(start <= item.start and item.end <= end and end - start > item.end - item.start
                   for start, end in self.geo_ents)

    def _on_country(self, item: _Item, kind: str) -> None:
        if self._in_place_name(item):
            return
        actor = self.cb.resolve(item.key, self.when)
        j = item.end
        possessive = j < len(self.doc) and self.doc[j].text in POSSESSIVE
        if possessive:
            j += 1
        label = f"{kind} of {actor.country}" if kind != "name" else f"country name '{self.span_text(item.start, item.end)}'"
        if not possessive and self._country_org(item, actor, label):
            return
        direct = not possessive and self.sector_at(j) is not None and self.doc[j - 1].tag_ not in ("NNS", "NNPS")
        if (possessive or kind == "demonym" or direct) and self._country_prefix(item, j, actor, label):
            return
        if kind == "demonym" and self._shared_sector(item, actor, label):
            return
        if kind == "demonym" and self._people(item):  # "Cambodians voted": the people, not the state
            actor, label = replace(actor, sector="CVL", code=make_code(actor.country, "CVL")), f"{label} (its people)"
        self.emit(item.start, item.end, actor, label)

    def _people(self, item: _Item) -> bool:
        """A plural demonym heading its own noun phrase with no article ("Cambodians", "many
        Thais"): the people; "the Americans" in a story of talks may be the government."""
        last = self.doc[item.end - 1]
        text = self.span_text(item.start, item.end)
        plural = text.endswith("s") and self.cb.form_kind(text[:-1]) == "demonym"  # "Thais" of "Thai"
        return plural and not self._is_modifier(item) and not any(c.dep_ == "det" and c.lower_ == "the"
                                                                  for c in last.children)

    def _country_org(self, item: _Item, country: Actor, label: str) -> bool:
        """"China Road and Bridge Corporation": an NER organisation named after its country."""
        ent = self.org_ents.get(item.start)
        if ent is None or ent.end <= item.end or any(self.used[ent.start:ent.end]):
            return False
        inner = [s for s in self.sector_spans if item.end <= s.start and s.end <= ent.end]
        if not inner or self.r.sector_words[inner[-1].label_].person:
            return False
        word = self.r.sector_words[inner[-1].label_]
        actor = Actor(code=make_code(country.country, word.sector), country=country.country, sector=word.sector,
                      name=ent.text)
        self.emit(ent.start, ent.end, actor, f"NER ORG named after {label} + sector word '{inner[-1].label_}'")
        return True

    def _shared_sector(self, item: _Item, country: Actor, label: str) -> bool:
        """"Thai and Cambodian troops": the first demonym shares the second's sector word."""
        j = item.end
        if j >= len(self.doc) or self.doc[j].lower_ not in ("and", "or"):
            return False
        other = self.first(j + 1, {"name"})
        if other is None or self.cb.entry(other.key).kind != "country":
            return False
        found = self.sector_at(other.end)
        if found is None or found[1].person or self._is_modifier(found[0]):
            return False
        word = found[1]
        actor = Actor(code=make_code(country.country, word.sector), country=country.country, sector=word.sector,
                      name=country.name, actor_id=None)
        self.emit(item.start, item.end, actor, f"{label} + shared sector word '{found[0].key}'")
        return True

    def _country_prefix(self, item: _Item, j: int, country: Actor, label: str) -> bool:
        """"Japan's foreign minister X", "Japanese navy", "Cambodia's Supreme Court". A group's
        sector comes from the text, so it carries no codebook key to re-resolve at the event date.
        "Zimbabwe's UN ambassador": the country's envoy to the organisation, the country's title."""
        found = self.sector_at(self._envoy_to(j))
        if found:
            sector_item, word = found
            if word.person and item.start > 0 and self.doc[item.start - 1].lower_ in FORMER:
                word = past_title(word)  # "former Ghanaian president X"
            if word.person and self._titled_person(item.start, sector_item, word, country, label):
                return True
            if self._is_modifier(sector_item):
                return self._modified_unit(item, sector_item, word, country, label)
            single = word.person and self.doc[sector_item.end - 1].tag_ not in ("NNS", "NNPS")
            actor = Actor(code=make_code(country.country, word.sector), country=country.country, sector=word.sector,
                          name=None if single else country.name, role=word.role if single else None,
                          actor_id=None)
            what = "unknown person with title" if single else "group" if word.person else "sector word"
            self.emit(item.start, sector_item.end, actor, f"{label} + {what} '{sector_item.key}'", person=single)
            return True
        org = self.first(j, {"name"})
        if org and self.cb.entry(org.key).country is None:
            actor = self.cb.resolve(org.key, self.when)
            actor = replace(actor, country=country.country, code=make_code(country.country, actor.sector),
                            name=f"{actor.name} of {country.name}")
            self.emit(item.start, org.end, actor, f"{label} + institution '{self.cb.entry(org.key).name}'")
            return True
        return False

    def _modified_unit(self, item: _Item, sector_item: _Item, word: SectorWord, country: Actor, label: str) -> bool:
        """"a Chinese coast guard vessel", "Russian army shelling": a group's word before a unit or
        act of its own (a ship, shelling) names the group, of the country before it."""
        head = self.first(sector_item.end, {"sector"})
        if head is None or word.person or not self.r.sector_words[head.key].bound or self._is_modifier(head):
            return False
        actor = Actor(code=make_code(country.country, word.sector), country=country.country, sector=word.sector,
                      name=country.name)
        self.emit(item.start, head.end, actor, f"{label} + sector word '{sector_item.key}' + its '{head.key}'")
        return True

    def _envoy_to(self, j: int) -> int:
        """Past an organisation named between a country and its envoy's title ("Japan's EU
        envoy", "Zimbabwe's UN Ambassador"): where the title starts, else ``j``."""
        org = self.first(j, {"name"})
        if org is None or self.cb.entry(org.key).kind != "igo" or org.end >= len(self.doc):
            return j
        return org.end if self.doc[org.end].lower_ in ENVOYS else j

    def _is_place(self, item: _Item) -> bool:
        """"in Tokyo", "Phnom Penh, Cambodia", "Tokyo-based": a place, not an actor."""
        doc = self.doc
        nxt = doc[item.end].text if item.end < len(doc) else ""
        nxt2 = self.first(item.end + 1, {"name"}) if nxt == "," else None
        if nxt == "-based" or (nxt2 and self.cb.entry(nxt2.key).kind == "country"):
            return True
        last = doc[item.end - 1]
        if (last.dep_ == "compound" and last.head.i >= item.end and nxt not in POSSESSIVE
                and self.first(item.end, {"sector"}) is None):
            return True  # part of a name: "the Paris Peace Agreements", "the Tokyo conference"
        i = item.start - 1
        if i > 0 and doc[i].lower_ in ("and", "or"):  # the second conjunct follows the first
            if i in self.out_ends:
                return False
            return any(other.end == i and other.kind == "name" for other in self.items)
        prev = doc[i] if i >= 0 else None
        if prev is None or prev.lower_ not in LOCATIVE:
            return False
        if prev.lower_ in ("to", "between"):
            return prev.head.lemma_.lower() not in RELATION and prev.head.lower_ not in RELATION
        return True

    def _on_metonym(self, item: _Item, kind: str) -> None:
        if self._is_place(item):
            return
        actor = self.cb.resolve(item.key, self.when)
        what = "capital" if kind == "capital" else "government body"
        found = self.sector_at(item.end) if kind == "capital" else None
        if found is not None and not found[1].person and not self._is_modifier(found[0]):
            word = found[1]  # "a Moscow court", "Kabul police": the city's institution
            actor = Actor(code=make_code(actor.country, word.sector), country=actor.country, sector=word.sector,
                          name=actor.name)
            self.emit(item.start, found[0].end, actor, f"capital of {actor.country} + sector word '{found[0].key}'")
            return
        self.emit(item.start, item.end, actor, f"metonym: {what} of {actor.country}")
