"""Web-page extraction on html-eval, scoring what ingest STORED (issue 16).

    python benchmarks/bench_html.py [--shared PATH] [--reference] [--keep DIR]

The 165 pages of ``<shared>/reference/html-eval/pages`` are ingested into a temporary
SQLite store through the public API (``Amity.ingest``, parse only: no event coding, which
does not change the stored text), written out as ``amity articles -o`` writes them, and
scored by ``<shared>/tools/score_html.py`` (its own functions, loaded from there): snippet
precision/recall/F1 strict and with curly quotes folded (amity stores straight quotes), pages
with no stored text, publication dates right (a page whose text is stored once under another
page's name, the set has one such pair, is scored with that text). ``--reference`` adds trafilatura's own
``bare_extraction(html, with_metadata=True)`` on the same pages, measured in the same run.
The package never reads ../shared; only this script does.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(HERE), str(ROOT)]  # this checkout's amity, not whichever one is installed

from amity import Amity  # noqa: E402
from amity.settings import Settings  # noqa: E402

HEADER = ("| extractor | precision | recall | F1 | F1 with quotes folded | pages with no text "
          "| publication date right | ms a page |\n|---|---|---|---|---|---|---|---|")


def load_scorer(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_html", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def amity_rows(pages: Path, work: Path) -> tuple[dict[str, dict[str, Any]], float, str]:
    """Ingest the pages, export the stored articles; rows by file name, seconds, the report."""
    amity = Amity(f"sqlite:///{work / 'html.db'}", settings=Settings(components=()))
    copies: dict[str, str] = {}  # a page whose text is stored under another page's name

    def progress(kind: str, what: str, _events: int) -> None:
        if kind == "skipped" and ": same content as " in what:
            name, other = what.split(": same content as ", 1)
            copies[name] = other

    started = time.perf_counter()
    report = amity.ingest([str(pages)], progress=progress)
    seconds = time.perf_counter() - started
    out = work / "articles.jsonl"
    amity.export_articles(out)
    amity.close()
    rows = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        rows[record["doc_name"]] = {"text": record["text"], "published": record["published"]}
    rows.update({name: rows[other] for name, other in copies.items() if other in rows})
    return rows, seconds, report.summary()


def reference_rows(pages: Path) -> tuple[dict[str, dict[str, Any]], float]:
    from trafilatura import bare_extraction

    rows, started = {}, time.perf_counter()
    for page in sorted(pages.glob("*.html")):
        doc = bare_extraction(page.read_bytes(), with_metadata=True)
        data = doc.as_dict() if doc is not None and not isinstance(doc, dict) else (doc or {})
        rows[page.name] = {"text": data.get("text") or "", "published": data.get("date")}
    return rows, time.perf_counter() - started


def table_row(name: str, scorer: ModuleType, gold: dict[str, Any], rows: dict[str, Any],
              seconds: float) -> str:
    p, r, f1, _ = scorer.score(gold, rows, scorer.squash)
    _, _, f1_folded, _ = scorer.score(gold, rows, scorer.fold)
    empty = sum(1 for name_ in gold if not (rows.get(name_, {}).get("text") or "").strip())
    dated = [n for n, g in gold.items() if g.get("date")]
    right = sum(1 for n in dated
                if str(rows.get(n, {}).get("published") or "").startswith(gold[n]["date"][:10]))
    ms = 1000 * seconds / len(gold)
    return (f"| {name} | {p:.3f} | {r:.3f} | {f1:.3f} | {f1_folded:.3f} | {empty} | "
            f"{right}/{len(dated)} | {ms:.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--reference", action="store_true", help="Also score trafilatura alone.")
    parser.add_argument("--keep", type=Path, help="Keep the store and articles.jsonl here.")
    args = parser.parse_args()
    html_eval = args.shared / "reference" / "html-eval"
    if not (html_eval / "gold.json").exists():
        raise SystemExit(f"no html-eval set under {args.shared}")
    scorer = load_scorer(args.shared / "tools" / "score_html.py")
    gold = json.loads((html_eval / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        rows, seconds, summary = amity_rows(html_eval / "pages", work)
    print(f"ingest: {summary}")
    print(HEADER)
    print(table_row("amity (stored text, `amity articles`)", scorer, gold, rows, seconds))
    if args.reference:
        ref, ref_seconds = reference_rows(html_eval / "pages")
        print(table_row("trafilatura alone `bare_extraction`", scorer, gold, ref, ref_seconds))


if __name__ == "__main__":
    main()
