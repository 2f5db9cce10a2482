"""Which files are posts, their sources read, checked and published or not.

Each problem is one line naming the file and the field, so the plugin can report every bad
post of a build at once instead of stopping at the first.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .i18n import language_free_path
from .memo import Memo
from .meta_files import MetaFile, meta_files_for
from .structure.collection import is_unpublished
from .structure.errors import PostError
from .structure.post import Post, parse_post

log = get_plugin_logger(__name__)


class UnreadableSource(Exception):
    """A post's file cannot be read as text; the message names the file and the fix."""


def post_files(files: Files, *, posts_dir: str, listing_page: str) -> list[File]:
    """The pages under `posts_dir` (all pages when it is empty), but the listing page."""
    prefix = f"{posts_dir}/" if posts_dir else ""
    return [
        file
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        for path in [language_free_path(file)]
        if path.startswith(prefix) and path != listing_page
    ]


def read_source(file: File) -> str:
    try:
        return file.content_string
    except UnicodeDecodeError as error:
        bad_byte = error.object[error.start]
        raise UnreadableSource(
            f"{file.src_uri}: 'file' is not valid UTF-8 (byte {bad_byte:#04x} at offset"
            f" {error.start}); save it with UTF-8 encoding"
        ) from None
    except OSError as error:
        problem = (
            "is a symbolic link to a file that does not exist"
            if Path(file.abs_src_path or "").is_symlink()
            else f"cannot be read ({error.strerror or error})"
        )
        raise UnreadableSource(f"{file.src_uri}: 'file' {problem}; fix or remove it") from None


# Coarse file systems stamp times to the second or two: a file changed within that time of
# its reading may change again with the same stamp, so it is not trusted yet (as Git does).
_STAMP_GRANULARITY_NS = 2_000_000_000


class SourceReader:
    """Post sources under `mkdocs serve`, read again only when their file changed.

    A rebuild after one edit would otherwise read every post again. A file is known
    unchanged by its path, size, inode and change times; an entry not read in a build is
    dropped with it. Off (reading every time) for one-off builds.
    """

    def __init__(self) -> None:
        self.active = False
        self._previous: dict[str, tuple[tuple[object, ...], str]] = {}
        self._current: dict[str, tuple[tuple[object, ...], str]] = {}

    def next_build(self) -> None:
        self._previous, self._current = self._current, {}

    def read(self, file: File) -> str:
        # A file another plugin gave content in memory has no file to check.
        if not self.active or file.generated_by is not None or file._content is not None:
            return read_source(file)
        path = file.abs_src_path or ""
        try:
            # os.stat: a Path per post costs three times the check itself, every rebuild.
            stat = os.stat(path)  # noqa: PTH116
        except OSError:
            return read_source(file)  # which says what is wrong with it
        key = (path, stat.st_size, stat.st_ino, stat.st_mtime_ns, stat.st_ctime_ns)
        entry = self._previous.get(file.src_uri)
        if entry is None or entry[0] != key:
            settled = time.time_ns() - max(stat.st_mtime_ns, stat.st_ctime_ns)
            text = read_source(file)
            entry = (key if settled > _STAMP_GRANULARITY_NS else (), text)
        self._current[file.src_uri] = entry
        return entry[1]


def missing_excerpt_separator(post: Post, source: str, separator: str) -> str | None:
    """With `excerpt_required`, a published post must mark where its excerpt ends."""
    if post.draft or separator in source:
        return None
    return (
        f"{post.src_uri}: 'excerpt' needs the separator {separator!r}"
        " (excerpt_required: true); add it after the post's introduction"
    )


def updated_before_date(post: Post) -> str | None:
    if post.updated is None or post.updated >= post.date:
        return None
    return (
        f"{post.src_uri}: 'updated' ({post.updated.date()}) is earlier than"
        f" 'date' ({post.date.date()}); expected the same day or later"
    )


def post_inclusion(
    post: Post,
    now: datetime,
    *,
    build_drafts: bool,
    future_is_draft: bool,
    written_false_publishes: bool,
    show_drafts: bool,
) -> InclusionLevel:
    """Published posts are built outside the nav; unpublished ones are left out, or built
    as drafts (badged, outside the nav) when `show_drafts` (serve with draft_on_serve)."""
    unpublished = not build_drafts and is_unpublished(
        post,
        now,
        future_is_draft=future_is_draft,
        written_false_publishes=written_false_publishes,
    )
    if not unpublished:
        return InclusionLevel.NOT_IN_NAV
    return InclusionLevel.DRAFT if show_drafts else InclusionLevel.EXCLUDED


def read_posts(
    files: Iterable[File],
    *,
    read: Callable[[File], str],
    parse: Callable[[File, str], Post],
    required_separator: str | None,
) -> tuple[list[Post], dict[str, str]]:
    """The posts of `files` and their sources by source path. `required_separator` is the
    excerpt separator every published post must have (`excerpt_required`), or None.

    Raises PluginError naming every bad post at once, one line each.
    """
    posts: list[Post] = []
    sources: dict[str, str] = {}
    errors: list[str] = []
    for file in files:
        try:
            source = read(file)
        except UnreadableSource as error:
            errors.append(str(error))
            continue
        if not source.strip():
            # A post being started (e.g. `touch`ed under serve) is not an error yet.
            log.warning(f"{file.src_uri}: 'file' is empty; it is left out until it has a post")
            file.inclusion = InclusionLevel.EXCLUDED
            continue
        try:
            post = parse(file, source)
        except PostError as error:
            errors.append(str(error))
            continue
        if required_separator is not None:
            problem = missing_excerpt_separator(post, source, required_separator)
            if problem is not None:
                errors.append(problem)
                continue
        warning = updated_before_date(post)
        if warning is not None:
            log.warning(warning)
        posts.append(post)
        sources[file.src_uri] = source
    if errors:
        raise PluginError("\n".join(errors))
    return posts, sources


def publish_posts(
    posts: Iterable[Post],
    files: Files,
    now: datetime,
    *,
    build_drafts: bool,
    future_is_draft: bool,
    written_false_publishes: bool,
    show_drafts: bool,
) -> tuple[list[Post], set[Post]]:
    """Keep posts out of the nav, drafts out of `mkdocs build`, and badge them in serve:
    sets each post's file inclusion (see `post_inclusion`). Returns the posts the build
    shows and the drafts among them."""
    shown: list[Post] = []
    drafts: set[Post] = set()
    by_src_uri = files.src_uris
    for post in posts:
        file = by_src_uri[post.src_uri]
        file.inclusion = post_inclusion(
            post,
            now,
            build_drafts=build_drafts,
            future_is_draft=future_is_draft,
            written_false_publishes=written_false_publishes,
            show_drafts=show_drafts,
        )
        if file.inclusion is InclusionLevel.DRAFT:
            drafts.add(post)
        if file.inclusion is not InclusionLevel.EXCLUDED:
            shown.append(post)
    return shown, drafts


@dataclass(frozen=True)
class ParseOptions:
    """folio's options for reading a post's source (see `parse_post`)."""

    posts_dir: str
    zone: tzinfo
    slug_style: Callable[[str], str]
    slug_key: Hashable
    """What names `slug_style` among a memo's inputs."""
    categories_as_tags: bool
    file_as_written: bool


def parse_fresh(
    src_uri: str,
    source: str,
    path: str,
    options: ParseOptions,
    meta_files: Sequence[MetaFile],
    memo: Memo[Post],
) -> Post:
    """The post of `source` (at the language-free `path`), with the front matter defaults of
    the `meta_files` that apply to it; `memo` keeps it while `mkdocs serve` rebuilds with the
    same inputs. Raises PostError naming the file and the field."""
    applying = meta_files_for(src_uri, meta_files)
    inputs = (
        source,
        path,
        options.posts_dir,
        options.zone,
        options.slug_key,
        options.categories_as_tags,
        *(meta.text for meta in applying),
    )
    post = memo.cached(
        src_uri,
        inputs,
        lambda: parse_post(
            src_uri,
            source,
            posts_dir=options.posts_dir,
            zone=options.zone,
            slug_style=options.slug_style,
            categories_as_tags=options.categories_as_tags,
            path=path,
            defaults=[(meta.src_uri, meta.data) for meta in applying],
            file_as_written=options.file_as_written,
        ),
    )
    # A fresh copy per build: the build fills in its URL and body. Copied field by field
    # like copy.copy, which takes five times as long over its generic protocol.
    fresh = Post.__new__(Post)
    fresh.__dict__.update(post.__dict__)
    fresh.url, fresh.dest_uri, fresh.body = "", "", None
    return fresh
