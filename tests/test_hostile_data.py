"""User data that must not turn into script links, half-lists of posts, broken feeds or markup.

The one-line errors for bad URLs and authors files are rows of the table in test_hostile.py.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urljoin

import feedparser
import pytest
import yaml
from mkdocs.exceptions import Abort

from mkdocs_folio.authors import AuthorsFileError, parse_authors
from mkdocs_folio.excerpt import _open_elements_of_plain_markup, _OpenElements, balanced_html
from mkdocs_folio.structure import post as post_module
from mkdocs_folio.structure.urls import url_problem

from .sites import Site, build_site, listed_titles, make_site, post, squash, write_site

UNSAFE_URLS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\x01javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://files.example.org/",
    "c:/windows",
    "",
]
SAFE_URLS = [
    "https://example.org/",
    "HTTP://example.org/",
    "mailto:jane@example.org",
    "posts/other.md",
    "../about/",
    "/img/jane.png",
    "//cdn.example.org/jane.png",
    "#section",
    "notes/a:b.md",
]


@pytest.mark.parametrize("url", UNSAFE_URLS)
def test_unsafe_urls_are_refused(url: str) -> None:
    assert url_problem(url) is not None


@pytest.mark.parametrize("url", SAFE_URLS)
def test_safe_urls_pass(url: str) -> None:
    assert url_problem(url) is None


def test_lone_surrogate_is_named_by_key_with_any_yaml_loader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The pure-Python loader (used when libyaml is missing) reads "\ud800" without complaint.
    class PureLoader(yaml.SafeLoader):
        pass

    monkeypatch.setattr(post_module, "_FrontMatterLoader", PureLoader)
    with pytest.raises(AuthorsFileError, match=r"^docs/a.yml: 'jane.name' holds a lone surrogate"):
        parse_authors('jane: {name: "x\\ud800"}\n', "docs/a.yml")
    with pytest.raises(post_module.PostError, match=r"^posts/a.md: 'tags' holds a lone surrogate"):
        post_module.parse_post(
            "posts/a.md", '---\ndate: 2026-01-01\ntags: ["\\udfff"]\n---\n', posts_dir="posts"
        )


def test_excerpt_cut_inside_raw_html_is_closed() -> None:
    assert balanced_html("<table><tr><td>cell ") == "<table><tr><td>cell </td></tr></table>"
    assert balanced_html("<div><p>one<br>two") == "<div><p>one<br>two</p></div>"
    assert balanced_html("<p>ok</p>") == "<p>ok</p>"
    assert balanced_html("<p>a</p></div>") is None  # a stray end tag: use the text excerpt
    assert balanced_html('<p><a title="') is None  # cut inside a tag


@pytest.mark.parametrize(
    "fragment",
    [
        '<p title="a>b">x',  # `>` in an attribute value
        "<DIV><P>x",
        "<div/><p>x",  # self-closed: opens and closes
        "<p>x<img src=a.png><hr/>y",
        "<!-- note --><p>x",  # a comment: left to the real parser
        "a < b <p>",  # a stray `<`: likewise
        "<p>x<script>if (a<b) {}</script>",
        "<ul><li>one<li>two",
        "<p>a</b>",
    ],
)
def test_excerpt_tag_stack_agrees_with_the_html_parser(fragment: str) -> None:
    parser = _OpenElements()
    parser.feed(fragment)
    by_parser = None if parser.broken or parser.rawdata else parser.stack
    by_tags = _open_elements_of_plain_markup(fragment)
    assert by_tags is None or by_tags == by_parser
    expected = None if by_parser is None else fragment + "".join(f"</{t}>" for t in by_parser[::-1])
    assert balanced_html(fragment) == expected


class _Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage().removeprefix("mkdocs_folio: "))


CAFE_DECOMPOSED = unicodedata.normalize("NFD", "Café")
NON_ASCII_TAGS = ["日本語", "Привет", "عربي", "עברית"]
TABLE_EXCERPT = """
<table>
<tr><td>Before the cut. <!-- more --> After the cut.</td></tr>
</table>

The rest of the post.
"""


@pytest.fixture(scope="module")
def data_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, list[str]]]:
    root = tmp_path_factory.mktemp("data")
    files: dict[str, str | bytes] = {
        "index.md": "# Home\n",
        "authors.yml": 'jane: {name: "Ja\\0ne", url: "mailto:jane@example.org"}\n',
        "posts/accent.md": post("Accent", "2026-01-01", tags=["café", "node.js", "日本語"]),
        "posts/plain.md": post("Plain", "2026-01-02", tags=["cafe", "node-js"]),
        "posts/nfd.md": post("Decomposed", "2026-01-03", tags=[CAFE_DECOMPOSED, *NON_ASCII_TAGS]),
        "posts/table.md": post("Table", "2026-01-04", body=TABLE_EXCERPT),
        "posts/offset.md": post(
            "Offset",
            "2026-01-05T10:00:00+05:30:15",
            authors=["jane"],
            series="Se\x00ries",
            links=["posts/draft.md", {"Pl\x00ain": "posts/plain.md"}],
        ),
        "posts/draft.md": post("Secret draft", "2026-01-06", draft=True),
    }
    write_site(root, files)
    records = _Records()
    logging.getLogger("mkdocs").addHandler(records)
    try:
        site = build_site(root)
    finally:
        logging.getLogger("mkdocs").removeHandler(records)
    yield site, records.messages


def test_tags_that_slug_the_same_are_one_tag_listing_every_post(
    data_site: tuple[Site, list[str]],
) -> None:
    site, messages = data_site
    assert listed_titles(site.html("tags/cafe/")) == ["Decomposed", "Plain", "Accent"]
    assert listed_titles(site.html("tags/node-js/")) == ["Plain", "Accent"]
    for tag in ("cafe", "node-js"):
        titles = [e.title for e in feedparser.parse(site.text(f"tags/{tag}/feed.xml")).entries]
        assert set(titles) >= {"Plain", "Accent"}, tag
    index = [squash(a.get_text()) for a in site.html("tags/").select(".folio-tag-index a")]
    assert index.count("#café") == 1 and "#cafe" not in index
    assert "#node.js" in index and "#node-js" not in index
    merges = [m for m in messages if "gives the same slug" in m]
    assert len(merges) == 2, messages  # the decomposed spelling is the composed one (NFC)
    assert any(m.startswith("posts/plain.md: 'tags' has 'cafe'") and "'café'" in m for m in merges)
    assert any("'node-js'" in m and "'node.js'" in m for m in merges)
    assert all(
        unicodedata.is_normalized("NFC", a.get_text())
        for a in site.html("posts/decomposed/").select(".folio-tag")
    )


@pytest.mark.parametrize("tag", NON_ASCII_TAGS)
def test_non_ascii_tag_pages_link_to_feeds_that_exist(
    data_site: tuple[Site, list[str]], tag: str
) -> None:
    site, _ = data_site
    slug = tag.casefold()
    page_url = f"https://blog.example.org/tags/{slug}/"
    links = site.html(f"tags/{slug}/").select('link[rel~="alternate"][rel~="feed"]')
    assert len(links) == 2
    for link in links:
        absolute = urljoin(page_url, link["href"])
        path = site.out / unquote(absolute.removeprefix("https://blog.example.org/"))
        assert path.is_file(), link["href"]
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0
        self_link = next(ln["href"] for ln in parsed.feed.links if ln["rel"] == "self")
        assert self_link == absolute


def test_excerpt_cut_in_a_table_cell_keeps_entries_siblings(
    data_site: tuple[Site, list[str]],
) -> None:
    site, _ = data_site
    entries = site.html("").select(".folio-entry")
    assert len(entries) == 5
    assert len({id(entry.parent) for entry in entries}) == 1
    table = next(e for e in entries if "Table" in e.select_one("h2").get_text())
    excerpt = squash(table.select_one(".folio-entry__excerpt").get_text())
    assert excerpt == "Before the cut."


def test_offset_with_seconds_is_rounded_to_minutes(data_site: tuple[Site, list[str]]) -> None:
    site, _ = data_site
    rss = site.text("feed.xml")
    [pub_date] = re.findall(r"<title>Offset</title>.*?<pubDate>(.*?)</pubDate>", rss, re.DOTALL)
    assert pub_date == "Mon, 05 Jan 2026 10:00:00 +0530"
    parsed = parsedate_to_datetime(pub_date)
    assert parsed == datetime.fromisoformat("2026-01-05T10:00:00+05:30")
    atom = feedparser.parse(site.text("atom.xml"))
    [entry] = [e for e in atom.entries if e.title == "Offset"]
    assert entry.published == "2026-01-05T10:00:00+05:30"
    post_page = site.html("posts/offset/")
    assert post_page.select_one(".folio-post-header time")["datetime"] == (
        "2026-01-05T10:00:00+05:30"
    )


def test_link_to_a_draft_is_left_out_with_a_warning(data_site: tuple[Site, list[str]]) -> None:
    site, messages = data_site
    links = site.html("posts/offset/").select(".folio-links a")
    assert [(a.get_text(), a["href"]) for a in links] == [("Plain", "../../posts/plain/")]
    assert "Secret draft" not in site.text("posts/offset/index.html")
    assert any(
        m.startswith("posts/offset.md: 'links' names 'posts/draft.md', which is a draft")
        for m in messages
    ), messages


def test_nul_characters_leave_author_and_series_names(data_site: tuple[Site, list[str]]) -> None:
    site, _ = data_site
    page = site.html("posts/offset/")
    assert page.select_one(".folio-author__name").get_text() == "Jane"
    assert page.select_one(".folio-author__name")["href"] == "mailto:jane@example.org"
    assert "Series" in page.select_one(".folio-series").get_text()
    for name in ("posts/offset/index.html", "feed.xml", "atom.xml", "feed.json"):
        assert "\x00" not in site.text(name) and "\\u0000" not in site.text(name), name


def test_a_post_with_a_thousand_tags_makes_a_site_that_grows_linearly(tmp_path: Path) -> None:
    tags = [f"topic {i}" for i in range(1000)]
    site = make_site(
        tmp_path,
        {"posts/many.md": post("Many", "2026-01-01", tags=tags), "posts/few.md": post("Few")},
        folio={"tag_excerpts": True},
    )
    size = sum(path.stat().st_size for path in site.out.rglob("*") if path.is_file())
    assert size < 30_000_000, size
    tag_feed = feedparser.parse(site.text("tags/topic-7/feed.xml"))
    [entry] = tag_feed.entries
    assert [term.term for term in entry.tags] == ["topic 7"]
    site_feed = feedparser.parse(site.text("feed.xml"))
    many = next(e for e in site_feed.entries if e.title == "Many")
    assert len(many.tags) == 1000  # the site's feeds still carry every category
    entry_tags = site.html("tags/topic-7/").select(".folio-entry .folio-tag")
    assert len(entry_tags) == 11
    assert entry_tags[-1].get_text() == "+990"
    assert entry_tags[-1]["href"] == "../../posts/many/"
    assert len(site.html("posts/many/").select(".folio-post-header .folio-tag")) == 1000


def test_date_offset_rounding_keeps_the_written_date() -> None:
    from zoneinfo import ZoneInfo

    from mkdocs_folio.structure.dates import parse_date

    # Before 1870 Kolkata kept local mean time, +05:53:28.
    old = parse_date("1850-01-01", ZoneInfo("Asia/Kolkata"))
    assert old.date().isoformat() == "1850-01-01" and old.isoformat().endswith("+05:53")
    assert parse_date("2026-01-01T10:00:00-05:30:45").isoformat() == "2026-01-01T10:00:00-05:31"


def test_tags_display_of_either_merged_spelling_names_the_tag() -> None:
    from mkdocs_folio.structure.tags import TagRegistry

    registry = TagRegistry({"node-js": "Node.js"})
    first = registry.intern("node.js", "posts/a.md")
    assert registry.intern("NODE-JS", "posts/b.md") is first
    assert (first.name, first.slug, len(registry)) == ("Node.js", "node-js", 1)
    [merged] = registry.merged
    assert (merged.spelling, merged.src_uri) == ("NODE-JS", "posts/b.md")


def test_link_to_a_draft_stays_under_serve(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "posts/a.md": post("A", "2026-01-01", links=["posts/draft.md"]),
        "posts/draft.md": post("Secret draft", "2026-01-02", draft=True),
    }
    site = make_site(tmp_path, files, serve=True)
    links = site.html("posts/a/").select(".folio-links a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Secret draft", "../../posts/secret-draft/")
    ]


@pytest.mark.parametrize(
    ("meta_file", "expected"),
    [
        (b"authors: [Jos\xe9]\n", "posts/.meta.yml: 'file' is not valid UTF-8 (byte 0xe9"),
        ('tags: ["\\ud800"]\n', "posts/.meta.yml: '"),
    ],
)
def test_meta_files_are_read_like_front_matter(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, meta_file: str | bytes, expected: str
) -> None:
    files: dict[str, str | bytes] = {"posts/a.md": post("A"), "posts/.meta.yml": meta_file}
    write_site(tmp_path, files, config={"plugins": ["search", "meta", "folio"]})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "\n" not in errors[0], errors
    assert errors[0].startswith(expected), errors[0]
