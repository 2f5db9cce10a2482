"""The command palette's speed in headless Chromium.

- Open to paint, and keystroke to updated list, with the index of a 10,000-post corpus. The
  site is a small folio build whose palette index is replaced by the index folio's own
  builder makes for the whole corpus: the palette's work depends on the index, not on how
  many HTML pages exist.
- Time to the first full-text answer on a real 1,000-post build, for the palette and for
  Material's own search box, each from navigation start in a fresh browser context.
"""

from __future__ import annotations

import contextlib
import dataclasses
import statistics
import sys
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from tests.browser import CHROMIUM, CHROMIUM_ARGS, serve_directory

from mkdocs_folio.excerpt import cut_on_word
from mkdocs_folio.palette_index import INDEX_PATH, build_palette_index, dumps
from mkdocs_folio.structure.collection import PostCollection
from mkdocs_folio.structure.post import RenderedBody, parse_post

from .corpus import make_corpus, write_site

QUERIES = ["r", "ru", "rus", "rust", "rust a", "rust as", "rust asy", "rust async"]

# Runs in the page: open/close the palette and type. "handler" is the synchronous work
# (search and DOM update); "painted" runs to the next animation frame, when the browser
# paints it, so it includes waiting for the display's next frame.
_MEASURE = """
async ({runs, queries}) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
  const key = (target, init) =>
    target.dispatchEvent(new KeyboardEvent("keydown", {bubbles: true, ...init}));
  const open = [], openSync = [], sync = [], painted = [];
  for (let i = 0; i < runs; i++) {
    await frame();
    const t0 = performance.now();
    key(document.body, {key: "k", ctrlKey: true});
    openSync.push(performance.now() - t0);
    if (!document.querySelector(".folio-palette [role=option]")) throw new Error("no results");
    open.push((await frame()) - t0);
    const input = document.querySelector(".folio-palette__input");
    for (const q of queries) {
      await frame();
      const s0 = performance.now();
      input.value = q;
      input.dispatchEvent(new Event("input", {bubbles: true}));
      sync.push(performance.now() - s0);
      painted.push((await frame()) - s0);
    }
    key(input, {key: "Escape"});
  }
  return {open, openSync, sync, painted};
}
"""


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def corpus_index(count: int) -> str:
    """The palette index folio builds for the first `count` corpus posts."""
    posts = []
    for item in make_corpus(count):
        post = parse_post(f"posts/{item.filename}", item.text, posts_dir="posts")
        body = item.text.split("---", 2)[2]
        first_paragraph = body.strip().split("\n\n", 1)[0]
        post.body = RenderedBody(None, cut_on_word(first_paragraph, 140), 600, 3)
        posts.append(post)
    collection = PostCollection(posts)
    for tag in collection.tags:
        tag.url = f"tags/{tag.slug}/"
    links = {"home": "", "tags": "tags/", "archive": "archive/"}
    return dumps(build_palette_index(collection, pages=[], links=links, drafts=set()))


def build_folio_site(work: Path, count: int) -> Path:
    config_file = write_site(work, "folio", make_corpus(count))
    config = load_config(config_file=str(config_file), site_dir=str(work / "folio" / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return Path(config.site_dir)


def _browser(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def measure_interaction(work: Path, posts: int, runs: int = 15) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    site = build_folio_site(work / f"palette-{posts}", 20)
    index = corpus_index(posts)
    (site / INDEX_PATH).write_text(index, encoding="utf-8")
    with serve_directory(site) as base, sync_playwright() as playwright:
        browser = _browser(playwright)
        page = browser.new_page()
        page.goto(base)
        # The index is fetched when the browser is idle after load; wait until it is in.
        page.wait_for_function(
            "() => window.__folioPalette && window.__folioPalette.search('a').length > 0",
            timeout=60_000,
        )
        timings = page.evaluate(_MEASURE, {"runs": runs, "queries": QUERIES})
        browser.close()
    return {
        "posts": posts,
        "index_bytes": len(index.encode()),
        "open_handler_ms": _median(timings["openSync"]),
        "open_painted_ms": _median(timings["open"]),
        "keystroke_handler_ms": _median(timings["sync"]),
        "keystroke_painted_ms": _median(timings["painted"]),
        "samples": {key: len(value) for key, value in timings.items()},
    }


def build_full_text_site(work: Path, count: int) -> Path:
    """A real folio build of `count` corpus posts, one of which mentions FULL_TEXT_WORD."""
    posts = make_corpus(count)
    marked = posts[count // 2]
    extra = f"\n\nOnly this post mentions the {FULL_TEXT_WORD} in its body.\n"
    posts[count // 2] = dataclasses.replace(marked, text=marked.text + extra)
    config_file = write_site(work, "folio", posts)
    config = load_config(config_file=str(config_file), site_dir=str(work / "folio" / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return Path(config.site_dir)


# In no title of the corpus, so only a full-text search can find it.
FULL_TEXT_WORD = "quokkasaurus"


def _first_answer(playwright: Any, url: str, query: str, *, palette: bool) -> float:
    """Milliseconds from navigation start until the first full-text result is on screen."""
    browser = _browser(playwright)
    page = browser.new_page()
    try:
        page.goto(url)
        if palette:
            page.keyboard.press("Control+k")
            page.fill(".folio-palette__input", query)
            page.wait_for_selector(".folio-palette__option--text", timeout=120_000)
        else:
            page.click(".md-search__input")
            box = page.locator("input.md-search__input")
            # Material drops queries typed before its worker is ready: type again until it answers.
            for _ in range(600):
                box.fill(query)
                try:
                    page.wait_for_selector(".md-search-result__item", timeout=200)
                    break
                except Exception:
                    continue
            else:
                raise RuntimeError(f"Material's search box never answered {query!r}")
        return float(page.evaluate("() => performance.now()"))
    finally:
        browser.close()


def measure_full_text(work: Path, posts: int, runs: int = 3) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    site = build_full_text_site(work / f"fulltext-{posts}", posts)
    query = FULL_TEXT_WORD
    palette, material = [], []
    with serve_directory(site) as base, sync_playwright() as playwright:
        for _ in range(runs):
            palette.append(_first_answer(playwright, base, query, palette=True))
            # No answer is reported as such, never as a time.
            with contextlib.suppress(RuntimeError):
                material.append(_first_answer(playwright, base, query, palette=False))
    return {
        "posts": posts,
        "query": query,
        "search_index_bytes": (site / "search/search_index.json").stat().st_size,
        "palette_ms": _median(palette),
        "material_ms": _median(material),
        "material_answered": len(material),
    }


def main() -> int:
    work = Path(__file__).resolve().parent / ".work"
    print(measure_interaction(work, int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
    print(measure_full_text(work, int(sys.argv[2]) if len(sys.argv) > 2 else 1000))
    return 0


if __name__ == "__main__":
    sys.exit(main())
