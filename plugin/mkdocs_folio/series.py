"""Series: posts that share `series: name` in their front matter, read oldest first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .structure.errors import PostError, describe
from .structure.post import Post

_SPACES = re.compile(r"\s+")


@dataclass(eq=False)
class Series:
    """A named series; `posts` are in reading order, oldest first."""

    name: str
    posts: list[Post] = field(default_factory=list)

    def position(self, post: Post) -> int:
        """1-based part number of `post` in this series."""
        return self.posts.index(post) + 1


def series_name(post: Post) -> str | None:
    """The post's series name, or None; raises PostError when the field is not text."""
    value = post.meta.get("series")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise PostError(
            post.src_uri, "series", f"must be the series name as text, got {describe(value)}"
        )
    name = _SPACES.sub(" ", str(value).replace("\x00", "")).strip()
    return name or None


def build_series(posts: Iterable[Post]) -> dict[Post, Series]:
    """The series of every post that belongs to one.

    Names match case-insensitively; a series is displayed with the spelling of its oldest part.
    Parts are ordered by date, then title, so the order is the same on every build.
    """
    ordered = sorted(posts, key=lambda p: (p.date.timestamp(), p.title.casefold(), p.src_uri))
    by_key: dict[str, Series] = {}
    membership: dict[Post, Series] = {}
    for post in ordered:
        name = series_name(post)
        if name is None:
            continue
        series = by_key.setdefault(name.casefold(), Series(name))
        series.posts.append(post)
        membership[post] = series
    return membership
