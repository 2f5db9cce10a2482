"""The palette on sites read from the file system (Material's `offline` plugin).

Browsers do not let a `file://` page fetch a JSON file, so the palette's index is also written
as a script that sets a global, loaded by every page like Material's offline search index.
"""

from __future__ import annotations

from html import escape
from typing import Any

from .render import relative_root

INDEX_SCRIPT_PATH = "assets/folio/index.js"
GLOBAL_NAME = "__folioPaletteData"  # read by palette.js before it would fetch the JSON


def offline_enabled(plugins: Any) -> bool:
    """Whether Material's `offline` plugin is on (its `enabled` option defaults to true)."""
    plugin = plugins.get("material/offline") or plugins.get("offline")
    if plugin is None:
        return False
    options = getattr(plugin, "config", None)
    return bool(options.get("enabled", True)) if options is not None else True


def index_script(index_json: str) -> str:
    """The palette index as a script: JSON is a JavaScript expression."""
    return f"window.{GLOBAL_NAME}={index_json};\n"


def index_script_tag(page_url: str, language_prefix: str = "") -> str:
    src = relative_root(page_url) + language_prefix + INDEX_SCRIPT_PATH
    return f'<script defer src="{escape(src)}"></script>'
