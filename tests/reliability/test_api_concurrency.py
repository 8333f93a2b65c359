"""The API serves reads while `amity ingest` writes the same SQLite file: no 5xx, no lock errors."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest

from benchmarks.load_api import Server
from tests.test_reliability import check_consistent

SENTENCES = ["Japan praised Cambodia in 2013.", "China criticised Vietnam in 2016.",
             "Thailand thanked Japan in 2019.", "Cambodia accused Thailand in 2008."]
READS = ["api/stats", "api/events?limit=20", "api/articles?limit=10", "api/actors", "api/dyads",
         "api/events?dyad=JPN-KHM", ""]


def write_feed(path: Path, prefix: str, n: int) -> Path:
    with path.open("w") as fh:
        for i in range(n):
            text = " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(3))
            text += f" The {prefix} round of talks was number {i}."  # unique: no duplicate content
            fh.write(json.dumps({"id": f"{prefix}{i:03d}", "published": "2019-05-01", "text": text}) + "\n")
    return path


def amity(db: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "AMITY_ARTICLES_PER_TX": "2", "AMITY_BATCH_SIZE": "2"}
    return subprocess.Popen([sys.executable, "-m", "amity", "--db", f"sqlite:///{db}", *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def reader(base: str, stop: threading.Event, seen: list[tuple[int, str, bytes]]) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        n = 0
        while not stop.is_set():
            path = READS[n % len(READS)]
            n += 1
            response = client.get("/" + path)
            seen.append((response.status_code, path, response.content[:300]))


@pytest.fixture
def store(tmp_path: Path) -> Path:
    db = tmp_path / "amity.db"
    first = amity(db, "ingest", "-q", str(write_feed(tmp_path / "first.jsonl", "first", 10)))
    assert first.wait(timeout=300) == 0, first.stderr.read() if first.stderr else ""
    return db


def test_reads_during_an_ingest_never_fail(tmp_path: Path, store: Path) -> None:
    server = Server(f"sqlite:///{store}")
    seen: list[tuple[int, str, bytes]] = []
    stop = threading.Event()
    try:
        server.wait_ready()
        readers = [threading.Thread(target=reader, args=(server.url, stop, seen)) for _ in range(4)]
        for thread in readers:
            thread.start()
        writer = amity(store, "ingest", "-q", str(write_feed(tmp_path / "second.jsonl", "second", 30)))
        _, stderr = writer.communicate(timeout=600)
        stop.set()
        for thread in readers:
            thread.join(timeout=60)
        final = httpx.get(server.url + "api/stats", timeout=30).json()
    finally:
        stop.set()
        server.stop()
    assert writer.returncode == 0 and "locked" not in stderr, stderr
    assert seen, "the readers made no request"
    failures = [s for s in seen if s[0] >= 400 or b"locked" in s[2]]
    assert failures == [], failures[:5]
    con = sqlite3.connect(store)
    names = [r[0] for r in con.execute("SELECT doc_name FROM articles")]
    n_events = con.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    con.close()
    assert sorted(names) == sorted([f"first{i:03d}" for i in range(10)] + [f"second{i:03d}" for i in range(30)])
    assert final["articles"] == 40 and final["events"] == n_events
    check_consistent(store)
