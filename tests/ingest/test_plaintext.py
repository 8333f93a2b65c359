"""Plain-text and Markdown articles: title, paragraphs, doc_name, metadata."""

from __future__ import annotations

from pathlib import Path

from tests.ingest.helpers import BODY_ONE, BODY_TWO, one_article, write


def test_first_line_is_the_title_and_not_in_the_body(tmp_path: Path) -> None:
    path = write(
        tmp_path, "007_xyz.txt", f"Laos and Chile Talk Trade\n\n{BODY_ONE}\n\n{BODY_TWO}\n"
    )
    article = one_article(path)
    assert article.title == "Laos and Chile Talk Trade"
    assert article.text == f"{BODY_ONE}\n\n{BODY_TWO}"
    assert "Laos and Chile Talk Trade" in article.removed
    assert article.doc_name == "007_xyz.txt"
    assert article.path == str(path)
    assert article.meta["format"] == "txt"


def test_a_first_line_that_is_body_text_stays_in_the_body(tmp_path: Path) -> None:
    article = one_article(write(tmp_path, "a.txt", f"{BODY_ONE}\n\n{BODY_TWO}\n"))
    assert article.text.startswith(BODY_ONE)
    # no headline in the file: a short title is made from the first sentence
    assert article.title is not None and BODY_ONE.startswith(article.title.rstrip("."))
    assert article.meta["title_basis"] == "first_sentence"


def test_hard_wrapped_lines_are_joined_into_paragraphs(tmp_path: Path) -> None:
    wrapped = "Headline Here\n\nThe minister said on Monday\nthat the border would reopen.\n\nA second paragraph\ncontinues here.\n"
    article = one_article(write(tmp_path, "w.txt", wrapped))
    assert article.text == (
        "The minister said on Monday that the border would reopen.\n\n"
        "A second paragraph continues here."
    )


def test_lines_without_blank_lines_are_paragraphs(tmp_path: Path) -> None:
    article = one_article(write(tmp_path, "l.txt", f"Short Headline\n{BODY_ONE}\n{BODY_TWO}\n"))
    assert article.title == "Short Headline"
    assert article.text == f"{BODY_ONE}\n\n{BODY_TWO}"


def test_markdown_markup_is_removed_and_front_matter_read(tmp_path: Path) -> None:
    content = (
        "---\ntitle: Coffee and Copper\ndate: 2021-05-04\nauthor: Ana Ruiz\ndesk: trade\n---\n"
        "# Coffee and Copper\n\n"
        "The [ministers](https://example.org/x) signed a **framework** deal.\n\n"
        "![a picture](pic.png)\n\n- Laos will export *coffee*.\n"
    )
    article = one_article(write(tmp_path, "note.md", content))
    assert article.title == "Coffee and Copper"
    assert article.text == "The ministers signed a framework deal.\n\nLaos will export coffee."
    assert article.published == "2021-05-04"
    assert article.published_basis == "metadata"
    assert article.authors == ["Ana Ruiz"]
    assert article.meta["desk"] == "trade"
    assert article.meta["format"] == "md"


def test_markdown_heading_becomes_title(tmp_path: Path) -> None:
    article = one_article(write(tmp_path, "h.md", f"## Border Reopens\n\n{BODY_ONE}\n"))
    assert article.title == "Border Reopens"
    assert article.text == BODY_ONE
