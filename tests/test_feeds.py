"""RSS, Atom and JSON Feed, read back with feedparser and checked against the JSON Feed rules."""

from __future__ import annotations

import calendar
import json
import logging
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import pytest

from mkdocs_folio.authors import Author
from mkdocs_folio.feeds import (
    FeedInfo,
    FeedItem,
    absolutize_html,
    feed_folder,
    render_atom,
    render_rss,
)

from .sites import make_site, post

SITE = "https://blog.example.org/"


def blog() -> dict[str, str]:
    return {
        "index.md": "# Home\n\nWelcome.\n",
        "about.md": "# About\n\nMe.\n",
        "authors.yml": "jane: {name: Jane Doe, url: 'https://jane.example'}\n",
        "posts/old.md": post("Old post", "2025-06-01T09:00:00+02:00", tags=["Rust"]),
        "posts/mid.md": post(
            "Middle & <friends>",
            "2026-01-10",
            tags=["rust", "Linux"],
            updated="2026-02-01",
            authors=["jane"],
            description="A hand-written summary.",
        ),
        "posts/new.md": post("Newest post", "2026-03-01", tags=["linux"], pin=False),
        "posts/draft.md": post("Secret draft", "2026-03-02", draft=True, tags=["rust"]),
        "posts/future.md": post("From the future", "2999-01-01", tags=["rust"]),
    }


def parse(site: Any, path: str) -> Any:
    feed = feedparser.parse(site.text(path))
    assert feed.bozo == 0, feed.get("bozo_exception")
    return feed


def utc(parsed: Any) -> datetime:
    return datetime.fromtimestamp(calendar.timegm(parsed), UTC)


@pytest.mark.parametrize(("path", "version"), [("feed.xml", "rss20"), ("atom.xml", "atom10")])
def test_xml_feeds_parse_and_round_trip(tmp_path: Path, path: str, version: str) -> None:
    site = make_site(tmp_path, blog())
    feed = parse(site, path)
    assert feed.version == version
    assert feed.feed.title == "Test Blog"
    assert feed.feed.link == SITE
    titles = [entry.title for entry in feed.entries]
    assert titles == ["Newest post", "Middle & <friends>", "Old post"]  # no draft, no future
    mid = feed.entries[1]
    assert mid.link == SITE + "posts/middle-and-friends/"
    assert mid.id == mid.link
    assert [tag.term for tag in mid.tags] == ["Rust", "Linux"]
    assert mid.summary == "A hand-written summary."
    assert mid.author == "Jane Doe"
    assert utc(mid.published_parsed) == datetime(2026, 1, 10, tzinfo=UTC)
    # A date with its own offset keeps its instant: 09:00+02:00 is 07:00 UTC.
    assert utc(feed.entries[2].published_parsed) == datetime(2025, 6, 1, 7, tzinfo=UTC)
    if version == "atom10":
        assert utc(mid.updated_parsed) == datetime(2026, 2, 1, tzinfo=UTC)
        # The feed's own date is the newest post date, never the build time.
        assert utc(feed.feed.updated_parsed) == datetime(2026, 3, 1, tzinfo=UTC)
        # Atom needs an author per entry or for the feed: the site's name stands in.
        assert feed.feed.author == "Test Blog"
        assert "author" not in feed.entries[0]
    else:
        assert re.search(
            r'<guid isPermaLink="true">https://blog.example.org/posts/', site.text(path)
        )


def check_json_feed(feed: dict[str, Any]) -> None:
    """The JSON Feed 1.1 field rules (https://jsonfeed.org/version/1.1)."""
    allowed_top = {
        "version",
        "title",
        "home_page_url",
        "feed_url",
        "description",
        "user_comment",
        "next_url",
        "icon",
        "favicon",
        "authors",
        "language",
        "expired",
        "hubs",
        "items",
    }
    assert set(feed) <= allowed_top, set(feed) - allowed_top
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str) and feed["title"]
    for key in ("home_page_url", "feed_url"):
        if key in feed:
            assert urlsplit(feed[key]).scheme == "https"
    assert isinstance(feed["items"], list)
    for author in feed.get("authors", []):
        check_json_author(author)
    ids = [item["id"] for item in feed["items"]]
    assert len(ids) == len(set(ids)), "item ids must be unique"
    for item in feed["items"]:
        assert isinstance(item["id"], str) and item["id"]
        assert isinstance(item.get("content_html"), str) or isinstance(
            item.get("content_text"), str
        ), "an item needs content_html or content_text"
        if "url" in item:
            assert urlsplit(item["url"]).scheme == "https"
        for key in ("date_published", "date_modified"):
            if key in item:
                # RFC 3339: a full date-time with an offset.
                assert datetime.fromisoformat(item[key]).tzinfo is not None
                assert re.fullmatch(
                    r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)", item[key]
                )
        if "tags" in item:
            assert all(isinstance(tag, str) for tag in item["tags"])
        for author in item.get("authors", []):
            check_json_author(author)
        assert "author" not in item, "JSON Feed 1.1 uses 'authors'"


def check_json_author(author: dict[str, Any]) -> None:
    assert set(author) <= {"name", "url", "avatar"}
    assert author, "an author needs at least one of name, url, avatar"


def test_json_feed_follows_the_1_1_rules_and_carries_the_posts(tmp_path: Path) -> None:
    site = make_site(tmp_path, blog())
    feed = json.loads(site.text("feed.json"))
    check_json_feed(feed)
    assert feed["feed_url"] == SITE + "feed.json"
    assert feed["home_page_url"] == SITE
    assert [item["title"] for item in feed["items"]] == [
        "Newest post",
        "Middle & <friends>",
        "Old post",
    ]
    mid = feed["items"][1]
    assert mid["id"] == mid["url"] == SITE + "posts/middle-and-friends/"
    assert mid["date_published"] == "2026-01-10T00:00:00+00:00"
    assert mid["date_modified"] == "2026-02-01T00:00:00+00:00"
    assert mid["tags"] == ["Rust", "Linux"]
    assert mid["summary"] == mid["content_text"] == "A hand-written summary."
    assert mid["authors"] == [{"name": "Jane Doe", "url": "https://jane.example"}]


def test_tag_feeds_hold_only_the_tags_posts(tmp_path: Path) -> None:
    site = make_site(tmp_path, blog())
    for path in ("tags/rust/feed.xml", "tags/rust/atom.xml"):
        feed = parse(site, path)
        assert [entry.title for entry in feed.entries] == ["Middle & <friends>", "Old post"]
        assert feed.feed.link == SITE + "tags/rust/"
        assert feed.feed.title == "#Rust - Test Blog"
    assert not (site.out / "tags/rust/feed.json").exists()


def test_feeds_without_directory_urls_and_under_a_subpath(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        blog(),
        config={"use_directory_urls": False, "site_url": "https://example.org/sub/"},
    )
    feed = parse(site, "feed.xml")
    assert feed.entries[0].link == "https://example.org/sub/posts/newest-post.html"
    tag_feed = parse(site, "tags/rust/feed.xml")  # next to tags/rust.html, in its own folder
    assert tag_feed.feed.link == "https://example.org/sub/tags/rust.html"
    links = site.html("tags/rust.html").select('link[rel~="alternate"]')
    hrefs = [link["href"] for link in links]
    assert hrefs == [
        "../feed.xml",
        "../atom.xml",
        "../feed.json",
        "../tags/rust/feed.xml",
        "../tags/rust/atom.xml",
    ]
    for href in hrefs:
        assert (site.out / "tags" / href).resolve().is_file()


def test_feed_limit_keeps_the_newest_and_zero_keeps_all(tmp_path: Path) -> None:
    files = {f"posts/p{i}.md": post(f"P{i}", f"2026-01-{i + 1:02d}") for i in range(5)}
    files["posts/pinned.md"] = post("Pinned but old", "2020-01-01", pin=True)
    limited = make_site(tmp_path / "l", files, folio={"feed_limit": 2})
    assert [e.title for e in parse(limited, "feed.xml").entries] == ["P4", "P3"]
    assert [i["title"] for i in json.loads(limited.text("feed.json"))["items"]] == ["P4", "P3"]
    everything = make_site(tmp_path / "a", files, folio={"feed_limit": 0})
    titles = [e.title for e in parse(everything, "atom.xml").entries]
    assert titles == ["P4", "P3", "P2", "P1", "P0", "Pinned but old"]


def test_full_content_is_the_rendered_html_with_absolute_links(tmp_path: Path) -> None:
    body = """
        Intro with [a sibling](old.md) and ![diagram](../img/d.png).

        !!! note "Heads up"
            Admonitions come from the site's Markdown extensions.

        [Anchor](#later) and [external](https://example.com/x).
    """
    files = {
        "img/d.png": b"\x89PNG\r\n\x1a\n",
        "posts/old.md": post("Old", "2026-01-01"),
        "posts/full.md": post("Full", "2026-02-01", body=body),
    }
    site = make_site(
        tmp_path,
        files,
        config={"markdown_extensions": ["admonition"]},
        folio={"feed_content": "full"},
    )
    entry = parse(site, "atom.xml").entries[0]
    html = entry.content[0].value
    assert '<div class="admonition note">' in html
    assert f'href="{SITE}posts/old/"' in html
    assert f'src="{SITE}img/d.png"' in html
    assert f'href="{SITE}posts/full/#later"' in html
    assert 'href="https://example.com/x"' in html
    assert "folio-post-header" not in html  # folio's chrome is not part of the content
    rss = parse(site, "feed.xml").entries[0]
    assert rss.content[0].value == html
    item = json.loads(site.text("feed.json"))["items"][0]
    assert item["content_html"] == html
    excerpt_only = make_site(tmp_path / "e", files, config={"markdown_extensions": ["admonition"]})
    assert "content" not in parse(excerpt_only, "atom.xml").entries[0]


def test_feeds_are_stable_across_rebuilds(tmp_path: Path) -> None:
    first = make_site(tmp_path, blog())
    before = {p: first.text(p) for p in ("feed.xml", "atom.xml", "feed.json")}
    again = make_site(tmp_path, blog())
    assert {p: again.text(p) for p in before} == before


def test_drafts_stay_out_of_feeds_under_serve(tmp_path: Path) -> None:
    site = make_site(tmp_path, blog(), serve=True)
    assert "Secret draft" in site.text("index.html")  # shown on the site, badged
    for path in ("feed.xml", "atom.xml", "tags/rust/feed.xml"):
        titles = [entry.title for entry in parse(site, path).entries]
        assert "Secret draft" not in titles
        assert "From the future" not in titles
    items = [item["title"] for item in json.loads(site.text("feed.json"))["items"]]
    assert items == ["Newest post", "Middle & <friends>", "Old post"]


def test_without_site_url_build_warns_once_and_skips_feeds(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, blog(), config={"site_url": None})
    warnings = [r.getMessage() for r in caplog.records if "site_url" in r.getMessage()]
    assert len(warnings) == 1
    assert "feed" in warnings[0].lower()
    for path in ("feed.xml", "atom.xml", "feed.json", "tags/rust/feed.xml"):
        assert not (site.out / path).exists()
    assert site.html("").select('link[rel~="alternate"][type="application/rss+xml"]') == []
    links = json.loads(site.text("assets/folio/index.json"))["links"]
    assert "rss" not in links
    assert (site.out / "posts/newest-post/index.html").exists()  # the rest of the site is built


def test_feeds_can_be_turned_off(tmp_path: Path) -> None:
    site = make_site(tmp_path, blog(), folio={"feeds": False})
    assert not (site.out / "feed.xml").exists()
    assert site.html("about/").select('link[rel~="alternate"]') == []


def test_every_page_links_its_feeds_for_autodiscovery(tmp_path: Path) -> None:
    site = make_site(tmp_path, blog())
    for page, root in (("", ""), ("about/", "../"), ("posts/old-post/", "../../")):
        links = site.html(page).select('link[rel~="alternate"][type]')
        hrefs = {link["type"]: link["href"] for link in links}
        assert hrefs == {
            "application/rss+xml": root + "feed.xml",
            "application/atom+xml": root + "atom.xml",
            "application/feed+json": root + "feed.json",
        }
        for href in hrefs.values():  # each resolves to the file written
            target = urljoin(f"https://h/{page}", href).removeprefix("https://h/")
            assert (site.out / target).is_file()
    tag_links = site.html("tags/rust/").select('link[rel~="alternate"][type="application/rss+xml"]')
    assert [link["href"] for link in tag_links] == ["../../feed.xml", "../../tags/rust/feed.xml"]
    assert [link["title"] for link in tag_links] == [
        "Test Blog (RSS)",
        "#Rust - Test Blog (RSS)",
    ]
    # Other tags' feeds are not announced on this tag's page, nor anywhere else.
    assert "tags/linux/feed.xml" not in site.text("tags/rust/index.html")
    assert "tags/rust/feed.xml" not in site.text("about/index.html")


def test_feed_helpers() -> None:
    assert feed_folder("tags/rust/") == "tags/rust/"
    assert feed_folder("tags/rust.html") == "tags/rust/"
    assert feed_folder("") == ""
    html = '<a href="../b/">b</a><img src="x.png" srcset="x.png 1x, /y.png 2x"><a href="#s">s</a>'
    assert absolutize_html(html, "https://e.org/p/a/") == (
        '<a href="https://e.org/p/b/">b</a>'
        '<img src="https://e.org/p/a/x.png" srcset="https://e.org/p/a/x.png 1x,'
        ' https://e.org/y.png 2x"><a href="https://e.org/p/a/#s">s</a>'
    )
    assert absolutize_html('<a href="mailto:x@y.z">m</a>', "https://e.org/") == (
        '<a href="mailto:x@y.z">m</a>'
    )


def test_a_users_own_feed_file_is_kept_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, {"feed.xml": "<mine/>", "posts/a.md": post("A")})
    assert site.text("feed.xml") == "<mine/>"
    assert any("'feed.xml'" in r.getMessage() for r in caplog.records)
    assert parse(site, "atom.xml").entries[0].title == "A"


def test_control_characters_and_markup_in_titles_keep_feeds_valid(tmp_path: Path) -> None:
    title = "Tabs\x0band <b>bold</b> & ]]> </script>"
    site = make_site(tmp_path, {"posts/a.md": post(title, tags=["<i>x</i>"])})
    for path in ("feed.xml", "atom.xml"):
        entry = parse(site, path).entries[0]
        assert entry.title == "Tabsand <b>bold</b> & ]]> </script>"
        assert [tag.term for tag in entry.tags] == ["<i>x</i>"]
    item = json.loads(site.text("feed.json"))["items"][0]
    assert item["title"] == title


def test_xml_feeds_escape_every_value_they_write() -> None:
    nasty = "a & b < c > d ]]> \"q\" 's' \x01\x0b\ufffe end"
    clean = "a & b < c > d ]]> \"q\" 's'  end"  # only what XML cannot carry is dropped
    url = 'https://e.org/p/?a=1&b="2"<\x01>'
    clean_url = url.replace("\x01", "")
    info = FeedInfo(
        title=nasty,
        home_url="https://e.org/?x=1&y=2",
        feed_url="https://e.org/feed.xml?x=1&y=2",
        description=nasty,
        language="en",
        authors=[Author(id="", name=nasty, url=url)],
    )
    item = FeedItem(
        id=url,
        url=url,
        title=nasty,
        published=datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        summary="line one\r\nline two",
        tags=[nasty, "<i>x</i>"],
        authors=[Author(id="", name=nasty, url=url)],
        content_html=f"<p>{nasty}</p>",
    )
    for render in (render_rss, render_atom):
        document = render(info, [item])
        assert document.startswith("<?xml version='1.0' encoding='UTF-8'?>\n")
        assert document.endswith(">\n")
        root = ET.fromstring(document.encode("utf-8"))  # well-formed, as strict XML
        texts = {element.text for element in root.iter()}
        attributes = {value for element in root.iter() for value in element.attrib.values()}
        assert clean in texts | attributes
        assert clean_url in texts | attributes
        assert f"<p>{clean}</p>" in texts  # HTML content is escaped text, not markup
        assert "line one\r\nline two" in texts  # a CR is escaped, not read back as a newline
        feed = feedparser.parse(document.encode("utf-8"))
        assert feed.bozo == 0, feed.get("bozo_exception")
        assert feed.feed.title == clean
        entry = feed.entries[0]
        assert entry.title == clean
        assert entry.link == clean_url
        assert [tag.term for tag in entry.tags] == [clean, "<i>x</i>"]
        assert entry.author == clean
    rss = ET.fromstring(render_rss(info, [item]).encode("utf-8"))
    assert rss.find("channel/item/guid").get("isPermaLink") == "true"  # type: ignore[union-attr]
    atom = ET.fromstring(render_atom(info, [item]).encode("utf-8"))
    assert atom.tag == "{http://www.w3.org/2005/Atom}feed"
    assert atom.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"


def test_tabs_and_line_breaks_in_attributes_and_text_survive_the_xml() -> None:
    odd_url = f"{SITE}posts/odd/?tab=\t&line=\n&cr=\r"  # an attribute in Atom, text in RSS
    summary = "tab\there, line\r\nbreak"
    info = FeedInfo(title="Blog", home_url=SITE, feed_url=f"{SITE}feed.xml", description="")
    item = FeedItem(
        id=odd_url,
        url=odd_url,
        title="Post & <more>",
        published=datetime(2026, 1, 2, tzinfo=UTC),
        summary=summary,
        tags=["rust"],
    )
    for render in (render_rss, render_atom):
        document = render(info, [item])
        root = ET.fromstring(document.encode("utf-8"))
        values = {value for e in root.iter() for value in (e.text, *e.attrib.values())}
        assert odd_url in values and summary in values  # escaped, not lost or normalized
    atom = render_atom(info, [item])
    assert 'href="https://blog.example.org/posts/odd/?tab=&#9;&amp;line=&#10;&amp;cr=&#13;"' in atom
