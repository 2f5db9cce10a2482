"""Tags: one tag per case-insensitive spelling, with a display name and a stable slug."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import describe
from .slugs import slugify, stable_fallback_slug

if TYPE_CHECKING:
    from .post import Post

_SPACES = re.compile(r"\s+")


class TagValueError(ValueError):
    """The tags field is malformed; the message says what was expected."""


def tag_key(name: str) -> str:
    """The identity of a tag: 'Rust', 'rust' and ' RUST ' are one tag, and so are a composed
    'é' and an 'e' followed by a combining accent (Unicode NFC)."""
    return unicodedata.normalize("NFC", _SPACES.sub(" ", name).strip().casefold())


def tag_slug(key: str, style: Callable[[str], str] = slugify) -> str:
    return style(key) or stable_fallback_slug("tag", key)


def parse_tags(value: object) -> list[str]:
    """Front matter `tags` as a list of cleaned names (a list, or a comma-separated string)."""
    if value is None:
        return []
    if isinstance(value, str):
        raw: list[object] = [part for part in value.split(",") if part.strip()]
        if not raw:
            raise TagValueError(
                "must be a list of tags like [rust, linux] or 'rust, linux', got an empty string"
            )
    elif isinstance(value, list | tuple):
        raw = list(value)
    else:
        raise TagValueError(
            f"must be a list of tags like [rust, linux] or 'rust, linux', got {describe(value)}"
        )
    names: list[str] = []
    for item in raw:
        if isinstance(item, bool) or not isinstance(item, str | int | float):
            raise TagValueError(
                f"must contain only text tags like [rust, linux], got {describe(item)} in the list"
            )
        name = unicodedata.normalize("NFC", _SPACES.sub(" ", str(item).replace("\x00", "")).strip())
        if not any(_is_meaningful(ch) for ch in name):
            raise TagValueError(
                f"must contain tags with letters or digits, got {describe(item)} in the list"
            )
        names.append(name)
    return names


def _is_meaningful(ch: str) -> bool:
    """Letters, digits and pictographs (emoji) make a tag; punctuation alone does not."""
    category = unicodedata.category(ch)
    return category[0] in "LN" or category == "So"


@dataclass(eq=False)
class Tag:
    """A tag of the blog, with the posts that carry it (newest first once sorted)."""

    key: str
    name: str
    slug: str
    url: str = ""
    posts: list[Post] = field(default_factory=list)


@dataclass(frozen=True)
class MergedSpelling:
    """A spelling that became part of an existing tag because both give the same slug."""

    tag: Tag
    spelling: str
    src_uri: str
    """The post that used the spelling first."""

    @property
    def warning(self) -> str:
        """What the build tells the user: the post, the two spellings, and the fixes."""
        return (
            f"{self.src_uri}: 'tags' has '{self.spelling}', which gives the same slug"
            f" as '{self.tag.name}' ('{self.tag.slug}'): their posts are listed together"
            f" as '{self.tag.name}'; use one spelling, or set 'tags_display' to choose the"
            " name shown"
        )


class TagRegistry:
    """Merges spellings into tags; the display name is the first spelling seen or the override.

    Spellings that differ but give the same slug ('café' and 'cafe', 'node.js' and 'node-js')
    would share one page and one feed path: they become one tag, listed in `merged`.
    """

    def __init__(
        self,
        display_overrides: Mapping[str, str] | None = None,
        slug_style: Callable[[str], str] = slugify,
    ) -> None:
        self._display = {tag_key(k): v for k, v in (display_overrides or {}).items()}
        self._slug_style = slug_style
        self._tags: dict[str, Tag] = {}
        self._by_slug: dict[str, Tag] = {}
        self.merged: list[MergedSpelling] = []

    def intern(self, name: str, src_uri: str = "") -> Tag:
        key = tag_key(name)
        tag = self._tags.get(key)
        if tag is None:
            slug = tag_slug(key, self._slug_style)
            tag = self._by_slug.get(slug)
            if tag is None:
                tag = Tag(key=key, name=self._display.get(key, name), slug=slug)
                self._by_slug[slug] = tag
            else:
                if key in self._display and tag.key not in self._display:
                    tag.name = self._display[key]  # `tags_display` of either spelling names it
                self.merged.append(MergedSpelling(tag, name, src_uri))
            self._tags[key] = tag
        return tag

    def __iter__(self) -> Iterator[Tag]:
        return iter(self._by_slug.values())

    def __len__(self) -> int:
        return len(self._by_slug)

    def get(self, name: str) -> Tag | None:
        return self._tags.get(tag_key(name))
