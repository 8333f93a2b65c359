"""When an undated article was written, from the text's own evidence (issue 17).

The ``amity_estimate_v1`` component runs after actors and dates, for a Doc with no
publication date: it gathers the evidence of :mod:`amity.nlp.estimate_evidence`, weighs it
(the days most pieces agree on, an upper bound of today), takes as its best guess the latest
day the text tells as past within the range (a day or month without its year, "on May 19",
in the year that puts it nearest the latest dated one), and writes ``doc._.estimate``::

    {"range": [earliest, latest], "guess": ISO day, "evidence": "...", "basis": "estimated",
     "when": {"date", "precision", "basis": "estimated"}}

``basis`` is ``"unknown"`` (the article stays undated) when the range is wider than
``MAX_DAYS``. With an estimate, the date spans that depend on the publication day ("last
month", "on Monday") are grounded on the guess, at the precision the whole range supports
(the same at both ends: "last month" on August 2018 is ``2018-07``), flagged ``estimated``;
the event coder dates by them and falls back on ``when``, never as if the date were stated.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from amity.codebook import SHIPPED, Codebook, activate
from amity.nlp.dates import SPAN_KEY, _tense_for, ground_date
from amity.nlp.estimate_evidence import (
    FAR_PAST,
    RECENT,
    Evidence,
    date_evidence,
    event_evidence,
    line_evidence,
    recency_evidence,
    role_evidence,
    weekday_evidence,
    yearless_anchors,
)
from amity.nlp.extensions import register_extensions
from amity.nlp.registry import CODEBOOK_CONFIG

MAX_DAYS = 731  # a range wider than two years is no estimate: the article stays undated
TODAY_WEIGHT = 100.0  # nothing is written after today
PRECISION_SIZES = {"day": 10, "month": 7, "year": 4}


def combine(evidence: list[Evidence], today: date) -> tuple[date, date, list[Evidence]]:
    """The days the most weight agrees on (each group counted once, by its heaviest piece
    covering the day) and the pieces that hold there. Where they lie apart ("last year's
    election": 2007 or 2011), the first, when it follows the latest date the text tells
    within a year (news is written after what it tells, not years later); else their hull."""
    items = [*evidence, Evidence(FAR_PAST, today, TODAY_WEIGHT, "today", "")]
    cuts = sorted({e.lo for e in items} | {e.hi + timedelta(days=1) for e in items})
    best, spans = -1.0, []
    for start, stop in zip(cuts, cuts[1:], strict=False):
        score = _score(items, start)
        if score > best:
            best, spans = score, [(start, stop - timedelta(days=1))]
        elif score == best:
            spans.append((start, stop - timedelta(days=1)))
    runs = _runs(spans)
    told = [e.lo for e in evidence if e.group.startswith(("date", "line")) and e.hi == today]
    if len(runs) > 1 and told and timedelta(0) <= runs[0][0] - max(told) <= RECENT:
        lo, hi = runs[0]
    else:
        lo, hi = runs[0][0], runs[-1][1]
    held = [e for e in evidence if e.lo <= lo and hi <= e.hi]
    return lo, hi, held


def _runs(spans: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """Adjacent day ranges joined."""
    runs = [spans[0]]
    for lo, hi in spans[1:]:
        if lo - runs[-1][1] <= timedelta(days=1):
            runs[-1] = (runs[-1][0], hi)
        else:
            runs.append((lo, hi))
    return runs


def _score(items: list[Evidence], day: date) -> float:
    weights: dict[str, float] = {}
    for e in items:
        if e.lo <= day <= e.hi:
            weights[e.group] = max(weights.get(e.group, 0.0), e.weight)
    return sum(weights.values())


def best_guess(lo: date, hi: date, anchors: list[date]) -> date:
    """The latest day the text tells as past within the range (news follows its events),
    else the middle of the range (at most half a year after its start)."""
    inside = [d for d in anchors if lo <= d <= hi]
    if inside:
        return max(inside)
    return lo + timedelta(days=min((hi - lo).days // 2, 182))


def common_when(lo_iso: str | None, hi_iso: str | None, guess: str, precision: str) -> dict[str, Any]:
    """``guess`` (a date at ``precision``) cut to the finest precision at which the dates
    grounded at both ends of the range agree with it (the year, when even that differs)."""
    if precision not in PRECISION_SIZES:
        return {"date": guess, "precision": precision}
    for name, size in PRECISION_SIZES.items():
        if size <= len(guess) and lo_iso and hi_iso and lo_iso[:size] == hi_iso[:size] == guess[:size]:
            return {"date": guess[:size], "precision": name}
    return {"date": guess[:4], "precision": "year"}


class Estimator:
    """Per document: gathers the evidence, settles the estimate, regrounds the date spans."""

    def __init__(self, doc: Doc, book: Codebook, today: date) -> None:
        self.doc, self.book, self.today = doc, book, today
        self.spans: list[Span] = list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
        self.tenses = [_tense_for(s) for s in self.spans]

    def estimate(self) -> dict[str, Any]:
        stated = [(s, t) for s, t in zip(self.spans, self.tenses, strict=True) if (s._.when or {}).get("date")]
        dated = {s.sent.start for s, t in stated if t == "past"}
        evidence = date_evidence([s for s, _ in stated], [t for _, t in stated], self.today)
        evidence += weekday_evidence(self.spans, self.tenses, self.today)
        words = {str(k): [str(w) for w in v] for k, v in (self.book.section("dated_events").get("words") or {}).items()}
        synonyms = self.book.section("dated_events").get("role_synonyms") or {}
        evidence += role_evidence(self.doc, self.book.actors(), words, dated, self.today, synonyms)
        evidence += event_evidence(self.doc, self.book, self.today)
        evidence += line_evidence(list(self.doc._.removed or []), self.today)
        evidence += recency_evidence(evidence)
        lo, hi, held = combine(evidence, self.today)
        # the dates told as past to the month or the day, whether or not they bound the range
        anchors = [e.lo for e in evidence if e.precision in ("day", "month", "weekday")
                   and e.group.startswith(("date", "weekday", "line"))]
        if lo > FAR_PAST:  # "on May 19", no year: the one nearest the latest date told with its year
            near = max((d for d in anchors if lo <= d <= hi), default=None)
            anchors += yearless_anchors(self.spans, self.tenses, lo, hi, near)
        groups = {e.group for e in held}
        return self._result(lo, hi, held, [e for e in evidence if e.group not in groups], anchors)

    def _result(self, lo: date, hi: date, held: list[Evidence], ignored: list[Evidence],
                anchors: list[date]) -> dict[str, Any]:
        narrowed = lo > FAR_PAST and (hi - lo).days <= MAX_DAYS
        guess = best_guess(lo, hi, anchors).isoformat() if narrowed else None
        texts = list(dict.fromkeys(e.text for e in held))
        if ignored:
            texts.append("not fitting: " + ", ".join(dict.fromkeys(e.text for e in ignored[:5])))
        out: dict[str, Any] = {"range": [lo.isoformat() if lo > FAR_PAST else None, hi.isoformat()],
                               "guess": guess, "evidence": "; ".join(texts), "basis": "unknown"}
        if narrowed and guess:
            out["basis"] = "estimated"
            out["when"] = {**common_when(lo.isoformat(), hi.isoformat(), guess, "day"), "basis": "estimated"}
        return out

    def reground(self, estimate: dict[str, Any]) -> None:
        """Ground the spans that need a publication day on the guess, at the precision the
        range supports, flagged ``estimated``."""
        lo, hi = estimate["range"]
        for span, tense in zip(self.spans, self.tenses, strict=True):
            when = span._.when or {}
            if when.get("date"):
                continue
            guess = ground_date(span.text, estimate["guess"], tense)
            if guess is None or guess.date is None:
                continue
            first, last = (ground_date(span.text, iso, tense) for iso in (lo, hi))
            placed = common_when(first.date if first else None, last.date if last else None,
                                 guess.date, guess.precision)
            span._.when = {**placed, "basis": "text", "text": span.text, "estimated": True}


class PublicationEstimator:
    """spaCy component ``amity_estimate_v1``: ``doc._.estimate`` for an undated Doc."""

    def __init__(self, name: str = "amity_estimate_v1", codebook: Codebook = SHIPPED) -> None:
        self.name = name
        self.book = codebook
        activate(codebook)
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc._.estimate = None
        if doc._.published:
            return doc
        activate(self.book)
        estimator = Estimator(doc, self.book, date.today())
        estimate = estimator.estimate()
        if estimate["basis"] == "estimated":
            estimator.reground(estimate)
        doc._.estimate = estimate
        return doc


@Language.factory("amity_estimate_v1", default_config={"codebook": CODEBOOK_CONFIG})
def make_publication_estimator(nlp: Language, name: str, codebook: Codebook) -> PublicationEstimator:
    return PublicationEstimator(name, codebook)
