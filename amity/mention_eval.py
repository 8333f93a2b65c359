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
