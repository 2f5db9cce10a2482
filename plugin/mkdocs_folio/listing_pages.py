"""The pages that show folio's listings: generated ones, or pages the user wrote."""

from __future__ import annotations

from collections.abc import Container

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from .i18n import in_language
from .site_files import has_marker, place
from .structure.destinations import destination_key, fillable_marker
from .structure.pages import Kind, Listing
from .titles import heading_markdown

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
