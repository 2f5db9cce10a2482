"""The context Material's blog templates expect, built from folio's posts.

`blog.html`, `blog-post.html`, `partials/post.html`, `partials/pagination.html` and templates
that extend them read `page.config.date.created | date`, `page.authors`, `page.categories`,
`posts` and `pagination`. These are plain objects with those attribute names, so the
templates render the same with folio as with Material's plugin.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Link
from mkdocs.utils import get_relative_url
from paginate import Page as Pagination  # type: ignore[import-untyped]  # Material uses it

from .authors import Author
from .material_compat import MaterialBlog, format_ldml
from .structure.post import Post


@dataclass(frozen=True)
class PostDates:
    created: datetime
    updated: datetime | None = None


@dataclass(frozen=True)
class PostSettings:
    """`page.config` of a Material post."""

    date: PostDates
    authors: list[str]
    categories: list[str]
    draft: bool
    pin: bool
    readtime: int | None
    slug: str | None
    links: list[Link] = field(default_factory=list)


@dataclass(frozen=True)
class AuthorView:
    name: str
    avatar: str
    description: str
    url: str | None


@dataclass(frozen=True)
class CategoryView:
    title: str
    url: str


@dataclass(frozen=True)
class ExcerptView:
    """One entry of `posts` on a listing page, as `partials/post.html` reads it."""

    title: str
    url: str
    config: PostSettings
    authors: list[AuthorView]
    categories: list[CategoryView]
    content: str
    more: bool
    meta: Mapping[str, Any]


def post_settings(
    post: Post,
    categories: list[str],
    readtime: int | None,
    links: Sequence[tuple[str, str, str | None]],
) -> PostSettings:
    """`links` are (title, URL from the site root or absolute, heading of its anchor)."""
    linked = []
    for title, url, subtitle in links:
        link = Link(title, url)
        # Material's nav items carry meta; its references show the anchor's heading.
        link.meta = {"subtitle": subtitle} if subtitle else {}  # type: ignore[attr-defined]
        linked.append(link)
    return PostSettings(
        date=PostDates(post.date, post.updated),
        authors=list(post.authors),
        categories=categories,
        draft=post.draft,
        pin=post.pin,
        readtime=readtime,
        slug=post.meta.get("slug") if isinstance(post.meta.get("slug"), str) else None,
        links=linked,
    )


def author_views(authors: Sequence[Author], profile_urls: Mapping[str, str]) -> list[AuthorView]:
    """Authors as Material shows them; without a `url`, the author's page (if any)."""
    return [
        AuthorView(
            name=author.name,
            avatar=author.avatar or "",
            description=author.description or "",
            url=author.url or profile_urls.get(author.id),
        )
        for author in authors
    ]


def date_filter(pattern: str, locale: str) -> Callable[[datetime], str]:
    """Material's `date` template filter: a post date in `post_date_format`."""

    def format_post_date(moment: datetime) -> str:
        return format_ldml(moment, pattern, locale) if isinstance(moment, datetime) else ""

    return format_post_date


def pager(
    urls: Sequence[str],
    number: int,
    per_page: int,
    item_count: int,
    *,
    pagination_format: str,
    if_single_page: bool,
) -> Callable[[Mapping[str, Any]], str] | None:
    """Material's `pagination` context: called by `partials/pagination.html` with the link
    attributes and symbols, it returns the numbered pager of page `number` of `urls`."""
    if not urls:
        return None
    here = urls[number - 1]
    pages = Pagination(
        range(item_count),
        page=number,
        items_per_page=per_page,
        url_maker=lambda target: get_relative_url(urls[int(target) - 1], here),
    )

    def render(arguments: Mapping[str, Any]) -> str:
        return str(
            pages.pager(
                format=pagination_format, show_if_single_page=if_single_page, **dict(arguments)
            )
        )

    return render


def add_date_filter(env: Environment, config: MkDocsConfig, blog: MaterialBlog | None) -> None:
    """Material's blog templates format dates with a `date` filter, in `post_date_format`;
    Material's blog plugin, if also present, registers its own."""
    date_format = blog.post_date_format if blog is not None else "long"
    # Themes other than Material may have no `language`.
    locale = str(config.theme.get("language") or "en")
    env.filters.setdefault("date", date_filter(date_format, locale))
