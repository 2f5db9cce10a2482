"""Excerpts and reading time, read from the HTML MkDocs already rendered for a post."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace
from html import unescape
from html.parser import HTMLParser

from .memo import Memo
from .structure.post import Post, RenderedBody


def _through(end_tag: str) -> str:
    """Everything up to and including the first `<` + `end_tag`: `.*?<end_tag` as a loop
    over runs of other characters, which the regex engine takes whole instead of trying
    the end tag at every character of a long code block."""
    return rf"[^<]*(?:<(?!{end_tag})[^<]*)*<{end_tag}"


# MkDocs' own HTML is regular enough for regular expressions, which run in C: an HTMLParser
# subclass spent more time on every post than the rest of folio together.
# Skipped elements that stand on their own line leave a word break; the others leave nothing,
# so "word<sup>1</sup>." stays "word.".
_SKIPPED_BLOCKS_PATTERN = (
    r"<pre\b"
    + _through(r"/pre\s*>")
    + r'|<div class="footnote">'
    + _through("/div>")
    + r'|<div class="mkdocs-draft-marker"[^>]*>'
    + _through("/div>")
)
_SKIPPED_INLINE_PATTERN = (
    r"<(script|style|template|svg|math)\b.*?</\1\s*>"
    r'|<a\b[^>]*class="headerlink"[^>]*>.*?</a>'
    r'|<sup\b[^>]*class="footnote-ref"[^>]*>.*?</sup>'
)
# A reader sees a break between blocks (a heading and its paragraph, two list items) and none
# at inline tags: "<a>quickstart</a>." reads "quickstart.", not "quickstart .".
_BLOCK_TAG_PATTERN = (
    r"</?(?:address|article|aside|blockquote|br|caption|dd|details|dialog|div|dl|dt|fieldset"
    r"|figcaption|figure|footer|form|h[1-6]|header|hr|li|main|nav|ol|p|section|summary"
    r"|table|tbody|td|tfoot|th|thead|tr|ul)\b[^>]*>"
)


@dataclass(frozen=True)
class _WordPatterns:
    skipped_blocks: re.Pattern[str]
    skipped_inline: re.Pattern[str]
    block_tag: re.Pattern[str]


def _word_patterns(flags: re.RegexFlag) -> _WordPatterns:
    return _WordPatterns(
        skipped_blocks=re.compile(_SKIPPED_BLOCKS_PATTERN, re.DOTALL | flags),
        skipped_inline=re.compile(_SKIPPED_INLINE_PATTERN, re.DOTALL | flags),
        block_tag=re.compile(_BLOCK_TAG_PATTERN, flags),
    )


# Markdown writes lower-case tags; ignoring case makes these passes several times slower, so
# it is only paid for HTML that has an upper-case tag (raw HTML written as <P> or <DIV>).
_ANY_CASE = _word_patterns(re.IGNORECASE)
_LOWER_CASE = _word_patterns(re.NOFLAG)
_UPPER_CASE_TAG = re.compile(r"</?[A-Z]")  # <P>, <Div>; `[a-z]*[A-Z]` for <sVG> costs 2.5×
_TAG = re.compile(r"<[^>]*>")
_LEADING_H1 = re.compile(r"^\s*<h1\b.*?</h1>", re.DOTALL)
_LEADING_H1_INNER = re.compile(r"^\s*<h1\b[^>]*>(.*?)</h1>", re.DOTALL)
_HEADING_EXTRAS = re.compile(
    r'<a\b[^>]*class="headerlink"[^>]*>.*?</a>|<sup\b[^>]*id="fnref[^"]*"[^>]*>.*?</sup>',
    re.DOTALL,
)
_IMAGE_ALT = re.compile(r'<img\b[^>]*?\balt="([^"]*)"[^>]*>')
# What Material's blog leaves out of its reading time: comments, and what is not prose read
# on the page. Code, headings and the title count.
_NOT_MARKUP = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_NOT_READ = re.compile(r"<(svg|object)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_IMAGE = re.compile(r"<img\b", re.IGNORECASE)
_NON_WORD = re.compile(r"\W+")


_VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param"}
    | {"source", "track", "wbr"}
)


class _OpenElements(HTMLParser):
    """The elements still open at the end of an HTML fragment; `broken` on a stray end tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.broken = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID_ELEMENTS:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_ELEMENTS:
            return
        if tag not in self.stack:
            self.broken = True
            return
        # Elements left open inside this one (a `<p>` without `</p>`) end with it, as in HTML.
        while self.stack.pop() != tag:
            pass


# A start or end tag whose attribute values may hold `>`; anything else that opens with `<`
# (a comment, a declaration, a stray `<`) is left to HTMLParser.
_MARKUP_TAG = re.compile(r"""<(/?)([a-zA-Z][^\t\n\f\r />]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")
_RAW_TEXT_ELEMENT = re.compile(r"<(?:script|style|textarea|title)\b", re.IGNORECASE)


def _open_elements_of_plain_markup(fragment: str) -> list[str] | None:
    """What `_OpenElements` finds, for a fragment made of tags and text alone (as Markdown
    writes them), in a tenth of its time: the tags found by one pattern go to its handlers
    instead of through HTMLParser's tokenizer. None when the fragment needs the real parser
    or has a stray end tag."""
    if _RAW_TEXT_ELEMENT.search(fragment):
        return None
    elements = _OpenElements()
    tags = 0
    for match in _MARKUP_TAG.finditer(fragment):
        tags += 1
        tag = match[2].lower()
        if match[1]:
            elements.handle_endtag(tag)
        else:
            elements.handle_starttag(tag, [])
            if match[0].endswith("/>"):
                elements.handle_endtag(tag)  # `<div/>`, as HTMLParser's handle_startendtag
    if elements.broken or tags != fragment.count("<"):
        return None
    return elements.stack


def balanced_html(fragment: str) -> str | None:
    """`fragment` with the elements it leaves open closed, or None when it cannot be repaired.

    The excerpt separator can sit inside raw HTML (a table cell): cut there, the excerpt
    would end inside the cell and the rest of a listing page would end up in it.
    """
    if fragment.rfind("<") > fragment.rfind(">"):
        return None  # cut inside a tag or an attribute value
    open_elements = _open_elements_of_plain_markup(fragment)
    if open_elements is not None:
        return fragment + "".join(f"</{tag}>" for tag in reversed(open_elements))
    parser = _OpenElements()
    parser.feed(fragment)
    if parser.broken or parser.rawdata:
        return None  # a stray end tag, or an unfinished comment or declaration
    return fragment + "".join(f"</{tag}>" for tag in reversed(parser.stack))


def plain_words(html: str, *, skip_first_h1: bool = True) -> list[str]:
    """The words of rendered HTML, without code blocks, permalinks and footnotes."""
    if skip_first_h1:
        html = _LEADING_H1.sub("", html, count=1)
    patterns = _ANY_CASE if _UPPER_CASE_TAG.search(html) else _LOWER_CASE
    html = patterns.skipped_inline.sub("", patterns.skipped_blocks.sub(" ", html))
    return unescape(_TAG.sub("", patterns.block_tag.sub(" ", html))).split()


def plain_text(html: str, *, skip_first_h1: bool = True) -> str:
    """Readable text of rendered HTML, white space collapsed."""
    # split/join collapses white space several times faster than a `\s+` substitution.
    return " ".join(plain_words(html, skip_first_h1=skip_first_h1))


def heading_title(html: str) -> str | None:
    """The text of the `<h1>` that opens rendered HTML, as MkDocs takes a page's title from
    it: Markdown rendered, tags, permalink and footnote marks dropped, entities decoded once."""
    match = _LEADING_H1_INNER.match(html)
    if match is None:
        return None
    inner = _IMAGE_ALT.sub(r"\1", _HEADING_EXTRAS.sub("", match[1]))
    return " ".join(unescape(_TAG.sub("", inner)).split()) or None


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


def material_reading_minutes(html: str, words_per_minute: int) -> int:
    """Reading time as Material's blog counts it: every word of the page's text (code and the
    title included; runs of non-word characters separate words) at `words_per_minute`, plus
    12 seconds for the first image, 11 for the second, and so on down to 3 from the tenth on;
    rounded up to whole minutes."""
    html = _NOT_MARKUP.sub("", html)
    images = len(_IMAGE.findall(html))
    # Tags leave nothing behind: adjacent texts join, as Material's parser concatenates them.
    text = unescape(_TAG.sub("", _NOT_READ.sub("", html)))
    words = len(_NON_WORD.split(text))
    seconds = math.ceil(words / max(1, words_per_minute) * 60)
    seconds += sum(max(3, 12 - image) for image in range(images))
    return math.ceil(seconds / 60)


def summarize(
    html: str,
    *,
    description: str | None,
    separator: str,
    length: int,
    words_per_minute: int,
    excerpt_style: str = "folio",
    reading_time_style: str = "folio",
) -> RenderedBody:
    """Excerpt and reading time.

    `excerpt_style` folio: the description, else the content before the separator, else the
    text cut at `length` characters; material, as Material's blog: the content before the
    separator, else the whole post. `reading_time_style` folio counts prose words; material
    is `material_reading_minutes`.
    """
    all_words = plain_words(html)
    words = len(all_words)
    excerpt_html: str | None = None
    head: str | None = None
    has_separator = bool(separator) and separator in html
    if has_separator or excerpt_style == "material":
        before = html.split(separator, 1)[0] if has_separator else html
        # The post's own `# title` would repeat the entry's title in a listing.
        head = _LEADING_H1.sub("", before, count=1).strip()
        # Only a cut can leave elements open; a whole post is MkDocs' own HTML.
        excerpt_html = balanced_html(head) if has_separator else head
    if description:
        excerpt_text = description
    elif head is not None:
        excerpt_text = plain_text(head)
    else:
        excerpt_text = cut_on_word(" ".join(all_words[: length + 1]), length)
    if reading_time_style == "material":
        minutes = material_reading_minutes(html, words_per_minute)
    else:
        minutes = reading_minutes(words, words_per_minute)
    return RenderedBody(
        excerpt_html=excerpt_html if excerpt_style == "material" or not description else None,
        excerpt_text=excerpt_text,
        word_count=words,
        reading_minutes=minutes,
        is_whole_post=not has_separator,
    )


@dataclass(frozen=True)
class SummaryOptions:
    """folio's options for excerpts and reading times (see `summarize`)."""

    separator: str
    length: int
    words_per_minute: int
    excerpt_style: str
    reading_time_style: str
    reading_time: bool
    """Whether reading times are shown; a post's own `reading_time` always is."""


def summarize_post(
    post: Post, html: str, options: SummaryOptions, memo: Memo[RenderedBody]
) -> RenderedBody:
    """The post's excerpt and reading time from its rendered `html`; `memo` keeps them
    while `mkdocs serve` rebuilds with the same HTML and options."""
    body = memo.cached(
        post.src_uri,
        (html, post.description, options),
        lambda: summarize(
            html,
            description=post.description,
            separator=options.separator,
            length=options.length,
            words_per_minute=options.words_per_minute,
            excerpt_style=options.excerpt_style,
            reading_time_style=options.reading_time_style,
        ),
    )
    if post.reading_minutes is not None:
        body = replace(body, reading_minutes=post.reading_minutes)
    elif not options.reading_time:
        body = replace(body, reading_minutes=None)
    return body
