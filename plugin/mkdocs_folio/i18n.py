"""Multilingual sites with mkdocs-static-i18n, from plain data.

i18n builds the site once per language with the same plugin instances: before each build it
sets its `current_language`, and its `on_files` keeps the pages of that language (falling back
to the default language's page where a translation is missing, if `fallback_to_default`),
moved under `<lang>/` for every language but the default. folio runs after it, so each
language's build sees that language's posts only and gets its own listing, tag pages, archive,
feeds and palette index, under the same `<lang>/` folder.

Files keep their real source path (`posts/hello.fr.md`, `fr/posts/hello.md`); i18n records the
language-free one as `norm_src_uri` (`posts/hello.md`), which is what folio's options name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from .site_files import place
from .structure.errors import PostError
from .structure.post import Post
from .structure.routing import locate, post_path

PLUGIN_NAMES = ("i18n",)


@dataclass(frozen=True)
class Language:
    """The language of the build under way."""

    code: str
    default: str

    @property
    def prefix(self) -> str:
        """Folder of this language's pages in the site: '' for the default language."""
        return "" if self.code == self.default else f"{self.code}/"


def i18n_plugin(plugins: Any) -> Any | None:
    """The mkdocs-static-i18n plugin instance among `config.plugins`, or None."""
    for name in PLUGIN_NAMES:
        plugin = plugins.get(name)
        if plugin is not None:
            return plugin
    return None


def building_language(plugin: Any | None) -> Language | None:
    """The language i18n is building now; None without i18n (or before it chose one)."""
    if plugin is None:
        return None
    code = getattr(plugin, "current_language", None)
    default = getattr(plugin, "default_language", None)
    if not isinstance(code, str) or not isinstance(default, str):
        return None
    return Language(code, default)


def language_free_path(file: Any) -> str:
    """A file's source path without i18n's language suffix or folder (`posts/hello.md`)."""
    path = getattr(file, "norm_src_uri", None)
    return path if isinstance(path, str) else str(file.src_uri)


def in_language(prefix: str, dest_uri: str, url: str) -> tuple[str, str]:
    """Output path and URL of a page moved into a language's folder."""
    if not prefix:
        return dest_uri, url
    return prefix + dest_uri, prefix + url.removeprefix("./")


def register_generated_pages(plugin: Any, code: str, pages: list[Any]) -> None:
    """Give i18n folio's listings and tag pages, each as its own language's only version.

    i18n writes its sitemap from the pages it saw in its `on_files`, before folio added
    these. And its language switcher is set page by page, for pages with a `locale` only:
    without one, a page would show the switcher of the page rendered before it (a post's
    translations on a tag page, say). With it, the switcher leads to each language's home.
    """
    for page in pages:
        if not hasattr(page, "alternates"):
            page.alternates = {code: page}
        if not hasattr(page, "locale"):
            page.locale = page.locale_alternate_of = code
    per_language = getattr(plugin, "i18n_files_per_language", None)
    if not isinstance(per_language, dict):
        return
    listed = per_language.setdefault(code, [])
    listed.extend(page for page in pages if page not in listed)


def translation_urls(file: Any) -> tuple[tuple[str, str], ...] | None:
    """The URLs of a page's versions in every language, as i18n's switcher links them."""
    alternates = getattr(file, "alternates", None)
    if not isinstance(alternates, dict):
        return None
    return tuple(
        sorted((str(code), str(getattr(other, "url", ""))) for code, other in alternates.items())
    )


def point_alternates(
    file: File,
    language: Language,
    config: MkDocsConfig,
    *,
    url_format: str,
    parse: Callable[[File], Post],
) -> None:
    """i18n's language switcher links a post to its translations, at URLs i18n guessed
    from file names: give them the URL folio gives each translation in its own build.
    `parse` reads a translation's file as a post."""
    alternates = getattr(file, "alternates", None)
    if not isinstance(alternates, dict):
        return
    for code, alternate in alternates.items():
        if alternate is file or not isinstance(alternate, File):
            continue
        try:
            post = parse(alternate)
        except (PostError, OSError, UnicodeDecodeError):
            continue  # that language's own build reports it
        other = Language(code, language.default)
        location = locate(post_path(post, other.prefix + url_format), config.use_directory_urls)
        place(alternate, config.site_dir, location.dest_uri, location.url)
