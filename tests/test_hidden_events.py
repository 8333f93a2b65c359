"""Negated and non-factual events are stored but hidden on every face unless asked for all.

The store is the hand-built API corpus (tests/api/conftest.py): four factual events plus
"China might lend money to Cambodia" (not factual, CHN → KHM 0711, 2018) and "Japan did not
sanction Cambodia on 2018-07-31" (negated, JPN → KHM 163, material conflict). Every count
below is worked out by hand from that corpus; a face that leaks either event changes it.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient

from amity.app import create_app
from amity.cli import cli
from amity.core import Amity
from amity.models import EventQuery
from tests.api.conftest import build_corpus

FACTUAL_CODES = ["040", "051", "0711", "130"]  # met, praised, pledged aid, threatened
ALL_CODES = sorted([*FACTUAL_CODES, "0711", "163"])  # + the plan to lend, the denied sanction
HIDDEN_SENTENCES = ("China might lend money to Cambodia.", "Japan did not sanction Cambodia on 2018-07-31.")


@pytest.fixture
def amity(tmp_path: Path) -> Iterator[Amity]:
    instance = Amity(f"sqlite:///{tmp_path / 'hidden.db'}")
    instance.store.write(build_corpus())
    instance.catch_up_indexes()
    yield instance
    instance.close()


@pytest.fixture
def client(amity: Amity) -> TestClient:
    return TestClient(create_app(amity), raise_server_exceptions=False)


@pytest.fixture
def run(amity: Amity, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AMITY_DB", amity.settings.db_url)
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str) -> Result:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result

    return invoke


# -- the store and the analysis library ------------------------------------------------
def test_event_query_hides_them_and_all_shows_them(amity: Amity) -> None:
    assert sorted(e.cameo for e in amity.store.events(EventQuery())) == FACTUAL_CODES
    assert amity.store.count_events(EventQuery()) == 4
    everything = amity.store.events(EventQuery(include_nonfactual=True))
    assert sorted(e.cameo for e in everything) == ALL_CODES
    assert amity.store.count_events(EventQuery(include_nonfactual=True)) == 6
    flags = {e.sentence: (e.factual, e.negated) for e in everything if e.sentence in HIDDEN_SENTENCES}
    assert flags == {HIDDEN_SENTENCES[0]: (False, False), HIDDEN_SENTENCES[1]: (True, True)}
    # a filter that matches only hidden events finds nothing without --all
    assert amity.store.events(EventQuery(code="163")) == []
    assert amity.store.events(EventQuery(dyad=("CHN", "KHM"), code="07")) == []


def test_summary_counts_only_factual_events(amity: Amity) -> None:
    counts = {a.code: (a.mentions, a.events) for a in amity.actor_counts()}
    assert counts == {"JPNGOV": (2, 3), "KHMGOV": (1, 4)}  # KHMGOV: aid, praise, threat, meeting
    dyads = [(d.a, d.b, d.events, d.goldstein_total) for d in amity.top_dyads()]
    assert dyads == [("JPN", "KHM", 3, 11.8), ("CHN", "KHM", 1, -4.4)]


def test_series_timeline_network_and_merges_leave_them_out(amity: Amity) -> None:
    assert len(amity.merged_events()) == 4
    assert len(amity.merged_events(EventQuery(include_nonfactual=True))) == 6
    points = {p.period: (p.n_events, p.material_conflict) for p in amity.dyad_series("JPN", "KHM")}
    assert points == {"1993": (1, 0), "2015": (1, 0), "2019": (1, 0)}
    assert [p.n_events for p in amity.dyad_series("CHN", "KHM")] == [1]
    labels = [e.date_label for e in amity.timeline(actor="KHM")]
    assert labels == ["1993", "2015", "2018-07-30", "2019"]
    edges = {(a, b): (d["events"], d["coop"], d["conflict"])
             for a, b, d in amity.network().graph.edges(data=True)}
    assert edges == {("JPN", "KHM"): (2, 2, 0), ("KHM", "JPN"): (1, 1, 0), ("CHN", "KHM"): (1, 0, 1)}
    wide = amity.network(EventQuery(include_nonfactual=True)).graph
    assert wide.edges["JPN", "KHM"]["conflict"] == 1 and wide.edges["CHN", "KHM"]["events"] == 2


# -- the REST API ----------------------------------------------------------------------
def test_api_reads_hide_them(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 100}).json()
    assert body["total"] == 4 and sorted(e["cameo"] for e in body["events"]) == FACTUAL_CODES
    assert all(e["factual"] and not e["negated"] for e in body["events"])
    wide = client.get("/api/events", params={"all": True}).json()
    assert wide["total"] == 6 and sorted(e["cameo"] for e in wide["events"]) == ALL_CODES
    assert client.get("/api/events", params={"code": "163"}).json()["total"] == 0
    actors = {a["code"]: a["events"] for a in client.get("/api/actors").json()["actors"]}
    assert actors == {"JPNGOV": 3, "KHMGOV": 4}
    dyads = {(d["a"], d["b"]): d["events"] for d in client.get("/api/dyads").json()["dyads"]}
    assert dyads == {("JPN", "KHM"): 3, ("CHN", "KHM"): 1}
    stats = client.get("/api/stats").json()
    assert (stats["events"], stats["events_all"]) == (4, 6)


def test_api_series_timeline_and_network_hide_them(client: TestClient) -> None:
    series = client.get("/api/dyads/JPN/KHM/series").json()
    assert [p["period"] for p in series["points"]] == ["1993", "2015", "2019"]
    assert series["events"] == 3 and all(p["material_conflict"] == 0 for p in series["points"])
    chn = client.get("/api/dyads/CHN/KHM/series").json()
    assert [(p["period"], p["material_coop"], p["verbal_conflict"]) for p in chn["points"]] == [("2018", 0, 1)]
    corpus = {p["period"]: p for p in client.get("/api/series", params={"by": "month"}).json()["points"]}
    assert corpus["2018-07"]["material_conflict"] == 0 and corpus["2018-07"]["verbal_conflict"] == 1
    entries = client.get("/api/timeline", params={"actor": "KHM"}).json()["entries"]
    assert [e["date_label"] for e in entries] == ["1993", "2015", "2018-07-30", "2019"]
    edges = {(e["source"], e["target"]): (e["weight"], e["conflict"])
             for e in client.get("/api/network").json()["edges"]}
    assert edges[("JPN", "KHM")] == (2, 0) and edges[("CHN", "KHM")] == (1, 1)


def test_the_article_page_shows_them_flagged(client: TestClient) -> None:
    """The article view is the one place that lists every event, each with its flags."""
    events = client.get("/api/articles/loan.txt").json()["events"]
    flags = {e["cameo"]: (e["factual"], e["negated"]) for e in events}
    assert flags == {"130": (True, False), "0711": (False, False), "163": (True, True)}


# -- the dashboard ---------------------------------------------------------------------
def test_dashboard_pages_hide_them(client: TestClient) -> None:
    events = client.get("/events").text
    assert '<span class="sub">4</span>' in events
    assert "Japan did not sanction" not in events and "China might lend" not in events
    assert "China threatened Cambodia" in events
    timeline_page = client.get("/timeline", params={"actor": "KHM"}).text
    assert "2018-07-31" not in timeline_page and "2018-07-30" in timeline_page
    rows = re.findall(r'<span class="code">(\w+)</span>.*?<td class="num">(\d+)</td><td class="num">(\d+)</td>',
                      client.get("/actors").text, flags=re.S)
    assert {code: int(n) for code, _, n in rows} == {"JPNGOV": 3, "KHMGOV": 4}
    chn = client.get("/dyads", headers={"accept": "text/html"}).text
    assert "CHN–KHM" in chn and "JPN–KHM" in chn


# -- the command line and the exports ---------------------------------------------------
def test_cli_events_actors_dyad_timeline_network_hide_them(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shown = [json.loads(line) for line in run("events", "--json").stdout.splitlines()]
    assert sorted(r["cameo"] for r in shown) == FACTUAL_CODES
    every = [json.loads(line) for line in run("events", "--json", "--all").stdout.splitlines()]
    assert sorted(r["cameo"] for r in every) == ALL_CODES
    assert "no events match" in run("events", "--code", "163").stderr
    actors = {a["code"]: a["events"] for a in json.loads(run("actors", "--json").stdout)}
    assert actors == {"JPNGOV": 3, "KHMGOV": 4}
    points = json.loads(run("dyad", "JPN", "KHM", "--json").stdout)
    assert [(p["period"], p["material_conflict"]) for p in points] == [("1993", 0), ("2015", 0), ("2019", 0)]
    wide = json.loads(run("dyad", "JPN", "KHM", "--json", "--all").stdout)
    assert [p["period"] for p in wide] == ["1993", "2015", "2018", "2019"]
    entries = json.loads(run("timeline", "KHM", "--json").stdout)
    assert [e["date_label"] for e in entries] == ["1993", "2015", "2018-07-30", "2019"]
    net = json.loads(run("network", "--json").stdout)
    edges = {(e["source"], e["target"]): e["events"] for e in net["edges"]}
    assert edges == {("JPN", "KHM"): 2, ("KHM", "JPN"): 1, ("CHN", "KHM"): 1}
    run("network", "-o", str(tmp_path / "net.json"))
    written = json.loads((tmp_path / "net.json").read_text())
    assert sum(e["events"] for e in written["edges"]) == 4


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "tsv", "plover"])
def test_every_export_format_hides_them_unless_all(run, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    def codes(*extra: str) -> list[str]:
        path = tmp_path / f"out-{len(extra)}.{fmt}"
        run("export", "--format", fmt, "-o", str(path), *extra)
        if fmt == "parquet":
            return sorted(pq.read_table(path).column("cameo").to_pylist())
        if fmt in ("jsonl", "plover"):
            return sorted(json.loads(line)["cameo"] for line in path.read_text().splitlines())
        delimiter = "\t" if fmt == "tsv" else ","
        rows = list(csv.DictReader(path.open(newline=""), delimiter=delimiter))
        return sorted(r["EventCode" if fmt == "tsv" else "cameo"] for r in rows)

    assert codes() == FACTUAL_CODES
    assert codes("--all") == ALL_CODES


def test_search_leaves_out_an_event_reviewed_as_wrong(amity: Amity) -> None:
    def ids() -> set[str]:
        return {i for hit in amity.search("Cambodia") for i in hit.event_ids}

    before = ids()
    assert before, "the corpus has events about Cambodia"
    wrong = sorted(before)[0]
    amity.review(wrong, "wrong")
    assert ids() == before - {wrong}
