"""Real builds of small blogs: what a reader of the generated site sees."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

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


def test_listing_orders_newest_first_with_pins_on_top(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "posts/old.md": post("Old", "2025-01-01"),
            "posts/new.md": post("New", "2026-02-01"),
            "posts/pinned.md": post("Pinned", "2024-06-01", pin=True),
        },
    )
    assert entry_titles(site.html("")) == ["Pinned", "New", "Old"]


def test_entries_show_date_reading_time_excerpt_and_tag_chips(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {"posts/a.md": post("Alpha", "2026-03-14", tags=["Rust", "networking"])},
    )
    entry = site.html("").select_one(".folio-entry")
    assert entry is not None
    assert entry.select_one("time")["datetime"].startswith("2026-03-14")
    assert entry.select_one("time").get_text() == "March 14, 2026"
    assert entry.select_one(".folio-meta__reading").get_text() == "1 min read"
    assert [a.get_text() for a in entry.select(".folio-tag")] == ["#Rust", "#networking"]
    assert entry.select(".folio-tag")[0]["href"] == "tags/rust/"
    assert entry.select_one(".folio-entry__title a")["href"] == "posts/alpha/"


def test_excerpts_come_from_description_separator_or_automatic_cut(tmp_path: Path) -> None:
    long_body = "## the heading\n\n" + " ".join(f"word{i}" for i in range(80))
    site = make_site(
        tmp_path,
        {
            "posts/described.md": post(
                "Described", "2026-01-03", description="Hand written <b>summary</b>"
            ),
            "posts/separated.md": post(
                "Separated",
                "2026-01-02",
                body="Intro with [a link](described.md).\n\n<!-- more -->\n\nHidden rest.",
            ),
            "posts/auto.md": post("Auto", "2026-01-01", body=long_body),
        },
    )
    excerpts = {
        e.select_one(".folio-entry__title a").get_text(): e.select_one(".folio-entry__excerpt")
        for e in site.html("").select(".folio-entry")
    }
    assert squash(excerpts["Described"].get_text()) == "Hand written <b>summary</b>"
    assert squash(excerpts["Separated"].get_text()) == "Intro with a link."
    assert "Hidden rest" not in excerpts["Separated"].get_text()
    # The excerpt's relative link still points at the post it named.
    assert excerpts["Separated"].select_one("a")["href"] == "posts/described/"
    auto = squash(excerpts["Auto"].get_text())
    assert auto.startswith("the heading word0 word1")
    assert auto.endswith("...")
    assert len(auto) <= 143
    cut = auto[: -len("...")]
    assert long_body.replace("## ", "").replace("\n\n", " ").startswith(cut)
    assert not cut.endswith("word")  # never stops in the middle of "word12"


def test_tags_merge_case_insensitively_with_pages_and_counts(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "posts/a.md": post("A", "2026-01-01", tags=["Rust"]),
            "posts/b.md": post("B", "2026-01-02", tags=["rust", "eBPF"]),
            "posts/c.md": post("C", "2026-01-03", tags=" RUST , linux"),
        },
        folio={"tags_display": {"ebpf": "eBPF"}},
    )
    index = site.html("tags/")
    rows = {
        li.select_one("a").get_text(): li.select_one(".folio-count").get_text()
        for li in index.select(".folio-tag-index li")
    }
    assert rows == {"#eBPF": "1 post", "#linux": "1 post", "#Rust": "3 posts"}
    rust = site.html("tags/rust/")
    assert listed_titles(rust) == ["C", "B", "A"]
    assert rust.select_one("h1").get_text() == "#Rust"
    assert site.html("tags/ebpf/").select_one("h1").get_text() == "#eBPF"


def test_tag_pages_list_every_post_by_year_or_excerpts_when_asked(tmp_path: Path) -> None:
    files = {
        f"posts/p{i}.md": post(f"P{i}", f"202{5 + i % 2}-01-0{i + 1}", tags=["rust"])
        for i in range(5)
    }
    compact = make_site(tmp_path / "compact", files, folio={"per_page": 2})
    rust = compact.html("tags/rust/")
    years = [h.get_text(" ", strip=True) for h in rust.select(".folio-archive__year h2")]
    assert years == ["2026 2 posts", "2025 3 posts"]
    assert rust.select(".folio-archive__year h2 a") == []  # year pages list every tag
    assert listed_titles(rust) == ["P3", "P1", "P4", "P2", "P0"]
    assert not (compact.out / "tags/rust/page/2/index.html").exists()

    excerpts = make_site(tmp_path / "excerpts", files, folio={"per_page": 2, "tag_excerpts": True})
    assert entry_titles(excerpts.html("tags/rust/")) == ["P3", "P1"]
    assert entry_titles(excerpts.html("tags/rust/page/3/")) == ["P0"]
    older = excerpts.html("tags/rust/").select_one(".folio-pagination a[rel=next]")
    assert older["href"] == "../../tags/rust/page/2/"


def test_archive_groups_by_year_with_year_pages(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "posts/a.md": post("A", "2025-05-01"),
            "posts/b.md": post("B", "2026-01-02"),
            "posts/c.md": post("C", "2026-07-03"),
        },
    )
    archive = site.html("archive/")
    years = [h.get_text(" ", strip=True) for h in archive.select(".folio-archive__year h2")]
    assert years == ["2026 2 posts", "2025 1 post"]
    assert [a.get_text() for a in site.html("archive/2026/").select(".folio-archive__posts a")] == [
        "C",
        "B",
    ]


def test_pagination_with_rel_links(tmp_path: Path) -> None:
    files = {
        f"posts/p{i:02d}.md": post(f"Post {i:02d}", f"2026-01-{i + 1:02d}", tags=["t"])
        for i in range(5)
    }
    site = make_site(tmp_path, files, folio={"per_page": 2, "tag_excerpts": True})
    assert entry_titles(site.html("")) == ["Post 04", "Post 03"]
    page2 = site.html("page/2/")
    assert entry_titles(page2) == ["Post 02", "Post 01"]
    assert page2.select_one('a[rel="prev"]')["href"] == "../../"
    assert page2.select_one('a[rel="next"]')["href"] == "../../page/3/"
    assert entry_titles(site.html("page/3/")) == ["Post 00"]
    assert site.html("page/3/").select_one('a[rel="next"]') is None
    assert entry_titles(site.html("tags/t/page/3/")) == ["Post 00"]


def test_drafts_and_future_posts_are_left_out_of_build_but_badged_in_serve(tmp_path: Path) -> None:
    files = {
        "posts/live.md": post("Live", "2026-01-01", tags=["x"]),
        "posts/draft.md": post("Draft post", "2026-01-02", draft=True, tags=["x"]),
        "posts/future.md": post("Future post", "2999-01-01"),
    }
    built = make_site(tmp_path / "b", files)
    assert entry_titles(built.html("")) == ["Live"]
    assert not (built.out / "posts/draft-post/index.html").exists()
    assert listed_titles(built.html("tags/x/")) == ["Live"]

    served = make_site(tmp_path / "s", files, serve=True)
    home = served.html("")
    assert entry_titles(home) == ["Future post", "Draft post", "Live"]
    badges = [e.select_one(".folio-badge") for e in home.select(".folio-entry")]
    assert [b.get_text() if b else None for b in badges] == ["Draft", "Draft", None]
    assert (served.out / "posts/draft-post/index.html").exists()

    published = make_site(tmp_path / "p", files, folio={"draft": True})
    assert len(entry_titles(published.html(""))) == 3


def test_dates_from_the_path(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "posts/2026/03/14/deep.md": "# Deep\n\ntext",
            "posts/2025-02-03-flat.md": "# Flat\n\ntext",
        },
    )
    times = [t["datetime"][:10] for t in site.html("").select(".folio-entry time")]
    assert times == ["2026-03-14", "2025-02-03"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        (
            post("A", "yesterday"),
            "posts/bad.md: 'date' must be a date like 2026-03-14, got 'yesterday'",
        ),
        (post("A", None), "posts/bad.md: 'date' is required"),
        (post("A", "2026-01-01", tags=5), "posts/bad.md: 'tags' must be a list of tags"),
        ("---\ntitle: [unclosed\n---\n", "posts/bad.md: 'front matter' is not valid YAML"),
    ],
)
def test_bad_posts_stop_the_build_with_one_line(
    tmp_path: Path, source: str, expected: str, caplog: pytest.LogCaptureFixture
) -> None:
    write_site(tmp_path, {"posts/bad.md": source})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert errors[0].startswith(expected)
    assert "\n" not in errors[0]


def test_build_leaves_docs_untouched(tmp_path: Path) -> None:
    write_site(tmp_path, {"posts/a.md": post("A", tags=["t"]), "about.md": "# About\n"})
    before = tree_digest(tmp_path / "docs")
    build_site(tmp_path)
    build_site(tmp_path, serve=True)
    assert tree_digest(tmp_path / "docs") == before


def test_without_directory_urls_and_with_a_site_subpath(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {f"posts/p{i}.md": post(f"P{i}", f"2026-01-0{i + 1}", tags=["Tag A"]) for i in range(3)},
        config={"use_directory_urls": False, "site_url": "https://example.org/sub/path/"},
        folio={"per_page": 2},
    )
    home = site.html("index.html")
    assert home.select_one(".folio-entry__title a")["href"] == "posts/p2.html"
    assert home.select_one(".folio-tag")["href"] == "tags/tag-a.html"
    assert home.select_one('a[rel="next"]')["href"] == "page/2.html"
    page2 = site.html("page/2.html")
    assert page2.select_one('a[rel="prev"]')["href"] == "../index.html"
    assert (site.out / "posts/p0.html").exists()
    post_page = site.html("posts/p1.html")
    assert post_page.select_one(".folio-tag")["href"] == "../tags/tag-a.html"
    assert "https://example.org/sub/path/posts/p1.html" in site.text("sitemap.xml")


def test_listing_goes_at_the_marker_or_after_the_content(tmp_path: Path) -> None:
    marked = make_site(
        tmp_path / "m",
        {
            "index.md": "# Home\n\nbefore\n\n<!-- folio:posts -->\n\nafter\n",
            "posts/a.md": post("A"),
        },
    )
    paragraphs = [
        p.get_text()
        for p in marked.html("").select("article.md-content__inner > p, .md-content__inner > p")
    ]
    body = str(marked.html("").select_one(".md-content__inner"))
    assert body.index("before") < body.index("folio-entry") < body.index("after")
    assert paragraphs  # the page's own content is kept
    generated = make_site(tmp_path / "g", {"posts/a.md": post("A")})
    assert entry_titles(generated.html("")) == ["A"]


def test_post_pages_have_header_neighbours_and_related_posts(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "posts/a.md": post("A", "2026-01-01", tags=["x", "y"]),
            "posts/b.md": post("B", "2026-01-02", tags=["x"], updated="2026-02-01"),
            "posts/c.md": post("C", "2026-01-03", tags=["x", "y"]),
            "posts/d.md": post("D", "2026-01-04", tags=["z"]),
        },
    )
    page = site.html("posts/b/")
    assert page.select_one("h1").get_text() == "B"
    header = page.select_one(".folio-post-header")
    assert "Updated February 1, 2026" in header.get_text()
    assert [a.get_text() for a in header.select(".folio-tag")] == ["#x"]
    assert page.select_one('.folio-post-nav a[rel="prev"]')["href"] == "../../posts/a/"
    assert page.select_one('.folio-post-nav a[rel="next"]')["href"] == "../../posts/c/"
    related = [a.get_text() for a in site.html("posts/a/").select(".folio-related a")]
    assert related == ["C", "B"]


def test_posts_stay_out_of_the_nav_which_lists_listing_tags_and_archive(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {"index.md": "# Home\n", "about.md": "# About\n", "posts/a.md": post("A", tags=["t"])},
    )
    nav = [
        a.get_text(strip=True)
        for a in site.html("about/").select(".md-nav--primary > .md-nav__list > .md-nav__item > a")
    ]
    assert nav == ["Home", "Tags", "Archive", "About"]


def test_no_posts_yet(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"index.md": "# Home\n"})
    assert site.html("").select_one(".folio-empty").get_text() == "No posts yet."


def test_serve_rebuilds_reflect_added_edited_and_deleted_posts(tmp_path: Path) -> None:
    write_site(tmp_path, {"posts/a.md": post("A", "2026-01-01", tags=["old"])})
    build_site(tmp_path, serve=True)
    (tmp_path / "docs/posts/a.md").write_text(post("A edited", "2026-01-01", tags=["new"]))
    (tmp_path / "docs/posts/b.md").write_text(post("B", "2026-01-02", tags=["new"]))
    site = build_site(tmp_path, serve=True)
    assert entry_titles(site.html("")) == ["B", "A edited"]
    assert listed_titles(site.html("tags/new/")) == ["B", "A edited"]
    (tmp_path / "docs/posts/b.md").unlink()
    site = build_site(tmp_path, serve=True)
    assert entry_titles(site.html("")) == ["A edited"]
    assert [a.get_text() for a in site.html("tags/").select(".folio-tag")] == ["#new"]


def test_templates_can_be_overridden_with_custom_dir(tmp_path: Path) -> None:
    site = build_with_override(
        tmp_path,
        {"posts/a.md": post("A")},
        "folio/partials/entry.html",
        '<p class="mine">{{ post.title }}</p>',
    )
    assert site.html("").select_one(".mine").get_text() == "A"


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (
            {"per_page": 0},
            "Plugin 'folio' option 'per_page': Expected a whole number of at least 1.",
        ),
        ({"post_url_format": "posts/{nope}/"}, "option 'post_url_format': The URL format"),
        ({"timezone": "Mars/Olympus"}, "option 'timezone': Expected an IANA time zone"),
        ({"palette": {"shortcuts": ["hyper+k"]}}, "Expected shortcuts like 'mod+k'"),
        ({"feed_content": "everything"}, "option 'feed_content'"),
    ],
)
def test_wrong_option_values_are_config_errors(
    tmp_path: Path, options: dict[str, object], expected: str, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.config import load_config

    write_site(tmp_path, {"index.md": "# x\n"}, folio=options)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        load_config(config_file=str(tmp_path / "mkdocs.yml"))
    assert any(expected in record.getMessage() for record in caplog.records), caplog.text


def test_serve_rebuilds_redo_only_the_edited_post(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import mkdocs_folio.excerpt as folio_excerpt
    import mkdocs_folio.post_sources as folio_sources

    calls: dict[str, list[str]] = {"parse": [], "summarize": []}
    real_parse, real_summarize = folio_sources.parse_post, folio_excerpt.summarize

    def parse(src_uri: str, source: str, **options: object) -> object:
        calls["parse"].append(src_uri)
        return real_parse(src_uri, source, **options)

    def summarize(html: str, **options: object) -> object:
        calls["summarize"].append(html)
        return real_summarize(html, **options)

    monkeypatch.setattr(folio_sources, "parse_post", parse)
    monkeypatch.setattr(folio_excerpt, "summarize", summarize)
    write_site(
        tmp_path,
        {
            "posts/a.md": post("A", "2026-01-01", tags=["x"], body="Alpha words."),
            "posts/b.md": post("B", "2026-01-02", tags=["x"], body="Beta words."),
        },
    )
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/")
        assert sorted(calls["parse"]) == ["posts/a.md", "posts/b.md"]
        calls["parse"].clear()
        calls["summarize"].clear()

        (tmp_path / "docs/posts/b.md").write_text(post("B2", "2026-01-02", body="Changed."))
        config = load_config(config_file=str(tmp_path / "mkdocs.yml"))  # as serve reloads it
        build(config, serve_url="http://127.0.0.1:8000/")
    finally:
        config.plugins.on_shutdown()
    assert calls["parse"] == ["posts/b.md"]
    assert len(calls["summarize"]) == 1 and "Changed." in calls["summarize"][0]
    site = Site(tmp_path, config)
    assert entry_titles(site.html("")) == ["B2", "A"]
    assert "Alpha words." in site.html("").select(".folio-entry")[1].get_text()
    assert listed_titles(site.html("tags/x/")) == ["A"]


def test_serve_dirty_rebuild_keeps_listing_tags_and_archive_right(tmp_path: Path) -> None:
    # `mkdocs serve --dirty` rebuilds only the pages whose source is newer than their output;
    # folio's listings must still show every post, with the edit, and no stale tag page.
    write_site(
        tmp_path,
        {
            "index.md": "# Home\n",
            "posts/a.md": post("A", "2026-01-01", tags=["x"], body="Alpha words."),
            "posts/b.md": post("B", "2026-01-02", tags=["x"], body="Beta words."),
            "posts/c.md": post("C", "2026-01-03", tags=["y"], body="Gamma words."),
        },
    )
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    config.plugins.on_startup(command="serve", dirty=True)
    try:
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        edited = tmp_path / "docs/posts/b.md"
        edited.write_text(
            post("B renamed", "2026-01-02", tags=["z"], body="Beta edited."), encoding="utf-8"
        )
        later = (tmp_path / "site/index.html").stat().st_mtime + 10
        os.utime(edited, (later, later))  # newer than its output, whatever the clock's grain
        config = load_config(config_file=str(tmp_path / "mkdocs.yml"))  # as serve reloads it
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
    finally:
        config.plugins.on_shutdown()
    site = Site(tmp_path, config)
    home = site.html("")
    assert entry_titles(home) == ["C", "B renamed", "A"]
    entries = dict(zip(entry_titles(home), home.select(".folio-entry"), strict=True))
    assert "Alpha words." in entries["A"].get_text()  # an unchanged post keeps its excerpt
    assert "Beta edited." in entries["B renamed"].get_text()
    assert listed_titles(site.html("tags/x/")) == ["A"]
    assert listed_titles(site.html("tags/z/")) == ["B renamed"]
    assert listed_titles(site.html("archive/")) == ["C", "B renamed", "A"]
    palette_titles = [p[0] for p in json.loads(site.text("assets/folio/index.json"))["posts"]]
    assert sorted(palette_titles) == ["A", "B renamed", "C"]
    renamed = site.html("posts/b-renamed/")  # the slug follows the title
    assert [h1.get_text(strip=True) for h1 in renamed.select("h1")] == ["B renamed"]
    assert [a["href"] for a in home.select(".folio-entry__title a")][1] == "posts/b-renamed/"
