"""Reviews in the store: the same clause twice in an article, a backup and restore, a migration,
and the claims view."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, text

from amity.core import Amity
from amity.models import Actor, Article, CodedArticle, Event, Sentence
from amity.store.migrations import SCHEMA_VERSION
from amity.store.schema import migrations_table
from amity.store.store import make_engine
from tests.analysis.conftest import corpus

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


def _back_to_schema_6(url: str) -> None:
    """Undo migrations 7 and 8 by hand: the store as a release with reviews but before them left it."""
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_events_review_queue"))
        for column in ("published_range", "published_evidence"):
            conn.execute(text(f"ALTER TABLE articles DROP COLUMN {column}"))
        conn.execute(migrations_table.delete().where(migrations_table.c.version >= 7))
    engine.dispose()


def test_reviews_survive_the_migrations_after_them(db_url: str) -> None:
    amity = Amity(db_url)
    amity.store.write([_coded()])
    first, later = sorted(amity.events(), key=lambda e: e.date or "")
    amity.review(first.event_id, "fixed", {"cameo": "112"}, note="an accusation")
    amity.review(later.event_id, "wrong")
    amity.close()
    _back_to_schema_6(db_url)
    migrated = Amity(db_url)  # opening the store runs migrations 7 and 8
    with migrated.store.engine.connect() as conn:
        assert max(conn.execute(select(migrations_table.c.version)).scalars()) == SCHEMA_VERSION
    assert [(e.cameo, (e.review or {}).get("verdict")) for e in migrated.events()] == [("112", "fixed")]
    assert [r["note"] for r in migrated.event_reviews(first.event_id)] == ["an accusation"]
    assert [e.date for e in migrated.events(include_wrong=True)] == ["2013", "2015"]
    migrated.close()


def test_a_claim_reviewed_wrong_leaves_the_conflict(tmp_path: Path) -> None:
    amity = Amity(f"sqlite:///{tmp_path / 'claims.db'}")
    amity.store.write(corpus())
    amity.catch_up_indexes()
    totals = [g for g in amity.claims() if g.kind == "total"]
    assert len(totals) == 1 and totals[0].conflicting
    high = next(e for e in amity.events() if any(a.value == 2.8e9 for a in e.amounts))
    amity.review(high.event_id, "wrong", note="a cumulative figure counted from another year")
    assert [g.values for g in amity.claims() if g.kind == "total"] == []
    amity.close()
