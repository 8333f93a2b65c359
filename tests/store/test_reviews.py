"""Reviews in the store: the same clause twice in an article, a backup and restore."""

from __future__ import annotations

from pathlib import Path

from amity.core import Amity
from amity.models import Actor, Article, CodedArticle, Event, Sentence

CLAUSE = "Japan criticized Cambodia"


def _coded(prefix: str = "") -> CodedArticle:
    """One article saying the same clause twice (in 2013 and in 2015): two events, same words."""
    text = f"{prefix}{CLAUSE} in 2013.  {CLAUSE} in 2015."
    article = Article("twice.txt", text, published="2015-06-01", published_basis="metadata")
    first, second = text.index(CLAUSE), text.rindex(CLAUSE)
    sentences = [Sentence(0, 0, len(prefix), prefix)] if prefix else []
    sentences += [Sentence(len(sentences), first, second - 2, text[first:second - 2]),
                  Sentence(len(sentences) + 1, second, len(text), text[second:])]
    jpn, khm = Actor(code="JPNGOV", country="JPN", sector="GOV"), Actor(code="KHMGOV", country="KHM", sector="GOV")
    events = [Event(doc_name="twice.txt", doc_id=article.doc_id, source=jpn, target=khm, cameo="111",
                    sentence_index=sentences[-2 + i].index, span=(at, at + len(CLAUSE)), date=year,
                    date_precision="year", quad="verbal_conflict", goldstein=-2.0)
              for i, (at, year) in enumerate(((first, "2013"), (second, "2015")))]
    return CodedArticle(article, sentences, [], events, "test")


def test_a_review_of_a_repeated_clause_stays_on_its_own_occurrence(tmp_path: Path) -> None:
    amity = Amity(f"sqlite:///{tmp_path / 'twice.db'}")
    amity.store.write([_coded()])
    later = next(e for e in amity.events() if e.date == "2015")
    amity.review(later.event_id, "wrong")
    amity.store.write([_coded(prefix="Updated.  ")])  # both clauses move by 10 characters
    assert [e.date for e in amity.events()] == ["2013"]
    assert [e.date for e in amity.events(include_wrong=True) if e.review] == ["2015"]


def test_reviews_survive_a_backup_and_restore(tmp_path: Path) -> None:
    amity = Amity(f"sqlite:///{tmp_path / 'a.db'}")
    amity.store.write([_coded()])
    first = next(e for e in amity.events() if e.date == "2013")
    amity.review(first.event_id, "fixed", {"cameo": "112"}, note="an accusation")
    amity.backup(str(tmp_path / "b.amity.gz"))
    restored = Amity(f"sqlite:///{tmp_path / 'b.db'}")
    restored.restore(str(tmp_path / "b.amity.gz"))
    back = restored.event(first.event_id)
    assert (back.cameo, (back.review or {}).get("verdict")) == ("112", "fixed")
    assert [r["note"] for r in restored.event_reviews(first.event_id)] == ["an accusation"]
