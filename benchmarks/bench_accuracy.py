"""Coding accuracy on the real-news dev set, the seeds and the bundled sample (issue 11).

    python benchmarks/bench_accuracy.py [--shared PATH] [--json | --markdown] [--keep DIR]

Each set is ingested into its own temporary SQLite store through the public API and
exported as `amity export --format jsonl` writes it; the gold'd sets are then scored by the
field's scorer, ``<shared>/tools/score_events.py`` (loaded from there, CAMEO root level):

- dev: ``<shared>/dev/articles.jsonl`` against ``<shared>/dev/gold.jsonl``;
- seeds: ``<shared>/seeds/`` (counts only: their gold is hidden, unless a
  ``<shared>/seeds/gold*.jsonl`` is found);
- sample: ``amity/data/sample`` against ``amity/data/gold/gold_events.jsonl``.

Printed: P/R/F1 and date agreement per set, with articles, events and the share of events
dated from the text vs from the publication date; for the dev set, recall and precision per
CAMEO root and the error classes of ``accuracy_classes.py``. Optional gold events (notes
starting OPTIONAL) are treated as the scorer treats them: missing one costs nothing, matching
one counts. The package never reads ../shared; only this script does.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import re
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]  # this checkout's amity, not whichever one is installed

from accuracy_classes import Event, Pair, error_classes, per_root  # noqa: E402

SAMPLE = ROOT / "amity" / "data" / "sample"
SAMPLE_GOLD = ROOT / "amity" / "data" / "gold" / "gold_events.jsonl"
SUMMARY = re.compile(r"precision=([\d.]+) recall=([\d.]+) f1=([\d.]+) "
                     r"date_agreement=([\d.]+) \((\d+)/(\d+)\)")
COUNTS = re.compile(r"gold=(\d+) \(optional unmatched: (\d+)\) pred=(\d+) tp=(\d+)")
MISSED_LABELS = {
    "both_directions": "both directions missing (symmetric gold pair, neither direction matched)",
    "list_member": "list member missing (a list of sources, only some matched)",
    "wrong_root": "wrong root (a spare prediction on the doc and directed dyad, other root)",
    "other_missed": "other missed (no spare prediction on the directed dyad)",
}
EXTRA_LABELS = {
    "extra_event": "extra event (no gold on its doc and directed dyad)",
    "extra_on_gold_dyad": "extra on a gold dyad (other root, or one more than the gold)",
    "wrong_date": "wrong date (matched, date disagrees)",
}


@dataclass
class Scored:
    """The scorer's verdict on one set, and the pairs it matched."""

    summary: dict[str, float | int]
    pairs: list[Pair]
    missed: list[Event]
    extra: list[Event]
    errors_line: str


@dataclass
class SetResult:
    name: str
    articles: int
    events: int
    basis: dict[str, int]
    seconds: float
    gold: str | None = None
    scored: Scored | None = None
    extras: dict[str, Any] = field(default_factory=dict)


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_events", path)
    if spec is None or spec.loader is None:
        raise RuntimeError(f"cannot load the scorer {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _parse_summary(text: str) -> dict[str, float | int]:
    found, counts = SUMMARY.search(text), COUNTS.search(text)
    if not found or not counts:
        raise RuntimeError(f"the scorer's output has no summary line:\n{text}")
    p, r, f1, date, date_ok, date_n = found.groups()
    gold, optional_unmatched, pred, tp = (int(x) for x in counts.groups())
    return {"precision": float(p), "recall": float(r), "f1": float(f1),
            "date_agreement": float(date), "date_ok": int(date_ok), "date_n": int(date_n),
            "gold": gold, "optional_unmatched": optional_unmatched, "pred": pred, "tp": tp}


def score(scorer: ModuleType, gold: Path, pred: Path) -> Scored:
    """Run the scorer's own ``main``, recording the pairs its ``take`` matches and the
    missed and extra events it hands to its ``error_classes``."""
    pairs: list[Pair] = []
    seen: dict[str, list[Event]] = {}
    take, classes = scorer.take, scorer.error_classes

    def recording_take(candidates: list[Event], g: Event) -> Event:
        p = take(candidates, g)
        pairs.append((g, p))
        return p

    def recording_classes(missed: list[Event], extra: list[Event], dyads: Any) -> Any:
        seen.update(missed=list(missed), extra=list(extra))
        return classes(missed, extra, dyads)

    scorer.take, scorer.error_classes = recording_take, recording_classes
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            scorer.main([str(gold), str(pred)])
    finally:
        scorer.take, scorer.error_classes = take, classes
    text = out.getvalue()
    summary = _parse_summary(text)
    if summary["tp"] != len(pairs) or "missed" not in seen:
        raise RuntimeError("score_events.py changed: its matches could not be recorded")
    errors = next((ln for ln in text.splitlines() if ln.startswith("errors:")), "")
    return Scored(summary, pairs, seen["missed"], seen["extra"], errors)


def ingest_set(name: str, source: Path, workdir: Path) -> tuple[Path, int, float]:
    """Ingest ``source`` into a fresh store and export it the way `amity export` does."""
    from amity import Amity
    from amity.export import write_events

    start = time.perf_counter()
    amity = Amity(f"sqlite:///{workdir / (name + '.db')}")
    try:
        report = amity.ingest([str(source)])
        for problem in report.problems:
            print(f"bench_accuracy: {name}: {problem}", file=sys.stderr)
        pred = workdir / f"{name}-events.jsonl"
        write_events(amity.events(sort="doc"), "jsonl", pred)
    finally:
        amity.close()
    return pred, report.stored, time.perf_counter() - start


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def run_set(name: str, source: Path, gold: Path | None, scorer: ModuleType,
            workdir: Path) -> SetResult:
    pred, articles, seconds = ingest_set(name, source, workdir)
    events = read_jsonl(pred)
    basis = Counter(str(e.get("date_basis") or "unknown") for e in events)
    result = SetResult(name, articles, len(events), dict(basis), seconds,
                       gold=str(gold) if gold else None)
    if gold is not None:
        result.scored = score(scorer, gold, pred)
    return result


def seeds_gold(shared: Path) -> Path | None:
    found = sorted((shared / "seeds").glob("gold*.jsonl"))
    return found[0] if found else None


def dev_breakdown(result: SetResult, scorer: ModuleType) -> None:
    scored = result.scored
    assert scored is not None
    result.extras["per_root"] = per_root(scored.pairs, scored.missed, scored.extra)
    result.extras["error_classes"] = error_classes(scored.pairs, scored.missed, scored.extra,
                                                   scorer.date_agrees)


# -- output ----------------------------------------------------------------------------
def _share(n: int, total: int) -> str:
    return f"{n / total:.2f}" if total else "-"


def _ratio(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def sets_table(results: list[SetResult]) -> tuple[list[str], list[list[str]]]:
    head = ["set", "articles", "events", "events/article", "dated from text",
            "dated from publication", "dated on an estimate", "undated", "precision", "recall", "F1", "date agreement"]
    rows = []
    for r in results:
        row = [r.name, str(r.articles), str(r.events), _share(r.events, r.articles),
               _share(r.basis.get("text", 0), r.events),
               _share(r.basis.get("publication", 0), r.events), _share(r.basis.get("estimated", 0), r.events),
               _share(r.events - sum(r.basis.get(k, 0) for k in ("text", "publication", "estimated")), r.events)]
        s = r.scored.summary if r.scored else None
        if s:
            row += [f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}",
                    f"{s['date_agreement']:.3f} ({s['date_ok']}/{s['date_n']})"]
        else:
            row += ["-", "-", "-", "- (no gold)"]
        rows.append(row)
    return head, rows


def roots_table(rows: list[dict[str, Any]], names: dict[str, str]) -> tuple[list[str], list[list[str]]]:
    head = ["root", "name", "gold", "matched", "recall", "predicted", "pred matched", "precision"]
    body = [[r["root"], names.get(r["root"], "?"), str(r["gold"]), str(r["matched"]),
             _ratio(r["recall"]), str(r["pred"]), str(r["pred_matched"]), _ratio(r["precision"])]
            for r in rows]
    total = [sum(r[k] for r in rows) for k in ("gold", "matched", "pred", "pred_matched")]
    body.append(["all", "", str(total[0]), str(total[1]), _ratio(total[1] / total[0] if total[0] else None),
                 str(total[2]), str(total[3]), _ratio(total[3] / total[2] if total[2] else None)])
    return head, body


def classes_table(counts: dict[str, int]) -> tuple[list[str], list[list[str]]]:
    rows = [[label, str(counts[key])] for key, label in MISSED_LABELS.items()]
    rows[0][1] += f" (on {counts['both_directions_dyads']} dyads)"
    rows.append(["all missed required gold events", str(counts["missed"])])
    rows += [[EXTRA_LABELS[key], str(counts[key])] for key in ("extra_event", "extra_on_gold_dyad")]
    rows.append(["all unmatched predictions", str(counts["extra"])])
    rows.append([EXTRA_LABELS["wrong_date"], str(counts["wrong_date"])])
    return ["error class", "events"], rows


def render(head: list[str], rows: list[list[str]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return "\n".join([*lines, *("| " + " | ".join(r) + " |" for r in rows)])
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join(fmt.format(*r).rstrip() for r in [head, *rows])


def report_text(results: list[SetResult], markdown: bool, root_names: dict[str, str]) -> str:
    parts = ["Coding accuracy (../shared/tools/score_events.py, CAMEO root level; "
             "optional gold counts only when matched)", render(*sets_table(results), markdown)]
    for r in results:
        if "per_root" in r.extras:
            parts += [f"\n{r.name}: per CAMEO root (gold = required + matched optional)",
                      render(*roots_table(r.extras["per_root"], root_names), markdown),
                      f"\n{r.name}: error classes (each missed gold event in its first class)",
                      render(*classes_table(r.extras["error_classes"]), markdown)]
            if r.scored and r.scored.errors_line:
                parts.append(f"\nscore_events.py on {r.name}: {r.scored.errors_line}")
    parts.append("\n" + "; ".join(f"{r.name} {r.seconds:.0f} s" for r in results)
                 + " (ingest + export)")
    return "\n".join(parts)


def report_json(results: list[SetResult]) -> str:
    out = []
    for r in results:
        item: dict[str, Any] = {"set": r.name, "articles": r.articles, "events": r.events,
                                "date_basis": r.basis, "seconds": round(r.seconds, 1),
                                "gold": r.gold, "score": r.scored.summary if r.scored else None}
        item.update(r.extras)
        if r.scored and r.scored.errors_line:
            item["scorer_errors"] = r.scored.errors_line
        out.append(item)
    return json.dumps({"sets": out}, indent=2)


# -- main ------------------------------------------------------------------------------
def check_shared(shared: Path) -> str | None:
    needed = [shared / "dev" / "articles.jsonl", shared / "dev" / "gold.jsonl",
              shared / "tools" / "score_events.py", shared / "seeds"]
    missing = [str(p) for p in needed if not p.exists()]
    if not missing:
        return None
    return (f"bench_accuracy: the shared folder {shared} is absent or incomplete "
            f"(missing {', '.join(missing)}); pass --shared PATH")


def run(shared: Path, workdir: Path) -> list[SetResult]:
    scorer = load_scorer(shared / "tools" / "score_events.py")
    plan = [("dev", shared / "dev" / "articles.jsonl", shared / "dev" / "gold.jsonl"),
            ("seeds", shared / "seeds", seeds_gold(shared)),
            ("sample", SAMPLE, SAMPLE_GOLD)]
    results = [run_set(name, src, gold, scorer, workdir) for name, src, gold in plan]
    dev_breakdown(results[0], scorer)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    out = parser.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="machine-readable output")
    out.add_argument("--markdown", action="store_true", help="tables for BENCHMARKS.md")
    parser.add_argument("--keep", type=Path, help="keep the stores and exports in this folder")
    args = parser.parse_args(argv)
    shared = args.shared.resolve()
    problem = check_shared(shared)
    if problem:
        print(problem, file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="amity-accuracy-") as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        results = run(shared, workdir)
    if args.json:
        print(report_json(results))
        return 0
    from amity.codebook.cameo import load_cameo

    names = {root: load_cameo().get(root).name for root in load_cameo().roots()}
    print(report_text(results, args.markdown, names))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
