"""Where a Doc's paragraphs and sentences fall, and the date a mention's roles are resolved at:
the nearest year named in its clause ("After ... in 1970, he ..."), not in a relative clause or
apposition that does not hold it, else the publication date (an undated article: the latest
year it names). ``DateMixin`` is mixed into the per-document resolver of :mod:`amity.nlp.actors`.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_right
from itertools import accumulate

import numpy as np
from spacy.attrs import SENT_START

from amity.codebook import word_set
from amity.nlp.actors_state import DocState

MONTHS = word_set("actors", "months")
NEWLINE_RE = re.compile("\n")
YEAR_RE = re.compile(r"(?<![\w-])(1[89]\d\d|20\d\d)(?![\w-])")


class DateMixin(DocState):
    """Paragraph and sentence numbers (``_segments``), years per sentence, ``date_at``."""

    def _segments(self) -> tuple[list[int], list[int]]:
        """Paragraph and sentence number of every token, from arrays rather than Token objects."""
        doc = self.doc
        breaks = [0] * (len(doc) + 1)  # breaks[i + 1] = 1: a paragraph ends after token i
        for i in sorted({bisect_right(self.idx, m.start()) - 1 for m in NEWLINE_RE.finditer(self.text)}):
            token = doc[i]  # only tokens holding a newline can end a paragraph
            if "\n\n" in token.text_with_ws + "\n" * token.is_space:
                breaks[i + 1] = 1
        para = list(accumulate(breaks[:-1]))
        if not doc.has_annotation("SENT_START"):
            return para, [0] * len(doc)
        starts = np.cumsum(doc.to_array(SENT_START) == 1)  # sentence starts so far, per token
        return para, np.maximum(starts - 1, 0).tolist()

    def _sentence_years(self) -> dict[int, list[tuple[int, str]]]:
        """Explicit years ("in 1955") per sentence, as (char offset, year); none after publication."""
        latest = int(self.date[:4]) if self.date and self.date[:4].isdigit() else 9999
        years: dict[int, list[tuple[int, str]]] = {}
        for match in YEAR_RE.finditer(self.text):
            if int(match.group(1)) <= latest:
                span = self.doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
                if span is not None:
                    years.setdefault(self.sent[span.start], []).append((span.start, match.group(1)))
        return years

    def date_at(self, i: int) -> str | None:
        """The date for roles at token ``i``: the nearest year named in its clause (or in a clause
        that frames it, "After ... in 1970, he ..."), else the publication date."""
        if i >= len(self.doc):
            return self.date
        if i not in self.dates:  # the same for every caller: the years and the parse are fixed
            found = [(abs(t - i), year) for t, year in self.years.get(self.sent[i], [])
                     if self.para[t] == self.para[i] and self._year_scopes(t, i)]
            self.dates[i] = min(found)[1] if found else self.date
        return self.dates[i]

    def _year_scopes(self, year: int, i: int) -> bool:
        """False when the year sits in a relative clause or apposition that does not hold token ``i``
        ("Kishida, who was foreign minister from 2012, arrived ..." does not date "Kishida")."""
        if not self.doc.has_annotation("DEP"):
            return True
        target, token = self.doc[i], self.doc[year]
        head = token.head
        if (token.dep_ in ("amod", "compound", "nmod", "nummod") and head.pos_ in ("NOUN", "PROPN")
                and head.lower_ not in MONTHS):  # "the 1982 Convention": dates only its own phrase
            return head.left_edge.i <= i <= head.right_edge.i
        for node in token.ancestors:
            if node.dep_ in ("relcl", "acl", "appos") and not (node.left_edge.i <= target.i <= node.right_edge.i):
                return False
        return True


def _latest_year(text: str) -> str | None:
    """An undated article's estimated date: the latest year it names (not in the future)."""
    this_year = dt.date.today().year
    years = [int(y) for y in YEAR_RE.findall(text) if int(y) <= this_year]
    return str(max(years)) if years else None
