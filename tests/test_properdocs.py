"""ProperDocs, the maintained fork of MkDocs 1.x, builds folio sites: the demo and a minimal one.

ProperDocs reads plugins from both the `properdocs.plugins` and the `mkdocs.plugins` entry-point
groups, and redirects every `mkdocs.*` import to `properdocs.*`, so folio's one entry point and
its MkDocs imports serve both. It installs alongside mkdocs (the `test` extra has both).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from .sites import built_assets, entry_titles
from .thirdparty import (
    DRAFT_SLUG,
    REPO,
    TAGS,
    TITLES,
    broken_links,
    clean_env,
    html,
    run,
    write_blog,
)

BIN = Path(sys.executable).parent
# Sitemaps carry the build date: pin it, so two builds can be compared byte for byte.
ENV = clean_env(SOURCE_DATE_EPOCH="1767225600")
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def properdocs() -> Path:
    executable = BIN / "properdocs"
    if not executable.exists():
        pytest.fail(f"properdocs is missing from {BIN}: run `make test`, which installs it")
    return executable


def test_properdocs_finds_folio_through_the_mkdocs_entry_point(properdocs: Path) -> None:
    probe = (
        "import properdocs.replacement\n"  # what `properdocs` does first: mkdocs.* -> properdocs.*
        "from properdocs.plugins import BasePlugin, get_plugins\n"
        "entry = get_plugins()['folio']\n"
        "print(entry.group, entry.value)\n"
        "print(issubclass(entry.load(), BasePlugin))\n"
    )
    out = run([BIN / "python", "-c", probe], env=ENV).stdout.split("\n")
    assert out[0] == "mkdocs.plugins mkdocs_folio.plugin:FolioPlugin"
    assert out[1] == "True"  # folio's BasePlugin is ProperDocs' own under properdocs


@pytest.fixture(scope="module")
def demo_builds(properdocs: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The repository's demo, built once by `properdocs build` and once by `mkdocs build`."""
    root = tmp_path_factory.mktemp("demo")
    config = REPO / "mkdocs.yml"
    by_properdocs, by_mkdocs = root / "properdocs", root / "mkdocs"
    run([properdocs, "build", "--strict", "-f", config, "-d", by_properdocs], cwd=root, env=ENV)
    run([BIN / "mkdocs", "build", "--strict", "-f", config, "-d", by_mkdocs], cwd=root, env=ENV)
    return by_properdocs, by_mkdocs


def test_demo_builds_with_properdocs(demo_builds: tuple[Path, Path]) -> None:
    site, _ = demo_builds
    home = html(site)
    assert len(entry_titles(home)) == 28
    assert home.select_one('meta[name="generator"]')["content"].startswith("mkdocs-ProperDocs")
    tags = html(site / "tags")
    assert len(tags.select(".folio-tag-index li")) > 10
    assert html(site / "tags/rust").select(".folio-archive__posts a")
    assert html(site / "archive").select(".folio-archive__year")
    assert built_assets(site) == ["folio.css", "palette.js"]
    assert (site / "assets/folio/index.json").is_file()
    for feed in ("feed.xml", "atom.xml", "feed.json", "tags/rust/feed.xml"):
        assert (site / feed).is_file()
    assert broken_links(site, "/engineering-and-thoughts/") == []


def test_demo_is_the_same_site_under_properdocs_and_mkdocs(
    demo_builds: tuple[Path, Path],
) -> None:
    by_properdocs, by_mkdocs = demo_builds
    files = sorted(path.relative_to(by_mkdocs) for path in by_mkdocs.rglob("*") if path.is_file())
    assert files == sorted(
        path.relative_to(by_properdocs) for path in by_properdocs.rglob("*") if path.is_file()
    )
    differ = []
    for name in files:
        ours, theirs = (by_properdocs / name).read_bytes(), (by_mkdocs / name).read_bytes()
        if name.suffix == ".html":  # only the generator names the tool
            ours, theirs = GENERATOR.sub(b"", ours), GENERATOR.sub(b"", theirs)
        if ours != theirs:
            differ.append(str(name))
    assert differ == []


def test_minimal_site_with_properdocs_yml(properdocs: Path, tmp_path: Path) -> None:
    site = write_blog(
        tmp_path / "minimal",
        {"site_name": "Minimal", "theme": {"name": "material"}, "plugins": ["search", "folio"]},
    )
    (site / "mkdocs.yml").rename(site / "properdocs.yml")  # ProperDocs' own file name
    log = run([properdocs, "build"], cwd=site, env=ENV)
    assert "site_url" in log.stderr  # no feeds without it, said once
    out = site / "site"
    assert entry_titles(html(out)) == TITLES
    counts = {
        item.select_one(".folio-tag").get_text(strip=True).lstrip("#").lower(): int(
            item.select_one(".folio-count").get_text().split()[0]
        )
        for item in html(out / "tags").select(".folio-tag-index li")
    }
    assert counts == TAGS
    archive = html(out / "archive").select(".folio-archive__posts a")
    assert [a.get_text() for a in archive] == TITLES
    rust = html(out / "tags/rust").select(".folio-archive__posts a")
    assert [a.get_text() for a in rust] == [TITLES[0], TITLES[2]]
    assert not list(out.rglob(f"*{DRAFT_SLUG}*"))
    assert built_assets(out) == ["folio.css", "palette.js"]
    assert (out / "assets/folio/index.json").is_file()
    head = html(out / "posts/modernizing-rsync")
    assert head.select_one('script[src^="../../assets/folio/palette."]') is not None
    assert head.select_one("#folio-palette-config") is not None
    assert broken_links(out) == []
