"""The error classes and per-root counts of benchmarks/bench_accuracy.py, on hand-built events."""

from __future__ import annotations

from typing import Any

from benchmarks.accuracy_classes import classify_missed, error_classes, per_root


def ev(doc: str, source: str, target: str, cameo: str, **extra: Any) -> dict[str, Any]:
    return {"doc": doc, "source": source, "target": target, "cameo": cameo,
            "cameo_root": cameo[:2], **extra}


def same_date(gold: Any, pred: Any) -> bool | None:
    return None if not gold else gold == pred


def scenario() -> tuple[list[tuple[dict[str, Any], dict[str, Any]]], list[dict[str, Any]], list[dict[str, Any]]]:
    """One matched list member, and one of each class among the missed and extra events."""
    listed = ev("a", "AUS", "CHN", "012", quote="q-list", date="2020-01-02")
    pairs = [
        (listed, ev("a", "AUS", "CHN", "012", date="2020-01-02")),
        (ev("b", "FRA", "DEU", "042", date="2020-02"), ev("b", "FRA", "DEU", "042", date="2019-02-01")),
        (ev("b", "DEU", "FRA", "051"), ev("b", "DEU", "FRA", "051")),  # gold has no date
    ]
    missed = [
        ev("a", "JPN", "CHN", "012", quote="q-list"),   # list member (AUS was matched)
        ev("a", "USA", "CHN", "012", quote="q-list"),   # list member
        ev("c", "IND", "VNM", "057", quote="q-sign"),   # both directions
        ev("c", "VNM", "IND", "057", quote="q-sign"),   # both directions
        ev("d", "RUS", "UKR", "190"),                    # wrong root: a spare 112 on RUS->UKR
        ev("d", "UKR", "RUS", "190"),                    # reverse is wrong_root: other missed
        ev("e", "KOR", "PRK", "111"),                    # nothing near: other missed
    ]
    extra = [
        ev("d", "RUS", "UKR", "112"),   # on a gold dyad
        ev("b", "FRA", "DEU", "010"),   # on a gold dyad (FRA->DEU is matched gold)
        ev("f", "GBR", "IRL", "010"),   # no gold on the dyad
        ev("c", "IND", "CHN", "057"),   # no gold on the directed dyad
    ]
    return pairs, missed, extra


def test_each_missed_event_gets_its_first_class() -> None:
    pairs, missed, extra = scenario()
    assert classify_missed(pairs, missed, extra) == [
        "list_member", "list_member", "both_directions", "both_directions",
        "wrong_root", "other_missed", "other_missed"]


def test_error_class_counts() -> None:
    pairs, missed, extra = scenario()
    assert error_classes(pairs, missed, extra, same_date) == {
        "wrong_root": 1, "both_directions": 2, "both_directions_dyads": 1, "list_member": 2,
        "other_missed": 2, "extra_event": 2, "extra_on_gold_dyad": 2, "wrong_date": 1,
        "missed": 7, "extra": 4}


def test_a_list_with_no_member_matched_is_not_a_list_member_miss() -> None:
    missed = [ev("a", "JPN", "CHN", "012", quote="q"), ev("a", "USA", "CHN", "012", quote="q")]
    assert classify_missed([], missed, []) == ["other_missed", "other_missed"]


def test_a_reverse_on_another_root_is_not_a_symmetric_pair() -> None:
    missed = [ev("c", "IND", "VNM", "057"), ev("c", "VNM", "IND", "036")]
    assert classify_missed([], missed, []) == ["other_missed", "other_missed"]


def test_optional_gold_gives_no_dyad_to_extras() -> None:
    optional = ev("g", "CHN", "PHL", "112", notes="OPTIONAL: borderline")
    pairs = [(optional, ev("g", "CHN", "PHL", "112"))]
    counts = error_classes(pairs, [], [ev("g", "CHN", "PHL", "010")], same_date)
    assert counts["extra_event"] == 1 and counts["extra_on_gold_dyad"] == 0


def test_per_root_recall_and_precision() -> None:
    pairs, missed, extra = scenario()
    rows = {r["root"]: r for r in per_root(pairs, missed, extra)}
    assert rows["01"] == {"root": "01", "gold": 3, "matched": 1, "recall": 1 / 3,
                          "pred": 3, "pred_matched": 1, "precision": 1 / 3}
    assert rows["19"]["gold"] == 2 and rows["19"]["pred"] == 0 and rows["19"]["precision"] is None
    assert rows["11"]["gold"] == 1 and rows["11"]["pred"] == 1 and rows["11"]["pred_matched"] == 0
    assert sum(r["gold"] for r in rows.values()) == len(pairs) + len(missed)
    assert sum(r["pred"] for r in rows.values()) == len(pairs) + len(extra)
