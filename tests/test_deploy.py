"""Publishing with `mkdocs gh-deploy`: a blog in its own git repo, pushed to a local bare origin."""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path

import feedparser
import pytest

from .sites import built_assets, entry_titles, listed_titles
from .thirdparty import (
    DRAFT_SLUG,
    PUBLISHED,
    TAGS,
    TITLES,
    broken_links,
    clean_env,
    html,
    run,
    write_blog,
)

MKDOCS = Path(sys.executable).parent / "mkdocs"
SITE_URL = "https://example.org/blog/"
# git as a fresh machine has it: no user or system configuration, an identity from the env.
GIT_ENV = clean_env(
    GIT_CONFIG_GLOBAL="/dev/null",
    GIT_CONFIG_NOSYSTEM="1",
    GIT_AUTHOR_NAME="Folio Tester",
    GIT_AUTHOR_EMAIL="tester@example.org",
    GIT_COMMITTER_NAME="Folio Tester",
    GIT_COMMITTER_EMAIL="tester@example.org",
)


def git(cwd: Path, *args: str | Path) -> str:
    return run(["git", *args], cwd=cwd, env=GIT_ENV).stdout


def deploy(repo: Path) -> str:
    result = run([MKDOCS, "gh-deploy", "--force"], cwd=repo, env=GIT_ENV)
    return result.stdout + result.stderr


def checkout(origin: Path, into: Path) -> Path:
    git(into.parent, "clone", "--quiet", "--branch", "gh-pages", "--single-branch", origin, into)
    return into


@dataclass
class Published:
    origin: Path
    repo: Path
    pages: Path  # a clone of the gh-pages branch
    source: str  # the short hash of the commit deployed


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Published:
    """The blog after one `mkdocs gh-deploy --force`."""
    root = tmp_path_factory.mktemp("deploy")
    origin = root / "origin.git"
    git(root, "init", "--quiet", "--bare", origin)
    repo = write_blog(
        root / "blog",
        {
            "site_name": "Deployed Blog",
            "site_url": SITE_URL,
            "theme": {"name": "material"},
            "plugins": ["search", "folio"],
        },
        {"about.md": "# About\n\nWho writes here.\n"},
    )
    (repo / ".gitignore").write_text("site/\n", encoding="utf-8")
    git(repo, "init", "--quiet", "--initial-branch", "main")
    git(repo, "add", ".")
    git(repo, "commit", "--quiet", "-m", "The blog")
    git(repo, "remote", "add", "origin", origin)
    git(repo, "push", "--quiet", "origin", "main")
    source = git(repo, "rev-parse", "--short", "HEAD").strip()
    deploy(repo)
    return Published(origin, repo, checkout(origin, root / "gh-pages"), source)


def test_gh_pages_has_the_listing_posts_and_tag_pages(published: Published) -> None:
    pages = published.pages
    assert entry_titles(html(pages)) == TITLES
    for title, slug in PUBLISHED:
        post = html(pages / "posts" / slug)
        assert post.select_one(".folio-post-header") is not None
        assert title in post.title.get_text()
    assert set(TAGS) <= {path.name for path in (pages / "tags").iterdir() if path.is_dir()}
    assert len(html(pages / "tags").select(".folio-tag-index li")) == len(TAGS)
    assert listed_titles(html(pages / "tags/linux")) == [TITLES[1], TITLES[3]]
    assert html(pages / "archive").select(".folio-archive__year")
    assert (pages / "about/index.html").is_file()
    assert broken_links(pages, "/blog/") == []


def test_gh_pages_has_the_feeds_nojekyll_and_palette_assets(
    published: Published,
) -> None:
    pages = published.pages
    assert (pages / ".nojekyll").is_file()
    expected_links = [f"{SITE_URL}posts/{slug}/" for _, slug in PUBLISHED]
    for name in ("feed.xml", "atom.xml"):
        feed = feedparser.parse((pages / name).read_bytes())
        assert not feed.bozo, name
        assert [entry.link for entry in feed.entries] == expected_links
    json_feed = json.loads((pages / "feed.json").read_text(encoding="utf-8"))
    assert [item["url"] for item in json_feed["items"]] == expected_links
    assert feedparser.parse((pages / "tags/rust/feed.xml").read_bytes()).entries
    assert built_assets(pages) == ["folio.css", "palette.js"]
    assert (pages / "assets/folio/index.json").is_file()
    index = json.loads((pages / "assets/folio/index.json").read_text(encoding="utf-8"))
    assert len(index["posts"]) == len(PUBLISHED)


def test_gh_pages_has_no_draft(published: Published) -> None:
    pages = published.pages
    assert not [path for path in pages.rglob("*") if DRAFT_SLUG in str(path)]
    assert not (pages / "tags/secret").exists()  # the draft's only tag
    for path in pages.rglob("*"):
        if path.is_file() and ".git" not in path.parts and path.suffix != ".gz":
            text = path.read_text(encoding="utf-8", errors="replace")
            assert "Unfinished thoughts" not in text, path.relative_to(pages)


def test_gh_pages_commit_names_the_source_commit(published: Published) -> None:
    message = git(published.pages, "log", "-1", "--format=%s").strip()
    assert message.startswith(f"Deployed {published.source} with MkDocs version: ")


def test_publishing_the_draft_and_deploying_again(published: Published, tmp_path: Path) -> None:
    origin, repo = published.origin, published.repo
    assert git(repo, "status", "--porcelain") == ""  # the build left the source tree clean
    draft = repo / "docs/posts/unfinished.md"
    draft.write_text(
        draft.read_text(encoding="utf-8").replace("draft: true", "draft: false"),
        encoding="utf-8",
    )
    git(repo, "commit", "--quiet", "-am", "Publish the unfinished thoughts")
    deploy(repo)
    pages = checkout(origin, tmp_path / "gh-pages")
    titles = entry_titles(html(pages))
    assert titles == [*TITLES[:2], "Unfinished thoughts", *TITLES[2:]]
    assert (pages / "posts" / DRAFT_SLUG / "index.html").is_file()
    assert listed_titles(html(pages / "tags/secret")) == ["Unfinished thoughts"]
    assert len(git(pages, "log", "--format=%H").split()) == 2
    assert broken_links(pages, "/blog/") == []
