"""Crash safety and concurrent use: kill -9 mid-ingest and parallel ingests lose nothing."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ACTORS = ["Japan", "Cambodia", "China", "Vietnam", "Thailand", "the United States"]
VERBS = ["praised", "criticised", "met with", "thanked", "accused", "visited"]
KILL_ROUNDS = int(os.environ.get("AMITY_KILL_ROUNDS", "3"))


def make_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "feed.jsonl"
    with path.open("w") as fh:
        for i in range(n):
            sents = [f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(ACTORS)} in {1990 + i % 30}."
                     for _ in range(6)]
            fh.write(json.dumps({"id": f"a{i:03d}", "published": "2018-08-01", "text": " ".join(sents)}) + "\n")
    return path


def ingest(db: Path, corpus: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "AMITY_DB": f"sqlite:///{db}", "AMITY_ARTICLES_PER_TX": "3", "AMITY_BATCH_SIZE": "4"}
    return subprocess.Popen([sys.executable, "-m", "amity", "ingest", "-q", str(corpus)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def check_consistent(db: Path) -> None:
    """The store is not corrupt and every article is whole: all its sentences, no orphans."""
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    bad = con.execute(
        "SELECT a.doc_name FROM articles a LEFT JOIN sentences s ON s.doc_id = a.doc_id "
        "GROUP BY a.doc_id HAVING COUNT(s.idx) != a.n_sentences").fetchall()
    assert bad == []
    for table in ("sentences", "mentions", "events"):
        orphans = con.execute(f"SELECT COUNT(*) FROM {table} t WHERE NOT EXISTS "
                              "(SELECT 1 FROM articles a WHERE a.doc_id = t.doc_id)").fetchone()[0]
        assert orphans == 0, table
    con.close()


def snapshot(db: Path) -> tuple[set[tuple[str, str]], set[str]]:
    con = sqlite3.connect(db)
    arts = set(con.execute("SELECT doc_name, content_hash FROM articles"))
    events = {r[0] for r in con.execute("SELECT event_id FROM events")}
    con.close()
    return arts, events


def test_kill_9_mid_ingest_never_corrupts_and_rerun_completes(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "in", 60)
    reference = tmp_path / "ref.db"
    assert ingest(reference, corpus).wait(timeout=300) == 0
    db = tmp_path / "killed.db"
    rng = random.Random(1)
    for _ in range(KILL_ROUNDS):
        proc = ingest(db, corpus)
        time.sleep(rng.uniform(1.5, 5.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        if db.exists():
            check_consistent(db)
    final = ingest(db, corpus)
    assert final.wait(timeout=300) == 0, final.stderr.read() if final.stderr else ""
    check_consistent(db)
    assert snapshot(db) == snapshot(reference)


def test_two_ingests_into_one_sqlite_file_at_once(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "in", 40, seed=3)
    db = tmp_path / "shared.db"
    procs = [ingest(db, corpus), ingest(db, corpus)]
    outputs = [p.communicate(timeout=300) for p in procs]
    for proc, (_, stderr) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, stderr
        assert "locked" not in stderr
    check_consistent(db)
    arts, _ = snapshot(db)
    assert len(arts) == 40


@pytest.mark.slow
def test_many_kill_rounds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys.modules[__name__], "KILL_ROUNDS", 20)
    test_kill_9_mid_ingest_never_corrupts_and_rerun_completes(tmp_path)
