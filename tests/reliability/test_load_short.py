"""A short load run (benchmarks/load_api.py --quick) from a second process: no errors."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_quick_load_run_has_no_errors(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, str(REPO / "benchmarks" / "load_api.py"), "--quick"],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    found = re.search(r"requests=(\d+) errors=(\d+)", proc.stdout)
    assert found, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert int(found[2]) == 0, proc.stdout
    assert int(found[1]) > 0 and proc.returncode == 0
    assert re.search(r"p99=\d", proc.stdout)
