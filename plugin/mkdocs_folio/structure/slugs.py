"""Slugs that are safe in URLs and file names, and stable across builds."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable

# Symbols that carry meaning in technical tags ("c++" is not "c", "c#" is not "c").
_SPOKEN_SYMBOLS = {"+": "plus", "#": "sharp", "&": "and", "@": "at"}
_NOT_WORD = re.compile(r"[^\w]+", re.UNICODE)

MAX_SLUG_BYTES = 200
"""Longest slug in UTF-8 bytes: with '.html' or a '-2' it stays under the 255-byte file names
of common file systems. Longer slugs are cut and end in a hash of the whole slug."""


def fit_slug(slug: str, max_bytes: int = MAX_SLUG_BYTES) -> str:
    """The slug, or when it is too long its start cut on a character boundary plus a short
    hash of all of it, so two long titles that start alike still get different slugs."""
    data = slug.encode("utf-8")
    if len(data) <= max_bytes:
        return slug
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()[:8]
    start = data[: max_bytes - len(digest) - 1].decode("utf-8", errors="ignore").rstrip("-")
    return f"{start}-{digest}"


def slugify(text: str) -> str:
    """Lower-case, ASCII where possible, words joined by dashes; '' when nothing is left."""
    # ASCII has nothing to normalise and no accents: most titles skip the per-character pass.
    ascii_only = text.isascii()
    normalized = text.lower() if ascii_only else unicodedata.normalize("NFKC", text).casefold()
    for symbol, word in _SPOKEN_SYMBOLS.items():
        normalized = normalized.replace(symbol, f" {word} ")
    if ascii_only:
        kept = normalized
    else:
        # Strip accents, but keep letters of scripts that have no ASCII form (CJK, Arabic).
        decomposed = unicodedata.normalize("NFKD", normalized)
        kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return fit_slug(_NOT_WORD.sub("-", kept.replace("_", " ")).strip("-"))


_URL_UNSAFE = re.compile(r"[\s:?#%\\\"'<>`{}|^\x00-\x1f\x7f]")


def written_slug(text: str) -> str | None:
    """A front matter `slug` used as written (as Material does: `mkdocs-2.0` stays), when it
    is a safe URL path; None when it needs slugifying (spaces, `?`, `..` and the like)."""
    parts = text.strip().strip("/").split("/")
    if not parts[0] or _URL_UNSAFE.search(text.strip()):
        return None
    if any(part in ("", ".", "..") for part in parts):
        return None
    return "/".join(fit_slug(part) for part in parts)  # a 400-character slug is no file name


def stable_fallback_slug(prefix: str, text: str) -> str:
    """A slug for text with no letters at all (emoji): derived from its content, so stable."""
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()[:8]
    return f"{prefix}-{digest}"


def material_slugify(text: str) -> str:
    """The slugs of Material's blog plugin (pymdownx's lower-case slugify), for migrated sites."""
    from pymdownx.slugs import slugify as pymdownx_slugify

    return fit_slug(str(pymdownx_slugify(case="lower")(text, "-")))


SLUG_STYLES: dict[str, Callable[[str], str]] = {"folio": slugify, "material": material_slugify}
