"""Cover images, the site's default image, publisher and authors in listings and link previews."""

from __future__ import annotations

import json
import logging
import struct
import zlib
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from mkdocs_folio.structure.errors import PostError
from mkdocs_folio.structure.images import ImageSpec, image_size, parse_image_spec, post_image

from .sites import Site, make_site, post, write_site


def png(width: int, height: int) -> bytes:
    """A real, viewable PNG of one grey colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def jpeg_header(width: int, height: int) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = b"\xff\xc2" + struct.pack(">HBHHB", 17, 8, height, width, 3) + b"\x01\x22\x00" * 3
    return b"\xff\xd8" + app0 + frame + b"\xff\xda"


def test_sizes_come_from_the_file_headers() -> None:
    assert image_size(png(1200, 630)) == (1200, 630)
    assert image_size(b"GIF89a" + struct.pack("<HH", 40, 30) + b"\x00" * 8) == (40, 30)
    assert image_size(jpeg_header(800, 450)) == (800, 450)
    vp8x = b"VP8X" + struct.pack("<I", 10) + b"\x00" * 4 + (999).to_bytes(3, "little")
    vp8x += (499).to_bytes(3, "little")
    assert image_size(b"RIFF" + struct.pack("<I", 30) + b"WEBP" + vp8x) == (1000, 500)
    bits = (640 - 1) | ((360 - 1) << 14)
    vp8l = b"VP8L" + struct.pack("<I", 5) + b"\x2f" + bits.to_bytes(4, "little")
    assert image_size(b"RIFF" + struct.pack("<I", 20) + b"WEBP" + vp8l) == (640, 360)
    vp8 = (
        b"VP8 " + struct.pack("<I", 10) + b"\x00\x00\x00\x9d\x01\x2a" + struct.pack("<HH", 320, 240)
    )
    assert image_size(b"RIFF" + struct.pack("<I", 20) + b"WEBP" + vp8) == (320, 240)
    assert image_size(b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="32">') == (
        64,
        32,
    )
    assert image_size(b"<?xml?><svg viewBox='0 0 120 60.4'></svg>") == (120, 60)
    assert image_size(b"<svg width='100%' height='50%'></svg>") is None
    assert image_size(b"not an image") is None
    assert image_size(b"\x89PNG\r\n\x1a\n\x00\x00") is None  # cut short: unknown, no crash


def test_the_field_is_text_or_a_mapping() -> None:
    assert parse_image_spec("/images/a.png", "A lake") == ImageSpec("images/a.png", "A lake")
    assert parse_image_spec("https://cdn.example.org/a.jpg") == ImageSpec(
        "https://cdn.example.org/a.jpg"
    )
    assert parse_image_spec(
        {"src": "./img/../images/a.png", "alt": "A lake", "width": 1200, "height": 630}
    ) == ImageSpec("images/a.png", "A lake", 1200, 630)
    assert post_image("posts/a.md", {"cover": "b.png", "image_alt": "B"}) == ImageSpec("b.png", "B")
    assert post_image("posts/a.md", {"title": "x"}) is None


@pytest.mark.parametrize(
    ("meta", "field", "says"),
    [
        ({"image": "javascript:alert(1)"}, "image", "'javascript:' scheme"),
        ({"image": "data:image/png;base64,AAAA"}, "image", "'data:' scheme"),
        ({"image": "mailto:a@b.c"}, "image", "http(s) URL"),
        ({"image": "//cdn.example.org/a.png"}, "image", "https://cdn.example.org/a.png"),
        ({"image": "../../etc/passwd"}, "image", "under docs_dir"),
        ({"image": ["a.png"]}, "image", "mapping {src, alt, width, height}"),
        ({"cover": {"src": "a.png", "size": 3}}, "cover", "unknown key 'size'"),
        ({"cover": {"src": "a.png", "width": 10}}, "cover", "both 'width' and 'height'"),
        ({"cover": {"src": "a.png", "width": 0, "height": 1}}, "cover", "whole number"),
        ({"image": "a.png", "cover": "b.png"}, "cover", "both set"),
        ({"image": "a.png", "image_alt": ["x"]}, "image", "'image_alt' must be text"),
    ],
)
def test_bad_fields_are_one_line_errors_naming_file_and_field(
    meta: dict[str, object], field: str, says: str
) -> None:
    with pytest.raises(PostError) as caught:
        post_image("posts/a.md", meta)
    message = str(caught.value)
    assert message.startswith(f"posts/a.md: '{field}' ")
    assert says in message and "\n" not in message


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    files: dict[str, str | bytes] = {
        "images/lake.png": png(1200, 630),
        "images/default.png": png(600, 315),
        "images/jane.png": png(8, 8),
        "authors.yml": "jane: {name: Jane Doe, avatar: images/jane.png}\n",
        "posts/lake.md": post(
            "By the lake",
            "2026-03-14",
            tags=["travel"],
            image="images/lake.png",
            image_alt="A calm lake at dawn",
            authors=["jane"],
        ),
        "posts/remote.md": post(
            "Remote cover",
            "2026-03-13",
            cover={
                "src": "https://cdn.example.org/r.jpg",
                "alt": "R",
                "width": 1600,
                "height": 900,
            },
        ),
        "posts/plain.md": post("Plain", "2026-03-12"),
    }
    return make_site(
        tmp_path_factory.mktemp("covers"),
        files,
        folio={"default_image": {"src": "images/default.png", "alt": "The blog's logo"}},
    )


def meta(page: object, key: str) -> str | None:
    tag = page.select_one(f'meta[property="{key}"], meta[name="{key}"]')  # type: ignore[attr-defined]
    return tag["content"] if tag is not None else None


def ld(page: object) -> dict[str, object]:
    script = page.select_one('script[type="application/ld+json"]')  # type: ignore[attr-defined]
    return json.loads(script.string)


def test_listing_entries_show_the_cover_lazily_with_its_size(site: Site) -> None:
    home = site.html("")
    entries = {
        e.select_one(".folio-entry__title a").get_text(): e for e in home.select(".folio-entry")
    }
    lake = entries["By the lake"].select_one("img.folio-cover__image")
    assert lake["src"] == "images/lake.png"
    assert (lake["width"], lake["height"]) == ("1200", "630")
    assert lake["loading"] == "lazy"
    assert lake["alt"] == ""  # the title right below says it; the link is hidden from readers
    remote = entries["Remote cover"].select_one("img.folio-cover__image")
    assert remote["src"] == "https://cdn.example.org/r.jpg"
    assert (remote["width"], remote["height"]) == ("1600", "900")
    assert entries["Plain"].select_one("img") is None


def test_listing_entries_show_author_avatars_and_names(site: Site) -> None:
    entry = next(e for e in site.html("").select(".folio-entry") if "By the lake" in e.get_text())
    author = entry.select_one(".folio-meta .folio-author")
    assert author.select_one(".folio-author__name").get_text() == "Jane Doe"
    assert author.select_one("img.folio-author__avatar")["src"] == "images/jane.png"


def test_the_post_header_shows_the_cover_with_its_alt(site: Site) -> None:
    page = site.html("posts/by-the-lake/")
    image = page.select_one(".folio-post-header img.folio-cover__image")
    assert image["src"] == "../../images/lake.png"
    assert image["alt"] == "A calm lake at dawn"
    assert (image["width"], image["height"]) == ("1200", "630")
    # Above the fold: it is the page's largest paint, so it is not lazy.
    assert image.get("loading") is None


def test_covers_and_the_default_image_are_the_link_previews(site: Site) -> None:
    lake = site.html("posts/by-the-lake/")
    assert meta(lake, "og:image") == "https://blog.example.org/images/lake.png"
    assert meta(lake, "og:image:alt") == "A calm lake at dawn"
    assert (meta(lake, "og:image:width"), meta(lake, "og:image:height")) == ("1200", "630")
    assert meta(lake, "twitter:card") == "summary_large_image"
    assert meta(lake, "twitter:image") == "https://blog.example.org/images/lake.png"
    assert ld(lake)["image"] == ["https://blog.example.org/images/lake.png"]
    remote = site.html("posts/remote-cover/")
    assert meta(remote, "og:image") == "https://cdn.example.org/r.jpg"
    plain = site.html("posts/plain/")
    assert meta(plain, "og:image") == "https://blog.example.org/images/default.png"
    assert meta(plain, "og:image:alt") == "The blog's logo"
    assert (meta(plain, "og:image:width"), meta(plain, "og:image:height")) == ("600", "315")
    assert plain.select_one(".folio-post-header img") is None  # a preview image, not a cover
    for listing in ("", "tags/", "tags/travel/", "archive/"):
        assert meta(site.html(listing), "og:image") == (
            "https://blog.example.org/images/default.png"
        ), listing


def test_json_ld_names_publisher_and_an_author_even_without_site_author(site: Site) -> None:
    plain = ld(site.html("posts/plain/"))
    publisher = {"@type": "Organization", "name": "Test Blog", "url": "https://blog.example.org/"}
    assert plain["publisher"] == publisher
    assert plain["author"] == publisher
    lake = ld(site.html("posts/by-the-lake/"))
    assert lake["author"] == [{"@type": "Person", "name": "Jane Doe"}]
    assert lake["publisher"] == publisher


@pytest.mark.parametrize("field", ["image", "cover"])
def test_a_missing_local_image_stops_the_build_naming_file_and_field(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, field: str
) -> None:
    source = post("A", **{field: "images/nope.png"}, image_alt="x")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        make_site(tmp_path, {"posts/a.md": source})
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR] == [
        f"posts/a.md: '{field}' names 'images/nope.png', which is not a file under docs_dir;"
        " give a path relative to docs_dir like images/cover.png, or an https:// URL"
    ]


def test_a_bad_default_image_is_a_config_error(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    root = write_site(tmp_path, {"index.md": "# Home\n"}, folio={"default_image": "javascript:x"})
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        load_config(config_file=str(root / "mkdocs.yml"))
    [message] = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert "default_image" in message and "'javascript:' scheme" in message
