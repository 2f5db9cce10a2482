"""Material's `blog` options, read as Material reads them, turned into folio's settings.

A site that switches `- blog:` for `- folio:` keeps its options. This module takes the options
the user wrote (plain data) and gives back the folio options they stand for, the settings only
Material has (URL date formats, category and author pages, the pager), and one warning per
option folio cannot honour. The names and defaults are those of Material 9.x's
`material/plugins/blog/config.py`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Collection, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from pymdownx.slugs import slugify as pymdownx_slugify

from .authors import Author
from .structure.collection import PostCollection
from .structure.errors import PostError
from .structure.pages import ArchivePeriod, Kind, PagePlan, PostGroup
from .structure.paths import folder_problem, url_template_problem
from .structure.post import Post
from .structure.routing import post_path, url_format_problem

log = get_plugin_logger(__name__)

Slugify = Callable[[str, str], str]

_MATERIAL_SLUGIFY: Slugify = pymdownx_slugify(case="lower")

MATERIAL_DEFAULTS: dict[str, Any] = {
    "blog_dir": "blog",
    "blog_toc": False,
    "post_dir": "{blog}/posts",
    "post_date_format": "long",
    "post_url_date_format": "yyyy/MM/dd",
    "post_url_format": "{date}/{slug}",
    "post_url_max_categories": 1,
    "post_slugify": _MATERIAL_SLUGIFY,
    "post_slugify_separator": "-",
    "post_excerpt": "optional",
    "post_excerpt_max_authors": 1,
    "post_excerpt_max_categories": 5,
    "post_excerpt_separator": "<!-- more -->",
    "post_readtime": True,
    "post_readtime_words_per_minute": 265,
    "archive": True,
    "archive_name": "blog.archive",
    "archive_date_format": "yyyy",
    "archive_url_date_format": "yyyy",
    "archive_url_format": "archive/{date}",
    "archive_pagination": None,
    "archive_pagination_per_page": None,
    "archive_toc": None,
    "categories": True,
    "categories_name": "blog.categories",
    "categories_url_format": "category/{slug}",
    "categories_slugify": _MATERIAL_SLUGIFY,
    "categories_slugify_separator": "-",
    "categories_sort_by": None,
    "categories_sort_reverse": False,
    "categories_allowed": [],
    "categories_pagination": None,
    "categories_pagination_per_page": None,
    "categories_toc": None,
    "authors": True,
    "authors_file": "{blog}/.authors.yml",
    "authors_profiles": False,
    "authors_profiles_name": "blog.authors",
    "authors_profiles_url_format": "author/{slug}",
    "authors_profiles_pagination": None,
    "authors_profiles_pagination_per_page": None,
    "authors_profiles_toc": None,
    "pagination": True,
    "pagination_per_page": 10,
    "pagination_url_format": "page/{page}",
    "pagination_format": "~2~",
    "pagination_if_single_page": False,
    "pagination_keep_content": False,
    "pagination_template": None,
    "draft": False,
    "draft_on_serve": True,
    "draft_if_future_date": False,
}
"""Every option of Material's blog plugin with Material's default."""

SHARED_OPTIONS = frozenset(
    {
        "enabled",
        "authors_file",
        "archive",
        "draft",
        "draft_on_serve",
        "draft_if_future_date",
        "post_url_format",
    }
)
"""Options spelled the same in folio and in Material: they alone do not tell the two apart."""

MATERIAL_ONLY = frozenset(MATERIAL_DEFAULTS) - SHARED_OPTIONS

# Options that only shape Material's own nav sections or table of contents; folio keeps its
# own nav and page tables of contents, so changing them has no effect there.
_NOT_HONOURED: dict[str, str] = {
    "blog_toc": "listing pages show no table of contents of the excerpts",
    "archive_toc": "archive pages show no table of contents of the excerpts",
    "categories_toc": "category pages show no table of contents of the excerpts",
    "authors_profiles_toc": "author pages show no table of contents of the excerpts",
    "categories_sort_by": "the Categories nav section is sorted by name",
    "categories_sort_reverse": "the Categories nav section is sorted by name",
}


# What folio does for these options, where Material's default (None) means "as blog_toc".
_as_folio_does = {"archive_toc": False, "categories_toc": False, "authors_profiles_toc": False}


class MaterialOptionError(ValueError):
    """A Material option folio cannot turn into a site; the message names it and the fix."""


@dataclass(frozen=True)
class ViewPlan:
    """How one kind of Material view (archive, category, author) is paged and placed."""

    url_format: str
    """Path under the blog folder, with Material's fields, e.g. 'category/{slug}'."""
    per_page: int | None
    """Posts per page; None puts every post on one page."""


@dataclass(frozen=True)
class MaterialBlog:
    """Material's blog options, resolved: what folio needs to build the same site."""

    blog_dir: str
    posts_dir: str
    listing_page: str
    post_url_format: str
    post_url_date_format: str
    post_date_format: str
    post_url_max_categories: int
    post_slugify: Callable[[str], str]
    category_slugify: Callable[[str], str]
    per_page: int | None
    pagination_url_format: str
    pagination_format: str
    pagination_if_single_page: bool
    pagination_keep_content: bool
    archive: ViewPlan | None
    archive_date_format: str
    categories: ViewPlan | None
    categories_allowed: tuple[str, ...]
    authors: bool
    authors_profiles: ViewPlan | None
    authors_file: str
    excerpt_required: bool
    excerpt_separator: str
    excerpt_max_authors: int
    excerpt_max_categories: int
    readtime: bool
    words_per_minute: int
    draft: bool
    draft_on_serve: bool
    draft_if_future_date: bool
    archive_url_date_format: str = "yyyy"
    archive_name: str = "blog.archive"
    categories_name: str = "blog.categories"
    authors_profiles_name: str = "blog.authors"
    slug_key: tuple[Any, ...] = ()
    """What the post slugs depend on, comparable across `mkdocs serve` rebuilds."""
    warnings: list[str] = field(default_factory=list)

    def folio_options(self) -> dict[str, Any]:
        """folio's own options with the values these Material options stand for."""
        archive_dir = ""
        if self.archive is not None:
            archive_dir = _under(self.blog_dir, posixpath.dirname(self.archive.url_format))
        return {
            "posts_dir": self.posts_dir,
            "listing_page": self.listing_page,
            "post_url_format": self.post_url_format,
            "per_page": self.per_page or 1_000_000_000,
            "excerpt_separator": self.excerpt_separator,
            "excerpt_style": "material",
            "excerpt_required": self.excerpt_required,
            "words_per_minute": self.words_per_minute,
            "reading_time": self.readtime,
            "reading_time_style": "material",
            "archive": self.archive is not None,
            "archive_dir": archive_dir or "archive",
            "authors_file": self.authors_file,
            "draft": self.draft,
            "draft_on_serve": self.draft_on_serve,
            "draft_if_future_date": self.draft_if_future_date,
            # Material has categories, not tags: folio's tag pages and tag chips are opt-in.
            "tags": False,
            "categories_as_tags": False,
        }

    def section_name(self, kind: Kind) -> str:
        """What titles the nav section of the year, category or author pages: a key of
        Material's translations, or text."""
        names = {
            Kind.YEAR: self.archive_name,
            Kind.CATEGORY: self.categories_name,
            Kind.AUTHOR: self.authors_profiles_name,
        }
        return names[kind]

    def paginates(self, kind: str) -> bool:
        """Whether Material paginates this kind of view ('home', 'year', 'category', ...)."""
        plans = {"year": self.archive, "category": self.categories, "author": self.authors_profiles}
        if kind in plans:
            plan = plans[kind]
            return plan is not None and plan.per_page is not None
        return self.per_page is not None

    # Paths --------------------------------------------------------------------------------

    def post_path(self, post: Post) -> str:
        """The post's path as Material's `_format_path_for_post` gives it."""
        categories = [
            self.category_slugify(name)
            for name in categories_of(post)[: max(0, self.post_url_max_categories)]
        ]
        return post_path(
            post,
            self.post_url_format,
            date=format_ldml(post.date, self.post_url_date_format),
            categories="/".join(categories),
        )

    def archive_src_uri(self, moment: datetime, locale: str = "en") -> str:
        """The archive view a post of this date is on, as Material's
        `_format_path_for_archive` gives it."""
        assert self.archive is not None
        date = format_ldml(moment, self.archive_url_date_format, locale)
        return _view_src_uri(self.blog_dir, self.archive.url_format.format(date=date))

    def archive_periods(self, posts: Iterable[Post], locale: str = "en") -> list[ArchivePeriod]:
        """Material's archive views: `posts` (newest first) grouped by the path their date
        gives under `archive_url_date_format` (a page per year with 'yyyy', per month with
        'yyyy/MM'), in the order of their newest posts, each titled with its newest post's
        date in `archive_date_format`, as Material names a view after the post that made it."""
        periods: dict[str, ArchivePeriod] = {}
        for post in posts:
            src_uri = self.archive_src_uri(post.date, locale)
            if src_uri not in periods:
                title = format_ldml(post.date, self.archive_date_format, locale)
                periods[src_uri] = ArchivePeriod(post.year, title, src_uri, [])
            periods[src_uri].posts.append(post)
        return list(periods.values())

    def category_src_uri(self, name: str) -> str:
        assert self.categories is not None
        slug = self.category_slugify(name)
        return _view_src_uri(self.blog_dir, self.categories.url_format.format(slug=slug))

    def author_src_uri(self, author_id: str, name: str, slug: str | None = None) -> str:
        assert self.authors_profiles is not None
        path = self.authors_profiles.url_format.format(slug=slug or author_id, name=name)
        return _view_src_uri(self.blog_dir, path)


def categories_of(post: Post) -> list[str]:
    """Material's `categories` front matter of a post, as a list of names."""
    value = post.meta.get("categories")
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value if isinstance(item, str | int | float)]
    return []


def is_material_spelling(option_names: Collection[str], docs_dir: Path) -> bool:
    """Whether folio should read its options as Material's blog plugin does.

    True when an option only Material has is set, or when no folio-only option is set and
    the docs hold Material's default blog folder (`blog/posts/`) but no `posts/`."""
    names = set(option_names)
    if names & MATERIAL_ONLY:
        return True
    if names - SHARED_OPTIONS:
        return False
    return (docs_dir / "blog" / "posts").is_dir() and not (docs_dir / "posts").is_dir()


def resolve(options: Mapping[str, Any]) -> MaterialBlog:
    """Material's options as the user set them, with Material's defaults for the rest."""
    unknown = set(options) - set(MATERIAL_DEFAULTS)
    assert not unknown, f"not Material options: {sorted(unknown)}"
    given = {name: value for name, value in options.items() if value is not None}
    if "pagination_template" in given:  # Material's old name, as Material reads it
        given.setdefault("pagination_format", given.pop("pagination_template"))
    values = {**MATERIAL_DEFAULTS, **given}
    warnings = [
        f"Material's blog option '{name}' is not used by folio: {why}"
        for name, why in _NOT_HONOURED.items()
        if name in given and given[name] != _as_folio_does.get(name, MATERIAL_DEFAULTS[name])
    ]

    blog_dir = _clean_dir(values["blog_dir"], "blog_dir")
    posts_dir = _clean_dir(values["post_dir"].format(blog=blog_dir), "post_dir")
    post_url_format = _under(blog_dir, values["post_url_format"].strip("/")) + "/"
    problem = url_format_problem(post_url_format) or url_template_problem(post_url_format)
    if problem:
        raise MaterialOptionError(
            f"post_url_format: '{values['post_url_format']}' {problem}; "
            "Material's default is '{date}/{slug}'"
        )

    def per_page(switch: str | None, count: str | None) -> int | None:
        enabled = (
            values["pagination"] if switch is None or values[switch] is None else values[switch]
        )
        if not enabled:
            return None
        number = values["pagination_per_page"] if count is None else values[count]
        number = values["pagination_per_page"] if number is None else number
        if not isinstance(number, int) or isinstance(number, bool) or number < 1:
            raise MaterialOptionError(
                f"{count or 'pagination_per_page'}: expected a whole number of at least 1,"
                f" got {number!r}"
            )
        return number

    archive = None
    if values["archive"]:
        archive_format = values["archive_url_format"].strip("/")
        if "{date}" not in archive_format:
            raise MaterialOptionError(
                f"archive_url_format: '{archive_format}' must contain {{date}},"
                " like Material's default 'archive/{date}'"
            )
        archive = ViewPlan(
            archive_format,
            per_page("archive_pagination", "archive_pagination_per_page"),
        )
        problem = _archive_date_problem(archive_format, values["archive_url_date_format"])
        if problem:
            warnings.append(
                "Material's blog option 'archive_url_date_format' is"
                f" '{values['archive_url_date_format']}': {problem}; folio's archive has a page"
                " per year instead ('yyyy')"
            )
            values["archive_url_date_format"] = "yyyy"
    for option in ("archive_url_format", "categories_url_format", "authors_profiles_url_format"):
        problem = url_template_problem(str(values[option]).strip("/") + "/")
        if problem:
            raise MaterialOptionError(f"{option}: '{values[option]}' {problem}")
    categories = None
    if values["categories"]:
        categories = ViewPlan(
            values["categories_url_format"].strip("/"),
            per_page("categories_pagination", "categories_pagination_per_page"),
        )
    profiles = None
    if values["authors"] and values["authors_profiles"]:
        profiles = ViewPlan(
            values["authors_profiles_url_format"].strip("/"),
            per_page("authors_profiles_pagination", "authors_profiles_pagination_per_page"),
        )
    post_separator = str(values["post_slugify_separator"])
    category_separator = str(values["categories_slugify_separator"])
    post_slugify: Slugify = values["post_slugify"]
    category_slugify: Slugify = values["categories_slugify"]
    return MaterialBlog(
        blog_dir=blog_dir,
        posts_dir=posts_dir,
        listing_page=_under(blog_dir, "index.md"),
        post_url_format=post_url_format,
        post_url_date_format=str(values["post_url_date_format"]),
        post_date_format=str(values["post_date_format"]),
        post_url_max_categories=int(values["post_url_max_categories"]),
        post_slugify=lambda text: str(post_slugify(text, post_separator)),
        category_slugify=lambda text: str(category_slugify(text, category_separator)),
        per_page=per_page(None, None),
        pagination_url_format=str(values["pagination_url_format"]),
        pagination_format=str(values["pagination_format"]),
        pagination_if_single_page=bool(values["pagination_if_single_page"]),
        pagination_keep_content=bool(values["pagination_keep_content"]),
        archive=archive,
        archive_date_format=str(values["archive_date_format"]),
        archive_url_date_format=str(values["archive_url_date_format"]),
        categories=categories,
        categories_allowed=tuple(str(name) for name in values["categories_allowed"]),
        authors=bool(values["authors"]),
        authors_profiles=profiles,
        authors_file=_clean_dir(values["authors_file"].format(blog=blog_dir), "authors_file"),
        excerpt_required=values["post_excerpt"] == "required",
        excerpt_separator=str(values["post_excerpt_separator"]),
        excerpt_max_authors=int(values["post_excerpt_max_authors"]),
        excerpt_max_categories=int(values["post_excerpt_max_categories"]),
        readtime=bool(values["post_readtime"]),
        words_per_minute=int(values["post_readtime_words_per_minute"]),
        draft=bool(values["draft"]),
        draft_on_serve=bool(values["draft_on_serve"]),
        draft_if_future_date=bool(values["draft_if_future_date"]),
        archive_name=str(values["archive_name"]),
        categories_name=str(values["categories_name"]),
        authors_profiles_name=str(values["authors_profiles_name"]),
        slug_key=("material", post_slugify, post_separator),
        warnings=warnings,
    )


def material_page_plan(
    plan: PagePlan,
    blog: MaterialBlog,
    collection: PostCollection,
    authors: Mapping[str, Author],
    locale: str = "en",
) -> PagePlan:
    """folio's page plan with Material's pages: later pages at Material's URLs, a paginated
    excerpt listing per year, per category and (with `authors_profiles`) per author.

    Raises PostError for a post whose category is not in `categories_allowed`."""
    groups: list[PostGroup] = []
    if blog.categories is not None:
        by_path: dict[str, tuple[str, list[Post]]] = {}
        for post in collection.posts:
            for name in dict.fromkeys(categories_of(post)):
                if blog.categories_allowed and name not in blog.categories_allowed:
                    allowed = ", ".join(blog.categories_allowed)
                    raise PostError(
                        post.src_uri,
                        "categories",
                        f"names '{name}', which is not in categories_allowed ({allowed});"
                        " add it there or fix the name",
                    )
                src_uri = blog.category_src_uri(name)
                by_path.setdefault(src_uri, (name, []))[1].append(post)
        groups += [
            PostGroup(Kind.CATEGORY, name, src_uri, posts, blog.categories.per_page)
            for src_uri, (name, posts) in by_path.items()
        ]
    if blog.authors_profiles is not None:
        profiles: dict[str, tuple[str, list[Post]]] = {}
        for post in collection.posts:
            for author_id in dict.fromkeys(post.authors):
                author = authors.get(author_id)
                name = author.name if author else author_id
                src_uri = blog.author_src_uri(author_id, name, author.slug if author else None)
                profiles.setdefault(src_uri, (name, []))[1].append(post)
        groups += [
            PostGroup(Kind.AUTHOR, name, src_uri, posts, blog.authors_profiles.per_page)
            for src_uri, (name, posts) in profiles.items()
        ]
    return replace(
        plan,
        per_page=blog.per_page or max(1, len(collection.posts)),
        pagination_url_format=blog.pagination_url_format,
        archive_periods=tuple(blog.archive_periods(collection.posts, locale))
        if blog.archive is not None
        else None,
        year_per_page=blog.archive.per_page if blog.archive is not None else 0,
        groups=tuple(groups),
    )


def material_translation(config: MkDocsConfig, key: str) -> str:
    """A text of Material's theme in the site's language (`blog.archive` is "Archive"), as
    Material's blog titles its nav sections; a key it does not know is shown as written."""
    try:
        env = config.theme.get_env()
        template = env.get_template("partials/language.html", globals={"config": config})
        return str(template.module.t(key)).strip() or key  # type: ignore[attr-defined]
    except Exception:
        return key


# Dates ----------------------------------------------------------------------------------------


def format_ldml(moment: datetime, pattern: str, locale: str = "en") -> str:
    """A date formatted as Material formats it: babel, `full`/`long`/`medium`/`short` without
    the time, anything else as an LDML pattern like 'yyyy/MM/dd'."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date, format_datetime

    locale = locale.replace("-", "_")
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError):
        locale = "en"  # a theme language babel does not know
    if pattern in ("full", "long", "medium", "short"):
        return str(format_date(moment, format=pattern, locale=locale))
    return str(format_datetime(moment, format=pattern, locale=locale))


def _archive_date_problem(url_format: str, pattern: object) -> str | None:
    """Why archive paths cannot be made with this date pattern (None when they can)."""
    sample = datetime(2024, 3, 5, 14, 30)
    try:
        date = format_ldml(sample, str(pattern))
    except Exception as error:  # babel's errors for bad patterns have no common base
        return f"babel cannot format a date with it ({error})"
    path = posixpath.normpath(url_format.format(date=date).strip("/"))
    problem = folder_problem(path, example="archive/2024/03")
    if path.startswith("..") or problem:
        return f"it gives archive paths like '{path}', which {problem or 'leave the blog folder'}"
    return None


# Paths ----------------------------------------------------------------------------------------


def _clean_dir(path: str, option: str) -> str:
    text = str(path).strip().strip("/") or "."
    normalized = posixpath.normpath(text)
    problem = None
    if normalized.startswith(".."):
        problem = "must be a relative path inside docs_dir, like 'blog'"
    elif normalized != ".":
        problem = folder_problem(text, example="blog")
    if problem:
        raise MaterialOptionError(f"{option}: '{path}' {problem}")
    return "" if normalized == "." else normalized


def _under(folder: str, path: str) -> str:
    return f"{folder}/{path}" if folder else path


def _view_src_uri(blog_dir: str, path: str) -> str:
    """The source path Material gives a view: normalized, under the blog folder, `.md`."""
    normalized = posixpath.normpath(path.strip("/"))
    problem = folder_problem(normalized, example="category/rust")
    if normalized.startswith("..") or problem:
        raise MaterialOptionError(f"'{path}' {problem or 'leaves the blog folder'}")
    return _under(blog_dir, normalized) + ".md"


__all__ = [
    "MATERIAL_DEFAULTS",
    "MaterialBlog",
    "MaterialOptionError",
    "ViewPlan",
    "categories_of",
    "format_ldml",
    "is_material_spelling",
    "material_page_plan",
    "material_translation",
    "resolve",
]


def has_material_tags(config: MkDocsConfig) -> bool:
    """Whether Material's tags plugin builds the site too (a docs site's tags.md is its)."""
    return "material/tags" in config.plugins or "tags" in config.plugins


def apply_material_options(
    options: MutableMapping[str, Any], written: Collection[str], docs_dir: Path
) -> MaterialBlog:
    """Material's blog options as written (`written` names the options the user wrote),
    Material's defaults for the rest, applied to folio's own `options` the user did not set.

    Raises PluginError for an option folio cannot read; logs a warning for each one it
    cannot honour."""
    given = {name: options[name] for name in MATERIAL_DEFAULTS if name in written}
    try:
        blog = resolve(given)
    except MaterialOptionError as error:
        raise PluginError(f"folio: {error}") from None
    for warning in blog.warnings:
        log.warning(warning)
    for name, value in blog.folio_options().items():
        if name in MATERIAL_DEFAULTS or name not in written:
            options[name] = value
    if "authors_file" not in written and not (docs_dir / blog.authors_file).is_file():
        options["authors_file"] = ""  # Material's file is optional; folio's lookup then
    return blog
