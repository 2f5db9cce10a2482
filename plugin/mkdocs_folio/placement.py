"""Whether folio's listing reached a page's HTML, from plain strings.

A theme template that does not print `page.content` (a landing page such as Material's
`home.html` override) drops the listing folio added to the content: nothing fails, the posts
are just not on the page. The listing's outer element names a `folio-` class; finding it in
the written page says the listing is there.
"""

from __future__ import annotations

import re

_FIRST_CLASS = re.compile(r"""class=["']?(folio-[\w-]+)""")
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)


def root_class(fragment: str) -> str | None:
    """The first `folio-` class of an HTML fragment folio adds; None for an empty fragment."""
    match = _FIRST_CLASS.search(fragment)
    return match.group(1) if match else None


def shows_class(page_html: str, class_name: str) -> bool:
    """Whether the page's body has an element with that class (quoted or minified)."""
    head_end = _HEAD_END.search(page_html)
    body = page_html[head_end.end() :] if head_end else page_html
    name = re.escape(class_name)
    pattern = rf"""class=(?:["'](?:[^"'>]*\s)?|){name}(?![\w-])"""
    return re.search(pattern, body) is not None


def missing_listing_message(src_uri: str, template: str) -> str:
    return (
        f"{src_uri}: its template '{template}' does not print the page content, so folio's"
        " list of posts is not on the page; use a template that prints {{ page.content }},"
        " or set 'listing_page' to another page (such as blog/index.md) and put"
        " <!-- folio:posts --> in it where the posts should go"
    )
