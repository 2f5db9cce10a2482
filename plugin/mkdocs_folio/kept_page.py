"""A post's page as MkDocs and the plugins left it after converting its Markdown.

Under `mkdocs serve --dirty`, a post MkDocs skipped may still have to be written again: its
footer shows a neighbour's new title, say. Its own source did not change, so the page it had
is put back instead of converting the Markdown a second time, the same trust MkDocs puts in
every page it skips. The page is then rendered with the theme, with the plugins' template
events (search indexes it there), like any page MkDocs rebuilds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents


@dataclass(frozen=True)
class KeptPage:
    markdown: str | None
    meta: dict[str, Any]
    content: str
    toc: TableOfContents
    title: str | None
    anchor_ids: frozenset[str] | None
    """The page's anchors, which links from other pages are checked against."""

    @classmethod
    def of(cls, page: Page) -> KeptPage | None:
        """The page once every plugin's on_page_content ran; None if it was not converted."""
        if page.content is None:
            return None
        anchors = page.present_anchor_ids
        return cls(
            markdown=page.markdown,
            meta=dict(page.meta),
            content=page.content,
            toc=page.toc,
            title=page.title,
            anchor_ids=frozenset(anchors) if anchors is not None else None,
        )

    def put_back(self, page: Page) -> None:
        # Links from this page to others are not checked again: they are the same links, and
        # MkDocs checks none on the pages it skips either.
        page.markdown = self.markdown
        page.meta = dict(self.meta)  # a plugin may change it while rendering the page
        page.content = self.content
        page.toc = self.toc
        page.title = self.title
        page.present_anchor_ids = set(self.anchor_ids) if self.anchor_ids is not None else None
