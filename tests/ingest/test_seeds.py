"""The shared seed articles ingest cleanly (reads ../shared; skipped without it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from amity.ingest import iter_articles
from amity.models import Article

BOILERPLATE_MARKERS = [
    "(AP Photo",
    "Leave a Reply",
    "You are commenting using",
    "The views expressed",
]


@pytest.mark.shared
def test_seeds_ingest_without_boilerplate(seeds_dir: Path) -> None:
    items = list(iter_articles([str(seeds_dir)]))
    articles = [item for item in items if isinstance(item, Article)]
    assert len(items) == 5 and len(articles) == 5
    for article in articles:
        assert article.title, article.doc_name
        for marker in BOILERPLATE_MARKERS:
            assert marker not in article.text, (article.doc_name, marker)
        first_lines = [p.lower() for p in article.text.split("\n\n")[:3]]
        assert not any(p.startswith("by ") and len(p) < 80 for p in first_lines)
        assert article.text == article.text.strip() and "  " not in article.text
    with_byline = [a for a in articles if a.authors]
    assert with_byline
    for article in with_byline:  # the authors' bio at the end is not body text
        last = article.text.split("\n\n")[-1]
        assert not any(last.startswith(name) for name in article.authors)
    dated = {a.doc_name: a.published for a in articles if a.published_basis == "text"}
    assert any(value and value.startswith("2014") for value in dated.values())


@pytest.mark.shared
def test_seeds_in_the_store_have_sentences_that_slice_back(seeds_dir: Path, tmp_path: Path) -> None:
    from amity import Amity
    from amity.settings import Settings

    amity = Amity(f"sqlite:///{tmp_path / 'seeds.db'}", settings=Settings(components=()))
    report = amity.ingest([str(seeds_dir)])
    assert report.added == 5 and not report.problems
    nlp = amity.nlp
    for article in amity.store.iter_articles():
        stored = amity.store.article_sentences(article.doc_id)
        assert stored, article.doc_name
        parsed = [s.text for s in nlp(article.text).sents]
        assert [article.text[start:end] for _, start, end in stored] == parsed
        for marker in BOILERPLATE_MARKERS:
            assert marker not in article.text
    assert amity.ingest([str(seeds_dir)]).unchanged == 5
