"""Blog data in Material's search index: posts keep their entries whole and gain their excerpt,
date and tags; tag pages are found by name and count.

Material's client inserts titles, texts and tags as HTML, and its own parser stores
titles and texts escaped; folio's additions, and the tags, are escaped the same way.
"""

from __future__ import annotations

from html import escape
from typing import Any, Protocol

from .structure.post import Post

Entry = dict[str, Any]


class _HasPlugins(Protocol):
    plugins: Any


def search_entries(config: _HasPlugins) -> list[Entry] | None:
    """The live entry list of the search plugin (Material's or MkDocs'), under any name."""
    for name, plugin in config.plugins.items():
        if name.split("/")[-1] != "search":
            continue
        index = getattr(plugin, "search_index", None)
        entries = getattr(index, "entries", None)
        if entries is None:  # MkDocs' own search plugin, used by its default theme
            entries = getattr(index, "_entries", None)
        if isinstance(entries, list):
            return entries
    return None


def _page_entries(entries: list[Entry], location: str) -> tuple[int, int]:
    """Slice bounds of the entries the search plugin just added for the page at `location`."""
    end = len(entries)
    start = end
    while start > 0:
        entry_location = str(entries[start - 1].get("location", ""))
        if entry_location != location and not entry_location.startswith(location + "#"):
            break
        start -= 1
    return start, end


def upsert_document(
    entries: list[Entry],
    *,
    location: str,
    title: str,
    text: str | None = None,
    excerpt: str | None = None,
    tags: list[str] | None = None,
    date: str | None = None,
    keep_title: bool = False,
) -> Entry:
    """Make the page-level entry carry folio's title, tags and date, and the `excerpt` as extra
    data; `text` replaces the entry's text (a generated page's own summary). A post's text as
    the search plugin indexed it stays whole, so every word of its intro is still found;
    `keep_title` keeps the title it indexed too (the page's `# heading`, which can say more
    than a short front matter `title`)."""
    start, end = _page_entries(entries, location)
    document = next((e for e in entries[start:end] if e.get("location") == location), None)
    if document is None:
        document = {"location": location, "text": ""}
        boost = next((e["boost"] for e in entries[start:end] if "boost" in e), None)
        if boost is not None:
            document["boost"] = boost
        entries.insert(start, document)
        if text is None and excerpt is not None:
            text = excerpt  # no entry of the page's own: the excerpt is all there is
    if not (keep_title and document.get("title")):
        document["title"] = escape(title, quote=False)
    if text is not None:
        document["text"] = escape(text, quote=False)
    if excerpt is not None:
        document["excerpt"] = escape(excerpt, quote=False)
    if tags is not None:
        # Material highlights tags into HTML too, and copied them raw from the front matter.
        escaped_tags = [escape(tag, quote=False) for tag in tags]
        for entry in entries[start:]:  # the page's entries are the newest ones
            entry["tags"] = escaped_tags
    if date is not None:
        document["date"] = date
    return document


def index_post(
    entries: list[Entry], location: str, post: Post, *, heading: str | None, tags: list[str]
) -> None:
    """A post's entry gains its excerpt, tags and date; `heading` is the text of the `<h1>`
    its HTML opens with, if any."""
    upsert_document(
        entries,
        location=location,
        title=post.title,
        # Material's search titles a page by its `# heading` when it has one (parsed, so
        # escaped), else by the raw front matter title: keep only the former.
        keep_title=heading is not None,
        excerpt=post.body.excerpt_text if post.body else "",
        tags=tags,
        date=post.date.date().isoformat(),
    )
