"""Query latencies at scale: a store of N synthetic events (default 1 million) on SQLite.

The store is written through ``Store.write_bulk`` (the real tables, indexes and row format)
and cached in the work folder. Prints p50/p95/p99 per query kind (target p95 < 200 ms),
the store's size per million events, and the SQLite query plan of each SQL query.

    python benchmarks/bench_queries.py --events 1000000
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from common import machine_line
from sqlalchemy import event as sqlalchemy_event
from sqlalchemy import func, select, text

from amity.codebook.cameo import load_cameo
from amity.models import Actor, Article, CodedArticle, Event, Sentence
from amity.store import EventQuery, Store
from amity.store.query import where
from amity.store.schema import events
from amity.store.store import page_ids_select

COUNTRIES = ["USA", "CHN", "RUS", "JPN", "KHM", "FRA", "GBR", "DEU", "IND", "VNM", "THA", "KOR",
             "PRK", "IRN", "ISR", "PSE", "UKR", "TUR", "SAU", "EGY", "IDN", "PHL", "MYS", "SGP",
             "AUS", "BRA", "MEX", "NGA", "ZAF", "PAK", "AFG", "IRQ", "SYR", "LBN", "CAN", "ITA"]
SECTORS = ("GOV", "GOV", "GOV", "MIL", "OPP", "BUS", "CVL", "MED", "")
EVENTS_PER_ARTICLE = 8
SENTENCES_PER_ARTICLE = 6


def _actor(rng: random.Random, country: str) -> Actor:
    sector = rng.choice(SECTORS)
    return Actor(code=country + sector, country=country, sector=sector or None,
                 name=country, mention=country)


def _country(rng: random.Random) -> str:
    """Zipf-like: the first countries are in far more events, as in real news."""
    return COUNTRIES[min(int(rng.paretovariate(0.9)) - 1, len(COUNTRIES) - 1)]


def synthetic_article(rng: random.Random, index: int, codes: list[Any]) -> CodedArticle:
    day = f"{rng.randint(1990, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    # one text per article (the store keeps one copy of a text): the index, at a fixed width
    sentence = f"Officials from both countries met on the date given in lead {index:08d}. "
    article = Article(f"bench-{index:08d}", sentence * SENTENCES_PER_ARTICLE, published=day,
                      published_basis="metadata")
    step = len(sentence)
    sentences = [Sentence(i, i * step, (i + 1) * step - 1, sentence) for i in range(SENTENCES_PER_ARTICLE)]
    found = []
    for k in range(EVENTS_PER_ARTICLE):
        a, b = _country(rng), _country(rng)
        entry = rng.choice(codes)
        precision = rng.choice(("day", "day", "day", "month", "year"))
        date = {"day": day, "month": day[:7], "year": day[:4]}[precision]
        found.append(Event(
            doc_name=article.doc_name, source=_actor(rng, a), target=_actor(rng, b),
            cameo=entry.code, cameo_root=entry.root, cameo_name=entry.name,
            goldstein=entry.goldstein, quad=entry.quad, plover=entry.plover,
            sentence_index=k % SENTENCES_PER_ARTICLE, span=(k * 10, k * 10 + 9), trigger="met",
            date=date, date_precision=precision, date_basis="text", doc_id=article.doc_id,
            published=day, factual=rng.random() > 0.05, negated=rng.random() < 0.03,
            confidence=round(rng.random(), 2)))
    return CodedArticle(article, sentences, [], found, "bench")


def _bulk_mode(store: Store) -> list[Any]:
    """Benchmark-only fast load: no fsync and no events indexes during the load.

    Returns the dropped indexes; ``_restore_indexes`` builds them once, after the load
    (the final store is the same as one written with the indexes in place).
    """
    dropped = [ix for ix in events.indexes if ix.name]
    with store.engine.begin() as conn:
        for index in dropped:
            index.drop(conn, checkfirst=True)
    return dropped


def _restore_indexes(store: Store, dropped: list[Any]) -> None:
    with store.engine.begin() as conn:
        for index in dropped:
            index.create(conn, checkfirst=True)


def build_store(path: Path, n_events: int, seed: int) -> dict[str, float]:
    """Write ``n_events`` events (8 per article) with ``Store.write_bulk``; return timings (s)."""
    rng = random.Random(seed)
    codes = [c for c in load_cameo().codes.values() if c.quad]
    store = Store(f"sqlite:///{path}")
    sqlalchemy_event.listen(store.engine, "connect",
                            lambda dbapi, _rec: dbapi.execute("PRAGMA synchronous=OFF"))
    store.engine.dispose()  # new connections get the pragma: this build only
    started = time.perf_counter()
    dropped = _bulk_mode(store)
    n_articles = n_events // EVENTS_PER_ARTICLE
    for start in range(0, n_articles, 5000):
        batch = [synthetic_article(rng, i, codes) for i in range(start, min(start + 5000, n_articles))]
        store.write_bulk(batch)
    loaded = time.perf_counter()
    _restore_indexes(store, dropped)
    done = time.perf_counter()
    store.close()
    return {"load": loaded - started, "indexes": done - loaded, "total": done - started}


def build_merges(path: Path) -> float:
    """Merge groups for the whole store (what ``amity ingest`` keeps up to date); seconds."""
    store = Store(f"sqlite:///{path}")
    started = time.perf_counter()
    store.update_merges(None)
    seconds = time.perf_counter() - started
    store.close()
    return seconds


def percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    q = statistics.quantiles(ms, n=100, method="inclusive")
    return f"p50 {q[49]:7.1f}  p95 {q[94]:7.1f}  p99 {q[98]:7.1f}  max {ms[-1]:7.1f} ms"


def measure(call: Callable[[random.Random], Any], samples: int, seed: int) -> list[float]:
    rng = random.Random(seed)
    call(random.Random(seed + 1))  # warm the page cache and statement cache once
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        call(rng)
        times.append(time.perf_counter() - started)
    return times


def _dyad(rng: random.Random) -> tuple[str, str]:
    a, b = rng.sample(COUNTRIES[:12], 2)
    return a, b


def _dyad_months(store: Store, rng: random.Random) -> Any:
    month = func.substr(events.c.date_start, 1, 7)
    stmt = (select(month, func.count(), func.sum(events.c.goldstein))
            .where(where(EventQuery(dyad=_dyad(rng)))).group_by(month))
    with store.engine.connect() as conn:
        return conn.execute(stmt).all()


def store_queries(store: Store) -> Iterator[tuple[str, Callable[[random.Random], Any]]]:
    """(name, call) for each query kind the CLI, API and dashboard run on ``Store``."""
    yield "events page: dyad, newest 50", lambda r: store.events(
        EventQuery(dyad=_dyad(r), sort="-date", limit=50))
    yield "events page: actor+quad+since, 50", lambda r: store.events(EventQuery(
        actor=r.choice(COUNTRIES[:20]), quad=r.choice(("verbal_coop", "material_conflict")),
        since=str(r.randint(1995, 2020)), limit=50))
    yield "events page: code+years, page 3", lambda r: store.events(EventQuery(
        code=r.choice(("04", "05", "11", "17", "19")), since=str(y := r.randint(1995, 2020)),
        until=str(y + 2), limit=50, offset=100))
    yield "events page: source code prefix", lambda r: store.events(EventQuery(
        source=r.choice(COUNTRIES[:10]) + "GOV", limit=50, sort="-goldstein"))
    yield "count: dyad", lambda r: store.count_events(EventQuery(dyad=_dyad(r)))
    yield "dyad series (SQL, by month)", lambda r: _dyad_months(store, r)


def analysis_queries(store: Store) -> Iterator[tuple[str, Callable[[random.Random], Any]]]:
    """The analyses as ``Amity`` runs them (``amity/reading.py``: store reads + amity.analysis)."""
    from amity.reading import on_store

    reader = on_store(store)
    yield "analysis.dyad_series(by=year)", lambda r: reader.dyad_series(*_dyad(r), by="year")
    yield "analysis.timeline(dyad, 50)", lambda r: reader.timeline(dyad=_dyad(r), query=EventQuery(limit=50))


def print_plans(store: Store) -> None:
    """SQLite's plan of the statement each page query runs (its id selection), and of a count."""
    queries = {
        "dyad page": EventQuery(dyad=("USA", "CHN"), sort="-date", limit=50),
        "actor+quad+since": EventQuery(actor="JPN", quad="verbal_coop", since="2010", limit=50),
        "code+years": EventQuery(code="05", since="2010", until="2012", limit=50, offset=100),
        "source prefix": EventQuery(source="USAGOV", limit=50, sort="-goldstein"),
    }
    with store.engine.connect() as conn:
        statements = {name: page_ids_select(q) for name, q in queries.items()}
        statements["count dyad"] = select(func.count()).select_from(events).where(
            where(EventQuery(dyad=("USA", "CHN"))))
        for name, stmt in statements.items():
            sql = str(stmt.compile(conn, compile_kwargs={"literal_binds": True}))
            plan = conn.execute(text("EXPLAIN QUERY PLAN " + sql)).all()
            print(f"  plan {name}: " + " | ".join(row[-1] for row in plan))


def _has_merges(store: Store) -> bool:
    from amity.store.schema import event_groups

    with store.engine.connect() as conn:
        return conn.execute(select(event_groups.c.event_id).limit(1)).first() is not None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="100k events, fewer samples")
    parser.add_argument("--samples", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--analysis", choices=("yes", "no"), default="yes",
                        help="also time amity.analysis (needs the merge groups, see --merge)")
    parser.add_argument("--merge", choices=("yes", "no"), default="yes",
                        help="build the merge groups of the whole store once, timed apart "
                             "(amity ingest keeps them up to date incrementally)")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "amity-bench")
    args = parser.parse_args(argv)
    n_events = 100_000 if args.quick else args.events
    samples = 15 if args.quick else args.samples
    args.workdir.mkdir(parents=True, exist_ok=True)
    path = args.workdir / f"events-{n_events}-s{args.seed}.db"
    print(f"# bench_queries | {machine_line()} | cores={os.cpu_count()}")
    if not path.exists():
        partial = path.with_suffix(".partial")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)
        took = build_store(partial, n_events, args.seed)
        Store(f"sqlite:///{partial}").close()  # checkpoints the WAL on the last close
        partial.rename(path)
        print(f"built {n_events} events with Store.write_bulk in {took['total']:.0f}s "
              f"(load {took['load']:.0f}s = {n_events / took['load']:.0f} events/s, "
              f"indexes {took['indexes']:.0f}s)")
    started = time.perf_counter()
    store = Store(f"sqlite:///{path}")  # an older cached store is migrated here
    print(f"open (+ any migration): {time.perf_counter() - started:.1f}s")
    if args.merge == "yes" and not _has_merges(store):
        store.close()
        seconds = build_merges(path)
        print(f"merge groups of the whole store built in {seconds:.0f}s "
              f"({n_events / seconds:.0f} events/s; once, as part of the store build)")
        store = Store(f"sqlite:///{path}")
    with store.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size
    print(f"store: {n_events} events, {size / 1e6:.0f} MB ({size / 1e6 * 1e6 / n_events:.0f} MB "
          f"per 1M events, with articles and sentences)")
    print_plans(store)
    for name, call in store_queries(store):
        print(f"{name:38s} {percentiles(measure(call, samples, args.seed))}")
    if args.analysis == "yes" and not _has_merges(store):
        print("analysis skipped: no merge groups (run with --merge yes)")
    elif args.analysis == "yes":
        started = time.perf_counter()
        for name, call in analysis_queries(store):
            print(f"{name:38s} {percentiles(measure(call, max(5, samples // 4), args.seed))}")
        print(f"  (analysis total: {time.perf_counter() - started:.0f}s)")
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
