"""Fuzz the ingest readers and the date, amount and actor parsers, bounded in time.

    python benchmarks/fuzz_readers.py --seconds 60      # the benchmark run
    python benchmarks/fuzz_readers.py --seconds 10      # CI (tests/reliability/test_fuzz_short.py)

Coverage-guided with atheris when it is installed (``pip install atheris``); otherwise
hypothesis generates the inputs in a loop (same checks, no coverage guidance). Each input
is written as a ``.txt``/``.md``/``.html``/``.jsonl``/``.csv`` file (the first byte picks
which) and read with ``amity.ingest.read_file``; its text also goes to ``ground_date``,
``find_amounts`` and (``--actors``) the actor resolver. A crash is an exception escaping
them or a broken promise (an "unexpected" problem, NUL in text, a non-finite amount, a
malformed date). Crashing inputs are saved to ``--crash-dir``. The last line printed is
``inputs=N crashes=M seconds=S engine=E``; the exit status is 1 when M > 0.
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

EXTENSIONS = (".txt", ".md", ".html", ".jsonl", ".csv")
ACTOR_EVERY = 8
ISO = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
SEEDS = (
    b"\x00Japan pledged US$ 2.3 billion to Cambodia on 30 July 2018.\n",
    b"\x01---\ntitle: Talks\ndate: 2019-06-01\n---\n# Talks\n\n[Japan](http://x) met **Cambodia**.\n",
    b"\x02<html><head><script>x()</script></head><body><article><p>Hun Sen visited Tokyo"
    b" last week.</p></article></body></html>",
    b'\x03{"id": "a1", "text": "China lent 1.5 billion yuan in the 1990s.", "published": "2020-01-02"}\n',
    b'\x04id,text,title\n1,"Vietnam, Thailand met ""again"" early this month.",=cmd\n',
)


class Fuzzer:
    """Runs one input through every target and counts what broke."""

    def __init__(self, folder: Path, crash_dir: Path, deadline: float, actors: bool) -> None:
        from amity.ingest import read_file
        from amity.nlp.amounts import find_amounts
        from amity.nlp.dates import ground_date

        self.read_file = read_file
        self.find_amounts = find_amounts
        self.ground_date = ground_date
        self.explain: Callable[[str], Any] | None = _actor_explainer() if actors else None
        self.folder = folder
        self.crash_dir = crash_dir
        self.deadline = deadline
        self.inputs = 0
        self.crashes = 0

    def one_input(self, data: bytes) -> None:
        self.inputs += 1
        try:
            self._check(data)
        except Exception:  # noqa: BLE001 - every escape is a finding, not a stop
            self._save(data, traceback.format_exc())

    def _check(self, data: bytes) -> None:
        ext = EXTENSIONS[data[0] % len(EXTENSIONS)] if data else ".txt"
        path = self.folder / f"input{ext}"
        path.write_bytes(data[1:])
        texts = []
        for item in self.read_file(str(path)):
            if hasattr(item, "message"):
                if "unexpected" in item.message or "\n" in str(item):
                    raise AssertionError(f"problem is not one planned line: {item}")
                continue
            if not isinstance(item.text, str) or "\x00" in item.text:
                raise AssertionError("article text is not clean text")
            item.text.encode("utf-8")
            texts.append(item.text)
        sample = data[1:].decode("utf-8", "replace")
        for text in [sample[:120], *(t[:400] for t in texts)]:
            self._parsers(text)

    def _parsers(self, text: str) -> None:
        for tense in ("past", "future"):
            when = self.ground_date(text, "2018-07-30", tense)
            if when is not None and when.date is not None and not ISO.fullmatch(when.date):
                raise AssertionError(f"malformed date {when.date!r} from {text!r}")
        for amount in self.find_amounts(text):
            if not math.isfinite(amount.value) or amount.value < 0:
                raise AssertionError(f"bad amount {amount.value!r} from {text!r}")
        if self.explain is not None and self.inputs % ACTOR_EVERY == 0:  # spaCy is slow
            self.explain(text[:300])

    def _save(self, data: bytes, trace: str) -> None:
        self.crashes += 1
        self.crash_dir.mkdir(parents=True, exist_ok=True)
        stem = self.crash_dir / f"crash-{self.crashes:03d}"
        stem.with_suffix(".bin").write_bytes(data)
        stem.with_suffix(".txt").write_text(trace)
        print(f"CRASH {self.crashes}: saved {stem}.bin\n{trace}", file=sys.stderr, flush=True)

    def done(self) -> bool:
        return time.monotonic() >= self.deadline


def _actor_explainer() -> Callable[[str], Any]:
    from amity.nlp.actors import _default_nlp, explain

    nlp = _default_nlp()
    return lambda text: explain(nlp, text, "2018-07-30")


def summary(fuzzer: Fuzzer, started: float, engine: str) -> str:
    seconds = time.monotonic() - started
    return f"inputs={fuzzer.inputs} crashes={fuzzer.crashes} seconds={seconds:.1f} engine={engine}"


def run_atheris(fuzzer: Fuzzer, seconds: float, started: float, corpus: Path) -> None:
    import atheris

    def target(data: bytes) -> None:
        fuzzer.one_input(data)
        if fuzzer.done():
            print(summary(fuzzer, started, "atheris"), flush=True)
            os._exit(1 if fuzzer.crashes else 0)  # libFuzzer would not return

    for n, seed in enumerate(SEEDS):
        (corpus / f"seed{n}").write_bytes(seed)
    args = [sys.argv[0], f"-max_total_time={int(seconds) + 5}", "-max_len=8192",
            "-rss_limit_mb=4096", "-print_final_stats=0", str(corpus)]
    atheris.Setup(args, target)
    atheris.Fuzz()


def run_hypothesis(fuzzer: Fuzzer) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    inputs = st.one_of(
        st.binary(max_size=4096),
        st.sampled_from(SEEDS),
        st.tuples(st.sampled_from(SEEDS), st.binary(max_size=64), st.integers(0, 200)).map(
            lambda t: t[0][: t[2]] + t[1] + t[0][t[2]:]),
        st.tuples(st.integers(0, 4), st.text(max_size=2000)).map(
            lambda t: bytes([t[0]]) + t[1].encode("utf-8", "surrogatepass")),
    )

    @settings(max_examples=500, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(inputs)
    def batch(data: bytes) -> None:
        if not fuzzer.done():
            fuzzer.one_input(data)

    while not fuzzer.done():
        batch()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--crash-dir", default=None, help="Where crashing inputs go.")
    parser.add_argument("--no-actors", dest="actors", action="store_false",
                        help="Skip the actor resolver (no spaCy model load).")
    parser.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    args = parser.parse_args(argv)
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401
            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    with tempfile.TemporaryDirectory(prefix="amity-fuzz-") as tmp:
        work = Path(tmp)
        crash_dir = Path(args.crash_dir) if args.crash_dir else work / "crashes"
        fuzzer = _make_fuzzer(work, crash_dir, args.seconds, args.actors, engine)
        started = time.monotonic()
        fuzzer.deadline = started + args.seconds
        if engine == "atheris":
            corpus = work / "corpus"
            corpus.mkdir()
            run_atheris(fuzzer, args.seconds, started, corpus)
        run_hypothesis(fuzzer)
        print(summary(fuzzer, started, engine), flush=True)
    return 1 if fuzzer.crashes else 0


def _make_fuzzer(work: Path, crash_dir: Path, seconds: float, actors: bool, engine: str) -> Fuzzer:
    """Import amity (instrumented for coverage under atheris) and build the fuzzer."""
    if engine == "atheris":
        import atheris

        with atheris.instrument_imports(include=["amity"]):
            import amity.ingest  # noqa: F401
            import amity.nlp.amounts  # noqa: F401
            import amity.nlp.dates  # noqa: F401
    return Fuzzer(work, crash_dir, time.monotonic() + seconds, actors)


if __name__ == "__main__":
    sys.exit(main())
