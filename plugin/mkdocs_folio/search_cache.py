"""The site search under `mkdocs serve --dirty`: every page stays in the index.

A dirty build renders only the pages it rebuilds, so the search plugin sees only those.
MkDocs' own `search` then writes an index of just these pages; Material keeps its previous
index but, when several pages are rebuilt, it drops every entry under the first rebuilt
page's URL, which for the home page ("") is all of them. So folio keeps each page's entries
from the build that last indexed it and, before the search plugin writes its index, puts
back those of the pages not rebuilt, in the order a full build indexes them. Entries of
pages that are gone are dropped with the page.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

Entry = dict[str, Any]


@dataclass
class SearchCarry:
    """Each page's search entries (by source path) from the last build that indexed it."""

    pages: dict[str, list[Entry]] = field(default_factory=dict)
    fresh: dict[str, list[Entry]] = field(default_factory=dict)
    """Entries of the pages indexed in the current build."""
    mark: int = 0
    """How many entries of the current index are already attributed to a page."""

    def start(self) -> None:
        self.fresh = {}
        self.mark = 0

    def record(self, src_uri: str, entries: list[Entry]) -> None:
        """Attribute the entries added since the last call to the page at `src_uri`."""
        self.mark = min(self.mark, len(entries))
        self.fresh[src_uri] = entries[self.mark :]
        self.mark = len(entries)

    def merge(self, order: Iterable[str]) -> list[Entry]:
        """The whole index: this build's entries, and the previous ones of pages not rebuilt.

        `order` is every page of the site in build order; pages not in it are dropped.
        """
        self.pages = merged_pages(self.pages, self.fresh, order)
        self.fresh = {}
        self.mark = 0
        return [entry for entries in self.pages.values() for entry in entries]

    def clear(self) -> None:
        self.pages = {}
        self.start()


def merged_pages(
    previous: Mapping[str, list[Entry]], fresh: Mapping[str, list[Entry]], order: Iterable[str]
) -> dict[str, list[Entry]]:
    pages: dict[str, list[Entry]] = {}
    for src_uri in order:
        entries = fresh.get(src_uri)
        if entries is None:
            entries = previous.get(src_uri)
        if entries:
            pages[src_uri] = entries
    return pages


def forget_search_plugins_memory(plugins: Mapping[str, Any]) -> None:
    """Material's search merges in its previous index on its own, wrongly: folio does it."""
    for name, plugin in plugins.items():
        if name.split("/")[-1] == "search" and hasattr(plugin, "search_index_prev"):
            plugin.search_index_prev = None
