"""A blog built with Material's `blog` plugin builds with folio when only the plugin's name
changes, and every URL Material produced still exists."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from mkdocs.exceptions import Abort, ConfigurationError

from .material_blog import build_both, page_urls
from .sites import Site, build_site, squash


@pytest.fixture(scope="module")
def defaults(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Site]:
    """Material's defaults, plus author pages."""
    return build_both(tmp_path_factory.mktemp("defaults"), {"authors_profiles": True})


def test_every_url_of_materials_blog_exists_with_folio(defaults: tuple[Site, Site]) -> None:
    material, folio = defaults
    before = page_urls(material)
    # The fixture is large enough that every kind of page is paginated.
    for url in (
        "blog/page/4/",
        "blog/2026/09/04/mkdocs-2.0/",
        "blog/archive/2026/page/2/",
        "blog/category/guides/page/2/",
        "blog/author/jane/page/4/",
        "blog/author/omar/",
    ):
        assert url in before
    missing = before - page_urls(folio)
    assert not missing


def _entries(site: Site, url: str) -> list[tuple[str, ...]]:
    """What a reader sees of each listing entry: title, link, meta line, avatars, action."""
    page = site.html(url)
    return [
        (
            squash(entry.select_one(".md-post__content h2").get_text()),
            urljoin(
                f"https://blog.example.org/{url}",
                entry.select_one(".md-post__content h2 a")["href"],
            ),
            squash(entry.select_one(".md-post__meta").get_text()),
            " ".join(img["src"] for img in entry.select(".md-post__authors img")),
            squash(" ".join(a.get_text() for a in entry.select(".md-post__action a"))),
        )
        for entry in page.select("article.md-post--excerpt")
    ]


def _pager(site: Site, url: str) -> list[tuple[str, str]]:
    return [
        (squash(link.get_text()), link.get("href", ""))
        for link in site.html(url).select(".md-pagination a, .md-pagination span")
    ]


def test_listing_pages_show_what_materials_show(defaults: tuple[Site, Site]) -> None:
    material, folio = defaults
    listings = sorted(
        url
        for url in page_urls(material)
        if url.startswith(("blog/page", "blog/category", "blog/archive", "blog/author"))
        or url == "blog/"
    )
    assert len(listings) > 10
    for url in listings:
        assert _entries(folio, url) == _entries(material, url), url
        assert _pager(folio, url) == _pager(material, url), url
        assert folio.html(url).title.get_text() == material.html(url).title.get_text(), url
    first = _entries(folio, "blog/")
    assert len(first) == 10  # Material's 10 posts a page
    assert first[1][4] == "Continue reading"


def _sidebar(site: Site, url: str) -> str:
    sidebar = site.html(url).select_one(".md-sidebar--post")
    assert sidebar is not None, url
    links = " ".join(a["href"] for a in sidebar.select("a"))
    images = " ".join(img["src"] for img in sidebar.select("img"))
    return f"{squash(sidebar.get_text())} | {links} | {images}"


def _active_tab(site: Site, url: str) -> list[str]:
    return [squash(tab.get_text()) for tab in site.html(url).select(".md-tabs__item--active")]


def test_post_pages_have_materials_sidebar_and_active_tab(defaults: tuple[Site, Site]) -> None:
    material, folio = defaults
    posts = sorted(url for url in page_urls(material) if url[5:7] == "20")
    assert len(posts) == 34
    for url in posts:
        assert _sidebar(folio, url) == _sidebar(material, url), url
        assert folio.html(url).select(".folio-links") == []  # the sidebar lists them
        assert _active_tab(folio, url) == _active_tab(material, url) == ["Blog"], url
        assert folio.html(url).title.get_text() == material.html(url).title.get_text(), url
    for url in page_urls(material):
        assert _active_tab(folio, url) == _active_tab(material, url), url


def test_a_template_extending_blog_post_renders(defaults: tuple[Site, Site]) -> None:
    material, folio = defaults
    url = "blog/2026/05/08/post-number-7-notes-on-build-systems/"
    for site in defaults:
        page = site.html(url)
        assert page.select_one(".custom-post-template") is not None
    assert _sidebar(folio, url) == _sidebar(material, url)
    assert "May 8, 2026" in _sidebar(folio, url)


def test_generated_pages_carry_their_title_as_a_heading(defaults: tuple[Site, Site]) -> None:
    _, folio = defaults
    # The site's hook read a `# heading` on every page (it raises IndexError otherwise).
    for url, title in [
        ("blog/page/2/", "Blog"),
        ("blog/archive/2025/", "2025"),
        ("blog/category/deep-dives/", "Deep Dives"),
        ("blog/author/omar/", "Omar Haddad"),
    ]:
        page = folio.html(url)
        assert squash(page.select_one("h1").get_text()) == title, url


CUSTOM = {
    "post_url_format": "{categories}/{date}/{slug}",
    "post_url_date_format": "yyyy/MM",
    "pagination_per_page": 7,
    "pagination_url_format": "p/{page}",
    "archive_pagination": False,
    "categories_url_format": "topics/{slug}",
    "categories_pagination_per_page": 4,
    "authors_profiles": True,
    "authors_profiles_pagination": False,
    "post_slugify_separator": "_",
    "draft_if_future_date": True,
}


def test_materials_options_as_written_give_materials_urls(tmp_path: Path) -> None:
    material, folio = build_both(tmp_path, CUSTOM)
    before = page_urls(material)
    for url in (
        "blog/p/5/",
        "blog/releases/2026/09/mkdocs-2.0/",
        "blog/topics/guides/p/4/",
        "blog/archive/2025/",
        "blog/author/jane/",
    ):
        assert url in before, url
    assert not any(url.startswith("blog/archive/2025/p/") for url in before)
    assert before - page_urls(folio) == set()
    assert page_urls(folio) - before == {"blog/archive/"}
    for url in ("blog/p/2/", "blog/topics/guides/p/3/", "blog/archive/2026/", "blog/author/omar/"):
        assert _entries(folio, url) == _entries(material, url), url
        assert _pager(folio, url) == _pager(material, url), url
        pagers = [len(site.html(url).select("nav.md-pagination")) for site in (folio, material)]
        assert pagers[0] == pagers[1], url


def test_the_tabs_stay_materials(defaults: tuple[Site, Site]) -> None:
    material, folio = defaults

    def tabs(site: Site) -> list[str]:
        return [squash(tab.get_text()) for tab in site.html("blog/").select(".md-tabs__item")]

    # folio's archive page sits in the Blog section, beside the listing, not in a tab of its own.
    assert tabs(folio) == tabs(material) == ["Welcome", "About", "Blog"]
    archive = folio.html("blog/archive/").select_one(".md-tabs__item--active")
    assert squash(archive.get_text()) == "Blog"


def _tiny_blog(root: Path, options: dict[str, object], post: str) -> Path:
    (root / "docs/blog/posts").mkdir(parents=True)
    (root / "docs/index.md").write_text("# Home\n", encoding="utf-8")
    (root / "docs/blog/posts/one.md").write_text(post, encoding="utf-8")
    config = {
        "site_name": "Tiny",
        "theme": {"name": "material"},
        "plugins": [{"folio": options}],
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"categories_allowed": ["News"]},
            "blog/posts/one.md: 'categories' names 'Misc', which is not in categories_allowed",
        ),
        ({"post_excerpt": "required"}, "blog/posts/one.md: 'excerpt' needs the separator"),
        ({"post_url_format": "{date}"}, "must contain {slug} or {file}"),
    ],
)
def test_materials_checks_are_one_line_errors(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, options: dict[str, object], message: str
) -> None:
    post = "---\ndate: 2025-01-02\ncategories: [Misc]\n---\n\n# One\n\nText.\n"
    root = _tiny_blog(tmp_path, options, post)
    with pytest.raises((Abort, ConfigurationError)):
        build_site(root)
    errors = [record.getMessage() for record in caplog.records if record.levelname == "ERROR"]
    assert any(message in error for error in errors), errors
    assert all("Traceback" not in error for error in errors)


def test_a_missing_blog_index_is_titled_as_materials(tmp_path: Path) -> None:
    post = "---\ndate: 2025-01-02\n---\n\n# One\n\nText.\n"
    site = build_site(_tiny_blog(tmp_path, {}, post))
    page = site.html("blog/")
    assert squash(page.select_one("h1").get_text()) == "Blog"
    assert page.title.get_text() == "Blog - Tiny"
    assert not (site.docs / "blog/index.md").exists()  # generated, never written into docs


def _nav(site: Site, url: str) -> list[str]:
    """The primary nav as a reader sees it: every entry and section title, in order."""
    nav = site.html(url).select_one(".md-nav--primary > .md-nav__list")
    return [squash(item.get_text()) for item in nav.select(".md-nav__link")]


def test_the_nav_has_materials_archive_categories_and_authors(
    defaults: tuple[Site, Site],
) -> None:
    material, folio = defaults
    for url in ("blog/", "blog/category/guides/", "blog/archive/2025/"):
        assert _nav(folio, url) == _nav(material, url), url
    nav = _nav(folio, "blog/")
    for entry in ("Archive", "2026", "Categories", "Deep Dives", "Authors", "Omar Haddad"):
        assert entry in nav


def test_file_names_in_post_urls_match_materials(tmp_path: Path) -> None:
    post = "---\ndate: 2025-01-02\n---\n\n# One\n\nText.\n"
    urls = []
    for plugin in ("blog", "folio"):
        root = _tiny_blog(tmp_path / plugin, {"post_url_format": "{date}/{file}"}, post)
        (root / "docs/blog/posts/one.md").rename(root / "docs/blog/posts/Release_Notes-2.0.md")
        config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
        config["plugins"] = [{plugin: {"post_url_format": "{date}/{file}"}}]
        (root / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
        urls.append(page_urls(build_site(root)))
    assert "blog/2025/01/02/Release_Notes-2.0/" in urls[0]
    assert urls[0] - urls[1] == set()


def test_later_pages_keep_the_index_text_when_asked(tmp_path: Path) -> None:
    options = {"pagination_keep_content": True, "pagination_per_page": 20}
    material, folio = build_both(tmp_path, options)

    def header(site: Site) -> str:
        return squash(site.html("blog/page/2/").select_one(".md-content header").get_text())

    assert header(folio) == header(material) == "Blog The posts, newest first."


@pytest.fixture(scope="module")
def monthly(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Site]:
    """Material's archive with a page per month, titled with the month's name, paginated."""
    options = {
        "archive_url_date_format": "yyyy/MM",
        "archive_date_format": "MMMM yyyy",
        "archive_pagination_per_page": 1,
    }
    return build_both(tmp_path_factory.mktemp("monthly"), options)


def test_a_monthly_archive_has_materials_pages(monthly: tuple[Site, Site]) -> None:
    material, folio = monthly
    before, after = page_urls(material), page_urls(folio)
    for url in ("blog/archive/2026/12/", "blog/archive/2026/12/page/2/", "blog/archive/2025/03/"):
        assert url in before
    assert not any(url.startswith("blog/archive/2026/page/") for url in before)
    assert before <= after
    assert after - before == {"blog/archive/"}  # folio's own archive index, as documented
    archive = sorted(url for url in before if url.startswith("blog/archive/"))
    assert len(archive) > 20
    for url in archive:
        assert _entries(folio, url) == _entries(material, url), url
        assert _pager(folio, url) == _pager(material, url), url
        assert folio.html(url).title.get_text() == material.html(url).title.get_text(), url
    assert squash(folio.html("blog/archive/2026/12/").h1.get_text()) == "December 2026"
    # folio's archive index links each year to the month of its newest post.
    year_links = folio.html("blog/archive/").select("h2[id^=year-] a")
    assert [link["href"] for link in year_links][:2] == [
        "../../blog/archive/2026/12/",
        "../../blog/archive/2025/12/",
    ]


def test_a_monthly_archive_fills_materials_nav_section(monthly: tuple[Site, Site]) -> None:
    material, folio = monthly
    assert _nav(folio, "blog/") == _nav(material, "blog/")
