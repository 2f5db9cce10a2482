"""A blog post: its front matter, validated, and what the rendered HTML tells about it."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from mergedeep import Strategy, merge  # type: ignore[import-untyped]
from mkdocs.utils import get_markdown_title

from .dates import DateValueError, date_from_path, parse_date
from .errors import PostError, describe
from .images import ImageSpec, post_image
from .slugs import slugify, stable_fallback_slug, written_slug
from .tags import TagValueError, parse_tags
from .urls import url_problem

try:
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - the pure-Python loader is a fine fallback
    from yaml import SafeLoader  # type: ignore[assignment]


class _FrontMatterLoader(SafeLoader):
    """YAML without implicit timestamps: `date: 2026-13-45` must reach the date check as text,
    instead of failing inside the YAML parser with no field name."""


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in SafeLoader.yaml_implicit_resolvers.items()
}

# The same delimiters MkDocs accepts, so a post reads the same with or without folio.
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\r?\n(.*?\r?\n)(?:\.{3}|-{3})[ \t]*(?:\r?\n|$)", re.DOTALL)

_OPENING = re.compile(r"^-{3}[ \t]*\r?\n")
_EMPTY_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\r?\n(?:\.{3}|-{3})[ \t]*(?:\r?\n|$)")


_SURROGATE = re.compile("[\ud800-\udfff]")


def read_data_file(path: Path, src_uri: str) -> str:
    """A data file's text (authors, `.meta.yml`): UTF-8, a byte order mark allowed. Raises
    PostError naming `src_uri` when it cannot be read or is not UTF-8."""
    try:
        return path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise PostError(
            src_uri,
            "file",
            f"is not valid UTF-8 (byte {error.object[error.start]:#04x} at offset"
            f" {error.start}); save it with UTF-8 encoding",
        ) from None
    except OSError as error:
        raise PostError(src_uri, "file", f"cannot be read ({error.strerror or error})") from None


def load_yaml(src_uri: str, field: str, text: str, *, first_line: int = 1) -> Any:
    """YAML data of a post's front matter or a data file (like authors.yml), checked alike.

    Raises PostError naming `field` for YAML errors, and naming the key for a lone surrogate
    (`"\\ud800"`), which no page or feed can be written with.
    """
    try:
        data = yaml.load(text, _FrontMatterLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + first_line}" if mark is not None else ""
        problem = getattr(error, "problem", None) or "could not be parsed"
        raise PostError(src_uri, field, f"is not valid YAML{where}: {problem}") from None
    bad = _lone_surrogate(data, ())
    if bad is not None:
        keys, value = bad
        raise PostError(
            src_uri,
            ".".join(keys) or field,
            f"holds a lone surrogate (an invalid character) in {describe(value)}; remove it",
        )
    return data


def _lone_surrogate(data: object, keys: tuple[str, ...]) -> tuple[tuple[str, ...], str] | None:
    """The key path and text of the first string holding a lone surrogate, if any."""
    if isinstance(data, str):
        return (keys, data) if _SURROGATE.search(data) else None
    if isinstance(data, dict):
        for key, value in data.items():
            found = _lone_surrogate(key, keys) or _lone_surrogate(value, (*keys, str(key)))
            if found is not None:
                return found
    elif isinstance(data, list):
        for item in data:
            found = _lone_surrogate(item, keys)
            if found is not None:
                return found
    return None


@dataclass(eq=False)
class RenderedBody:
    """What folio learns from the HTML MkDocs rendered for a post."""

    excerpt_html: str | None
    """The HTML before the excerpt separator, or None when the post has no separator."""
    excerpt_text: str
    """Plain-text excerpt: description, separator excerpt or automatic cut."""
    word_count: int
    reading_minutes: int | None
    """None: the reading time is not shown (`reading_time: false`)."""
    is_whole_post: bool = True
    """No separator: nothing follows the excerpt (no "Continue reading")."""


@dataclass(frozen=True)
class PostLink:
    """One entry of Material's `links` front matter."""

    title: str | None
    """The title written in the front matter; None: the linked page's title."""
    target: str
    """A docs path (`posts/other.md#anchor`) or a URL."""
    section: str | None = None
    """The `{Section: [...]}` group it was listed under, if any."""


@dataclass(eq=False)
class Post:
    """One post. Equality is identity (`eq=False`), so posts are cheap set members and dict keys."""

    src_uri: str
    title: str
    date: datetime
    slug: str
    file_slug: str = ""
    """The file name as a slug, for `{file}` in `post_url_format`: never a raw file name."""
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    """Material's `categories`, as written; tags too only with `categories_as_tags: true`."""
    updated: datetime | None = None
    description: str | None = None
    draft: bool = False
    pin: bool = False
    authors: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    title_is_fallback: bool = False
    title_from_heading: bool = False
    """The title is the post's `# heading`: replaced by the rendered heading's text once MkDocs
    has converted the post, so Markdown and entities in it are shown as text."""
    reading_minutes: int | None = None
    """Material's `readtime`: the reading time the author set, instead of the counted one."""
    links: list[PostLink] = field(default_factory=list)
    """Material's `links`, flattened; targets are docs paths or URLs."""
    image: ImageSpec | None = None
    """The cover from `image` or `cover`, as written; the build resolves it to a file or URL."""
    url: str = ""
    dest_uri: str = ""
    body: RenderedBody | None = None
    path: str = ""
    """The source path without a language suffix or folder (mkdocs-static-i18n); else src_uri."""

    @property
    def year(self) -> int:
        return self.date.year


def split_front_matter(src_uri: str, source: str) -> tuple[dict[str, Any], str]:
    """Front matter as a mapping, and the Markdown after it."""
    match = _FRONT_MATTER.match(source)
    if match is None:
        if _OPENING.match(source) and not _EMPTY_FRONT_MATTER.match(source):
            # Read as Markdown, the YAML would be published as text, `draft: true` included.
            raise PostError(
                src_uri,
                "front matter",
                "opens with '---' but is never closed; end it with a line of three dashes '---'",
            )
        return {}, source
    data = load_yaml(src_uri, "front matter", match.group(1), first_line=2)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise PostError(
            src_uri,
            "front matter",
            f"must be a mapping of fields like 'title: ...', got {type(data).__name__}",
        )
    return data, source[match.end() :]


def _text_field(src_uri: str, meta: dict[str, Any], name: str) -> str | None:
    value = meta.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise PostError(src_uri, name, f"must be text, got {describe(value)}")
    text = str(value).replace("\x00", "").strip()
    return text or None


def _bool_field(src_uri: str, meta: dict[str, Any], name: str) -> bool:
    value = meta.get(name, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise PostError(src_uri, name, f"must be true or false, got {describe(value)}")
    return value


def _dates(
    src_uri: str, posts_relative: str, meta: dict[str, Any], zone: tzinfo
) -> tuple[datetime, datetime | None]:
    raw_date = meta.get("date")
    raw_updated = meta.get("updated")
    # Material's blog plugin nests both dates under `date`; accept it so sites can migrate.
    if isinstance(raw_date, dict):
        nested = raw_date
        raw_date = nested.get("created")
        raw_updated = nested.get("updated", raw_updated)
    try:
        if raw_date is None:
            from_path = date_from_path(posts_relative, zone)
            if from_path is None:
                raise PostError(
                    src_uri,
                    "date",
                    "is required: add 'date: 2026-03-14' to the front matter"
                    " or name the file like 2026-03-14-title.md",
                )
            created = from_path
        else:
            created = parse_date(raw_date, zone)
    except DateValueError as error:
        raise PostError(src_uri, "date", str(error)) from None
    updated = None
    if raw_updated is not None:
        try:
            updated = parse_date(raw_updated, zone)
        except DateValueError as error:
            raise PostError(src_uri, "updated", str(error)) from None
    return created, updated


def _authors(src_uri: str, meta: dict[str, Any]) -> list[str]:
    value = meta.get("authors", meta.get("author"))
    if value is None:
        return []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(
        isinstance(a, str) and a.replace("\x00", "").strip() for a in items
    ):
        raise PostError(
            src_uri, "authors", f"must be a list of author ids like [jane], got {describe(value)}"
        )
    return [a.replace("\x00", "").strip() for a in items]


def _reading_minutes(src_uri: str, meta: dict[str, Any]) -> int | None:
    value = meta.get("readtime")
    if value is None or (value == 0 and not isinstance(value, bool)):
        return None  # 0, as in Material's blog: count it
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise PostError(
            src_uri, "readtime", f"must be a whole number of minutes, got {describe(value)}"
        )
    return value


def _links(src_uri: str, meta: dict[str, Any]) -> list[PostLink]:
    value = meta.get("links")
    if value is None:
        return []
    if not isinstance(value, list):
        raise PostError(src_uri, "links", f"{_LINKS_EXPECTED}, got {describe(value)}")
    links: list[PostLink] = []
    _add_links(src_uri, value, None, links)
    return links


_LINKS_EXPECTED = (
    "must be a list of pages or URLs like [posts/other.md, {Docs: https://...}],"
    " optionally grouped in sections like {Setup: [setup.md]}"
)


def _clean_title(title: str | None) -> str | None:
    return (title or "").replace("\x00", "").strip() or None


def _add_links(src_uri: str, items: list[Any], section: str | None, out: list[PostLink]) -> None:
    """Material's `links` is a nav: pages, `{title: target}`, and `{section: [items]}`."""
    for item in items:
        title: str | None
        if isinstance(item, str) and item.strip():
            title, target = None, item
        elif isinstance(item, dict) and len(item) == 1 and isinstance(next(iter(item)), str):
            [(title, target)] = item.items()
            if isinstance(target, list):
                _add_links(src_uri, target, _clean_title(title), out)
                continue
            if not isinstance(target, str):
                raise PostError(
                    src_uri, "links", f"{_LINKS_EXPECTED}, got {describe(item)} in the list"
                )
        else:
            raise PostError(
                src_uri, "links", f"{_LINKS_EXPECTED}, got {describe(item)} in the list"
            )
        target = target.strip()
        problem = url_problem(target)
        if problem is not None:
            raise PostError(src_uri, "links", f"entry {describe(item)} {problem}")
        out.append(PostLink(_clean_title(title), target, section))


def _file_name(path: str) -> str:
    """A page's name as MkDocs gives it: `posts/hello/index.md` is 'hello', not 'index'."""
    pure = PurePosixPath(path)
    if pure.stem in ("index", "README") and pure.parent.name:
        return pure.parent.name
    return pure.stem


def with_defaults(
    src_uri: str, front_matter: dict[str, Any], defaults: Sequence[tuple[str, Mapping[str, Any]]]
) -> dict[str, Any]:
    """The front matter over (file, defaults) pairs, merged as Material's meta plugin merges
    `.meta.yml` files: mappings deeply, lists added together (`authors: [a]` then `[b]` give
    `[a, b]`), and the front matter last, so it wins."""
    if not defaults:
        return front_matter
    merged: dict[str, Any] = {}
    try:
        for _, data in defaults:
            merge(merged, data, strategy=Strategy.TYPESAFE_ADDITIVE)
        return dict(merge(merged, front_matter, strategy=Strategy.TYPESAFE_ADDITIVE))
    except TypeError:
        sources = ", ".join(name for name, _ in defaults)
        clashing = sorted(
            key
            for key, value in front_matter.items()
            for _, data in defaults
            if key in data and type(data[key]) is not type(value)
        )
        field = clashing[0] if clashing else "front matter"
        raise PostError(
            src_uri,
            field,
            f"has another type than in {sources}; write it the same way in both",
        ) from None


def parse_post(
    src_uri: str,
    source: str,
    *,
    posts_dir: str,
    zone: tzinfo = UTC,
    slug_style: Callable[[str], str] = slugify,
    categories_as_tags: bool = False,
    path: str | None = None,
    defaults: Sequence[tuple[str, Mapping[str, Any]]] = (),
    file_as_written: bool = False,
) -> Post:
    """Validate a post's source and build its model. Raises PostError naming file and field.

    `file_as_written` keeps a safe file name as it is for `{file}` (Material's URLs), where
    folio otherwise slugifies it.

    `path` is the language-free path of a translated post (`posts/hello.md` for
    `posts/hello.fr.md`): dates, slugs and `{file}` come from it, errors name `src_uri`.
    `defaults` are (file, front matter) pairs the front matter is merged over, in order: the
    `.meta.yml` files of Material's meta plugin.
    """
    path = path or src_uri
    meta, markdown = split_front_matter(src_uri, source)
    meta = with_defaults(src_uri, meta, defaults)
    posts_relative = str(PurePosixPath(path).relative_to(posts_dir)) if posts_dir else path
    created, updated = _dates(src_uri, posts_relative, meta, zone)

    try:
        tags = parse_tags(meta.get("tags"))
    except TagValueError as error:
        raise PostError(src_uri, "tags", str(error)) from None
    try:
        categories = parse_tags(meta.get("categories"))
    except TagValueError as error:
        raise PostError(src_uri, "categories", str(error)) from None
    if categories_as_tags:
        tags += categories  # asked for: folio's tag pages stand in for Material's categories

    title = _text_field(src_uri, meta, "title")
    title_is_fallback = title_from_heading = False
    if title is None:
        # The heading's Markdown source, for the slug (as Material's blog slugs it); the text
        # shown comes from the rendered heading.
        title = get_markdown_title(markdown)
        title_from_heading = bool(title)
    if not title:
        stem = PurePosixPath(path).stem
        title = re.sub(r"^\d{4}-\d{1,2}-\d{1,2}-", "", stem).replace("-", " ").replace("_", " ")
        title = title.strip() or stem
        if title.lower() == title:
            title = title.capitalize()  # as MkDocs titles a page from its file name
        title_is_fallback = True

    slug_source = _text_field(src_uri, meta, "slug")
    # A written slug stays as written (Material does not re-slugify `mkdocs-2.0` either).
    slug = (written_slug(slug_source) or slugify(slug_source)) if slug_source else slug_style(title)
    if not slug:
        slug = slugify(PurePosixPath(path).stem) or stable_fallback_slug("post", path)
    written_file = written_slug(_file_name(path)) if file_as_written else None
    file_slug = written_file or slug_style(_file_name(path)) or stable_fallback_slug("post", path)

    return Post(
        src_uri=src_uri,
        path=path,
        title=title,
        date=created,
        updated=updated,
        slug=slug,
        file_slug=file_slug,
        tags=tags,
        categories=categories,
        description=_text_field(src_uri, meta, "description"),
        draft=_bool_field(src_uri, meta, "draft"),
        pin=_bool_field(src_uri, meta, "pin"),
        authors=_authors(src_uri, meta),
        meta=meta,
        title_is_fallback=title_is_fallback,
        title_from_heading=title_from_heading,
        reading_minutes=_reading_minutes(src_uri, meta),
        links=_links(src_uri, meta),
        image=post_image(src_uri, meta),
    )
