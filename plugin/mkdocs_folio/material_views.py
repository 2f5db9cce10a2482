"""What Material's blog templates read of folio's posts and listings.

`material_templates` defines the objects; this module fills them from one build's data: a
post's `page.config`, `page.authors` and `page.categories`, and a listing's `posts` and
`pagination`.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, overload

from mkdocs.structure.pages import Page

from .authors import Author
from .links import ResolvedLink
from .material_compat import MaterialBlog, categories_of
from .material_templates import (
    AuthorView,
    CategoryView,
    ExcerptView,
    PostSettings,
    author_views,
    pager,
    post_settings,
)
from .render import Renderer
from .structure.pages import Listing
from .structure.post import Post


class LazyExcerpts(Sequence[ExcerptView]):
    """A listing's `posts` for the page context, made on first use: folio's own templates
    never read them, Material's blog templates (and a user's) do."""

    def __init__(self, posts: Sequence[Post], make: Callable[[Post], ExcerptView]) -> None:
        self._posts = posts
        self._make = make
        self._views: list[ExcerptView] | None = None

    def _all(self) -> list[ExcerptView]:
        if self._views is None:
            self._views = [self._make(post) for post in self._posts]
        return self._views

    def __len__(self) -> int:
        return len(self._posts)

    @overload
    def __getitem__(self, index: int) -> ExcerptView: ...

    @overload
    def __getitem__(self, index: slice) -> list[ExcerptView]: ...

    def __getitem__(self, index: int | slice) -> ExcerptView | list[ExcerptView]:
        return self._all()[index]

    def __iter__(self) -> Iterator[ExcerptView]:
        return iter(self._all())


@dataclass(frozen=True)
class MaterialViews:
    blog: MaterialBlog | None
    """Material's blog options when folio reads them; None for folio's own options."""
    view_urls: Mapping[str, str]
    """First listing pages' URLs by source path: category and author pages."""
    post_authors: Mapping[Post, list[Author]]
    post_links: Mapping[Post, list[ResolvedLink]]
    post_headings: Mapping[Post, str | None]
    """Each post's own rendered `# heading`, which heads its listing entry."""
    reading_time: bool

    def categories(self, post: Post) -> list[str]:
        return categories_of(post) if self.blog is not None else []

    def category_views(self, post: Post) -> list[CategoryView]:
        blog = self.blog
        if blog is None or blog.categories is None:
            return []
        return [
            CategoryView(name, url)
            for name in dict.fromkeys(self.categories(post))
            for url in [self.view_urls.get(blog.category_src_uri(name))]
            if url is not None
        ]

    def author_views(self, post: Post) -> list[AuthorView]:
        profiles: dict[str, str] = {}
        blog = self.blog
        if blog is not None and blog.authors_profiles is not None:
            for author in self.post_authors.get(post, []):
                src_uri = blog.author_src_uri(author.id, author.name, author.slug)
                if src_uri in self.view_urls:
                    profiles[author.id] = self.view_urls[src_uri]
        return author_views(self.post_authors.get(post, []), profiles)

    def readtime(self, post: Post) -> int | None:
        if not self.reading_time:
            return post.reading_minutes
        return post.body.reading_minutes if post.body else post.reading_minutes

    def post_settings(self, post: Post) -> PostSettings:
        links = [(link.title, link.url, link.subtitle) for link in self.post_links.get(post, [])]
        return post_settings(post, self.categories(post), self.readtime(post), links)

    def describe(self, page: Page, post: Post) -> None:
        """`page.config`, `page.authors` and `page.categories`, as blog-post.html reads them."""
        page.config = self.post_settings(post)  # type: ignore[attr-defined]
        page.authors = self.author_views(post)  # type: ignore[attr-defined]
        page.categories = self.category_views(post)  # type: ignore[attr-defined]

    def excerpt_view(self, post: Post, page_url: str, renderer: Renderer) -> ExcerptView:
        blog = self.blog
        max_authors = blog.excerpt_max_authors if blog else None
        max_categories = blog.excerpt_max_categories if blog else None
        excerpt = renderer.excerpt(post)
        title = html.escape(self.post_headings.get(post) or post.title)
        anchor = html.escape(post.slug.replace("/", "-"), quote=True)
        heading = f'<h2 id="{anchor}"><a class="toclink" href="{renderer.href(post.url)}">'
        body = str(excerpt) if excerpt is not None else ""
        if excerpt is None and post.body is not None:
            body = f"<p>{html.escape(post.body.excerpt_text)}</p>"
        return ExcerptView(
            title=post.title,
            url=post.url,
            config=self.post_settings(post),
            authors=self.author_views(post)[:max_authors],
            categories=self.category_views(post)[:max_categories],
            content=renderer.rebase(f"{heading}{title}</a></h2>\n{body}", page_url),
            more=post.body is not None and not post.body.is_whole_post,
            meta=post.meta,
        )

    def listing_context(
        self, listing: Listing, page_url: str, renderer: Renderer
    ) -> dict[str, Any]:
        """`posts` (excerpts, made when the template reads them) and `pagination`, as
        Material's blog.html reads them."""
        return {
            "posts": LazyExcerpts(
                listing.posts, lambda post: self.excerpt_view(post, page_url, renderer)
            ),
            "pagination": self.pager(listing),
        }

    def pager(self, listing: Listing) -> Callable[[Mapping[str, Any]], str] | None:
        series = listing.series or [listing]
        blog = self.blog
        if blog is not None and not blog.paginates(listing.kind.value):
            return None  # as Material: no pager at all where pagination is off
        return pager(
            [page.url for page in series],
            listing.number,
            max(1, len(series[0].posts)),
            sum(len(page.posts) for page in series),
            pagination_format=blog.pagination_format if blog else "~2~",
            if_single_page=blog.pagination_if_single_page if blog else False,
        )
