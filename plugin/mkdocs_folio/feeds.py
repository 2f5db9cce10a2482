"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 documents, from plain data.

The XML is written by a small serializer that escapes every value as ElementTree does (and
writes the same bytes as ElementTree did); the JSON Feed by json.dumps.
Nothing here reads the clock: every date comes from the posts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any
from urllib.parse import urljoin

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
ATOM_NAMESPACE = "http://www.w3.org/2005/Atom"
RSS_DOCS = "http://www.rssboard.org/rss-specification"
# Prefixed names are written literally ("atom:link"), with their declarations on the root.
_RSS_NAMESPACES = {
    "xmlns:dc": "http://purl.org/dc/elements/1.1/",
    "xmlns:atom": ATOM_NAMESPACE,
    "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
}
_XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>\n"

# An empty feed still needs an `updated` date; a fixed one keeps rebuilds byte-identical.
EMPTY_FEED_UPDATED = datetime(1970, 1, 1, tzinfo=UTC)

_URL_ATTRIBUTE = re.compile(
    r"""(?P<attr>\b(?:href|src|poster))=(?P<quote>["'])(?P<url>.*?)(?P=quote)""", re.IGNORECASE
)
_SRCSET = re.compile(r"""\bsrcset=(?P<quote>["'])(?P<value>.*?)(?P=quote)""", re.IGNORECASE)
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_LEADING_H1 = re.compile(r"^\s*<h1\b[^>]*>.*?</h1>\s*", re.DOTALL | re.IGNORECASE)
# Characters XML 1.0 cannot carry at all (not even escaped); ElementTree would write them as is,
# making the feed unparseable, so they are dropped.
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


@dataclass
class _Element:
    """An XML element to serialize: ElementTree's model, without its namespace handling."""

    tag: str
    attrs: dict[str, str]
    text: str | None = None
    children: list[_Element] = field(default_factory=list)


def _element(parent: _Element, tag: str, text: str | None = None, **attrs: str) -> _Element:
    """A child element; its text and attribute values pass through `_x` (escaped on output)."""
    element = _Element(tag, {name: _x(value) for name, value in attrs.items()})
    if text is not None:
        element.text = _x(text)
    parent.children.append(element)
    return element


def _escape_text(text: str) -> str:
    # A raw CR would be read back as a line feed.
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")
    )


def _escape_attribute(value: str) -> str:
    for character, entity in _ATTRIBUTE_ENTITIES:
        if character in value:
            value = value.replace(character, entity)
    return value


_ATTRIBUTE_ENTITIES = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\r", "&#13;"),
    ("\n", "&#10;"),
    ("\t", "&#9;"),
)


def _write(element: _Element, depth: int, out: list[str]) -> None:
    """`element` as ElementTree writes it after `indent(space="  ")`, at `depth`."""
    out.append("<" + element.tag)
    for name, value in element.attrs.items():
        out.append(f' {name}="{_escape_attribute(value)}"')
    if element.children:
        out.append(">")
        indent = "\n" + "  " * (depth + 1)
        for child in element.children:
            out.append(indent)
            _write(child, depth + 1, out)
        out.append("\n" + "  " * depth + "</" + element.tag + ">")
    elif element.text:
        out.append(">" + _escape_text(element.text) + "</" + element.tag + ">")
    else:
        out.append("/>")


def _serialize(root: _Element) -> str:
    out = [_XML_DECLARATION]
    _write(root, 0, out)
    out.append("\n")
    return "".join(out)


def _atom_authors(parent: _Element, authors: Iterable[Author]) -> None:
    for author in authors:
        name = _x(author.name)
        if not name:  # Atom requires a name
            continue
        block = _element(parent, "author")
        _element(block, "name", name)
        if author.url:
            _element(block, "uri", author.url)


def render_rss(info: FeedInfo, items: Sequence[FeedItem]) -> str:
    root = _Element("rss", {**_RSS_NAMESPACES, "version": "2.0"})
    channel = _element(root, "channel")
    _element(channel, "title", info.title)
    _element(channel, "link", info.home_url)
    _element(channel, "description", _x(info.description) or _x(info.title))
    _element(channel, "atom:link", href=info.feed_url, rel="self", type=MEDIA_TYPES[RSS])
    _element(channel, "docs", RSS_DOCS)
    _element(channel, "generator", GENERATOR)
    if info.language:
        _element(channel, "language", info.language)
    _element(channel, "lastBuildDate", format_datetime(last_updated(items)))
    # Channel authors are left out: RSS's <managingEditor> must be an email address.
    for item in items:
        channel.children.append(_rss_item(item))
    return _serialize(root)


def _rss_item(item: FeedItem) -> _Element:
    entry = _Element("item", {})
    title, summary = _x(item.title), _x(item.summary)
    content = _x(item.content_html) if item.content_html else ""
    if title:
        _element(entry, "title", title)
    _element(entry, "link", item.url)
    # The summary is the description; full content goes in content:encoded, or stands in
    # for the description when there is no summary.
    if summary or content:
        _element(entry, "description", summary or content)
    if summary and content:
        _element(entry, "content:encoded", content)
    permalink = "true" if item.id == item.url else "false"
    _element(entry, "guid", item.id, isPermaLink=permalink)
    for tag in item.tags:
        _element(entry, "category", tag)
    _element(entry, "pubDate", format_datetime(item.published))
    for author in item.authors:
        _element(entry, "dc:creator", author.name)
    return entry


def render_atom(info: FeedInfo, items: Sequence[FeedItem]) -> str:
    attrs = {"xmlns": ATOM_NAMESPACE}
    if info.language:
        attrs["xml:lang"] = _x(info.language)
    root = _Element("feed", attrs)
    _element(root, "id", info.home_url)
    _element(root, "title", info.title)
    _element(root, "updated", last_updated(items).isoformat())
    _atom_authors(root, info.authors)
    _element(root, "link", href=info.feed_url, rel="self", type=MEDIA_TYPES[ATOM])
    _element(root, "link", href=info.home_url, rel="alternate", type="text/html")
    _element(root, "generator", GENERATOR)
    subtitle = _x(info.description) or _x(info.title)
    if subtitle:
        _element(root, "subtitle", subtitle)
    for item in items:
        root.children.append(_atom_entry(item))
    return _serialize(root)


def _atom_entry(item: FeedItem) -> _Element:
    entry = _Element("entry", {})
    _element(entry, "id", item.id)
    _element(entry, "title", item.title)
    _element(entry, "updated", (item.updated or item.published).isoformat())
    _atom_authors(entry, item.authors)
    if item.content_html and _x(item.content_html):
        _element(entry, "content", item.content_html, type="html")
    _element(entry, "link", href=item.url)  # rel defaults to "alternate"
    if _x(item.summary):
        _element(entry, "summary", item.summary)
    for tag in item.tags:
        _element(entry, "category", term=tag)
    _element(entry, "published", item.published.isoformat())
    return entry


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
