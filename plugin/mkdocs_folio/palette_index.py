"""The compact JSON index the command palette loads: posts, tags, pages and links.

Posts are arrays rather than objects and refer to tags by position, which keeps the
index small: it is fetched by every reader who opens the palette.
"""

from __future__ import annotations

import json
from collections.abc import Container, Iterable, Mapping, Sequence
from typing import Any

from .excerpt import cut_on_word
from .navigation import pages_with_sections
from .structure.collection import PostCollection
from .structure.dates import format_date
from .structure.pages import Kind, Listing
from .structure.post import Post
from .titles import plain_title

INDEX_PATH = "assets/folio/index.json"
FORMAT_VERSION = 2

# Bits of a post row's sixth field, left out when zero.
DRAFT = 1
PINNED = 2

DEFAULT_DATE_FORMAT = "%B %-d, %Y"


def build_palette_index(
    collection: PostCollection,
    *,
    pages: Iterable[tuple[str, str] | tuple[str, str, Sequence[str]]],
    links: Mapping[str, str],
    drafts: set[Post],
    date_format: str = DEFAULT_DATE_FORMAT,
    excerpt_chars: int = 90,
) -> dict[str, Any]:
    """`pages` are (title, url) or (title, url, section titles from the nav's top down).

    Post dates are written as the listing shows them (`date_format`). A page listed more
    than once in the nav is listed once, at its first place.
    """
    tag_position = {tag: i for i, tag in enumerate(collection.tags)}
    posts = []
    for post in collection:
        excerpt = post.body.excerpt_text if post.body else (post.description or "")
        row: list[Any] = [
            post.title,
            post.url,
            format_date(post.date, date_format),
            [tag_position[tag] for tag in collection.tags_of(post)],
            cut_on_word(excerpt.removesuffix("..."), excerpt_chars),
        ]
        flags = (DRAFT if post in drafts else 0) | (PINNED if post.pin else 0)
        if flags:
            row.append(flags)
        posts.append(row)
    return {
        "version": FORMAT_VERSION,
        "posts": posts,
        "tags": [[tag.name, tag.url, len(tag.posts)] for tag in collection.tags],
        "pages": page_rows(pages),
        "links": dict(links),
    }


def page_rows(
    pages: Iterable[tuple[str, str] | tuple[str, str, Sequence[str]]],
) -> list[list[Any]]:
    """[title, url] or [title, url, [section, ...]], one row per URL."""
    rows: list[list[Any]] = []
    seen: set[str] = set()
    for title, url, *rest in pages:
        if url in seen:
            continue
        seen.add(url)
        sections = [str(name) for name in rest[0]] if rest else []
        rows.append([title, url, sections] if sections else [title, url])
    return rows


def dumps(index: Mapping[str, Any]) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))


def listing_links(listings: Iterable[Listing]) -> dict[str, str]:
    """The palette's links to the blog's home, tags index and archive, by kind."""
    return {
        kind.value: listing.url.removeprefix("./")
        for listing in listings
        for kind in [listing.kind]
        if kind in (Kind.HOME, Kind.TAGS, Kind.ARCHIVE) and listing.number == 1
    }


def nav_page_rows(
    nav_items: list[Any], *, leave_out: Container[str]
) -> list[tuple[str, str, tuple[str, ...]]]:
    """(title as text, URL, sections) of the titled nav pages but those in `leave_out`
    (posts, which the palette lists apart)."""
    return [
        (plain_title(page.title), page.url.removeprefix("./"), sections)
        for page, sections in pages_with_sections(nav_items)
        if page.title and page.file.src_uri not in leave_out
    ]


def palette_index_json(
    collection: PostCollection,
    listings: Iterable[Listing],
    nav_items: list[Any],
    *,
    search: bool,
    extra_links: Mapping[str, str],
    drafts: set[Post],
    date_format: str,
) -> str:
    """The index as the palette fetches it: the posts, the nav's other pages, and links to
    the listings, the search index (when there is one) and `extra_links` (the feeds)."""
    links = listing_links(listings)
    if search:
        links["search"] = "search/search_index.json"
    links.update(extra_links)
    pages = nav_page_rows(nav_items, leave_out=collection.by_src_uri)
    index = build_palette_index(
        collection, pages=pages, links=links, drafts=drafts, date_format=date_format
    )
    return dumps(index)
