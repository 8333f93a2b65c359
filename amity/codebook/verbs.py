"""The predicate codebook: verb and noun patterns -> CAMEO codes (``data/verbs.yaml``).

Files are read in order, and an entry for a lemma replaces the entry an earlier file gave
it whole: first the base files (:data:`BASE_FILES`, by default ``data/verbs_petrarch.yaml``,
PETRARCH2's verb dictionary converted by ``scripts/convert_petrarch_verbs.py``), then ours
(``data/verbs.yaml``), then the user's files in the same schema. So ours overrides the base,
the user's override both, a new lemma is added, and grammar word lists are extended.
``AMITY_VERBS_BASE`` (paths separated by ``os.pathsep``, or ``none``) replaces the base files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from amity.cache import cached
from amity.codebook.cameo import load_cameo
from amity.codebook.reader import DATA_DIR, line_of, read_mapping
from amity.errors import CodebookError

DATA_FILE = DATA_DIR / "verbs.yaml"
BASE_FILES: tuple[Path, ...] = (DATA_DIR / "verbs_petrarch.yaml",)  # lower priority than DATA_FILE
BASES_ENV = "AMITY_VERBS_BASE"
CONDITION_KEYS = ("objects", "modifiers", "particles", "xcomp", "governors", "target_sector", "source_sector")
RULE_KEYS = {*CONDITION_KEYS, "has_object", "has_clause", "code", "why", "reverse", "symmetric"}
ENTRY_KEYS = {"code", "why", "rules", "speech", "light", "modal", "symmetric"}
GRAMMAR_LISTS = ("modal_auxiliaries", "future_auxiliaries", "negating_verbs", "descriptive_verbs",
                 "conditional_markers", "locative_nouns",
                 "implicit_target_roots", "state_agent_roots", "court_agent_verbs", "state_answered_sectors", "visit_codes", "host_codes",
                 "approving_words", "disapproving_words", "named_agreements", "gathering_nouns",
                 "uncoded_codes", "critical_words", "pessimistic_words", "judging_verbs",
                 "joint_roots", "place_target_roots", "struck_place_roots", "struck_preps", "enduring_verbs", "posture_roots", "posture_preps",
                 "repression_verbs", "repression_agents", "repression_patients", "presupposed_roots", "happening_verbs", "commissive_verbs", "definite_words", "retold_roots", "topic_verbs", "patient_roots",
                 "pronouns", "relatives", "doubting_speech", "target_preps", "visit_preps", "source_preps",
                 "noun_target_preps", "adjunct_preps", "temporal_preps", "date_preps", "place_preps",
                 "domestic_sectors", "paired_noun_roots", "focus_target_roots", "topic_noun_roots", "intent_verbs",
                 "first_person", "seizure_nouns", "feeling_words", "own_country_codes", "theme_object_roots", "armed_codes",
                 "release_appeal_codes", "dissent_roots", "dissent_sectors", "measure_nouns", "answer_preps", "relaying_verbs",
                 "appeal_auxiliaries", "hoping_verbs", "mediation_codes", "mediation_preps",
                 "denial_codes", "accusation_roots", "former_words", "latter_words", "joining_verbs", "authored_nouns", "proposing_verbs")
SECTIONS = ("verbs", "nouns")


@dataclass(frozen=True)
class Rule:
    """A refinement: when all its conditions hold, the predicate gets ``code``."""

    code: str | None
    why: str = ""
    objects: frozenset[str] | None = None
    modifiers: frozenset[str] | None = None
    particles: frozenset[str] | None = None
    xcomp: frozenset[str] | None = None
    governors: frozenset[str] | None = None  # a noun's: the verb it is the object of ("dismissed calls")
    target_sector: frozenset[str] | None = None
    source_sector: frozenset[str] | None = None
    has_object: bool | None = None
    has_clause: bool | None = None  # a that-clause complement ("agreed that ...")
    reverse: bool = False
    symmetric: bool | None = None

    def matches(self, found: dict[str, set[str]], target_sector: str | None = None,
                source_sector: str | None = None) -> bool:
        """Whether the words found around a predicate (and its actors' sectors) satisfy every condition."""
        for key in ("objects", "modifiers", "particles", "xcomp", "governors"):
            wanted: frozenset[str] | None = getattr(self, key)
            if wanted is not None and not wanted & found.get(key, set()):
                return False
        if self.target_sector is not None and target_sector not in self.target_sector:
            return False
        if self.source_sector is not None and source_sector not in self.source_sector:
            return False
        if self.has_clause is not None and self.has_clause != bool(found.get("clause")):
            return False
        return self.has_object is None or self.has_object == bool(found.get("dobj"))


@dataclass(frozen=True)
class Pattern:
    """The codebook entry for one lemma (a verb or an event noun)."""

    lemma: str
    kind: str  # "verb" or "noun"
    code: str | None
    why: str = ""
    rules: tuple[Rule, ...] = ()
    speech: bool = False
    light: bool = False
    modal: bool = False
    symmetric: bool = False
    path: str = ""

    def uses(self, key: str) -> bool:
        """Whether any rule looks at ``key`` (so the matcher can skip work it needs not do)."""
        return any(getattr(rule, key) is not None for rule in self.rules)


@dataclass
class VerbCodebook:
    """All predicate patterns and the grammar word lists the event coder uses."""

    version: str
    verbs: dict[str, Pattern] = field(default_factory=dict)
    nouns: dict[str, Pattern] = field(default_factory=dict)
    light_verbs: set[str] = field(default_factory=set)
    modal_auxiliaries: set[str] = field(default_factory=set)
    future_auxiliaries: set[str] = field(default_factory=set)
    intent_verbs: set[str] = field(default_factory=set)  # "plans to reopen ties": a stated intent (03x)
    joining_verbs: set[str] = field(default_factory=set)  # "X joined Y in condemning Z": X and Y condemn Z
    authored_nouns: set[str] = field(default_factory=set)  # "the draft": the author of the last "US draft"
    proposing_verbs: set[str] = field(default_factory=set)  # "X proposed ... the proposal": X its author
    first_person: set[str] = field(default_factory=set)  # "we"/"I" of a quotation: its speaker
    seizure_nouns: set[str] = field(default_factory=set)  # "staged a coup": its army against its government
    negating_verbs: set[str] = field(default_factory=set)  # "avoided criticism", "refrained from X"
    descriptive_verbs: set[str] = field(default_factory=set)  # "the aid has been consistent": no event
    conditional_markers: set[str] = field(default_factory=set)
    locative_nouns: set[str] = field(default_factory=set)  # "on the sidelines of X": X is no recipient
    implicit_target_roots: set[str] = field(default_factory=set)  # roots whose unstated recipient is the story's country
    state_agent_roots: set[str] = field(default_factory=set)  # agentless passives whose agent is the state
    court_agent_verbs: set[str] = field(default_factory=set)  # "were sentenced": the agent is the judiciary
    state_answered_sectors: set[str] = field(default_factory=set)  # "condemned the airstrikes": to the state
    own_country_codes: set[str] = field(default_factory=set)  # "declared a state of emergency": its own country
    theme_object_roots: set[str] = field(default_factory=set)  # "sent its troops": its troops are no recipient
    armed_codes: set[str] = field(default_factory=set)  # "the UK struck": a bare state's force is its MIL
    release_appeal_codes: set[str] = field(default_factory=set)  # "called for their release": to the detainers
    dissent_roots: set[str] = field(default_factory=set)  # "students protested": against their own government
    dissent_sectors: set[str] = field(default_factory=set)  # who protests so (people, opposition, not the state)
    measure_nouns: set[str] = field(default_factory=set)  # "days of protests by X": X is the agent
    answer_preps: set[str] = field(default_factory=set)  # "retaliate to the sanctions": answers their agents
    relaying_verbs: set[str] = field(default_factory=set)  # "X, reporting from Y, said": no statement of X's
    appeal_auxiliaries: set[str] = field(default_factory=set)  # "said China should withdraw": an appeal (020)
    hoping_verbs: set[str] = field(default_factory=set)  # "we hope that X can settle ...": an appeal to X
    mediation_codes: set[str] = field(default_factory=set)  # "signed between X and Y with Z's mediation"
    mediation_preps: set[str] = field(default_factory=set)  # ... its recipients are X and Y
    denial_codes: set[str] = field(default_factory=set)  # "denied sending troops": toward the accusers
    accusation_roots: set[str] = field(default_factory=set)  # ... the agents of the last accusation told
    former_words: set[str] = field(default_factory=set)  # "during the former's trip": the first of the pair
    latter_words: set[str] = field(default_factory=set)  # ... and the last
    visit_codes: set[str] = field(default_factory=set)  # a visit implies the host's hosting (and back)
    host_codes: set[str] = field(default_factory=set)
    approving_words: set[str] = field(default_factory=set)  # "said the vote was free and fair": 051
    disapproving_words: set[str] = field(default_factory=set)  # "said the vote was a sham": 111
    named_agreements: set[str] = field(default_factory=set)  # "the Paris Peace Agreement of 1991": a dated signing
    gathering_nouns: set[str] = field(default_factory=set)  # "At the end of the conference, ...": back to its date
    uncoded_codes: set[str] = field(default_factory=set)  # codes never emitted alone (a bare "said": 010)
    critical_words: set[str] = field(default_factory=set)  # "said the unprovoked invasion ...": 111
    pessimistic_words: set[str] = field(default_factory=set)  # "said it could threaten ...": 012
    feeling_words: set[str] = field(default_factory=set)  # "X is concerned about Y": a statement toward Y
    judging_verbs: set[str] = field(default_factory=set)  # "described the attack as barbaric": 111
    joint_roots: set[str] = field(default_factory=set)  # "X and Y pledged to ...": each to the other
    place_target_roots: set[str] = field(default_factory=set)  # "struck targets in Lebanon": LBN
    struck_place_roots: set[str] = field(default_factory=set)  # "shelled Kharkiv": UKR, the place struck
    struck_preps: set[str] = field(default_factory=set)  # "strikes on Gaza": where an attack is aimed
    enduring_verbs: set[str] = field(default_factory=set)  # "Kharkiv faced shelling": the place struck
    posture_roots: set[str] = field(default_factory=set)  # "drills near Taiwan": force shown toward a country
    posture_preps: set[str] = field(default_factory=set)  # the prepositions naming where force is shown
    repression_codes: dict[str, str] = field(default_factory=dict)  # a killing of a state's own people -> 175
    repression_verbs: set[str] = field(default_factory=set)
    presupposed_roots: set[str] = field(default_factory=set)  # "the shelling was a war crime": still told
    commissive_verbs: set[str] = field(default_factory=set)  # "vowed to punish X": a threat
    happening_verbs: set[str] = field(default_factory=set)  # "an attack that took place in X": where it struck
    repression_agents: set[str] = field(default_factory=set)  # sectors of a state's own forces
    repression_patients: set[str] = field(default_factory=set)  # sectors of its people
    definite_words: set[str] = field(default_factory=set)  # "the arrest of X": an act told before
    retold_roots: set[str] = field(default_factory=set)  # ... for acts of these roots
    topic_verbs: set[str] = field(default_factory=set)  # "They discussed X": the talks told before
    patient_roots: set[str] = field(default_factory=set)  # "police dispersed protesters": the state's own
    pronouns: set[str] = field(default_factory=set)  # a pronoun subject of reported speech is the speaker
    relatives: set[str] = field(default_factory=set)  # "the party, which was banned": the antecedent
    doubting_speech: set[str] = field(default_factory=set)  # "claimed that ...": the content is not asserted
    target_preps: set[str] = field(default_factory=set)  # prepositions naming a recipient ("talks with X")
    target_prep_order: list[str] = field(default_factory=list)  # ... in the order they are tried
    visit_preps: set[str] = field(default_factory=set)  # prepositions naming a visit's destination
    source_preps: set[str] = field(default_factory=set)  # "aid from X", "an attack by X"
    noun_target_preps: set[str] = field(default_factory=set)  # "a visit to X", "talks with X"
    adjunct_preps: set[str] = field(default_factory=set)  # "during a visit": the clause's agent acts
    temporal_preps: set[str] = field(default_factory=set)  # "since the accord": it only dates the clause
    date_preps: set[str] = field(default_factory=set)  # "the accord of 1991", "signed on 5 May"
    place_preps: set[str] = field(default_factory=set)  # "met in Tokyo": where the act happened
    domestic_sectors: set[str] = field(default_factory=set)  # the actors of a country's own politics
    paired_noun_roots: set[str] = field(default_factory=set)  # "a clash on Monday": the story's pair
    focus_target_roots: set[str] = field(default_factory=set)  # unstated recipient: the story's country
    topic_noun_roots: set[str] = field(default_factory=set)  # "thanked X for its support": no act of its own
    intent_codes: dict[str, str] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

    def verb(self, lemma: str) -> Pattern | None:
        return self.verbs.get(lemma.lower())

    def noun(self, lemma: str) -> Pattern | None:
        return self.nouns.get(lemma.lower())

    @classmethod
    def load(cls, extra_files: Iterable[str | Path] = (),
             bases: Iterable[str | Path] | None = None) -> VerbCodebook:
        """The base files, our codebook, then each user file in order (later entries
        override earlier ones whole). ``bases`` defaults to :func:`base_files`."""
        book = cls(version="")
        _RULES.clear()
        tagged = [(Path(p), _merge(book, Path(p))) for p in (base_files() if bases is None else bases)]
        base_paths = set(book.files)
        book.version = _merge(book, DATA_FILE)
        if not book.version:
            raise CodebookError(str(DATA_FILE), "missing 'version'", 1)
        tagged += [(Path(p), _merge(book, Path(p))) for p in extra_files]
        book.version += "".join(f"+{path.stem}-{version}" for path, version in tagged if version)
        _grammar_words_left_to_grammar(book, base_paths)
        _RULES.clear()
        return book

def _grammar_words_left_to_grammar(book: VerbCodebook, base_paths: set[str]) -> None:
    """Words the grammar gives a function keep it: a base file's entry for a light verb
    ("held talks": the event noun is coded), a negating, descriptive or modal verb is
    dropped, so only ours or a user's file can code them."""
    words = (book.light_verbs | book.negating_verbs | book.descriptive_verbs
             | book.modal_auxiliaries | book.future_auxiliaries)
    for lemma in words:
        pattern = book.verbs.get(lemma)
        if pattern is not None and pattern.path in base_paths:
            del book.verbs[lemma]


def base_files() -> tuple[Path, ...]:
    """The lower-priority base files: ``AMITY_VERBS_BASE`` if set (``none``: none), else ours."""
    raw = os.environ.get(BASES_ENV)
    if raw is None:
        return BASE_FILES
    return tuple(Path(p) for p in raw.split(os.pathsep) if p and p.lower() != "none")


def _code(value: Any, path: str, line: int | None) -> str | None:
    if value is None:
        return None
    code = str(value).strip()
    if code not in load_cameo():
        raise CodebookError(path, f"unknown CAMEO code {code!r}", line)
    return code


def _words(value: Any, key: str, path: str, line: int | None) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CodebookError(path, f"{key!r} must be a list of words", line)
    if key in ("target_sector", "source_sector", "domestic_sectors", "dissent_sectors",
               "state_answered_sectors", "repression_agents", "repression_patients"):
        return frozenset(v.strip().upper() for v in value)
    return frozenset(v.strip().lower() for v in value)


_RULES: dict[tuple[Any, ...], Rule] = {}  # rules met before (a base file repeats a block's rules per verb)


def _shared_rule(raw: Any, path: str, line: int | None) -> Rule:
    """``_rule``, built once per distinct rule while one codebook loads."""
    if not isinstance(raw, dict):
        return _rule(raw, path, line)
    key = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in raw.items())
    try:
        found = _RULES.get(key)
    except TypeError:  # an unhashable value: let _rule say what is wrong
        return _rule(raw, path, line)
    if found is None:
        found = _RULES[key] = _rule(raw, path, line)
    return found


def _rule(raw: Any, path: str, line: int | None) -> Rule:
    if not isinstance(raw, dict):
        raise CodebookError(path, "each rule must be a mapping", line)
    unknown = set(raw) - RULE_KEYS
    if unknown:
        raise CodebookError(path, f"unknown rule key(s): {', '.join(sorted(unknown))}", line)
    if "code" not in raw:
        raise CodebookError(path, "a rule needs a 'code' (null for 'no event')", line)
    words = {key: _words(raw.get(key), key, path, line) for key in CONDITION_KEYS}
    symmetric = raw.get("symmetric")
    return Rule(
        code=_code(raw["code"], path, line),
        why=str(raw.get("why") or ""),
        has_object=None if raw.get("has_object") is None else bool(raw["has_object"]),
        has_clause=None if raw.get("has_clause") is None else bool(raw["has_clause"]),
        reverse=bool(raw.get("reverse", False)),
        symmetric=None if symmetric is None else bool(symmetric),
        **words,
    )


def _pattern(lemma: str, raw: Any, kind: str, path: str, line: int | None) -> Pattern:
    if not isinstance(raw, dict):
        raise CodebookError(path, f"entry {lemma!r} must be a mapping", line)
    unknown = set(raw) - ENTRY_KEYS
    if unknown:
        raise CodebookError(path, f"{lemma!r}: unknown key(s): {', '.join(sorted(unknown))}", line)
    if "code" not in raw:
        raise CodebookError(path, f"{lemma!r} needs a 'code' (null for 'no event alone')", line)
    rules = raw.get("rules") or []
    if not isinstance(rules, list):
        raise CodebookError(path, f"{lemma!r}: 'rules' must be a list", line)
    return Pattern(
        lemma=lemma.strip().lower(),
        kind=kind,
        code=_code(raw["code"], path, line),
        why=str(raw.get("why") or ""),
        rules=tuple(_shared_rule(r, path, line) for r in rules),
        speech=bool(raw.get("speech", False)),
        light=bool(raw.get("light", False)),
        modal=bool(raw.get("modal", False)),
        symmetric=bool(raw.get("symmetric", False)),
        path=path,
    )


def _merge_section(book: VerbCodebook, data: dict[str, Any], section: str, path: str) -> None:
    entries = data.get(section) or {}
    if not isinstance(entries, dict):
        raise CodebookError(path, f"'{section}' must map lemmas to entries", line_of(data, section))
    kind = section[:-1]
    target = book.verbs if section == "verbs" else book.nouns
    for lemma, raw in entries.items():
        line = line_of(entries, str(lemma))
        pattern = _pattern(str(lemma), raw, kind, path, line)
        target[pattern.lemma] = pattern


def _merge_code_map(codes: dict[str, str], grammar: dict[str, Any], key: str, path: str) -> None:
    """A grammar mapping of CAMEO codes to CAMEO codes (``repression_codes``)."""
    found = grammar.get(key) or {}
    if not isinstance(found, dict):
        raise CodebookError(path, f"{key!r} must map codes to codes", line_of(grammar, key))
    for action, code in found.items():
        codes[str(_code(action, path, line_of(grammar, key)))] = str(_code(code, path, line_of(grammar, key)))


def _merge_grammar(book: VerbCodebook, data: dict[str, Any], path: str) -> None:
    grammar = data.get("grammar") or {}
    if not isinstance(grammar, dict):
        raise CodebookError(path, "'grammar' must be a mapping", line_of(data, "grammar"))
    for key in GRAMMAR_LISTS:
        words = _words(grammar.get(key), key, path, line_of(grammar, key))
        getattr(book, key).update(words or ())
    ordered = grammar.get("target_preps") or []  # already checked: a list of words
    book.target_prep_order.extend(w.strip().lower() for w in ordered if w.strip().lower() not in book.target_prep_order)
    intents = grammar.get("intent_codes") or {}
    if not isinstance(intents, dict):
        raise CodebookError(path, "'intent_codes' must map codes to codes", line_of(grammar, "intent_codes"))
    for action, intent in intents.items():
        line = line_of(grammar, "intent_codes")
        book.intent_codes[str(_code(action, path, line))] = str(_code(intent, path, line))
    _merge_code_map(book.repression_codes, grammar, "repression_codes", path)
    book.light_verbs.update(_words(data.get("light_verbs"), "light_verbs", path, line_of(data, "light_verbs")) or ())


def _merge(book: VerbCodebook, path: Path) -> str:
    """Add one file's entries and lists to ``book``; returns the file's version."""
    data = read_mapping(path, (*SECTIONS, "grammar", "light_verbs"), need_version=False)
    for section in SECTIONS:
        _merge_section(book, data, section, str(path))
    _merge_grammar(book, data, str(path))
    book.files.append(str(path))
    return str(data.get("version") or "")


@lru_cache(maxsize=8)
def _cached(extra_files: tuple[str, ...], bases: tuple[str, ...]) -> VerbCodebook:
    """Loaded once per process, parsed once per content of its files and of the CAMEO codes
    it is checked against (later processes load it from the disk cache, ``amity/cache.py``)."""
    inputs: list[str | Path] = [*bases, DATA_FILE, *extra_files]
    codes = ",".join(sorted(load_cameo().codes))
    return cached("verbs", inputs, lambda: VerbCodebook.load(extra_files, bases), extra=(codes,))


def load_verbs(extra_files: Sequence[str | Path] = ()) -> VerbCodebook:
    """The base files, our codebook and the user's files, loaded once per distinct list."""
    return _cached(tuple(str(p) for p in extra_files), tuple(str(p) for p in base_files()))
