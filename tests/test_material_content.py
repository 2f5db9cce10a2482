"""What a post says, as Material's blog shows it: titles, excerpts, reading time, search,
metadata from Material's meta plugin, and `links`."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from .sites import Site, entry_titles, listed_titles, make_site

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
    titles = {doc["title"] for doc in search if "#" not in doc["location"]}
    assert "Smoother scrolling — with smooth() &amp; less jank" in titles
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
