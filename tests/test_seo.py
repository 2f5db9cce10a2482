"""Sharing metadata: description, Open Graph, Twitter card, canonical URL, JSON-LD, sitemap."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup

from mkdocs_folio.seo import script_json

from .sites import make_site, post

SITE = "https://blog.example.org/"
BREAKOUT = "</title></script><script>alert(1)</script>"


def meta(soup: BeautifulSoup, key: str) -> list[str]:
    tags = soup.select(f'meta[property="{key}"]') or soup.select(f'meta[name="{key}"]')
    return [tag["content"] for tag in tags]


def json_ld(soup: BeautifulSoup) -> list[Any]:
    return [
        json.loads(script.string or "")
        for script in soup.select('script[type="application/ld+json"]')
    ]


def test_post_pages_carry_description_open_graph_twitter_canonical_and_json_ld(
    tmp_path: Path,
) -> None:
    site = make_site(
        tmp_path,
        {
            "authors.yml": "jane: {name: Jane Doe, url: 'https://jane.example'}\n",
            "posts/a.md": post(
                "Alpha",
                "2026-03-14T10:00:00+01:00",
                updated="2026-04-01",
                tags=["Rust", "linux"],
                authors=["jane"],
                body="First words of the post body.\n\n<!-- more -->\n\nThe rest.",
            ),
        },
        config={"site_description": "The site-wide description"},
    )
    page = site.html("posts/alpha/")
    url = SITE + "posts/alpha/"
    # One description, the post's excerpt, not the site description.
    assert meta(page, "description") == ["First words of the post body."]
    assert [link["href"] for link in page.select('link[rel="canonical"]')] == [url]
    assert meta(page, "og:type") == ["article"]
    assert meta(page, "og:title") == ["Alpha"]
    assert meta(page, "og:description") == ["First words of the post body."]
    assert meta(page, "og:url") == [url]
    assert meta(page, "og:site_name") == ["Test Blog"]
    assert meta(page, "article:published_time") == ["2026-03-14T10:00:00+01:00"]
    assert meta(page, "article:modified_time") == ["2026-04-01T00:00:00+00:00"]
    assert meta(page, "article:tag") == ["Rust", "linux"]
    assert meta(page, "twitter:card") == ["summary"]
    assert meta(page, "twitter:title") == ["Alpha"]
    assert meta(page, "twitter:description") == ["First words of the post body."]
    [data] = json_ld(page)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Alpha"
    assert data["datePublished"] == "2026-03-14T10:00:00+01:00"
    assert data["dateModified"] == "2026-04-01T00:00:00+00:00"
    assert data["author"] == [
        {"@type": "Person", "name": "Jane Doe", "url": "https://jane.example"}
    ]
    assert data["keywords"] == ["Rust", "linux"]
    assert data["url"] == url
    # Everything sits in the head, before </head>.
    head = page.select_one("head")
    assert head is not None and head.select_one('meta[property="og:title"]') is not None


def test_a_long_excerpt_is_cut_for_the_description_but_an_own_description_is_kept_whole(
    tmp_path: Path,
) -> None:
    intro = " ".join(f"word{i}" for i in range(80))  # about 500 characters
    own = "An author's own description. " * 8
    site = make_site(
        tmp_path,
        {
            "index.md": "# Home\n",
            "posts/long.md": post("Long", body=f"{intro}\n\n<!-- more -->\n\nThe rest."),
            "posts/own.md": post("Own", description=own),
        },
        config={"site_url": SITE},
    )
    long = site.html("posts/long/")
    [description] = meta(long, "description")
    assert len(description) <= 163 and description.endswith("...")
    assert intro.startswith(description.removesuffix("..."))  # cut between two words
    assert intro[len(description) - 3] == " "
    assert meta(long, "og:description") == meta(long, "twitter:description") == [description]
    assert json_ld(long)[0]["description"] == description
    # Listings still show the whole excerpt.
    assert intro in site.html("").get_text(" ")
    own_page = site.html("posts/own/")
    assert meta(own_page, "description") == [own.strip()]
    assert json_ld(own_page)[0]["description"] == own.strip()
    # What folio adds to the pages of an English blog is ASCII, as Material's own HTML is:
    # a "…" or "·" anywhere would make each page a wider string for every step after it.
    pages = sorted(site.out.rglob("*.html"))
    assert len(pages) >= 5 and all(page.read_text(encoding="utf-8").isascii() for page in pages)


def test_a_script_breaking_title_stays_text_everywhere(tmp_path: Path) -> None:
    title = f"Hack {BREAKOUT} & \"quotes\" 'too'"
    site = make_site(
        tmp_path,
        {
            "authors.yml": f"x: {{name: {json.dumps('Eve ' + BREAKOUT)}}}\n",
            "posts/evil.md": post(
                title,
                tags=[f"tag{BREAKOUT}"],
                authors=["x"],
                description=f'Desc {BREAKOUT} "q"',
            ),
        },
    )
    [path] = list((site.out / "posts").rglob("index.html"))
    raw = path.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in raw
    page = BeautifulSoup(raw, "lxml")
    [data] = json_ld(page)  # exactly one JSON-LD script, which json.loads reads whole
    assert data["headline"] == title
    assert data["description"] == f'Desc {BREAKOUT} "q"'
    assert data["keywords"] == [f"tag{BREAKOUT}"]
    assert data["author"][0]["name"] == f"Eve {BREAKOUT}"
    script = page.select_one('script[type="application/ld+json"]')
    assert script is not None and "</" not in (script.string or "")
    assert meta(page, "og:title") == [title]
    assert meta(page, "description") == [f'Desc {BREAKOUT} "q"']
    assert meta(page, "article:tag") == [f"tag{BREAKOUT}"]
    # No alert script made it into the DOM as a real element.
    scripts = [s for s in page.select("script") if "alert(1)" in (s.string or "")]
    assert [s["type"] for s in scripts] == ["application/ld+json"]
    assert page.select_one("title").get_text() == f"{title} - Test Blog"
    tag_pages = list((site.out / "tags").glob("*/index.html"))
    assert len(tag_pages) == 1
    assert "<script>alert(1)" not in tag_pages[0].read_text(encoding="utf-8")


def test_script_json_escapes_markup_characters() -> None:
    text = script_json({"a": "</script><!-- & -->"})
    assert not re.search(r"[<>&]", text)
    assert json.loads(text) == {"a": "</script><!-- & -->"}


def test_listing_and_tag_pages_get_description_and_open_graph(tmp_path: Path) -> None:
    files = {"posts/a.md": post("A", tags=["Rust"]), "posts/b.md": post("B", "2026-03-15")}
    site = make_site(tmp_path, files, config={"site_description": "Notes on systems"})
    home = site.html("")
    assert meta(home, "description") == ["Notes on systems"]
    assert meta(home, "og:type") == ["website"]
    assert meta(home, "og:title") == ["Test Blog"]
    assert meta(home, "og:description") == ["Notes on systems"]
    assert meta(home, "og:url") == [SITE]
    assert json_ld(home) == []
    tag = site.html("tags/rust/")
    assert meta(tag, "description") == ["Posts tagged Rust on Test Blog"]
    assert meta(tag, "og:title") == ["#Rust"]
    assert meta(tag, "og:url") == [SITE + "tags/rust/"]
    assert tag.select_one("title").get_text() == "#Rust - Test Blog"
    assert home.select_one("title").get_text() == "Test Blog"
    assert meta(site.html("archive/"), "og:title") == ["Archive"]
    # Without a site description the blog still describes itself.
    bare = make_site(tmp_path / "bare", files)
    assert meta(bare.html(""), "description") == ["Posts from Test Blog"]
    # Pages that are not folio's get no sharing tags from folio.
    assert meta(bare.html("posts/a/"), "og:type") == ["article"]


def test_a_user_written_listing_page_keeps_its_own_description(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "index.md": "---\ndescription: My own words\n---\n# Welcome\n",
            "about.md": "# About\n",
            "posts/a.md": post("A"),
        },
    )
    home = site.html("")
    assert meta(home, "description") == ["My own words"]
    assert meta(home, "og:description") == ["My own words"]
    assert meta(home, "og:title") == ["Welcome"]
    assert meta(site.html("about/"), "og:title") == []


def test_without_site_url_there_is_no_og_url_but_the_rest_stays(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"posts/a.md": post("A")}, config={"site_url": None})
    page = site.html("posts/a/")
    assert meta(page, "og:url") == []
    assert page.select('link[rel="canonical"]') == []
    assert meta(page, "og:title") == ["A"]
    [data] = json_ld(page)
    assert "url" not in data


def test_sitemap_lists_posts_and_tag_pages_but_not_drafts(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "posts/a.md": post("A", tags=["Rust"]),
            "posts/d.md": post("Hidden", draft=True, tags=["Secret"]),
        },
    )
    sitemap = BeautifulSoup(site.text("sitemap.xml"), "xml")
    locations = {loc.get_text() for loc in sitemap.select("url > loc")}
    assert SITE + "posts/a/" in locations
    assert SITE + "tags/" in locations
    assert SITE + "tags/rust/" in locations
    assert SITE + "archive/" in locations
    assert SITE + "posts/hidden/" not in locations
    assert SITE + "tags/secret/" not in locations


CANONICAL_HOOK = """
def on_page_context(context, page, config, nav):
    if page.file.src_uri == "posts/moved.md":
        page.canonical_url = "https://mirror.example.net/moved/"
    return context
"""


def test_a_hook_that_moves_a_posts_canonical_url_moves_its_sharing_tags(tmp_path: Path) -> None:
    # Full builds make the posts' sharing tags ahead of their pages; a page whose canonical
    # URL changed after that gets its tags made again, with the new URL.
    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks/canonical.py").write_text(CANONICAL_HOOK, encoding="utf-8")
    site = make_site(
        tmp_path,
        {
            "posts/moved.md": post("Moved", tags=["Rust"]),
            "posts/stays.md": post("Stays", "2026-01-01", tags=["Rust"]),
        },
        config={"site_url": SITE, "hooks": ["hooks/canonical.py"]},
    )
    moved = site.html("posts/moved/")
    assert meta(moved, "og:url") == ["https://mirror.example.net/moved/"]
    assert json_ld(moved)[0]["url"] == "https://mirror.example.net/moved/"
    assert meta(moved, "article:tag") == ["Rust"] and meta(moved, "og:title") == ["Moved"]
    stays = site.html("posts/stays/")
    assert meta(stays, "og:url") == [SITE + "posts/stays/"]
    assert json_ld(stays)[0]["url"] == SITE + "posts/stays/"
