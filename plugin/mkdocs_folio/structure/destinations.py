"""One registry of every file a build writes, so that no file silently replaces another.

folio claims the destinations of its posts, listing pages, tag pages, archive pages, feeds and
assets; the user's own files claim theirs. Two claims on one destination, one of them folio's,
is an error that names both sources and what to change.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .pages import Kind, Listing, PagePlan

TAGS_MARKER = "<!-- folio:tags -->"
ARCHIVE_MARKER = "<!-- folio:archive -->"


@dataclass(frozen=True)
class Claim:
    """Somebody wants to write `dest_uri`: folio (with the option that moves it) or the user."""

    dest_uri: str
    source: str
    """Who writes it, as the error shows it: "folio's tags index (tags_dir: 'tags')"."""
    fix: str
    """What moves it elsewhere: "change 'tags_dir'"."""
    by_folio: bool = True
    marker: str | None = None
    """A user page at this destination holding this marker is filled by folio instead."""
    src_uri: str | None = None
    """The user's file, for user claims."""


def user_claim(dest_uri: str, src_uri: str, *, is_page: bool) -> Claim:
    kind = "page" if is_page else "file"
    return Claim(dest_uri, f"your {kind} {src_uri}", f"rename {src_uri}", False, src_uri=src_uri)


def destination_key(dest_uri: str) -> str:
    # Case-insensitive file systems (macOS, Windows) would merge these two as well.
    return unicodedata.normalize("NFC", dest_uri).casefold()


def _message(folio: Claim, other: Claim) -> str:
    fixes = [folio.fix]
    if not other.by_folio and folio.marker and other.src_uri:
        fixes.insert(0, f"add {folio.marker} to {other.src_uri} to have folio fill it")
    elif other.fix != folio.fix:
        fixes.append(other.fix)
    return (
        f"{folio.source} and {other.source} would both be written to '{other.dest_uri}';"
        f" {', or '.join(fixes)}"
    )


def clashes(claims: Iterable[Claim], limit: int = 20) -> list[str]:
    """One line per destination claimed twice with folio involved, at most `limit` of them."""
    owners: dict[str, Claim] = {}
    problems: list[str] = []
    for claim in claims:
        owner = owners.setdefault(destination_key(claim.dest_uri), claim)
        if owner is claim or not (owner.by_folio or claim.by_folio):
            continue  # two of the user's own files: MkDocs reports those itself
        folio, other = (owner, claim) if owner.by_folio else (claim, owner)
        problems.append(_message(folio, other))
        if len(problems) >= limit:
            break
    return problems


def listing_claim(listing: Listing, dest_uri: str, plan: PagePlan) -> Claim:
    """folio's claim on a listing page's destination, with the option that moves it."""
    kind, number = listing.kind, listing.number
    if kind is Kind.HOME:
        where = f"listing_page: '{plan.listing_page}'"
        what = "folio's listing" if number == 1 else f"page {number} of folio's listing"
        return Claim(dest_uri, f"{what} ({where})", "change 'listing_page'")
    if kind is Kind.TAGS:
        where = f"tags_dir: '{plan.tags_dir}'"
        return Claim(
            dest_uri, f"folio's tags index ({where})", "change 'tags_dir'", True, TAGS_MARKER
        )
    if kind is Kind.TAG:
        name = listing.tag.name if listing.tag is not None else "?"
        page = "" if number == 1 else f"page {number} of "
        return Claim(
            dest_uri,
            f"{page}folio's page of the tag '{name}' (tags_dir: '{plan.tags_dir}')",
            f"change 'tags_dir' or rename the tag '{name}'",
        )
    if kind in (Kind.CATEGORY, Kind.AUTHOR):
        what = "category" if kind is Kind.CATEGORY else "author"
        option = "categories_url_format" if kind is Kind.CATEGORY else "authors_profiles_url_format"
        page = "" if number == 1 else f"page {number} of "
        return Claim(
            dest_uri, f"{page}the page of the {what} '{listing.name}'", f"change '{option}'"
        )
    where = f"archive_dir: '{plan.archive_dir}'"
    if kind is Kind.ARCHIVE:
        return Claim(
            dest_uri, f"folio's archive ({where})", "change 'archive_dir'", True, ARCHIVE_MARKER
        )
    return Claim(dest_uri, f"folio's archive of {listing.year} ({where})", "change 'archive_dir'")


def fillable_marker(listing: Listing) -> str | None:
    """The marker that lets a user's page at this listing's destination hold it, if any."""
    if listing.number != 1:
        return None
    return {Kind.TAGS: TAGS_MARKER, Kind.ARCHIVE: ARCHIVE_MARKER}.get(listing.kind)
