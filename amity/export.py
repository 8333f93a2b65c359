"""Event exports: JSONL (the DESIGN.md record), CSV, Parquet, Phoenix TSV, PLOVER JSONL and
GeoJSON, one line (or feature) per report, each with the ``merged_id`` of its merged event;
and the merged export (``write_merged``: one line per real-world event,
``amity.analysis.agreement``) as JSONL, CSV, Parquet or GeoJSON.

Every format carries the analyst's review (``reviewed`` and the coder's original values of a
fixed event), the date's basis (``estimated`` dates say so) and the place (lat/lon)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import IO, Any

from amity.errors import UsageError
from amity.models import Event, Location

FORMATS = ("jsonl", "csv", "parquet", "tsv", "plover", "geojson")
MERGED_FORMATS = ("jsonl", "csv", "parquet", "geojson")
QUAD_NUMBER = {"verbal_coop": 1, "material_coop": 2, "verbal_conflict": 3, "material_conflict": 4}
ACTOR_KEYS = ("code", "country", "sector", "name", "role", "mention")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# the coder's values a fixed event keeps beside the analyst's (the record's "original"; store.reviews.SHOWN)
WORLD_OUTLINE = Path(__file__).resolve().parent / "web" / "static" / "world-110m.json"  # the map's, with label points
ORIGINAL_KEYS = ("cameo", "cameo_name", "goldstein", "quad", "source", "target", "date")


MergedIds = Mapping[str, str]  # event_id -> merged_id


def record(ev: Event, merged_ids: MergedIds | None = None) -> dict[str, Any]:
    """The DESIGN.md §2 record, nested actor objects, as exported to JSONL (with the report's
    ``merged_id`` after its ``event_id`` when ``merged_ids`` is given)."""
    out = ev.to_dict()
    for side in ("source", "target"):
        out[side] = {k: out[side][k] for k in ACTOR_KEYS}
    out.pop("sentence_index", None)
    if merged_ids is not None:
        out = _after(out, "event_id", "merged_id", merged_ids.get(ev.event_id))
    return out


def _after(row: dict[str, Any], key: str, new: str, value: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in row.items():
        out[k] = v
        if k == key:
            out[new] = value
    return out


def location_fields(loc: Location | None) -> dict[str, Any]:
    """The place of an event as flat columns (``location_precision`` once locations carry one)."""
    return {
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "location_admin1": loc.admin1 if loc else None,
        "location_precision": getattr(loc, "precision", None) if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
    }


def review_fields(ev: Event) -> dict[str, Any]:
    """``reviewed`` (the standing verdict, or None) and the coder's ``original_*`` values a fix replaced."""
    review = ev.review or {}
    original = review.get("original") or {}
    return {"reviewed": review.get("verdict"), **{f"original_{k}": original.get(k) for k in ORIGINAL_KEYS}}


def flat_record(ev: Event, merged_ids: MergedIds | None = None) -> dict[str, Any]:
    """One flat row (CSV, Parquet): actor fields prefixed ``source_``/``target_``."""
    row: dict[str, Any] = {
        "event_id": ev.event_id, "merged_id": (merged_ids or {}).get(ev.event_id), "doc_name": ev.doc_name,
        "doc_id": ev.doc_id,
        "published": ev.published, "date": ev.date, "date_precision": ev.date_precision,
        "date_basis": ev.date_basis,
    }
    for side, actor in (("source", ev.source), ("target", ev.target)):
        for key in ACTOR_KEYS:
            row[f"{side}_{key}"] = getattr(actor, key)
    row.update({
        "cameo": ev.cameo, "cameo_root": ev.cameo_root, "cameo_name": ev.cameo_name,
        "goldstein": ev.goldstein, "quad": ev.quad, "plover": ev.plover,
        "amounts": json.dumps([a.to_dict() for a in ev.amounts], ensure_ascii=False),
        **location_fields(ev.location),
        "negated": ev.negated, "factual": ev.factual, "confidence": ev.confidence,
        "mentions": ev.mentions, "doc_names": ";".join(ev.doc_names),
        "sentence": ev.sentence, "span_start": ev.span[0], "span_end": ev.span[1],
        "trigger": ev.trigger, **review_fields(ev),
    })
    return row


def safe_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas (CSV injection): text starting with = + - @ gets a '."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


PHOENIX_COLUMNS = (
    "EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity",
    "SourceActorRole", "SourceActorAttribute", "TargetActorFull", "TargetActorEntity",
    "TargetActorRole", "TargetActorAttribute", "EventCode", "EventRootCode", "QuadClass",
    "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName", "StateName", "CountryCode",
    "SentenceID", "URLs", "NewsSources",
)
# amity's columns after Phoenix's (tools that read Phoenix by position see its columns unchanged):
# how the date was found (``estimated``: grounded on a publication date estimated from the text),
# the place's precision, and the analyst's review with the coder's values a fix replaced
AMITY_TSV_COLUMNS = (
    "DatePrecision", "DateBasis", "LocationPrecision", "Reviewed", "OriginalEventCode",
    "OriginalGoldsteinScore", "OriginalSource", "OriginalTarget", "OriginalDate",
)
TSV_COLUMNS = PHOENIX_COLUMNS + AMITY_TSV_COLUMNS


def phoenix_row(ev: Event) -> list[Any]:
    """The Phoenix/CAMEO column order existing R and Python tooling loads, then ``AMITY_TSV_COLUMNS``."""
    parts = (ev.date or "").split("-")
    year, month, day = (parts + ["", "", ""])[:3]
    loc = ev.location
    review = review_fields(ev)
    return [
        ev.event_id, "".join(parts), year, month, day,
        ev.source.code, ev.source.country or "", ev.source.sector or "", "",
        ev.target.code, ev.target.country or "", ev.target.sector or "", "",
        ev.cameo, ev.cameo_root, QUAD_NUMBER.get(ev.quad, ""), ev.goldstein, "",
        "" if not loc or loc.lat is None else loc.lat, "" if not loc or loc.lon is None else loc.lon,
        loc.name if loc else "", (loc.admin1 or "") if loc else "", (loc.country or "") if loc else "",
        f"{ev.doc_id}-{ev.sentence_index}", "", ";".join(ev.doc_names),
        ev.date_precision, ev.date_basis, location_fields(loc)["location_precision"] or "",
        *("" if review[k] is None else review[k] for k in (
            "reviewed", "original_cameo", "original_goldstein", "original_source", "original_target",
            "original_date")),
    ]


def plover_record(ev: Event, merged_ids: MergedIds | None = None) -> dict[str, Any]:
    """PLOVER/POLECAT-style JSON: event type, actors with text and code, evidence; the date's
    basis (``estimated`` when grounded on an estimated publication date) and the review."""
    def actor(a: Any) -> dict[str, Any]:
        return {"actorText": a.mention, "code": a.country, "sector": a.sector, "name": a.name}

    review = ev.review or {}
    return {
        "id": ev.event_id, "mergedId": (merged_ids or {}).get(ev.event_id), "date": ev.date, "datePrecision": ev.date_precision,
        "dateBasis": ev.date_basis,
        "event": ev.plover, "cameo": ev.cameo, "goldstein": ev.goldstein,
        "source": [actor(ev.source)], "target": [actor(ev.target)],
        "eventText": ev.trigger, "text": ev.sentence, "publication": ev.doc_name,
        "publicationDate": ev.published, "location": ev.location.to_dict() if ev.location else None,
        "amounts": [a.to_dict() for a in ev.amounts], "language": "en",
        "coder": "amity", "mentions": ev.mentions,
        "reviewed": review.get("verdict"), "original": dict(review.get("original") or {}) or None,
    }


@lru_cache(maxsize=1)
def country_points() -> dict[str, tuple[float, float]]:
    """ISO3 -> (lon, lat) of a point inside the country: the label point of the world outline
    amity ships for its map (Natural Earth; a small country's capital)."""
    world = json.loads(WORLD_OUTLINE.read_text(encoding="utf-8"))
    return {str(f["id"]): (float(f["properties"]["label"][0]), float(f["properties"]["label"][1]))
            for f in world["features"] if f.get("id") and (f.get("properties") or {}).get("label")}


def geojson_feature(row: dict[str, Any], key: str) -> dict[str, Any] | None:
    """An RFC 7946 Point feature over a flat row: at its ``lat``/``lon``, else (an event known
    only to its country, as GDELT's country-level geocodes) at a point inside its country,
    ``geometry_precision`` saying which ("place" or "country"); None when it has no place."""
    lat, lon = row.get("lat"), row.get("lon")
    precision = "place"
    if lat is None or lon is None:
        point = country_points().get(str(row.get("location_country")))
        if point is None:
            return None
        (lon, lat), precision = point, "country"
    return {"type": "Feature", "id": row[key], "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {**row, "geometry_precision": precision}}


def _write_geojson(rows: Iterable[dict[str, Any]], fh: IO[str], key: str) -> int:
    """A FeatureCollection streamed one feature a line; rows with no place are left out."""
    fh.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for row in rows:
        if (feature := geojson_feature(row, key)) is not None:
            fh.write(("\n" if not n else ",\n") + json.dumps(feature, ensure_ascii=False))
            n += 1
    fh.write("\n]}\n")
    return n


def _write_jsonl(events: Iterable[Event], fh: IO[str], make: Callable[[Event, MergedIds | None], Any],
                 merged_ids: MergedIds | None) -> int:
    n = 0
    for ev in events:
        fh.write(json.dumps(make(ev, merged_ids), ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_csv(rows: Iterable[dict[str, Any]], fh: IO[str], columns: list[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=columns)
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
        n += 1
    return n


def flat_record_columns() -> list[str]:
    from amity.models import Actor

    return list(flat_record(Event(doc_name="", source=Actor("X"), target=Actor("X"), cameo="01")))


def _write_tsv(events: Iterable[Event], fh: IO[str]) -> int:
    writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
    writer.writerow(TSV_COLUMNS)
    n = 0
    for ev in events:
        writer.writerow([_tsv_cell(v) for v in phoenix_row(ev)])
        n += 1
    return n


def _tsv_cell(value: Any) -> Any:
    """A safe cell whose bare CR cannot end the row (csv quotes LF but not CR with "\\n" lines)."""
    value = safe_cell(value)
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def _write_parquet(rows: Iterable[dict[str, Any]], path: Path, columns: list[str]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    found = list(rows)
    table = pa.Table.from_pylist(found) if found else pa.table({c: pa.array([], pa.string()) for c in columns})
    pq.write_table(table, path)
    return len(found)


def write_events(events: Iterable[Event], fmt: str, path: str | Path, merged_ids: MergedIds | None = None) -> int:
    """Write events to ``path`` in ``fmt``; returns how many were written (for GeoJSON, the
    placed events: one Point feature each, at the place or inside its country).

    ``merged_ids`` (event_id → merged_id) is read as each event is written, so a caller may
    fill it while ``events`` is consumed. The Phoenix TSV keeps its columns first.
    """
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    path = Path(path)
    flat = (flat_record(ev, merged_ids) for ev in events)
    if fmt == "parquet":
        return _write_parquet(flat, path, flat_record_columns())
    with path.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "jsonl":
            return _write_jsonl(events, fh, record, merged_ids)
        if fmt == "plover":
            return _write_jsonl(events, fh, plover_record, merged_ids)
        if fmt == "tsv":
            return _write_tsv(events, fh)
        if fmt == "geojson":
            return _write_geojson(flat, fh, "event_id")
        return _write_csv(flat, fh, flat_record_columns())


MERGED_COLUMNS = (
    "merged_id", "mentions", "doc_names", "report_ids",
    *(f"{side}_{k}" for side in ("source", "target") for k in ("code", "country", "sector", "name")),
    "cameo", "cameo_root", "cameo_name", "goldstein", "quad", "plover", "date", "date_precision",
    "date_basis", "location_name", "location_country", "location_admin1", "location_precision", "lat", "lon",
    "amounts", "factual", "negated", "disagree_on", "disagreements", "sentences",
)


def flat_merged(rec: dict[str, Any]) -> dict[str, Any]:
    """One merged-event record (``merged_record``) as a flat row: lists joined with ``;``,
    amounts and disagreements as JSON text, each report's sentence joined with `` | ``."""
    row = {k: rec.get(k) for k in MERGED_COLUMNS}
    row["doc_names"], row["report_ids"] = ";".join(rec["doc_names"]), ";".join(rec["report_ids"])
    for side in ("source", "target"):
        row.update({f"{side}_{k}": v for k, v in rec[side].items() if f"{side}_{k}" in row})
    loc = rec.get("location")
    row.update(location_fields(Location.from_dict(loc) if loc else None))
    if loc:
        row["location_precision"] = loc.get("precision")
    row["amounts"] = json.dumps(rec.get("amounts") or [], ensure_ascii=False)
    row["disagree_on"] = ";".join(rec.get("disagreements") or {})
    row["disagreements"] = json.dumps(rec.get("disagreements") or {}, ensure_ascii=False)
    row["sentences"] = " | ".join(r.get("sentence") or "" for r in rec.get("reports") or [])
    return row


def write_merged(records: Iterable[dict[str, Any]], fmt: str, path: str | Path) -> int:
    """Write merged-event records (``amity.analysis.agreement.merged_record``) in ``fmt``:
    JSON lines (nested, every report), CSV/Parquet (``flat_merged`` rows) or GeoJSON (the
    merged events whose lead report is placed)."""
    if fmt not in MERGED_FORMATS:
        raise UsageError(f"--merged exports {', '.join(MERGED_FORMATS)}, not {fmt!r}")
    path = Path(path)
    flat = (flat_merged(rec) for rec in records)
    if fmt == "parquet":
        return _write_parquet(flat, path, list(MERGED_COLUMNS))
    with path.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "csv":
            return _write_csv(flat, fh, list(MERGED_COLUMNS))
        if fmt == "geojson":
            return _write_geojson(flat, fh, "merged_id")
        n = 0
        for row in records:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n
