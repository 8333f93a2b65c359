"""What the reports of one merged event agree on, and where they differ (with their sources).

Pure: the reports (``Event`` records) of one group in, one JSON-ready record out, the line
``amity export --merged`` writes. Actors are the country the dyad shares with the most
specific sector the reports agree on (``ISRMIL`` and ``ISR`` give ``ISRMIL``; ``SYRGOV`` and
``SYRMIL`` give ``SYR``); the code, date, place and amounts are the lead report's (the most
precise date first, see ``amity.analysis.merge.order_key``), and every field the reports
disagree on is listed under ``disagreements`` with each value and the articles that say it.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any

from amity.analysis.merge import order_key
from amity.models import Event


def _sector(sectors: list[str | None]) -> str | None:
    given = {s for s in sectors if s}
    return given.pop() if len(given) == 1 else None


def _actor(reports: list[Event], side: str) -> dict[str, Any]:
    actors = [getattr(e, side) for e in reports]
    lead = actors[0]
    country = lead.country
    sector = _sector([a.sector for a in actors]) if country else lead.sector
    code = f"{country}{sector or ''}" if country else lead.code
    names = {a.name for a in actors if a.name and a.code == code}
    return {"code": code, "country": country, "sector": sector,
            "name": min(names) if names else (lead.name if lead.code == code else None)}


def _values(reports: list[Event], value: Callable[[Event], Hashable]) -> list[dict[str, Any]]:
    """Each distinct value with the articles and reports that give it, most reported first
    (a report that does not say, no place or no amount, disagrees with nobody)."""
    found: dict[Hashable, list[Event]] = {}
    for ev in reports:
        if (v := value(ev)) not in (None, ()):
            found.setdefault(v, []).append(ev)
    rows = [{"value": v, "doc_names": sorted({e.doc_name for e in evs}),
             "report_ids": sorted(e.event_id for e in evs)} for v, evs in found.items()]
    return sorted(rows, key=lambda r: (-len(r["doc_names"]), str(r["value"])))


def _amounts(ev: Event) -> tuple[tuple[Any, ...], ...]:
    return tuple(sorted((a.value, a.unit, a.currency or "") for a in ev.amounts))


def _disagreements(reports: list[Event]) -> dict[str, list[dict[str, Any]]]:
    fields: dict[str, Callable[[Event], Hashable]] = {
        "date": lambda e: (e.date, e.date_precision),
        "cameo": lambda e: e.cameo,
        "amounts": _amounts,
        "location": lambda e: e.location.name if e.location else None,
    }
    out: dict[str, list[dict[str, Any]]] = {}
    for name, value in fields.items():
        rows = _values(reports, value)
        if len(rows) > 1:
            out[name] = [_shown(name, row) for row in rows]
    return out


def _shown(name: str, row: dict[str, Any]) -> dict[str, Any]:
    value = row["value"]
    if name == "date":
        row = {**row, "value": value[0], "precision": value[1]}
    elif name == "amounts":
        row = {**row, "value": [{"value": v, "unit": u, "currency": c or None} for v, u, c in value]}
    return row


def merged_record(group_id: str, reports: list[Event]) -> dict[str, Any]:
    """The export line of one merged event (``reports``: every report of it, any order)."""
    ordered = sorted(reports, key=order_key)
    lead = next((e for e in ordered if e.event_id == group_id), ordered[0])
    ordered = [lead] + [e for e in ordered if e is not lead]
    doc_names = sorted({e.doc_name for e in ordered})
    return {
        "merged_id": group_id, "mentions": len(doc_names), "doc_names": doc_names,
        "report_ids": [e.event_id for e in ordered],
        "source": _actor(ordered, "source"), "target": _actor(ordered, "target"),
        "cameo": lead.cameo, "cameo_root": lead.cameo_root, "cameo_name": lead.cameo_name,
        "goldstein": lead.goldstein, "quad": lead.quad, "plover": lead.plover,
        "date": lead.date, "date_precision": lead.date_precision, "date_basis": lead.date_basis,
        "location": lead.location.to_dict() if lead.location else None,
        "amounts": [a.to_dict() for a in lead.amounts],
        "factual": lead.factual, "negated": lead.negated,
        "disagreements": _disagreements(ordered),
        "reports": [_report(e) for e in ordered],
    }


def _report(ev: Event) -> dict[str, Any]:
    return {"event_id": ev.event_id, "doc_name": ev.doc_name, "doc_id": ev.doc_id, "published": ev.published,
            "source": ev.source.code, "target": ev.target.code, "cameo": ev.cameo, "date": ev.date,
            "date_precision": ev.date_precision, "sentence": ev.sentence, "trigger": ev.trigger}
