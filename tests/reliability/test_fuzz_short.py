"""A short fuzz run of the readers and parsers (benchmarks/fuzz_readers.py) finds no crash."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_ten_second_fuzz_run_finds_no_crash(tmp_path: Path) -> None:
    crashes = tmp_path / "crashes"
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "fuzz_readers.py"), "--seconds", "10",
         "--crash-dir", str(crashes)],
        capture_output=True, text=True, timeout=300, cwd=tmp_path,
    )
    found = re.search(r"inputs=(\d+) crashes=(\d+)", proc.stdout)
    assert found, proc.stdout[-2000:] + proc.stderr[-2000:]
    inputs, n_crashes = int(found[1]), int(found[2])
    assert n_crashes == 0 and not crashes.exists(), proc.stderr[-4000:]
    assert proc.returncode == 0
    assert inputs > 10  # the run really exercised the readers
