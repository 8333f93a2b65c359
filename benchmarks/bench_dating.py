"""Dating undated articles from their own text (issue 17).

    python benchmarks/bench_dating.py [--shared PATH]

- dev without dates: ``<shared>/dev/articles.jsonl`` with every ``published`` and every
  other metadata field that carries a date (the URL) removed, the text kept as it is, is
  ingested into a temporary store; printed: how many excerpts got a narrowed estimate, the
  share of excerpts whose estimated range contains the true publication date (from
  ``<shared>/dev/manifest.jsonl``), the share whose best guess is within 31 days, the median
  range width; then events by date basis and ``score_events.py`` date agreement, against
  the same excerpts ingested with their dates;
- seeds as files: ``<shared>/seeds/`` ingested as the plain files they are; printed: events
  dated, by basis (their gold is hidden: counts only).

Only this script reads ../shared; the package never does.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]  # this checkout's amity, not whichever one is installed

from bench_accuracy import ingest_set, load_scorer, read_jsonl, score  # noqa: E402

DATE_KEYS = ("published", "url", "date", "dateline", "published_at", "updated")
CLOSE_DAYS = 31


def strip_dates(source: Path, target: Path) -> int:
    """``source`` JSONL without the metadata fields that carry a date; returns the lines."""
    rows = read_jsonl(source)
    with target.open("w", encoding="utf-8") as fh:
        for row in rows:
            kept = {k: v for k, v in row.items() if k not in DATE_KEYS and "date" not in k.lower()}
            fh.write(json.dumps(kept, ensure_ascii=False) + "\n")
    return len(rows)


def stored_articles(db: Path) -> list[dict[str, Any]]:
    from amity import Amity

    amity = Amity(f"sqlite:///{db}")
    try:
        return [amity.article(a["doc_name"]).to_dict() for a in amity.articles(limit=None)]
    finally:
        amity.close()


def estimate_figures(articles: list[dict[str, Any]], truth: dict[str, str]) -> dict[str, Any]:
    """Coverage, containment, closeness and width of the estimates against the true dates."""
    n = len(articles)
    estimated = [a for a in articles if a["published_basis"] == "estimated"]
    stated = [a for a in articles if a["published_basis"] in ("text", "metadata")]
    contains, close, widths = 0, 0, []
    for a in estimated:
        true = date.fromisoformat(truth[a["doc_name"]])
        lo, hi = (date.fromisoformat(x) for x in a["published_range"])
        contains += lo <= true <= hi
        close += abs((date.fromisoformat(a["published"]) - true).days) <= CLOSE_DAYS
        widths.append((hi - lo).days)
    stated_right = sum(a["published"] == truth[a["doc_name"]] for a in stated)
    return {"excerpts": n, "stated_in_text": len(stated), "stated_right": stated_right,
            "estimated": len(estimated), "undated": n - len(estimated) - len(stated),
            "range_contains": contains, "guess_within_31": close,
            "median_width_days": statistics.median(widths) if widths else None}


def events_line(name: str, pred: Path) -> str:
    events = read_jsonl(pred)
    basis = Counter(str(e.get("date_basis") or "unknown") for e in events)
    dated = sum(1 for e in events if e.get("date"))
    share = f"{dated / len(events):.2f}" if events else "-"
    return f"{name}: {len(events)} events, {dated} dated ({share}); by basis {dict(sorted(basis.items()))}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args(argv)
    dev, shared = args.shared / "dev", args.shared
    truth = {r["doc"]: r["published"] for r in read_jsonl(dev / "manifest.jsonl")}
    scorer = load_scorer(shared / "tools" / "score_events.py")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        undated = work / "dev-undated.jsonl"
        strip_dates(dev / "articles.jsonl", undated)
        pred_undated, _, secs_u = ingest_set("dev-undated", undated, work)
        figures = estimate_figures(stored_articles(work / "dev-undated.db"), truth)
        pred_dated, _, secs_d = ingest_set("dev-dated", dev / "articles.jsonl", work)
        pred_seeds, seeds_n, secs_s = ingest_set("seeds", shared / "seeds", work)
        seed_articles = stored_articles(work / "seeds.db")
        print(report(figures, truth))
        for name, pred in (("dev with dates", pred_dated), ("dev without dates", pred_undated)):
            s = score(scorer, dev / "gold.jsonl", pred).summary
            print(f"{events_line(name, pred)}; F1 {s['f1']:.3f}, date agreement "
                  f"{s['date_agreement']:.3f} ({s['date_ok']}/{s['date_n']})")
        print(events_line("seeds as files", pred_seeds))
        print("seeds: " + ", ".join(f"{a['doc_name']} {a['published_basis']} {a['published'] or '-'}"
                                     f" {a.get('published_range') or ''}" for a in seed_articles))
        print(f"({secs_u:.0f} s + {secs_d:.0f} s + {secs_s:.0f} s ingest + export; {seeds_n} seed articles)")
    return 0


def _share(k: int, n: int) -> str:
    return f"{k / n:.2f}" if n else "-"


def report(f: dict[str, Any], truth: dict[str, str]) -> str:
    n = f["excerpts"]
    width = "-" if f["median_width_days"] is None else f"{f['median_width_days']:.0f} days"
    est = f["estimated"]
    return "\n".join([
        f"dev without dates: {n} excerpts: {f['stated_in_text']} dated by their own text "
        f"({f['stated_right']} right), {est} estimated, {f['undated']} left undated (evidence wider than two years)",
        f"  estimated ranges containing the true date: {f['range_contains']}/{est} of estimates "
        f"({_share(f['range_contains'], est)}), {f['range_contains']}/{n - f['stated_in_text']} of the excerpts "
        f"whose text states no date; with those that state it right: "
        f"{_share(f['range_contains'] + f['stated_right'], n)} of all excerpts",
        f"  best guesses within {CLOSE_DAYS} days: {f['guess_within_31']}/{est} of estimates "
        f"({_share(f['guess_within_31'], est)}); with the stated dates: "
        f"{_share(f['guess_within_31'] + f['stated_right'], n)} of all excerpts",
        f"  median range width: {width}",
    ])


if __name__ == "__main__":
    raise SystemExit(main())
