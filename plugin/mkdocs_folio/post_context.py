"""What a build knows about its posts besides the posts themselves."""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass, field

from .authors import Author
from .links import ResolvedLink
from .series import Series
from .structure.images import Image
from .structure.post import Post


@dataclass(frozen=True, eq=False)
class PostContext:
    """The per-post data that the pages of posts and listings show, made once per build.

    The renderer writes these pages from it and `mkdocs serve --dirty` signs them with it,
    so both see the same inputs. `links` are resolved in on_env: until then they are empty.
    """

    drafts: Set[Post] = frozenset()
    related_count: int = 0
    """How many related posts a post's footer shows."""
    authors: Mapping[Post, list[Author]] = field(default_factory=dict)
    series: Mapping[Post, Series] = field(default_factory=dict)
    links: Mapping[Post, list[ResolvedLink]] = field(default_factory=dict)
    images: Mapping[Post, Image] = field(default_factory=dict)
