"""``amity articles -o``: the stored corpus out, one JSON line an article, text as stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from amity.cli import cli
from tests.ingest.helpers import BODY_ONE, BODY_TWO, write

PAGE = f"""<html lang="en"><head><title>Laos and Chile Talk Trade | Andes Wire</title>
<meta property="og:site_name" content="Andes Wire"><meta name="author" content="Ana Ruiz">
<meta property="article:published_time" content="2014-06-03T10:00:00Z">
<link rel="canonical" href="https://wire.example/laos-chile"></head>
<body><article><h1>Laos and Chile Talk Trade</h1><p>{BODY_ONE}</p><p>{BODY_TWO}</p></article></body></html>
"""
NOTE = f"Copper talks resume\n\n9 May 2019\n\n{BODY_TWO}\n"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AMITY_DB", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("AMITY_COMPONENTS", "none")
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    write(tmp_path / "in", "talks.html", PAGE)
    write(tmp_path / "in", "copper.txt", NOTE)
    assert invoke("ingest", "-q", str(tmp_path / "in")).exit_code == 0
    return invoke


def lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_stored_article_is_one_line_with_its_stored_text(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("articles", "-o", "all.jsonl")
    assert result.exit_code == 0 and "articles: 2 articles written to all.jsonl" in result.stderr
    copper, talks = lines(tmp_path / "all.jsonl")
    assert talks == {
        "doc_name": "talks.html", "title": "Laos and Chile Talk Trade",
        "text": f"{BODY_ONE}\n\n{BODY_TWO}", "published": "2014-06-03",
        "url": "https://wire.example/laos-chile", "source": "Andes Wire", "authors": ["Ana Ruiz"],
        "language": "en",
    }
    assert (copper["doc_name"], copper["published"], copper["language"]) == ("copper.txt", "2019-05-09", None)
    from amity import Amity

    stored = {a.doc_name: a.text for a in Amity().store.iter_articles()}
    assert stored == {"talks.html": talks["text"], "copper.txt": copper["text"]}


def test_doc_since_and_until_choose_the_articles(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def names(*args: str) -> list[object]:
        assert run("articles", "-o", "some.jsonl", *args).exit_code == 0
        return [line["doc_name"] for line in lines(tmp_path / "some.jsonl")]

    assert names("--since", "2015") == ["copper.txt"]
    assert names("--until", "2014-06") == ["talks.html"]
    assert names("--since", "2014-06-03", "--until", "2019-05-09") == ["copper.txt", "talks.html"]
    assert names("--doc", "talks.html") == ["talks.html"]
    bad = run("articles", "-o", "x.jsonl", "--since", "June")
    assert bad.exit_code != 0 and "--since must be a date like 2013" in bad.output
    assert not (tmp_path / "x.jsonl").exists()
