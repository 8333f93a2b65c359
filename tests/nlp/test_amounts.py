"""Amounts: money in any common form, doses, troops and percentages."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from amity.models import Amount
from amity.nlp.amounts import find_amounts, parse_amount


@pytest.mark.parametrize(
    ("text", "value", "unit", "currency"),
    [
        ("US$ 2.3 billion", 2.3e9, "currency", "USD"),
        ("$1.7 million", 1.7e6, "currency", "USD"),
        ("4.2 billion yen", 4.2e9, "currency", "JPY"),
        ("¥10 billion", 1e10, "currency", "JPY"),
        ("€5 million", 5e6, "currency", "EUR"),
        ("2 billion riels", 2e9, "currency", "KHR"),
        ("RMB 1 billion", 1e9, "currency", "CNY"),
        ("5 billion yuan", 5e9, "currency", "CNY"),
        ("3 million U.S. dollars", 3e6, "currency", "USD"),
        ("$5m", 5e6, "currency", "USD"),
        ("1.3 million doses", 1.3e6, "doses", None),
        ("25 percent", 25, "percent", None),
        ("25%", 25, "percent", None),
        ("10.5 per cent", 10.5, "percent", None),
        ("1,500 troops", 1500, "troops", None),
        ("1,500 Japanese troops", 1500, "troops", None),
        ("600 peacekeepers", 600, "personnel", None),
    ],
)
def test_parse_amount(text: str, value: float, unit: str, currency: str | None) -> None:
    amount = parse_amount(text)
    assert amount is not None
    assert amount.value == pytest.approx(value)
    assert (amount.unit, amount.currency, amount.text) == (unit, currency, text)


def test_converted_amount_in_parentheses_is_a_second_amount() -> None:
    text = "a loan of Yen 3,948 million (about US$35 million) for the bridge"
    found = find_amounts(text)
    assert [(a.value, a.currency) for a in found] == [(3.948e9, "JPY"), (3.5e7, "USD")]
    assert [text[a.start : a.end] for a in found if a.start is not None and a.end is not None] == [
        "Yen 3,948 million", "US$35 million",
    ]


def test_offsets_point_into_the_text() -> None:
    text = "Turnout was 82 percent; Japan pledged $1.7 million."
    found = find_amounts(text)
    assert [text[a.start : a.end] for a in found if a.start is not None and a.end is not None] == [
        "82 percent", "$1.7 million",
    ]


@pytest.mark.parametrize("text", ["", "no numbers here", "in 2008 the vote", "Resolution 2334", "it won 3 seats"])
def test_no_amount(text: str) -> None:
    assert find_amounts(text) == []
    assert parse_amount(text) is None


def test_component_writes_token_aligned_spans() -> None:
    import amity.nlp.amounts  # noqa: F401  (registers the factory)

    nlp = spacy.blank("en")
    nlp.add_pipe("amity_amounts_v1")
    doc = nlp("Japan gave US$ 2.3 billion and 600 peacekeepers.")
    spans = doc.spans["amity_amounts"]
    assert [s.text for s in spans] == ["US$ 2.3 billion", "600 peacekeepers"]
    first = Amount.from_dict(spans[0]._.amount)
    assert (first.value, first.currency, first.start) == (2.3e9, "USD", 11)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 ,.$€¥%mbkUSRMByenpct")), max_size=40))
def test_find_amounts_never_raises_and_offsets_match(text: str) -> None:
    for amount in find_amounts(text):
        assert amount.start is not None and amount.end is not None
        assert text[amount.start : amount.end] == amount.text
        assert amount.value >= 0
