"""The actor resolver: a spaCy component that codes every actor mention in a Doc.

It combines a PhraseMatcher over all codebook name forms with the NER model, then walks the
candidates in text order: titles and appositions, possessives, "the X government",
metonyms, compound actors, and within-document coreference (short forms, role nouns,
pronouns, "the two leaders"). Writes ``doc.spans["amity_actors"]`` (see ARCHITECTURE.md).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from itertools import accumulate
from typing import Any, NamedTuple

import numpy as np
from spacy.attrs import IDX, LENGTH, LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from amity.codebook import SHIPPED, Codebook, activate, word_set
from amity.codebook.actors import ActorCodebook, SectorWord, make_code
from amity.errors import UsageError
from amity.models import Actor
from amity.nlp.actors_context import ContextMixin
from amity.nlp.actors_coref import (
    COUNTRY_COLLECTIVES,
    ORGANISATION_ANAPHORS,
    PERSON_COLLECTIVES,
    PRONOUNS,
    CorefMixin,
    Mention,
    _Item,
)
from amity.nlp.extensions import doc_text, register_extensions
from amity.nlp.registry import CODEBOOK_CONFIG

SPAN_KEY = "amity_actors"
POSSESSIVE = word_set("actors", "possessive")
LOCATIVE = word_set("actors", "locative")
# heads that make "to X" / "between X and Y" a relation between actors, not a place
MOTION = word_set("actors", "motion")
RELATION = word_set("actors", "relation")
MONTHS = word_set("actors", "months")
NEWLINE_RE = re.compile("\n")
YEAR_RE = re.compile(r"(?<![\w-])(1[89]\d\d|20\d\d)(?![\w-])")
GOV_SUFFIX = word_set("actors", "gov_suffix")
NOT_CONTEXT = word_set("actors", "not_context")
COUNTRY_KINDS = {"country", "metonym"}
GEO_FEATURES = word_set("actors", "geo_features")
NER_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
NOMINAL_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "ROOT"}


def _split_name_abbreviations(nlp: Language, codebook: ActorCodebook) -> None:
    """"Hun Sen." at a sentence end is one token for spaCy ("Sen." = Senator): split it for names."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return
    lasts = {form.split()[-1] for entry in codebook.entries() if entry.kind == "person"
             for form, _kind in entry.forms if " " in form}
    for last in sorted(lasts):
        if last[:1].isupper() and len(nlp.make_doc(last + ".")) == 1:
            tokenizer.add_special_case(last + ".", [{"ORTH": last}, {"ORTH": "."}])


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


def _plural(form: str) -> list[str]:
    last = form.split()[-1]
    if last.endswith("s"):
        return [form]
    plural = last[:-1] + "ies" if last.endswith("y") and last[-2:-1] not in "aeiou" else last + "s"
    plural = "men".join(plural.rsplit("mans", 1)) if last.endswith("man") else plural
    return [form, form[: len(form) - len(last)] + plural]


class ActorResolver:
    """Doc → Doc: resolves actor mentions against the codebook (matchers built once)."""

    def __init__(self, nlp: Language, name: str, extra_files: Sequence[str], codebook: Codebook = SHIPPED) -> None:
        register_extensions()
        self.name = name
        self.book = codebook.extended(extra_files)
        activate(self.book)
        self.codebook: ActorCodebook = self.book.actors()
        _split_name_abbreviations(nlp, self.codebook)
        self.names = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_key: dict[str, list[str]] = {}
        for form, key in self.codebook.name_forms():
            by_key.setdefault(key, []).append(form)
        for key, forms in by_key.items():
            self.names.add(key, [nlp.make_doc(form) for form in forms])
        self.shorts = PhraseMatcher(nlp.vocab, attr="ORTH")
        for short in self.codebook.short_forms():
            self.shorts.add(short, [nlp.make_doc(short)])
        self.sectors = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.sector_words: dict[str, SectorWord] = {}
        for form, word in self.codebook.sector_words.items():
            for variant in _plural(form):
                self.sector_words.setdefault(variant, word)
                self.sectors.add(variant, [nlp.make_doc(variant)])
        self.pronoun_hashes = frozenset(nlp.vocab.strings.add(p) for p in PRONOUNS)
        self.collectives = PhraseMatcher(nlp.vocab, attr="LOWER")
        for phrase in PERSON_COLLECTIVES + COUNTRY_COLLECTIVES + ORGANISATION_ANAPHORS + self._title_pairs():
            self.collectives.add(phrase, [nlp.make_doc(phrase)])

    def _title_pairs(self) -> tuple[str, ...]:
        """"the two ministers", "both foreign ministers": two persons with that title."""
        plurals = {_plural(form)[-1] for form, word in self.codebook.sector_words.items() if word.person}
        return tuple(f"{lead} {plural}" for plural in sorted(plurals) for lead in ("the two", "both"))

    def __call__(self, doc: Doc) -> Doc:
        activate(self.book)
        spans = []
        for mention in self.mentions(doc):
            span = Span(doc, mention.start, mention.end, label=mention.actor.code,
                        kb_id=mention.actor.actor_id or mention.actor.name or "")
            span._.actor = mention.actor.to_dict()
            if mention.also:
                span._.actor["also"] = [a.to_dict() for a in mention.also]
            spans.append(span)
        doc.spans[SPAN_KEY] = spans
        return doc

    def mentions(self, doc: Doc) -> list[Mention]:
        """Every resolved mention in text order (with a ``why``)."""
        return _DocResolver(self, doc).run()


class _DocResolver(ContextMixin, CorefMixin):
    """The per-document state: candidates, consumed tokens, mention history."""

    def __init__(self, resolver: ActorResolver, doc: Doc) -> None:
        self.r = resolver
        self.cb = resolver.codebook
        self.doc = doc
        self.text = doc_text(doc)
        self.date: str | None = doc._.published or _latest_year(self.text)
        self.when: str | None = self.date  # the date roles are resolved at for the current item
        self.used = [False] * len(doc)
        self.history: list[Mention] = []
        self.pairs: list[tuple[Mention, Mention]] = []  # collectives and conjoined persons, in text order
        self.out: list[Mention] = []
        self.ents: tuple[Span, ...] = tuple(doc.ents)  # spaCy builds new Spans on each doc.ents
        offsets = doc.to_array([IDX, LENGTH]).T.tolist()  # token offsets without Token objects
        self.idx: list[int] = offsets[0] if offsets else []
        self.length: list[int] = offsets[1] if offsets else []
        self.out_ends: set[int] = set()  # where emitted mentions end
        self.dates: dict[int, str | None] = {}  # date_at, per token
        self.place_cache: dict[int, list[tuple[int, str]]] = {}
        self.items = self._candidates()
        self.at: dict[int, list[_Item]] = {}
        for item in self.items:
            self.at.setdefault(item.start, []).append(item)
        self.para, self.sent = self._segments()
        self.org_ents = {ent.start: ent for ent in self.ents if ent.label_ == "ORG"}
        self.geo_ents = [(ent.start, ent.end) for ent in self.ents if ent.label_ in ("LOC", "FAC")]
        self.years = self._sentence_years()
        self.country_counts = Counter(  # every state-bound name counts: "Hun Sen", "CPP", "Cambodia"
            self.cb.entry(i.key).country for i in self.items
            if i.kind == "name" and self.cb.entry(i.key).kind != "igo" and len(self.cb.entry(i.key).country or "") == 3)

    # ----------------------------------------------------------------- candidates
    def _candidates(self) -> list[_Item]:
        doc, vocab = self.doc, self.doc.vocab
        names = _longest_first(_Match(s, e, vocab.strings[m]) for m, s, e in self.r.names(doc)
                               if not self._affiliated(s))
        items = [_Item(s.start, s.end, "name", s.label_) for s in names]
        taken = {i for s in names for i in range(s.start, s.end)}
        for m, s, e in self.r.shorts(doc):
            if not taken.intersection(range(s, e)):
                items.append(_Item(s, e, "short", vocab.strings[m]))
                taken.update(range(s, e))
        sectors = _longest_first(_Match(s, e, vocab.strings[m]) for m, s, e in self.r.sectors(doc))
        self.sector_spans = sectors
        for ent in self.ents:
            if ent.label_ in NER_LABELS and not taken.intersection(range(ent.start, ent.end)):
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
        order = {"collective": 0, "name": 1, "short": 1, "ent": 2, "sector": 3, "pronoun": 4}
        return sorted(items, key=lambda i: (i.start, order[i.kind], -i.end))

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
        while end > start and self.doc[end - 1].text in POSSESSIVE:
            end -= 1
        if ent.label_ == "PERSON":
            for s in sectors:
                if s.start <= start < s.end:
                    start = s.end
        while start < end and self.doc[start].lower_ == "the":
            start += 1
        return start, end

    def _segments(self) -> tuple[list[int], list[int]]:
        """Paragraph and sentence number of every token, from arrays rather than Token objects."""
        doc = self.doc
        breaks = [0] * (len(doc) + 1)  # breaks[i + 1] = 1: a paragraph ends after token i
        for i in sorted({bisect_right(self.idx, m.start()) - 1 for m in NEWLINE_RE.finditer(self.text)}):
            token = doc[i]  # only tokens holding a newline can end a paragraph
            if "\n\n" in token.text_with_ws + "\n" * token.is_space:
                breaks[i + 1] = 1
        para = list(accumulate(breaks[:-1]))
        if not doc.has_annotation("SENT_START"):
            return para, [0] * len(doc)
        starts = np.cumsum(doc.to_array(SENT_START) == 1)  # sentence starts so far, per token
        return para, np.maximum(starts - 1, 0).tolist()

    def _sentence_years(self) -> dict[int, list[tuple[int, str]]]:
        """Explicit years ("in 1955") per sentence, as (char offset, year); none after publication."""
        latest = int(self.date[:4]) if self.date and self.date[:4].isdigit() else 9999
        years: dict[int, list[tuple[int, str]]] = {}
        for match in YEAR_RE.finditer(self.text):
            if int(match.group(1)) <= latest:
                span = self.doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
                if span is not None:
                    years.setdefault(self.sent[span.start], []).append((span.start, match.group(1)))
        return years

    def date_at(self, i: int) -> str | None:
        """The date for roles at token ``i``: the nearest year named in its clause (or in a clause
        that frames it, "After ... in 1970, he ..."), else the publication date."""
        if i >= len(self.doc):
            return self.date
        if i not in self.dates:  # the same for every caller: the years and the parse are fixed
            found = [(abs(t - i), year) for t, year in self.years.get(self.sent[i], [])
                     if self.para[t] == self.para[i] and self._year_scopes(t, i)]
            self.dates[i] = min(found)[1] if found else self.date
        return self.dates[i]

    def _year_scopes(self, year: int, i: int) -> bool:
        """False when the year sits in a relative clause or apposition that does not hold token ``i``
        ("Kishida, who was foreign minister from 2012, arrived ..." does not date "Kishida")."""
        if not self.doc.has_annotation("DEP"):
            return True
        target, token = self.doc[i], self.doc[year]
        head = token.head
        if (token.dep_ in ("amod", "compound", "nmod", "nummod") and head.pos_ in ("NOUN", "PROPN")
                and head.lower_ not in MONTHS):  # "the 1982 Convention": dates only its own phrase
            return head.left_edge.i <= i <= head.right_edge.i
        for node in token.ancestors:
            if node.dep_ in ("relcl", "acl", "appos") and not (node.left_edge.i <= target.i <= node.right_edge.i):
                return False
        return True

    # ----------------------------------------------------------------- main loop
    def run(self) -> list[Mention]:
        for item in self.items:
            if any(self.used[item.start:item.end]):
                continue
            self.when = self.date_at(item.start)
            handler = getattr(self, f"_on_{item.kind}")
            handler(item)
        return sorted(self.out, key=lambda m: (m.start, m.end))

    def emit(self, start: int, end: int, actor: Actor, why: str, person: bool = False,
             gender: str | None = None, tokens: Iterable[str] = (), consume: tuple[int, int] | None = None) -> Mention:
        lo_char, hi_char = self.char_offsets(start, end)
        if person and not self._has_role(actor) and (org := self._member_org(start, end)) is not None:
            actor, why = self._as_member(actor, org), f"{why} + member of '{org.actor.name}' named before the title"
        actor = Actor(**{**vars(actor), "mention": self.text[lo_char:hi_char], "start": lo_char, "end": hi_char})
        mention = Mention(start, end, actor, why, person, gender, frozenset(tokens))
        lo, hi = consume or (start, end)
        self.used[lo:hi] = [True] * (hi - lo)
        self.out.append(mention)
        self.out_ends.add(end)
        self.history.append(mention)
        return mention

    def char_offsets(self, start: int, end: int) -> tuple[int, int]:
        """``doc[start:end]``'s start_char and end_char, from arrays rather than Token objects."""
        if not 0 <= start < end <= len(self.idx):
            span = self.doc[start:end]
            return span.start_char, span.end_char
        return self.idx[start], self.idx[end - 1] + self.length[end - 1]

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` (the text between its offsets)."""
        if not 0 <= start < end <= len(self.idx):
            return self.doc[start:end].text
        lo, hi = self.char_offsets(start, end)
        return self.text[lo:hi]

    def first(self, i: int, kinds: set[str]) -> _Item | None:
        for item in self.at.get(i, []):
            if item.kind in kinds and not any(self.used[item.start:item.end]):
                return item
        return None

    def sector_at(self, i: int) -> tuple[_Item, SectorWord] | None:
        """The sector word at token ``i``; "former X" is a past title: elite (ELI), no current role."""
        former = i < len(self.doc) and self.doc[i].lower_ in ("former", "ex-", "late")
        item = self.first(i, {"sector"})  # "senior official" is itself a sector phrase
        if item is None and i < len(self.doc) and (former or self.doc[i].lower_ in ("senior", "top", "then")):
            item = self.first(i + 1, {"sector"})
        if item is None:
            return None
        word = self.r.sector_words[item.key]
        return item, replace(word, sector="ELI", role=None) if former and word.person else word

    # ----------------------------------------------------------------- handlers
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
        self.emit(item.start, item.end, actor, label)

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
        sector comes from the text, so it carries no codebook key to re-resolve at the event date."""
        found = self.sector_at(j)
        if found:
            sector_item, word = found
            if word.person and self._titled_person(item.start, sector_item, word, country, label):
                return True
            if self._is_modifier(sector_item):
                return False
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

    def _is_modifier(self, item: _Item) -> bool:
        """Not the head of a noun phrase ("EU observers" for "EU"); a gerund used as a noun
        ("Russian shelling hit ...") is a head."""
        last = self.doc[item.end - 1]
        noun = last.pos_ in ("NOUN", "PROPN") or (last.tag_ == "VBG" and last.dep_ in NOMINAL_DEPS)
        return not noun or (last.dep_ == "compound" and last.head.i > last.i)

    def _titled_person(self, start: int, title: _Item, word: SectorWord, country: Actor | None, label: str) -> bool:
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
        end = found[0].end
        while (end < len(doc) and doc[end].text not in (",", ".", ";") and end - found[0].end < 6
               and doc[end].lower_ not in ("who", "which", "that") and not self.at.get(end)):
            end += 1
        return end, country, found[1]

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
            apposition = self._apposition(item.end)
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
        actor = Actor(code=make_code(country.country, word.sector), country=country.country, sector=word.sector,
                      name=text, role=word.role)
        why = f"NER PERSON + apposition '{self.span_text(item.end + 1, end)}'"
        self.emit(item.start, item.end, actor, why, True, tokens=text.split(), consume=(item.start, end))

    def _on_sector(self, item: _Item) -> None:
        doc, word = self.doc, self.r.sector_words[item.key]
        if word.person and self._titled_person(item.start, item, word, None, "context"):
            return
        of = self.first(item.end + 1, {"name"}) if item.end < len(doc) and doc[item.end].lower_ == "of" else None
        if of and self.cb.entry(of.key).kind == "country":
            c = self.cb.resolve(of.key, self.when)
            actor = Actor(code=make_code(c.country, word.sector), country=c.country, sector=word.sector,
                          name=c.name, role=word.role if word.person else None, actor_id=None)
            self.emit(item.start, of.end, actor, f"sector word '{item.key}' of country {c.country}")
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
        if prev not in NOT_CONTEXT and (not word.bound or self._affiliated(item.start)) and not self._generic(item):
            actor = Actor(code=word.sector, sector=word.sector, name=None)
            actor, why = self._with_context(actor, item.start, f"sector word '{item.key}'")
            if actor.country:
                self.emit(item.start, item.end, replace(actor, name=actor.name), why)

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
    if actor.role is not None:
        return actor, f"{why} + {what}"
    iso3 = country.country if country is not None and country.country else actor.country
    actor = replace(actor, country=iso3, sector=word.sector, code=make_code(iso3, word.sector), role=word.role)
    return actor, f"{why} + {what} (role and sector from the text)"


def _latest_year(text: str) -> str | None:
    """An undated article's estimated date: the latest year it names (not in the future)."""
    this_year = dt.date.today().year
    years = [int(y) for y in YEAR_RE.findall(text) if int(y) <= this_year]
    return str(max(years)) if years else None


@Language.factory("amity_actors_v1", default_config={"extra_files": [], "codebook": CODEBOOK_CONFIG})
def make_actor_resolver(nlp: Language, name: str, extra_files: list[str], codebook: Codebook) -> ActorResolver:
    return ActorResolver(nlp, name, extra_files, codebook)


@lru_cache(maxsize=2)
def _default_nlp() -> Language:
    from amity.nlp.model import load_model
    from amity.settings import Settings

    nlp = load_model(Settings.from_env().model)
    nlp.add_pipe("amity_actors_v1")
    return nlp


def explain(nlp: Language | None, text: str, date: str | None) -> list[dict[str, Any]]:
    """Each resolved mention of ``text`` on ``date``: the actor dict plus a ``why`` string."""
    nlp = nlp or _default_nlp()
    register_extensions()
    doc = nlp.make_doc(text)
    doc._.published = date
    resolver = next((pipe for _, pipe in nlp.pipeline if isinstance(pipe, ActorResolver)), None)
    if resolver is None:
        raise UsageError("the pipeline has no amity_actors_v1 component (see AMITY_COMPONENTS)")
    doc = nlp(doc)
    return [{**m.actor.to_dict(), "why": m.why} for m in resolver.mentions(doc)]
