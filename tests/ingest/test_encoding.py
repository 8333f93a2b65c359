"""Encodings and text normalisation: what users see in Article.text."""

from __future__ import annotations

from pathlib import Path

from tests.ingest.helpers import one_article, write


def test_utf8_with_bom_has_no_bom_in_title(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "bom.txt",
        b"\xef\xbb\xbfBorder Talks Resume\n\nThe two sides met again today in a quiet hall.\n",
    )
    article = one_article(path)
    assert article.title == "Border Talks Resume"
    assert "\ufeff" not in article.text


def test_cp1252_file_with_curly_quotes_and_accents(tmp_path: Path) -> None:
    text = "Caf\u00e9 Diplomacy\n\nThe envoy\u2019s \u201cquiet\u201d visit to the caf\u00e9 in Gen\u00e8ve ended \u2013 abruptly.\n"
    article = one_article(write(tmp_path, "w.txt", text, encoding="cp1252"))
    assert article.title == "Caf\u00e9 Diplomacy"
    assert (
        article.text
        == 'The envoy\'s "quiet" visit to the caf\u00e9 in Gen\u00e8ve ended \u2013 abruptly.'
    )


def test_latin1_file_reads_accents(tmp_path: Path) -> None:
    text = "Le ministre fran\u00e7ais a visit\u00e9 Phnom Penh et Hano\u00ef pour trois jours.\n"
    article = one_article(write(tmp_path, "fr.txt", text, encoding="latin-1"))
    assert article.text == text.strip()


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    text = "Quiet Summit\n\nThe leaders met behind closed doors for two hours.\n"
    article = one_article(write(tmp_path, "u16.txt", text, encoding="utf-16"))
    assert article.title == "Quiet Summit"
    assert article.text == "The leaders met behind closed doors for two hours."


def test_mojibake_is_repaired(tmp_path: Path) -> None:
    broken = "The envoy\u00e2\u20ac\u2122s visit to the caf\u00c3\u00a9 was brief, officials said today.\n"
    article = one_article(write(tmp_path, "m.txt", broken))
    assert article.text == "The envoy's visit to the caf\u00e9 was brief, officials said today."


def test_spaces_quotes_and_unicode_forms_are_normalised(tmp_path: Path) -> None:
    decomposed = "Cafe\u0301"
    text = (
        f"Talks  in\u00a0the   {decomposed} \u2018ended\u2019 \u2014 late\u200b, the aides said.\n"
    )
    article = one_article(write(tmp_path, "n.txt", text))
    assert article.text == "Talks in the Caf\u00e9 'ended' \u2014 late, the aides said."
