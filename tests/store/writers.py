"""Real ``amity ingest`` processes writing one store at once (the concurrency tests' helper)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from amity.store import Store

ROOT = Path(__file__).resolve().parents[2]


def ingest_at_once(db: str, *inputs: Sequence[Path]) -> list[tuple[str, str]]:
    """Run one ``amity ingest -q`` process per item of ``inputs``, all at once, into ``db``
    (its schema made first, so the writers race on data, not on the migration); each
    process's (stdout, stderr). Fails the test if one does not exit 0."""
    Store(db).close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [subprocess.Popen([sys.executable, "-m", "amity", "--db", db, "ingest", "-q", *map(str, paths)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
            for paths in inputs]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0] * len(runs), outputs
    return outputs
