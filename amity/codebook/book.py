"""The one :class:`Codebook`: every lexicon amity codes with, ours overlaid by the user's.

Each lexicon is a *section* read from files named like ours in ``amity/codebook/data/``:

=============  ==========================================  ==========================
section        our files                                    read by
=============  ==========================================  ==========================
actors         ``actors/*.yaml``                            :mod:`amity.codebook.actors`
verbs          ``verbs_petrarch.yaml`` (base), ``verbs.yaml``  :mod:`amity.codebook.verbs`
cameo          ``cameo.csv``                                :mod:`amity.codebook.cameo`
dates          ``dates.yaml``                               :mod:`amity.nlp.dates`
currencies     ``currencies.yaml``                          :mod:`amity.nlp.amounts`
places         ``places.yaml``                              :mod:`amity.nlp.places`
boilerplate    ``boilerplate.yaml``                         :mod:`amity.ingest.boilerplate`
words          ``words.yaml``                               the word lists of ``amity.nlp``
merge          ``merge.yaml``                               :mod:`amity.analysis.merge`
=============  ==========================================  ==========================

**Overlay** (``--codebook DIR``, ``AMITY_CODEBOOK``): a user's folder holds files named like
ours (``verbs.yaml``, ``actors/mine.yaml`` ...); each is read after ours, section by section,
and an entry with the same key replaces ours while a new one is added (see
:func:`overlay`). ``--actors``/``--verbs`` files come last. ``words.yaml`` and the script-only
``verbs_petrarch_drop.yaml`` cannot be overlaid. The :attr:`Codebook.digest` of the effective
files (names and bytes, in the order they apply) is part of the ``coder_version``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from amity.codebook.actors import ActorCodebook
from amity.codebook.actors import load_default as load_actors
from amity.codebook.cameo import CameoCodebook, use_cameo
from amity.codebook.merge import overlay
from amity.codebook.reader import DATA_DIR, read_mapping
from amity.codebook.verbs import VerbCodebook, base_files
from amity.codebook.verbs import _cached as load_verb_book
from amity.errors import CodebookError

DATA_SECTIONS = ("dates", "currencies", "places", "boilerplate", "words", "merge", "dated_events")  # one YAML file each
NOT_OVERLAID = ("words.yaml", "verbs_petrarch_drop.yaml")
FILE_NAMES = (*(f"{s}.yaml" for s in DATA_SECTIONS), "verbs.yaml", "verbs_petrarch.yaml", "cameo.csv")


def _overlay_files(folder: Path) -> list[tuple[str, Path]]:
    """(``actors`` or the file's name, path) for the codebook files of a user's folder:
    ``actors/*.yaml`` and files named like ours."""
    if not folder.is_dir():
        raise CodebookError(str(folder), "no such codebook folder")
    found = []
    for path in sorted(folder.iterdir()):
        if path.is_dir() and path.name == "actors":
            found += [("actors", p) for p in sorted(path.iterdir()) if p.suffix in (".yaml", ".yml")]
        elif path.name in NOT_OVERLAID:
            raise CodebookError(str(path), f"{path.name} is not read from a user's codebook folder")
        elif path.suffix in (".yaml", ".yml", ".csv"):
            if path.name not in FILE_NAMES:
                raise CodebookError(str(path), "not a codebook file (expected actors/*.yaml or one of "
                                    f"{', '.join(FILE_NAMES)})")
            found.append((path.name, path))
    return found


@dataclass(frozen=True)
class Codebook:
    """Our codebook data overlaid by the user's folders (``overlays``) and extra files."""

    overlays: tuple[str, ...] = ()
    actor_files: tuple[str, ...] = ()
    verb_files: tuple[str, ...] = ()

    def extended(self, actor_files: Iterable[str] = (), verb_files: Iterable[str] = ()) -> Codebook:
        """This codebook with more ``--actors``/``--verbs`` files after its own."""
        more_actors, more_verbs = tuple(str(p) for p in actor_files), tuple(str(p) for p in verb_files)
        if not more_actors and not more_verbs:
            return self
        return load_codebook(self.overlays, self.actor_files + more_actors, self.verb_files + more_verbs)

    @cached_property
    def _user_files(self) -> list[tuple[str, Path]]:
        return [found for folder in self.overlays for found in _overlay_files(Path(folder))]

    def _user(self, kind: str) -> list[Path]:
        """The user's files of one kind (``actors`` or a file name such as ``dates.yaml``)."""
        return [path for found, path in self._user_files if found == kind]

    def actor_paths(self) -> tuple[str, ...]:
        """The actor files read after ours: the folders' ``actors/*.yaml``, then ``--actors``."""
        return (*(str(p) for p in self._user("actors")), *self.actor_files)

    def verb_paths(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(base files, files after ours): a folder's ``verbs_petrarch.yaml`` joins the base,
        its ``verbs.yaml`` and ``--verbs`` files come after ours."""
        bases = (*(str(p) for p in base_files()), *(str(p) for p in self._user("verbs_petrarch.yaml")))
        return bases, (*(str(p) for p in self._user("verbs.yaml")), *self.verb_files)

    def actors(self) -> ActorCodebook:
        return load_actors(self.actor_paths())

    def verbs(self) -> VerbCodebook:
        bases, extra = self.verb_paths()
        return load_verb_book(extra, bases)

    @cached_property
    def cameo(self) -> CameoCodebook:
        book = CameoCodebook.load(DATA_DIR / "cameo.csv")
        for path in self._user("cameo.csv"):
            mine = CameoCodebook.load(path)
            book = CameoCodebook({**book.codes, **mine.codes}, f"{book.version}+{mine.version}", book.path)
        return book

    def section(self, name: str) -> dict[str, Any]:
        """The merged data of a one-file section (``dates``, ``currencies`` ...)."""
        return _section(self, name)

    def files(self) -> list[Path]:
        """Every file in effect, in the order it applies."""
        ours = sorted(p for p in DATA_DIR.rglob("*") if p.suffix in (".yaml", ".csv")
                      and p.name not in ("verbs_petrarch.yaml", "verbs_petrarch_drop.yaml"))
        bases, _ = self.verb_paths()
        mine = [path for kind, path in self._user_files if kind != "verbs_petrarch.yaml"]  # in bases
        return [*(Path(p) for p in bases), *ours, *mine, *(Path(p) for p in (*self.actor_files, *self.verb_files))]

    @cached_property
    def digest(self) -> str:
        """12 hex digits over the names and bytes of :meth:`files`: any change of content moves it."""
        digest = hashlib.sha256()
        for path in self.files():
            name = path.relative_to(DATA_DIR).as_posix() if path.is_relative_to(DATA_DIR) else path.name
            digest.update(name.encode() + b"\0")
            try:
                digest.update(path.read_bytes())
            except OSError as exc:
                raise CodebookError(str(path), f"cannot read: {exc.strerror}") from None
        return digest.hexdigest()[:12]


@lru_cache(maxsize=32)
def _section(book: Codebook, name: str) -> dict[str, Any]:
    if name not in DATA_SECTIONS:
        raise KeyError(f"no codebook section {name!r}")
    path = DATA_DIR / f"{name}.yaml"
    data = read_mapping(path)
    for mine in book._user(path.name):
        data = overlay(data, read_mapping(mine, need_version=False), str(mine))
    return data


@lru_cache(maxsize=16)
def load_codebook(overlays: tuple[str, ...] = (), actor_files: tuple[str, ...] = (),
                  verb_files: tuple[str, ...] = ()) -> Codebook:
    """The codebook for these folders and files, checked (every user file read once)."""
    book = Codebook(tuple(overlays), tuple(actor_files), tuple(verb_files))
    for name in DATA_SECTIONS:
        book.section(name)
    book.cameo  # noqa: B018 - reads and checks a user's cameo.csv
    if book.actor_paths():
        book.actors()
    if book.verb_paths() != Codebook().verb_paths():
        book.verbs()
    return book


SHIPPED = Codebook()
_current: list[Codebook] = [SHIPPED]
_caches: list[Callable[[], None]] = []


def current() -> Codebook:
    """The codebook whose data sections the module-level readers (dates, amounts, places,
    boilerplate) use: the last one :func:`activate`-d in this process, ours by default."""
    return _current[0]


def depends_on_codebook(*cached: Any) -> None:
    """Register ``functools.lru_cache`` functions to clear when another codebook is activated."""
    _caches.extend(f.cache_clear for f in cached)


def activate(book: Codebook) -> None:
    """Make ``book`` the process's codebook for the data sections (caches built from the
    previous one are dropped). A component calls this for its own codebook on each Doc, so
    pipelines with different codebooks in one process code each with its own."""
    if _current[0] is book or _current[0] == book:
        return
    _current[0] = book
    use_cameo(None if book is SHIPPED else book.cameo)
    for clear in _caches:
        clear()


def words(group: str, name: str) -> Any:
    """One word list of ours (``words.yaml``: ``group`` is the module that uses it)."""
    value = (_section(SHIPPED, "words").get(group) or {}).get(name)
    if value is None:
        raise CodebookError(str(DATA_DIR / "words.yaml"), f"missing word list {group}.{name}")
    return value


def word_set(group: str, name: str) -> frozenset[str]:
    """A word list of ``words.yaml`` as a set."""
    return frozenset(str(w) for w in words(group, name))


def word_tuple(group: str, name: str) -> tuple[str, ...]:
    """A word list of ``words.yaml`` in its order (phrases tried in order)."""
    return tuple(str(w) for w in words(group, name))
