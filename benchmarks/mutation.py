"""Mutation testing (mutmut) over the modules where a silent bug would corrupt data.

    python benchmarks/mutation.py                  # every target (hours on 2 cores)
    python benchmarks/mutation.py api.write store.query --max-children 2
    python benchmarks/mutation.py --list           # targets, their files and tests
    python benchmarks/mutation.py api.write --survivors   # also print each surviving mutant
    python benchmarks/mutation.py views.params --tests tests/api/test_params.py   # a lower bound, faster

Each target is run in a throw-away copy of the work tree (tracked and untracked files, so
uncommitted tests count; ``--rev HEAD`` copies a commit instead), so neither the mutants/
folder nor the mutated code ever touches the checkout. mutmut mutates one file, runs the
target's tests against each mutant (only the tests that reach the mutated function) and
records which mutants the tests killed. The score is killed / (killed + survived); a
timeout counts as killed (the mutant hung), "no tests" counts as survived. Equivalent
mutants (a changed default that is never used, a case change in a case-insensitive header
lookup) survive too: read them with ``--survivors`` before writing a test.

Needs the dev extras (``pip install -e '.[dev]'``, which has mutmut).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Target:
    name: str
    path: str  # the one file mutated
    tests: tuple[str, ...]  # the tests run against its mutants
    only: tuple[str, ...] = ()  # fnmatch patterns on mutant names: these functions only
    note: str = ""


TARGETS = [
    Target("query", "amity/query.py", ("tests/store", "tests/test_hidden_events.py", "tests/api/test_read.py")),
    Target("store.query", "amity/store/query.py",
           ("tests/store", "tests/test_hidden_events.py", "tests/api/test_read.py")),
    Target("store.store", "amity/store/store.py",
           ("tests/store", "tests/scale/test_bulk_write.py", "tests/test_dedup.py", "tests/test_hidden_events.py")),
    Target("store.backup", "amity/store/backup.py", ("tests/store/test_backup.py",)),
    Target("store.migrations", "amity/store/migrations.py",
           ("tests/store",)),
    Target("pipeline.triage", "amity/pipeline/triage.py",
           ("tests/test_dedup.py", "tests/test_ingest_report.py", "tests/api/test_write.py"),
           note="the ingest run's triage and _is_new (was core.triage)"),
    Target("analysis.merge", "amity/analysis/merge.py", ("tests/analysis", "tests/store/test_groups.py")),
    Target("analysis.series", "amity/analysis/series.py",
           ("tests/analysis", "tests/store/test_merged_reads.py", "tests/api/test_analysis.py",
            "tests/test_hidden_events.py")),
    Target("nlp.dates", "amity/nlp/dates.py",
           ("tests/nlp/test_dates.py", "tests/ingest/test_dates.py", "tests/test_relative_dates.py")),
    Target("api.write", "amity/api/write.py", ("tests/api/test_write.py",), note="auth, body limits"),
    Target("views.params", "amity/views/params.py",
           ("tests/api", "tests/reliability/test_injection_filters.py")),
]
BY_NAME = {t.name: t for t in TARGETS}
PYTEST_ARGS = ["-p", "no:randomly", "-p", "no:cacheprovider", "-q", "-x"]


@dataclass
class Score:
    target: str
    statuses: dict[str, int] = field(default_factory=dict)
    survivors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def killed(self) -> int:
        return self.statuses.get("killed", 0) + self.statuses.get("timeout", 0)

    @property
    def counted(self) -> int:
        return self.killed + self.statuses.get("survived", 0) + self.statuses.get("no tests", 0)

    @property
    def score(self) -> float | None:
        return self.killed / self.counted if self.counted else None


def copy_tree(dest: Path, rev: str | None) -> None:
    """The work tree (or commit ``rev``) without .git, the venv or ignored files."""
    if rev:
        archive = subprocess.run(["git", "archive", rev], cwd=REPO, check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
        return
    listed = subprocess.run(["git", "ls-files", "-z", "-co", "--exclude-standard"], cwd=REPO, check=True,
                            capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src = REPO / rel
        if src.is_file() and not rel.startswith(("mutants/", ".venv/")):
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)


def write_config(root: Path, target: Target) -> None:
    """A [tool.mutmut] section for this target in the copy's pyproject.toml."""
    def toml_list(items: list[str] | tuple[str, ...]) -> str:
        return "[" + ", ".join(json.dumps(i) for i in items) + "]"

    pyproject = root / "pyproject.toml"
    text = re.sub(r"\n\[tool\.mutmut\][^\[]*", "\n", pyproject.read_text(encoding="utf-8"))
    text += ("\n[tool.mutmut]\n"
             'source_paths = ["amity"]\n'
             f"only_mutate = {toml_list([target.path])}\n"
             f"pytest_add_cli_args_test_selection = {toml_list(target.tests)}\n"
             f"pytest_add_cli_args = {toml_list(PYTEST_ARGS)}\n")
    pyproject.write_text(text, encoding="utf-8")


FRESH_CACHES = '''

@pytest.fixture(autouse=True)
def _mutation_fresh_caches():
    """Added by benchmarks/mutation.py in its copy only: mutmut forks each mutant from a process
    that has run the tests, so a cached result computed by the unmutated code would hide the
    mutant. Every cache of the mutated module is emptied before each test."""
    import importlib

    module = importlib.import_module({module!r})
    for value in list(vars(module).values()):
        if callable(getattr(value, "cache_clear", None)):
            value.cache_clear()
    yield
'''


def fresh_caches(root: Path, target: Target) -> None:
    """Empty the mutated module's lru caches before every test (in the copy's tests/conftest.py)."""
    conftest = root / "tests" / "conftest.py"
    module = target.path.removesuffix(".py").replace("/", ".")
    text = conftest.read_text(encoding="utf-8") if conftest.exists() else "import pytest\n"
    if "import pytest" not in text:
        text = "import pytest\n" + text
    conftest.write_text(text + FRESH_CACHES.format(module=module), encoding="utf-8")


def run_target(target: Target, max_children: int, rev: str | None, keep: Path | None,
               survivors: bool) -> Score:
    root = Path(tempfile.mkdtemp(prefix=f"amity-mutation-{target.name}-")) if keep is None else keep / target.name
    root.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        copy_tree(root, rev)
        write_config(root, target)
        fresh_caches(root, target)
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        log = root / "mutmut.log"
        with log.open("w") as fh:
            proc = subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(max_children),
                                   *target.only], cwd=root, env=env, stdout=fh, stderr=subprocess.STDOUT,
                                  check=False)
        if proc.returncode != 0:
            tail = log.read_text(errors="replace")[-2000:]
            raise SystemExit(f"mutmut failed on {target.name} (exit {proc.returncode}); log {log}:\n{tail}")
        listed = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=root, env=env,
                                capture_output=True, text=True, check=True).stdout
        score = Score(target.name, seconds=time.perf_counter() - started)
        import fnmatch

        for line in listed.splitlines():
            name, _, status = line.strip().rpartition(": ")
            if not name or (target.only and not any(fnmatch.fnmatch(name, p) for p in target.only)):
                continue
            if status == "not checked":
                continue
            score.statuses[status] = score.statuses.get(status, 0) + 1
            if status in ("survived", "no tests"):
                score.survivors.append(name)
        if survivors:
            for name in score.survivors:
                shown = subprocess.run([sys.executable, "-m", "mutmut", "show", name], cwd=root, env=env,
                                       capture_output=True, text=True, check=False).stdout
                changed = [ln for ln in shown.splitlines() if ln.startswith(("-  ", "+  ", "- ", "+ "))
                           and not ln.startswith(("---", "+++"))]
                print(f"survived {name}\n  " + "\n  ".join(changed), flush=True)
        return score
    finally:
        if keep is None:
            shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", help=f"default: all of {', '.join(BY_NAME)}")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rev", help="mutate this commit instead of the work tree (e.g. HEAD)")
    parser.add_argument("--keep", type=Path, help="keep each target's copy (and mutants/) under this folder")
    parser.add_argument("--survivors", action="store_true", help="print every surviving mutant's change")
    parser.add_argument("--tests", nargs="+", help="run these tests against the mutants instead of the target's "
                        "(a subset kills at most what the full selection kills: a lower bound, much faster)")
    parser.add_argument("--json", action="store_true", help="one JSON line per target")
    parser.add_argument("--list", action="store_true", help="list the targets and exit")
    args = parser.parse_args(argv)
    if args.list:
        for t in TARGETS:
            print(f"{t.name:18} {t.path:28} {' '.join(t.tests)}{'  (' + t.note + ')' if t.note else ''}")
        return 0
    unknown = [n for n in args.targets if n not in BY_NAME]
    if unknown:
        parser.error(f"unknown target(s) {', '.join(unknown)}; --list shows them")
    chosen = [BY_NAME[n] for n in args.targets] if args.targets else TARGETS
    if args.tests:
        chosen = [replace(t, tests=tuple(args.tests)) for t in chosen]
    print(f"{'target':18} {'file':28} {'mutants':>7} {'killed':>6} {'survived':>8} {'score':>6} {'time':>7}")
    scores = []
    for target in chosen:
        score = run_target(target, args.max_children, args.rev, args.keep, args.survivors)
        scores.append(score)
        if args.json:
            print(json.dumps({"target": target.name, "file": target.path, **score.statuses,
                              "score": score.score, "seconds": round(score.seconds)}), flush=True)
        else:
            value = "-" if score.score is None else f"{score.score:.1%}"
            print(f"{target.name:18} {target.path:28} {score.counted:7} {score.killed:6} "
                  f"{score.counted - score.killed:8} {value:>6} {score.seconds / 60:6.1f}m", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
