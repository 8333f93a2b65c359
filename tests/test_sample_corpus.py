"""The bundled sample corpus (amity/data/sample) and its hand-coded gold files.

Checks that the gold is well-formed and anchored in the articles: every quote is
verbatim in its article, every mention occurs as often as its occurrence number says,
and (with ../shared present) no sample article reuses a run of 8 words from a seed.
Stdlib only: the corpus must stay usable without amity itself.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent / "amity" / "data" / "sample"
WIRE = SAMPLE / "wire.jsonl"
GOLD = SAMPLE.parent / "gold"
GOLD_EVENTS = GOLD / "gold_events.jsonl"
GOLD_MENTIONS = GOLD / "gold_mentions.jsonl"

# These check the bundled data files, not amity's code: `pytest -m "not data"` leaves them out.
pytestmark = pytest.mark.data

DATELINE = re.compile(r"\b\d{1,2} [A-Z][a-z]+ \d{4}\s*$")
BOILERPLATE = ("(Photo:", "The views expressed")
TAIL = ("Share this:", "Leave a Reply")
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
COUNTRY = re.compile(r"^[A-Z]{3}$")
ACTOR_CODE = re.compile(r"^[A-Z]{3}([A-Z]{3})*$")
SECTORS = {"GOV", "MIL", "OPP", "PTY", "JUD", "LEG", "MED", "BUS", "CVL", "REB", "IGO"}
EVENT_FIELDS = {"doc": str, "source": str, "target": str, "cameo": str, "cameo_root": str, "quote": str}
MENTION_FIELDS = {"doc": str, "mention": str, "occurrence": int, "code": str, "country": str,
                  "name": str}


class _ArticleParagraphs(HTMLParser):
    """Text of the <p> elements inside <article>, leaving out figure captions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.in_figure = 0
        self.in_p = False
        self.buffer: list[str] = []
        self.paragraphs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self.in_article += 1
        elif tag == "figure":
            self.in_figure += 1
        elif tag == "p" and self.in_article and not self.in_figure:
            self.in_p, self.buffer = True, []

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article -= 1
        elif tag == "figure":
            self.in_figure -= 1
        elif tag == "p" and self.in_p:
            self.in_p = False
            self.paragraphs.append("".join(self.buffer).strip())

    def handle_data(self, data: str) -> None:
        if self.in_p:
            self.buffer.append(data)


def _txt_body(raw: str) -> str:
    """Body paragraphs of a .txt article: no title, byline, dateline, caption or tail."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", raw.strip())][1:]
    while paragraphs and (paragraphs[0].startswith("By ") or DATELINE.search(paragraphs[0])):
        paragraphs = paragraphs[1:]
    body = []
    for paragraph in paragraphs:
        if paragraph.startswith(TAIL):
            break
        if not any(marker in paragraph for marker in BOILERPLATE):
            body.append(paragraph)
    return "\n\n".join(body)


def _html_body(raw: str) -> str:
    parser = _ArticleParagraphs()
    parser.feed(raw)
    return "\n\n".join(parser.paragraphs)


def _wire_rows() -> list[dict]:
    return [json.loads(line) for line in WIRE.read_text(encoding="utf-8").splitlines() if line.strip()]


def _articles() -> dict[str, tuple[str, str]]:
    """doc_name -> (raw text the quotes are checked against, body the mentions are counted in)."""
    articles: dict[str, tuple[str, str]] = {}
    for path in sorted(SAMPLE.iterdir()):
        raw = path.read_text(encoding="utf-8")
        if path.suffix == ".txt":
            articles[path.name] = (raw, _txt_body(raw))
        elif path.suffix == ".html":
            articles[path.name] = (html.unescape(raw), _html_body(raw))
    for row in _wire_rows():
        articles[row["id"]] = (row["text"], row["text"])
    return articles


def _load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _occurrences(body: str, text: str) -> int:
    return len(re.findall(r"(?<!\w)" + re.escape(text) + r"(?!\w)", body))


ARTICLES = _articles()
EVENTS = _load(GOLD_EVENTS)
MENTIONS = _load(GOLD_MENTIONS)


def test_corpus_has_the_promised_mix_of_formats() -> None:
    suffixes = [Path(name).suffix for name in ARTICLES if "." in name]
    assert suffixes.count(".txt") == 10
    assert suffixes.count(".html") == 5
    assert len(_wire_rows()) == 5
    assert (SAMPLE.parent / "README.md").is_file()
    # the folder holds articles only, so `amity ingest amity/data/sample` ingests no gold or docs
    assert sorted({p.suffix for p in SAMPLE.iterdir()}) == [".html", ".jsonl", ".txt"]


@pytest.mark.parametrize("doc_name", sorted(ARTICLES))
def test_every_article_is_short_news_length(doc_name: str) -> None:
    words = len(ARTICLES[doc_name][1].split())
    assert 150 <= words <= 400, f"{doc_name}: {words} words"


def test_every_article_has_a_publication_date() -> None:
    for path in SAMPLE.glob("*.txt"):
        head = path.read_text(encoding="utf-8").strip().split("\n\n")[:3]
        assert any(DATELINE.search(line) for line in head), path.name
    for path in SAMPLE.glob("*.html"):
        assert re.search(r'property="article:published_time" content="\d{4}-\d{2}-\d{2}', path.read_text()), path.name
    for row in _wire_rows():
        assert ISO_DATE.match(row["published"][:10]), row["id"]
        assert {"id", "title", "published", "source", "url", "authors", "text"} <= set(row)


def test_boilerplate_is_present_for_the_ingest_layer_to_strip() -> None:
    raw = "\n".join(p.read_text(encoding="utf-8") for p in SAMPLE.glob("*.txt"))
    assert raw.count("(Photo:") == 2
    assert raw.count("Leave a Reply") == 1
    assert raw.count("The views expressed in this article are the author's own.") == 1
    for path in SAMPLE.glob("*.html"):
        page = path.read_text(encoding="utf-8")
        for tag in ("<nav", "<figcaption>", "<footer", "<form", "<title>"):
            assert tag in page, f"{path.name} lacks {tag}"


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: f"{e['doc'][:12]}:{e['source']}-{e['target']}:{e['cameo']}")
def test_gold_event_is_well_formed(event: dict) -> None:
    for field, kind in EVENT_FIELDS.items():
        assert isinstance(event.get(field), kind), field
    assert event["doc"] in ARTICLES
    assert COUNTRY.match(event["source"]) and COUNTRY.match(event["target"])
    assert re.fullmatch(r"\d{2,4}", event["cameo"])
    assert 1 <= int(event["cameo_root"]) <= 20 and event["cameo"][:2] == event["cameo_root"]
    assert event["date"] is None or ISO_DATE.match(event["date"])
    assert "notes" not in event or isinstance(event["notes"], str)


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: f"{e['doc'][:12]}:{e['quote'][:30]}")
def test_gold_quote_is_verbatim_in_its_article(event: dict) -> None:
    raw, body = ARTICLES[event["doc"]]
    assert event["quote"] in raw
    assert event["quote"] in body, "quotes must come from the body, not from boilerplate"


def test_gold_has_four_to_sixteen_events_per_article_and_covers_all() -> None:
    per_doc: dict[str, int] = {}
    for event in EVENTS:
        per_doc[event["doc"]] = per_doc.get(event["doc"], 0) + 1
    assert set(per_doc) == set(ARTICLES)
    assert all(4 <= count <= 16 for count in per_doc.values()), per_doc
    required = [e for e in EVENTS if not str(e.get("notes", "")).upper().startswith("OPTIONAL")]
    assert 100 <= len(required) <= 150


def test_gold_events_are_not_duplicated() -> None:
    """The same dyad, code, date and quote twice only for domestic reciprocals or optional extras."""
    groups: dict[tuple, list[dict]] = {}
    for e in EVENTS:
        groups.setdefault((e["doc"], e["source"], e["target"], e["cameo"], e["date"], e["quote"]), []).append(e)
    for key, events in groups.items():
        optional = sum(str(e.get("notes", "")).startswith("OPTIONAL") for e in events)
        assert len(events) - optional <= 1 or key[1] == key[2], key


@pytest.mark.parametrize("mention", MENTIONS, ids=lambda m: f"{m['doc'][:12]}:{m['mention'][:20]}:{m['occurrence']}")
def test_gold_mention_is_well_formed_and_present(mention: dict) -> None:
    for field, kind in MENTION_FIELDS.items():
        assert isinstance(mention.get(field), kind), field
    assert mention["role"] is None or isinstance(mention["role"], str)
    assert ACTOR_CODE.match(mention["code"]) and mention["code"].startswith(mention["country"])
    # a bare country name takes the country-only code (CAMEO practice): no sector
    assert mention["sector"] in SECTORS or (mention["sector"] is None and mention["code"] == mention["country"])
    assert mention["doc"] in ARTICLES
    found = _occurrences(ARTICLES[mention["doc"]][1], mention["mention"])
    assert mention["occurrence"] >= 1 and found >= mention["occurrence"], f"only {found} in the body"


def test_gold_mentions_are_unique() -> None:
    keys = [(m["doc"], m["mention"], m["occurrence"]) for m in MENTIONS]
    assert len(keys) == len(set(keys))


def _eight_word_runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))
    return {tuple(words[i:i + 8]) for i in range(len(words) - 7)}


@pytest.mark.shared
def test_no_sample_article_reuses_seed_text(seeds_dir: Path) -> None:
    seed_runs: set[tuple[str, ...]] = set()
    for seed in seeds_dir.iterdir():
        if seed.is_file():
            seed_runs |= _eight_word_runs(seed.read_text(encoding="utf-8", errors="ignore"))
    assert seed_runs, "no seed text was read"
    for doc_name, (raw, _body) in ARTICLES.items():
        shared = _eight_word_runs(raw) & seed_runs
        assert not shared, f"{doc_name} repeats seed text: {' '.join(sorted(shared)[0])}"


def test_required_events_precede_optional_ones_of_the_same_dyad_and_root() -> None:
    """The scorer matches gold lines in file order, so an optional line listed first would
    take the prediction meant for a required one and understate a perfect run's recall."""
    seen_optional: set[tuple[str, str, str, str]] = set()
    for event in EVENTS:
        key = (event["doc"], event["source"], event["target"], event["cameo_root"])
        if str(event.get("notes", "")).startswith("OPTIONAL"):
            seen_optional.add(key)
        else:
            assert key not in seen_optional, key
