"""The command palette in headless Chromium, against built sites served on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import free_port, serve_directory
from .sites import make_site, post

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)>"
SITE_NAME = "Engineering & Thoughts"  # as long as the demo's, for the phone header
PALETTE_THEME = {
    "name": "material",
    "features": ["navigation.instant"],
    "palette": [
        {"scheme": "default", "toggle": {"icon": "material/weather-night", "name": "Dark"}},
        {"scheme": "slate", "toggle": {"icon": "material/weather-sunny", "name": "Light"}},
    ],
}


def blog_files() -> dict[str, str]:
    files = {
        "index.md": "# Home\n\nThe blog.\n",
        "about.md": "# About\n\nWho writes here.\n",
        "posts/rsync.md": post(
            "modernizing rsync for the multi-gigabit era",
            "2026-11-18",
            tags=["rust", "networking"],
            body="## the problem\n\nrolling checksums were designed for slow links.\n\n"
            "## parallel hashing\n\nhash blocks on every core.\n\n" + "filler text. " * 300,
        ),
        "posts/async.md": post(
            "the hidden cost of async rust",
            "2026-06-16",
            tags=["rust", "async"],
            # The quokka is past the excerpt, so only the section's text holds it.
            body="## async is not free\n\n"
            + "state machines everywhere, " * 20
            + "and a quokka appears at last.",
        ),
        # Newer than the async post, and only tagged async.
        "posts/loops.md": post("event loops explained", "2026-10-10", tags=["async"]),
        "posts/crab.md": post("ferris the 🦀 crab", "2024-05-05", tags=["rust"]),
        "posts/pinned.md": post("start here", "2023-01-01", tags=["meta"], pin=True),
        "posts/sched.md": post(
            "understanding the linux scheduler",
            "2026-09-12",
            tags=["linux"],
            body="## what a scheduler does\n\nit picks the next task.",
        ),
        "posts/xss.md": post(XSS, "2025-01-01", tags=[XSS]),
    }
    return files


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # Material's instant navigation only follows links listed in the sitemap, which is
    # written from site_url: the site must be built for the address it is served on.
    port = free_port()
    site = make_site(
        tmp_path_factory.mktemp("palette"),
        blog_files(),
        config={
            "site_name": SITE_NAME,
            "theme": PALETTE_THEME,
            "site_url": f"http://127.0.0.1:{port}/",
        },
    )
    with serve_directory(site.out, port) as base:
        yield base


def open_palette(page: Any) -> None:
    page.keyboard.press("Control+k")
    page.wait_for_selector(".folio-palette:not([hidden]) [role=option]")


def options(page: Any) -> list[str]:
    return page.locator(".folio-palette [role=option] .folio-palette__title").all_text_contents()


def groups(page: Any) -> list[str]:
    return page.locator(".folio-palette [role=group] > .folio-palette__label").all_text_contents()


def type_query(page: Any, query: str) -> None:
    page.fill(".folio-palette__input", query)
    page.wait_for_timeout(50)


def is_open(page: Any) -> bool:
    return bool(page.evaluate("() => !!document.querySelector('.folio-palette:not([hidden])')"))


def test_ctrl_k_opens_and_prevents_the_browser_default(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.evaluate(
        "() => window.addEventListener('keydown', e => { window.__prevented = e.defaultPrevented })"
    )
    open_palette(page)
    assert page.evaluate("() => window.__prevented") is True
    dialog = page.locator(".folio-palette")
    assert dialog.get_attribute("role") == "dialog"
    assert dialog.get_attribute("aria-modal") == "true"
    assert dialog.get_attribute("aria-label") == "Command Palette"
    assert page.locator(".folio-palette__input").get_attribute("placeholder") == (
        "Search for a command to run..."
    )
    assert page.evaluate("() => document.activeElement.classList.contains('folio-palette__input')")


def test_opens_from_materials_search_box_but_not_from_other_inputs(
    page: Any, site_url: str
) -> None:
    page.goto(site_url)
    page.click(".md-search__input")
    open_palette(page)
    page.keyboard.press("Escape")
    page.evaluate(
        "() => { const i = document.createElement('input'); i.id = 'other';"
        " document.querySelector('.md-content').prepend(i) }"
    )
    page.focus("#other")
    page.keyboard.press("Control+k")
    page.wait_for_timeout(100)
    assert not is_open(page)


def test_ime_composition_does_not_open_it(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.evaluate(
        "() => document.body.dispatchEvent(new KeyboardEvent('keydown',"
        " {key: 'k', ctrlKey: true, isComposing: true, bubbles: true}))"
    )
    page.wait_for_timeout(100)
    assert not is_open(page)


def test_materials_own_keys_still_work(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.wait_for_function("() => !!window.keyboard$")  # Material's bundle has set up its keys
    page.keyboard.press("s")
    page.wait_for_function("() => document.activeElement.classList.contains('md-search__input')")
    assert not is_open(page)


def test_header_button_opens_it_and_shows_the_shortcut(page: Any, site_url: str) -> None:
    page.goto(site_url)
    button = page.locator(".md-header .folio-palette-button")
    assert button.inner_text().split() == ["Command", "Palette", "Ctrl", "K"]
    button.click()
    page.wait_for_selector(".folio-palette:not([hidden]) [role=option]")


def test_escape_and_click_outside_close_and_focus_returns(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.evaluate("() => document.querySelector('.folio-entry__title a').dataset.mine = 'yes'")
    page.focus("[data-mine]")
    focused_again = "() => document.activeElement.dataset.mine === 'yes'"
    open_palette(page)
    page.keyboard.press("Escape")
    assert not is_open(page)
    assert page.evaluate(focused_again)
    open_palette(page)
    page.mouse.click(5, 600)
    assert not is_open(page)
    assert page.evaluate(focused_again)


def test_ranking_puts_rsync_first_and_highlights_matches(page: Any, site_url: str) -> None:
    page.goto(site_url)
    open_palette(page)
    type_query(page, "rsync")
    assert options(page)[0] == "modernizing rsync for the multi-gigabit era"
    marks = page.locator("[role=option]").first.locator("mark").all_inner_texts()
    assert "".join(marks) == "rsync"
    type_query(page, "linux")
    assert groups(page)[0] == "Tags"  # the exact tag beats the word inside a title
    assert options(page)[0] == "#linux"
    assert "understanding the linux scheduler" in options(page)


def test_groups_posts_tags_pages_and_commands(page: Any, site_url: str) -> None:
    page.goto(site_url)
    open_palette(page)
    type_query(page, "a")
    found = set(groups(page))
    assert {"Posts", "Tags", "Pages", "Commands"} <= found
    post_meta = page.locator(".folio-palette__option--post .folio-palette__meta").first.inner_text()
    assert re.match(r"[A-Z][a-z]+ \d{1,2}, \d{4}", post_meta)  # the listing's date_format
    tag_meta = page.locator(".folio-palette__option--tag .folio-palette__meta").first.inner_text()
    assert tag_meta.endswith("post") or tag_meta.endswith("posts")


def test_empty_query_lists_recent_then_newest_then_commands(page: Any, site_url: str) -> None:
    page.goto(site_url + "posts/understanding-the-linux-scheduler/")
    # The index loads when the browser is idle, and then the visit is recorded.
    page.wait_for_function(
        "() => Object.keys(localStorage).some(key => key.startsWith('folio:')"
        " && key.endsWith(':recent') && localStorage.getItem(key).includes('scheduler'))"
    )
    page.goto(site_url)
    open_palette(page)
    assert groups(page) == ["Recently visited", "Newest posts", "Commands"]
    assert options(page)[0] == "understanding the linux scheduler"
    assert options(page)[1] == "modernizing rsync for the multi-gigabit era"


def test_prefix_modes(page: Any, site_url: str) -> None:
    page.goto(site_url + "posts/modernizing-rsync-for-the-multi-gigabit-era/")
    open_palette(page)
    type_query(page, ">")
    assert groups(page) == ["Commands"]
    assert "Go home" in options(page)
    type_query(page, "> tog")
    assert options(page)[0] == "Toggle light/dark theme"
    type_query(page, "#ru")
    assert groups(page) == ["Tags"]
    assert options(page)[0] == "#rust"
    type_query(page, "#rust async")
    assert groups(page) == ["Posts #rust"]
    assert options(page) == ["the hidden cost of async rust"]
    type_query(page, "@")
    assert groups(page) == ["On this page"]
    assert options(page)[:2] == ["the problem", "parallel hashing"]
    type_query(page, "@parallel")
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#parallel-hashing"
    open_palette(page)
    type_query(page, "?")
    assert groups(page) == ["Help"]
    assert len(options(page)) == 4
    page.keyboard.press("Enter")  # choosing a mode fills in its prefix
    assert page.input_value(".folio-palette__input") == ">"


def test_arrow_keys_enter_and_tab(page: Any, site_url: str) -> None:
    page.goto(site_url)
    open_palette(page)
    type_query(page, "rust")
    field = page.locator(".folio-palette__input")
    first = field.get_attribute("aria-activedescendant")
    assert page.locator(f"#{first}").get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowDown")
    second = field.get_attribute("aria-activedescendant")
    assert second != first
    assert page.locator(f"#{first}").get_attribute("aria-selected") == "false"
    page.keyboard.press("ArrowUp")
    assert field.get_attribute("aria-activedescendant") == first
    page.keyboard.press("ArrowUp")  # wraps to the last option
    last = page.locator("[role=option]").last.get_attribute("id")
    assert field.get_attribute("aria-activedescendant") == last
    assert field.get_attribute("aria-expanded") == "true"
    for _ in range(3):
        page.keyboard.press("Tab")
        assert page.evaluate("() => !!document.activeElement.closest('.folio-palette')")
    page.focus(".folio-palette__input")
    type_query(page, "rsync")
    page.keyboard.press("Enter")
    page.wait_for_url("**/posts/modernizing-rsync-for-the-multi-gigabit-era/")


def test_focus_taken_from_the_open_palette_comes_back(page: Any, site_url: str) -> None:
    # Material blurs the page after an anchor jump; when that lands just after the palette
    # reopens, the next keystrokes must still reach the palette, not the page.
    page.goto(site_url)
    open_palette(page)
    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.type("rsync")
    assert page.input_value(".folio-palette__input") == "rsync"
    assert options(page)[0] == "modernizing rsync for the multi-gigabit era"
    page.keyboard.press("Escape")
    page.evaluate("() => document.activeElement.blur()")
    assert not is_open(page)
    assert page.evaluate("() => document.activeElement === document.body")


def test_active_option_scrolls_into_view(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 1000, "height": 420})
    page.goto(site_url)
    open_palette(page)
    for _ in range(12):
        page.keyboard.press("ArrowDown")
    visible = page.evaluate(
        "() => { const list = document.querySelector('.folio-palette__list');"
        " const el = document.querySelector('[aria-selected=true]');"
        " const a = list.getBoundingClientRect(), b = el.getBoundingClientRect();"
        " return b.top >= a.top - 1 && b.bottom <= a.bottom + 1 }"
    )
    assert visible


def test_live_region_announces_the_count(page: Any, site_url: str) -> None:
    page.goto(site_url)
    open_palette(page)
    type_query(page, "rsync")
    status = page.locator(".folio-palette [role=status]")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().endswith("results") or status.inner_text() == "1 result"


def test_navigation_commands(page: Any, site_url: str) -> None:
    for command, expected in [
        ("Go to tags", "tags/"),
        ("Go to archive", "archive/"),
        ("Go home", ""),
    ]:
        page.goto(site_url + "about/")
        open_palette(page)
        type_query(page, "> " + command)
        page.keyboard.press("Enter")
        page.wait_for_url(site_url + expected)
    page.goto(site_url + "about/")
    open_palette(page)
    type_query(page, "> random")
    page.keyboard.press("Enter")
    page.wait_for_url("**/posts/**")


def test_back_to_top_and_copy_link(page: Any, site_url: str, browser: Any) -> None:
    page.goto(site_url + "posts/modernizing-rsync-for-the-multi-gigabit-era/")
    page.evaluate("() => window.scrollTo(0, 2000)")
    open_palette(page)
    type_query(page, "> back to top")
    page.keyboard.press("Enter")
    page.wait_for_function("() => window.scrollY === 0")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_palette(page)
    type_query(page, "> copy link")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.folio-toast[role=status]')?.textContent === 'Link copied'"
    )
    assert page.evaluate("() => navigator.clipboard.readText()") == page.url


def test_theme_toggle_uses_materials_toggle_and_persists(page: Any, site_url: str) -> None:
    page.goto(site_url)
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    assert page.evaluate(scheme) == "default"
    open_palette(page)
    type_query(page, "> toggle")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({scheme})() === 'slate'")
    page.reload()
    assert page.evaluate(scheme) == "slate"


def test_theme_toggle_without_materials_toggle(page: Any, tmp_path: Path) -> None:
    site = make_site(tmp_path, blog_files())
    with serve_directory(site.out) as base:
        page.goto(base)
        open_palette(page)
        type_query(page, "> toggle")
        page.keyboard.press("Enter")
        scheme = "() => document.body.getAttribute('data-md-color-scheme')"
        assert page.evaluate(scheme) == "slate"
        page.reload()
        page.wait_for_function(f"() => ({scheme})() === 'slate'")


def test_search_full_text_command_hands_over_to_material(page: Any, site_url: str) -> None:
    page.goto(site_url)
    open_palette(page)
    type_query(page, "checksums")
    page.locator("[role=option]", has_text="Search full text for 'checksums'").click()
    assert not is_open(page)
    assert page.input_value(".md-search__input") == "checksums"
    assert page.evaluate("() => document.querySelector('[data-md-toggle=search]').checked")


def test_full_text_loads_lazily_and_finds_body_words(page: Any, site_url: str) -> None:
    # Material's own search box fetches the index on every page; count only the palette's.
    page.add_init_script(
        """
        window.__paletteFetches = [];
        const original = window.fetch;
        window.fetch = function (resource, ...rest) {
          if (String(new Error().stack).includes("assets/folio/palette.")) {
            window.__paletteFetches.push(String(resource));
          }
          return original.call(this, resource, ...rest);
        };
        """
    )
    palette_fetched_index = (
        "() => window.__paletteFetches.some(url => url.includes('search_index.json'))"
    )
    page.goto(site_url)
    page.wait_for_timeout(500)
    assert not page.evaluate(palette_fetched_index)
    open_palette(page)
    assert not page.evaluate(palette_fetched_index)
    type_query(page, "quokka")
    page.wait_for_selector(".folio-palette__option--text")
    assert page.evaluate(palette_fetched_index)
    assert "Full text" in groups(page)
    assert "quokka" in page.locator(".folio-palette__option--text").first.inner_text()


def test_instant_navigation_keeps_the_page_alive(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.evaluate("() => { window.__still_here = true }")
    open_palette(page)
    type_query(page, "scheduler")
    page.keyboard.press("Enter")
    page.wait_for_url("**/posts/understanding-the-linux-scheduler/")
    page.wait_for_selector("h1:has-text('understanding the linux scheduler')")
    assert page.evaluate("() => window.__still_here") is True  # no full reload
    assert page.locator(".folio-palette-button").count() == 1
    open_palette(page)  # still bound once, still working
    assert page.locator(".folio-palette").count() == 1


def test_hostile_titles_and_tags_are_text(page: Any, site_url: str) -> None:
    page.goto(site_url)
    open_palette(page)
    type_query(page, "img src")
    assert XSS in options(page)
    assert page.locator(".folio-palette img").count() == 0
    type_query(page, "#")
    assert "#" + XSS in options(page)
    assert page.locator(".folio-palette img").count() == 0
    page.wait_for_timeout(200)
    assert page.dialogs == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_reports_no_violations_with_the_palette_open(
    page: Any, site_url: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url)
    if scheme == "dark":
        use_dark_scheme(page)
    open_palette(page)
    type_query(page, "rust")
    page.keyboard.press("ArrowDown")
    results = Axe().run(page, context=".folio-palette")
    assert results.violations_count == 0, results.generate_report()
    type_query(page, "quokka")
    page.locator(".folio-palette__option--text").first.wait_for()
    results = Axe().run(page, context=".folio-palette")
    assert results.violations_count == 0, results.generate_report()


def test_configured_shortcut_and_strings(page: Any, tmp_path: Path) -> None:
    site = make_site(
        tmp_path,
        blog_files(),
        folio={"palette": {"shortcuts": ["alt+p"], "strings": {"placeholder": "Où aller ?"}}},
    )
    with serve_directory(site.out) as base:
        page.goto(base)
        page.keyboard.press("Control+k")
        page.wait_for_timeout(100)
        assert not is_open(page)
        page.keyboard.press("Alt+p")
        page.wait_for_selector(".folio-palette:not([hidden])")
        assert page.locator(".folio-palette__input").get_attribute("placeholder") == "Où aller ?"


def test_works_without_the_search_plugin(page: Any, tmp_path: Path) -> None:
    site = make_site(tmp_path, blog_files(), config={"plugins": ["folio"]})
    with serve_directory(site.out) as base:
        page.goto(base)
        open_palette(page)
        type_query(page, "quokka")
        page.wait_for_timeout(300)
        assert "Full text" not in groups(page)
        type_query(page, "rsync")
        assert options(page)[0] == "modernizing rsync for the multi-gigabit era"


def test_phone_layout_is_full_screen_and_works_by_touch(browser: Any, site_url: str) -> None:
    context = browser.new_context(
        viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True
    )
    phone = context.new_page()
    try:
        phone.goto(site_url)
        phone.locator(".folio-palette-button").tap()
        phone.wait_for_selector(".folio-palette:not([hidden]) [role=option]")
        box = phone.locator(".folio-palette__panel").bounding_box()
        assert box["width"] >= 389 and box["height"] >= 799
        phone.fill(".folio-palette__input", "scheduler")
        phone.locator("[role=option]").first.tap()
        phone.wait_for_url("**/posts/understanding-the-linux-scheduler/")
    finally:
        context.close()


# Bounded work per keystroke --------------------------------------------------------------


def handoff_title(page: Any) -> str:
    return str(page.locator(".folio-palette [role=option]").last.inner_text())


def test_a_long_query_is_cut_to_64_characters(page: Any, site_url: str) -> None:
    page.goto(site_url)
    open_palette(page)
    page.fill(".folio-palette__input", "rsync " * 100)
    assert len(page.input_value(".folio-palette__input")) == 64
    # The script cuts what it is given too, whatever fills the field.
    titles = page.evaluate(
        "() => window.__folioPalette.search('Q'.repeat(500)).flatMap(g => g.items)"
        ".map(hit => hit.item.title)"
    )
    assert titles[-1] == "Search full text for '" + "Q" * 64 + "'"  # cut, as typed


def test_only_the_first_eight_distinct_words_count(page: Any, site_url: str) -> None:
    page.goto(site_url)
    open_palette(page)
    # Eight distinct words of the title, repeated, then a ninth that is in no title: the
    # ninth is past the cap, so the title still matches every word that counts.
    words = "rsync era the for modernizing multi-gigabit mod rsy"
    type_query(page, f"{words} {words} absent")
    assert options(page)[0] == "modernizing rsync for the multi-gigabit era"


def test_highlights_never_split_an_emoji(page: Any, site_url: str) -> None:
    page.goto(site_url)
    open_palette(page)
    type_query(page, "🦀c")
    title = page.locator(".folio-palette__option--post .folio-palette__title").first
    assert title.inner_text() == "ferris the 🦀 crab"
    pieces = title.evaluate(
        "el => [...el.querySelectorAll('mark')].map(m => m.textContent)"
        ".concat([...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent))"
    )
    assert "🦀" in "".join(pieces)
    lone = re.compile("[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]")
    assert not [piece for piece in pieces if lone.search(piece)]


def test_replacement_patterns_in_the_query_stay_text(page: Any, site_url: str) -> None:
    page.goto(site_url)
    open_palette(page)
    for query in ["$&", "$'", "$`", "$$"]:
        type_query(page, query)
        assert handoff_title(page) == f"Search full text for '{query}'"


def test_recent_zero_neither_records_nor_shows_visits(page: Any, tmp_path: Path) -> None:
    site = make_site(tmp_path, blog_files(), folio={"palette": {"recent": 0}})
    loaded = "() => window.__folioPalette && window.__folioPalette.search('a').length > 0"
    with serve_directory(site.out) as base:
        page.goto(base)
        page.wait_for_function(loaded)
        # A history left from before the setting changed is dropped too.
        page.evaluate(
            "() => localStorage.setItem(Object.keys(localStorage).find(k => k.endsWith(':scheme'))"
            " || 'folio:/:recent', JSON.stringify(['posts/the-hidden-cost-of-async-rust/']))"
        )
        page.goto(base + "posts/understanding-the-linux-scheduler/")
        page.wait_for_function(loaded)
        assert not page.evaluate(
            "() => Object.keys(localStorage).filter(k => k.endsWith(':recent'))"
            ".map(k => localStorage.getItem(k))"
        )
        page.goto(base)
        open_palette(page)
        assert "Recently visited" not in groups(page)
        assert groups(page)[0] == "Newest posts"


# Docs sites ---------------------------------------------------------------------------------


def test_shortcut_works_after_clicking_the_theme_toggle(page: Any, site_url: str) -> None:
    page.goto(site_url)
    page.locator("form[data-md-component=palette] label:not([hidden])").click()
    assert page.evaluate("() => document.activeElement.type") == "radio"
    open_palette(page)
    page.keyboard.press("Escape")
    page.evaluate(
        "() => { const box = document.createElement('input'); box.type = 'checkbox';"
        " box.id = 'box'; document.querySelector('.md-content').prepend(box) }"
    )
    page.focus("#box")
    open_palette(page)


def docs_site_files() -> dict[str, str]:
    files = {f"posts/p{i}.md": post(f"post {i}", f"2026-01-0{i + 1}", pin=i == 0) for i in range(2)}
    for path, title in [
        ("index.md", "Blog"),
        ("guide/intro.md", "Intro"),
        ("guide/advanced/pooling.md", "Pooling"),
        ("guide/search.md", "Search"),
        ("api/search.md", "Search"),
    ]:
        files[path] = f"# {title}\n\nText.\n"
    return files


DOCS_NAV = [
    {"Blog": "index.md"},
    {
        "Guide": [
            {"Blog": "index.md"},
            "guide/intro.md",
            {"Advanced": ["guide/advanced/pooling.md"]},
            "guide/search.md",
        ]
    },
    {"API": ["api/search.md", {"Blog": "index.md"}]},
]


@pytest.fixture(scope="module")
def docs_site(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return make_site(tmp_path_factory.mktemp("docs"), docs_site_files(), config={"nav": DOCS_NAV})


def test_index_marks_pinned_posts_and_writes_listing_dates(docs_site: Any) -> None:
    posts = json.loads(docs_site.text("assets/folio/index.json"))["posts"]
    # [title, url, date as listed, tags, excerpt, flags]: 2 is pinned, no flags are left out.
    assert [(row[0], row[2], row[5:]) for row in posts] == [
        ("post 0", "January 1, 2026", [2]),
        ("post 1", "January 2, 2026", []),
    ]


def test_index_lists_each_page_once_with_its_section_path(docs_site: Any) -> None:
    pages = json.loads(docs_site.text("assets/folio/index.json"))["pages"]
    assert pages == [
        ["Blog", ""],
        ["Intro", "guide/intro/", ["Guide"]],
        ["Pooling", "guide/advanced/pooling/", ["Guide", "Advanced"]],
        ["Search", "guide/search/", ["Guide"]],
        ["Search", "api/search/", ["API"]],
    ]


def test_page_rows_show_their_section_path(page: Any, docs_site: Any) -> None:
    with serve_directory(docs_site.out) as base:
        page.goto(base)
        open_palette(page)
        type_query(page, "search")
        rows = page.locator(".folio-palette__option--page").all_inner_texts()
        assert [" ".join(row.split()) for row in rows] == ["Search Guide", "Search API"]
        type_query(page, "pooling")
        row = page.locator(".folio-palette__option--page").first
        assert row.locator(".folio-palette__meta").inner_text() == "Guide › Advanced"
        type_query(page, "blog")
        assert options(page).count("Blog") == 1


def test_full_text_hits_show_post_title_section_and_a_snippet(page: Any, site_url: str) -> None:
    page.goto(site_url)
    open_palette(page)
    type_query(page, "quokka")
    hit = page.locator(".folio-palette__option--text").first
    hit.wait_for()
    assert " ".join(hit.locator(".folio-palette__title").inner_text().split()) == (
        "the hidden cost of async rust › async is not free"
    )
    snippet = hit.locator(".folio-palette__meta").inner_text()
    assert snippet.startswith("…")
    assert snippet.removeprefix("…").split()[0] in {"state", "machines", "everywhere,"}
    assert hit.locator(".folio-palette__meta mark").all_inner_texts() == ["quokka"]
    # The hand-off to Material's search comes after every hit.
    texts = page.locator(".folio-palette [role=option]").all_inner_texts()
    assert texts[-1] == "Search full text for 'quokka'"
    hit.click()
    page.wait_for_url("**/posts/the-hidden-cost-of-async-rust/#async-is-not-free")


def test_full_text_drops_permalink_glyphs(page: Any, site_url: str) -> None:
    index = {
        "docs": [
            {"location": "guide/", "title": "Guide", "text": "<p>Start.</p>"},
            {
                "location": "guide/#pools",
                "title": 'Pools <a class="headerlink" href="#pools">¶</a>',
                "text": "<p>A pool of <code>wombat</code>s keeps <em>connections</em>.</p>",
            },
            {"location": "guide/#more", "title": "More ¶", "text": "<p>Another wombat.</p>"},
        ]
    }
    page.route("**/search/search_index.json", lambda route: route.fulfill(json=index))
    page.goto(site_url)
    open_palette(page)
    type_query(page, "wombat")
    hit = page.locator(".folio-palette__option--text").first
    hit.wait_for()
    assert " ".join(hit.inner_text().split()) == (
        "Guide › Pools A pool of wombats keeps connections."  # inline tags glue no space in
    )
    assert "¶" not in page.locator(".folio-palette__list").inner_text()


def test_pinned_posts_stay_out_of_newest_posts(page: Any, site_url: str) -> None:
    page.goto(site_url)
    open_palette(page)
    newest = page.locator(
        ".folio-palette [role=group]:has(> .folio-palette__label:text-is('Newest posts'))"
        " .folio-palette__title"
    ).all_inner_texts()
    assert newest[0] == "modernizing rsync for the multi-gigabit era"
    assert "start here" not in newest


# Reading experience -------------------------------------------------------------------------


def test_title_matches_beat_tag_only_matches(page: Any, site_url: str) -> None:
    page.goto(site_url)
    open_palette(page)
    type_query(page, "async")
    posts = page.locator(".folio-palette__option--post .folio-palette__title").all_inner_texts()
    assert posts == ["the hidden cost of async rust", "event loops explained"]


def test_every_row_underlines_what_matched(page: Any, site_url: str) -> None:
    page.goto(site_url)
    open_palette(page)
    type_query(page, "rust")
    rows = page.locator(".folio-palette [role=option]:not(:last-child)")
    for row in page.locator(".folio-palette__option--post, .folio-palette__option--tag").all():
        assert row.locator("mark").count() >= 1, row.inner_text()
    first = page.locator(".folio-palette__option--post").first
    assert first.locator(".folio-palette__title mark").all_inner_texts() == ["rust"]
    rsync = page.locator(".folio-palette__option--post", has_text="rsync")
    assert rsync.locator(".folio-palette__meta mark").all_inner_texts() == ["rust"]
    assert rows.count() > 0


def test_post_dates_are_written_as_in_the_listing(page: Any, site_url: str) -> None:
    page.goto(site_url)
    listed = page.locator(".folio-entry", has_text="understanding the linux scheduler")
    listing_date = listed.locator("time").first.inner_text().strip()
    open_palette(page)
    type_query(page, "scheduler")
    meta = page.locator(".folio-palette__option--post .folio-palette__meta").first.inner_text()
    assert meta.split("·")[0].strip() == listing_date == "September 12, 2026"


def test_phone_close_button_is_a_44px_target(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True)
    phone = context.new_page()
    try:
        phone.goto(site_url)
        phone.locator(".folio-palette-button").tap()
        close = phone.locator(".folio-palette__close")
        box = close.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44
        assert close.get_attribute("aria-label") == "Close (Esc)"
        assert close.inner_text().strip() == ""  # a cross, not an "Esc" key to press
        close.tap()
        assert not is_open(phone)
    finally:
        context.close()


def test_header_button_focus_is_visible(page: Any, site_url: str) -> None:
    page.goto(site_url)
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.classList.contains('folio-palette-button')"):
            break
    else:
        pytest.fail("Tab never reached the palette button")
    outline = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)] }"
    )
    assert outline[0] != "none" and outline[1] >= 1


def test_header_button_name_contains_its_visible_text(page: Any, site_url: str) -> None:
    page.goto(site_url)
    button = page.locator(".md-header .folio-palette-button")
    visible = " ".join(button.inner_text().split())
    assert visible == "Command Palette Ctrl K"
    assert page.get_by_role("button", name=visible, exact=True).count() == 1


def test_phone_header_has_one_bare_icon_and_room_for_the_title(browser: Any, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 800})
    phone = context.new_page()
    try:
        phone.goto(site_url)
        button = phone.locator(".md-header .folio-palette-button")
        button.wait_for()
        shown = button.evaluate(
            "el => ({ icon: el.querySelector('svg').getBoundingClientRect().width,"
            " background: getComputedStyle(el).backgroundColor,"
            " glyph: getComputedStyle(el, '::before').content,"
            " text: el.lastElementChild.getBoundingClientRect().width })"
        )
        # The text is out of sight, not out of the accessible name.
        assert shown == {"icon": 24, "background": "rgba(0, 0, 0, 0)", "glyph": "none", "text": 1}
        assert phone.get_by_role("button", name="Command Palette Ctrl K").count() == 1
        title = phone.locator(".md-header__topic").first.locator(".md-ellipsis")
        assert title.inner_text() == SITE_NAME
        assert title.evaluate("el => el.scrollWidth <= el.clientWidth")
    finally:
        context.close()


def color_of(page: Any, selector: str, prop: str) -> list[float]:
    value = page.evaluate(f"() => getComputedStyle(document.querySelector({selector!r})).{prop}")
    return [float(x) for x in re.findall(r"[\d.]+", value)]


def use_dark_scheme(page: Any) -> None:
    page.evaluate("() => document.body.setAttribute('data-md-color-scheme', 'slate')")


def test_backdrop_is_a_dark_scrim_in_both_schemes(page: Any, site_url: str) -> None:
    page.goto(site_url)
    for dark in (False, True):
        if dark:
            use_dark_scheme(page)
        open_palette(page)
        red, green, blue, alpha = color_of(page, ".folio-palette", "backgroundColor")
        assert max(red, green, blue) <= 40 and alpha >= 0.4, (dark, red, green, blue, alpha)
        page.keyboard.press("Escape")


# Every element that shows text inside `root`: its colour over the backgrounds under it.
CONTRASTS = """
(root) => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const over = (top, under) => {
    const a = top.length > 3 ? top[3] : 1;
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a));
  };
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length > 3 && c[3] === 0) continue;
      layers.push(c);
      if (c.length === 3 || c[3] === 1) break;
    }
    return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255]);
  };
  const lum = (rgb) => {
    const [r, g, b] = rgb.map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const out = [];
  for (const el of document.querySelectorAll(root)) {
    for (const node of [el, ...el.querySelectorAll("*")]) {
      const own = [...node.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      const box = node.getBoundingClientRect();
      if (!own || !box.width || getComputedStyle(node).visibility === "hidden") continue;
      if (node.closest(".folio-sr-only, .folio-palette-button__text") && box.width <= 1) continue;
      const bg = background(node);
      const fg = over(parse(getComputedStyle(node).color), bg);
      const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      out.push([node.textContent.trim().slice(0, 30), (l1 + 0.05) / (l2 + 0.05)]);
    }
  }
  return out;
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_palette_text_has_4_5_to_1_contrast(page: Any, site_url: str, scheme: str) -> None:
    page.goto(site_url)
    if scheme == "dark":
        use_dark_scheme(page)
    contrasts = page.evaluate(CONTRASTS, ".md-header .folio-palette-button")
    open_palette(page)
    type_query(page, "rust")
    page.keyboard.press("ArrowDown")  # a selected row and plain rows
    contrasts += page.evaluate(CONTRASTS, ".folio-palette")
    assert {"Posts", "rust", "Command Palette"} <= {text for text, _ in contrasts}
    low = [(text, round(ratio, 2)) for text, ratio in contrasts if ratio < 4.5]
    assert not low, low


def test_shipped_palette_script_is_made_from_the_source() -> None:
    folder = Path(__file__).parent.parent / "plugin/mkdocs_folio/assets/folio"
    source = hashlib.sha256((folder / "palette.js").read_bytes()).hexdigest()
    header = (folder / "palette.min.js").read_text(encoding="utf-8").split("\n", 1)[0]
    assert f"(sha256 {source})" in header, "palette.js changed: run `make palette-min`"
