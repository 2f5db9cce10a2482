"""folio's options in mkdocs.yml. Every option is documented here and in the README."""

from __future__ import annotations

from collections.abc import Callable
from string import Formatter
from typing import Any, ClassVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .structure.errors import describe
from .structure.images import ImageSpec, ImageValueError, parse_image_spec
from .structure.paths import file_problem, folder_problem, page_problem, url_template_problem
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
        problem = url_format_problem(text) or url_template_problem(text)
        if problem:
            raise ValidationError(f"The URL format {text!r} {problem}.")
        return text


class _SitePath(c.Type[str]):
    """A folder, page or file under docs_dir: relative, never climbing out, never a URL."""

    def __init__(self, default: str, *, kind: str, example: str, empty_means: str | None = None):
        super().__init__(str, default=default)
        self.kind, self.example, self.empty_means = kind, example, empty_means

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if self.kind == "folder":
            problem = folder_problem(text, example=self.example, empty_means=self.empty_means)
        elif self.kind == "page":
            problem = page_problem(text, example=self.example)
        else:
            problem = file_problem(text, example=self.example)
        if problem:
            raise ValidationError(f"The path {text!r} {problem}.")
        return text.strip().rstrip("/") if self.kind == "folder" else text.strip()


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


def _as_text(value: object) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value)


def template_problem(text: str) -> str | None:
    """Why a string with {fields} would break formatting, or None when it is fine."""
    try:
        fields = [piece for piece in Formatter().parse(text) if piece[1] is not None]
    except ValueError as error:
        return f"is not a valid text with {{fields}} ({error}); write '{{{{' for a literal '{{'"
    for _, name, spec, conversion in fields:
        assert name is not None
        if not name.isidentifier():
            return f"uses the field {{{name}}}; fields are names like {{count}}"
        if conversion or spec:
            written = text[text.find("{" + name) :].split("}", 1)[0] + "}"
            return f"uses {written}; write the plain field {{{name}}}"
    return None


class _TextMap(c.Type[dict[str, str]]):
    """A mapping of text to text; numbers count as text (`2024: Year`), anything else does not."""

    def __init__(self, *, templates: bool) -> None:
        super().__init__(dict, default={})
        self.templates = templates

    def run_validation(self, value: object) -> dict[str, str]:
        mapping = super().run_validation(value)
        texts: dict[str, str] = {}
        for key, item in mapping.items():
            name, text = _as_text(key), _as_text(item)
            if name is None:
                raise ValidationError(f"Expected text keys, got {describe(key)}.")
            if text is None:
                raise ValidationError(f"'{name}' must be text, got {describe(item)}.")
            problem = template_problem(text) if self.templates else None
            if problem:
                raise ValidationError(f"'{name}' {problem}.")
            texts[name] = text
        return texts


def _opt(kind: Any) -> Any:
    """An option of Material's blog plugin: unset (None) unless the user writes it, so folio
    knows which ones were written and applies Material's default to the others."""
    return c.Optional(c.Type(kind))


class MaterialBlogOptions(base.Config):
    """The options of Material's `blog` plugin, under their own names. Setting any of them
    (or keeping a bare `- folio` on Material's `blog/posts/` folder) makes folio read the blog
    as Material does: Material's defaults apply to the options not set. Options folio cannot
    honour give a warning naming them."""

    blog_dir = _opt(str)
    """Material: the blog's folder under docs_dir (default `blog`; `.` for a standalone blog)."""

    blog_toc = _opt(bool)
    """Material: table of contents of the excerpts on listing pages (not used by folio)."""

    post_dir = _opt(str)
    """Material: the posts folder (default `{blog}/posts`)."""

    post_date_format = _opt(str)
    """Material: how dates are shown (babel: `long`, `medium`, `short`, or a pattern)."""

    post_url_date_format = _opt(str)
    """Material: the `{date}` of post URLs (babel pattern, default `yyyy/MM/dd`)."""

    post_url_max_categories = _opt(int)
    """Material: how many categories `{categories}` in the post URL holds (default 1)."""

    post_slugify = _opt(Callable)
    """Material: the function that turns titles into slugs (default pymdownx's lower case)."""

    post_slugify_separator = _opt(str)
    """Material: the separator between slug words (default `-`)."""

    post_excerpt = c.Optional(c.Choice(("optional", "required")))
    """Material: `required` stops the build for a post without the excerpt separator."""

    post_excerpt_max_authors = _opt(int)
    """Material: authors shown with each listing entry (default 1)."""

    post_excerpt_max_categories = _opt(int)
    """Material: categories shown with each listing entry (default 5)."""

    post_excerpt_separator = _opt(str)
    """Material: the excerpt separator (default `<!-- more -->`)."""

    post_readtime = _opt(bool)
    """Material: show the reading time (default true)."""

    post_readtime_words_per_minute = _opt(int)
    """Material: reading speed (default 265)."""

    archive_name = _opt(str)
    """Material: title of the nav section of archive pages (default `blog.archive`: "Archive")."""

    archive_date_format = _opt(str)
    """Material: archive page titles, a babel date format (default `yyyy`; `MMMM yyyy`)."""

    archive_url_date_format = _opt(str)
    """Material: the `{date}` of archive URLs, one page per period (`yyyy`; `yyyy/MM`)."""

    archive_url_format = _opt(str)
    """Material: archive page URL under `blog_dir` (default `archive/{date}`)."""

    archive_pagination = _opt(bool)
    """Material: paginate archive pages (default: `pagination`)."""

    archive_pagination_per_page = _opt(int)
    """Material: posts per archive page (default: `pagination_per_page`)."""

    archive_toc = _opt(bool)
    """Material: table of contents on archive pages (not used by folio)."""

    categories = _opt(bool)
    """Material: a page per category (default true)."""

    categories_name = _opt(str)
    """Material: title of the nav section of category pages (default: "Categories")."""

    categories_url_format = _opt(str)
    """Material: category page URL under `blog_dir` (default `category/{slug}`)."""

    categories_slugify = _opt(Callable)
    """Material: the function that turns category names into slugs."""

    categories_slugify_separator = _opt(str)
    """Material: the separator between category slug words (default `-`)."""

    categories_sort_by = _opt(Callable)
    """Material: order of the categories nav section (not used: sorted by name)."""

    categories_sort_reverse = _opt(bool)
    """Material: reverse that order (not used by folio)."""

    categories_allowed = _opt(list)
    """Material: the only categories posts may use; others stop the build."""

    categories_pagination = _opt(bool)
    """Material: paginate category pages (default: `pagination`)."""

    categories_pagination_per_page = _opt(int)
    """Material: posts per category page (default: `pagination_per_page`)."""

    categories_toc = _opt(bool)
    """Material: table of contents on category pages (not used by folio)."""

    authors = _opt(bool)
    """Material: show post authors (default true)."""

    authors_profiles = _opt(bool)
    """Material: a page per author listing their posts (default false)."""

    authors_profiles_name = _opt(str)
    """Material: title of the nav section of author pages (default: "Authors")."""

    authors_profiles_url_format = _opt(str)
    """Material: author page URL under `blog_dir` (default `author/{slug}`)."""

    authors_profiles_pagination = _opt(bool)
    """Material: paginate author pages (default: `pagination`)."""

    authors_profiles_pagination_per_page = _opt(int)
    """Material: posts per author page (default: `pagination_per_page`)."""

    authors_profiles_toc = _opt(bool)
    """Material: table of contents on author pages (not used by folio)."""

    pagination = _opt(bool)
    """Material: paginate listings (default true)."""

    pagination_per_page = _opt(int)
    """Material: posts per listing page (default 10)."""

    pagination_url_format = _opt(str)
    """Material: later listing pages' URL (default `page/{page}`)."""

    pagination_format = _opt(str)
    """Material: the numbered pager's layout (default `~2~`, two pages either side)."""

    pagination_if_single_page = _opt(bool)
    """Material: show the pager when there is a single page (default false)."""

    pagination_keep_content = _opt(bool)
    """Material: later listing pages repeat the text of the listing page you wrote."""

    pagination_template = _opt(str)
    """Material's old name of `pagination_format`."""


class PaletteConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Ship the command palette (Ctrl/Cmd+K) and its header button."""

    shortcuts = _KeyList(["mod+k"])
    """Shortcuts that open the palette; `mod` is Cmd on macOS and Ctrl elsewhere."""

    full_text = c.Type(bool, default=True)
    """Offer full-text results from the search index when few titles match."""

    recent = _PositiveInt(5, minimum=0)
    """How many recently visited posts the empty palette lists first."""

    strings = _TextMap(templates=True)
    """Override any text of the palette, e.g. `{placeholder: "Type a command..."}`."""


class FolioConfig(MaterialBlogOptions):
    enabled = c.Type(bool, default=True)
    """Turn folio off without removing it from `plugins`, e.g. `enabled: !ENV [FOLIO, true]`."""

    posts_dir = _SitePath("posts", kind="folder", example="posts", empty_means="all of docs_dir")
    """Folder under `docs_dir` whose Markdown files are posts (subfolders included); `""` makes
    every page of `docs_dir` except `listing_page` a post."""

    listing_page = _SitePath("index.md", kind="page", example="blog/index.md")
    """Page that shows the post listing: after its content, or at `<!-- folio:posts -->`.
    It is generated when the page does not exist."""

    post_url_format = _UrlFormat("posts/{slug}/")
    """URL of a post relative to the site root. Fields: {slug}, {year}, {month}, {day}, {file},
    {date} (YYYY/MM/DD) and {categories}. When folio reads Material's options, this is
    Material's option: relative to `blog_dir`, `{date}` per `post_url_date_format`."""

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

    tags_dir = _SitePath("tags", kind="folder", example="tags")
    """Folder of the tags index (`tags/`) and of the tag pages (`tags/<slug>/`)."""

    tags_display = _TextMap(templates=False)
    """Display names for tags, e.g. `{ebpf: eBPF}`. Keys match case-insensitively."""

    archive = c.Type(bool, default=True)
    """Generate the archive (`archive/`) and one page per year (`archive/2026/`)."""

    archive_dir = _SitePath("archive", kind="folder", example="archive")
    """Folder of the archive pages."""

    related_posts = _PositiveInt(3, minimum=0)
    """How many related posts (by shared tags) to show under a post; 0 turns them off."""

    post_toc = c.Type(bool, default=True)
    """Show the table of contents sidebar on posts; false hides it (Material's `hide: [toc]`)."""

    authors_file = _SitePath("", kind="file", example="authors.yml")
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

    strings = _TextMap(templates=True)
    """Override any text folio shows, e.g. `{reading_time: "{minutes} min"}`; see the README."""

    slug_style = c.Choice(("folio", "material"), default="folio")
    """How titles become slugs: `folio` (ASCII where possible, `c++` is `c-plus-plus`) or
    `material`, the slugs of Material's blog plugin, so migrated posts keep their URLs."""

    categories_as_tags = c.Type(bool, default=False)
    """Treat Material's front matter `categories` as tags too (tag pages, chips, feeds and
    `page.meta.tags`, which Material's tags plugin lists). false: they stay categories."""

    nav_recent = _PositiveInt(0, minimum=0)
    """Add a nav section listing the newest N posts with their dates (0: no section)."""

    default_image: c.Optional[ImageSpec] = c.Optional(_Image())
    """Image for link previews (`og:image`, `twitter:image`, JSON-LD) of every page without a
    cover of its own: a path under `docs_dir` or an https:// URL, or `{src, alt}`."""

    material_templates = c.Optional(c.Type(bool))
    """Render posts with Material's `blog-post.html` (sidebar with back link, authors, date,
    categories, reading time) and post listings with `blog.html` (Material's entries and
    numbered pager). Unset: on when folio reads Material's blog options, off otherwise."""

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
    "continue_reading": "Continue reading",
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
