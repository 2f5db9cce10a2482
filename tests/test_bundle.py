"""folio's assets: one minified stylesheet and one script per page, named by a content hash."""

from __future__ import annotations

import gzip
import hashlib
import re
from pathlib import Path

import pytest

from mkdocs_folio.bundle import HASH_LENGTH, bundle, folio_assets, hashed_path, read_source

from .sites import Site, make_site, post

HASHED = re.compile(r"^assets/folio/(?P<stem>[a-z]+)\.(?P<hash>[0-9a-f]{10})\.(?:css|js)$")


def test_the_hash_in_the_name_is_the_sha256_of_the_content() -> None:
    path = hashed_path("folio", ".css", "a{color:red}\n")
    digest = hashlib.sha256(b"a{color:red}\n").hexdigest()[:HASH_LENGTH]
    assert path == f"assets/folio/folio.{digest}.css"


def test_any_change_of_a_source_changes_the_name_and_nothing_else_does() -> None:
    first = bundle("folio", ".css", (".a { color: red; }", ".b { color: blue; }"))
    again = bundle("folio", ".css", (".a { color: red; }", ".b { color: blue; }"))
    edited = bundle("folio", ".css", (".a { color: red; }", ".b { color: navy; }"))
    # Formatting that minifies away gives the same file, so the same name: caches stay warm.
    reformatted = bundle("folio", ".css", (".a {\n  color: red;\n}", ".b{color:blue}"))
    assert first.path == again.path == reformatted.path
    assert edited.path != first.path
    assert first.content == ".a{color:red}.b{color:blue}\n"


def test_the_bundles_are_minified_and_keep_every_source() -> None:
    css, js = folio_assets(palette=True)
    assert HASHED.match(css.path)["stem"] == "folio"
    assert HASHED.match(js.path)["stem"] == "palette"
    sources = {name: read_source(name) for name in ("folio.css", "palette.css", "palette.js")}
    assert len(css.content) < len(sources["folio.css"]) + len(sources["palette.css"])
    assert len(js.content) < len(sources["palette.js"])
    assert "/*" not in css.content and "\n  " not in js.content
    # Each source's own classes survive the bundling.
    assert ".folio-entry" in css.content and ".folio-palette" in css.content
    assert "folio-palette-config" in js.content


def test_without_the_palette_there_is_only_folios_stylesheet() -> None:
    [css] = folio_assets(palette=False)
    assert css.is_stylesheet and ".folio-palette__panel" not in css.content


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return make_site(
        tmp_path_factory.mktemp("bundle"),
        {"posts/a.md": post("Alpha", tags=["x"]), "posts/b.md": post("Beta", "2026-03-15")},
    )


def folio_links(site: Site, path: str) -> tuple[list[str], list[str]]:
    page = site.html(path)
    styles = [
        link["href"] for link in page.select("link[rel=stylesheet]") if "folio" in link["href"]
    ]
    scripts = [script["src"] for script in page.select("script[src]") if "folio" in script["src"]]
    # The palette's script never blocks the first paint.
    assert all(page.select_one(f'script[src="{src}"]').has_attr("defer") for src in scripts)
    return styles, scripts


def test_every_page_loads_one_stylesheet_and_one_script_of_folios(site: Site) -> None:
    for path, root in (("", ""), ("posts/alpha/", "../../"), ("tags/x/", "../../")):
        styles, scripts = folio_links(site, path)
        assert len(styles) == 1 and len(scripts) == 1, path
        for url in (*styles, *scripts):
            assert url.startswith(root)
            served = Path(site.out / url.removeprefix(root))
            name = url.removeprefix(root)
            assert HASHED.match(name), name
            digest = hashlib.sha256(served.read_bytes()).hexdigest()[:HASH_LENGTH]
            assert HASHED.match(name)["hash"] == digest


def test_folios_css_and_js_weigh_under_10_kb_gzipped(site: Site) -> None:
    styles, scripts = folio_links(site, "")
    total = sum(
        len(gzip.compress((site.out / url).read_bytes(), compresslevel=9))
        for url in (*styles, *scripts)
    )
    assert total < 10_000, total
