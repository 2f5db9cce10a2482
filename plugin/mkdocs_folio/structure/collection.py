"""All posts of a build: ordering, tags, archive years, neighbours and related posts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import datetime

from .errors import PostError
from .paths import dest_problem
from .post import Post
from .related import KeptRelated, RelatedIndex
from .routing import locate, post_path
from .slugs import slugify
from .tags import MergedSpelling, Tag, TagRegistry


def is_unpublished(
    post: Post, now: datetime, *, future_is_draft: bool, written_false_publishes: bool = False
) -> bool:
    """Drafts, and posts dated in the future when that makes them drafts. With
    `written_false_publishes` (Material's rule), `draft: false` publishes a future post."""
    if post.draft:
        return True
    if written_false_publishes and post.meta.get("draft") is False:
        return False
    return future_is_draft and post.date > now


def _order(post: Post) -> tuple[bool, float, str]:
    # Pinned first, then newest first; the title breaks ties so the order is deterministic.
    return (not post.pin, -post.date.timestamp(), post.title.casefold())


def by_year(posts: Iterable[Post]) -> list[tuple[int, list[Post]]]:
    """Posts grouped by year, newest year first, each group newest first (pins ignored)."""
    groups: dict[int, list[Post]] = defaultdict(list)
    for post in sorted(posts, key=lambda p: -p.date.timestamp()):
        groups[post.year].append(post)
    return sorted(groups.items(), reverse=True)


class PostCollection:
    """The posts of one build, indexed by source path, tag and year."""

    def __init__(
        self,
        posts: Iterable[Post],
        *,
        url_format: str = "posts/{slug}/",
        use_directory_urls: bool = True,
        tags_display: Mapping[str, str] | None = None,
        slug_style: Callable[[str], str] = slugify,
        path_of: Callable[[Post], str] | None = None,
        kept_related: KeptRelated | None = None,
    ) -> None:
        """`path_of` gives a post's path instead of `url_format` (Material's URL formats);
        `kept_related` carries related posts over `mkdocs serve` rebuilds."""
        self.posts: list[Post] = sorted(posts, key=_order)
        self.by_src_uri: dict[str, Post] = {post.src_uri: post for post in self.posts}
        self._assign_locations(
            path_of or (lambda post: post_path(post, url_format)), use_directory_urls
        )

        # Neighbours follow time, not pinning: "older" means written before.
        self.chronological: list[Post] = sorted(
            self.posts, key=lambda p: (p.date.timestamp(), p.title.casefold())
        )
        self._position = {post: i for i, post in enumerate(self.chronological)}

        # Interning oldest first makes a tag's display name the spelling it was introduced with.
        registry = TagRegistry(tags_display, slug_style)
        self.post_tags: dict[Post, list[Tag]] = {}
        for post in self.chronological:
            tags: list[Tag] = []
            for name in post.tags:
                tag = registry.intern(name, post.src_uri)
                if tag not in tags:
                    tags.append(tag)
            self.post_tags[post] = tags
        for post in self.posts:
            for tag in self.post_tags[post]:
                tag.posts.append(post)
        self.tags: list[Tag] = sorted(registry, key=lambda tag: tag.name.casefold())
        self.merged_tags: list[MergedSpelling] = registry.merged
        self._related: RelatedIndex[Post, Tag] | None = None
        self._kept_related = kept_related
        self._related_names: dict[tuple[str, int], list[str]] | None = None

    def _assign_locations(self, path_of: Callable[[Post], str], use_directory_urls: bool) -> None:
        owners: dict[str, Post] = {}
        for post in self.posts:
            location = locate(path_of(post), use_directory_urls)
            post.url, post.dest_uri = location.url, location.dest_uri
            problem = dest_problem(location.dest_uri)
            if problem:
                raise PostError(
                    post.src_uri,
                    "post_url_format",
                    f"gives the file '{location.dest_uri}', which {problem};"
                    " set a shorter 'slug' or change 'post_url_format'",
                )
            other = owners.setdefault(location.dest_uri, post)
            if other is not post:
                raise PostError(
                    post.src_uri,
                    "slug",
                    f"gives the URL '{post.url}', which {other.src_uri} already uses;"
                    " set a different 'slug' in one of them",
                )

    def __len__(self) -> int:
        return len(self.posts)

    def __iter__(self) -> Iterator[Post]:
        return iter(self.posts)

    def tags_of(self, post: Post) -> list[Tag]:
        return self.post_tags.get(post, [])

    def years(self) -> list[tuple[int, list[Post]]]:
        """Posts grouped by year, newest year first, each group newest first."""
        return by_year(self.posts)

    def older(self, post: Post) -> Post | None:
        index = self._position[post]
        return self.chronological[index - 1] if index > 0 else None

    def newer(self, post: Post) -> Post | None:
        index = self._position[post]
        return self.chronological[index + 1] if index + 1 < len(self.chronological) else None

    def related(self, post: Post, limit: int = 3) -> list[Post]:
        """Posts sharing the most tags with this one, newest first among equals."""
        names = self._kept_related_names()
        kept = names.get((post.src_uri, limit)) if names is not None else None
        if kept is not None:
            return [self.by_src_uri[name] for name in kept]
        if self._related is None:
            self._related = RelatedIndex(self.chronological[::-1], self.post_tags)
        found = self._related.related(post, limit)
        if names is not None:
            names[(post.src_uri, limit)] = [other.src_uri for other in found]
        return found

    def _kept_related_names(self) -> dict[tuple[str, int], list[str]] | None:
        if self._kept_related is None:
            return None
        if self._related_names is None:
            # Related posts follow from each post's tags and its place in time, only.
            inputs = tuple(
                (post.src_uri, tuple(tag.slug for tag in self.post_tags[post]))
                for post in self.chronological
            )
            self._related_names = self._kept_related.lists(inputs)
        return self._related_names
