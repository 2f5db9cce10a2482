"""Sites built the way other people build them: folio from its wheel, MkDocs from the CLI.

Used by test_install, test_deploy and test_properdocs. Every command runs in a subprocess with
an environment cleaned of this checkout (no PYTHONPATH, no VIRTUAL_ENV), in a folder outside it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from bs4 import BeautifulSoup

from .sites import post

REPO = Path(__file__).resolve().parent.parent

# The blog every third-party site gets: two years, five tags, a draft with a tag of its own.
POSTS: dict[str, str] = {
    "posts/rsync.md": post(
        "Modernizing rsync",
        "2026-03-14",
        tags=["rust", "networking"],
        body="## rolling checksums\n\nThey were designed for slow links.",
    ),
    "posts/scheduler.md": post(
        "Understanding the Linux scheduler",
        "2026-01-20",
        tags=["linux"],
        body="## what a scheduler does\n\nIt picks the next task to run.",
    ),
    "posts/async.md": post(
        "The hidden cost of async Rust",
        "2025-11-02",
        tags=["rust", "async"],
        body="State machines everywhere.\n\n<!-- more -->\n\n## the rest\n\nAfter the fold.",
    ),
    "posts/2025/nix.md": post(
        "Escaping dependency hell with Nix",
        "2025-06-30",
        tags=["nix", "linux"],
        body="## pinning\n\nEvery input has a hash.",
    ),
    "posts/unfinished.md": post(
        "Unfinished thoughts", "2025-12-01", tags=["rust", "secret"], draft=True
    ),
}
# Newest first, the way the listing shows them; the draft is not published.
PUBLISHED = [
    ("Modernizing rsync", "modernizing-rsync"),
    ("Understanding the Linux scheduler", "understanding-the-linux-scheduler"),
    ("The hidden cost of async Rust", "the-hidden-cost-of-async-rust"),
    ("Escaping dependency hell with Nix", "escaping-dependency-hell-with-nix"),
]
TITLES = [title for title, _ in PUBLISHED]
DRAFT_SLUG = "unfinished-thoughts"
TAGS = {"async": 1, "linux": 2, "networking": 1, "nix": 1, "rust": 2}
YEARS = {2026: 2, 2025: 2}


def clean_env(**extra: str) -> dict[str, str]:
    """This process's environment without anything that points at the checkout or its venv."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    }
    env["NO_MKDOCS_2_WARNING"] = "1"  # Material's banner
    env["DISABLE_MKDOCS_2_WARNING"] = "true"  # ProperDocs' banner
    env.update(extra)
    return env


def run(
    args: list[str | Path], *, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command; a failure shows its whole output."""
    result = subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        env=env if env is not None else clean_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(
            f"{' '.join(map(str, args))} exited {result.returncode}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    return result


def build_dists(out: Path) -> tuple[Path, Path]:
    """The wheel and the sdist, built from this checkout by its build backend."""
    run([sys.executable, "-m", "build", "--outdir", out, REPO], cwd=out)
    (wheel,) = out.glob("mkdocs_folio-*.whl")
    (sdist,) = out.glob("mkdocs_folio-*.tar.gz")
    return wheel, sdist


def make_venv(root: Path, *requirements: str | Path) -> Path:
    """A fresh venv (no system site-packages) with `requirements` installed by pip from the
    package index as this machine configures it; returns its bin/ folder."""
    run([sys.executable, "-m", "venv", root])
    bin_dir = root / "bin"
    run([bin_dir / "python", "-m", "pip", "install", "--quiet", *requirements])
    return bin_dir


def write_blog(root: Path, config: dict[str, Any], files: dict[str, str] | None = None) -> Path:
    """A site folder with mkdocs.yml and docs/: the standard posts plus `files`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    for name, content in {**POSTS, **(files or {})}.items():
        target = root / "docs" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    return root


def html(path: Path) -> BeautifulSoup:
    if path.is_dir():
        path = path / "index.html"
    return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")


LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src"}


def broken_links(site: Path, prefix: str = "/") -> list[str]:
    """Every link of every page that points at no file of the built site, which is served
    under the path `prefix` (MkDocs' 404 page links from the root: /prefix/assets/...)."""
    broken: list[str] = []
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
        for tag_name, attribute in LINK_ATTRIBUTES.items():
            for tag in soup.find_all(tag_name):
                value = tag.get(attribute)
                if not isinstance(value, str) or not value:
                    continue
                parts = urlsplit(value)
                if parts.scheme or parts.netloc or not parts.path:
                    continue  # external, or a fragment of this page
                path = unquote(parts.path)
                if path.startswith("/"):
                    if not path.startswith(prefix):
                        broken.append(f"{page.relative_to(site)}: {value} (outside {prefix})")
                        continue
                    target = (site / path.removeprefix(prefix)).resolve()
                else:
                    target = (page.parent / path).resolve()
                if target.is_dir():
                    target = target / "index.html"
                if not target.is_file() or site.resolve() not in target.parents:
                    broken.append(f"{page.relative_to(site)}: {value}")
    return broken
