"""The actor resolver: a spaCy component that codes every actor mention in a Doc.

It combines a PhraseMatcher over all codebook name forms with the NER model, then walks the
candidates in text order: titles and appositions, possessives, "the X government",
metonyms, compound actors, and within-document coreference (short forms, role nouns,
pronouns, "the two leaders"). Writes ``doc.spans["amity_actors"]`` (see ARCHITECTURE.md).
The per-document resolver composes its passes from the modules beside this one: candidates
(``actors_match``), dates (``actors_dates``), codebook names and countries (``actors_names``),
persons (``actors_people``), sector words and titles (``actors_sectors``), context countries
(``actors_context``) and coreference (``actors_coref``, ``actors_pairs``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

from spacy.attrs import IDX, LENGTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span

from amity.codebook import SHIPPED, Codebook, activate, word_set
from amity.codebook.actors import ActorCodebook, SectorWord
from amity.errors import UsageError
from amity.models import Actor
from amity.nlp.actors_context import ContextMixin
from amity.nlp.actors_coref import (
    COUNTRY_COLLECTIVES,
    ORGANISATION_ANAPHORS,
    PAIR_PRONOUNS,
    PERSON_COLLECTIVES,
    PRONOUNS,
    CorefMixin,
    Mention,
    _Item,
)
from amity.nlp.actors_dates import DateMixin, _latest_year
from amity.nlp.actors_match import MatchMixin
from amity.nlp.actors_names import NameMixin
from amity.nlp.actors_people import PersonMixin
from amity.nlp.actors_sectors import FORMER, SectorMixin, past_title
from amity.nlp.extensions import doc_text, register_extensions
from amity.nlp.registry import CODEBOOK_CONFIG

SPAN_KEY = "amity_actors"
GIVEN_NAMES = {**{n: "m" for n in word_set("actors_coref", "given_names_m")},
               **{n: "f" for n in word_set("actors_coref", "given_names_f")}}


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
        explicit = self.codebook.sector_words  # a listed form ("protesters": CVL) over another's plural
        for form, word in explicit.items():
            for variant in _plural(form):
                if variant == form or variant not in explicit:
                    self.sector_words.setdefault(variant, word)
                    self.sectors.add(variant, [nlp.make_doc(variant)])
        self.pronoun_hashes = frozenset(nlp.vocab.strings.add(p) for p in (*PRONOUNS, *PAIR_PRONOUNS))
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


class _DocResolver(MatchMixin, DateMixin, NameMixin, PersonMixin, SectorMixin, ContextMixin, CorefMixin):
    """The per-document state (candidates, consumed tokens, mention history), the main loop and
    the helpers every pass uses; the handlers ``_on_<kind>`` come from the pass mixins."""

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
        self.quotes: list[tuple[int, int]] | None = None
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
            if i.kind == "name" and self.cb.entry(i.key).kind != "igo" and self.cb.entry(i.key).sector != "MED"
            and len(self.cb.entry(i.key).country or "") == 3)  # a news agency's country is not the story's

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
        actor = Actor(**{**vars(actor), "sector": actor.sector or None,  # a past title holds none ("former")
                         "mention": self.text[lo_char:hi_char], "start": lo_char, "end": hi_char})
        if person and gender is None and actor.name:  # "Phil Robertson": a given name tells the gender
            gender = GIVEN_NAMES.get(actor.name.split()[0])
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
        """The sector word at token ``i``; "former X" is a past title (``past_title``)."""
        former = i < len(self.doc) and self.doc[i].lower_ in FORMER
        item = self.first(i, {"sector"})  # "senior official" is itself a sector phrase
        if item is None and i < len(self.doc) and (former or self.doc[i].lower_ in ("senior", "top", "then")):
            item = self.first(i + 1, {"sector"})
        if item is None:
            return None
        word = self.r.sector_words[item.key]
        return item, past_title(word) if former and word.person else word


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
