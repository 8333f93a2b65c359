"""JSON Lines and CSV: many articles per file, one problem per bad line."""

from __future__ import annotations

import json
from pathlib import Path

from amity.ingest import IngestLimits, iter_articles
from amity.models import Article, IngestProblem
from tests.ingest.helpers import BODY_ONE, BODY_TWO, ingest, write


def _jsonl(*records: object) -> str:
    return "\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n"


def test_jsonl_fields_map_to_the_article(tmp_path: Path) -> None:
    record = {
        "id": "lc-001",
        "text": f"{BODY_ONE}\n\n{BODY_TWO}",
        "title": "Laos and Chile",
        "published": "2020-06-30T22:15:00-04:00",
        "url": "https://news.example/lc",
        "source": "Andes Wire",
        "authors": ["Ana Ruiz", "Tom Okafor"],
        "section": "trade",
    }
    articles, problems = ingest(write(tmp_path, "batch.jsonl", _jsonl(record)))
    assert problems == []
    [article] = articles
    assert article.doc_name == "lc-001"
    assert article.text == f"{BODY_ONE}\n\n{BODY_TWO}"
    assert (article.title, article.url, article.source) == (
        "Laos and Chile",
        "https://news.example/lc",
        "Andes Wire",
    )
    assert article.published == "2020-06-30"
    assert article.published_basis == "metadata"
    assert article.authors == ["Ana Ruiz", "Tom Okafor"]
    assert article.meta == {"section": "trade", "format": "jsonl"}


def test_jsonl_broken_line_is_one_problem_and_good_lines_load(tmp_path: Path) -> None:
    content = _jsonl(
        {"id": "a", "text": BODY_ONE}, '{"id": "b", "text": ', "", {"id": "c", "text": BODY_TWO}
    )
    articles, problems = ingest(write(tmp_path, "x.jsonl", content))
    assert [a.doc_name for a in articles] == ["a", "c"]
    assert len(problems) == 1
    assert problems[0].line == 2
    assert "not valid JSON" in problems[0].message


def test_jsonl_wrong_types_are_problems_for_that_line(tmp_path: Path) -> None:
    content = _jsonl(
        {"id": "a", "text": 42},
        {"id": "b"},
        {"id": "c", "text": BODY_ONE, "authors": 7},
        ["not", "an", "object"],
        {"id": "d", "text": BODY_TWO, "published": "sometime soon"},
        {"id": "e", "text": BODY_TWO},
    )
    articles, problems = ingest(write(tmp_path, "t.jsonl", content))
    assert [a.doc_name for a in articles] == ["e"]
    assert [p.line for p in problems] == [1, 2, 3, 4, 5]
    assert '"text" must be a string' in problems[0].message
    assert 'missing "text"' in problems[1].message
    assert '"authors"' in problems[2].message
    assert '"published"' in problems[4].message


def test_jsonl_authors_as_one_string(tmp_path: Path) -> None:
    content = _jsonl({"id": "a", "text": BODY_ONE, "authors": "Ana Ruiz and Tom Okafor"})
    articles, _ = ingest(write(tmp_path, "s.jsonl", content))
    assert articles[0].authors == ["Ana Ruiz", "Tom Okafor"]


def test_csv_rows_with_bom_quotes_and_multiline_text(tmp_path: Path) -> None:
    content = (
        "\ufeffid,title,text,published,desk\n"
        f'r1,Port Deal,"{BODY_ONE}\n\n{BODY_TWO}",2019-03-09,trade\n'
        f'r2,,"He said ""yes"" to the plan, aides reported on Friday.",,\n'
    )
    articles, problems = ingest(write(tmp_path, "rows.csv", content))
    assert problems == []
    assert [a.doc_name for a in articles] == ["r1", "r2"]
    assert articles[0].text == f"{BODY_ONE}\n\n{BODY_TWO}"
    assert articles[0].published == "2019-03-09"
    assert articles[0].meta == {"desk": "trade", "format": "csv"}
    assert articles[1].text == 'He said "yes" to the plan, aides reported on Friday.'
    assert articles[1].title is None


def test_csv_with_a_big_field(tmp_path: Path) -> None:
    big = " ".join(["The delegation reviewed the draft again."] * 5000)  # ~200k chars
    articles, problems = ingest(write(tmp_path, "big.csv", f'id,text\nbig1,"{big}"\n'))
    assert problems == []
    assert len(articles[0].text) == len(big)


def test_csv_without_text_column_is_one_problem(tmp_path: Path) -> None:
    articles, problems = ingest(write(tmp_path, "n.csv", "id,body\n1,hello there\n2,more\n"))
    assert articles == []
    assert len(problems) == 1
    assert 'no "text" column' in problems[0].message


def test_csv_bad_row_reports_its_line(tmp_path: Path) -> None:
    content = f'id,text\nr1,"{BODY_ONE}"\nr2,\nr3,"{BODY_TWO}"\n'
    articles, problems = ingest(write(tmp_path, "r.csv", content))
    assert [a.doc_name for a in articles] == ["r1", "r3"]
    assert [(p.line, p.message) for p in problems] == [(3, '"text" is empty')]


def test_limit_on_line_length(tmp_path: Path) -> None:
    content = _jsonl({"id": "long", "text": "x " * 500}, {"id": "ok", "text": BODY_ONE})
    limits = IngestLimits(max_line_chars=300)
    articles, problems = ingest(write(tmp_path, "l.jsonl", content), limits=limits)
    assert [a.doc_name for a in articles] == ["ok"]
    assert problems[0].line == 1 and "max_line_chars" in problems[0].message


def test_limit_on_articles_per_file(tmp_path: Path) -> None:
    content = _jsonl(*({"id": str(i), "text": BODY_ONE} for i in range(5)))
    limits = IngestLimits(max_articles_per_file=3)
    articles, problems = ingest(write(tmp_path, "many.jsonl", content), limits=limits)
    assert len(articles) == 3
    assert len(problems) == 1 and "max_articles_per_file" in problems[0].message


def test_limit_on_file_size(tmp_path: Path) -> None:
    path = write(tmp_path, "huge.txt", "Big\n\n" + BODY_ONE * 20)
    articles, problems = ingest(path, limits=IngestLimits(max_file_bytes=1000))
    assert articles == []
    assert "max_file_bytes" in problems[0].message


def test_records_are_streamed(tmp_path: Path) -> None:
    from amity.ingest import iter_articles

    path = write(
        tmp_path, "s.jsonl", _jsonl({"id": "a", "text": BODY_ONE}, {"id": "b", "text": BODY_TWO})
    )
    stream = iter_articles([str(path)])
    first = next(stream)
    # appending after the first article was read is seen by the same iteration
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "c", "text": BODY_ONE}) + "\n")
    rest = list(stream)
    assert [getattr(item, "doc_name", None) for item in [first, *rest]] == ["a", "b", "c"]


def test_title_repeated_at_the_top_of_the_text_is_not_body(tmp_path: Path) -> None:
    record = {"id": "t1", "title": "Port Deal Signed", "text": f"Port Deal Signed\n\n{BODY_ONE}"}
    articles, _ = ingest(write(tmp_path, "t.jsonl", _jsonl(record)))
    assert articles[0].text == BODY_ONE
    assert "Port Deal Signed" in articles[0].removed


def test_problem_reads_as_path_and_line(tmp_path: Path) -> None:
    path = write(tmp_path, "p.jsonl", _jsonl({"id": "a", "text": BODY_ONE}, "[1,"))
    _, problems = ingest(path)
    assert str(problems[0]).startswith(f"{path}:2: not valid JSON")


def test_an_id_with_control_characters_is_a_problem_for_its_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"id": "a\\u0000b", "text": "Japan met Cambodia."}\n{"id": "ok", "text": "Japan met Cambodia."}\n')
    items = list(iter_articles([str(path)]))
    assert isinstance(items[0], IngestProblem) and "control characters" in items[0].message
    assert isinstance(items[1], Article) and items[1].doc_name == "ok"
