"""From a coded predicate to event records: dyads (joint acts both ways), actors at the
event date, confidence, the clause's span, amounts and place, and one record per act."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from amity.codebook.verbs import VerbCodebook
from amity.models import Location
from amity.nlp.events.parts import Attached, DocParts, _in_clause, _within_noun
from amity.nlp.events.roles import ActorIndex, Predicate, Role
from amity.nlp.places import gazetteer, names_region
from amity.nlp.places_events import STATEMENT_ROOTS, reporting_verb, states_place


@dataclass
class Story:
    """What every event record of one document shares."""

    doc_name: str
    published: str | None
    parts: DocParts
    cache: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)  # (actor id, date) -> actor
    mentions: dict[int, dict[str, Any]] = field(default_factory=dict)  # role index -> ``_mention`` (never changed)

    def mention(self, role: Role) -> dict[str, Any]:
        if role.index not in self.mentions:
            self.mentions[role.index] = _mention(self.parts.actors, role)
        return self.mentions[role.index]


Resolve = Callable[[str, str | None], Any]


def _at_date(actor: dict[str, Any], when: dict[str, Any], cache: dict[tuple[str, str], dict[str, Any]],
             resolve: Resolve) -> dict[str, Any]:
    """The actor as of the event date (a person's role changes over time). Only an entry
    with a role on that date changes the mention's coding: otherwise (a country, a party, a
    person out of office then) the sector the text gave ("Israeli warplanes": MIL) holds."""
    actor_id, date = actor.get("actor_id"), when.get("date")
    if not (actor_id and date and when.get("basis") == "text"):
        return actor
    key = (str(actor_id), str(date))
    if key not in cache:
        try:
            found = resolve(str(actor_id), str(date))
            fresh = found.to_dict() if hasattr(found, "to_dict") else dict(found)
        except Exception:  # noqa: BLE001 - an unknown key keeps the mention's coding
            fresh = {}
        if "country" in fresh and not fresh["country"]:
            fresh = {}  # "Cambodia's Supreme Court": a country-less codebook entry; the text gave the country
        cache[key] = {k: v for k, v in fresh.items() if v is not None and k not in ("mention", "start", "end")}
    if not cache[key].get("role"):
        return actor  # no dated role to look up (a country, a party): the text's own coding holds
    return {**actor, **cache[key]}


def _armed(agent: dict[str, Any], code: str, armed_codes: set[str] | frozenset[str]) -> dict[str, Any]:
    """The agent of armed force named as a bare state ("the UK struck", "Russia's invasion")
    is its armed forces: XXXMIL. A capital, a person or an organisation keeps its code."""
    country = str(agent.get("country") or "")
    if (agent.get("sector") or agent.get("role") or len(country) != 3 or agent.get("code") != country
            or not (code in armed_codes or code[:2] in armed_codes)):
        return agent
    return {**agent, "sector": "MIL", "code": country + "MIL"}


def repressed(code: str, verb: str, agent: dict[str, Any], recipient: dict[str, Any], book: VerbCodebook) -> str:
    """'protesters were killed by security forces': a state's own forces (``repression_agents``)
    killing its own people or opposition (``repression_patients``) repress them violently
    (``repression_codes``: 1823 -> 175); other agents and patients keep ``code``."""
    if (code not in book.repression_codes or verb not in book.repression_verbs or not agent.get("country")
            or agent.get("country") != recipient.get("country")):
        return code
    if agent.get("sector") in book.repression_agents and recipient.get("sector") in book.repression_patients:
        return book.repression_codes[code]
    return code


def _confidence(predicate: Predicate, source: Role, target: Role, basis: str) -> float:
    score = 0.5 + (0.15 if predicate.specific else 0.0)
    score += 0.1 if source.direct else -0.05
    score += 0.1 if target.direct else -0.1
    score += 0.05 if basis == "text" else 0.0
    score -= 0.05 if predicate.trigger.pos_ == "NOUN" else 0.0
    return round(min(0.95, max(0.05, score)), 3)


def _dyads(predicate: Predicate, actors: ActorIndex) -> list[tuple[Role, Role]]:
    """One (source, target) pair per dyad; conjoined agents of a symmetric act pair up."""
    pairs = [(s, t) for s in predicate.sources for t in predicate.targets]
    if predicate.symmetric and len(predicate.sources) > 1 and not any(t.direct for t in predicate.targets):
        pairs = [(s, t) for s in predicate.sources for t in predicate.sources]
    elif predicate.symmetric:  # "Kishida met Hun Sen": the meeting is coded both ways
        pairs += [(t, s) for s, t in pairs]
    return [(s, t) for s, t in pairs if s.index != t.index]


def _candidate_dyads(predicate: Predicate, actors: ActorIndex) -> list[tuple[Role, Role, bool]]:
    """The dyads, then (flagged) for a country's own settlement whose named actors all turn
    out one side, its first actor with the country itself ("KHMGOV" -> "KHM")."""
    pairs = [(s, t, False) for s, t in _dyads(predicate, actors)]
    if predicate.domestic and predicate.sources and predicate.targets:
        pairs.append((predicate.sources[0], predicate.targets[0], True))
    return pairs


def _same_side(source: dict[str, Any], target: dict[str, Any]) -> bool:
    """A dyad within one actor: same code, or same country with a sector missing or equal."""
    if source.get("code") == target.get("code"):
        return True
    if source.get("country") != target.get("country") or not source.get("country"):
        return False
    return not source.get("sector") or not target.get("sector") or source.get("sector") == target.get("sector")


def _mention(actors: ActorIndex, role: Role) -> dict[str, Any]:
    span = actors.spans[role.index]
    actor = dict(actors.actors[role.index])
    actor.setdefault("mention", span.text)
    if actor.get("start") is None:
        actor["start"], actor["end"] = span.start_char, span.end_char
    return actor


def _clause_chars(predicate: Predicate) -> tuple[int, int]:
    """Character offsets of the clause (or noun phrase) that states the event."""
    head = predicate.anchor if predicate.trigger.pos_ != "NOUN" else predicate.trigger
    left, right = head.left_edge, head.right_edge
    while right.i > left.i and right.is_punct:
        right = right.nbor(-1)
    return left.idx, right.idx + len(right.text)


def _attached(attached: Attached, predicate: Predicate) -> bool:
    return _within_noun(attached.span, predicate.trigger) or _in_clause(attached.root, predicate)


def _source_side(parts: DocParts, source: Role) -> set[int]:
    """Token indices of the actor mentions on the source's side (its own, its country's)."""
    own = parts.actors.spans[source.index]
    country = (own._.actor or {}).get("country")
    spans = [s for s in parts.actors.spans if s == own or (country and (s._.actor or {}).get("country") == country)]
    return {i for s in spans for i in range(s.start, s.end)}


def _location(parts: DocParts, predicate: Predicate, roles: tuple[Role, Role],
              preps: set[str]) -> Location | None:
    """The place the act happened: a place span in its clause after one of ``preps``
    ("met in Tokyo"), not one naming its actors."""
    taken = {i for r in roles for i in range(parts.actors.spans[r.index].start, parts.actors.spans[r.index].end)}
    reporter = reporting_verb(predicate.code, predicate.anchor, _source_side(parts, roles[0]))
    trigger = predicate.trigger
    effect = (trigger.pos_ == "NOUN" and trigger.dep_ in ("nsubj", "nsubjpass")
              and trigger.head.lemma_ in gazetteer().effect_verbs)  # "the invasion posed risks in X"
    for place in parts.places:
        span, prep = place.span, place.root.head
        if effect and not _within_noun(span, trigger):
            continue
        stated = prep.head.i == reporter or (
            _attached(place, predicate)
            and states_place(predicate.code, prep.head.i in (predicate.trigger.i, predicate.anchor.i)))
        named = taken & set(range(span.start, span.end)) and not names_region(span)  # "withdrew from southern X"
        struck = (place.root.dep_ == "dobj" and prep.i in (predicate.trigger.i, predicate.anchor.i)
                  and states_place(predicate.code, False))  # "shelled the town of X"
        undergone = (place.root.dep_ in ("nsubj", "nsubjpass") and prep.lemma_ in gazetteer().undergo_verbs
                     and trigger.head.i == prep.i and states_place(predicate.code, False))  # "X faced shelling"
        if stated and (prep.lower_ in preps or struck or undergone) and not named:
            return Location.from_dict(place.value)
    return None


def _unique(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One event per dyad, root and date in a clause, and in a sentence the article repeats
    word for word (a paragraph printed twice tells one act once, CODING.md §1); one act (not a
    statement) per source, target, code and day in the article (the lead's act and its retelling); an act whose
    parties were inferred ("after two hours of talks") only if no act of its dyad, root and
    date was told; a definite event noun ("deeply troubled by the arrest of X") only if no
    earlier act of its dyad and root was told (an act told twice is one event, CODING.md §1);
    and one statement per speaker, target, code and date (the lead's "X condemned Y" and the
    quote "X said ..." that follows are one statement)."""
    seen: set[tuple[Any, ...]] = set()
    listed = _list_members(events)
    told = {_dyad(e) for e in events if not e["_inferred"]}
    before: set[tuple[Any, ...]] = set()  # (source, target, root) of the acts told so far
    out = []
    for event in events:
        retold = event.pop("_retold", False) and _dyad(event)[:3] in before  # "the arrest of X" again
        if event.pop("_inferred") and _dyad(event) in told or retold:
            continue
        before.add(_dyad(event)[:3])
        source, target = event["source"], event["target"]
        inside = source["country"] == target["country"]  # "Sihanouk and Hun Sen signed": both sides
        dyad = (source["code"] if inside else source["country"] or source["code"],
                target["code"] if inside else target["country"] or target["code"],
                event["cameo"] if inside else event["cameo_root"], event["date"])  # "declared an emergency, dispersed protesters"
        member = (source["code"], target["code"]) if _act_of(event) in listed else ()  # one event per listed actor
        keys = [(*dyad, event["sentence_index"], *member), (*dyad, " ".join(str(event["sentence"]).split()), *member)]
        keys.extend((*key, *member) for key in _statement(event))
        if event["cameo_root"] not in STATEMENT_ROOTS and event.get("date_precision") == "day":
            keys.append(("act", source["code"], target["code"], event["cameo"], event["date"], *member))
        if not any(key in seen for key in keys):
            seen.update(keys)
            out.append(event)
    return out


def _act_of(event: dict[str, Any]) -> tuple[Any, ...]:
    """One predicate's key: its sentence, clause, trigger, code and date, and its sides' countries."""
    return (event["sentence_index"], tuple(event["span"]), event["trigger"], event["cameo"], event["date"],
            event["source"]["country"], event["target"]["country"])


def _list_members(events: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
    """The predicates that name several actors of one country on a side ("Kenyan unionists and
    opposition parties voiced outrage"): CODING.md gives one event per listed actor."""
    codes: dict[tuple[Any, ...], set[tuple[Any, Any]]] = {}
    for event in events:
        codes.setdefault(_act_of(event), set()).add((event["source"]["code"], event["target"]["code"]))
    return {act for act, pairs in codes.items() if len(pairs) > 1}


def _statement(event: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The key of a statement by a named speaker (none for other acts or unnamed speakers)."""
    source, target = event["source"], event["target"]
    if event["cameo_root"] not in STATEMENT_ROOTS or not source.get("name"):
        return []
    inside = source["country"] == target["country"]  # a domestic target is told apart by its sector
    return [("said", source["name"], source["country"], target["code"] if inside else target["country"],
             event["cameo"], event["date"])]


def _dyad(event: dict[str, Any]) -> tuple[Any, ...]:
    source, target = event["source"], event["target"]
    return source["country"], target["country"], event["cameo_root"], event["date"]
