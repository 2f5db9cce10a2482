"""Posts and tags in Material's search index, and the palette's own compact index."""

from __future__ import annotations

import gzip
import json
import logging
from pathlib import Path
from typing import Any

import pytest

from .browser import serve_directory
from .sites import make_site, post

XSS = "<img src=x onerror=alert(1)>"


def blog(**extra: str) -> dict[str, str]:
    files = {
        "index.md": "# Home\n\nWelcome to the blog.\n",
        "about.md": "# About me\n\nI write things.\n",
        "posts/probes.md": post(
            "Kernel probes explained",
            "2026-03-01",
            tags=["ebpf", "linux"],
            body="## attaching probes\n\nkprobes attach to almost any kernel function quickly.\n\n"
            "## verifier\n\nThe verifier checks every program before it runs.",
        ),
        "posts/maps.md": post(
            "Maps and ring buffers",
            "2026-02-01",
            tags=["eBPF"],
            body="## sharing state\n\nmaps share state between kernel and user space.",
        ),
        "posts/cargo.md": post(
            "Cargo workspaces",
            "2026-01-01",
            tags=["rust"],
            body="## layout\n\nworkspaces keep crates together and mention ebpf nowhere else.",
        ),
    }
    files.update(extra)
    return files


def index_of(site: Any) -> list[dict[str, Any]]:
    return json.loads(site.text("search/search_index.json"))["docs"]


def test_one_document_per_post_with_title_excerpt_date_and_tags(tmp_path: Path) -> None:
    site = make_site(tmp_path, blog())
    docs = {d["location"]: d for d in index_of(site)}
    probe = docs["posts/kernel-probes-explained/"]
    assert probe["title"] == "Kernel probes explained"
    assert probe["excerpt"].startswith("attaching probes kprobes attach")
    assert probe["tags"] == ["eBPF", "linux"]
    assert probe["date"] == "2026-03-01"
    # Its sections are indexed as Material indexes them.
    assert docs["posts/kernel-probes-explained/#verifier"]["text"].startswith("<p>The verifier")
    assert docs["posts/kernel-probes-explained/#verifier"]["tags"] == ["eBPF", "linux"]


def test_a_posts_own_entries_stay_whole_with_the_excerpt_as_extra_data(tmp_path: Path) -> None:
    intro = " ".join(f"introword{i}" for i in range(60))  # far beyond the 140-character excerpt
    files = blog()
    files["posts/long.md"] = post(
        "Long intro", "2026-01-07", body=f"{intro}\n\n## later\n\nsectionword closes it."
    )
    site = make_site(tmp_path, files)
    docs = {d["location"]: d for d in index_of(site)}
    page = docs["posts/long-intro/"]
    assert "introword59" in page["text"]  # the whole intro, as Material's search indexed it
    assert page["excerpt"].startswith("introword0 introword1")
    assert "introword59" not in page["excerpt"]
    assert "sectionword" in docs["posts/long-intro/#later"]["text"]


def test_a_posts_heading_stays_its_search_title_beside_a_short_front_matter_title(
    tmp_path: Path,
) -> None:
    files = blog()
    files["posts/release.md"] = post(
        "release-060", "2026-01-08", body="# Version 0.6 adds a *tree*mendous widget\n\nText."
    )
    site = make_site(tmp_path, files)
    docs = {d["location"]: d for d in index_of(site)}
    assert docs["posts/release-060/"]["title"] == "Version 0.6 adds a treemendous widget"


def test_tag_pages_are_indexed_by_name_and_count_and_listings_carry_no_post_text(
    tmp_path: Path,
) -> None:
    site = make_site(tmp_path, blog(), folio={"per_page": 1, "tag_excerpts": True})
    assert (site.out / "tags/ebpf/page/2/index.html").is_file()
    docs = index_of(site)
    by_location = {d["location"]: d for d in docs}
    assert by_location["tags/ebpf/"]["title"] == "#eBPF"
    assert by_location["tags/ebpf/"]["text"] == "2 posts"
    for location in ("page/2/", "tags/", "archive/", "archive/2026/", "tags/ebpf/page/2/"):
        assert location not in by_location
    # A phrase of one post appears only in that post's own entries.
    hits = {d["location"].split("#")[0] for d in docs if "verifier checks" in d["text"]}
    assert hits == {"posts/kernel-probes-explained/"}


def test_search_exclude_and_boost_are_respected(tmp_path: Path) -> None:
    files = blog()
    files["posts/hidden.md"] = post("Hidden", "2026-01-05", search={"exclude": True})
    files["posts/boosted.md"] = post("Boosted", "2026-01-06", search={"boost": 4})
    site = make_site(tmp_path, files)
    locations = {d["location"]: d for d in index_of(site)}
    assert not any(loc.startswith("posts/hidden/") for loc in locations)
    assert locations["posts/boosted/"]["boost"] == 4


def test_drafts_are_absent_from_the_index(tmp_path: Path) -> None:
    files = blog()
    files["posts/draft.md"] = post("Secret draft", "2026-01-05", draft=True)
    site = make_site(tmp_path, files)
    assert not any("Secret" in d["title"] for d in index_of(site))
    assert "Secret" not in site.text("assets/folio/index.json")


@pytest.mark.parametrize(
    "plugins",
    [
        ["search", "folio"],
        ["folio", "search"],
        ["material/search", "folio"],
        ["folio", "material/search"],
    ],
)
def test_any_search_plugin_spelling_and_order(tmp_path: Path, plugins: list[str]) -> None:
    site = make_site(tmp_path, blog(), config={"plugins": plugins})
    docs = {d["location"]: d for d in index_of(site)}
    assert docs["posts/kernel-probes-explained/"]["tags"] == ["eBPF", "linux"]
    assert "page/2/" not in docs


def test_without_a_search_plugin_folio_builds_and_says_so(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        site = make_site(tmp_path, blog(), config={"plugins": ["folio"]})
    assert not (site.out / "search/search_index.json").exists()
    assert any("No search plugin" in r.getMessage() for r in caplog.records)
    index = json.loads(site.text("assets/folio/index.json"))
    assert "search" not in index["links"]
    assert len(index["posts"]) == 3


def test_titles_are_escaped_as_materials_client_expects(tmp_path: Path) -> None:
    files = blog()
    files["posts/xss.md"] = post(XSS, "2026-01-09", tags=["web"], description="a <b>bold</b> claim")
    site = make_site(tmp_path, files)
    doc = next(d for d in index_of(site) if d.get("date") == "2026-01-09")
    assert doc["title"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert doc["excerpt"] == "a &lt;b&gt;bold&lt;/b&gt; claim"


def test_offline_plugin_bundle_contains_the_entries(tmp_path: Path) -> None:
    site = make_site(tmp_path, blog(), config={"plugins": ["search", "offline", "folio"]})
    bundle = site.text("search/search_index.js")
    assert "Kernel probes explained" in bundle
    assert '"date":"2026-03-01"' in bundle.replace(" ", "")


def test_palette_index_lists_posts_tags_pages_and_links(tmp_path: Path) -> None:
    site = make_site(tmp_path, blog())
    index = json.loads(site.text("assets/folio/index.json"))
    titles = [row[0] for row in index["posts"]]
    assert titles == ["Kernel probes explained", "Maps and ring buffers", "Cargo workspaces"]
    first = index["posts"][0]
    assert first[1] == "posts/kernel-probes-explained/"
    assert first[2] == "March 1, 2026"  # as the listing shows it
    assert [index["tags"][i][0] for i in first[3]] == ["eBPF", "linux"]
    assert first[4].startswith("attaching probes")
    assert ["eBPF", "tags/ebpf/", 2] in index["tags"]
    assert ["About me", "about/"] in index["pages"]
    assert index["links"] == {
        "home": "",
        "tags": "tags/",
        "archive": "archive/",
        "search": "search/search_index.json",
        "rss": "feed.xml",
        "atom": "atom.xml",
        "json": "feed.json",
    }


def test_palette_index_urls_without_directory_urls_and_under_a_subpath(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        blog(),
        config={"use_directory_urls": False, "site_url": "https://example.org/sub/path/"},
    )
    index = json.loads(site.text("assets/folio/index.json"))
    assert index["posts"][0][1] == "posts/kernel-probes-explained.html"
    assert ["eBPF", "tags/ebpf.html", 2] in index["tags"]
    assert index["links"]["tags"] == "tags/index.html"
    assert ["About me", "about.html"] in index["pages"]
    for row in index["posts"]:
        assert (site.out / row[1]).exists()


def test_palette_index_is_compact(tmp_path: Path) -> None:
    files = {
        f"posts/p{i:03d}.md": post(
            f"Post number {i} about systems",
            f"2026-01-{i % 28 + 1:02d}",
            tags=[f"t{i % 7}", f"u{i % 5}"],
            body="## intro\n\n" + " ".join(f"word{j}" for j in range(200)),
        )
        for i in range(60)
    }
    site = make_site(tmp_path, files, config={"plugins": ["folio"]})
    raw = (site.out / "assets/folio/index.json").read_bytes()
    assert len(gzip.compress(raw)) / 60 <= 300


def material_search(page: Any, query: str) -> list[str]:
    """Type into Material's search box, as a reader would, and read the result titles."""
    page.click(".md-search__input")
    box = page.locator("input.md-search__input")
    # The search worker loads its index in the background; typing before it is ready is lost.
    for _ in range(20):
        box.fill("")
        box.type(query, delay=20)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=1000)
            break
        except Exception:
            continue
    return page.locator(".md-search-result__item > .md-search-result__link h1").all_inner_texts()


@pytest.mark.browser
def test_materials_search_box_finds_posts_by_tag_and_title(tmp_path: Path, page: Any) -> None:
    site = make_site(tmp_path, blog())
    with serve_directory(site.out) as base:
        page.goto(base)
        titles = material_search(page, "ebpf")
        # The tag ranks both tagged posts above the post that merely mentions the word.
        assert set(titles[:2]) == {"Kernel probes explained", "Maps and ring buffers"}
        assert page.locator(".md-search-result__item .md-tag").first.inner_text() == "eBPF"
        assert material_search(page, "ring")[0] == "Maps and ring buffers"


@pytest.mark.browser
def test_hostile_titles_show_as_text_in_search_results(tmp_path: Path, page: Any) -> None:
    files = blog()
    files["posts/xss.md"] = post(XSS + " zebra", "2026-01-09", tags=[XSS])
    site = make_site(tmp_path, files)
    with serve_directory(site.out) as base:
        page.goto(base)
        assert material_search(page, "zebra")[0] == XSS + " zebra"
        assert page.locator(".md-search-result__item .md-tag").first.inner_text() == XSS
        assert page.locator(".md-search-result img").count() == 0
        page.wait_for_timeout(200)
        assert page.dialogs == []
