"""What `mkdocs serve` keeps between rebuilds: post sources by file stamp, compiled templates.

Both may only make a rebuild cheaper, never different: a changed file is read again, an
edited template compiled again.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import jinja2
import pytest
from mkdocs.structure.files import File

from mkdocs_folio import post_sources
from mkdocs_folio.post_sources import SourceReader
from mkdocs_folio.structure.collection import PostCollection
from mkdocs_folio.structure.post import Post, parse_post
from mkdocs_folio.structure.related import KeptRelated
from mkdocs_folio.template_cache import CompiledTemplates

from .dirty_serve import DirtyServer
from .sites import post, write_site


def post_file(docs: Path, name: str, text: str) -> File:
    (docs / name).write_text(text, encoding="utf-8")
    return File(name, str(docs), str(docs.parent / "site"), use_directory_urls=True)


@pytest.fixture
def settled_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files written by the test count as written long ago."""
    later = time.time_ns() + 60 * 10**9
    monkeypatch.setattr(post_sources.time, "time_ns", lambda: later)


def test_a_settled_unchanged_file_is_not_read_again(tmp_path: Path, settled_clock: None) -> None:
    reader = SourceReader()
    reader.active = True
    file = post_file(tmp_path, "a.md", "first")
    first = reader.read(file)
    reader.next_build()
    assert reader.read(file) is first  # the kept text, not a new read


def test_an_edited_file_is_read_again(tmp_path: Path, settled_clock: None) -> None:
    reader = SourceReader()
    reader.active = True
    file = post_file(tmp_path, "a.md", "first")
    assert reader.read(file) == "first"
    reader.next_build()
    path = tmp_path / "a.md"
    path.write_text("second", encoding="utf-8")
    stamp = path.stat().st_mtime_ns + 1_000_000
    os.utime(path, ns=(stamp, stamp))
    assert reader.read(file) == "second"


def test_a_file_changed_just_now_is_read_every_time(tmp_path: Path) -> None:
    # On file systems that stamp to the second, a second save may keep the first's stamp.
    reader = SourceReader()
    reader.active = True
    file = post_file(tmp_path, "a.md", "first")
    first = reader.read(file)
    reader.next_build()
    again = reader.read(file)
    assert again == first and again is not first


def test_a_file_gone_from_a_build_is_forgotten(tmp_path: Path, settled_clock: None) -> None:
    reader = SourceReader()
    reader.active = True
    kept, dropped = post_file(tmp_path, "a.md", "a"), post_file(tmp_path, "b.md", "b")
    reader.read(kept), reader.read(dropped)
    reader.next_build()
    reader.read(kept)
    reader.next_build()
    assert reader._previous.keys() == {"a.md"}


def test_content_given_in_memory_wins_over_the_file(tmp_path: Path, settled_clock: None) -> None:
    reader = SourceReader()
    reader.active = True
    file = post_file(tmp_path, "a.md", "on disk")
    reader.read(file)
    reader.next_build()
    file.content_string = "from another plugin"
    assert reader.read(file) == "from another plugin"


def test_one_off_builds_keep_nothing(tmp_path: Path, settled_clock: None) -> None:
    reader = SourceReader()
    file = post_file(tmp_path, "a.md", "text")
    assert reader.read(file) == "text"
    reader.next_build()
    assert reader._previous == {}


# Compiled templates --------------------------------------------------------------------


def environment(
    templates: dict[str, str], cache: CompiledTemplates, **options: str
) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), **options)  # type: ignore[arg-type]
    cache.attach(env)
    return env


def refuse_to_compile(env: jinja2.Environment) -> None:
    def compile_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("compiled again")

    env.compile = compile_again  # type: ignore[method-assign, assignment]


def test_a_new_environment_reuses_the_compiled_template() -> None:
    cache = CompiledTemplates()
    templates = {"page.html": "Hello {{ name }}"}
    assert environment(templates, cache).get_template("page.html").render(name="a") == "Hello a"
    second = environment(templates, cache)
    refuse_to_compile(second)
    assert second.get_template("page.html").render(name="b") == "Hello b"
    assert len(cache) == 1


def test_an_edited_template_is_compiled_again() -> None:
    cache = CompiledTemplates()
    environment({"page.html": "Hello {{ name }}"}, cache).get_template("page.html")
    edited = environment({"page.html": "Bye {{ name }}"}, cache)
    assert edited.get_template("page.html").render(name="b") == "Bye b"


def test_other_syntax_options_do_not_share_compiled_code() -> None:
    cache = CompiledTemplates()
    templates = {"page.html": "{{ name }} [[ name ]]"}
    environment(templates, cache).get_template("page.html")
    other = environment(templates, cache, variable_start_string="[[", variable_end_string="]]")
    assert other.get_template("page.html").render(name="x") == "{{ name }} x"


def test_a_filter_gone_fails_as_without_the_cache() -> None:
    cache = CompiledTemplates()
    templates = {"page.html": "{{ name | shout }}"}
    env = environment(templates, cache)
    env.filters["shout"] = str.upper
    assert env.get_template("page.html").render(name="a") == "A"
    with pytest.raises(jinja2.TemplateAssertionError):
        environment(templates, cache).get_template("page.html")


def test_serve_picks_up_an_edited_theme_override(tmp_path: Path) -> None:
    write_site(
        tmp_path,
        {"index.md": "# Home\n", "posts/a.md": post("Alpha", "2026-01-01", body="Words.")},
        config={"theme": {"name": "material", "custom_dir": "overrides"}},
    )
    override = tmp_path / "overrides/main.html"
    override.parent.mkdir()
    override.write_text('{% extends "base.html" %}{% block footer %}FIRST{% endblock %}\n')
    served = tmp_path / "served"
    server = DirtyServer(tmp_path / "mkdocs.yml", served)
    try:
        server.build(reload=False)
        assert "FIRST" in (served / "posts/alpha/index.html").read_text(encoding="utf-8")
        override.write_text('{% extends "base.html" %}{% block footer %}SECOND{% endblock %}\n')
        (tmp_path / "docs/posts/a.md").write_text(post("Alpha", "2026-01-01", body="New."))
        server.touch_newer(tmp_path / "docs/posts/a.md")
        server.build()
        page = (served / "posts/alpha/index.html").read_text(encoding="utf-8")
        assert "SECOND" in page and "FIRST" not in page
    finally:
        server.close()


# Related posts -------------------------------------------------------------------------


def blog_posts(tags_of_c: str = "[a, b]", date_of_c: str = "2026-01-03") -> list[Post]:
    def make(name: str, front: str) -> Post:
        return parse_post(f"posts/{name}.md", f"---\n{front}\n---\nText.", posts_dir="posts")

    return [
        make("a", "date: 2026-01-01\ntags: [a]"),
        make("b", "date: 2026-01-02\ntags: [a, b]"),
        make("c", f"date: {date_of_c}\ntags: {tags_of_c}"),
        make("d", "date: 2026-01-04\ntags: [b, c]"),
    ]


def related_names(collection: PostCollection) -> dict[str, list[str]]:
    return {
        post.src_uri: [other.src_uri for other in collection.related(post, 2)]
        for post in collection.posts
    }


@pytest.mark.parametrize(
    "edited",
    [{}, {"tags_of_c": "[c]"}, {"date_of_c": "2025-12-01"}],
    ids=["unchanged", "new tags", "new date"],
)
def test_kept_related_lists_equal_what_a_fresh_build_finds(edited: dict[str, str]) -> None:
    kept = KeptRelated()
    related_names(PostCollection(blog_posts(), kept_related=kept))
    again = related_names(PostCollection(blog_posts(**edited), kept_related=kept))
    assert again == related_names(PostCollection(blog_posts(**edited)))


def test_related_lists_are_kept_only_while_tags_and_order_stay() -> None:
    kept = KeptRelated()
    first = PostCollection(blog_posts(), kept_related=kept)
    related_names(first)
    second = PostCollection(blog_posts(), kept_related=kept)
    second._related = None
    related_names(second)
    assert second._related is None  # answered from the kept lists: no index was built
    third = PostCollection(blog_posts(tags_of_c="[c]"), kept_related=kept)
    related_names(third)
    assert third._related is not None
