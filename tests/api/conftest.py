"""A small hand-built store (no NLP coder) and a TestClient over the app."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from amity.app import create_app
from amity.core import Amity
from amity.models import Actor, Article, CodedArticle, Event, Location, Sentence

TOKEN = "s3cret-token"
XSS_TITLE = "<script>alert(1)</script> Aid talks"


def _actor(code: str, name: str, start: int | None = None, end: int | None = None) -> Actor:
    return Actor(code=code, country=code[:3], sector=code[3:] or None, name=name, mention=name,
                 start=start, end=end)


def _event(article: Article, sentence: Sentence, clause: str, src: Actor, tgt: Actor, cameo: str,
           date: str, precision: str, goldstein: float, quad: str, **kw: object) -> Event:
    start = article.text.index(clause)
    return Event(doc_name=article.doc_name, doc_id=article.doc_id, published=article.published,
                 source=src, target=tgt, cameo=cameo, cameo_name=str(kw.pop("name", "")), goldstein=goldstein,
                 quad=quad, date=date, date_precision=precision, date_basis="text",
                 sentence_index=sentence.index, span=(start, start + len(clause)), **kw)  # type: ignore[arg-type]


def _sentences(text: str) -> list[Sentence]:
    out, at = [], 0
    for i, part in enumerate(text.split("  ")):
        start = text.index(part, at)
        out.append(Sentence(i, start, start + len(part), part))
        at = start + len(part)
    return out


def build_corpus() -> list[CodedArticle]:
    """Three articles: Japan–Cambodia aid (1993, 2015), China–Cambodia loan, a hostile title.

    loan.txt also holds two events every face must hide unless asked for all: a plan
    ("China might lend", not factual) and a denial ("Japan did not sanction", negated).
    """
    jpn, khm, chn = _actor("JPNGOV", "Japan"), _actor("KHMGOV", "Cambodia"), _actor("CHNGOV", "China")
    text1 = "Japan pledged aid to Cambodia in 1993.  Cambodia praised Japan in 2015."
    a1 = Article("aid.txt", text1, title="Japan pledges aid", published="2015-05-01",
                 published_basis="metadata", source="Test Wire")
    s1 = _sentences(text1)
    ev1 = [_event(a1, s1[0], "Japan pledged aid to Cambodia", jpn, khm, "0711", "1993", "year", 7.4,
                  "material_coop", name="Provide economic aid"),
           _event(a1, s1[1], "Cambodia praised Japan", khm, jpn, "051", "2015", "year", 3.4, "verbal_coop",
                  name="Praise or endorse")]
    m1 = [_actor("JPNGOV", "Japan", 0, 5), _actor("KHMGOV", "Cambodia", 21, 29)]
    text2 = ("China threatened Cambodia on 2018-07-30.  China might lend money to Cambodia.  "
             "Japan did not sanction Cambodia on 2018-07-31.")
    a2 = Article("loan.txt", text2, title="China and Cambodia", published="2018-08-01",
                 published_basis="metadata")
    s2 = _sentences(text2)
    ev2 = [_event(a2, s2[0], "China threatened Cambodia", chn, khm, "130", "2018-07-30", "day", -4.4,
                  "verbal_conflict", name="Threaten"),
           _event(a2, s2[1], "China might lend money to Cambodia", chn, khm, "0711", "2018", "year", 7.4,
                  "material_coop", factual=False),
           _event(a2, s2[2], "Japan did not sanction Cambodia", jpn, khm, "163", "2018-07-31", "day", -8.0,
                  "material_conflict", name="Impose embargo, boycott, or sanctions", negated=True)]
    text3 = "Japan met Cambodia. <script>alert(1)</script> was in the page."
    a3 = Article("xss.txt", text3, title=XSS_TITLE, published="2019-01-01", published_basis="metadata",
                 source="<b>Evil</b> outlet")
    s3 = [Sentence(0, 0, len(text3), text3)]
    ev3 = [_event(a3, s3[0], "Japan met Cambodia", jpn, khm, "040", "2019", "year", 1.0, "verbal_coop")]
    return [CodedArticle(a1, s1, m1, ev1, "test"), CodedArticle(a2, s2, [], ev2, "test"),
            CodedArticle(a3, s3, [_actor("JPNGOV", "Japan", 0, 5)], ev3, "test")]


@pytest.fixture
def amity(db_url: str) -> Iterator[Amity]:
    """The API over SQLite, and over PostgreSQL too when AMITY_TEST_PG_URL is set."""
    instance = Amity(db_url)
    instance.store.write(build_corpus())
    yield instance
    instance.close()


@pytest.fixture
def client(amity: Amity) -> TestClient:
    return TestClient(create_app(amity), raise_server_exceptions=False)


@pytest.fixture
def writer(amity: Amity) -> TestClient:
    return TestClient(create_app(amity, write_token=TOKEN, max_body_bytes=4096), raise_server_exceptions=False)


def placed_corpus() -> list[CodedArticle]:
    """``build_corpus`` with places: the 1993 aid in Phnom Penh (coordinates), the 2015 praise
    known only to be in Cambodia, the 2018 threat in Singapore (a country too small for the
    1:110m outline, country only), the 2019 meeting in Tokyo (coordinates)."""
    corpus = build_corpus()
    aid, praise = corpus[0].events
    threat = corpus[1].events[0]
    meeting = corpus[2].events[0]
    aid.location = Location("Phnom Penh", "KHM", "Phnom Penh", 11.56, 104.92)
    praise.location = Location("Cambodia", "KHM")
    threat.location = Location("Singapore", "SGP")
    meeting.location = Location("Tokyo", "JPN", "Tokyo", 35.69, 139.69)
    return corpus
