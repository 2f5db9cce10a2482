"""The same blog built with Material's `blog` plugin and with folio (the same mkdocs.yml, only
the plugin's name changed) says the same thing about every post: title, dates, authors,
excerpt, reading time, and every word Material's search index finds."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from .sites import Site, build_site

AUTHORS = """\
authors:
  ana:
    name: Ana Lima
    description: Editor
    avatar: https://example.org/avatars/ana.png
  ravi:
    name: Ravi Menon
    description: Guest writer
    avatar: assets/ravi.png
"""

CODE = """\
```python
def checksum(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(65536), b""):
            digest.update(block)
    return digest.hexdigest()
```
"""

# Posts in the shapes real Material blogs use; the text is written for this test.
POSTS: dict[str, str] = {
    "blog/posts/.meta.yml": "authors: [ana]\n",
    "blog/posts/2024/.meta.yml": "categories: [Archive]\n",
    "blog/posts/2024/first-steps.md": """\
---
date: 2024-02-11
categories: [Guides]
---

# First steps &mdash; installing the `toolkit`

Everything starts with one command, and a *short* wait while the index builds.

<!-- more -->

## Requirements

A recent interpreter and about 200 MB of disk space.

## Installing

Run the installer, then check the version it prints.
""",
    "blog/posts/2024/release-1.2.md": """\
---
date:
  created: 2024-06-30
  updated: 2024-07-04
slug: release-1.2
categories: [Releases]
authors: [ravi]
---

# Release 1.2: faster sync & smaller caches

This release halves the time a full sync takes on large trees.[^1]

<!-- more -->

The cache now stores hashes instead of copies.

"""
    + CODE
    + """
[^1]: Measured on a tree of 40,000 files.
""",
    "blog/posts/2025/no-fold.md": """\
---
date: 2025-01-20
categories: [Notes]
tags: [cli]
---

# A post without a fold

Some posts are short enough to show whole in the listing, so they have no separator.

## Still a section

Its words belong to the excerpt too, as does this list:

- first item
- second item

!!! note "A side note"

    Admonitions count as text.
""",
    "blog/posts/2025/images.md": """\
---
date: 2025-03-08
categories: [Guides]
---

# Screens &amp; screenshots

Three pictures of the dashboard, then a table of what each panel shows.

![Dashboard](../../../assets/shot.png)
![Settings](../../../assets/shot.png)
![History](../../../assets/shot.png)

<!-- more -->

| Panel | Shows |
|-------|-------|
| Queue | jobs waiting |
| Log   | the last hour |
""",
    "blog/posts/2025/timed.md": """\
---
date: 2025-04-01
readtime: 11
pin: true
categories: [Deep Dives]
links:
  - blog/posts/2024/first-steps.md
  - Further reading:
      - about.md#history
      - Changelog: https://example.org/changelog/
---

# Inside the scheduler

A pinned deep dive that sets its own reading time.

<!-- more -->

"""
    + CODE * 3,
    "blog/posts/2025/titled.md": """\
---
title: A title from the front matter
date: 2025-05-05
categories: [Notes]
---

The body has no heading of its own, and a fold after one paragraph.

<!-- more -->

What follows the fold is not in the excerpt.
""",
    "blog/posts/2025/long-intro.md": """\
---
date: 2025-06-12
categories: [Deep Dives, Notes]
---

# How `retry()` backs off

"""
    + " ".join(f"Sentence {n} explains one more detail of the backoff curve." for n in range(40))
    + """

<!-- more -->

## The formula

Each attempt waits twice as long as the one before, up to a ceiling.
""",
    "blog/posts/draft.md": "---\ndate: 2025-07-01\ndraft: true\n---\n\nNo title, not published.\n",
}

SITE_FILES = {
    "index.md": "# Home\n\nA small site with a blog.\n",
    "about.md": "# About\n\nWho we are.\n\n## History\n\nStarted as a weekend project.\n",
    "blog/index.md": "# Blog\n",
    "blog/.authors.yml": AUTHORS,
    **POSTS,
}


def write_blog(root: Path, plugin: str) -> Path:
    config: dict[str, Any] = {
        "site_name": "Compare Blog",
        "site_url": "https://compare.example.org/",
        "theme": {"name": "material"},
        "markdown_extensions": [
            "admonition",
            "footnotes",
            "tables",
            "attr_list",
            "md_in_html",
            "pymdownx.superfences",
            {"toc": {"permalink": True}},
        ],
        "plugins": [
            "search",
            "meta",
            {plugin: {"post_readtime_words_per_minute": 180, "pagination_per_page": 4}},
        ],
    }
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    for name, content in SITE_FILES.items():
        target = root / "docs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    (root / "docs/assets").mkdir(exist_ok=True)
    (root / "docs/assets/shot.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "docs/assets/ravi.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return root


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Site]:
    tmp = tmp_path_factory.mktemp("compare")
    material = build_site(write_blog(tmp / "material", "blog"), strict=True)
    folio = build_site(write_blog(tmp / "folio", "folio"), strict=True)
    return material, folio


_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def text_of(fragment: str) -> str:
    """What a reader reads of an HTML fragment: tags and permalinks gone, space folded."""
    return " ".join(html.unescape(_TAG.sub(" ", _PERMALINK.sub("", fragment))).split())


def without_first_heading(fragment: str) -> str:
    """Material's excerpt starts with the post's title as a heading; folio's listing shows
    the title outside the excerpt."""
    return re.sub(r"^\s*<h[12]\b.*?</h[12]>", "", fragment, count=1, flags=re.DOTALL)


def material_posts(site: Site) -> dict[str, dict[str, Any]]:
    blog = next(p for name, p in site.config.plugins.items() if name.endswith("blog"))
    posts = {}
    for post in blog.blog.posts:
        dates = post.config.date
        posts[post.url] = {
            "title": html.unescape(post.title),
            "created": dates.created.date().isoformat(),
            "updated": dates.updated.date().isoformat() if dates.get("updated") else None,
            "authors": [author.name for author in post.authors],
            "readtime": post.config.readtime,
            "excerpt": text_of(without_first_heading(post.excerpt.content)),
        }
    return posts


def folio_posts(site: Site) -> dict[str, dict[str, Any]]:
    folio = site.config.plugins["folio"]
    posts = {}
    for post in folio.collection:
        assert post.body is not None
        posts[post.url] = {
            "title": post.title,
            "created": post.date.date().isoformat(),
            "updated": post.updated.date().isoformat() if post.updated else None,
            "authors": [author.name for author in folio.post_authors.get(post, [])],
            "readtime": post.body.reading_minutes,
            "excerpt": text_of(post.body.excerpt_html or ""),
        }
    return posts


def test_every_post_has_the_same_title_dates_authors_excerpt_and_reading_time(
    builds: tuple[Site, Site],
) -> None:
    material, folio = builds
    before, after = material_posts(material), folio_posts(folio)
    assert len(before) == len(POSTS) - 3  # two .meta.yml files and a draft are not posts
    assert set(after) == set(before)
    for url, expected in before.items():
        assert after[url] == expected, url


def page_title(site: Site, url: str) -> str:
    title = site.html(url).title
    assert title is not None
    return title.get_text().rsplit(" - ", 1)[0]


def test_page_titles_read_the_same(builds: tuple[Site, Site]) -> None:
    material, folio = builds
    for url in material_posts(material):
        assert page_title(folio, url) == page_title(material, url), url


_WORD = re.compile(r"\w+")


def search_words(site: Site, url: str) -> set[str]:
    docs = json.loads(site.text("search/search_index.json"))["docs"]
    words: set[str] = set()
    for doc in docs:
        if doc["location"] == url or doc["location"].startswith(url + "#"):
            for field in ("title", "text"):
                words.update(_WORD.findall(html.unescape(_TAG.sub(" ", doc[field])).lower()))
    return words


def test_search_finds_every_word_materials_index_finds(builds: tuple[Site, Site]) -> None:
    material, folio = builds
    for url in material_posts(material):
        expected = search_words(material, url)
        assert expected, url
        assert expected <= search_words(folio, url), (url, expected - search_words(folio, url))


def listing_excerpts(site: Site, url: str) -> list[str]:
    return [
        text_of(str(entry.select_one(".md-post__content")))
        for entry in site.html(url).select("article.md-post--excerpt")
    ]


def test_listings_show_the_same_excerpts(builds: tuple[Site, Site]) -> None:
    material, folio = builds
    for url in ("blog/", "blog/page/2/", "blog/category/notes/", "blog/archive/2025/"):
        expected = listing_excerpts(material, url)
        assert expected, url
        assert listing_excerpts(folio, url) == expected, url
