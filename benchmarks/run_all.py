"""Run every benchmark (``make bench``); ``--quick`` runs small sizes for a fast check.

    python benchmarks/run_all.py [--quick]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    quick = ["--quick"] if args.quick else []
    cores = os.cpu_count() or 1
    runs = [
        ["bench_ingest.py", *quick],  # the defaults (every core), real text first
        *([["bench_ingest.py", *quick, "--n-process", "1"]] if cores > 1 else []),
        ["bench_memory.py", *quick] if args.quick
        else ["bench_memory.py", "--sizes", "1000,10000,100000", "--components", "none",
              "--sentences", "2-2"],
        ["bench_queries.py", "--quick"] if args.quick
        else ["bench_queries.py", "--merge", "no", "--analysis", "no"],  # 1M events, store queries
        *([] if args.quick else [["bench_queries.py", "--quick"]]),  # 100k: merge build + analysis
        ["bench_memory.py", "--corpus", "dev", "--sizes", "40,160" if args.quick else "100,1000,10000"],
        ["bench_cluster.py", "--articles", "40" if args.quick else "400"],  # real text when ../shared is there
        ["parse_skip.py"],
        # coding accuracy on the dev set, seeds and sample; needs ../shared (a clone has none)
        *([["bench_accuracy.py"]] if (HERE.parent.parent / "shared" / "dev").is_dir() else []),
    ]
    failed = 0
    for run in runs:
        print(f"\n$ python benchmarks/{' '.join(run)}", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / run[0]), *run[1:]]).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
