"""Who speaks a quotation that runs over several sentences.

'"We object to the drills," the spokesman said. "We demand that they stop."': the second
sentence names no speaker; its "we" is the spokesman of the sentence before, whose quotation
it continues. :class:`QuoteSpeakers` remembers the last speaker the text named and tells
whether a sentence is (still) inside a quotation.
"""

from __future__ import annotations

from spacy.tokens import Span

from amity.nlp.events.roles import Role

QUOTE_MARKS = ('"', "\u201c", "\u201d")
SPEAKER_REACH = 2  # sentences after the attributed one that a quotation may run on


class QuoteSpeakers:
    """The speakers of one document's quotations, read sentence by sentence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.last: tuple[int, list[Role]] | None = None  # (sentence number, the speaker's roles)
        self.number = -1
        self.quoted = False

    def begin(self, sent: Span) -> None:
        """Start a sentence: is it inside a quotation (it opens with a quote mark, or an odd
        number of quote marks precede it in its paragraph)?"""
        self.number += 1
        start = sent.start_char
        paragraph = self.text.rfind("\n\n", 0, start) + 1
        opened = sum(self.text.count(mark, paragraph, start) for mark in QUOTE_MARKS) % 2 == 1
        self.quoted = opened or self.text[start:sent.end_char].lstrip().startswith(QUOTE_MARKS)

    def speaker(self) -> list[Role] | None:
        """The speaker a quoted sentence without its own attribution continues."""
        if not self.quoted or self.last is None or self.number - self.last[0] > SPEAKER_REACH:
            return None
        return list(self.last[1])

    def said(self, roles: list[Role]) -> None:
        """The current sentence attributes speech to ``roles``."""
        if roles:
            self.last = (self.number, list(roles))
