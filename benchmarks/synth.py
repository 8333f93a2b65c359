"""Seeded synthetic news corpus for benchmarks: realistic articles from templates and codebooks.

Countries, capitals and office holders come from ``amity/codebook/data/actors/*.yaml`` and
verbs from ``amity/codebook/data/verbs.yaml`` when present; ``benchmarks/templates.yaml``
holds the sentence templates (and a small fallback actor list). Same seed, same corpus.

    python benchmarks/synth.py --articles 10000 --seed 1 -o DIR
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
CODEBOOK = HERE.parent / "amity" / "codebook" / "data"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
OUTLETS = ("Regional Wire Service", "Mekong Daily", "Pacific Ledger", "Capital Herald")


@dataclass(frozen=True)
class Country:
    name: str
    capital: str
    leaders: tuple[str, ...]  # "Prime Minister Fumio Kishida", ...


def _load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _leaders_by_country(people_file: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    if not people_file.is_file():
        return out
    for person in _load_yaml(people_file).get("people") or []:
        for role in person.get("roles") or []:
            if role.get("role") and person.get("country"):
                out.setdefault(person["country"], []).append(f"{role['role']} {person['name']}")
    return out


def load_countries(templates: dict[str, Any]) -> list[Country]:
    """Countries with a capital from the codebook (leaders from people.yaml), or the fallback."""
    countries_file = CODEBOOK / "actors" / "countries.yaml"
    leaders = _leaders_by_country(CODEBOOK / "actors" / "people.yaml")
    out: list[Country] = []
    if countries_file.is_file():
        for entry in _load_yaml(countries_file).get("countries") or []:
            if entry.get("capitals") and not entry.get("end"):
                names = leaders.get(entry["iso3"]) or [f"the government of {entry['name']}"]
                out.append(Country(entry["name"], entry["capitals"][0], tuple(names)))
    if len(out) < 2:
        out = [Country(c["name"], c["capital"], (c["leader"],)) for c in templates["fallback_countries"]]
    return out


def load_verbs(templates: dict[str, Any]) -> list[str]:
    """Past tenses of the template verbs that verbs.yaml codes (all of them without it)."""
    past: dict[str, str] = templates["past"]
    verbs_file = CODEBOOK / "verbs.yaml"
    if not verbs_file.is_file():
        return sorted(past.values())
    known = set((_load_yaml(verbs_file).get("verbs") or {}).keys())
    return sorted(form for lemma, form in past.items() if lemma in known) or sorted(past.values())


def _capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


class Generator:
    """Articles as JSON-ready dicts (the JSONL input format amity reads)."""

    def __init__(self, seed: int, sentences: tuple[int, int] = (6, 12)) -> None:
        self.templates = _load_yaml(HERE / "templates.yaml")
        self.countries = load_countries(self.templates)
        self.verbs = load_verbs(self.templates)
        self.sentences = sentences
        self.seed = seed

    def _date(self, rng: random.Random) -> dt.date:
        return dt.date(1990, 1, 1) + dt.timedelta(days=rng.randrange(12_500))

    def _fill(self, template: str, rng: random.Random, a: Country, b: Country, day: dt.date) -> str:
        earlier = day - dt.timedelta(days=rng.randrange(30, 3000))
        return template.format(
            A=rng.choice(a.leaders), B=rng.choice(b.leaders), AC=a.name, BC=b.name,
            CAP=b.capital, V=rng.choice(self.verbs), AMOUNT=rng.choice(self.templates["amounts"]),
            DAY=WEEKDAYS[day.weekday()], DATE=f"{earlier:%B} {earlier.day}, {earlier.year}",
            TOPIC=rng.choice(self.templates["topics"]),
        )

    def article(self, index: int) -> dict[str, Any]:
        rng = random.Random(f"{self.seed}:{index}")
        a, b = rng.sample(self.countries, 2)
        day = self._date(rng)
        count = rng.randint(*self.sentences)
        picks = [rng.choice(self.templates["leads"])]
        picks += [rng.choice(self.templates["body"]) for _ in range(max(0, count - 2))]
        picks.append(rng.choice(self.templates["closers"]))
        lines = [_capitalise(self._fill(t, rng, a, b, day)) for t in picks]
        paragraphs = [" ".join(lines[i : i + 3]) for i in range(0, len(lines), 3)]
        return {
            "id": f"synth-{self.seed}-{index:08d}",
            "title": f"{a.name} and {b.name} discuss {rng.choice(self.templates['topics'])}",
            "published": day.isoformat(),
            "source": rng.choice(OUTLETS),
            "text": "\n\n".join(paragraphs),
        }

    def articles(self, count: int, start: int = 0) -> Iterator[dict[str, Any]]:
        for index in range(start, start + count):
            yield self.article(index)


def write_corpus(out_dir: Path, count: int, seed: int = 1, shard_size: int = 10_000,
                 sentences: tuple[int, int] = (6, 12)) -> list[Path]:
    """Write ``count`` articles as JSONL shards of ``shard_size``; return the shard paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    gen = Generator(seed, sentences)
    paths = []
    for shard, start in enumerate(range(0, count, shard_size)):
        path = out_dir / f"synth-{seed}-{shard:04d}.jsonl"
        with path.open("w", encoding="utf-8") as handle:
            for record in gen.articles(min(shard_size, count - start), start):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--shard-size", type=int, default=10_000)
    parser.add_argument("--sentences", default="6-12", help="min-max sentences per article")
    parser.add_argument("-o", "--out", required=True, type=Path)
    args = parser.parse_args(argv)
    lo, hi = (int(x) for x in args.sentences.split("-"))
    paths = write_corpus(args.out, args.articles, args.seed, args.shard_size, (lo, hi))
    print(f"wrote {args.articles} articles in {len(paths)} shard(s) to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
