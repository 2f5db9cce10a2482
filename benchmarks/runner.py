"""Run one build in a fresh process and measure its wall time and peak memory."""

from __future__ import annotations

import compileall
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

SERVE_REBUILD = Path(__file__).with_name("serve_rebuild.py")


PLUGIN_SOURCE = Path(__file__).resolve().parent.parent / "plugin" / "mkdocs_folio"
_snapshot: Path | None = None


def snapshot_plugin(folder: Path) -> str:
    """Copy folio's package into `folder`, which child builds import it from from now on.

    The plugin's source may change while a long run is in progress; every build of a run
    then measures the same code. Returns a short digest of the copied sources.
    """
    global _snapshot
    target = folder / "mkdocs_folio"
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(PLUGIN_SOURCE, target, ignore=shutil.ignore_patterns("__pycache__"))
    digest = hashlib.sha256()
    for path in sorted(p for p in target.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(target)).encode())
        digest.update(path.read_bytes())
    _snapshot = folder
    compile_bytecode(target)
    return digest.hexdigest()[:12]


def compile_bytecode(package: Path) -> None:
    """Write the package's .pyc files, as `pip install` does: with PYTHONDONTWRITEBYTECODE set,
    every build would otherwise parse folio's source again, which an installed plugin never
    does (Material and MkDocs are measured from their installed bytecode)."""
    compileall.compile_dir(package, quiet=1)


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["NO_MKDOCS_2_WARNING"] = "1"
    env.setdefault("PYTHONHASHSEED", "0")
    if _snapshot is not None:
        # PYTHONPATH comes before site-packages, so it wins over the editable install.
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_snapshot), env.get("PYTHONPATH")]))
    return env


@dataclass
class BuildResult:
    site: str
    ok: bool
    seconds: float
    cpu_seconds: float
    peak_rss_mib: float
    warnings: int
    log: Path


def _spawn(command: list[str], cwd: Path, log: Path) -> tuple[int, float, float, float]:
    """Exit code, wall seconds, CPU seconds (user + system) and peak RSS (MiB) of a child.

    os.wait4 gives the rusage of exactly this child; RUSAGE_CHILDREN would report the
    largest of all children ever waited for, which hides a smaller later build.
    """
    with log.open("wb") as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, env=child_env()
        )
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    divisor = 1024 * 1024 if sys.platform == "darwin" else 1024
    cpu = usage.ru_utime + usage.ru_stime
    return process.returncode, seconds, cpu, usage.ru_maxrss / divisor


def count_warnings(log: Path) -> int:
    text = log.read_text(encoding="utf-8", errors="replace")
    return sum(1 for line in text.splitlines() if line.startswith(("WARNING", "ERROR")))


def mkdocs_build_arguments(
    config_file: Path, site_dir: Path | None = None, *, quiet: bool = True
) -> list[str]:
    """The interpreter's arguments for `mkdocs build` of `config_file` into `site_dir`;
    `quiet` silences its warnings too (`-q`)."""
    arguments = ["-m", "mkdocs", "build", *(["-q"] if quiet else []), "-f", str(config_file)]
    return arguments + (["-d", str(site_dir)] if site_dir is not None else [])


def run_build(site: str, config_file: Path, site_dir: Path) -> BuildResult:
    """`mkdocs build` of one site in a fresh interpreter, the way a user runs it."""
    log = config_file.with_name("build.log")
    # Not quiet: the log's warnings are counted.
    command = [sys.executable, *mkdocs_build_arguments(config_file, site_dir, quiet=False)]
    code, seconds, cpu, rss = _spawn(command, config_file.parent, log)
    return BuildResult(site, code == 0, seconds, cpu, rss, count_warnings(log), log)


@dataclass
class RebuildResult:
    site: str
    ok: bool
    initial: float
    rebuilds: list[float]
    rebuilds_cpu: list[float]
    log: Path
    edits: list[str] = field(default_factory=list)
    rebuilds_compile: list[float] = field(default_factory=list)
    """CPU seconds of each rebuild spent compiling Jinja templates."""
    rounds: list[int] = field(default_factory=list)
    """How many of the rebuilds each serve session ran, in order (see merge_rebuilds)."""


def merge_rebuilds(sessions: list[RebuildResult]) -> RebuildResult:
    """One site's rebuilds over several serve sessions, which ran in turn with the other
    site's; `rounds` keeps each session's share, to compare the sites round by round."""
    first = sessions[0]
    ok = all(session.ok for session in sessions)
    return RebuildResult(
        first.site,
        ok,
        min(session.initial for session in sessions) if ok else 0.0,
        [t for session in sessions for t in session.rebuilds],
        [t for session in sessions for t in session.rebuilds_cpu],
        next((s.log for s in sessions if not s.ok), sessions[-1].log),
        [kind for session in sessions for kind in session.edits],
        [t for session in sessions for t in session.rebuilds_compile],
        [len(session.rebuilds) for session in sessions],
    )


def run_rebuilds(
    site: str,
    config_file: Path,
    post: Path,
    runs: int,
    site_dir: Path,
    *,
    dirty: bool = False,
    session: int = 1,
) -> RebuildResult:
    """`mkdocs serve`-style rebuilds after editing `post`, in a fresh interpreter;
    `dirty` runs them as `mkdocs serve --dirty` does. `session` numbers its log."""
    name = ("serve-dirty" if dirty else "serve") + f"-{session}"
    log = config_file.with_name(f"{name}.log")
    out = config_file.with_name(f"{name}.json")
    command = [
        sys.executable,
        str(SERVE_REBUILD),
        str(config_file),
        str(post),
        str(runs),
        str(site_dir),
        *(["--dirty"] if dirty else []),
    ]
    with log.open("wb") as errors, out.open("wb") as output:
        code = subprocess.call(
            command, cwd=config_file.parent, stdout=output, stderr=errors, env=child_env()
        )
    if code != 0:
        return RebuildResult(site, False, 0.0, [], [], log)
    data = json.loads(out.read_text(encoding="utf-8"))
    return RebuildResult(
        site,
        True,
        float(data["initial"]),
        [float(t) for t in data["rebuilds"]],
        [float(t) for t in data["rebuilds_cpu"]],
        log,
        [str(kind) for kind in data.get("edits", [])],
        [float(t) for t in data.get("rebuilds_compile", [])],
    )
