"""The pages that show folio's listings: generated ones, or pages the user wrote."""

from __future__ import annotations

import html
from collections.abc import Callable, Container, Iterable, Mapping
from dataclasses import dataclass, field

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .i18n import in_language
from .outputs import SiteOutputs
from .site_files import has_marker, place
from .structure.destinations import destination_key, fillable_marker, listing_claim
from .structure.pages import Kind, Listing, PagePlan, folder_beside_user_page
from .titles import given_listing_title, heading_markdown, plain_title

log = get_plugin_logger(__name__)

# Material's blog shows a category's, author's or year's posts under the page you wrote at
# that path; so does folio when it reads Material's options.
_MATERIAL_VIEWS = (Kind.CATEGORY, Kind.AUTHOR, Kind.YEAR)


def user_pages_by_destination(files: Files, posts: Container[str]) -> dict[str, File]:
    """The pages the user wrote (not posts, not left out of the build), by destination."""
    return {
        destination_key(file.dest_uri): file
        for file in files.documentation_pages()
        if file.src_uri not in posts and not file.inclusion.is_excluded()
    }


def generated_listing_file(
    config: MkDocsConfig, listing: Listing, title: str, *, language_prefix: str
) -> File:
    """A listing's page as folio generates it, under the language's folder if any; only the
    blog's first page is in the nav."""
    is_home = listing.kind is Kind.HOME and listing.number == 1
    file = File.generated(
        config,
        listing.src_uri,
        # A real heading, for hooks and plugins that read a page's first `# `.
        content=heading_markdown(title),
        inclusion=InclusionLevel.INCLUDED if is_home else InclusionLevel.NOT_IN_NAV,
    )
    if language_prefix:
        place(file, config.site_dir, *in_language(language_prefix, file.dest_uri, file.url))
    return file


def shows_listing(page: File, listing: Listing, *, material: bool) -> bool:
    """Whether the page the user wrote at a listing's path holds the listing (after its
    content, or at its marker) instead of folio generating one: the blog's home page always,
    with Material's options its views' first pages, else where it has the listing's marker."""
    if listing.kind is Kind.HOME and listing.number == 1:
        return True
    if material and listing.number == 1 and listing.kind in _MATERIAL_VIEWS:
        return True
    return has_marker(page, fillable_marker(listing))


def listing_folder(
    option: str,
    folder: str,
    kind: Kind,
    user_pages: Mapping[str, File],
    *,
    blog: str,
    language_prefix: str,
    may_move: bool,
) -> str:
    """The folder of `option` (tags_dir or archive_dir). When `may_move` (a default folder,
    in a docs site with Material's tags plugin) it steps aside for a page of the user's
    there (Material's tags.md) instead of replacing it."""
    if not may_move:
        return folder
    page = user_pages.get(destination_key(f"{language_prefix}{folder}/index.html"))
    taken = page is not None and not has_marker(page, fillable_marker(Listing(kind, "", [])))
    moved = folder_beside_user_page(folder, blog=blog, taken=taken)
    if moved != folder and page is not None:
        log.info(
            f"{page.src_uri} is your page at {folder}/: folio's {kind.value} pages are at"
            f" {moved}/ (set '{option}' to choose another folder)"
        )
    return moved


@dataclass
class ListingPages:
    """The pages that show a build's listings."""

    listings: dict[str, Listing] = field(default_factory=dict)
    """Each listing by the source path of the page that shows it (`index.fr.md` under i18n)."""
    view_urls: dict[str, str] = field(default_factory=dict)
    """First pages' URLs by the listing's source path."""
    home_src_uri: str = ""
    """The blog's first page as the user wrote it, else the listing page's source path."""


def add_listing_pages(
    files: Files,
    config: MkDocsConfig,
    listings: Iterable[Listing],
    plan: PagePlan,
    user_pages: Mapping[str, File],
    *,
    title: Callable[[Listing], str],
    material: bool,
    language_prefix: str,
    outputs: SiteOutputs,
    on_user_page: Callable[[File], None],
) -> ListingPages:
    """Puts each listing on the page the user wrote for it (see `shows_listing`), calling
    `on_user_page` with that page, or on a page folio generates and adds to `files`."""
    pages = ListingPages()
    user_by_src = {file.src_uri: file for file in user_pages.values()}
    for listing in listings:
        is_home = listing.kind is Kind.HOME and listing.number == 1
        file = generated_listing_file(
            config, listing, title(listing), language_prefix=language_prefix
        )
        own_page = user_by_src.get(listing.src_uri) or user_pages.get(
            destination_key(file.dest_uri)
        )
        if own_page is not None and shows_listing(own_page, listing, material=material):
            # The user's page holds the listing: after its content, or at the marker.
            if listing.src_uri not in user_by_src:
                listing.src_uri = own_page.src_uri  # e.g. tags.md for tags/index.md
            file = own_page
            if is_home:
                pages.home_src_uri = file.src_uri
            on_user_page(file)
        else:
            claim = listing_claim(listing, file.dest_uri, plan)
            outputs.claim(file, source=claim.source, fix=claim.fix, marker=claim.marker)
            if files.get_file_from_path(file.src_uri) is None:
                files.append(file)  # else the check of all destinations names the two
        listing.url = file.url
        # Keyed like the page that shows it: a translated listing page is `index.fr.md`.
        pages.listings[file.src_uri] = listing
        if listing.number == 1:
            pages.view_urls[listing.src_uri] = file.url
        if listing.kind is Kind.TAG and listing.number == 1 and listing.tag is not None:
            listing.tag.url = file.url
    if not pages.home_src_uri:
        # Under i18n, the translated listing page: `index.fr.md` for `index.md`.
        home = files.get_file_from_path(plan.listing_page)
        pages.home_src_uri = home.src_uri if home is not None else plan.listing_page
    return pages


def generated_listing_markdown(
    page: Page,
    listing: Listing,
    first_page: Page | None,
    *,
    default_title: Callable[[Listing], str],
    keep_content: bool,
) -> str:
    """The Markdown of a listing's page folio generated, whose title it sets: a title given
    in `nav:` wins, on the page and on its later pages (`first_page` is the series' first).
    With Material's `pagination_keep_content`, later pages repeat the page you wrote."""
    given_title = given_listing_title(page, first_page)
    title = plain_title(given_title) if given_title else default_title(listing)
    page.title = given_title or html.escape(title)
    markdown = heading_markdown(title)
    if keep_content and first_page not in (None, page) and first_page.file.generated_by is None:
        markdown = first_page.markdown or markdown
    if not (listing.kind is Kind.TAG and listing.number == 1):
        # Listing copies of post text would make one post many search hits.
        page.meta["search"] = {"exclude": True}
    return markdown
