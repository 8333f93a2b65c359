"""Modality: whether a predicate is negated, a fact, or an intent.

A pass of the sentence parser (:class:`amity.nlp.events.grammar.SentenceParser` inherits
it): a verb's negation (``not``, "never", "sent no monitors", a negating governor:
"refrained from condemning"), whether it is a fact (not under a modal or conditional, a
doubting or modal governor, nor named as a purpose or possibility) and whether it is a
future or reported intent ("will provide aid" is 033, an expressed intent).
"""

from __future__ import annotations

from amity.nlp.events.index import Tok
from amity.nlp.events.participants import ParticipantPass, _purpose

MODAL_DEPS = {"aux", "auxpass"}


class ModalityPass(ParticipantPass):
    """Finds a predicate's negation, factuality and futurity."""

    def modality(self, verb: Tok) -> tuple[bool, bool, bool]:
        """(negated, factual, future) for a verb, looking up its xcomp/conj governors."""
        negated, factual, future = False, True, False
        token, via_conj = verb, False
        reported = self.speaker(verb) is not None
        while True:
            for child in token.children:
                lemma = child.lemma_.lower()
                if child.dep_ == "neg" and not via_conj:
                    negated = True
                elif child.dep_ in MODAL_DEPS and lemma == "would" and reported:
                    future = True  # "said it would provide aid": reported intent
                elif child.dep_ in MODAL_DEPS and lemma in self.book.modal_auxiliaries:
                    factual = False
                elif child.dep_ in MODAL_DEPS and lemma in self.book.future_auxiliaries:
                    future = True
                elif child.dep_ == "mark" and lemma in self.book.conditional_markers:
                    factual = False
                elif token.i == verb.i and _says_no(child):
                    negated = True
            if token.i != verb.i and not via_conj:
                pattern = self.verb_pattern(token)
                told = self._told(token.head if token.dep_ == "acomp" else token)  # "said it is willing to"
                if token.lemma_.lower() in self.book.intent_verbs and told:
                    future = True  # "announced it plans to reopen ties": a stated intent
                else:
                    factual = factual and not (pattern is not None and pattern.modal)
                negated = negated or token.lemma_.lower() in self.book.negating_verbs
            if token.dep_ == "ccomp" and self._doubted(token.head):
                factual = False
            factual = factual and not self._possible(token)
            if token.dep_ not in ("xcomp", "conj") and not _purpose(token) or token.head.i == token.i:
                return negated or (not via_conj and self.negated_by_governor(token)), factual, future
            via_conj = token.dep_ == "conj"
            token = token.head

    def _possible(self, token: Tok) -> bool:
        """'ways to enhance cooperation', 'efforts to build', 'aims at strengthening ties': an
        act named as a purpose or a possibility of something else did not (yet) happen."""
        if token.dep_ in ("acl", "relcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            return True
        if token.dep_ == "pcomp" and token.head.head.i != token.head.i:
            pattern = self.verb_pattern(token.head.head)
            return pattern is not None and pattern.modal
        return False

    def negated_by_governor(self, token: Tok) -> bool:
        """'avoided criticism of X', 'refrained from condemning X', 'stopped short of
        sanctioning X': a negating verb's complement did not happen."""
        node = token
        for _ in range(4):
            head = node.head
            if head.i == node.i:
                return False
            if node.dep_ in ("dobj", "xcomp", "prep") and head.lemma_.lower() in self.book.negating_verbs:
                return True
            short = node.lower_ == "short" and node.dep_ in ("advmod", "acomp", "prt", "npadvmod")
            if short and head.lemma_.lower() in self.book.negating_verbs:
                return True
            if not ((node.dep_ in ("pcomp", "pobj") and head.lower_ in ("from", "of"))
                    or (node.dep_ == "prep" and head.lower_ == "short")):
                return False
            node = head
        return False

    def _doubted(self, governor: Tok) -> bool:
        """'claimed that ...', 'it is expected that ...', 'we hope that ...'."""
        pattern = self.verb_pattern(governor)
        return governor.lemma_.lower() in self.book.doubting_speech or (pattern is not None and pattern.modal)

    def _future(self, code: str, factual: bool) -> tuple[str, bool]:
        """'will provide aid' is an expressed intent (033); other futures are not facts."""
        intent = self.book.intent_codes.get(code)
        return (intent, factual) if intent else (code, False)


def _says_no(child: Tok) -> bool:
    """'never sent', 'sent no monitors': negation outside the ``neg`` label."""
    if child.dep_ == "advmod" and child.lower_ == "never":
        return True
    return child.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ == "no" for d in child.children)
