"""Real-text corpora for the benchmarks, built from ``../shared`` when it is present.

* ``dev``: the 40 real-news excerpts of ``../shared/dev/articles.jsonl`` (one JSONL file);
* ``seeds``: the five long seed articles of ``../shared/seeds`` (a folder of ``.txt`` files).

Both are repeated to the size asked for; every copy is made unique by one short neutral
paragraph inserted after the lead (no actor, no date, no verb the coder codes: a paragraph
further down could land in a page's trailing boilerplate, which ingest drops),
so the store keeps every copy and the parse sees text as real as the original. Nothing of
``../shared`` is copied into the project: the corpora are written to the benchmark's work
folder. Without ``../shared`` (a user's fresh clone) :func:`shared_dir` is ``None`` and the
benchmarks skip these corpora.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REAL_CORPORA = ("dev", "seeds")


def shared_dir() -> Path | None:
    """``../shared`` (or ``AMITY_SHARED_DIR``) if it holds the dev set and the seeds."""
    folder = Path(os.environ.get("AMITY_SHARED_DIR", REPO.parent / "shared"))
    if (folder / "dev" / "articles.jsonl").is_file() and (folder / "seeds").is_dir():
        return folder
    return None


def unique_copy(text: str, copy: int) -> str:
    """``text`` with a neutral paragraph naming ``copy`` after its title and first paragraph."""
    paragraphs = text.split("\n\n")
    middle = min(2, len(paragraphs))
    marker = f"Archive copy {copy} follows."
    return "\n\n".join([*paragraphs[:middle], marker, *paragraphs[middle:]])


def dev_corpus(root: Path, articles: int, shared: Path) -> Path:
    """A JSONL file of ``articles`` dev excerpts (repeated, each copy unique)."""
    path = root / f"real-dev-{articles}.jsonl"
    if path.is_file():
        return path
    rows = [json.loads(line) for line in (shared / "dev" / "articles.jsonl").read_text("utf-8").splitlines()
            if line.strip()]
    root.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for n in range(articles):
            row = rows[n % len(rows)]
            copy = n // len(rows)
            record = {**row, "id": f"{copy:05d}-{row['id']}", "text": unique_copy(row["text"], copy)}
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def seeds_corpus(root: Path, articles: int, shared: Path) -> Path:
    """A folder of ``articles`` seed articles as ``.txt`` files (repeated, each copy unique)."""
    folder = root / f"real-seeds-{articles}"
    marker = folder / ".done"
    if marker.exists():
        return folder
    seeds = sorted((shared / "seeds").glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(articles):
        seed = seeds[n % len(seeds)]
        copy = n // len(seeds)
        (folder / f"{copy:05d}-{seed.name}").write_text(
            unique_copy(seed.read_text("utf-8"), copy), encoding="utf-8")
    marker.touch()
    return folder


def real_corpus(name: str, root: Path, articles: int, shared: Path) -> Path:
    """The real-text corpus ``name`` (``dev`` or ``seeds``) of ``articles`` articles."""
    if name == "dev":
        return dev_corpus(root, articles, shared)
    return seeds_corpus(root, articles, shared)


def corpus_texts(path: Path) -> list[str]:
    """The raw texts of a corpus as given to ``amity ingest`` (JSONL ``text`` or ``.txt`` files)."""
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    texts: list[str] = []
    for file in files:
        if file.suffix == ".jsonl":
            texts += [json.loads(line)["text"] for line in file.read_text("utf-8").splitlines() if line.strip()]
        elif file.suffix == ".txt":
            texts.append(file.read_text("utf-8"))
    return texts
