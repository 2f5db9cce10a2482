"""The pages folio generates: listing pages, tag pages and the archive, as plain data."""

from __future__ import annotations

from dataclasses import dataclass, field
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

    @property
    def previous(self) -> Listing | None:
        return self.series[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> Listing | None:
        return self.series[self.number] if self.number < len(self.series) else None


def _paginate(
    kind: Kind, first_src_uri: str, posts: list[Post], per_page: int, tag: Tag | None = None
) -> list[Listing]:
    chunks = [posts[i : i + per_page] for i in range(0, len(posts), per_page)] or [[]]
    series: list[Listing] = []
    for number, chunk in enumerate(chunks, start=1):
        src_uri = first_src_uri if number == 1 else paginated_src_uri(first_src_uri, number)
        series.append(Listing(kind, src_uri, chunk, number, series, tag=tag))
    return series


@dataclass(frozen=True)
class PagePlan:
    listing_page: str
    per_page: int
    tag_per_page: int | None
    """Posts per tag page; None puts each tag on one page."""
    tags_dir: str | None
    archive_dir: str | None


def plan_pages(collection: PostCollection, plan: PagePlan) -> list[Listing]:
    """Every listing page of the build, first pages before their later pages."""
    home = _paginate(Kind.HOME, plan.listing_page, collection.posts, plan.per_page)
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
        pages.append(
            Listing(Kind.ARCHIVE, f"{plan.archive_dir}/index.md", collection.posts, in_nav=True)
        )
        for year, posts in collection.years():
            pages.append(Listing(Kind.YEAR, f"{plan.archive_dir}/{year}.md", posts, year=year))
    return pages
