"""Posts' covers (`image`/`cover`) and the site's `default_image`, checked against its files."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from mkdocs.exceptions import PluginError

from .structure.images import Image, ImageSpec, ImageValueError, resolve_image
from .structure.post import Post


def resolve_covers(
    posts: Iterable[Post],
    default_image: ImageSpec | None,
    find: Callable[[str], tuple[str, bytes] | None],
) -> tuple[dict[Post, Image], Image | None]:
    """Each post's cover and the default image, `find` looking up files (see `image_finder`).

    Raises PluginError naming every missing image at once, one line each.
    """
    images: dict[Post, Image] = {}
    default: Image | None = None
    errors: list[str] = []
    for post in posts:
        if post.image is None:
            continue
        try:
            images[post] = resolve_image(post.image, find)
        except ImageValueError as error:
            field = "cover" if post.meta.get("cover") is not None else "image"
            errors.append(f"{post.src_uri}: '{field}' {error}")
    if default_image is not None:
        try:
            default = resolve_image(default_image, find)
        except ImageValueError as error:
            errors.append(f"mkdocs.yml: folio 'default_image' {error}")
    if errors:
        raise PluginError("\n".join(errors))
    return images, default
