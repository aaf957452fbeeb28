"""Planning a batch whose variants come from a spreadsheet: time and memory per row count.

    python benchmarks/spreadsheet_plan.py                 # 10,000 rows, CSV and .xlsx
    python benchmarks/spreadsheet_plan.py -n 1000 -n 100000

"Plan" is what every run does before it validates or renders anything: load the batch file
and the base spec (the full bilingual delegation example), read the spreadsheet and stream
its rows into the plan, then expand every variant — its overrides applied to the base spec
and its output names filled in (two formats). Validation of each variant's spec is the
survey's per-variant cost, the same for listed variants, and is not part of it. Rows have a
name, an English and a Chinese submitter and a language list in YAML flow style.

Reported: the median wall-clock and CPU time of a few runs in this process, for a CSV file and for an .xlsx
file written by openpyxl (inline strings) and, where LibreOffice Calc is installed, the same
sheet saved by LibreOffice (a shared-strings table, as Excel writes too, which openpyxl reads
much more slowly); and tracemalloc's peak while planning, to show memory flat in the rows.

`measure(rows)` is the entry point `benchmarks/run.py` uses.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import subprocess
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "examples" / "delegation.yaml"
HEADER = ["name", "submission.submitter.en", "submission.submitter.zh", "submission.languages"]


def rows(n: int) -> list[list[str]]:
    return [HEADER] + [[f"org-{i:06d}", f"Example Digital Rights Network {i}", f"示例数字权利网络{i}",
                        "[en, zh]" if i % 3 else "[zh, en]"] for i in range(n)]


def write(folder: Path, n: int, kind: str) -> Path:
    """A batch file and its spreadsheet of `n` rows in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(BASE, folder / "base.yaml")
    data = rows(n)
    if kind == "csv":
        with open(folder / "rows.csv", "w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows(data)
    else:
        import openpyxl

        wb = openpyxl.Workbook(write_only=True)
        ws = wb.create_sheet("Rows")
        for row in data:
            ws.append(row)
        wb.save(folder / "rows.xlsx")
    path = folder / "batch.yaml"
    path.write_text(f"drafter: 1\nbase: base.yaml\nformats: [docx, md]\noutput: '{{name}}-{{lang}}.{{format}}'\n"
                    f"variants: {{from: rows.{kind}}}\n", encoding="utf-8")
    return path


def libreoffice_copy(folder: Path) -> Path | None:
    """The .xlsx of `folder` saved again by LibreOffice Calc, or None without Calc."""
    soffice = shutil.which("soffice")
    if not soffice:
        return None
    out = folder / "lo"
    subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                    "--norestore", "--convert-to", "xlsx", "--outdir", str(out), str(folder / "rows.xlsx")],
                   capture_output=True, timeout=600, check=False)
    if not (out / "rows.xlsx").exists():
        return None
    shutil.copy(out / "rows.xlsx", folder / "rows.xlsx")
    return folder / "batch.yaml"


def timed(batch: Path, repeats: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of `repeats` plans (CPU time is what a shared machine
    does not inflate)."""
    walls, cpus = [], []
    for _ in range(repeats):
        start = time.process_time()
        walls.append(plan_once(batch))
        cpus.append(time.process_time() - start)
    return statistics.median(walls), statistics.median(cpus)


def plan_once(batch: Path, *, expand: bool = True) -> float:
    from drafter.batch.plan import load_plan
    from drafter.library.load import load_library

    themes = load_library().theme_keys
    start = time.perf_counter()
    plan = load_plan(batch, themes)
    for i in range(plan.count):
        variant = plan.variant(i)
        if expand:
            doc = plan.spec_doc(variant)
            plan.outputs(variant, doc.data)
    return time.perf_counter() - start


def peak_mb(batch: Path) -> float:
    """tracemalloc's peak while loading the plan and rebuilding every row's variant."""
    from drafter.library.load import load_library

    load_library()  # not part of the plan's memory
    tracemalloc.start()
    try:
        plan_once(batch, expand=False)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def measure(n: int, repeats: int = 3) -> dict[str, float | str]:
    out: dict[str, float | str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_batch = write(folder / "csv", n, "csv")
        wall, cpu = timed(csv_batch, repeats)
        out[f"spreadsheet plan, {n:,} CSV rows (s)"] = wall
        out[f"spreadsheet plan, {n:,} CSV rows (CPU s)"] = cpu
        for small in sorted({max(1, n // 10), n}):
            out[f"spreadsheet plan peak memory, {small:,} CSV rows (MB)"] = peak_mb(write(folder / f"m{small}", small,
                                                                                          "csv"))
        try:
            xlsx_batch = write(folder / "xlsx", n, "xlsx")
        except ImportError:
            out[f"spreadsheet plan, {n:,} .xlsx rows"] = "openpyxl not installed"
            return out
        wall, cpu = timed(xlsx_batch, repeats)
        out[f"spreadsheet plan, {n:,} .xlsx rows, written by openpyxl (s)"] = wall
        out[f"spreadsheet plan, {n:,} .xlsx rows, written by openpyxl (CPU s)"] = cpu
        saved = libreoffice_copy(folder / "xlsx")
        if saved is None:
            out[f"spreadsheet plan, {n:,} .xlsx rows, saved by LibreOffice"] = "LibreOffice Calc not installed"
        else:
            wall, cpu = timed(saved, repeats)
            out[f"spreadsheet plan, {n:,} .xlsx rows, saved by LibreOffice (s)"] = wall
            out[f"spreadsheet plan, {n:,} .xlsx rows, saved by LibreOffice (CPU s)"] = cpu
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, action="append", help="rows (repeatable); default 10,000")
    args = parser.parse_args()
    for n in args.n or [10_000]:
        for key, value in measure(n).items():
            print(f"{key}: {value:.2f}" if isinstance(value, float) else f"{key}: {value}")


if __name__ == "__main__":
    main()
