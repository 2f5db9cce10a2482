"""The MkDocs event hooks. They stay thin: the work happens in structure/ and in modules
that take plain data (post_sources, listing_pages, navigation, titles, render, ...)."""

from __future__ import annotations

import html
from collections.abc import Callable, Hashable
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .anchors import selector_safe_heading_ids
from .authors import Author, resolve_authors, take_authors_file
from .bundle import Asset, add_to_config, folio_assets
from .config import FolioConfig, merged_strings
from .covers import resolve_covers
from .dirty import DirtyRebuilds
from .excerpt import SummaryOptions, heading_title, summarize_post
from .i18n import (
    Language,
    building_language,
    i18n_plugin,
    language_free_path,
    point_alternates,
    register_generated_pages,
)
from .links import ResolvedLink, resolve_post_links
from .listing_pages import (
    add_listing_pages,
    generated_listing_markdown,
    listing_folder,
    user_pages_by_destination,
)
from .material_compat import (
    MaterialBlog,
    MaterialOptionError,
    apply_material_options,
    has_material_tags,
    is_material_spelling,
    material_page_plan,
    material_translation,
)
from .material_templates import add_date_filter
from .material_views import MaterialViews
from .meta_files import MetaFile, meta_file_name, read_meta_files
from .navigation import (
    add_listing_entries,
    add_recent_posts,
    add_view_sections,
    attach_outside_nav,
)
from .offline import INDEX_SCRIPT_PATH, index_script, index_script_tag, offline_enabled
from .outputs import SiteOutputs
from .palette import palette_tag
from .palette_index import INDEX_PATH, palette_index_json
from .placement import missing_listing_message, shows_class
from .post_context import PostContext
from .post_pages import prepare_post_page
from .post_sources import (
    ParseOptions,
    parse_fresh,
    post_files,
    publish_posts,
    read_posts,
)
from .render import Renderer, fill, lists_titles_only, shows_excerpts
from .search import index_post, search_entries, upsert_document
from .search_cache import forget_search_plugins_memory
from .seo import inject_head
from .series import Series, build_series
from .serve_state import ServeStates
from .sharing import Sharing, SharingOptions
from .site_files import image_finder, place, populate_page, rebuild_every_time, rendered_content
from .structure.collection import PostCollection
from .structure.dates import format_date
from .structure.errors import PostError
from .structure.images import Image
from .structure.pages import Kind, Listing, PagePlan, blog_folder, plan_pages, year_urls
from .structure.post import Post
from .structure.slugs import SLUG_STYLES
from .template_cache import CompiledTemplates
from .titles import listing_title, with_title

log = get_plugin_logger(__name__)

PACKAGE_DIR = Path(__file__).parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"


class FolioPlugin(BasePlugin[FolioConfig]):
    """Turns the Markdown files under `posts_dir` into a blog."""

    def __init__(self) -> None:
        self.is_serve = False
        self.is_dirty = False
        self.option_names: frozenset[str] = frozenset()
        self.material: MaterialBlog | None = None
        # Only `mkdocs serve` builds again with the same plugin instance: what it keeps for
        # the next build, per language; `kept` is that of the language being built.
        self.serve_states = ServeStates()
        self.kept = self.serve_states.for_language("")
        self.template_environments: dict[Hashable, Environment] = {}
        self.compiled_templates = CompiledTemplates()  # serve only: outlives each build's env
        self._reset()

    def _reset(self) -> None:
        # Everything below is rebuilt from the sources on every build, so that `mkdocs serve`
        # never shows a deleted post or the old title of an edited one.
        self.collection = PostCollection([])
        self.meta_files: list[MetaFile] = []
        self.drafts: set[Post] = set()
        self.listings: dict[str, Listing] = {}
        self.renderer: Renderer | None = None
        self.material_views: MaterialViews | None = None  # made in on_env, with the renderer
        self.nav: Navigation | None = None
        self.palette_index_file: File | None = None
        self.palette_script_file: File | None = None  # the index as a script, for `offline`
        self.search_entries: list[dict[str, Any]] | None = None
        self.post_authors: dict[Post, list[Author]] = {}
        self.series: dict[Post, Series] = {}
        self.post_links: dict[Post, list[ResolvedLink]] = {}
        self.recent_links: list[tuple[Link, Post]] = []
        self.post_html: dict[Post, str] = {}  # as MkDocs rendered it, for full-content feeds
        self.content_before_folio: dict[str, str] = {}
        self.listing_roots: dict[str, str | None] = {}  # to check the listing reached the page
        self.sharing: Sharing | None = None
        self.language: Language | None = None
        self.images: dict[Post, Image] = {}
        self.default_image: Image | None = None
        self.home_src_uri = ""
        self.page_order: list[str] = []
        self.authors_by_id: dict[str, Author] = {}
        self.view_urls: dict[str, str] = {}  # first listing pages by source path
        self.post_headings: dict[Post, str | None] = {}
        # The HTML each post's heading was read from, until its page is indexed for search.
        self.heading_sources: dict[Post, str] = {}
        self.post_context = PostContext()
        self.post_texts: dict[str, str] = {}  # read for the posts' front matter, by src_uri

    def load_config(
        self, options: dict[str, Any], config_file_path: str | None = None
    ) -> tuple[Any, Any]:
        # Which options the user wrote: Material's defaults apply to the others.
        self.option_names = frozenset(options)
        return super().load_config(options, config_file_path)

    # Having on_startup keeps this instance alive across `mkdocs serve` rebuilds.
    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.is_dirty = dirty
        self.serve_states = ServeStates(serve=self.is_serve, dirty=dirty)
        self.kept = self.serve_states.for_language("")

    @property
    def dirty(self) -> DirtyRebuilds | None:
        """`mkdocs serve --dirty` only: the pages to write again, for the language built."""
        return self.kept.dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.material = None
        if is_material_spelling(self.option_names, Path(config.docs_dir)):
            self.material = apply_material_options(
                self.config, self.option_names, Path(config.docs_dir)
            )
        self.zone = ZoneInfo(self.config.timezone)
        self.strings = merged_strings(self.config.strings)
        self.site_name = config.site_name
        slug_style = self._slug_style
        self.parse_options = ParseOptions(
            posts_dir=self.config.posts_dir,
            zone=self.zone,
            slug_style=slug_style,
            slug_key=self.material.slug_key if self.material is not None else slug_style,
            categories_as_tags=self.config.categories_as_tags,
            file_as_written=self.material is not None,
        )
        self.summary_options = SummaryOptions(
            separator=self.config.excerpt_separator,
            length=self.config.excerpt_length,
            words_per_minute=self.config.words_per_minute,
            excerpt_style=self.config.excerpt_style,
            reading_time_style=self.config.reading_time_style,
            reading_time=self.config.reading_time,
        )
        # Last in the search path, so a theme's custom_dir can override any folio template.
        config.theme.dirs.append(str(TEMPLATES_DIR))
        palette = self.config.palette
        # One stylesheet and one script per page, minified, named by a hash of their content.
        self.assets: list[Asset] = folio_assets(palette=palette.enabled)
        add_to_config(config, self.assets)
        self.palette_tag = palette_tag(palette, language_prefix="") if palette.enabled else ""
        self.i18n = i18n_plugin(config.plugins)
        self.offline = offline_enabled(config.plugins)
        return config

    def _material_post_path(self, prefix: str) -> Callable[[Post], str] | None:
        blog = self.material
        return None if blog is None else (lambda post: prefix + blog.post_path(post))

    @property
    def _material_templates(self) -> bool:
        chosen = self.config.material_templates
        return self.material is not None if chosen is None else bool(chosen)

    @property
    def _slug_style(self) -> Callable[[str], str]:
        if self.material is not None:
            return self.material.post_slugify
        return SLUG_STYLES[self.config.slug_style]

    # Files -------------------------------------------------------------------------------

    @event_priority(50)  # early, so other plugins see folio's pages and post URLs
    def _on_files_alone(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.i18n is not None:
            return None
        return self._add_blog(files, config)

    # mkdocs-static-i18n (priority -100) replaces every file of docs_dir by the one of the
    # language it builds, and stops on files that have no source: run after it, on that
    # language's posts, and put this language's pages under its folder.
    @event_priority(-110)
    def _on_files_after_i18n(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.i18n is None:
            return None
        return self._add_blog(files, config, building_language(self.i18n))

    on_files = CombinedEvent(_on_files_alone, _on_files_after_i18n)

    def _add_blog(
        self, files: Files, config: MkDocsConfig, language: Language | None = None
    ) -> Files:
        self._reset()
        self.language = language
        self.kept = self.serve_states.for_language(language.code if language else "")
        prefix = language.prefix if language else ""
        if self.config.palette.enabled and prefix:
            self.palette_tag = palette_tag(self.config.palette, language_prefix=prefix)
        kept = self.kept
        kept.parsed_posts.next_build()
        kept.rendered_bodies.next_build()
        kept.post_sources.next_build()
        visible, sources = self._read_posts(files, config)
        self.post_texts = sources
        try:
            self.collection = PostCollection(
                visible,
                url_format=prefix + self.config.post_url_format,
                use_directory_urls=config.use_directory_urls,
                tags_display=self.config.tags_display,
                slug_style=self._slug_style,
                path_of=self._material_post_path(prefix),
                kept_related=kept.related if self.is_serve else None,
            )
        except PostError as error:
            raise PluginError(str(error)) from None
        for merged in self.collection.merged_tags:
            log.warning(merged.warning)
        self.outputs = outputs = SiteOutputs(config)
        self._place_posts(files, config, language)
        outputs.note_user_files(files)
        self._add_authors_and_series(files, config)
        self._add_listing_pages(files, config)
        self.images, self.default_image = resolve_covers(
            self.collection, self.config.default_image, image_finder(files)
        )
        self.post_context = PostContext(
            drafts=self.drafts,
            related_count=self.config.related_posts,
            authors=self.post_authors,
            series=self.series,
            images=self.images,
        )
        self.sharing = Sharing(
            SharingOptions(
                feeds=self.config.feeds,
                tag_feeds=self.config.tag_feeds and self.config.tags,
                feed_content=self.config.feed_content,
                feed_limit=self.config.feed_limit,
            ),
            config,
            strings=self.strings,
            collection=self.collection,
            listings=self.listings,
            context=self.post_context,
            post_html=self.post_html,
            home_src_uri=self.home_src_uri,
            default_image=self.default_image,
        )
        self.sharing.add_feed_files(files, outputs, prefix=prefix)  # filled in on_env
        self._add_assets_and_index(files, prefix)
        outputs.check()
        if self.dirty is not None:
            self.dirty.keep_html = self.config.feed_content == "full"
            self.dirty.titles_only = self._lists_titles_only
            self.dirty.plan_bodies(config, files, self.collection, sources)
            self.dirty.skip_unchanged_listings(
                files,
                self.collection,
                self.listings,
                self.post_html,
                self.post_headings,
                self.post_context,
                titles=self._listing_title,
                year_urls=self._year_urls(),
            )
        if language is not None:
            listing_files = [
                file for file in files.documentation_pages() if file.src_uri in self.listings
            ]
            register_generated_pages(self.i18n, language.code, listing_files)
        return files

    def _read_posts(self, files: Files, config: MkDocsConfig) -> tuple[list[Post], dict[str, str]]:
        """The posts this build shows (its drafts noted), and their sources by path."""
        meta_file = meta_file_name(config.plugins)
        if meta_file is not None:
            try:
                self.meta_files = read_meta_files(files, meta_file)
            except PostError as error:
                raise PluginError(str(error)) from None
        posts, sources = read_posts(
            post_files(
                files, posts_dir=self.config.posts_dir, listing_page=self.config.listing_page
            ),
            read=self.kept.post_sources.read,
            parse=self._parse_file,
            required_separator=(
                self.config.excerpt_separator if self.config.excerpt_required else None
            ),
        )
        visible, self.drafts = publish_posts(
            posts,
            files,
            datetime.now(UTC),
            build_drafts=self.config.draft,
            future_is_draft=self.config.draft_if_future_date,
            written_false_publishes=self.material is not None,
            show_drafts=self.is_serve and self.config.draft_on_serve,
        )
        return visible, sources

    def _place_posts(self, files: Files, config: MkDocsConfig, language: Language | None) -> None:
        """Each post's file at the post's URL; under i18n, its translations' files too."""
        by_src_uri = files.src_uris  # one lookup per post, without normalising the path
        for post in self.collection:
            file = by_src_uri.get(post.src_uri)
            assert file is not None
            place(file, config.site_dir, post.dest_uri, post.url)
            self.outputs.claim(
                file,
                source=f"the post {post.src_uri}",
                fix=f"set another 'slug' in {post.src_uri} or change 'post_url_format'",
            )
            if language is not None:
                point_alternates(
                    file,
                    language,
                    config,
                    url_format=self.config.post_url_format,
                    parse=lambda alternate: self._parse_file(alternate, alternate.content_string),
                )

    def _add_assets_and_index(self, files: Files, prefix: str) -> None:
        """folio's stylesheet and script, and the palette's index, filled in on_env once every
        post's excerpt is known (also as a script under `offline`: pages opened from disk
        cannot fetch it)."""
        for asset in self.assets:
            self.outputs.add_own_file(files, asset.path, asset.content, f"folio's {asset.path}")
        self.palette_index_file = self.outputs.add_own_file(
            files, prefix + INDEX_PATH, "{}", "folio's palette index"
        )
        if self.offline and self.config.palette.enabled:
            self.palette_script_file = self.outputs.add_own_file(
                files,
                prefix + INDEX_SCRIPT_PATH,
                "",
                "folio's palette index for offline reading",
            )

    def _material_lists(self, listing: Listing) -> bool:
        """Whether Material's blog.html lists the excerpts, from the views folio gives it."""
        return self._material_templates and shows_excerpts(listing)

    def _lists_titles_only(self, listing: Listing) -> bool:
        if self._material_lists(listing):
            return False  # Material's blog.html shows excerpts
        return lists_titles_only(listing, tag_excerpts=self.config.tag_excerpts)

    def _parse_file(self, file: File, source: str) -> Post:
        path = language_free_path(file)
        return parse_fresh(
            file.src_uri, source, path, self.parse_options, self.meta_files, self.kept.parsed_posts
        )

    def _add_listing_pages(self, files: Files, config: MkDocsConfig) -> None:
        user_pages = user_pages_by_destination(files, self.collection.by_src_uri)
        plan = PagePlan(
            listing_page=self.config.listing_page,
            per_page=self.config.per_page,
            tag_per_page=self.config.per_page if self.config.tag_excerpts else None,
            tags_dir=self._folder("tags_dir", Kind.TAGS, user_pages, config)
            if self.config.tags
            else None,
            archive_dir=self._folder("archive_dir", Kind.ARCHIVE, user_pages, config)
            if self.config.archive
            else None,
        )
        if self.material is not None:
            try:
                plan = material_page_plan(
                    plan,
                    self.material,
                    self.collection,
                    self.authors_by_id,
                    locale=str(config.theme.get("language") or "en"),
                )
            except (PostError, MaterialOptionError) as error:
                raise PluginError(str(error)) from None
        pages = add_listing_pages(
            files,
            config,
            plan_pages(self.collection, plan),
            plan,
            user_pages,
            title=self._listing_title,
            material=self.material is not None,
            language_prefix=self.language.prefix if self.language is not None else "",
            outputs=self.outputs,
            on_user_page=self._carries_listing,
        )
        self.listings, self.view_urls = pages.listings, pages.view_urls
        self.home_src_uri = pages.home_src_uri

    def _carries_listing(self, file: File) -> None:
        """A page the user wrote that shows a listing changes whenever a post does."""
        if self.dirty is not None:
            self.dirty.render_listing_source(file)
        elif self.is_dirty:
            rebuild_every_time(file)

    def _folder(
        self, option: str, kind: Kind, user_pages: dict[str, File], config: MkDocsConfig
    ) -> str:
        return listing_folder(
            option,
            str(self.config[option]),
            kind,
            user_pages,
            blog=blog_folder(self.config.listing_page, self.config.posts_dir),
            language_prefix=self.language.prefix if self.language else "",
            may_move=option not in self.option_names and has_material_tags(config),
        )

    def _add_authors_and_series(self, files: Files, config: MkDocsConfig) -> None:
        found = take_authors_file(
            files, Path(config.docs_dir), self.config.authors_file, self.config.posts_dir
        )
        authors = found.authors if found is not None else None
        shown_path = found.shown_path if found is not None else None
        self.authors_by_id = authors or {}
        if self.material is not None and not self.material.authors:
            self.post_authors = {}
            return
        try:
            self.post_authors = resolve_authors(self.collection, authors, shown_path)
            self.series = build_series(self.collection)
        except PostError as error:
            raise PluginError(str(error)) from None

    # Navigation --------------------------------------------------------------------------

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if not self.config.enabled:
            return None
        self.nav = nav
        if self.config.nav_recent:
            self.recent_links = add_recent_posts(
                nav,
                self.collection,
                self.config.nav_recent,
                title=self.strings["recent_posts"],
                label=self._recent_label,
            )
        if self.config.nav and config.nav is None:
            add_listing_entries(
                nav,
                self._page_for(self.home_src_uri, files),
                self.listings.values(),
                partial(self._page_for, files=files),
                material=self.material is not None,
            )
        if self.material is not None:
            self._add_material_sections(nav, files, config)
        self._attach_to_listing(nav, files)
        return nav

    def _add_material_sections(self, nav: Navigation, files: Files, config: MkDocsConfig) -> None:
        blog = self.material
        if blog is None:
            return
        add_view_sections(
            nav,
            self._page_for(self.home_src_uri or self.config.listing_page, files),
            self.listings.values(),
            partial(self._page_for, files=files),
            # Translated only when shown: each lookup loads a template.
            title=lambda kind: html.escape(material_translation(config, blog.section_name(kind))),
        )

    def _attach_to_listing(self, nav: Navigation, files: Files) -> None:
        """Posts and listing pages outside the nav belong under the listing page, as with
        Material's blog: its nav entry and tab are active there, breadcrumbs lead back."""
        home = self._page_for(self.home_src_uri or self.config.listing_page, files)
        if home is None or home not in nav.pages:
            return
        sources = [*self.collection.by_src_uri, *self.listings]
        attach_outside_nav(nav, home, (self._page_for(src_uri, files) for src_uri in sources))

    def _recent_label(self, post: Post) -> str:
        date = format_date(post.date, self.config.date_format)
        return html.escape(fill(self.strings["recent_post"], title=post.title, date=date))

    @staticmethod
    def _page_for(src_uri: str, files: Files) -> Page | None:
        # A source path as MkDocs spells it needs no normalising (called once per post).
        file = files.src_uris.get(src_uri) or files.get_file_from_path(src_uri)
        return file.page if file is not None else None

    # Pages -------------------------------------------------------------------------------

    @event_priority(100)  # first: a plugin that supplies a page's source itself comes later
    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        # The post's file was read for its front matter: MkDocs need not read it again.
        return self.post_texts.pop(page.file.src_uri, None)

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        post = self.collection.by_src_uri.get(page.file.src_uri)
        if post is not None:
            prepare_post_page(
                page,
                post,
                self.collection.tags_of(post),
                toc=self.config.post_toc,
                material_templates=self._material_templates,
            )
        listing = self.listings.get(page.file.src_uri)
        if listing is not None and self._material_lists(listing):
            page.meta.setdefault("template", "blog.html")
        if listing is not None and page.file.generated_by is not None:
            first = listing.series[0] if listing.series else listing
            markdown = generated_listing_markdown(
                page,
                listing,
                self._page_for(first.src_uri, files),
                default_title=self._listing_title,
                keep_content=self.material is not None and self.material.pagination_keep_content,
            )
        return markdown

    def _listing_title(self, listing: Listing) -> str:
        material = self.material is not None
        return listing_title(listing, self.strings, site_name=self.site_name, material=material)

    def on_page_content(
        self, html: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str | None:
        if not self.config.enabled:
            return None
        post = self.collection.by_src_uri.get(page.file.src_uri)
        if post is not None:
            self._read_rendered_post(post, page, html)
        elif page.file.generated_by is not None and config.theme.name != "material":
            # A year page's `# 2025` heading: MkDocs' theme cannot look up `#2025`.
            return selector_safe_heading_ids(html, page.toc)
        return html

    def _read_rendered_post(self, post: Post, page: Page, content: str) -> None:
        # Material's listing entries are headed by the post's own `# heading`, if it has one.
        rendered = self.post_headings[post] = heading_title(content)
        self.heading_sources[post] = content
        if post.title_from_heading or post.title_is_fallback:
            if rendered:
                post.title, post.title_is_fallback = rendered, False
            elif post not in self.drafts:  # drafts are not published: no need to nag
                # Material's blog takes the file name silently; a migrated blog builds the
                # same under --strict.
                report = log.info if self.material is not None else log.warning
                report(
                    f"{post.src_uri}: 'title' is missing and there is no '# heading';"
                    f" using '{post.title}' from the file name"
                )
            page.title = html.escape(post.title)
        # Summarized in on_env, all posts in one pass (see _summarize_read_posts).
        self.post_html[post] = content

    def _summarize_read_posts(self) -> None:
        # One pass over all posts runs about twice as fast as the same work done page by
        # page between Markdown conversions, which leave the CPU's caches cold for it.
        for post, content in self.post_html.items():
            if post.body is None:
                post.body = summarize_post(
                    post, content, self.summary_options, self.kept.rendered_bodies
                )
                if self.dirty is not None:
                    self.dirty.keep(post, post.body, content, self.post_headings.get(post))

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment | None:
        if not self.config.enabled:
            return None
        if self.is_serve:
            self.compiled_templates.attach(env)
        dirty = self.dirty
        for post in self.collection:
            if post in self.post_html:  # MkDocs read it in this build
                continue
            if not (dirty and dirty.restore(post, self.post_html, self.post_headings)):
                self._render_skipped_post(post, config, files)
        self._summarize_read_posts()
        # Titles from a `# heading` are known now that every post is rendered.
        for link, post in self.recent_links:
            link.title = self._recent_label(post)
        self.post_links = {
            post: resolve_post_links(post, files, self.collection.by_src_uri, serving=self.is_serve)
            for post in self.collection
        }
        self.post_context = replace(self.post_context, links=self.post_links)
        self.material_views = MaterialViews(
            blog=self.material,
            view_urls=self.view_urls,
            post_authors=self.post_authors,
            post_links=self.post_links,
            post_headings=self.post_headings,
            reading_time=self.config.reading_time,
        )
        if dirty is not None:
            self._plan_dirty_build(dirty, config, files)
        add_date_filter(env, config, self.material)
        assert env.loader is not None
        self.renderer = Renderer(
            env.loader,
            self.collection,
            strings=self.strings,
            date_format=self.config.date_format,
            context=self.post_context,
            tag_excerpts=self.config.tag_excerpts,
            environments=self.template_environments if self.is_serve else None,
        )
        self.renderer.year_urls = self._year_urls()
        # A full build renders every post page; `serve --dirty` few, after its first build.
        if dirty is None or dirty.writes_every_page:
            self._render_ahead(self.renderer, files)
        else:
            dirty.write_footers(
                config.site_dir,
                self._footer_for(self.renderer),
                populate=partial(populate_page, config=config, files=files),
            )
        if self.sharing is not None:
            self.sharing.write_feeds(self.kept.feeds if self.is_serve else None)
        # The feeds were the last users of the HTML as MkDocs rendered it; pages keep their own.
        self.post_html.clear()
        self.search_entries = search_entries(config)
        if self.search_entries is None:
            log.info(
                "No search plugin: posts are not added to the site search, and the palette"
                " offers no full-text results. Add '- search' under 'plugins' to enable both."
            )
        self._write_palette_index()
        return env

    def _render_ahead(self, renderer: Renderer, files: Files) -> None:
        # Per-post work done in one pass runs faster than the same work done page by page,
        # where the theme's templates leave the CPU's caches cold for it.
        material_templates = self._material_templates
        renderer.render_post_parts(self.collection, sidebar=material_templates)
        renderer.render_listings(
            listing for listing in self.listings.values() if not self._material_lists(listing)
        )
        if self.sharing is not None:
            self.sharing.prepare_post_heads(
                (file.page, post)
                for post in self.collection
                for file in [files.get_file_from_path(post.src_uri)]
                if file is not None and file.page is not None
            )

    def _footer_for(self, renderer: Renderer) -> Callable[[File], str]:
        sidebar = self._material_templates

        def footer(file: File) -> str:
            post = self.collection.by_src_uri[file.src_uri]
            return renderer.page_footer(post, file.url, sidebar=sidebar)

        return footer

    def _plan_dirty_build(self, dirty: DirtyRebuilds, config: MkDocsConfig, files: Files) -> None:
        feeds = [feed.file for feed in self.sharing.feeds] if self.sharing is not None else []
        index = [self.palette_index_file] if self.palette_index_file is not None else []
        dirty.plan_pages(
            self.nav,
            files,
            self.collection,
            self.listings,
            self.post_context,
            populate=partial(populate_page, config=config, files=files),
            titles=self._listing_title,
            year_urls=self._year_urls(),
            other_outputs=[file.dest_uri for file in feeds + index],
        )
        self.kept.search_carry.start()
        self.page_order = [
            file.src_uri for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        ]

    def _year_urls(self) -> dict[int, str]:
        return year_urls(self.listings.values())

    def _write_palette_index(self) -> None:
        assert self.palette_index_file is not None
        index = palette_index_json(
            self.collection,
            self.listings.values(),
            self.nav.items if self.nav else [],
            search=self.search_entries is not None,
            extra_links=self.sharing.palette_links() if self.sharing is not None else {},
            drafts=self.drafts,
            date_format=self.config.date_format,
        )
        self.palette_index_file.content_string = index
        if self.palette_script_file is not None:
            self.palette_script_file.content_string = index_script(index)

    def _render_skipped_post(self, post: Post, config: MkDocsConfig, files: Files) -> None:
        # `mkdocs serve --dirty` skips unchanged pages, but listings still need their excerpts.
        file = files.get_file_from_path(post.src_uri)
        if file is not None and file.page is not None:
            page = file.page
            self._read_rendered_post(post, page, rendered_content(page, config, files))

    @event_priority(-50)  # after Material's search indexed the page: listings add no post text
    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext | None:
        if not self.config.enabled or self.renderer is None or self.material_views is None:
            return None
        renderer = self.renderer
        content = page.content or ""
        post = self.collection.by_src_uri.get(page.file.src_uri)
        self._index_for_search(page, post)
        if self.dirty is not None and self.search_entries is not None:
            self.kept.search_carry.record(page.file.src_uri, self.search_entries)
        if self.sharing is not None:
            self.sharing.describe(page, post, self.listings.get(page.file.src_uri))
        listing = self.listings.get(page.file.src_uri)
        material_templates = self._material_templates
        views = self.material_views
        if post is not None:
            views.describe(page, post)
            page.content, footer = renderer.post_page(
                content, post, page.url, sidebar=material_templates
            )
            if self.dirty is not None:
                self.dirty.record_footer(page.file.src_uri, footer)
        if listing is not None and shows_excerpts(listing):
            context.update(views.listing_context(listing, page.url, renderer))  # type: ignore[typeddict-item]
        if listing is not None and not self._material_lists(listing):
            page.content, self.listing_roots[page.file.src_uri] = renderer.listing_page(
                content, listing, page.url
            )
        if (post or listing) and config.theme.name != "material":
            # Material prints the page title when the content has no <h1>; other themes do not.
            page.content = with_title(page.content or "", page.title)
        if post or listing:
            self.content_before_folio[page.file.src_uri] = content
        return context

    def _index_for_search(self, page: Page, post: Post | None) -> None:
        entries = self.search_entries
        if entries is None or (page.meta.get("search") or {}).get("exclude"):
            return
        if post is not None:
            tags = [tag.name for tag in self.collection.tags_of(post)]
            content = page.content or ""
            # The heading folio read from this very HTML, unless a plugin changed it since.
            read = self.heading_sources.pop(post, None) is content
            heading = self.post_headings[post] if read else heading_title(content)
            index_post(entries, page.url, post, heading=heading, tags=tags)
            return
        listing = self.listings.get(page.file.src_uri)
        if listing is not None and listing.kind is Kind.TAG and listing.tag is not None:
            count = len(listing.tag.posts)
            upsert_document(
                entries,
                location=page.url,
                title=self._listing_title(listing),
                text=self.renderer.count_label(count) if self.renderer else str(count),
            )

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled:
            return None
        # The page is rendered: MkDocs keeps every page's content until the build ends, so
        # give it back its own HTML instead of a second copy with folio's header and listing.
        content = self.content_before_folio.pop(page.file.src_uri, None)
        if content is not None:
            page.content = content
        listing_root = self.listing_roots.pop(page.file.src_uri, None)
        if listing_root is not None and not shows_class(output, listing_root):
            template = page.meta.get("template") or "main.html"
            log.warning(missing_listing_message(page.file.src_uri, str(template)))
        if self.sharing is not None:
            src_uri = page.file.src_uri
            post, listing = self.collection.by_src_uri.get(src_uri), self.listings.get(src_uri)
            return self.sharing.head(output, page, post, listing, extra=self._head_extra(page))
        return inject_head(output, self._head_extra(page))

    def _head_extra(self, page: Page) -> str:
        if self.palette_script_file is None:
            return self.palette_tag
        prefix = self.language.prefix if self.language else ""
        return self.palette_tag + "\n" + index_script_tag(page.url, prefix)

    @event_priority(50)  # before the search plugin writes its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled or self.dirty is None:
            return
        if self.search_entries is not None:
            self.search_entries[:] = self.kept.search_carry.merge(self.page_order)
            forget_search_plugins_memory(config.plugins)
        self.dirty.finish(config.site_dir)

    def on_build_error(self, *, error: Exception) -> None:
        # What a failed build half-computed is no base for the next one.
        self.serve_states.forget_dirty_builds()
