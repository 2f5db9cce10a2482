"""30 `mkdocs serve` rebuilds with posts added, edited, retagged, renamed and deleted.

Run as `python -m tests.serve_cycles DIR`: checks every cycle's listing, tag pages and palette
index against the sources, and prints the memory still held after each late cycle as JSON.
"""

from __future__ import annotations

import gc
import json
import sys
import tracemalloc
from pathlib import Path

from .sites import build_site, entry_titles, listed_titles, post, write_site


def run(root: Path) -> list[int]:
    docs = root / "docs/posts"
    write_site(root, {"index.md": "# Home\n"})
    docs.mkdir(parents=True, exist_ok=True)
    expected: dict[str, tuple[str, list[str]]] = {}
    sizes: list[int] = []
    tracemalloc.start()
    for cycle in range(30):
        name = f"p{cycle % 7}.md"
        action = cycle % 4
        if action == 3 and expected:
            victim = sorted(expected)[cycle % len(expected)]
            (docs / victim).unlink()
            del expected[victim]
        elif action == 2 and expected:
            old = sorted(expected)[0]
            new = f"renamed{cycle}.md"
            (docs / old).rename(docs / new)
            expected[new] = expected.pop(old)
        else:
            title, tags = f"Post {cycle}", [f"t{cycle % 3}", f"u{cycle % 2}"]
            (docs / name).write_text(post(title, f"2026-01-{cycle + 1:02d}", tags=tags))
            expected[name] = (title, tags)
        site = build_site(root, serve=True)
        want = sorted(expected.values(), key=lambda item: -int(item[0].split()[1]))
        assert entry_titles(site.html("")) == [title for title, _ in want], cycle
        for tag in {t for _, tags in want for t in tags}:
            tagged = [t for t, tags in want if tag in tags]
            assert listed_titles(site.html(f"tags/{tag}/")) == tagged, (cycle, tag)
        palette = json.loads(site.text("assets/folio/index.json"))
        assert [row[0] for row in palette["posts"]] == [title for title, _ in want], cycle
        feed = site.text("feed.xml")
        assert all(title in feed for title, _ in want), cycle
        del site
        if cycle >= 10:
            gc.collect()  # what is still reachable, not garbage awaiting collection
            sizes.append(tracemalloc.get_traced_memory()[0])
    tracemalloc.stop()
    return sizes


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]))))
