"""HTML fragments for listings, tag pages, the archive and post pages.

Fragments are rendered once per build with links relative to the site root, behind a
per-build token; each page then swaps the token for its own path to the root. A post's
listing entry is therefore rendered once, however many listing pages show it.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from posixpath import dirname, normpath
from typing import Any

import jinja2
from markupsafe import Markup

from .placement import root_class
from .post_context import PostContext
from .structure.collection import PostCollection, by_year
from .structure.dates import format_date
from .structure.destinations import fillable_marker
from .structure.pages import Kind, Listing, pager_items
from .structure.post import Post
from .titles import after_first_h1

_LINK_ATTRIBUTE = re.compile(r"""(?P<attr>\b(?:href|src))=(?P<quote>["'])(?P<url>.*?)(?P=quote)""")
_ABSOLUTE_URL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/|//)")
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_HEADING_ID = re.compile(r'(<h[1-6][^>]*?)\sid="[^"]*"')
_HEADING_LEVEL = re.compile(r"<(/?)h([1-5])\b")


LISTING_MARKER = "<!-- folio:posts -->"
"""Where the blog's home page shows its listing; other listings have markers of their own."""

ENTRY_TAG_LIMIT = 10
"""Tag chips on a listing entry; more show as "+N" linking to the post. A post's N tag pages
each show its entry, so every chip on it would make tag pages grow with N squared."""


class _KeepUnknown(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def with_listing(content: str, listing: str, marker: str | None) -> str:
    """The listing at the page's marker, if it has one; else after its content."""
    if marker and marker in content:
        return content.replace(marker, listing, 1)
    return content + listing


def fill(template: str, **values: Any) -> str:
    """str.format that leaves unknown {fields} alone, so a user's string never crashes a build."""
    return template.format_map(_KeepUnknown(values))


def relative_root(page_url: str) -> str:
    """The path from a page back to the site root: '' for the root, '../../' for 'a/b/'."""
    folder = page_url[: page_url.rfind("/") + 1]
    return "../" * folder.count("/")


@dataclass(frozen=True)
class TagLink:
    label: str
    url: str
    count: int


def fragment_environment(
    loader: jinja2.BaseLoader, kept: dict[Hashable, jinja2.Environment] | None = None
) -> jinja2.Environment:
    """The environment folio renders its fragments in.

    One per build does not stat the template files on every render. `kept` carries it over
    `mkdocs serve` rebuilds, for the same template folders, so that the templates are not
    compiled again for every rebuild; it then checks whether a template file changed.
    """
    folders = getattr(loader, "searchpath", None)
    key = (type(loader), tuple(folders)) if isinstance(folders, list) else None
    if kept is not None and key is not None:
        env = kept.get(key)
        if env is None:
            kept.clear()  # another theme or custom_dir: the old templates are of no use
            env = kept[key] = _environment(loader, auto_reload=True)
        return env
    return _environment(loader, auto_reload=False)


def _environment(loader: jinja2.BaseLoader, *, auto_reload: bool) -> jinja2.Environment:
    return jinja2.Environment(
        loader=loader,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=auto_reload,
    )


# Objects rather than dicts for what templates read many times a page: Jinja looks an
# attribute up on the object first, and a dict answers that with an exception each time.
# Not frozen: a frozen dataclass sets each field through object.__setattr__.
@dataclass(slots=True)
class ArchiveItem:
    """A post as the archive, year and tag pages, related posts and older/newer links list it."""

    title: str
    url: str
    draft: bool
    date: str
    iso: str


@dataclass(slots=True)
class YearGroup:
    year: int
    url: str | None
    count: str
    posts: list[ArchiveItem]


class TemplateStrings(dict[str, str]):
    """folio's strings as templates read them (`strings.related`): an attribute, found
    without the AttributeError Jinja would catch on a plain dict for each use."""

    def __getattr__(self, name: str) -> str:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class Renderer:
    """Renders folio's fragments with the theme's template loader (so `custom_dir` overrides)."""

    def __init__(
        self,
        loader: jinja2.BaseLoader,
        collection: PostCollection,
        *,
        strings: Mapping[str, str],
        date_format: str,
        context: PostContext,
        tag_excerpts: bool = False,
        environments: dict[Hashable, jinja2.Environment] | None = None,
    ) -> None:
        self.env = fragment_environment(loader, environments)
        self.collection = collection
        self.strings = TemplateStrings(strings)
        self.date_format = date_format
        self.context = context
        self.tag_excerpts = tag_excerpts
        self.token = f"__folio_{secrets.token_hex(8)}__/"
        self._entries: dict[Post, str] = {}
        self._templates: dict[str, jinja2.Template] = {}
        self._archive_items: dict[Post, ArchiveItem] = {}
        self._dates: dict[Post, dict[str, str]] = {}
        self._tag_link_lists: dict[Post, list[TagLink]] = {}
        self._post_parts: dict[tuple[Post, bool], tuple[str, str]] = {}
        self._listings: dict[Listing, str] = {}
        self.year_urls: dict[int, str] = {}

    # Links -----------------------------------------------------------------------------

    def href(self, url: str) -> str:
        # MkDocs spells the root page's URL "./"; the token already ends in a slash.
        return self.token + url.removeprefix("./")

    def site_href(self, url: str | None) -> str | None:
        """A URL from the user's data: absolute ones as they are, others from the site root."""
        if not url or _ABSOLUTE_URL.match(url):
            return url
        return self.href(url)

    def rebase(self, html: str, page_url: str) -> str:
        return html.replace(self.token, relative_root(page_url))

    def excerpt(self, post: Post) -> Markup | None:
        """The post's excerpt HTML with links from the site root (behind the token)."""
        return self._excerpt_markup(post)

    def _excerpt_markup(self, post: Post) -> Markup | None:
        html = post.body.excerpt_html if post.body else None
        if html is None:
            return None
        html = _HEADING_ID.sub(r"\1", _PERMALINK.sub("", html))
        # The entry's title is a heading of the listing: the post's sections go one level
        # under it, as in Material's excerpts.
        html = _HEADING_LEVEL.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}", html)
        folder = dirname(post.url)

        def resolve(match: re.Match[str]) -> str:
            url = match["url"]
            if url.startswith("#"):
                url = self.href(post.url) + url
            elif url and not _ABSOLUTE_URL.match(url):
                resolved = normpath(f"{folder}/{url}" if folder else url)
                url = self.href(resolved + ("/" if url.endswith("/") else ""))
            return f"{match['attr']}={match['quote']}{url}{match['quote']}"

        return Markup(_LINK_ATTRIBUTE.sub(resolve, html))

    # Pieces ----------------------------------------------------------------------------

    def _date(self, post: Post) -> dict[str, str]:
        dates = self._dates.get(post)
        if dates is None:
            dates = {
                "date": format_date(post.date, self.date_format),
                "iso": post.date.isoformat(),
            }
            self._dates[post] = dates
        return dates

    def _tag_links(self, post: Post) -> list[TagLink]:
        links = self._tag_link_lists.get(post)
        if links is None:
            links = [
                TagLink(tag.name, self.href(tag.url), len(tag.posts))
                for tag in self.collection.tags_of(post)
            ]
            self._tag_link_lists[post] = links
        return links

    def _authors(self, post: Post) -> list[dict[str, str | None]]:
        return [
            {
                "name": author.name,
                "url": self.site_href(author.url),
                "avatar": self.site_href(author.avatar),
            }
            for author in self.context.authors.get(post, [])
        ]

    def _cover(self, post: Post) -> dict[str, Any] | None:
        image = self.context.images.get(post)
        if image is None:
            return None
        return {
            "src": self.site_href(image.url),
            "alt": image.alt,
            "width": image.width,
            "height": image.height,
        }

    def _reading(self, post: Post) -> str:
        """The reading time as shown, or '' when it is not shown."""
        minutes = post.body.reading_minutes if post.body else post.reading_minutes
        if minutes is None:
            return ""
        return fill(self.strings["reading_time"], minutes=minutes)

    def count_label(self, count: int) -> str:
        key = "post_count_one" if count == 1 else "post_count"
        return fill(self.strings[key], count=count)

    def _render(self, name: str, **context: Any) -> str:
        template = self._templates.get(name)
        if template is None:
            # Looked up once per build: a template edited under `mkdocs serve` is seen by
            # the next build, which asks again.
            template = self._templates[name] = self.env.get_template(f"folio/partials/{name}")
        return template.render(strings=self.strings, **context)

    def entry(self, post: Post) -> str:
        html = self._entries.get(post)
        if html is None:
            tags = self._tag_links(post)
            html = self._render(
                "entry.html",
                post=post,
                url=self.href(post.url),
                draft=post in self.context.drafts,
                reading=self._reading(post),
                excerpt_html=self._excerpt_markup(post),
                excerpt_text=post.body.excerpt_text if post.body else (post.description or ""),
                more=_goes_on(post),
                tags=tags[:ENTRY_TAG_LIMIT],
                more_tags=max(0, len(tags) - ENTRY_TAG_LIMIT),
                cover=self._cover(post),
                authors=self._authors(post),
                **self._date(post),
            )
            self._entries[post] = html
        return html

    # Pages -----------------------------------------------------------------------------

    def listing(self, listing: Listing) -> str:
        """The body folio adds to a listing page, with root-relative links behind the token."""
        if listing.kind is Kind.TAGS:
            tags = [
                TagLink(tag.name, self.href(tag.url), len(tag.posts))
                for tag in self.collection.tags
            ]
            return self._render("tag-index.html", tags=tags, count=self.count_label)
        if listing.kind is Kind.YEAR:
            return self._archive([(listing.year or 0, listing.posts)], show_years=False)
        if listing.kind is Kind.ARCHIVE:
            return self._archive(self.collection.years(), show_years=True)
        if lists_titles_only(listing, tag_excerpts=self.tag_excerpts):  # a tag's page
            return self._archive(by_year(listing.posts), show_years=True, link_years=False)
        entries = Markup("".join(self.entry(post) for post in listing.posts))
        previous, following = listing.previous, listing.next
        return self._render(
            "listing.html",
            entries=entries,
            empty=not listing.posts,
            page=listing.number,
            pages=len(listing.series),
            page_of=fill(self.strings["page_of"], page=listing.number, pages=len(listing.series)),
            page_links=[
                {
                    "number": item.number,
                    "current": item.current,
                    "url": self.href(listing.series[item.number - 1].url) if item.number else None,
                }
                for item in pager_items(listing.number, len(listing.series))
            ],
            newer_url=self.href(previous.url) if previous else None,
            older_url=self.href(following.url) if following else None,
        )

    def render_listings(self, listings: Iterable[Listing]) -> None:
        """Render these listings ahead of their pages, in one pass (see render_post_parts)."""
        for listing in listings:
            self._listings[listing] = self.listing(listing)

    def listing_page(self, content: str, listing: Listing, page_url: str) -> tuple[str, str | None]:
        """A page's HTML with its listing at the page's marker, or after its content; and
        the class of the listing's root element, to check that the theme printed it."""
        rendered = self._listings.pop(listing, None)
        body = self.rebase(rendered if rendered is not None else self.listing(listing), page_url)
        marker = LISTING_MARKER if listing.kind is Kind.HOME else fillable_marker(listing)
        return with_listing(content, body, marker), root_class(body)

    def _archive(
        self, groups: list[tuple[int, list[Post]]], *, show_years: bool, link_years: bool = True
    ) -> str:
        return self._render(
            "archive.html",
            groups=[self._year_group(year, posts, link_years) for year, posts in groups],
            show_years=show_years,
        )

    def _year_group(self, year: int, posts: list[Post], link: bool) -> YearGroup:
        page_url = self.year_urls.get(year) if link else None
        return YearGroup(
            year=year,
            url=self.href(page_url) if page_url is not None else None,
            count=self.count_label(len(posts)),
            posts=[self._archive_item(post) for post in posts],
        )

    def _archive_item(self, post: Post) -> ArchiveItem:
        item = self._archive_items.get(post)
        if item is None:
            dates = self._date(post)
            item = self._archive_items[post] = ArchiveItem(
                title=post.title,
                url=self.href(post.url),
                draft=post in self.context.drafts,
                date=dates["date"],
                iso=dates["iso"],
            )
        return item

    def post_header(self, post: Post) -> str:
        updated = (
            fill(self.strings["updated"], date=format_date(post.updated, self.date_format))
            if post.updated
            else None
        )
        return self._render(
            "post-header.html",
            post=post,
            draft=post in self.context.drafts,
            reading=self._reading(post),
            updated=updated,
            updated_iso=post.updated.isoformat() if post.updated else None,
            tags=self._tag_links(post),
            authors=self._authors(post),
            cover=self._cover(post),
            **self._date(post),
        ) + self.series_box(post)

    def series_box(self, post: Post) -> str:
        """The series a post belongs to, parts oldest first with the post marked; or ''."""
        series = self.context.series.get(post)
        if series is None:
            return ""
        return self._render(
            "series.html",
            title=fill(self.strings["series"], series=series.name),
            part=fill(
                self.strings["series_part"],
                number=series.position(post),
                count=len(series.posts),
            ),
            parts=[
                {
                    "title": part.title,
                    "url": self.href(part.url),
                    "current": part is post,
                    "draft": part in self.context.drafts,
                }
                for part in series.posts
            ],
        )

    def post_page(
        self, content: str, post: Post, page_url: str, *, sidebar: bool
    ) -> tuple[str, str]:
        """A post's HTML with folio's header after its `<h1>`, and its footer; and that footer
        (see `page_footer`). Material's blog-post.html (`sidebar`) shows the date, authors,
        reading time and `links` in its sidebar instead."""
        parts = self._post_parts.pop((post, sidebar), None)
        header, footer = parts if parts is not None else self._header_and_footer(post, sidebar)
        footer = self.rebase(footer, page_url)
        if sidebar:
            return content + footer, footer
        return after_first_h1(content, self.rebase(header, page_url)) + footer, footer

    def page_footer(self, post: Post, page_url: str, *, sidebar: bool) -> str:
        """The footer as `post_page` puts it on the post's page."""
        return self.rebase(self._footer(post, sidebar), page_url)

    def render_post_parts(self, posts: Iterable[Post], *, sidebar: bool) -> None:
        """Render the posts' headers and footers ahead of their pages, in one pass: folio's
        templates and data then stay in the CPU's caches, where rendered page by page,
        between the theme's templates, each render starts cold (two to three times as slow)."""
        for post in posts:
            self._post_parts[post, sidebar] = self._header_and_footer(post, sidebar)

    def _header_and_footer(self, post: Post, sidebar: bool) -> tuple[str, str]:
        return ("" if sidebar else self.post_header(post)), self._footer(post, sidebar)

    def _footer(self, post: Post, sidebar: bool) -> str:
        # Material's blog-post.html shows the `links` in its sidebar.
        return self.post_footer(post, with_links=not sidebar)

    def post_footer(self, post: Post, *, with_links: bool = True) -> str:
        """Older/newer posts, related posts and (unless a sidebar shows them) `links`."""
        newer, older = self.collection.newer(post), self.collection.older(post)
        related = self.collection.related(post, self.context.related_count)
        return self._render(
            "post-footer.html",
            newer=self._archive_item(newer) if newer else None,
            older=self._archive_item(older) if older else None,
            related=[self._archive_item(other) for other in related],
            links=[
                {
                    "title": link.title,
                    "url": self.href(link.url) if link.in_site else link.url,
                    "subtitle": link.subtitle,
                    "section": link.section,
                }
                for link in (self.context.links.get(post, []) if with_links else [])
            ],
        )


def shows_excerpts(listing: Listing) -> bool:
    """Listings of post excerpts (Material's views); the tags index and archive list titles."""
    if listing.kind in (Kind.TAGS, Kind.ARCHIVE):
        return False
    return listing.excerpts if listing.kind is Kind.YEAR else True


def lists_titles_only(listing: Listing, *, tag_excerpts: bool) -> bool:
    """Whether `Renderer.listing` shows the listing's posts as titles and dates only."""
    if listing.kind in (Kind.ARCHIVE, Kind.YEAR):
        return True
    return listing.kind is Kind.TAG and not tag_excerpts


def _goes_on(post: Post) -> bool:
    """Whether the post says more than its listing entry: text after the separator, or more
    words than an automatic excerpt or a description holds."""
    body = post.body
    if body is None:
        return False
    if body.excerpt_html is not None:
        return not body.is_whole_post
    return len(body.excerpt_text.split()) < body.word_count
