"""Typed records shared by every layer: articles, sentences, actors, events.

Records are plain dataclasses with ``to_dict``/``from_dict`` so that they cross
process boundaries (spaCy ``n_process``, Dask workers) and the store as JSON.
Inside spaCy ``Doc`` extension attributes we keep only the ``dict`` forms:
spaCy serialises ``user_data`` with msgpack, which cannot carry dataclasses.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Literal, NamedTuple, TypeVar

from amity.query import QUADS as QUADS  # the event filters, re-exported for the faces
from amity.query import SORTS as SORTS
from amity.query import EventQuery as EventQuery
from amity.query import parse_dyad as parse_dyad

Precision = Literal["day", "month", "year", "decade", "unknown"]
DateBasis = Literal["text", "publication", "estimated", "unknown"]
PublishedBasis = Literal["metadata", "text", "estimated", "unknown"]
Quad = Literal["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]

T = TypeVar("T")


_FIELD_NAMES: dict[type, frozenset[str]] = {}  # record class -> its field names, built once


def _from_dict(cls: type[T], data: dict[str, Any]) -> T:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in fields(cls))  # type: ignore[arg-type]
    return cls(**{k: v for k, v in data.items() if k in names})


_FIELD_ORDER: dict[type, tuple[str, ...]] = {}  # record class -> its field names in order


def _flat_dict(record: Any) -> dict[str, Any]:
    """``asdict`` for a record whose fields are all scalars, without its deep copies
    (``asdict`` was a tenth of the event coder's time)."""
    names = _FIELD_ORDER.get(type(record))
    if names is None:
        names = _FIELD_ORDER[type(record)] = tuple(f.name for f in fields(record))
    return {name: getattr(record, name) for name in names}


def stable_hash(*parts: object, length: int = 16) -> str:
    """A short, stable hex id from its parts (same input, same id, any process)."""
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:length]


@dataclass
class Sentence:
    """A sentence of an article: ``text == article.text[start:end]``."""

    index: int
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Article:
    """One news article as stored: ``text`` is the cleaned body every span points into."""

    doc_name: str
    text: str
    title: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or None
    published_basis: PublishedBasis = "unknown"  # "estimated": ``published`` is the best guess of ``published_range``
    published_range: list[str | None] | None = None  # [earliest, latest] estimated from the text, when undated
    published_evidence: str | None = None  # what the estimate rests on
    source: str | None = None  # outlet
    url: str | None = None
    authors: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    path: str | None = None  # file it came from
    content_hash: str = ""
    removed: list[str] = field(default_factory=list)  # boilerplate lines dropped by ingest

    def __post_init__(self) -> None:
        if not self.content_hash:
            self.content_hash = stable_hash(self.title, self.text, self.published, length=32)

    @property
    def doc_id(self) -> str:
        """Stable across re-ingests and content updates: derived from ``doc_name``."""
        return stable_hash("doc", self.doc_name)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["doc_id"] = self.doc_id
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return _from_dict(cls, data)

    @property
    def stated_published(self) -> str | None:
        """The publication date the article itself gives (None for an estimate)."""
        return None if self.published_basis == "estimated" else self.published

    def with_estimate(self, estimate: dict[str, Any] | None) -> Article:
        """This article with an estimated publication date (``amity.nlp.estimate``): the best
        guess as ``published`` when the evidence narrows it, else still undated, with the
        range and evidence kept either way. An article with a stated date is unchanged."""
        if not estimate or self.stated_published:
            return self
        estimated = estimate.get("basis") == "estimated"
        return replace(self, published=estimate.get("guess") if estimated else None,
                       published_basis="estimated" if estimated else "unknown",
                       published_range=list(estimate.get("range") or []) or None,
                       published_evidence=estimate.get("evidence") or None)


@dataclass
class Actor:
    """An actor as coded for one mention (CAMEO-style code = country + sector)."""

    code: str  # e.g. "JPNGOV", "KHMOPP", "UNO", "ASN"
    country: str | None = None  # ISO3 or IGO code
    sector: str | None = None  # GOV, MIL, OPP, PTY, JUD, LEG, MED, BUS, CVL, REB, IGO, ...
    name: str | None = None  # canonical name ("Fumio Kishida", "Japan")
    role: str | None = None  # role on the relevant date ("Prime Minister")
    mention: str | None = None  # text as written
    actor_id: str | None = None  # codebook key, for re-resolving roles at another date
    start: int | None = None  # char offsets in the article text
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return _flat_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Actor:
        return _from_dict(cls, data)


@dataclass
class Amount:
    value: float
    unit: str  # "currency", "doses", "percent", "people", "tonnes", ...
    currency: str | None = None  # ISO 4217 ("USD", "JPY") when unit == "currency"
    text: str = ""
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return _flat_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Amount:
        return _from_dict(cls, data)


@dataclass
class Location:
    name: str
    country: str | None = None  # ISO3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    text: str = ""  # the words the place was read from (a clause's "in Tokyo", a dateline)
    start: int | None = None
    end: int | None = None
    precision: str | None = None  # city | admin1 | country | sea; None: a name the gazetteer lacks
    basis: str = "text"  # text (stated with the act) | scene (the visit or meeting) | dateline | country | seat

    def to_dict(self) -> dict[str, Any]:
        return _flat_dict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Location:
        return _from_dict(cls, data)


@dataclass
class Event:
    """The DESIGN.md §2 event record."""

    doc_name: str
    source: Actor
    target: Actor
    cameo: str
    cameo_root: str = ""
    cameo_name: str = ""
    goldstein: float = 0.0
    quad: str = ""
    plover: str | None = None
    sentence: str = ""
    sentence_index: int = 0
    span: tuple[int, int] = (0, 0)
    trigger: str = ""  # the predicate as written ("endorsed", "aid")
    date: str | None = None
    date_precision: str = "unknown"
    date_basis: str = "unknown"
    amounts: list[Amount] = field(default_factory=list)
    location: Location | None = None
    negated: bool = False
    factual: bool = True
    confidence: float = 0.5
    doc_id: str = ""
    published: str | None = None
    event_id: str = ""
    mentions: int = 1
    doc_names: list[str] = field(default_factory=list)
    # the analyst's standing review: {"verdict", "original", "note", "by", "at"} (None: unreviewed)
    review: dict[str, Any] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.cameo_root:
            self.cameo_root = self.cameo[:2]
        if not self.doc_names:
            self.doc_names = [self.doc_name]
        if not self.event_id:
            self.event_id = self.compute_id()

    def compute_id(self) -> str:
        # the date is part of the identity: "in 1993, 1998 and 2003" is three events
        return stable_hash(
            self.doc_name, self.span[0], self.span[1], self.source.code, self.target.code, self.cameo,
            self.date,
        )

    def to_dict(self) -> dict[str, Any]:
        out = _flat_dict(self)
        out["source"], out["target"] = self.source.to_dict(), self.target.to_dict()
        out["amounts"] = [a.to_dict() for a in self.amounts]
        out["location"] = self.location.to_dict() if self.location else None
        out["span"] = list(self.span)
        out["doc_names"] = list(self.doc_names)
        review = out.pop("review")
        if review:  # a reviewed event says so; a fixed one keeps the coder's values beside its own
            out["reviewed"] = review["verdict"]
            if review.get("original"):
                out["original"] = dict(review["original"])
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        data = dict(data)
        data["source"] = Actor.from_dict(data["source"])
        data["target"] = Actor.from_dict(data["target"])
        data["amounts"] = [Amount.from_dict(a) for a in data.get("amounts") or []]
        if data.get("location"):
            data["location"] = Location.from_dict(data["location"])
        data["span"] = tuple(data.get("span") or (0, 0))
        return _from_dict(cls, data)


@dataclass
class IngestProblem:
    """One rejected input: shown to the user as one line, never a traceback."""

    path: str
    message: str
    line: int | None = None
    # left out on purpose, not an error (a page not in English, a WARC response that is not
    # an HTML page): the ingest counts these by ``message``, in one summary line
    skipped: bool = False

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return _one_line(f"{where}: {self.message}")


@dataclass(frozen=True)
class Unchanged:
    """An input a reader found stored as it is before reading it (a WARC record whose page
    and payload the store already holds): not extracted again, counted as unchanged."""

    path: str
    doc_name: str


ReadItem = Article | IngestProblem | Unchanged  # what the readers yield


def _one_line(text: str) -> str:
    """Newlines and other control characters (from a file's own bytes: a CSV header cell,
    a file name) shown escaped, so that a problem is always one line."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


@dataclass
class CodedArticle:
    """An article with what the NLP pipeline found in it, ready to store whole."""

    article: Article
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    coder_version: str = ""



@dataclass
class MergedEvent:
    """One real-world event: a representative report plus every report of it.

    ``event`` is the representative with ``mentions`` (distinct articles) and ``doc_names``
    filled in; ``member_ids`` are the event ids of all reports; ``reports`` their number.
    """

    group_id: str
    event: Event
    member_ids: list[str] = field(default_factory=list)
    reports: int = 1

    @property
    def mentions(self) -> int:
        return self.event.mentions

    @property
    def doc_names(self) -> list[str]:
        return self.event.doc_names

    def to_dict(self) -> dict[str, Any]:
        out = self.event.to_dict()
        out.update(group_id=self.group_id, member_ids=list(self.member_ids), reports=self.reports)
        return out


class GroupHead(NamedTuple):
    """What a series needs of one merged event: its representative's date, class and weight."""

    group_id: str
    date: str | None
    date_precision: str
    quad: str
    goldstein: float
    reports: int
    doc_names: list[str]


@dataclass
class DyadTotal:
    """An undirected country dyad (``a`` < ``b``) with its factual events and Goldstein totals."""

    a: str
    b: str
    events: int
    goldstein_total: float
    goldstein_mean: float


@dataclass
class ActorCount:
    """An actor code with how often it is mentioned and takes part in factual events."""

    code: str
    country: str | None
    sector: str | None
    name: str | None
    mentions: int
    events: int

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)
