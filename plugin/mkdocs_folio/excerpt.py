"""Excerpts and reading time, read from the HTML MkDocs already rendered for a post."""

from __future__ import annotations

import math
import re
from html.parser import HTMLParser

from .structure.post import RenderedBody

_SKIPPED_ELEMENTS = frozenset({"pre", "script", "style", "template", "svg", "math"})
_SKIPPED_CLASSES = frozenset({"headerlink", "footnote", "footnote-ref", "mkdocs-draft-marker"})
_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
_SPACES = re.compile(r"\s+")
_LEADING_H1 = re.compile(r"^\s*<h1\b.*?</h1>", re.DOTALL)


class _PlainText(HTMLParser):
    """Collects readable text, skipping code blocks, permalinks and footnotes."""

    def __init__(self, *, skip_first_h1: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self._skip_stack: list[str] = []
        self._skip_first_h1 = skip_first_h1
        self._seen_content = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_ELEMENTS:
            self.chunks.append(" ")
            return
        if self._skip_stack:
            self._skip_stack.append(tag)
            return
        classes = set((dict(attrs).get("class") or "").split())
        first_heading = tag == "h1" and self._skip_first_h1 and not self._seen_content
        if tag in _SKIPPED_ELEMENTS or classes & _SKIPPED_CLASSES or first_heading:
            self._skip_stack.append(tag)
            return
        self.chunks.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_ELEMENTS:
            return
        if self._skip_stack:
            # Tolerate sloppy user HTML: unwind to the matching open tag, if any.
            if tag in self._skip_stack:
                while self._skip_stack and self._skip_stack.pop() != tag:
                    pass
            return
        self.chunks.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip_stack:
            if data.strip():
                self._seen_content = True
            self.chunks.append(data)


def plain_text(html: str, *, skip_first_h1: bool = True) -> str:
    parser = _PlainText(skip_first_h1=skip_first_h1)
    parser.feed(html)
    parser.close()
    return _SPACES.sub(" ", "".join(parser.chunks)).strip()


def cut_on_word(text: str, length: int, ellipsis: str = "...") -> str:
    """At most `length` characters, ending on a word boundary, with an ellipsis when cut."""
    if len(text) <= length:
        return text
    head = text[: length + 1]
    boundary = head.rfind(" ")
    # No space at all (one huge word, or a script written without spaces): cut hard.
    cut = head[:boundary] if boundary > 0 else text[:length]
    # "bottleneck...." reads like a typo: drop the sentence's own trailing punctuation.
    return cut.rstrip().rstrip(".,;:!?") + ellipsis


def reading_minutes(word_count: int, words_per_minute: int) -> int:
    return max(1, math.ceil(word_count / max(1, words_per_minute)))


def summarize(
    html: str,
    *,
    description: str | None,
    separator: str,
    length: int,
    words_per_minute: int,
) -> RenderedBody:
    """Excerpt and reading time, in the order: description, separator, automatic cut."""
    text = plain_text(html)
    words = len(text.split())
    excerpt_html: str | None = None
    if separator and separator in html:
        # The post's own `# title` would repeat the entry's title in a listing.
        excerpt_html = _LEADING_H1.sub("", html.split(separator, 1)[0], count=1).strip()
    if description:
        excerpt_text = description
    elif excerpt_html is not None:
        excerpt_text = plain_text(excerpt_html)
    else:
        excerpt_text = cut_on_word(text, length)
    return RenderedBody(
        excerpt_html=excerpt_html if not description else None,
        excerpt_text=excerpt_text,
        word_count=words,
        reading_minutes=reading_minutes(words, words_per_minute),
    )
