"""folio's generated pages are real pages: a `# Title` in their Markdown, and the title a
`nav:` entry gives them wins."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest

from .material_blog import FIRST_HEADING_HOOK
from .sites import Site, make_site, post, squash

FILES = {
    "index.md": "# Home\n",
    **{
        f"posts/p{i}.md": post(
            date=f"2026-01-{i + 1:02d}", tags=["Rust"], body=f"# Post {i}\n\nSome words."
        )
        for i in range(3)
    },
}


@pytest.fixture(scope="module")
def titled(tmp_path_factory: pytest.TempPathFactory) -> Site:
    root = tmp_path_factory.mktemp("titled")
    (root / "hooks").mkdir()
    (root / "hooks/first_heading.py").write_text(FIRST_HEADING_HOOK, encoding="utf-8")
    return make_site(
        root,
        FILES,
        config={
            "nav": [
                {"Home": "index.md"},
                {"Posts": "blog/index.md"},
                {"Topics": "tags/index.md"},
            ],
            "hooks": ["hooks/first_heading.py"],
        },
        folio={"listing_page": "blog/index.md", "per_page": 2},
    )


@pytest.mark.parametrize(
    ("url", "title"),
    [("blog/", "Posts"), ("blog/page/2/", "Posts"), ("tags/", "Topics")],
)
def test_titles_from_nav_win_for_generated_pages(titled: Site, url: str, title: str) -> None:
    page = titled.html(url)
    assert squash(page.select_one("article h1").get_text()) == title
    assert page.title.get_text().startswith(f"{title} - ")
    if url != "blog/page/2/":
        active = page.select_one(".md-nav--primary .md-nav__link--active")
        assert squash(active.get_text()) == title


def test_generated_pages_have_a_heading_hooks_can_read(titled: Site) -> None:
    # The hook raised IndexError on a generated page without a `# heading`; each one built.
    for url, title in [("tags/rust/", "#Rust"), ("archive/", "Archive"), ("archive/2026/", "2026")]:
        assert squash(titled.html(url).select_one("article h1").get_text()) == title


def test_a_generated_title_is_text_not_markdown(tmp_path: Path) -> None:
    files = {
        "index.md": "# Home\n",
        "posts/a.md": post(title="A", tags=["*C++* <b>"]),
    }
    site = make_site(tmp_path, files)
    heading = site.html("tags/c-plus-plus-b/").select_one("article h1")
    assert heading.get_text() == "#*C++* <b>"
    assert heading.select("em, b") == []


def test_folio_listing_has_a_numbered_pager_and_continue_reading(titled: Site) -> None:
    second = titled.html("blog/page/2/")
    pager = second.select_one(".folio-pagination__position")
    assert [squash(item.get_text()) for item in pager.select(".folio-pagination__page")] == [
        "1",
        "2",
    ]
    assert pager.select_one("[aria-current=page]").get_text() == "2"
    first = pager.select_one("a.folio-pagination__page")["href"]
    assert (
        urljoin("https://blog.example.org/blog/page/2/", first) == "https://blog.example.org/blog/"
    )
    # The posts are shorter than an automatic excerpt: nothing more to read.
    assert second.select(".folio-entry__more") == []


def test_continue_reading_when_the_post_goes_on(tmp_path: Path) -> None:
    files = {
        "index.md": "# Home\n",
        "posts/cut.md": post(title="Cut", body="Intro.\n\n<!-- more -->\n\nThe rest."),
        "posts/whole.md": post(title="Whole", date="2026-03-13", body="Only this."),
    }
    home = make_site(tmp_path, files).html("")
    more = {
        squash(entry.select_one(".folio-entry__title").get_text()): [
            a["href"] for a in entry.select(".folio-entry__more a")
        ]
        for entry in home.select(".folio-entry")
    }
    assert more == {"Cut": ["posts/cut/"], "Whole": []}


def test_digit_first_heading_ids_become_valid_selectors() -> None:
    from mkdocs.structure.toc import get_toc

    from mkdocs_folio.anchors import selector_safe_heading_ids

    toc = get_toc([{"level": 1, "id": "2025", "name": "2025", "children": []}])
    html = selector_safe_heading_ids('<h1 id="2025">2025</h1><h2 id="rust">Rust</h2>', toc)
    assert html == '<h1 id="_2025">2025</h1><h2 id="rust">Rust</h2>'
    assert [item.url for item in toc] == ["#_2025"]
