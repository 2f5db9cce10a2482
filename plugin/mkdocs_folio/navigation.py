"""Changes to MkDocs' Navigation: folio's listing pages placed beside the blog's index.

The functions take pages the plugin already looked up, or `page_for`, which looks a page up
by its source path; adding pages to the nav also relinks every page's previous/next, as
MkDocs linked them before folio moved anything.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from mkdocs.structure import StructureItem
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from .structure.pages import Kind, Listing
from .structure.post import Post
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


def add_recent_posts(
    nav: Navigation,
    posts: Iterable[Post],
    count: int,
    *,
    title: str,
    label: Callable[[Post], str],
) -> list[tuple[Link, Post]]:
    """The use case of mkdocs-blog-plugin: the newest `count` posts, each shown as
    `label(post)` (HTML), in a nav section titled `title` (text). Returns the links with their
    posts, to label again once titles from `# headings` are known."""
    newest = sorted(posts, key=lambda post: -post.date.timestamp())
    recent = [(Link(label(post), post.url), post) for post in newest[:count]]
    links: list[StructureItem] = [link for link, _ in recent]
    if links:
        nav.items.append(Section(html.escape(title), links))
    return recent


def add_listing_entries(
    nav: Navigation,
    home: Page | None,
    listings: Iterable[Listing],
    page_for: Callable[[str], Page | None],
    *,
    material: bool,
) -> None:
    """An automatic nav would bury tags/index.md in a one-page "Tags" section: list the
    Tags and Archive pages right after the listing, beside it (in its section, if any,
    as Material's blog places its archive)."""
    entries = [
        page
        for listing in listings
        if listing.in_nav
        and listing.kind is not Kind.HOME
        # With Material's options, Material's Archive section stands for folio's archive.
        and not (material and listing.kind is Kind.ARCHIVE)
        for page in [page_for(listing.src_uri)]
        if page is not None and page not in nav.pages
    ]
    insert_after_home(nav, home, entries)


def add_view_sections(
    nav: Navigation,
    home: Page | None,
    listings: Iterable[Listing],
    page_for: Callable[[str], Page | None],
    *,
    title: Callable[[Kind], str],
) -> None:
    """Material's blog nav: beside the blog's index (when it is in the nav), an Archive
    section of the year pages, a Categories section and an Authors section, each of the
    first pages the nav does not list yet, titled by `title(kind)` (HTML); asked only for
    the sections shown."""
    if home is None or home not in nav.pages:
        return
    by_kind: dict[Kind, list[Page]] = {Kind.YEAR: [], Kind.CATEGORY: [], Kind.AUTHOR: []}
    # Categories by name, as Material sorts its section; years and authors as they come.
    in_order = sorted(
        listings,
        key=lambda listing: listing.name or "" if listing.kind is Kind.CATEGORY else "",
    )
    for listing in in_order:
        page = page_for(listing.src_uri)
        if listing.number == 1 and listing.kind in by_kind and page is not None:
            by_kind[listing.kind].append(page)
    sections = [
        (title(kind), outside)
        for kind, pages in by_kind.items()
        for outside in [[page for page in pages if page not in nav.pages]]
        if outside
    ]
    add_sections_beside(nav, home, sections)
