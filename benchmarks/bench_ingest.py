"""End-to-end ``Amity.ingest`` against ``nlp.pipe`` alone over the same texts, in one run.

Both use the same spaCy model, ``batch_size`` and ``n_process`` (from AMITY_* settings or the
options). The ratio ingest/pipe is the cost of amity on top of the parse (target <= 1.15).
``--profile`` adds a cProfile run of the ingest and prints where amity's time goes.

    python benchmarks/bench_ingest.py --articles 1000
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import tempfile
import time
from pathlib import Path

from common import available_components, corpus, machine_line

from amity.core import Amity
from amity.ingest import iter_articles
from amity.models import Article
from amity.nlp.pipeline import load_model
from amity.settings import Settings


def read_texts(folder: Path) -> list[str]:
    return [item.text for item in iter_articles([str(folder)]) if isinstance(item, Article)]


def time_pipe(settings: Settings, texts: list[str]) -> tuple[float, int]:
    """Seconds and tokens for ``nlp.pipe`` of the bare model over ``texts``."""
    nlp = load_model(settings.model)
    list(nlp.pipe(texts[:20], batch_size=settings.batch_size))  # warm-up
    started = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=settings.batch_size,
                                              n_process=settings.n_process))
    return time.perf_counter() - started, tokens


def time_ingest(settings: Settings, folder: Path, workdir: Path, tag: str,
                profile: cProfile.Profile | None = None) -> tuple[float, int]:
    """Seconds and events for ``Amity.ingest`` of ``folder`` into a fresh SQLite store."""
    db = workdir / f"ingest-{tag}.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    amity = Amity(f"sqlite:///{db}", settings=settings)
    list(amity.nlp.pipe(["Warm-up sentence."]))  # load outside the timing, as for the pipe
    started = time.perf_counter()
    if profile:
        profile.enable()
    report = amity.ingest([str(folder)])
    if profile:
        profile.disable()
    seconds = time.perf_counter() - started
    amity.close()
    return seconds, report.events


def print_profile(profile: cProfile.Profile, top: int) -> None:
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).sort_stats("tottime")
    stats.print_stats(r"amity/(?!.*benchmarks)", top)
    print("\n# where amity's own code spends its time (tottime, amity modules only)")
    print("\n".join(line for line in out.getvalue().splitlines()[-(top + 3):] if line.strip()))
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(r"amity/", top)
    print("\n# cumulative, amity modules")
    print("\n".join(line for line in out.getvalue().splitlines()[-(top + 3):] if line.strip()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="200 articles, one round")
    parser.add_argument("--rounds", type=int, default=1, help="best of N rounds each")
    parser.add_argument("--n-process", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=None)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "amity-bench")
    args = parser.parse_args(argv)
    articles = 200 if args.quick else args.articles
    settings = Settings.from_env().with_(components=available_components(),
                                         n_process=args.n_process, batch_size=args.batch_size)
    args.workdir.mkdir(parents=True, exist_ok=True)
    folder = corpus(args.workdir, articles)
    texts = read_texts(folder)
    print(f"# bench_ingest | {machine_line()}")
    print(f"articles={len(texts)} model={settings.model} batch_size={settings.batch_size} "
          f"n_process={settings.n_process} components={','.join(settings.components) or 'none'}")
    pipe_s, ingest_s, tokens, events = float("inf"), float("inf"), 0, 0
    for rnd in range(args.rounds):
        seconds, tokens = time_pipe(settings, texts)
        pipe_s = min(pipe_s, seconds)
        seconds, events = time_ingest(settings, folder, args.workdir, f"r{rnd}")
        ingest_s = min(ingest_s, seconds)
    print(f"nlp.pipe alone : {pipe_s:8.2f} s  {tokens / pipe_s:9.0f} tokens/s  "
          f"{len(texts) / pipe_s * 3600:9.0f} articles/h")
    print(f"amity ingest   : {ingest_s:8.2f} s  {tokens / ingest_s:9.0f} tokens/s  "
          f"{len(texts) / ingest_s * 3600:9.0f} articles/h  ({events} events)")
    ratio = ingest_s / pipe_s
    print(f"ratio ingest/pipe = {ratio:.3f} (target <= 1.15: {'ok' if ratio <= 1.15 else 'OVER'}) "
          f"| cores={os.cpu_count()}")
    if args.profile:
        profile = cProfile.Profile()
        time_ingest(settings, folder, args.workdir, "profile", profile)
        print_profile(profile, 25)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
