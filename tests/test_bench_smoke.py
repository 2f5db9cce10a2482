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
            # Two serve sessions per site, taking turns: a round of the four edits, then two.
            "--dirty-runs",
            "6",
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
    assert [(size["posts"], size["variant"]) for size in results["sizes"]] == [
        (20, "plain"),
        (20, "described"),
    ]
    for size in results["sizes"]:
        folder = "20" if size["variant"] == "plain" else "20-described"
        for site in SITES:
            (build,) = size["builds"][site]
            assert build["ok"], f"{site} build failed, see {build['log']}"
            assert build["warnings"] == 0, f"{site} build logged warnings, see {build['log']}"
            assert (tmp_path / "out" / folder / site / "index.html").is_file()
        for site in ("floor", "folio"):
            assert size["rebuilds"][site]["ok"]
            assert len(size["rebuilds"][site]["rebuilds"]) == 1
            dirty = size["dirty_rebuilds"][site]
            assert dirty["ok"] and dirty["rounds"] == [4, 2]
            assert dirty["edits"] == ["body", "title", "tags", "date", "body", "title"]
            assert len(dirty["rebuilds"]) == len(dirty["rebuilds_cpu"]) == 6
    assert "`serve --dirty`" in table and "| 20 described |" in table


def test_rebuild_ratios_are_taken_session_by_session() -> None:
    from benchmarks.__main__ import SizeResult, rebuild_rounds
    from benchmarks.runner import RebuildResult, merge_rebuilds

    assert rebuild_rounds(8) == [4, 4] and rebuild_rounds(6) == [4, 2] and rebuild_rounds(0) == []

    def session(site: str, times: list[float]) -> RebuildResult:
        return RebuildResult(site, True, 1.0, times, times, Path("log"), ["body"] * len(times))

    # The machine is twice as slow in the second round, for both sites alike.
    floor = merge_rebuilds([session("floor", [1.0, 1.0]), session("floor", [2.0, 2.0])])
    folio = merge_rebuilds([session("folio", [1.1, 1.1]), session("folio", [2.4, 2.4])])
    assert folio.rounds == [2, 2] and folio.rebuilds == [1.1, 1.1, 2.4, 2.4]
    size = SizeResult(posts=1000, dirty_rebuilds={"floor": floor, "folio": folio})
    assert [round(r, 2) for r in size.round_ratios(dirty=True)] == [1.1, 1.2]
    assert size.round_ratios(dirty=False) == []
    assert [round(r, 2) for r in size.rebuild_pair_ratios(dirty=True)] == [1.1, 1.1, 1.2, 1.2]
    assert size.rebuild_pair_ratios(dirty=False) == []
    # Rebuilds of other edits or rounds are not pairs.
    uneven = merge_rebuilds([session("folio", [1.1]), session("folio", [2.4, 2.4, 2.4])])
    size.dirty_rebuilds["folio"] = uneven
    assert size.rebuild_pair_ratios(dirty=True) == []


def test_instruction_counts_are_read_from_callgrind_and_reported() -> None:
    from benchmarks.__main__ import SizeResult, parse_args, report
    from benchmarks.instructions import InstructionCount, total_instructions

    output = "creator: callgrind-3.19.0\nevents: Ir\nfn=(1) main\n0 5\nsummary: 20834547800\n"
    assert total_instructions(output) == 20_834_547_800
    assert total_instructions(output.replace("summary:", "totals:")) == 20_834_547_800
    assert total_instructions("events: Ir\n") is None

    size = SizeResult(
        posts=1000,
        instructions={
            "floor": InstructionCount("floor", 65_901_000_000, Path("floor.log")),
            "folio": InstructionCount("folio", 72_110_000_000, Path("folio.log")),
        },
    )
    machine = ("date", "cores", "cpu", "system", "python", "mkdocs", "material")
    info = dict.fromkeys(machine, "x") | {"folio": "0", "commit": None}
    text = report(parse_args(["--no-palette"]), info, [size])
    assert "| 1,000 | 65,901,000,000 | 72,110,000,000 | 1.09× |" in text
    assert (
        "| the same in instructions executed (callgrind, one build each) | 1,000 | 1.09× |" in text
    )


def test_paired_ratios_report_how_sure_the_run_is_of_their_median() -> None:
    from benchmarks.__main__ import SizeResult, parse_args, report
    from benchmarks.runner import BuildResult, RebuildResult, merge_rebuilds
    from benchmarks.stats import median_interval

    # The binomial tables' order statistics: the 6th and 16th of 21, the 1st and 6th of 6.
    assert median_interval([float(v) for v in range(21, 0, -1)])[:2] == (6.0, 16.0)
    low, high, sure = median_interval([3.0, 1.0, 2.0, 6.0, 5.0, 4.0])
    assert (low, high) == (1.0, 6.0) and round(sure, 4) == 0.9688
    assert median_interval([1.0, 2.0, 3.0, 4.0, 5.0]) is None  # at most 93.75 % sure

    def builds(site: str, cpu: list[float]) -> list[BuildResult]:
        return [BuildResult(site, True, s, s, 80.0, 0, Path("log")) for s in cpu]

    floor = [10.0, 10.0, 12.0, 10.0, 11.0, 10.0]
    folio = [10.5, 11.0, 13.2, 10.9, 12.1, 11.5]  # ratios 1.05 1.10 1.10 1.09 1.10 1.15
    size = SizeResult(
        posts=1000, builds={"floor": builds("floor", floor), "folio": builds("folio", folio)}
    )
    machine = ("date", "cores", "cpu", "system", "python", "mkdocs", "material")
    info = dict.fromkeys(machine, "x") | {"folio": "0", "commit": None}
    rebuilt = [
        RebuildResult(site, True, 1.0, [0.4] * 4, [0.4] * 4, Path("log"), ["body"] * 4)
        for site in ("floor", "folio")
    ]
    size.dirty_rebuilds = {rebuild.site: merge_rebuilds([rebuild]) for rebuild in rebuilt}
    text = report(parse_args(["--no-palette"]), info, [size])
    assert (
        "- 1,000: median 1.10× (1.05–1.15×, 6 pairs); the median lies in 1.05–1.15× (97% sure)"
        in text
    )
    assert (
        "- 1,000, `serve --dirty`: median 1.00× (1.00–1.00×, 4 pairs);"
        " too few pairs to bound the median" in text
    )
