"""What `mkdocs serve` keeps from one build for the next, one set per language.

mkdocs-static-i18n builds every language in turn with the same plugin instance. Kept for the
site as a whole, each language's build would find the last build's posts in another language
and drop them: nothing would be reused, and `--dirty` could not know which of a language's
pages changed since that language was last built. So each language keeps its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .dirty import DirtyRebuilds
from .memo import Memo
from .post_sources import SourceReader
from .search_cache import SearchCarry
from .structure.post import Post, RenderedBody
from .structure.related import KeptRelated


@dataclass
class ServeState:
    """One language's (or the site's) results of the previous build."""

    parsed_posts: Memo[Post] = field(default_factory=Memo)
    rendered_bodies: Memo[RenderedBody] = field(default_factory=Memo)
    post_sources: SourceReader = field(default_factory=SourceReader)
    related: KeptRelated = field(default_factory=KeptRelated)
    feeds: dict[str, tuple[int, str]] = field(default_factory=dict)
    dirty: DirtyRebuilds | None = None
    """`mkdocs serve --dirty` only: the pages to write again."""
    search_carry: SearchCarry = field(default_factory=SearchCarry)
    """`mkdocs serve --dirty` only: the search entries of the pages not rebuilt."""


class ServeStates:
    """A ServeState per language code ("" without mkdocs-static-i18n)."""

    def __init__(self, *, serve: bool = False, dirty: bool = False) -> None:
        self.serve, self.dirty = serve, serve and dirty
        self._by_language: dict[str, ServeState] = {}

    def for_language(self, code: str) -> ServeState:
        state = self._by_language.get(code)
        if state is None:
            state = self._by_language[code] = ServeState(
                dirty=DirtyRebuilds() if self.dirty else None
            )
            state.parsed_posts.active = state.rendered_bodies.active = self.serve
            state.post_sources.active = self.serve
        return state

    def forget_dirty_builds(self) -> None:
        """After a failed build: the next one of every language starts from nothing."""
        for state in self._by_language.values():
            if state.dirty is not None:
                state.dirty.clear()
            state.search_carry.clear()
