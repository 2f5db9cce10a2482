"""The command palette in headless Chromium, against built sites served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .browser import free_port, serve_directory
from .sites import make_site, post

pytestmark = pytest.mark.browser

XSS = "<img src=x onerror=alert(1)>"
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
            body="## async is not free\n\nstate machines everywhere and a quokka appears.",
        ),
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
        config={"theme": PALETTE_THEME, "site_url": f"http://127.0.0.1:{port}/"},
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
    assert post_meta.startswith("2026-")
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


def test_axe_reports_no_violations_with_the_palette_open(page: Any, site_url: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page.goto(site_url)
    open_palette(page)
    type_query(page, "rust")
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
