"""The pages folio generates: listing pages, tag pages and the archive, as plain data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum

from .collection import PostCollection
from .post import Post
from .routing import paginated_src_uri
from .tags import Tag


class Kind(Enum):
    HOME = "home"
    TAGS = "tags"
    TAG = "tag"
    ARCHIVE = "archive"
    YEAR = "year"
    CATEGORY = "category"
    AUTHOR = "author"


@dataclass(eq=False)
class Listing:
    """One page of posts folio fills in; `series` holds every page of its pagination."""

    kind: Kind
    src_uri: str
    posts: list[Post]
    number: int = 1
    series: list[Listing] = field(default_factory=list)
    tag: Tag | None = None
    year: int | None = None
    in_nav: bool = False
    url: str = ""
    name: str | None = None
    """The category's or author's name, for their pages' titles."""
    excerpts: bool = False
    """A year page as an excerpt listing (Material's archive) instead of a list of titles."""

    @property
    def previous(self) -> Listing | None:
        return self.series[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> Listing | None:
        return self.series[self.number] if self.number < len(self.series) else None


def _paginate(
    kind: Kind,
    first_src_uri: str,
    posts: list[Post],
    per_page: int | None,
    tag: Tag | None = None,
    url_format: str | None = None,
) -> list[Listing]:
    size = per_page or max(1, len(posts))
    chunks = [posts[i : i + size] for i in range(0, len(posts), size)] or [[]]
    series: list[Listing] = []
    for number, chunk in enumerate(chunks, start=1):
        src_uri = (
            first_src_uri if number == 1 else paginated_src_uri(first_src_uri, number, url_format)
        )
        series.append(Listing(kind, src_uri, chunk, number, series, tag=tag))
    return series


@dataclass(frozen=True)
class PostGroup:
    """Posts that get their own paginated listing: a category's or an author's (Material)."""

    kind: Kind
    name: str
    src_uri: str
    posts: list[Post]
    per_page: int | None
    """None puts every post of the group on one page."""
    tag: Tag | None = None


@dataclass(frozen=True)
class ArchivePeriod:
    """One archive view of Material's: the posts whose date gives the same URL under
    `archive_url_date_format` (a year, a month, ...), newest first."""

    year: int
    """The year of its newest post."""
    title: str
    src_uri: str
    posts: list[Post]


@dataclass(frozen=True)
class PagePlan:
    listing_page: str
    per_page: int
    tag_per_page: int | None
    """Posts per tag page; None puts each tag on one page."""
    tags_dir: str | None
    archive_dir: str | None
    pagination_url_format: str | None = None
    """Material's `pagination_url_format` ('page/{page}'); None: folio's `page/N.md`."""
    archive_periods: tuple[ArchivePeriod, ...] | None = None
    """Material's archive views, each with its own pages; None: a page per year at
    `<archive_dir>/<year>.md`."""
    year_per_page: int | None = 0
    """0: a year page lists titles (folio); None or N: excerpts on one page or N per page."""
    archive_index: bool = True
    """The archive's own index page listing every year (folio's; Material has none)."""
    groups: tuple[PostGroup, ...] = ()


def plan_pages(collection: PostCollection, plan: PagePlan) -> list[Listing]:
    """Every listing page of the build, first pages before their later pages."""
    url_format = plan.pagination_url_format
    home = _paginate(
        Kind.HOME, plan.listing_page, collection.posts, plan.per_page, None, url_format
    )
    home[0].in_nav = True
    pages = list(home)  # a copy: `home` is the series its pages link through
    if plan.tags_dir is not None:
        pages.append(Listing(Kind.TAGS, f"{plan.tags_dir}/index.md", [], in_nav=True))
        for tag in collection.tags:
            src_uri = f"{plan.tags_dir}/{tag.slug}.md"
            if plan.tag_per_page is None:
                pages.append(Listing(Kind.TAG, src_uri, tag.posts, tag=tag))
            else:
                pages += _paginate(Kind.TAG, src_uri, tag.posts, plan.tag_per_page, tag=tag)
    if plan.archive_dir is not None:
        if plan.archive_index:
            pages.append(
                Listing(Kind.ARCHIVE, f"{plan.archive_dir}/index.md", collection.posts, in_nav=True)
            )
        if plan.archive_periods is None:
            for year, posts in collection.years():
                src_uri = f"{plan.archive_dir}/{year}.md"
                if plan.year_per_page == 0:
                    pages.append(Listing(Kind.YEAR, src_uri, posts, year=year))
                    continue
                in_order = [post for post in collection.posts if post.year == year]
                pages += _archive_pages(
                    ArchivePeriod(year, str(year), src_uri, in_order), plan, named=False
                )
        else:
            for period in plan.archive_periods:
                pages += _archive_pages(period, plan, named=True)
    for group in plan.groups:
        for listing in _paginate(
            group.kind, group.src_uri, group.posts, group.per_page, group.tag, url_format
        ):
            listing.name = group.name
            pages.append(listing)
    return pages


def _archive_pages(period: ArchivePeriod, plan: PagePlan, *, named: bool) -> list[Listing]:
    """A period's posts as excerpt listings, `year_per_page` a page (Material's archive)."""
    per_page = plan.year_per_page or None
    listings = _paginate(
        Kind.YEAR, period.src_uri, period.posts, per_page, None, plan.pagination_url_format
    )
    for listing in listings:
        listing.year, listing.excerpts = period.year, True
        if named:
            listing.name = period.title
    return listings


def year_urls(listings: Iterable[Listing]) -> dict[int, str]:
    """Each year's archive page, for links to it: the first page of the period that holds
    the year's newest post (Material's archive may have a page per month)."""
    newest: dict[int, tuple[datetime, str]] = {}
    for listing in listings:
        if listing.kind is not Kind.YEAR or listing.year is None or listing.number != 1:
            continue
        pages = listing.series or [listing]
        dates = [post.date for page in pages for post in page.posts]
        if not dates:
            continue
        candidate = (max(dates), listing.url)
        if listing.year not in newest or candidate[0] > newest[listing.year][0]:
            newest[listing.year] = candidate
    return {year: url for year, (_, url) in newest.items()}


def blog_folder(listing_page: str, posts_dir: str) -> str:
    """The folder the blog lives in: the listing page's, else posts_dir's, else 'blog'."""
    parent = listing_page.rpartition("/")[0]
    return parent or posts_dir or "blog"


def folder_beside_user_page(folder: str, *, blog: str, taken: bool) -> str:
    """Where a default folder (tags, archive) goes when a page of the user's is at it.

    In a docs site with Material's tags plugin, `tags.md` is Material's tags index: folio's
    own index then moves under the blog's folder (`posts/tags/`) instead of replacing it.
    """
    if not taken or folder.startswith(f"{blog}/"):
        return folder
    return f"{blog}/{folder}"


@dataclass(frozen=True)
class PagerItem:
    """One place in a numbered pager: a page number, or a gap (`number` None)."""

    number: int | None
    current: bool = False


def pager_items(current: int, count: int, radius: int = 2) -> list[PagerItem]:
    """The numbered pager of page `current` of `count`, like Material's `~2~`: the first and
    last pages, `radius` pages either side of the current one, and a gap where pages are left
    out (a gap of one page shows that page instead)."""
    if count <= 1:
        return []
    shown = {1, count, *range(max(1, current - radius), min(count, current + radius) + 1)}
    items: list[PagerItem] = []
    previous = 0
    for number in sorted(shown):
        if number - previous == 2:
            items.append(PagerItem(previous + 1))
        elif number - previous > 2:
            items.append(PagerItem(None))
        items.append(PagerItem(number, number == current))
        previous = number
    return items
