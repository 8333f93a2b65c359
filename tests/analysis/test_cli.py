"""The analysis commands: tables, --json, the chart and the GraphML file."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from amity.cli import cli
from amity.store import Store
from tests.analysis.conftest import corpus

Run = Callable[..., Result]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    Store(url).write(corpus())
    monkeypatch.setenv("AMITY_DB", url)
    monkeypatch.setenv("AMITY_COMPONENTS", "none")
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def test_dyad_json_and_chart(run: Run, tmp_path: Path) -> None:
    result = run("dyad", "jpn", "khm", "--by", "month", "--json", "--chart", "c.png")
    assert result.exit_code == 0, result.output
    points = json.loads(result.stdout)
    assert [p["period"] for p in points] == ["2015-04", "2016-01", "2018", "2018-07"]
    assert points[2]["coarse"] is True
    png = (tmp_path / "c.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 5000


def test_dyad_table_shows_periods_and_sources(run: Run) -> None:
    result = run("dyad", "JPN", "KHM")
    assert result.exit_code == 0
    assert "2015" in result.stdout and "+21.4" in result.stdout
    assert "6 events from 4 articles" in result.stderr


def test_dyad_with_bad_bucket_or_actor_fails_cleanly(run: Run) -> None:
    assert run("dyad", "JPN", "KHM", "--by", "week").exit_code == 2
    bad = run("dyad", "JP'N", "KHM")
    assert bad.exit_code == 2 and "Error:" in bad.stderr


def test_timeline_by_actor_and_dyad(run: Run) -> None:
    entries = json.loads(run("timeline", "KHM", "--json").stdout)
    assert entries[0]["date_label"] == "1979" and entries[0]["source_code"] == "VNMMIL"
    table = run("timeline", "--dyad", "CHN-KHM")
    assert table.exit_code == 0 and "2018-07-30" in table.stdout and "1979" not in table.stdout
    assert run("timeline").exit_code == 2


def test_network_graphml_and_json(run: Run, tmp_path: Path) -> None:
    result = run("network", "-o", "g.graphml")
    assert result.exit_code == 0 and "3 dyads" in result.stderr
    assert "<graphml" in (tmp_path / "g.graphml").read_text()
    data = json.loads(run("network", "--json").stdout)
    assert {(e["source"], e["target"]) for e in data["edges"]} == {("JPN", "KHM"), ("CHN", "KHM"), ("VNM", "KHM")}


def test_claims_show_both_figures_and_sources(run: Run) -> None:
    result = run("claims", "--conflicting")
    assert result.exit_code == 0
    text = result.stdout
    assert "conflicting" in text and "more than 2.3 billion USD" in text and "2.8 billion USD" in text
    assert "courier-2015.txt" in text and "post-2015.txt" in text
    groups = json.loads(run("claims", "--json").stdout)
    assert {g["kind"] for g in groups} == {"total", "event", "rank"}


def test_search_table_and_junk(run: Run) -> None:
    result = run("search", "election monitors")
    assert result.exit_code == 0 and "times-2018.txt" in result.stdout
    junk = run("search", "\"'; DROP TABLE articles; -- [bold]")
    assert junk.exit_code == 0 and "no matches" in junk.stderr
    hits = json.loads(run("search", "bridge", "--json").stdout)
    assert len(hits) == 3 and all(h["highlights"] for h in hits)


def test_merge_recomputes_everything(run: Run) -> None:
    counts = json.loads(run("merge", "--json").stdout)
    assert counts == {"reports": 9, "merged": 8, "indexed_articles": 4}
    assert "9 reports → 8 events" in run("merge").stderr


def test_dyad_says_how_many_undated_events_it_leaves_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.analysis.helpers import Ev, make_article

    url = f"sqlite:///{tmp_path / 'undated.db'}"
    Store(url).write([make_article("u.txt", None, ["China praised Cambodia.", "China condemned Cambodia."],
                                   [Ev(0, "CHN", "KHM", "051", None, basis="unknown"),
                                    Ev(1, "CHN", "KHM", "111", None, basis="unknown")])])
    monkeypatch.setenv("AMITY_DB", url)
    result = CliRunner().invoke(cli, ["dyad", "CHN", "KHM"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "no dated events between CHN and KHM" in result.stderr
    assert "2 more events have no date" in result.stderr


def test_export_merged_writes_one_line_per_real_event_with_its_sources(run: Run, tmp_path: Path) -> None:
    result = run("export", "--merged", "-o", "m.jsonl")
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in (tmp_path / "m.jsonl").read_text().splitlines()]
    [grant] = [m for m in lines if m["cameo"] == "0711" and m["date"] == "2015-04-09"]
    assert grant["mentions"] == 2 and grant["doc_names"] == ["courier-2015.txt", "post-2015.txt"]
    assert len(grant["report_ids"]) == 2 and grant["merged_id"] in grant["report_ids"]
    assert "2 merged events written" not in result.output and "merged events written" in result.output
    refused = run("export", "--merged", "--format", "tsv", "-o", "m.tsv")
    assert refused.exit_code != 0 and "--merged exports jsonl, csv, parquet, geojson" in refused.output


def test_export_merged_as_csv_and_parquet_has_one_row_per_real_event(run: Run, tmp_path: Path) -> None:
    import csv

    import pyarrow.parquet as pq

    assert run("export", "--merged", "-o", "m.jsonl").exit_code == 0
    merged = [json.loads(x) for x in (tmp_path / "m.jsonl").read_text().splitlines()]
    assert run("export", "--merged", "--format", "csv", "-o", "m.csv").exit_code == 0
    rows = list(csv.DictReader((tmp_path / "m.csv").open(encoding="utf-8")))
    assert [r["merged_id"] for r in rows] == [m["merged_id"] for m in merged]
    [grant] = [r for r in rows if r["cameo"] == "0711" and r["date"] == "2015-04-09"]
    assert grant["mentions"] == "2" and grant["doc_names"] == "courier-2015.txt;post-2015.txt"
    assert len(grant["report_ids"].split(";")) == 2 and grant["source_country"]
    assert run("export", "--merged", "--format", "parquet", "-o", "m.parquet").exit_code == 0
    table = pq.read_table(tmp_path / "m.parquet")
    assert table.num_rows == len(merged) and table.column("mentions").to_pylist() == [m["mentions"] for m in merged]


def test_per_report_export_names_each_reports_merged_event(run: Run, tmp_path: Path) -> None:
    assert run("export", "-o", "r.jsonl").exit_code == 0
    lines = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    grants = [e for e in lines if e["cameo"] == "0711" and e["date"] == "2015-04-09"]
    assert len(grants) == 2 and grants[0]["merged_id"] == grants[1]["merged_id"]
    assert all(e["mentions"] == 2 and e["doc_names"] == ["courier-2015.txt", "post-2015.txt"] for e in grants)
    alone = [e for e in lines if e["date"] == "2016-01-04"]
    assert alone and alone[0]["merged_id"] == alone[0]["event_id"] and alone[0]["mentions"] == 1


def test_events_merged_lists_every_report_of_an_event(run: Run) -> None:
    result = run("events", "--merged", "--code", "0711", "--json")
    assert result.exit_code == 0, result.output
    rows = [json.loads(x) for x in result.stdout.splitlines()]
    [grant] = [m for m in rows if m["date"] == "2015-04-09"]
    assert {r["doc_name"] for r in grant["reports"]} == {"courier-2015.txt", "post-2015.txt"}
    table = run("events", "--merged", "--code", "0711")
    assert "courier-2015.txt" in table.stdout and "post-2015.txt" in table.stdout
    assert "merged events" in table.stderr
