"""Broken and hostile input: one-line errors naming file and field, escaped output, nothing lost."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote
from xml.etree import ElementTree

import feedparser
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.exceptions import Abort

from .browser import serve_directory
from .sites import (
    Site,
    build_site,
    build_with_override,
    entry_titles,
    listed_titles,
    make_site,
    post,
    squash,
    tree_digest,
    write_site,
)

GOOD = post("Good post", "2026-01-01", tags=["ok"])

# case: (source, expected first line of the error)
BROKEN_POSTS: dict[str, tuple[str | bytes, str]] = {
    "bad_indent": (
        "---\ntitle: x\n  date: 2026-01-01\n---\n",
        "'front matter' is not valid YAML at line",
    ),
    "tab_indent": (
        "---\ntitle: x\ntags:\n\t- a\n---\n",
        "'front matter' is not valid YAML at line",
    ),
    "unclosed_quote": (
        '---\ntitle: "x\ndate: 2026-01-01\n---\n',
        "'front matter' is not valid YAML",
    ),
    "list_front_matter": ("---\n- a\n- b\n---\n# x\n", "'front matter' must be a mapping"),
    "scalar_front_matter": ("---\njust text\n---\n# x\n", "'front matter' must be a mapping"),
    "no_date": (post("x", None), "'date' is required"),
    "date_yesterday": (
        post("x", "yesterday"),
        "'date' must be a date like 2026-03-14, got 'yesterday'",
    ),
    "date_impossible": (
        "---\ndate: 2026-13-45\n---\n# x\n",
        "'date' must be a date like 2026-03-14",
    ),
    "date_number": ("---\ndate: 12\n---\n# x\n", "'date' must be a date like 2026-03-14, got 12"),
    "tags_number": ("---\ndate: 2026-01-01\ntags: 5\n---\n# x\n", "'tags' must be a list of tags"),
    "tags_mapping": ("---\ndate: 2026-01-01\ntags: {a: 1}\n---\n# x\n", "'tags' must be a list"),
    "tags_null": (
        "---\ndate: 2026-01-01\ntags: [a, null]\n---\n# x\n",
        "'tags' must contain only text",
    ),
    "tags_nested": (
        "---\ndate: 2026-01-01\ntags: [[a]]\n---\n# x\n",
        "'tags' must contain only text",
    ),
    "tags_empty": ("---\ndate: 2026-01-01\ntags: ''\n---\n# x\n", "'tags' must be a list of tags"),
    "tags_punct": (
        "---\ndate: 2026-01-01\ntags: ['!?!']\n---\n# x\n",
        "'tags' must contain tags with",
    ),
    "tags_space": (
        "---\ndate: 2026-01-01\ntags: ['   ']\n---\n# x\n",
        "'tags' must contain tags with",
    ),
    "not_utf8": (b"---\ndate: 2026-01-01\n---\n# caf\xe9\n", "'file' is not valid UTF-8"),
    "draft_text": (
        "---\ndate: 2026-01-01\ndraft: maybe\n---\n# x\n",
        "'draft' must be true or false",
    ),
}


def errors_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def warnings_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]


@pytest.mark.parametrize("case", sorted(BROKEN_POSTS))
def test_each_broken_post_gets_one_line_naming_file_and_field(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    source, expected = BROKEN_POSTS[case]
    write_site(tmp_path, {"posts/good.md": GOOD, f"posts/{case}.md": source})
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        build_site(tmp_path)
    errors = errors_of(caplog)
    assert len(errors) == 1, errors
    assert errors[0].startswith(f"posts/{case}.md: {expected}"), errors[0]
    assert "\n" not in errors[0] and "Traceback" not in errors[0]
    # Stopped before writing pages: no half-built site that looks complete.
    assert not (tmp_path / "site/index.html").exists()


def test_several_broken_posts_are_all_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_site(
        tmp_path, {"posts/a.md": post("a", "nope"), "posts/b.md": post("b", "2026-01-01", tags=5)}
    )
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path)
    lines = errors_of(caplog)[0].splitlines()
    assert [line.split(":")[0] for line in lines] == ["posts/a.md", "posts/b.md"]


def test_updated_before_date_warns_and_strict_fails(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_site(tmp_path, {"posts/a.md": post("A", "2026-02-01", updated="2026-01-01")})
    with caplog.at_level(logging.WARNING):
        build_site(tmp_path)
    assert any(
        "posts/a.md: 'updated' (2026-01-01) is earlier than 'date'" in w
        for w in warnings_of(caplog)
    )
    with pytest.raises(Abort):
        build_site(tmp_path, strict=True)


def test_duplicate_slugs_name_both_files(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    write_site(
        tmp_path,
        {
            "posts/one.md": post("Same Title", "2026-01-01"),
            "posts/two.md": post("Same title!", "2026-01-02"),
        },
    )
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path)
    [message] = errors_of(caplog)
    assert "posts/one.md" in message and "posts/two.md" in message and "'slug'" in message


def test_empty_bom_and_missing_title(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    files: dict[str, str | bytes] = {
        "posts/empty.md": "",
        "posts/bom.md": "\ufeff" + post("With BOM", "2026-01-02"),
        "posts/2026-01-03-no-title-here.md": "---\ntags: [x]\n---\n\njust a paragraph\n",
    }
    with caplog.at_level(logging.WARNING):
        site = make_site(tmp_path, files)
    assert entry_titles(site.html("")) == ["No title here", "With BOM"]
    messages = warnings_of(caplog)
    assert any("posts/empty.md: 'file' is empty" in m for m in messages)
    assert any("posts/2026-01-03-no-title-here.md: 'title' is missing" in m for m in messages)


def test_content_extremes(tmp_path: Path) -> None:
    huge_body = "## big\n\n" + ("lorem ipsum dolor sit amet " * 40 + "\n\n") * 4700
    many_tags = [f"tag{i}" for i in range(500)]
    files = {
        "posts/huge.md": post("Huge", "2026-01-01", body=huge_body),
        "posts/tags.md": post("Many tags", "2026-01-02", tags=many_tags),
        "posts/cjk.md": post("日本語のタイトル", "2026-01-03", tags=["日本語", "🦀", "עברית"]),
        "posts/rtl.md": post("مرحبا بالعالم", "2026-01-04", tags=["عربي", "Rust"]),
        "posts/spell.md": post("Spellings", "2026-01-05", tags=["RUST", " rust ", "rust"]),
    }
    assert len(huge_body.encode()) > 5_000_000
    site = make_site(tmp_path, files, config={"plugins": ["folio"]})
    assert len(site.html("tags/").select(".folio-tag-index li")) == 500 + 5
    assert site.html("tags/rust/").select_one("h1").get_text() == "#Rust"
    assert listed_titles(site.html("tags/rust/")) == ["Spellings", "مرحبا بالعالم"]
    spell = site.html("posts/spellings/")
    assert [a.get_text() for a in spell.select(".folio-post-header .folio-tag")] == ["#Rust"]
    assert (site.out / "posts/日本語のタイトル/index.html").exists()
    crab = [li for li in site.html("tags/").select(".folio-tag-index li") if "🦀" in li.get_text()]
    assert crab and "tags/tag-" in crab[0].select_one("a")["href"]
    huge_entry = site.html("").select(".folio-entry")[-1]
    assert len(squash(huge_entry.select_one(".folio-entry__excerpt").get_text())) <= 143


def test_missing_or_empty_posts_dir(tmp_path: Path) -> None:
    site = make_site(tmp_path / "none", {"index.md": "# Hi\n"})
    assert squash(site.html("").select_one(".folio-empty").get_text()) == "No posts yet."
    (tmp_path / "empty/docs/posts").mkdir(parents=True)
    site = make_site(tmp_path / "empty", {"index.md": "# Hi\n"})
    assert squash(site.html("").select_one(".folio-empty").get_text()) == "No posts yet."


def test_unknown_front_matter_keys_are_kept_for_templates(tmp_path: Path) -> None:
    site = build_with_override(
        tmp_path,
        {"posts/a.md": post("A", "2026-01-01", mood="cheerful", rating=5)},
        "folio/partials/entry.html",
        '<p class="mood">{{ post.meta.mood }} {{ post.meta.rating }}</p>',
    )
    assert site.html("").select_one(".mood").get_text() == "cheerful 5"


PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "</script>",
    "]]>",
    "{{ 7*7 }}",
    "&amp;",
    "nul\x00byte",
]


def hostile_site(root: Path) -> Any:
    files: dict[str, str | bytes] = {"index.md": "# Home\n"}
    for i, payload in enumerate(PAYLOADS):
        files[f"posts/p{i}.md"] = post(
            f"{payload} title {i}",
            f"2026-01-{i + 1:02d}",
            tags=[f"{payload} tag"],
            description=f"{payload} description",
            slug=f"{payload}" if i else "../../etc/passwd",
            authors=[],
        )
    files["posts/vec.md"] = post("Vec<T> & friends", "2026-02-01", tags=["Vec<T>"])
    return make_site(root, files)


def test_hostile_strings_never_become_markup(tmp_path: Path) -> None:
    site = hostile_site(tmp_path)
    for page in ["", "tags/", "archive/", "archive/2026/", "posts/vec-t-and-friends/"]:
        soup = site.html(page)
        assert not soup.select(".md-content img, .md-content script"), page
        assert "{{ 7*7 }}" not in str(soup) or "49 title" not in soup.get_text()
    home = site.html("")
    titles = entry_titles(home)
    assert "Vec<T> & friends" in titles
    assert "<script>alert(1)</script> title 0" in titles
    assert "nulbyte title 6" in titles
    vec = site.html("posts/vec-t-and-friends/")
    assert vec.select_one("title").get_text().startswith("Vec<T> & friends")
    assert vec.select_one("h1").get_text() == "Vec<T> & friends"
    topic = vec.select_one("[data-md-component=header-topic] .md-ellipsis")
    assert topic.get_text(strip=True) == "Vec<T> & friends"
    # Slugs are safe, and nothing escaped site_dir.
    assert (site.out / "posts/etc-passwd/index.html").exists()
    assert not (tmp_path / "etc").exists()
    written = {p.resolve() for p in site.out.rglob("*")}
    assert all(str(p).startswith(str(site.out.resolve())) for p in written)


def test_hostile_strings_in_the_indexes(tmp_path: Path) -> None:
    site = hostile_site(tmp_path)
    search = json.loads(site.text("search/search_index.json"))["docs"]
    for doc in search:
        if doc["location"].startswith("posts/"):
            for field in ("title", "text"):
                assert "<script" not in doc[field] and "<img" not in doc[field]
            assert all("<" not in tag for tag in doc.get("tags", []))
    palette = json.loads(site.text("assets/folio/index.json"))
    assert "Vec<T> & friends" in [row[0] for row in palette["posts"]]


def test_hostile_strings_in_feeds_stay_parseable(tmp_path: Path) -> None:
    site = hostile_site(tmp_path)
    for name in ("feed.xml", "atom.xml"):
        path = site.out / name
        if not path.exists():
            pytest.skip("feeds are not generated in this build")
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert "Vec<T> & friends" in [entry.title for entry in parsed.entries]


@pytest.mark.browser
def test_no_dialog_fires_anywhere(tmp_path: Path, page: Any) -> None:
    site = hostile_site(tmp_path)
    with serve_directory(site.out) as base:
        for path in ["", "tags/", "archive/", "posts/vec-t-and-friends/", "posts/etc-passwd/"]:
            page.goto(base + path)
        page.goto(base)
        page.keyboard.press("Control+k")
        page.fill(".folio-palette__input", "title")
        page.wait_for_timeout(300)
        assert page.locator(".folio-palette img").count() == 0
        assert page.dialogs == []


front_matter_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=30)
    | st.dates().map(str),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    meta=st.dictionaries(
        st.sampled_from(
            [
                "title",
                "date",
                "updated",
                "tags",
                "description",
                "draft",
                "slug",
                "pin",
                "authors",
                "x",
            ]
        ),
        front_matter_values,
        max_size=6,
    )
)
def test_random_front_matter_builds_or_fails_cleanly(
    tmp_path_factory: pytest.TempPathFactory, meta: dict[str, Any]
) -> None:
    import yaml

    root = tmp_path_factory.mktemp("prop")
    source = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n## body\n\ntext\n"
    write_site(root, {"posts/random.md": source}, config={"plugins": ["folio"]})
    handler = _Collect()
    logging.getLogger("mkdocs").addHandler(handler)
    try:
        build_site(root)
    except Abort:
        assert handler.errors and handler.errors[0].startswith("posts/random.md: '"), handler.errors
    finally:
        logging.getLogger("mkdocs").removeHandler(handler)


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.errors: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.errors.append(record.getMessage())


def test_thirty_serve_cycles_match_the_sources_without_growing(tmp_path: Path) -> None:
    # In a process of its own, so that no other test's threads (Playwright's) are measured.
    done = subprocess.run(
        [sys.executable, "-m", "tests.serve_cycles", str(tmp_path)],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    sizes = json.loads(done.stdout.strip().splitlines()[-1])
    assert len(sizes) == 20
    # Memory held between builds stays flat: no per-build state accumulates.
    assert sizes[-1] < sizes[0] * 1.5 + 2_000_000, sizes


def test_docs_untouched_by_a_real_serve_session(tmp_path: Path) -> None:
    import time
    import urllib.request

    from .browser import free_port

    write_site(tmp_path, {"posts/a.md": post("A", tags=["x"]), "index.md": "# Home\n"})
    before = tree_digest(tmp_path / "docs")
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dev-addr",
            f"127.0.0.1:{port}",
            "--no-livereload",
        ],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/posts/a/") as response:
                    assert b"folio-post-header" in response.read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert tree_digest(tmp_path / "docs") == before


# Hostile configs and posts, each built in a folder surrounded by sentinel files. -------------


@dataclass(frozen=True)
class Hostile:
    """A hostile or careless input, and what the build must do with it."""

    files: dict[str, str | bytes]
    folio: dict[str, Any] | None = None
    error: str | None = None
    """Text of the one-line error; None when the site must build."""
    setup: Callable[[Path], None] | None = None
    """Prepares docs/ in ways file contents cannot (symbolic links)."""
    check: Callable[[Site], None] | None = None


ONE_POST: dict[str, str | bytes] = {"posts/a.md": post("A", "2026-01-01", tags=["rust"])}


def option_error(option: str) -> str:
    return f"Plugin 'folio' option '{option}': "


def _bad_option(option: str, value: Any) -> Hostile:
    return Hostile(ONE_POST, {option: value}, option_error(option))


def _dangling_link(root: Path) -> None:
    (root / "docs/posts/gone.md").symlink_to(root / "docs/posts/missing.md")


def _long_names_fit(site: Site) -> None:
    for path in site.out.rglob("*"):
        assert len(path.name.encode()) <= 255, path.name
    assert len(entry_titles(site.html(""))) == 4


def _file_urls_work(site: Site) -> None:
    home = site.html("")
    hrefs = [a["href"] for a in home.select(".folio-entry__title a")]
    assert sorted(hrefs) == ["100/", "c-sharp-tips/", "javascript-alert-document-domain/", "why/"]
    for href in hrefs:
        assert (site.out / href / "index.html").is_file(), href
    palette = json.loads(site.text("assets/folio/index.json"))
    assert sorted(row[1] for row in palette["posts"]) == sorted(hrefs)


def _numbers_as_tag_names(site: Site) -> None:
    tags = site.html("tags/").select(".folio-tag-index a")
    assert sorted(a.get_text(strip=True).casefold() for a in tags) == ["#123", "#year"]


AUTHORED: dict[str, str | bytes] = {"posts/a.md": post("A", "2026-01-01", authors=["jane"])}


def _authors(source: str | bytes) -> dict[str, str | bytes]:
    return {**AUTHORED, "authors.yml": source}


def _safe_urls_everywhere(site: Site) -> None:
    page = site.html("posts/a/")
    assert page.select_one(".folio-author__name")["href"] == "mailto:jane@example.org"
    assert page.select_one(".folio-author__avatar")["src"] == "../../img/jane.png"
    assert [a["href"] for a in page.select(".folio-links a")] == [
        "https://example.org/docs",
        "../../about/",
    ]
    atom = ElementTree.parse(site.out / "atom.xml")
    uris = [node.text for node in atom.iter("{http://www.w3.org/2005/Atom}uri")]
    assert uris == ["mailto:jane@example.org"]
    [item] = json.loads(site.text("feed.json"))["items"]
    assert item["authors"] == [
        {
            "name": "Jane",
            "url": "mailto:jane@example.org",
            "avatar": "https://blog.example.org/img/jane.png",
        }
    ]
    ld = json.loads(page.select_one('script[type="application/ld+json"]').string)
    assert ld["author"][0]["url"] == "mailto:jane@example.org"


def _tags_merged(site: Site) -> None:
    assert listed_titles(site.html("tags/cafe/")) == ["B", "A"]
    feed = feedparser.parse(site.text("tags/cafe/feed.xml"))
    assert sorted(entry.title for entry in feed.entries) == ["A", "B"]


def _tag_feeds_reachable(site: Site) -> None:
    for slug in ("日本語", "привет", "عربي", "עברית"):
        for link in site.html(f"tags/{slug}/").select('link[rel~="feed"]'):
            target = site.out / "tags" / slug / unquote(link["href"])
            assert target.resolve().is_file(), link["href"]


def _excerpt_closed(site: Site) -> None:
    entries = site.html("").select(".folio-entry")
    assert len(entries) == 2 and entries[0].parent is entries[1].parent


def _offset_in_minutes(site: Site) -> None:
    assert "<pubDate>Thu, 01 Jan 2026 10:00:00 +0530</pubDate>" in site.text("feed.xml")


def _draft_not_linked(site: Site) -> None:
    assert site.html("posts/a/").select(".folio-links a") == []
    assert not (site.out / "posts/secret").exists()


HOSTILE: dict[str, Hostile] = {
    # URLs from front matter and the authors file: no scheme that runs or embeds code.
    "link_javascript": Hostile(
        {"posts/a.md": post("A", links=["javascript:alert(document.domain)"])},
        error="posts/a.md: 'links' entry 'javascript:alert(document.domain)' uses the"
        " 'javascript:' scheme",
    ),
    "link_upper_case": Hostile(
        {"posts/a.md": post("A", links=[{"Docs": "JaVaScRiPt:alert(1)"}])},
        error="posts/a.md: 'links' entry {'Docs': 'JaVaScRiPt:alert(1)'} uses the 'javascript:'",
    ),
    "link_data": Hostile(
        {"posts/a.md": post("A", links=[{"Docs": "data:text/html,<script>alert(1)</script>"}])},
        error="posts/a.md: 'links' entry {'Docs': 'data:text/html,",
    ),
    "link_vbscript_leading_space": Hostile(
        {"posts/a.md": post("A", links=["  vbscript:msgbox(1)"])},
        error="posts/a.md: 'links' entry '  vbscript:msgbox(1)' uses the 'vbscript:' scheme",
    ),
    "link_other_scheme": Hostile(
        {"posts/a.md": post("A", links=["ftp://files.example.org/"])},
        error="uses the 'ftp:' scheme; only http:, https:, mailto: and relative URLs",
    ),
    "link_tab": Hostile(
        {"posts/a.md": post("A", links=[{"Docs": "java\tscript:alert(1)"}])},
        error="posts/a.md: 'links' entry {'Docs': 'java\\tscript:alert(1)'} contains a control",
    ),
    "link_control_character": Hostile(
        {"posts/a.md": post("A", links=["\x01javascript:alert(1)"])},
        error="posts/a.md: 'links' entry '\\x01javascript:alert(1)' contains a control",
    ),
    "link_empty": Hostile(
        {"posts/a.md": post("A", links=[{"a": ""}])},
        error="posts/a.md: 'links' entry {'a': ''} is empty",
    ),
    "author_url_script": Hostile(
        _authors("jane: {name: Jane, url: ' vbscript:msgbox(1)'}\n"),
        error="docs/authors.yml: 'url' of author 'jane' ('vbscript:msgbox(1)') uses the"
        " 'vbscript:' scheme",
    ),
    "author_url_tab": Hostile(
        _authors('jane: {name: Jane, url: "java\\tscript:alert(1)"}\n'),
        error="docs/authors.yml: 'url' of author 'jane' ('java\\tscript:alert(1)') contains",
    ),
    "author_avatar_data": Hostile(
        _authors("jane: {name: Jane, avatar: 'data:image/svg+xml,<svg onload=alert(1)>'}\n"),
        error="docs/authors.yml: 'avatar' of author 'jane' ('data:image/svg+xml,",
    ),
    "authors_not_utf8": Hostile(
        _authors(b"jane: {name: Jos\xe9}\n"),
        error="docs/authors.yml: 'file' is not valid UTF-8 (byte 0xe9 at offset 16)",
    ),
    "authors_lone_surrogate": Hostile(
        _authors('jane: {name: "x\\ud800"}\n'), error="docs/authors.yml: '"
    ),
    "safe_urls": Hostile(
        {
            **_authors(
                "jane: {name: \"Ja\\0ne\", url: 'mailto:jane@example.org', avatar: img/jane.png}\n"
            ),
            "posts/a.md": post(
                "A", authors=["jane"], links=[{"Docs": "https://example.org/docs"}, "about.md"]
            ),
            "about.md": "# About\n",
        },
        check=_safe_urls_everywhere,
    ),
    # Data that lost posts, or made links to nothing.
    "tags_same_slug": Hostile(
        {
            "posts/a.md": post("A", "2026-01-01", tags=["café"]),
            "posts/b.md": post("B", "2026-01-02", tags=["cafe"]),
        },
        check=_tags_merged,
    ),
    "non_ascii_tag_feeds": Hostile(
        {"posts/a.md": post("A", tags=["日本語", "Привет", "عربي", "עברית"])},
        check=_tag_feeds_reachable,
    ),
    "excerpt_cut_in_table_cell": Hostile(
        {
            "posts/a.md": post(
                "A", "2026-01-01", body="<table><tr><td>x <!-- more --> y</td></tr></table>\n"
            ),
            "posts/b.md": post("B", "2026-01-02"),
        },
        check=_excerpt_closed,
    ),
    "offset_with_seconds": Hostile(
        {"posts/a.md": post("A", "2026-01-01T10:00:00+05:30:15")}, check=_offset_in_minutes
    ),
    "link_to_draft": Hostile(
        {
            "posts/a.md": post("A", "2026-01-01", links=["posts/secret.md"]),
            "posts/secret.md": post("Secret", "2026-01-02", draft=True),
        },
        check=_draft_not_linked,
    ),
    # Folders and URLs that would leave site_dir, or read as a URL scheme.
    "tags_dir_root": _bad_option("tags_dir", "/"),
    "tags_dir_empty": _bad_option("tags_dir", ""),
    "tags_dir_dot": _bad_option("tags_dir", "."),
    "tags_dir_up": _bad_option("tags_dir", "../out"),
    "tags_dir_absolute": _bad_option("tags_dir", "/tmp/tags"),
    "tags_dir_drive": _bad_option("tags_dir", "C:\\tags"),
    "tags_dir_bare_drive": _bad_option("tags_dir", "C:"),
    "tags_dir_backslash": _bad_option("tags_dir", "a\\b"),
    "tags_dir_encoded_dots": _bad_option("tags_dir", "%2e%2e/x"),
    "tags_dir_encoded_slash": _bad_option("tags_dir", "..%2fx"),
    "tags_dir_query": _bad_option("tags_dir", "tags?x=1"),
    "tags_dir_fragment": _bad_option("tags_dir", "tags#x"),
    "tags_dir_scheme": _bad_option("tags_dir", "javascript:alert(1)"),
    "archive_dir_root": _bad_option("archive_dir", "/"),
    "archive_dir_up": _bad_option("archive_dir", "a/../../x"),
    "posts_dir_root": _bad_option("posts_dir", "/"),
    "posts_dir_up": _bad_option("posts_dir", "../posts"),
    "listing_page_empty": _bad_option("listing_page", ""),
    "listing_page_root": _bad_option("listing_page", "/"),
    "listing_page_dot": _bad_option("listing_page", "."),
    "listing_page_up": _bad_option("listing_page", "../index.md"),
    "listing_page_folder": _bad_option("listing_page", "blog/"),
    "authors_file_up": _bad_option("authors_file", "../secrets.yml"),
    "url_scheme": _bad_option("post_url_format", "javascript:{slug}"),
    "url_drive": _bad_option("post_url_format", "C:\\{slug}"),
    "url_up": _bad_option("post_url_format", "../../{slug}/"),
    "url_absolute": _bad_option("post_url_format", "/{slug}/"),
    "url_encoded_dots": _bad_option("post_url_format", "%2e%2e/{slug}/"),
    "url_query": _bad_option("post_url_format", "posts/{slug}?x"),
    # Strings that break formatting.
    "strings_open_brace": _bad_option("strings", {"reading_time": "{minutes} min {"}),
    "strings_positional": _bad_option("strings", {"reading_time": "{0}"}),
    "strings_conversion": _bad_option("strings", {"post_count": "{count!z}"}),
    "strings_huge_width": _bad_option("strings", {"reading_time": "{minutes:99999999999}"}),
    "strings_not_text": _bad_option("strings", {"draft": ["a"]}),
    "palette_strings": Hostile(ONE_POST, {"palette": {"strings": {"results": "{0}"}}}, "'strings'"),
    # Display names that are not text; numbers are text enough.
    "tags_display_null": _bad_option("tags_display", {"rust": None}),
    "tags_display_numbers": Hostile(
        {"posts/a.md": post("A", "2026-01-01", tags=["rust", "2024"])},
        {"tags_display": {"rust": 123, 2024: "Year"}},
        check=_numbers_as_tag_names,
    ),
    # Posts that would be published by a typo, or crash the build.
    "unclosed_front_matter": Hostile(
        {**ONE_POST, "posts/b.md": "---\ntitle: Secret\ndraft: true\n\n# Secret plans\n"},
        error="posts/b.md: 'front matter' opens with '---' but is never closed",
    ),
    "mistyped_closing": Hostile(
        {**ONE_POST, "posts/b.md": "---\ntitle: Secret\ndraft: true\n--\n\n# Secret plans\n"},
        error="posts/b.md: 'front matter' opens with '---' but is never closed",
    ),
    "dangling_symlink": Hostile(
        ONE_POST,
        error="posts/gone.md: 'file' is a symbolic link to a file that does not exist",
        setup=_dangling_link,
    ),
    "long_names": Hostile(
        {
            "posts/a.md": post("t" * 300, "2026-01-01"),
            "posts/b.md": post("日本語" * 29, "2026-01-02", tags=["long " * 80]),
            "posts/c.md": post("C", "2026-01-03", slug="s" * 400, tags=["x" * 300]),
            "posts/d.md": post("t" * 299 + "u", "2026-01-04"),
        },
        check=_long_names_fit,
    ),
    "long_names_flat_urls": Hostile(
        {"posts/a.md": post("t" * 300, "2026-01-01", tags=["x" * 300])},
        {"tag_excerpts": True},
        check=lambda site: None,
    ),
    "file_field_names": Hostile(
        {
            "posts/javascript:alert(document.domain)<!--.md": post("Innocent", "2026-01-01"),
            "posts/c#-tips.md": post("Sharp", "2026-01-02"),
            "posts/why?.md": post("Why", "2026-01-03"),
            "posts/100%.md": post("Percent", "2026-01-04"),
        },
        {"post_url_format": "{file}/"},
        check=_file_urls_work,
    ),
}

_SCRIPT_URL = re.compile(r"^\s*(?:javascript|data|vbscript)\s*:", re.IGNORECASE)
_URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "srcset")


def script_urls(site_dir: Path) -> list[str]:
    """Every href/src-like value in the site's HTML, XML and JSON that would run or embed code."""
    found: list[str] = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix == ".html":
            soup = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
            for element in soup.find_all(True):
                values = [element.get(a) for a in _URL_ATTRIBUTES]
                if element.name == "meta":
                    values.append(element.get("content"))
                found += [f"{path.name}: {v}" for v in values if v and _SCRIPT_URL.match(str(v))]
        elif path.suffix == ".xml":
            for node in ElementTree.parse(path).iter():
                for value in [node.text or "", *node.attrib.values()]:
                    if _SCRIPT_URL.match(value):
                        found.append(f"{path.name}: {value}")
        elif path.suffix == ".json":
            found += [
                f"{path.name}: {value}"
                for value in _strings_in(json.loads(path.read_text(encoding="utf-8")))
                if _SCRIPT_URL.match(value)
            ]
    return found


def _strings_in(data: Any) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in _strings_in(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings_in(value)]
    return []


def outside_site(folder: Path) -> dict[str, str]:
    return {
        k: v for k, v in tree_digest(folder).items() if not k.startswith("around/project/site/")
    }


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_fails_in_one_line_or_builds_safely(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    hostile = HOSTILE[case]
    root = tmp_path / "around/project"
    # Sentinels in every folder a path could climb to from site_dir.
    for sentinel in ("sentinel.txt", "around/sentinel.txt", "around/project/docs/../x.txt"):
        (tmp_path / sentinel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / sentinel).write_text("untouched", encoding="utf-8")
    write_site(root, hostile.files, config={"plugins": ["search", "folio"]}, folio=hostile.folio)
    if hostile.setup is not None:
        hostile.setup(root)
    before = outside_site(tmp_path)
    site: Site | None = None
    with caplog.at_level(logging.ERROR), contextlib.suppress(Abort):
        site = build_site(root)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert outside_site(tmp_path) == before, "a file outside site_dir was written or changed"
    if hostile.error is None:
        assert site is not None and errors == [], errors
        assert script_urls(site.out) == []
        if hostile.check is not None:
            hostile.check(site)
        return
    assert site is None, "the build went through"
    assert len(errors) == 1 and "\n" not in errors[0], errors
    assert "Traceback" not in errors[0]
    assert hostile.error in errors[0], errors[0]


def test_an_unreadable_post_is_one_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mkdocs.structure.files import File

    # chmod cannot make a file unreadable for root, who runs CI: fail the read itself.
    original = File.content_string.fget
    assert original is not None

    def read(file: File) -> str:
        if file.src_uri == "posts/locked.md":
            raise PermissionError(13, "Permission denied")
        return str(original(file))

    monkeypatch.setattr(File, "content_string", property(read, File.content_string.fset))
    write_site(tmp_path, {**ONE_POST, "posts/locked.md": post("Locked")})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path)
    [error] = errors_of(caplog)
    assert error == "posts/locked.md: 'file' cannot be read (Permission denied); fix or remove it"
