"""The reading experience in headless Chromium: contrast, focus, column, lists, archive, axe,
and folio's styles under a non-Material theme (computed styles, not class names)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .browser import free_port, serve_directory
from .sites import make_site, post
from .test_covers import png

pytestmark = pytest.mark.browser

SCHEMES = ("light", "dark")
# Every page kind folio writes or fills: home (paginated), a post, tags index, tag, archive.
PAGES = ("", "posts/the-quiet-cost-of-retries/", "tags/", "tags/networking/", "archive/")
FOLIO_ROOTS = (
    ".folio-listing, .folio-pagination, .folio-post-header, .folio-post-footer, .folio-series,"
    " .folio-archive, .folio-tag-index"
)
THEME = {
    "name": "material",
    "palette": [
        {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "primary": "indigo",
            "accent": "indigo",
            "toggle": {"icon": "material/weather-night", "name": "Dark"},
        },
        {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "primary": "indigo",
            "accent": "indigo",
            "toggle": {"icon": "material/weather-sunny", "name": "Light"},
        },
    ],
}
PROSE = (
    "Retries look free until the day a dependency slows down and every client multiplies its"
    " load by three. This post measures what a naive retry loop costs a struggling service,"
    " and how budgets, jitter and deadlines keep a small outage from becoming a large one."
)


def blog_files() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        "index.md": "---\nhide: [navigation, toc]\n---\n\n# Field notes\n\nWriting on systems.\n",
        "images/cover.png": png(480, 240),
        "images/jane.png": png(16, 16),
        "authors.yml": "jane: {name: Jane Doe, url: 'https://example.org/jane',"
        " avatar: images/jane.png}\n",
        "posts/retries.md": post(
            "The quiet cost of retries",
            "2025-09-25",
            tags=["networking", "Reliability", "eBPF"],
            authors=["jane"],
            image="images/cover.png",
            image_alt="A graph of requests climbing",
            series="Resilience",
            links=["posts/deadlines.md", {"Spec": "https://example.org/spec"}],
            body=f"## why it matters\n\n{PROSE}\n\n<!-- more -->\n\n## details\n\n{PROSE * 3}",
        ),
    }
    titles = [
        ("Deadlines all the way down", "2025-10-02"),
        ("Backpressure without tears", "2025-11-12"),
        ("Idempotency keys in practice", "2026-01-07"),
        ("A field guide to timeouts", "2026-02-19"),
        ("Circuit breakers, revisited", "2026-04-30"),
    ]
    for index, (title, date) in enumerate(titles):
        slug = title.split()[0].lower().strip(",")
        files[f"posts/{slug}.md"] = post(
            title,
            date,
            tags=["networking", "Reliability"] if index % 2 else ["networking"],
            series="Resilience" if index == 0 else None,
            body=f"## part one\n\n{PROSE}\n\n## part two\n\n{PROSE}",
        )
    return files


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    port = free_port()
    site = make_site(
        tmp_path_factory.mktemp("reading"),
        blog_files(),
        config={"theme": THEME, "site_url": f"http://127.0.0.1:{port}/"},
        folio={"per_page": 3, "tags_display": {"ebpf": "eBPF"}},
    )
    with serve_directory(site.out, port) as base:
        yield base


def open_page(browser: Any, url: str, scheme: str = "light", width: int = 1280) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    expected = "slate" if scheme == "dark" else "default"
    assert page.evaluate("document.body.dataset.mdColorScheme") == expected
    return page


# Colours as the browser computed them: rgb()/rgba(), or color(srgb ...) from color-mix().
CONTRAST_JS = """
(roots) => {
  const parse = (value) => {
    let m = value.match(/^rgba?\\(([^)]*)\\)/);
    if (m) {
      const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
    }
    m = value.match(/^color\\(srgb ([^)]*)\\)/);
    if (m) {
      const p = m[1].split(/[\\s\\/]+/).filter(Boolean).map(Number);
      return [p[0] * 255, p[1] * 255, p[2] * 255, p.length > 3 ? p[3] : 1];
    }
    throw new Error("unknown colour " + value);
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat([1]);
  };
  const background = (element) => {
    const layers = [];
    for (let node = element; node; node = node.parentElement) {
      const colour = parse(getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
    }
    let result = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const ratio = (a, b) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const rows = [];
  for (const root of document.querySelectorAll(roots)) {
    for (const element of [root, ...root.querySelectorAll("*")]) {
      const own = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      const style = getComputedStyle(element);
      const box = element.getBoundingClientRect();
      if (!own || style.visibility !== "visible" || box.width === 0) continue;
      const back = background(element);
      const fore = over(parse(style.color), back);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      rows.push({
        text: element.textContent.trim().slice(0, 40),
        className: element.className || element.tagName,
        ratio: Math.round(ratio(fore, back) * 100) / 100,
        needed: large ? 3 : 4.5,
      });
    }
  }
  return rows;
}
"""


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_folio_text_meets_wcag_aa_contrast(browser: Any, site_url: str, scheme: str) -> None:
    checked = 0
    for path in PAGES:
        page = open_page(browser, site_url + path, scheme)
        rows = page.evaluate(CONTRAST_JS, FOLIO_ROOTS)
        page.context.close()
        checked += len(rows)
        failing = [row for row in rows if row["ratio"] < row["needed"]]
        assert failing == [], (path, failing)
    assert checked > 50  # chips, dates, counts, excerpts, footer cards, related dates...


def test_tag_chips_read_at_least_4_5_to_1_in_both_schemes(browser: Any, site_url: str) -> None:
    for scheme in SCHEMES:
        page = open_page(browser, site_url, scheme)
        rows = page.evaluate(CONTRAST_JS, ".folio-tags")
        page.context.close()
        assert rows and min(row["ratio"] for row in rows) >= 4.5, (scheme, rows)


FOCUSABLE = [
    ("", ".folio-entry__title a"),
    ("", ".folio-tag"),
    ("", ".folio-pagination a"),
    ("posts/the-quiet-cost-of-retries/", ".folio-post-header .folio-tag"),
    ("posts/the-quiet-cost-of-retries/", ".folio-author__name"),
    ("posts/the-quiet-cost-of-retries/", ".folio-series a"),
    ("posts/the-quiet-cost-of-retries/", ".folio-post-nav__link"),
    ("posts/the-quiet-cost-of-retries/", ".folio-links a"),
    ("posts/the-quiet-cost-of-retries/", ".folio-related a"),
    ("tags/", ".folio-tag-index a"),
    ("archive/", ".folio-archive__posts a"),
    ("archive/", ".folio-archive__year h2 a"),
]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_keyboard_focus_is_visible_on_every_folio_link(
    browser: Any, site_url: str, scheme: str
) -> None:
    pages: dict[str, Any] = {}
    for path, selector in FOCUSABLE:
        page = pages.get(path)
        if page is None:
            page = pages[path] = open_page(browser, site_url + path, scheme)
            page.keyboard.press("Tab")  # keyboard use: focus() now shows :focus-visible
        link = page.locator(selector).first
        link.focus()
        ring = link.evaluate(
            """(element) => {
              const style = getComputedStyle(element);
              return {
                focused: element.matches(":focus-visible"),
                style: style.outlineStyle,
                width: parseFloat(style.outlineWidth),
                colour: style.outlineColor,
              };
            }"""
        )
        assert ring["focused"], selector
        assert ring["style"] == "solid" and ring["width"] >= 2, (selector, ring)
        # The ring itself stands out from the page: 3:1 (WCAG 1.4.11) against the background.
        contrast = page.evaluate(
            """([colour]) => {
              const probe = document.createElement("span");
              probe.className = "folio-contrast-probe";
              probe.textContent = "x";
              probe.style.color = colour;
              document.querySelector(".md-content, body").appendChild(probe);
              return null;
            }""",
            [ring["colour"]],
        )
        assert contrast is None
        rows = page.evaluate(CONTRAST_JS, ".folio-contrast-probe")
        page.evaluate("document.querySelector('.folio-contrast-probe').remove()")
        assert rows[0]["ratio"] >= 3, (selector, ring, rows)
    for page in pages.values():
        page.context.close()


def characters_per_line(page: Any, selector: str) -> float:
    return float(
        page.evaluate(
            """(selector) => {
              const block = document.querySelector(selector);
              const paragraph = block.querySelector(".folio-entry__excerpt p");
              const style = getComputedStyle(paragraph);
              const context = document.createElement("canvas").getContext("2d");
              context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
              const text = paragraph.textContent.trim();
              const average = context.measureText(text).width / text.length;
              return block.getBoundingClientRect().width / average;
            }""",
            selector,
        )
    )


@pytest.mark.parametrize("width", [1280, 1920])
def test_listing_is_a_comfortable_reading_column(browser: Any, site_url: str, width: int) -> None:
    # The home page hides nav and TOC: without a limit, lines would run the page's width.
    page = open_page(browser, site_url, width=width)
    content = page.evaluate("document.querySelector('.md-content').getBoundingClientRect().width")
    per_line = characters_per_line(page, ".folio-listing")
    page.context.close()
    assert content > 900
    assert 60 <= per_line <= 80, per_line


def test_a_phone_uses_the_full_width(browser: Any, site_url: str) -> None:
    page = open_page(browser, site_url, width=390)
    widths = page.evaluate(
        """() => [".folio-listing", ".md-content__inner"].map(
             (s) => document.querySelector(s).getBoundingClientRect().width)"""
    )
    page.context.close()
    assert widths[0] >= widths[1] - 1


@pytest.mark.parametrize(
    ("path", "items"),
    [
        ("tags/", ".folio-tag-index li"),
        ("archive/", ".folio-archive__posts li"),
        ("tags/networking/", ".folio-archive__posts li"),
        ("posts/the-quiet-cost-of-retries/", ".folio-related li"),
    ],
)
def test_lists_line_up_with_the_headings(
    browser: Any, site_url: str, path: str, items: str
) -> None:
    page = open_page(browser, site_url + path)
    lefts = page.evaluate(
        """(items) => ({
             heading: document.querySelector(".md-content h1").getBoundingClientRect().left,
             items: [...document.querySelectorAll(items)].map((li) =>
               Math.min(li.getBoundingClientRect().left,
                        li.firstElementChild.getBoundingClientRect().left)),
             bullets: [...document.querySelectorAll(items)].map(
               (li) => getComputedStyle(li).listStyleType),
           })""",
        items,
    )
    page.context.close()
    # The first (or only) column starts where the heading starts; none sits left of it.
    assert lefts["items"]
    assert abs(min(lefts["items"]) - lefts["heading"]) <= 1, lefts
    assert abs(lefts["items"][0] - lefts["heading"]) <= 1, lefts
    assert set(lefts["bullets"]) == {"none"}


@pytest.mark.parametrize("width", [1280, 390])
def test_archive_is_a_grid_with_a_clear_gap(browser: Any, site_url: str, width: int) -> None:
    page = open_page(browser, site_url + "archive/", width=width)
    rows = page.evaluate(
        """() => [...document.querySelectorAll(".folio-archive__posts li")].map((li) => {
             const date = li.querySelector("time").getBoundingClientRect();
             const title = li.querySelector("a").getBoundingClientRect();
             return {date: li.querySelector("time").textContent, dateRight: date.right,
                     dateBottom: date.bottom, titleLeft: title.left, titleTop: title.top,
                     fontSize: parseFloat(getComputedStyle(li).fontSize)};
           })"""
    )
    page.context.close()
    assert "September 25, 2025" in [row["date"] for row in rows]
    if width >= 1280:
        # One title column for all rows, at least 1em clear of the longest date.
        assert len({round(row["titleLeft"]) for row in rows}) == 1
        gap = min(row["titleLeft"] - row["dateRight"] for row in rows)
        assert gap >= rows[0]["fontSize"], rows
    else:
        # Narrow screens stack the date over the title instead of squeezing either.
        assert all(row["titleTop"] >= row["dateBottom"] - 1 for row in rows), rows


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_violation_in_folios_markup(browser: Any, site_url: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    for path in PAGES:
        page = open_page(browser, site_url + path, scheme)
        present = [s.strip() for s in FOLIO_ROOTS.split(",") if page.locator(s.strip()).count()]
        results = axe.run(page, context={"include": [[selector] for selector in present]})
        page.context.close()
        assert results.violations_count == 0, (path, scheme, results.generate_report())


def test_post_footer_cards_are_readable(browser: Any, site_url: str) -> None:
    page = open_page(browser, site_url + "posts/deadlines-all-the-way-down/")
    sizes = page.evaluate(
        """() => {
          const px = (s) => parseFloat(getComputedStyle(document.querySelector(s)).fontSize);
          const card = document.querySelector(".folio-post-nav__link").getBoundingClientRect();
          return {body: px(".md-typeset p"), label: px(".folio-post-nav__label"),
                  title: px(".folio-post-nav__title"), heading: px(".folio-related h2"),
                  cardHeight: card.height};
        }"""
    )
    page.context.close()
    assert sizes["label"] >= 12.5 and sizes["title"] >= sizes["body"] - 0.5
    assert sizes["heading"] > sizes["body"] * 1.1
    assert sizes["cardHeight"] >= 44  # a comfortable target


# Under MkDocs' own theme (Bootstrap) ---------------------------------------------------


@pytest.fixture(scope="module")
def plain_theme_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    files = blog_files()
    files["about.md"] = "# About\n\nA <mark>highlighted</mark> word of the theme's own.\n"
    site = make_site(
        tmp_path_factory.mktemp("plain-theme"),
        files,
        config={"theme": {"name": "mkdocs"}, "plugins": ["search", "folio"]},
    )
    with serve_directory(site.out) as base:
        yield base


def test_theme_rules_do_not_reach_folios_footer_and_marks(
    browser: Any, plain_theme_url: str
) -> None:
    page = open_page_plain(browser, plain_theme_url + "posts/deadlines-all-the-way-down/")
    footer = page.evaluate(
        """() => {
          const style = (s) => getComputedStyle(document.querySelector(s));
          return {
            align: style(".folio-post-footer").textAlign,
            weight: style(".folio-post-footer").fontWeight,
            title: style(".folio-post-nav__title").fontWeight,
            related: style(".folio-related li").textAlign,
          };
        }"""
    )
    assert footer["align"] in ("start", "left") and footer["related"] in ("start", "left")
    assert footer["weight"] == "400" and int(footer["title"]) >= 600
    page.keyboard.press("Control+k")
    page.wait_for_selector(".folio-palette:not([hidden]) [role=option]")
    page.fill(".folio-palette__input", "deadl")
    page.wait_for_selector(".folio-palette__title mark")
    padding = page.evaluate(
        "getComputedStyle(document.querySelector('.folio-palette__title mark')).padding"
    )
    page.context.close()
    assert padding in ("0px", "")


def test_folios_rules_do_not_leak_into_the_theme(browser: Any, plain_theme_url: str) -> None:
    page = open_page_plain(browser, plain_theme_url + "about/")
    theme = page.evaluate(
        """() => ({
          mark: getComputedStyle(document.querySelector("[role=main] mark")).paddingLeft,
          footer: getComputedStyle(document.querySelector("footer")).textAlign,
        })"""
    )
    page.context.close()
    assert theme["mark"] != "0px"  # Bootstrap's own padding on the page's mark
    assert theme["footer"] == "center"


def open_page_plain(browser: Any, url: str) -> Any:
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(url)
    return page
