"""What folio sets on a post's page before MkDocs renders it: title, tags, template, meta."""

from __future__ import annotations

import html
from collections.abc import Iterable

from mkdocs.structure.pages import Page

from .structure.post import Post
from .structure.tags import Tag


def prepare_post_page(
    page: Page, post: Post, tags: Iterable[Tag], *, toc: bool, material_templates: bool
) -> None:
    """`tags` are the post's tags as the site shows them; `toc` is `post_toc`;
    `material_templates` renders the post with Material's blog-post.html."""
    if not (post.title_from_heading or post.title_is_fallback):
        # Material prints page titles as raw HTML; a front matter title is text.
        page.title = html.escape(post.title)
    # Merged display names, so search results show one spelling per tag.
    page.meta["tags"] = [tag.name for tag in tags]
    if not toc:
        hide(page, "toc")
    if material_templates:
        # As Material's blog does: its post template, whose sidebar replaces the nav.
        page.meta.setdefault("template", "blog-post.html")
        hide(page, "navigation")


def hide(page: Page, part: str) -> None:
    """Material's `hide` front matter gains `part` (toc, navigation), once."""
    hidden = page.meta.get("hide")
    hidden = list(hidden) if isinstance(hidden, list) else []
    page.meta["hide"] = [*hidden, part] if part not in hidden else hidden
