"""The package never reads ../shared at run time: a user's clone has no such folder.

A child process ingests, codes, exports and evaluates the bundled sample, writes its
articles out, reads the review queue and stats, and serves the API and dashboard pages, with
an audit hook that records every path opened or listed; none may lie under the shared folder. (With no
../shared here the check still runs: no path can point into a folder that is absent.)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import os, sys
shared = os.path.realpath(sys.argv[1])
touched = []
def hook(event, args):
    if event in ("open", "os.listdir", "os.scandir") and args and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.path.realpath(os.fsdecode(args[0]))
        if path == shared or path.startswith(shared + os.sep):
            touched.append(f"{event} {path}")
sys.addaudithook(hook)
from click.testing import CliRunner
from amity.cli import cli
db, out, root = sys.argv[2], sys.argv[3], sys.argv[4]
for args in (["ingest", "-q", f"{root}/amity/data/sample"], ["export", "--format", "jsonl", "-o", out],
             ["eval", f"{root}/amity/data/gold/gold_events.jsonl"], ["stats"], ["merge"],
             ["articles", "-o", out + ".articles.jsonl"], ["review", "queue"], ["review", "stats"]):
    result = CliRunner().invoke(cli, ["--db", db, *args])
    assert result.exit_code == 0, (args, result.output)
from fastapi.testclient import TestClient
from amity.app import create_app
from amity.core import Amity
client = TestClient(create_app(Amity(db)))
first = client.get("/api/events?limit=1").json()["events"][0]
event_id, country = first["event_id"], first["source"]["country"]
for page in ("/api/events", "/api/articles", "/api/actors", "/api/dyads", "/api/stats", "/api/series",
             f"/api/timeline?actor={country}", "/api/network", "/api/claims", "/api/search?q=minister",
             "/api/reviews/queue", "/api/reviews/stats", f"/api/events/{event_id}",
             f"/api/events/{event_id}/reviews", "/", "/events", "/articles", "/actors", "/dyads",
             f"/timeline?actor={country}", "/network", "/claims", "/search?q=minister", "/review", f"/events/{event_id}"):
    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code, response.text[:300])
print("\n".join(touched) or "none")
"""


def test_ingest_export_eval_articles_review_and_the_pages_never_touch_the_shared_folder(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", CHILD, str(SHARED), f"sqlite:///{tmp_path / 'a.db'}",
                           str(tmp_path / "events.jsonl"), str(ROOT)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "none"
    assert (tmp_path / "events.jsonl").stat().st_size > 0
