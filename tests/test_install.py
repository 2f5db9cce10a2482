"""folio as other people get it: the wheel from `python -m build`, installed into a fresh venv,
building small third-party sites outside this checkout, checked in headless Chromium."""

from __future__ import annotations

import re
import tarfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from .browser import free_port, serve_directory
from .sites import built_assets, entry_titles, make_site
from .thirdparty import (
    DRAFT_SLUG,
    POSTS,
    PUBLISHED,
    REPO,
    TAGS,
    TITLES,
    broken_links,
    build_dists,
    html,
    make_venv,
    run,
    write_blog,
)

TEMPLATES = [
    f"templates/folio/partials/{name}.html"
    for name in ("archive", "entry", "listing", "post-footer", "post-header", "series", "tag-index")
]
ASSETS = ["assets/folio/folio.css", "assets/folio/palette.js", "assets/folio/palette.css"]


@dataclass
class Installed:
    wheel: Path
    sdist: Path
    bin: Path
    seconds: float  # how long the venv took to create and install

    def mkdocs(self, site: Path, *args: str) -> str:
        """`mkdocs build` of the venv, run in the site's folder; returns what it logged."""
        result = run([self.bin / "mkdocs", "build", *args], cwd=site)
        return result.stdout + result.stderr


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    wheel, sdist = build_dists(tmp_path_factory.mktemp("dist"))
    started = time.monotonic()
    bin_dir = make_venv(tmp_path_factory.mktemp("venv") / "venv", wheel)
    return Installed(wheel, sdist, bin_dir, time.monotonic() - started)


def test_wheel_and_sdist_contain_the_templates_and_assets(installed: Installed) -> None:
    with zipfile.ZipFile(installed.wheel) as wheel:
        names = set(wheel.namelist())
    for resource in TEMPLATES + ASSETS:
        assert f"mkdocs_folio/{resource}" in names
    assert "mkdocs_folio/plugin.py" in names
    entry_points = next(name for name in names if name.endswith(".dist-info/entry_points.txt"))
    with zipfile.ZipFile(installed.wheel) as wheel:
        registered = wheel.read(entry_points).decode()
    assert "[mkdocs.plugins]\nfolio = mkdocs_folio.plugin:FolioPlugin" in registered

    with tarfile.open(installed.sdist) as sdist:
        members = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    for resource in TEMPLATES + ASSETS:
        assert f"plugin/mkdocs_folio/{resource}" in members
    assert {"pyproject.toml", "README.md"} <= members
    # The sdist builds the same wheel: `python -m build` made the wheel from it.


def test_the_venv_runs_the_installed_wheel_not_this_checkout(
    installed: Installed, tmp_path: Path
) -> None:
    where = run(
        [installed.bin / "python", "-c", "import mkdocs_folio; print(mkdocs_folio.__file__)"],
        cwd=tmp_path,
    ).stdout.strip()
    assert Path(where).is_relative_to(installed.bin.parent)
    assert not Path(where).is_relative_to(REPO)
    # One install of the wheel and its dependencies, from the configured index.
    assert installed.seconds < 180, f"the venv took {installed.seconds:.0f} s"


# Sites ------------------------------------------------------------------------------------------


@dataclass
class Urls:
    """Where folio puts things, with and without directory URLs."""

    directory_urls: bool = True

    def _page(self, path: str) -> str:
        return f"{path}/" if self.directory_urls else f"{path}.html"

    @property
    def home(self) -> str:
        return "" if self.directory_urls else "index.html"

    @property
    def tags(self) -> str:
        return "tags/" if self.directory_urls else "tags/index.html"

    @property
    def archive(self) -> str:
        return "archive/" if self.directory_urls else "archive/index.html"

    def tag(self, slug: str) -> str:
        return self._page(f"tags/{slug}")

    def year(self, year: int) -> str:
        return self._page(f"archive/{year}")

    def post(self, slug: str) -> str:
        return self._page(f"posts/{slug}")


def assert_built_blog(site: Path, urls: Urls, prefix: str = "/") -> None:
    """The files of a built blog: every page, no draft, every relative link resolving."""
    assert entry_titles(html(site / (urls.home or "index.html"))) == TITLES
    for _, slug in PUBLISHED:
        assert (site / urls.post(slug)).exists() or (site / urls.post(slug) / "index.html").exists()
    assert not list(site.rglob(f"*{DRAFT_SLUG}*"))
    assert not list(site.rglob("*secret*"))  # the draft's own tag has no page
    for tag in TAGS:
        target = site / urls.tag(tag)
        assert target.is_file() or (target / "index.html").is_file(), tag
    assert built_assets(site) == ["folio.css", "palette.js"]
    assert (site / "assets/folio/index.json").is_file()
    assert broken_links(site, prefix) == []


class Network:
    """Failed requests to the local server, and script errors, while the page is open."""

    def __init__(self, page: Any) -> None:
        self.failures: list[str] = []
        self.errors: list[str] = []
        page.on("response", self._response)
        page.on("requestfailed", self._failed)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    @staticmethod
    def _local(url: str) -> bool:
        return urlsplit(url).hostname == "127.0.0.1"

    def _response(self, response: Any) -> None:
        if self._local(response.url) and response.status >= 400:
            self.failures.append(f"{response.status} {response.url}")

    def _failed(self, request: Any) -> None:
        # A request cut short by the next navigation is no fault of the site.
        if self._local(request.url) and "ERR_ABORTED" not in (request.failure or ""):
            self.failures.append(f"{request.failure} {request.url}")


def open_palette(page: Any) -> None:
    page.keyboard.press("Control+k")
    page.wait_for_selector(".folio-palette:not([hidden]) [role=option]")


def palette_choose(page: Any, query: str, expected_first: str) -> None:
    open_palette(page)
    page.fill(".folio-palette__input", query)
    first = page.locator(".folio-palette [role=option] .folio-palette__title").first
    first.wait_for()
    assert first.inner_text() == expected_first
    page.keyboard.press("Enter")


def expect_texts(page: Any, selector: str, texts: list[str]) -> None:
    """Wait until the elements show exactly `texts`: instant loading swaps content late."""
    expect(page.locator(selector)).to_have_text(texts)


def tour(page: Any, base: str, urls: Urls, *, heading: Callable[[Any], str] | None) -> Network:
    """Listing, tag chip, palette to tags and archive, a year, a post and its neighbour."""
    network = Network(page)
    # Offline, the way these machines are: fonts and CDN scripts fail at once instead of late.
    page.route(re.compile(r"^https?://(?!127\.0\.0\.1[:/])"), lambda route: route.abort())
    page.goto(base + urls.home)
    page.evaluate("() => { window.__sameDocument = true }")
    expect_texts(page, ".folio-entry__title a", TITLES)

    page.locator(".folio-entry .folio-tag", has_text="#rust").first.click()
    page.wait_for_url(base + urls.tag("rust"))
    expect_texts(page, ".folio-archive__posts a", [TITLES[0], TITLES[2]])

    palette_choose(page, "> go to tags", "Go to tags")
    page.wait_for_url(base + urls.tags)
    expect(page.locator(".folio-tag-index li")).to_have_count(len(TAGS))
    chips = page.locator(".folio-tag-index li").all_inner_texts()
    counts = {chip.split()[0].lstrip("#").lower(): int(chip.split()[1]) for chip in chips}
    assert counts == TAGS

    palette_choose(page, "> go to archive", "Go to archive")
    page.wait_for_url(base + urls.archive)
    expect_texts(page, ".folio-archive__posts a", TITLES)
    page.locator(".folio-archive__year h2 a", has_text="2025").click()
    page.wait_for_url(base + urls.year(2025))
    expect_texts(page, ".folio-archive__posts a", TITLES[2:])

    palette_choose(page, "dependency hell", "Escaping dependency hell with Nix")
    page.wait_for_url(base + urls.post("escaping-dependency-hell-with-nix"))
    expect_texts(page, ".folio-post-header .folio-tag", ["#nix", "#linux"])
    if heading is not None:
        assert heading(page) == "Escaping dependency hell with Nix"
    page.locator(".folio-post-nav__newer").click()
    page.wait_for_url(base + urls.post("the-hidden-cost-of-async-rust"))
    expect_texts(page, ".folio-post-header .folio-tag", ["#rust", "#async"])
    page.wait_for_load_state("networkidle")
    return network


def material_heading(page: Any) -> str:
    return str(page.locator(".md-content h1").first.inner_text()).rstrip("¶").strip()


@pytest.mark.browser
def test_minimal_material_site(installed: Installed, tmp_path: Path, page: Any) -> None:
    site = write_blog(
        tmp_path / "minimal",
        {"site_name": "Minimal", "theme": {"name": "material"}, "plugins": ["search", "folio"]},
    )
    assert not site.is_relative_to(REPO)
    log = installed.mkdocs(site)
    # Without site_url there are no feeds: one warning says so, the rest builds.
    assert "site_url" in log
    assert not (site / "site/feed.xml").exists()
    assert_built_blog(site / "site", Urls())
    with serve_directory(site / "site") as base:
        network = tour(page, base, Urls(), heading=material_heading)
        assert page.locator(".md-header .folio-palette-button").count() == 1
    assert network.failures == []
    assert network.errors == []


@pytest.mark.browser
def test_material_tags_plugin_instant_tabs_and_palette_toggle(
    installed: Installed, tmp_path: Path, page: Any
) -> None:
    # Instant navigation follows only the links of the sitemap, written from site_url.
    port = free_port()
    site = write_blog(
        tmp_path / "tagged",
        {
            "site_name": "Tagged",
            "site_url": f"http://127.0.0.1:{port}/",
            "theme": {
                "name": "material",
                "features": ["navigation.instant", "navigation.tabs"],
                "palette": [
                    {
                        "scheme": "default",
                        "toggle": {"icon": "material/brightness-7", "name": "Dark"},
                    },
                    {
                        "scheme": "slate",
                        "toggle": {"icon": "material/brightness-4", "name": "Light"},
                    },
                ],
            },
            "plugins": ["search", "tags", "folio"],
        },
        {"about.md": "# About\n\nWho writes here.\n"},
    )
    installed.mkdocs(site, "--strict")
    assert_built_blog(site / "site", Urls())
    post_page = html(site / "site/posts/modernizing-rsync")
    # Material's tags plugin still renders its own chips from the same front matter.
    assert sorted(tag.get_text(strip=True) for tag in post_page.select(".md-tag")) == [
        "networking",
        "rust",
    ]
    with serve_directory(site / "site", port) as base:
        network = tour(page, base, Urls(), heading=material_heading)
        # Every step went through Material's instant loading: the document never reloaded.
        assert page.evaluate("() => window.__sameDocument") is True
        assert page.locator(".md-tabs").count() == 1
        scheme = "() => document.body.getAttribute('data-md-color-scheme')"
        assert page.evaluate(scheme) == "default"
        palette_choose(page, "> toggle", "Toggle light/dark theme")
        page.wait_for_function(f"() => ({scheme})() === 'slate'")
        page.reload()
        assert page.evaluate(scheme) == "slate"
    assert network.failures == []
    assert network.errors == []


@pytest.mark.browser
def test_no_directory_urls_under_a_sub_path(
    installed: Installed, tmp_path: Path, page: Any
) -> None:
    # Served as https://example.org/sub/path/ would be: the site sits in /sub/path/.
    www = tmp_path / "www"
    site = write_blog(
        tmp_path / "flat",
        {
            "site_name": "Flat",
            "site_url": "https://example.org/sub/path/",
            "use_directory_urls": False,
            "site_dir": str(www / "sub/path"),
            "theme": {"name": "material"},
            "plugins": ["search", "folio"],
        },
    )
    installed.mkdocs(site, "--strict")
    urls = Urls(directory_urls=False)
    assert_built_blog(www / "sub/path", urls, prefix="/sub/path/")
    feed = (www / "sub/path/feed.xml").read_text(encoding="utf-8")
    assert "<link>https://example.org/sub/path/posts/modernizing-rsync.html</link>" in feed
    with serve_directory(www) as root:
        network = tour(page, root + "sub/path/", urls, heading=material_heading)
    assert network.failures == []
    assert network.errors == []


@pytest.fixture(scope="module")
def plain_site(installed: Installed, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The blog with `theme: mkdocs`, MkDocs' default theme."""
    site = write_blog(
        tmp_path_factory.mktemp("plain"),
        {
            "site_name": "Plain",
            "site_url": "https://example.org/",
            "theme": {"name": "mkdocs"},
            "plugins": ["search", "folio"],
        },
    )
    installed.mkdocs(site, "--strict")
    return site / "site"


@pytest.mark.browser
def test_mkdocs_default_theme_gets_the_reduced_form(plain_site: Path, page: Any) -> None:
    out = plain_site
    assert_built_blog(out, Urls())
    home = html(out)
    assert home.select_one(".md-header") is None  # not Material: folio's fragments still render
    assert home.select_one('link[href^="assets/folio/folio."][href$=".css"]') is not None
    assert home.select_one('script[src^="assets/folio/palette."][src$=".js"]') is not None
    with serve_directory(out) as base:
        network = tour(page, base, Urls(), heading=None)
        button = page.locator("body > .folio-palette-button.folio-palette-button--floating")
        assert button.count() == 1
    assert network.failures == []
    # The theme's highlight.js comes from a CDN, unreachable offline; folio's script is fine.
    assert [error for error in network.errors if "hljs" not in error] == []


@pytest.mark.browser
def test_mkdocs_default_theme_floating_button_can_be_clicked(plain_site: Path, page: Any) -> None:
    out = plain_site
    with serve_directory(out) as base:
        page.goto(base)
        button = page.locator(".folio-palette-button--floating")
        button.click(timeout=2000)  # Playwright refuses to click an element under another
        page.wait_for_selector(".folio-palette:not([hidden]) [role=option]")


def test_mkdocs_default_theme_shows_post_titles(plain_site: Path) -> None:
    out = plain_site
    heading = html(out / "posts/modernizing-rsync").select_one("[role=main] h1")
    assert heading is not None
    assert heading.get_text(strip=True).rstrip("¶") == "Modernizing rsync"


@pytest.mark.browser
def test_tag_pages_cost_no_404_under_material(tmp_path: Path, page: Any) -> None:
    site = make_site(tmp_path, POSTS)  # Material, with site_url: feeds and tag feeds
    with serve_directory(site.out) as base:
        network = Network(page)
        page.goto(base + "tags/rust/")
        page.wait_for_load_state("networkidle")
    assert network.failures == []
