"""``amity ingest`` in one process against ``--cluster local:N`` (Dask) over the same corpus.

Each run ingests the corpus into a fresh SQLite store and prints wall time, articles per
hour and events; the cluster time includes starting the local cluster and loading the
model in every worker (what a user waits for). The stored event ids must be identical.

    python benchmarks/bench_cluster.py --articles 300 --workers 2
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from common import available_components, corpus, machine_line
from sqlalchemy import select

from amity.core import Amity
from amity.settings import Settings
from amity.store.schema import events


def run(folder: Path, db: Path, settings: Settings, cluster: str | None) -> tuple[float, int, set[str]]:
    """Seconds, articles stored and the set of event ids for one ingest of ``folder``."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    amity = Amity(f"sqlite:///{db}", settings=settings)
    started = time.perf_counter()
    report = amity.ingest([str(folder)], cluster=cluster)
    seconds = time.perf_counter() - started
    with amity.store.engine.connect() as conn:
        ids = set(conn.execute(select(events.c.event_id)).scalars())
    amity.close()
    return seconds, report.stored, ids


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "amity-bench")
    args = parser.parse_args(argv)
    settings = Settings.from_env().with_(components=available_components())
    args.workdir.mkdir(parents=True, exist_ok=True)
    folder = corpus(args.workdir, args.articles)
    print(f"# bench_cluster | {machine_line()} | cores={os.cpu_count()} | load {os.getloadavg()}")
    print(f"articles={args.articles} components={','.join(settings.components) or 'none'} "
          f"batch_size={settings.batch_size}")
    results = {}
    for label, cluster in (("one process", None), (f"local:{args.workers}", f"local:{args.workers}")):
        seconds, stored, ids = run(folder, args.workdir / f"cluster-{label[:5]}.db", settings, cluster)
        results[label] = ids
        print(f"{label:12s}: {seconds:8.1f} s  {stored / seconds * 3600:9.0f} articles/h  "
              f"{len(ids)} events")
    first, second = results.values()
    print(f"same event ids: {first == second}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
