"""Refactors leave behaviour unchanged: the sample corpus's exports match the snapshot byte for byte.

The snapshot in tests/data/sample_exports/ is written by `scripts/snapshot_exports.py`. A
coder change meant to move events reruns it and commits the new files with the change.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "snapshot_exports.py"


def _script() -> object:
    spec = importlib.util.spec_from_file_location("snapshot_exports", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return _script().export_sample(tmp_path_factory.mktemp("snapshot"))  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "tsv", "plover", "geojson"])
def test_export_matches_snapshot_byte_for_byte(exported: dict[str, Path], fmt: str) -> None:
    path = exported[fmt]
    want = (_script().SNAPSHOT / path.name).read_bytes()  # type: ignore[attr-defined]
    got = path.read_bytes()
    if got != want:
        got_lines, want_lines = got.splitlines(), want.splitlines()
        first = next((i for i, (a, b) in enumerate(zip(got_lines, want_lines, strict=False)) if a != b),
                     min(len(got_lines), len(want_lines)))
        pytest.fail(f"{fmt} export differs from the snapshot at line {first + 1} "
                    f"({len(got_lines)} lines now, {len(want_lines)} in the snapshot); "
                    "run scripts/snapshot_exports.py only if the change is meant to move events")


def test_snapshot_has_events() -> None:
    lines = (_script().SNAPSHOT / "events.jsonl").read_text(encoding="utf-8").splitlines()  # type: ignore[attr-defined]
    assert len(lines) > 100
    assert all('"event_id": "' in line for line in lines)
