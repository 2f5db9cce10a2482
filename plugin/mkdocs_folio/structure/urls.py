"""URLs from user data (post `links`, author `url` and `avatar`): only schemes that cannot run code.

Browsers drop tabs and newlines anywhere in a URL and strip leading control characters and
spaces before they read the scheme, so `java\\tscript:` and `\\x01javascript:` still run script;
the check looks at the URL the way a browser will.
"""

from __future__ import annotations

import re

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
"""Schemes a user's URL may have; a URL without a scheme is relative and always allowed."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def url_problem(url: str) -> str | None:
    """Why `url` may not be used as a link or image address, or None when it is safe."""
    if not url.strip():
        return "is empty; expected a URL like https://example.org/ or a path"
    if _CONTROL.search(url):
        return "contains a control character (a tab, a newline, ...); remove it"
    scheme = _SCHEME.match(url.strip(" "))
    if scheme is not None and scheme.group(1).lower() not in SAFE_SCHEMES:
        return (
            f"uses the '{scheme.group(1).lower()}:' scheme; only http:, https:, mailto:"
            " and relative URLs are allowed"
        )
    return None


def is_safe_url(url: str) -> bool:
    return url_problem(url) is None
