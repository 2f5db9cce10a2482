"""`mkdocs serve --dirty`: after any edit, folio's pages, feeds and indexes equal a clean build."""

from __future__ import annotations

import gc
import json
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from mkdocs_folio import post_sources
from mkdocs_folio.authors import Author
from mkdocs_folio.dirty import changed_file_names, entry_key, post_signatures, reusable_bodies
from mkdocs_folio.links import ResolvedLink
from mkdocs_folio.plugin import FolioPlugin
from mkdocs_folio.post_context import PostContext
from mkdocs_folio.search_cache import merged_pages
from mkdocs_folio.series import Series
from mkdocs_folio.structure.collection import PostCollection
from mkdocs_folio.structure.images import Image
from mkdocs_folio.structure.post import Post, parse_post

from .dirty_serve import DirtyServer, clean_build
from .sites import post, write_site

# Pages MkDocs itself never rebuilds under --dirty, and its own files: not folio's to match.
# Material's tags plugin exports the tags of the pages whose events ran in this build only.
NOT_FOLIO = {"about/index.html", "404.html", "sitemap.xml", "tags.json"}


def blog() -> dict[str, str]:
    return {
        "index.md": "# Welcome\n\nNew posts below.\n",
        "about.md": "# About me\n\nI write things.\n",
        "posts/alpha.md": post("Alpha", "2026-01-01", tags=["x"], body="Alpha words."),
        "posts/beta.md": post(
            "Beta",
            "2026-01-02",
            tags=["x", "y"],
            body="# Beta, as its heading says\n\nBeta words, see [alpha](alpha.md).",
        ),
        "posts/gamma.md": post("Gamma", "2026-01-03", tags=["y"], body="Gamma words."),
        "posts/delta.md": post(
            None,
            "2026-01-04",
            tags=["y", "z"],
            body="# Delta from its heading\n\nDelta words, see [gamma](gamma.md).",
        ),
        "posts/epsilon.md": post(
            "Epsilon", "2026-01-05", tags=["z"], body="Intro.\n\n<!-- more -->\n\nMore words."
        ),
        "posts/zeta.md": post("Zeta", "2026-01-06", tags=["x", "z"], body="Zeta words."),
    }


# MkDocs' own theme stamps every page with the time it was built.
BUILD_DATE = re.compile(r"Build Date UTC : [^\n]*")


def compared_files(site: Path) -> dict[str, str]:
    """Every page, feed and index folio writes or changes, by path under the site."""
    return {
        str(path.relative_to(site)): BUILD_DATE.sub("", path.read_text(encoding="utf-8"))
        for path in sorted(site.rglob("*"))
        if path.suffix in (".html", ".xml", ".json")
        and str(path.relative_to(site)) not in NOT_FOLIO
    }


def assert_same_as_clean(root: Path, served: Path, step: str) -> None:
    clean = root / f"clean-{step}"
    clean_build(root / "mkdocs.yml", clean)
    want, got = compared_files(clean), compared_files(served)
    assert sorted(got) == sorted(want), step
    for path, text in want.items():
        if path.endswith("search_index.json"):
            assert json.loads(got[path]) == json.loads(text), (step, path)
        else:
            assert got[path] == text, (step, path)


def edit(server: DirtyServer, path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    server.touch_newer(path)


Steps = Callable[[DirtyServer, Path], Mapping[str, Callable[[], object]]]


def check_edits_against_clean_builds(root: Path, steps: Steps) -> FolioPlugin:
    """Serve the site at `root` dirty; after its first build and after each of `steps` (given
    the server and the posts folder), compare what it serves with a clean build. Returns the
    folio plugin of the last build."""
    served = root / "served"
    server = DirtyServer(root / "mkdocs.yml", served)
    try:
        server.build(reload=False)
        assert_same_as_clean(root, served, "initial")
        for step, change in steps(server, root / "docs/posts").items():
            change()
            server.build()
            assert_same_as_clean(root, served, step)
        plugin = server.config.plugins["folio"]
        assert isinstance(plugin, FolioPlugin)
        return plugin
    finally:
        server.close()


@pytest.mark.parametrize(
    ("theme", "folio"),
    [
        ("material", {}),
        ("material", {"material_templates": True}),
        ("mkdocs", {"feed_content": "full", "nav_recent": 3}),
    ],
    ids=["material", "material-templates-and-tags", "mkdocs-search"],
)
def test_every_edit_gives_what_a_clean_build_gives(
    tmp_path: Path, theme: str, folio: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Trust file stamps at once, so that untouched posts come from the kept sources.
    monkeypatch.setattr(post_sources, "_STAMP_GRANULARITY_NS", 0)
    config: dict[str, Any] = {"theme": {"name": theme}}
    if folio.get("material_templates"):
        # Material's tags plugin learns a page's tags in its page events, and prints them
        # when the page is rendered: a page written again must have had those events.
        config["plugins"] = ["search", "tags", "folio"]
    write_site(tmp_path, blog(), config=config, folio=folio)

    def steps(server: DirtyServer, posts: Path) -> dict[str, Callable[[], object]]:
        return {
            "title": lambda: edit(
                server,
                posts / "alpha.md",
                post("Alpha renamed", "2026-01-01", tags=["x"], body="Alpha words."),
            ),
            "body": lambda: edit(
                server,
                posts / "gamma.md",
                post("Gamma", "2026-01-03", tags=["y"], body="Gamma has new words now."),
            ),
            "heading": lambda: edit(
                server,
                posts / "delta.md",
                post(
                    None,
                    "2026-01-04",
                    tags=["y", "z"],
                    body="# Delta, a new heading\n\nDelta words, see [gamma](gamma.md).",
                ),
            ),
            "tags": lambda: edit(
                server,
                posts / "zeta.md",
                post("Zeta", "2026-01-06", tags=["y", "w"], body="Zeta words."),
            ),
            "date": lambda: edit(
                server,
                posts / "epsilon.md",
                post(
                    "Epsilon",
                    "2025-12-20",
                    tags=["z"],
                    body="Intro.\n\n<!-- more -->\n\nMore words.",
                ),
            ),
            "draft": lambda: edit(
                server,
                posts / "gamma.md",
                post(
                    "Gamma", "2026-01-03", tags=["y"], body="Gamma has new words now.", draft=True
                ),
            ),
            "add": lambda: edit(
                server,
                posts / "eta.md",
                post("Eta", "2026-01-07", tags=["x", "y"], body="Eta, see [zeta](zeta.md)."),
            ),
            "home text": lambda: edit(
                server, tmp_path / "docs/index.md", "# Welcome back\n\nNewest first.\n"
            ),
            "delete": lambda: (posts / "zeta.md").unlink(),
            "rename": lambda: (posts / "alpha.md").rename(posts / "alpha-moved.md"),
            "undraft": lambda: edit(
                server,
                posts / "gamma.md",
                post("Gamma", "2026-01-03", tags=["y"], body="Gamma has new words now."),
            ),
        }

    check_edits_against_clean_builds(tmp_path, steps)


def test_search_keeps_every_page_across_dirty_rebuilds(tmp_path: Path) -> None:
    write_site(tmp_path, blog())
    served = tmp_path / "served"
    server = DirtyServer(tmp_path / "mkdocs.yml", served)
    try:
        server.build(reload=False)
        before = json.loads((served / "search/search_index.json").read_text())["docs"]
        beta = tmp_path / "docs/posts/beta.md"
        edit(server, beta, post("Beta edited", "2026-01-02", tags=["x", "y"], body="New."))
        server.build()
        after = json.loads((served / "search/search_index.json").read_text())["docs"]
    finally:
        server.close()
    assert len(after) == len(before) >= 10
    titles = {doc["title"] for doc in after}
    assert "Beta edited" in titles and "Beta" not in titles
    assert {"Alpha", "Gamma", "Zeta", "About me"} <= titles


def test_an_edit_of_a_posts_text_leaves_the_title_lists_unwritten(tmp_path: Path) -> None:
    # The archive, year and title-only tag pages show titles and dates: a new body, excerpt
    # or reading time does not change them, so a dirty build does not write them again.
    write_site(tmp_path, blog())
    served = tmp_path / "served"
    server = DirtyServer(tmp_path / "mkdocs.yml", served)
    title_lists = ["archive/index.html", "archive/2026/index.html", "tags/y/index.html"]
    try:
        server.build(reload=False)
        written = {path: (served / path).stat().st_mtime_ns for path in title_lists}
        home = (served / "index.html").read_text(encoding="utf-8")
        gamma = tmp_path / "docs/posts/gamma.md"
        long_body = "A much longer text for gamma. " * 400
        edit(server, gamma, post("Gamma", "2026-01-03", tags=["y"], body=long_body))
        server.build()
        assert {path: (served / path).stat().st_mtime_ns for path in title_lists} == written
        assert (served / "index.html").read_text(encoding="utf-8") != home  # its excerpt
        edit(server, gamma, post("Gamma retitled", "2026-01-03", tags=["y"], body=long_body))
        server.build()
        for path in title_lists:
            assert "Gamma retitled" in (served / path).read_text(encoding="utf-8"), path
    finally:
        server.close()


# Site hooks: one notes each page the theme renders; the other reworks every page's links
# once rendered, as link-decorating plugins do, so that a post's footer is no longer in its
# page as folio wrote it.
RENDERED_HOOK = """\
from pathlib import Path

def on_page_context(context, page, config, nav):
    with (Path(config.config_file_path).parent / "rendered.txt").open("a") as notes:
        notes.write(page.file.src_uri + "\\n")
"""
LINK_HOOK = """\
def on_post_page(output, page, config):
    return output.replace("<a ", '<a data-hooked="1" ')
"""


@pytest.mark.parametrize("hooked", [False, True], ids=["footer-replaced", "page-rendered"])
def test_a_new_title_replaces_the_footers_of_the_neighbours_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hooked: bool
) -> None:
    from mkdocs.structure.pages import Page

    converted: list[str] = []
    render = Page.render

    def counted_render(page: Page, *args: Any, **kwargs: Any) -> None:
        converted.append(page.file.src_uri)
        render(page, *args, **kwargs)

    monkeypatch.setattr(Page, "render", counted_render)
    (tmp_path / "rendered.py").write_text(RENDERED_HOOK, encoding="utf-8")
    (tmp_path / "links.py").write_text(LINK_HOOK, encoding="utf-8")
    hooks = ["rendered.py", "links.py"] if hooked else ["rendered.py"]
    write_site(tmp_path, blog(), config={"theme": {"name": "material"}, "hooks": hooks})
    rendered = tmp_path / "rendered.txt"
    served = tmp_path / "served"
    server = DirtyServer(tmp_path / "mkdocs.yml", served)
    try:
        server.build(reload=False)
        delta = served / "posts/delta-from-its-heading/index.html"  # epsilon's older neighbour
        assert "Epsilon" in delta.read_text(encoding="utf-8")
        converted.clear()
        rendered.unlink()
        body = "Intro.\n\n<!-- more -->\n\nMore words."
        epsilon = post("Epsilon, renamed", "2026-01-05", tags=["z"], body=body)
        edit(server, tmp_path / "docs/posts/epsilon.md", epsilon)
        server.build()
        assert "Epsilon, renamed" in delta.read_text(encoding="utf-8")
        # The neighbours' footers are replaced in their pages, unless a hook changed the
        # footers there: then they are converted and rendered again, with every plugin's
        # page events. Epsilon's URL moved with its title, but no post links to it.
        neighbours = ["posts/delta.md", "posts/zeta.md"] if hooked else []
        again = sorted(["posts/epsilon.md", *neighbours])
        assert sorted(uri for uri in converted if uri.startswith("posts/")) == again
        theme_rendered = rendered.read_text(encoding="utf-8").split()
        assert sorted(uri for uri in theme_rendered if uri.startswith("posts/")) == again
    finally:
        server.close()
    assert_same_as_clean(tmp_path, served, "renamed")


def _live(kind: type) -> int:
    return sum(1 for item in gc.get_objects() if type(item) is kind)


def test_memory_stays_flat_across_fifty_dirty_rebuilds(tmp_path: Path) -> None:
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page

    write_site(tmp_path, blog())
    posts = tmp_path / "docs/posts"
    server = DirtyServer(tmp_path / "mkdocs.yml", tmp_path / "served")
    counts: dict[int, dict[str, int]] = {}
    try:
        server.build(reload=False)
        for cycle in range(1, 51):
            # Every cycle uses new file names: what the plugin kept for an old name must go.
            phase = cycle % 5
            if phase == 0:
                edit(server, posts / "beta.md", post(f"Beta {cycle}", "2026-01-02", tags=["x"]))
            elif phase == 1:
                (posts / "alpha.md").rename(posts / f"alpha-{cycle}.md")
            elif phase == 2:
                (posts / f"alpha-{cycle - 1}.md").rename(posts / "alpha.md")
            elif phase == 3:
                edit(server, posts / f"extra-{cycle}.md", post(f"Extra {cycle}", "2026-02-01"))
            else:
                (posts / f"extra-{cycle - 1}.md").unlink()
            config = server.build()
            if cycle in (25, 50):  # the same phase: the same posts exist
                plugin = config.plugins["folio"]
                assert isinstance(plugin, FolioPlugin) and plugin.dirty is not None
                del config
                gc.collect()
                state = plugin.dirty.state
                counts[cycle] = {
                    "posts": _live(Post),
                    "pages": _live(Page),
                    "files": _live(File),
                    "kept bodies": len(state.bodies),
                    "signatures": len(state.signatures),
                    "outputs": len(state.outputs),
                    "titles": len(state.titles),
                    "search pages": len(plugin.kept.search_carry.pages),
                    "search entries": sum(len(e) for e in plugin.kept.search_carry.pages.values()),
                }
    finally:
        server.close()
    assert counts[50] == counts[25]
    assert counts[50]["kept bodies"] == len(blog()) - 2  # the posts, not index.md or about.md


def test_changed_file_names_name_moved_added_and_removed_files() -> None:
    previous = {"posts/a.md": "posts/a/", "posts/b.md": "posts/b/", "img.png": "img.png"}
    current = {"posts/a.md": "posts/a-new/", "posts/c.md": "posts/c/", "img.png": "img.png"}
    assert changed_file_names(previous, current) == {"a.md", "b.md", "c.md"}
    assert changed_file_names({}, current) == set()


def test_kept_rendering_is_dropped_when_a_linked_page_moves() -> None:
    from mkdocs_folio.dirty import KeptBody
    from mkdocs_folio.structure.post import RenderedBody

    body = RenderedBody(None, "text", 1, 1)
    kept = {uri: KeptBody(1, body, None, uri, False, None) for uri in ("a.md", "b.md", "c.md")}
    sources = {"a.md": "see [b](b.md)", "b.md": "plain", "c.md": "plain"}
    inputs = {"a.md": 1, "b.md": 1, "c.md": 2}
    assert reusable_bodies(kept, inputs, sources, {"b.md"}) == {"b.md"}


def test_search_pages_keep_old_entries_of_pages_not_rebuilt_and_drop_gone_ones() -> None:
    previous = {"a.md": [{"location": "a/"}], "b.md": [{"location": "b/"}], "gone.md": [{}]}
    fresh = {"b.md": [{"location": "b/", "title": "new"}], "c.md": []}
    merged = merged_pages(previous, fresh, ["a.md", "b.md", "c.md"])
    assert merged == {"a.md": [{"location": "a/"}], "b.md": [{"location": "b/", "title": "new"}]}


def test_signatures_read_every_part_of_the_post_context() -> None:
    # The renderer shows each part of the PostContext: a change of any part must change the
    # signature of the pages that show it, or `--dirty` would keep a stale page.
    sources = {
        "posts/a.md": "---\ntitle: A\ndate: 2026-01-01\ntags: [x]\n---\nA.\n",
        "posts/b.md": "---\ntitle: B\ndate: 2026-01-02\ntags: [x]\n---\nB.\n",
    }
    collection = PostCollection(
        parse_post(src_uri, source, posts_dir="posts") for src_uri, source in sources.items()
    )
    a = collection.by_src_uri["posts/a.md"]
    plain = PostContext()
    changes = {
        "drafts": PostContext(drafts={a}),
        "related_count": PostContext(related_count=1),
        "authors": PostContext(authors={a: [Author(id="jane", name="Jane")]}),
        "series": PostContext(series={a: Series("S", [a])}),
        "links": PostContext(links={a: [ResolvedLink("Docs", "docs/", in_site=True)]}),
        "images": PostContext(images={a: Image("img/a.png")}),
    }
    signature = post_signatures(a, collection, plain, None)
    for part, context in changes.items():
        mine = post_signatures(a, collection, context, None)
        # The footer's other posts (related_count) change the whole signature only.
        assert mine[1] != signature[1], part
        assert (mine[0] != signature[0]) is (part != "related_count"), part
    # A listing entry shows the drafts badge, authors and cover, not the post's footer.
    shown = {"drafts", "authors", "images"}
    entry = entry_key(a, collection, plain)
    for part, context in changes.items():
        assert (entry_key(a, collection, context) != entry) is (part in shown), part


def test_a_footer_is_replaced_only_where_the_page_holds_it_once(tmp_path: Path) -> None:
    from mkdocs_folio.outputs_in_place import replace_in_output

    site = (tmp_path / "site").resolve()
    page = site / "posts/a/index.html"
    page.parent.mkdir(parents=True)
    page.write_bytes(b"<p>caf\xc3\xa9</p>\r\n<footer>old</footer>\r\n")
    assert replace_in_output(site, str(page), "<footer>old</footer>", "<footer>new</footer>")
    assert page.read_bytes() == b"<p>caf\xc3\xa9</p>\r\n<footer>new</footer>\r\n"
    page.write_text("<footer>x</footer><footer>x</footer>", encoding="utf-8")
    assert not replace_in_output(site, str(page), "<footer>x</footer>", "y")
    assert not replace_in_output(site, str(site / "gone.html"), "x", "y")
    outside = tmp_path / "outside.html"
    outside.write_text("<footer>old</footer>", encoding="utf-8")
    (site / "planted.html").symlink_to(outside)
    assert not replace_in_output(site, str(site / "planted.html"), "<footer>old</footer>", "")
    assert outside.read_text(encoding="utf-8") == "<footer>old</footer>"


def test_each_language_of_an_i18n_site_stays_exact_under_dirty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # mkdocs-static-i18n builds the other languages itself, dirty when the command line says so.
    monkeypatch.setattr("sys.argv", ["mkdocs", "serve", "--dirty"])
    monkeypatch.setattr(post_sources, "_STAMP_GRANULARITY_NS", 0)
    languages = [
        {"locale": "en", "default": True, "name": "English", "build": True},
        {"locale": "fr", "name": "Français", "build": True},
    ]
    files = {
        "index.md": "# Home\n\n<!-- folio:posts -->\n",
        "index.fr.md": "# Accueil\n\n<!-- folio:posts -->\n",
        "posts/hello.md": post("Hello", "2026-01-02", tags=["rust"], body="Hello world."),
        "posts/hello.fr.md": post("Bonjour", "2026-01-02", tags=["rust"], body="Bonjour."),
        "posts/second.md": post("Second", "2026-01-03", tags=["rust", "linux"], body="Two."),
        "posts/second.fr.md": post("Deuxième", "2026-01-03", tags=["linux"], body="Deux."),
        "posts/third.md": post("Third", "2026-01-04", tags=["linux"], body="Three."),
    }
    i18n = {"i18n": {"docs_structure": "suffix", "languages": languages}}
    write_site(tmp_path, files, config={"plugins": ["search", "folio", i18n]})

    def steps(server: DirtyServer, posts: Path) -> dict[str, Callable[[], object]]:
        return {
            # The French page's language switcher links to the English post's new URL.
            "english slug": lambda: edit(
                server,
                posts / "hello.md",
                post("Hello again", "2026-01-02", tags=["rust"], body="Hello world."),
            ),
            "english title": lambda: edit(
                server, posts / "second.md", post("Second, renamed", "2026-01-03", body="Two.")
            ),
            "french body": lambda: edit(
                server,
                posts / "hello.fr.md",
                post("Bonjour", "2026-01-02", tags=["rust"], body="Bonjour, encore."),
            ),
            "french date": lambda: edit(
                server,
                posts / "second.fr.md",
                post("Deuxième", "2026-01-09", tags=["linux"], body="Deux."),
            ),
            "english only, deleted": lambda: (posts / "third.md").unlink(),
            "french added": lambda: edit(
                server, posts / "third.fr.md", post("Troisième", "2026-01-05", body="Trois.")
            ),
        }

    plugin = check_edits_against_clean_builds(tmp_path, steps)
    # Each language kept its own state: the French rebuilds reused the French posts.
    french = plugin.serve_states.for_language("fr")
    assert french.dirty is not None and french.dirty.state.signatures
    assert sorted(french.dirty.state.bodies) == [
        "posts/hello.fr.md",
        "posts/second.fr.md",
        "posts/third.fr.md",
    ]
