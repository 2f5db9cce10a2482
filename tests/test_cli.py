"""`folio new`: a new post from the command line."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import yaml

from mkdocs_folio.cli import main, new_post

from .sites import build_site, entry_titles, write_site


def site(tmp_path: Path) -> Path:
    write_site(tmp_path, {"index.md": "# Home\n"})
    return tmp_path


def test_new_creates_a_post_that_builds(tmp_path: Path) -> None:
    site(tmp_path)
    path = new_post(
        "Hello, World!",
        tags="rust, Linux",
        draft=False,
        config_file=tmp_path / "mkdocs.yml",
        today=datetime(2026, 3, 14),
    )
    assert path == tmp_path / "docs/posts/hello-world.md"
    text = path.read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---")[1])
    assert front == {
        "title": "Hello, World!",
        "date": datetime(2026, 3, 14).date(),
        "tags": ["rust", "Linux"],
    }
    assert text.count("Hello, World!") == 1, "the title is written once, in front matter"
    built = build_site(tmp_path)
    assert entry_titles(built.html("")) == ["Hello, World!"]
    shown = built.html("posts/hello-world/").select_one("article")
    assert shown is not None
    assert [h.get_text(strip=True) for h in shown.select("h1, h2")].count("Hello, World!") == 1


def test_new_draft_reads_posts_dir_and_docs_dir_from_mkdocs_yml(tmp_path: Path) -> None:
    write_site(tmp_path, {}, config={"docs_dir": "content"}, folio={"posts_dir": "blog/entries"})
    (tmp_path / "content").mkdir(exist_ok=True)
    path = new_post("Draft idea", draft=True, config_file=tmp_path / "mkdocs.yml")
    assert path == tmp_path / "content/blog/entries/draft-idea.md"
    assert yaml.safe_load(path.read_text().split("---")[1])["draft"] is True


def test_new_refuses_to_overwrite(tmp_path: Path, capsys: object) -> None:
    site(tmp_path)
    args = ["new", "Same", "-f", str(tmp_path / "mkdocs.yml")]
    assert main(args) == 0
    before = (tmp_path / "docs/posts/same.md").read_text()
    assert main(args) == 1
    assert (tmp_path / "docs/posts/same.md").read_text() == before
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert err.startswith("folio: ") and "already exists" in err


def test_console_script_is_installed(tmp_path: Path) -> None:
    site(tmp_path)
    script = Path(sys.executable).parent / "folio"
    done = subprocess.run(
        [str(script), "new", "From the shell", "--tags", "cli"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == tmp_path / "docs/posts/from-the-shell.md"


def test_clear_errors_without_config_or_plugin(tmp_path: Path, capsys: object) -> None:
    assert main(["new", "X", "-f", str(tmp_path / "missing.yml")]) == 1
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n")
    (tmp_path / "docs").mkdir()
    assert main(["new", "X", "-f", str(tmp_path / "mkdocs.yml")]) == 1
    err = capsys.readouterr().err  # type: ignore[attr-defined]
    assert "no such file" in err and "has no 'folio'" in err


def test_new_with_a_very_long_title_writes_a_short_file_name(tmp_path: Path) -> None:
    site(tmp_path)
    for title in ("t" * 300, "日本語" * 30):
        path = new_post(title, config_file=tmp_path / "mkdocs.yml", today=datetime(2026, 3, 14))
        assert len(path.name.encode()) <= 255 and path.is_file()
    built = build_site(tmp_path)
    assert sorted(entry_titles(built.html(""))) == sorted(["t" * 300, "日本語" * 30])
