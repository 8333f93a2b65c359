"""The start-up disk cache (amity/cache.py): built once per content, safe, invalidated."""

from __future__ import annotations

import multiprocessing as mp
import pickle
from pathlib import Path

import pytest

from amity import cache
from amity.codebook.actors import ActorCodebook, load_default
from amity.codebook.verbs import VerbCodebook, _cached, base_files


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def _counting(calls: list[int], value: object):  # type: ignore[no-untyped-def]
    def build() -> object:
        calls.append(1)
        return value
    return build


def test_built_once_then_loaded(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "lex.yaml"
    source.write_text("a: 1\n")
    calls: list[int] = []
    first = cache.cached("lex", [source], _counting(calls, {"a": [1, 2]}))
    second = cache.cached("lex", [source], _counting(calls, {"other": 0}))
    assert first == second == {"a": [1, 2]}
    assert len(calls) == 1
    assert len(list(folder.glob("lex-*.pickle"))) == 1


def test_a_changed_input_or_extra_is_rebuilt(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "lex.yaml"
    source.write_text("a: 1\n")
    calls: list[int] = []
    cache.cached("lex", [source], _counting(calls, 1))
    source.write_text("a: 2\n")
    assert cache.cached("lex", [source], _counting(calls, 2)) == 2
    assert cache.cached("lex", [source], _counting(calls, 3), extra=("codes",)) == 3
    assert len(calls) == 3


def test_a_broken_pickle_is_rebuilt_and_replaced(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "lex.yaml"
    source.write_text("a: 1\n")
    cache.cached("lex", [source], lambda: "good")
    (stored,) = folder.glob("lex-*.pickle")
    stored.write_bytes(pickle.dumps("good")[:5])  # truncated
    assert cache.cached("lex", [source], lambda: "rebuilt") == "rebuilt"
    assert pickle.loads(stored.read_bytes()) == "rebuilt"
    assert not list(folder.glob(".*.tmp"))


def test_off_builds_every_time_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cache.ENV, "off")
    assert cache.cache_dir() is None
    calls: list[int] = []
    source = tmp_path / "lex.yaml"
    source.write_text("a: 1\n")
    cache.cached("lex", [source], _counting(calls, 1))
    cache.cached("lex", [source], _counting(calls, 1))
    assert len(calls) == 2


def test_an_unwritable_folder_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))
    source = tmp_path / "lex.yaml"
    source.write_text("a: 1\n")
    assert cache.cached("lex", [source], lambda: 7) == 7


def test_only_the_newest_are_kept(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "lex.yaml"
    for n in range(cache.KEEP + 3):
        source.write_text(f"a: {n}\n")
        cache.cached("lex", [source], lambda n=n: n)  # type: ignore[misc]
    assert len(list(folder.glob("lex-*.pickle"))) == cache.KEEP
    assert cache.cached("lex", [source], lambda: -1) == cache.KEEP + 2  # the newest is there


def _write_many(folder: str, source: str, rounds: int) -> None:
    import os

    os.environ[cache.ENV] = folder
    for _ in range(rounds):
        path = next(Path(folder).glob("lex-*.pickle"), None)
        if path is not None:
            path.unlink(missing_ok=True)  # every round writes again
        cache.cached("lex", [source], lambda: {"rows": list(range(20_000))})


def test_concurrent_writers_leave_a_whole_pickle(folder: Path, tmp_path: Path) -> None:
    source = tmp_path / "lex.yaml"
    source.write_text("a: 1\n")
    context = mp.get_context("spawn")
    writers = [context.Process(target=_write_many, args=(str(folder), str(source), 15)) for _ in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(60)
    assert [w.exitcode for w in writers] == [0, 0]
    assert cache.cached("lex", [source], lambda: None) == {"rows": list(range(20_000))}
    assert not list(folder.glob(".*.tmp"))


def test_cached_codebooks_equal_parsed_ones(folder: Path) -> None:
    load_default.cache_clear()
    _cached.cache_clear()
    bases = tuple(str(p) for p in base_files())
    try:
        stored_actors, stored_verbs = load_default(), _cached((), bases)  # built and stored
        load_default.cache_clear()
        _cached.cache_clear()
        actors, verbs = load_default(), _cached((), bases)  # from the cache
    finally:
        load_default.cache_clear()
        _cached.cache_clear()
    assert len(list(folder.glob("*.pickle"))) == 2
    fresh_actors, fresh_verbs = ActorCodebook.load(), VerbCodebook.load((), bases)
    for book in (actors, stored_actors):
        assert list(book.name_forms()) == list(fresh_actors.name_forms())
        assert [vars(e) for e in book.entries()] == [vars(e) for e in fresh_actors.entries()]
        assert book.sector_words == fresh_actors.sector_words
    assert verbs == stored_verbs == fresh_verbs
