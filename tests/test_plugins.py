"""folio built together with the plugins docs sites use, each installed for real.

One docs site carries Material's `tags`, `meta` and `social`, macros, awesome-nav, redirects,
git-revision-date-localized, mkdocstrings and minify; a second one Material's `offline`
(which changes the URL style). Each is built with `--strict` with and without folio: the site's
own pages must come out the same, and folio's pages must work. mkdocs-static-i18n has its own
tests in test_i18n.py.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import feedparser
import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort
from PIL import Image

from mkdocs_folio.placement import root_class, shows_class

from .sites import Site, build_site, entry_titles, listed_titles, post, write_site

FONT_FAMILY = "DejaVu Sans"
FONT_FILES = {
    "Regular": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "Bold": "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
}

POSTS = {
    "posts/hello.md": post(
        "Hello plugins",
        "2026-01-02",
        tags=["rust"],
        body="Hello, see [the usage guide](../guide/usage.md).\n\n## More\n\nMore words.",
    ),
    "posts/second.md": post("Second post", "2026-01-05", tags=["linux"], body="Second words."),
    "posts/covered.md": post(
        "Covered post", "2025-12-20", tags=["linux"], image="images/cover.png", body="Words."
    ),
}
DOCS = {
    "index.md": "# Welcome\n\nThis is {{ project }}.\n\n<!-- folio:posts -->\n",
    "guide/usage.md": "# Usage\n\nRun it {{ 2 + 3 }} times, then read the [API](api.md).\n",
    "guide/api.md": "# API\n\n::: tinymod\n",
    "guide/.meta.yml": "tags: [guide]\n",
    ".nav.yml": "nav:\n  - index.md\n  - Guide: guide\n",
}
TINY_MODULE = '''def add(a: int, b: int) -> int:
    """Add two numbers, the tiny module's only function."""
    return a + b
'''
PLUGINS: list[Any] = [
    "search",
    "tags",
    "meta",
    "macros",
    "awesome-nav",
    {"redirects": {"redirect_maps": {"old.md": "guide/usage.md"}}},
    {"git-revision-date-localized": {"fallback_to_build_date": True}},
    {"mkdocstrings": {"handlers": {"python": {"paths": ["src"]}}}},
    {"social": {"cards_layout_options": {"font_family": FONT_FAMILY}}},
    {"minify": {"minify_html": True}},
]
USER_PAGES = ["guide/usage/", "guide/api/"]


@dataclass
class Pair:
    """The same site built with folio and without it."""

    folio: Site
    plain: Site


def _docs_site(root: Path, *, folio: bool) -> Site:
    plugins = [*PLUGINS, "folio"] if folio else PLUGINS
    files = {**DOCS, **POSTS} if folio else DOCS
    write_site(root, files, {"plugins": plugins, "extra": {"project": "Combo project"}})
    (root / "docs/images").mkdir()
    Image.new("RGB", (40, 20), "teal").save(root / "docs/images/cover.png")
    (root / "src").mkdir()
    (root / "src/tinymod.py").write_text(TINY_MODULE, encoding="utf-8")
    # The social plugin downloads its fonts unless they are in its cache: give it a local one.
    fonts = root / ".cache/plugin/social/fonts" / FONT_FAMILY
    fonts.mkdir(parents=True)
    for style, path in FONT_FILES.items():
        shutil.copy(path, fonts / f"{style}.ttf")
    # git-revision-date-localized reads the dates of the last commits.
    git = ["git", "-c", "user.name=Folio Tests", "-c", "user.email=tests@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run(
        [*git, "commit", "-q", "-m", "site", "--date", "2026-01-10T12:00:00Z"],
        cwd=root,
        check=True,
        env={"GIT_COMMITTER_DATE": "2026-01-10T12:00:00Z", "PATH": "/usr/bin:/bin"},
    )
    return build_site(root, strict=True)


@pytest.fixture(scope="module")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    missing = [path for path in FONT_FILES.values() if not Path(path).is_file()]
    if missing:
        pytest.fail(f"the social plugin test needs {missing}: run 'make social-deps'")
    return Pair(
        folio=_docs_site(tmp_path_factory.mktemp("plugins-folio"), folio=True),
        plain=_docs_site(tmp_path_factory.mktemp("plugins-plain"), folio=False),
    )


def _article(site: Site, path: str) -> str:
    article = site.html(path).select_one("article")
    assert article is not None, path
    return str(article)


def test_the_site_own_pages_are_unchanged(docs_site: Pair) -> None:
    for path in USER_PAGES:
        assert _article(docs_site.folio, path) == _article(docs_site.plain, path), path
    api = docs_site.folio.html("guide/api/").get_text()
    assert "Add two numbers, the tiny module's only function." in api  # mkdocstrings
    usage = docs_site.folio.html("guide/usage/")
    assert "Run it 5 times" in usage.get_text()  # macros
    assert [a.get_text(strip=True) for a in usage.select(".md-tag")] == ["guide"]  # meta, tags
    assert "2026" in usage.select_one(".git-revision-date-localized-plugin").get_text()
    # redirects: the same redirect page, with and without folio.
    assert docs_site.folio.text("old/index.html") == docs_site.plain.text("old/index.html")
    # awesome-nav's nav, with folio's pages added after it.
    plain_nav = [a.get_text(strip=True) for a in docs_site.plain.html("").select(".md-nav__link")]
    folio_nav = [a.get_text(strip=True) for a in docs_site.folio.html("").select(".md-nav__link")]
    assert [title for title in folio_nav if title in plain_nav] == plain_nav


def test_search_keeps_every_entry_of_the_site(docs_site: Pair) -> None:
    def locations(site: Site) -> set[str]:
        index = json.loads(site.text("search/search_index.json"))
        return {doc["location"] for doc in index["docs"]}

    plain, folio = locations(docs_site.plain), locations(docs_site.folio)
    assert plain <= folio
    assert "posts/hello-plugins/" in folio


def test_folio_pages_work_among_the_plugins(docs_site: Pair) -> None:
    site = docs_site.folio
    home = site.html("")
    assert "This is Combo project." in home.get_text()
    assert entry_titles(home) == ["Second post", "Hello plugins", "Covered post"]
    assert listed_titles(site.html("tags/rust/")) == ["Hello plugins"]
    assert listed_titles(site.html("archive/")) == ["Second post", "Hello plugins", "Covered post"]
    hello = site.html("posts/hello-plugins/")
    link = hello.select_one('article a[href*="usage"]')
    assert link is not None and link["href"] == "../../guide/usage/"
    assert "2026" in hello.select_one(".git-revision-date-localized-plugin").get_text()
    feed = feedparser.parse(site.text("feed.xml"))
    assert [entry.title for entry in feed.entries] == [
        "Second post",
        "Hello plugins",
        "Covered post",
    ]
    index = json.loads(site.text("assets/folio/index.json"))
    assert [entry[0] for entry in index["posts"]] == [
        "Second post",
        "Hello plugins",
        "Covered post",
    ]


def _sharing_meta(soup: BeautifulSoup) -> Counter[str]:
    keys = (tag.get("property") or tag.get("name") or "" for tag in soup.select("head meta"))
    return Counter(str(key) for key in keys if str(key).startswith(("og:", "twitter:")))


def test_social_cards_and_folio_share_one_set_of_tags(docs_site: Pair) -> None:
    site = docs_site.folio
    pages = sorted(site.out.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        repeated = {key: n for key, n in _sharing_meta(soup).items() if n > 1}
        assert not repeated, f"{page.relative_to(site.out)}: {repeated}"

    def content(key: str, path: str = "posts/hello-plugins/") -> str:
        tag = site.html(path).select_one(f'head meta[property="{key}"], head meta[name="{key}"]')
        assert tag is not None, key
        return str(tag["content"])

    card = "https://blog.example.org/assets/images/social/posts/hello-plugins.png"
    assert content("og:image") == card
    assert (site.out / "assets/images/social/posts/hello-plugins.png").is_file()
    assert content("og:type") == "article"
    assert content("og:title") == "Hello plugins"
    assert content("twitter:card") == "summary_large_image"
    # A post's own image wins over its social card.
    covered = "posts/covered-post/"
    assert content("og:image", covered) == "https://blog.example.org/images/cover.png"
    assert content("twitter:image", covered) == "https://blog.example.org/images/cover.png"
    assert content("og:image:width", covered) == "40"


@pytest.fixture(scope="module")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    def build(root: Path, *, folio: bool) -> Site:
        plugins = ["search", "offline", *(["folio"] if folio else [])]
        files = {"about.md": "# About\n\nAbout us, [the guide](guide.md).\n", "guide.md": "# Guide"}
        if folio:
            files |= {
                name: text.replace("../guide/usage.md", "../guide.md")
                for name, text in POSTS.items()
                if name != "posts/covered.md"
            }
        write_site(root, files, {"plugins": plugins})
        return build_site(root, strict=True)

    return Pair(
        folio=build(tmp_path_factory.mktemp("offline-folio"), folio=True),
        plain=build(tmp_path_factory.mktemp("offline-plain"), folio=False),
    )


def test_offline_plugin(offline_site: Pair) -> None:
    # `offline` switches to page.html URLs, which work from the file system.
    for path in ["about.html", "guide.html"]:
        assert _article(offline_site.folio, path) == _article(offline_site.plain, path)
    site = offline_site.folio
    home = site.html("index.html")
    assert [a["href"] for a in home.select(".folio-entry__title a")] == [
        "posts/second-post.html",
        "posts/hello-plugins.html",
    ]
    assert listed_titles(site.html("tags/rust.html")) == ["Hello plugins"]
    link = site.html("posts/hello-plugins.html").select_one('article a[href*="guide"]')
    assert link is not None and link["href"] == "../guide.html"


HOME_TEMPLATE = """{% extends "main.html" %}
{% block tabs %}{{ super() }}<section class="landing"><h1>Our project</h1></section>{% endblock %}
{% block content %}{% endblock %}
"""


def test_a_landing_template_that_drops_the_listing_is_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    files = {
        "index.md": "---\ntemplate: home.html\n---\n\n# Welcome\n",
        "blog.md": "# Blog\n\n<!-- folio:posts -->\n",
        **{name: text for name, text in POSTS.items() if name != "posts/covered.md"},
        "guide/usage.md": "# Usage\n",
    }
    config = {"theme": {"name": "material", "custom_dir": "overrides"}}
    write_site(tmp_path / "home", files, config)
    (tmp_path / "home/overrides").mkdir()
    (tmp_path / "home/overrides/home.html").write_text(HOME_TEMPLATE, encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        build_site(tmp_path / "home")
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(warnings) == 1, warnings
    assert "index.md: its template 'home.html' does not print the page content" in warnings[0]
    assert "<!-- folio:posts -->" in warnings[0]
    assert "\n" not in warnings[0]

    # The fix from the message: the listing on a page of its own, no warning.
    write_site(tmp_path / "fixed", files, config, folio={"listing_page": "blog.md"})
    (tmp_path / "fixed/overrides").mkdir()
    (tmp_path / "fixed/overrides/home.html").write_text(HOME_TEMPLATE, encoding="utf-8")
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        fixed = build_site(tmp_path / "fixed", strict=True)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert entry_titles(fixed.html("blog/")) == ["Second post", "Hello plugins"]


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ('<html><head></head><body><div class="folio-listing">x</div></body></html>', True),
        ("<html><head></head><body><div class=folio-listing>x</div></body></html>", True),
        ('<html><head></head><body><div class="a folio-listing b">x</div></body></html>', True),
        ('<html><head></head><body><div class="folio-listing-x">x</div></body></html>', False),
        ('<html><head><meta class="folio-listing"></head><body></body></html>', False),
    ],
)
def test_listing_found_in_written_page(page: str, shown: bool) -> None:
    assert root_class('<div class="folio-listing"><p class="folio-empty">') == "folio-listing"
    assert root_class("") is None
    assert shows_class(page, "folio-listing") is shown


MATERIAL_TAGS_SITE = {
    "tags.md": "# Tags\n\nEvery page by tag.\n\n<!-- material/tags -->\n",
    "archive.md": "# Archive\n\nOld releases of the project.\n",
    "guide.md": "---\ntags: [guide]\n---\n\n# Guide\n\nRead me.\n",
    **{name: text for name, text in POSTS.items() if name != "posts/covered.md"},
}


def _material_tags_site(root: Path, folio: dict[str, Any] | None = None) -> Path:
    files = {
        name: text.replace("../guide/usage.md", "../guide.md")
        for name, text in MATERIAL_TAGS_SITE.items()
    }
    return write_site(root, files, {"plugins": ["search", "tags", "folio"]}, folio=folio)


def test_material_tags_index_and_your_archive_stay_yours(tmp_path: Path) -> None:
    site = build_site(_material_tags_site(tmp_path), strict=True)
    # The user's tags.md is still Material's tags index, where Material's chips lead.
    tags = site.html("tags/")
    assert "Every page by tag." in tags.get_text()
    chip = site.html("guide/").select_one("a.md-tag")
    assert chip is not None and chip["href"] == "../tags/#tag:guide"
    assert tags.select_one('[id="tag:guide"]') is not None
    assert "Old releases of the project." in site.html("archive/").get_text()
    assert not site.html("archive/").select(".folio-archive")
    # folio's own pages moved under the blog's folder.
    assert [a.get_text(strip=True) for a in site.html("posts/tags/").select(".folio-tag-index a")]
    assert listed_titles(site.html("posts/tags/rust/")) == ["Hello plugins"]
    assert listed_titles(site.html("posts/archive/")) == ["Second post", "Hello plugins"]
    index = json.loads(site.text("assets/folio/index.json"))
    assert index["links"]["tags"] == "posts/tags/"
    assert index["links"]["archive"] == "posts/archive/"


def test_a_chosen_tags_dir_on_your_page_is_a_one_line_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _material_tags_site(tmp_path, folio={"tags_dir": "tags"})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1 and "\n" not in errors[0]
    assert "tags.md" in errors[0] and "tags_dir" in errors[0]


def test_offline_sites_get_the_palette_index_as_a_script(offline_site: Pair) -> None:
    site = offline_site.folio
    script = site.text("assets/folio/index.js")
    assert script.startswith("window.__folioPaletteData=")
    data = json.loads(script.removeprefix("window.__folioPaletteData=").rstrip().rstrip(";"))
    assert data == json.loads(site.text("assets/folio/index.json"))
    tags = site.html("posts/hello-plugins.html").select('head script[src$="folio/index.js"]')
    assert [tag["src"] for tag in tags] == ["../assets/folio/index.js"]
    # Sites read over HTTP keep fetching the JSON only when needed.
    assert not (offline_site.plain.out / "assets/folio/index.js").exists()


@pytest.mark.browser
def test_offline_palette_finds_posts_from_the_file_system(offline_site: Pair, page: Any) -> None:
    page.goto((offline_site.folio.out / "about.html").as_uri())
    page.wait_for_function("() => !!window.__folioPaletteData")
    page.keyboard.press("Control+k")
    page.fill(".folio-palette__input", "second")
    titles = page.locator(".folio-palette [role=option] .folio-palette__title")
    titles.filter(has_text="Second post").first.wait_for()
    assert titles.first.text_content() == "Second post"
    page.keyboard.press("Enter")
    page.wait_for_url("**/posts/second-post.html")


SOURCE_HOOK = """
def on_page_read_source(page, config):
    if page.file.src_uri == "posts/supplied.md":
        return "---\\ntitle: Supplied\\ndate: 2026-02-01\\n---\\n\\nText from the hook.\\n"
    return None
"""


def test_a_plugin_that_supplies_a_post_source_still_wins(tmp_path: Path) -> None:
    # folio hands MkDocs the post texts it read for their front matter; another plugin's
    # on_page_read_source runs after it and has the last word, as without folio.
    (tmp_path / "source_hook.py").write_text(SOURCE_HOOK, encoding="utf-8")
    files = {
        "index.md": "# Home\n",
        "posts/supplied.md": post("Supplied", "2026-02-01", body="Text from the file."),
        "posts/plain.md": post("Plain", "2026-01-01", body="Text of a plain post."),
    }
    site = build_site(write_site(tmp_path, files, {"hooks": ["source_hook.py"]}))
    supplied = site.html("posts/supplied/").get_text(" ")
    assert "Text from the hook." in supplied and "Text from the file." not in supplied
    assert "Text of a plain post." in site.html("posts/plain/").get_text(" ")
