"""Write the sample corpus's exports to tests/data/sample_exports/ (the byte-for-byte snapshot).

`tests/test_exports_snapshot.py` ingests the bundled sample corpus and compares every text
export with these files, event ids included. A refactor must leave them unchanged; a change
to the coder that is meant to change them is followed by running this script and committing
the new files with the change (the diff shows which events moved).

    python scripts/snapshot_exports.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "data" / "sample_exports"
SAMPLE = ROOT / "amity" / "data" / "sample"
# Text formats only: parquet's bytes carry the writer's version, so it is compared as a table.
sys.path.insert(0, str(ROOT))  # this checkout's amity, not whichever one is installed
FORMATS = {"jsonl": "events.jsonl", "csv": "events.csv", "tsv": "events.tsv", "plover": "events.plover.jsonl",
           "geojson": "events.geojson"}


def export_sample(folder: Path) -> dict[str, Path]:
    """Ingest the sample corpus into a fresh store in `folder`; export each text format there."""
    from click.testing import CliRunner

    from amity.cli import cli

    db = f"sqlite:///{folder / 'snapshot.db'}"
    runner = CliRunner()
    done = runner.invoke(cli, ["--db", db, "ingest", str(SAMPLE)])
    if done.exit_code != 0:
        raise RuntimeError(f"ingest failed: {done.output}")
    paths: dict[str, Path] = {}
    for fmt, name in FORMATS.items():
        paths[fmt] = folder / name
        done = runner.invoke(cli, ["--db", db, "export", "--format", fmt, "-o", str(paths[fmt])])
        if done.exit_code != 0:
            raise RuntimeError(f"export {fmt} failed: {done.output}")
    return paths


def main() -> int:
    SNAPSHOT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for fmt, path in export_sample(Path(tmp)).items():
            (SNAPSHOT / path.name).write_bytes(path.read_bytes())
            print(f"{fmt}: {SNAPSHOT / path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
