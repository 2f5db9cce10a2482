"""What a post says, as Material's blog shows it: titles, excerpts, reading time, search,
metadata from Material's meta plugin, and `links`."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from .sites import Site, entry_titles, listed_titles, make_site, squash

HEADING_TITLES = {
    "index.md": "# Home\n",
    "posts/scroll.md": (
        "---\ndate: 2026-03-01\ntags: [ui]\n---\n\n"
        "# Smoother scrolling &mdash; with `smooth()` & *less* jank\n\nBody text.\n"
    ),
    "posts/setext.md": (
        "---\ndate: 2026-03-02\n---\n\nUnderlined title\n================\n\nText.\n"
    ),
    "posts/untitled-draft.md": "---\ndate: 2026-03-03\ndraft: true\n---\n\nNo heading here.\n",
}
SCROLL_TITLE = "Smoother scrolling — with smooth() & less jank"


@pytest.fixture(scope="module")
def heading_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return make_site(tmp_path_factory.mktemp("titles"), HEADING_TITLES, strict=True)


def test_heading_titles_are_shown_as_text_everywhere(heading_site: Site) -> None:
    site = heading_site
    post_page = site.html("posts/smoother-scrolling-and-mdash-with-smooth-and-less-jank/")
    assert post_page.title is not None
    assert post_page.title.get_text().startswith(SCROLL_TITLE + " - ")
    assert SCROLL_TITLE in entry_titles(site.html(""))
    assert SCROLL_TITLE in listed_titles(site.html("archive/"))
    assert "Underlined title" in entry_titles(site.html(""))
    search = json.loads(site.text("search/search_index.json"))["docs"]
    # Material's client shows titles as HTML: the heading as its search plugin parsed it.
    titles = {doc["title"] for doc in search if "#" not in doc["location"]}
    assert "Smoother scrolling — with <code>smooth()</code> &amp; less jank" in titles
    palette = json.loads(site.text("assets/folio/index.json"))
    assert SCROLL_TITLE in json.dumps(palette, ensure_ascii=False)
    for page in ("", "archive/", "posts/smoother-scrolling-and-mdash-with-smooth-and-less-jank/"):
        text = site.text(f"{page}index.html")
        assert "&amp;mdash;" not in text and "`smooth()`" not in text


def test_a_draft_without_title_is_silent_in_serve(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        make_site(tmp_path, HEADING_TITLES, serve=True)
    assert not [r for r in caplog.records if "'title' is missing" in r.getMessage()]


CODE = "\n".join(f"    value_{i} = compute(value_{i - 1}, step={i})" for i in range(1, 120))
EXCERPTS = {
    "index.md": "# Home\n",
    "posts/whole.md": (
        "---\ndate: 2026-02-01\n---\n\n# No separator\n\n"
        + "Opening words. " * 30
        + "\n\n## Later\n\nclosingword ends the post.\n"
    ),
    "posts/split.md": (
        "---\ndate: 2026-02-02\ndescription: A summary for cards.\n---\n\n# Split\n\n"
        "Before the fold.\n\n<!-- more -->\n\nafterfold text.\n"
    ),
    "posts/code.md": (
        "---\ndate: 2026-02-03\n---\n\n# Mostly code\n\nA short intro.\n\n"
        + CODE
        + "\n\n"
        + "".join(f"![shot {i}](shot.png)\n\n" for i in range(12))
    ),
    "posts/timed.md": "---\ndate: 2026-02-04\nreadtime: 7\n---\n\n# Timed\n\nShort.\n",
    "posts/zero.md": "---\ndate: 2026-02-05\nreadtime: 0\n---\n\n# Zero\n\nCounted.\n",
    "posts/shot.png": b"\x89PNG\r\n\x1a\n",
}
MATERIAL_STYLE = {"excerpt_style": "material", "reading_time_style": "material"}


def entry_of(site: Site, title: str) -> str:
    entry = next(
        e
        for e in site.html("").select(".folio-entry")
        if squash(e.select_one(".folio-entry__title").get_text()) == title
    )
    return squash(entry.get_text(" "))


def reading_of(site: Site, url: str) -> str | None:
    span = site.html(url).select_one(".folio-post-header .folio-meta__reading")
    return span.get_text() if span else None


@pytest.fixture(scope="module")
def material_style(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return make_site(tmp_path_factory.mktemp("material-style"), EXCERPTS, folio=MATERIAL_STYLE)


def test_material_excerpts_are_the_content_before_the_separator_or_the_whole_post(
    material_style: Site,
) -> None:
    whole = entry_of(material_style, "No separator")
    assert "closingword ends the post." in whole and "Later" in whole
    # The post's sections sit under the entry's title, one level down.
    entry = next(
        e for e in material_style.html("").select(".folio-entry") if "closingword" in e.get_text()
    )
    assert [h.name for h in entry.select(".folio-entry__excerpt :is(h2, h3)")] == ["h3"]
    split = entry_of(material_style, "Split")
    assert "Before the fold." in split
    assert "afterfold" not in split and "A summary for cards." not in split


def test_material_reading_time_counts_code_and_images(tmp_path: Path, material_style: Site) -> None:
    folio_style = make_site(tmp_path, EXCERPTS)
    assert reading_of(folio_style, "posts/mostly-code/") == "1 min read"
    # About 700 words of code at 265 a minute (160 s), and 12 images: 12 + 11 + ... + 3 + 3 s.
    assert reading_of(material_style, "posts/mostly-code/") == "4 min read"
    assert reading_of(material_style, "posts/timed/") == "7 min read"
    assert reading_of(material_style, "posts/zero/") == "1 min read"  # 0: counted, as Material
    assert "closingword" not in entry_of(folio_style, "No separator")


def test_reading_time_false_shows_only_a_posts_own_readtime(tmp_path: Path) -> None:
    site = make_site(tmp_path, EXCERPTS, folio={"reading_time": False})
    assert reading_of(site, "posts/mostly-code/") is None
    assert reading_of(site, "posts/timed/") == "7 min read"
    assert "min read" not in entry_of(site, "Mostly code")


def test_excerpt_required_names_the_post_without_separator(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        make_site(tmp_path, EXCERPTS, folio={"excerpt_required": True})
    for name in ("whole", "code", "timed"):
        assert f"posts/{name}.md: 'excerpt' needs the separator '<!-- more -->'" in caplog.text
    assert "posts/split.md" not in caplog.text


def test_links_are_labelled_with_page_titles_sections_and_headings(tmp_path: Path) -> None:
    files = {
        "index.md": "# Home\n",
        "about.md": "# About *this* &amp; us\n\n## Getting started\n\nHow to begin.\n",
        "posts/other.md": "---\ndate: 2026-01-01\n---\n\n# The `other` post\n\nText.\n",
        "posts/linking.md": (
            "---\ndate: 2026-01-02\nlinks:\n  - about.md\n  - posts/other.md\n"
            "  - Guides:\n      - about.md#getting-started\n"
            "      - Docs: https://example.org/docs/\n---\n\n# Linking\n\nText.\n"
        ),
    }
    site = make_site(tmp_path, files)
    footer = site.html("posts/linking/").select_one(".folio-links")
    assert footer is not None
    items = [squash(li.get_text(" ")) for li in footer.select("li")]
    assert items == [
        "About this & us",
        "The other post",
        "Guides",
        "About this & us Getting started",
        "Docs",
    ]
    hrefs = [a["href"] for a in footer.select("a")]
    assert hrefs == [
        "../../about/",
        "../../posts/the-other-post/",
        "../../about/#getting-started",
        "https://example.org/docs/",
    ]


META_BLOG = {
    "index.md": "# Home\n",
    ".authors.yml": "authors:\n  jane:\n    name: Jane Doe\n    avatar: https://example.org/j.png\n",
    "posts/.meta.yml": "authors: [jane]\ncategories: [Notes]\n",
    "posts/2026/first.md": (
        "---\ndate: 2026-01-01\ntags: [python]\ncategories: [Tools]\n---\n\n# First\n\nText.\n"
    ),
    "posts/wip/.meta.yml": "draft: true\n",
    "posts/wip/unfinished.md": "---\ndate: 2026-01-02\n---\n\n# Unfinished\n\nText.\n",
}


@pytest.mark.parametrize(
    "plugins",
    [["search", "tags", "folio", "meta"], ["meta", "search", "folio", "tags"]],
)
def test_meta_files_count_as_front_matter_and_categories_stay_categories(
    tmp_path: Path, plugins: list[str]
) -> None:
    site = make_site(tmp_path, META_BLOG, config={"plugins": plugins}, strict=True)
    page = site.html("posts/first/")
    header = page.select_one(".folio-post-header")
    assert header is not None and "Jane Doe" in header.get_text()
    assert not (site.out / "posts/unfinished").exists()
    assert "Unfinished" not in entry_titles(site.html(""))
    # Material's tags plugin shows page.meta.tags: the post's tags, not its categories.
    assert [squash(a.get_text()) for a in page.select(".md-tag")] == ["python"]
    post = next(p for p in site.config.plugins["folio"].collection if p.title == "First")
    assert post.categories == ["Notes", "Tools"]
    assert post.authors == ["jane"]


@pytest.mark.parametrize(
    "fragment",
    [
        "<h1>Title</h1><p>Plain words, <code>x.y()</code> &amp; more&nbsp;text.</p>",
        "<p>" + "word " * 700 + "</p>" + '<img src="a.png" alt="a">' * 14,
        "<!-- <img> --><script>let a = 1 < 2;</script><svg><text>drawn</text></svg>"
        "<p>a<b>b</b></p>",
        "<pre><code>" + "value = compute(value)\n" * 300 + "</code></pre>",
        "",
    ],
)
@pytest.mark.parametrize("words_per_minute", [265, 60])
def test_material_reading_time_is_materials_own_count(fragment: str, words_per_minute: int) -> None:
    from material.plugins.blog.readtime import readtime

    from mkdocs_folio.excerpt import material_reading_minutes

    assert material_reading_minutes(fragment, words_per_minute) == readtime(
        fragment, words_per_minute
    )


@pytest.mark.parametrize(
    ("fragment", "title"),
    [
        ('<h1 id="a">A &amp; B <a class="headerlink" href="#a">¶</a></h1><p>x</p>', "A & B"),
        ("<h1>Use <code>&lt;tag&gt;</code> &mdash; <em>now</em></h1>", "Use <tag> — now"),
        (
            '<h1>Logo <img alt="Folio" src="l.png"> rocks<sup id="fnref:1">1</sup></h1>',
            "Logo Folio rocks",
        ),
        ("<p>No heading first</p><h1>Late</h1>", None),
    ],
)
def test_heading_title_is_the_text_a_reader_sees(fragment: str, title: str | None) -> None:
    from mkdocs_folio.excerpt import heading_title

    assert heading_title(fragment) == title


def test_meta_defaults_merge_like_materials_meta_plugin() -> None:
    from mkdocs_folio.structure.errors import PostError
    from mkdocs_folio.structure.post import with_defaults

    defaults = [
        ("blog/.meta.yml", {"authors": ["ana"], "hide": ["toc"]}),
        ("blog/posts/.meta.yml", {"authors": ["ravi"], "draft": True}),
    ]
    merged = with_defaults("blog/posts/a.md", {"authors": ["joe"], "draft": False}, defaults)
    assert merged == {"authors": ["ana", "ravi", "joe"], "hide": ["toc"], "draft": False}
    with pytest.raises(PostError, match=r"'authors' has another type than in blog/\.meta\.yml"):
        with_defaults("blog/posts/a.md", {"authors": "joe"}, defaults[:1])


def test_migrated_post_without_any_title_is_titled_like_materials_in_strict_mode(
    tmp_path: Path,
) -> None:
    files = {
        "blog/index.md": "# Blog\n",
        "blog/posts/my-first_post.md": "---\ndate: 2025-01-02\n---\n\nJust a paragraph.\n",
    }
    site = make_site(tmp_path, files, config={"plugins": ["search", "folio"]}, strict=True)
    title = site.html("blog/2025/01/02/my-first-post/").title
    assert title is not None and title.get_text().startswith("My first post - ")
