"""The actor network: weighted directed edges with coop/conflict counts, GraphML and JSON.

Pure: the merged events are built by hand from the corpus records (no database).
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from amity.analysis.network import network_of
from amity.errors import UsageError
from amity.models import MergedEvent
from tests.analysis.conftest import corpus
from tests.analysis.helpers import merge_by_hand


@pytest.fixture
def merged() -> list[MergedEvent]:
    return merge_by_hand(corpus())


def test_country_edges_count_merged_events_and_split_coop_conflict(merged: list[MergedEvent]) -> None:
    graph = network_of(merged).graph
    edge = graph.edges["JPN", "KHM"]
    assert (edge["events"], edge["coop"], edge["conflict"]) == (6, 5, 1)
    assert edge["goldstein_mean"] == pytest.approx((7.4 + 7.0 + 7.0 + 7.4 + 7.4 - 2.0) / 6, abs=1e-3)
    assert graph.edges["VNM", "KHM"]["conflict"] == 1
    assert not graph.has_edge("KHM", "JPN")
    assert graph.nodes["KHM"]["events"] == 8 and graph.nodes["KHM"]["label"] == "Cambodia"


def test_code_level_keeps_sectors_apart(merged: list[MergedEvent]) -> None:
    graph = network_of(merged, level="code").graph
    assert graph.has_edge("JPNGOV", "KHMGOV") and graph.has_edge("JPN", "KHM")
    assert graph.edges["JPNGOV", "KHMGOV"]["events"] == 4


def test_graphml_and_json_exports_read_back(merged: list[MergedEvent], tmp_path: Path) -> None:
    net = network_of(m for m in merged if m.event.quad == "material_conflict")
    path = tmp_path / "g.graphml"
    net.write(path)
    again = nx.read_graphml(path)
    assert list(again.edges) == [("VNM", "KHM")]
    assert again.edges["VNM", "KHM"]["goldstein_mean"] == -10.0
    net.write(tmp_path / "g.json")
    data = json.loads((tmp_path / "g.json").read_text())
    assert [(e["source"], e["target"]) for e in data["edges"]] == [("VNM", "KHM")]
    with pytest.raises(UsageError):
        net.write(tmp_path / "g.png")


def test_an_unknown_level_is_a_usage_error(merged: list[MergedEvent]) -> None:
    with pytest.raises(UsageError):
        network_of(merged, level="region")
