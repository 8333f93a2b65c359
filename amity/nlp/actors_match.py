"""Candidate actor spans of a Doc, in text order: every codebook name form (PhraseMatcher,
longest first), then the codebook's short forms, the NER model's PERSON/ORG/GPE/NORP entities
(trimmed of a possessive, a leading title or "the"), bare surnames of persons named in full
before, sector words ("the police", "foreign minister"), collectives ("the two leaders") and
pronouns. ``MatchMixin`` is mixed into the per-document resolver of :mod:`amity.nlp.actors`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from spacy.attrs import LOWER, ORTH
from spacy.tokens import Span

from amity.codebook import word_set, words
from amity.nlp.actors_coref import _Item
from amity.nlp.actors_state import DocState

POSSESSIVE = word_set("actors", "possessive")
NER_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
NOT_PERSONS = word_set("actors", "not_persons")  # "said on Twitter": a platform, no actor
SHIP_PREFIXES: dict[str, str] = {str(k): str(v) for k, v in words("actors", "ship_prefixes").items()}


class _Match(NamedTuple):
    """A PhraseMatcher match as a tuple: a spaCy Span would build Token objects for its offsets."""

    start: int
    end: int
    label_: str


def _longest_first(matches: Iterable[_Match]) -> list[_Match]:
    """``spacy.util.filter_spans`` on ``_Match`` tuples (the same order and tie-breaking)."""
    ordered = sorted(matches, key=lambda m: (m.end - m.start, -m.start), reverse=True)
    kept: list[_Match] = []
    seen: set[int] = set()
    for match in ordered:
        if match.start not in seen and match.end - 1 not in seen:
            kept.append(match)
            seen.update(range(match.start, match.end))
    return sorted(kept, key=lambda m: m.start)


class MatchMixin(DocState):
    """The candidates (``_candidates``); ``_affiliated`` is also asked by the sector-word pass."""

    def _candidates(self) -> list[_Item]:
        doc, vocab = self.doc, self.doc.vocab
        items = self._ships()
        taken = {i for s in items for i in range(s.start, s.end)}
        names = _longest_first(_Match(s, e, vocab.strings[m]) for m, s, e in self.r.names(doc)
                               if not self._affiliated(s) and not taken.intersection(range(s, e)))
        items += [_Item(s.start, s.end, "name", s.label_) for s in names]
        taken.update(i for s in names for i in range(s.start, s.end))
        # a name going on past a short form: "Zhao" in "Zhao Wenlong" is not the codebook's Zhao
        longer = {i for ent in self.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end - 1)}
        for m, s, e in self.r.shorts(doc):
            if not taken.intersection(range(s, e)) and e - 1 not in longer:
                items.append(_Item(s, e, "short", vocab.strings[m]))
                taken.update(range(s, e))
        sectors = _longest_first(_Match(s, e, vocab.strings[m]) for m, s, e in self.r.sectors(doc))
        self.sector_spans = sectors
        for ent in self.ents:
            if ent.label_ in NER_LABELS and not taken.intersection(range(ent.start, ent.end)) \
                    and ent.text not in NOT_PERSONS:
                start, end = self._trim_ent(ent, sectors)
                if start < end:
                    items.append(_Item(start, end, "ent", ent.label_))
                    taken.update(range(start, end))
        items += self._bare_surnames(taken)
        items += [_Item(s.start, s.end, "sector", s.label_) for s in sectors
                  if not taken.intersection(range(s.start, s.end))]
        for m, s, e in self.r.collectives(doc):
            items.append(_Item(s, e, "collective", vocab.strings[m]))
        lowers = doc.to_array(LOWER).tolist()  # no Token objects: this runs over every token
        items += [_Item(i, i + 1, "pronoun", vocab.strings[h]) for i, h in enumerate(lowers)
                  if h in self.r.pronoun_hashes]
        order = {"ship": 0, "collective": 0, "name": 1, "short": 1, "ent": 2, "sector": 3, "pronoun": 4}
        return sorted(items, key=lambda i: (i.start, order[i.kind], -i.end))

    def _ships(self) -> list[_Item]:
        """"the JS Kongo", "USS Benfold": a navy's prefix and the title-case name after it
        (up to three words) is one ship; its key is the prefix."""
        doc, found = self.doc, []
        i = 0
        while i < len(doc) - 1:
            end = i + 1
            if doc[i].text in SHIP_PREFIXES:
                while end < min(i + 4, len(doc)) and doc[end].text.istitle() and doc[end].is_alpha:
                    end += 1
            if end > i + 1:
                found.append(_Item(i, end, "ship", doc[i].text))
            i = end
        return found

    def _affiliated(self, start: int) -> bool:
        """"pro-Russian separatists", "anti-Western groups": a sympathy, not a nationality
        (the group is of the country the text is about)."""
        doc = self.doc
        if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in ("pro", "anti"):
            return True
        return start >= 3 and doc[start - 2].text == "-" and doc[start - 3].lower_ in ("pro", "anti")

    def _bare_surnames(self, taken: set[int]) -> list[_Item]:
        """"Leopoldo Lopez ... Lopez is accused": a surname the tagger missed, after a person
        named in full, is a PERSON candidate (coreference then finds whom it names)."""
        first: dict[int, int] = {}  # surname's ORTH hash -> end of the first full name
        for ent in self.ents:
            if ent.label_ == "PERSON" and len(ent) >= 2:
                first.setdefault(ent[-1].orth, ent.end)
        if not first:
            return []
        orths = self.doc.to_array(ORTH).tolist()
        found = [i for i, h in enumerate(orths) if h in first and i >= first[h] and i not in taken
                 and self.doc[i].pos_ == "PROPN" and self.doc[i].ent_iob_ == "O"]
        taken.update(found)
        return [_Item(i, i + 1, "ent", "PERSON") for i in found]

    def _trim_ent(self, ent: Span, sectors: list[_Match]) -> tuple[int, int]:
        start, end = ent.start, ent.end
        if self.doc[end - 1].tag_ in ("NNS", "NNPS") and any(s.start <= start and end <= s.end for s in sectors):
            return start, start  # "Major Generals" tagged ORG: a group's title, left to the sector words
        while end > start and self.doc[end - 1].text in POSSESSIVE:
            end -= 1
        if ent.label_ == "PERSON":
            for s in sectors:
                if s.start <= start < s.end:
                    start = s.end
        while start < end and self.doc[start].lower_ == "the":
            start += 1
        return start, end
