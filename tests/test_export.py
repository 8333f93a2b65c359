"""Exports carry every DESIGN.md field with the right type, in each format."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from amity.errors import UsageError
from amity.export import PHOENIX_COLUMNS, write_events
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
    assert tuple(header) == PHOENIX_COLUMNS
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
