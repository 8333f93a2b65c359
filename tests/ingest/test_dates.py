"""Publication date: metadata first, then the text, else unknown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from amity.ingest.dates import parse_date
from tests.ingest.helpers import BODY_ONE, BODY_TWO, one_article, write


def test_date_from_jsonl_metadata(tmp_path: Path) -> None:
    line = json.dumps(
        {"id": "a", "text": f"Khmer Post, 2 May 2001\n\n{BODY_ONE}", "published": "2011-02-03"}
    )
    article = one_article(write(tmp_path, "a.jsonl", line + "\n"))
    assert (article.published, article.published_basis) == ("2011-02-03", "metadata")


def test_date_from_jsonl_text_when_metadata_absent(tmp_path: Path) -> None:
    line = json.dumps({"id": "a", "text": f"Published: 12 August 2016\n\n{BODY_ONE}"})
    article = one_article(write(tmp_path, "a.jsonl", line + "\n"))
    assert (article.published, article.published_basis) == ("2016-08-12", "text")
    assert "Published" not in article.text


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Andes Wire, 14 November 2017", "2017-11-14"),
        ("Posted on March 3, 2015", "2015-03-03"),
        ("By Ana Ruiz | June 7, 2012", "2012-06-07"),
        ("Thursday, 4 April 2013", "2013-04-04"),
    ],
)
def test_date_from_the_text_head(tmp_path: Path, head: str, expected: str) -> None:
    article = one_article(
        write(tmp_path, "t.txt", f"Port Deal\n\n{head}\n\n{BODY_ONE}\n\n{BODY_TWO}\n")
    )
    assert (article.published, article.published_basis) == (expected, "text")
    assert head not in article.text


def test_date_from_html_metadata(tmp_path: Path) -> None:
    page = (
        '<html><head><meta property="article:published_time" content="2018-09-21T08:00:00+07:00">'
        f"</head><body><article><p>{BODY_ONE}</p></article></body></html>"
    )
    article = one_article(write(tmp_path, "p.html", page))
    assert (article.published, article.published_basis) == ("2018-09-21", "metadata")


def test_date_from_html_time_element(tmp_path: Path) -> None:
    page = f'<html><body><article><time datetime="2014-01-30">Jan 30</time><p>{BODY_ONE}</p></article></body></html>'
    article = one_article(write(tmp_path, "p.html", page))
    assert (article.published, article.published_basis) == ("2014-01-30", "metadata")


def test_no_date_is_unknown(tmp_path: Path) -> None:
    article = one_article(write(tmp_path, "t.txt", f"Port Deal\n\n{BODY_ONE}\n"))
    assert (article.published, article.published_basis) == (None, "unknown")


def test_dates_in_the_body_are_not_publication_dates(tmp_path: Path) -> None:
    body = "The treaty was signed on 3 July 1953 in Paris by both governments."
    article = one_article(write(tmp_path, "t.txt", f"Old Treaty\n\n{body}\n\n{BODY_TWO}\n"))
    assert article.published is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-02-29", "2020-02-29"),
        ("2020-02-30", None),
        ("2019-12-31T23:59:59Z", "2019-12-31"),
        ("5 Jan 2010", "2010-01-05"),
        ("June 2010", None),
        ("no date at all", None),
    ],
)
def test_parse_date(value: str, expected: str | None) -> None:
    assert parse_date(value) == expected
