"""Plain helpers the hooks call: titles and headings, a post's publication and checks."""

from __future__ import annotations

from datetime import UTC, datetime

import markdown
import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, InclusionLevel

from mkdocs_folio.covers import resolve_covers
from mkdocs_folio.post_sources import (
    missing_excerpt_separator,
    post_inclusion,
    read_posts,
    updated_before_date,
)
from mkdocs_folio.structure.images import parse_image_spec
from mkdocs_folio.structure.post import Post, parse_post
from mkdocs_folio.titles import after_first_h1, heading_markdown, plain_title, with_title

NOW = datetime(2026, 6, 1, tzinfo=UTC)


@pytest.mark.parametrize(
    "title",
    ["C# & *stars* <b>", "a_b [link](x) `code`", "~~struck~~ ==marked== ^sup^ a|b: c", "#1"],
)
def test_heading_markdown_renders_the_title_as_written(title: str) -> None:
    rendered = markdown.markdown(heading_markdown(title), extensions=["tables"])
    assert rendered.startswith("<h1>") and rendered.endswith("</h1>")
    assert plain_title(rendered) == title


def test_plain_title_strips_tags_and_entities() -> None:
    assert plain_title(" <code>a</code> &amp; b ") == "a & b"


def test_with_title_adds_an_h1_only_where_there_is_none() -> None:
    assert with_title("<p>x</p>", "T") == "<h1>T</h1>\n<p>x</p>"
    assert with_title('<h1 id="t">T</h1><p>x</p>', "Other") == '<h1 id="t">T</h1><p>x</p>'
    assert with_title("<p>x</p>", None) == "<p>x</p>"


def test_after_first_h1_puts_the_fragment_under_a_leading_heading() -> None:
    assert after_first_h1("\n<h1>T</h1><p>x</p>", "<i>") == "\n<h1>T</h1><i><p>x</p>"
    assert after_first_h1("<p>x</p><h1>T</h1>", "<i>") == "<i><p>x</p><h1>T</h1>"


def _post(front: str, body: str = "# A\n\nText.\n") -> Post:
    return parse_post("posts/a.md", f"---\n{front}\n---\n{body}", posts_dir="posts")


def _inclusion(post: Post, **options: bool) -> InclusionLevel:
    settings = {
        "build_drafts": False,
        "future_is_draft": True,
        "written_false_publishes": False,
        "show_drafts": False,
    }
    return post_inclusion(post, NOW, **{**settings, **options})


def test_published_posts_are_outside_the_nav_and_drafts_left_out_or_shown() -> None:
    published, draft = _post("date: 2026-01-01"), _post("date: 2026-01-01\ndraft: true")
    future = _post("date: 2027-01-01")
    assert _inclusion(published) is InclusionLevel.NOT_IN_NAV
    assert _inclusion(draft) is InclusionLevel.EXCLUDED
    assert _inclusion(future) is InclusionLevel.EXCLUDED
    assert _inclusion(future, future_is_draft=False) is InclusionLevel.NOT_IN_NAV
    assert _inclusion(draft, show_drafts=True) is InclusionLevel.DRAFT
    assert _inclusion(draft, build_drafts=True) is InclusionLevel.NOT_IN_NAV


def test_post_checks_name_the_file_and_field() -> None:
    post = _post("date: 2026-01-01\nupdated: 2025-12-31")
    assert updated_before_date(post) == (
        "posts/a.md: 'updated' (2025-12-31) is earlier than 'date' (2026-01-01);"
        " expected the same day or later"
    )
    assert missing_excerpt_separator(post, "# A\n", "<!-- more -->") is not None
    assert missing_excerpt_separator(post, "# A\n<!-- more -->\n", "<!-- more -->") is None
    assert updated_before_date(_post("date: 2026-01-01\nupdated: 2026-01-01")) is None


def _read(sources: dict[str, str], separator: str | None) -> tuple[list[File], list[Post]]:
    files = [File(src_uri, None, "site", True) for src_uri in sources]
    posts, read = read_posts(
        files,
        read=lambda file: sources[file.src_uri],
        parse=lambda file, source: parse_post(file.src_uri, source, posts_dir="posts"),
        required_separator=separator,
    )
    assert read == {post.src_uri: sources[post.src_uri] for post in posts}
    return files, posts


def test_read_posts_names_every_bad_post_at_once_and_leaves_empty_files_out() -> None:
    sources = {
        "posts/good.md": "---\ntitle: Good\ndate: 2026-01-01\n---\nIntro.\n<!-- more -->\n",
        "posts/bad-date.md": "---\ntitle: Bad\ndate: someday\n---\nx\n",
        "posts/no-cut.md": "---\ntitle: No cut\ndate: 2026-01-02\n---\nx\n",
        "posts/started.md": " \n",
    }
    with pytest.raises(PluginError) as raised:
        _read(sources, "<!-- more -->")
    named = [line.split(":")[0] for line in str(raised.value).splitlines()]
    assert named == ["posts/bad-date.md", "posts/no-cut.md"]

    del sources["posts/bad-date.md"]
    files, posts = _read(sources, None)  # without excerpt_required
    assert [post.src_uri for post in posts] == ["posts/good.md", "posts/no-cut.md"]
    assert files[-1].inclusion is InclusionLevel.EXCLUDED


def test_resolve_covers_names_every_missing_image_and_its_field() -> None:
    posts = [
        _post("date: 2026-01-01\nimage: img/here.png"),
        parse_post(
            "posts/b.md", "---\ndate: 2026-01-01\ncover: img/gone.png\n---\nx", posts_dir="posts"
        ),
    ]

    def find(path: str) -> tuple[str, bytes] | None:
        return ("img/here.png", b"") if path == "img/here.png" else None

    images, default = resolve_covers(posts[:1], parse_image_spec("img/here.png"), find)
    assert images[posts[0]].url == "img/here.png" and default is not None
    with pytest.raises(PluginError) as raised:
        resolve_covers(posts, parse_image_spec("img/none.png"), find)
    lines = str(raised.value).splitlines()
    assert [line.split(" names ")[0] for line in lines] == [
        "posts/b.md: 'cover'",
        "mkdocs.yml: folio 'default_image'",
    ]
