"""The coding stage's one pure function: ``code_batch(nlp, articles)`` → ``CodedArticle`` records.

Every executor (in-process, process pool, Dask) runs this same function, in whatever
process holds the loaded pipeline, so the records and event ids are the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from amity.models import Actor, Article, CodedArticle, Event, IngestProblem, Sentence

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

T = TypeVar("T")
Coded = CodedArticle | IngestProblem  # what coding one article gives


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of ``size`` items (the last one shorter), read lazily."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def batched_text(articles: Iterable[Article], most: int, chars: int) -> Iterator[list[Article]]:
    """Consecutive lists of articles closed at ``chars`` characters of text or ``most``
    articles, whichever comes first (every list holds at least one), read lazily."""
    chunk: list[Article] = []
    size = 0
    for article in articles:
        chunk.append(article)
        size += len(article.text)
        if size >= chars or len(chunk) >= most:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def code_batch(nlp: Language, articles: Sequence[Article], *, version: str,
               batch_size: int = 32) -> list[Coded]:
    """Code ``articles`` with the loaded pipeline, in order, one record per article.

    An article the pipeline fails on is one :class:`IngestProblem` in its place and the
    others are coded as if it were not there (the batch is retried one article at a time).
    """
    try:
        return _code_all(nlp, articles, version, batch_size)
    except Exception as err:  # noqa: BLE001 - one bad article must never stop the run
        if len(articles) == 1:
            return [coding_problem(articles[0], err)]
    return [out for article in articles
            for out in code_batch(nlp, [article], version=version, batch_size=1)]


def _code_all(nlp: Language, articles: Sequence[Article], version: str,
              batch_size: int) -> list[Coded]:
    from amity.nlp.pipeline import make_docs

    docs = nlp.pipe(make_docs(nlp, articles), batch_size=batch_size)
    return [doc_to_coded(doc, article, version) for doc, article in zip(docs, articles, strict=True)]


def coding_problem(article: Article, err: Exception) -> IngestProblem:
    return IngestProblem(article.doc_name, f"cannot code: unexpected {type(err).__name__}: {err}")


def doc_to_coded(doc: Doc, article: Article, coder_version: str) -> CodedArticle:
    """Collect what the pipeline found in ``doc`` into storable records."""
    text = article.text  # == doc.text, which spaCy would rebuild from the tokens per span
    sentences = [Sentence(i, s.start_char, s.end_char, text[s.start_char:s.end_char])
                 for i, s in enumerate(doc.sents)]
    mentions = []
    if "amity_actors" in doc.spans:
        for span in doc.spans["amity_actors"]:
            if span._.actor:
                actor = Actor.from_dict(span._.actor)
                actor.start, actor.end = span.start_char, span.end_char
                actor.mention = actor.mention or text[span.start_char:span.end_char]
                mentions.append(actor)
    article = article.with_estimate(doc._.estimate)  # an undated article's estimated date (issue 17)
    events = [finalise_event(data, article) for data in doc._.events or []]
    return CodedArticle(article, sentences, mentions, events, coder_version)


def finalise_event(data: dict[str, Any], article: Article) -> Event:
    """A coder's event dict completed with the article's fields and its stable id."""
    data = {**data, "doc_name": article.doc_name, "doc_id": article.doc_id,
            "published": article.stated_published, "event_id": "", "doc_names": []}  # never an estimate
    return Event.from_dict(data)
