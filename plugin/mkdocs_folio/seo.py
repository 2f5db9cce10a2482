"""Sharing and search-engine metadata for a page's <head>, from plain data.

Every value is user text (titles, tags, author names), so attributes go through html.escape
and the JSON-LD through `script_json`, which leaves no `<`, `>` or `&` in the script body.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from html import escape
from typing import Any

from .authors import Author

_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_HEAD_START = re.compile(r"<head\b", re.IGNORECASE)


def _head(html: str) -> tuple[int, int] | None:
    """Where the page's <head> element starts and ends. Two searches: one lazy `.*?` across
    the whole head costs ten times more, on every page."""
    start = _HEAD_START.search(html)
    if start is None:
        return None
    end = _HEAD_END.search(html, start.end())
    return None if end is None else (start.start(), end.end())


_META_DESCRIPTION = re.compile(r"""<meta\s[^>]*\bname=["']?description\b""", re.IGNORECASE)


@dataclass(frozen=True)
class FeedLink:
    """A feed to announce with `<link rel="alternate">`; `href` as the page should use it."""

    media_type: str
    title: str
    href: str
    rel: str = "alternate"


@dataclass(frozen=True)
class ImageCard:
    """The image of a link preview; `url` is absolute."""

    url: str
    alt: str = ""
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class PageCard:
    """What a shared link shows: Open Graph and Twitter card data for one page."""

    title: str
    site_name: str
    description: str | None = None
    url: str | None = None
    """Absolute canonical URL; None without `site_url`, since Open Graph needs absolute URLs."""
    image: ImageCard | None = None


@dataclass(frozen=True)
class ArticleData:
    """A post's extra data: article Open Graph tags and the JSON-LD `BlogPosting`."""

    published: datetime
    modified: datetime | None = None
    tags: Sequence[str] = ()
    authors: Sequence[Author] = field(default_factory=tuple)
    publisher_url: str | None = None
    """The blog's home page, absolute; the publisher is the site (an Organization)."""


def _meta(attribute: str, key: str, value: str) -> str:
    return f'<meta {attribute}="{escape(key)}" content="{escape(value)}">'


def alternate_links(links: Iterable[FeedLink]) -> str:
    return "\n".join(
        f'<link rel="{escape(link.rel)}" type="{escape(link.media_type)}"'
        f' title="{escape(link.title)}" href="{escape(link.href)}">'
        for link in links
    )


def script_json(data: Any) -> str:
    """JSON that is safe inside <script>: `<`, `>` and `&` become \\u escapes (still valid JSON)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def blog_posting(card: PageCard, article: ArticleData) -> dict[str, Any]:
    """schema.org BlogPosting for a post."""
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": card.title,
        "datePublished": article.published.isoformat(),
        "dateModified": (article.modified or article.published).isoformat(),
    }
    if card.description:
        data["description"] = card.description
    if card.url:
        data["url"] = card.url
        data["mainEntityOfPage"] = {"@type": "WebPage", "@id": card.url}
    authors = []
    for author in article.authors:
        person = {"@type": "Person", "name": author.name}
        if author.url:
            person["url"] = author.url
        authors.append(person)
    publisher: dict[str, Any] = {"@type": "Organization", "name": card.site_name}
    if article.publisher_url:
        publisher["url"] = article.publisher_url
    # Without named authors the site itself is the author, as search engines expect one.
    data["author"] = authors or publisher
    data["publisher"] = publisher
    if card.image is not None:
        data["image"] = [card.image.url]
    if article.tags:
        data["keywords"] = list(article.tags)
    return data


def head_tags(
    card: PageCard,
    article: ArticleData | None = None,
    *,
    with_description: bool = False,
    large_image: bool = False,
) -> str:
    """Open Graph, Twitter card and, for posts, article tags and JSON-LD.

    `with_description` adds `<meta name="description">`, for themes that did not print one;
    `large_image` says the page has an `og:image` (say Material's social card) to show large.
    """
    tags: list[str] = []
    if with_description and card.description:
        tags.append(_meta("name", "description", card.description))
    tags.append(_meta("property", "og:type", "article" if article else "website"))
    tags.append(_meta("property", "og:title", card.title))
    if card.description:
        tags.append(_meta("property", "og:description", card.description))
    if card.url:
        tags.append(_meta("property", "og:url", card.url))
    tags.append(_meta("property", "og:site_name", card.site_name))
    if article is not None:
        tags.append(_meta("property", "article:published_time", article.published.isoformat()))
        if article.modified is not None:
            tags.append(_meta("property", "article:modified_time", article.modified.isoformat()))
        tags.extend(_meta("property", "article:tag", tag) for tag in article.tags)
    image = card.image
    if image is not None:
        tags.append(_meta("property", "og:image", image.url))
        if image.alt:
            tags.append(_meta("property", "og:image:alt", image.alt))
        if image.width and image.height:
            tags.append(_meta("property", "og:image:width", str(image.width)))
            tags.append(_meta("property", "og:image:height", str(image.height)))
    tags.append(
        _meta("name", "twitter:card", "summary_large_image" if image or large_image else "summary")
    )
    tags.append(_meta("name", "twitter:title", card.title))
    if card.description:
        tags.append(_meta("name", "twitter:description", card.description))
    if image is not None:
        tags.append(_meta("name", "twitter:image", image.url))
        if image.alt:
            tags.append(_meta("name", "twitter:image:alt", image.alt))
    if article is not None:
        tags.append(
            '<script type="application/ld+json">'
            + script_json(blog_posting(card, article))
            + "</script>"
        )
    return "\n".join(tags)


_SHARING_META = re.compile(
    r"""[ \t]*<meta\s[^>]*?\b(?:property|name)\s*=\s*["']?((?:og|twitter|article):[\w:.-]+)[^>]*>"""
    r"[ \t]*\n?",
    re.IGNORECASE,
)


# The same tags as _SHARING_META without the white space around them: a pattern that starts
# with `<meta` is searched for quickly, where one that may start with a space or tab is tried
# at every character of the <head>, on every page.
_SHARING_META_TAG = re.compile(_SHARING_META.pattern[len("[ \\t]*") : -len("[ \\t]*\\n?")], re.I)


def sharing_keys(html: str) -> set[str]:
    """The Open Graph, Twitter and article keys of the `<meta>` tags in the page's <head>."""
    head = _head(html)
    if head is None:
        return set()
    # Most pages have none: three substring checks cost less than the pattern over the head.
    lowered = html[head[0] : head[1]].lower()
    if not any(prefix in lowered for prefix in ("og:", "twitter:", "article:")):
        return set()
    return {match.group(1).lower() for match in _SHARING_META_TAG.finditer(html, *head)}


def without_sharing_meta(html: str, keys: set[str]) -> str:
    """The page without the <head>'s `<meta>` tags for `keys`, so each key is set once."""
    head = _head(html)
    if head is None or not keys:
        return html
    start, end = head

    def keep_or_drop(match: re.Match[str]) -> str:
        return "" if match.group(1).lower() in keys else match.group(0)

    cleaned = _SHARING_META.sub(keep_or_drop, html[start:end])
    return html[:start] + cleaned + html[end:]


def has_meta_description(html: str) -> bool:
    head = _head(html)
    return head is not None and _META_DESCRIPTION.search(html, *head) is not None


def inject_head(html: str, fragment: str) -> str:
    """`fragment` inserted right before the first `</head>`; unchanged when there is none."""
    if not fragment:
        return html
    match = _HEAD_END.search(html)
    if match is None:
        return html
    return html[: match.start()] + fragment + "\n" + html[match.start() :]
