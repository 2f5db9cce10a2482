"""Material's `links` front matter: each entry resolved to a label, URL and section heading."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .structure.post import Post, PostLink
from .titles import plain_title

log = get_plugin_logger(__name__)


@dataclass(frozen=True)
class ResolvedLink:
    title: str
    url: str
    in_site: bool
    """`url` is relative to the site root (a page of the site), not a URL to keep as written."""
    subtitle: str | None = None
    """The heading the link's `#anchor` points at, as Material shows it under the title."""
    section: str | None = None


def anchor_title(page: Page, anchor: str) -> str | None:
    """The title of the heading with id `anchor` in the page's table of contents."""
    pending: list[Any] = list(page.toc.items) if page.toc else []
    while pending:
        item = pending.pop(0)
        if getattr(item, "id", None) == anchor:
            return plain_title(str(item.title))
        pending.extend(getattr(item, "children", []))
    return None


def resolve_link(
    link: PostLink, file: File, posts: Mapping[str, Post], anchor: str
) -> ResolvedLink:
    """A link to a page of the site, labelled like Material's: the written title, else the
    page's title as rendered; an anchor adds the heading it points at."""
    linked = posts.get(file.src_uri)
    page = file.page
    if link.title:
        label = link.title
    elif linked is not None:
        label = linked.title
    elif page is not None and page.title:
        label = plain_title(str(page.title))
    else:
        label = PurePosixPath(file.src_uri).stem.replace("-", " ")
    subtitle = anchor_title(page, anchor) if anchor and page is not None else None
    url = file.url.removeprefix("./") + (f"#{anchor}" if anchor else "")
    return ResolvedLink(label, url, True, subtitle, link.section)


def resolve_post_links(
    post: Post, files: Files, posts: Mapping[str, Post], *, serving: bool
) -> list[ResolvedLink]:
    """Material's `links` for the post footer, once every page has its rendered title. A
    link to a page of this build that is a draft or excluded is left out, with a warning."""
    resolved = []
    for link in post.links:
        target = link.target
        path, _, anchor = target.partition("#")
        file = files.get_file_from_path(path) if path.endswith(".md") else None
        if file is None:
            if path.endswith(".md"):
                log.warning(
                    f"{post.src_uri}: 'links' names '{target}', which is not a page under"
                    " docs_dir; expected a path like posts/other.md"
                )
            resolved.append(ResolvedLink(link.title or target, target, False, None, link.section))
            continue
        if file.inclusion.is_excluded() and not (
            serving and file.inclusion is InclusionLevel.DRAFT
        ):
            log.warning(
                f"{post.src_uri}: 'links' names '{target}', which is a draft or excluded"
                " from this build; the link is left out until that page is published"
            )
            continue
        resolved.append(resolve_link(link, file, posts, anchor))
    return resolved
