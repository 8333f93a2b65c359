"""The CAMEO codebook data file and its loader."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from amity.codebook.cameo import CameoCodebook, load_cameo
from amity.errors import CodebookError

QUAD_OF_ROOT = {1: "verbal_coop", 5: "verbal_coop", 6: "material_coop", 9: "material_coop",
                10: "verbal_conflict", 14: "verbal_conflict", 15: "material_conflict", 20: "material_conflict"}


def test_lookup_gives_name_goldstein_quad_and_plover() -> None:
    code = load_cameo().get("0311")
    assert (code.root, code.name) == ("03", "Express intent to cooperate economically")
    assert code.goldstein == pytest.approx(5.2)
    assert (code.quad, code.plover, code.plover_context) == ("verbal_coop", "AGREE", "economic")


def test_all_twenty_roots_with_quad_split_by_root() -> None:
    book = load_cameo()
    assert book.roots() == [f"{n:02d}" for n in range(1, 21)]
    for root, quad in QUAD_OF_ROOT.items():
        assert book.get(f"{root:02d}").quad == quad
    assert all(entry.quad == book.get(entry.root).quad for entry in book.codes.values())


def test_plover_is_empty_for_the_dropped_statement_and_appeal_roots() -> None:
    book = load_cameo()
    assert book.get("010").plover is None and book.get("0234").plover is None
    assert book.get("042").plover == "CONSULT" and book.get("042").plover_mode == "visit"


def test_goldstein_uses_the_gdelt_value_where_sources_disagree() -> None:
    book = load_cameo()
    assert book.get("016").goldstein == pytest.approx(-2.0)
    assert book.get("1213").goldstein == pytest.approx(-4.0)  # only in the ICEWS file


def test_version_and_names() -> None:
    book = load_cameo()
    assert book.version and book.version != "unversioned"
    assert book.names()["057"] == "Sign formal agreement"
    assert len(book) > 300


def test_unknown_code_is_a_codebook_error() -> None:
    with pytest.raises(CodebookError, match="unknown CAMEO code"):
        load_cameo().get("999")


def test_malformed_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "cameo.csv"
    path.write_text("# version: t\ncode,level,root,name,goldstein,quad,plover,plover_mode\n"
                    "01,1,01,STATEMENT,0,verbal_coop,,\n010,2,01,Statement,zero,verbal_coop,,\n", encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        CameoCodebook.load(path)
    assert caught.value.line == 4


@pytest.mark.shared
def test_codes_and_values_match_the_reference_codebook(shared_dir: Path) -> None:
    text = (shared_dir / "reference/cameo/cameo_codes_merged.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    book = load_cameo()
    assert {r["code"] for r in rows} == set(book.codes)
    for row in rows:
        value = row["goldstein_gdelt"] or row["goldstein_icews"]
        assert book.get(row["code"]).goldstein == pytest.approx(float(value)), row["code"]
