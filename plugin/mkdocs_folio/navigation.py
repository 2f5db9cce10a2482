"""Changes to MkDocs' Navigation: folio's listing pages placed beside the blog's index.

The functions take pages the plugin already looked up; adding pages to the nav also
relinks every page's previous/next, as MkDocs linked them before folio moved anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from .titles import plain_title


def pages_with_sections(
    items: list[Any], sections: tuple[str, ...] = ()
) -> Iterator[tuple[Page, tuple[str, ...]]]:
    """Every nav page with the titles of the sections it sits in, where the nav lists it."""
    for item in items:
        if isinstance(item, Page):
            yield item, sections
        elif isinstance(item, Section):
            yield from pages_with_sections(item.children, (*sections, plain_title(str(item.title))))


def pages_in_order(items: list[Any]) -> list[Page]:
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            pages.extend(pages_in_order(item.children))
    return pages


def relink_pages(nav: Navigation) -> None:
    """The nav's pages in their new order, each linked to its previous and next page."""
    nav.pages = pages_in_order(nav.items)
    for previous, following in zip(nav.pages, nav.pages[1:], strict=False):
        previous.next_page, following.previous_page = following, previous


def insert_after_home(nav: Navigation, home: Page | None, entries: list[Page]) -> None:
    """The entries right after the home page, in its section if it has one; at the end of
    the nav when there is no home page in it."""
    if not entries:
        return
    section = home.parent if home is not None else None
    siblings = section.children if isinstance(section, Section) else nav.items
    position = siblings.index(home) + 1 if home is not None and home in siblings else len(siblings)
    siblings[position:position] = entries
    for page in entries:
        page.parent = section if isinstance(section, Section) else None
    relink_pages(nav)


def add_sections_beside(
    nav: Navigation, home: Page, sections: Iterable[tuple[str, list[Page]]]
) -> None:
    """A section per (HTML title, pages) beside the home page; one with no pages is left out."""
    container = home.parent
    siblings = container.children if isinstance(container, Section) else nav.items
    added = False
    for title, pages in sections:
        if not pages:
            continue
        children: list[StructureItem] = list(pages)
        section = Section(title, children)
        section.parent = container if isinstance(container, Section) else None
        for page in pages:
            page.parent = section
        siblings.append(section)
        added = True
    if added:
        relink_pages(nav)


def attach_outside_nav(nav: Navigation, home: Page, pages: Iterable[Page | None]) -> None:
    """Pages the nav does not list, and that have no parent, become children of the home
    page: its nav entry and tab are active there, breadcrumbs lead back."""
    for page in pages:
        outside_nav = page is not None and page is not home and page not in nav.pages
        if outside_nav and page is not None and page.parent is None:
            page.parent = home  # type: ignore[assignment]
