"""The model's ``attribute_ruler`` with the same output at a fraction of its cost.

spaCy's ``AttributeRuler`` runs a ``Matcher`` of its ~180 patterns over every Doc and then
builds a ``Span`` per match: on real news it costs as much as the parser. Its patterns in
the packaged English models are token predicates (``TAG``, ``LOWER``, ``DEP``, ``IS_SPACE``:
equality, ``IN``, ``NOT_IN``, ``REGEX``), one or two tokens long. :class:`FastAttributeRuler`
evaluates the same predicates once per kind of token (its tag, dependency label, whether it
is a space, read with ``Doc.to_array``, and its lower form where a ``LOWER`` predicate names
or matches it: all other words are one kind), remembers which patterns match that kind, and assigns the same attributes in the same order (later
patterns win, as in spaCy: matching reads the Doc as it was, then the matches are applied
by pattern number). :func:`supported` checks a ruler's patterns first; a ruler with any
other kind of pattern is left as it is. ``tests/nlp/test_ruler.py`` compares the two.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}  # columns of the Doc.to_array read
OPERATORS = frozenset({"IN", "NOT_IN", "REGEX"})
OTHER = -1  # the lower form of a word no LOWER predicate names or matches (one memo entry for all)


def supported(patterns: Iterable[dict[str, Any]]) -> bool:
    """True when every pattern is one or two plain token predicates this module evaluates."""
    for entry in patterns:
        for pattern in entry["patterns"]:
            if not 1 <= len(pattern) <= 2 or not -len(pattern) <= entry.get("index", 0) < len(pattern):
                return False
            for spec in pattern:
                for key, value in spec.items():
                    if key not in FIELDS or (isinstance(value, dict) and not set(value) <= OPERATORS):
                        return False
                    if isinstance(value, list):
                        return False
    return True


@dataclass(frozen=True)
class _Test:
    """One key of a token spec as spaCy's Matcher evaluates it: on string hashes (a set of
    them for ``IN``/``NOT_IN``), on the flag for ``IS_SPACE``, on the string for ``REGEX``."""

    column: int
    equals: int | None = None
    among: frozenset[int] | None = None
    inside: bool = True
    regex: re.Pattern[str] | None = None

    def __call__(self, row: tuple[int, ...], text: Callable[[int], str]) -> bool:
        value = row[self.column]
        if self.regex is not None:  # OTHER: a word no regex of the patterns matches
            return value != OTHER and self.regex.search(text(value)) is not None
        if self.among is not None:
            return (value in self.among) == self.inside
        return value == self.equals


def _hash(strings: Any, value: Any) -> int:
    return 0 if value == "" else int(strings.add(str(value)))


def _tests(key: str, value: Any, strings: Any) -> list[_Test]:
    column = FIELDS[key]
    if key == "IS_SPACE":
        return [_Test(column, equals=int(bool(value)))]
    if not isinstance(value, dict):
        return [_Test(column, equals=_hash(strings, value))]
    return [_Test(column, regex=re.compile(arg)) if op == "REGEX"
            else _Test(column, among=frozenset(_hash(strings, v) for v in arg), inside=op == "IN")
            for op, arg in value.items()]


class FastAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` (same patterns, same attributes) whose matching is memoised per
    kind of token. Built by :func:`speed_up` from the model's own ruler."""

    def _compile(self) -> None:
        specs: dict[str, int] = {}
        self._spec_tests: list[list[_Test]] = []
        self._single: list[tuple[int, int]] = []  # (attr id, spec)
        self._double: list[tuple[int, int, int, int]] = []  # (attr id, first spec, second spec, index)
        for attr_id, entry in enumerate(self.patterns):
            patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
            for pattern in patterns:
                ids = [self._spec(spec, specs) for spec in pattern]
                if len(ids) == 1:
                    self._single.append((attr_id, ids[0]))
                else:
                    self._double.append((attr_id, ids[0], ids[1], int(entry.get("index", 0)) % 2))  # type: ignore[arg-type]
        lowers = [t for tests in self._spec_tests for t in tests if t.column == FIELDS["LOWER"]]
        self._lower_words = frozenset(h for t in lowers for h in ((t.equals,) if t.equals is not None else t.among or ()))
        self._lower_regexes = [t.regex for t in lowers if t.regex is not None]
        self._lower_class: dict[int, int] = {}  # a lower form -> itself if a LOWER predicate may hold, else OTHER
        self._rows: dict[tuple[int, ...], int] = {}  # a token's attributes -> its matching specs (bits)
        self._singles: dict[int, frozenset[int]] = {}  # specs (bits) -> attr ids of one-token patterns
        self._merged: dict[tuple[int, ...], dict[Any, Any]] = {}  # matching attr ids -> their attrs
        self._ready = len(self.attrs)

    def _spec(self, spec: dict[str, Any], specs: dict[str, int]) -> int:
        key = repr(sorted(spec.items()))
        if key not in specs:
            specs[key] = len(self._spec_tests)
            self._spec_tests.append([test for k, v in spec.items() for test in _tests(k, v, self.vocab.strings)])
        return specs[key]

    def _lower(self, lower: int) -> int:
        found = self._lower_class.get(lower)
        if found is None:
            text = self.vocab.strings[lower] if lower else ""
            named = lower in self._lower_words or any(r.search(text) for r in self._lower_regexes)
            found = self._lower_class[lower] = lower if named else OTHER
        return found

    def _mask(self, row: tuple[int, ...]) -> int:
        mask = self._rows.get(row)
        if mask is None:
            def text(value: int) -> str:
                return self.vocab.strings[value] if value else ""

            mask = sum(1 << n for n, tests in enumerate(self._spec_tests) if all(t(row, text) for t in tests))
            self._rows[row] = mask
        return mask

    def __call__(self, doc: Doc) -> Doc:
        if getattr(self, "_ready", -1) != len(self.attrs):
            self._compile()
        rows = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).tolist() if len(doc) else []
        masks = [self._mask((tag, self._lower(lower), dep, space)) for tag, lower, dep, space in rows]
        for i, ids in enumerate(self._matching(masks)):
            if ids:
                merged = self._merged.get(ids)
                if merged is None:
                    merged = self._merged[ids] = {k: v for a in ids for k, v in self.attrs[a].items()}
                set_token_attrs(doc[i], merged)
        return doc

    def _matching(self, masks: list[int]) -> Iterator[tuple[int, ...]]:
        """Per token, the attr ids of the patterns that assign to it, in the order spaCy applies them."""
        for i, mask in enumerate(masks):
            singles = self._singles.get(mask)
            if singles is None:
                singles = self._singles[mask] = frozenset(a for a, spec in self._single if mask >> spec & 1)
            if not self._double:
                yield tuple(sorted(singles))
                continue
            ids = set(singles)
            for attr_id, first, second, index in self._double:
                start = i - index
                if 0 <= start < len(masks) - 1 and masks[start] >> first & 1 and masks[start + 1] >> second & 1:
                    ids.add(attr_id)
            yield tuple(sorted(ids))

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            yield self(doc)


@Language.factory("amity_attribute_ruler_v1")
def make_fast_ruler(nlp: Language, name: str) -> FastAttributeRuler:
    return FastAttributeRuler(nlp.vocab, name)


def speed_up(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Put a :class:`FastAttributeRuler` with the same patterns in place of ``nlp``'s ruler
    ``name`` when its patterns are :func:`supported`; returns whether it did."""
    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if type(ruler) is not AttributeRuler or not supported(ruler.patterns):
        return False
    patterns = ruler.patterns
    fast = nlp.replace_pipe(name, "amity_attribute_ruler_v1")
    fast.add_patterns(patterns)  # type: ignore[attr-defined]
    return True
