"""Moving a site from Material's built-in blog plugin to folio keeps every post URL."""

from __future__ import annotations

from pathlib import Path

from .sites import build_site, entry_titles, squash, write_site

MATERIAL_POSTS = {
    "blog/index.md": "# Blog\n",
    "blog/.authors.yml": (
        "authors:\n  jane:\n    name: Jane Doe\n    description: Writer\n"
        "    avatar: https://example.org/jane.png\n"
    ),
    "blog/posts/first.md": (
        "---\ndate:\n  created: 2025-03-14\n  updated: 2025-04-01\ncategories:\n  - Rust\n"
        "  - Linux\nauthors:\n  - jane\n---\n\n# Hello from Material\n\nThe intro paragraph.\n\n"
        "<!-- more -->\n\nThe rest of the post.\n"
    ),
    "blog/posts/second.md": (
        "---\ndate: 2025-06-02\nslug: custom-slug\nreadtime: 12\ncategories: [Rust]\n"
        "links:\n  - blog/posts/first.md\n  - Docs: https://example.org/docs/\n---\n\n"
        "# io_uring: Ünïcode & C++ tricks\n\nShort intro.\n\n<!-- more -->\n\nMore.\n"
    ),
    "blog/posts/pinned.md": (
        "---\ndate: 2024-01-05\npin: true\n---\n\n# An old pinned post\n\nIntro.\n\n"
        "<!-- more -->\n\nMore.\n"
    ),
    "blog/posts/draft.md": (
        "---\ndate: 2025-07-01\ndraft: true\n---\n\n# Not yet\n\nIntro.\n\n<!-- more -->\n\nx\n"
    ),
}

FOLIO_MIGRATION = {
    "posts_dir": "blog/posts",
    "listing_page": "blog/index.md",
    "post_url_format": "blog/{year}/{month}/{day}/{slug}/",
    "slug_style": "material",
    "tags_dir": "blog/category",
    "categories_as_tags": True,
    "tag_excerpts": True,
    "archive_dir": "blog/archive",
    "authors_file": "blog/.authors.yml",
}


def post_pages(site_dir: Path) -> set[str]:
    return {
        str(path.parent.relative_to(site_dir)) + "/"
        for path in site_dir.glob("blog/20*/**/index.html")
    }


def test_switching_blog_for_folio_keeps_post_urls(tmp_path: Path) -> None:
    material_root = write_site(
        tmp_path / "material", MATERIAL_POSTS, config={"plugins": ["search", "blog"]}
    )
    material = build_site(material_root)
    before = post_pages(material.out)
    assert before == {
        "blog/2025/03/14/hello-from-material/",
        "blog/2025/06/02/custom-slug/",
        "blog/2024/01/05/an-old-pinned-post/",
    }

    folio_root = write_site(tmp_path / "folio", MATERIAL_POSTS, folio=FOLIO_MIGRATION)
    site = build_site(folio_root)
    assert post_pages(site.out) == before
    # Category pages keep Material's URLs too, as tag pages.
    assert (site.out / "blog/category/rust/index.html").exists()
    assert (material.out / "blog/category/rust/index.html").exists()

    listing = site.html("blog/")
    assert entry_titles(listing) == [
        "An old pinned post",
        "io_uring: Ünïcode & C++ tricks",
        "Hello from Material",
    ]
    first = listing.select(".folio-entry")[2]
    assert squash(first.select_one(".folio-entry__excerpt").get_text()) == "The intro paragraph."
    assert [a.get_text() for a in first.select(".folio-tag")] == ["#Rust", "#Linux"]

    second = site.html("blog/2025/06/02/custom-slug/")
    assert second.select_one(".folio-meta__reading").get_text() == "12 min read"
    links = {a.get_text(): a["href"] for a in second.select(".folio-links a")}
    assert links == {
        "Hello from Material": "../../../../../blog/2025/03/14/hello-from-material/",
        "Docs": "https://example.org/docs/",
    }
    hello = site.html("blog/2025/03/14/hello-from-material/")
    assert "Jane Doe" in hello.select_one(".folio-post-header").get_text()
    assert "Updated April 1, 2025" in hello.select_one(".folio-post-header").get_text()
    assert not (site.out / "blog/2025/07/01/not-yet").exists()


def test_recent_posts_nav_section_like_mkdocs_blog_plugin(tmp_path: Path) -> None:
    files = {
        "index.md": "# Home\n",
        **{
            f"posts/p{i}.md": f"---\ndate: 2026-01-0{i + 1}\n---\n\n# Post {i}\n\ntext\n"
            for i in range(4)
        },
    }
    site = build_site(write_site(tmp_path, files, folio={"nav_recent": 3}))
    page = site.html("posts/post-0/")
    sections = page.select(".md-nav--primary .md-nav__item--nested")
    recent = next(s for s in sections if "Recent posts" in s.get_text())
    items = [squash(a.get_text()) for a in recent.select("a.md-nav__link")]
    assert items == [
        "Post 3 · January 4, 2026",
        "Post 2 · January 3, 2026",
        "Post 1 · January 2, 2026",
    ]
