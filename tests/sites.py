"""Build small real MkDocs sites in a temporary folder, the way a user would."""

from __future__ import annotations

import hashlib
import os
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from bs4 import BeautifulSoup
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

BASE_CONFIG: dict[str, Any] = {
    "site_name": "Test Blog",
    "site_url": "https://blog.example.org/",
    "theme": {"name": "material"},
    "plugins": ["search", "folio"],
}


def post(
    title: str | None = None, date: str | None = "2026-03-14", body: str = "", **meta: Any
) -> str:
    """Markdown source of a post with front matter."""
    front: dict[str, Any] = {}
    if title is not None:
        front["title"] = title
    if date is not None:
        front["date"] = date
    front.update(meta)
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False) if front else ""
    text = body or "## section\n\nSome words of the body for the excerpt and reading time."
    return f"---\n{header}---\n\n{textwrap.dedent(text).strip()}\n" if front else text


@dataclass
class Site:
    root: Path
    config: MkDocsConfig

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def out(self) -> Path:
        return self.root / "site"

    def html(self, path: str) -> BeautifulSoup:
        target = self.out / path
        if target.is_dir() or path.endswith("/") or path == "":
            target = target / "index.html"
        return BeautifulSoup(target.read_text(encoding="utf-8"), "lxml")

    def text(self, path: str) -> str:
        return (self.out / path).read_text(encoding="utf-8")


def write_site(
    root: Path,
    files: Mapping[str, str | bytes],
    config: Mapping[str, Any] | None = None,
    folio: Mapping[str, Any] | None = None,
) -> Path:
    data = dict(BASE_CONFIG)
    data.update(config or {})
    if folio is not None:
        data["plugins"] = [
            {"folio": dict(folio)} if entry == "folio" else entry for entry in data["plugins"]
        ]
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    for name, content in files.items():
        target = root / "docs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    (root / "docs").mkdir(exist_ok=True)
    return root


def build_site(root: Path, *, serve: bool = False, strict: bool = False) -> Site:
    config = load_config(config_file=str(root / "mkdocs.yml"), strict=strict)
    config.plugins.on_startup(command="serve" if serve else "build", dirty=False)
    try:
        build(config, serve_url="http://127.0.0.1:8000/" if serve else None)
    finally:
        config.plugins.on_shutdown()
    return Site(root, config)


def make_site(
    root: Path,
    files: Mapping[str, str | bytes],
    config: Mapping[str, Any] | None = None,
    folio: Mapping[str, Any] | None = None,
    *,
    serve: bool = False,
    strict: bool = False,
) -> Site:
    return build_site(write_site(root, files, config, folio), serve=serve, strict=strict)


def built_assets(site_dir: Path) -> list[str]:
    """folio's bundled CSS and JS in a built site, named without their content hash."""
    folder = site_dir / "assets" / "folio"
    return sorted(
        re.sub(r"\.[0-9a-f]{10}(?=\.(?:css|js)$)", "", path.name)
        for path in folder.iterdir()
        if path.suffix in (".css", ".js")
    )


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file under a folder with its content hash, to prove nothing was touched."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def entry_titles(soup: BeautifulSoup) -> list[str]:
    return [a.get_text(strip=True) for a in soup.select(".folio-entry__title a")]


def listed_titles(soup: BeautifulSoup) -> list[str]:
    """Titles in the compact, year-grouped lists of the archive and of tag pages."""
    return [a.get_text(strip=True) for a in soup.select(".folio-archive__posts a")]


def squash(text: str) -> str:
    """Text with runs of white space folded, as a reader sees it."""
    return " ".join(text.split())


def build_with_override(
    root: Path, files: Mapping[str, str | bytes], template: str, text: str
) -> Site:
    """Build with a theme custom_dir that overrides one folio template."""
    write_site(root, files, config={"theme": {"name": "material", "custom_dir": "overrides"}})
    override = root / "overrides" / template
    override.parent.mkdir(parents=True)
    override.write_text(text, encoding="utf-8")
    return build_site(root)
