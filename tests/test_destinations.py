"""Generated pages never silently replace anything: one registry of every destination."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from mkdocs.exceptions import Abort

from mkdocs_folio.structure.destinations import Claim, clashes, user_claim
from mkdocs_folio.structure.paths import (
    dest_problem,
    folder_problem,
    page_problem,
    url_template_problem,
)

from .sites import build_site, listed_titles, make_site, post, squash, write_site

TWO_POSTS = {
    "posts/a.md": post("Alpha", "2026-01-01", tags=["rust"]),
    "posts/b.md": post("Beta", "2025-06-01", tags=["rust"]),
}


def clash_error(
    root: Path,
    caplog: pytest.LogCaptureFixture,
    files: dict[str, str | bytes],
    folio: dict[str, Any] | None = None,
) -> str:
    write_site(root, files, folio=folio)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(root)
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 1, errors
    # One line per clash, each naming both writers.
    assert all(" would both be written to '" in line for line in errors[0].splitlines()), errors
    assert "Traceback" not in errors[0]
    assert not (root / "site/index.html").exists()
    return errors[0]


def test_clashes_name_both_writers_and_the_fix() -> None:
    folio = Claim("tags/index.html", "folio's tags index (tags_dir: 'tags')", "change 'tags_dir'",
                  marker="<!-- folio:tags -->")  # fmt: skip
    mine = user_claim("tags/index.html", "tags.md", is_page=True)
    [line] = clashes([folio, mine])
    assert line == (
        "folio's tags index (tags_dir: 'tags') and your page tags.md would both be written to"
        " 'tags/index.html'; add <!-- folio:tags --> to tags.md to have folio fill it,"
        " or change 'tags_dir'"
    )


def test_only_clashes_involving_folio_count_and_case_does_not_hide_them() -> None:
    two_of_mine = [
        user_claim("index.html", "index.md", is_page=True),
        user_claim("index.html", "README.md", is_page=True),
    ]
    assert clashes(two_of_mine) == []
    post_claim = Claim("About/index.html", "the post posts/a.md", "set another 'slug'")
    [line] = clashes([post_claim, user_claim("about/index.html", "about.md", is_page=True)])
    assert "the post posts/a.md and your page about.md" in line


@pytest.mark.parametrize(
    ("case", "files", "folio", "expected"),
    [
        (
            "user_tags_page",
            {**TWO_POSTS, "tags.md": "# My tags\n"},
            None,
            ["folio's tags index (tags_dir: 'tags')", "your page tags.md", "<!-- folio:tags -->"],
        ),
        (
            "user_archive_page",
            {**TWO_POSTS, "archive/index.md": "# Old archive\n"},
            None,
            ["folio's archive (archive_dir: 'archive')", "archive/index.md", "folio:archive"],
        ),
        (
            "post_titled_about",
            {"posts/a.md": post("About", "2026-01-01"), "about.md": "# About me\n"},
            {"post_url_format": "{slug}/"},
            ["the post posts/a.md", "your page about.md", "'post_url_format'"],
        ),
        (
            "post_titled_tags",
            {"posts/a.md": post("Tags", "2026-01-01", tags=["x"])},
            {"post_url_format": "{slug}/"},
            ["the post posts/a.md", "folio's tags index", "'tags_dir'"],
        ),
        (
            "tag_named_index",
            {"posts/a.md": post("A", "2026-01-01", tags=["index"])},
            None,
            ["folio's tags index", "folio's page of the tag 'index'", "'tags_dir'"],
        ),
        (
            "tag_named_like_a_listing_page",
            {"posts/a.md": post("A", "2026-01-01", tags=["2"]), "posts/b.md": post("B")},
            {"per_page": 1, "tags_dir": "page"},
            ["page 2 of folio's listing", "folio's page of the tag '2'"],
        ),
        (
            "tags_dir_archive",
            {"posts/a.md": post("A", "2026-01-01", tags=["2026"])},
            {"tags_dir": "archive"},
            ["folio's archive of 2026", "folio's page of the tag '2026'", "'archive_dir'"],
        ),
        (
            "tags_dir_posts",
            {"posts/a.md": post("Hello", "2026-01-01", tags=["hello"])},
            {"tags_dir": "posts"},
            ["the post posts/a.md", "folio's page of the tag 'hello'"],
        ),
    ],
)
def test_a_clash_is_one_line_naming_both(
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    case: str,
    files: dict[str, str | bytes],
    folio: dict[str, Any] | None,
    expected: list[str],
) -> None:
    message = clash_error(tmp_path, caplog, files, folio)
    for part in expected:
        assert part in message, (case, message)


def test_a_marker_lets_folio_fill_your_tags_and_archive_pages(tmp_path: Path) -> None:
    files = {
        **TWO_POSTS,
        "tags.md": "# Topics\n\nWhat I write about.\n\n<!-- folio:tags -->\n\nThe end.\n",
        "archive/index.md": "# Everything\n\n<!-- folio:archive -->\n",
    }
    site = make_site(tmp_path, files)
    tags = site.html("tags/")
    text = squash(tags.select_one("article").get_text(" ")).casefold()
    assert text.index("what i write about.") < text.index("#rust") < text.index("the end.")
    assert tags.select_one("h1").get_text(strip=True) == "Topics"
    assert [a["href"] for a in tags.select(".folio-tag-index a")] == ["../tags/rust/"]
    assert listed_titles(site.html("archive/")) == ["Alpha", "Beta"]
    assert site.html("archive/").select_one("h1").get_text(strip=True) == "Everything"
    # The palette's "go to tags" command and the nav lead to the user's page.
    assert '"tags":"tags/"' in site.text("assets/folio/index.json")


@pytest.mark.parametrize(
    "dest", ["/etc/passwd", "../x/index.html", "a/../../x", "C:/x", "a\\b", "./x", "a//b", ""]
)
def test_a_destination_outside_the_site_is_refused(dest: str) -> None:
    assert dest_problem(dest) is not None


@pytest.mark.parametrize("dest", ["index.html", "tags/rust/feed.xml", "posts/日本語/index.html"])
def test_a_destination_inside_the_site_passes(dest: str) -> None:
    assert dest_problem(dest) is None


def test_a_symbolic_link_in_site_dir_is_not_followed_out(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "site").mkdir()
    (tmp_path / "site/tags").symlink_to(outside, target_is_directory=True)
    write_site(tmp_path, TWO_POSTS)
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(tmp_path)
    assert list(outside.iterdir()) == []
    [error] = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert "resolves outside site_dir" in error and "\n" not in error


@pytest.mark.parametrize(
    "url_format",
    ["posts/{slug}/", "{file}/", "blog/{date}/{categories}/{slug}/", "{year}/{month}/{slug}.html"],
)
def test_url_templates_inside_the_site_pass_whatever_their_fields(url_format: str) -> None:
    assert url_template_problem(url_format) is None


@pytest.mark.parametrize(
    "url_format",
    ["javascript:{slug}", "//evil.example/{slug}", "{slug}/../../x", "%2E%2E/{slug}", "a\\{slug}"],
)
def test_url_templates_that_leave_the_site_are_refused(url_format: str) -> None:
    assert url_template_problem(url_format) is not None


def test_posts_dir_may_be_empty_but_other_folders_may_not() -> None:
    assert folder_problem("", example="posts", empty_means="all of docs_dir") is None
    assert folder_problem("/", example="posts", empty_means="all of docs_dir") is not None
    assert folder_problem("", example="tags") is not None
    assert folder_problem("blog/tags/", example="tags") is None
    assert folder_problem("blog/tags//", example="tags") is None
    assert folder_problem("blog//tags", example="tags") is not None
    assert page_problem("blog/index.md", example="index.md") is None
    assert page_problem("blog", example="index.md") is not None
