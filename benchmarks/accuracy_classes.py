"""Per-root counts and error classes of one scored set (used by ``bench_accuracy.py``).

Inputs are what the field's scorer (``../shared/tools/score_events.py``) decides: the matched
``(gold, pred)`` pairs, the *required* gold events it left unmatched (``missed``: optional gold
events that match nothing are already dropped, they cost nothing) and the predictions it left
unmatched (``extra``). Events are the scorer's dicts: ``doc``, ``source``, ``target``,
``cameo`` (``cameo_root``, ``quote``, ``notes``, ``date`` on gold lines).

Each missed gold event gets the first class that applies:

1. ``wrong_root``: an unmatched prediction exists on the same doc and directed dyad, with
   another root;
2. ``both_directions``: its reverse (same doc and root, source and target swapped) is a gold
   event missed too, and neither has a prediction on its dyad (joint subject not seen);
3. ``list_member``: gold events sharing doc, quote, target and root have several sources
   and some of them are matched (one actor of a list dropped);
4. ``other_missed``: anything else (no spare prediction on the directed dyad).

Unmatched predictions are ``extra_event`` when no required gold event has their doc and
directed dyad, else ``extra_on_gold_dyad``; ``wrong_date`` counts matched pairs whose date
disagrees (the scorer's ``date_agrees`` is passed in).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

Event = dict[str, Any]
Pair = tuple[Event, Event]
DateCheck = Callable[[Any, Any], bool | None]
MISSED_CLASSES = ("wrong_root", "both_directions", "list_member", "other_missed")


def gold_root(g: Event) -> str:
    return str(g.get("cameo_root") or g.get("cameo") or "")[:2]


def pred_root(p: Event) -> str:
    return str(p.get("cameo") or "")[:2]


def is_optional(g: Event) -> bool:
    """The scorer's rule: a gold line whose notes start with OPTIONAL."""
    return str(g.get("notes") or "").strip().upper().startswith("OPTIONAL")


def dyad(e: Event) -> tuple[Any, Any, Any]:
    return e.get("doc"), e.get("source"), e.get("target")


def per_root(pairs: list[Pair], missed: list[Event], extra: list[Event]) -> list[dict[str, Any]]:
    """Per CAMEO root: gold (matched + required missed), matched, recall; predicted, precision.

    Gold counts by the gold root, predictions by their own root (a match through an
    alternative code the gold notes allow can cross roots, as in the scorer)."""
    gold = Counter(gold_root(g) for g in [*(g for g, _ in pairs), *missed])
    matched = Counter(gold_root(g) for g, _ in pairs)
    pred = Counter(pred_root(p) for p in [*(p for _, p in pairs), *extra])
    pred_ok = Counter(pred_root(p) for _, p in pairs)
    rows = []
    for root in sorted(set(gold) | set(pred)):
        rows.append({"root": root, "gold": gold[root], "matched": matched[root],
                     "recall": matched[root] / gold[root] if gold[root] else None,
                     "pred": pred[root], "pred_matched": pred_ok[root],
                     "precision": pred_ok[root] / pred[root] if pred[root] else None})
    return rows


def _wrong_root(g: Event, spare: set[tuple[Any, Any, Any, str]]) -> bool:
    root = gold_root(g)
    return any(key[:3] == dyad(g) and key[3] != root for key in spare)


def _list_groups(gold: Iterable[Event], matched_ids: set[int]) -> set[tuple[Any, ...]]:
    """Keys (doc, quote, target, root) of gold lists: several sources, some matched."""
    sources: dict[tuple[Any, ...], set[Any]] = {}
    hit: set[tuple[Any, ...]] = set()
    for g in gold:
        key = (g.get("doc"), g.get("quote") or "", g.get("target"), gold_root(g))
        sources.setdefault(key, set()).add(g.get("source"))
        if id(g) in matched_ids:
            hit.add(key)
    return {key for key, srcs in sources.items() if len(srcs) > 1 and key in hit}


def classify_missed(pairs: list[Pair], missed: list[Event], extra: list[Event]) -> list[str]:
    """The class of each missed gold event, in order (see the module docstring)."""
    spare = {(*dyad(p), pred_root(p)) for p in extra}
    wrong = [_wrong_root(g, spare) for g in missed]
    open_keys = {(*dyad(g), gold_root(g)) for g, w in zip(missed, wrong, strict=True) if not w}
    matched_gold = [g for g, _ in pairs]
    lists = _list_groups([*matched_gold, *missed], {id(g) for g in matched_gold})
    out = []
    for g, w in zip(missed, wrong, strict=True):
        reverse = (g.get("doc"), g.get("target"), g.get("source"), gold_root(g))
        list_key = (g.get("doc"), g.get("quote") or "", g.get("target"), gold_root(g))
        if w:
            out.append("wrong_root")
        elif g.get("source") != g.get("target") and reverse in open_keys:
            out.append("both_directions")
        elif list_key in lists:
            out.append("list_member")
        else:
            out.append("other_missed")
    return out


def error_classes(pairs: list[Pair], missed: list[Event], extra: list[Event],
                  date_agrees: DateCheck) -> dict[str, int]:
    """Counts of every class, plus ``missed``, ``extra`` and ``both_directions_dyads``
    (the unordered doc + root + dyad keys of the ``both_directions`` events)."""
    labels = classify_missed(pairs, missed, extra)
    out = {name: labels.count(name) for name in MISSED_CLASSES}
    out["both_directions_dyads"] = len({
        (g.get("doc"), gold_root(g), frozenset((g.get("source"), g.get("target"))))
        for g, label in zip(missed, labels, strict=True) if label == "both_directions"})
    gold_dyads = {dyad(g) for g in [*(g for g, _ in pairs), *missed] if not is_optional(g)}
    out["extra_event"] = sum(1 for p in extra if dyad(p) not in gold_dyads)
    out["extra_on_gold_dyad"] = len(extra) - out["extra_event"]
    out["wrong_date"] = sum(1 for g, p in pairs if date_agrees(g.get("date"), p.get("date")) is False)
    out["missed"], out["extra"] = len(missed), len(extra)
    return out
