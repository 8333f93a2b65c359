"""``amity review``: judge events from the shell, the queue, stats and reviews as gold for
``amity eval``; and, with the real coder, reviews that outlive ``amity code`` and a re-ingest
of a changed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from amity.cli import cli
from amity.core import Amity
from amity.models import EventQuery
from tests.api.conftest import build_corpus


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'review.db'}"
    amity = Amity(url)
    amity.store.write(build_corpus())
    amity.close()
    return url


@pytest.fixture
def run(store_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("AMITY_DB", store_url)
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def _id(run, code: str) -> str:  # type: ignore[no-untyped-def]
    lines = [json.loads(x) for x in run("events", "--json", "--all").output.splitlines()]
    return next(e["event_id"] for e in lines if e["cameo"] == code and e["factual"] and not e["negated"])


def _codes(run, *args: str) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(json.loads(x)["cameo"] for x in run("events", "--json", *args).output.splitlines())


def test_wrong_hides_an_event_and_all_shows_it(run) -> None:  # type: ignore[no-untyped-def]
    aid = _id(run, "0711")
    result = run("review", aid, "--wrong", "--note", "an old pledge")
    assert result.exit_code == 0 and f"{aid} wrong" in result.output
    assert _codes(run) == ["040", "051", "130"]
    assert "0711" in _codes(run, "--all")
    history = [json.loads(x) for x in run("review", "history", aid, "--json").output.splitlines()]
    assert [(h["verdict"], h["note"], h["by"]) for h in history] == [("wrong", "an old pledge", "cli")]


def test_fix_sets_the_corrected_code_and_actor(run) -> None:  # type: ignore[no-untyped-def]
    praise = _id(run, "051")
    assert run("review", praise, "--fix", "cameo=111", "target=USAGOV", "--by", "ana").exit_code == 0
    lines = [json.loads(x) for x in run("events", "--json", "--dyad", "KHM-USA").output.splitlines()]
    assert [(e["cameo"], e["target"]["code"], e["reviewed"], e["original"]["cameo"]) for e in lines] == [
        ("111", "USAGOV", "fixed", "051")]


@pytest.mark.parametrize(("args", "message"), [
    (("--fix", "cameo=999"), "Error: review cameo: unknown CAMEO code '999' [E106]"),
    (("--fix", "target=NOTACODE"), "Error: review target: 'NOTACODE' is not an actor code"),
    (("--fix", "date=2019-02-29"), "Error: review date: '2019-02-29' is not a real date"),
    (("--fix", "colour=red"), "Error: review colour: write FIELD=VALUE with FIELD one of cameo, source, target"),
    (("--wrong", "cameo=111"), "Error: review verdict: FIELD=VALUE pairs go with --fix, not --wrong [E106]"),
    ((), "Error: review verdict: give --correct, --wrong or --fix"),
])
def test_bad_values_are_one_error_line_naming_the_field(run, args: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    praise = _id(run, "051")
    result = run("review", praise, *args)
    assert result.exit_code == 2 and result.output.startswith(message), result.output
    assert run("review", "history", praise).output == ""


def test_an_unknown_event_is_not_found(run) -> None:  # type: ignore[no-untyped-def]
    result = run("review", "0123456789abcdef", "--wrong")
    assert result.exit_code == 1 and "Error: no event '0123456789abcdef' in the store [E302]" in result.output


def test_queue_stats_and_export_make_gold_that_eval_reads(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("review", _id(run, "0711"), "--wrong")
    run("review", _id(run, "130"), "--correct")
    queue = [json.loads(x)["cameo"] for x in run("review", "queue", "--json").output.splitlines()]
    assert sorted(queue) == ["040", "051"]
    stats = json.loads(run("review", "stats", "--json").output)
    assert (stats["reviews"], stats["precision"]) == (2, 0.5)
    assert "coder precision on them 0.500" in run("review", "stats").output
    result = run("review", "export", "-o", "mine.jsonl")
    assert "2 gold lines written to mine.jsonl" in result.output
    scored = json.loads(run("eval", "mine.jsonl", "--json").output)
    # gold: loan.txt 130 (aid.txt only as a not-event); the coder said 0711, 051 (aid.txt) and 130
    assert (scored["gold"], scored["pred"], scored["tp"]) == (1, 3, 1)



def test_the_queue_table_shows_each_event_id_whole_for_copying(run) -> None:  # type: ignore[no-untyped-def]
    ids = [json.loads(x)["event_id"] for x in run("review", "queue", "--json").output.splitlines()]
    table = run("review", "queue").output
    assert ids and all(i in table for i in ids)


def test_a_followed_dyad_comes_first_and_a_bad_one_is_named(run) -> None:  # type: ignore[no-untyped-def]
    first = json.loads(run("review", "queue", "--follow", "KHM-CHN", "--json").output.splitlines()[0])
    assert first["cameo"] == "130" and "dyad CHN-KHM followed" in first["why"]
    result = run("review", "queue", "--follow", "JPN")
    assert result.exit_code != 0 and "Error: follow takes two country codes like JPN-KHM, not 'JPN'" in result.output

ARTICLE = """Japan pledges grant to Cambodia

Phnom Penh Courier, 5 March 2015

Japan on Tuesday signed a grant agreement with Cambodia to rebuild a rural road.

The Cambodian government welcomed the grant.
"""


def test_with_the_real_coder_reviews_outlive_amity_code_and_a_changed_article(tmp_path: Path) -> None:
    path = tmp_path / "courier.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    amity = Amity(f"sqlite:///{tmp_path / 'real.db'}")
    amity.ingest([str(path)])
    signed = [e for e in amity.events() if e.cameo.startswith("05") and e.source.country == "JPN"]
    assert signed, [(e.source.code, e.cameo) for e in amity.events()]
    amity.review(signed[0].event_id, "fixed", {"cameo": "0311"}, note="a grant is aid")
    amity.code()
    again = [e for e in amity.events() if e.cameo == "0311"]
    assert [(e.review or {}).get("verdict") for e in again] == ["fixed"]
    path.write_text(ARTICLE.replace("\n\nJapan on", "\n\nA correction was added on Wednesday.\n\nJapan on"),
                    encoding="utf-8")
    assert amity.ingest([str(path)]).updated == 1
    moved = [e for e in amity.events() if e.cameo == "0311"]
    assert [(e.review or {}).get("verdict") for e in moved] == ["fixed"] and moved[0].span[0] > signed[0].span[0]
    assert amity.review_stats()["orphans"] == []
    assert len(amity.select(EventQuery(include_wrong=True))) == len(amity.events())
    amity.close()
