"""Event exports: JSONL (the DESIGN.md record), CSV, Parquet, Phoenix TSV and PLOVER JSONL,
one line per report (each with the ``merged_id`` of its merged event), and the merged
export (``write_merged``: one line per real-world event, ``amity.analysis.agreement``)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO, Any

from amity.errors import UsageError
from amity.models import Event

FORMATS = ("jsonl", "csv", "parquet", "tsv", "plover")
QUAD_NUMBER = {"verbal_coop": 1, "material_coop": 2, "verbal_conflict": 3, "material_conflict": 4}
ACTOR_KEYS = ("code", "country", "sector", "name", "role", "mention")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


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
    loc = ev.location
    row.update({
        "cameo": ev.cameo, "cameo_root": ev.cameo_root, "cameo_name": ev.cameo_name,
        "goldstein": ev.goldstein, "quad": ev.quad, "plover": ev.plover,
        "amounts": json.dumps([a.to_dict() for a in ev.amounts], ensure_ascii=False),
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "negated": ev.negated, "factual": ev.factual, "confidence": ev.confidence,
        "mentions": ev.mentions, "doc_names": ";".join(ev.doc_names),
        "sentence": ev.sentence, "span_start": ev.span[0], "span_end": ev.span[1],
        "trigger": ev.trigger,
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


def phoenix_row(ev: Event) -> list[Any]:
    """The Phoenix/CAMEO column order existing R and Python tooling loads."""
    parts = (ev.date or "").split("-")
    year, month, day = (parts + ["", "", ""])[:3]
    loc = ev.location
    return [
        ev.event_id, "".join(parts), year, month, day,
        ev.source.code, ev.source.country or "", ev.source.sector or "", "",
        ev.target.code, ev.target.country or "", ev.target.sector or "", "",
        ev.cameo, ev.cameo_root, QUAD_NUMBER.get(ev.quad, ""), ev.goldstein, "",
        "" if not loc or loc.lat is None else loc.lat, "" if not loc or loc.lon is None else loc.lon,
        loc.name if loc else "", (loc.admin1 or "") if loc else "", (loc.country or "") if loc else "",
        f"{ev.doc_id}-{ev.sentence_index}", "", ";".join(ev.doc_names),
    ]


def plover_record(ev: Event, merged_ids: MergedIds | None = None) -> dict[str, Any]:
    """PLOVER/POLECAT-style JSON: event type, actors with text and code, evidence."""
    def actor(a: Any) -> dict[str, Any]:
        return {"actorText": a.mention, "code": a.country, "sector": a.sector, "name": a.name}

    return {
        "id": ev.event_id, "mergedId": (merged_ids or {}).get(ev.event_id), "date": ev.date, "datePrecision": ev.date_precision,
        "event": ev.plover, "cameo": ev.cameo, "goldstein": ev.goldstein,
        "source": [actor(ev.source)], "target": [actor(ev.target)],
        "eventText": ev.trigger, "text": ev.sentence, "publication": ev.doc_name,
        "publicationDate": ev.published, "location": ev.location.to_dict() if ev.location else None,
        "amounts": [a.to_dict() for a in ev.amounts], "language": "en",
        "coder": "amity", "mentions": ev.mentions,
    }


def _write_jsonl(events: Iterable[Event], fh: IO[str], make: Callable[[Event, MergedIds | None], Any],
                 merged_ids: MergedIds | None) -> int:
    n = 0
    for ev in events:
        fh.write(json.dumps(make(ev, merged_ids), ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_csv(events: Iterable[Event], fh: IO[str], merged_ids: MergedIds | None) -> int:
    writer: Any = None
    n = 0
    for ev in events:
        row = flat_record(ev, merged_ids)
        if writer is None:
            writer = csv.DictWriter(fh, fieldnames=list(row))
            writer.writeheader()
        writer.writerow({k: safe_cell(v) for k, v in row.items()})
        n += 1
    if writer is None:
        fh.write(",".join(flat_record_columns()) + "\n")
    return n


def flat_record_columns() -> list[str]:
    from amity.models import Actor

    return list(flat_record(Event(doc_name="", source=Actor("X"), target=Actor("X"), cameo="01")))


def _write_tsv(events: Iterable[Event], fh: IO[str]) -> int:
    writer = csv.writer(fh, delimiter="\t", lineterminator="\n")
    writer.writerow(PHOENIX_COLUMNS)
    n = 0
    for ev in events:
        writer.writerow([_tsv_cell(v) for v in phoenix_row(ev)])
        n += 1
    return n


def _tsv_cell(value: Any) -> Any:
    """A safe cell whose bare CR cannot end the row (csv quotes LF but not CR with "\\n" lines)."""
    value = safe_cell(value)
    return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else value


def _write_parquet(events: Iterable[Event], path: Path, merged_ids: MergedIds | None) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [flat_record(ev, merged_ids) for ev in events]
    columns = flat_record_columns()
    table = pa.Table.from_pylist(rows) if rows else pa.table({c: pa.array([], pa.string()) for c in columns})
    pq.write_table(table, path)
    return len(rows)


def write_events(events: Iterable[Event], fmt: str, path: str | Path, merged_ids: MergedIds | None = None) -> int:
    """Write events to ``path`` in ``fmt``; returns how many were written.

    ``merged_ids`` (event_id → merged_id) is read as each event is written, so a caller may
    fill it while ``events`` is consumed. The Phoenix TSV keeps its fixed columns.
    """
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    path = Path(path)
    if fmt == "parquet":
        return _write_parquet(events, path, merged_ids)
    with path.open("w", encoding="utf-8", newline="") as fh:
        if fmt == "jsonl":
            return _write_jsonl(events, fh, record, merged_ids)
        if fmt == "plover":
            return _write_jsonl(events, fh, plover_record, merged_ids)
        if fmt == "tsv":
            return _write_tsv(events, fh)
        return _write_csv(events, fh, merged_ids)


def write_merged(records: Iterable[dict[str, Any]], fmt: str, path: str | Path) -> int:
    """Write merged-event records (``amity.analysis.agreement.merged_record``) as JSON lines."""
    if fmt != "jsonl":
        raise UsageError(f"--merged exports JSON lines only (--format jsonl), not {fmt!r}")
    n = 0
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        for row in records:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n
