"""Persons: a codebook person with the role they held on the date (``_role_why``), a short form
("Kishida": the person of that name mentioned earlier, else the only one in the codebook), a
NER PERSON the text named before, or titled by an apposition (", Japan's foreign minister,"),
or with "as prime minister" after the name; and a NER ORG holding a sector word, of the
country from context. ``PersonMixin`` is mixed into the per-document resolver of
:mod:`amity.nlp.actors`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from amity.codebook import word_set
from amity.codebook.actors import SectorWord, make_code
from amity.models import Actor
from amity.nlp.actors_coref import Mention, _Item
from amity.nlp.actors_match import POSSESSIVE
from amity.nlp.actors_sectors import _apply_title
from amity.nlp.actors_state import DocState

OFFICE_VERBS = word_set("actors_people", "office_verbs")  # "who became ..."
OFFICE_FILLERS = word_set("actors_people", "office_fillers")  # "... the first ..."
RELATIVE_SCAN = 16  # tokens after a name searched for the "who" of its relative clause
MEMBER_OPENERS = word_set("actors_people", "member_openers")  # ", one of the ...", ", a member of"
MEMBER_HEADS = word_set("actors_people", "member_heads")  # "... politicians of the CNRP"
MEMBER_OF = {"party", "igo"}  # codebook kinds a person is a member of


class PersonMixin(DocState):
    """The handlers of short-form and NER candidates and of every person found (``_on_person``)."""

    if TYPE_CHECKING:
        def _redate(self, mention: Mention) -> Actor: ...

        def _coref_name(self, text: str) -> tuple[Actor, str, str | None, list[str]] | None: ...

        def _person_country(self, start: int) -> Actor | None: ...

        def _member_org(self, start: int, end: int) -> Mention | None: ...

        def _with_context(self, actor: Actor, start: int, why: str) -> tuple[Actor, str]: ...

        def _apposition(self, i: int) -> tuple[int, Actor | None, SectorWord] | None: ...

        def _as_title(self, i: int) -> SectorWord | None: ...

    def _person_actor(self, item: _Item) -> tuple[Actor, str, str | None, list[str]] | None:
        if item.kind == "name":
            entry = self.cb.entry(item.key)
            return self.cb.resolve(item.key, self.when), self._role_why(entry.key), entry.gender, entry.name.split()
        if item.kind == "short":
            return self._short_actor(item.key)
        return self._coref_name(self.span_text(item.start, item.end))

    def _role_why(self, key: str) -> str:
        entry = self.cb.entry(key)
        role = entry.role_at(self.when)
        if role is None:
            return f"codebook person '{entry.name}' (no role on that date: default sector {entry.sector})"
        return f"codebook person '{entry.name}' (role {role.role} {role.start}..{role.end or ''})"

    def _short_actor(self, short: str) -> tuple[Actor, str, str | None, list[str]] | None:
        keys = self.cb.short_forms().get(short, [])
        for mention in reversed(self.history):
            if mention.actor.actor_id in keys:
                return self._redate(mention), f"short form '{short}' of '{mention.actor.name}' mentioned earlier", \
                    mention.gender, list(mention.tokens)
        earlier = self._coref_name(short)  # "Zhao Wenlong ... Zhao": the person the text named
        if earlier is not None:
            return earlier
        if len(keys) == 1:
            entry = self.cb.entry(keys[0])
            return self.cb.resolve(keys[0], self.when), f"unique short form '{short}': {self._role_why(keys[0])}", \
                entry.gender, entry.name.split()
        return None

    def _on_person(self, item: _Item, actor: Actor, why: str, gender: str | None, tokens: list[str]) -> None:
        apposition = self._apposition(item.end)
        if apposition:
            end, country, word = apposition
            actor, why = _apply_title(actor, why, word, country, f"apposition '{self.span_text(item.end + 1, end)}'")
            self.emit(item.start, item.end, actor, why, True, gender, tokens, consume=(item.start, end))
            return
        found = self._as_title(item.end)
        if found is not None and found.role and found.role != actor.role:
            actor = replace(actor, sector=found.sector, code=make_code(actor.country, found.sector), role=found.role)
            why = f"{why} + 'as {found.role}' in the text"
        self.emit(item.start, item.end, actor, why, True, gender, tokens)

    def _on_short(self, item: _Item) -> None:
        found = self._short_actor(item.key)
        if found is None:
            return
        actor, why, gender, tokens = found
        self._on_person(item, actor, why, gender, tokens)

    def _on_ent(self, item: _Item) -> None:
        text = self.span_text(item.start, item.end)
        if item.key == "PERSON":
            found = self._coref_name(text)
            if found:
                self._on_person(item, found[0], found[1], found[2], found[3])
                return
            apposition = self._apposition(item.end) or self._relative_title(item.end) or self._member_of(item.end)
            if apposition:
                self._unknown_person(item, text, apposition)
                return
            if self._member_org(item.start, item.end) is not None:  # "Amnesty researcher Jane Doe"
                self.emit(item.start, item.end, Actor(code="UNK", name=text), "NER PERSON", True, tokens=text.split())
                return
            self.history.append(Mention(item.start, item.end, Actor(code="UNK", name=text), "unknown", True))
        elif item.key == "ORG":
            inner = [s.label_ for s in self.sector_spans if item.start <= s.start and s.end <= item.end]
            words = [self.r.sector_words[form] for form in inner]
            if words and not words[0].person and not words[0].bound:
                actor = Actor(code=words[0].sector, sector=words[0].sector, name=text)
                actor, why = self._with_context(actor, item.start, f"NER ORG with sector word '{inner[0]}'")
                if actor.country:
                    self.emit(item.start, item.end, actor, why)

    def _unknown_person(self, item: _Item, text: str, apposition: tuple[int, Actor | None, SectorWord]) -> None:
        end, country, word = apposition
        if country is None:
            country = self._person_country(item.start)
        if country is None:
            return
        if country.sector == "IGO":  # "spokeswoman for Ban Ki-moon": speaks for the organisation
            actor = Actor(code=country.code, country=country.country, sector="IGO", name=text, role=word.role)
        else:
            actor = Actor(code=make_code(country.country, word.sector), country=country.country,
                          sector=word.sector, name=text, role=word.role)
        why = f"NER PERSON + apposition '{self.span_text(item.end + 1, end)}'" if end > item.end + 1 \
            else f"NER PERSON + '{word.role or word.sector}' of {country.code} in a clause after the name"
        self.emit(item.start, item.end, actor, why, True, tokens=text.split(), consume=(item.start, end))

    def _relative_title(self, i: int) -> tuple[int, Actor | None, SectorWord] | None:
        """", an old friend of Y who became the first Japanese ambassador to Z,": the office a
        relative clause of the apposition names (its country before the title), as
        ``_apposition`` gives it; the title's words are taken, the rest of the clause is not."""
        doc = self.doc
        if i >= len(doc) or doc[i].text != ",":
            return None
        j = next((k for k in range(i + 1, min(i + RELATIVE_SCAN, len(doc)))
                  if doc[k].lower_ == "who" or doc[k].text in (",", ".", ";")), None)
        if j is None or doc[j].lower_ != "who" or j + 1 >= len(doc) or doc[j + 1].lemma_ not in OFFICE_VERBS:
            return None
        j += 2
        while j < len(doc) and doc[j].lower_ in OFFICE_FILLERS:
            j += 1
        country, named = None, self.first(j, {"name"})
        if named is not None and self.cb.entry(named.key).kind == "country":
            country = self.cb.resolve(named.key, self.when)
            j = named.end + (1 if named.end < len(doc) and doc[named.end].text in POSSESSIVE else 0)
        found = self.sector_at(j)
        if found is None or not found[1].person:
            return None
        lo = named.start if country is not None and named is not None else found[0].start
        self.used[lo:found[0].end] = [True] * (found[0].end - lo)  # "the first Japanese ambassador" is this person
        return i, country, found[1]

    def _member_of(self, i: int) -> tuple[int, Actor | None, SectorWord] | None:
        """", one of the 50 banned politicians of the dissolved CNRP," / ", a member of the
        BNP,": the party or organisation the apposition names the person a member of."""
        doc = self.doc
        if i + 1 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ not in MEMBER_OPENERS:
            return None
        j, head = i + 1, False
        while j < min(i + RELATIVE_SCAN, len(doc)) and doc[j].text not in (",", ".", ";"):
            head = head or doc[j].lower_ in MEMBER_HEADS
            named = self.first(j, {"name"})
            if named is not None and head and doc[j - 1].lower_ in ("of", "the", "dissolved", "banned", "ruling"):
                entry = self.cb.entry(named.key)
                if entry.kind not in MEMBER_OF:
                    return None
                org = self.cb.resolve(named.key, self.when)
                return i, org, SectorWord(forms=(), sector=org.sector or "", role="Member")
            j += 1
        return None
