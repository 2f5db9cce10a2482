"""`mkdocs serve --dirty`: rebuild only the folio pages an edit changes, and exactly those.

A dirty build skips every page whose source is older than its output. That is right for a
page that depends on nothing else, wrong for a blog: a post shows its neighbours and related
posts, a listing shows excerpts of twenty posts. So every folio page gets a signature, a hash
of everything folio puts on it (titles, URLs, dates, tags, excerpts, ...) and of the site-wide
inputs (the config file, the nav); a page is rebuilt when its signature differs from the
previous build's, when its source changed, or when its output is missing. A post page whose
signature changed only in the other posts its footer shows (a neighbour's new title, say) is
not rendered again: its footer is replaced in the page already written.

Posts MkDocs skips keep what their last rendering taught folio (the excerpt, reading time
and `# heading`), while the inputs of that rendering are the same: the post's source and URL,
and the URLs of the pages it may link to. Nothing here holds a Post, Page or File of an old
build: signatures are integers, bodies and footers are keyed by source path.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from posixpath import basename
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation

from .i18n import translation_urls
from .outputs_in_place import remove_output, replace_in_output
from .post_context import PostContext
from .structure.collection import PostCollection
from .structure.pages import Kind, Listing
from .structure.post import Post, RenderedBody

Signature = int


@dataclass(frozen=True)
class KeptBody:
    """A post's rendering results, valid while `inputs` are unchanged."""

    inputs: Signature
    body: RenderedBody
    html: str | None
    """MkDocs' HTML of the post, kept only when feeds carry full posts."""
    title: str
    """The title, which may come from the rendered `# heading`."""
    title_is_fallback: bool
    heading: str | None
    """The rendered `# heading` (Material's listings show it rather than the title)."""


@dataclass
class DirtyState:
    """What one `mkdocs serve --dirty` build leaves for the next; lives in the plugin."""

    setting: Signature | None = None
    """Site-wide inputs of the previous build: when they change, nothing is reused."""
    file_urls: dict[str, str] = field(default_factory=dict)
    """Every file's URL in the previous build, to find links that now resolve differently."""
    bodies: dict[str, KeptBody] = field(default_factory=dict)
    signatures: dict[str, Signature] = field(default_factory=dict)
    """Folio page (by source path) -> signature of what the previous build wrote into it."""
    outputs: set[str] = field(default_factory=set)
    """Files folio's pages and feeds were written to (relative to site_dir)."""
    titles: dict[str, str] = field(default_factory=dict)
    """Page titles MkDocs learnt from pages it rendered, for the nav of later builds."""
    early_signatures: dict[str, Signature] = field(default_factory=dict)
    """Generated listing pages' signatures without the nav, known before MkDocs renders."""
    own_signatures: dict[str, Signature] = field(default_factory=dict)
    """Post pages' signatures without their footers (see `post_own_key`)."""
    footers: dict[str, str] = field(default_factory=dict)
    """Each post page's footer as written into its output, to replace it there."""

    def start(self, setting: Signature) -> None:
        """Begin a build; forget everything when the site-wide inputs changed."""
        if setting != self.setting:
            self.clear()
            self.setting = setting

    def clear(self) -> None:
        """After a failed build, or new settings: the next build starts from nothing."""
        self.setting = None
        self.file_urls = {}
        self.bodies = {}
        self.signatures = {}
        self.outputs = set()
        self.titles = {}
        self.early_signatures = {}
        self.own_signatures = {}
        self.footers = {}


def changed_file_names(previous: Mapping[str, str], current: Mapping[str, str]) -> set[str]:
    """File names of files added, removed or moved to another URL since the previous build.

    A page linking to one of them, by a relative path that ends in this name, may render
    differently now. Empty for the first build, where every page is rendered anyway.
    """
    if not previous:
        return set()
    names = {basename(uri) for uri, url in current.items() if previous.get(uri) != url}
    names.update(basename(uri) for uri in previous.keys() - current.keys())
    names.discard("")
    return names


def body_inputs(source_hash: int, url: str) -> Signature:
    """What a post's rendered HTML depends on besides the site-wide inputs and its links."""
    return hash((source_hash, url))


def reusable_bodies(
    kept: Mapping[str, KeptBody],
    inputs: Mapping[str, Signature],
    sources: Mapping[str, str],
    changed_names: Iterable[str],
) -> set[str]:
    """Posts (by source path) whose kept rendering still holds in this build."""
    names = [name for name in changed_names if name]
    reusable = set()
    for src_uri, signature in inputs.items():
        entry = kept.get(src_uri)
        if entry is None or entry.inputs != signature:
            continue
        source = sources.get(src_uri, "")
        if any(name in source for name in names):
            continue  # it may link to a page that moved, appeared or disappeared
        reusable.add(src_uri)
    return reusable


# Signatures --------------------------------------------------------------------------------


def nav_signature(items: Sequence[Any]) -> Signature:
    """The nav as Material prints it on every page: titles, URLs and nesting."""
    return hash(_nav_key(items))


def _nav_key(items: Sequence[Any]) -> tuple[Hashable, ...]:
    key: list[Hashable] = []
    for item in items:
        children = getattr(item, "children", None)
        key.append(
            (
                type(item).__name__,
                getattr(item, "title", None),
                getattr(item, "url", None),
                _nav_key(children) if children else None,
            )
        )
    return tuple(key)


def _card(post: Post | None, drafts: Set[Post]) -> tuple[Hashable, ...] | None:
    """How a post appears in another post's footer or series box."""
    if post is None:
        return None
    return (post.title, post.url, post.date, post in drafts)


def post_signatures(
    post: Post, collection: PostCollection, context: PostContext, page_inputs: Hashable
) -> tuple[Signature, Signature]:
    """Everything a post's page shows that its own source does not decide alone: signed
    without the other posts its footer shows, and whole. `page_inputs` are what the page
    shows besides folio's data (the nav, the translations' URLs)."""
    own = hash((page_inputs, post_own_key(post, collection, context)))
    return own, hash((own, post_footer_key(post, collection, context)))


def post_own_key(post: Post, collection: PostCollection, context: PostContext) -> Hashable:
    """What a post's page shows outside the part of its footer that shows other posts."""
    drafts = context.drafts
    in_series = context.series.get(post)
    return (
        post.url,
        post.title,
        post.date,
        post.updated,
        post in drafts,
        tuple((tag.name, tag.url) for tag in collection.tags_of(post)),
        (
            (in_series.name, tuple(_card(part, drafts) for part in in_series.posts))
            if in_series is not None
            else None
        ),
        tuple(context.authors.get(post, ())),
        tuple(context.links.get(post, ())),
        context.images.get(post),
    )


def post_footer_key(post: Post, collection: PostCollection, context: PostContext) -> Hashable:
    """The other posts a post's footer shows: the newer and older ones, the related ones."""
    drafts = context.drafts
    return (
        _card(collection.newer(post), drafts),
        _card(collection.older(post), drafts),
        tuple(_card(other, drafts) for other in collection.related(post, context.related_count)),
    )


def entry_key(post: Post, collection: PostCollection, context: PostContext) -> tuple[Hashable, ...]:
    """How a post appears in listings, tag pages and the archive."""
    body = post.body
    return (
        tuple(context.authors.get(post, ())),
        context.images.get(post),
        post.title,
        post.url,
        post.date,
        post in context.drafts,
        post.description,
        body.reading_minutes if body else None,
        body.excerpt_html if body else None,
        body.excerpt_text if body else None,
        tuple((tag.name, tag.url) for tag in collection.tags_of(post)),
    )


def title_key(post: Post, drafts: Set[Post]) -> tuple[Hashable, ...]:
    """How a post appears in the archive, year pages and title-only tag pages."""
    return (post.title, post.url, post.date, post in drafts)


def _entry_keys(
    posts: Iterable[Post], collection: PostCollection, context: PostContext
) -> dict[Post, tuple[Hashable, ...]]:
    return {post: entry_key(post, collection, context) for post in posts}


EarlyEntry = tuple[RenderedBody | None, str, tuple[Hashable, ...]]
"""A post's body and title when on_files signed its entry, and that entry key."""


def _entry_keys_again(
    collection: PostCollection, context: PostContext, early: Mapping[Post, EarlyEntry]
) -> dict[Post, tuple[Hashable, ...]]:
    """Entry keys in on_env, reusing on_files' for posts whose body and title stayed: all
    else an entry shows was settled in on_files."""
    keys = {}
    for post in collection:
        kept = early.get(post)
        if kept is not None and kept[0] is post.body and kept[1] == post.title:
            keys[post] = kept[2]
        else:
            keys[post] = entry_key(post, collection, context)
    return keys


def _title_keys(posts: Iterable[Post], drafts: Set[Post]) -> dict[Post, tuple[Hashable, ...]]:
    return {post: title_key(post, drafts) for post in posts}


def _never_titles_only(listing: Listing) -> bool:
    return False


def listing_signature(
    listing: Listing,
    *,
    title: str,
    entries: Mapping[Post, tuple[Hashable, ...]],
    collection: PostCollection,
    year_urls: Mapping[int, str],
) -> Signature:
    """Everything folio puts on a listing, tag or archive page."""
    previous, following = listing.previous, listing.next
    tag = listing.tag
    extra: Hashable = None
    if listing.kind is Kind.TAGS:
        extra = tuple((t.name, t.url, len(t.posts)) for t in collection.tags)
    elif listing.kind in (Kind.ARCHIVE, Kind.YEAR):
        extra = tuple(sorted(year_urls.items()))
    return hash(
        (
            listing.kind,
            listing.url,
            listing.number,
            len(listing.series),
            previous.url if previous else None,
            following.url if following else None,
            title,
            (tag.name, tag.url) if tag is not None else None,
            listing.year,
            tuple(entries[post] for post in listing.posts),
            extra,
        )
    )


def needs_build(
    src_uri: str, signature: Signature, previous: Mapping[str, Signature], output_exists: bool
) -> bool:
    return not output_exists or previous.get(src_uri) != signature


def rebuild_when(file: File, decide: Callable[[], bool]) -> None:
    """Make MkDocs' dirty check of `file` ask `decide` instead of comparing file times."""
    file.is_modified = decide  # type: ignore[method-assign]


def _always() -> bool:
    return True


def _never() -> bool:
    return False


def setting_signature(config: MkDocsConfig) -> Signature:
    """The site-wide inputs: the config file as written (it holds every folio option)."""
    path = config.config_file_path
    try:
        text = Path(path).read_bytes() if path else b""
    except OSError:
        text = b""
    return hash((text, config.site_url, config.docs_dir))


# The build ------------------------------------------------------------------------------


class DirtyRebuilds:
    """Decides, build after build, which folio pages `mkdocs serve --dirty` writes again."""

    def __init__(self) -> None:
        self.state = DirtyState()
        self._reusable: set[str] = set()
        self._inputs: dict[str, Signature] = {}
        self._signatures: dict[str, Signature] = {}
        self._outputs: set[str] = set()
        self._dests: set[str] = set()
        self._source_checks: dict[str, Callable[[], bool]] = {}
        self._early: dict[str, Signature] = {}
        self._early_entries: dict[Post, EarlyEntry] = {}
        self._own_signatures: dict[str, Signature] = {}
        self._new_footers: list[File] = []
        self.keep_html = False
        """Whether kept renderings include the HTML (feeds with full posts need it)."""
        self.titles_only: Callable[[Listing], bool] = _never_titles_only
        """Whether a listing shows its posts' titles and dates only (the archive, say): then
        an edit of a post's text, excerpt or tags does not change it."""

    def plan_bodies(
        self,
        config: MkDocsConfig,
        files: Files,
        collection: PostCollection,
        sources: Mapping[str, str],
    ) -> None:
        """In on_files, once posts have their URLs: which posts' renderings still hold."""
        state = self.state
        state.start(setting_signature(config))
        file_urls = {file.src_uri: file.url for file in files}
        changed = changed_file_names(state.file_urls, file_urls)
        state.file_urls = file_urls
        self._dests = {file.dest_uri for file in files}
        self._inputs = {
            post.src_uri: body_inputs(hash(sources.get(post.src_uri, "")), post.url)
            for post in collection
        }
        self._reusable = reusable_bodies(state.bodies, self._inputs, sources, changed)
        # Renderings of posts that are gone, or will be rendered again, are dropped now.
        state.bodies = {uri: state.bodies[uri] for uri in self._reusable}
        for post in collection:
            if post.src_uri not in self._reusable:
                file = files.src_uris.get(post.src_uri)
                if file is not None:
                    rebuild_when(file, _always)  # even if its source file is older
        self._signatures = {}
        self._outputs = {post.dest_uri for post in collection}

    def skip_unchanged_listings(
        self,
        files: Files,
        collection: PostCollection,
        listings: Mapping[str, Listing],
        post_html: dict[Post, str],
        post_headings: dict[Post, str | None],
        context: PostContext,
        *,
        titles: Callable[[Listing], str],
        year_urls: Mapping[int, str],
    ) -> None:
        """In on_files: keep MkDocs from rendering the listing pages folio generates whose
        posts all kept their rendering and look the same; on_env checks them again with
        the nav, and renders any that changed after all."""
        for post in collection:
            if post.src_uri in self._reusable:
                self.restore(post, post_html, post_headings)
        rendered = [post for post in collection if post.body is not None]
        entries = _entry_keys(rendered, collection, context)
        self._early_entries = {post: (post.body, post.title, entries[post]) for post in rendered}
        sign = self._listing_signer(rendered, entries, collection, context, titles, year_urls)
        previous = self.state.early_signatures
        for src_uri, listing in listings.items():
            file = files.src_uris.get(src_uri)
            if file is None or file.generated_by is None:
                continue
            if any(post not in entries for post in listing.posts):
                continue
            if listing.kind is Kind.ARCHIVE and len(entries) != len(collection):
                continue
            signature = sign(listing)
            self._early[src_uri] = signature
            if previous.get(src_uri) == signature and Path(file.abs_dest_path).is_file():
                rebuild_when(file, _never)

    def _listing_signer(
        self,
        posts: Iterable[Post],
        entries: Mapping[Post, tuple[Hashable, ...]],
        collection: PostCollection,
        context: PostContext,
        titles: Callable[[Listing], str],
        year_urls: Mapping[int, str],
    ) -> Callable[[Listing], Signature]:
        """Signs a listing by what it shows of `posts`: whole entries, or titles only."""
        title_entries = _title_keys(posts, context.drafts)

        def sign(listing: Listing) -> Signature:
            return listing_signature(
                listing,
                title=titles(listing),
                entries=title_entries if self.titles_only(listing) else entries,
                collection=collection,
                year_urls=year_urls,
            )

        return sign

    def render_listing_source(self, file: File) -> None:
        """A page the user wrote that carries a listing (say index.md): MkDocs renders it
        in every build, and folio writes it when its text or its listing changed."""
        self._source_checks[file.src_uri] = file.is_modified
        rebuild_when(file, _always)

    def restore(
        self, post: Post, post_html: dict[Post, str], post_headings: dict[Post, str | None]
    ) -> bool:
        """Give a post MkDocs skipped its kept rendering; False when there is none."""
        kept = self.state.bodies.get(post.src_uri)
        if kept is None or post.src_uri not in self._reusable:
            return False
        post.body = kept.body
        post.title, post.title_is_fallback = kept.title, kept.title_is_fallback
        post_headings[post] = kept.heading
        if kept.html is not None:
            post_html[post] = kept.html
        return True

    def keep(self, post: Post, body: RenderedBody, html: str, heading: str | None) -> None:
        """After MkDocs converted a post: what a later build may reuse while its inputs hold."""
        inputs = self._inputs.get(post.src_uri)
        if inputs is None:
            return
        self.state.bodies[post.src_uri] = KeptBody(
            inputs,
            body,
            html if self.keep_html else None,
            post.title,
            post.title_is_fallback,
            heading,
        )
        self._reusable.add(post.src_uri)

    def plan_pages(
        self,
        nav: Navigation | None,
        files: Files,
        collection: PostCollection,
        listings: Mapping[str, Listing],
        context: PostContext,
        *,
        populate: Callable[[File], None],
        titles: Callable[[Listing], str],
        year_urls: Mapping[int, str],
        other_outputs: Iterable[str],
    ) -> None:
        """In on_env, once every post has its title and excerpt: mark the pages to write.
        `other_outputs` are the files folio writes besides pages (feeds, the palette index).

        A post whose page changes though MkDocs skipped it is rendered now, through
        `populate`, with every plugin's page events (Material's tags plugin, for one, learns
        the page's tags there and prints them when the page is rendered). If only the other
        posts its footer shows changed (a neighbour's new title, say), its page is not
        rendered again: `write_footers` replaces the footer in its output.
        """
        # Before the nav is signed: a page MkDocs skipped has no title from its heading.
        self.restore_titles(nav.pages if nav is not None else [])
        navigation = nav_signature(nav.items if nav is not None else [])
        previous = self.state.signatures
        for post in collection:
            file = files.src_uris.get(post.src_uri)
            # A translation's new URL changes the language switcher on the page.
            own, signature = post_signatures(
                post, collection, context, (navigation, translation_urls(file))
            )
            self._signatures[post.src_uri] = signature
            self._own_signatures[post.src_uri] = own
            if previous.get(post.src_uri) == signature:
                continue
            if file is None or file.page is None:
                continue
            if file.page.content is None and self._footer_changed_alone(file, own):
                self._new_footers.append(file)
                rebuild_when(file, _never)
                continue
            self._render_again(file, populate)
        entries = _entry_keys_again(collection, context, self._early_entries)
        sign = self._listing_signer(collection, entries, collection, context, titles, year_urls)
        for src_uri, listing in listings.items():
            file = files.src_uris.get(src_uri)
            if file is None:
                continue
            signature = hash((navigation, sign(listing)))
            self._signatures[src_uri] = signature
            self._outputs.add(file.dest_uri)
            exists = Path(file.abs_dest_path).is_file()
            source_changed = self._source_checks.get(src_uri, _never)
            if needs_build(src_uri, signature, previous, exists) or source_changed():
                if file.page is not None and file.page.content is None:
                    populate(file)  # skipped in on_files, but the nav around it changed
                rebuild_when(file, _always)
            else:
                rebuild_when(file, _never)
        self._outputs.update(other_outputs)

    def _footer_changed_alone(self, file: File, own: Signature) -> bool:
        state = self.state
        return state.own_signatures.get(file.src_uri) == own and file.src_uri in state.footers

    def _render_again(self, file: File, populate: Callable[[File], None]) -> None:
        assert file.page is not None
        if file.page.content is None:
            populate(file)
        rebuild_when(file, _always)

    def write_footers(
        self,
        site_dir: str,
        footer: Callable[[File], str],
        *,
        populate: Callable[[File], None],
    ) -> None:
        """Once the renderer is ready, in on_env: replace the footers planned by `plan_pages`
        in their pages' outputs. A page whose output does not hold its last footer exactly
        once (another plugin reworked it, say) is rendered again instead, through
        `populate` (see `plan_pages`)."""
        site = Path(site_dir).resolve()
        for file in self._new_footers:
            new = footer(file)
            old = self.state.footers[file.src_uri]
            if replace_in_output(site, file.abs_dest_path, old, new):
                self.state.footers[file.src_uri] = new
            else:
                self._render_again(file, populate)
        self._new_footers = []

    def record_footer(self, src_uri: str, footer: str) -> None:
        """The footer written into a post's page in this build."""
        self.state.footers[src_uri] = footer

    def restore_titles(self, pages: Iterable[Any]) -> None:
        """Pages MkDocs skipped have no title from their heading: use their last one."""
        titles = self.state.titles
        seen = {}
        for page in pages:
            src_uri = page.file.src_uri
            if page.markdown is None:
                if src_uri in titles:
                    page.title = titles[src_uri]
                    seen[src_uri] = titles[src_uri]
            elif page.title is not None:
                seen[src_uri] = page.title
        self.state.titles = seen

    @property
    def writes_every_page(self) -> bool:
        """No earlier build to compare with (the server's first): every page is written."""
        return not self.state.signatures

    def finish(self, site_dir: str) -> None:
        """After a build: remove folio's outputs that no longer exist, keep the signatures."""
        state = self.state
        site = Path(site_dir).resolve()
        for dest_uri in state.outputs - self._outputs - self._dests:
            remove_output(site, dest_uri)
        state.outputs = self._outputs
        state.signatures = self._signatures
        state.early_signatures = self._early
        state.own_signatures = self._own_signatures
        state.footers = {
            uri: footer for uri, footer in state.footers.items() if uri in self._own_signatures
        }
        self._forget_build()

    def clear(self) -> None:
        self.state.clear()
        self._forget_build()

    def _forget_build(self) -> None:
        self._signatures, self._outputs, self._dests = {}, set(), set()
        self._inputs, self._reusable, self._source_checks = {}, set(), {}
        self._early, self._early_entries = {}, {}
        self._own_signatures, self._new_footers = {}, []
