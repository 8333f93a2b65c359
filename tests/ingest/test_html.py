"""HTML pages: main text, metadata, and what is left out."""

from __future__ import annotations

from pathlib import Path

from tests.ingest.helpers import BODY_ONE, BODY_TWO, one_article, write

PAGE = f"""<!doctype html>
<html><head>
<title>Laos and Chile Talk Trade | Andes Wire</title>
<meta property="og:title" content="Laos and Chile Talk Trade">
<meta property="og:site_name" content="Andes Wire">
<meta name="author" content="Ana Ruiz">
<link rel="canonical" href="https://wire.example/laos-chile">
<style>p {{ color: red; }}</style>
<script>var tracking = "ignore me";</script>
</head><body>
<header><p>Subscribe now</p></header>
<nav><ul><li>Home</li><li>World</li></ul></nav>
<article>
  <h1>Laos and Chile Talk Trade</h1>
  <figure><img src="x.jpg"><figcaption>Delegates shake hands in Santiago.</figcaption></figure>
  <p>{BODY_ONE}</p>
  <div class="share-buttons"><p>Share on Facebook</p></div>
  <h2>Next steps</h2>
  <p>{BODY_TWO.replace("Vientiane", "<b>Vientiane</b>")}</p>
  <form><p>Leave a comment</p></form>
</article>
<aside><p>Most read: other stories</p></aside>
<footer><p>Copyright Andes Wire</p></footer>
</body></html>
"""


def test_main_text_and_metadata(tmp_path: Path) -> None:
    article = one_article(write(tmp_path, "page.html", PAGE))
    assert article.text == f"{BODY_ONE}\n\nNext steps\n\n{BODY_TWO}"
    assert article.title == "Laos and Chile Talk Trade"
    assert article.source == "Andes Wire"
    assert article.authors == ["Ana Ruiz"]
    assert article.url == "https://wire.example/laos-chile"
    assert article.doc_name == "page.html"
    assert article.meta["format"] == "html"


def test_page_without_article_uses_body_and_title_tag(tmp_path: Path) -> None:
    page = f"<html><head><title>Port Deal - Mekong Daily</title></head><body><p>{BODY_ONE}</p><p>By Li Wei</p></body></html>"
    article = one_article(write(tmp_path, "p.htm", page))
    assert article.title == "Port Deal"
    assert article.text == BODY_ONE


def test_declared_charset_is_used(tmp_path: Path) -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>The caf\u00e9\u2019s owner met the envoy at noon.</p></body></html>'
    article = one_article(write(tmp_path, "c.html", page, encoding="cp1252"))
    assert article.text == "The caf\u00e9's owner met the envoy at noon."


def test_page_with_no_text_is_a_problem(tmp_path: Path) -> None:
    from tests.ingest.helpers import ingest

    articles, problems = ingest(
        write(tmp_path, "blank.html", "<html><body><script>x()</script></body></html>")
    )
    assert articles == []
    assert len(problems) == 1


def test_line_breaks_lists_captions_and_comments(tmp_path: Path) -> None:
    page = (
        '<html><head><title>Talks</title></head><body class="post comments-open">'
        '<nav><a href="/">Home</a> <a href="/w">World</a></nav><article><h1>Talks in Santiago</h1>'
        f"<p>{BODY_ONE}</p><p>The envoy arrived<br>late on Sunday, after a delay in Lima.</p>"
        "<ul><li><p>First point agreed by the ministers.</p><p>Second point deferred.</p></li></ul>"
        '<div class="wp-caption"><p>A crowd waits outside the ministry.</p></div>'
        f"<p>{BODY_TWO}</p></article>"
        '<section id="comments"><h3>3 comments</h3><div class="comment">'
        "<p>Great article, I agree with the minister on everything here.</p></div></section>"
        "</body></html>"
    )
    article = one_article(write(tmp_path, "n.html", page))
    # a "comments" word in the body's class does not drop the page; the comments do go
    assert article.text == (
        f"{BODY_ONE}\n\nThe envoy arrived late on Sunday, after a delay in Lima.\n\n"
        f"First point agreed by the ministers.\n\nSecond point deferred.\n\n{BODY_TWO}"
    )
    assert article.title == "Talks in Santiago"
    assert article.meta["language"] == "en"


def test_date_before_1995_comes_from_the_meta_tags(tmp_path: Path) -> None:
    page = (
        '<html><head><meta property="article:published_time" content="1992-03-16T08:00:00+07:00">'
        f"</head><body><article><p>{BODY_ONE}</p><p>{BODY_TWO}</p></article></body></html>"
    )
    article = one_article(write(tmp_path, "old.html", page))
    assert (article.published, article.published_basis) == ("1992-03-16", "metadata")


GERMAN = (
    "Die Au\u00dfenminister von Laos und Chile trafen sich am Dienstag in Santiago, um \u00fcber "
    "ein neues Handelsabkommen f\u00fcr Kupfer und Kaffee zu sprechen. Beide Seiten nannten "
    "die Gespr\u00e4che konstruktiv und wollen sich vor Jahresende in Vientiane wiedersehen."
)


def test_pages_not_in_english_are_counted_and_skipped(tmp_path: Path) -> None:
    from amity import Amity
    from amity.settings import Settings

    write(tmp_path / "in", "de.html", f"<html><body><article><p>{GERMAN}</p></article></body></html>")
    write(tmp_path / "in", "en.html", f"<html><body><article><p>{BODY_ONE}</p></article></body></html>")
    amity = Amity(f"sqlite:///{tmp_path / 's.db'}", settings=Settings(components=()))
    report = amity.ingest([str(tmp_path / "in")])
    assert (report.added, report.problems, report.skipped) == (1, [], {"not in English": 1})
    assert "; 1 skipped: not in English;" in report.summary()


def test_inline_code_and_links_stay_in_their_sentence(tmp_path: Path) -> None:
    page = (
        f"<html><body><article><p>{BODY_ONE}</p>"
        '<p>The ministry put the text of the <code>trade</code> pact <a href="/pact">online</a>.</p>'
        f"<p>{BODY_TWO}</p></article></body></html>"
    )
    article = one_article(write(tmp_path, "code.html", page))
    assert "The ministry put the text of the trade pact online." in article.text.split("\n\n")
