"""Convert PETRARCH2's CAMEO verb dictionary into amity's predicate codebook schema.

    python scripts/convert_petrarch_verbs.py                      # ../shared/reference/... -> data file
    python scripts/convert_petrarch_verbs.py SOURCE.txt -o OUT.yaml --drop DROP.yaml
    python scripts/convert_petrarch_verbs.py --check              # exit 1 if the data file is stale

The source is ``CAMEO.2.0.verbs.txt`` (openeventdata/petrarch2, MIT). Every verb of a
synonym block (``--- NAME [code] ---`` then one verb a line, each with an optional own code)
becomes an entry keyed by its lemma with its own code or the block's; the block's phrase
patterns (``- * (TO BORDER) [154]``) become rules when amity's rule keys can say them: one
object noun phrase (head -> ``objects``, the words before it -> ``modifiers``) and at most
one particle or preposition (``particles``). Patterns with words before the verb, two noun
phrases, two particles, codes for the target only (``[:173]``) or codes amity does not
know are skipped and counted. Two-word verbs (``+CALL_OFF``) become a rule of their first
word. The drop file (``verbs_petrarch_drop.yaml``) lists lemmas left out whole and CAMEO
codes or roots whose defaults and rules are left out, as measured on the real-news dev set.
The output is sorted and written the same way each run.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "reference" / "petrarch2" / "CAMEO.2.0.verbs.txt"
DEFAULT_OUT = REPO / "amity" / "codebook" / "data" / "verbs_petrarch.yaml"
DEFAULT_DROP = REPO / "amity" / "codebook" / "data" / "verbs_petrarch_drop.yaml"
VERSION = "2.0.1"  # CAMEO.2.0 of the source, then the converter's own revision



def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


PARTICLES = _set("""about above across after against ahead along alongside among amid apart around as
aside at away back before behind below beneath beside between beyond by down for forth forward from in
inside into near of off on onto out outside over past since through throughout to together toward towards
under until up upon with within without""")
ARTICLES = _set("a an the his her its their our my your this that these those")
AUXILIARIES = _set("be is are am was were been being have has had will would shall")
Lemmatize = Callable[[str, str], list[str]]  # (word, POS) -> lemmas, the likeliest first

LICENCE = """\
# The MIT License (MIT)
#
# Copyright (c) 2015 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


# ---- reading the PETRARCH2 file ---------------------------------------------------------
@dataclass
class Line:
    """One verb or pattern line: its text without comments, code and first comment word."""

    text: str
    code: str | None  # the raw [...] content, None when the line gives none
    origin: str = ""  # pattern lines: the verb the pattern was first written for


@dataclass
class Block:
    """A verb synonym block: a default code, its verbs, and the patterns they share."""

    name: str
    code: str | None
    verbs: list[Line] = field(default_factory=list)
    patterns: list[Line] = field(default_factory=list)


@dataclass
class Dictionary:
    synsets: dict[str, list[str]] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)


CODE = re.compile(r"\[([^\]]*)\]")
HEADER = re.compile(r"^---\s+(\S+)\s+(?:\[([^\]]*)\])?\s*---")


def _split(raw: str) -> Line:
    """Comment, code and text of one line (``#`` and legacy ``;`` start comments)."""
    body, _, comment = raw.partition("#")
    body = body.split(";", 1)[0]
    codes = CODE.findall(body)
    text = CODE.sub(" ", body)
    origin = comment.split()[0].strip(",").upper() if comment.split() else ""
    return Line(" ".join(text.split()), codes[-1].strip() if codes else None, origin)


def read_dictionary(text: str) -> Dictionary:
    """Synsets (``&NAME`` then ``+word`` lines) and verb blocks of a PETRARCH2 verb file."""
    book = Dictionary()
    synset: list[str] | None = None
    block: Block | None = None
    for raw in re.sub(r"<!--.*?-->", " ", text, flags=re.S).splitlines():
        if raw.startswith("#") or not raw.strip():
            synset = None if not raw.strip() else synset
            continue
        if raw.startswith("~"):  # transformations: not verb patterns
            continue
        header = HEADER.match(raw)
        if header:
            block, synset = Block(header.group(1), header.group(2)), None
            book.blocks.append(block)
        elif raw.startswith("&"):
            synset = book.synsets.setdefault(raw.split()[0][1:].rstrip("_").upper(), [])
        elif synset is not None and raw.startswith("+"):
            synset.append(_split(raw[1:]).text.replace("_", " ").strip())
        elif block is not None:
            line = _split(raw)
            (block.patterns if raw.lstrip().startswith("-") else block.verbs).append(line)
    return book


# ---- codes ------------------------------------------------------------------------------
@dataclass(frozen=True)
class Code:
    """A converted code: CAMEO code (None: no event), both ways, or why it cannot be used."""

    code: str | None
    symmetric: bool = False
    skip: str = ""


def parse_code(raw: str | None, known: frozenset[str]) -> Code:
    """``[070]``, ``[040:040]`` (both ways), ``[042:043]`` (guest's code), ``[---]``, ``[:173]``."""
    if raw is None or raw.strip() in ("", "---"):
        return Code(None)
    source, _, target = raw.partition(":")
    source, target = source.strip(), target.strip()
    if not source:
        return Code(None, skip="code for the target only")
    if source not in known:
        return Code(None, skip="code amity does not know")
    return Code(source, symmetric=source == target)


# ---- patterns -> rule conditions --------------------------------------------------------
@dataclass(frozen=True)
class Condition:
    objects: tuple[str, ...] = ()
    modifiers: tuple[str, ...] = ()
    particles: tuple[str, ...] = ()


TOKEN = re.compile(r"\([^)]*\)|\{[^}]*\}|\S+")


class Converter:
    """Turns PETRARCH2 words, phrases and patterns into amity lemmas and rule conditions."""

    def __init__(self, synsets: dict[str, list[str]], lemmatize: Lemmatize) -> None:
        self.synsets = synsets
        self.lemmatize = lemmatize

    def nouns(self, word: str) -> list[str] | None:
        """Noun lemmas a word or ``&SYNSET`` stands for (a synset's one-word members)."""
        if word.startswith("&"):
            members = self.synsets.get(word[1:].rstrip("_").upper())
            if members is None:
                return None
            return sorted({lemma for m in members if " " not in m and m for lemma in self.lemmatize(m, "NOUN")})
        clean = word.strip("_").lower()
        return sorted(self.lemmatize(clean, "NOUN")) if re.fullmatch(r"[a-z][a-z'-]*", clean) else None

    def phrase(self, words: list[str]) -> tuple[list[str], list[str]] | str:
        """(head lemmas, modifier lemmas) of a noun phrase, or why it cannot be used."""
        words = [w for w in words if w.lower() not in ARTICLES]
        if not words:
            return [], []
        heads = self.nouns(words[-1])
        modifiers = [self.nouns(w) for w in words[:-1]]
        if heads is None or any(m is None for m in modifiers):
            return "undefined synset or odd word"
        return heads, sorted({lemma for group in modifiers if group for lemma in group})

    def condition(self, text: str) -> Condition | str:
        """The rule conditions of a pattern line (``- * (TO BORDER)``), or why it is skipped."""
        before, star, after = text.lstrip("- ").partition("*")
        if not star or "*" in after or after.startswith("_") or before.endswith("_"):
            return "no single verb position"
        if any(t not in ("$", "+", "%") for t in before.split()):
            return "words before the verb"
        particles: list[str] = []
        nouns: list[list[str]] = []
        for token in TOKEN.findall(after):
            found = self._token(token, particles, nouns)
            if found:
                return found
        return self._assemble(particles, nouns)

    def _token(self, token: str, particles: list[str], nouns: list[list[str]]) -> str:
        """Sorts one pattern token into particles and noun phrases; '' or why it is skipped."""
        if token.startswith("("):
            inner = [w for w in token[1:-1].split() if w not in ("$", "+", "%", "^")]
            if not inner or inner[0].lower() not in PARTICLES:
                return "phrase that is not prepositional" if inner else ""
            particles.append(inner[0].lower())
            if inner[1:]:
                nouns.append(inner[1:])
            return ""
        if token.startswith("{"):
            nouns.append(token[1:-1].split())
        elif token.lower() in PARTICLES:
            particles.append(token.lower())
        elif token in ("$", "+", "%", "^"):
            return ""
        elif re.search(r"ly$", token, re.I) and not token.startswith("&"):
            return "adverb (amity's rules do not test adverbs)"
        elif nouns and not token.startswith(("{", "(")) and _bare(nouns[-1]):
            nouns[-1].append(token)  # "BOLSTER TIES": words a gap apart, one phrase
        else:
            nouns.append([token.replace("_", " ")] if "_" not in token else token.split("_"))
        return ""

    def _assemble(self, particles: list[str], nouns: list[list[str]]) -> Condition | str:
        if len(particles) > 1:
            return "two particles or prepositions"
        if len(nouns) > 1:
            return "two noun phrases"
        heads: list[str] = []
        modifiers: list[str] = []
        if nouns:
            found = self.phrase(nouns[0])
            if isinstance(found, str):
                return found
            heads, modifiers = found
        if not heads and not particles:
            return "no word to test (actors only)"
        return Condition(tuple(heads), tuple(modifiers), tuple(particles))


def _bare(words: list[str]) -> bool:
    return all(not w.startswith("&") for w in words) and len(words) < 3


# ---- verbs -> entries -------------------------------------------------------------------
@dataclass(frozen=True)
class Rule:
    condition: Condition
    code: str | None
    symmetric: bool = False
    origin: str = ""  # the PETRARCH verb the pattern was written for


@dataclass
class Entry:
    lemma: str
    code: str | None
    symmetric: bool
    blocks: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    seen: bool = False  # a one-word verb line has given the entry its code


@dataclass
class Drop:
    """What the drop file leaves out: whole lemmas, and codes or roots (as prefixes)."""

    lemmas: frozenset[str] = frozenset()
    codes: tuple[str, ...] = ()
    defaults: frozenset[str] = frozenset()  # lemmas that keep their rules but lose their default
    rules_only: bool = True  # False: entries that code nothing alone are left out, rules and all

    def code(self, code: str | None) -> bool:
        return code is not None and code.startswith(self.codes) if self.codes else False


class Build:
    """The converted entries of a whole dictionary, with counts of what was kept or skipped."""

    def __init__(self, book: Dictionary, lemmatize: Lemmatize, known: frozenset[str],
                 scope: str = "block") -> None:
        self.converter = Converter(book.synsets, lemmatize)
        self.scope = scope  # "block": patterns apply to every verb of the block (PETRARCH2's
        # reading); "origin": only to the verb each pattern was written for
        self.lemmatize = lemmatize
        self.known = known
        self.counts: Counter[str] = Counter()
        self.entries: dict[str, Entry] = {}
        for block in book.blocks:
            self._block(block)

    def _block(self, block: Block) -> None:
        default = parse_code(block.code, self.known)
        rules = [rule for line in block.patterns for rule in self._pattern(line)]
        for line in block.verbs:
            own = parse_code(line.code, self.known) if line.code is not None else default
            if own.skip:
                self.counts[f"verbs skipped: {own.skip}"] += 1
                continue
            words = line.text.split()[0].lstrip("+").strip("_").split("_") if line.text else []
            if len(words) == 1:
                mine = [r for r in rules if self.scope == "block" or r.origin in ("", words[0].upper())]
                self._verb(words[0], own, block.name, mine)
            elif len(words) == 2 and words[0].lower() not in AUXILIARIES:
                self._phrasal(words, own, block.name)
            else:
                self.counts["verbs skipped: phrase of auxiliaries or 3+ words"] += 1

    def _pattern(self, line: Line) -> list[Rule]:
        code = parse_code(line.code, self.known)
        condition = self.converter.condition(line.text) if not code.skip else code.skip
        if isinstance(condition, str):
            self.counts[f"patterns skipped: {condition}"] += 1
            return []
        self.counts["patterns converted"] += 1
        return [Rule(condition, code.code, code.symmetric, line.origin)]

    def _entry(self, word: str, code: Code, block: str) -> Entry:
        lemma = self.lemmatize(word.lower(), "VERB")[0]
        entry = self.entries.setdefault(lemma, Entry(lemma, code.code, code.symmetric))
        if block not in entry.blocks:
            entry.blocks.append(block)
        return entry

    def _verb(self, word: str, code: Code, block: str, rules: list[Rule]) -> None:
        entry = self._entry(word, code, block)
        if not entry.seen:  # the first block that lists the verb gives its code
            entry.code, entry.symmetric, entry.seen = code.code, code.symmetric, True
        entry.rules.extend(rules)
        self.counts["verbs converted"] += 1

    def _phrasal(self, words: list[str], code: Code, block: str) -> None:
        """``+CALL_OFF [160]``: a rule of "call" on its particle (or object noun)."""
        entry = self._entry(words[0], Code(None), block)
        second = words[1].lower()
        nouns = self.converter.nouns(second)
        if second in PARTICLES:
            condition = Condition(particles=(second,))
        elif nouns:
            condition = Condition(objects=tuple(nouns))
        else:
            self.counts["verbs skipped: phrase of auxiliaries or 3+ words"] += 1
            return
        entry.rules.insert(0, Rule(condition, code.code, code.symmetric, words[0].upper()))
        self.counts["two-word verbs converted to rules"] += 1


# ---- tidying the rules of one entry -----------------------------------------------------
def _keys(rule: Rule) -> int:
    condition = rule.condition
    return sum(1 for words in (condition.objects, condition.modifiers, condition.particles) if words)


def _overlap(a: Condition, b: Condition) -> bool:
    """Whether one predicate's words could satisfy both conditions."""
    pairs = ((a.objects, b.objects), (a.modifiers, b.modifiers), (a.particles, b.particles))
    return all(not x or not y or set(x) & set(y) for x, y in pairs)


def _resolve(entry: Entry) -> list[Rule]:
    """One rule per condition: the one written for this very verb, else the first."""
    chosen: dict[Condition, Rule] = {}
    for rule in entry.rules:
        held = chosen.get(rule.condition)
        if held is None or (held.origin != entry.lemma.upper() and rule.origin == entry.lemma.upper()):
            chosen[rule.condition] = rule
    return list(chosen.values())


def _merged(rules: list[Rule]) -> list[Rule]:
    """Rules that differ only in their object nouns become one rule (in the first's place)."""
    groups: dict[tuple[object, ...], list[Rule]] = {}
    for rule in rules:
        c = rule.condition
        key = (c.modifiers, c.particles, bool(c.objects), rule.code, rule.symmetric)
        groups.setdefault(key, []).append(rule)
    merged = []
    for group in groups.values():
        objects = tuple(sorted({word for rule in group for word in rule.condition.objects}))
        first = group[0]
        merged.append(Rule(Condition(objects, first.condition.modifiers, first.condition.particles),
                           first.code, first.symmetric))
    return merged


def tidy(entry: Entry) -> list[Rule]:
    """Most specific rules first; rules giving the default are kept only where they shadow one."""
    rules = sorted(_merged(_resolve(entry)), key=lambda r: -_keys(r))
    kept = []
    for i, rule in enumerate(rules):
        same = rule.code == entry.code and (entry.symmetric or not rule.symmetric)  # absent: inherited
        if same and not any(_overlap(rule.condition, later.condition) and later.code != rule.code
                            for later in rules[i + 1:]):
            continue
        kept.append(rule)
    return kept


def apply_drop(entries: dict[str, Entry], drop: Drop, counts: Counter[str]) -> list[Entry]:
    """Entries left after the drop list, their rules tidied; entries that code nothing go."""
    out = []
    for lemma in sorted(entries):
        entry = entries[lemma]
        if lemma in drop.lemmas:
            counts["entries dropped (drop list: lemma)"] += 1
            continue
        if entry.code is not None and (drop.code(entry.code) or lemma in drop.defaults):
            entry.code, entry.symmetric = None, False
            counts["entry defaults dropped (drop list: code or default)"] += 1
        before = len(entry.rules)
        entry.rules = [r for r in entry.rules if not drop.code(r.code)]
        counts["pattern rules dropped (drop list: code)"] += before - len(entry.rules)
        entry.rules = tidy(entry)
        if entry.code is None and not any(r.code for r in entry.rules):
            counts["entries without any event code left out"] += 1
            continue
        if entry.code is None and not drop.rules_only:
            counts["entries with rules only left out (drop list: rules_only)"] += 1
            continue
        out.append(entry)
    return out


# ---- writing ----------------------------------------------------------------------------
def _rule_json(rule: Rule) -> str:
    fields: dict[str, object] = {key: list(words) for key, words in (
        ("objects", rule.condition.objects), ("modifiers", rule.condition.modifiers),
        ("particles", rule.condition.particles)) if words}
    fields["code"] = rule.code
    if rule.symmetric:
        fields["symmetric"] = True
    return json.dumps(fields, ensure_ascii=False)


def _entry_json(entry: Entry, last: bool) -> list[str]:
    """One entry: its code, then one rule a line (JSON, which is also YAML)."""
    head: dict[str, object] = {"code": entry.code, "why": "PETRARCH2 " + ", ".join(entry.blocks)}
    if entry.symmetric:
        head["symmetric"] = True
    text = f"  {json.dumps(entry.lemma)}: {json.dumps(head, ensure_ascii=False)[:-1]}"
    end = "}" if last else "},"
    if not entry.rules:
        return [text + end]
    rules = [f"    {_rule_json(rule)}," for rule in entry.rules]
    rules[-1] = rules[-1][:-1] + "]" + end
    return [text + ', "rules": [', *rules]


def header(source: str, drop: str, counts: Counter[str]) -> str:
    lines = [
        "# PETRARCH2's CAMEO verb dictionary in amity's predicate codebook schema (see verbs.yaml).",
        "#",
        "# GENERATED FILE: do not edit by hand. Regenerate with",
        "#     python scripts/convert_petrarch_verbs.py",
        f"# from {source} (openeventdata/petrarch2,",
        "# petrarch2/data/dictionaries/CAMEO.2.0.txt), leaving out what " + drop + " lists.",
        "# Loaded as a lower-priority base: an entry of verbs.yaml (or of a user's file) for the",
        "# same lemma replaces the entry here whole. See README.md beside this file.",
        "#",
        "# Conversion counts:",
        *(f"#   {key}: {counts[key]}" for key in sorted(counts)),
        "#",
        "# The source dictionary is a composite of the TABARI CAMEO dictionaries and WordNet",
        "# synonym sets, developed with funding from the U.S. National Science Foundation. It is",
        "# used under its licence:",
        "#",
    ]
    return "\n".join(lines) + "\n" + LICENCE


def render(entries: list[Entry], source: str, drop: str, counts: Counter[str]) -> str:
    """Header comments, then the entries as JSON (valid YAML; amity's loader reads it with
    the json module, fast enough for a file this size)."""
    body = ["{" + f'"version": "{VERSION}",', '"verbs": {']
    for number, entry in enumerate(entries):
        body.extend(_entry_json(entry, number == len(entries) - 1))
    return header(source, drop, counts) + "\n" + "\n".join(body) + "\n}}\n"


# ---- running ----------------------------------------------------------------------------
def simple_lemma(word: str, pos: str) -> list[str]:
    """A small rule lemmatizer (no model): plural nouns and inflected verbs to their base."""
    word = word.lower()
    suffixes = ((("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("shes", "sh"), ("xes", "x"), ("s", ""))
                if pos == "NOUN" else (("ied", "y"), ("ies", "y"), ("ed", ""), ("ing", "")))
    for suffix, base in suffixes:
        if word.endswith(suffix) and len(word) > len(suffix) + 2 and not word.endswith(("ss", "us", "is")):
            return [word[: -len(suffix)] + base]
    return [word]


def spacy_lemma() -> Lemmatize:
    """spaCy's English rule lemmatizer from amity's model, so lemmas match the coder's."""
    import spacy
    from spacy.tokens import Doc

    from amity.settings import DEFAULT_MODEL

    nlp = spacy.load(DEFAULT_MODEL, exclude=["tok2vec", "tagger", "parser", "ner", "attribute_ruler", "senter"])
    lemmatizer = nlp.get_pipe("lemmatizer")
    index = lemmatizer.lookups.get_table("lemma_index", {})  # type: ignore[attr-defined]
    cache: dict[tuple[str, str], list[str]] = {}

    def lemma(word: str, pos: str) -> list[str]:
        """Out of context the number is unknown: a lemma the model does not know ("acces"
        from "access") comes with the word itself, which a singular keeps in context."""
        key = (word.lower(), pos)
        if key not in cache:
            doc = Doc(nlp.vocab, words=[key[0]], pos=[pos])
            found = lemmatizer.rule_lemmatize(doc[0])[0]  # type: ignore[attr-defined]
            known = index.get(pos.lower(), ())
            if pos == "VERB":  # verb lines give base forms: keep one the model knows
                cache[key] = [key[0] if key[0] in known or found not in known else found]
            else:
                cache[key] = [found] if found in known or found == key[0] else [found, key[0]]
        return cache[key]

    return lemma


def read_drop(path: Path | None) -> Drop:
    if path is None or not path.exists():
        return Drop()
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return Drop(frozenset(str(w).lower() for w in data.get("lemmas") or ()),
                tuple(str(c) for c in data.get("codes") or ()),
                frozenset(str(w).lower() for w in data.get("defaults") or ()),
                bool(data.get("rules_only", True)))


def convert(text: str, lemmatize: Lemmatize, known: frozenset[str], drop: Drop, scope: str = "block",
            source: str = "CAMEO.2.0.verbs.txt", drop_name: str = "the drop list") -> tuple[str, Counter[str]]:
    """The YAML text of the converted dictionary and the conversion counts."""
    build = Build(read_dictionary(text), lemmatize, known, scope)
    entries = apply_drop(build.entries, drop, build.counts)
    build.counts["entries written"] = len(entries)
    build.counts["rules written"] = sum(len(e.rules) for e in entries)
    return render(entries, source, drop_name, build.counts), build.counts


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", nargs="?", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--drop", type=Path, default=DEFAULT_DROP, help="drop-list YAML (lemmas, codes)")
    parser.add_argument("--lemmatizer", choices=("spacy", "simple"), default="spacy")
    parser.add_argument("--scope", choices=("block", "origin"), default="block",
                        help="patterns apply to every verb of their block, or to their own verb")
    parser.add_argument("--check", action="store_true", help="only compare with the existing output")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    from amity.codebook.cameo import load_cameo

    lemmatize = spacy_lemma() if args.lemmatizer == "spacy" else simple_lemma
    drop_name = args.drop.name if args.drop.exists() else "no drop list"
    text, counts = convert(args.source.read_text(encoding="utf-8"), lemmatize,
                           frozenset(load_cameo().codes), read_drop(args.drop), args.scope,
                           args.source.name, drop_name)
    for key in sorted(counts):
        print(f"{counts[key]:6d}  {key}")
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("up to date" if same else f"{args.out} is stale: regenerate it")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
