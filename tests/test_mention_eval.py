"""The actor-mention scorer: where a gold mention sits, coverage, per-field accuracy."""

from __future__ import annotations

from typing import Any

from amity.mention_eval import evaluate_mentions, locate

TEXT = "Japan and Cambodia met. Japan's envoy praised Japan. Hun Sen spoke."


def gold(mention: str, occurrence: int, code: str, name: str | None = None, role: str | None = None,
         doc: str = "a") -> dict[str, Any]:
    country, sector = code[:3], code[3:] or None
    return {"doc": doc, "mention": mention, "occurrence": occurrence, "code": code, "country": country,
            "sector": sector, "name": name, "role": role}


def pred(mention: str, start: int, code: str, name: str | None = None, role: str | None = None,
         doc: str = "a") -> dict[str, Any]:
    return {"doc_name": doc, "mention": mention, "start": start, "end": start + len(mention), "code": code,
            "country": code[:3], "sector": code[3:] or None, "name": name, "role": role}


def test_locate_counts_whole_word_occurrences_only() -> None:
    assert locate(TEXT, "Japan", 2) == (24, 29)
    assert locate(TEXT, "Japan", 3) == (46, 51)
    assert locate(TEXT, "Japan", 4) is None
    assert locate("Japanese Japan", "Japan", 1) == (9, 14)


def test_a_gold_mention_is_covered_only_by_an_overlapping_prediction_at_its_place() -> None:
    golds = [gold("Japan", 1, "JPN", "Japan"), gold("Japan", 3, "JPN", "Japan")]
    result = evaluate_mentions(golds, [pred("Japan", 0, "JPN", "Japan")], {"a": TEXT})
    assert [p.predicted is not None for p in result.pairs] == [True, False]
    assert result.coverage == 0.5
    assert [p.gold["occurrence"] for p in result.misses] == [3]


def test_predictions_of_another_document_do_not_count() -> None:
    result = evaluate_mentions([gold("Japan", 1, "JPN")], [pred("Japan", 0, "JPN", doc="b")],
                               {"a": TEXT, "b": TEXT})
    assert result.coverage == 0.0


def test_a_longer_predicted_span_covers_and_fields_are_compared() -> None:
    golds = [gold("Japan", 2, "JPNGOV", "Japan"), gold("Hun Sen", 1, "KHMGOV", "Hun Sen", "Prime Minister")]
    predicted = [pred("Japan's envoy", 24, "JPNGOV", "Japan"), pred("Hun Sen", 53, "KHMPTY", "hun  sen")]
    result = evaluate_mentions(golds, predicted, {"a": TEXT})
    assert result.coverage == 1.0
    assert result.pairs[0].wrong == ()
    assert result.pairs[1].wrong == ("sector", "code", "role")  # names compare case- and space-blind
    assert result.accuracy("country") == 1.0
    assert result.accuracy("code") == 0.5
    assert [p.gold["mention"] for p in result.wrong] == ["Hun Sen"]


def test_a_gold_mention_missing_from_the_text_is_a_miss_reported_apart() -> None:
    result = evaluate_mentions([gold("Tokyo", 1, "JPNGOV")], [], {"a": TEXT})
    assert len(result.misses) == 1 and len(result.not_in_text) == 1
    assert result.summary()["not_in_text"] == 1


def test_country_only_codes_are_counted_right_only_when_asked() -> None:
    golds = [gold("Cambodia", 1, "KHMGOV", "Cambodia")]
    result = evaluate_mentions(golds, [pred("Cambodia", 10, "KHM", "Cambodia")], {"a": TEXT})
    assert result.accuracy("sector") == 0.0
    assert result.accuracy("sector", country_only_ok=True) == 1.0
    wrong_country = evaluate_mentions(golds, [pred("Cambodia", 10, "THA", "Cambodia")], {"a": TEXT})
    assert wrong_country.accuracy("code", country_only_ok=True) == 0.0


def test_each_prediction_prefers_an_unused_gold_place() -> None:
    text = "Japan, Japan"
    golds = [gold("Japan", 1, "JPN"), gold("Japan", 2, "JPN")]
    predicted = [pred("Japan, Japan", 0, "JPN"), pred("Japan", 7, "JPN")]
    result = evaluate_mentions(golds, predicted, {"a": text})
    assert result.pairs[0].predicted is predicted[0]
    assert result.pairs[1].predicted is predicted[1]
