"""Where each coded act happened, beyond the place stated in its own clause (CODING.md §4).

Run over one document's event records after they are built (``place_events``):

- a place stated with the act ("met in Tokyo") stays; for a statement only when the place
  belongs to the verb itself ("told reporters in Beijing"), never a topic ("aggression in
  Ukraine": ``states_place``);
- the acts between a visitor and its host during a visit take the visit's place (the host
  city the text names with a preposition, else the host country); the acts of a meeting held
  at a named place take that place;
- a story's dateline ("CARACAS, Venezuela (AP) —", "SINGAPORE:", "Tokyo (VNA) –") places the
  domestic material acts of its country told as news (dated within days of publication);
- another domestic material act (an arrest, a decree, a sentence) takes its country; a
  cross-border attack with no place named takes the country struck (the target's).

Statements with no place stay unplaced: the speaker's capital is never guessed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date as Date
from typing import Any

from spacy.tokens import Doc

from amity.models import Location
from amity.nlp.actors import SPAN_KEY as _ACTORS
from amity.nlp.extensions import doc_text
from amity.nlp.places import (
    SPAN_KEY,
    Place,
    capital_of,
    capital_place,
    gazetteer,
    is_capital_venue,
    name_key,
    resolve_place,
)

# Roots of statements (public statements, appeals, demands, disapproval, rejections, threats):
# one speaker saying one thing to one target on one day is one act however often it is quoted
# (amity.nlp.events.records), and placed only where the text says it was said.
STATEMENT_ROOTS = frozenset({"01", "02", "10", "11", "12", "13"})
# roots whose acts are sayings: placed only by a place the verb itself governs
VERBAL_ROOTS = frozenset({"01", "02", "03", "05", "10", "11", "12", "13", "16"})
# roots of material acts that happen somewhere even when the text names no place
MATERIAL_ROOTS = frozenset({"08", "14", "15", "17", "18", "19", "20"})
# roots that take the country struck (the target's) when no place is named
STRIKE_CODES = ("15", "18", "19", "20")
# roots of what visitor and host do together during a visit
VISIT_ROOTS = frozenset({"01", "02", "03", "04", "05", "06", "07", "08", "10"})
MEETING_ROOTS = frozenset({"03", "04", "05", "06", "07", "08"})
_NOT_AT_A_PLACE = frozenset({"041"})  # a telephone call
_NEWS_DAYS = 3  # a dateline places what happened within this many days of publication
_VISIT_DAYS = 3

_CAPS = r"[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,2}"
_DATELINES = (
    re.compile(rf"(?:^|[\s>])({_CAPS})(?:,\s*[A-Z][\w.]*(?: [A-Z][\w.]*)?)?,?\s*(?:\([^)\n]{{1,30}}\)\s*)?[—–:-]"),
    re.compile(rf"(?:^|[\s>])({_CAPS}),\s+\d{{1,2}} [A-Z][a-z]+ \d{{4}}\s*[—–-]"),
    re.compile(r"(?:^|\s)([A-Z][a-z]+(?: [A-Z][a-z]+)?) \([A-Z][A-Za-z ]{1,20}\)\s*[—–-]"),
    re.compile(rf"\b(?:Reuters|AFP|AP|Xinhua|Bernama|Kyodo),\s+({_CAPS})\b"),
    re.compile(r"^\s*([A-Z][a-z]+(?: [A-Z][a-z]+)?):\s"),
    re.compile(r"(?:^|\n)\s*([A-Z][a-z]+(?: [A-Z][a-z]+)?), [A-Z][a-z]+(?: [A-Z][a-z]+)?,?"
               r"(?: \d{1,2} [A-Z][a-z]+| [A-Z][a-z]+ \d{1,2})?\s*[—–-] "),
)
_DATELINE_CHARS = 1000  # photo captions and a subtitle may come before it


_DATELINE_POPULATION = 100_000  # a smaller town in capitals is more often a heading word ("DATE:")


def _known(name: str) -> Place | None:
    place = resolve_place(name.title() if name.isupper() else name)
    if place is None or not place.country:
        return None
    return place if place.is_country or place.curated or place.population >= _DATELINE_POPULATION else None


def dateline(text: str) -> Location | None:
    """The place of a story's dateline in its first lines, if it has one."""
    head = text[:_DATELINE_CHARS]
    found: list[tuple[int, Place, int, int]] = []
    for pattern in _DATELINES:
        for match in pattern.finditer(head):
            place = _known(match.group(1))
            if place is not None:
                found.append((match.start(1), place, match.start(1), match.end(1)))
                break
    if not found:
        return None
    _, place, start, end = min(found, key=lambda f: f[0])
    return _placed(place.location(text[start:end], start, end), "dateline")


def story_dateline(doc: Doc) -> Location | None:
    """The dateline in the text's first lines, else in the head lines ingest set aside
    (``doc._.head``; such a dateline has no offsets into the text)."""
    found = dateline(doc_text(doc))
    for line in [] if found is not None else list(doc._.head or []):
        found = dateline(str(line))
        if found is not None:
            found.start = found.end = None
            break
    return found


def _placed(location: Location, basis: str) -> Location:
    location.basis = basis
    return location


def states_place(code: str, governor_is_trigger: bool) -> bool:
    """Whether a place in an act's clause says where the act happened: for a statement, only
    a place its verb governs ("said in Beijing"), not one inside its topic."""
    return code[:2] not in VERBAL_ROOTS or governor_is_trigger


_REPORTING = frozenset({"say", "tell", "announce", "add", "state", "declare", "stress", "note", "assure", "inform"})


def reporting_verb(code: str, anchor: Any, speaker: set[int]) -> int | None:
    """Token index of the verb by which a statement's own speaker reports it ("Sofyan told
    the minister in Tokyo that Indonesia would accept"): a place that verb governs is where the
    statement was made. Not when someone else reports it ("officials said in Washington that
    Russia threatened Kyiv": the threat was not made in Washington)."""
    if code[:2] not in VERBAL_ROOTS or anchor.dep_ != "ccomp" or anchor.head.lemma_ not in _REPORTING:
        return None
    subjects = [c for c in anchor.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    said_by_source = subjects and all(any(t.i in speaker for t in c.subtree) for c in subjects)
    return anchor.head.i if said_by_source else None


def _day(value: Any) -> Date | None:
    text = str(value or "")
    try:
        return Date.fromisoformat(text[:10]) if len(text) >= 10 else None
    except ValueError:
        return None


def _near(a: Any, b: Any, days: int) -> bool:
    first, second = _day(a), _day(b)
    if first is None or second is None:  # a month at most: the same month, stated alike
        return bool(a) and str(a) == str(b) and len(str(a)) >= 7
    return abs((first - second).days) <= days


def _country_location(code: str | None) -> Location | None:
    if not code:
        return None
    for place in gazetteer().countries.get(code, ()):
        return _placed(place.location(), "country")
    return None


def _stated(doc: Doc) -> list[Location]:
    """The places the text names with a preposition ("in Sanya") in a sentence that also
    names an actor of another country, in text order: where two countries' people met,
    not a city named for a domestic matter ("a state of emergency in Bangkok")."""
    foreign: dict[int, set[str]] = {}
    for mention in doc.spans.get(_ACTORS, ()):
        country = (mention._.actor or {}).get("country")
        if country:
            foreign.setdefault(mention.sent.start, set()).add(country)
    out = []
    for span in doc.spans.get(SPAN_KEY, ()):
        value = span._.place
        if value and value.get("country") and foreign.get(span.sent.start, set()) - {value["country"]}:
            out.append(Location.from_dict(value))
    return out


def _host_place(host: str, event: dict[str, Any], stated: list[Location]) -> Location | None:
    own = event.get("location")
    if own and own.get("country") == host:
        return Location.from_dict(own)
    cities = [p for p in stated if p.country == host and p.precision == "city"]
    if cities:
        return _placed(Location.from_dict(cities[0].to_dict()), "scene")
    location = _country_location(host)
    return _placed(location, "scene") if location else None


def _countries(event: dict[str, Any]) -> tuple[str | None, str | None]:
    return event["source"].get("country"), event["target"].get("country")


def _scenes(events: list[dict[str, Any]], stated: list[Location]) -> list[tuple[frozenset[str], Any, Location, frozenset[str]]]:
    """(country pair, date, place, roots it places) of each visit and placed meeting."""
    scenes = []
    for event in events:
        source, target = _countries(event)
        if not source or not target or source == target:
            continue
        pair = frozenset((source, target))
        if event["cameo"] in ("042", "043"):
            host = target if event["cameo"] == "042" else source
            place = _host_place(host, event, stated)
            if place is not None:
                scenes.append((pair, event.get("date"), place, VISIT_ROOTS))
        elif event["cameo_root"] == "04" and event.get("location") and event["location"].get("country"):
            place = _placed(Location.from_dict(event["location"]), "scene")
            scenes.append((pair, event.get("date"), place, MEETING_ROOTS))
    return scenes


def _from_scene(event: dict[str, Any], scenes: list[Any]) -> Location | None:
    if event["cameo"] in _NOT_AT_A_PLACE:
        return None
    pair = frozenset(c for c in _countries(event) if c)
    for scene_pair, when, place, roots in scenes:
        if pair == scene_pair and event["cameo_root"] in roots and _near(event.get("date"), when, _VISIT_DAYS):
            return place
    return None


_DECREES = "172"  # a decree, a ban, a dismissal: its country, not where the story was filed


def _capital_seat(actor: dict[str, Any], country: str) -> Location | None:
    """An institution that sits in the capital ("the Supreme Court"): the capital."""
    mention = name_key(str(actor.get("mention") or ""))
    if not any(seat in mention for seat in gazetteer().capital_seats):
        return None
    place = capital_place(country)
    return _placed(place.location(), "seat") if place is not None else None


def _seat(actor: dict[str, Any], country: str) -> Location | None:
    """The city an actor's own words name ("the Novopolotsk City Court", "a Moscow court"),
    else the capital of an institution that sits there ("the Supreme Court")."""
    words = str(actor.get("mention") or "").split()
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            name = " ".join(words[i : i + size]).strip("’'s,.")
            if not name[:1].isupper():
                continue
            place = resolve_place(name, country)
            if place is not None and place.country == country and not place.is_country and place.precision == "city":
                return _placed(place.location(name), "text")
    return _capital_seat(actor, country)


# fire on aircraft is air defence: it happens over the defender's ground, not the country struck
_AIRCRAFT = frozenset({"jet", "jets", "warplane", "warplanes", "aircraft", "drone", "drones", "helicopter",
                       "helicopters", "plane", "planes", "bomber", "bombers", "gunships"})  # not "fighters": militants


def _aircraft(actor: dict[str, Any]) -> bool:
    return bool(_AIRCRAFT & set(str(actor.get("mention") or "").lower().split()))


Local = list[tuple[int, int, Location]]  # (sentence start, end, a place in its country the sentence names)


def _local_places(doc: Doc) -> Local:
    """The places below a country the text names, each with its sentence's offsets."""
    out = []
    for span in doc.spans.get(SPAN_KEY, ()):
        value = span._.place
        if value and value.get("country") and value.get("precision") in ("city", "admin1"):
            out.append((span.sent.start_char, span.sent.end_char, Location.from_dict(value)))
    return out


def _sentence_place(event: dict[str, Any], country: str, local: Local) -> Location | None:
    """A domestic act told in a sentence that names a place of its country for another act
    ("declared an emergency in Bangkok, prompting police to disperse protesters"): there."""
    start = int((event.get("span") or (0, 0))[0])
    found = [p for first, last, p in local if first <= start < last and p.country == country]
    return _placed(replace(found[0]), "scene") if len(found) == 1 else None


def _fallback(event: dict[str, Any], line: Location | None, published: str | None,
              local: Local | None = None) -> Location | None:
    """A material act with no place stated: the dateline's, its country's, or the country struck."""
    root = event["cameo_root"]
    if root not in MATERIAL_ROOTS:
        return None
    source, target = _countries(event)
    if source and source == target:
        seat = _seat(event["source"], source) or _sentence_place(event, source, local or [])
        if seat is not None:
            return seat
        if (line is not None and line.country == source and not event["cameo"].startswith(_DECREES)
                and _near(event.get("date"), published, _NEWS_DAYS)):
            return line
        return _country_location(source)
    if event["cameo"].startswith(STRIKE_CODES) and target:
        if source and _aircraft(event["target"]):
            return _country_location(source)
        if line is not None and line.country == target and _near(event.get("date"), published, _NEWS_DAYS):
            return line
        return _country_location(target)
    return None


_CONFLICT = frozenset({"14", "15", "17", "18", "19", "20"})
_LEAD_WORDS = 20  # a dateline set aside by ingest opened the first paragraph this long (not a subtitle)


def _lead(doc: Doc, line: Location | None) -> tuple[int, int] | None:
    """Character offsets of the sentence a dateline opens (the story's lead)."""
    if line is None:
        return None
    if line.start is None:
        text = doc_text(doc)
        for sent in doc.sents:
            starts_paragraph = sent.start_char == 0 or text[:sent.start_char].endswith("\n")
            if starts_paragraph and len(text[sent.start_char:].split("\n", 1)[0].split()) >= _LEAD_WORDS:
                return sent.start_char, sent.end_char
        return None
    span = doc.char_span(line.start, line.end or line.start + 1, alignment_mode="expand")
    return (span.sent.start_char, span.sent.end_char) if span is not None else None


def _in_lead(event: dict[str, Any], line: Location | None, lead: tuple[int, int] | None,
             published: str | None) -> Location | None:
    """An act the dateline's own sentence tells as news ("BRUSSELS – European governments
    on Sunday committed ..."): seen where the story was filed (CODING.md §4). Not a statement,
    accusation or appeal (placed only where the text says), nor a decree (its country's), nor
    an act of force or coercion (``_fallback`` places those)."""
    if line is None or lead is None or event["cameo"] in _NOT_AT_A_PLACE or not published:
        return None
    root = event["cameo_root"]
    if root in STATEMENT_ROOTS or root in _CONFLICT or event["cameo"].startswith(_DECREES):
        return None  # conflict: the country struck, or the dateline of a domestic act (``_fallback``)
    if root == "16" and line.country not in _countries(event) and event["source"].get("sector") != "IGO":
        return None  # "MOSCOW – The US imposed sanctions on Russia": not where they were decided
    start = int((event.get("span") or (0, 0))[0])
    if not lead[0] <= start < lead[1] or not _near(event.get("date"), published, _NEWS_DAYS):
        return None
    return line


_VISIT_WORDS = frozenset({"visit", "visits", "visiting", "visited", "trip", "tour", "arrived"})
_VISIT_LINKS = frozenset({"to", "in", "the"})


def _visit_hosts(doc: Doc, stated: list[Location]) -> list[Location]:
    """The hosts of the visits the text tells ("a visit to Vietnam", "visiting Japan"), each
    at the host city the text names with a preposition, else the host country."""
    starts = {ent.start: ent for ent in doc.ents if ent.label_ == "GPE"}
    hosts: list[Location] = []
    for token in doc:
        if token.lower_ not in _VISIT_WORDS:
            continue
        i = token.i + 1
        while i < len(doc) and doc[i].lower_ in _VISIT_LINKS and i - token.i <= 2:
            i += 1
        ent = starts.get(i)
        place = resolve_place(ent.text) if ent is not None else None
        if place is None and i + 1 < len(doc) and doc[i + 1].lower_ == "capital":  # "the Angolan capital"
            place, ent = capital_of(doc, i, i + 1), doc[i : i + 2]
        if ent is None or place is None or not place.country:
            continue
        location = _host_place(place.country, {}, stated) if place.is_country else place.location(ent.text)
        if location is not None and all(h.country != location.country for h in hosts):
            hosts.append(_placed(location, "scene"))
    return hosts


def _from_visit(event: dict[str, Any], hosts: list[Location], published: str | None) -> Location | None:
    """An act between a visit's host and another country, told as news: at the host."""
    if event["cameo"] in _NOT_AT_A_PLACE or event["cameo_root"] not in VISIT_ROOTS:
        return None
    source, target = _countries(event)
    if not source or not target or source == target or not published or not event.get("date"):
        return None  # an undated story's acts are not told as news
    if not _near(event.get("date"), published, _VISIT_DAYS):
        return None
    return next((h for h in hosts if h.country in (source, target)), None)


_NOT_GATHERINGS = frozenset({"election", "vote"})


def _gatherings(doc: Doc, nouns: frozenset[str],
                events: list[dict[str, Any]]) -> list[tuple[int, int, frozenset[str], Location, frozenset[Any]]]:
    """(sentence start, end, countries of its actors, place) of each gathering the text places
    ("the leaders' meeting in Abuja", "after talks in Sanya", "at the summit in Hanoi")."""
    actors = list(doc.spans.get("amity_actors", ()))
    out = []
    for span in doc.spans.get(SPAN_KEY, ()):
        value, governor = span._.place, span.root.head.head
        if not (value and value.get("country")) or governor.lower_ not in nouns - _NOT_GATHERINGS:
            continue
        sent = span.sent
        countries = frozenset(str((a._.actor or {}).get("country")) for a in actors
                              if sent.start <= a.start < sent.end and (a._.actor or {}).get("country"))
        dates = frozenset(e.get("date") for e in events
                          if e.get("date") and sent.start_char <= int(e["span"][0]) < sent.end_char)
        out.append((sent.start_char, sent.end_char, countries, _placed(Location.from_dict(value), "scene"), dates))
    return out


def _at_gathering(event: dict[str, Any], gatherings: list[Any]) -> Location | None:
    """An act told in the sentence of a placed gathering, or one of a gathering's parties
    (cooperating, consulting) on a date an act of its sentence has: at the gathering."""
    if event["cameo"] in _NOT_AT_A_PLACE:
        return None
    start = int((event.get("span") or (0, 0))[0])
    pair = frozenset(c for c in _countries(event) if c)
    for first, last, countries, place, dates in gatherings:
        if len(pair) < 2 and place.country not in pair:
            continue  # a country's own act told beside a gathering abroad
        if first <= start < last or (len(pair) == 2 and pair <= countries and event["cameo_root"] in MEETING_ROOTS
                                     and event.get("date") in dates):
            return place
    return None


def _sessions(events: list[dict[str, Any]]) -> dict[tuple[str, str], Location]:
    """(organisation code, day) -> place of each act an international organisation (sector
    ``IGO``) is told to take at a named place ("the ECOWAS summit in Abuja on Sunday")."""
    out: dict[tuple[str, str], Location] = {}
    for event in events:
        source, where, day = event["source"], event.get("location") or {}, str(event.get("date") or "")
        if (source.get("code") and source.get("sector") == "IGO" and len(day) == 10 and where.get("country")
                and where.get("basis") in ("text", "scene")):
            out.setdefault((str(source["code"]), day), _placed(Location.from_dict(where), "scene"))
    return out


def _in_session(event: dict[str, Any], sessions: dict[tuple[str, str], Location]) -> Location | None:
    """An organisation's act on the day it met at a named place: taken there (its decisions
    and statements come out of the session), unless the text places it elsewhere."""
    source = event["source"]
    if source.get("sector") != "IGO" or event["cameo"] in _NOT_AT_A_PLACE:
        return None
    return sessions.get((str(source.get("code")), str(event.get("date") or "")))


def _venue_country(event: dict[str, Any], hosts: list[Location]) -> str | None:
    """Whose government's building a placed act is at: a domestic act's country, else the
    host of a visit between the act's parties."""
    source, target = _countries(event)
    if source and source == target:
        return source
    return next((h.country for h in hosts if h.country in (source, target)), None)


def _in_capital(event: dict[str, Any], hosts: list[Location]) -> None:
    """An act at a government building named without its city ("met at Government House"):
    in the capital of that government's country; whose it is unknown, the building alone is no
    place (the act is placed as if the text named none)."""
    where = event["location"]
    if where.get("country") or not is_capital_venue(where.get("name")):
        return
    place = capital_place(_venue_country(event, hosts))
    if place is None:
        event["location"] = None
        return
    event["location"] = {**where, **place.location().to_dict(), "text": where.get("text"),
                         "start": where.get("start"), "end": where.get("end"), "basis": where.get("basis", "text")}


def _complete(event: dict[str, Any], line: Location | None, published: str | None) -> None:
    """A place the gazetteer lacks ("Kdey Takoy village") takes the country the act's
    story gives it (a domestic act's country, the country struck)."""
    if event["location"].get("country") or event["location"].get("precision") == "sea":
        return
    fallback = _fallback(event, line, published)
    if fallback is not None:
        event["location"] = {**event["location"], "country": fallback.country}


def place_events(doc: Doc, events: list[dict[str, Any]], published: str | None,
                 gathering_nouns: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """``events`` with ``location`` filled where the act's place follows from the story."""
    stated = _stated(doc)
    scenes = _scenes(events, stated)
    gatherings = _gatherings(doc, gathering_nouns, events)
    line = story_dateline(doc)
    hosts = _visit_hosts(doc, stated)
    local = _local_places(doc)
    lead = _lead(doc, line)
    for event in events:
        if event.get("location"):
            _in_capital(event, hosts)
        if event.get("location"):
            _complete(event, line, published)
            continue
        location = (_from_visit(event, hosts, published) or _from_scene(event, scenes)
                    or _at_gathering(event, gatherings) or _in_lead(event, line, lead, published)
                    or _fallback(event, line, published, local))
        if location is not None:
            event["location"] = location.to_dict()
    sessions = _sessions(events)
    for event in events:
        session = None if event.get("location") else _in_session(event, sessions)
        if session is not None:
            event["location"] = session.to_dict()
    return events
