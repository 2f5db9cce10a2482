"""Folder, page and URL options, and generated destinations, checked to stay inside the site.

Every function here is pure: it looks at text only, so config validation and the last check
before a file is handed to MkDocs agree on what "inside the site" means.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from posixpath import normpath

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""The suffixes MkDocs reads as pages."""

MAX_SEGMENT_BYTES = 255
"""The longest file or folder name most file systems accept, in UTF-8 bytes."""

_PERCENT_ENCODED = re.compile(r"%[0-9a-fA-F]{2}")
_DRIVE = re.compile(r"^[A-Za-z]:")


# Unicode's control characters (category Cc) are exactly these 65 code points; one regex
# search is much faster than asking unicodedata about every character of every path.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def _relative_path_problem(text: str, *, example: str) -> str | None:
    """Why `text` is not a plain relative path under the site root (None when it is)."""
    if _has_control(text):
        return "must not contain control characters"
    if "\\" in text:
        return f"must use '/' between folders, not '\\', like {example!r}"
    if _DRIVE.match(text):
        return f"must be relative to the site, not a drive path, like {example!r}"
    if ":" in text:
        return f"must not contain ':' (it would read as a URL scheme), like {example!r}"
    if text.startswith("/"):
        return f"must be relative to the site, not start with '/', like {example!r}"
    if "?" in text or "#" in text:
        return "must not contain '?' or '#', which end a URL's path"
    if _PERCENT_ENCODED.search(text) or "%" in text:
        return "must not contain '%' (percent-encoding); write the characters themselves"
    parts = text.split("/")
    if any(part.strip(".") == "" and part for part in parts):
        return f"must not contain '.' or '..' as a folder, like {example!r}"
    if "" in parts[:-1]:
        return f"must not contain empty folders ('//' or a leading '/'), like {example!r}"
    if any(len(part.encode("utf-8")) > MAX_SEGMENT_BYTES for part in parts):
        return f"has a name longer than {MAX_SEGMENT_BYTES} bytes"
    return None


def folder_problem(value: str, *, example: str, empty_means: str | None = None) -> str | None:
    """Why a folder option is unusable. `empty_means` documents what '' stands for, if allowed."""
    text = value.strip().rstrip("/")
    if not text:
        if empty_means is not None and not value.strip():
            return None
        return f"must name a folder inside the site, like {example!r}"
    return _relative_path_problem(text, example=example)


def page_problem(value: str, *, example: str) -> str | None:
    """Why a page option (a Markdown file under docs_dir) is unusable."""
    text = value.strip()
    if not text or text.strip("/.") == "":
        return f"must name a Markdown page inside docs_dir, like {example!r}"
    problem = _relative_path_problem(text, example=example)
    if problem:
        return problem
    if not text.lower().endswith(MARKDOWN_SUFFIXES):
        return f"must name a Markdown page (ending in .md), like {example!r}"
    return None


def file_problem(value: str, *, example: str) -> str | None:
    """Why a data file option (relative to docs_dir) is unusable; '' means the default."""
    text = value.strip()
    if not text:
        return None
    if text.endswith("/"):
        return f"must name a file, not a folder, like {example!r}"
    return _relative_path_problem(text, example=example)


def url_template_problem(url_format: str) -> str | None:
    """Why a URL template like 'posts/{slug}/' cannot give a URL inside the site.

    Every {field} counts as one safe name: folio fills fields with slugs and numbers only.
    """
    try:
        pieces = [
            literal + ("x" if field is not None else "")
            for literal, field, _, _ in string.Formatter().parse(url_format)
        ]
    except ValueError:
        return None  # the format check names this one
    sample = "".join(pieces)
    if not sample.strip("/"):
        return "must give a path inside the site, like 'posts/{slug}/'"
    return _relative_path_problem(sample.removesuffix("/"), example="posts/{slug}/")


@lru_cache(maxsize=65536)  # `mkdocs serve` checks the same destinations build after build
def dest_problem(dest_uri: str) -> str | None:
    """Why a destination must not be written: outside the site, or not a plain relative path."""
    if not dest_uri or dest_uri.startswith("/") or "\\" in dest_uri or _DRIVE.match(dest_uri):
        return "is not a relative path inside site_dir"
    if _has_control(dest_uri):
        return "contains control characters"
    normal = normpath(dest_uri)
    if normal == ".." or normal.startswith("../") or normal != dest_uri.rstrip("/"):
        return "leaves site_dir or is not a normalized path"
    if any(len(part.encode("utf-8")) > MAX_SEGMENT_BYTES for part in dest_uri.split("/")):
        return f"has a file or folder name longer than {MAX_SEGMENT_BYTES} bytes"
    return None
