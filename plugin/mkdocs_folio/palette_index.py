"""The compact JSON index the command palette loads: posts, tags, pages and links.

Posts are arrays rather than objects and refer to tags by position, which keeps the
index small: it is fetched by every reader who opens the palette.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from .excerpt import cut_on_word
from .structure.collection import PostCollection
from .structure.post import Post

INDEX_PATH = "assets/folio/index.json"
FORMAT_VERSION = 1


def build_palette_index(
    collection: PostCollection,
    *,
    pages: Iterable[tuple[str, str]],
    links: Mapping[str, str],
    drafts: set[Post],
    excerpt_chars: int = 90,
) -> dict[str, Any]:
    tag_position = {tag: i for i, tag in enumerate(collection.tags)}
    posts = []
    for post in collection:
        excerpt = post.body.excerpt_text if post.body else (post.description or "")
        row: list[Any] = [
            post.title,
            post.url,
            post.date.date().isoformat(),
            [tag_position[tag] for tag in collection.tags_of(post)],
            cut_on_word(excerpt.removesuffix("..."), excerpt_chars),
        ]
        if post in drafts:
            row.append(1)
        posts.append(row)
    return {
        "version": FORMAT_VERSION,
        "posts": posts,
        "tags": [[tag.name, tag.url, len(tag.posts)] for tag in collection.tags],
        "pages": [[title, url] for title, url in pages],
        "links": dict(links),
    }


def dumps(index: Mapping[str, Any]) -> str:
    return json.dumps(index, ensure_ascii=False, separators=(",", ":"))
