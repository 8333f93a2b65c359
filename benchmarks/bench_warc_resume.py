"""A WARC ingest read again (a resumed or repeated run): what the second reading costs (issue 16).

    python benchmarks/bench_warc_resume.py [--pages 300] [--seed 1] [--checkout DIR]

Writes a gzipped WARC of ``--pages`` generated news pages (``synth.Generator`` text in an
HTML page with a menu, a header and a footer; each page with a request record, every fifth
with a redirect beside it), ingests it into a temporary SQLite store through the public API
(``Amity.ingest``, parse only: no event coding, which does not change what the second
reading does), then ingests the same file again and prints both timings (wall and CPU of
this process) and the second run's report. ``--checkout`` measures another checkout's amity
(e.g. ``git archive main | tar -x -C /tmp/before``) with the same file. Nothing from
../shared is read.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from html import escape
from io import BytesIO
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
MENU = "".join(f"<li><a href='/{w.lower()}'>{w}</a></li>" for w in ("World", "Business", "Sport", "Opinion"))


def page_html(article: dict[str, Any]) -> bytes:
    body = "".join(f"<p>{escape(p)}</p>" for p in article["text"].split("\n\n"))
    return (f"<html lang='en'><head><title>{escape(article['title'])} | {article['source']}</title>"
            f"<meta property='article:published_time' content='{article['published']}'></head>"
            f"<body><nav><ul>{MENU}</ul></nav><header>{article['source']}</header>"
            f"<article><h1>{escape(article['title'])}</h1>{body}</article>"
            "<footer>Contact us. Terms of use. Privacy.</footer></body></html>").encode()


def write_warc(path: Path, pages: int, seed: int) -> Path:
    """A WARC of generated pages: warcinfo, then request + response per page (+ redirects)."""
    from synth import Generator
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    gen = Generator(seed)
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "bench"}))
        for index, article in enumerate(gen.articles(pages)):
            url = f"https://news.example/{seed}/{index:05d}"
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", http_headers=request))
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=BytesIO(page_html(article)), http_headers=headers))
            if index % 5 == 0:
                moved = StatusAndHeaders("301 Moved Permanently", [("Location", url)], protocol="HTTP/1.1")
                writer.write_record(writer.create_warc_record(
                    url + "/old", "response", payload=BytesIO(b""), http_headers=moved))
    return path


def timed(amity: Any, path: Path) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    report = amity.ingest([str(path)])
    return time.perf_counter() - wall, time.process_time() - cpu, report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--checkout", type=Path, help="measure the amity of this checkout")
    args = parser.parse_args(argv)
    sys.path[:0] = [str(HERE), str((args.checkout or HERE.parent).resolve())]
    from amity import Amity
    from amity.settings import Settings

    with tempfile.TemporaryDirectory() as work:
        warc = write_warc(Path(work) / "crawl.warc.gz", args.pages, args.seed)
        size = warc.stat().st_size
        amity = Amity(f"sqlite:///{Path(work) / 'w.db'}", settings=Settings(components=(), n_process=1))
        first = timed(amity, warc)
        again = timed(amity, warc)
        amity.close()
    print(f"amity {sys.modules['amity'].__file__}; {args.pages} pages, {warc.name} {size:,} bytes")
    for label, (wall, cpu, report) in (("first ingest", first), ("read again", again)):
        print(f"{label:>12}: {wall:6.2f} s wall, {cpu:6.2f} s CPU, {wall / args.pages * 1000:6.1f} ms a page; "
              f"{report.summary()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
