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
KILL_ROUNDS = int(os.environ.get("AMITY_KILL_ROUNDS", "20"))
PER_TX = 3  # articles per write transaction in these runs


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
    env = {**os.environ, "AMITY_DB": f"sqlite:///{db}", "AMITY_ARTICLES_PER_TX": str(PER_TX),
           "AMITY_BATCH_SIZE": "4"}
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


def stored_articles(db: Path) -> int:
    if not db.exists():  # connecting would create it
        return 0
    con = sqlite3.connect(db, timeout=5)
    try:
        return int(con.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # the schema is not there yet
        return 0
    finally:
        con.close()


def kill_once_stored(proc: subprocess.Popen[str], db: Path, n: int, timeout: float = 240) -> int:
    """Poll the store; SIGKILL the ingest as soon as at least ``n`` articles are stored.

    Returns the count seen at the kill; fails if the ingest ended first (it was never killed
    mid-run, so the test would prove nothing)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the ingest ended before {n} articles were stored: nothing was killed"
        count = stored_articles(db)
        if count >= n:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
            return count
        time.sleep(0.01)
    proc.kill()
    raise AssertionError(f"fewer than {n} articles stored after {timeout}s")


# Runs `amity ingest` in a process that kills itself (SIGKILL) inside its Nth write
# transaction: after that batch's article rows are inserted, before its sentences are.
KILL_IN_TRANSACTION = """
import os, signal, sys
from sqlalchemy import event
from sqlalchemy.engine import Engine
kill_at, seen = int(os.environ["KILL_AT_TRANSACTION"]), [0]
@event.listens_for(Engine, "before_cursor_execute")
def _kill(conn, cursor, statement, parameters, context, executemany):
    sql = statement.lstrip().upper()
    if sql.startswith("INSERT INTO ARTICLES"):
        seen[0] += 1
    elif sql.startswith("INSERT INTO SENTENCES") and seen[0] == kill_at:
        os.kill(os.getpid(), signal.SIGKILL)
from amity.cli import main
sys.argv = ["amity", "ingest", "-q", sys.argv[1]]
main()
"""


def ingest_killed_in_transaction(db: Path, corpus: Path, transaction: int) -> subprocess.Popen[str]:
    env = {**os.environ, "AMITY_DB": f"sqlite:///{db}", "AMITY_ARTICLES_PER_TX": str(PER_TX),
           "AMITY_BATCH_SIZE": "4", "KILL_AT_TRANSACTION": str(transaction)}
    return subprocess.Popen([sys.executable, "-c", KILL_IN_TRANSACTION, str(corpus)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def assert_complete(db: Path, n_articles: int) -> None:
    """Every article once, each with its 6 sentences, no event twice."""
    check_consistent(db)
    con = sqlite3.connect(db)
    names = [r[0] for r in con.execute("SELECT doc_name FROM articles ORDER BY doc_name")]
    assert names == [f"a{i:03d}" for i in range(n_articles)]
    assert {r[0] for r in con.execute("SELECT n_sentences FROM articles")} == {6}
    assert con.execute("SELECT COUNT(*) FROM sentences").fetchone()[0] == 6 * n_articles
    total, distinct = con.execute("SELECT COUNT(*), COUNT(DISTINCT event_id) FROM events").fetchone()
    assert total == distinct and total > 0
    con.close()


def test_kill_9_mid_ingest_never_corrupts_and_rerun_completes(tmp_path: Path) -> None:
    """Killed once 9 articles are stored, then again inside a write transaction of the re-run:
    each time only whole transactions are kept, and a third run finishes what is left."""
    n = 60
    corpus = make_corpus(tmp_path / "in", n)
    reference = tmp_path / "ref.db"
    assert ingest(reference, corpus).wait(timeout=300) == 0
    assert_complete(reference, n)
    db = tmp_path / "killed.db"

    seen = kill_once_stored(ingest(db, corpus), db, 9)
    check_consistent(db)
    first = stored_articles(db)
    assert seen <= first < n and first % PER_TX == 0  # whole transactions of PER_TX articles

    proc = ingest_killed_in_transaction(db, corpus, transaction=3)
    assert proc.wait(timeout=300) == -signal.SIGKILL, proc.stderr.read() if proc.stderr else ""
    check_consistent(db)
    second = stored_articles(db)
    assert second == first + 2 * PER_TX  # two transactions committed, the third rolled back

    final = ingest(db, corpus)
    _, stderr = final.communicate(timeout=300)
    assert final.returncode == 0, stderr
    assert f"{n - second} added, 0 updated, {second} unchanged, 0 duplicate, 0 rejected" in stderr
    assert_complete(db, n)
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
def test_many_kill_rounds(tmp_path: Path) -> None:
    """Killed again and again at random progress points (by polling) and inside random write
    transactions; the last run completes the store exactly as an uninterrupted one."""
    n = 60
    corpus = make_corpus(tmp_path / "in", n)
    reference = tmp_path / "ref.db"
    assert ingest(reference, corpus).wait(timeout=300) == 0
    db = tmp_path / "killed.db"
    rng = random.Random(1)
    for round_ in range(KILL_ROUNDS):
        before = stored_articles(db)
        if n - before < 2 * PER_TX:
            break
        if round_ % 2:
            proc = ingest_killed_in_transaction(db, corpus, transaction=rng.randint(1, 3))
            proc.wait(timeout=300)
        else:
            kill_once_stored(ingest(db, corpus), db, before + rng.randint(1, 2 * PER_TX))
        check_consistent(db)
        assert stored_articles(db) % PER_TX == 0
    final = ingest(db, corpus)
    assert final.wait(timeout=300) == 0
    assert_complete(db, n)
    assert snapshot(db) == snapshot(reference)
