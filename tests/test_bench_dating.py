"""bench_dating's own arithmetic: what it strips from the dev records and how it scores estimates."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.bench_dating import estimate_figures, strip_dates


def test_strip_dates_removes_every_dated_field_and_keeps_the_text(tmp_path: Path) -> None:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    record = {"id": "a", "text": "Met on 3 May 2019.", "published": "2019-05-04", "url": "https://x/2019/05/04/a",
              "date_modified": "2019-05-05", "title": "Talks"}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert strip_dates(source, target) == 1
    assert json.loads(target.read_text(encoding="utf-8")) == {"id": "a", "text": "Met on 3 May 2019.", "title": "Talks"}


def test_estimate_figures_count_ranges_guesses_and_widths() -> None:
    def art(name: str, basis: str, published: str | None, rng: list[str] | None = None) -> dict[str, object]:
        return {"doc_name": name, "published_basis": basis, "published": published, "published_range": rng}

    truth = {"a": "2018-08-20", "b": "2013-11-16", "c": "2020-01-01", "d": "2014-07-03"}
    figures = estimate_figures([art("a", "estimated", "2018-08-16", ["2018-08-01", "2018-08-31"]),
                                art("b", "estimated", "2013-07-02", ["2013-01-01", "2013-10-31"]),
                                art("c", "unknown", None), art("d", "text", "2014-07-03")], truth)
    assert (figures["estimated"], figures["range_contains"], figures["guess_within_31"]) == (2, 1, 1)
    assert (figures["stated_in_text"], figures["stated_right"], figures["undated"]) == (1, 1, 1)
    assert figures["median_width_days"] == (30 + 303) / 2
