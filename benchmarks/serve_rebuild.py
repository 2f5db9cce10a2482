"""Time `mkdocs serve` rebuilds after editing one post, the way `mkdocs serve` runs them.

Run as a script in a fresh process: `python serve_rebuild.py MKDOCS_YML POST RUNS SITE_DIR`.
Like `mkdocs serve`, it loads the config, calls the plugins' on_startup("serve"), builds
once into SITE_DIR, which it empties first and removes afterwards (not timed as a rebuild;
`mkdocs serve` itself builds into a temporary folder), and then, for every edit, loads the
config again (plugins with on_startup keep their instance) and rebuilds with `serve_url`.
Prints one line of JSON: {"initial": s, "rebuilds": [s, ...], "rebuilds_cpu": [s, ...]}.
The post is restored afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


def main(config_file: str, post: str, runs: int, site_dir: str) -> dict[str, object]:
    shutil.rmtree(site_dir, ignore_errors=True)
    post_path = Path(post)
    original = post_path.read_text(encoding="utf-8")

    def get_config():  # type: ignore[no-untyped-def]
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = SERVE_URL
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=False)
    rebuilds: list[float] = []
    rebuilds_cpu: list[float] = []
    try:
        start = time.perf_counter()
        build(config, serve_url=SERVE_URL)
        initial = time.perf_counter() - start
        for edit in range(runs):
            post_path.write_text(original + f"\nEdited for rebuild {edit}.\n", encoding="utf-8")
            start, start_cpu = time.perf_counter(), time.process_time()
            config = get_config()
            build(config, serve_url=SERVE_URL)
            rebuilds.append(time.perf_counter() - start)
            rebuilds_cpu.append(time.process_time() - start_cpu)
    finally:
        post_path.write_text(original, encoding="utf-8")
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return {"initial": initial, "rebuilds": rebuilds, "rebuilds_cpu": rebuilds_cpu}


if __name__ == "__main__":
    result = main(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4])
    sys.stdout.write(json.dumps(result) + "\n")
