"""SQL-injection strings in every event filter (CLI and API): a usage error or nothing, never a
crash or a 500, and the store unchanged afterwards."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from click.testing import CliRunner

from amity.cli import cli

PAYLOADS = [
    "' OR '1'='1", "JPN' OR 1=1 --", "1; DROP TABLE events; --", "KHM') UNION SELECT * FROM articles --",
    '" OR ""="', "%", "_", "%' --", "*/ OR /*", "0x4A504E", "JPN\x00KHM", "JPN\n' OR 1=1 --", "é' OR 'é'='é",
    "1' AND sleep(5) --", "' || (SELECT sql FROM sqlite_master) || '", "-1", "99999999999999999999",
]
CLI_FILTERS = ["--dyad", "--actor", "--source", "--target", "--code", "--quad", "--since", "--until",
               "--doc", "--limit"]
API_FILTERS = ["dyad", "actor", "source", "target", "code", "quad", "since", "until", "doc", "limit",
               "offset", "sort", "directed", "all"]


def fingerprint(db: Path) -> str:
    """A hash of every row of every table: equal before and after means nothing changed."""
    con = sqlite3.connect(db)
    digest = hashlib.sha256()
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    for table in tables:
        digest.update(table.encode())
        for row in con.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
            digest.update(repr(row).encode())
    con.close()
    return digest.hexdigest()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("injection")
    feed = folder / "feed.jsonl"
    lines = [{"id": f"d{i}", "published": "2019-05-01",
              "text": "Japan praised Cambodia in 2013. China criticised Vietnam in 2016."} for i in range(4)]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines))
    db = folder / "amity.db"
    proc = subprocess.run([sys.executable, "-m", "amity", "--db", f"sqlite:///{db}", "ingest", "-q",
                           str(feed)], capture_output=True, text=True, timeout=300, env=os.environ)
    assert proc.returncode == 0, proc.stderr
    con = sqlite3.connect(db)
    assert con.execute("SELECT COUNT(*) FROM events").fetchone()[0] > 0, "the fixture needs events"
    con.close()
    yield db


def test_cli_event_filters_refuse_or_find_nothing(store: Path) -> None:
    before = fingerprint(store)
    runner = CliRunner()
    for option in CLI_FILTERS:
        for payload in PAYLOADS:
            result = runner.invoke(cli, ["--db", f"sqlite:///{store}", "events", "--json", option, payload])
            where = f"{option} {payload!r}: exit {result.exit_code} {result.output[-300:]}"
            assert result.exit_code in (0, 2), where
            assert result.exception is None or isinstance(result.exception, SystemExit), where
            if result.exit_code == 0 and option != "--limit":
                events = [line for line in result.stdout.splitlines() if line.startswith("{")]
                assert events == [], where
    assert fingerprint(store) == before


@pytest.fixture(scope="module")
def client(store: Path) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from amity.app import create_app
    from amity.core import Amity

    amity = Amity(f"sqlite:///{store}")
    with TestClient(create_app(amity), raise_server_exceptions=False) as test_client:
        yield test_client
    amity.close()


def test_api_event_filters_refuse_or_find_nothing(store: Path, client: object) -> None:
    before = fingerprint(store)
    for name in API_FILTERS:
        for payload in PAYLOADS:
            response = client.get("/api/events", params={name: payload})  # type: ignore[attr-defined]
            where = f"{name}={payload!r}: {response.status_code} {response.text[:300]}"
            assert response.status_code in (200, 400), where
            body = response.json()
            if response.status_code == 400:
                assert body["error"]["type"] and body["error"]["message"], where
            elif name not in ("limit", "offset"):
                assert body["events"] == [] and body["total"] == 0, where
    assert fingerprint(store) == before


def test_api_ids_in_paths_are_not_found_not_errors(store: Path, client: object) -> None:
    before = fingerprint(store)
    for payload in PAYLOADS:
        for route in ("/api/articles/", "/api/events/"):
            response = client.get(route + quote(payload, safe=""))  # type: ignore[attr-defined]
            assert response.status_code in (400, 404), (route, payload, response.status_code, response.text[:200])
    assert fingerprint(store) == before


def test_a_real_filter_still_finds_events(client: object) -> None:
    response = client.get("/api/events", params={"actor": "JPN"})  # type: ignore[attr-defined]
    assert response.status_code == 200 and response.json()["total"] > 0
