"""Time every plugin event handler of one build, without a profiler's overhead.

    python -m benchmarks.hooks --posts 1000 --site folio

Loads the site's config in this process, wraps each handler registered with MkDocs'
plugin collection in a timer, runs `build`, and prints the CPU seconds spent per plugin
and event next to the whole build's (CPU time, so other work on a shared machine skews
it less than wall time). The difference between sites is the plugins' own cost
plus the extra pages they add (those pages show up in the theme rendering outside hooks).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .corpus import SITES, write_sites

DEFAULT_WORK_DIR = Path(__file__).resolve().parent / ".work"


def timed_build(config_file: Path) -> tuple[float, float, dict[tuple[str, str], list[float]]]:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(config_file))
    spent: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0.0])

    def wrap(event: str, method: Callable[..., Any]) -> Callable[..., Any]:
        owner = type(getattr(method, "__self__", method)).__name__
        key = (owner, event)

        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                record = spent[key]
                record[0] += 1
                record[1] += time.process_time() - start

        return timed

    for event, methods in config.plugins.events.items():
        methods[:] = [wrap(event, method) for method in methods]
    config.plugins.on_startup(command="build", dirty=False)
    start, start_cpu = time.perf_counter(), time.process_time()
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return time.perf_counter() - start, time.process_time() - start_cpu, dict(spent)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.hooks")
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--site", choices=SITES, default="folio")
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK_DIR)
    parser.add_argument("--no-write", action="store_true", help="reuse the written corpus")
    args = parser.parse_args(argv)
    root = args.work_dir / str(args.posts)
    if args.no_write and (root / args.site / "mkdocs.yml").is_file():
        config_file = root / args.site / "mkdocs.yml"
    else:
        config_file = write_sites(root, args.posts)[args.site]
    os.chdir(config_file.parent)
    wall, total, spent = timed_build(config_file)
    print(f"{args.site}, {args.posts} posts: build {total:.2f} s CPU ({wall:.2f} s wall)")
    hooks = sum(seconds for _, seconds in spent.values())
    print(f"all plugin handlers: {hooks:.2f} s CPU; outside them: {total - hooks:.2f} s CPU")
    print("| plugin | event | calls | CPU seconds | share |")
    print("|---|---|---:|---:|---:|")
    for (owner, event), (calls, seconds) in sorted(spent.items(), key=lambda kv: -kv[1][1]):
        if seconds >= 0.005:
            print(f"| {owner} | {event} | {calls} | {seconds:.3f} | {seconds / total:.1%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
