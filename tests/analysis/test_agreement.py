"""A merged event's record: what its reports agree on, and each disagreement with its sources."""

from __future__ import annotations

from amity.analysis.agreement import merged_record
from amity.models import Event
from tests.analysis.helpers import Ev, make_article


def _report(name: str, src: str, tgt: str, cameo: str, date: str, precision: str = "day",
            killed: float | None = None) -> Event:
    amounts = [(killed, "people", None, f"{killed:g} soldiers")] if killed else []
    line = f"Israel struck Damascus airport, killing {killed:g} soldiers." if killed else "Israel struck Damascus."
    return make_article(name, "2022-09-18", [line], [Ev(0, src, tgt, cameo, date, precision,
                                                        amounts=amounts)]).events[0]  # type: ignore[arg-type]


def test_the_merged_dyad_takes_the_most_specific_sector_the_reports_agree_on() -> None:
    reports = [_report("a.txt", "ISRMIL", "SYR", "190", "2022-09-17"),
               _report("b.txt", "ISR", "SYRGOV", "195", "2022-09-17"),
               _report("c.txt", "ISR", "SYRMIL", "190", "2022-09-17")]
    rec = merged_record(reports[0].event_id, reports)
    assert rec["source"]["code"] == "ISRMIL"  # MIL and no sector: MIL
    assert rec["target"]["code"] == "SYR"  # GOV and MIL disagree: the country alone
    assert rec["mentions"] == 3 and rec["doc_names"] == ["a.txt", "b.txt", "c.txt"]
    assert rec["report_ids"][0] == rec["merged_id"] and sorted(rec["report_ids"]) == sorted(e.event_id for e in reports)


def test_disagreeing_dates_and_casualty_counts_are_listed_with_their_sources() -> None:
    reports = [_report("a.txt", "ISR", "SYR", "190", "2022-09-17", killed=5),
               _report("b.txt", "ISR", "SYR", "190", "2022-09-16", killed=3),
               _report("c.txt", "ISR", "SYR", "190", "2022-09-17", killed=5)]
    rec = merged_record(reports[0].event_id, reports)
    assert rec["date"] == "2022-09-17"
    dates = {d["value"]: d["doc_names"] for d in rec["disagreements"]["date"]}
    assert dates == {"2022-09-17": ["a.txt", "c.txt"], "2022-09-16": ["b.txt"]}
    counts = [([a["value"] for a in d["value"]], d["doc_names"]) for d in rec["disagreements"]["amounts"]]
    assert counts == [([5.0], ["a.txt", "c.txt"]), ([3.0], ["b.txt"])]
    assert "cameo" not in rec["disagreements"]


def test_a_report_that_states_no_amount_disagrees_with_nobody() -> None:
    reports = [_report("a.txt", "ISR", "SYR", "190", "2022-09-17", killed=5),
               _report("b.txt", "ISR", "SYR", "190", "2022-09-17")]
    rec = merged_record(reports[0].event_id, reports)
    assert rec["disagreements"] == {}
    assert [r["doc_name"] for r in rec["reports"]] == ["a.txt", "b.txt"]
    assert all(r["sentence"] for r in rec["reports"])
