"""Post authors: the optional authors file, and each post's author ids resolved against it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from .structure.errors import PostError, describe
from .structure.post import Post, load_yaml, read_data_file
from .structure.urls import url_problem

# Looked up in this order under docs_dir when `authors_file` is not set. `.authors.yml` is the
# name Material's blog plugin uses (under its blog folder), so migrated sites keep working.
DEFAULT_AUTHORS_FILES = ("authors.yml", ".authors.yml")


class AuthorsFileError(ValueError):
    """The authors file is malformed; the message names the file and what was expected."""


@dataclass(frozen=True)
class Author:
    """One author; `url` and `avatar` are absolute URLs or paths relative to the site root."""

    id: str
    name: str
    url: str | None = None
    avatar: str | None = None
    description: str | None = None
    slug: str | None = None
    """Material's `slug`: the author page's URL segment instead of the id."""


def authors_file_candidates(configured: str, posts_dir: str) -> list[str]:
    """Paths under docs_dir to look for, first match wins; only `configured` when it is set."""
    if configured:
        return [configured]
    candidates = list(DEFAULT_AUTHORS_FILES)
    if posts_dir:
        candidates += [f"{posts_dir}/{name}" for name in DEFAULT_AUTHORS_FILES]
    return candidates


def _text(path: str, author_id: str, info: Mapping[str, Any], key: str) -> str | None:
    value = info.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise AuthorsFileError(
            f"{path}: '{key}' of author '{author_id}' must be text, got {describe(value)}"
        )
    text = str(value).replace("\x00", "").strip()
    return text or None


def _url(path: str, author_id: str, info: Mapping[str, Any], key: str) -> str | None:
    url = _text(path, author_id, info, key)
    problem = url_problem(url) if url is not None else None
    if problem is not None:
        raise AuthorsFileError(
            f"{path}: '{key}' of author '{author_id}' ({describe(url)}) {problem}"
        )
    return url


def parse_authors(source: str, path: str) -> dict[str, Author]:
    """Authors by id, from `id: {name, url, avatar}` or Material's `authors: {id: {...}}`."""
    try:
        data = load_yaml(path, "file", source)
    except PostError as error:
        raise AuthorsFileError(str(error)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise AuthorsFileError(
            f"{path}: must map author ids to {{name, url, avatar}}, got {describe(data)}"
        )
    if set(data) == {"authors"} and isinstance(data["authors"], dict):
        data = data["authors"]  # Material's blog format
    authors: dict[str, Author] = {}
    for raw_id, info in data.items():
        author_id = str(raw_id).replace("\x00", "").strip()
        if isinstance(info, str):
            info = {"name": info}
        if not isinstance(info, dict):
            raise AuthorsFileError(
                f"{path}: author '{author_id}' must be a mapping like"
                f" {{name: Jane Doe, url: ..., avatar: ...}}, got {describe(info)}"
            )
        authors[author_id] = Author(
            id=author_id,
            name=_text(path, author_id, info, "name") or author_id,
            url=_url(path, author_id, info, "url"),
            avatar=_url(path, author_id, info, "avatar"),
            description=_text(path, author_id, info, "description"),
            slug=_text(path, author_id, info, "slug"),
        )
    return authors


def read_authors_file(path: Path, shown_path: str) -> dict[str, Author]:
    """The authors in a file: UTF-8 (a byte order mark is fine), checked like front matter."""
    try:
        source = read_data_file(path, shown_path)
    except PostError as error:
        raise AuthorsFileError(str(error)) from None
    return parse_authors(source, shown_path)


@dataclass(frozen=True)
class AuthorsFile:
    src_uri: str
    """Its path under docs_dir: the data file is no page of the site."""
    shown_path: str
    """Its path as errors name it, from the docs_dir folder."""
    authors: dict[str, Author]


def load_authors_file(docs_dir: Path, configured: str, posts_dir: str) -> AuthorsFile | None:
    """The first authors file that exists, read; None when there is none and none was
    configured. AuthorsFileError when it is malformed or the configured one is missing."""
    for candidate in authors_file_candidates(configured, posts_dir):
        path = docs_dir / candidate
        if path.is_file():
            shown_path = f"{docs_dir.name}/{candidate}"
            return AuthorsFile(candidate, shown_path, read_authors_file(path, shown_path))
    if configured:
        raise AuthorsFileError(
            f"authors_file: '{configured}' does not exist in {docs_dir.name}/;"
            " create it or remove the option"
        )
    return None


def resolve_authors(
    posts: Iterable[Post], authors: Mapping[str, Author] | None, authors_file: str | None
) -> dict[Post, list[Author]]:
    """Each post's authors. Without an authors file, an id is shown as the author's name.

    Raises PostError for the first post that names an id the authors file does not define.
    """
    resolved: dict[Post, list[Author]] = {}
    for post in posts:
        found: list[Author] = []
        for author_id in post.authors:
            if authors is None:
                found.append(Author(id=author_id, name=author_id))
                continue
            author = authors.get(author_id)
            if author is None:
                known = ", ".join(sorted(authors)) or "none"
                raise PostError(
                    post.src_uri,
                    "authors",
                    f"names the unknown author id '{author_id}': add it to {authors_file}"
                    f" (known ids: {known})",
                )
            found.append(author)
        resolved[post] = found
    return resolved


def take_authors_file(
    files: Files, docs_dir: Path, configured: str, posts_dir: str
) -> AuthorsFile | None:
    """The authors file (see `load_authors_file`), taken out of `files`: it is folio's data,
    not a page of the site. Raises PluginError when it is missing or malformed."""
    try:
        found = load_authors_file(docs_dir, configured, posts_dir)
    except AuthorsFileError as error:
        raise PluginError(str(error)) from None
    data_file = files.get_file_from_path(found.src_uri) if found is not None else None
    if data_file is not None:
        files.remove(data_file)
    return found
