"""The pipeline as spaCy sees it: the shipped config.cfg, entry points, the codebook in the config."""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.util import registry

from amity.codebook import SHIPPED, activate
from amity.nlp.pipeline import CONFIG_FILE, load_nlp, nlp_coder_version
from amity.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
TEXTS = [
    "Japan on Tuesday signed a grant agreement with Cambodia to rebuild a rural road.\n\n"
    "The Cambodian government welcomed the grant.",
    "Freedonia praised Japan for its aid on Monday.",
    "Prime Minister Hun Sen met Chinese President Xi Jinping in Beijing on 5 May 2019.",
]


def events(nlp: Language, texts: list[str], **pipe: Any) -> list[list[tuple[str, str, str]]]:
    docs = nlp.pipe([nlp.make_doc(t) for t in texts], **pipe)
    return [[(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in doc._.events] for doc in docs]


@pytest.fixture(scope="module")
def ours() -> Language:
    return load_nlp(Settings())


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    """A user's folder: a new country and another code for "praise"."""
    (tmp_path / "actors").mkdir()
    (tmp_path / "actors" / "freedonia.yaml").write_text(
        'version: "1"\ncountries:\n  - iso3: FRD\n    name: Freedonia\n', encoding="utf-8")
    (tmp_path / "verbs.yaml").write_text('verbs:\n  praise: {code: "043"}\n', encoding="utf-8")
    yield tmp_path
    activate(SHIPPED)


def test_shipped_config_builds_the_pipeline_load_nlp_builds(ours: Language) -> None:
    nlp = spacy.util.load_model_from_config(spacy.util.load_config(CONFIG_FILE), auto_fill=True)
    assert nlp.pipe_names == ours.pipe_names
    coded = events(nlp, TEXTS)
    assert coded == events(ours, TEXTS) and ("JPN", "057", "KHM") in coded[0]
    assert nlp_coder_version(nlp, Settings()) == nlp_coder_version(ours, Settings())


def test_user_folder_changes_coding_and_the_coder_version(ours: Language, mine: Path) -> None:
    settings = Settings(codebook_dirs=(str(mine),))
    nlp = load_nlp(settings)
    assert events(ours, TEXTS[1:2]) == [[]]
    assert ("FRD", "043", "JPN") in events(nlp, TEXTS[1:2])[0]
    assert nlp_coder_version(nlp, settings) != nlp_coder_version(ours, Settings())
    assert nlp.config["components"]["amity_events_v1"]["codebook"]["overlays"] == [str(mine)]


def test_overlaid_pipeline_codes_the_same_in_worker_processes(mine: Path) -> None:
    nlp = load_nlp(Settings(codebook_dirs=(str(mine),)))
    assert events(nlp, TEXTS * 2, n_process=2, batch_size=1) == events(nlp, TEXTS * 2)


def _target(value: str) -> Any:
    module, _, name = value.partition(":")
    return getattr(importlib.import_module(module), name)


def test_every_registered_name_is_an_entry_point() -> None:
    """spaCy finds amity's factories and loaders by entry point, without importing amity first."""
    points = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    assert set(points["spacy_factories"]) == {"amity_paragraphs_v1", "amity_attribute_ruler_v1", *Settings().components}
    for name, value in points["spacy_factories"].items():
        assert Language.has_factory(name) and registry.factories.get(name) is _target(value)
    assert points["spacy_misc"] == {"amity.codebook.v1": "amity.nlp.registry:make_codebook"}
    assert points["spacy_callbacks"] == {"amity.base_model.v1": "amity.nlp.registry:make_base_model"}
    for group, table in (("misc", registry.misc), ("callbacks", registry.callbacks)):
        for name, value in points[f"spacy_{group}"].items():
            assert table.get(name) is _target(value)
