"""Issue 21's targets, measured side by side in one run and reported as ratios.

Every figure is a whole process, as a user runs it, with bytecode writing on (as users have
it), the median of `repeats` runs after one warm-up run (which also fills drafter's cache in
a temporary folder: "warm cache"). Pairs are measured interleaved, so load from other
processes on a shared machine falls on both sides of a ratio alike.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "delegation.yaml"


def _turns(cmds: Sequence[list[str]], repeats: int, env: dict[str, str]) -> tuple[list[float], list[float]]:
    """Median wall-clock and CPU (user + system) milliseconds for several commands, run in turns
    (a, b, a, b, …) after one warm-up each. CPU time is what the process itself spent: on a
    shared machine another tenant's load stretches the wall clock of a 100 ms process far more
    than that of a 20 ms one, and the CPU time much less."""
    wall: list[list[float]] = [[] for _ in cmds]
    cpu: list[list[float]] = [[] for _ in cmds]
    for turn in range(repeats + 1):
        for n, cmd in enumerate(cmds):
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            if turn:
                wall[n].append((time.perf_counter() - start) * 1000)
                cpu[n].append((usage.ru_utime + usage.ru_stime) * 1000)
    return [statistics.median(t) for t in wall], [statistics.median(t) for t in cpu]


def _pair_ms(cmds: Sequence[list[str]], repeats: int, env: dict[str, str]) -> list[float]:
    """Median wall-clock milliseconds of `_turns`."""
    return _turns(cmds, repeats, env)[0]


def _unknown_ids_spec(path: Path, count: int = 4000) -> None:
    lines = ["drafter: 1", "framework: gdc-2023", "submission:", "  title: {en: Many unknown ids}",
             '  date: "2023-04-28"', "  languages: [en]", "themes:", "  connect:", "    commitments:"]
    lines += [f"      - use: cn-gdc.connect.x{n}" for n in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def measure(repeats: int, batch: bool) -> tuple[dict[str, float | str], list[tuple[str, str, str]]]:
    """The raw figures, and (target, measured, met?) rows; with `batch`, the batch target too
    (measured in turns with pandoc: `_batch_beside_pandoc`)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from trace_speed import _library

    drafter = shutil.which("drafter") or "drafter"
    pandoc = shutil.which("pandoc")
    out: dict[str, float | str] = {}
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "DRAFTER_NO_CACHE")}
        env["DRAFTER_CACHE_DIR"] = str(folder / "cache")
        md = folder / "d.md"
        subprocess.run([drafter, "render", str(EXAMPLE), "--format", "md", "-o", str(md)], check=True, env=env)
        render = [drafter, "render", str(EXAMPLE), "--format", "docx", "-o", str(folder / "d.docx")]
        # what every render imports before drafter's own code: the floor under the 5x target
        floor = [sys.executable, "-c", "import msgspec, pathlib, hashlib, zlib, struct"]
        cmds = [[sys.executable, "-c", "pass"], [sys.executable, "-c", "import click"], [drafter, "--help"], render,
                floor]
        if pandoc:
            cmds.append([pandoc, str(md), "-o", str(folder / "p.docx")])
        figures, cpu = _turns(cmds, repeats, env)
        out["python -c 'import msgspec, pathlib, hashlib, zlib, struct' (ms)"] = figures[4]
        base, click_ms, help_ms, render_ms = figures[:4]
        out.update({"python -c pass (ms)": base, "python -c 'import click' (ms)": click_ms,
                    "drafter --help (ms)": help_ms, "drafter render (docx), whole process (ms)": render_ms,
                    "python -c pass, CPU (ms)": cpu[0], "drafter render (docx), CPU (ms)": cpu[3]})
        if pandoc:
            out["pandoc md -> docx (ms)"] = figures[5]
            ratio = render_ms / figures[5]
            rows.append(("render DOCX ≤ 0.6× pandoc md→docx", f"{ratio:.2f}×", _met(ratio <= 0.6)))
        rows.append(("render DOCX ≤ 5× `python -c pass`", f"{render_ms / base:.2f}×", _met(render_ms / base <= 5)))
        rows.append(("  the same in CPU time (user + system)", f"{cpu[3] / cpu[0]:.2f}×", _met(cpu[3] / cpu[0] <= 5)))
        rows.append(("  its floor: Python importing msgspec, pathlib, hashlib, zlib", f"{figures[4] / base:.2f}×",
                     "(the part of 5× no drafter code can save)"))
        rows.append(("`drafter --help` ≤ `python -c \"import click\"` + 25 ms", f"+{help_ms - click_ms:.0f} ms",
                     _met(help_ms - click_ms <= 25)))

        big = folder / "big"
        big.mkdir()
        _library(big)
        search = [drafter, "library", "search", "data"]
        small_ms, big_ms = _pair_ms([search, [*search, "--library", str(big)]], repeats, env)
        out["library search, built-in only, warm cache (ms)"] = small_ms
        out["library search, + 14,000-item user library, warm cache (ms)"] = big_ms
        rows.append(("`library search` + 14,000-item library ≤ 3× built-in only (warm)", f"{big_ms / small_ms:.2f}×",
                     _met(big_ms / small_ms <= 3)))

        unknown = folder / "unknown.yaml"
        _unknown_ids_spec(unknown)
        ok_ms, unknown_ms = _pair_ms([[drafter, "validate", str(EXAMPLE)], [drafter, "validate", str(unknown)]],
                                     repeats, env)
        out["validate delegation example (ms)"] = ok_ms
        out["validate, 4,000 unknown ids (ms)"] = unknown_ms
        rows.append(("`validate` 4,000 unknown ids ≤ 3× the delegation example", f"{unknown_ms / ok_ms:.2f}×",
                     _met(unknown_ms / ok_ms <= 3)))
        if pandoc and batch:
            docs_per_s, pandoc_ms = _batch_beside_pandoc([pandoc, str(md), "-o", str(folder / "p.docx")], env,
                                                         variants=200 if repeats < 7 else 1000)
            out["batch, 2 jobs, beside pandoc (docs/s)"] = docs_per_s
            out["pandoc md -> docx, between the batch runs (ms)"] = pandoc_ms
            ratio = docs_per_s * pandoc_ms / 1000
            rows.append(("batch, 2 jobs ≥ 40× pandoc one document at a time", f"{ratio:.1f}×", _met(ratio >= 40)))
    return out, rows


def _batch_beside_pandoc(pandoc: list[str], env: dict[str, str], variants: int,
                         rounds: int = 3) -> tuple[float, float]:
    """Batch throughput (2 jobs) and pandoc's time per document, measured in turns — a batch
    run, then pandoc 15 times — so that the machine's drift falls on both sides of the ratio."""
    from batch_throughput import run_once

    rates: list[float] = []
    pandoc_times: list[float] = []
    for _ in range(rounds):
        rates.append(run_once(variants, 2)["docs_per_s"])
        for _ in range(15):
            start = time.perf_counter()
            subprocess.run(pandoc, cwd=ROOT, env=env, check=False, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            pandoc_times.append((time.perf_counter() - start) * 1000)
    return statistics.median(rates), statistics.median(pandoc_times)


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


if __name__ == "__main__":  # the targets alone: python benchmarks/targets.py [repeats] [--batch]
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    figures, met = measure(int(numbers[0]) if numbers else 11, "--batch" in sys.argv)
    for k, v in figures.items():
        print(f"| {k} | {v:,.1f} |" if isinstance(v, float) else f"| {k} | {v} |")
    for row in met:
        print("| " + " | ".join(row) + " |")
