"""Hostile and broken input: every reader hands back articles or one-line problems, never raises."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amity.ingest import IngestLimits
from amity.models import Article, IngestProblem
from tests.reliability.helpers import check_items, read_all

EXTENSIONS = [".txt", ".md", ".html", ".jsonl", ".csv"]
FAST = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
HIDDEN = "ZQXSECRETZQX"


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


@FAST
@given(data=st.binary(max_size=4000), ext=st.sampled_from(EXTENSIONS))
def test_random_bytes_never_raise(tmp_path: Path, data: bytes, ext: str) -> None:
    check_items(read_all(write(tmp_path, "x" + ext, data)))


@FAST
@given(words=st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=20),
       junk=st.lists(st.binary(min_size=1, max_size=4).filter(lambda b: b[0] >= 0x80), max_size=8),
       ext=st.sampled_from([".txt", ".md", ".html"]))
def test_invalid_utf8_is_read_or_refused(tmp_path: Path, words: list[str], junk: list[bytes],
                                         ext: str) -> None:
    body = " ".join(words).encode("utf-8", "surrogatepass") + b"".join(junk)
    check_items(read_all(write(tmp_path, "bad" + ext, body + b"\nThe minister spoke.\n")))


def test_invalid_utf8_keeps_the_readable_words(tmp_path: Path) -> None:
    data = b"Japan \xff\xfe pledged \xc3\x28 aid to Cambodia.\n"
    articles = check_items(read_all(write(tmp_path, "bad.txt", data)))
    assert len(articles) == 1 and "pledged" in articles[0].text and "Cambodia" in articles[0].text


def test_huge_line_is_one_article(tmp_path: Path) -> None:
    words = ("Cambodia " * 300_000).encode()  # 2.7 MB on one line
    articles = check_items(read_all(write(tmp_path, "huge.txt", words)))
    assert len(articles) == 1 and articles[0].text.startswith("Cambodia Cambodia")


def test_jsonl_line_over_the_limit_is_one_problem_and_the_rest_loads(tmp_path: Path) -> None:
    big = json.dumps({"id": "big", "text": "x" * 5000})
    ok = json.dumps({"id": "ok", "text": "Japan thanked Cambodia."})
    items = read_all(write(tmp_path, "feed.jsonl", f"{big}\n{ok}\n".encode()),
                     IngestLimits(max_line_chars=1000))
    articles = check_items(items)
    problems = [i for i in items if isinstance(i, IngestProblem)]
    assert [a.doc_name for a in articles] == ["ok"]
    assert len(problems) == 1 and "max_line_chars=1000" in str(problems[0])


def nested_divs(depth: int) -> bytes:
    return (b"<html><body>" + b"<div>" * depth + b"<p>Japan thanked Cambodia for the talks.</p>"
            + b"</div>" * depth + b"</body></html>")


def test_5000_nested_divs_are_refused_naming_the_limit(tmp_path: Path) -> None:
    items = read_all(write(tmp_path, "deep.html", nested_divs(5000)))
    check_items(items)
    assert len(items) == 1 and isinstance(items[0], IngestProblem)
    assert "max_html_depth=1000" in str(items[0])


def test_5000_nested_divs_load_when_the_limit_allows(tmp_path: Path) -> None:
    items = read_all(write(tmp_path, "deep.html", nested_divs(5000)), IngestLimits(max_html_depth=6000))
    articles = check_items(items)
    assert len(articles) == 1 and "Japan thanked Cambodia" in articles[0].text


def test_unclosed_nesting_is_refused_quickly_not_parsed(tmp_path: Path) -> None:
    data = b"<p>Intro words here.</p>" + b"<div><span><b>" * 40_000  # lexbor needs minutes
    items = read_all(write(tmp_path, "unclosed.html", data))
    assert len(items) == 1 and "max_html_depth" in str(items[0])


def test_ordinary_sloppy_html_is_not_refused(tmp_path: Path) -> None:
    rows = b"<p>Para<br>graph<li>item<td>cell<img src=x><input>" * 3000
    svg = b"<svg>" + b"<path d='M0 0'/>" * 3000 + b"</svg>"
    items = read_all(write(tmp_path, "sloppy.html", b"<html><body>" + rows + svg))
    assert len(check_items(items)) == 1


# not <noscript>: it is text for readers without scripts, and some platforms (Blogger) put
# the whole post there; trafilatura reads it
HIDING_TAGS = ["script", "style", "iframe", "template", "svg"]


@FAST
@given(tag=st.sampled_from(HIDING_TAGS), before=st.text(max_size=40), after=st.text(max_size=40),
       extra=st.text(alphabet="<>/\"'= ab", max_size=30))
def test_script_style_iframe_content_never_reaches_text(tmp_path: Path, tag: str, before: str,
                                                        after: str, extra: str) -> None:
    page = (f"<html><head><title>T</title></head><body><p>Japan visited Cambodia. {before}</p>"
            f"<{tag}>{HIDDEN} {extra} {HIDDEN}</{tag}><p>{after} Talks ended.</p></body></html>")
    for article in check_items(read_all(write(tmp_path, "page.html", page.encode()))):
        assert HIDDEN not in article.text
        assert HIDDEN not in (article.title or "")


def test_inline_handlers_and_javascript_urls_leave_no_code(tmp_path: Path) -> None:
    page = (f'<body><p onclick="{HIDDEN}()">Japan visited Cambodia.</p>'
            f'<a href="javascript:{HIDDEN}">link</a><iframe srcdoc="{HIDDEN}"></iframe>'
            f"<script>document.write('{HIDDEN}')</script></body>")
    articles = check_items(read_all(write(tmp_path, "page.html", page.encode())))
    assert len(articles) == 1 and HIDDEN not in articles[0].text


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
FIELDS = ["id", "text", "title", "published", "url", "source", "authors"]


@FAST
@given(record=st.fixed_dictionaries({}, optional=dict.fromkeys(FIELDS, JSON_VALUES)))
def test_jsonl_wrong_types_are_one_problem_per_line(tmp_path: Path, record: dict[str, object]) -> None:
    good = {"id": "good", "text": "Japan pledged aid to Cambodia."}
    lines = [json.dumps(record), json.dumps(good)]
    items = read_all(write(tmp_path, "feed.jsonl", ("\n".join(lines) + "\n").encode()))
    articles = check_items(items)
    assert len(items) == 2, items  # one result per line: the bad line never hides the good one
    assert articles[-1].doc_name == "good"


@FAST
@given(cells=st.lists(st.text(alphabet='ab ,"\n\r;\'=\\\t', max_size=12), min_size=1, max_size=12))
def test_csv_odd_quoting_never_raises(tmp_path: Path, cells: list[str]) -> None:
    body = "id,text\n" + ",".join(cells) + "\nlast,Japan thanked Cambodia.\n"
    check_items(read_all(write(tmp_path, "odd.csv", body.encode())))


def test_csv_unterminated_quote_is_reported_or_read_never_raised(tmp_path: Path) -> None:
    body = 'id,text\n1,"never closed\n2,Japan thanked Cambodia.\n'
    items = read_all(write(tmp_path, "odd.csv", body.encode()))
    check_items(items)
    assert items, "an unterminated quote must give an article or a problem, not silence"


# ---- regressions for the crashes found by these tests (see docs/RELIABILITY.md)


def _two_line_feed(tmp_path: Path, first: str) -> list[Article | IngestProblem]:
    ok = json.dumps({"id": "ok", "text": "Japan thanked Cambodia."})
    return read_all(write(tmp_path, "feed.jsonl", f"{first}\n{ok}\n".encode()))


def test_jsonl_5000_digit_number_is_one_line_problem(tmp_path: Path) -> None:
    items = _two_line_feed(tmp_path, '{"id": 1' + "0" * 5000 + ', "text": "t"}')
    assert [type(i) for i in items] == [IngestProblem, Article]
    assert items[0].line == 1  # type: ignore[union-attr]


def test_jsonl_deeply_nested_value_is_one_line_problem(tmp_path: Path) -> None:
    items = _two_line_feed(tmp_path, '{"id": "x", "text": "t", "m": ' + "[" * 100_000 + "]" * 100_000 + "}")
    check_items(items)
    assert [type(i) for i in items] == [IngestProblem, Article]
    assert "nested too deeply" in str(items[0])


def test_jsonl_lone_surrogate_is_dropped_not_fatal(tmp_path: Path) -> None:
    items = _two_line_feed(tmp_path, '{"id": "s", "text": "Japan \\ud800 thanked Cambodia."}')
    articles = check_items(items)
    assert [a.doc_name for a in articles] == ["s", "ok"]


def test_jsonl_lone_surrogate_in_id_is_a_problem(tmp_path: Path) -> None:
    items = _two_line_feed(tmp_path, '{"id": "a\\udc00", "text": "Japan thanked Cambodia."}')
    check_items(items)
    assert [type(i) for i in items] == [IngestProblem, Article] and '"id"' in str(items[0])


def test_markdown_yaml_alias_bomb_is_not_expanded(tmp_path: Path) -> None:
    levels = ["a: &a [x,x,x,x,x,x,x,x,x]"]
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    page = "---\n" + "\n".join(levels) + "\n---\nJapan thanked Cambodia.\n"
    articles = check_items(read_all(write(tmp_path, "bomb.md", page.encode())))
    assert len(articles) == 1
    assert len(json.dumps(articles[0].meta)) < 10_000


def test_markdown_front_matter_with_impossible_date_still_loads(tmp_path: Path) -> None:
    page = "---\ndate: 2018-13-45\n---\nJapan thanked Cambodia.\n"
    articles = check_items(read_all(write(tmp_path, "bad_date.md", page.encode())))
    assert len(articles) == 1 and "Japan thanked Cambodia." in articles[0].text


def test_markdown_deep_front_matter_still_loads(tmp_path: Path) -> None:
    page = "---\na: " + "[" * 5000 + "\n---\nJapan thanked Cambodia.\n"
    assert len(check_items(read_all(write(tmp_path, "deep.md", page.encode())))) == 1


def test_markdown_bracket_runs_keep_their_text(tmp_path: Path) -> None:
    page = "Japan thanked Cambodia. " + "[" * 20_000 + " [a](" * 5000 + "\n"
    articles = check_items(read_all(write(tmp_path, "brackets.md", page.encode())))
    assert len(articles) == 1 and articles[0].text.startswith("Japan thanked Cambodia.")


def test_html_with_broken_json_ld_still_loads(tmp_path: Path) -> None:
    page = ('<script type="application/ld+json">' + "[" * 100_000 + "</script>"
            "<p>Japan thanked Cambodia.</p>")
    articles = check_items(read_all(write(tmp_path, "ld.html", page.encode())))
    assert len(articles) == 1 and "Japan thanked Cambodia." in articles[0].text
