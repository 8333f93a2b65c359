"""The packaged spaCy model that amity's components run on, loaded from its installed package."""

from __future__ import annotations

import spacy
from spacy.language import Language

from amity.errors import ModelNotInstalledError
from amity.settings import DEFAULT_MODEL, DEFAULT_MODEL_PACKAGE


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
