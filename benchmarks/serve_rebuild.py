"""Time `mkdocs serve` rebuilds after editing one post, the way `mkdocs serve` runs them.

Run as a script in a fresh process:
`python serve_rebuild.py MKDOCS_YML POST RUNS SITE_DIR [--dirty]`.
Like `mkdocs serve` (or `mkdocs serve --dirty`), it loads the config, calls the plugins'
on_startup("serve", dirty), builds once into SITE_DIR, which it empties first and removes
afterwards (not timed as a rebuild; `mkdocs serve` itself builds into a temporary folder),
and then, for every edit, loads the config again (plugins with on_startup keep their
instance) and rebuilds with `serve_url`. The edits take turns: the body, the title, the
tags, the date (EDITS). Prints one line of JSON:
{"initial": s, "rebuilds": [s, ...], "rebuilds_cpu": [s, ...], "rebuilds_compile": [s, ...],
"edits": [name, ...]}, where rebuilds_compile is the CPU time each rebuild spent compiling
Jinja templates (MkDocs makes a new environment per build; a plugin may keep them compiled).
The post is restored afterwards.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"
EDITS = ("body", "title", "tags", "date")

_compiling = [0.0]
_compile = jinja2.Environment.compile


def _timed_compile(self, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.process_time()
    try:
        return _compile(self, *args, **kwargs)
    finally:
        _compiling[0] += time.process_time() - start


jinja2.Environment.compile = _timed_compile  # type: ignore[method-assign]


def edited(original: str, kind: str, number: int) -> str:
    """The post's text after edit `number` of `kind`; each edit differs from the last."""
    if kind == "body":
        return original + f"\nEdited for rebuild {number}.\n"
    if kind == "title":
        if re.search(r"^title: ", original, flags=re.M):
            return re.sub(r"^title: ", f"title: Edit {number} ", original, count=1, flags=re.M)
        return re.sub(r"^# ", f"# Edit {number} ", original, count=1, flags=re.M)
    if kind == "tags":
        swap = "kernel" if number % 2 else "compilers"
        return re.sub(r"^(tags:\n)- [^\n]+", rf"\1- {swap}", original, count=1, flags=re.M)
    if kind == "date":

        def shift(match: re.Match[str]) -> str:
            day = date.fromisoformat(match[1]) + timedelta(days=1 + number % 2)
            return f"date: {day.isoformat()}"

        return re.sub(r"^date: (\d{4}-\d{2}-\d{2})", shift, original, count=1, flags=re.M)
    raise ValueError(f"unknown edit {kind!r}")


def main(config_file: str, post: str, runs: int, site_dir: str, dirty: bool) -> dict[str, object]:
    shutil.rmtree(site_dir, ignore_errors=True)
    post_path = Path(post)
    original = post_path.read_text(encoding="utf-8")

    def get_config():  # type: ignore[no-untyped-def]
        config = load_config(config_file=config_file, site_dir=site_dir)
        config.site_url = SERVE_URL
        return config

    config = get_config()
    config.plugins.on_startup(command="serve", dirty=dirty)
    rebuilds: list[float] = []
    rebuilds_cpu: list[float] = []
    rebuilds_compile: list[float] = []
    kinds: list[str] = []
    try:
        start = time.perf_counter()
        build(config, serve_url=SERVE_URL, dirty=dirty)
        initial = time.perf_counter() - start
        for number in range(runs):
            kind = EDITS[number % len(EDITS)]
            post_path.write_text(edited(original, kind, number), encoding="utf-8")
            start, start_cpu = time.perf_counter(), time.process_time()
            _compiling[0] = 0.0
            config = get_config()
            build(config, serve_url=SERVE_URL, dirty=dirty)
            rebuilds.append(time.perf_counter() - start)
            rebuilds_cpu.append(time.process_time() - start_cpu)
            rebuilds_compile.append(_compiling[0])
            kinds.append(kind)
    finally:
        post_path.write_text(original, encoding="utf-8")
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)
    return {
        "initial": initial,
        "rebuilds": rebuilds,
        "rebuilds_cpu": rebuilds_cpu,
        "rebuilds_compile": rebuilds_compile,
        "edits": kinds,
    }


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if a != "--dirty"]
    result = main(
        arguments[0], arguments[1], int(arguments[2]), arguments[3], "--dirty" in sys.argv
    )
    sys.stdout.write(json.dumps(result) + "\n")
