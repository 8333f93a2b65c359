"""Actor-mention coverage and accuracy on the bundled sample corpus.

Ingests the sample articles into a temporary store (or reads an existing one with
``--db``), exports the resolved mentions, and scores them against the gold mention file
(``amity/data/gold/`` or ``amity/data/sample/``) with ``amity.mention_eval``:

    python benchmarks/eval_mentions.py [-v] [--db sqlite:///store.db] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from amity.analysis.summary import iter_mentions
from amity.core import Amity
from amity.mention_eval import FIELDS, MentionEvalResult, MentionPair, evaluate_mentions, read_jsonl

PACKAGE = Path(__file__).resolve().parent.parent / "amity"
SAMPLE = PACKAGE / "data" / "sample"
GOLD_NAME = "gold_mentions.jsonl"


def gold_path() -> Path:
    for folder in (PACKAGE / "data" / "gold", SAMPLE):
        if (folder / GOLD_NAME).is_file():
            return folder / GOLD_NAME
    raise SystemExit(f"no {GOLD_NAME} in amity/data/gold or amity/data/sample")


def article_files() -> list[str]:
    """The sample corpus's article files (not its README or gold files)."""
    return sorted(str(p) for p in SAMPLE.iterdir()
                  if p.suffix in (".txt", ".html", ".htm", ".md", ".jsonl", ".csv")
                  and p.name != "README.md" and not p.name.startswith("gold_"))


def load_run(db: str | None) -> tuple[list[dict[str, object]], dict[str, str]]:
    """(predicted mentions, article texts by name) from ``db``, or from a fresh temp store."""
    with tempfile.TemporaryDirectory() as tmp:
        amity = Amity(db or f"sqlite:///{Path(tmp) / 'sample.db'}")
        try:
            if db is None:
                report = amity.ingest(article_files())
                print(f"ingest: {report.summary()}", file=sys.stderr)
            predicted = list(iter_mentions(amity.store))
            texts = {a.doc_name: a.text for a in amity.store.iter_articles()}
        finally:
            amity.close()
    return predicted, texts


def _show(pair: MentionPair) -> str:
    gold, pred = pair.gold, pair.predicted
    where = f"{gold['doc']}@{pair.start}" if pair.start is not None else f"{gold['doc']} (not in text)"
    line = f"  {where} {gold['mention']!r} #{gold.get('occurrence')}: gold {gold['code']} {gold.get('role') or ''}"
    if pred is not None:
        line += (f" | got {pred['mention']!r} {pred['code']} name={pred.get('name')!r} "
                 f"role={pred.get('role')!r} [wrong: {', '.join(pair.wrong)}]")
    return line


def report(result: MentionEvalResult, verbose: bool) -> None:
    print(f"gold mentions: {result.n_gold} | predicted mentions: {result.n_predicted}")
    print(f"coverage: {len(result.covered)}/{result.n_gold} = {result.coverage:.1%}"
          f" ({len(result.not_in_text)} gold mentions not found in the text)")
    for name in FIELDS:
        print(f"{name:>8} accuracy (over covered): {result.correct(name)}/{len(result.covered)}"
              f" = {result.accuracy(name):.1%}")
    lenient = ", ".join(f"{name} {result.accuracy(name, True):.1%}" for name in ("sector", "code"))
    print(f"country-only codes (bare 'JPN' where the gold says 'JPNGOV'): "
          f"{sum(1 for p in result.covered if p.country_only)}; counting them as right: {lenient}")
    if verbose:
        print(f"\nmisses ({len(result.misses)}):")
        print("\n".join(_show(p) for p in result.misses))
        wrong = [p for p in result.wrong if p.wrong_fields(country_only_ok=True)]
        print(f"\nwrong, not counting country-only codes ({len(wrong)}):")
        print("\n".join(_show(p) for p in wrong))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and wrong codes")
    parser.add_argument("--db", help="score an existing store instead of ingesting into a temp one")
    parser.add_argument("--gold", help="gold mention file (default: the bundled one)")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    gold = read_jsonl(args.gold or gold_path())
    predicted, texts = load_run(args.db)
    result = evaluate_mentions(gold, predicted, texts)
    if args.json:
        print(json.dumps(result.summary(), indent=2))
    else:
        report(result, args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
