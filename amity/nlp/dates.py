"""Date grounding: when did the event happen, from what the text says and the publication date.

``ground_date`` turns one date expression into an ISO date at its precision. Rules
(vocabulary in ``amity/codebook/data/dates.yaml``) run first; dateparser is a fallback
for odd absolute forms. Conventions, chosen so that the date is useful to a scorer that
checks the gold date is a prefix of ours:

* Days: ``"2018-07-30"`` precision ``day``; months ``"2013-12"``; years ``"1979"``.
* Decades: the decade's first year (``"the 1990s"`` -> ``"1990"``), moved into the decade
  by the qualifier (early +2, mid +5, late +8: ``"the mid-1990s"`` -> ``"1995"``),
  always with precision ``decade``.
* Periods give their start: ``"Nov 3-6"`` -> the 14th, ``"since 1992"``, ``"between 1993 and 2008"`` and ``"the
  years 1979 to 1984"`` / ``"1979-1984"`` -> the first year. ``"early 2019"`` / ``"the summer of 2019"`` -> ``"2019"`` (year).
* ``"March last year"`` is the publication's year before; ``"March this year"`` its own.
* Weekdays, months and day-months without a year are placed by tense: for the past
  tense the most recent one on or before publication (``"this Saturday"`` published on a
  Monday is two days earlier), for the future the next one after it. ``"last X"`` is
  always strictly before, ``"next X"`` strictly after.
* Weeks have no precision of their own: the days the expression can mean (``"early
  this week"`` = Monday..Wednesday, cut at publication for the past tense) give the
  month (``"YYYY-MM"``, precision ``month``) when they all lie in one month, otherwise
  the first of those days (precision ``day``). One day -> that day.
* ``"the past year"`` / ``"the past month"`` -> the publication's year / month;
  ``"the past N years"`` -> the year N years before publication (the period's start).
* ``"the day before"`` is read relative to publication (the day before it).

Without a publication date relative expressions cannot be grounded (``None``); absolute
ones still are. Junk never raises: it returns ``None``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from amity.codebook import (
    SHIPPED,
    Codebook,
    activate,
    current,
    depends_on_codebook,
    word_set,
    word_tuple,
)
from amity.codebook.reader import need_mappings
from amity.nlp.extensions import doc_text, register_extensions
from amity.nlp.registry import CODEBOOK_CONFIG

SPAN_KEY = "amity_dates"
_FUTURE_AUX = word_set("dates", "future_aux")
_FUTURE_HEADS = word_set("dates", "future_heads")


@dataclass
class When:
    """A grounded date: ISO at its precision, how it was found, and the text it came from."""

    date: str | None
    precision: str  # "day" | "month" | "year" | "decade" | "unknown"
    basis: str = "text"
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "precision": self.precision, "basis": self.basis, "text": self.text}


@dataclass(frozen=True)
class _Vocab:
    months: dict[str, int]
    weekdays: dict[str, int]
    numbers: dict[str, int]
    decade_words: dict[str, int]
    decade_parts: dict[str, int]
    qualifiers: tuple[str, ...]
    day_parts: tuple[str, ...]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """The date words of the active codebook's ``dates`` section."""
    book = current()
    data = book.section("dates")
    keys = ("months", "weekdays", "numbers", "decade_words", "decade_parts")
    need_mappings(data, keys, "dates.yaml")
    return _Vocab(
        months={str(k): int(v) for k, v in data["months"].items()},
        weekdays={str(k): int(v) for k, v in data["weekdays"].items()},
        numbers={str(k): int(v) for k, v in data["numbers"].items()},
        decade_words={str(k): int(v) for k, v in data["decade_words"].items()},
        decade_parts={str(k): int(v) for k, v in data["decade_parts"].items()},
        qualifiers=tuple(str(q) for q in data.get("period_qualifiers") or ()),
        day_parts=tuple(str(p) for p in data.get("day_parts") or ()),
    )


@lru_cache(maxsize=1)
def date_words() -> frozenset[str]:
    """Month and weekday names and abbreviations (lower case)."""
    vocab = _vocab()
    return frozenset(vocab.months) | frozenset(vocab.weekdays)


def _alt(words: Iterable[str]) -> str:
    """A regex alternation, longest first, of literal words."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


# ---------------------------------------------------------------------------- grounding


@dataclass(frozen=True)
class _Ctx:
    text: str  # normalised, lower case
    pub: date | None
    future: bool


def _iso_day(d: date) -> When:
    return When(d.isoformat(), "day")


def _month_of(year: int, month: int) -> When:
    return When(f"{year:04d}-{month:02d}", "month")


def _year_of(year: int, precision: str = "year") -> When | None:
    return When(f"{year:04d}", precision) if 1000 <= year <= 2199 else None


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return _vocab().numbers.get(word)


def count_word(word: str) -> int | None:
    """A count written as digits or a number word of ``dates.yaml`` ("a", "two"), else None."""
    return _count(word.lower())


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    vocab = _vocab()
    mon = rf"(?P<mon>{_alt(vocab.months)})\.?"
    wd = rf"(?:(?:{_alt(vocab.weekdays)})\.?,?\s+)?"
    suffix = r"(?:st|nd|rd|th)?"
    upto = rf"(?:\s*[-–]\s*\d{{1,2}}{suffix})?"  # a span of days ("Nov 3-6"): its first day
    qual = rf"(?:(?:the\s+)?(?:{_alt(vocab.qualifiers)})[\s-]+(?:of\s+)?)?"
    part = rf"(?:\s+(?:{_alt(vocab.day_parts)}))?"
    num = rf"(?P<n>\d+|{_alt(vocab.numbers)})"
    return {
        "iso": re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[t ][\d:.z+-]*)?$"),
        "mdy": re.compile(rf"^{wd}{mon}\s+(?P<d>\d{{1,2}}){suffix}{upto}(?:,?\s+(?P<y>\d{{4}}))?{part}$"),
        "dmy": re.compile(rf"^{wd}(?P<d>\d{{1,2}}){suffix}{upto}\s+(?:of\s+)?{mon},?(?:\s+(?P<y>\d{{4}}))?{part}$"),
        "month": re.compile(rf"^(?:(?P<rel>last|this|next|past|previous|coming)\s+)?{qual}{mon}(?:,?\s+(?:of\s+|in\s+)?(?P<y>\d{{4}})|\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year)?$"),
        "decade": re.compile(rf"^(?P<q>early|mid|middle|late)?[\s-]*(?:(?P<c>\d{{3}})0|'(?P<s>\d)0|(?P<w>{_alt(vocab.decade_words)}))'?s?$"),
        "year": re.compile(rf"^{qual}(?:the\s+)?(?:years?\s+)?(?P<y>\d{{4}})(?:\s*(?:-|–|to|and|until|through|till)\s*\d{{2,4}})?$"),
        "weekday": re.compile(rf"^(?:(?P<rel>last|this|next|past|previous|coming)\s+)?(?P<wd>{_alt(vocab.weekdays)})\.?{part}$"),
        "unit": re.compile(r"^(?:(?P<q>early|earlier|late|later|mid|middle)\s+)?(?P<rel>last|this|next|past|previous|coming)\s+(?P<u>week|weekend|month|year|decade)$"),
        "ago": re.compile(rf"^{num}\s+(?P<u>day|week|month|year|decade)s?\s+ago$"),
        "past_n": re.compile(rf"^(?:past|last|previous)\s+{num}\s+(?P<u>year|decade|month)s$"),
    }


_SPACES = re.compile(r"\s+")
_POSSESSIVE_END = re.compile(r"'s$")
_MID = re.compile(r"\bmid-(?=[a-z\d'])")
_LEADING = re.compile(r"^(?:(?:on|in|at|during|by|from|since|until|till|of|around|about|before|after|as of|between|the)\s+)+")


def _normalise(expression: str) -> str:
    text = expression.lower().replace("’", "'").replace("‘", "'").strip()
    text = _SPACES.sub(" ", text)
    text = _POSSESSIVE_END.sub("", text.rstrip(" .,;:!?)(\"")).strip()
    text = _MID.sub("mid ", text)
    if text.startswith("the day") or text.startswith("the past") or text.startswith("the previous"):
        return text.removeprefix("the ")
    return _LEADING.sub("", text)


def _rule_iso(ctx: _Ctx) -> When | None:
    m = _patterns()["iso"].match(ctx.text)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2))
    if m.group(3):
        return _iso_day(date(year, month, int(m.group(3))))
    return _month_of(year, month) if 1 <= month <= 12 else None


def _place_in_year(month: int, day: int, ctx: _Ctx) -> date | None:
    """A day-month without a year: the nearest one on the tense's side of publication."""
    if ctx.pub is None:
        return None
    years = range(ctx.pub.year - 1, ctx.pub.year + 2)
    options = [date(y, month, day) for y in years]
    if ctx.future:
        return min(d for d in options if d >= ctx.pub)
    return max(d for d in options if d <= ctx.pub)


def _rule_day_month(ctx: _Ctx) -> When | None:
    pats = _patterns()
    m = pats["mdy"].match(ctx.text) or pats["dmy"].match(ctx.text)
    if not m:
        return None
    month, day = _vocab().months[m.group("mon")], int(m.group("d"))
    if m.group("y"):
        return _iso_day(date(int(m.group("y")), month, day))
    placed = _place_in_year(month, day, ctx)
    return _iso_day(placed) if placed else None


@dataclass(frozen=True)
class Yearless:
    """A calendar date the text gives without its year: "Friday, Sept. 15", "March 3", "October"."""

    month: int
    day: int | None = None
    weekday: int | None = None  # Monday 0, when the text names it


def yearless(expression: str) -> Yearless | None:
    """``expression`` as a month (and day, and weekday) without a year, else None."""
    text = _normalise(expression)
    pats, vocab = _patterns(), _vocab()
    m = pats["mdy"].match(text) or pats["dmy"].match(text)
    if m and not m.group("y"):
        named = re.match(rf"(?P<wd>{_alt(vocab.weekdays)})\b", text)
        weekday = vocab.weekdays[named.group("wd")] if named else None
        return Yearless(vocab.months[m.group("mon")], int(m.group("d")), weekday)
    m = pats["month"].match(text)
    if m and not m.group("y") and not m.group("rel") and not m.group("yrel"):
        return Yearless(vocab.months[m.group("mon")])
    return None


def _rule_month(ctx: _Ctx) -> When | None:
    m = _patterns()["month"].match(ctx.text)
    if not m:
        return None
    month = _vocab().months[m.group("mon")]
    if m.group("y"):
        return _month_of(int(m.group("y")), month)
    if ctx.pub is None:
        return None
    if m.group("yrel"):  # "March last year"
        return _month_of(ctx.pub.year + {"last": -1, "this": 0, "next": 1}[m.group("yrel")], month)
    rel, year, here = m.group("rel"), ctx.pub.year, ctx.pub.month
    if rel == "this":
        return _month_of(year, month)
    if rel in ("last", "past", "previous"):
        return _month_of(year if month < here else year - 1, month)
    if rel in ("next", "coming"):
        return _month_of(year if month > here else year + 1, month)
    if ctx.future:
        return _month_of(year if month >= here else year + 1, month)
    return _month_of(year if month <= here else year - 1, month)


def _rule_decade(ctx: _Ctx) -> When | None:
    m = _patterns()["decade"].match(ctx.text)
    if not m or not (ctx.text.endswith("s") or m.group("w")):
        return None
    if m.group("c"):
        start = int(m.group("c")) * 10
    elif m.group("s"):
        start = _two_digit_decade(int(m.group("s")) * 10, ctx.pub)
    else:
        start = 1900 + _vocab().decade_words[m.group("w")]
    offset = _vocab().decade_parts.get(m.group("q") or "", 0)
    return _year_of(start + offset, "decade")


def _two_digit_decade(decade: int, pub: date | None) -> int:
    now = (pub or date.today()).year
    return 2000 + decade if 2000 + decade <= now else 1900 + decade


def _rule_year(ctx: _Ctx) -> When | None:
    m = _patterns()["year"].match(ctx.text)
    return _year_of(int(m.group("y"))) if m else None


def _rule_day_word(ctx: _Ctx) -> When | None:
    if ctx.pub is None:
        return None
    words = {"today": 0, "tonight": 0, "now": 0, "this morning": 0, "this afternoon": 0,
             "this evening": 0, "yesterday": -1, "day before": -1, "day before yesterday": -2,
             "tomorrow": 1, "day after tomorrow": 2}
    text = ctx.text
    for part in _vocab().day_parts:
        if text not in words:  # "this morning" is itself a day word; "yesterday morning" is yesterday
            text = text.removesuffix(" " + part)
    if text in words:
        return _iso_day(ctx.pub + timedelta(days=words[text]))
    return None


def _rule_weekday(ctx: _Ctx) -> When | None:
    m = _patterns()["weekday"].match(ctx.text)
    if not m or ctx.pub is None:
        return None
    target, rel = _vocab().weekdays[m.group("wd")], m.group("rel")
    back = (ctx.pub.weekday() - target) % 7  # days since the most recent one (0 = today)
    ahead = (target - ctx.pub.weekday()) % 7
    if rel in ("last", "past", "previous"):
        return _iso_day(ctx.pub - timedelta(days=back or 7))
    if rel in ("next", "coming") or (ctx.future and rel != "this"):
        return _iso_day(ctx.pub + timedelta(days=ahead or 7))
    if ctx.future:
        return _iso_day(ctx.pub + timedelta(days=ahead))
    return _iso_day(ctx.pub - timedelta(days=back))


def _window(start: date, end: date) -> When:
    """The week convention: one month -> the month, otherwise the first day."""
    if end < start:
        end = start
    if (start.year, start.month) == (end.year, end.month) and start != end:
        return _month_of(start.year, start.month)
    return _iso_day(start)


def _week_window(rel: str, qual: str | None, pub: date, future: bool) -> When:
    monday = pub - timedelta(days=pub.weekday())
    if rel == "past":
        return _window(pub - timedelta(days=6), pub)
    shift = {"last": -7, "previous": -7, "next": 7, "coming": 7}.get(rel, 0)
    start = monday + timedelta(days=shift)
    end = start + timedelta(days=6)
    if qual in ("early", "earlier"):
        end = start + timedelta(days=2)
    elif qual in ("late", "later"):
        start = start + timedelta(days=3)
    if shift == 0 and not future:
        end = min(end, pub)
    elif shift == 0:
        start = max(start, pub)
    return _window(start, end)


def _weekend_window(rel: str, pub: date, future: bool) -> When:
    saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)  # most recent Saturday
    if rel in ("next", "coming") or (future and rel == "this" and saturday != pub):
        saturday = saturday + timedelta(days=7)
    elif rel in ("last", "past", "previous") and pub.weekday() >= 5:
        saturday = saturday - timedelta(days=7)
    return _window(saturday, min(saturday + timedelta(days=1), max(pub, saturday)))


def _rule_unit(ctx: _Ctx) -> When | None:
    m = _patterns()["unit"].match(ctx.text)
    if not m or ctx.pub is None:
        return None
    rel, unit, pub = m.group("rel"), m.group("u"), ctx.pub
    if unit == "week":
        return _week_window(rel, m.group("q"), pub, ctx.future)
    if unit == "weekend":
        return _weekend_window(rel, pub, ctx.future)
    delta = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit == "month":
        return _month_of(*_add_months(pub.year, pub.month, delta))
    if unit == "decade":
        return _year_of(pub.year - 10 if rel in ("past", "last", "previous") else pub.year, "decade")
    return _year_of(pub.year + delta)


def _rule_ago(ctx: _Ctx) -> When | None:
    pats = _patterns()
    m = pats["ago"].match(ctx.text) or pats["past_n"].match(ctx.text)
    count = _count(m.group("n")) if m else None
    if not m or ctx.pub is None or count is None:
        return None
    unit, pub = m.group("u"), ctx.pub
    if unit == "day":
        return _iso_day(pub - timedelta(days=count))
    if unit == "week":
        return _week_window("this", None, pub - timedelta(days=7 * count), False)
    if unit == "month":
        return _month_of(*_add_months(pub.year, pub.month, -count))
    if unit == "decade":
        return _year_of(pub.year - 10 * count, "decade")
    return _year_of(pub.year - count)


_RULES: tuple[Callable[[_Ctx], When | None], ...] = (
    _rule_iso, _rule_day_month, _rule_month, _rule_decade, _rule_year,
    _rule_day_word, _rule_weekday, _rule_unit, _rule_ago,
)


def _parse_published(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(str(published).strip()[:10])
    except ValueError:
        return None


def ground_date(expression: str, published: str | None, tense: str = "past") -> When | None:
    """Ground one date expression (see the module docstring for the conventions).

    ``published`` is the article's ISO publication date (or ``None``); ``tense`` is
    ``"past"`` or ``"future"`` and only matters for expressions without a direction.
    """
    if not isinstance(expression, str) or not expression.strip() or len(expression) > 120:
        return None
    pub = _parse_published(published)
    # without a publication date "the '90s" depends on today's date: not cached
    found = _ground_on(expression, pub, tense == "future") if pub else _ground(expression, pub, tense == "future")
    return None if found is None else When(found.date, found.precision, found.basis, expression)


def _ground(expression: str, pub: date | None, future: bool) -> When | None:
    try:
        ctx = _Ctx(_normalise(expression), pub, future)
        for rule in _RULES:
            found = rule(ctx)
            if found is not None:
                return found
        return _dateparser_fallback(ctx)
    except (ValueError, OverflowError, KeyError, TypeError):
        return None


# the same expression on the same publication date grounds the same (and dateparser is slow);
# callers get a copy, the cached When is never changed
_ground_on = lru_cache(maxsize=4096)(_ground)


_LETTERS = re.compile(r"[a-z]+")
_DIGIT = re.compile(r"\d")
_NUMERIC_DATE = re.compile(r"\d[/.]\d")


def _looks_like_date(text: str) -> bool:
    words = set(_LETTERS.findall(text))
    has_word = bool(words & date_words())
    return bool(_DIGIT.search(text)) and (has_word or bool(_NUMERIC_DATE.search(text)))


def _dateparser_fallback(ctx: _Ctx) -> When | None:
    """dateparser for odd absolute forms ("13/03/2018", "2018 March 13th")."""
    if len(ctx.text) > 40 or not _looks_like_date(ctx.text):
        return None
    first = _dateparser_parse(ctx.text, date(2001, 1, 1), ctx.future)
    if first is None:
        return None
    if first == _dateparser_parse(ctx.text, date(2011, 6, 15), ctx.future):
        return first
    # the result moved with the base: a relative date, grounded on publication
    return _dateparser_parse(ctx.text, ctx.pub, ctx.future) if ctx.pub else None


@lru_cache(maxsize=32)
def _date_data_parser(base: date, future: bool) -> Any:
    from datetime import datetime

    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        "RELATIVE_BASE": datetime(base.year, base.month, base.day),
        "PREFER_DATES_FROM": "future" if future else "past",
    }
    return DateDataParser(languages=["en"], settings=settings)


def _dateparser_parse(text: str, base: date, future: bool) -> When | None:
    data = _date_data_parser(base, future).get_date_data(text)
    if data.date_obj is None:
        return None
    found = data.date_obj.date()
    if data.period == "year":
        return _year_of(found.year)
    if data.period == "month":
        return _month_of(found.year, found.month)
    return _iso_day(found)


# ---------------------------------------------------------------------------- finding


_FINDER_REL = word_tuple("dates", "relative")
_FINDER_QUAL = word_tuple("dates", "qualifiers")
# every word the finder's alternatives may start with, besides digits and "'" (kept in step
# with ``_finder_parts``; the months and weekdays there are capitalised forms of these)
_FINDER_FIRST = ("between", "from", "the", "yesterday", "today", "tonight", "tomorrow") + _FINDER_REL + _FINDER_QUAL


def _finder_parts() -> list[str]:
    """The finder's alternatives, most specific first."""
    vocab = _vocab()
    full = [m.capitalize() for m in vocab.months if len(m) > 4 or m == "june" or m == "july"]
    short = [m.capitalize() for m in vocab.months if m.capitalize() not in full and m != "may"]
    days = [d.capitalize() for d in vocab.weekdays if len(d) > 4]
    mon = rf"(?:\b(?:{_alt(full)}|May)\b|\b(?:{_alt(short)})(?:\.|\b))"
    wd = rf"\b(?:{_alt(days)})\b"
    year = r"\b(?:1[89]\d\d|20\d\d)\b"
    rel = rf"(?i:{'|'.join(_FINDER_REL)})"
    qual = rf"(?i:{'|'.join(_FINDER_QUAL)})"
    num = rf"(?i:\d+|{_alt(vocab.numbers)})"
    parts = [
        r"\b\d{4}-\d{2}-\d{2}\b",
        r"\b\d{1,2}/\d{1,2}/(?:1[89]|20)\d\d\b",  # "17/04/2012", "4/17/2012" (dateparser reads which is which)
        rf"(?:{wd},?\s+)?\b{mon}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?\b)?(?:,?\s+{year})?",
        rf"(?:{wd},?\s+)?\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+(?:of\s+)?{mon}(?:,?\s+{year})?",
        rf"(?i:between)\s+{year}\s+(?i:and)\s+{year}",
        rf"(?i:from)\s+{year}\s+(?i:to|until|through|till)\s+{year}",
        rf"(?:(?i:the)\s+(?i:years?)\s+)?{year}\s*(?:[-–]|\s(?i:to|until|through|till)\s)\s*{year}",
        rf"(?:(?i:the)\s+)?(?:{qual}[\s-]+)?(?:\b\d{{3}}0s\b|'\d0s\b)",
        rf"(?i:the)\s+(?:{qual}[\s-]+)?(?i:{_alt(vocab.decade_words)})\b",
        rf"\b(?:{rel}\s+|{qual}[\s-]+)?{mon}(?:,?\s+(?:of\s+|in\s+)?{year}|\s+(?:(?i:of)\s+)?(?i:last|this|next)\s+(?i:year)\b)?",
        rf"(?:\b(?i:{_alt(vocab.qualifiers)})[\s-]+)?(?<![$€£¥\d.,]){year}(?![-–]\d|[,.]\d|%)",
        rf"\b(?:{qual}\s+)?(?:(?i:the)\s+)?{rel}\s+(?i:week|weekend|month|year|decade)\b(?:['’]s)?",
        rf"\b{num}\s+(?i:days?|weeks?|months?|years?|decades?)\s+(?i:ago)\b",
        rf"\b(?i:the\s+(?:past|last|previous))\s+{num}\s+(?i:years|decades|months)\b",
        r"\b(?i:the\s+day\s+before\s+yesterday|yesterday|today|tonight|tomorrow|this\s+(?:morning|afternoon|evening))\b",
        r"\b(?i:the\s+day\s+before)\b(?!\s+(?i:the|a|an|his|her|its|their)\b)",
        rf"(?:\b{rel}\s+)?{wd}(?:\s+(?i:morning|afternoon|evening|night))?",
    ]
    return parts


@lru_cache(maxsize=1)
def _finder() -> re.Pattern[str]:
    """One regex over the doc text for the date expressions NER misses or merges."""
    alternatives = "|".join(f"(?:{p})" for p in _finder_parts())
    # starting only at word starts keeps one pass over a long text cheap
    return re.compile(rf"(?<!\w)(?=[\w'])(?:{alternatives})")


_WORD = re.compile(r"[\w']+")


@lru_cache(maxsize=1)
def _finder_start() -> re.Pattern[str]:
    """What text must start with for the finder to match there (a cheap test: most capitalised
    words are names); ignoring case makes it a superset of the finder's own case rules."""
    vocab = _vocab()
    words = (*_FINDER_FIRST, *vocab.months, *vocab.weekdays, *vocab.numbers, *vocab.qualifiers)
    return re.compile(rf"[\d']|(?i:{_alt(words)})")


@lru_cache(maxsize=1)
def _trigger_words() -> frozenset[str]:
    """Lower-case words a date expression may start with (besides digits and capitals)."""
    vocab = _vocab()
    words = set(_FINDER_FIRST)
    words |= {w.split()[0] for w in vocab.numbers} | {q.split()[0] for q in vocab.qualifiers}
    return frozenset(words)


depends_on_codebook(_vocab, date_words, _patterns, _ground_on, _finder, _finder_start, _trigger_words)


def find_date_expressions(text: str) -> list[tuple[int, int]]:
    """Character spans of date expressions the regex finder sees in ``text``.

    The finder is tried only at word starts that can begin a date (a digit, a capital,
    an apostrophe or a trigger word): one cheap pass over the words, few regex attempts.
    """
    finder, triggers, can_start = _finder(), _trigger_words(), _finder_start()
    spans: list[tuple[int, int]] = []
    done = 0
    for word in _WORD.finditer(text):
        start, first = word.start(), word.group()[0]
        if start < done or not (first.isdigit() or first.isupper() or first == "'" or word.group().lower() in triggers):
            continue
        if not first.isdigit() and not can_start.match(text, start):
            continue
        m = finder.match(text, start)
        if m:
            spans.append(m.span())
            done = m.end()
    return spans


def _root(span: Span) -> Token:
    """The span's syntactic root, without ``Span.root`` (which scans the whole doc)."""
    for token in span:
        if not (span.start <= token.head.i < span.end) or token.head is token:
            return token
    return span[0]


def _tense_for(span: Span) -> str:
    """'future' when the governing verb is future ("will", "plans to"), else 'past'."""
    token: Token = _root(span)
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head is token:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return "past"
    children = list(token.children)
    if any(c.lower_ in _FUTURE_AUX for c in children if c.dep_ == "aux"):
        return "future"
    if "Past" in token.morph.get("Tense", []) or any("Past" in c.morph.get("Tense", []) for c in children if c.dep_ in ("aux", "auxpass")):
        return "past"
    if token.dep_ == "xcomp" and token.head.lemma_ in _FUTURE_HEADS:
        return "future"
    progressive = token.tag_ == "VBG" and any(c.lemma_ == "be" and "Pres" in c.morph.get("Tense", []) for c in children)
    return "future" if progressive else "past"


def _candidates(doc: Doc, text: str) -> list[tuple[int, int]]:
    found = find_date_expressions(text)
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        if not any(s < ent.end_char and ent.start_char < e for s, e in found):
            found.append((ent.start_char, ent.end_char))
    return sorted(found)


def find_dates(doc: Doc, published: str | None) -> list[Span]:
    """Date spans of ``doc``, non-overlapping, each with ``span._.when`` set: grounded, or
    (a relative date in an article with no publication date) with ``date`` None."""
    spans: list[Span] = []
    text = doc_text(doc)
    for start, end in _candidates(doc, text):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or (spans and span.start < spans[-1].end):
            continue
        tense = _tense_for(span)
        when = ground_date(text[start:end], published, tense)
        if when is not None and when.date is not None:
            span._.when = when.to_dict()
        elif not _parse_published(published) and ground_date(text[start:end], _SOME_DAY, tense):
            # "last year" in an article with no publication date: a date the text gives but
            # that cannot be placed; kept (date None) so that no other date is lent to it
            span._.when = {"date": None, "precision": "unknown", "basis": "unknown", "text": text[start:end]}
        else:
            continue
        spans.append(span)
    return spans


_SOME_DAY = "2001-06-15"  # any publication date: tells a relative expression from a non-date


class DateGrounder:
    """spaCy component: writes ``doc.spans["amity_dates"]`` (``span._.when`` dicts)."""

    def __init__(self, name: str = "amity_dates_v1", codebook: Codebook = SHIPPED) -> None:
        self.name = name
        self.book = codebook
        activate(codebook)
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        activate(self.book)
        doc.spans[SPAN_KEY] = find_dates(doc, doc._.published)
        return doc


@Language.factory("amity_dates_v1", default_config={"codebook": CODEBOOK_CONFIG})
def make_date_grounder(nlp: Language, name: str, codebook: Codebook) -> DateGrounder:
    return DateGrounder(name, codebook)


def warm_up() -> None:
    """Build what the first dateparser call builds (its module, its time-zone patterns, the
    parser for the fixed base dates): a process about to fork workers calls this once so that
    they share it rather than each building it. Grounds nothing that is kept."""
    _dateparser_parse("13/03/2018", date(2001, 1, 1), False)
