"""Cost of actor resolution against the spaCy parse of the same ~1,000-word articles.

The articles are built from the bundled sample corpus (texts concatenated and cut into
~1,000-word pieces). We time the bare model's parse of each article, then the
``amity_actors_v1`` component alone on the parsed docs, and print the ratio.

    python benchmarks/bench_actors.py [--articles 20] [--words 1000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from spacy.tokens import Doc

from amity.ingest import iter_articles
from amity.models import Article
from amity.nlp.actors import ActorResolver
from amity.nlp.pipeline import load_model

SAMPLE = Path(__file__).resolve().parent.parent / "amity" / "data" / "sample"


def sample_words() -> list[str]:
    files = [str(p) for p in sorted(SAMPLE.iterdir()) if p.name != "README.md"]
    texts = [a.text for a in iter_articles(files) if isinstance(a, Article)]
    return "\n\n".join(texts).split(" ")


def make_articles(count: int, words: int) -> list[str]:
    """``count`` articles of ``words`` words, each starting at a different place in the corpus."""
    pool = sample_words()
    pool = pool * (words // len(pool) + 2)
    step = max(1, (len(pool) - words) // max(1, count))
    return [" ".join(pool[i * step:i * step + words]) for i in range(count)]


def best_of(repeat: int, run: object) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - started)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--words", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    nlp = load_model()
    resolver = nlp.add_pipe("amity_actors_v1")
    assert isinstance(resolver, ActorResolver)
    texts = make_articles(args.articles, args.words)
    parse_pipes = [name for name in nlp.pipe_names if name != "amity_actors_v1"]
    docs: list[Doc] = []

    def parse() -> None:
        docs.clear()
        with nlp.select_pipes(enable=parse_pipes):
            for text in texts:
                doc = nlp.make_doc(text)
                doc._.published = "2020-01-01"
                docs.append(nlp(doc))

    def resolve() -> None:
        for doc in docs:
            resolver(doc)

    parse()  # warm-up
    resolve()
    parse_s = best_of(args.repeat, parse)
    resolve_s = best_of(args.repeat, resolve)
    mentions = sum(len(doc.spans["amity_actors"]) for doc in docs)
    n = len(texts)
    print(f"machine: {os.cpu_count()} cores | {n} articles of {args.words} words, best of {args.repeat}")
    print(f"spaCy parse: {parse_s / n * 1000:.1f} ms/article")
    print(f"actor resolution: {resolve_s / n * 1000:.1f} ms/article ({mentions / n:.0f} mentions/article)")
    print(f"ratio resolution/parse: {resolve_s / parse_s:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
