"""The actor codebook: countries, IGOs, agencies, parties, people and sector words.

Data lives in ``amity/codebook/data/actors/*.yaml`` (each file: ``version`` plus one or
more sections). Users pass extra YAML files in the same format; an entry with the same key
replaces ours entry by entry. Every malformed entry raises ``CodebookError(path, msg, line)``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from amity.cache import cached
from amity.codebook.reader import DATA_DIR as CODEBOOK_DATA
from amity.codebook.reader import LineDict, line_of, read_mapping
from amity.errors import CodebookError
from amity.models import Actor

DATA_DIR = CODEBOOK_DATA / "actors"
DATA_FILES = ("countries.yaml", "igos.yaml", "agencies.yaml", "parties.yaml", "people.yaml", "people_world.yaml",
              "sectors.yaml")
SECTIONS = ("countries", "igos", "agencies", "parties", "people", "sectors")
_ORG_FIELDS = {"key", "name", "code", "country", "sector", "aliases", "acronyms"}
FIELDS = {"countries": {"iso3", "name", "names", "demonyms", "historical", "capitals", "bodies", "end", "successor",
                        "status"},
          "igos": _ORG_FIELDS, "agencies": _ORG_FIELDS, "parties": _ORG_FIELDS,
          "people": {"key", "name", "aliases", "short", "country", "default", "gender", "roles"},
          "sectors": {"words", "sector", "role", "person", "bound"}}
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_CODE_RE = re.compile(r"^[A-Z0-9]{2,9}$")
_SECTOR_RE = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Role:
    """A date-bounded role of a person: ``code`` applies from ``start`` to ``end`` (inclusive)."""

    role: str
    code: str
    start: str | None = None
    end: str | None = None

    def active(self, day: str) -> bool:
        return (self.start is None or _pad(self.start, low=True) <= day) and (
            self.end is None or day <= _pad(self.end, low=False)
        )


@dataclass
class ActorEntry:
    """One codebook entry (a country, metonym, IGO, agency, party or person)."""

    key: str
    kind: str  # country | metonym | igo | agency | party | person
    name: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None  # explicit code (IGOs: "UNO", "ASN")
    forms: list[tuple[str, str]] = field(default_factory=list)  # (surface, form kind)
    short: list[str] = field(default_factory=list)  # short forms usable for coreference
    roles: list[Role] = field(default_factory=list)
    end: str | None = None  # former states
    successor: str | None = None
    gender: str | None = None
    source: str = ""
    line: int | None = None

    def role_on(self, day: str) -> Role | None:
        active = [r for r in self.roles if r.active(day)]
        return max(active, key=lambda r: _pad(r.start or "0001", low=True)) if active else None

    def role_during(self, first: str, last: str) -> Role | None:
        """The role held for the largest part of ``first``..``last`` (ISO days), if any."""
        best: tuple[int, Role] | None = None
        for role in self.roles:
            lo = max(first, _pad(role.start, low=True) if role.start else first)
            hi = min(last, _pad(role.end, low=False) if role.end else last)
            if lo <= hi:
                days = (_to_date(hi) - _to_date(lo)).days
                if best is None or days > best[0]:
                    best = (days, role)
        return best[1] if best else None

    def role_at(self, date: str | None) -> Role | None:
        """The role on ``date``; a bare year means the role held for most of that year."""
        if date and len(str(date)) == 4:
            return self.role_during(f"{date}-01-01", f"{date}-12-31")
        return self.role_on(normalize_date(date))


@dataclass(frozen=True)
class SectorWord:
    """A word or phrase that makes a sector code with a country ("foreign ministry" → GOV)."""

    forms: tuple[str, ...]
    sector: str
    role: str | None = None  # canonical role for person titles ("Prime Minister")
    person: bool = False  # a title of a single person (used for coreference)
    bound: bool = False  # names an actor only with a country ("Russian shelling"), never from context


def _to_date(day: str) -> dt.date:
    year, month, date = (int(p) for p in day.split("-"))
    if month == 2 and date > 28:
        date = 28
    return dt.date(year, month, min(date, 30) if month in (4, 6, 9, 11) else date)


def _pad(value: str, low: bool) -> str:
    if len(value) == 4:
        return value + ("-01-01" if low else "-12-31")
    if len(value) == 7:
        return value + ("-01" if low else "-31")
    return value


def normalize_date(date: str | None) -> str:
    """An ISO day for role lookup: a year → mid-year, a month → mid-month, None → today."""
    if not date:
        return dt.date.today().isoformat()
    date = str(date)[:10]
    if len(date) == 4:
        return date + "-07-01"
    if len(date) == 7:
        return date + "-15"
    return date


def _real_date(value: str) -> bool:
    try:
        dt.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)
    except ValueError:
        return False
    return True


class _Reader:
    """Schema checks for one file, with the file path and entry line in every error."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, message: str, node: Any) -> CodebookError:
        return CodebookError(self.path, message, getattr(node, "line", None))

    def mapping(self, node: Any, what: str) -> LineDict:
        if not isinstance(node, dict):
            raise self.fail(f"{what} must be a mapping, got {type(node).__name__}", node)
        return node  # type: ignore[return-value]

    def text(self, entry: dict[str, Any], key: str, required: bool = True) -> str | None:
        value = entry.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"field '{key}' must be a non-empty string", entry)
        return value.strip()

    def texts(self, entry: dict[str, Any], key: str) -> list[str]:
        value = entry.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.fail(f"field '{key}' must be a list of strings", entry)
        return [v.strip() for v in value]

    def date(self, entry: dict[str, Any], key: str) -> str | None:
        value = entry.get(key)
        if value is None:
            return None
        value = value.isoformat() if isinstance(value, dt.date) else str(value)
        if not _DATE_RE.match(value) or not _real_date(value):
            raise self.fail(f"field '{key}' must be a date YYYY[-MM[-DD]], got {value!r}", entry)
        return value

    def code(self, entry: dict[str, Any], key: str, pattern: re.Pattern[str], required: bool) -> str | None:
        value = self.text(entry, key, required)
        if value is not None and not pattern.match(value):
            raise self.fail(f"field '{key}' has an invalid code {value!r}", entry)
        return value


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def _read_country(r: _Reader, e: LineDict) -> list[ActorEntry]:
    iso3 = r.code(e, "iso3", re.compile(r"^[A-Z]{3}$"), True) or ""
    name = r.text(e, "name") or ""
    forms = [(name, "name")] + [(n, "name") for n in r.texts(e, "names")]
    forms += [(d, "demonym") for d in r.texts(e, "demonyms")]
    for hist in e.get("historical") or []:
        hist = r.mapping(hist, "historical name")
        forms.append((r.text(hist, "name") or "", "historical"))
    country = ActorEntry(iso3, "country", name, iso3, None, iso3, forms, line=e.line,
                         end=r.date(e, "end"), successor=r.text(e, "successor", False))
    out = [country]
    for cap in r.texts(e, "capitals"):
        out.append(ActorEntry(f"{iso3}:{cap}", "metonym", name, iso3, "GOV", forms=[(cap, "capital")],
                              line=e.line, end=country.end, successor=country.successor))
    for body in e.get("bodies") or []:
        body = r.mapping(body, "government body")
        bname = r.text(body, "name") or ""
        sector = r.code(body, "sector", _SECTOR_RE, True)
        out.append(ActorEntry(f"{iso3}:{bname}", "metonym", name, iso3, sector, forms=[(bname, "body")],
                              line=body.line))
    return out


def _read_org(r: _Reader, e: LineDict, kind: str) -> list[ActorEntry]:
    name = r.text(e, "name") or ""
    code = r.code(e, "code", _CODE_RE, kind == "igo")
    key = r.text(e, "key", False) or (code if kind == "igo" else None) or _slug(name)
    country = r.code(e, "country", _CODE_RE, False)
    sector = r.code(e, "sector", _SECTOR_RE, kind != "igo")
    forms = [(name, "name")] + [(n, "alias") for n in r.texts(e, "aliases")]
    forms += [(a, "acronym") for a in r.texts(e, "acronyms")]
    if kind == "igo" and country is None:
        country, sector = code, sector or "IGO"
    return [ActorEntry(key, kind, name, country, sector, code, forms, line=e.line)]


def _read_person(r: _Reader, e: LineDict) -> list[ActorEntry]:
    name = r.text(e, "name") or ""
    roles = []
    for item in e.get("roles") or []:
        item = r.mapping(item, "role")
        roles.append(Role(r.text(item, "role") or "", r.code(item, "code", _CODE_RE, True) or "",
                          r.date(item, "start"), r.date(item, "end")))
    short = r.texts(e, "short") if "short" in e else [name.split()[-1]]
    forms = [(name, "name")] + [(a, "alias") for a in r.texts(e, "aliases")]
    gender = e.get("gender")
    if gender not in (None, "m", "f"):
        raise r.fail("field 'gender' must be 'm' or 'f'", e)
    return [ActorEntry(r.text(e, "key", False) or _slug(name), "person", name,
                       r.code(e, "country", _CODE_RE, True), r.code(e, "default", _SECTOR_RE, False),
                       None, forms, short, roles, gender=gender, line=e.line)]


def _read_sector(r: _Reader, e: LineDict) -> SectorWord:
    forms = tuple(f.lower() for f in r.texts(e, "words"))
    if not forms:
        raise r.fail("field 'words' must list at least one word", e)
    return SectorWord(forms, r.code(e, "sector", _SECTOR_RE, True) or "", r.text(e, "role", False),
                      bool(e.get("person", False)), bool(e.get("bound", False)))


_READERS = {"countries": _read_country, "people": _read_person,
            "igos": lambda r, e: _read_org(r, e, "igo"), "agencies": lambda r, e: _read_org(r, e, "agency"),
            "parties": lambda r, e: _read_org(r, e, "party")}


def _read_file(path: Path) -> tuple[str, list[ActorEntry], list[SectorWord]]:
    data = read_mapping(path, SECTIONS)
    reader = _Reader(str(path))
    entries: list[ActorEntry] = []
    sectors: list[SectorWord] = []
    for section in SECTIONS:
        items = data.get(section) or []
        if not isinstance(items, list):
            raise CodebookError(str(path), f"section '{section}' must be a list", line_of(data, section))
        for item in items:
            item = reader.mapping(item, f"an entry of '{section}'")
            unknown = sorted(str(k) for k in item if k not in FIELDS[section])
            if unknown:
                raise reader.fail(f"unknown field {unknown[0]!r} in '{section}' (a comma in an unquoted value?)", item)
            if section == "sectors":
                sectors.append(_read_sector(reader, item))
                continue
            for entry in _READERS[section](reader, item):
                entry.source = str(path)
                entries.append(entry)
    return str(data["version"]), entries, sectors


def _with_apostrophes(form: str) -> list[str]:
    return [form, form.replace("'", "\u2019")] if "'" in form else [form]


class ActorCodebook:
    """All actor entries by key, their surface forms, and the sector words."""

    def __init__(self, version: str, entries: dict[str, ActorEntry], sectors: dict[str, SectorWord]) -> None:
        self.version = version
        self._entries = entries
        self.sector_words = sectors  # lower-case form → sector word (later files win)
        self._forms: dict[str, tuple[str, str]] = {}
        self._short: dict[str, list[str]] = {}
        for entry in entries.values():
            for form, kind in entry.forms:
                for variant in _with_apostrophes(form):
                    self._forms.setdefault(variant, (entry.key, kind))
            for short in entry.short:
                self._short.setdefault(short, []).append(entry.key)

    @classmethod
    def load(cls, extra_files: Sequence[str | Path] = ()) -> ActorCodebook:
        """Our data files, then each extra file overriding entries (and sector words) by key."""
        entries: dict[str, ActorEntry] = {}
        sectors: dict[str, SectorWord] = {}
        versions = []
        paths = [DATA_DIR / name for name in DATA_FILES] + [Path(p) for p in extra_files]
        for path in paths:
            version, new, words = _read_file(path)
            versions.append(version)
            for entry in new:
                entries[entry.key] = entry
            for word in words:
                sectors.update((form, word) for form in word.forms)
        version = versions[0] + "".join(f"+{Path(p).name}" for p in extra_files)
        return cls(version, entries, sectors)

    def name_forms(self) -> Iterable[tuple[str, str]]:
        """(surface form, entry key) for every name, alias, acronym, demonym and metonym."""
        return ((form, key) for form, (key, _kind) in self._forms.items())

    def form_kind(self, form: str) -> str | None:
        found = self._forms.get(form)
        return found[1] if found else None

    def short_forms(self) -> dict[str, list[str]]:
        """Short forms of people ("Kishida") → the keys of every person who has it."""
        return self._short

    def entry(self, key: str) -> ActorEntry:
        try:
            return self._entries[key]
        except KeyError:
            raise KeyError(f"no actor {key!r} in the codebook") from None

    def __contains__(self, key: str) -> bool:
        return key in self._entries

    def __len__(self) -> int:
        return len(self._entries)

    def entries(self) -> Iterable[ActorEntry]:
        return self._entries.values()

    def resolve(self, key: str, date: str | None) -> Actor:
        """The actor ``key`` denotes on ``date`` (ISO date or year; None → today)."""
        entry = self.entry(key)
        if entry.kind == "person":
            return _resolve_person(entry, entry.role_at(date))
        country, sector, name = entry.country, entry.sector, entry.name  # a former state keeps its code
        if entry.kind == "igo" and country == entry.code:
            return Actor(code=entry.code or key, country=country, sector=sector, name=name, actor_id=key)
        return Actor(code=make_code(country, sector), country=country, sector=sector, name=name, actor_id=key)


def make_code(country: str | None, sector: str | None) -> str:
    """CAMEO-style code: country + sector ("JPN" + "GOV"); a bare sector when no country."""
    return f"{country or ''}{sector or ''}" or "UNK"


def split_code(code: str) -> tuple[str | None, str | None]:
    """("JPNGOV") → ("JPN", "GOV"); IGO codes ("UNO", "ASN") → (code, "IGO")."""
    if len(code) >= 6:
        return code[:3], code[3:6]
    return code, "IGO" if code not in ("ELI",) else None


def _resolve_person(entry: ActorEntry, role: Role | None) -> Actor:
    if role is None:
        return Actor(code=make_code(entry.country, entry.sector), country=entry.country, sector=entry.sector,
                     name=entry.name, actor_id=entry.key)
    country, sector = split_code(role.code)
    return Actor(code=role.code, country=country, sector=sector, name=entry.name, role=role.role,
                 actor_id=entry.key)


@lru_cache(maxsize=8)
def load_default(extra_files: tuple[str, ...] = ()) -> ActorCodebook:
    """The codebook with our data and ``extra_files``, loaded once per process (and parsed once
    per content of its files: later processes load it from the disk cache, ``amity/cache.py``)."""
    inputs = [DATA_DIR / name for name in DATA_FILES] + [Path(p) for p in extra_files]
    return cached("actors", inputs, lambda: ActorCodebook.load(extra_files))
