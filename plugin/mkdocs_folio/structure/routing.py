"""Where posts and generated pages live: URL formats and pagination paths."""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import PurePosixPath

from .post import Post

URL_FIELDS = frozenset({"slug", "year", "month", "day", "file", "date", "categories"})


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


def post_path(post: Post, url_format: str, *, date: str | None = None, categories: str = "") -> str:
    """A post's path from a URL format; `{date}` is YYYY/MM/DD unless given, `{categories}`
    the category slugs joined by '/' (empty ones leave no double slash behind)."""
    year, month, day = f"{post.date.year:04d}", f"{post.date.month:02d}", f"{post.date.day:02d}"
    path = url_format.format(
        slug=post.slug,
        year=year,
        month=month,
        day=day,
        date=date if date is not None else f"{year}/{month}/{day}",
        categories=categories,
        file=post.file_slug or post.slug,
    )
    return "/".join(part for part in path.split("/") if part) + ("/" if path.endswith("/") else "")


def series_base(src_uri: str) -> str:
    """The folder that holds a paginated series' later pages ('' for the site root)."""
    path = PurePosixPath(src_uri).with_suffix("")
    if path.name in ("index", "README"):
        path = path.parent
    text = str(path)
    return "" if text == "." else text


def paginated_src_uri(first_src_uri: str, number: int, url_format: str | None = None) -> str:
    """Source path of page `number` (2, 3, ...) of the series that starts at `first_src_uri`.

    With `url_format` (Material's `pagination_url_format`, like 'page/{page}'), the path is
    the one Material's blog plugin gives: an index page's later pages are index pages too
    (`blog/page/2/index.md`), another page's are named after the format
    (`blog/category/rust/page/2.md`)."""
    if url_format is None:
        base = series_base(first_src_uri)
        return f"{base}/page/{number}.md" if base else f"page/{number}.md"
    path = PurePosixPath(first_src_uri).with_suffix("")
    tail = url_format.format(page=number).strip("/")
    if path.name in ("index", "README"):
        path, tail = path.parent, f"{tail}/index"
    return str(path / tail) + ".md" if str(path) != "." else f"{tail}.md"
