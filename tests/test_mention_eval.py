"""The actor-mention scorer: where a gold mention sits, coverage, per-field accuracy."""

from __future__ import annotations

from typing import Any

from amity.mention_eval import codes_agree, evaluate_event_actors, evaluate_mentions, locate

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


# ----------------------------------------------------------------- actors of matched events
STATES = frozenset({"JPN", "KHM", "USA", "LBN", "RUS"})
EVENT_TEXT = "Japan praised Cambodia on Monday. Hezbollah fighters shelled the town."


def gold_event(quote: str, source: str, target: str, cameo: str) -> dict[str, Any]:
    return {"doc": "a", "quote": quote, "source_actor": source, "target_actor": target, "cameo": cameo,
            "cameo_root": cameo[:2]}


def pred_event(span: tuple[int, int], source: str, target: str, cameo: str) -> dict[str, Any]:
    def actor(code: str) -> dict[str, Any]:
        return {"code": code, "country": code[:3], "sector": code[3:] or None}
    return {"doc_name": "a", "span": list(span), "source": actor(source), "target": actor(target), "cameo": cameo}


def test_codes_agree_by_the_coding_rules() -> None:
    assert codes_agree(("JPN", "GOV"), ("JPN", ""))  # a bare country is its GOV
    assert codes_agree(("JPN", ""), ("JPN", "GOV"))
    assert not codes_agree(("JPN", "MIL"), ("JPN", ""))
    assert codes_agree(("EUR", "IGO"), ("EUR", ""))  # an organisation's bare code
    assert codes_agree(("NGO", "HRI"), ("NGO", "NGO"))  # a gold subtype outside the coding list
    assert not codes_agree(("LBN", "REB"), ("LBN", "GOV"))


def test_event_actors_are_compared_on_the_event_matched_by_clause_and_root() -> None:
    golds = [gold_event("Japan praised Cambodia", "JPNGOV", "KHMGOV", "051"),
             gold_event("Hezbollah fighters shelled the town", "LBNREB", "LBN", "194")]
    preds = [pred_event((0, 32), "JPN", "KHMGOV", "051"), pred_event((34, 70), "LBNGOV", "LBN", "190"),
             pred_event((34, 70), "USAGOV", "LBN", "010")]
    result = evaluate_event_actors(golds, preds, {"a": EVENT_TEXT}, STATES)
    assert len(result.matched) == 2
    assert result.pairs[0].code_ok == (True, True)
    assert result.pairs[1].predicted is preds[1]  # the same root wins over the other event
    assert result.pairs[1].country_ok == (True, True) and result.pairs[1].code_ok == (False, True)
    assert result.agreement("country") == 1.0 and result.agreement("code") == 0.75
    assert result.agreement("code", 0) == 0.5 and result.agreement("code", 1) == 1.0  # source, target
    assert result.summary()["source_code_agreement"] == 0.5


def test_an_event_of_another_root_matches_only_when_any_root_is_allowed() -> None:
    golds = [gold_event("Japan praised Cambodia", "JPNGOV", "KHMGOV", "051")]
    preds = [pred_event((0, 32), "RUS", "KHM", "010")]
    assert evaluate_event_actors(golds, preds, {"a": EVENT_TEXT}, STATES).matched == []
    loose = evaluate_event_actors(golds, preds, {"a": EVENT_TEXT}, STATES, any_root=True)
    assert loose.pairs[0].country_ok == (False, True)
    assert loose.summary()["matched"] == 1


def test_organisation_codes_compare_as_igo_and_quotes_are_found_after_normalising() -> None:
    text = 'The "WTO" fined Japan.'
    golds = [gold_event("The \u201cWTO\u201d fined Japan", "IGOIGO", "JPNGOV", "163")]
    preds = [{"doc_name": "a", "span": [0, 21], "cameo": "163", "source": {"code": "WTO", "country": "WTO",
              "sector": "IGO"}, "target": {"code": "JPNGOV", "country": "JPN", "sector": "GOV"}}]
    result = evaluate_event_actors(golds, preds, {"a": text}, STATES)
    assert result.not_in_text == 0 and result.pairs[0].code_ok == (True, True)


def test_two_events_of_one_clause_pair_with_the_gold_lines_whose_codes_they_share() -> None:
    text = "Soldiers and police blocked the court."
    golds = [gold_event("Soldiers and police blocked the court", "LBNMIL", "LBNJUD", "191"),
             gold_event("Soldiers and police blocked the court", "LBNGOV", "LBNJUD", "191")]
    preds = [pred_event((0, 37), "LBNMIL", "LBNJUD", "191"), pred_event((0, 37), "LBNGOV", "LBNJUD", "191")]
    result = evaluate_event_actors(golds, preds, {"a": text}, STATES)
    assert [p.predicted for p in result.pairs] == [preds[0], preds[1]]  # same countries: the codes decide
    assert result.agreement("code") == 1.0


def test_matching_is_one_to_one_over_the_clause_whatever_the_order_of_the_gold_lines() -> None:
    text = "China mediated between Iran and Saudi Arabia."
    golds = [gold_event("China mediated between Iran and Saudi Arabia", "CHNGOV", "USAGOV", "045"),
             gold_event("China mediated between Iran and Saudi Arabia", "CHNGOV", "RUSGOV", "045")]
    preds = [pred_event((0, 45), "CHN", "RUS", "045")]
    result = evaluate_event_actors(golds, preds, {"a": text}, STATES)
    assert result.pairs[0].predicted is None and result.pairs[1].predicted is preds[0]
    assert result.agreement("country") == 1.0
