"""Exports carry every DESIGN.md field with the right type, in each format."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from amity.errors import UsageError
from amity.export import PHOENIX_COLUMNS, TSV_COLUMNS, write_events, write_merged
from amity.models import Actor, Amount, Event, Location

DESIGN_FIELDS = {
    "event_id": str, "doc_name": str, "doc_id": str, "published": (str, type(None)),
    "sentence": str, "span": list, "source": dict, "target": dict, "cameo": str,
    "cameo_root": str, "cameo_name": str, "goldstein": float, "quad": str,
    "plover": (str, type(None)), "date": (str, type(None)), "date_precision": str,
    "date_basis": str, "amounts": list, "negated": bool, "factual": bool, "mentions": int,
    "doc_names": list, "confidence": float,
}
ACTOR_FIELDS = {"code", "country", "sector", "name", "role", "mention"}


@pytest.fixture
def events() -> list[Event]:
    ev = Event(
        doc_name="a.txt", doc_id="d1", published="2018-08-01", sentence="=HYPERLINK(\"x\") Japan gave aid.",
        span=(0, 30), source=Actor("JPNGOV", "JPN", "GOV", "Japan", None, "Japan"),
        target=Actor("KHMGOV", "KHM", "GOV", "Cambodia", None, "Cambodia"), cameo="0711",
        cameo_name="Provide economic aid", goldstein=7.4, quad="material_coop", plover="AID",
        date="1993", date_precision="year", date_basis="text",
        amounts=[Amount(2.3e9, "currency", "USD", "US$ 2.3 billion")],
        location=Location("Phnom Penh", "KHM", "Phnom Penh", 11.56, 104.92), confidence=0.8,
    )
    return [ev]


def test_jsonl_has_every_design_field_with_its_type(tmp_path: Path, events: list[Event]) -> None:
    path = tmp_path / "e.jsonl"
    assert write_events(events, "jsonl", path) == 1
    rec = json.loads(path.read_text().splitlines()[0])
    for name, kind in DESIGN_FIELDS.items():
        assert isinstance(rec[name], kind), name
    assert set(rec["source"]) == ACTOR_FIELDS and rec["source"]["code"] == "JPNGOV"
    assert rec["amounts"][0] == {"value": 2.3e9, "unit": "currency", "currency": "USD",
                                 "text": "US$ 2.3 billion", "start": None, "end": None}


def test_csv_is_flat_and_neutralises_formulas(tmp_path: Path, events: list[Event]) -> None:
    path = tmp_path / "e.csv"
    write_events(events, "csv", path)
    row = next(csv.DictReader(path.open()))
    assert row["source_code"] == "JPNGOV" and row["target_country"] == "KHM"
    assert row["sentence"].startswith("'=HYPERLINK")
    assert float(row["goldstein"]) == 7.4


def test_parquet_loads_with_typed_columns(tmp_path: Path, events: list[Event]) -> None:
    path = tmp_path / "e.parquet"
    write_events(events, "parquet", path)
    table = pq.read_table(path)
    assert table.num_rows == 1
    assert str(table.schema.field("goldstein").type) == "double"
    assert table.column("cameo").to_pylist() == ["0711"]


def test_phoenix_tsv_column_order(tmp_path: Path, events: list[Event]) -> None:
    path = tmp_path / "e.tsv"
    write_events(events, "tsv", path)
    header, row = [line.split("\t") for line in path.read_text().splitlines()]
    assert tuple(header[: len(PHOENIX_COLUMNS)]) == PHOENIX_COLUMNS and tuple(header) == TSV_COLUMNS
    rec = dict(zip(header, row, strict=True))
    assert rec["EventCode"] == "0711" and rec["QuadClass"] == "2" and rec["Year"] == "1993"
    assert rec["SourceActorFull"] == "JPNGOV" and rec["CountryCode"] == "KHM"


def test_plover_records_name_the_event_type(tmp_path: Path, events: list[Event]) -> None:
    path = tmp_path / "e.plover.jsonl"
    write_events(events, "plover", path)
    rec = json.loads(path.read_text())
    assert rec["event"] == "AID" and rec["source"][0]["code"] == "JPN"
    assert rec["text"].endswith("Japan gave aid.")


def test_empty_exports_still_have_headers(tmp_path: Path) -> None:
    write_events([], "csv", tmp_path / "e.csv")
    assert (tmp_path / "e.csv").read_text().startswith("event_id,merged_id,doc_name")
    write_events([], "parquet", tmp_path / "e.parquet")
    assert "event_id" in pq.read_table(tmp_path / "e.parquet").column_names


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--format must be one of"):
        write_events([], "xml", tmp_path / "e.xml")


@pytest.fixture
def reviewed(events: list[Event]) -> list[Event]:
    """The aid event fixed by an analyst (the coder said 0311 to KHM), and one estimated, unplaced event."""
    fixed = events[0]
    fixed.review = {"verdict": "fixed", "original": {"cameo": "0311", "target": "KHM"}, "note": None}
    guessed = Event(doc_name="b.txt", doc_id="d2", source=Actor("CHNGOV", "CHN", "GOV"),
                    target=Actor("KHMGOV", "KHM", "GOV"), cameo="042", quad="verbal_coop",
                    date="2018-07", date_precision="month", date_basis="estimated",
                    location=Location("Cambodia", "KHM"))
    return [fixed, guessed]


def test_flat_exports_carry_the_review_and_the_coders_original_values(tmp_path: Path, reviewed: list[Event]) -> None:
    write_events(reviewed, "csv", tmp_path / "e.csv")
    fixed, guessed = csv.DictReader((tmp_path / "e.csv").open())
    assert fixed["reviewed"] == "fixed" and fixed["cameo"] == "0711"
    assert fixed["original_cameo"] == "0311" and fixed["original_target"] == "KHM" and fixed["original_date"] == ""
    assert guessed["reviewed"] == "" and guessed["original_cameo"] == ""
    write_events(reviewed, "parquet", tmp_path / "e.parquet")
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.column("reviewed").to_pylist() == ["fixed", None]
    assert table.column("original_cameo").to_pylist() == ["0311", None]


def test_tsv_and_plover_mark_reviews_and_estimated_dates(tmp_path: Path, reviewed: list[Event]) -> None:
    write_events(reviewed, "tsv", tmp_path / "e.tsv")
    header, *rows = [line.split("\t") for line in (tmp_path / "e.tsv").read_text().splitlines()]
    fixed, guessed = (dict(zip(header, row, strict=True)) for row in rows)
    assert fixed["Reviewed"] == "fixed" and fixed["OriginalEventCode"] == "0311" and fixed["OriginalTarget"] == "KHM"
    assert fixed["DateBasis"] == "text" and guessed["DateBasis"] == "estimated" and guessed["DatePrecision"] == "month"
    assert guessed["Reviewed"] == "" and guessed["Lat"] == "" and fixed["Lat"] == "11.56"
    write_events(reviewed, "plover", tmp_path / "e.plover.jsonl")
    one, two = (json.loads(x) for x in (tmp_path / "e.plover.jsonl").read_text().splitlines())
    assert one["reviewed"] == "fixed" and one["original"] == {"cameo": "0311", "target": "KHM"}
    assert two["dateBasis"] == "estimated" and two["reviewed"] is None and two["original"] is None


def test_geojson_is_a_feature_collection_of_the_placed_events(tmp_path: Path, reviewed: list[Event]) -> None:
    path = tmp_path / "e.geojson"
    assert write_events(reviewed, "geojson", path, {reviewed[0].event_id: "m1"}) == 2
    data = json.loads(path.read_text())
    assert data["type"] == "FeatureCollection" and "crs" not in data
    feature, country_only = data["features"]
    assert feature["type"] == "Feature" and feature["id"] == reviewed[0].event_id
    assert feature["geometry"] == {"type": "Point", "coordinates": [104.92, 11.56]}  # RFC 7946: lon, lat
    props = feature["properties"]
    assert props["merged_id"] == "m1" and props["cameo"] == "0711" and props["location_name"] == "Phnom Penh"
    assert props["reviewed"] == "fixed" and props["source_code"] == "JPNGOV" and props["geometry_precision"] == "place"
    # known only to its country: a point inside Cambodia, said to be the country's, lat/lon left empty
    lon, lat = country_only["geometry"]["coordinates"]
    assert 102 < lon < 108 and 10 < lat < 15
    assert country_only["properties"]["geometry_precision"] == "country"
    assert country_only["properties"]["lat"] is None and country_only["properties"]["location_country"] == "KHM"
    write_events([], "geojson", path)
    assert json.loads(path.read_text()) == {"type": "FeatureCollection", "features": []}


def test_merged_records_export_flat(tmp_path: Path) -> None:
    rec = {"merged_id": "m1", "mentions": 2, "doc_names": ["a", "b"], "report_ids": ["e1", "e2"],
           "source": {"code": "JPN", "country": "JPN", "sector": None, "name": None},
           "target": {"code": "KHMGOV", "country": "KHM", "sector": "GOV", "name": None},
           "cameo": "0711", "cameo_root": "07", "cameo_name": "aid", "goldstein": 7.4, "quad": "material_coop",
           "plover": "AID", "date": "2015-04-09", "date_precision": "day", "date_basis": "text",
           "location": {"name": "Phnom Penh", "country": "KHM", "lat": 11.56, "lon": 104.92},
           "amounts": [], "factual": True, "negated": False,
           "disagreements": {"date": [{"value": "2015-04-09"}, {"value": "2015-04-10"}]},
           "reports": [{"sentence": "One."}, {"sentence": "Two."}]}
    assert write_merged([rec], "csv", tmp_path / "m.csv") == 1
    [row] = csv.DictReader((tmp_path / "m.csv").open())
    assert row["report_ids"] == "e1;e2" and row["target_sector"] == "GOV" and row["lat"] == "11.56"
    assert row["disagree_on"] == "date" and json.loads(row["disagreements"])["date"][1]["value"] == "2015-04-10"
    assert row["sentences"] == "One. | Two."
    assert write_merged([rec], "geojson", tmp_path / "m.geojson") == 1
    assert json.loads((tmp_path / "m.geojson").read_text())["features"][0]["id"] == "m1"
    with pytest.raises(UsageError, match="--merged exports"):
        write_merged([rec], "tsv", tmp_path / "m.tsv")


def test_original_columns_are_the_values_a_review_keeps() -> None:
    from amity.export import ORIGINAL_KEYS
    from amity.store.reviews import SHOWN

    assert set(ORIGINAL_KEYS) == set(SHOWN.values())
