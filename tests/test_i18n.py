"""folio with mkdocs-static-i18n: one blog per language, in both of i18n's docs structures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import feedparser
import pytest

from .sites import Site, entry_titles, listed_titles, make_site, post

LANGUAGES = [
    {"locale": "en", "default": True, "name": "English", "build": True},
    {"locale": "fr", "name": "Français", "build": True},
]
ENGLISH = {
    "posts/hello.md": post("Hello", "2026-01-02", tags=["rust"], body="Hello world."),
    "posts/english.md": post("Only English", "2026-01-05", tags=["linux"], body="English."),
}
FRENCH = {
    "posts/hello.md": post(
        "Bonjour", "2026-01-02", tags=["rust", "français"], body="Bonjour le monde."
    ),
    "posts/francais.md": post("Seulement français", "2026-01-07", tags=["linux"], body="Oui."),
}
PAGES = {"index.md": "# Home\n\n<!-- folio:posts -->\n", "about.md": "# About\n\nAbout us.\n"}
FRENCH_PAGES = {"index.md": "# Accueil\n\n<!-- folio:posts -->\n"}


def _suffixed(name: str, locale: str) -> str:
    stem, _, extension = name.rpartition(".")
    return f"{stem}.{locale}.{extension}"


def _files(structure: str) -> dict[str, str]:
    if structure == "suffix":
        french = {_suffixed(name, "fr"): text for name, text in {**FRENCH_PAGES, **FRENCH}.items()}
        return {**PAGES, **ENGLISH, **french}
    english = {f"en/{name}": text for name, text in {**PAGES, **ENGLISH}.items()}
    return {**english, **{f"fr/{name}": text for name, text in {**FRENCH_PAGES, **FRENCH}.items()}}


def _config(structure: str, *, folio: bool = True) -> dict[str, Any]:
    i18n = {"i18n": {"docs_structure": structure, "languages": LANGUAGES}}
    return {"plugins": ["search", *(["folio"] if folio else []), i18n]}


@pytest.fixture(scope="module", params=["suffix", "folder"])
def multilingual(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Site:
    structure = request.param
    root = tmp_path_factory.mktemp(f"i18n-{structure}")
    return make_site(root, _files(structure), _config(structure), strict=True)


def test_each_language_lists_its_own_posts_and_falls_back_to_the_default(
    multilingual: Site,
) -> None:
    assert entry_titles(multilingual.html("")) == ["Only English", "Hello"]
    # French readers get the French posts, and English ones that have no translation.
    assert entry_titles(multilingual.html("fr/")) == [
        "Seulement français",
        "Only English",
        "Bonjour",
    ]
    assert (multilingual.out / "fr/posts/bonjour/index.html").is_file()
    assert (multilingual.out / "fr/posts/only-english/index.html").is_file()
    assert not (multilingual.out / "posts/bonjour").exists()


def test_each_language_has_its_own_tags_archive_feeds_and_palette_index(
    multilingual: Site,
) -> None:
    assert listed_titles(multilingual.html("fr/tags/rust/")) == ["Bonjour"]
    assert listed_titles(multilingual.html("tags/rust/")) == ["Hello"]
    assert not (multilingual.out / "tags/francais").exists()
    assert listed_titles(multilingual.html("fr/archive/")) == [
        "Seulement français",
        "Only English",
        "Bonjour",
    ]
    english_feed = feedparser.parse(multilingual.text("feed.xml"))
    french_feed = feedparser.parse(multilingual.text("fr/feed.xml"))
    assert [entry.title for entry in english_feed.entries] == ["Only English", "Hello"]
    assert [entry.link for entry in french_feed.entries] == [
        "https://blog.example.org/fr/posts/seulement-francais/",
        "https://blog.example.org/fr/posts/only-english/",
        "https://blog.example.org/fr/posts/bonjour/",
    ]
    french_index = json.loads(multilingual.text("fr/assets/folio/index.json"))
    assert [entry[1] for entry in french_index["posts"]] == [
        "fr/posts/seulement-francais/",
        "fr/posts/only-english/",
        "fr/posts/bonjour/",
    ]
    settings = multilingual.html("fr/").select_one("script#folio-palette-config")
    assert settings is not None
    assert json.loads(settings.get_text())["index"] == "fr/assets/folio/index.json"


def test_the_sitemap_lists_every_language_blog(multilingual: Site) -> None:
    sitemap = multilingual.text("sitemap.xml")
    for path in ["", "fr/", "posts/hello/", "fr/posts/bonjour/", "tags/rust/", "fr/tags/rust/"]:
        assert f"<loc>https://blog.example.org/{path}</loc>" in sitemap, path
    assert "fr/archive/" in sitemap


def _switcher(site: Site, path: str) -> dict[str, str]:
    return {
        str(link["hreflang"]): str(link["href"])
        for link in site.html(path).select(".md-select__link[hreflang]")
    }


def test_language_switcher_links_a_post_to_its_translation(multilingual: Site) -> None:
    assert _switcher(multilingual, "posts/hello/")["fr"] == "../../fr/posts/bonjour/"
    assert _switcher(multilingual, "fr/posts/bonjour/")["en"] == "../../../posts/hello/"


def test_language_switcher_of_tag_and_archive_pages_leads_to_each_language_home(
    multilingual: Site,
) -> None:
    # i18n sets the switcher page by page; a page it does not know kept the one of the page
    # rendered before it, a post's translations.
    for path in ["tags/rust/", "archive/", "archive/2026/"]:
        assert _switcher(multilingual, path) == {"en": "./", "fr": "/fr/"}, path
    for path in ["fr/tags/rust/", "fr/archive/", "fr/archive/2026/"]:
        assert _switcher(multilingual, path) == {"en": "/", "fr": "./"}, path


def test_pages_other_than_the_blog_are_unchanged(multilingual: Site, tmp_path: Path) -> None:
    structure = "suffix" if "suffix" in multilingual.root.name else "folder"
    plain = make_site(tmp_path, _files(structure), _config(structure, folio=False))
    for path in ["about/", "fr/about/"]:
        mine, theirs = multilingual.html(path), plain.html(path)
        assert str(mine.select_one("article")) == str(theirs.select_one("article"))


def test_plugin_order_does_not_matter(tmp_path: Path) -> None:
    i18n = {"i18n": {"docs_structure": "suffix", "languages": LANGUAGES}}
    site = make_site(
        tmp_path, _files("suffix"), {"plugins": ["search", i18n, "folio"]}, strict=True
    )
    assert entry_titles(site.html("")) == ["Only English", "Hello"]
    assert entry_titles(site.html("fr/")) == ["Seulement français", "Only English", "Bonjour"]
