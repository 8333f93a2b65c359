"""Actor-mention coverage and accuracy on the bundled sample corpus.

Ingests the sample articles into a temporary store (or reads an existing one with
``--db``), exports the resolved mentions, and scores them against the gold mention file
(``amity/data/gold/`` or ``amity/data/sample/``) with ``amity.mention_eval``:

    python benchmarks/eval_mentions.py [-v] [--db sqlite:///store.db] [--json] [--dev ../shared/dev]

With ``--dev DIR`` (a real-news set: ``articles.jsonl`` and ``gold.jsonl`` of coded events)
it also ingests those articles (or reads ``--dev-db``) and scores the actor codes of the
events matched to gold events, printed beside the sample figures: country agreement and
full-code agreement (CODING.md §2: a bare country is its GOV), for both sides and for source
and target apart (targets country >= 0.97, code >= 0.90). The matching cannot be
``score_events.py``'s, which pairs events by their actors' countries (agreement would be 100%
by construction): a gold event is matched one to one to a predicted event of its document
whose clause ``span`` overlaps the gold quote (found in the stored, normalised text) and
whose CAMEO root is the gold root (the second line: any root, the same preferred), the
candidate with the most agreeing actors first (countries, then full codes).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]  # this checkout's amity, not whichever one is installed

from amity.codebook.actors import load_default  # noqa: E402
from amity.core import Amity  # noqa: E402
from amity.export import record  # noqa: E402
from amity.mention_eval import (  # noqa: E402
    FIELDS,
    ActorPair,
    EventActorResult,
    MentionEvalResult,
    MentionPair,
    evaluate_event_actors,
    evaluate_mentions,
    read_jsonl,
)

PACKAGE = ROOT / "amity"
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
            predicted = list(amity.mentions())
            texts = {a.doc_name: a.text for a in amity.store.iter_articles()}
        finally:
            amity.close()
    return predicted, texts


def load_dev(folder: Path, db: str | None) -> tuple[list[dict[str, object]], dict[str, str]]:
    """(exported events, article texts by name) of the dev set, ingested into a temp store or read from ``db``."""
    with tempfile.TemporaryDirectory() as tmp:
        amity = Amity(db or f"sqlite:///{Path(tmp) / 'dev.db'}")
        try:
            if db is None:
                report = amity.ingest([str(folder / "articles.jsonl")])
                print(f"dev ingest: {report.summary()}", file=sys.stderr)
            events = [record(ev) for ev in amity.events()]
            texts = {a.doc_name: a.text for a in amity.store.iter_articles()}
        finally:
            amity.close()
    return events, texts


def score_dev(folder: Path, db: str | None) -> tuple[EventActorResult, EventActorResult]:
    """(events matched by clause and CAMEO root, events matched by clause only)."""
    events, texts = load_dev(folder, db)
    states = frozenset(e.key for e in load_default().entries() if e.kind == "country")
    gold = read_jsonl(folder / "gold.jsonl")
    return (evaluate_event_actors(gold, events, texts, states),
            evaluate_event_actors(gold, events, texts, states, any_root=True))


def _show_event(pair: ActorPair) -> str:
    gold, pred = pair.gold, pair.predicted or {}
    sides = []
    for n, side in enumerate(("source", "target")):
        got = pred.get(side) or {}
        mark = "" if pair.code_ok[n] else " WRONG" if not pair.country_ok[n] else " wrong sector"
        sides.append(f"{gold[f'{side}_actor']} got {got.get('code')} ({got.get('mention')!r}){mark}")
    return f"  {gold['doc']} {gold['cameo']} | " + " | ".join(sides) + f" | {gold['quote'][:70]!r}"


def report_dev(result: EventActorResult, loose: EventActorResult, verbose: bool) -> None:
    print(f"\ndev events: {len(result.pairs)} gold | {len(result.matched)} matched by clause and CAMEO root"
          f" ({result.not_in_text} gold quotes not found in the text)")
    print(f" actor country agreement (over matched): {result.agreement('country'):.1%} (target 97%)")
    print(f"    actor code agreement (over matched): {result.agreement('code'):.1%} (target 90%)")
    for n, side in enumerate(("source", "target")):
        print(f"   {side:>6}: country {result.agreement('country', n):.1%}, code {result.agreement('code', n):.1%}")
    print(f" matched by clause only ({len(loose.matched)}, any root): country {loose.agreement('country'):.1%},"
          f" code {loose.agreement('code'):.1%}")
    if verbose:
        wrong = [p for p in result.matched if not all(p.code_ok)]
        print(f"\nmatched events with a wrong actor code ({len(wrong)}):")
        print("\n".join(_show_event(p) for p in wrong))


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
    parser.add_argument("--dev", type=Path, help="also score event actors on a real-news set (../shared/dev)")
    parser.add_argument("--dev-db", help="score an existing store of the --dev articles instead of ingesting")
    args = parser.parse_args(argv)
    gold = read_jsonl(args.gold or gold_path())
    predicted, texts = load_run(args.db)
    result = evaluate_mentions(gold, predicted, texts)
    dev = score_dev(args.dev, args.dev_db) if args.dev else None
    if args.json:
        extra = {"dev": dev[0].summary(), "dev_any_root": dev[1].summary()} if dev else {}
        print(json.dumps({"sample": result.summary(), **extra}, indent=2))
        return 0
    report(result, args.verbose)
    if dev is not None:
        report_dev(dev[0], dev[1], args.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
