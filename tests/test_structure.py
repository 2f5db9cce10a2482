"""The data model on its own: no MkDocs build needed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from mkdocs_folio.excerpt import cut_on_word, plain_text, summarize
from mkdocs_folio.structure.collection import PostCollection
from mkdocs_folio.structure.dates import date_from_path, format_date, parse_date
from mkdocs_folio.structure.errors import PostError
from mkdocs_folio.structure.pages import Kind, PagePlan, plan_pages
from mkdocs_folio.structure.post import parse_post, split_front_matter
from mkdocs_folio.structure.routing import locate, paginated_src_uri, url_format_problem
from mkdocs_folio.structure.slugs import slugify
from mkdocs_folio.structure.tags import parse_tags, tag_key


def make(src: str, front: str, body: str = "## hi\n\ntext") -> object:
    return parse_post(src, f"---\n{front}\n---\n{body}", posts_dir="posts")


def test_dates_accept_yaml_dates_datetimes_and_iso_strings() -> None:
    assert parse_date("2026-03-14") == datetime(2026, 3, 14, tzinfo=UTC)
    assert parse_date("2026-03-14T10:30:00+02:00").utcoffset().total_seconds() == 7200
    assert parse_date(datetime(2026, 1, 2, 3, 4)).hour == 3


@pytest.mark.parametrize("value", ["yesterday", "2026-13-45", 12, "", None, [2026]])
def test_bad_dates_name_the_field_and_the_form(value: object) -> None:
    source = {"value": value}
    with pytest.raises(PostError) as error:
        parse_post("posts/a.md", f"---\ndate: {source['value']!r}\n---\n# a\n", posts_dir="posts")
    message = str(error.value)
    assert message.startswith("posts/a.md: 'date' ")
    assert "\n" not in message


def test_error_message_matches_the_documented_example() -> None:
    with pytest.raises(
        PostError, match=r"^posts/foo\.md: 'date' must be a date like 2026-03-14, got 'yesterday'$"
    ):
        make("posts/foo.md", "date: yesterday")


def test_dates_come_from_the_path_when_front_matter_has_none() -> None:
    assert date_from_path("2026/03/14/name.md") == datetime(2026, 3, 14, tzinfo=UTC)
    assert date_from_path("2026-03-14-name.md") == datetime(2026, 3, 14, tzinfo=UTC)
    assert date_from_path("sub/2025-1-2-x.md") == datetime(2025, 1, 2, tzinfo=UTC)
    assert date_from_path("name.md") is None
    post = parse_post("posts/2026/03/14/name.md", "# Hello\n", posts_dir="posts")
    assert post.date.date().isoformat() == "2026-03-14"


def test_the_same_instant_is_formatted_in_its_own_zone() -> None:
    # Formatted dates are cached; equal datetimes in two zones show two calendar days.
    evening = datetime(2026, 3, 14, 23, 30, tzinfo=UTC)
    next_morning = evening.astimezone(timezone(timedelta(hours=2)))
    assert evening == next_morning
    assert format_date(evening, "%B %-d, %Y") == "March 14, 2026"
    assert format_date(next_morning, "%B %-d, %Y") == "March 15, 2026"
    assert format_date(evening, "%Y-%m-%d") == "2026-03-14"


def test_title_falls_back_to_heading_then_file_name() -> None:
    assert make("posts/x.md", "date: 2026-01-01", "# From Heading\n\ntext").title == "From Heading"
    post = make("posts/2026-01-01-file-name.md", "date: 2026-01-01", "just text")
    assert post.title == "File name"  # capitalized, as MkDocs titles pages
    assert post.title_is_fallback


def test_tags_are_lists_or_comma_strings_and_merge_case_insensitively() -> None:
    assert parse_tags("rust, Linux ,  ebpf") == ["rust", "Linux", "ebpf"]
    assert parse_tags(["Rust", 3]) == ["Rust", "3"]
    assert tag_key(" RUST ") == tag_key("rust") == tag_key("Rust")


@pytest.mark.parametrize(
    "yaml_value", ["5", "{a: 1}", "[null]", "[[x]]", "''", "['!!!']", "['   ']"]
)
def test_bad_tags_are_errors(yaml_value: str) -> None:
    source = f"---\ndate: 2026-01-01\ntags: {yaml_value}\n---\n"
    with pytest.raises(PostError, match=r"^posts/a\.md: 'tags' "):
        parse_post("posts/a.md", source, posts_dir="posts")


def test_slugs_are_url_and_file_safe() -> None:
    assert slugify("Zero-Copy Networking in Rust") == "zero-copy-networking-in-rust"
    assert (
        slugify("io_uring: the linux async I/O interface")
        == "io-uring-the-linux-async-i-o-interface"
    )
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("C++") == "c-plus-plus"
    assert slugify("Café déjà vu") == "cafe-deja-vu"
    assert slugify("日本語") == "日本語"
    assert slugify("🦀") == ""


def test_word_boundary_cut() -> None:
    text = "alpha beta gamma delta"
    assert cut_on_word(text, 100) == text
    assert cut_on_word(text, 13) == "alpha beta..."
    assert cut_on_word(text, 16) == "alpha beta gamma..."
    assert cut_on_word("supercalifragilistic", 5) == "super..."
    assert cut_on_word("the bottleneck. next words", 15) == "the bottleneck..."


def test_plain_text_keeps_headings_and_drops_code_and_permalinks() -> None:
    html = (
        '<h2 id="x">the problem<a class="headerlink" href="#x">¶</a></h2>'
        "<p>rsync &amp; friends</p><pre><code>let x = 1;</code></pre><p>end</p>"
    )
    assert plain_text(html) == "the problem rsync & friends end"


def test_plain_text_keeps_the_spacing_the_reader_sees() -> None:
    # Inline tags add no space ("quickstart." not "quickstart ."); blocks are separate words.
    html = (
        "<h2>Intro</h2><p>See <a href='x'>the quickstart</a>. A <code>x</code>, done"
        '<sup class="footnote-ref"><a href="#fn:1">1</a></sup>.</p>'
        "<ul><li>Test <em>every</em> snippet</li><li>Ship</li></ul><p>one<br>two</p>"
    )
    expected = "Intro See the quickstart. A x, done. Test every snippet Ship one two"
    assert plain_text(html) == expected


def test_plain_text_breaks_words_at_block_tags_written_in_upper_case() -> None:
    # Raw HTML in a post may spell tags in upper case; they still separate words.
    assert plain_text("<P>one</P><DIV>two</DIV>three<Br>four") == "one two three four"
    assert plain_text("<p>one</p><div>two</div>three<br>four") == "one two three four"


def test_excerpt_sources_in_order() -> None:
    html = "<p>intro words</p>\n<!-- more -->\n<p>rest of the post</p>"
    common = {"separator": "<!-- more -->", "length": 140, "words_per_minute": 265}
    assert summarize(html, description="Given", **common).excerpt_text == "Given"
    body = summarize(html, description=None, **common)
    assert body.excerpt_text == "intro words"
    assert body.excerpt_html == "<p>intro words</p>"
    auto = summarize("<p>" + "word " * 100 + "</p>", description=None, **common)
    assert auto.excerpt_text.endswith("word...")
    assert len(auto.excerpt_text) <= 143
    assert auto.reading_minutes == 1


def test_collection_orders_pins_first_then_newest_and_computes_neighbours() -> None:
    old = make("posts/old.md", "date: 2025-01-01\ntags: [a]")
    new = make("posts/new.md", "date: 2026-01-01\ntags: [a, b]")
    pinned = make("posts/pinned.md", "date: 2024-01-01\npin: true\ntags: [b]")
    collection = PostCollection([old, new, pinned])
    assert [p.src_uri for p in collection.posts] == [
        "posts/pinned.md",
        "posts/new.md",
        "posts/old.md",
    ]
    assert collection.older(new) is old
    assert collection.newer(new) is None
    assert collection.related(new) == [old, pinned]
    assert [t.name for t in collection.tags] == ["a", "b"]


def test_duplicate_urls_name_both_files() -> None:
    one = make("posts/one.md", "date: 2025-01-01\nslug: same")
    two = make("posts/two.md", "date: 2025-01-02\nslug: same")
    with pytest.raises(PostError) as error:
        PostCollection([one, two])
    assert "posts/one.md" in str(error.value) and "posts/two.md" in str(error.value)


def test_locations_with_and_without_directory_urls() -> None:
    assert locate("posts/a/", True).url == "posts/a/"
    assert locate("posts/a/", True).dest_uri == "posts/a/index.html"
    assert locate("posts/a/", False).url == "posts/a.html"
    assert paginated_src_uri("index.md", 2) == "page/2.md"
    assert paginated_src_uri("tags/rust.md", 3) == "tags/rust/page/3.md"
    assert url_format_problem("posts/{slug}/") is None
    assert url_format_problem("posts/{nope}/") is not None
    assert url_format_problem("../{slug}") is not None


def test_page_plan_paginates_and_covers_tags_and_years() -> None:
    posts = [
        make(f"posts/p{i}.md", f"date: 202{i % 2 + 5}-01-0{i + 1}\ntags: [t{i % 2}]")
        for i in range(5)
    ]
    pages = plan_pages(PostCollection(posts), PagePlan("index.md", 2, 2, "tags", "archive"))
    home = [p for p in pages if p.kind is Kind.HOME]
    assert [p.src_uri for p in home] == ["index.md", "page/2.md", "page/3.md"]
    assert home[1].previous is home[0] and home[1].next is home[2]
    assert home[2].next is None  # the series does not run on into the tag pages
    assert {p.src_uri for p in pages if p.kind is Kind.TAG} == {
        "tags/t0.md",
        "tags/t0/page/2.md",
        "tags/t1.md",
    }
    assert {p.year for p in pages if p.kind is Kind.YEAR} == {2025, 2026}

    plan = PagePlan("index.md", 2, None, "tags", None)
    one_page_per_tag = plan_pages(PostCollection(posts), plan)
    tag_pages = {p.src_uri: len(p.posts) for p in one_page_per_tag if p.kind is Kind.TAG}
    assert tag_pages == {"tags/t0.md": 3, "tags/t1.md": 2}


@pytest.mark.parametrize("seed", [7, 8, 9])
def test_related_posts_match_a_brute_force_count(seed: int) -> None:
    import random

    rng = random.Random(seed)
    vocabulary = [f"t{i}" for i in range(10)]

    def tags() -> str:
        # Mostly a few tags; now and then more than the subset index files (scored directly).
        count = rng.choice([1, 1, 2, 2, 3, 4, 5, 8, 10])
        return ", ".join(rng.sample(vocabulary, count))

    # Few distinct dates, so many posts tie on date and the fixed tie-break is exercised.
    posts = [
        make(f"posts/p{i}.md", f"date: 2026-01-{rng.randint(1, 9):02d}\ntags: [{tags()}]")
        for i in range(160)
    ]
    collection = PostCollection(posts)
    newest_first = collection.chronological[::-1]

    def brute_force(post: object, limit: int) -> list[object]:
        mine = set(post.tags)
        scored = [
            (len(mine & set(other.tags)), rank, other)
            for rank, other in enumerate(newest_first)
            if other is not post and mine & set(other.tags)
        ]
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [other for _, _, other in scored[:limit]]

    for limit in (1, 3, 7):
        for post in posts:
            assert collection.related(post, limit) == brute_force(post, limit), post.src_uri


def test_long_slugs_are_cut_on_a_character_boundary_with_a_stable_hash() -> None:
    from mkdocs_folio.structure.slugs import MAX_SLUG_BYTES, slugify

    long_cjk = slugify("日本語" * 40)
    assert len(long_cjk.encode()) <= MAX_SLUG_BYTES
    assert long_cjk.startswith("日本語日本語") and long_cjk == slugify("日本語" * 40)
    # Titles that share their first 200 bytes still get different slugs.
    assert slugify("a" * 300 + "b") != slugify("a" * 300 + "c")
    assert slugify("short title") == "short-title"


def test_an_unclosed_front_matter_is_an_error_not_published_text() -> None:
    for source in ("---\ntitle: x\ndraft: true\n\n# body\n", "---\ntitle: x\n--\n# body\n"):
        with pytest.raises(PostError, match="'front matter' opens with '---' but is never closed"):
            parse_post("posts/a.md", source, posts_dir="posts")
    meta, _ = split_front_matter("posts/a.md", "---\n---\n# body\n")
    assert meta == {}


def test_file_field_is_a_slug_never_a_raw_file_name() -> None:
    source = "---\ndate: 2026-01-01\ntitle: Innocent\n---\n"
    hostile = parse_post("posts/javascript:alert(1)<!--.md", source, posts_dir="posts")
    assert hostile.file_slug == "javascript-alert-1"
    assert parse_post("posts/c#-tips.md", source, posts_dir="posts").file_slug == "c-sharp-tips"
