"""Material's blog options read as Material reads them (pure functions, no build)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mkdocs_folio.material_compat import (
    MaterialOptionError,
    format_ldml,
    is_material_spelling,
    resolve,
)
from mkdocs_folio.structure.collection import is_unpublished
from mkdocs_folio.structure.pages import pager_items
from mkdocs_folio.structure.post import Post, parse_post
from mkdocs_folio.structure.routing import paginated_src_uri, url_format_problem


def test_materials_defaults_apply_to_options_not_set() -> None:
    blog = resolve({})
    options = blog.folio_options()
    assert options["posts_dir"] == "blog/posts"
    assert options["listing_page"] == "blog/index.md"
    assert options["post_url_format"] == "blog/{date}/{slug}/"
    assert options["per_page"] == 10
    assert options["archive_dir"] == "blog/archive"
    assert options["authors_file"] == "blog/.authors.yml"
    assert options["draft_if_future_date"] is False
    assert options["tags"] is False and options["categories_as_tags"] is False
    assert blog.category_src_uri("Deep Dives") == "blog/category/deep-dives.md"
    assert blog.archive_src_uri(datetime(2025, 6, 1)) == "blog/archive/2025.md"
    assert blog.authors_profiles is None
    assert blog.warnings == []


def test_a_standalone_blog_and_other_formats() -> None:
    blog = resolve(
        {
            "blog_dir": ".",
            "post_url_format": "{categories}/{slug}",
            "pagination_per_page": 5,
            "pagination_template": "$link_previous ~1~ $link_next",
            "authors_profiles": True,
            "authors_profiles_url_format": "people/{slug}",
        }
    )
    options = blog.folio_options()
    assert options["posts_dir"] == "posts"
    assert options["listing_page"] == "index.md"
    assert options["per_page"] == 5
    assert blog.pagination_format == "$link_previous ~1~ $link_next"
    assert blog.author_src_uri("jane", "Jane Doe") == "people/jane.md"
    post = Post(
        "posts/a.md",
        "A",
        datetime(2025, 3, 14, tzinfo=UTC),
        "hello",
        meta={"categories": ["Foo Bar", "Baz"]},
    )
    assert blog.post_path(post) == "foo-bar/hello/"
    post.meta["categories"] = []
    assert blog.post_path(post) == "hello/"


def test_dates_in_urls_follow_materials_pattern() -> None:
    blog = resolve({"post_url_date_format": "yyyy/MM"})
    post = Post("blog/posts/a.md", "A", datetime(2025, 3, 4, tzinfo=UTC), "mkdocs-2.0")
    assert blog.post_path(post) == "blog/2025/03/mkdocs-2.0/"


def _dated(name: str, year: int, month: int, day: int) -> Post:
    return Post(f"blog/posts/{name}.md", name, datetime(year, month, day, tzinfo=UTC), name)


def test_archive_periods_follow_the_url_date_format() -> None:
    posts = [  # newest first, as the collection orders them
        _dated("d", 2025, 3, 20),
        _dated("c", 2025, 3, 2),
        _dated("b", 2025, 1, 9),
        _dated("a", 2024, 3, 30),
    ]
    monthly = resolve({"archive_url_date_format": "yyyy/MM", "archive_date_format": "MMMM yyyy"})
    assert monthly.warnings == []
    periods = monthly.archive_periods(posts)
    assert [(p.src_uri, p.title, p.year, [post.slug for post in p.posts]) for p in periods] == [
        ("blog/archive/2025/03.md", "March 2025", 2025, ["d", "c"]),
        ("blog/archive/2025/01.md", "January 2025", 2025, ["b"]),
        ("blog/archive/2024/03.md", "March 2024", 2024, ["a"]),
    ]
    # Material titles a view with the date of the post that made it: the newest.
    daily_titles = resolve({"archive_url_date_format": "yyyy/MM", "archive_date_format": "d MMM"})
    assert [p.title for p in daily_titles.archive_periods(posts)] == ["20 Mar", "9 Jan", "30 Mar"]
    yearly = resolve({})
    assert [(p.src_uri, p.title, len(p.posts)) for p in yearly.archive_periods(posts)] == [
        ("blog/archive/2025.md", "2025", 3),
        ("blog/archive/2024.md", "2024", 1),
    ]
    german = monthly.archive_periods(posts[:1], locale="de")
    assert german[0].title == "März 2025"


def test_archive_url_date_formats_that_make_no_path_warn_and_fall_back_to_years() -> None:
    blog = resolve({"archive_url_date_format": "yyyy/MM/dd HH:mm"})
    assert len(blog.warnings) == 1
    assert "'archive_url_date_format'" in blog.warnings[0]
    assert "':'" in blog.warnings[0]
    assert blog.archive_src_uri(datetime(2025, 3, 4)) == "blog/archive/2025.md"


def test_options_folio_cannot_honour_warn_by_name() -> None:
    blog = resolve({"blog_toc": True, "categories_sort_reverse": True, "categories_toc": False})
    assert len(blog.warnings) == 2
    assert "'blog_toc'" in blog.warnings[0]
    assert "'categories_sort_reverse'" in blog.warnings[1]


def test_unusable_formats_are_one_line_errors() -> None:
    with pytest.raises(MaterialOptionError, match=re.escape("post_url_format: '{date}'")):
        resolve({"post_url_format": "{date}"})
    with pytest.raises(MaterialOptionError, match="blog_dir"):
        resolve({"blog_dir": "../outside"})
    with pytest.raises(MaterialOptionError, match="archive_url_format"):
        resolve({"archive_url_format": "archive"})
    with pytest.raises(MaterialOptionError, match="pagination_per_page"):
        resolve({"pagination_per_page": 0})


def test_materials_formats_pass_folios_url_checks() -> None:
    for url_format in ("blog/{date}/{slug}/", "{categories}/{slug}/", "blog/{file}/"):
        assert url_format_problem(url_format) is None


def test_later_pages_at_materials_paths() -> None:
    assert paginated_src_uri("blog/index.md", 2, "page/{page}") == "blog/page/2/index.md"
    assert paginated_src_uri("index.md", 3, "page/{page}") == "page/3/index.md"
    assert paginated_src_uri("blog/category/rust.md", 2, "p/{page}") == "blog/category/rust/p/2.md"


def test_material_spelling_is_detected(tmp_path: Path) -> None:
    assert is_material_spelling({"pagination_per_page"}, tmp_path)
    assert not is_material_spelling({"posts_dir", "draft"}, tmp_path)
    assert not is_material_spelling(set(), tmp_path)
    (tmp_path / "blog/posts").mkdir(parents=True)
    assert is_material_spelling({"draft"}, tmp_path)
    (tmp_path / "posts").mkdir()
    assert not is_material_spelling(set(), tmp_path)


def test_dates_shown_in_the_theme_language() -> None:
    moment = datetime(2025, 3, 4, tzinfo=UTC)
    assert format_ldml(moment, "long", "de") == "4. März 2025"
    assert format_ldml(moment, "long", "pt-BR") == "4 de março de 2025"
    assert format_ldml(moment, "long", "not-a-language") == "March 4, 2025"


def test_numbered_pager_like_materials() -> None:
    def shown(current: int, count: int) -> str:
        return " ".join(
            "…" if item.number is None else f"[{item.number}]" if item.current else str(item.number)
            for item in pager_items(current, count)
        )

    assert shown(1, 1) == ""
    assert shown(1, 3) == "[1] 2 3"
    assert shown(6, 12) == "1 … 4 5 [6] 7 8 … 12"
    assert shown(4, 12) == "1 2 3 [4] 5 6 … 12"
    assert shown(12, 12) == "1 … 10 11 [12]"


def test_draft_false_publishes_a_future_post_as_materials_does() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    future = datetime(2026, 6, 1, tzinfo=UTC)
    unset = Post("posts/a.md", "A", future, "a")
    written = Post("posts/b.md", "B", future, "b", meta={"draft": False})
    for post, material_rule, expected in [
        (unset, True, True),
        (written, True, False),
        (written, False, True),
    ]:
        assert (
            is_unpublished(post, now, future_is_draft=True, written_false_publishes=material_rule)
            is expected
        )


@pytest.mark.parametrize(
    "options",
    [
        {"blog_dir": "C:/blog"},
        {"blog_dir": "blog?x"},
        {"post_dir": "{blog}/%2e%2e"},
        {"post_url_format": "javascript:{slug}"},
        {"categories_url_format": "../{slug}"},
        {"authors_profiles_url_format": "a#{slug}"},
    ],
)
def test_material_paths_get_folios_path_checks(options: dict[str, str]) -> None:
    with pytest.raises(MaterialOptionError, match=next(iter(options))):
        resolve(options)


def test_file_names_in_urls_as_material_writes_them() -> None:
    source = "---\ndate: 2025-03-04\n---\n\n# Title\n"
    material = parse_post(
        "blog/posts/Release_Notes-2.0.md", source, posts_dir="blog/posts", file_as_written=True
    )
    assert material.file_slug == "Release_Notes-2.0"
    bundle = parse_post("blog/posts/tour/index.md", source, posts_dir="blog/posts")
    assert bundle.file_slug == "tour"
    unsafe = parse_post("blog/posts/why?.md", source, posts_dir="blog/posts", file_as_written=True)
    assert unsafe.file_slug == "why"
