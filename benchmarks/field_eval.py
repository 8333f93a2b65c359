"""Field benchmarks: amity's event coder on two public test sets of the field.

Usage (from the repo root, with the project's virtualenv):

    .venv/bin/python benchmarks/field_eval.py                 # both sets
    .venv/bin/python benchmarks/field_eval.py --set plover    # PLOVER gold-standard records only
    .venv/bin/python benchmarks/field_eval.py --set petrarch  # PETRARCH2 unit-test sentences only
    .venv/bin/python benchmarks/field_eval.py --reference DIR # another copy of ../shared/reference

(a) PLOVER_GSR_CAMEO.txt (a JSON array; the DOCUMENT record is skipped): each record has
    `text`, `source`/`target` actor lists with ISO codes and a PLOVER `event` type. We report
    event-type accuracy (our CAMEO code mapped to PLOVER, of the highest-confidence event,
    over the records where we code an event with a PLOVER type), coverage, and source/target
    country agreement. The set predates PLOVER's renaming of DISAPPROVE/DEMAND to
    ACCUSE/REQUEST, so those pairs count as equal (the strict figure is printed too).
(b) PETR.UnitTest.records.xml: sentences with the expected `<EventCoding sourcecode
    targetcode eventcode>`, about fictional countries (Arnor, Gondor...). Their actor
    dictionary PETR.Validate.actors.txt is converted to a temporary amity actor YAML, passed
    to the actor resolver as an extra file. We report root-code accuracy, source and target
    agreement (first three letters of the code) and full-triple agreement, over the expected
    triples, each judged against the events coded from its sentence.

This is a measurement, not a training set: do not tune patterns on its sentences. The
package itself never reads ../shared; only this script does.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from amity.codebook.cameo import load_cameo
from amity.nlp.pipeline import load_nlp
from amity.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference"
RENAMED = {"ACCUSE": "DISAPPROVE", "REQUEST": "DEMAND"}  # PLOVER 0.8 name -> the set's name
ACTOR_LINE = re.compile(r"^([^\[#<+]+?)\s*\[\s*([A-Za-z0-9]{3,})\b[^\]]*\]")


@dataclass
class Tally:
    """Counts for one figure: hits over a total."""

    hits: int = 0
    total: int = 0

    def add(self, hit: bool) -> None:
        self.hits += int(hit)
        self.total += 1

    def __str__(self) -> str:
        share = self.hits / self.total if self.total else 0.0
        return f"{share:.3f} ({self.hits}/{self.total})"


def code_texts(nlp: Any, texts: Iterable[tuple[str, str | None]]) -> list[list[dict[str, Any]]]:
    """The factual, non-negated events of each (text, published) pair."""
    docs = []
    for text, published in texts:
        doc = nlp.make_doc(text)
        doc._.published = published
        doc._.doc_name = "bench"
        docs.append(doc)
    return [[e for e in doc._.events if e["factual"] and not e["negated"]] for doc in nlp.pipe(docs)]


# ---- (a) PLOVER ---------------------------------------------------------------------
def plover_records(reference: Path) -> list[dict[str, Any]]:
    data = json.loads((reference / "plover" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    return [r for r in data if r.get("event") != "DOCUMENT" and r.get("text")]


def _codes(actors: Any) -> set[str]:
    return {str(a.get("code", ""))[:3].upper() for a in actors or [] if isinstance(a, dict)}


def run_plover(reference: Path) -> dict[str, str]:
    records = plover_records(reference)
    nlp = load_nlp(Settings())
    cameo = load_cameo()
    coded = code_texts(nlp, ((r["text"], _iso(r.get("date"))) for r in records))
    strict, renamed, coverage, source, target = Tally(), Tally(), Tally(), Tally(), Tally()
    for record, events in zip(records, coded, strict=True):
        typed = [e for e in events if cameo.get(e["cameo"]).plover]
        coverage.add(bool(typed))
        if not typed:
            continue
        best = max(typed, key=lambda e: e["confidence"])
        ours = str(cameo.get(best["cameo"]).plover)
        strict.add(ours == record["event"])
        renamed.add(RENAMED.get(ours, ours) == record["event"])
        source.add(str(best["source"].get("country") or "")[:3] in _codes(record.get("source")))
        if record.get("target"):
            target.add(str(best["target"].get("country") or "")[:3] in _codes(record.get("target")))
    return {"records": str(len(records)), "coverage": str(coverage),
            "event type accuracy": str(renamed), "event type accuracy (strict names)": str(strict),
            "source agreement": str(source), "target agreement": str(target)}


def _iso(date: Any) -> str | None:
    text = str(date or "")
    if re.fullmatch(r"\d{8}", text):
        return f"{text[:4]}-{text[4:6]}-{text[6:]}"
    return text[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", text) else None


# ---- (b) PETRARCH2 --------------------------------------------------------------------
def petrarch_actor_yaml(actors_file: Path) -> dict[str, Any]:
    """PETRARCH's actor dictionary as an amity actor codebook: three-letter codes become
    countries, longer ones agencies with country = first three letters, sector = next three."""
    countries: dict[str, dict[str, Any]] = {}
    agencies: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    text = re.sub(r"<!--.*?-->", "", actors_file.read_text(encoding="latin-1"), flags=re.S)
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if line.startswith("+") and current is not None:
            current.setdefault("aliases", []).append(_name(line[1:]))
            continue
        match = ACTOR_LINE.match(line)
        if not match:
            current = None if line else current
            continue
        current = _actor_entry(_name(match.group(1)), match.group(2).upper(), countries, agencies)
    for entry in countries.values():
        entry["names"] = sorted(set(entry.pop("aliases", [])) - {entry["name"]})
    return {"version": "petrarch-validate", "countries": list(countries.values()), "agencies": agencies}


def _name(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split()).title()


def _actor_entry(name: str, code: str, countries: dict[str, dict[str, Any]],
                 agencies: list[dict[str, Any]]) -> dict[str, Any] | None:
    if not name or not re.fullmatch(r"[A-Z0-9]{3,9}", code):
        return None
    if len(code) == 3 and code.isalpha():
        entry = countries.setdefault(code, {"iso3": code, "name": name})
        if entry["name"] != name:
            entry.setdefault("aliases", []).append(name)
        return entry
    sector = code[3:6] if re.fullmatch(r"[A-Z]{3}", code[3:6]) else "IGO"
    agency = {"key": f"petr_{len(agencies)}", "name": name, "code": code, "country": code[:3], "sector": sector}
    agencies.append(agency)
    return agency


def petrarch_sentences(reference: Path) -> list[tuple[str, str | None, list[tuple[str, str, str]]]]:
    """(text, published, expected triples) of each unit-test sentence with expected codings."""
    raw = (reference / "petrarch2" / "PETR.UnitTest.records.xml").read_text(encoding="latin-1")
    root = ET.fromstring(raw)
    out = []
    for sent in root.iter("Sentence"):
        text_node = sent.find("Text")
        triples = [(c.get("sourcecode") or "", c.get("targetcode") or "", c.get("eventcode") or "")
                   for c in sent.findall("EventCoding")]
        triples = [t for t in triples if re.fullmatch(r"\d{3,4}", t[2])]
        if text_node is None or not text_node.text or not triples:
            continue
        out.append((" ".join(text_node.text.split()), _iso(sent.get("date")), triples))
    return out


def run_petrarch(reference: Path) -> dict[str, str]:
    sentences = petrarch_sentences(reference)
    book = petrarch_actor_yaml(reference / "petrarch2" / "PETR.Validate.actors.txt")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "petrarch_actors.yaml"
        path.write_text(yaml.safe_dump(book, allow_unicode=True, sort_keys=False), encoding="utf-8")
        nlp = load_nlp(Settings(actors_files=(str(path),)))
        coded = code_texts(nlp, ((text, published) for text, published, _ in sentences))
    root_hit, source, target, triple, coverage = Tally(), Tally(), Tally(), Tally(), Tally()
    for (_, _, expected), events in zip(sentences, coded, strict=True):
        coverage.add(bool(events))
        for src, tgt, code in expected:
            pairs = [(str(e["source"].get("code") or ""), str(e["target"].get("code") or ""), e["cameo"])
                     for e in events]
            root_hit.add(any(c[:2] == code[:2] for _, _, c in pairs))
            source.add(any(s[:3] == src[:3] for s, _, _ in pairs))
            target.add(any(t[:3] == tgt[:3] for _, t, _ in pairs))
            triple.add(any(s[:3] == src[:3] and t[:3] == tgt[:3] and c[:2] == code[:2] for s, t, c in pairs))
    return {"sentences": str(len(sentences)), "coverage (any event)": str(coverage),
            "root-code accuracy": str(root_hit), "source agreement": str(source),
            "target agreement": str(target), "source+target+root agreement": str(triple)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    parser.add_argument("--set", choices=("plover", "petrarch", "both"), default="both")
    args = parser.parse_args(argv)
    if not args.reference.is_dir():
        print(f"no reference folder at {args.reference}", file=sys.stderr)
        return 2
    runs = {"plover": run_plover, "petrarch": run_petrarch}
    for name, run in runs.items():
        if args.set not in (name, "both"):
            continue
        started = time.perf_counter()
        figures = run(args.reference)
        print(f"== {name} ({time.perf_counter() - started:.1f}s)")
        for key, value in figures.items():
            print(f"  {key}: {value}")
    print(f"command: .venv/bin/python benchmarks/field_eval.py --set {args.set}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
