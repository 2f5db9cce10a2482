"""Page titles and headings, from plain strings and pages MkDocs has read.

MkDocs keeps nav and page titles as HTML; folio writes titles into Markdown (a generated
page's `# heading`) and into text (the palette), so each crossing escapes or unescapes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from mkdocs.structure.pages import Page

from .structure.pages import Kind, Listing

# Characters Markdown would read as syntax: backslash-escaped where Python-Markdown allows
# it, written as character references where it does not (extensions like tilde and mark).
_MARKDOWN_ESCAPABLE = re.compile(r"([\\`*_{}\[\]()#+!])")
_MARKDOWN_AS_ENTITY = re.compile(r"[~^=|:]")


def heading_markdown(title: str) -> str:
    """`# title` whose text renders as written: Markdown syntax and HTML escaped."""
    text = _MARKDOWN_ESCAPABLE.sub(r"\\\1", html.escape(title, quote=False))
    text = _MARKDOWN_AS_ENTITY.sub(lambda match: f"&#{ord(match[0])};", text)
    return f"# {text}\n"


def plain_title(title: str) -> str:
    """MkDocs keeps titles as HTML (tags stripped, entities kept): the text a reader sees."""
    return html.unescape(re.sub(r"<[^>]+>", "", title)).strip()


def with_title(content: str, title: str | None) -> str:
    """The content headed by `<h1>title</h1>`, unless it has an `<h1>` already."""
    if not title or re.search(r"<h1[\s>]", content):
        return content
    return f"<h1>{title}</h1>\n{content}"


def after_first_h1(content: str, fragment: str) -> str:
    """The fragment right after the content's leading `<h1>`, or before the content."""
    if content.lstrip().startswith("<h1"):
        end = content.find("</h1>")
        if end != -1:
            end += len("</h1>")
            return content[:end] + fragment + content[end:]
    return fragment + content


def written_title(page: Page | None) -> str | None:
    """The title of a page the user wrote (a listing page's later pages repeat it), once
    MkDocs has read it."""
    if page is None or page.file.generated_by is not None or page.markdown is None:
        return None
    title = page.title
    return title if isinstance(title, str) and title else None


def given_listing_title(page: Page, first_page: Page | None) -> str | None:
    """A title the user gave a listing page: in `nav:`, for it or for the listing's first
    page, else the first page's own title when the user wrote that page."""
    title = nav_title(page) or nav_title(first_page)
    if title is None and first_page not in (None, page):
        title = written_title(first_page)
    return title


def nav_title(page: Page | None) -> str | None:
    """The title a `nav:` entry gave the page (MkDocs stores it on the page itself)."""
    title = vars(page).get("title") if page is not None else None
    return title if isinstance(title, str) and title else None


def listing_title(
    listing: Listing, strings: Mapping[str, str], *, site_name: str, material: bool
) -> str:
    """A listing page's title, from folio's `strings`; `material` when folio reads
    Material's blog options."""
    if listing.kind is Kind.TAG and listing.tag is not None:
        return strings["tag_title"].replace("{tag}", listing.tag.name)
    if listing.kind is Kind.TAGS:
        return strings["tags_title"]
    if listing.kind is Kind.ARCHIVE:
        return strings["archive_title"]
    if listing.kind is Kind.YEAR and listing.name is not None:
        return listing.name  # Material's archive_date_format
    if listing.kind is Kind.YEAR:
        return strings["archive_year_title"].replace("{year}", str(listing.year))
    if listing.kind in (Kind.CATEGORY, Kind.AUTHOR) and listing.name is not None:
        return listing.name
    if material and listing.src_uri != "index.md":
        return "Blog"  # the heading Material's blog writes into the index it creates
    return site_name
