"""The per-document state the actor resolver's passes share. ``DocState`` only declares, for the
type checker, what ``_DocResolver`` in :mod:`amity.nlp.actors` sets up in its ``__init__`` and the
helpers every pass calls (``emit``, ``first``, ``sector_at``, ``span_text``); the pass mixins
(``actors_match``, ``actors_dates``, ``actors_names``, ``actors_people``, ``actors_sectors``)
derive from it. At run time it adds nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span

from amity.codebook.actors import ActorCodebook, SectorWord
from amity.models import Actor
from amity.nlp.actors_coref import Mention, _Item

if TYPE_CHECKING:
    from amity.nlp.actors import ActorResolver
    from amity.nlp.actors_match import _Match


class DocState:
    """Candidates, consumed tokens, mention history: set by ``_DocResolver.__init__``."""

    r: ActorResolver
    cb: ActorCodebook
    doc: Doc
    text: str
    date: str | None
    when: str | None  # the date roles are resolved at for the current item
    used: list[bool]
    history: list[Mention]
    pairs: list[tuple[Mention, Mention]]
    out: list[Mention]
    ents: tuple[Span, ...]
    idx: list[int]
    length: list[int]
    out_ends: set[int]
    dates: dict[int, str | None]
    place_cache: dict[int, list[tuple[int, str]]]
    quotes: list[tuple[int, int]] | None  # quotation spans (actors_coref), computed on first use
    items: list[_Item]
    at: dict[int, list[_Item]]
    para: list[int]
    sent: list[int]
    org_ents: dict[int, Span]
    geo_ents: list[tuple[int, int]]
    years: dict[int, list[tuple[int, str]]]
    country_counts: Counter[str | None]
    sector_spans: list[_Match]  # set by ``_candidates``

    if TYPE_CHECKING:
        def emit(self, start: int, end: int, actor: Actor, why: str, person: bool = False,
                 gender: str | None = None, tokens: Iterable[str] = (),
                 consume: tuple[int, int] | None = None) -> Mention: ...

        def span_text(self, start: int, end: int) -> str: ...

        def first(self, i: int, kinds: set[str]) -> _Item | None: ...

        def sector_at(self, i: int) -> tuple[_Item, SectorWord] | None: ...
