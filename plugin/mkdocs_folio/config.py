"""folio's options in mkdocs.yml. Every option is documented here and in the README."""

from __future__ import annotations

from typing import Any, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .structure.images import ImageSpec, ImageValueError, parse_image_spec
from .structure.routing import url_format_problem


class _PositiveInt(c.Type[int]):
    def __init__(self, default: int, *, minimum: int = 1) -> None:
        super().__init__(int, default=default)
        self.minimum = minimum

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < self.minimum:
            raise ValidationError(f"Expected a whole number of at least {self.minimum}.")
        return number


class _UrlFormat(c.Type[str]):
    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        problem = url_format_problem(text)
        if problem:
            raise ValidationError(f"The URL format {text!r} {problem}.")
        return text


class _SitePath(c.Type[str]):
    """A folder or page path inside docs_dir; never absolute, never climbing out."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value).strip().strip("/")
        if ".." in text.split("/") or "\\" in text:
            raise ValidationError(f"Expected a relative path inside docs_dir, got {value!r}.")
        return text


class _Image(base.BaseConfigOption[ImageSpec]):
    """An image: a path under docs_dir or an http(s) URL, or a mapping {src, alt, width, height}."""

    json_schema: ClassVar[dict[str, Any]] = {
        "type": ["string", "object"],
        "properties": {
            "src": {"type": "string"},
            "alt": {"type": "string"},
            "width": {"type": "integer", "minimum": 1},
            "height": {"type": "integer", "minimum": 1},
        },
        "required": ["src"],
        "additionalProperties": False,
    }

    def run_validation(self, value: object) -> ImageSpec:
        try:
            return parse_image_spec(value)
        except ImageValueError as error:
            raise ValidationError(f"The image {error}.") from None


class _TimeZone(c.Type[str]):
    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        name = super().run_validation(value)
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValidationError(
                f"Expected an IANA time zone like 'UTC' or 'Europe/Berlin', got {name!r}."
            ) from None
        return name


class _KeyList(c.ListOfItems[str]):
    """Shortcuts like `mod+k` (Cmd on macOS, Ctrl elsewhere), `ctrl+shift+p`, `alt+k`."""

    def __init__(self, default: list[str]) -> None:
        super().__init__(c.Type(str), default=default)

    def run_validation(self, value: object) -> list[str]:
        keys = super().run_validation(value)
        for key in keys:
            parts = key.lower().split("+")
            unknown = set(parts[:-1]) - {"mod", "ctrl", "meta", "cmd", "alt", "shift"}
            if not parts[-1] or unknown:
                raise ValidationError(
                    f"Expected shortcuts like 'mod+k' or 'ctrl+shift+p', got {key!r}."
                )
        return keys


class PaletteConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Ship the command palette (Ctrl/Cmd+K) and its header button."""

    shortcuts = _KeyList(["mod+k"])
    """Shortcuts that open the palette; `mod` is Cmd on macOS and Ctrl elsewhere."""

    full_text = c.Type(bool, default=True)
    """Offer full-text results from the search index when few titles match."""

    recent = _PositiveInt(5, minimum=0)
    """How many recently visited posts the empty palette lists first."""

    strings = c.Type(dict, default={})
    """Override any text of the palette, e.g. `{placeholder: "Type a command..."}`."""


class FolioConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Turn folio off without removing it from `plugins`, e.g. `enabled: !ENV [FOLIO, true]`."""

    posts_dir = _SitePath("posts")
    """Folder under `docs_dir` whose Markdown files are posts (subfolders included)."""

    listing_page = _SitePath("index.md")
    """Page that shows the post listing: after its content, or at `<!-- folio:posts -->`.
    It is generated when the page does not exist."""

    post_url_format = _UrlFormat("posts/{slug}/")
    """URL of a post relative to the site root. Fields: {slug}, {year}, {month}, {day}, {file}."""

    per_page = _PositiveInt(20)
    """Posts per listing page; later pages live at `page/2/`, `page/3/`, ..."""

    excerpt_length = _PositiveInt(140)
    """Length of the automatic excerpt, in characters, cut on a word boundary."""

    excerpt_separator = c.Type(str, default="<!-- more -->")
    """Marker in a post: the content before it is the post's excerpt."""

    excerpt_style = c.Choice(("folio", "material"), default="folio")
    """`folio`: a post's excerpt is its `description`, else the content before
    `excerpt_separator`, else its text cut at `excerpt_length` characters. `material`, as
    Material's blog: the content before the separator, else the whole post."""

    excerpt_required = c.Type(bool, default=False)
    """Every post must contain `excerpt_separator`; a post without it stops the build
    (Material's `post_excerpt: required`)."""

    words_per_minute = _PositiveInt(265)
    """Reading speed used for the reading time shown on posts and listings."""

    reading_time = c.Type(bool, default=True)
    """Show the reading time on posts and listings. false: only a post's own `readtime` shows
    (Material's `post_readtime: false`)."""

    reading_time_style = c.Choice(("folio", "material"), default="folio")
    """`folio` counts the words of the post's prose (not code). `material` counts as
    Material's blog: every word, code and title included, plus 12 seconds for the first image,
    11 for the second, down to 3 from the tenth on."""

    date_format = c.Type(str, default="%B %-d, %Y")
    """strftime pattern for displayed dates; `%-d` is the day without a leading zero."""

    timezone = _TimeZone("UTC")
    """IANA time zone for dates written without one, e.g. `Europe/Berlin`."""

    tags = c.Type(bool, default=True)
    """Generate the tags index and a page per tag."""

    tag_excerpts = c.Type(bool, default=False)
    """Tag pages as excerpt listings paginated by `per_page`, like the home page (and like
    Material's category pages). Off: one page per tag with every post's date and title,
    grouped by year, like the archive."""

    tags_dir = _SitePath("tags")
    """Folder of the tags index (`tags/`) and of the tag pages (`tags/<slug>/`)."""

    tags_display = c.Type(dict, default={})
    """Display names for tags, e.g. `{ebpf: eBPF}`. Keys match case-insensitively."""

    archive = c.Type(bool, default=True)
    """Generate the archive (`archive/`) and one page per year (`archive/2026/`)."""

    archive_dir = _SitePath("archive")
    """Folder of the archive pages."""

    related_posts = _PositiveInt(3, minimum=0)
    """How many related posts (by shared tags) to show under a post; 0 turns them off."""

    post_toc = c.Type(bool, default=True)
    """Show the table of contents sidebar on posts; false hides it (Material's `hide: [toc]`)."""

    authors_file = _SitePath("")
    """YAML file under `docs_dir` mapping author ids to `{name, url, avatar}`. Empty: use
    `authors.yml` or `.authors.yml` (Material's name) in `docs_dir` or `posts_dir`, if any."""

    feeds = c.Type(bool, default=True)
    """Write RSS (`feed.xml`), Atom (`atom.xml`) and JSON Feed (`feed.json`); needs `site_url`."""

    tag_feeds = c.Type(bool, default=True)
    """Also write `feed.xml` and `atom.xml` in each tag's folder, e.g. `tags/rust/feed.xml`."""

    feed_content = c.Choice(("excerpt", "full"), default="excerpt")
    """What feed items carry: the `excerpt`, or the `full` post HTML with absolute links."""

    feed_limit = _PositiveInt(20, minimum=0)
    """How many of the newest posts each feed lists; 0 lists every post."""

    draft = c.Type(bool, default=False)
    """Publish drafts and future-dated posts in `mkdocs build` too."""

    draft_on_serve = c.Type(bool, default=True)
    """Show drafts and future-dated posts, with a Draft badge, under `mkdocs serve`."""

    draft_if_future_date = c.Type(bool, default=True)
    """Treat posts dated in the future as drafts until their date."""

    nav = c.Type(bool, default=True)
    """Add the listing, Tags and Archive entries to an automatically generated nav."""

    strings = c.Type(dict, default={})
    """Override any text folio shows, e.g. `{reading_time: "{minutes} min"}`; see the README."""

    slug_style = c.Choice(("folio", "material"), default="folio")
    """How titles become slugs: `folio` (ASCII where possible, `c++` is `c-plus-plus`) or
    `material`, the slugs of Material's blog plugin, so migrated posts keep their URLs."""

    categories_as_tags = c.Type(bool, default=True)
    """Treat Material's front matter `categories` as tags; false keeps them in `post.meta` only."""

    nav_recent = _PositiveInt(0, minimum=0)
    """Add a nav section listing the newest N posts with their dates (0: no section)."""

    default_image: c.Optional[ImageSpec] = c.Optional(_Image())
    """Image for link previews (`og:image`, `twitter:image`, JSON-LD) of every page without a
    cover of its own: a path under `docs_dir` or an https:// URL, or `{src, alt}`."""

    palette = c.SubConfig(PaletteConfig)
    """The command palette: `enabled`, `shortcuts`, `full_text`, `recent` and `strings`."""


DEFAULT_STRINGS: dict[str, str] = {
    "reading_time": "{minutes} min read",
    "draft": "Draft",
    "updated": "Updated {date}",
    "newer_posts": "Newer posts",
    "older_posts": "Older posts",
    "newer_post": "Newer",
    "older_post": "Older",
    "related": "Related posts",
    "tags_title": "Tags",
    "tag_title": "#{tag}",
    "archive_title": "Archive",
    "archive_year_title": "{year}",
    "no_posts": "No posts yet.",
    "post_count": "{count} posts",
    "post_count_one": "1 post",
    "page_of": "Page {page} of {pages}",
    "pagination": "Pagination",
    "links": "Related links",
    "recent_posts": "Recent posts",
    "recent_post": "{title} · {date}",
    "by": "By",
    "series": "Series: {series}",
    "series_part": "Part {number} of {count}",
    "blog_description": "Posts from {site}",
    "tag_description": "Posts tagged {tag} on {site}",
}


def merged_strings(overrides: dict[str, Any]) -> dict[str, str]:
    strings = dict(DEFAULT_STRINGS)
    strings.update({str(key): str(value) for key, value in overrides.items()})
    return strings
