"""One process, a pool of processes, amity's default and ``--cluster local:N`` over one corpus.

Each run ingests the corpus into a fresh SQLite store (``Amity.ingest`` in this process, the
model loaded inside the timing, as a user waits for it) and prints wall time and articles
per hour; the cluster time includes starting the local cluster and loading the model in
every worker. The coded output must be identical every way: the stored sentences, actor
mentions and events (every column but the ingest timestamps), event ids included.

    python benchmarks/bench_cluster.py --corpus dev --articles 200 --workers 2
    python benchmarks/bench_cluster.py --corpus generated --articles 300
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

from common import available_components, corpus, machine_line
from realtext import real_corpus, shared_dir
from sqlalchemy import select

from amity.core import Amity
from amity.settings import Settings, available_cores
from amity.store.schema import events, mentions, sentences

TIMESTAMPS = {"ingested_at", "coded_at"}


def coded_digest(amity: Amity) -> tuple[str, int]:
    """A digest of every stored sentence, mention and event, and the number of events."""
    digest = hashlib.sha256()
    n_events = 0
    with amity.store.engine.connect() as conn:
        for table in (sentences, mentions, events):
            columns = [c for c in table.c if c.name not in TIMESTAMPS]
            rows = sorted(repr(tuple(row)) for row in conn.execute(select(*columns)))
            digest.update("\n".join(rows).encode())
            n_events = len(rows) if table is events else n_events
    return digest.hexdigest()[:16], n_events


def run(path: Path, db: Path, settings: Settings, cluster: str | None) -> tuple[float, int, str, int]:
    """Seconds, articles stored, the coded output's digest and its events for one ingest."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    amity = Amity(f"sqlite:///{db}", settings=settings)
    report = amity.ingest([str(path)], cluster=cluster)
    seconds = time.perf_counter() - started
    digest, n_events = coded_digest(amity)
    amity.close()
    return seconds, report.stored, digest, n_events


def the_corpus(args: argparse.Namespace) -> Path:
    if args.corpus == "generated":
        return corpus(args.workdir, args.articles)
    shared = shared_dir()
    if shared is None:
        print(f"# ../shared is not present: the {args.corpus!r} corpus is skipped, using the generated one",
              file=sys.stderr)
        args.corpus = "generated"
        return corpus(args.workdir, args.articles)
    return real_corpus(args.corpus, args.workdir, args.articles, shared)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("dev", "seeds", "generated"), default="dev")
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, default=available_cores())
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "amity-bench")
    args = parser.parse_args(argv)
    base = Settings.from_env().with_(components=available_components())
    args.workdir.mkdir(parents=True, exist_ok=True)
    path = the_corpus(args)
    print(f"# bench_cluster | {machine_line()} | cores available={available_cores()} | "
          f"load avg {os.getloadavg()[0]:.2f}")
    print(f"corpus={args.corpus} articles={args.articles} components={','.join(base.components) or 'none'}\n")
    print("| run | seconds | articles/h | events | coded output (digest) |")
    print("|---|---|---|---|---|")
    ways = (("one process (--n-process 1)", base.with_(n_process=1), None),
            (f"--n-process {args.workers}", base.with_(n_process=args.workers), None),
            ("defaults (--n-process 0)", base.with_(n_process=0), None),
            (f"--cluster local:{args.workers}", base.with_(n_process=1), f"local:{args.workers}"))
    digests = set()
    for n, (label, settings, cluster) in enumerate(ways):
        seconds, stored, digest, n_events = run(path, args.workdir / f"cluster-{n}.db", settings, cluster)
        digests.add(digest)
        print(f"| {label} | {seconds:.1f} | {stored / seconds * 3600:,.0f} | {n_events} | {digest} |", flush=True)
    print(f"\nsame coded output every way: {len(digests) == 1}")
    return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
