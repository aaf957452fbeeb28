"""Did-you-mean hints at scale (issue 12, class 16): 4,000 unknown ids in a spec checked
against a 14,000-item user library, whole process, next to validating the delegation example.

Before rapidfuzz and the per-source index, every unknown id ran difflib over every id: 20,000
unknown ids took 43 s. The target is at most 3 x the delegation example's `validate`.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "delegation.yaml"


def write_library(folder: Path, items: int, per_file: int = 1000) -> None:
    """A user library folder of `items` items, 1,000 a file (a file holds at most 200,000
    values)."""
    folder.mkdir()
    for start in range(0, items, per_file):
        lines = ["source: bench", "items:"]
        if start == 0:
            lines = ["sources:", "  bench:", "    title: {en: Benchmark library}", "    languages: [en]",
                     "    original: en", *lines]
        for i in range(start, min(items, start + per_file)):
            lines += [f"  - id: bench.t{i % 40}.item{i}", "    kind: statement", "    section: commitments",
                      "    themes: [connect]", f"    source: {{doc: bench, ref: {{en: \"para. {i}\"}}}}",
                      f"    text: {{en: \"Statement number {i}.\"}}"]
        (folder / f"part{start // per_file:03d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_spec(path: Path, unknown: int) -> None:
    lines = ["drafter: 1", "submission:", "  title: {en: Hints}", "  submitter: {en: Bench}",
             "  languages: [en]", "libraries: [lib]", "themes:", "  connect:", "    commitments:"]
    lines += [f"      - use: bench.t{i % 40}.itxm{i}" for i in range(unknown)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def run_ms(cmd: list[str], cwd: Path, repeats: int) -> float:
    times = []
    for _ in range(repeats + 1):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[1:])


def measure(repeats: int = 3, items: int = 14_000, unknown: int = 4_000) -> dict[str, float]:
    drafter = shutil.which("drafter") or str(Path(sys.executable).with_name("drafter"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_library(folder / "lib", items)
        write_spec(folder / "spec.yaml", unknown)
        base = run_ms([drafter, "validate", str(EXAMPLE)], ROOT, repeats)
        hints = run_ms([drafter, "validate", "spec.yaml"], folder, repeats)
        lib_only = folder / "ok.yaml"
        write_spec(lib_only, 0)
        lib_only.write_text(lib_only.read_text() + "      - text: {en: Only the library.}\n")
        loading = run_ms([drafter, "validate", "ok.yaml"], folder, repeats)
    return {"validate delegation example, whole process (ms)": base,
            f"validate {unknown:,} unknown ids, {items:,}-item user library (ms)": hints,
            "validate, same library, no unknown id (ms)": loading,
            "unknown ids / delegation example (ratio, target <= 3)": hints / base,
            f"cost of the {unknown:,} hints: unknown ids minus no unknown id (ms)": hints - loading}


if __name__ == "__main__":
    for key, value in measure().items():
        print(f"{key}: {value:,.2f}")
