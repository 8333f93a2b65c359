"""How much of the parse could amity skip on real news, and would the coding stay the same?

Over the dev excerpts of ``../shared`` (skipped without it), with amity's whole pipeline:

1. the seconds each pipeline component takes (``nlp.pipeline``, one component at a time
   over the whole set, ``batch_size=16``; best of ``--rounds``), so the parser's share of
   the work is known;
2. the sentences with fewer than two actor mentions (after amity's actor resolver): their
   share of the sentences and tokens (the most a parser skip could save) and the events
   amity codes from them today (what a skip would lose: pronouns, implicit recipients,
   quotes carried across sentences);
3. whether running ``ner`` before the ``parser`` (so that the parse could be gated on the
   entities) gives the same entities: spaCy's NER never lets an entity cross a sentence
   start, so the parser's sentence boundaries could change what it finds.

    python benchmarks/parse_skip.py --rounds 3
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict

from common import machine_line
from realtext import shared_dir

from amity.models import Article
from amity.nlp.pipeline import load_nlp, make_docs
from amity.settings import Settings


def component_seconds(nlp: object, articles: list[Article], rounds: int) -> dict[str, float]:
    best: dict[str, float] = defaultdict(lambda: float("inf"))
    for _ in range(rounds):
        docs = list(make_docs(nlp, articles))  # type: ignore[arg-type]
        for name, proc in nlp.pipeline:  # type: ignore[attr-defined]
            started = time.perf_counter()
            docs = list(proc.pipe(docs, batch_size=16)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            best[name] = min(best[name], time.perf_counter() - started)
    return dict(best)


def sparse_sentences(nlp: object, articles: list[Article]) -> dict[str, int]:
    """Sentences, tokens and events in sentences with fewer than two actor mentions."""
    out = dict.fromkeys(("sentences", "sparse", "tokens", "sparse_tokens", "events", "sparse_events"), 0)
    for doc in nlp.pipe(make_docs(nlp, articles)):  # type: ignore[attr-defined]
        starts = [m.start for m in doc.spans.get("amity_actors", [])]
        sents = list(doc.sents)
        sparse = [sum(s.start <= i < s.end for i in starts) < 2 for s in sents]
        out["sentences"] += len(sents)
        out["sparse"] += sum(sparse)
        out["tokens"] += len(doc)
        out["sparse_tokens"] += sum(len(s) for s, thin in zip(sents, sparse, strict=True) if thin)
        events = doc._.events or []
        out["events"] += len(events)
        out["sparse_events"] += sum(1 for e in events if sparse[e["sentence_index"]])
    return out


def ner_first_changes(articles: list[Article]) -> tuple[int, int]:
    """Entities found with the parser first (amity's order) and those that differ with ner first."""
    settings = Settings(components=())
    usual = load_nlp(settings)
    moved = load_nlp(settings)
    moved.remove_pipe("ner")
    moved.add_pipe("ner", source=usual, before="parser")
    differ = total = 0
    for a, b in zip(usual.pipe(make_docs(usual, articles)), moved.pipe(make_docs(moved, articles)), strict=True):
        ents_a = {(e.start, e.end, e.label_) for e in a.ents}
        ents_b = {(e.start, e.end, e.label_) for e in b.ents}
        total += len(ents_a)
        differ += len(ents_a ^ ents_b)
    return total, differ


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    shared = shared_dir()
    if shared is None:
        print("# skipped: ../shared is not present (no real-text dev set)", file=sys.stderr)
        return 0
    rows = [json.loads(line) for line in (shared / "dev" / "articles.jsonl").read_text("utf-8").splitlines()]
    articles = [Article(doc_name=r["id"], text=r["text"], published=r["published"]) for r in rows]
    nlp = load_nlp(Settings())
    list(nlp.pipe(make_docs(nlp, articles[:2])))  # warm the lazy parts
    print(f"# parse_skip | {machine_line()} | {len(articles)} dev excerpts\n")
    seconds = component_seconds(nlp, articles, args.rounds)
    total = sum(seconds.values())
    print(f"| component | seconds (best of {args.rounds}) | share |")
    print("|---|---|---|")
    for name, value in seconds.items():
        print(f"| {name} | {value:.2f} | {value / total:.1%} |")
    s = sparse_sentences(nlp, articles)
    print(f"\nsentences with < 2 actor mentions: {s['sparse']} of {s['sentences']} "
          f"({s['sparse'] / s['sentences']:.0%}), {s['sparse_tokens'] / s['tokens']:.0%} of the tokens; "
          f"they hold {s['sparse_events']} of the {s['events']} events amity codes")
    parser_share = seconds.get("parser", 0.0) / total
    print(f"most a parser skip on them could save: {parser_share * s['sparse_tokens'] / s['tokens']:.1%} "
          f"of the pipeline's time")
    found, differ = ner_first_changes(articles)
    print(f"ner before the parser: {differ} of {found} entity spans differ")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
