"""The country a generic institution belongs to ("the police", "the government", "the
court"): the country the paragraph is about. ``ContextMixin`` is mixed into the per-document
resolver of :mod:`amity.nlp.actors`, which supplies the state declared below.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span

from amity.codebook import word_set
from amity.codebook.actors import ActorCodebook, SectorWord, make_code
from amity.models import Actor
from amity.nlp.actors_coref import Mention, _is_state, _Item
from amity.nlp.places import resolve_place

STATE_PREFIX = re.compile(r"^(?:the )?(?:(?:Federal |Islamic |Democratic |People's )?Republic|Kingdom|State) of ",
                          re.IGNORECASE)
VENUE_WORDS = word_set("actors_context", "venue_words")
MEMBER_KINDS = {"igo", "party", "agency"}  # codebook kinds whose members take their code
MEMBER_GAP = 6
LOCAL_SECTORS = {"REB", "CVL"}  # sectors that belong to where they are, not to who acts on them
ENVOYS = word_set("actors_context", "envoys")
ENVOY_ROLES = {"Ambassador", "Diplomat"}  # roles of a state's people abroad
SPEECH_VERBS = word_set("actors_context", "speech_verbs")
RULING = word_set("actors_sectors", "ruling_words")  # "the ruling regime"
SIDE_CLAUSES = {"advcl", "relcl", "acl"}  # clauses whose subject is not the one a story follows
OFFICIAL_SECTORS = {None, "GOV", "MIL"}  # a state acting through its officials, whose official is unnamed


class ContextMixin:
    """Context-country handlers; the host class provides the document state."""

    doc: Doc
    cb: ActorCodebook
    when: str | None
    history: list[Mention]
    out: list[Mention]
    items: list[_Item]
    used: list[bool]
    para: list[int]
    sent: list[int]
    ents: tuple[Span, ...]
    country_counts: Counter[str | None]
    place_cache: dict[int, list[tuple[int, str]]]  # paragraph → (token, country) of its places

    if TYPE_CHECKING:
        def _is_subject(self, mention: Mention) -> bool: ...

        def _quoted(self, i: int) -> bool: ...

        def _head(self, mention: Mention) -> Any: ...

        def emit(self, start: int, end: int, actor: Actor, why: str, person: bool = False,
                 gender: str | None = None, tokens: Iterable[str] = (),
                 consume: tuple[int, int] | None = None) -> Mention: ...

    def _context_actor(self, start: int) -> Actor | None:
        """The country a generic institution belongs to: the country the paragraph is about. The
        last state mentioned earlier in the paragraph (not a speaker in the same sentence, not a
        commentator while another country fits), else a place named in the paragraph ("in
        Dhaka"), else a country named in the same sentence (not in a speaker's title, not "help
        from the US"), else the last state of the two paragraphs before (not a commentator), else
        the most mentioned one other than a commentator's."""
        para = self.para[start]
        commentator: str | None = None
        for mention in reversed(self.history):
            if mention.start >= start or not _is_state(mention.actor) or self.para[mention.start] != para \
                    or mention.actor.sector == "MED":  # "as seen by Al Jazeera": the outlet is not the story
                continue
            if self._commentator(mention) or mention.actor.role in ENVOY_ROLES:  # a speaker's country is not
                # what the quote is about; "the French ambassador to Bamako" is not where he serves
                commentator = commentator or mention.actor.country
                continue
            return self._country(mention.actor.country or "")
        found = self._paragraph_place(start) or self._sentence_country(start) \
            or self._earlier_paragraph(para, commentator)
        if found:
            return self._country(found)
        counts = [c for c, _n in self.country_counts.most_common() if c and c in self.cb and c != commentator]
        return self._country(counts[0] if counts else commentator or "")

    def _earlier_paragraph(self, para: int, commentator: str | None) -> str | None:
        """The last state or place named in the two paragraphs before ``para`` (not a commentator,
        not the country of this paragraph's speaker): a paragraph of quotes or reactions continues
        the story told just before it."""
        found: list[tuple[int, str]] = []
        for mention in reversed(self.history):
            if self.para[mention.start] < para - 2:
                break
            if (self.para[mention.start] < para and _is_state(mention.actor) and mention.actor.sector != "MED"
                    and not self._commentator(mention) and mention.actor.country != commentator):
                found.append((mention.start, mention.actor.country or ""))
                break
        for earlier in (para - 1, para - 2):
            places = self._places(earlier) if earlier >= 0 else []
            found += [(i, c) for i, c in places if c != commentator][-1:]
        return max(found)[1] if found else None

    def _country(self, iso3: str) -> Actor | None:
        return self.cb.resolve(iso3, self.when) if iso3 in self.cb else None

    def _commentator(self, mention: Mention) -> bool:
        """A person or office speaking ("the US ambassador said"): the story's subject is elsewhere."""
        head = self.doc[mention.start:mention.end].root
        while head.dep_ in ("compound", "poss") and head.head.i != head.i:
            head = head.head  # "State Department spokesperson Ned Price said": the office speaks too
        return mention.actor.sector in ("GOV", None) and head.dep_ in ("nsubj", "nsubjpass") \
            and head.head.lemma_ in SPEECH_VERBS and mention.actor.country != self._paragraph_place(mention.start)

    def _sentence_country(self, start: int) -> str | None:
        here = self.sent[start]
        named = [i for i in self.items if i.kind == "name" and self.sent[i.start] == here and i.start != start
                 and self.cb.entry(i.key).kind == "country" and self._free_country(i)
                 and self._quoted(i.start) == self._quoted(start)  # 'X said: "... the US ..."': not X's
                 and not any(m.start == i.start and self._commentator(m) for m in self.history)  # "the US
                 # Department of State expressed concern about arrests of activists": not the US's
                 and not (i.start > start and self.doc[i.end - 1].dep_ == "pobj")]
        if not named:
            return None
        return self.cb.entry(min(named, key=lambda i: abs(i.start - start)).key).country

    def _place_country(self, ent: Span) -> str | None:
        """A city's or region's country ("Dhaka"), or a country named as a place ("in Cambodia");
        a country named otherwise is an actor, not a place."""
        text = STATE_PREFIX.sub("", ent.text)
        place = resolve_place(text)
        if place is None or not place.country:
            return None
        prev = self.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        return place.country if not place.is_country or prev in VENUE_WORDS else None

    def _paragraph_place(self, start: int) -> str | None:
        """The country of the place named nearest ``start`` in its paragraph (a city or a country
        the resolver left as a place: "in Dhaka", "police in Cambodia"), earlier ones first."""
        places = self._places(self.para[start])
        before = [c for i, c in places if i < start]
        return before[-1] if before else (places[0][1] if places else None)

    def _places(self, para: int) -> list[tuple[int, str]]:
        """(token, country) of the places named in paragraph ``para``, in text order."""
        if para not in self.place_cache:
            self.place_cache[para] = [(ent.start, country) for ent in self.ents
                                      if ent.label_ in ("GPE", "LOC") and self.para[ent.start] == para
                                      and (country := self._place_country(ent))]
        return self.place_cache[para]

    def _person_country(self, start: int) -> Actor | None:
        """An unknown official's country when the text names none ("Foreign Minister X"): the
        state acting as a subject in this or the two sentences before (whose diplomacy is being
        told), else the institution context of ``_context_actor``; a place that opens the sentence
        ("In Jakarta, ...") first."""
        here = self.sent[start]
        place = self._sentence_place(start)
        if place is not None:  # "In Jakarta, Presidential Chief of Staff X told reporters"
            return self._country(place)
        side: Mention | None = None  # "... at a time when U.S. commitment was in doubt": a side clause's
        for mention in reversed(self.history):
            if mention.start >= start:
                continue
            if self.sent[mention.start] < here - 2:
                break
            own_sentence_person = mention.person and self.sent[mention.start] == here
            if _is_state(mention.actor) and not own_sentence_person and self._is_subject(mention) \
                    and mention.actor.sector in OFFICIAL_SECTORS:  # "the parties in X agreed": not X's diplomacy
                if self._head(mention).head.dep_ not in SIDE_CLAUSES:
                    side = mention
                    break
                side = side or mention
        if side is not None:
            iso3 = side.actor.country or ""
            return self.cb.resolve(iso3, self.when) if iso3 in self.cb else None
        return self._context_actor(start)

    def _sentence_place(self, start: int) -> str | None:
        """The country of a place named before ``start`` in its sentence as a venue ("In Jakarta,")."""
        for ent in self.ents:
            if ent.start >= start:
                return None
            if (ent.label_ == "GPE" and self.sent[ent.start] == self.sent[start] and ent.start > 0
                    and self.doc[ent.start - 1].lower_ in VENUE_WORDS):
                place = resolve_place(STATE_PREFIX.sub("", ent.text))
                if place is not None and place.country:
                    return place.country
        return None

    def _free_country(self, item: _Item) -> bool:
        """A country item not consumed by a person's title or apposition ("Geng, China's spokesman")."""
        if not any(self.used[item.start:item.end]):
            return True
        return any(m.start == item.start and not m.person for m in self.out)

    def _politics_country(self, start: int, sector: str) -> str | None:
        """"the opposition", "the ruling party" with no country named, where the context's country
        has no opposition (or ruling party) named in the document and another country has: that
        country's, the latest named ("Japan engages with the opposition" of the country whose
        parties the story names). ``None`` when the context's country fits."""
        named = [m.actor.country for m in self.history if m.start < start and m.actor.sector == sector
                 and m.actor.country and "from context" not in m.why]
        if not named:
            return None
        context = self._context_actor(start)
        if context is None or context.country in named:
            return None
        return named[-1] if named[-1] in self.cb else None

    def _party_politics(self, item: _Item, word: SectorWord, prev: str) -> bool:
        """"the opposition", "the ruling party", "the ruling regime": of the country whose
        opposition or ruling party the document names, when the context's country has none."""
        sector = "PTY" if prev in RULING else word.sector
        if sector not in ("OPP", "PTY") or word.person:
            return False
        iso3 = self._politics_country(item.start, sector)
        if iso3 is None:
            return False
        c = self.cb.resolve(iso3, self.when)
        actor = Actor(code=make_code(c.country, word.sector), country=c.country, sector=word.sector, name=c.name)
        self.emit(item.start, item.end, actor, f"sector word '{item.key}' → {c.country}, whose "
                  f"{'ruling party' if sector == 'PTY' else 'opposition'} the text names")
        return True

    def _with_context(self, actor: Actor, start: int, why: str) -> tuple[Actor, str]:
        """``actor`` of the context's country; armed groups and civilians are of the place the
        sentence names before them ("an airstrike in Lebanon ... fired at gunmen")."""
        place = self._sentence_place(start) if actor.sector in LOCAL_SECTORS else None
        country = self._country(place) if place else self._context_actor(start)
        if country is None:
            return actor, why
        actor = replace(actor, country=country.country, code=make_code(country.country, actor.sector),
                        name=actor.name or country.name)
        return actor, f"{why} + country {country.country} from context"

    def _member_org(self, start: int, end: int) -> Mention | None:
        """"UN High Commissioner for Human Rights X", "BNP secretary general X", "Human Rights
        Watch's deputy director X": an organisation opening the person's own noun phrase."""
        if not self.out or not self.doc.has_annotation("DEP"):
            return None
        org, key = self.out[-1], self.out[-1].actor.actor_id or ""
        if org.person or org.end > start or start - org.end > MEMBER_GAP or key not in self.cb:
            return None
        between = self.doc[org.end:start]
        if len(between) and all(t.text in ("'s", "\u2019s") for t in between):
            return None  # a title names the membership: "CNN's Jane Doe" may be a byline
        if self.cb.entry(key).kind not in MEMBER_KINDS or any(t.dep_ in ("punct", "cc") or t.lower_ in ENVOYS
                                                              for t in between) or self._country_before(org):
            return None  # "Zimbabwe's UN ambassador X", "the US envoy to the UN X": a state's own
        token = self.doc[start:end].root
        for _ in range(4):  # "UN High Commissioner for Human Rights X": X hangs under the title
            if token.left_edge.i <= org.start:
                return org
            if token.dep_ not in ("compound", "pobj", "prep", "appos", "flat") or token.head.i == token.i:
                break
            token = token.head
        return None

    def _as_member(self, actor: Actor, org: Mention) -> Actor:
        """A member speaks for the organisation: its country and sector, the person's name and role."""
        return replace(actor, code=org.actor.code, country=org.actor.country, sector=org.actor.sector,
                       actor_id=None, role=actor.role)

    def _country_before(self, org: Mention) -> bool:
        """"Zimbabwe's UN ...", "the Chinese UN ...": a state owns the phrase the organisation opens."""
        if len(self.out) < 2:
            return False
        prev = self.out[-2]
        gap = self.doc[prev.end:org.start]
        return _is_state(prev.actor) and not prev.person and len(gap) <= 1 and all(t.text in ("'s", "\u2019s") for t in gap)

    def _has_role(self, actor: Actor) -> bool:
        """A codebook person holding a role on the date keeps it ("CPP Prime Minister Hun Sen")."""
        key = actor.actor_id or ""
        return key in self.cb and self.cb.entry(key).kind == "person" and self.cb.entry(key).role_at(self.when) is not None
