"""Build the NLP pipeline: the packaged spaCy model plus amity's components.

amity's components are spaCy factories (``amity_actors_v1`` …, entry points in
``pyproject.toml``) that take the codebook from the ``amity.codebook.v1`` loader in their
config, so ``amity/nlp/config.cfg`` builds the same pipeline with
``spacy.util.load_model_from_config``. Everything loads from installed packages: nothing is
downloaded.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

import amity.nlp.actors
import amity.nlp.amounts
import amity.nlp.dates
import amity.nlp.estimate
import amity.nlp.events
import amity.nlp.paragraphs
import amity.nlp.places  # noqa: F401 - the imports above register amity's factories
import amity.nlp.ruler
from amity import __version__
from amity.codebook import Codebook, activate, load_codebook
from amity.models import Article
from amity.nlp.extensions import register_extensions
from amity.nlp.model import load_model
from amity.settings import Settings

log = logging.getLogger("amity.nlp")
CONFIG_FILE = Path(__file__).resolve().parent / "config.cfg"  # the same pipeline as a spaCy config
AMITY_COMPONENTS = ("amity_actors_v1", "amity_dates_v1", "amity_estimate_v1", "amity_amounts_v1", "amity_places_v1",
                    "amity_events_v1")  # the factories that take the codebook


def settings_codebook(settings: Settings) -> Codebook:
    """The codebook ``settings`` ask for: ours, the ``--codebook`` folders, ``--actors``/``--verbs``."""
    return load_codebook(tuple(settings.codebook_dirs), tuple(settings.actors_files),
                         tuple(settings.verbs_files))


def component_config(name: str, settings: Settings) -> dict[str, Any]:
    """A component's config: amity's components get the codebook loader's arguments."""
    if name not in AMITY_COMPONENTS:
        return {}
    return {"codebook": {"@misc": "amity.codebook.v1", "overlays": list(settings.codebook_dirs),
                         "actors": list(settings.actors_files), "verbs": list(settings.verbs_files)}}


def load_nlp(settings: Settings | None = None) -> Language:
    """The model of ``settings`` with the paragraph marker and the configured components.

    The garbage collector is paused while it loads: the load makes hundreds of thousands of
    long-lived objects and no garbage cycles, and each full collection it would start walks
    every object already loaded (a measurable part of the load)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_nlp(settings or Settings())
    finally:
        if collecting:
            gc.enable()


def _load_nlp(settings: Settings) -> Language:
    register_extensions()
    activate(settings_codebook(settings))  # a broken codebook fails here, before the model loads;
    # active also for what runs outside the components (boilerplate while reading, parse-only runs)
    nlp = load_model(settings.model)
    amity.nlp.ruler.speed_up(nlp)  # the model's attribute_ruler, same output, a tenth of the cost
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("amity_paragraphs_v1", before="parser")
    for name in settings.components:
        nlp.add_pipe(name, config=component_config(name, settings))
    return nlp


@lru_cache(maxsize=8)
def coder_version(model_name: str, model_version: str, codebook_digest: str) -> str:
    """Identifies what coded an article: amity, the model, and the codebook's digest (of the
    effective, overlaid files): a change to any of them re-codes stored articles."""
    return f"amity-{__version__}+{model_name}-{model_version}+cb-{codebook_digest}"


def nlp_coder_version(nlp: Language, settings: Settings) -> str:
    return coder_version(nlp.meta.get("name", "?"), nlp.meta.get("version", "?"),
                         settings_codebook(settings).digest)


HEAD_LINES = 8  # a title, a kicker and photo captions may come before the dateline
# a text of our own that reaches every component's lazily built parts (a numeric date, a place,
# actors, a verb): see warm_up()
WARM_UP_TEXT = "The two ministers met in Paris on 13/03/2018 and agreed to talk again next week."


def warm_up(nlp: Language) -> None:
    """Run the pipeline once on :data:`WARM_UP_TEXT`, and dateparser once, before worker
    processes fork: what is built on first use (dateparser's time-zone patterns, the date
    grammar, matcher and regex caches) is then built once and shared copy-on-write by every
    worker instead of once per worker. The coded text is thrown away; every cache it fills
    holds pure results, so the coding of later articles is the same."""
    import amity.nlp.dates

    warm = Article(doc_name="amity-warm-up", text=WARM_UP_TEXT, published="2018-03-20")
    try:
        amity.nlp.dates.warm_up()
        for _ in nlp.pipe(make_docs(nlp, [warm])):
            pass
    except Exception as exc:  # noqa: BLE001 - only a head start: the workers build it themselves
        log.debug("warm-up failed (%s); each worker builds its own caches", exc)


def make_docs(nlp: Language, articles: Iterable[Article]) -> Iterator[Doc]:
    """Tokenised Docs carrying the inputs amity's components read."""
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.published = article.stated_published  # an estimate is made again, never taken as stated
        doc._.removed = list(article.removed) if not doc._.published else None  # dated captions
        doc._.doc_name = article.doc_name
        doc._.head = list(article.removed[:HEAD_LINES])  # a dateline ingest set aside places acts
        yield doc
