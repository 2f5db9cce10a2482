"""Small operations on MkDocs' File objects: where one is written, what its source holds."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .structure.images import HEADER_BYTES


def place(file: File, site_dir: str, dest_uri: str, url: str) -> None:
    file.dest_uri, file.url = dest_uri, url
    # mkdocs-static-i18n sets the output path itself (its files' dest_dir is not the site's),
    # and MkDocs caches it apart from dest_uri.
    # Joined as MkDocs joins it, without a Path per post.
    file.abs_dest_path = os.path.normpath(os.path.join(site_dir, dest_uri))  # noqa: PTH118


def has_marker(file: File | None, marker: str | None) -> bool:
    if file is None or marker is None:
        return False
    try:
        return marker in file.content_string
    except (OSError, UnicodeDecodeError):
        return False  # the clash check names the file


def rebuild_every_time(file: File) -> None:
    """A `--dirty` build skips a page whose source is older than its output, but a page you
    wrote that carries a listing (say index.md) changes whenever a post does."""
    file.is_modified = lambda: True  # type: ignore[method-assign]


def populate_page(file: File, config: MkDocsConfig, files: Files) -> None:
    """Read and render a page MkDocs skipped, with every plugin's page events, as MkDocs'
    own build does for the pages it did not skip."""
    from mkdocs.commands import build

    assert file.page is not None
    build._populate_page(file.page, config, files)


def image_finder(files: Files) -> Callable[[str], tuple[str, bytes] | None]:
    """Looks up an image by its path in docs_dir: its URL and its first bytes."""

    def find(path: str) -> tuple[str, bytes] | None:
        file = files.get_file_from_path(path)
        if file is None or file.is_documentation_page():
            return None
        if file.abs_src_path:
            with Path(file.abs_src_path).open("rb") as source:
                return file.url, source.read(HEADER_BYTES)
        return file.url, file.content_bytes[:HEADER_BYTES]

    return find


def rendered_content(page: Page, config: MkDocsConfig, files: Files) -> str:
    """A page's HTML; one MkDocs skipped (`mkdocs serve --dirty`) is read and rendered now,
    without the plugins' page events (see `populate_page` for those)."""
    if page.content is None:
        page.read_source(config)
        page.render(config, files)
    assert page.content is not None
    return page.content
