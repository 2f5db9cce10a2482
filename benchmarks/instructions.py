"""Count the instructions one `mkdocs build` executes, under Valgrind's callgrind.

On a shared machine a build's wall and CPU time swing by up to a quarter from one build to
the next, with whatever else runs. The instructions it executes do not (the hash seed is
fixed), so the ratio of two sites' counts measures their work without the load. It does not
see what memory costs: a larger heap or colder caches take more time per instruction. A
build runs about fifty times slower under callgrind, so this is an option of the benchmark.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .runner import child_env, mkdocs_build_arguments

_TOTAL = re.compile(r"^(?:summary|totals):\s*(\d+)\s*$", re.MULTILINE)


def valgrind() -> str | None:
    """The valgrind executable, or None when it is not installed."""
    return shutil.which("valgrind")


@dataclass
class InstructionCount:
    site: str
    instructions: int | None
    """None when the build failed or callgrind wrote no total."""
    log: Path


def total_instructions(callgrind_output: str) -> int | None:
    """The program's total from a callgrind output file's `summary:` or `totals:` line."""
    match = _TOTAL.search(callgrind_output)
    return int(match[1]) if match else None


def count_instructions(
    builds: dict[str, tuple[Path, Path]], *, parallel: int | None = None
) -> dict[str, InstructionCount]:
    """Build each site (name -> config file, site dir) once under callgrind, `parallel` at a
    time (default: one per core; the counts do not depend on what else runs)."""
    executable = valgrind()
    if executable is None:
        raise RuntimeError("valgrind is not installed")
    slots = max(1, parallel or os.cpu_count() or 1)
    results: dict[str, InstructionCount] = {}
    names = list(builds)
    for start in range(0, len(names), slots):
        running = []
        for name in names[start : start + slots]:
            config_file, site_dir = builds[name]
            log = config_file.with_name("callgrind.log")
            output = config_file.with_name("callgrind.out")
            command = [
                executable,
                "--tool=callgrind",
                f"--callgrind-out-file={output}",
                sys.executable,
                *mkdocs_build_arguments(config_file, site_dir),
            ]
            with log.open("wb") as sink:
                process = subprocess.Popen(
                    command,
                    cwd=config_file.parent,
                    stdout=sink,
                    stderr=subprocess.STDOUT,
                    env=child_env(),
                )
            running.append((name, process, output, log))
        for name, process, output, log in running:
            code = process.wait()
            text = output.read_text(encoding="utf-8", errors="replace") if output.exists() else ""
            count = total_instructions(text) if code == 0 else None
            results[name] = InstructionCount(name, count, log)
    return results
