"""`amity eval` scores like the shared scorer: one-to-one matches, alternatives, dates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from amity.errors import InputError
from amity.evaluation import dates_agree, evaluate, load_gold
from amity.export import write_events
from amity.models import Actor, Event


def ev(doc: str, src: str, tgt: str, cameo: str, date: str | None) -> Event:
    return Event(doc_name=doc, source=Actor(src + "GOV", src, "GOV"), target=Actor(tgt + "GOV", tgt, "GOV"),
                 cameo=cameo, date=date, span=(len(cameo), 0))


GOLD = [
    {"doc": "a", "source": "JPN", "target": "KHM", "cameo": "0711", "cameo_root": "07", "date": "1993", "quote": "q1"},
    {"doc": "a", "source": "JPN", "target": "KHM", "cameo": "0711", "cameo_root": "07", "date": "1998", "quote": "q2"},
    {"doc": "a", "source": "CHN", "target": "KHM", "cameo": "051", "cameo_root": "05", "date": "2018-07-30",
     "quote": "q3", "notes": "praise; 042 acceptable alternative"},
    {"doc": "b", "source": "KHM", "target": "KHM", "cameo": "172", "cameo_root": "17", "date": "2017-11",
     "quote": "q4", "notes": "OPTIONAL: ban"},
]
PRED = [
    ev("a", "JPN", "KHM", "073", "1993"),        # same root 07: match, date agrees
    ev("a", "CHN", "KHM", "042", "2018-07-31"),  # matches through the alternative, date disagrees
    ev("a", "USA", "KHM", "111", None),          # false alarm
    ev("z", "USA", "KHM", "111", None),          # not a gold doc: ignored
]


def test_scores_follow_the_design_rules() -> None:
    result = evaluate(GOLD, PRED)
    assert (result.n_pred, result.tp) == (3, 2)
    assert result.optional_missed == 1  # the optional gold event does not lower recall
    assert result.recall == pytest.approx(2 / 3)
    assert result.precision == pytest.approx(2 / 3)
    assert (result.date_ok, result.date_n) == (1, 2)
    assert [m.raw["quote"] for m in result.missed] == ["q2"]
    assert [f.source for f in result.false_alarms] == ["USA"]


def test_code_level_needs_the_full_code() -> None:
    assert evaluate(GOLD, PRED, level="code").tp == 1  # only the 042 alternative matches exactly


def test_dates_agree_at_the_gold_precision() -> None:
    assert dates_agree("2013", "2013-12-16")
    assert dates_agree("2013-12", "2013-12-16")
    assert not dates_agree("2013-12-16", "2013-12")
    assert not dates_agree("1993", None)
    assert dates_agree(None, "1993") is None


def test_malformed_gold_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(GOLD[0]) + "\n{oops\n")
    with pytest.raises(InputError, match=r"gold.jsonl:2: not valid JSON"):
        load_gold(path)


@pytest.mark.shared
def test_same_numbers_as_the_shared_scorer(shared_dir: Path, tmp_path: Path) -> None:
    gold_path, pred_path = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold_path.write_text("".join(json.dumps(g) + "\n" for g in GOLD))
    write_events(PRED, "jsonl", pred_path)
    proc = subprocess.run([sys.executable, str(shared_dir / "tools" / "score_events.py"), str(gold_path),
                           str(pred_path)], capture_output=True, text=True, check=False)
    result = evaluate(load_gold(gold_path), PRED)
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("precision=")][0]
    expected = (f"precision={result.precision:.3f} recall={result.recall:.3f} f1={result.f1:.3f} "
                f"date_agreement={result.date_agreement:.3f} ({result.date_ok}/{result.date_n})")
    assert line == expected
