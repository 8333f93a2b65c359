"""Score resolved actor mentions against a gold mention file.

A gold line is ``{"doc", "mention", "occurrence", "code", "country", "sector", "name",
"role"}``: the ``occurrence``-th whole-word match of ``mention`` in the article text is
where it sits. A gold mention is *covered* when a predicted mention of the same article
overlaps that place (the one with the largest overlap wins; an unused one is preferred).
Over covered mentions we count agreement on country, sector, full code, name and role.
Predicted lines are ``amity mentions`` records (``doc_name`` or ``doc``, ``start``, ``end``).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

FIELDS = ("country", "sector", "code", "name", "role")


@dataclass
class MentionPair:
    """One gold mention, where it sits in the text, and the predicted mention covering it."""

    gold: dict[str, Any]
    start: int | None
    end: int | None
    predicted: dict[str, Any] | None = None
    wrong: tuple[str, ...] = ()  # fields on which the predicted mention disagrees

    @property
    def country_only(self) -> bool:
        """A country-only code (CAMEO's bare "JPN") where the gold file gives "<country>GOV"."""
        pred = self.predicted
        return (pred is not None and not pred.get("sector") and pred.get("code") == pred.get("country")
                and self.gold.get("sector") == "GOV" and _norm(pred.get("country")) == _norm(self.gold.get("country")))

    def wrong_fields(self, country_only_ok: bool = False) -> tuple[str, ...]:
        if country_only_ok and self.country_only:
            return tuple(f for f in self.wrong if f not in ("sector", "code"))
        return self.wrong


@dataclass
class MentionEvalResult:
    """Coverage of the gold mentions and per-field accuracy over the covered ones."""

    pairs: list[MentionPair] = field(default_factory=list)
    n_predicted: int = 0

    @property
    def n_gold(self) -> int:
        return len(self.pairs)

    @property
    def covered(self) -> list[MentionPair]:
        return [p for p in self.pairs if p.predicted is not None]

    @property
    def misses(self) -> list[MentionPair]:
        """Gold mentions with no overlapping prediction (including ones not found in the text)."""
        return [p for p in self.pairs if p.predicted is None]

    @property
    def not_in_text(self) -> list[MentionPair]:
        """Gold mentions whose occurrence is not in the article text (a gold-file error)."""
        return [p for p in self.pairs if p.start is None]

    @property
    def wrong(self) -> list[MentionPair]:
        return [p for p in self.covered if p.wrong]

    @property
    def coverage(self) -> float:
        return len(self.covered) / self.n_gold if self.n_gold else 0.0

    def correct(self, name: str, country_only_ok: bool = False) -> int:
        return sum(1 for p in self.covered if name not in p.wrong_fields(country_only_ok))

    def accuracy(self, name: str, country_only_ok: bool = False) -> float:
        """Share of covered gold mentions whose predicted ``name`` field agrees.

        With ``country_only_ok``, a country-only code counts as agreeing with a gold
        "<country>GOV" on sector and code (the CAMEO convention for a bare state name).
        """
        covered = len(self.covered)
        return self.correct(name, country_only_ok) / covered if covered else 0.0

    def summary(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gold": self.n_gold, "predicted": self.n_predicted,
                               "covered": len(self.covered), "coverage": round(self.coverage, 4),
                               "not_in_text": len(self.not_in_text)}
        for name in FIELDS:
            out[f"{name}_accuracy"] = round(self.accuracy(name), 4)
        out["country_only_codes"] = sum(1 for p in self.covered if p.country_only)
        for name in ("sector", "code"):
            out[f"{name}_accuracy_country_only_ok"] = round(self.accuracy(name, True), 4)
        return out


def locate(text: str, mention: str, occurrence: int) -> tuple[int, int] | None:
    """Offsets of the ``occurrence``-th (1-based) whole-word match of ``mention`` in ``text``."""
    if not mention or occurrence < 1:
        return None
    pattern = re.compile(r"(?<!\w)" + re.escape(mention) + r"(?!\w)")
    for n, match in enumerate(pattern.finditer(text), start=1):
        if n == occurrence:
            return match.start(), match.end()
    return None


def _norm(value: Any) -> str:
    return " ".join(str(value).split()).casefold() if value is not None else ""


def field_errors(gold: dict[str, Any], predicted: dict[str, Any]) -> tuple[str, ...]:
    """The fields (of ``FIELDS``) on which ``predicted`` disagrees with ``gold``."""
    return tuple(name for name in FIELDS if _norm(gold.get(name)) != _norm(predicted.get(name)))


def _best(candidates: list[dict[str, Any]], start: int, end: int, used: set[int]) -> dict[str, Any] | None:
    best: tuple[tuple[int, int, int], dict[str, Any]] | None = None
    for pred in candidates:
        overlap = min(end, int(pred["end"])) - max(start, int(pred["start"]))
        if overlap <= 0:
            continue
        rank = (id(pred) not in used, overlap, -abs(int(pred["start"]) - start))
        if best is None or rank > best[0]:
            best = (rank, pred)
    return best[1] if best else None


def evaluate_mentions(gold: list[dict[str, Any]], predicted: list[dict[str, Any]],
                      texts: dict[str, str]) -> MentionEvalResult:
    """Match each gold mention to an overlapping predicted one and compare their fields.

    ``texts`` maps a document name to the stored article text the offsets point into.
    """
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in predicted:
        by_doc[str(record.get("doc_name", record.get("doc")))].append(record)
    result = MentionEvalResult(n_predicted=len(predicted))
    used: set[int] = set()
    for item in gold:
        doc_name = str(item.get("doc", item.get("doc_name")))
        place = locate(texts.get(doc_name, ""), str(item.get("mention", "")), int(item.get("occurrence") or 1))
        if place is None:
            result.pairs.append(MentionPair(item, None, None))
            continue
        pred = _best(by_doc.get(doc_name, []), place[0], place[1], used)
        pair = MentionPair(item, place[0], place[1], pred)
        if pred is not None:
            used.add(id(pred))
            pair.wrong = field_errors(item, pred)
        result.pairs.append(pair)
    return result


def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """The JSON objects of a JSON-lines file (blank lines skipped)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


# ----------------------------------------------------------------- actors of matched events
# Non-state codes kept as they are (the gold coding rules, CODING.md §2); any other organisation code
# (IMF, WTO, ECOWAS...) compares as IGO. KSV = XKX, AFR = AFU.
KEPT_CODES = frozenset({"UNO", "EUR", "ASN", "NAT", "AFU", "WST", "SUN", "YUG", "DDR", "VDR", "CSK", "NGO", "IGO",
                        "XKX"})
CODE_ALIASES = {"KSV": "XKX", "AFR": "AFU"}
GOLD_SECTORS = frozenset({"GOV", "MIL", "OPP", "PTY", "JUD", "LEG", "CVL", "MED", "BUS", "REB", "IGO"})
ORG_SECTORS = frozenset({"", "IGO", "GOV", "NGO"})  # an organisation's bare code = its IGO/GOV code


def canonical_country(code: str | None, states: frozenset[str]) -> str:
    """A code's country part as the event scorer compares it."""
    head = CODE_ALIASES.get(str(code or "")[:3].upper(), str(code or "")[:3].upper())
    return head if head in states or head in KEPT_CODES else ("IGO" if head else "")


def codes_agree(gold: tuple[str, str], pred: tuple[str, str]) -> bool:
    """Full-code agreement of (country, sector) pairs by CODING.md §2: a bare country and its
    GOV are one; an organisation's bare code, IGO and GOV are one; a gold sector outside the
    coding list (a subtype such as HRI) is met by the right country."""
    (g_country, g_sector), (p_country, p_sector) = gold, pred
    if g_country != p_country:
        return False
    if g_sector == p_sector or (g_sector and g_sector not in GOLD_SECTORS):
        return True
    if {g_sector, p_sector} <= {"", "GOV"}:
        return True
    return g_country in KEPT_CODES and {g_sector, p_sector} <= ORG_SECTORS


@dataclass
class ActorPair:
    """One gold event, the predicted event matched to it, and agreement per side."""

    gold: dict[str, Any]
    predicted: dict[str, Any] | None = None
    country_ok: tuple[bool, bool] = (False, False)  # source, target
    code_ok: tuple[bool, bool] = (False, False)


@dataclass
class EventActorResult:
    """Country and full-code agreement of the actors of gold events matched by clause."""

    @property
    def same_root(self) -> int:
        return sum(1 for p in self.matched if str(p.predicted and p.predicted.get("cameo"))[:2]
                   == str(p.gold.get("cameo_root") or p.gold.get("cameo"))[:2])

    pairs: list[ActorPair] = field(default_factory=list)
    not_in_text: int = 0

    @property
    def matched(self) -> list[ActorPair]:
        return [p for p in self.pairs if p.predicted is not None]

    def agreement(self, what: str, side: int | None = None) -> float:
        """Share of matched actors whose ``what`` ("country" or "code") agrees; ``side`` 0 is the
        source, 1 the target, ``None`` both."""
        sides = [ok for p in self.matched for n, ok in enumerate(getattr(p, f"{what}_ok")) if side in (None, n)]
        return sum(sides) / len(sides) if sides else 0.0

    def summary(self) -> dict[str, Any]:
        return {"gold_events": len(self.pairs), "matched": len(self.matched), "same_root": self.same_root,
                "quote_not_found": self.not_in_text,
                "country_agreement": round(self.agreement("country"), 4),
                "code_agreement": round(self.agreement("code"), 4),
                **{f"{name}_{what}_agreement": round(self.agreement(what, n), 4)
                   for n, name in enumerate(("source", "target")) for what in ("country", "code")}}


def _side(actor: Any, states: frozenset[str]) -> tuple[str, str]:
    """(canonical country, sector) of a gold code string or a predicted actor dict."""
    if isinstance(actor, dict):
        code = str(actor.get("code") or "")
        country = canonical_country(actor.get("country") or code, states)
        return country, str(actor.get("sector") or (code[3:6] if len(code) >= 6 else ""))
    code = str(actor or "")
    return canonical_country(code, states), code[3:6]


def _quote_place(text: str, quote: str) -> tuple[int, int] | None:
    """Where a gold quote sits in the stored (normalised) text; its first 40 characters suffice."""
    from amity.ingest.normalize import clean_line

    wanted = clean_line(quote)
    for probe in (wanted, wanted[:40]):
        at = text.find(probe) if probe else -1
        if at >= 0:
            return at, at + len(wanted)
    return None


def _rank(gold: dict[str, Any], pred: dict[str, Any], place: tuple[int, int],
          states: frozenset[str], any_root: bool) -> tuple[int, int, int, int, int] | None:
    lo, hi = pred["span"]
    overlap = min(place[1], int(hi)) - max(place[0], int(lo))
    same_root = str(pred.get("cameo", ""))[:2] == str(gold.get("cameo_root") or gold.get("cameo"))[:2]
    if overlap <= 0 or not (same_root or any_root):
        return None
    sides = [(_side(gold[f"{s}_actor"], states), _side(pred[s], states)) for s in ("source", "target")]
    agree = sum(g[0] == p[0] for g, p in sides)
    codes = sum(codes_agree(g, p) for g, p in sides)  # "troops and police surrounded": each to its own
    return int(same_root), agree, codes, overlap, -abs(int(lo) - place[0])


def evaluate_event_actors(gold: list[dict[str, Any]], predicted: list[dict[str, Any]], texts: dict[str, str],
                          states: frozenset[str], any_root: bool = False) -> EventActorResult:
    """Match each gold event to a predicted event of its document whose clause ``span`` overlaps
    the gold quote and whose CAMEO root is the same (with ``any_root``, any root, the same
    preferred), one to one over the whole document: the best-ranked pairs first (the most
    agreeing actors: countries, then full codes), so that the order of the gold lines of one
    clause does not decide; then compare ``source_actor`` and ``target_actor`` with the
    predicted actors. ``states`` are the ISO3 codes compared as countries."""
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in predicted:
        by_doc[str(record.get("doc_name", record.get("doc")))].append(record)
    result = EventActorResult()
    ranked: list[tuple[tuple[int, int, int, int, int], int, int]] = []
    for g, item in enumerate(gold):
        place = _quote_place(texts.get(str(item["doc"]), ""), str(item.get("quote", "")))
        result.not_in_text += place is None
        if place is None:
            continue
        for n, pred in enumerate(by_doc.get(str(item["doc"]), [])):
            if (rank := _rank(item, pred, place, states, any_root)) is not None:
                ranked.append((rank, -g, n))
    chosen: dict[int, dict[str, Any]] = {}
    used: set[int] = set()
    for _rank_of, g, n in sorted(ranked, reverse=True):
        pred = by_doc[str(gold[-g]["doc"])][n]
        if -g not in chosen and id(pred) not in used:
            chosen[-g] = pred
            used.add(id(pred))
    result.pairs = [_pair(item, chosen.get(g), states) for g, item in enumerate(gold)]
    return result


def _pair(gold: dict[str, Any], pred: dict[str, Any] | None, states: frozenset[str]) -> ActorPair:
    if pred is None:
        return ActorPair(gold)
    sides = [(_side(gold[f"{s}_actor"], states), _side(pred[s], states)) for s in ("source", "target")]
    return ActorPair(gold, pred, (sides[0][0][0] == sides[0][1][0], sides[1][0][0] == sides[1][1][0]),
                     (codes_agree(*sides[0]), codes_agree(*sides[1])))
