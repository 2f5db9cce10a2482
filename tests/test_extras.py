"""Post extras: authors, series, table of contents and reading time."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import feedparser
import pytest
from mkdocs.exceptions import Abort

from mkdocs_folio.authors import AuthorsFileError, parse_authors

from .sites import build_site, make_site, post, squash, write_site

AUTHORS = """\
jane:
  name: Jane Doe
  url: https://jane.example
  avatar: img/jane.png
joe:
  name: Joe Bloggs
"""


def errors_of(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def test_authors_show_on_the_post_and_in_feeds(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "authors.yml": AUTHORS,
            "img/jane.png": b"\x89PNG\r\n\x1a\n",
            "posts/a.md": post("A", authors=["jane", "joe"]),
        },
    )
    header = site.html("posts/a/").select_one(".folio-post-header")
    assert header is not None
    authors = header.select(".folio-author")
    assert [squash(a.get_text()) for a in authors] == ["Jane Doe", "Joe Bloggs"]
    assert authors[0].select_one("a")["href"] == "https://jane.example"
    assert authors[0].select_one("img")["src"] == "../../img/jane.png"  # from the site root
    assert authors[1].select_one("a") is None and authors[1].select_one("img") is None
    entry = feedparser.parse(site.text("atom.xml")).entries[0]
    assert [(a.get("name"), a.get("href")) for a in entry.authors] == [
        ("Jane Doe", "https://jane.example"),
        ("Joe Bloggs", None),
    ]
    item = json.loads(site.text("feed.json"))["items"][0]
    assert item["authors"][0] == {
        "name": "Jane Doe",
        "url": "https://jane.example",
        "avatar": "https://blog.example.org/img/jane.png",
    }
    # The authors file is folio's data, not a file of the published site.
    assert not (site.out / "authors.yml").exists()


def test_materials_dot_authors_file_in_the_posts_folder_is_read(tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        {
            "posts/.authors.yml": "authors:\n  jane:\n    name: Jane Doe\n    description: x\n",
            "posts/a.md": post("A", authors=["jane"]),
        },
    )
    header = site.html("posts/a/").select_one(".folio-authors")
    assert header is not None and "Jane Doe" in header.get_text()


def test_an_explicit_authors_file_and_a_missing_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site = make_site(
        tmp_path / "ok",
        {"data/people.yml": AUTHORS, "posts/a.md": post("A", authors=["joe"])},
        folio={"authors_file": "data/people.yml"},
    )
    assert "Joe Bloggs" in site.html("posts/a/").select_one(".folio-authors").get_text()
    write_site(tmp_path / "missing", {"posts/a.md": post("A")}, folio={"authors_file": "x.yml"})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path / "missing")
    [error] = errors_of(caplog)
    assert "authors_file: 'x.yml' does not exist" in error


def test_without_an_authors_file_ids_are_shown_as_names(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"posts/a.md": post("A", authors=["Jane Doe"])})
    assert squash(site.html("posts/a/").select_one(".folio-authors").get_text()) == "By Jane Doe"


def test_an_unknown_author_is_a_one_line_error_naming_post_field_id_and_file(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_site(
        tmp_path, {"authors.yml": AUTHORS, "posts/bad.md": post("Bad", authors=["jane", "bob"])}
    )
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path)
    [error] = errors_of(caplog)
    assert error.startswith("posts/bad.md: 'authors' names the unknown author id 'bob'")
    assert "docs/authors.yml" in error
    assert "jane, joe" in error
    assert "\n" not in error


def test_malformed_authors_files_are_clear_errors() -> None:
    with pytest.raises(AuthorsFileError, match=r"docs/a.yml: author 'x' must be a mapping"):
        parse_authors("x: [1, 2]\n", "docs/a.yml")
    with pytest.raises(AuthorsFileError, match=r"'url' of author 'x' must be text"):
        parse_authors("x: {name: X, url: [1]}\n", "docs/a.yml")
    assert parse_authors("x: Xavier\n", "a.yml")["x"].name == "Xavier"


def series_site(tmp_path: Path) -> dict[str, str]:
    return {
        "posts/p2.md": post("Part two", "2026-02-01", series="Rust from scratch"),
        "posts/p1.md": post("Part one", "2026-01-01", series="Rust from scratch"),
        "posts/p3.md": post("Part three", "2026-03-01", series="rust from SCRATCH"),
        "posts/other.md": post("Unrelated", "2026-01-15"),
    }


def test_series_box_lists_parts_oldest_first_and_marks_the_current_one(tmp_path: Path) -> None:
    site = make_site(tmp_path, series_site(tmp_path))
    box = site.html("posts/part-two/").select_one(".folio-series")
    assert box is not None
    assert squash(box.select_one(".folio-series__title").get_text()) == (
        "Series: Rust from scratch Part 2 of 3"
    )
    parts = box.select(".folio-series__part")
    assert [squash(p.get_text()) for p in parts] == ["Part one", "Part two", "Part three"]
    assert parts[1]["aria-current"] == "page" and parts[1].select_one("a") is None
    assert [p.select_one("a")["href"] for p in (parts[0], parts[2])] == [
        "../../posts/part-one/",
        "../../posts/part-three/",
    ]
    first = site.html("posts/part-one/").select_one(".folio-series__part[aria-current]")
    assert first is not None and first.get_text() == "Part one"
    assert site.html("posts/unrelated/").select_one(".folio-series") is None


def test_a_series_that_is_not_text_is_an_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write_site(tmp_path, {"posts/bad.md": post("Bad", series=["a", "b"])})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path)
    [error] = errors_of(caplog)
    assert error.startswith("posts/bad.md: 'series' must be the series name as text")


def toc_hidden(site_root: Path) -> bool:
    from bs4 import BeautifulSoup

    page = BeautifulSoup((site_root / "posts/a/index.html").read_text(), "lxml")
    sidebar = page.select_one('.md-sidebar[data-md-type="toc"]')
    assert sidebar is not None
    return sidebar.has_attr("hidden")


def test_post_toc_is_shown_by_default_and_can_be_hidden(tmp_path: Path) -> None:
    body = "## One\n\ntext\n\n## Two\n\ntext"
    shown = make_site(tmp_path / "s", {"posts/a.md": post("A", body=body)})
    assert not toc_hidden(shown.out)
    toc = shown.html("posts/a/").select('.md-sidebar[data-md-type="toc"] a.md-nav__link')
    assert [squash(a.get_text()) for a in toc] == ["One", "Two"]
    hidden = make_site(
        tmp_path / "h",
        {"posts/a.md": post("A", body=body, hide=["navigation"])},
        folio={"post_toc": False},
    )
    assert toc_hidden(hidden.out)
    page = hidden.html("posts/a/")
    navigation = page.select_one('.md-sidebar[data-md-type="navigation"]')
    assert navigation is not None and navigation.has_attr("hidden")  # the user's own hide kept


def test_reading_time_follows_words_per_minute(tmp_path: Path) -> None:
    body = " ".join(f"word{i}" for i in range(100))
    site = make_site(tmp_path, {"posts/a.md": post("A", body=body)}, folio={"words_per_minute": 30})
    reading = site.html("posts/a/").select_one(".folio-post-header .folio-meta__reading")
    assert reading is not None and reading.get_text() == "4 min read"
