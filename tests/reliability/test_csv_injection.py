"""CSV injection: text starting with a formula character is neutralised in CSV and TSV exports."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from amity.export import write_events
from amity.models import Actor, Event

PAYLOAD = "=cmd|' /C calc'!A0"
PAYLOADS = [PAYLOAD, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


def hostile_event(payload: str) -> Event:
    actor = Actor(code="JPNGOV", country="JPN", sector="GOV", name=payload, mention=payload)
    return Event(doc_name=payload, source=actor, target=Actor(code="KHM", name="Cambodia"),
                 cameo="043", sentence=payload + " visited Phnom Penh.", trigger=payload,
                 date="2018-07-30")


def read_back(path: Path, delimiter: str) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_export_neutralises_formulas(tmp_path: Path, payload: str) -> None:
    path = tmp_path / "events.csv"
    assert write_events([hostile_event(payload)], "csv", path) == 1
    (row,) = read_back(path, ",")
    for column in ("doc_name", "sentence", "trigger", "source_name", "source_mention", "doc_names"):
        assert row[column] == "'" + row[column][1:] and row[column][1:].startswith(payload[:1]), column
        assert row[column].startswith("'")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_tsv_export_neutralises_formulas(tmp_path: Path, payload: str) -> None:
    path = tmp_path / "events.tsv"
    assert write_events([hostile_event(payload)], "tsv", path) == 1
    (row,) = read_back(path, "\t")
    assert row["NewsSources"].startswith("'") and len(row) == 35  # the row was not split: Phoenix's 26 columns + amity's 9
    for value in row.values():
        assert not value.startswith(("=", "+", "@")), value


def test_no_cell_in_either_export_starts_with_a_formula(tmp_path: Path) -> None:
    events = [hostile_event(p) for p in PAYLOADS]
    for fmt, delimiter in (("csv", ","), ("tsv", "\t")):
        path = tmp_path / f"events.{fmt}"
        write_events(events, fmt, path)
        for row in read_back(path, delimiter):
            for key, value in row.items():
                if key in ("goldstein", "GoldsteinScore", "lat", "lon", "Lat", "Lon"):
                    continue  # numbers may be negative
                assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (fmt, key, value)


def test_plain_text_is_not_altered(tmp_path: Path) -> None:
    path = tmp_path / "events.csv"
    write_events([hostile_event("Japan")], "csv", path)
    (row,) = read_back(path, ",")
    assert row["doc_name"] == "Japan" and row["trigger"] == "Japan"
