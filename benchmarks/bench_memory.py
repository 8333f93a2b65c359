"""Peak RSS of ``Amity.ingest`` at growing corpus sizes: streaming means a flat curve.

Each size runs in its own subprocess into a fresh SQLite store; the child reports its own
``ru_maxrss`` (and its children's, for ``n_process`` > 1). ``--components none`` (parse
only, ``AMITY_COMPONENTS=none``) keeps large sizes affordable on a small machine; the
output says which mode ran. Articles are short (3-5 sentences by default, ``--sentences 2-2`` for about 40 words)
to bound the parse time. ``--corpus dev`` measures real text instead: the dev excerpts of
``../shared`` repeated, every copy unique (``realtext.py``), with amity's defaults (one
worker per core; the children's figure is the largest worker).

    python benchmarks/bench_memory.py --sizes 1000,10000,100000 --components none
    python benchmarks/bench_memory.py --corpus dev --sizes 100,300,1000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import available_components, corpus, machine_line
from realtext import real_corpus, shared_dir

SHORT = (3, 5)


def child(folder: str, db: str) -> int:
    from amity.core import Amity

    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    amity = Amity(f"sqlite:///{db}")
    started = time.perf_counter()
    report = amity.ingest([folder])
    out = {
        "articles": report.added, "events": report.events, "seconds": time.perf_counter() - started,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "children_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }
    print(json.dumps(out))
    return 0


def run_size(size: int, workdir: Path, components: str,
             sentences: tuple[int, int] = SHORT, real: Path | None = None) -> dict[str, float]:
    folder = real_corpus("dev", workdir, size, real) if real else corpus(workdir, size, seed=3, sentences=sentences)
    env = {**os.environ, "AMITY_COMPONENTS": components}
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(folder), str(workdir / f"memory-{size}.db")],
        env=env, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--quick", action="store_true", help="sizes 300,1000,3000")
    parser.add_argument("--components", default=None,
                        help="AMITY_COMPONENTS for the runs (default: every available one; "
                             "'none' = parse only)")
    parser.add_argument("--sentences", default=f"{SHORT[0]}-{SHORT[1]}",
                        help="min-max sentences per article (2-2 is about 40 words)")
    parser.add_argument("--corpus", choices=("generated", "dev"), default="generated",
                        help="dev: real news excerpts from ../shared, repeated unique (skipped without it)")
    parser.add_argument("--child", nargs=2, metavar=("CORPUS", "DB"), help=argparse.SUPPRESS)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "amity-bench")
    args = parser.parse_args(argv)
    if args.child:
        return child(*args.child)
    sizes = [300, 1000, 3000] if args.quick else [int(s) for s in args.sizes.split(",")]
    components = args.components or ",".join(available_components()) or "none"
    lo, hi = (int(x) for x in args.sentences.split("-"))
    args.workdir.mkdir(parents=True, exist_ok=True)
    real = shared_dir() if args.corpus == "dev" else None
    if args.corpus == "dev" and real is None:
        print("# skipped: ../shared is not present, so there is no real-text corpus", file=sys.stderr)
        return 0
    print(f"# bench_memory | {machine_line()} | cores={os.cpu_count()}")
    mode = "parse only (AMITY_COMPONENTS=none)" if components == "none" else f"components={components}"
    what = "real dev excerpts, repeated unique" if real else f"generated articles of {lo}-{hi} sentences"
    print(f"mode: {mode}; {what}; amity's defaults; fresh SQLite store per size")
    for size in sizes:
        r = run_size(size, args.workdir, components, (lo, hi), real)
        print(f"{size:>8} articles: peak RSS {r['rss_mb']:7.0f} MB (children {r['children_rss_mb']:5.0f} MB)"
              f"  {r['seconds']:7.1f} s  {r['articles'] / r['seconds']:6.1f} articles/s  "
              f"{r['events']} events")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
