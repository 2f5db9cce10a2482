"""Settings for the command palette, handed to its script as a JSON <script> tag."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .config import PaletteConfig
from .palette_index import INDEX_PATH

CONFIG_ELEMENT_ID = "folio-palette-config"

DEFAULT_STRINGS: dict[str, str] = {
    "title": "Command Palette",
    "placeholder": "Search for a command to run...",
    "close": "Esc",
    "close_label": "Close",
    "loading": "Loading…",
    "no_results": "No results",
    "result_one": "1 result",
    "results": "{count} results",
    "posts": "Posts",
    "tags": "Tags",
    "pages": "Pages",
    "commands": "Commands",
    "full_text": "Full text",
    "headings": "On this page",
    "recent": "Recently visited",
    "newest": "Newest posts",
    "help": "Help",
    "help_commands": "Commands only",
    "help_tags": "Tags, or '#tag words' for posts with that tag",
    "help_headings": "Headings of this page",
    "help_help": "This help",
    "go_home": "Go home",
    "go_tags": "Go to tags",
    "go_archive": "Go to archive",
    "toggle_theme": "Toggle light/dark theme",
    "copy_link": "Copy link to this page",
    "copied": "Link copied",
    "open_feed": "Open the RSS feed",
    "random_post": "Open a random post",
    "back_to_top": "Back to top",
    "search_full": "Search full text for '{query}'",
    "draft": "Draft",
    "post_count": "{count} posts",
    "post_count_one": "1 post",
}


def palette_settings(
    *,
    keys: list[str],
    strings: Mapping[str, Any],
    full_text: bool,
    recent: int,
    index: str = INDEX_PATH,
) -> dict[str, Any]:
    merged = dict(DEFAULT_STRINGS)
    merged.update({str(k): str(v) for k, v in strings.items()})
    return {
        "index": index,
        "keys": keys,
        "strings": merged,
        "fullText": full_text,
        "recent": recent,
    }


def settings_tag(settings: Mapping[str, Any]) -> str:
    """The settings as a JSON <script> tag; `<`, `>` and `&` are escaped so no string can end it.

    ASCII only (`\\u` escapes): the tag is on every page, and one character past Latin-1 (the
    "…" of "Loading…") makes Python hold the whole page two bytes a character.
    """
    payload = (
        json.dumps(settings, ensure_ascii=True, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return f'<script type="application/json" id="{CONFIG_ELEMENT_ID}">{payload}</script>'


def palette_tag(palette: PaletteConfig, *, language_prefix: str) -> str:
    """The settings tag of the pages of the language whose pages are under `language_prefix`
    ('' for the default language): their palette loads that language's index."""
    return settings_tag(
        palette_settings(
            keys=palette.shortcuts,
            strings=palette.strings,
            full_text=palette.full_text,
            recent=palette.recent,
            index=language_prefix + INDEX_PATH,
        )
    )
