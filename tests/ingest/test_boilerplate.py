"""Boilerplate goes to Article.removed, never into Article.text."""

from __future__ import annotations

from pathlib import Path

from amity.ingest.boilerplate import load_rules
from tests.ingest.helpers import BODY_ONE, BODY_TWO, one_article, write


def _article_from(tmp_path: Path, *paragraphs: str) -> tuple[str, list[str]]:
    article = one_article(write(tmp_path, "b.txt", "\n\n".join(paragraphs) + "\n"))
    return article.text, article.removed


def test_byline_gives_authors_and_leaves_the_body(tmp_path: Path) -> None:
    path = write(tmp_path, "b.txt", f"Trade Talks\n\nBy Ana Ruiz and Tom Okafor\n\n{BODY_ONE}\n")
    article = one_article(path)
    assert article.authors == ["Ana Ruiz", "Tom Okafor"]
    assert article.text == BODY_ONE
    assert "By Ana Ruiz and Tom Okafor" in article.removed


def test_author_label_is_a_byline(tmp_path: Path) -> None:
    article = one_article(
        write(tmp_path, "b.txt", f"Trade Talks\n\nAuthor: Li Wei\n\n{BODY_ONE}\n")
    )
    assert article.authors == ["Li Wei"]
    assert "Author" not in article.text


def test_sentence_starting_with_by_is_not_a_byline(tmp_path: Path) -> None:
    sentence = "By the end of the week, the two delegations had agreed on a text"
    text, _ = _article_from(tmp_path, "Trade Talks", sentence, BODY_ONE)
    assert text.startswith(sentence)


def test_dateline_line_and_prefix_are_removed_but_body_stays(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "d.txt",
        "Trade Talks\n\nMekong Daily, 9 March 2019\n\n"
        "VIENTIANE, (Mekong Daily) \u2013 Laos signed a coffee export deal with Chile on Friday.\n\n"
        f"{BODY_TWO}\n",
    )
    article = one_article(path)
    assert article.text.startswith("Laos signed a coffee export deal with Chile on Friday.")
    assert "VIENTIANE" not in article.text and "Mekong Daily" not in article.text
    assert article.source == "Mekong Daily"
    assert article.published == "2019-03-09"


def test_agency_dateline_prefix(tmp_path: Path) -> None:
    text, removed = _article_from(
        tmp_path,
        "Port Deal",
        "SANTIAGO (Andes Wire) - Chile opened a new port on Monday.",
        BODY_TWO,
    )
    assert text.startswith("Chile opened a new port on Monday.")
    assert any("SANTIAGO" in line for line in removed)


def test_title_case_dateline_with_country_and_day(tmp_path: Path) -> None:
    text, removed = _article_from(
        tmp_path,
        "Port Deal",
        "Valparaiso, Chile, 14 May \u2013 Chile and Peru signed a port deal on Monday.",
        BODY_TWO,
    )
    assert text.startswith("Chile and Peru signed a port deal on Monday.")
    assert any("Valparaiso" in line for line in removed)


def test_acronym_at_paragraph_start_is_not_a_dateline(tmp_path: Path) -> None:
    first = "ASEAN \u2014 the regional bloc \u2014 said it would send observers to the vote."
    text, _ = _article_from(tmp_path, "Observers", first, BODY_TWO)
    assert text.startswith(first)


def test_photo_captions_and_credits_are_removed(tmp_path: Path) -> None:
    caption_credit = (
        "Officials wave flags at the opening of a bridge near the border. (AP Photo/Mara Lind)"
    )
    caption_date = "The foreign minister speaks to reporters in Lima, Wednesday, Feb. 6, 2019."
    reuters = "Ships are seen at the new terminal in the port. REUTERS/Juan Perez"
    photo_label = "Photo: Ministry of Foreign Affairs"
    text, removed = _article_from(
        tmp_path,
        "Port Deal",
        caption_credit,
        BODY_ONE,
        caption_date,
        reuters,
        photo_label,
        BODY_TWO,
    )
    assert text == f"{BODY_ONE}\n\n{BODY_TWO}"
    for line in (caption_credit, caption_date, reuters, photo_label):
        assert line in removed


def test_comment_form_and_share_widgets_are_removed(tmp_path: Path) -> None:
    text, removed = _article_from(
        tmp_path,
        "Port Deal",
        BODY_ONE,
        BODY_TWO,
        "Share this:\nTwitter\nFacebook",
        "Like this:",
        "Leave a Reply",
        "You are commenting using your Mastodon account. Log Out / Change )",
        "Notify me of new comments via email.",
    )
    assert text == f"{BODY_ONE}\n\n{BODY_TWO}"
    assert "Leave a Reply" in removed


def test_share_widget_lines_inside_a_block_are_dropped(tmp_path: Path) -> None:
    text, removed = _article_from(
        tmp_path,
        "Port Deal",
        BODY_ONE,
        "Click to share on Twitter (Opens in new window)\nTweet",
        BODY_TWO,
    )
    assert text == f"{BODY_ONE}\n\n{BODY_TWO}"
    assert "Tweet" in removed


def test_disclaimer_and_author_bio_at_the_end_are_removed(tmp_path: Path) -> None:
    bio = "Maria Gomez is a research fellow at the Institute for Andean Studies in Quito."
    disclaimer = "The views expressed here are the writer's own and not those of this site."
    text, removed = _article_from(tmp_path, "Port Deal", BODY_ONE, BODY_TWO, bio, disclaimer)
    assert text == f"{BODY_ONE}\n\n{BODY_TWO}"
    assert bio in removed and disclaimer in removed


def test_bio_of_a_byline_author_is_removed(tmp_path: Path) -> None:
    bio = "Ana Ruiz, who covered the Andes for a decade, now lives in Lisbon."
    path = write(tmp_path, "b.txt", f"Port Deal\n\nBy Ana Ruiz\n\n{BODY_ONE}\n\n{bio}\n")
    article = one_article(path)
    assert article.text == BODY_ONE


def test_sentence_about_a_person_in_the_body_is_kept(tmp_path: Path) -> None:
    last = "Kofi Mensah is the longest-serving trade minister in the region."
    text, _ = _article_from(tmp_path, "Port Deal", BODY_ONE, last)
    assert text.endswith(last)


def test_related_posts_and_footnotes_are_cut(tmp_path: Path) -> None:
    text, removed = _article_from(
        tmp_path,
        "Port Deal",
        BODY_ONE,
        BODY_TWO,
        "Related posts",
        "Chile opens second port",
        "Coffee prices fall",
    )
    assert text == f"{BODY_ONE}\n\n{BODY_TWO}"
    assert "Coffee prices fall" in removed
    text, _ = _article_from(
        tmp_path,
        "Port Deal",
        BODY_ONE,
        BODY_TWO,
        "[1] Trade statistics yearbook, 2018.",
        "[2] Port authority report.",
    )
    assert text == f"{BODY_ONE}\n\n{BODY_TWO}"


def test_section_kicker_before_the_title_is_removed(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "k.txt",
        f"Opinion / Asia\n\nWhy the Port Deal Matters\n\n{BODY_ONE}\n\n{BODY_TWO}\n",
    )
    article = one_article(path)
    assert article.title == "Why the Port Deal Matters"
    assert article.text == f"{BODY_ONE}\n\n{BODY_TWO}"


def test_rules_are_data_loaded_once() -> None:
    rules = load_rules()
    assert load_rules() is rules
    assert rules.anywhere["caption"] and rules.head["byline"]


def test_scraper_prefix_page_chrome_credits_and_late_dateline_are_not_body() -> None:
    from amity.ingest.boilerplate import separate

    blocks = ["date 2010-05-03 JavaScript is off. Please enable to view full site.", "Greece gets a bailout",
              "Greece gets a bailout", "Protesters march in Athens on Sunday. (Associated Press)",
              "Partners agree to loans", "BRUSSELS, Belgium – European governments agreed on Sunday to lend Greece money."]
    out = separate(blocks, find_title=True)
    assert out.title == "Greece gets a bailout"
    assert out.paragraphs == ["Partners agree to loans", "European governments agreed on Sunday to lend Greece money."]
    assert "2010-05-03" in out.date_candidates
