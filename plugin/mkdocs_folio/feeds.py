"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents, from plain data.

The XML is built by feedgen (on lxml), which escapes every value; the JSON Feed by json.dumps.
Nothing here reads the clock: every date comes from the posts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from feedgen.feed import FeedGenerator

from .authors import Author

RSS, ATOM, JSON = "rss", "atom", "json"
FEED_FILES = {RSS: "feed.xml", ATOM: "atom.xml", JSON: "feed.json"}
"""File name of each feed format, in the site root (and in tag folders for RSS and Atom)."""
TAG_FEED_FORMATS = (RSS, ATOM)
MEDIA_TYPES = {
    RSS: "application/rss+xml",
    ATOM: "application/atom+xml",
    JSON: "application/feed+json",
}
FORMAT_NAMES = {RSS: "RSS", ATOM: "Atom", JSON: "JSON Feed"}
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
GENERATOR = "mkdocs-folio"

# An empty feed still needs an `updated` date; a fixed one keeps rebuilds byte-identical.
EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=UTC)

_URL_ATTRIBUTE = re.compile(
    r"""(?P<attr>\b(?:href|src|poster))=(?P<quote>["'])(?P<url>.*?)(?P=quote)""", re.IGNORECASE
)
_SRCSET = re.compile(r"""\bsrcset=(?P<quote>["'])(?P<value>.*?)(?P=quote)""", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_LEADING_H1 = re.compile(r"^\s*<h1\b[^>]*>.*?</h1>\s*", re.DOTALL | re.IGNORECASE)
# Characters XML 1.0 cannot carry at all; lxml refuses them, so they are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class FeedItem:
    """One post as feeds see it: absolute URLs, aware dates, plain-text summary."""

    id: str
    url: str
    title: str
    published: datetime
    summary: str
    updated: datetime | None = None
    tags: Sequence[str] = ()
    authors: Sequence[Author] = ()
    content_html: str | None = None


@dataclass(frozen=True)
class FeedInfo:
    """The feed itself: title, the page it mirrors and its own absolute URL."""

    title: str
    home_url: str
    feed_url: str
    description: str
    language: str | None = None
    authors: Sequence[Author] = field(default_factory=tuple)


# URLs ------------------------------------------------------------------------------------


def absolute_url(site_url: str, url: str) -> str:
    """A site URL ('posts/a/', './', '') made absolute against `site_url`."""
    base = site_url if site_url.endswith("/") else site_url + "/"
    return urljoin(base, url.removeprefix("./"))


def feed_folder(page_url: str) -> str:
    """The folder a page's own feeds live in: 'tags/rust/' for 'tags/rust/' or 'tags/rust.html'."""
    url = page_url.removeprefix("./")
    if not url or url.endswith("/"):
        return url
    if url.endswith(".html"):
        url = url[: -len(".html")]
        if url == "index" or url.endswith("/index"):
            return url[: -len("index")]
    return url + "/"


def absolutize_html(html: str, base_url: str) -> str:
    """Relative href, src, poster and srcset URLs resolved against the page's absolute URL."""

    def resolve(url: str) -> str:
        if not url or _SCHEME.match(url):
            return url
        return urljoin(base_url, url)

    def attribute(match: re.Match[str]) -> str:
        return f"{match['attr']}={match['quote']}{resolve(match['url'])}{match['quote']}"

    def srcset(match: re.Match[str]) -> str:
        candidates = []
        for candidate in match["value"].split(","):
            parts = candidate.strip().split(None, 1)
            if parts:
                parts[0] = resolve(parts[0])
            candidates.append(" ".join(parts))
        return f"srcset={match['quote']}{', '.join(candidates)}{match['quote']}"

    return _SRCSET.sub(srcset, _URL_ATTRIBUTE.sub(attribute, html))


def feed_html(html: str, base_url: str) -> str:
    """A post's rendered HTML ready for a feed: no title heading or ¶ links, absolute URLs."""
    html = _LEADING_H1.sub("", html, count=1)
    return absolutize_html(_PERMALINK.sub("", html), base_url).strip()


# Selection -------------------------------------------------------------------------------


def newest(items: Iterable[FeedItem], limit: int) -> list[FeedItem]:
    """Newest first by publication date (id breaks ties); `limit` 0 keeps them all."""
    ordered = sorted(items, key=lambda item: (-item.published.timestamp(), item.id))
    return ordered if limit <= 0 else ordered[:limit]


def last_updated(items: Iterable[FeedItem]) -> datetime:
    moments = [item.updated or item.published for item in items]
    return max(moments, key=lambda moment: moment.timestamp()) if moments else EMPTY_FEED_UPDATED


# Rendering -------------------------------------------------------------------------------


def _x(text: str) -> str:
    return _NOT_XML.sub("", text)


def _generator(info: FeedInfo, items: Sequence[FeedItem], *, feed_format: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(info.home_url)
    fg.title(_x(info.title))
    fg.description(_x(info.description) or _x(info.title))
    fg.subtitle(_x(info.description) or _x(info.title))
    # RSS's channel <link> is the last link given: the page, not the feed.
    fg.link(href=info.feed_url, rel="self", type=MEDIA_TYPES[feed_format])
    fg.link(href=info.home_url, rel="alternate", type="text/html")
    if info.language:
        fg.language(info.language)
    for author in info.authors:
        fg.author({"name": _x(author.name), **({"uri": author.url} if author.url else {})})
    fg.generator(GENERATOR)
    fg.updated(last_updated(items))
    for item in items:
        entry = fg.add_entry(order="append")
        entry.guid(item.id, permalink=item.id == item.url)
        entry.title(_x(item.title))
        entry.link(href=item.url, rel="alternate", type="text/html")
        entry.published(item.published)
        entry.updated(item.updated or item.published)
        if item.summary:
            entry.summary(_x(item.summary))
        if item.content_html:
            entry.content(_x(item.content_html), type="html")
        for tag in item.tags:
            entry.category(term=_x(tag))
        for author in item.authors:
            entry.author({"name": _x(author.name), **({"uri": author.url} if author.url else {})})
            entry.dc.dc_creator(_x(author.name))
    return fg


def render_rss(info: FeedInfo, items: Sequence[FeedItem]) -> str:
    document: bytes = _generator(info, items, feed_format=RSS).rss_str(pretty=True)
    return document.decode("utf-8")


def render_atom(info: FeedInfo, items: Sequence[FeedItem]) -> str:
    document: bytes = _generator(info, items, feed_format=ATOM).atom_str(pretty=True)
    return document.decode("utf-8")


def _json_author(author: Author) -> dict[str, str]:
    data = {"name": author.name}
    if author.url:
        data["url"] = author.url
    if author.avatar:
        data["avatar"] = author.avatar
    return data


def _json_item(item: FeedItem) -> dict[str, Any]:
    data: dict[str, Any] = {"id": item.id, "url": item.url, "title": item.title}
    # JSON Feed 1.1 requires content_html or content_text in every item.
    if item.content_html:
        data["content_html"] = item.content_html
    else:
        data["content_text"] = item.summary
    if item.summary:
        data["summary"] = item.summary
    data["date_published"] = item.published.isoformat()
    if item.updated is not None:
        data["date_modified"] = item.updated.isoformat()
    if item.tags:
        data["tags"] = list(item.tags)
    if item.authors:
        data["authors"] = [_json_author(author) for author in item.authors]
    return data


def render_json(info: FeedInfo, items: Sequence[FeedItem]) -> str:
    feed: dict[str, Any] = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "home_page_url": info.home_url,
        "feed_url": info.feed_url,
    }
    if info.description:
        feed["description"] = info.description
    if info.language:
        feed["language"] = info.language
    if info.authors:
        feed["authors"] = [_json_author(author) for author in info.authors]
    feed["items"] = [_json_item(item) for item in items]
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


RENDERERS: dict[str, Callable[[FeedInfo, Sequence[FeedItem]], str]] = {
    RSS: render_rss,
    ATOM: render_atom,
    JSON: render_json,
}
