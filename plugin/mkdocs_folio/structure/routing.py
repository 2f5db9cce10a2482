"""Where posts and generated pages live: URL formats and pagination paths."""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import PurePosixPath

from .post import Post

URL_FIELDS = frozenset({"slug", "year", "month", "day", "file"})


def url_format_problem(url_format: str) -> str | None:
    """Why a post URL format is unusable, or None when it is fine."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(url_format) if name is not None}
    except ValueError as error:
        return f"is not a valid format string ({error})"
    unknown = names - URL_FIELDS
    if unknown:
        return f"uses unknown field {{{sorted(unknown)[0]}}}; allowed: " + ", ".join(
            f"{{{n}}}" for n in sorted(URL_FIELDS)
        )
    if "slug" not in names and "file" not in names:
        return "must contain {slug} or {file}, so that every post gets its own URL"
    if url_format.startswith("/") or ".." in PurePosixPath(url_format).parts:
        return "must be a relative path inside the site, like 'posts/{slug}/'"
    return None


@dataclass(frozen=True)
class Location:
    url: str
    dest_uri: str


def locate(path: str, use_directory_urls: bool) -> Location:
    """URL and output file for a directory-style path like 'posts/hello/'."""
    path = path.strip("/")
    if not path:
        return Location("" if use_directory_urls else "index.html", "index.html")
    if path.endswith(".html"):
        return Location(path, path)
    if use_directory_urls:
        return Location(path + "/", path + "/index.html")
    return Location(path + ".html", path + ".html")


def post_path(post: Post, url_format: str) -> str:
    return url_format.format(
        slug=post.slug,
        year=f"{post.date.year:04d}",
        month=f"{post.date.month:02d}",
        day=f"{post.date.day:02d}",
        file=post.file_slug or post.slug,
    )


def series_base(src_uri: str) -> str:
    """The folder that holds a paginated series' later pages ('' for the site root)."""
    path = PurePosixPath(src_uri).with_suffix("")
    if path.name in ("index", "README"):
        path = path.parent
    text = str(path)
    return "" if text == "." else text


def paginated_src_uri(first_src_uri: str, number: int) -> str:
    """Source path of page `number` (2, 3, ...) of the series that starts at `first_src_uri`."""
    base = series_base(first_src_uri)
    return f"{base}/page/{number}.md" if base else f"page/{number}.md"
