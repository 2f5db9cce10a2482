"""Material's `meta` plugin: `.meta.yml` defaults under a post's own front matter.

The meta plugin merges them into `page.meta` only when a page's Markdown is rendered, long
after folio read the posts (their dates, drafts, authors and categories decide URLs and
listings in `on_files`). folio reads the same files itself, with the plugin's own settings and
merge rules, so a post gets them whatever the order of the plugins.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File

from .structure.errors import PostError, describe
from .structure.post import load_yaml, read_data_file


@dataclass(frozen=True)
class MetaFile:
    src_uri: str
    text: str
    """The file as written: what a rebuild under `mkdocs serve` compares."""
    data: Mapping[str, Any]


def meta_file_name(plugins: Mapping[str, Any]) -> str | None:
    """The `meta_file` of an enabled Material `meta` plugin (spelled `meta` or `material/meta`)."""
    for name, plugin in plugins.items():
        if name.split("/")[-1] != "meta":
            continue
        config = getattr(plugin, "config", None)
        if config is None or not config.get("enabled", True):
            continue
        file_name = config.get("meta_file")
        if isinstance(file_name, str) and file_name:
            return file_name
    return None


def read_meta_files(files: Iterable[File], file_name: str) -> list[MetaFile]:
    """Every meta file, parents before their subfolders (the order of MkDocs' file list, which
    the meta plugin merges in). Raises PostError naming a file that is not a YAML mapping."""
    found = []
    for file in files:
        if posixpath.basename(file.src_uri) != file_name or file.abs_src_path is None:
            continue
        text = read_data_file(Path(file.abs_src_path), file.src_uri)
        data = load_yaml(file.src_uri, "file", text)
        if data is None:
            data = {}
        if not isinstance(data, dict):
            expected = "must be a mapping of front matter defaults"
            raise PostError(file.src_uri, "file", f"{expected}, got {describe(data)}")
        found.append(MetaFile(file.src_uri, text, data))
    return found


def meta_files_for(src_uri: str, meta_files: Sequence[MetaFile]) -> list[MetaFile]:
    """The meta files that apply to a page: as the meta plugin decides it, every file whose
    folder is a prefix of the page's path."""
    return [meta for meta in meta_files if src_uri.startswith(posixpath.dirname(meta.src_uri))]
