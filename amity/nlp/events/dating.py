"""When each coded predicate happened: the clause's own date, the sentence's, the
paragraph's narrative date, the story's (the lead's) date, else the publication date."""

from __future__ import annotations

import datetime as dt
from typing import Any

from spacy.tokens import Span

from amity.codebook import word_tuple
from amity.nlp.dates import count_word, yearless
from amity.nlp.events.index import ParsedDoc, Tok, clause_head
from amity.nlp.events.parts import Dated, _in_clause, _within_noun
from amity.nlp.events.roles import Predicate
from amity.nlp.extensions import doc_text

CONTEXT_PRECISIONS = ("year", "month", "decade", "day")


RESPONSE_OPENERS = word_tuple("dates", "response_openers")
OCCASION_ORDINALS = frozenset(word_tuple("dates", "occasion_ordinals"))
OCCASION_NOUNS = frozenset(word_tuple("dates", "occasion_nouns"))
UNIT_DAYS = {"day": 1, "week": 7}
SENTENCE_ENDS = frozenset(".!?\"'”’")
LEAD_PARAGRAPHS = 1  # paragraphs 0 and 1 of the body are the lead, whose date the story carries


class DateChooser:
    """When each predicate happened: clause date, sentence date, narrative context, publication."""

    def __init__(self, parsed: ParsedDoc, dates: list[Dated], published: str | None,
                 ungrounded: list[Tok] | None = None, gatherings: set[str] | frozenset[str] = frozenset(),
                 estimated: dict[str, Any] | None = None) -> None:
        self.parsed = parsed
        self.estimated = estimated  # ``published`` is an undated article's best guess: its date at the range's precision
        self.dates = dates
        self.ungrounded = {t.i for t in ungrounded or []}
        self.published = published
        self.gatherings = gatherings
        self.context: dict[str, Any] | None = None
        self.story: dict[str, Any] | None = None  # the lead's date: what the news story is about
        self.story_told = False  # whether the lead has stated its date (perhaps one that cannot be placed)
        self.paragraph, self.paragraph_start = 0, 0
        self.previous: tuple[dict[str, Any] | None, set[str]] = (None, set())
        self.told: list[Dated] = []  # the previous sentence's dates told in a past clause
        self.responding = False  # the sentence opens "In response, ...": a reply to the act told before
        self.news = _news_day(dates, published)  # the story's day, wherever the head states it
        # a news day the day before publication dates the story's later undated acts too
        self.news_eve = bool(self.news) and _days_before(str((self.news or {}).get("date")), published) <= 1

    def new_paragraph(self, start: int) -> None:
        """A paragraph's narrative date ("In 2019, ...") ends with it; the lead's date
        ("agreed on Sunday ...") holds through the story."""
        named = {self.parsed.lemmas[i] for i in range(self.paragraph_start, start)} & self.gatherings
        self.previous = (self.context, named)
        self.paragraph, self.paragraph_start = self.paragraph + 1, start
        self.context = dict(self.story) if self.story else None

    def refer_back(self, sent: Span) -> None:
        """"At the conclusion of the conference, ...": a gathering the previous paragraph
        named and dated keeps its date in this one."""
        context, named = self.previous
        if not context or not named:
            return
        for tok in self.parsed.span(sent):
            if tok.lemma_ in named and tok.dep_ in ("pobj", "nsubj", "dobj") and any(
                    c.lower_ in ("the", "that", "this") for c in tok.children):
                self.context, self.previous = dict(context), (None, set())
                return

    def for_sentence(self, sent: Span) -> list[Dated]:
        """The sentence's dates; a month without a year ("that January") takes the year the
        sentence or the narrative states rather than the publication's."""
        found = [d for d in self.dates if sent.start <= d.span.start < sent.end]
        self.responding = sent.text.lower().startswith(RESPONSE_OPENERS)
        years = [d.when["date"][:4] for d in found if d.explicit]
        anchor = years[0] if years else None
        context = (self.context or {}).get("date")
        out = []
        for dated in found:
            year = anchor if anchor else (context[:4] if context and _anaphoric(dated.span) else None)
            if year and not dated.explicit and dated.when.get("precision") in ("month", "day"):
                when = {**dated.when, "date": year + str(dated.when["date"])[4:]}
                dated = Dated(dated.span, when, dated.anchor, dated.group, dated.root, dated.explicit)
            out.append(dated)
        return out

    def choose(self, predicate: Predicate, in_sentence: list[Dated]) -> list[dict[str, Any]]:
        """One or more ``{date, precision, basis}`` (a list of years gives one each); "two days
        after Colombia expelled ...": the date of the clause it is told against, moved back."""
        chosen = self._choose(predicate, in_sentence)
        if not any(_in_clause(d.root, predicate) for d in in_sentence):
            chosen = [_not_before(when, _reported_days(predicate.anchor, in_sentence)) for when in chosen]
        days = _offset_days(predicate.anchor)
        return [_shifted(when, days) for when in chosen] if days else chosen

    def _choose(self, predicate: Predicate, in_sentence: list[Dated]) -> list[dict[str, Any]]:
        trigger = predicate.trigger
        stated = [d for d in in_sentence if predicate.date is not None and d.span.start == predicate.date.start]
        if stated:  # "the Paris Peace Agreement on 23 October 1991": the date given to the act itself
            return [_when(stated[0].when)]
        inside = [d for d in in_sentence if _within_noun(d.span, trigger)]
        clause = inside or [d for d in in_sentence if _in_clause(d.root, predicate)]
        if clause:
            best = min(clause, key=lambda d: abs(d.span.start - trigger.i))
            group = [d for d in in_sentence if d.group == best.group] if best.group >= 0 else [best]
            if len(group) < 2:
                return [self._finer(_when(best.when))]
            # "in 1993, 1998 and 2003": one event per year, its evidence ending at its year
            return [{**_when(d.when), "until": d.span.end_char} for d in group]
        above = _governing(predicate.anchor) if not _present_aside(predicate.anchor) else {predicate.anchor.i}
        occasion = _occasion_copula(predicate.anchor)
        if occasion is not None:
            above.add(occasion)
        governing = [d for d in in_sentence if d.anchor.i in above]
        governing = governing or [d for d in in_sentence if _framing(d.anchor, above)]
        if governing:
            return [_when(min(governing, key=lambda d: abs(d.span.start - trigger.i)).when)]
        if predicate.anchor.i in self.ungrounded:  # the text dates it, but relative to an unknown day
            return [{"date": None, "precision": "unknown", "basis": "unknown"}]
        if self.responding and self.told and not in_sentence:
            return [_when(self.told[0].when)]
        perfect = _perfect(predicate.anchor)
        if self.context and (_past_clause(predicate.anchor) or _same_time(predicate.anchor)):
            if not (perfect and self.context != self.story) and not (perfect and _vague(self.context)):
                return [dict(self.context)]
            if self.story and not _vague(self.story):  # "has urged": a present perfect is not dated by a past narrative ("drills in March")
                return [dict(self.story)]
        if self.news and _past_clause(predicate.anchor) and (
                self.paragraph <= NEWS_PARAGRAPHS or (self.news_eve and _simple_past_clause(predicate.anchor))):
            return [dict(self.news)]  # "reports of the arrest", told before "arrested on Monday"
        if self.estimated:
            return [dict(self.estimated)]
        if self.published:
            return [{"date": self.published, "precision": "day", "basis": "publication"}]
        return [{"date": None, "precision": "unknown", "basis": "unknown"}]

    def _finer(self, when: dict[str, Any]) -> dict[str, Any]:
        """'this year' in a story already dated to the day keeps the day it agrees with."""
        date, known = str(when.get("date") or ""), str((self.context or {}).get("date") or "")
        if date and len(known) > len(date) and known.startswith(date):
            return dict(self.context or when)
        return when

    def remember(self, sent: Span, in_sentence: list[Dated]) -> None:
        """A past-tense sentence that states a date sets the paragraph's narrative context;
        the lead's first such date that is news (not background) is the story's date."""
        lead = self.paragraph <= LEAD_PARAGRAPHS and not self.story_told
        self.told = [d for d in in_sentence if d.when.get("basis", "text") == "text" and _past_clause(d.anchor)]
        if lead and sent.root.i in self.ungrounded and _past(self.parsed[sent.root.i]):
            self.story_told = True  # "met this Saturday" with no publication date: no later date is the story's
        if not in_sentence:
            return
        introduces = _introduces(self.parsed, sent)  # "... made three moves in 1984: It invited ...": the list's date
        root = self.parsed[sent.root.i]
        texts = [d for d in in_sentence if d.when.get("basis", "text") == "text"
                 and d.when.get("precision") in CONTEXT_PRECISIONS and (introduces or d.anchor.i == root.i)
                 and not _bare_month(d)]
        if not texts or not _past(root) or len({d.group for d in texts}) < len(texts):
            return  # no main-clause date, or a list of dates ("in 1993, 1998 and 2003")
        when = _when(texts[0].when)
        current = str((self.context or {}).get("date") or "")
        if not (current.startswith(str(when["date"])) and len(current) > len(str(when["date"]))):
            self.context = when  # a coarser date that agrees ("this year") keeps the finer one
        if lead and _news(self.context or when, self.published):
            self.story, self.story_told = dict(self.context or when), True


NEWS_PARAGRAPHS = 2  # paragraphs 0-2: the head whose news day dates its undated past acts
NEWS_DAYS = 7  # a news day is at most this many days before publication


def _news_day(dates: list[Dated], published: str | None) -> dict[str, Any] | None:
    """The first day, in the head of the story, that a past clause is dated by and that lies
    in the week before publication ("Lai was arrested on Monday"): the story's news day."""
    try:
        pub = dt.date.fromisoformat(str(published)[:10])
    except ValueError:
        return None
    for dated in sorted(dates, key=lambda d: d.span.start):
        if body_paragraphs(doc_text(dated.span.doc), dated.span.start_char) > NEWS_PARAGRAPHS:
            return None
        when = dated.when
        told = _past_clause(dated.anchor) or dated.root.dep_ == "poss"  # "Thursday's appointments"
        if when.get("precision") != "day" or when.get("basis", "text") != "text" or not told:
            continue
        try:
            day = dt.date.fromisoformat(str(when.get("date")))
        except ValueError:
            continue
        if pub - dt.timedelta(days=NEWS_DAYS) <= day <= pub:
            return _when(when)
    return None


def body_paragraphs(text: str, end: int) -> int:
    """How many paragraphs of the story's body end before ``end``: those ending as a sentence
    ends (a headline, a byline or a photo caption does not)."""
    return sum(1 for p in text[:end].split("\n\n")[:-1] if p.rstrip()[-1:] in SENTENCE_ENDS)


def _reported_days(anchor: Tok, in_sentence: list[Dated]) -> list[dict[str, Any]]:
    """The days told in what the clause (or a clause joined to it) reports: "accused each other
    and said that shelling went on Monday" is said on Monday at the earliest."""
    verbs = [anchor, *(c for c in anchor.children if c.dep_ == "conj")]
    if anchor.dep_ == "conj":
        verbs.append(anchor.head)
    inside = {t.i for v in verbs for c in v.children if c.dep_ == "ccomp" for t in c.subtree}
    return [d.when for d in in_sentence if d.root.i in inside and d.when.get("precision") == "day"
            and d.when.get("basis", "text") == "text"]


def _not_before(when: dict[str, Any], reported: list[dict[str, Any]]) -> dict[str, Any]:
    """``when``, or the latest reported day when that is later (a report follows what it tells)."""
    later = [r for r in reported if when.get("precision") == "day" and str(r.get("date")) > str(when.get("date"))]
    return _when(max(later, key=lambda r: str(r.get("date")))) if later else when


def _offset_days(anchor: Tok) -> int:
    """"a day after X", "two weeks before X": how many days X lies after (+) or before (-)
    the clause the "after"/"before" clause hangs on; 0 when it is not so told."""
    marks = [c.lower_ for c in anchor.children if c.dep_ == "mark" and c.lower_ in ("after", "before")]
    if anchor.dep_ != "advcl" or not marks:
        return 0
    for child in anchor.children:
        unit = UNIT_DAYS.get(child.lemma_) if child.dep_ == "npadvmod" else None
        counts = [count_word(c.lower_) for c in child.children if c.dep_ in ("nummod", "det")]
        if unit and counts and counts[0]:
            return -unit * counts[0] if marks[0] == "after" else unit * counts[0]
    return 0


def _shifted(when: dict[str, Any], days: int) -> dict[str, Any]:
    """A day moved by ``days`` (coarser dates stay as they are)."""
    if when.get("precision") != "day" or not when.get("date"):
        return when
    try:
        return {**when, "date": (dt.date.fromisoformat(str(when["date"])) + dt.timedelta(days=days)).isoformat()}
    except ValueError:
        return when


def _present_aside(anchor: Tok) -> bool:
    """"suspended tours last week while the boycott is hurting carmakers": a clause in the present
    tense hung on another is of now, not of the other's date."""
    if anchor.dep_ != "advcl" or anchor.tag_ not in ("VBZ", "VBP", "VBG"):
        return False
    auxes = [c for c in anchor.children if c.dep_ in ("aux", "auxpass")]
    if anchor.tag_ == "VBG":
        return any(c.lemma_ == "be" and c.tag_ in ("VBZ", "VBP") for c in auxes)
    return not auxes


def _bare_month(dated: Dated) -> bool:
    """"drills in March": a month without its year dates its own clause, not the paragraph's
    narrative (background told in passing)."""
    found = yearless(dated.span.text)
    return found is not None and found.day is None


def _vague(when: dict[str, Any]) -> bool:
    """A story date coarser than a day ("last week", "this month"): it does not date a present
    perfect ("has condemned"), news of the days up to publication."""
    return when.get("precision") != "day"


def _days_before(date: str, published: str | None) -> int:
    """How many days ``date`` lies before the publication day (large when either is unknown)."""
    try:
        return (dt.date.fromisoformat(str(published)[:10]) - dt.date.fromisoformat(date)).days
    except ValueError:
        return NEWS_DAYS + 1


def _news(when: dict[str, Any], published: str | None) -> bool:
    """Whether a date is the news of a story published on ``published`` (within the year
    before it), not background ("established relations in 1953")."""
    date = str(when.get("date") or "")
    if not date or not published or len(published) < 10 or not published[:4].isdigit():
        return False
    return date >= f"{int(published[:4]) - 1:04d}{published[4:10]}"


def _starts_paragraph(text: str, previous: Span, sent: Span) -> bool:
    """Whether a blank line separates ``sent`` from the sentence before it."""
    gap = text[previous.start_char:sent.start_char]
    return "\n\n" in gap[len(gap.rstrip()):]


def _introduces(parsed: ParsedDoc, sent: Span) -> bool:
    """A sentence ending in a colon introduces the next one (a list of what happened then)."""
    last = next((i for i in reversed(range(sent.start, sent.end)) if not parsed.spaces[i]), None)
    return last is not None and parsed.texts[last] == ":"


def _anaphoric(span: Span) -> bool:
    """'that January', 'the same month': a date that points back into the narrative."""
    before = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return before in ("that", "same") or span.text.lower().startswith(("that ", "the same "))


def _when(when: dict[str, Any]) -> dict[str, Any]:
    basis = "estimated" if when.get("estimated") else when.get("basis") or "text"  # grounded on an estimate
    return {"date": when.get("date"), "precision": when.get("precision") or "unknown", "basis": basis}


def _governing(anchor: Tok) -> set[int]:
    """The clause heads a clause is embedded in (its own included): a date there covers it."""
    heads = {anchor.i}
    token = anchor
    while token.head.i != token.i:
        token = token.head
        heads.add(clause_head(token).i)
    return heads


def _occasion_copula(anchor: Tok) -> int | None:
    """'The last time she visited Spain was in 2010': the copula whose subject is the occasion
    the act is told of (its date dates the act), also when parsed as the act's own clause."""
    occasion = anchor.head if anchor.dep_ == "relcl" else next(
        (c for c in anchor.children if c.dep_ in ("npadvmod", "nsubj") and c.lower_ in OCCASION_NOUNS), None)
    if occasion is None or occasion.lower_ not in OCCASION_NOUNS:
        return None
    if not any(c.dep_ == "amod" and c.lower_ in OCCASION_ORDINALS for c in occasion.children):
        return None
    if occasion.dep_ == "nsubj" and occasion.head.lemma_ == "be":
        return int(occasion.head.i)
    return next((int(c.i) for c in anchor.children if c.dep_ in ("ccomp", "conj") and c.lemma_ == "be"), None)


def _framing(anchor: Tok, above: set[int]) -> bool:
    """'After he was overthrown in 1970, he lived in exile, where ...': a temporal clause
    of a governing clause frames it in time."""
    marks = {c.lower_ for c in anchor.children if c.dep_ == "mark"}
    return (anchor.dep_ == "advcl" and anchor.head.i in above
            and bool(marks & {"after", "when", "following", "once", "since", "as"}))


def _same_time(anchor: Tok) -> bool:
    """'the same day', 'that day', 'at the time': the narrative's date, whatever the tense."""
    words = [t.lower_ for t in anchor.subtree]
    return any(a in ("same", "that") and b in ("day", "week", "month", "time") for a, b in zip(words, words[1:], strict=False))


def _past_clause(token: Tok) -> bool:
    """Whether a clause, or the clause it is reported or embedded in, is in the past."""
    while True:
        if _past(token):
            return True
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":  # "thanked Egypt for mediating"
            token = token.head.head
            continue
        if token.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or token.head.i == token.i:
            return False
        token = token.head


def _perfect(verb: Tok) -> bool:
    """A present perfect ("has warned", "have been initiated"): news of now, never of a stated past time."""
    return verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP")
                                      for c in verb.children)


def _simple_past_clause(token: Tok) -> bool:
    """A clause told in the simple past ("Suga termed it regrettable") or the past
    progressive ("was meeting"), or reported or embedded in one: later in a story, an
    undated act of the story's news day (a present perfect there, "has become the largest
    investor", is background)."""
    while True:
        if token.tag_ == "VBD" or any(c.tag_ == "VBD" and (c.dep_ == "auxpass" or (c.dep_ == "aux" and token.tag_ == "VBG"))
                                      for c in token.children):
            return True  # "termed", "was seized", "was meeting"
        if token.dep_ not in ("ccomp", "xcomp", "conj", "advcl") or token.head.i == token.i:
            return False
        token = token.head


def _past(verb: Tok) -> bool:
    """Past tense, a past participle modifying a noun ("the man arrested on Monday"), or
    the present perfect of news ("has suspended", "have been initiated")."""
    if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and verb.dep_ == "acl"):
        return True  # a reduced relative ("the man arrested on Monday") tells a past act
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    return any(c.tag_ == "VBD" for c in auxes) or (
        verb.tag_ == "VBN" and any(c.lemma_ == "have" and c.tag_ in ("VBZ", "VBP") for c in auxes))
