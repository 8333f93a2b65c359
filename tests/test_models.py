"""The records' dict forms: what crosses processes, the store and the exports."""

from __future__ import annotations

import dataclasses

from amity.models import Actor, Amount, Event, Location


def _event() -> Event:
    return Event(
        doc_name="a.txt", source=Actor("JPNGOV", "JPN", "GOV", name="Japan", start=0, end=5),
        target=Actor("KHM", "KHM"), cameo="0711", goldstein=7.4, quad="material_coop",
        sentence="Japan gave Cambodia aid.", span=(0, 24), trigger="gave",
        amounts=[Amount(5_000_000.0, "currency", "USD", "$5 million", 11, 21)],
        location=Location("Phnom Penh", "KHM", lat=11.56, lon=104.92),
    )


def test_event_dict_is_the_dataclass_fields_with_span_as_a_list() -> None:
    event = _event()
    expected = dataclasses.asdict(event)
    expected["span"] = [0, 24]
    del expected["review"]  # an unreviewed event's record has no review keys (exports unchanged)
    assert event.to_dict() == expected


def test_a_reviewed_event_says_so_and_a_fixed_one_keeps_the_coders_values() -> None:
    fixed = dataclasses.replace(_event(), cameo="111", review={"verdict": "fixed", "original": {"cameo": "0711"}})
    record = fixed.to_dict()
    assert (record["cameo"], record["reviewed"], record["original"]) == ("111", "fixed", {"cameo": "0711"})
    assert "original" not in dataclasses.replace(_event(), review={"verdict": "wrong", "original": {}}).to_dict()


def test_event_dict_round_trips_to_the_same_record_and_id() -> None:
    event = _event()
    again = Event.from_dict(event.to_dict())
    assert again == event
    assert again.event_id == event.event_id


def test_changing_an_event_dict_leaves_the_record_alone() -> None:
    event = _event()
    data = event.to_dict()
    data["source"]["code"] = "CHN"
    data["amounts"][0]["value"] = 1.0
    data["doc_names"].append("b.txt")
    assert event.source.code == "JPNGOV"
    assert event.amounts[0].value == 5_000_000.0
    assert event.doc_names == ["a.txt"]


def test_event_without_location_or_amounts_gives_null_and_empty_list() -> None:
    event = Event(doc_name="a.txt", source=Actor("JPN"), target=Actor("KHM"), cameo="042")
    data = event.to_dict()
    assert data["location"] is None and data["amounts"] == []
    assert data["cameo_root"] == "04"
