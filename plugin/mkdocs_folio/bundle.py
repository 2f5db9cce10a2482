"""folio's CSS and JS as one stylesheet and one script per page, minified, hash-named.

The sources stay separate files in the package (folio.css, palette.css, palette.js); each
build joins and minifies them into virtual files whose names carry a hash of their content,
so a browser never keeps an old copy after an upgrade and can cache the current one forever.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import rcssmin  # type: ignore[import-untyped]
import rjsmin  # type: ignore[import-untyped]
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig

SOURCE_DIR = Path(__file__).parent / "assets" / "folio"
OUTPUT_DIR = "assets/folio"
HASH_LENGTH = 10
"""Hex digits of SHA-256 in a file name: collisions between two versions are out of reach."""


@dataclass(frozen=True)
class Asset:
    path: str
    """Where the file is written, relative to the site root, e.g. assets/folio/folio.<hash>.css."""
    content: str

    @property
    def is_stylesheet(self) -> bool:
        return self.path.endswith(".css")


def hashed_path(stem: str, suffix: str, content: str) -> str:
    """`assets/folio/<stem>.<hash><suffix>`, the hash taken over the content as served."""
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:HASH_LENGTH]
    return f"{OUTPUT_DIR}/{stem}.{digest}{suffix}"


def minify(text: str, suffix: str) -> str:
    minified: str = rcssmin.cssmin(text) if suffix == ".css" else rjsmin.jsmin(text)
    return minified.strip() + "\n"


@lru_cache(maxsize=8)  # `mkdocs serve` rebuilds with the same sources most of the time
def bundle(stem: str, suffix: str, sources: tuple[str, ...]) -> Asset:
    """The sources joined in order and minified, under a name hashing the result."""
    content = minify("\n".join(sources), suffix)
    return Asset(hashed_path(stem, suffix, content), content)


def read_source(name: str) -> str:
    return (SOURCE_DIR / name).read_text(encoding="utf-8")


def folio_assets(*, palette: bool, read: Callable[[str], str] = read_source) -> list[Asset]:
    """The stylesheet (folio.css, plus palette.css) and, with the palette, its script."""
    stylesheets: Sequence[str] = ("folio.css", "palette.css") if palette else ("folio.css",)
    assets = [bundle("folio", ".css", tuple(read(name) for name in stylesheets))]
    if palette:
        # Minified ahead by terser from palette.js (`make palette-min`): it renames locals,
        # which no minifier on PyPI does for modern JavaScript.
        assets.append(bundle("palette", ".js", (read("palette.min.js"),)))
    return assets


def add_to_config(config: MkDocsConfig, assets: Sequence[Asset]) -> None:
    """Each asset on every page, once: stylesheets in `extra_css`, scripts (deferred) in
    `extra_javascript`."""
    for asset in assets:
        if asset.is_stylesheet:
            if asset.path not in config.extra_css:
                config.extra_css.append(asset.path)
        elif asset.path not in map(str, config.extra_javascript):
            config.extra_javascript.append(deferred_script(asset.path))


def deferred_script(path: str) -> ExtraScriptValue:
    """The palette waits for nothing and nothing waits for it: it must not block rendering."""
    script = ExtraScriptValue(path)
    script.defer = True
    return script
