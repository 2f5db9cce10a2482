"""The build benchmark keeps working: a 20-post run of `python -m benchmarks --smoke`.

Only that it runs and reports; never how fast anything was.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITES = ("floor", "material", "folio")


def test_benchmark_smoke_run_builds_all_three_sites(tmp_path: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--smoke",
            "--work-dir",
            str(tmp_path),
            "--output-dir",
            str(tmp_path / "out"),
        ],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-4000:]

    table = run.stdout
    assert (
        "| posts | floor | Material blog+tags | folio | folio / floor | Material / folio |" in table
    )
    row = next(line for line in table.splitlines() if line.startswith("| 20 |"))
    assert "failed" not in row
    assert "folio / floor" in table and "rebuild" in table
    assert (tmp_path / "results.md").read_text(encoding="utf-8") == table
    assert "### Command palette in headless Chromium, 200-post index" in table
    assert "First full-text result" in table

    results = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))
    (size,) = results["sizes"]
    assert size["posts"] == 20
    for site in SITES:
        (build,) = size["builds"][site]
        assert build["ok"], f"{site} build failed, see {build['log']}"
        assert build["warnings"] == 0, f"{site} build logged warnings, see {build['log']}"
        assert (tmp_path / "out" / "20" / site / "index.html").is_file()
    for site in ("floor", "folio"):
        assert size["rebuilds"][site]["ok"]
        assert len(size["rebuilds"][site]["rebuilds"]) == 1

    # The same 20 posts reached every site.
    posts = {
        "floor": tmp_path / "20/floor/docs/posts",
        "material": tmp_path / "20/material/docs/blog/posts",
        "folio": tmp_path / "20/folio/docs/posts",
    }
    names = {site: sorted(p.name for p in folder.glob("*.md")) for site, folder in posts.items()}
    assert len(names["folio"]) == 20
    assert names["floor"] == names["material"] == names["folio"]
    assert (tmp_path / "out/20/folio/tags/index.html").is_file()
    assert (tmp_path / "out/20/material/blog/index.html").is_file()
    assert f"write their sites to {tmp_path / 'out'}." in table
    # The serve rebuilds clean up after themselves.
    assert not (tmp_path / "out/20/folio-serve").exists()


def test_builds_go_to_a_fresh_folder_on_the_ram_disk_when_there_is_one(tmp_path: Path) -> None:
    from benchmarks.__main__ import ram_disk_folder

    folder = ram_disk_folder(tmp_path)
    assert folder is not None and folder.parent == tmp_path and folder.is_dir()
    assert ram_disk_folder(tmp_path / "missing") is None


def test_corpus_is_deterministic_and_shaped_like_the_issue_asks() -> None:
    from benchmarks.corpus import TAGS, make_corpus

    first, second = make_corpus(30), make_corpus(30)
    assert [p.text for p in first] == [p.text for p in second]
    # A smaller corpus is a prefix of a larger one, so sizes compare like with like.
    assert [p.text for p in make_corpus(10)] == [p.text for p in first[:10]]
    assert len(TAGS) == 20
    for post in first:
        assert 1 <= len(post.tags) <= 4
        assert "\n<!-- more -->\n" in post.text
        assert "\n## " in post.text and "```python\n" in post.text
        assert post.text.startswith("---\ntitle: ") and "\ndate: 2025-" in post.text
        assert 500 <= len(post.text.split()) <= 900
