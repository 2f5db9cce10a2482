"""One build's feeds and <head> metadata: connects the post model to feeds.py and seo.py.

The feed files are virtual: they are registered in on_files with a placeholder and filled
in on_env, once every post has been rendered.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from urllib.parse import unquote

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from .authors import Author
from .excerpt import cut_on_word
from .feeds import (
    FEED_FILES,
    FORMAT_NAMES,
    MEDIA_TYPES,
    RENDERERS,
    TAG_FEED_FORMATS,
    FeedInfo,
    FeedItem,
    absolute_url,
    feed_folder,
    feed_html,
    newest,
)
from .outputs import SiteOutputs
from .post_context import PostContext
from .render import fill, relative_root
from .seo import (
    ArticleData,
    FeedLink,
    ImageCard,
    PageCard,
    alternate_links,
    has_meta_description,
    head_tags,
    inject_head,
    sharing_keys,
    without_sharing_meta,
)
from .structure.collection import PostCollection
from .structure.images import Image
from .structure.pages import Kind, Listing
from .structure.post import Post
from .structure.tags import Tag
from .titles import plain_title

log = get_plugin_logger(__name__)
_IMAGE_KEYS = ("og:image", "twitter:image")

DESCRIPTION_LENGTH = 160
"""Characters of an excerpt kept as a post's description; search engines show about this many."""


@dataclass(frozen=True)
class SharingOptions:
    """The folio options this module reads."""

    feeds: bool
    tag_feeds: bool
    feed_content: str
    feed_limit: int


@dataclass(eq=False)
class _Feed:
    feed_format: str
    path: str
    file: File
    tag: Tag | None


class Sharing:
    """Feeds, autodiscovery links, page descriptions and sharing tags for one build."""

    def __init__(
        self,
        options: SharingOptions,
        config: MkDocsConfig,
        *,
        strings: Mapping[str, str],
        collection: PostCollection,
        listings: Mapping[str, Listing],
        context: PostContext,
        post_html: Mapping[Post, str],
        home_src_uri: str,
        default_image: Image | None = None,
    ) -> None:
        self.options = options
        self.site_url: str | None = config.site_url or None
        self.site_name = config.site_name
        self.site_description: str | None = config.site_description or None
        self.site_author: str | None = config.site_author or None
        self.language: str | None = config.theme.get("language") or None
        self.strings = strings
        self.collection = collection
        self.listings = listings
        self.drafts = context.drafts
        self.post_authors = context.authors
        self.post_html = post_html
        self.home_src_uri = home_src_uri
        self.images = context.images
        self.default_image = default_image
        self.feeds: list[_Feed] = []
        self.site_feeds: list[_Feed] = []
        self.tag_feeds: dict[Tag | None, list[_Feed]] = {}
        self.descriptions: dict[str, str] = {}
        self._items: dict[Post, FeedItem] = {}
        self._item_signatures: dict[Post, int] = {}
        self._alternate_html: dict[tuple[str, Tag | None], str] = {}
        self._prepared_heads: dict[str, tuple[PageCard, ArticleData, str]] = {}

    # Feeds -------------------------------------------------------------------------------

    def add_feed_files(self, files: Files, outputs: SiteOutputs, *, prefix: str = "") -> None:
        """Register the feed files; without `site_url` warn and write none.

        `prefix` is the folder of the language being built (mkdocs-static-i18n), if any.
        """
        if not self.options.feeds:
            return
        if not self.site_url:
            log.warning(
                "Feeds need absolute URLs: set 'site_url' in mkdocs.yml to write feed.xml,"
                " atom.xml and feed.json (or set 'feeds: false' under folio). Skipping feeds."
            )
            return
        for feed_format, name in FEED_FILES.items():
            self._add(files, outputs, feed_format, prefix + name, None)
        if self.options.tag_feeds:
            for tag in self.collection.tags:
                if not tag.url:
                    continue  # no tag pages in this build
                for feed_format in TAG_FEED_FORMATS:
                    # A page URL is percent-encoded ('tags/%E6%97%A5/'); the file path is not.
                    path = unquote(feed_folder(tag.url)) + FEED_FILES[feed_format]
                    self._add(files, outputs, feed_format, path, tag)

    def _add(
        self, files: Files, outputs: SiteOutputs, feed_format: str, path: str, tag: Tag | None
    ) -> None:
        if files.get_file_from_path(path) is not None:
            log.warning(f"docs_dir already has '{path}': folio does not write that feed")
            return
        if tag is None:
            source, fix = f"folio's feed {path} (feeds)", "set 'feeds: false'"
        else:
            source = f"folio's feed of the tag '{tag.name}' (tag_feeds)"
            fix = f"change 'tags_dir' or rename the tag '{tag.name}'"
        file = outputs.generated(path, content="", source=source, fix=fix)
        files.append(file)
        feed = _Feed(feed_format, path, file, tag)
        self.feeds.append(feed)
        if tag is None:
            self.site_feeds.append(feed)
        else:
            self.tag_feeds.setdefault(tag, []).append(feed)

    def write_feeds(self, kept: dict[str, tuple[int, str]] | None = None) -> None:
        """Fill every registered feed file; call once all posts are rendered.

        `kept` (path -> signature and text) carries feeds over `mkdocs serve` rebuilds: a
        feed whose posts and details did not change is not written out again.
        """
        limit = self.options.feed_limit
        chosen_by_tag: dict[Tag | None, list[Post]] = {}
        written: dict[str, tuple[int, str]] = {}
        for feed in self.feeds:
            chosen = chosen_by_tag.get(feed.tag)
            if chosen is None:
                posts = feed.tag.posts if feed.tag is not None else self.collection.posts
                # Pick the newest posts first: only those pay for their feed item.
                published = sorted(
                    (post for post in posts if post not in self.drafts),
                    key=lambda post: (-post.date.timestamp(), post.url),
                )
                chosen = chosen_by_tag[feed.tag] = published if limit <= 0 else published[:limit]
            info = self._info(feed)
            signature = hash(
                (feed.feed_format, repr(info), tuple(self._item_signature(p) for p in chosen))
            )
            previous = kept.get(feed.path) if kept is not None else None
            if previous is not None and previous[0] == signature:
                text = previous[1]
            else:
                items = newest((self._item(post, feed.tag) for post in chosen), limit)
                text = RENDERERS[feed.feed_format](info, items)
            feed.file.content_string = text
            written[feed.path] = (signature, text)
        if kept is not None:
            kept.clear()
            kept.update(written)

    def _item_signature(self, post: Post) -> int:
        """What a post's feed item is made of (its tags are the feed's own in a tag feed)."""
        signature = self._item_signatures.get(post)
        if signature is None:
            body = post.body
            html = self.post_html.get(post) if self.options.feed_content == "full" else None
            signature = self._item_signatures[post] = hash(
                (
                    post.url,
                    post.title,
                    post.date,
                    post.updated,
                    body.excerpt_text if body else post.description,
                    tuple(tag.name for tag in self.collection.tags_of(post)),
                    tuple(self.post_authors.get(post, ())),
                    html,
                )
            )
        return signature

    def _absolute(self, url: str) -> str:
        assert self.site_url is not None
        return absolute_url(self.site_url, url)

    def _info(self, feed: _Feed) -> FeedInfo:
        authors = [Author(id="", name=self.site_author or self.site_name)]
        if feed.tag is None:
            home = self.listings.get(self.home_src_uri)
            return FeedInfo(
                title=self.site_name,
                home_url=self._absolute(home.url if home else ""),
                feed_url=self._absolute(feed.file.url),
                description=self._blog_description(),
                language=self.language,
                authors=authors,
            )
        return FeedInfo(
            title=f"{fill(self.strings['tag_title'], tag=feed.tag.name)} - {self.site_name}",
            home_url=self._absolute(feed.tag.url),
            feed_url=self._absolute(feed.file.url),
            description=self._tag_description(feed.tag),
            language=self.language,
            authors=authors,
        )

    def _item(self, post: Post, feed_tag: Tag | None = None) -> FeedItem:
        item = self._items.get(post)
        if item is None:
            item = self._items[post] = self._new_item(post)
        if feed_tag is not None:
            # A tag's feed names only that tag: every category of a post with N tags, in each
            # of its N tag feeds, would make the output grow with N squared.
            item = replace(item, tags=[feed_tag.name])
        return item

    def _new_item(self, post: Post) -> FeedItem:
        url = self._absolute(post.url)
        content = None
        if self.options.feed_content == "full" and post in self.post_html:
            content = feed_html(self.post_html[post], url)
        return FeedItem(
            id=url,
            url=url,
            title=post.title,
            published=post.date,
            updated=post.updated,
            summary=post.body.excerpt_text if post.body else (post.description or ""),
            tags=[tag.name for tag in self.collection.tags_of(post)],
            authors=[self._absolute_author(author) for author in self.post_authors.get(post, [])],
            content_html=content,
        )

    def _absolute_author(self, author: Author) -> Author:
        return Author(
            id=author.id,
            name=author.name,
            url=self._absolute(author.url) if author.url else None,
            avatar=self._absolute(author.avatar) if author.avatar else None,
        )

    def palette_links(self) -> dict[str, str]:
        """The site feeds for the palette index, keyed rss, atom and json."""
        return {feed.feed_format: feed.file.url for feed in self.site_feeds}

    def feed_links(self, page: Page) -> list[FeedLink]:
        """Feeds to announce on a page: the site's, plus its tag's on a tag page."""
        listing = self.listings.get(page.file.src_uri)
        page_tag = listing.tag if listing is not None and listing.kind is Kind.TAG else None
        root = relative_root(page.url)
        links = []
        for feed in self.site_feeds + self.tag_feeds.get(page_tag, []):
            label = self.site_name
            if feed.tag is not None:
                label = f"{fill(self.strings['tag_title'], tag=feed.tag.name)} - {self.site_name}"
            links.append(
                FeedLink(
                    MEDIA_TYPES[feed.feed_format],
                    f"{label} ({FORMAT_NAMES[feed.feed_format]})",
                    root + feed.file.url,
                    # Material fetches a sitemap.xml beside every rel="alternate" link (meant
                    # for translations); "alternate feed" keeps tag folders out of that.
                    rel="alternate" if feed.tag is None else "alternate feed",
                )
            )
        return links

    def _alternate_links(self, page: Page) -> str:
        # Pages at the same depth (and not on a tag page) announce the same links.
        listing = self.listings.get(page.file.src_uri)
        key = (relative_root(page.url), listing.tag if listing is not None else None)
        html = self._alternate_html.get(key)
        if html is None:
            html = self._alternate_html[key] = alternate_links(self.feed_links(page))
        return html

    # Pages -------------------------------------------------------------------------------

    def _blog_description(self) -> str:
        return self.site_description or fill(self.strings["blog_description"], site=self.site_name)

    def _tag_description(self, tag: Tag) -> str:
        return fill(self.strings["tag_description"], tag=tag.name, site=self.site_name)

    def describe(self, page: Page, post: Post | None, listing: Listing | None) -> None:
        """Give posts and listings a title and description for the theme's <head>.

        Material prints page.meta.title and page.meta.description unescaped, so folio stores
        them escaped (as Markup).
        """
        own = page.meta.get("description")
        generated = listing is not None and page.file.generated_by is not None
        if (post is not None or generated) and not page.is_homepage:
            # Material prints page.meta.title unescaped in <title> and the header, and its
            # `striptags` on page.title would unescape it again: give it the escaped title.
            title = post.title if post is not None else self._listing_title(page)
            page.meta["title"] = Markup(escape(title))
        if post is not None:
            text = self._post_description(post)
        elif listing is not None:
            if own and page.file.generated_by is None:
                self.descriptions[page.file.src_uri] = str(own)
                return  # the user's own page and words
            if listing.kind is Kind.TAG and listing.tag is not None:
                text = self._tag_description(listing.tag)
            else:
                text = self._blog_description()
        else:
            return
        self.descriptions[page.file.src_uri] = text
        if text:
            page.meta["description"] = Markup(escape(text))

    def _post_description(self, post: Post) -> str:
        if post.description:
            return post.description  # the author's own words, whole
        # Cut: it is printed four times per page (meta, Open Graph, Twitter, JSON-LD).
        # Three dots, as on listing pages: one "…" makes Python hold the whole page
        # two bytes a character, and each step after it slower.
        excerpt = post.body.excerpt_text if post.body else ""
        return cut_on_word(excerpt, DESCRIPTION_LENGTH)

    def prepare_post_heads(self, pages: Iterable[tuple[Page, Post]]) -> None:
        """Make the posts' sharing tags ahead of their pages, in one pass, for the usual page:
        no other plugin's sharing tags, a description printed by the theme. Made page by
        page, after the theme's templates, the same work runs with cold CPU caches."""
        for page, post in pages:
            card = PageCard(
                title=post.title,
                site_name=self.site_name,
                description=self._post_description(post) or None,
                url=page.canonical_url,
                image=self._card_image(post),
            )
            article = self._article(post)
            self._prepared_heads[page.file.src_uri] = (card, article, head_tags(card, article))

    def _article(self, post: Post) -> ArticleData:
        return ArticleData(
            published=post.date,
            modified=post.updated,
            tags=[tag.name for tag in self.collection.tags_of(post)],
            authors=self._article_authors(post),
            publisher_url=self._absolute(self._home_url()) if self.site_url else None,
        )

    def head(
        self,
        output: str,
        page: Page,
        post: Post | None,
        listing: Listing | None,
        *,
        extra: str = "",
    ) -> str:
        """The page's HTML with feed links, on posts and listings sharing tags, then `extra`."""
        fragments = []
        links = self._alternate_links(page)
        if links:
            fragments.append(links)
        if post is not None or listing is not None:
            # Another plugin (Material's social cards) may have described the page already:
            # folio's tags describe it as a post or listing. A post's own image wins over
            # the social card, which wins over `default_image`.
            present = sharing_keys(output)
            social_image = "og:image" in present
            card = PageCard(
                title=post.title if post is not None else self._listing_title(page),
                site_name=self.site_name,
                description=self.descriptions.get(page.file.src_uri) or None,
                url=page.canonical_url,
                image=self._card_image(post, use_default=not social_image),
            )
            with_description = not has_meta_description(output)
            prepared = self._prepared_heads.pop(page.file.src_uri, None)
            if prepared is not None and prepared[0] != card:
                prepared = None
            article = None
            if prepared is not None:
                article = prepared[1]  # made from the post alone, as below
            elif post is not None:
                article = self._article(post)
            if prepared is not None and not with_description and not social_image:
                tags = prepared[2]  # the same card and article, made with the same flags
            else:
                tags = head_tags(
                    card, article, with_description=with_description, large_image=social_image
                )
            if present:  # most pages have no other plugin's tags to replace
                replaced = sharing_keys(f"<head>{tags}</head>")
                if card.image is not None:
                    replaced |= {key for key in present if key.startswith(_IMAGE_KEYS)}
                output = without_sharing_meta(output, present & replaced)
            fragments.append(tags)
        if extra:
            fragments.append(extra)  # one splice of the page instead of two
        return inject_head(output, "\n".join(fragments))

    def _home_url(self) -> str:
        home = self.listings.get(self.home_src_uri)
        return home.url if home else ""

    def _card_image(self, post: Post | None, *, use_default: bool = True) -> ImageCard | None:
        """The post's cover, else `default_image`, with an absolute URL (None without one)."""
        image = self.images.get(post) if post is not None else None
        image = image or (self.default_image if use_default else None)
        if image is None:
            return None
        if image.is_absolute:
            url = image.url
        elif self.site_url:
            url = self._absolute(image.url)
        else:
            return None  # link previews need absolute URLs
        return ImageCard(url, image.alt, image.width, image.height)

    def _article_authors(self, post: Post) -> list[Author]:
        authors = self.post_authors.get(post, [])
        if not authors:
            return [Author(id="", name=self.site_author)] if self.site_author else []
        if self.site_url is None:
            return [Author(id=a.id, name=a.name) for a in authors]
        return [self._absolute_author(author) for author in authors]

    def _listing_title(self, page: Page) -> str:
        title = plain_title(page.title or "")
        return title or self.site_name
