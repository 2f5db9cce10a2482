"""A blog written for Material's `blog` plugin, in the shapes real ones use, to build both
with Material's plugin and with folio (the same mkdocs.yml, only the plugin's name changed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

from .sites import Site, build_site

CATEGORIES = ["Releases", "Guides", "Deep Dives"]

# A site hook that, like real ones, reads the first `# heading` of every page's Markdown.
FIRST_HEADING_HOOK = """\
def on_page_markdown(markdown, page, **kwargs):
    headings = [line for line in markdown.splitlines() if line.startswith("# ")]
    page.meta["first_heading"] = headings[0][2:].strip()
    return markdown
"""

AUTHORS = """\
authors:
  jane:
    name: Jane Doe
    description: Maintainer
    avatar: https://example.org/avatars/jane.png
  omar:
    name: Omar Haddad
    description: Contributor
    avatar: assets/omar.png
"""

POST_TEMPLATE = """\
{% extends "blog-post.html" %}
{% block content %}
<p class="custom-post-template">Custom post template</p>
{{ super() }}
{% endblock %}
"""


def _post(number: int) -> tuple[str, str]:
    """The path and source of post `number` (0 is the newest)."""
    year = 2026 - number // 14
    month = 12 - (number % 14) % 12
    day = 1 + number % 27
    meta: dict[str, Any] = {
        "date": date(year, month, day),
        "categories": [CATEGORIES[number % 3]] + (["Guides"] if number % 5 == 0 else []),
        "authors": ["jane"] if number % 4 else ["jane", "omar"],
    }
    title = f"Post number {number}: notes on build systems"
    if number == 3:
        meta["slug"] = "mkdocs-2.0"
    if number == 4:
        meta["date"] = {"created": meta["date"], "updated": date(year, month, 28)}
    if number == 6:
        meta["pin"] = True
    if number == 7:
        meta["template"] = "custom-post.html"
    if number == 8:
        meta["readtime"] = 9
    if number == 9:
        meta["links"] = ["blog/posts/2026/post-01.md"]
    if number == 12:
        meta["draft"] = False  # published even when dated in the future (Material's rule)
    if number == 10:
        meta["title"] = "A front matter title"  # the listing still shows the # heading
    more = "" if number % 6 == 5 else "\n<!-- more -->\n"
    body = (
        f"# {title}\n\nThe intro of post {number} says what it is about.\n{more}\n"
        f"## Details\n\nThe rest of post {number}, with `code` and a list:\n\n- one\n- two\n"
    )
    front = yaml.safe_dump(meta, sort_keys=False)
    return f"blog/posts/{year}/post-{number:02d}.md", f"---\n{front}---\n\n{body}"


POST_COUNT = 34


def material_blog_files() -> dict[str, str]:
    files = {
        "index.md": "# Welcome\n\nThe home page.\n",
        "about.md": "# About\n\nAbout this site.\n",
        "blog/index.md": "# Blog\n\nThe posts, newest first.\n",
        "blog/.authors.yml": AUTHORS,
    }
    files.update(_post(number) for number in range(POST_COUNT))
    files["blog/posts/draft.md"] = "---\ndate: 2026-01-02\ndraft: true\n---\n\n# Unfinished\n\nx\n"
    return files


def write_material_blog(
    root: Path, plugin: str, options: dict[str, Any] | None = None, **config: Any
) -> Path:
    """The fixture blog with `plugin` ('blog' or 'folio') and Material's blog `options`."""
    data: dict[str, Any] = {
        "site_name": "Material Blog",
        "site_url": "https://blog.example.org/",
        "theme": {
            "name": "material",
            "custom_dir": "overrides",
            "features": ["navigation.tabs"],
        },
        "hooks": ["hooks/first_heading.py"],
        "plugins": ["search", {plugin: dict(options or {})}],
    }
    data.update(config)
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    for name, content in material_blog_files().items():
        target = root / "docs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    (root / "docs/assets").mkdir(exist_ok=True)
    (root / "docs/assets/omar.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (root / "hooks").mkdir(exist_ok=True)
    (root / "hooks/first_heading.py").write_text(FIRST_HEADING_HOOK, encoding="utf-8")
    (root / "overrides").mkdir(exist_ok=True)
    (root / "overrides/custom-post.html").write_text(POST_TEMPLATE, encoding="utf-8")
    return root


def build_both(
    tmp: Path, options: dict[str, Any] | None = None, **config: Any
) -> tuple[Site, Site]:
    """The fixture built with Material's blog plugin, then with folio."""
    material = build_site(write_material_blog(tmp / "material", "blog", options, **config))
    folio = build_site(write_material_blog(tmp / "folio", "folio", options, **config))
    return material, folio


def page_urls(site: Site) -> set[str]:
    """Every page of a built site, as the URL a reader types (directory URLs)."""
    return {
        "" if path.parent == site.out else str(path.parent.relative_to(site.out)) + "/"
        for path in site.out.rglob("index.html")
    } - {"404/"}
