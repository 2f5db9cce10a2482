"""`mkdocs serve --dirty` rebuilds, run the way MkDocs' serve command runs them.

`DirtyServer` loads the config with a temporary site_dir and the serve URL, calls the plugins'
on_startup("serve", dirty=True), and builds with `dirty=True` after every edit (plugins with
on_startup keep their instance across the config reloads, as under `mkdocs serve`).

`python -m tests.dirty_serve MKDOCS_YML SITE_DIR` makes the clean build to compare with, in a
fresh process so that it gets fresh plugin instances: what `mkdocs serve` (without --dirty)
writes for the same files.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

SERVE_URL = "http://127.0.0.1:8000/"


class DirtyServer:
    def __init__(self, config_file: Path, site_dir: Path) -> None:
        self.config_file = config_file
        self.site_dir = site_dir
        self.config = self._load()
        self.config.plugins.on_startup(command="serve", dirty=True)

    def _load(self) -> MkDocsConfig:
        config = load_config(config_file=str(self.config_file), site_dir=str(self.site_dir))
        config.site_url = SERVE_URL
        return config

    def build(self, *, reload: bool = True) -> MkDocsConfig:
        if reload:
            self.config = self._load()
        build(self.config, serve_url=SERVE_URL, dirty=True)
        return self.config

    def touch_newer(self, path: Path) -> None:
        """An edit saved after the last build: newer than every output, whatever the clock."""
        newest = max(
            (p.stat().st_mtime for p in self.site_dir.rglob("*") if p.is_file()), default=0.0
        )
        stamp = max(newest, path.stat().st_mtime) + 2
        os.utime(path, (stamp, stamp))

    def close(self) -> None:
        self.config.plugins.on_shutdown()


def clean_build(config_file: Path, site_dir: Path) -> None:
    """What `mkdocs serve` writes for these files, from a fresh process."""
    subprocess.run(
        [sys.executable, "-m", "tests.dirty_serve", str(config_file), str(site_dir)],
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def _clean(config_file: str, site_dir: str) -> None:
    config = load_config(config_file=config_file, site_dir=site_dir)
    config.site_url = SERVE_URL
    config.plugins.on_startup(command="serve", dirty=False)
    try:
        build(config, serve_url=SERVE_URL)
    finally:
        config.plugins.on_shutdown()


if __name__ == "__main__":
    _clean(sys.argv[1], sys.argv[2])
