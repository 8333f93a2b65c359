"""Score coded events against a gold file, by the DESIGN.md §4 rules.

A predicted event matches a gold event of the same article, source country, target
country and CAMEO root (or full code at ``level="code"``); matching is one-to-one, first
on the gold code, then on alternatives the gold coder named as acceptable. Precision,
recall and F1 over all events; date agreement over matched pairs whose gold has a date,
at the gold date's precision. Gold events marked ``OPTIONAL`` in their notes do not count
against recall when missed.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from amity.errors import InputError
from amity.export import record
from amity.models import Event


@dataclass
class Scored:
    doc: str
    source: str | None
    target: str | None
    cameo: str
    date: str | None
    text: str
    raw: dict[str, Any] = field(default_factory=dict)


@dataclass
class EvalResult:
    n_gold: int
    n_pred: int
    tp: int
    optional_missed: int
    date_ok: int
    date_n: int
    level: str
    missed: list[Scored]
    false_alarms: list[Scored]

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        counted = self.n_gold - self.optional_missed
        return self.tp / counted if counted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def date_agreement(self) -> float:
        return self.date_ok / self.date_n if self.date_n else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.n_gold, "pred": self.n_pred, "tp": self.tp, "level": self.level,
            "optional_missed": self.optional_missed, "precision": round(self.precision, 3),
            "recall": round(self.recall, 3), "f1": round(self.f1, 3),
            "date_agreement": round(self.date_agreement, 3), "date_ok": self.date_ok,
            "date_n": self.date_n,
        }


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    """Gold lines ``{"doc", "source", "target", "cameo", "cameo_root", "date", "quote"}``."""
    gold = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read gold file: {exc.strerror}") from exc
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}: not valid JSON: {exc.msg}") from exc
        needed = ("doc",) if item.get("not_event") else ("doc", "source", "target", "cameo")
        missing = [k for k in needed if not item.get(k)]
        if missing:
            raise InputError(f"{path}:{number}: gold event lacks {', '.join(missing)}")
        gold.append(item)
    return gold


def _gold_scored(item: dict[str, Any]) -> Scored:
    return Scored(item["doc"], str(item["source"])[:3].upper(), str(item["target"])[:3].upper(),
                  str(item["cameo"]), item.get("date"), str(item.get("quote", "")), item)


def _pred_scored(ev: Event) -> Scored:
    def country(actor: Any) -> str | None:
        value = actor.country or actor.code
        return str(value)[:3].upper() if value else None

    return Scored(ev.doc_name, country(ev.source), country(ev.target), ev.cameo, ev.date,
                  ev.sentence or ev.trigger, record(ev))


def alternatives(item: dict[str, Any]) -> list[str]:
    """Codes the gold coder named as acceptable, from ``alt_cameo`` or the notes."""
    alts = [str(a) for a in item.get("alt_cameo") or []]
    for clause in re.split(r"[;.]", str(item.get("notes") or "")):
        if re.search(r"acceptable|alternative", clause, re.IGNORECASE):
            alts += re.findall(r"\b\d{3,4}\b", clause)
    root = str(item.get("cameo", ""))[:2]
    return [a for a in dict.fromkeys(alts) if a[:2] != root]


def dates_agree(gold: str | None, pred: str | None) -> bool | None:
    """Does the predicted date agree with the gold one at the gold's precision?"""
    if not gold:
        return None
    if not pred:
        return False
    return pred.startswith(gold) or (len(pred) >= len(gold) and gold.startswith(pred[: len(gold)]))


def is_optional(item: dict[str, Any]) -> bool:
    return str(item.get("notes") or "").strip().upper().startswith("OPTIONAL")


def evaluate(gold: list[dict[str, Any]], events: list[Event], level: str = "root") -> EvalResult:
    width = 4 if level == "code" else 2
    docs = {g["doc"] for g in gold}  # a not-event line (a reviewed-wrong event) only puts its article in play
    gold = [g for g in gold if not g.get("not_event")]
    preds = [_pred_scored(ev) for ev in events if ev.doc_name in docs]
    buckets: dict[tuple[Any, ...], list[Scored]] = defaultdict(list)
    for p in preds:
        buckets[(p.doc, p.source, p.target, p.cameo[:width])].append(p)
    pairs: list[tuple[Scored, Scored]] = []
    unmatched: list[Scored] = []
    for g in map(_gold_scored, gold):  # pass 1: the gold code itself
        own = (g.raw.get("cameo_root") or g.cameo) if level == "root" else g.cameo
        hit = _take(buckets, g, [own], width)
        (unmatched.append(g) if hit is None else pairs.append((g, hit)))
    missed: list[Scored] = []
    for g in unmatched:  # pass 2: alternatives the gold coder named as acceptable
        hit = _take(buckets, g, alternatives(g.raw), width)
        (missed.append(g) if hit is None else pairs.append((g, hit)))
    agreements = [dates_agree(g.date, p.date) for g, p in pairs]
    judged = [a for a in agreements if a is not None]
    optional = [m for m in missed if is_optional(m.raw)]
    false_alarms = [p for ps in buckets.values() for p in ps]
    return EvalResult(len(gold), len(preds), len(pairs), len(optional), sum(judged), len(judged),
                      level, [m for m in missed if not is_optional(m.raw)], false_alarms)


def _take(buckets: dict[tuple[Any, ...], list[Scored]], g: Scored, codes: list[str],
          width: int) -> Scored | None:
    for code in codes:
        found = buckets.get((g.doc, g.source, g.target, str(code)[:width]))
        if found:
            return found.pop(0)
    return None
