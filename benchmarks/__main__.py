"""`python -m benchmarks`: build the same corpus plain, with Material's blog, and with folio.

    python -m benchmarks --posts 1000            # make bench
    python -m benchmarks --posts 250,1000,4000 --runs 3 --warmup 1
    python -m benchmarks --smoke                 # 20 posts, 1 run, no warm-up

Progress goes to stderr; the Markdown report goes to stdout and to <work-dir>/results.md,
with every measurement in <work-dir>/results.json.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from .corpus import SITES, VARIANTS, make_post, posts_dir, write_sites
from .instructions import InstructionCount, count_instructions, valgrind
from .runner import (
    PLUGIN_SOURCE,
    BuildResult,
    RebuildResult,
    compile_bytecode,
    merge_rebuilds,
    run_build,
    run_rebuilds,
    snapshot_plugin,
)
from .stats import median_interval

REPO = Path(__file__).resolve().parent.parent
DEFAULT_WORK_DIR = Path(__file__).resolve().parent / ".work"
LABELS = {"floor": "floor", "material": "Material blog+tags", "folio": "folio"}
# Builds write their sites to a RAM disk when there is one: on a shared machine, the disk's
# write-back swings a build by half a second or more, which is not the engines' doing.
RAM_DISK = Path("/dev/shm")

# Issue #7's targets, all ratios from the same run.
TARGET_FOLIO_FLOOR = 1.15
TARGET_SCALING = 4.4
TARGET_RSS = 1.2
TARGET_REBUILD = 1.1
TARGET_DIRTY_REBUILD = 1.3  # issue #17
# Sites whose builds --instructions counts: Material's blog would take four times as long.
INSTRUCTION_SITES = ("floor", "folio")
# The kinds of edit serve_rebuild.py takes turns with (its EDITS: body, title, tags, date);
# importing it here would patch Jinja in this process.
EDIT_KINDS = 4


@dataclass
class SizeResult:
    posts: int
    builds: dict[str, list[BuildResult]] = field(default_factory=dict)
    rebuilds: dict[str, RebuildResult] = field(default_factory=dict)
    dirty_rebuilds: dict[str, RebuildResult] = field(default_factory=dict)
    variant: str = "plain"
    palette: dict[str, Any] = field(default_factory=dict)
    instructions: dict[str, InstructionCount] = field(default_factory=dict)

    def ok(self, site: str) -> bool:
        runs = self.builds.get(site, [])
        return bool(runs) and all(run.ok for run in runs)

    def seconds(self, site: str) -> float | None:
        runs = self.builds.get(site, [])
        return statistics.median(r.seconds for r in runs) if self.ok(site) else None

    def cpu(self, site: str) -> float | None:
        runs = self.builds.get(site, [])
        return statistics.median(r.cpu_seconds for r in runs) if self.ok(site) else None

    def paired_cpu_ratios(self, site: str = "folio", base: str = "floor") -> list[float]:
        """CPU time ratios of the builds of one round (run back to back), round by round: a
        machine that slows down for a while slows both builds of a pair alike."""
        if not (self.ok(site) and self.ok(base)):
            return []
        pairs = zip(self.builds[site], self.builds[base], strict=False)
        return [mine.cpu_seconds / other.cpu_seconds for mine, other in pairs]

    def instruction_count(self, site: str) -> int | None:
        counted = self.instructions.get(site)
        return counted.instructions if counted is not None else None

    def rss(self, site: str) -> float | None:
        runs = self.builds.get(site, [])
        return max(r.peak_rss_mib for r in runs) if self.ok(site) else None

    @property
    def label(self) -> str:
        """The corpus size, and its variant when it is not the plain one."""
        return f"{self.posts:,}" + ("" if self.variant == "plain" else f" {self.variant}")

    def rebuild(self, site: str, *, cpu: bool = False, dirty: bool = False) -> float | None:
        result = (self.dirty_rebuilds if dirty else self.rebuilds).get(site)
        if result is None or not result.ok or not result.rebuilds:
            return None
        times = result.rebuilds_cpu if cpu else result.rebuilds
        return statistics.median(times) if times else None

    def round_ratios(self, *, dirty: bool, cpu: bool = False) -> list[float]:
        """folio / floor of the median rebuild, serve session by serve session: the sessions
        of a round ran back to back (see `rebuild_rounds`)."""
        both = self._both_rebuilt(dirty=dirty)
        if both is None:
            return []
        folio, floor = both
        pairs = zip(_per_session(folio, cpu=cpu), _per_session(floor, cpu=cpu), strict=False)
        return [statistics.median(mine) / statistics.median(other) for mine, other in pairs]

    def rebuild_pair_ratios(self, *, dirty: bool) -> list[float]:
        """folio / floor in CPU time rebuild by rebuild: the same edit, in serve sessions of
        the same round, which ran back to back."""
        both = self._both_rebuilt(dirty=dirty)
        if both is None:
            return []
        folio, floor = both
        if folio.edits != floor.edits or folio.rounds != floor.rounds:
            return []
        pairs = zip(folio.rebuilds_cpu, floor.rebuilds_cpu, strict=True)
        return [mine / other for mine, other in pairs]

    def _both_rebuilt(self, *, dirty: bool) -> tuple[RebuildResult, RebuildResult] | None:
        """folio's and the floor's rebuilds, when both sites rebuilt without a failure."""
        results = self.dirty_rebuilds if dirty else self.rebuilds
        folio, floor = results.get("folio"), results.get("floor")
        if folio is None or floor is None or not (folio.ok and floor.ok):
            return None
        return folio, floor

    def rebuild_compiling(self, site: str, *, dirty: bool = False) -> float | None:
        """Median CPU seconds a rebuild spent compiling templates."""
        result = (self.dirty_rebuilds if dirty else self.rebuilds).get(site)
        if result is None or not result.ok or not result.rebuilds_compile:
            return None
        return statistics.median(result.rebuilds_compile)

    def rebuild_cpu_without_compiling(self, site: str, *, dirty: bool = False) -> float | None:
        """Median CPU seconds of a rebuild less its template compiling, rebuild by rebuild."""
        result = (self.dirty_rebuilds if dirty else self.rebuilds).get(site)
        if result is None or not result.ok or not result.rebuilds_compile:
            return None
        return statistics.median(
            cpu - compiling
            for cpu, compiling in zip(result.rebuilds_cpu, result.rebuilds_compile, strict=True)
        )


def _per_session(result: RebuildResult, *, cpu: bool) -> list[list[float]]:
    times = result.rebuilds_cpu if cpu else result.rebuilds
    sessions, start = [], 0
    for count in result.rounds or [len(times)]:
        sessions.append(times[start : start + count])
        start += count
    return [session for session in sessions if session]


# Arguments --------------------------------------------------------------------------------


def _sizes(values: list[str] | None) -> list[int]:
    """`--posts 250,1000 --posts 4000` as [250, 1000, 4000]; ValueError names a bad value."""
    sizes: list[int] = []
    for value in values or []:
        for part in value.split(","):
            if part.strip():
                try:
                    number = int(part.replace("_", "").strip())
                except ValueError:
                    raise ValueError(f"--posts takes whole numbers, got {part.strip()!r}") from None
                if number < 1:
                    raise ValueError(f"--posts must be positive, got {number}")
                if number not in sizes:
                    sizes.append(number)
    return sizes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--posts",
        action="append",
        metavar="N[,N...]",
        help="corpus size; repeatable or a comma list, e.g. 250,1000,4000 (default 1000)",
    )
    parser.add_argument(
        "--variants",
        default=",".join(VARIANTS),
        metavar="NAME[,NAME...]",
        help=f"corpus variants to build, from {', '.join(VARIANTS)} (default: all)",
    )
    parser.add_argument("--runs", type=int, default=3, help="measured builds per site and size")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured builds first")
    parser.add_argument(
        "--rebuild-runs", type=int, default=None, help="serve rebuilds per site (default: --runs)"
    )
    parser.add_argument("--no-rebuild", action="store_true", help="skip the serve rebuilds")
    parser.add_argument(
        "--dirty-runs",
        type=int,
        default=4,
        help="`serve --dirty` rebuilds per site, one edit each (default 4: body, title, tags,"
        " date); 0 skips them, and --rebuild-runs 0 the full serve rebuilds",
    )
    parser.add_argument(
        "--sites",
        default=",".join(SITES),
        metavar="SITE[,SITE...]",
        help="sites to build, from floor, material, folio (default: all three); a long run on a"
        " busy machine may leave out Material's blog, which costs about 4× the floor",
    )
    parser.add_argument("--smoke", action="store_true", help="20 posts, 1 run, no warm-up")
    parser.add_argument(
        "--palette-posts",
        type=int,
        default=10_000,
        help="index size for the palette's open and keystroke timings in Chromium",
    )
    parser.add_argument(
        "--fulltext-posts",
        type=int,
        default=1000,
        help="built site for the first full-text answer, palette against Material's search",
    )
    parser.add_argument("--no-palette", action="store_true", help="skip the browser timings")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="also count the instructions of one floor and one folio build per corpus under"
        " valgrind's callgrind, a measure the machine's load does not move (about 50× slower"
        " than a build; needs valgrind)",
    )
    parser.add_argument("--work-dir", type=Path, default=DEFAULT_WORK_DIR)
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=None,
        help="where builds write their sites (default: a temporary folder on the RAM disk"
        f" {RAM_DISK} when there is one, else next to each site's docs in the work dir)",
    )
    parser.add_argument(
        "--live-plugin",
        action="store_true",
        help="import folio from plugin/ as it changes, instead of a copy taken at the start",
    )
    args = parser.parse_args(argv)
    try:
        args.sizes = _sizes(args.posts)
    except ValueError as error:
        parser.error(str(error))
    if args.smoke:
        args.sizes = args.sizes or [20]
        args.runs, args.warmup = 1, 0
        args.palette_posts, args.fulltext_posts = 200, 20
    args.sizes = args.sizes or [1000]
    args.variant_list = [v.strip() for v in args.variants.split(",") if v.strip()]
    args.site_list = [s.strip() for s in args.sites.split(",") if s.strip()]
    if not args.site_list or any(site not in SITES for site in args.site_list):
        parser.error(f"--sites takes names from {', '.join(SITES)}, got {args.sites!r}")
    unknown = [v for v in args.variant_list if v not in VARIANTS]
    if unknown or not args.variant_list:
        parser.error(f"--variants takes names from {', '.join(VARIANTS)}, got {args.variants!r}")
    if (
        args.runs < 1
        or args.warmup < 0
        or (args.rebuild_runs is not None and args.rebuild_runs < 0)
    ):
        parser.error("--runs must be at least 1, --warmup and --rebuild-runs at least 0")
    if args.rebuild_runs is None:
        args.rebuild_runs = args.runs
    if args.instructions and valgrind() is None:
        parser.error("--instructions needs valgrind (Debian: apt-get install valgrind)")
    return args


# Measuring --------------------------------------------------------------------------------


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def palette_sizes(site_dir: Path, posts: int) -> dict[str, Any]:
    """The palette's index and folio's JS/CSS as a reader downloads them (gzip -9)."""
    folder = site_dir / "assets" / "folio"
    sizes: dict[str, Any] = {}
    index = folder / "index.json"
    if index.is_file():
        raw = index.read_bytes()
        sizes["index_bytes"] = len(raw)
        sizes["index_gzip"] = gzip_size(raw)
        sizes["index_gzip_per_post"] = sizes["index_gzip"] / posts
    assets = sorted([*folder.glob("*.js"), *folder.glob("*.css")]) if folder.is_dir() else []
    if assets:
        sizes["assets"] = {path.name: gzip_size(path.read_bytes()) for path in assets}
        sizes["assets_gzip"] = sum(sizes["assets"].values())
    return sizes


def ram_disk_folder(ram_disk: Path = RAM_DISK) -> Path | None:
    """A fresh folder on the RAM disk, or None when there is no writable one."""
    if not (ram_disk.is_dir() and os.access(ram_disk, os.W_OK)):
        return None
    return Path(tempfile.mkdtemp(prefix="folio-bench-", dir=ram_disk))


def measure_size(
    args: argparse.Namespace, posts: int, output: Path | None, variant: str = "plain"
) -> SizeResult:
    """Build the three sites of `posts` posts, into `output` or else next to their docs."""
    name = str(posts) if variant == "plain" else f"{posts}-{variant}"
    root = args.work_dir / name
    log(f"== {posts} posts ({variant}): writing the corpus to {root}")
    configs = write_sites(root, posts, variant=variant)
    sites = {
        site: output / name / site if output else configs[site].parent / "site" for site in SITES
    }
    chosen = [site for site in SITES if site in args.site_list]
    result = SizeResult(posts, {site: [] for site in chosen}, variant=variant)
    total = args.warmup + args.runs
    for round_number in range(total):
        measured = round_number >= args.warmup
        for site in chosen:
            build = run_build(site, configs[site], sites[site])
            kind = "run" if measured else "warm-up"
            note = "" if build.ok else f"  FAILED, see {build.log}"
            if build.warnings:
                note += f"  ({build.warnings} warnings, see {build.log})"
            log(
                f"   {kind} {round_number + 1}/{total} {site:8} {build.seconds:7.2f} s"
                f" ({build.cpu_seconds:6.2f} s CPU) {build.peak_rss_mib:6.0f} MiB{note}"
            )
            if not build.ok:
                _show_tail(build.log)
            if measured or not build.ok:
                result.builds[site].append(build)
    result.palette = palette_sizes(sites["folio"], posts) if "folio" in chosen else {}
    if args.instructions:
        counted = [site for site in INSTRUCTION_SITES if site in chosen]
        log(f"   counting instructions under callgrind: {', '.join(counted)}")
        result.instructions = count_instructions(
            {site: (configs[site], sites[site]) for site in counted}
        )
        for site, count in result.instructions.items():
            shown = f"{count.instructions:,}" if count.instructions else f"FAILED, see {count.log}"
            log(f"   instructions {site:8} {shown}")
    if not args.no_rebuild:
        edited = make_post(posts // 2).filename
        for dirty, runs in ((False, args.rebuild_runs), (True, args.dirty_runs)):
            rebuilding = [site for site in ("floor", "folio") if site in chosen and runs > 0]
            sessions: dict[str, list[RebuildResult]] = {site: [] for site in rebuilding}
            # The sites take turns, one serve session of one round of edits each, the order
            # reversed every round (ABBA): load on a shared machine that comes and goes
            # during the run then hits both sites alike.
            for number, count in enumerate(rebuild_rounds(runs)):
                order = rebuilding if number % 2 == 0 else rebuilding[::-1]
                for site in order:
                    post = configs[site].parent / "docs" / posts_dir(site) / edited
                    serve_dir = sites[site].with_name(f"{site}-serve")
                    rebuild = run_rebuilds(
                        site, configs[site], post, count, serve_dir, dirty=dirty, session=number + 1
                    )
                    sessions[site].append(rebuild)
                    _log_rebuilds(rebuild, "dirty" if dirty else "serve")
                    if not rebuild.ok:
                        _show_tail(rebuild.log)
            for site, done in sessions.items():
                (result.dirty_rebuilds if dirty else result.rebuilds)[site] = merge_rebuilds(done)
    return result


def _ratios_summary(ratios: list[float]) -> str:
    """The median of paired ratios, their spread, and how sure the run is of that median."""
    spread = f"{min(ratios):.2f}–{max(ratios):.2f}×"
    summary = f"median {statistics.median(ratios):.2f}× ({spread}, {len(ratios)} pairs)"
    interval = median_interval(ratios)
    if interval is None:
        return summary + "; too few pairs to bound the median"
    low, high, confidence = interval
    return summary + f"; the median lies in {low:.2f}–{high:.2f}× ({confidence:.0%} sure)"


def rebuild_rounds(runs: int, per_round: int = EDIT_KINDS) -> list[int]:
    """Rebuilds per serve session: rounds of one edit of each kind, the rest in a last one."""
    rounds = [per_round] * (runs // per_round)
    if runs % per_round:
        rounds.append(runs % per_round)
    return rounds


def _log_rebuilds(rebuild: RebuildResult, mode: str) -> None:
    times = " ".join(
        f"{kind} {t:.2f} ({c:.2f} CPU)"
        for kind, t, c in zip(rebuild.edits, rebuild.rebuilds, rebuild.rebuilds_cpu, strict=False)
    )
    status = f"initial {rebuild.initial:.2f} s, rebuilds {times}" if rebuild.ok else ""
    log(f"   {mode:8} {rebuild.site:8} {status or 'FAILED, see ' + str(rebuild.log)}")


def _show_tail(path: Path, lines: int = 15) -> None:
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    for line in text[-lines:]:
        log(f"     | {line}")


# Report -----------------------------------------------------------------------------------


def _git(*command: str) -> str:
    try:
        return subprocess.run(
            ["git", *command], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def machine() -> dict[str, Any]:
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--", "plugin"))
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "cores": os.cpu_count(),
        "cpu": _cpu_name(),
        "system": f"{platform.system()} {platform.machine()}",
        "python": platform.python_version(),
        "mkdocs": _version("mkdocs"),
        "material": _version("mkdocs-material"),
        "folio": _version("mkdocs-folio"),
        "commit": commit + (" with uncommitted plugin/ changes" if dirty else ""),
        "load": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def _s(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:.2f} s" if value < 100 else f"{value:.0f} s"


def _ratio(numerator: float | None, denominator: float | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _mark(
    value: float | None, limit: float, *, at_least: bool = False, cpu: float | None = None
) -> str:
    """Whether a ratio meets its target; when wall and CPU time disagree, say so. A ratio
    measured in CPU time only is judged on it."""

    def meets(ratio: float) -> bool:
        return ratio >= limit if at_least else ratio <= limit

    if value is None:
        return "–" if cpu is None else ("yes" if meets(cpu) else "**no**")
    if cpu is not None and meets(value) != meets(cpu):
        return (
            f"unclear: wall {'yes' if meets(value) else 'no'}, CPU {'yes' if meets(cpu) else 'no'}"
        )
    return "yes" if meets(value) else "**no**"


CONTENDED = 1.25  # wall time above this multiple of CPU time: the build waited for a core


def _time_rows(
    results: list[SizeResult], measure: Callable[[SizeResult, str], float | None]
) -> list[str]:
    """One table row per size: the three sites' times by `measure`, and the two ratios."""
    rows = []
    for r in results:
        floor, material, folio = (measure(r, site) for site in SITES)
        rows.append(
            f"| {r.label} | {_s(floor)} | {_s(material)} | {_s(folio)}"
            f" | {_x(_ratio(folio, floor))} | {_x(_ratio(material, folio))} |"
        )
    return rows


def contention_notes(results: list[SizeResult]) -> list[str]:
    notes = []
    for r in results:
        for site in SITES:
            wall, cpu = r.seconds(site), r.cpu(site)
            if wall and cpu and wall > CONTENDED * cpu:
                notes.append(f"{LABELS[site]} at {r.label} posts ({wall / cpu:.2f}×)")
    return notes


def report(args: argparse.Namespace, info: dict[str, Any], results: list[SizeResult]) -> str:
    lines = [
        f"### Build benchmark, {info['date']}",
        "",
        f"{info['cores']} cores ({info['cpu']}, {info['system']}), Python {info['python']},"
        f" MkDocs {info['mkdocs']}, Material {info['material']},"
        f" folio {info['folio']} at {info['commit'] or 'an unknown commit'}"
        + (f" (sources {info['snapshot']}, copied at the start)." if info.get("snapshot") else "."),
        f"Each build is `mkdocs build` in a fresh process; median of {args.runs} run(s) after"
        f" {args.warmup} warm-up(s), the three sites alternating; peak RSS is the largest"
        " `ru_maxrss` of the build process. The builds write their sites to"
        f" {info.get('output', 'the work dir')}.",
        "",
        "| posts | floor | Material blog+tags | folio | folio / floor | Material / folio |",
        "|---:|---:|---:|---:|---:|---:|",
        *_time_rows(results, SizeResult.seconds),
        "",
        "CPU time (user + system) of the same builds, which other load on the machine"
        " distorts less than wall time:",
        "",
        "| posts | floor CPU | Material CPU | folio CPU | folio / floor | Material / folio |",
        "|---:|---:|---:|---:|---:|---:|",
        *_time_rows(results, SizeResult.cpu),
    ]
    paired = [(r, r.paired_cpu_ratios()) for r in results]
    if any(len(ratios) > 1 for _, ratios in paired):
        lines += [
            "",
            "folio / floor in CPU time build by build, each folio build against the floor build"
            " of the same round (the median of these ratios is less swayed than the ratio of"
            " the medians when the machine slows down for a while):",
            "",
        ]
        for r, ratios in paired:
            if ratios:
                lines.append(f"- {r.label}: {_ratios_summary(ratios)}")
    counted = [r for r in results if r.instructions]
    if counted:
        lines += [
            "",
            "Instructions one build executes, counted by valgrind's callgrind (same corpus, same"
            " hash seed; other load on the machine does not change them):",
            "",
            "| posts | floor | folio | folio / floor |",
            "|---:|---:|---:|---:|",
        ]
        for r in counted:
            floor_count, folio_count = (r.instruction_count(site) for site in INSTRUCTION_SITES)
            cells = " | ".join("–" if v is None else f"{v:,}" for v in (floor_count, folio_count))
            lines.append(f"| {r.label} | {cells} | {_x(_ratio(folio_count, floor_count))} |")
    lines += [
        "",
        "| posts | floor peak RSS | Material peak RSS | folio peak RSS | folio / floor |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        floor, material, folio = (r.rss(site) for site in SITES)
        cells = " | ".join("–" if v is None else f"{v:.0f} MiB" for v in (floor, material, folio))
        lines.append(f"| {r.label} | {cells} | {_x(_ratio(folio, floor))} |")

    if any(r.rebuilds or r.dirty_rebuilds for r in results):
        lines += [
            "",
            f"`mkdocs serve` and `mkdocs serve --dirty` rebuilds after editing one post (median"
            f" of {args.rebuild_runs} and of {args.dirty_runs}; the edits take turns: body,"
            " title, tags, date; the config is reloaded for each rebuild, as `mkdocs serve`"
            " does; a serve session runs one round of the four edits, and the two sites take"
            " turns, floor, folio, folio, floor, ...). Compiling is the CPU time spent"
            " compiling Jinja templates: MkDocs compiles the theme's again in every build,"
            " folio keeps them compiled while `mkdocs serve` runs; the last column leaves"
            " compiling out of both sides, to show the cost of folio's own work:",
            "",
            "| posts | rebuild | floor | folio | folio / floor | floor CPU | folio CPU"
            " | CPU folio / floor | compiling floor / folio | CPU less compiling folio / floor |",
            "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for r in results:
            for dirty, command in ((False, "`serve`"), (True, "`serve --dirty`")):
                if not (r.dirty_rebuilds if dirty else r.rebuilds):
                    continue
                floor, folio = r.rebuild("floor", dirty=dirty), r.rebuild("folio", dirty=dirty)
                floor_cpu = r.rebuild("floor", cpu=True, dirty=dirty)
                folio_cpu = r.rebuild("folio", cpu=True, dirty=dirty)
                compiling = (r.rebuild_compiling(site, dirty=dirty) for site in ("floor", "folio"))
                own = [
                    r.rebuild_cpu_without_compiling(site, dirty=dirty)
                    for site in ("floor", "folio")
                ]
                lines.append(
                    f"| {r.label} | {command} | {_s(floor)} | {_s(folio)}"
                    f" | {_x(_ratio(folio, floor))} | {_s(floor_cpu)} | {_s(folio_cpu)}"
                    f" | {_x(_ratio(folio_cpu, floor_cpu))} | {' / '.join(map(_s, compiling))}"
                    f" | {_x(_ratio(own[1], own[0]))} |"
                )
        paired_rebuilds = [
            (r, command, r.rebuild_pair_ratios(dirty=dirty))
            for r in results
            for dirty, command in ((False, "`serve`"), (True, "`serve --dirty`"))
        ]
        if any(len(ratios) > 1 for _, _, ratios in paired_rebuilds):
            lines += [
                "",
                "folio / floor in CPU time rebuild by rebuild, each folio rebuild against the"
                " floor's of the same edit in the same round:",
                "",
            ]
            for r, command, ratios in paired_rebuilds:
                if ratios:
                    lines.append(f"- {r.label}, {command}: {_ratios_summary(ratios)}")

    by_size = {r.posts: r for r in results if r.variant == "plain"}
    scaling = None
    if 1000 in by_size and 4000 in by_size:
        scaling = _ratio(by_size[4000].seconds("folio"), by_size[1000].seconds("folio"))
        big, small = by_size[4000], by_size[1000]
        floor_scaling = _ratio(big.seconds("floor"), small.seconds("floor"))
        lines += [
            "",
            f"Scaling, 4,000 / 1,000 posts: folio {_x(scaling)}, floor {_x(floor_scaling)}"
            f" (CPU time: folio {_x(_ratio(big.cpu('folio'), small.cpu('folio')))},"
            f" floor {_x(_ratio(big.cpu('floor'), small.cpu('floor')))}; 4.00× is linear).",
        ]

    lines += [
        "",
        "Palette downloads (gzip -9): the index per post, and folio's JS and CSS files.",
        "",
        "| posts | index.json | index.json gzip | gzip per post | folio JS+CSS gzip |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        p = r.palette
        index = (
            f"{p['index_bytes']:,} B | {p['index_gzip']:,} B | {p['index_gzip_per_post']:.1f} B"
            if "index_bytes" in p
            else "not built | – | –"
        )
        assets = (
            f"{p['assets_gzip']:,} B ({', '.join(p['assets'])})" if "assets" in p else "none yet"
        )
        lines.append(f"| {r.label} | {index} | {assets} |")

    targeted = [r for r in results if r.posts >= 1000]
    if targeted:
        lines += [
            "",
            "Targets of issues #7 and #17 (set for 1,000 posts and more; judged on wall time,"
            " CPU time for comparison; Material / folio is reported, no longer a target):",
            "",
            "| target | posts | measured | CPU time | met |",
            "|---|---:|---:|---:|---|",
        ]
    for r in targeted:
        rows = [
            (
                "folio / floor wall time ≤ 1.15×",
                _ratio(r.seconds("folio"), r.seconds("floor")),
                _ratio(r.cpu("folio"), r.cpu("floor")),
                TARGET_FOLIO_FLOOR,
                False,
            ),
            (
                "the same, median of the rounds' ratios (CPU only)",
                None,
                statistics.median(r.paired_cpu_ratios()) if r.paired_cpu_ratios() else None,
                TARGET_FOLIO_FLOOR,
                False,
            ),
            (
                "folio / floor peak RSS ≤ 1.2×",
                _ratio(r.rss("folio"), r.rss("floor")),
                None,
                TARGET_RSS,
                False,
            ),
        ]
        if r.instructions:
            rows.insert(
                2,
                (
                    "the same in instructions executed (callgrind, one build each)",
                    _ratio(r.instruction_count("folio"), r.instruction_count("floor")),
                    None,
                    TARGET_FOLIO_FLOOR,
                    False,
                ),
            )
        if r.rebuilds:
            rows.append(
                (
                    "folio / floor serve rebuild ≤ 1.1×",
                    _ratio(r.rebuild("folio"), r.rebuild("floor")),
                    _ratio(r.rebuild("folio", cpu=True), r.rebuild("floor", cpu=True)),
                    TARGET_REBUILD,
                    False,
                )
            )
        if r.dirty_rebuilds:
            rows.append(
                (
                    "folio / floor `serve --dirty` rebuild ≤ 1.3×",
                    _ratio(r.rebuild("folio", dirty=True), r.rebuild("floor", dirty=True)),
                    _ratio(
                        r.rebuild("folio", cpu=True, dirty=True),
                        r.rebuild("floor", cpu=True, dirty=True),
                    ),
                    TARGET_DIRTY_REBUILD,
                    False,
                )
            )
            by_round = r.round_ratios(dirty=True)
            by_round_cpu = r.round_ratios(dirty=True, cpu=True)
            if len(by_round) > 1:
                rows.append(
                    (
                        f"the same, median of the {len(by_round)} rounds' ratios",
                        statistics.median(by_round),
                        statistics.median(by_round_cpu),
                        TARGET_DIRTY_REBUILD,
                        False,
                    )
                )
            own = [r.rebuild_cpu_without_compiling(site, dirty=True) for site in ("floor", "folio")]
            if None not in own:
                rows.append(
                    (
                        "the same, template compiling left out of both (CPU only)",
                        None,
                        _ratio(own[1], own[0]),
                        TARGET_DIRTY_REBUILD,
                        False,
                    )
                )
        for label, value, cpu, limit, at_least in rows:
            met = _mark(value, limit, at_least=at_least, cpu=cpu)
            lines.append(f"| {label} | {r.label} | {_x(value)} | {_x(cpu)} | {met} |")
    if scaling is not None:
        big, small = by_size[4000], by_size[1000]
        cpu_scaling = _ratio(big.cpu("folio"), small.cpu("folio"))
        met = _mark(scaling, TARGET_SCALING, cpu=cpu_scaling)
        lines.append(
            f"| folio 4,000 / 1,000 posts ≤ 4.4× | – | {_x(scaling)} | {_x(cpu_scaling)} | {met} |"
        )
    contended = contention_notes(results)
    if contended:
        lines += [
            "",
            "**The machine was busy**: the median wall time was well above the CPU time for "
            + ", ".join(contended)
            + ". Those builds waited for a core; compare the CPU-time ratios.",
        ]
    if info.get("load") is not None:
        lines += [
            "",
            f"Load average (1 min) at the start of the run: {info['load']:.2f},"
            f" at the end: {info['load_end']:.2f}.",
        ]
    return "\n".join(lines) + "\n"


def to_json(info: dict[str, Any], results: list[SizeResult]) -> dict[str, Any]:
    def build(b: BuildResult) -> dict[str, Any]:
        data = asdict(b)
        data["log"] = str(b.log)
        return data

    return {
        "machine": info,
        "sizes": [
            {
                "posts": r.posts,
                "variant": r.variant,
                "builds": {site: [build(b) for b in runs] for site, runs in r.builds.items()},
                "rebuilds": {
                    site: {**asdict(rb), "log": str(rb.log)} for site, rb in r.rebuilds.items()
                },
                "dirty_rebuilds": {
                    site: {**asdict(rb), "log": str(rb.log)}
                    for site, rb in r.dirty_rebuilds.items()
                },
                "palette": r.palette,
                "instructions": {site: r.instruction_count(site) for site in r.instructions},
                "median_seconds": {site: r.seconds(site) for site in SITES},
                "median_cpu_seconds": {site: r.cpu(site) for site in SITES},
                "peak_rss_mib": {site: r.rss(site) for site in SITES},
            }
            for r in results
        ],
    }


def palette_report(args: argparse.Namespace) -> str:
    """The palette in headless Chromium, as a Markdown section (issue #5's targets)."""
    from .palette import measure_full_text, measure_interaction

    runs = 3 if args.smoke else 15
    log(f"Palette: {args.palette_posts}-post index in Chromium")
    speed = measure_interaction(args.work_dir, args.palette_posts, runs=runs)
    log(f"Palette: first full-text answer on a {args.fulltext_posts}-post site")
    full = measure_full_text(args.work_dir, args.fulltext_posts, runs=1 if args.smoke else 3)
    return (
        f"\n### Command palette in headless Chromium, {speed['posts']:,}-post index\n\n"
        'Medians; "handler" is the synchronous search and DOM update, "painted" runs to'
        " the next animation frame, so it includes waiting for the display's next frame.\n\n"
        "| measure | handler | painted | target |\n|---|---:|---:|---|\n"
        f"| Ctrl+K to first results | {speed['open_handler_ms']:.1f} ms"
        f" | {speed['open_painted_ms']:.1f} ms | ≤ 50 ms |\n"
        f"| keystroke to updated list | {speed['keystroke_handler_ms']:.1f} ms"
        f" | {speed['keystroke_painted_ms']:.1f} ms | ≤ 16 ms (one frame) |\n\n"
        f"First full-text result for a word found only in one post's body, {full['posts']:,}"
        f" posts ({full['search_index_bytes']:,} B search index), from navigation start:"
        f" palette {full['palette_ms'] / 1000:.2f} s, Material's search box "
        + (
            f"{full['material_ms'] / 1000:.2f} s.\n"
            if full["material_answered"]
            else "gave no answer within 120 s.\n"
        )
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    info = machine()
    if args.live_plugin:
        compile_bytecode(PLUGIN_SOURCE)
    else:
        info["snapshot"] = snapshot_plugin(args.work_dir / "plugin-snapshot")
    temporary = None if args.output_dir else ram_disk_folder()
    output = args.output_dir or temporary
    if temporary is not None:
        info["output"] = f"a temporary folder on the RAM disk {RAM_DISK}"
    else:
        info["output"] = str(args.output_dir) if args.output_dir else "the work dir, on disk"
    log(
        f"Benchmark: sizes {args.sizes}, {args.runs} run(s) after {args.warmup} warm-up(s),"
        f" {info['cores']} cores, work dir {args.work_dir}, sites written to {info['output']}"
    )
    try:
        results = [
            measure_size(args, posts, output, variant)
            for posts in args.sizes
            for variant in args.variant_list
        ]
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    info["load_end"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    text = report(args, info, results)
    if not args.no_palette:
        text += palette_report(args)
    (args.work_dir / "results.md").write_text(text, encoding="utf-8")
    (args.work_dir / "results.json").write_text(
        json.dumps(to_json(info, results), indent=2), encoding="utf-8"
    )
    sys.stdout.write(text)
    failed = [
        f"{site} at {r.label} posts"
        for r in results
        for site in r.builds
        if not r.ok(site)
        or (site in r.rebuilds and not r.rebuilds[site].ok)
        or (site in r.dirty_rebuilds and not r.dirty_rebuilds[site].ok)
        or (site in r.instructions and r.instruction_count(site) is None)
    ]
    if failed:
        log("Failed: " + ", ".join(failed))
        return 1
    log(f"All builds succeeded; report in {args.work_dir / 'results.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
