"""The one Codebook: a user's folder laid over ours, its digest, and one-line errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from amity.cli import cli
from amity.codebook import SHIPPED, Codebook, activate, load_codebook
from amity.errors import CodebookError
from amity.ingest.boilerplate import separate
from amity.nlp.amounts import parse_amount
from amity.nlp.places import resolve_place

FREEDONIA = """version: "1"
countries:
  - iso3: FRD
    name: Freedonia
    demonyms: [Freedonian]
"""


@pytest.fixture(autouse=True)
def ours_afterwards() -> Iterator[None]:
    """Module-level readers (amounts, places) go back to our codebook after each test."""
    yield
    activate(SHIPPED)


def folder(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "mine"
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_user_folder_adds_actors_and_overrides_verbs(tmp_path: Path) -> None:
    mine = folder(tmp_path, {"actors/freedonia.yaml": FREEDONIA,
                             "verbs.yaml": 'verbs:\n  praise: {code: "043"}\n'})
    book = load_codebook((str(mine),))
    assert "FRD" in book.actors() and "FRD" not in SHIPPED.actors()
    assert book.verbs().verb("praise").code == "043"  # type: ignore[union-attr]
    assert SHIPPED.verbs().verb("praise").code == "051"  # type: ignore[union-attr]
    assert book.verbs().verb("meet") is not None  # the rest of ours stays


def test_a_data_section_entry_replaces_ours_and_a_new_one_is_added(tmp_path: Path) -> None:
    mine = folder(tmp_path, {"currencies.yaml": "names:\n  zorkmids: ZRK\n  euros: XEU\n",
                             "places.yaml": "places:\n  - {name: Fredville, country: FRD}\n"})
    book = load_codebook((str(mine),))
    names = book.section("currencies")["names"]
    assert names["zorkmids"] == "ZRK" and names["euros"] == "XEU" and names["dollar"] == "USD"
    assert len(book.section("places")["places"]) == len(SHIPPED.section("places")["places"]) + 1
    assert resolve_place("Fredville") is None
    activate(book)
    found = parse_amount("a grant of 5 million zorkmids")
    assert found is not None and found.currency == "ZRK" and found.value == 5e6
    assert resolve_place("Fredville").country == "FRD"  # type: ignore[union-attr]
    activate(SHIPPED)
    assert resolve_place("Fredville") is None


def test_a_users_boilerplate_rule_strips_their_outlets_widget(tmp_path: Path) -> None:
    mine = folder(tmp_path, {"boilerplate.yaml": "remove_anywhere:\n  zork_widget: ['^Subscribe to Zork News']\n"})
    blocks = ["Japan signed a grant agreement with Cambodia.", "Subscribe to Zork News today"]
    assert separate(blocks).removed == []
    activate(load_codebook((str(mine),)))
    assert separate(blocks).removed == ["Subscribe to Zork News today"]
    assert separate(["Leave a Reply"]).removed == ["Leave a Reply"]  # ours still apply


def test_digest_follows_the_effective_content(tmp_path: Path) -> None:
    mine = folder(tmp_path, {"verbs.yaml": 'verbs:\n  praise: {code: "043"}\n'})
    first = Codebook((str(mine),)).digest
    assert first != SHIPPED.digest and Codebook().digest == SHIPPED.digest
    (mine / "verbs.yaml").write_text('verbs:\n  praise: {code: "042"}\n', encoding="utf-8")
    assert Codebook((str(mine),)).digest not in (first, SHIPPED.digest)


@pytest.mark.parametrize("name, text, problem", [
    ("dates.yaml", "months:\n  smarch: thirteen\n", "dates.yaml:2: months.smarch must be a number"),
    ("currencies.yaml", "nmaes:\n  zorkmid: ZRK\n", "currencies.yaml:1: unknown section 'nmaes'"),
    ("verbs.yaml", 'verbs:\n  praise: {code: "051"}\n  scold: {code: "999"}\n',
     "verbs.yaml:3: unknown CAMEO code '999'"),
    ("actors/mine.yaml", 'version: "1"\ncountries:\n  - name: Freedonia\n', "mine.yaml:3: field 'iso3'"),
    ("places.yaml", "places: [Fredville\n", "places.yaml:2: not valid YAML"),
    ("verbz.yaml", "verbs: {}\n", "verbz.yaml: not a codebook file"),
    ("words.yaml", "actors: {}\n", "words.yaml: words.yaml is not read from a user's codebook folder"),
])
def test_a_broken_user_file_is_one_error_naming_file_line_and_problem(
        tmp_path: Path, name: str, text: str, problem: str) -> None:
    mine = folder(tmp_path, {name: text})
    with pytest.raises(CodebookError) as caught:
        load_codebook((str(mine),)).verbs()
    assert problem in str(caught.value) and str(mine) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_cli_codebook_option_reports_a_broken_file_in_one_line(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMITY_DB", f"sqlite:///{tmp_path / 'cli.db'}")
    mine = folder(tmp_path, {"dates.yaml": "months:\n  smarch: thirteen\n"})
    (tmp_path / "a.txt").write_text("Japan praised Cambodia.\n", encoding="utf-8")
    done = CliRunner().invoke(cli, ["--codebook", str(mine), "ingest", str(tmp_path / "a.txt")])
    assert done.exit_code == 1
    assert done.output.strip().splitlines() == [
        f"Error: {mine / 'dates.yaml'}:2: months.smarch must be a number (as in ours), got a string [E204]"]


def test_missing_folder_is_a_codebook_error(tmp_path: Path) -> None:
    with pytest.raises(CodebookError, match="no such codebook folder"):
        load_codebook((str(tmp_path / "nowhere"),))
