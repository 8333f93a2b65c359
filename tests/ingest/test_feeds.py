"""RSS and Atom feeds: each item an article; summary-only items stored and marked."""

from __future__ import annotations

from pathlib import Path

from tests.ingest.helpers import BODY_ONE, BODY_TWO, ingest, write

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Andes Wire</title><link>https://wire.example/</link><language>en-us</language>
<item>
  <title>Laos and Chile Talk Trade</title>
  <link>https://wire.example/laos-chile</link>
  <pubDate>Tue, 03 Jun 2014 09:39:21 GMT</pubDate>
  <dc:creator>Ana Ruiz</dc:creator>
  <description>Ministers met in Santiago.</description>
  <content:encoded><![CDATA[<p>{BODY_ONE}</p><p>{BODY_TWO}</p>]]></content:encoded>
</item>
<item>
  <title>Copper prices rise</title>
  <link>https://wire.example/copper</link>
  <pubDate>Wed, 04 Jun 2014 10:00:00 GMT</pubDate>
  <description>&lt;p&gt;Copper prices rose on Wednesday after the talks in Santiago.&lt;/p&gt;</description>
</item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Mekong Daily</title>
<entry><title>Port deal signed</title><id>urn:uuid:1</id>
  <link href="https://mekong.example/port"/><updated>2019-06-12T08:00:00Z</updated>
  <author><name>Li Wei</name></author>
  <content type="html">&lt;p&gt;{BODY_ONE}&lt;/p&gt;</content>
</entry></feed>
"""


def test_rss_items_with_content_and_with_summary_only(tmp_path: Path) -> None:
    articles, problems = ingest(write(tmp_path, "wire.rss", RSS))
    assert problems == []
    full, summary = articles
    assert (full.doc_name, full.url, full.title) == (
        "https://wire.example/laos-chile", "https://wire.example/laos-chile", "Laos and Chile Talk Trade")
    assert full.text == f"{BODY_ONE}\n\n{BODY_TWO}"
    assert (full.published, full.source, full.authors) == ("2014-06-03", "Andes Wire", ["Ana Ruiz"])
    assert "summary_only" not in full.meta and full.meta["format"] == "feed"
    assert summary.text == "Copper prices rose on Wednesday after the talks in Santiago."
    assert summary.meta["summary_only"] is True


def test_atom_entries(tmp_path: Path) -> None:
    articles, problems = ingest(write(tmp_path, "mekong.atom", ATOM))
    assert problems == []
    [entry] = articles
    assert (entry.doc_name, entry.title, entry.published, entry.authors, entry.text) == (
        "https://mekong.example/port", "Port deal signed", "2019-06-12", ["Li Wei"], BODY_ONE)


def test_the_same_feed_read_again_adds_nothing(tmp_path: Path) -> None:
    from amity import Amity
    from amity.settings import Settings

    amity = Amity(f"sqlite:///{tmp_path / 'f.db'}", settings=Settings(components=()))
    feed = write(tmp_path, "wire.xml", RSS)
    assert amity.ingest([str(feed)]).added == 2
    again = amity.ingest([str(feed)])
    assert (again.added, again.unchanged) == (0, 2)


def test_an_xml_file_that_is_not_a_feed_is_one_line(tmp_path: Path) -> None:
    articles, problems = ingest(write(tmp_path, "config.xml", "<config><a>1</a></config>"))
    assert articles == []
    assert [p.message for p in problems] == ["not an RSS or Atom feed"]
