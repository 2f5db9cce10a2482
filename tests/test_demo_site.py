"""The repository's own demo site, Engineering & Thoughts, against the seed page it reproduces."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config

from .sites import squash

REPO = Path(__file__).resolve().parent.parent
SEED = Path(__file__).parent / "data" / "seed_home.txt"
TAGLINE = (
    "A collection of articles on systems programming, NixOS infrastructure,"
    " and cybersecurity research."
)


def seed_posts() -> list[tuple[str, str]]:
    """(title, excerpt) pairs from the seed page, in its order."""
    lines = [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines()]
    body = lines[lines.index(TAGLINE) + 1 : lines.index("Command Palette")]
    blocks = [line for line in body if line]
    posts = []
    for i in range(0, len(blocks), 3):
        title, excerpt, chips = blocks[i : i + 3]
        assert chips.startswith("#")
        posts.append((title, excerpt))
    return posts


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("demo") / "site"
    config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return site_dir


def home(demo: Path) -> BeautifulSoup:
    return BeautifulSoup((demo / "index.html").read_text(encoding="utf-8"), "lxml")


def test_seed_has_28_posts() -> None:
    assert len(seed_posts()) == 28


def test_home_lists_all_28_posts_in_the_seeds_order(demo: Path) -> None:
    page = home(demo)
    assert page.select_one("h1").get_text(strip=True).rstrip("¶") == "Engineering & Thoughts"
    assert TAGLINE in page.get_text()
    titles = [a.get_text() for a in page.select(".folio-entry__title a")]
    assert titles == [title for title, _ in seed_posts()]
    assert page.select_one(".folio-pagination") is None


def test_listing_excerpts_agree_with_the_seed(demo: Path) -> None:
    entries = home(demo).select(".folio-entry")
    for entry, (title, seed_excerpt) in zip(entries, seed_posts(), strict=True):
        ours = squash(entry.select_one(".folio-entry__excerpt").get_text())
        # The seed cut mid-word at 140 characters; compare up to its last whole word.
        seed_words = seed_excerpt.removesuffix("...").split(" ")[:-1]
        common = " ".join(seed_words)
        assert ours.startswith(common), f"{title}: {ours!r} does not start with {common!r}"
        assert ours.endswith("...")
        assert len(ours) <= 143


def test_tags_read_as_written_or_as_tags_display_says_everywhere(demo: Path) -> None:
    display = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"][1]
    display = display["folio"]["tags_display"]
    written: dict[str, list[str]] = {}
    for path in (REPO / "docs/posts").glob("*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
        written[front["title"]] = [display.get(tag, tag) for tag in front["tags"]]
    for entry in home(demo).select(".folio-entry"):
        title = entry.select_one(".folio-entry__title a").get_text()
        chips = [a.get_text() for a in entry.select(".folio-tag")]
        assert 2 <= len(chips) <= 4
        assert chips == [f"#{tag}" for tag in written[title]]
    assert "#eBPF" in [a.get_text() for a in home(demo).select(".folio-tag")]
    ebpf = BeautifulSoup((demo / "tags/ebpf/index.html").read_text(encoding="utf-8"), "lxml")
    assert ebpf.select_one("h1").get_text(strip=True).rstrip("¶") == "#eBPF"
    index = (demo / "assets/folio/index.json").read_text(encoding="utf-8")
    assert '"eBPF"' in index and '"EBPF"' not in index


def test_dates_are_distinct_descending_and_in_range(demo: Path) -> None:
    dates = [t["datetime"][:10] for t in home(demo).select(".folio-entry .folio-meta time")]
    assert len(set(dates)) == 28
    assert dates == sorted(dates, reverse=True)
    assert dates[-1] >= "2025-01-01" and dates[0] <= "2026-11-30"


def test_posts_are_full_articles_with_code() -> None:
    for path in sorted((REPO / "docs/posts").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        front = yaml.safe_load(text.split("---")[1])
        assert set(front) == {"title", "date", "tags"}, path.name
        body = text.split("---", 2)[2]
        prose = re.sub(r"```.*?```", "", body, flags=re.DOTALL)
        assert len(prose.split()) >= 700, path.name
        assert "```" in body, path.name
        assert body.lstrip().startswith("## "), path.name


def test_strict_build_has_no_warnings(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    config = load_config(config_file=str(REPO / "mkdocs.yml"), site_dir=str(tmp_path), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level(logging.WARNING):
        build(config)
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []


def test_palette_entry_point_is_labelled_like_the_seed(demo: Path) -> None:
    config = (demo / "index.html").read_text(encoding="utf-8")
    assert '"title":"Command Palette"' in config
    assert '"placeholder":"Search for a command to run..."' in config
