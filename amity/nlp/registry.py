"""amity's spaCy registry functions: the codebook loader and the base model's vocabulary.

* ``amity.codebook.v1`` (``@misc``): the :class:`~amity.codebook.Codebook` handed to every
  amity component by its config (``[components.amity_events_v1.codebook]``): our data
  overlaid by the ``overlays`` folders, then the ``actors`` and ``verbs`` files.
* ``amity.base_model.v1`` (``@callbacks``, as ``[nlp.after_creation]``): gives a pipeline
  built from a config (``amity/nlp/config.cfg``) the tokenizer, vocabulary and lookups of the
  installed model its components are sourced from, so it parses as ``spacy.load`` of it does.

Both are found by spaCy through the entry points in ``pyproject.toml``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.util import get_package_path, is_package, load_meta, registry

from amity.codebook import Codebook, load_codebook
from amity.errors import ModelNotInstalledError

CODEBOOK_CONFIG = {"@misc": "amity.codebook.v1"}  # a component's default: our codebook alone


@registry.misc("amity.codebook.v1")
def make_codebook(overlays: list[str] = [], actors: list[str] = [],  # noqa: B006 - spaCy config defaults
                  verbs: list[str] = []) -> Codebook:  # noqa: B006
    """The codebook for a pipeline's config (checked once, cached per distinct argument list)."""
    return load_codebook(tuple(str(p) for p in overlays), tuple(str(p) for p in actors),
                         tuple(str(p) for p in verbs))


def model_data_dir(model: str) -> Path:
    """The folder holding an installed model package's data (or ``model`` if it is a folder)."""
    if Path(model).is_dir():
        return Path(model)
    if not is_package(model):
        raise ModelNotInstalledError(f"the spaCy model {model!r} is not installed; amity loads it "
                                     "from the installed package and never downloads it")
    package = get_package_path(model)
    return next((p for p in sorted(package.iterdir()) if (p / "config.cfg").is_file()), package)


@registry.callbacks("amity.base_model.v1")
def make_base_model(model: str) -> Callable[[Language], Language]:
    """An ``after_creation`` callback loading ``model``'s tokenizer, vocabulary and meta."""

    def with_base_model(nlp: Language) -> Language:
        folder = model_data_dir(model)
        nlp.vocab.from_disk(folder / "vocab")
        nlp.tokenizer.from_disk(folder / "tokenizer")  # type: ignore[union-attr]
        base = load_meta(folder / "meta.json") if (folder / "meta.json").is_file() else {}
        nlp.meta.update({key: base[key] for key in ("name", "version") if key in base})
        return nlp

    return with_base_model
