"""The predicate codebook: schema checks, rules and user extension files."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

from amity.codebook.verbs import VerbCodebook, load_verbs
from amity.errors import CodebookError

LEMMAS = ["visit", "meet", "endorse", "congratulate", "praise", "criticize", "condemn", "accuse",
          "sign", "agree", "pledge", "provide", "donate", "grant", "lend", "fund", "build", "arrest",
          "ban", "dissolve", "sanction", "reject", "decline", "urge", "demand", "threaten", "invade",
          "attack", "withdraw", "expel", "protest", "warn", "host", "receive", "send", "deploy",
          "establish", "upgrade", "discuss", "negotiate", "mediate", "apologize", "support", "back",
          "recognize", "say", "tell", "state", "deny", "regret", "question"]
NOUNS = ["visit", "talk", "summit", "aid", "grant", "loan", "assistance", "sanction", "statement",
         "agreement", "treaty", "investment", "donation", "congratulation", "condemnation",
         "criticism", "protest", "crackdown", "ban", "arrest"]


def _found(**words: list[str]) -> dict[str, set[str]]:
    return {key: set(value) for key, value in words.items()}


def test_shipped_codebook_covers_the_core_predicates() -> None:
    book = load_verbs()
    assert book.version
    assert [lemma for lemma in LEMMAS if book.verb(lemma) is None] == []
    assert [lemma for lemma in NOUNS if book.noun(lemma) is None] == []
    assert book.verb("say").speech and book.verb("plan").modal  # type: ignore[union-attr]


def _code(book: VerbCodebook, lemma: str, found: dict[str, set[str]]) -> str | None:
    pattern = book.verb(lemma)
    assert pattern is not None
    rule = next((r for r in pattern.rules if r.matches(found)), None)
    return rule.code if rule else pattern.code


def test_objects_and_modifiers_refine_the_code() -> None:
    book = load_verbs()
    assert _code(book, "provide", _found(objects=["aid"], modifiers=["humanitarian"])) == "073"
    assert _code(book, "provide", _found(objects=["loan"])) == "071"
    assert _code(book, "provide", _found(objects=["equipment"])) is None
    assert _code(book, "sign", _found(objects=["agreement"])) == "057"
    assert _code(book, "decline", _found(xcomp=["comment"])) == "011"
    assert _code(book, "send", _found(objects=["monitor"])) == "042"  # team convention (074 acceptable)


def test_target_sector_rule_codes_party_bans() -> None:
    pattern = load_verbs().verb("dissolve")
    assert pattern is not None
    party = next(r for r in pattern.rules if r.matches({}, "OPP"))
    assert party.code == "1722"
    assert not any(r.matches({}, "GOV") for r in pattern.rules)


def test_user_file_adds_and_overrides(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text('version: "2"\nverbs:\n  scold: {code: "111", why: "criticize"}\n'
                     '  visit: {code: "043", why: "local convention"}\n', encoding="utf-8")
    book = VerbCodebook.load([extra])
    assert book.verb("scold").code == "111"  # type: ignore[union-attr]
    assert book.verb("visit").code == "043"  # type: ignore[union-attr]
    assert book.verb("meet") is not None and "mine-2" in book.version


def test_unknown_code_in_user_file_names_file_and_line(tmp_path: Path) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text('verbs:\n  visit: {code: "042"}\n  scold: {code: "999"}\n', encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        VerbCodebook.load([extra])
    assert caught.value.line == 3 and "bad.yaml" in str(caught.value)


@pytest.mark.parametrize("text, message", [
    ("verbs:\n  scold: {code: '111', colour: red}\n", "unknown key"),
    ("verbs:\n  scold: {why: 'no code'}\n", "needs a 'code'"),
    ("verbs:\n  call: {code: null, rules: [{particles: [on], code: '020'}]}\n", "list of words"),
    ("verbz: {}\n", "unknown section"),
    ("verbs: [1, 2\n", "not valid YAML"),
])
def test_schema_errors_are_codebook_errors(tmp_path: Path, text: str, message: str) -> None:
    extra = tmp_path / "bad.yaml"
    extra.write_text(text, encoding="utf-8")
    with pytest.raises(CodebookError, match=message):
        VerbCodebook.load([extra])


def test_intent_codes_map_actions_to_express_intent() -> None:
    book = load_verbs()
    assert book.intent_codes["070"] == "033" and book.intent_codes["042"] == "036"


def test_negating_and_descriptive_verbs_are_data_users_extend(tmp_path: Path) -> None:
    book = load_verbs()
    assert {"avoid", "refrain", "fail"} <= book.negating_verbs
    assert {"indicate", "account"} <= book.descriptive_verbs
    extra = tmp_path / "mine.yaml"
    extra.write_text('version: "2"\ngrammar:\n  negating_verbs: [dodge]\n  descriptive_verbs: [typify]\n',
                     encoding="utf-8")
    mine = VerbCodebook.load([extra])
    assert "dodge" in mine.negating_verbs and "avoid" in mine.negating_verbs
    assert "typify" in mine.descriptive_verbs


# ---- the PETRARCH2 base (scripts/convert_petrarch_verbs.py -> data/verbs_petrarch.yaml) -----
def _converter() -> ModuleType:
    path = Path(__file__).resolve().parents[2] / "scripts" / "convert_petrarch_verbs.py"
    spec = importlib.util.spec_from_file_location("convert_petrarch_verbs", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


SNIPPET = """\
&WEAPON
+MISSILE
+ROCKET

####### VERB PATTERNS #######

---  SHELL   [194]  ---
SHELL
POUND {POUNDS POUNDED POUNDING}
BOMBARD  [195]
+OPEN_UP [190]
- * &WEAPON                      [195]   # POUND
- * (WITH ARTILLERY)             [194]   # SHELL
- * {MORTAR ROUNDS}              [194]   # SHELL
- &MILITARY * TOWN               [190]   # SHELL
- * (AT COURT)                   [:173]  # SHELL
- * POLICE (TO BORDER)           [153]   # SHELL

---  PARLEY   [---]  ---
PARLEY
CONVERSE [040:040]
- * (WITH)                       [040]   # PARLEY
- * TRUCE                        [0871]  # PARLEY

---  MUSE   [---]  ---
PONDER [040]
"""


def _convert(**drop: object) -> tuple[dict[str, object], dict[str, int]]:
    module = _converter()
    known = frozenset(["040", "0871", "153", "173", "190", "194", "195"])
    text, counts = module.convert(SNIPPET, module.simple_lemma, known, module.Drop(**drop))
    return yaml.safe_load(text), dict(counts)


def test_converter_maps_blocks_synonyms_and_patterns_to_entries_and_rules() -> None:
    data, counts = _convert()
    verbs = data["verbs"]
    assert data["version"] and set(verbs) == {"shell", "pound", "bombard", "open", "converse", "parley", "ponder"}
    assert verbs["pound"]["code"] == "194" and verbs["bombard"]["code"] == "195"  # block default, own code
    assert verbs["pound"]["rules"] == [{"objects": ["missile", "rocket"], "code": "195"}]  # synset expanded
    assert verbs["bombard"]["rules"] == [  # a block's patterns hold for each of its verbs
        {"objects": ["artillery"], "particles": ["with"], "code": "194"},
        {"objects": ["round"], "modifiers": ["mortar"], "code": "194"}]
    assert verbs["open"] == {"code": None, "why": "PETRARCH2 SHELL", "rules": [{"particles": ["up"], "code": "190"}]}
    assert verbs["converse"]["symmetric"] is True and verbs["parley"]["code"] is None
    assert verbs["parley"]["rules"] == [{"particles": ["with"], "code": "040"}, {"objects": ["truce"], "code": "0871"}]
    assert counts["patterns skipped: words before the verb"] == 1
    assert counts["patterns skipped: code for the target only"] == 1
    assert counts["patterns skipped: two noun phrases"] == 1


def test_converter_leaves_out_rules_that_only_repeat_the_default() -> None:
    verbs = _convert()[0]["verbs"]
    assert verbs["shell"]["rules"] == [{"objects": ["missile", "rocket"], "code": "195"}]  # (WITH ARTILLERY) [194]: default
    # ... unless it would be tried before a rule with another code that the same words could meet
    assert verbs["converse"]["rules"] == [{"particles": ["with"], "code": "040"}, {"objects": ["truce"], "code": "0871"}]


def test_drop_list_leaves_out_lemmas_codes_defaults_and_rules_only_entries() -> None:
    verbs = _convert(lemmas=frozenset({"pound"}), codes=("195",), defaults=frozenset({"ponder"}))[0]["verbs"]
    assert "pound" not in verbs  # a dropped lemma
    assert verbs["bombard"]["code"] is None and "rules" not in verbs["shell"]  # code 195: no default, no rule
    assert "ponder" not in verbs  # default dropped and no rules left: nothing to code
    assert {"parley", "open"}.isdisjoint(_convert(rules_only=False)[0]["verbs"])


def test_converter_output_is_deterministic() -> None:
    module = _converter()
    known = frozenset(["040", "0871", "194", "195", "190"])
    runs = {module.convert(SNIPPET, module.simple_lemma, known, module.Drop())[0] for _ in range(2)}
    assert len(runs) == 1 and "MIT License" in runs.pop()


def _files(tmp_path: Path) -> tuple[Path, Path]:
    base = tmp_path / "base.yaml"
    base.write_text('version: "9"\nverbs:\n  scold: {code: "111"}\n  visit: {code: "043"}\n'
                    '  hold: {code: "060"}\n  praise: {code: "111"}\n', encoding="utf-8")
    user = tmp_path / "user.yaml"
    user.write_text('verbs:\n  scold: {code: "112"}\n', encoding="utf-8")
    return base, user


def test_base_file_fills_gaps_and_is_overridden_whole_by_ours_and_users(tmp_path: Path) -> None:
    base, user = _files(tmp_path)
    book = VerbCodebook.load(bases=[base])
    assert book.verb("scold").code == "111"  # type: ignore[union-attr]  # only in the base
    assert book.verb("visit").code == "042" and book.verb("praise").code == "051"  # type: ignore[union-attr]
    assert book.verb("hold") is None and "hold" in book.light_verbs  # light verbs are the grammar's
    assert book.version.startswith(load_verbs().version.split("+")[0]) and "+base-9" in book.version
    assert VerbCodebook.load([user], bases=[base]).verb("scold").code == "112"  # type: ignore[union-attr]


def test_base_files_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    base, _ = _files(tmp_path)
    monkeypatch.setenv("AMITY_VERBS_BASE", str(base))
    assert VerbCodebook.load().verb("scold") is not None
    monkeypatch.setenv("AMITY_VERBS_BASE", "none")
    assert VerbCodebook.load().verb("scold") is None and len(VerbCodebook.load().files) == 1


def test_shipped_base_is_loaded_under_ours_without_dropped_lemmas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AMITY_VERBS_BASE", raising=False)
    book = VerbCodebook.load()
    assert any(f.endswith("verbs_petrarch.yaml") for f in book.files)
    drop = yaml.safe_load((Path(__file__).resolve().parents[2] / "amity/codebook/data/verbs_petrarch_drop.yaml")
                          .read_text(encoding="utf-8"))
    base = {p.lemma for p in book.verbs.values() if p.path.endswith("verbs_petrarch.yaml")}
    assert base and not base & set(drop["lemmas"]) and not base & {"be", "have", "get", "make"}
    assert book.verb("say").path.endswith("verbs.yaml")  # type: ignore[union-attr]  # ours wins
    assert book.verb("ambush").code == "190"  # type: ignore[union-attr]  # a verb only PETRARCH2 has


def test_json_bodied_yaml_loads_like_yaml(tmp_path: Path) -> None:
    body = '{"version": "3", "verbs": {"scold": {"code": "111", "rules": [{"objects": ["x"], "code": "112"}]}}}'
    as_json, as_yaml = tmp_path / "a.yaml", tmp_path / "b.yaml"
    as_json.write_text("# header\n" + body + "\n", encoding="utf-8")
    as_yaml.write_text("# header\n" + yaml.safe_dump(json.loads(body)), encoding="utf-8")
    one, two = (VerbCodebook.load([p], bases=[]).verb("scold") for p in (as_json, as_yaml))
    assert one is not None and two is not None and one.rules == two.rules and one.code == two.code


@pytest.mark.shared
def test_shipped_base_is_what_the_converter_writes(shared_dir: Path) -> None:
    module = _converter()
    out = Path(__file__).resolve().parents[2] / "amity/codebook/data/verbs_petrarch.yaml"
    source = shared_dir / "reference/petrarch2/CAMEO.2.0.verbs.txt"
    assert module.main([str(source), "-o", str(out), "--check"]) == 0
