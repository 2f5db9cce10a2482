"""Profile one benchmark build with cProfile and show where folio spends its time.

    python -m benchmarks.profile --posts 1000             # the folio site
    python -m benchmarks.profile --posts 1000 --site floor --match mkdocs

Writes the corpus like `python -m benchmarks`, runs `mkdocs build` under cProfile in a
fresh process, saves <work-dir>/<posts>/<site>/build.prof (open it with snakeviz or
pstats), and prints the functions whose file path matches --match, by cumulative time.
"""

from __future__ import annotations

import argparse
import io
import pstats
import subprocess
import sys
import time
from pathlib import Path

from .corpus import SITES, write_sites
from .runner import child_env, mkdocs_build_arguments

DEFAULT_WORK_DIR = Path(__file__).resolve().parent / ".work"


def profile_build(config_file: Path) -> tuple[Path, float]:
    output = config_file.with_name("build.prof")
    command = [
        sys.executable,
        "-m",
        "cProfile",
        "-o",
        str(output),
        *mkdocs_build_arguments(config_file),
    ]
    start = time.perf_counter()
    subprocess.run(command, cwd=config_file.parent, env=child_env(), check=True)
    return output, time.perf_counter() - start


def summary(profile: Path, match: str, top: int) -> str:
    stream = io.StringIO()
    stats = pstats.Stats(str(profile), stream=stream)
    stats.sort_stats(pstats.SortKey.CUMULATIVE).print_stats(match, top)
    return stream.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile")
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--site", choices=SITES, default="folio")
    parser.add_argument("--match", default="mkdocs_folio", help="regex on file:function")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK_DIR)
    args = parser.parse_args(argv)
    configs = write_sites(args.work_dir / str(args.posts), args.posts)
    profile, seconds = profile_build(configs[args.site])
    print(f"{args.site}, {args.posts} posts: {seconds:.1f} s under cProfile; saved {profile}")
    print(summary(profile, args.match, args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
