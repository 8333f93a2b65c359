"""The executor contract: in this process, in a process pool and on Dask, the same articles
give the same ``CodedArticle`` records in input order, and an article the coder fails on is
one problem line while the rest is coded and stored."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import amity.core
from amity.core import Amity
from amity.models import Article, CodedArticle, IngestProblem
from amity.nlp.pipeline import load_nlp, nlp_coder_version
from amity.pipeline import AutoExecutor, InProcessExecutor, PoolExecutor, code_batch, executor_for
from amity.pipeline.cluster import DaskExecutor, parse_cluster
from amity.pipeline.coding import batched_text
from amity.settings import Settings

TEXTS = [
    "Japan agreed to provide a loan of $20 million to Cambodia on Saturday.",
    "The United States condemned the dissolution of the opposition party in Cambodia.",
    "Fumio Kishida visited Phnom Penh and praised Cambodia for its role in ASEAN.",
    "China pledged $600 million in aid to Cambodia on Monday, officials said.",
    "Vietnam and Thailand signed a trade agreement in Bangkok on Friday.",
]
ARTICLES = [Article(f"a{i}", text, published="2020-03-02") for i, text in enumerate(TEXTS)]
BROKEN = "bad: cannot code: unexpected ValueError: the coder broke on this text"


@Language.component("test_breaks_on_boom")
def breaks_on_boom(doc: Doc) -> Doc:
    if "BOOM" in doc.text:
        raise ValueError("the coder broke on this text")
    return doc


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp(Settings())


@pytest.fixture(scope="module")
def fragile_nlp() -> Language:
    """Parse only, plus a component that fails on any text with BOOM in it."""
    nlp = load_nlp(Settings(components=()))
    nlp.add_pipe("test_breaks_on_boom")
    return nlp


def with_a_bad_one() -> list[Article]:
    return [ARTICLES[0], Article("bad", "BOOM went the coder.", published="2020-03-02"), *ARTICLES[1:3]]


def test_the_three_executors_give_the_same_records_in_input_order(
        nlp: Language, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = Settings(batch_size=2)
    version = nlp_coder_version(nlp, settings)
    here = list(InProcessExecutor(nlp, version, batch_size=2).code(iter(ARTICLES)))
    assert [c.article.doc_name for c in here] == [a.doc_name for a in ARTICLES]
    assert all(isinstance(c, CodedArticle) for c in here)
    assert sum(len(c.events) for c in here if isinstance(c, CodedArticle)) >= 4, "the coder ran"

    def no_amity(*_: object, **__: object) -> None:
        raise AssertionError("a worker built an Amity")

    monkeypatch.setattr(amity.core.Amity, "__init__", no_amity)  # forked workers inherit it
    pooled = list(PoolExecutor(settings, processes=2, chunk=2, nlp=nlp, version=version).code(ARTICLES))
    on_dask = list(DaskExecutor(parse_cluster("local:2"), settings, chunk=2).code(ARTICLES))
    assert pooled == here
    assert on_dask == here


def test_a_bad_article_is_one_problem_in_its_place_and_the_batch_goes_on(fragile_nlp: Language) -> None:
    out = code_batch(fragile_nlp, with_a_bad_one(), version="v", batch_size=8)
    assert [o.article.doc_name if isinstance(o, CodedArticle) else str(o) for o in out] == \
        ["a0", BROKEN, "a1", "a2"]
    assert [len(o.sentences) for o in out if isinstance(o, CodedArticle)] == [1, 1, 1]


def test_the_pool_reports_a_bad_article_as_the_in_process_executor_does(fragile_nlp: Language) -> None:
    settings = Settings(components=(), batch_size=2)
    here = list(InProcessExecutor(fragile_nlp, "v", batch_size=2).code(with_a_bad_one()))
    pooled = list(PoolExecutor(settings, processes=2, chunk=2, nlp=fragile_nlp, version="v")
                  .code(with_a_bad_one()))
    assert pooled == here
    assert [str(o) for o in here if isinstance(o, IngestProblem)] == [BROKEN]


@pytest.mark.parametrize("n_process", [1, 2])
def test_an_ingest_rejects_the_bad_article_in_one_line_and_stores_the_rest(
        fragile_nlp: Language, tmp_path: Path, n_process: int) -> None:
    instance = Amity(f"sqlite:///{tmp_path / 'bad.db'}", components=(), n_process=n_process)
    instance._nlp = fragile_nlp  # the workers are forked from this process and share it
    said: list[tuple[str, str, int]] = []
    report = instance.ingest_articles(with_a_bad_one(), progress=lambda *line: said.append(line))
    assert [str(p) for p in report.problems] == [BROKEN]
    assert ("rejected", BROKEN, 0) in said
    assert report.summary().startswith("3 added, 0 updated, 0 unchanged, 0 duplicate, 1 rejected")
    assert sorted(a["doc_name"] for a in instance.store.list_articles()) == ["a0", "a1", "a2"]
    instance.close()


class _NoPool:
    """Stands for the pool where a small input must never start one."""

    def code(self, articles: object) -> list[object]:
        raise AssertionError("started workers for a small input")


class _CountingPool:
    """Stands for the pool: says which articles it was handed (in order) and codes them here."""

    def __init__(self, here: InProcessExecutor) -> None:
        self.here, self.given = here, []  # type: ignore[var-annotated]

    def code(self, articles: object) -> list[object]:
        self.given = list(articles)  # type: ignore[call-overload]
        return list(self.here.code(self.given))


def test_the_default_codes_a_small_input_in_this_process(nlp: Language) -> None:
    here = InProcessExecutor(nlp, "v", batch_size=2)
    auto = AutoExecutor(here, _NoPool(), small_chars=10_000)  # type: ignore[arg-type]
    out = list(auto.code(iter(ARTICLES)))
    assert [o.article.doc_name for o in out if isinstance(o, CodedArticle)] == [a.doc_name for a in ARTICLES]
    assert auto.overlaps is False, "nothing codes while the caller writes"


def test_the_default_hands_a_longer_input_to_the_workers_whole_and_in_order(nlp: Language) -> None:
    here = InProcessExecutor(nlp, "v", batch_size=2)
    pool = _CountingPool(here)
    auto = AutoExecutor(here, pool, small_chars=len(TEXTS[0]) + len(TEXTS[1]))  # type: ignore[arg-type]
    out = list(auto.code(iter(ARTICLES)))
    assert [a.doc_name for a in pool.given] == [a.doc_name for a in ARTICLES], "read-ahead kept, nothing lost"
    assert [o.article.doc_name for o in out if isinstance(o, CodedArticle)] == [a.doc_name for a in ARTICLES]
    assert auto.overlaps is True


def test_the_default_reads_no_further_ahead_than_it_needs_to_decide(nlp: Language) -> None:
    """A long input is read lazily by the default too: the decision needs one article here."""
    pulled: list[int] = []

    def stream() -> Iterator[Article]:
        for i in range(40):
            pulled.append(i)
            yield Article(f"s{i}", f"Japan praised Cambodia on Monday. Item {i}.", published="2020-01-08")

    here = InProcessExecutor(nlp, "v", batch_size=2)
    auto = AutoExecutor(here, PoolExecutor(Settings(), 2, 1, nlp, "v"), small_chars=1)
    outcomes = auto.code(stream())
    first = next(outcomes)
    assert isinstance(first, CodedArticle) and first.article.doc_name == "s0"
    assert len(pulled) <= 2 * 2 + 2, f"read {len(pulled)} articles ahead of the first result"
    assert [o.article.doc_name for o in outcomes if isinstance(o, CodedArticle)] == [f"s{i}" for i in range(1, 40)]


@pytest.mark.parametrize(("n_process", "cores", "kind"), [
    (0, 2, AutoExecutor), (0, 1, InProcessExecutor), (1, 4, InProcessExecutor), (2, 1, PoolExecutor)])
def test_the_settings_pick_the_executor(nlp: Language, monkeypatch: pytest.MonkeyPatch,
                                        n_process: int, cores: int, kind: type) -> None:
    monkeypatch.setattr("amity.settings.available_cores", lambda: cores)
    assert isinstance(executor_for(Settings(n_process=n_process), lambda: nlp), kind)


def test_worker_tasks_close_at_a_size_of_text_so_a_small_input_still_splits() -> None:
    long = [Article(f"l{i}", "x" * 3_000) for i in range(4)]
    short = [Article(f"s{i}", "Japan praised Cambodia.") for i in range(5)]
    assert [[a.doc_name for a in chunk] for chunk in batched_text(long + short, most=3, chars=5_000)] == \
        [["l0", "l1"], ["l2", "l3"], ["s0", "s1", "s2"], ["s3", "s4"]]
