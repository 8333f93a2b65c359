"""A per-document view of spaCy's parse for the event coder.

spaCy builds a new ``Token`` object at every ``doc[i]``, ``token.head`` or
``token.children`` and reads each attribute through the string store; the grammar of
:mod:`amity.nlp.events.grammar` walks the tree hundreds of times per sentence. A
:class:`ParsedDoc` reads every token's attributes once, in bulk, into plain lists, and
hands out one :class:`Tok` per token (made when first asked for) that keeps spaCy's
attribute names (``dep_``, ``head``, ``children``, ``conjuncts``, ``subtree``, ...) and
returns exactly what spaCy's ``Token`` returns. The tree walks the grammar shares
(``clause_head``, ``words_around``, ...) live here too.
"""

from __future__ import annotations

from typing import Any

from spacy.attrs import DEP, HEAD, IDX, IS_PUNCT, IS_SPACE, LEMMA, LOWER, ORTH, POS, SPACY, TAG
from spacy.tokens import Doc, Span

STRING_ATTRS = [ORTH, LOWER, LEMMA, DEP, POS, TAG]
NUMBER_ATTRS = [HEAD, IDX, IS_PUNCT, IS_SPACE, SPACY]


class Tok:
    """One token of the parse: the attributes of spaCy's ``Token`` the event grammar reads.

    ``subtree`` is filled in when first read (``__getattr__`` runs only for a slot not
    set yet); ``clause`` caches the clause head.
    """

    __slots__ = ("parsed", "i", "text", "lower_", "lemma_", "dep_", "pos_", "tag_",
                 "head", "children", "conjuncts", "subtree", "clause")
    head: Tok
    children: tuple[Tok, ...]
    conjuncts: tuple[Tok, ...]  # the coordinated tokens, without the token itself
    subtree: tuple[Tok, ...]  # the token and its descendants, in spaCy's order
    clause: Tok | None  # the head of its clause, once ``clause_head`` computed it

    def __init__(self, parsed: ParsedDoc, i: int, text: str, lower: str, lemma: str, dep: str, pos: str,
                 tag: str) -> None:
        self.parsed, self.i = parsed, i
        self.text, self.lower_, self.lemma_, self.dep_, self.pos_, self.tag_ = text, lower, lemma, dep, pos, tag
        self.head, self.children, self.conjuncts, self.clause = self, (), (), None

    def __getattr__(self, name: str) -> Any:
        if name == "subtree":
            self.subtree = self._subtree()
            return self.subtree
        raise AttributeError(name)

    def __repr__(self) -> str:
        return self.text

    @property
    def lefts(self) -> list[Tok]:
        return [c for c in self.children if c.i < self.i]

    @property
    def rights(self) -> list[Tok]:
        return [c for c in self.children if c.i > self.i]

    @property
    def left_edge(self) -> Tok:
        return self.parsed[self.parsed.edges(self.i)[0]]

    @property
    def right_edge(self) -> Tok:
        return self.parsed[self.parsed.edges(self.i)[1]]

    @property
    def idx(self) -> int:
        return self.parsed.idxs[self.i]

    @property
    def is_punct(self) -> bool:
        return self.parsed.puncts[self.i] == 1

    @property
    def sent(self) -> Span:
        return self.parsed.sent_of(self.i)

    def nbor(self, offset: int = 1) -> Tok:
        return self.parsed[self.i + offset]

    def _subtree(self) -> tuple[Tok, ...]:
        """spaCy's order: the left children's subtrees, the token, the right children's."""
        out: list[Tok] = []
        for child in self.lefts:
            out.extend(child.subtree)
        out.append(self)
        for child in self.rights:
            out.extend(child.subtree)
        return tuple(out)

    def _conjuncts(self) -> tuple[Tok, ...]:
        """spaCy's ``Token.conjuncts``: up the ``conj`` chain, then down its right ``conj``s."""
        start = self
        while start.head is not start and start.dep_ == "conj":
            start = start.head
        output = [start]
        for word in output:
            output.extend(c for c in word.rights if c.dep_ == "conj")
        return tuple(w for w in output if w.i != self.i)


class ParsedDoc:
    """One document's token attributes as lists, its sentences, and a :class:`Tok` per token."""

    def __init__(self, doc: Doc, strings: dict[int, str] | None = None) -> None:
        self.doc = doc
        self.sents: list[Span] = list(doc.sents)
        self._sent_at: list[int] = []
        for number, sent in enumerate(self.sents):
            self._sent_at.extend([number] * (sent.end - sent.start))
        self._edges: dict[int, tuple[int, int]] = {}
        names = strings if strings is not None else {}
        columns = doc.to_array(STRING_ATTRS).T.tolist() if len(doc) else [[] for _ in STRING_ATTRS]
        for column in columns:
            for key in set(column).difference(names):
                names[key] = doc.vocab.strings[key] if key else ""
        self.texts, self.lowers, self.lemmas, self.deps, self.poses, self.tags = (
            list(map(names.__getitem__, column)) for column in columns)
        numbers = doc.to_array(NUMBER_ATTRS).T.tolist() if len(doc) else [[] for _ in NUMBER_ATTRS]
        self.idxs, self.puncts, self.spaces, self.whitespace = numbers[1:]
        self.heads = [i + (h - 2**64 if h >= 2**63 else h) for i, h in enumerate(numbers[0])]  # offsets are unsigned
        self.sentence_trees = all(self._sent_at[i] == self._sent_at[h] for i, h in enumerate(self.heads))
        self.repaired = repair_gerunds(self)
        self.toks = list(map(Tok, [self] * len(doc), range(len(doc)), self.texts, self.lowers, self.lemmas,
                             self.deps, self.poses, self.tags))
        self._link()

    def _link(self) -> None:
        """Each token's head, children (in document order) and conjuncts."""
        toks, kids = self.toks, dict[int, list[Tok]]()
        for tok, head in zip(toks, self.heads, strict=True):
            if head != tok.i:
                tok.head = toks[head]
                kids.setdefault(head, []).append(tok)
        for head, children in kids.items():
            toks[head].children = tuple(children)
        coordinated = {i for i, dep in enumerate(self.deps) if dep == "conj"}
        for i in coordinated | {self.heads[i] for i in coordinated}:  # (the others have none)
            toks[i].conjuncts = toks[i]._conjuncts()

    def __getitem__(self, i: int) -> Tok:
        return self.toks[i]

    def __len__(self) -> int:
        return len(self.toks)

    def span(self, span: Span) -> list[Tok]:
        return self.toks[span.start:span.end]

    def edges(self, i: int) -> tuple[int, int]:
        """The first and last token of a token's subtree, as spaCy keeps them."""
        if i not in self._edges and self.repaired:  # spaCy's edges are of the tree before the repair
            words = [t.i for t in self.toks[i].subtree]
            self._edges[i] = (min(words), max(words))
        elif i not in self._edges:
            token = self.doc[i]
            self._edges[i] = (token.left_edge.i, token.right_edge.i)
        return self._edges[i]

    def sent_of(self, i: int) -> Span:
        return self.sents[self._sent_at[i]]

    def text(self, span: Span) -> str:
        """``span.text`` without a ``Token`` per word."""
        if span.start >= span.end:
            return ""
        words = [self.texts[i] + (" " if self.whitespace[i] else "") for i in range(span.start, span.end)]
        return "".join(words)[:-1] if self.whitespace[span.end - 1] else "".join(words)


_NOUN_SLOTS = {"csubj": "nsubj", "csubjpass": "nsubjpass", "nsubj": "nsubj", "nsubjpass": "nsubjpass",
               "dobj": "dobj", "pobj": "pobj"}  # a gerund's slot -> the slot of the noun it is


def repair_gerunds(parsed: ParsedDoc) -> bool:
    """Mend a misparse of an event noun in -ing after a demonym: in "X faced increased
    Russian shelling" the tagger reads "shelling" as a verb and the parser makes the
    demonym (an adjective or proper noun) the object of "faced". The -ing word is then
    the object noun and the demonym its modifier (the act's agent). So is an -ing word
    tagged as a verb that is a preposition's object ("came under Russian shelling"), and one
    in a noun's slot that an adjective, determiner or possessor modifies ("that Russian
    shelling of X was a crime": the parser's clausal subject). Returns whether any word was mended."""
    mended = False
    determined = {parsed.heads[j] for j in range(len(parsed.heads))
                  if parsed.deps[j] in ("det", "poss") and parsed.heads[j] > j}
    described = {parsed.heads[j] for j in range(len(parsed.heads))  # "Russian shelling", a demonym
                 if parsed.deps[j] == "amod" and parsed.heads[j] == j + 1 and parsed.poses[j] == "ADJ"}
    for i in range(1, len(parsed.heads)):
        if not (parsed.tags[i] == "VBG" and parsed.lowers[i].endswith("ing")):
            continue
        if (i in determined and parsed.deps[i] in _NOUN_SLOTS) or i in described:  # "that Russian shelling of X was"
            parsed.deps[i] = _NOUN_SLOTS.get(parsed.deps[i], parsed.deps[i])
            parsed.poses[i], parsed.tags[i], parsed.lemmas[i] = "NOUN", "NN", parsed.lowers[i]
            mended = True
            continue
        before = i - 1
        governor = parsed.heads[before] if parsed.deps[before] == "dobj" else parsed.heads[parsed.heads[before]]
        modifier = (parsed.deps[before] in ("dobj", "pobj") and parsed.heads[i] == governor != i
                    and parsed.poses[before] in ("ADJ", "PROPN") and parsed.deps[i] in ("advcl", "xcomp", "dep", "acl"))
        if modifier:  # the -ing word takes the demonym's place: "faced [Russian shelling]", "under [...]"
            parsed.deps[i], parsed.heads[i] = parsed.deps[before], parsed.heads[before]
            parsed.deps[before], parsed.heads[before] = "amod", i
        elif parsed.deps[i] != "pobj" or parsed.poses[before] not in ("ADJ", "PROPN"):
            continue
        parsed.poses[i], parsed.tags[i], parsed.lemmas[i] = "NOUN", "NN", parsed.lowers[i]
        mended = True
    return mended


# -- tree walks over the view ------------------------------------------------------------
CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "pcomp"}


def clause_head(token: Tok) -> Tok:
    """The head of the clause a token belongs to (xcomp chains belong to their governor)."""
    if token.clause is None:
        token.clause = _clause_head(token)
    return token.clause


def _clause_head(token: Tok) -> Tok:
    while token.head.i != token.i:
        if token.dep_ in CLAUSE_DEPS and (token.dep_ != "conj" or token.pos_ in ("VERB", "AUX")):
            return token
        token = token.head
    return token


def children_with(token: Tok, *deps: str) -> list[Tok]:
    return [c for c in token.children if c.dep_ in deps]


def pobjs(prep: Tok) -> list[Tok]:
    return [c for c in prep.children if c.dep_ in ("pobj", "pcomp")]


def _reduced_relative_head(clause: Tok) -> list[Tok]:
    """The noun a bare -ing clause hangs on, when the parser made it that clause's subject
    ("signed a deal normalizing ties": the deal is what is signed), else none."""
    if clause.tag_ != "VBG" or any(c.dep_ in ("aux", "mark") for c in clause.children):
        return []
    return [c for c in clause.children if c.dep_ == "nsubj" and c.pos_ == "NOUN" and c.i < clause.i]


def words_around(token: Tok) -> dict[str, set[str]]:
    """Lemmas a codebook rule can test: objects, their modifiers, particles, xcomp verbs."""
    found: dict[str, set[str]] = {"objects": set(), "modifiers": set(), "particles": set(),
                                  "xcomp": set(), "dobj": set(), "clause": set(), "governors": set()}
    heads = [token]
    for child in token.children:
        dep = child.dep_
        if dep in ("dobj", "attr", "oprd", "nsubjpass", "dative"):
            heads.append(child)
            found["objects"].add(child.lemma_.lower())
            if dep == "dobj":
                found["dobj"].add(child.lemma_.lower())
        elif dep in ("prt", "prep", "agent"):
            found["particles"].add(child.lemma_.lower())
            for obj in pobjs(child):
                heads.append(obj)
                found["objects"].add(obj.lemma_.lower())
        elif dep == "ccomp":
            found["clause"].add(child.lemma_.lower())
        elif dep == "xcomp" or (dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)):
            found["xcomp"].add(child.lemma_.lower())  # "asked X, which ..., to free Y": a to-infinitive
            for obj in children_with(child, "dobj", "attr"):
                heads.append(obj)
                found["objects"].add(obj.lemma_.lower())
        if dep in ("ccomp", "advcl"):
            for obj in _reduced_relative_head(child):  # "signed a deal normalizing ties", parsed as a clause
                heads.append(obj)
                found["objects"].add(obj.lemma_.lower())
    for head in list(heads[1:]):  # "$5 million in aid", "a package of assistance"
        for prep in children_with(head, "prep"):
            if prep.lower_ in ("in", "of"):
                heads.extend(pobjs(prep))
                found["objects"].update(o.lemma_.lower() for o in pobjs(prep))
    for head in heads:
        for child in head.children:
            if child.dep_ in ("amod", "compound", "nmod", "nummod", "npadvmod"):
                found["modifiers"].add(child.lemma_.lower())
    if token.pos_ in ("NOUN", "PROPN"):
        found["objects"].add(token.lemma_.lower())
        if token.dep_ in ("dobj", "nsubjpass"):  # "dismissed calls from X": the verb that takes it
            found["governors"].add(token.head.lemma_.lower())
    return found
