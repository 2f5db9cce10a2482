"""Cover images: the front matter field, validated, and the pixel size read from the file's header.

A post names its cover with `image:` (or Material-style `cover:`) as a path under docs_dir or
an http(s) URL, either as text (with `image_alt:` for the description) or as a mapping
`{src, alt, width, height}`. Width and height let the browser reserve the space before the
image arrives; for local PNG, JPEG, GIF, WebP and SVG files folio reads them itself.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from posixpath import normpath
from typing import Any

from .errors import PostError, describe
from .urls import url_problem

IMAGE_FIELDS = ("image", "cover")
_MAPPING_KEYS = {"src", "alt", "width", "height"}
_ABSOLUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
MAX_SIDE = 100_000


class ImageValueError(ValueError):
    """The image field is malformed; the message says what was expected."""


@dataclass(frozen=True)
class ImageSpec:
    """An image as written: `src` is an http(s) URL or a normalised path under docs_dir."""

    src: str
    alt: str = ""
    width: int | None = None
    height: int | None = None

    @property
    def is_url(self) -> bool:
        return bool(_ABSOLUTE.match(self.src))


def image_source(value: str) -> str:
    """A src checked and normalised: http(s) URLs as written, paths relative to docs_dir."""
    text = value.strip()
    problem = url_problem(text)
    if problem is not None:
        raise ImageValueError(problem)
    if _ABSOLUTE.match(text):
        if not text.lower().startswith(("http://", "https://")):
            raise ImageValueError(
                "must be an http(s) URL or a path under docs_dir like images/cover.png,"
                f" got {text!r}"
            )
        return text
    if text.startswith("//"):
        raise ImageValueError(f"must name its scheme: write https:{text}")
    path = text.split("#", 1)[0].split("?", 1)[0]
    if "\\" in path:
        raise ImageValueError(f"must use / between folders, got {text!r}")
    path = normpath(path.lstrip("/"))
    if path == "." or path.startswith("../") or path == "..":
        raise ImageValueError(f"must be a file under docs_dir like images/cover.png, got {text!r}")
    return path


def _dimension(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_SIDE:
        raise ImageValueError(f"'{name}' must be a whole number of pixels, got {describe(value)}")
    return value


def _alt(value: object, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ImageValueError(f"'{name}' must be text, got {describe(value)}")
    return str(value).replace("\x00", "").strip()


def parse_image_spec(value: object, alt: object = None) -> ImageSpec:
    """`value` is the field (text or mapping); `alt` the separate `image_alt` field, if any."""
    if isinstance(value, str):
        return ImageSpec(image_source(value), _alt(alt, "image_alt"))
    if not isinstance(value, dict):
        raise ImageValueError(
            "must be a path under docs_dir, an https:// URL, or a mapping {src, alt, width,"
            f" height}}, got {describe(value)}"
        )
    unknown = sorted(str(key) for key in value if key not in _MAPPING_KEYS)
    if unknown:
        raise ImageValueError(
            f"has unknown key {unknown[0]!r}; expected src, alt, width and height"
        )
    src = value.get("src")
    if not isinstance(src, str) or not src.strip():
        raise ImageValueError(f"needs 'src', a path or URL, got {describe(src)}")
    width, height = value.get("width"), value.get("height")
    if (width is None) != (height is None):
        raise ImageValueError("needs both 'width' and 'height', or neither")
    return ImageSpec(
        image_source(src),
        _alt(value.get("alt", alt), "alt"),
        _dimension(width, "width") if width is not None else None,
        _dimension(height, "height") if height is not None else None,
    )


def post_image(src_uri: str, meta: dict[str, Any]) -> ImageSpec | None:
    """A post's cover from `image` or `cover` (and `image_alt`); PostError names the field."""
    present = [name for name in IMAGE_FIELDS if meta.get(name) is not None]
    if not present:
        return None
    if len(present) > 1:
        raise PostError(src_uri, "cover", "and 'image' are both set; keep one of them")
    name = present[0]
    try:
        return parse_image_spec(meta[name], meta.get("image_alt"))
    except ImageValueError as error:
        raise PostError(src_uri, name, str(error)) from None


# Sizes from file headers ---------------------------------------------------------------

_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE | re.DOTALL)
_SVG_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def image_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels of a PNG, GIF, JPEG, WebP or SVG; None when unknown."""
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n") and data[12:16] == b"IHDR":
            return _positive(struct.unpack(">II", data[16:24]))
        if data[:6] in (b"GIF87a", b"GIF89a"):
            return _positive(struct.unpack("<HH", data[6:10]))
        if data.startswith(b"\xff\xd8"):
            return _jpeg_size(data)
        if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            return _webp_size(data)
    except struct.error:
        return None
    return _svg_size(data)


def _positive(size: tuple[int, ...]) -> tuple[int, int] | None:
    width, height = size[0], size[1]
    return (width, height) if width > 0 and height > 0 else None


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    offset = 2
    while offset + 4 <= len(data):
        if data[offset] != 0xFF:
            return None
        marker = data[offset + 1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            offset += 2
            continue
        (length,) = struct.unpack(">H", data[offset + 2 : offset + 4])
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[offset + 5 : offset + 9])
            return _positive((width, height))
        if marker == 0xDA or length < 2:  # image data starts: no frame header before it
            return None
        offset += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return _positive((width, height))
    if chunk == b"VP8L" and data[20:21] == b"\x2f":
        bits = int.from_bytes(data[21:25], "little")
        return _positive(((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1))
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return _positive((width & 0x3FFF, height & 0x3FFF))
    return None


def _svg_size(data: bytes) -> tuple[int, int] | None:
    tag = _SVG_TAG.search(data[:4096])
    if tag is None:
        return None
    text = tag.group(0).decode("utf-8", "replace")
    attributes = dict(re.findall(r"""([\w:-]+)\s*=\s*["']([^"']*)["']""", text))
    width, height = attributes.get("width", ""), attributes.get("height", "")
    sized = _SVG_LENGTH.match(width), _SVG_LENGTH.match(height)
    if sized[0] and sized[1]:
        return _positive((round(float(sized[0].group(1))), round(float(sized[1].group(1)))))
    box = attributes.get("viewBox", "").replace(",", " ").split()
    if len(box) == 4:
        try:
            return _positive((round(float(box[2])), round(float(box[3]))))
        except ValueError:
            return None
    return None


# Resolving against the site's files ----------------------------------------------------

HEADER_BYTES = 512 * 1024
"""Enough of a file to find its size: JPEG's frame header can follow a large EXIF block."""


@dataclass(frozen=True)
class Image:
    """An image ready to show: `url` is absolute (http/https) or relative to the site root."""

    url: str
    alt: str = ""
    width: int | None = None
    height: int | None = None

    @property
    def is_absolute(self) -> bool:
        return bool(_ABSOLUTE.match(self.url))


def resolve_image(spec: ImageSpec, find: Callable[[str], tuple[str, bytes] | None]) -> Image:
    """`find(path)` gives a docs file's URL and its first bytes, or None when there is none.

    Raises ImageValueError when a local image is missing; its size comes from `spec` when
    given, else from the file's header (unknown sizes stay None)."""
    if spec.is_url:
        return Image(spec.src, spec.alt, spec.width, spec.height)
    found = find(spec.src)
    if found is None:
        raise ImageValueError(
            f"names '{spec.src}', which is not a file under docs_dir; give a path relative to"
            " docs_dir like images/cover.png, or an https:// URL"
        )
    url, head = found
    size = (spec.width, spec.height) if spec.width and spec.height else image_size(head)
    width, height = size if size is not None else (None, None)
    return Image(url, spec.alt, width, height)
