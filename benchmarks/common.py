"""Shared helpers for the benchmark scripts: machine description, components, corpora."""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# this checkout's amity, not whichever one is installed (a second worktree measures itself)
sys.path[:0] = [str(HERE), str(HERE.parent)]

from spacy.language import Language  # noqa: E402
from synth import write_corpus  # noqa: E402

import amity.nlp.pipeline  # noqa: E402,F401 - registers amity's factories
from amity.settings import DEFAULT_COMPONENTS  # noqa: E402


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def ram_gb() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    return 0.0


def machine_line() -> str:
    return (f"{dt.date.today().isoformat()} | {os.cpu_count()} cores | {ram_gb():.0f} GB RAM | "
            f"{cpu_model()} | Python {platform.python_version()}")


def available_components() -> tuple[str, ...]:
    """The default components registered in this checkout (others are skipped)."""
    if "AMITY_COMPONENTS" in os.environ:
        raw = os.environ["AMITY_COMPONENTS"]
        return tuple(p.strip() for p in raw.split(",") if p.strip() and p.strip() != "none")
    return tuple(name for name in DEFAULT_COMPONENTS if Language.has_factory(name))


def corpus(root: Path, articles: int, seed: int = 1, sentences: tuple[int, int] = (6, 12)) -> Path:
    """A cached synthetic corpus folder of ``articles`` articles (generated once)."""
    folder = root / f"corpus-{articles}-s{seed}-{sentences[0]}_{sentences[1]}"
    marker = folder / ".done"
    if not marker.exists():
        write_corpus(folder, articles, seed, sentences=sentences)
        marker.touch()
    return folder
