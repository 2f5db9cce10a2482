"""Heading ids that are valid CSS selectors.

MkDocs' own theme finds the target of every table-of-contents link with `querySelector`,
which throws on an id that starts with a digit, such as the `2025` of an archive year page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol

_DIGIT_FIRST_ID = re.compile(r'(<h[1-6]\b[^>]*?\sid=")(\d[^"]*)(")')


class _TocItem(Protocol):
    id: str

    @property
    def children(self) -> Iterable[_TocItem]: ...


def selector_safe_heading_ids(html: str, toc: Iterable[_TocItem]) -> str:
    """`html` with digit-first heading ids prefixed by `_`, and the table of contents to match."""
    renamed: dict[str, str] = {}

    def rename(match: re.Match[str]) -> str:
        new_id = renamed[match[2]] = f"_{match[2]}"
        return f"{match[1]}{new_id}{match[3]}"

    html = _DIGIT_FIRST_ID.sub(rename, html)
    if renamed:
        _rename_toc(toc, renamed)
    return html


def _rename_toc(items: Iterable[_TocItem], renamed: dict[str, str]) -> None:
    for item in items:
        item.id = renamed.get(item.id, item.id)
        _rename_toc(item.children, renamed)
