"""Amounts stated in the text: money, doses, troops, percentages.

One compiled regex (vocabulary in ``amity/codebook/data/currencies.yaml``) runs over the
text once. Two shapes are read:

* a currency before the number: ``"US$ 2.3 billion"``, ``"$1.7 million"``, ``"¥10 billion"``,
  ``"RMB 1 billion"``, ``"Yen 3,948 million"``;
* a unit after the number: ``"4.2 billion yen"``, ``"2 billion riels"``, ``"25 percent"``,
  ``"25%"``, ``"1.3 million doses"``, ``"1,500 Japanese troops"`` (up to two words between).

A bare ``$`` is read as US dollars. Money has ``unit == "currency"`` and an ISO 4217
``currency``; other units have ``currency is None``. Every amount found is returned,
including a converted one in parentheses (``"Yen 3,948 million (about US$35 million)"``
gives two amounts).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from amity.codebook import SHIPPED, Codebook, activate, current, depends_on_codebook
from amity.codebook.reader import need_mappings
from amity.models import Amount
from amity.nlp.extensions import doc_text, register_extensions
from amity.nlp.registry import CODEBOOK_CONFIG

SPAN_KEY = "amity_amounts"
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"


@dataclass(frozen=True)
class _Vocab:
    symbols: dict[str, str]
    codes: dict[str, str]
    names: dict[str, str]
    prefix_names: tuple[str, ...]
    scales: dict[str, float]
    attached_scales: dict[str, float]
    units: dict[str, str]


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    """The currency words of the active codebook's ``currencies`` section."""
    data = current().section("currencies")
    need_mappings(data, ("symbols", "codes", "names", "scales", "units"), "currencies.yaml")
    return _Vocab(
        symbols={str(k): str(v) for k, v in data["symbols"].items()},
        codes={str(k): str(v) for k, v in data["codes"].items()},
        names={str(k).lower(): str(v) for k, v in data["names"].items()},
        prefix_names=tuple(str(n).lower() for n in data.get("prefix_names") or ()),
        scales={str(k).lower(): float(v) for k, v in data["scales"].items()},
        attached_scales={str(k).lower(): float(v) for k, v in (data.get("attached_scales") or {}).items()},
        units={str(k).lower(): str(v) for k, v in data["units"].items()},
    )


def _alt(words: Iterable[str]) -> str:
    """Literal alternation, longest first; spaces match any run of whitespace."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    vocab = _vocab()
    scale = (
        rf"(?:\s*(?P<{{g}}scale>(?i:{_alt(vocab.scales)}))\b"
        rf"|(?P<{{g}}att>(?i:{_alt(vocab.attached_scales)}))\b)?"
    )
    codes = _alt(vocab.codes)
    pre = rf"(?P<sym>{_alt(vocab.symbols)})|\b(?P<code>{codes})\b|\b(?P<pname>(?i:{_alt(vocab.prefix_names)}))\b"
    before = rf"(?:{pre})\s*(?P<num>{_NUMBER})" + scale.format(g="a")
    after_unit = (
        rf"\s*(?P<pct>%)"
        rf"|\s+(?P<ccode>{codes})\b"
        rf"|\s+(?P<cname>(?i:{_alt(vocab.names)}))\b"
        rf"|\s+(?:[A-Za-z][\w-]*\s+){{0,2}}?(?P<unit>(?i:{_alt(set(vocab.units) - {'%'})}))\b"
    )
    after = rf"(?<![\w.,$€£¥])(?P<num2>{_NUMBER})" + scale.format(g="b") + rf"(?:{after_unit})"
    return re.compile(rf"{before}|{after}")


def _value(number: str, scale: str | None, attached: str | None) -> float:
    vocab = _vocab()
    value = float(number.replace(",", ""))
    if scale:
        value *= vocab.scales[re.sub(r"\s+", " ", scale.lower())]
    elif attached:
        value *= vocab.attached_scales[attached.lower()]
    if not math.isfinite(value):  # "$" + 400 nines: float() gives inf, not an error
        raise ValueError(f"amount too large: {number[:20]}...")
    return value


def _from_match(m: re.Match[str]) -> Amount:
    vocab = _vocab()
    start, end = m.span()
    if m.group("num") is not None:
        value = _value(m.group("num"), m.group("ascale"), m.group("aatt"))
        if m.group("sym"):
            currency = vocab.symbols[m.group("sym")]
        elif m.group("code"):
            currency = vocab.codes[m.group("code")]
        else:
            currency = vocab.names[m.group("pname").lower()]
        return Amount(value, "currency", currency, m.group(0), start, end)
    value = _value(m.group("num2"), m.group("bscale"), m.group("batt"))
    if m.group("pct"):
        return Amount(value, "percent", None, m.group(0), start, end)
    if m.group("ccode"):
        return Amount(value, "currency", vocab.codes[m.group("ccode")], m.group(0), start, end)
    if m.group("cname"):
        name = re.sub(r"\s+", " ", m.group("cname").lower())
        return Amount(value, "currency", vocab.names[name], m.group(0), start, end)
    unit = vocab.units[re.sub(r"\s+", " ", m.group("unit").lower())]
    return Amount(value, unit, None, m.group(0), start, end)


depends_on_codebook(_vocab, _pattern)


def find_amounts(text: str) -> list[Amount]:
    """Every amount in ``text``, in order, with ``start``/``end`` character offsets."""
    if not text:
        return []
    found: list[Amount] = []
    for m in _pattern().finditer(text):
        try:
            found.append(_from_match(m))
        except (KeyError, ValueError, OverflowError):
            continue
    return found


def parse_amount(text: str) -> Amount | None:
    """The first amount in ``text`` (``"US$ 2.3 billion"`` -> 2.3e9 USD), or ``None``."""
    found = find_amounts(text) if isinstance(text, str) else []
    return found[0] if found else None


def amount_spans(doc: Doc) -> list[Span]:
    """Token-aligned spans of the amounts in ``doc``, each with ``span._.amount`` set."""
    spans: list[Span] = []
    for amount in find_amounts(doc_text(doc)):
        if amount.start is None or amount.end is None:
            continue
        span = doc.char_span(amount.start, amount.end, alignment_mode="expand")
        if span is None or (spans and span.start < spans[-1].end):
            continue
        span._.amount = amount.to_dict()
        spans.append(span)
    return spans


class AmountFinder:
    """spaCy component: writes ``doc.spans["amity_amounts"]`` (``span._.amount`` dicts)."""

    def __init__(self, name: str = "amity_amounts_v1", codebook: Codebook = SHIPPED) -> None:
        self.name = name
        self.book = codebook
        activate(codebook)
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        activate(self.book)
        doc.spans[SPAN_KEY] = amount_spans(doc)
        return doc


@Language.factory("amity_amounts_v1", default_config={"codebook": CODEBOOK_CONFIG})
def make_amount_finder(nlp: Language, name: str, codebook: Codebook) -> AmountFinder:
    return AmountFinder(name, codebook)
