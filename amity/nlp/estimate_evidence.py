"""The evidence an undated article gives of when it was written, each piece a range of days:

* explicit dates: one told in the past is a lower bound (the article was written after it),
  one in the future an upper bound; a day named with its weekday but no year ("Friday,
  Sept. 15") is one of the years in which that day is that weekday;
* people's roles: "Japanese Prime Minister Fumio Kishida" puts the article within the role's
  term (the codebook's people have dated roles), "former"/"then" after its end;
* dated events of ``dated_events.yaml``: "last month's national elections" in a sentence
  about a country with a known election, "holds the ASEAN chair this year", "the 60th
  anniversary of diplomatic relations" (the base year stated, or the codebook's).

:mod:`amity.nlp.estimate` weighs the pieces into one range and a best guess.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import combinations
from typing import Any

from spacy.tokens import Doc, Span

from amity.codebook import Codebook
from amity.codebook.actors import ActorCodebook, ActorEntry
from amity.nlp.dates import Yearless, find_date_expressions, ground_date, yearless

FAR_PAST = date(1800, 1, 1)
ROLE_LAG = timedelta(days=30)  # a title still written in the weeks after its holder left office
GAP = r"(?:[\w.-]+\s+){0,2}"  # "former Japanese Prime Minister": a word or two (not a possessive) between
CLOSE_FORMER = ("then", "late")  # adverbs too ("then told President X"): right before the role only
RECENT = timedelta(days=365)  # news is written within a year after the latest day it tells


@dataclass(frozen=True)
class Evidence:
    """One piece: the article lies in ``lo``..``hi`` (one of ``group``'s alternatives)."""

    lo: date
    hi: date
    weight: float
    group: str  # alternatives of one phrase share a group ("one of Cambodia's elections")
    text: str  # shown to the user: "Kishida Prime Minister from 2021-10-04"
    precision: str = ""  # a date told in the text: its precision ("day", "month", "year")


def period(iso: str) -> tuple[date, date]:
    """The first and last day of an ISO date at its precision ("2018" -> Jan 1..Dec 31)."""
    parts = [int(p) for p in str(iso).split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        last = calendar.monthrange(parts[0], parts[1])[1]
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
    day = date(parts[0], parts[1], parts[2])
    return day, day


def shift_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


# ------------------------------------------------------------------ explicit dates


def date_evidence(spans: list[Span], tenses: list[str], today: date) -> list[Evidence]:
    """Each explicit date told in the past is a lower bound; in the future an upper bound."""
    out = []
    for span, tense in zip(spans, tenses, strict=True):
        when = span._.when or {}
        if not when.get("date") or when.get("precision") == "unknown":
            continue
        try:
            first, last = period(str(when["date"]))
        except ValueError:
            continue
        if when.get("precision") == "decade":
            last = date(first.year - first.year % 10 + 9, 12, 31)
        if tense == "future" and last >= FAR_PAST:
            out.append(Evidence(FAR_PAST, last, 1.0, f"date{span.start}", f"'{span.text}' still ahead"))
        elif first <= today:
            out.append(Evidence(first, today, 1.0, f"date{span.start}", f"'{span.text}' told as past",
                                str(when.get("precision"))))
    return out


def weekday_evidence(spans: list[Span], tenses: list[str], today: date) -> list[Evidence]:
    """A day the text names with its weekday but no year ("on Friday, Sept. 15"): the years
    in which that day is that weekday (the alternatives of one group), the article within a
    year after it (told as past) or before it (ahead)."""
    out = []
    for span, tense in zip(spans, tenses, strict=True):
        found = yearless(span.text) if not (span._.when or {}).get("date") else None
        if found is None or found.day is None or found.weekday is None:
            continue
        for day in weekday_days(found, today):
            if tense == "future":
                out.append(Evidence(day - RECENT, day, 1.0, f"weekday{span.start}", f"'{span.text}' ahead: {day}"))
            elif day <= today:  # an alternative, not a told date: kept out of the recency piece
                out.append(Evidence(day, min(day + RECENT, today), 1.0, f"weekday{span.start}",
                                    f"'{span.text}': {day}", "weekday"))
    return out


def weekday_days(found: Yearless, today: date) -> list[date]:
    """The days, up to a year after today, that have ``found``'s month, day and weekday."""
    if found.weekday is None:
        return []
    days = (_calendar_day(year, found) for year in range(FAR_PAST.year, today.year + 2))
    return [day for day in days if day is not None and day <= today + RECENT]


def yearless_anchors(spans: list[Span], tenses: list[str], lo: date, hi: date,
                     near: date | None = None) -> list[date]:
    """The days within ``lo``..``hi`` that the dates told as past without a year are ("on
    September 16", "since October": its first day): the one nearest ``near`` (the latest
    date the text tells with its year: "on May 19" in a text of May 22, 2023 is of 2023),
    else the latest in the range (news follows what it tells)."""
    out = []
    for span, tense in zip(spans, tenses, strict=True):
        found = yearless(span.text) if tense != "future" and not (span._.when or {}).get("date") else None
        if found is None:
            continue
        if near:
            days = [d for d in (_calendar_day(y, found) for y in range(near.year - 1, near.year + 2)) if d]
            day = min(days, key=lambda d: abs((d - near).days), default=None)
        else:
            days = [d for d in (_calendar_day(y, found) for y in range(lo.year, hi.year + 1)) if d and lo <= d <= hi]
            day = max(days, default=None)
        if day and lo <= day <= hi:
            out.append(day)
    return out


def _calendar_day(year: int, found: Yearless) -> date | None:
    """``found``'s day in ``year``, if there is one (and it has the weekday named)."""
    try:
        day = date(year, found.month, found.day or 1)
    except ValueError:
        return None
    return day if found.weekday in (None, day.weekday()) else None


def line_evidence(lines: list[str], today: date) -> list[Evidence]:
    """Dates written out in the lines ingest set aside (a photo caption "Tuesday, March 13,
    2018", a dateline): each a lower bound."""
    out = []
    for n, line in enumerate(lines):
        for start, end in find_date_expressions(line):
            found = ground_date(line[start:end], None)
            if found is None or not found.date or found.precision not in ("day", "month", "year"):
                continue
            first = period(found.date)[0]
            if first <= today:
                out.append(Evidence(first, today, 1.0, f"line{n}:{start}", f"'{line[start:end]}' in a caption or heading",
                                    found.precision))
    return out


def recency_evidence(told: list[Evidence]) -> list[Evidence]:
    """A weak piece, outweighed by any other: news is written within a year after the latest
    day or month it tells as past (a year alone is too often background)."""
    fine = [e for e in told if e.precision in ("day", "month") and e.hi > e.lo]
    if not fine:
        return []
    latest = max(fine, key=lambda e: e.lo)
    return [Evidence(latest.lo, latest.lo + RECENT, 0.5, "recency",
                     f"news follows the latest date it tells ({latest.text.split(chr(39))[1]}) within a year")]


# ------------------------------------------------------------------ people's roles


def role_forms(role: str, others: list[str], synonyms: dict[str, list[str]]) -> list[str]:
    """How a role is written (lower case): as in the codebook, with a synonym, "B A" for
    "A of the B", and "A" alone when no other role of the person starts so."""
    name = role.lower()
    forms = [name]
    head, of, body = name.partition(" of ")
    if of:
        forms.append(f"{body.removeprefix('the ')} {head}")
        if not any(o.lower() != name and o.lower().startswith(head) for o in others):
            forms.append(head)
    for word, alternatives in synonyms.items():
        forms += [f.replace(word, alt) for f in list(forms) if word in f for alt in alternatives]
    return forms


def role_evidence(doc: Doc, actors: ActorCodebook, words: dict[str, list[str]],
                  dated_sentences: set[int], today: date,
                  actors_synonyms: dict[str, Any] | None = None) -> list[Evidence]:
    """A person named with a role they held ("Prime Minister Hun Sen", "Suga, Japan's chief
    cabinet secretary"): within that role's term; "former"/"then" before it: after its end.
    Sentences that state an explicit date (a past narrative) are left out."""
    text = doc.text
    former = tuple(words.get("former") or ())
    synonyms = {str(k): [str(w) for w in v] for k, v in (actors_synonyms or {}).items()}
    out: list[Evidence] = []
    for span in doc.spans.get("amity_actors", []):
        actor = span._.actor or {}
        key = actor.get("actor_id")
        if not key or key not in actors or span.sent.start in dated_sentences:
            continue
        entry = actors.entry(str(key))
        if entry.kind != "person" or not entry.roles:
            continue
        sent = span.sent
        before = text[max(sent.start_char, span.start_char - 80):span.end_char].lower()
        after = text[span.end_char:min(sent.end_char, span.end_char + 60)].lower()
        out.extend(_roles_named(entry, span, before, after, former, synonyms, today))
    return out


def _roles_named(entry: ActorEntry, span: Span, before: str, after: str, former: tuple[str, ...],
                 synonyms: dict[str, list[str]], today: date) -> list[Evidence]:
    found: list[Evidence] = []
    names = [r.role for r in entry.roles]
    for role in entry.roles:
        places = (_role_place(form, before, len(span.text), after) for form in role_forms(role.role, names, synonyms))
        prefix = next((p for p in places if p is not None), None)
        if prefix is None:
            continue
        start = period(role.start)[0] if role.start else FAR_PAST
        end = min(period(role.end)[1] + ROLE_LAG, today) if role.end else today
        left = min(period(role.end)[0], today) if role.end else today  # an end told to the month: its first day
        group = f"role{span.start}"
        # "former", "then", "former Japanese": out of office from the day the term ended
        if any(re.search(rf"\b{re.escape(f)}\b[\s-]*{'' if f in CLOSE_FORMER else GAP}$", prefix) for f in former):
            found.append(Evidence(left, today, 1.0, group, f"{entry.name} former {role.role} (until {role.end})"))
        else:
            told = f"{entry.name} {role.role} {role.start or '?'}..{role.end or 'now'}"
            found.append(Evidence(start, end, 1.0, group, told))
    return found


def _role_place(role: str, before: str, mention: int, after: str) -> str | None:
    """The words before the role when it is written right before the name (within the mention
    or just ahead of it) or in an apposition after it (", Japan's prime minister"); else None."""
    name_at = len(before) - mention
    for found in re.finditer(rf"\b{re.escape(role)}s?\b", before):
        if found.end() > name_at or not before[found.end():name_at].strip(" -"):
            return before[max(0, found.start() - 25):found.start()]
    after_name = re.match(rf"^\s*,\s*((?:[\w'’.-]+\s+){{0,3}}?){re.escape(role)}\b", after)
    return after_name.group(1) if after_name else None


# ------------------------------------------------------------------ dated events

_REL = r"(last|this|next|past|previous|coming|recent|upcoming|forthcoming|just-concluded)"
_UNIT = r"(week|month|year)"


def event_evidence(doc: Doc, book: Codebook, today: date) -> list[Evidence]:
    """Elections, ASEAN chairs and anniversaries the text ties the article's time to."""
    data = book.section("dated_events")
    words = {str(k): [str(w) for w in v] for k, v in (data.get("words") or {}).items()}
    countries = _countries_by_sentence(doc)
    counts = Counter(c for found in countries.values() for c in found)
    main = [c for c, _ in counts.most_common(2)]  # what the article is about, most first
    out: list[Evidence] = []
    for sent in doc.sents:
        here = countries.get(sent.start, set())
        lowered = sent.text.lower()
        out += _elections(lowered, here | set(main), main[:1], data.get("elections") or {}, words, sent.start)
        out += _chairs(lowered, here, data.get("asean_chairs") or {}, words, sent.start)
        out += _anniversaries(sent, here, data.get("relations") or {}, words, today)
    return out


def _countries_by_sentence(doc: Doc) -> dict[int, set[str]]:
    found: dict[int, set[str]] = {}
    for span in doc.spans.get("amity_actors", []):
        country = (span._.actor or {}).get("country")
        if country:
            found.setdefault(span.sent.start, set()).add(str(country))
    return found


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _elections(text: str, countries: set[str], main: list[str], elections: dict[str, Any],
               words: dict[str, list[str]], where: int) -> list[Evidence]:
    """"last month's national elections", "the elections last year", "the recent polls": an
    election of a country of the sentence or the article (its main country's weighs most)."""
    noun = _alt(words.get("election") or ["election"])
    m = (re.search(rf"\b{_REL}\s+{_UNIT}['’]s\s+(?:[\w-]+\s+){{0,3}}?(?:{noun})\b", text)
         or re.search(rf"\b(?:{noun})\b[^.;]{{0,25}}?\b{_REL}\s+{_UNIT}\b", text)
         or re.search(rf"\b(recent|upcoming|forthcoming|just-concluded)\s+(?:[\w-]+\s+){{0,2}}?(?:{noun})\b", text))
    if not m:
        return []
    rel, unit = m.group(1), (m.group(2) if m.lastindex and m.lastindex >= 2 else "")
    out = []
    for country in sorted(countries & set(elections)):
        for day in elections[country]:
            lo, hi = _after_event(period(str(day))[0], rel, unit)
            weight = 2.0 if country in main else 1.5
            out.append(Evidence(lo, hi, weight, f"election{where}", f"'{m.group(0)}': {country} election of {day}"))
    return out


def _after_event(day: date, rel: str, unit: str) -> tuple[date, date]:
    """When an article that calls an event of ``day`` "``rel`` ``unit``'s" was written."""
    if rel in ("recent", "just-concluded"):
        return day, day + timedelta(days=90)
    if rel in ("upcoming", "forthcoming") or (rel in ("next", "coming") and not unit):
        return day - timedelta(days=240), day
    step = {"last": 1, "past": 1, "previous": 1, "this": 0, "next": -1, "coming": -1}.get(rel, 0)
    if unit == "week":
        monday = day - timedelta(days=day.weekday()) + timedelta(days=7 * step)
        return monday, monday + timedelta(days=6)
    if unit == "month":
        first = shift_months(day, step)
        return first, shift_months(first, 1) - timedelta(days=1)
    return date(day.year + step, 1, 1), date(day.year + step, 12, 31)


def _chairs(text: str, countries: set[str], chairs: dict[str, Any], words: dict[str, list[str]],
            where: int) -> list[Evidence]:
    """"Cambodia, which holds the rotating chairmanship of ASEAN this year" -> a year it chaired."""
    m = re.search(rf"\b(?:{_alt(words.get('chair') or [])})\b", text)
    if not m or not countries:
        return []
    rel = re.search(r"\b(last|this|next)\s+year\b", text)
    step = {"last": 1, "this": 0, "next": -1}[rel.group(1)] if rel else 0
    return [Evidence(date(int(year) + step, 1, 1), date(int(year) + step, 12, 31), 2.0, f"chair{where}",
                     f"'{m.group(0)}': {chairs[year]} chaired ASEAN in {year}")
            for year in sorted(chairs) if str(chairs[year]) in countries]


_ORDINAL = re.compile(r"\b(\d{1,3})(?:st|nd|rd|th)\s+(anniversary|year)\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\w-])(1[5-9]\d\d|20\d\d)(?![\w-])")


def _anniversaries(sent: Span, countries: set[str], relations: dict[str, Any], words: dict[str, list[str]],
                   today: date) -> list[Evidence]:
    """"the 60th anniversary of ... relations" (base year stated in the sentence, else the
    codebook's for a pair of its countries) -> the anniversary's year; "the 70th year" -> a year before."""
    text = sent.text
    lowered = text.lower()
    related = any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words.get("relations") or [])
    pairs = ["-".join(sorted(p)) for p in combinations(sorted(countries), 2)] if related else []
    out = []
    for m in _ORDINAL.finditer(text):
        n, kind = int(m.group(1)), m.group(2).lower()
        bases = [(int(y), f"'{y}'") for y in _YEAR.findall(text) if int(y) + n <= today.year]
        bases = bases or [(period(str(relations[p]))[0].year, f"{p} relations of {relations[p]}")
                          for p in pairs if p in relations]
        for year, why in bases:
            at = year + n - (1 if kind == "year" else 0)
            if at <= today.year:
                out.append(Evidence(date(at, 1, 1), date(at, 12, 31), 2.0, f"anniversary{sent.start}:{m.start()}",
                                    f"'{m.group(0)}' of {why} -> {at}"))
    return out
