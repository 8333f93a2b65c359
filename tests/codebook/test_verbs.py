"""The predicate codebook: schema checks, rules and user extension files."""

from __future__ import annotations

from pathlib import Path

import pytest

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
