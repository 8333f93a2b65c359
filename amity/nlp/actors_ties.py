"""Groups tied to a side the phrase names: "forces loyal to the TPLF", "troops allied with the
rebels" (that side's country and, for a party or armed group, its sector), "companies close to
X" (X's country). ``TiesMixin`` is a base of :class:`amity.nlp.actors_sectors.SectorMixin`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from amity.codebook import word_set
from amity.codebook.actors import SectorWord, make_code
from amity.models import Actor
from amity.nlp.actors_coref import _Item
from amity.nlp.actors_state import DocState

ALLEGIANCE = word_set("actors_sectors", "allegiance_words")  # "forces loyal to X"
PARTY_SECTORS = {"PTY", "OPP", "REB"}  # organisations whose heads are of their sector, not ELI/GOV
TIED_TO = word_set("actors_sectors", "tied_to")  # "firms close to X": of X's country


class TiesMixin(DocState):
    """Sector words followed by the side they belong to."""

    if TYPE_CHECKING:
        def _context_actor(self, start: int) -> Actor | None: ...

    def _allied_group(self, item: _Item, word: SectorWord) -> bool:
        """"forces loyal to the TPLF", "troops allied with the rebels": the side named after the
        allegiance word: its country, and its sector when it is a party or an armed group."""
        doc, j = self.doc, item.end
        if word.person or j + 2 >= len(doc) or doc[j].lower_ not in ALLEGIANCE or doc[j + 1].lower_ not in ("to", "with"):
            return False
        j += 2 + (doc[j + 2].lower_ == "the")
        side = self.first(j, {"name", "sector"})
        if side is None:
            return False
        if side.kind == "name":
            named = self.cb.resolve(side.key, self.when)
            iso3 = named.country or ""
            country: Actor | None = self.cb.resolve(iso3, self.when) if iso3 in self.cb else None
            sector = named.sector if named.sector in PARTY_SECTORS else word.sector
        else:
            sector = self.r.sector_words[side.key].sector
            country = self._context_actor(item.start) if sector in PARTY_SECTORS else None
        if country is None or not country.country:
            return False
        actor = Actor(code=make_code(country.country, sector), country=country.country, sector=sector, name=country.name)
        self.emit(item.start, item.end, actor, f"'{self.span_text(item.start, item.end + 2)}' {side.key}: {actor.code}")
        return True

    def _emit_tied(self, item: _Item, word: SectorWord) -> bool:
        tied = self._tied_to(item)
        country = self.cb.resolve(tied.key, self.when).country if tied is not None else None
        if not country:
            return False
        actor = Actor(code=make_code(country, word.sector), country=country, sector=word.sector, name=None)
        self.emit(item.start, item.end, actor, f"sector word '{item.key}' tied to {country}")
        return True

    def _tied_to(self, item: _Item) -> _Item | None:
        """The actor of "companies close to (Russian President) X", "militias loyal to Y": the
        first country or person named within four words after "<tied> to" hanging on the
        sector word."""
        doc, j = self.doc, item.end
        last = doc[item.end - 1]
        heads = {last.i, last.head.i} if last.dep_ == "conj" else {last.i}  # "people and firms close to"
        if j + 1 >= len(doc) or doc[j].lower_ not in TIED_TO or doc[j + 1].lower_ != "to" or doc[j].head.i not in heads:
            return None
        for i in range(j + 2, min(j + 6, len(doc))):
            if doc[i].is_punct or doc[i].pos_ in ("VERB", "AUX"):
                return None
            found = self.first(i, {"name"})
            if found is not None and self.cb.entry(found.key).kind in ("country", "person"):
                return found
        return None
