"""The pool warms the pipeline up once before its workers fork (they inherit what it built)."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from amity.models import Article, CodedArticle
from amity.nlp.pipeline import WARM_UP_TEXT, load_nlp, warm_up
from amity.pipeline import InProcessExecutor, PoolExecutor
from amity.settings import Settings

ARTICLES = [Article(f"w{i}", f"Talks number {i} ended in Lima on Friday.", published="2021-05-07") for i in range(4)]
SEEN: list[str] = []


@Language.component("test_records_texts")
def records_texts(doc: Doc) -> Doc:
    SEEN.append(doc.text)
    if doc.text == WARM_UP_TEXT:
        raise ValueError("this component fails on the warm-up text")
    return doc


@pytest.fixture(scope="module")
def nlp() -> Language:
    nlp = load_nlp(Settings(components=()))
    nlp.add_pipe("test_records_texts")
    return nlp


def test_the_pool_warms_up_in_this_process_before_forking(nlp: Language) -> None:
    from dateparser import timezone_parser

    timezone_parser._build_tz_regexes.cache_clear()
    SEEN.clear()
    pooled = list(PoolExecutor(Settings(components=()), processes=2, chunk=1, nlp=nlp, version="v").code(ARTICLES))
    assert SEEN == [WARM_UP_TEXT]  # the articles were coded in the workers, the warm-up here
    assert timezone_parser._build_tz_regexes.cache_info().currsize == 1
    here = list(InProcessExecutor(nlp, "v", batch_size=2).code(ARTICLES))
    assert pooled == here and all(isinstance(c, CodedArticle) for c in pooled)


def test_a_failing_warm_up_is_no_error(nlp: Language) -> None:
    warm_up(nlp)  # the component raises on the warm-up text: logged, not raised
