"""The world outline shipped for the map, and the script that builds it from TopoJSON."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
WORLD = ROOT / "amity" / "web" / "static" / "world-110m.json"


def _script() -> Any:
    spec = importlib.util.spec_from_file_location("build_world_map", ROOT / "scripts" / "build_world_map.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _inside(lon: float, lat: float, ring: list[list[float]]) -> bool:
    hits = 0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            hits += 1
    return hits % 2 == 1


def test_shipped_outline_is_geojson_keyed_by_iso3_with_labels_inside() -> None:
    world = json.loads(WORLD.read_text(encoding="utf-8"))
    assert world["type"] == "FeatureCollection" and "Natural Earth" in world["source"]
    features = {f["id"]: f for f in world["features"]}
    assert len(features) == len(world["features"]) > 200
    assert all(len(code) == 3 and code.isupper() for code in features)
    for code in ("KHM", "VNM", "JPN", "CHN", "USA", "RUS", "ISR", "PSE", "UKR"):
        geometry = features[code]["geometry"]
        assert geometry["type"] == "MultiPolygon", code
        lon, lat = features[code]["properties"]["label"]
        assert any(_inside(lon, lat, polygon[0]) for polygon in geometry["coordinates"]), code
    singapore = features["SGP"]
    assert singapore["geometry"] is None and singapore["properties"]["name"] == "Singapore"
    lon, lat = singapore["properties"]["label"]
    assert 103.5 < lon < 104.1 and 1.1 < lat < 1.5


def test_build_decodes_topojson_arcs_and_finds_a_label_inside_a_concave_shape() -> None:
    build = _script()
    topo = {"transform": {"scale": [1, 1], "translate": [0, 0]},
            "arcs": [[[0, 0], [4, 0], [0, 1]], [[4, 1], [-3, 0], [0, 3], [-1, 0], [0, -4]]]}
    arcs = build.decode_arcs(topo)
    assert arcs[0] == [[0, 0], [4, 0], [4, 1]]
    ring = build.ring([0, 1], arcs)
    assert ring == [[0, 0], [4, 0], [4, 1], [1, 1], [1, 4], [0, 4], [0, 0]]  # an L: its centroid is outside
    _, cx, cy = build.area_centroid(ring)
    assert not _inside(cx, cy, ring)
    lon, lat = build.label_point([[ring]])
    assert _inside(lon, lat, ring)
    reversed_ring = build.ring([~1, ~0], arcs)
    assert reversed_ring[0] == [0, 0] and reversed_ring[-1] == [0, 0] and len(reversed_ring) == len(ring)
