"""Batch throughput and peak memory: N bilingual DOCX variants of the delegation example.

    python benchmarks/batch_throughput.py                 # 1,000 variants, --jobs 1 and 2
    python benchmarks/batch_throughput.py -n 250 -n 1000  # memory flat in the variant count?

Each measurement runs in a fresh interpreter (so one run's caches and memory do not flatter
the next) that calls `drafter.batch.render_batch` on a generated batch file: the full
bilingual delegation example (all seven themes, parallel layout), each variant with its own
co-signing submitter and date (a matrix; `--style list` writes every variant out instead),
DOCX only (Markdown if the DOCX writer is missing). Reported:

- documents per second over the `render_batch` call (survey + rendering + manifest), and over
  the whole process (adds interpreter start and imports);
- peak resident memory from `resource.getrusage`: the parent's own, the largest worker's
  (RUSAGE_CHILDREN reports the largest reaped child), and parent + jobs × largest worker as a
  conservative total.

`measure(variants, jobs)` is the entry point `benchmarks/run.py` uses.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASE = ROOT / "examples" / "delegation.yaml"

_CHILD = r"""
import json, resource, sys, time
from drafter.batch import render_batch
start = time.perf_counter()
result = render_batch(sys.argv[1], sys.argv[2], jobs=int(sys.argv[3]))
elapsed = time.perf_counter() - start
self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": elapsed, "files": result.files, "ok": result.ok,
                  "variants": result.variants, "self_kb": self_kb, "child_kb": child_kb}))
"""


def docx_available() -> bool:
    try:
        import drafter.writers.docx.layout  # noqa: F401
    except ImportError:
        return False
    return True


def write_batch(folder: Path, variants: int, fmt: str, style: str = "matrix") -> Path:
    """A batch of `variants` bilingual variants, each with its own submitter and date.

    `matrix` (the default) writes a matrix of submitters × dates (about 2√N values in the
    file), so the input stays small and peak memory shows what the run itself costs per
    variant; `list` writes every variant out in a `variants:` list, whose parsed form (values
    with their line and column) is held for error locations, about 5 KB per listed variant.
    """
    head = ["drafter: 1", f"base: {json.dumps(str(BASE))}", f"formats: [{fmt}]",
            'output: "{name}.{format}"']
    if style == "list":
        lines = [*head, "variants:"]
        for i in range(1, variants + 1):
            lines += [f"  - name: cosigner-{i:05d}",
                      "    set:",
                      "      submission.languages: [en, zh]",
                      f'      submission.submitter: {{en: "Delegation of Examplestan and partner '
                      f'{i}", zh: "示例国代表团及伙伴{i}"}}']
    else:
        dates = max(1, int(math.sqrt(variants)))
        while variants % dates:
            dates -= 1
        partners = variants // dates
        lines = [*head, "matrix:", "  submission.submitter:"]
        lines += [f'    - {{en: "Delegation of Examplestan and partner {i}", '
                  f'zh: "示例国代表团及伙伴{i}"}}' for i in range(1, partners + 1)]
        lines += ["  submission.date:"]
        lines += [f'    - "{date.fromordinal(738000 + d).isoformat()}"' for d in range(dates)]
    path = folder / "batch.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_once(variants: int, jobs: int, style: str = "matrix") -> dict[str, Any]:
    """One fresh-process batch run; figures in seconds, documents per second and MB."""
    fmt = "docx" if docx_available() else "md"
    with tempfile.TemporaryDirectory(prefix="drafter-batch-bench-") as tmp:
        batch = write_batch(Path(tmp), variants, fmt, style)
        start = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(batch), str(Path(tmp, "out")),
                               str(jobs)], check=True, capture_output=True, text=True)
        wall = time.perf_counter() - start
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    if report["ok"] != variants:
        raise RuntimeError(f"only {report['ok']} of {variants} variants rendered")
    kb = 1024
    parent, worker = report["self_kb"] / kb, report["child_kb"] / kb
    return {
        "format": fmt,
        "docs_per_s": report["files"] / report["seconds"],
        "docs_per_s_process": report["files"] / wall,
        "seconds": report["seconds"],
        "parent_mb": parent,
        "worker_mb": worker,
        "peak_mb": parent + (jobs * worker if jobs > 1 else 0.0),
    }


def measure(variants: int, jobs: int, repeats: int = 3,
            style: str = "matrix") -> tuple[float, float]:
    """(documents per second, peak MB): the median throughput and the largest peak of
    `repeats` fresh runs."""
    runs = [run_once(variants, jobs, style) for _ in range(repeats)]
    rates = sorted(r["docs_per_s"] for r in runs)
    return rates[len(rates) // 2], max(r["peak_mb"] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", "--variants", type=int, action="append",
                        help="variant count (repeatable; default 1000)")
    parser.add_argument("-j", "--jobs", type=int, action="append", help="default: 1 and 2")
    parser.add_argument("-r", "--repeats", type=int, default=3)
    parser.add_argument("--style", choices=["matrix", "list"], default="matrix",
                        help="how the variants are written in the batch file (see write_batch)")
    args = parser.parse_args()
    print("| variants | jobs | format | docs/s (render_batch) | docs/s (whole process) "
          "| parent MB | largest worker MB | peak MB (parent + jobs × worker) |")
    print("|---:|---:|---|---:|---:|---:|---:|---:|")
    for n in args.variants or [1000]:
        for jobs in args.jobs or [1, 2]:
            runs = [run_once(n, jobs, args.style) for _ in range(args.repeats)]
            runs.sort(key=lambda r: r["docs_per_s"])
            mid = runs[len(runs) // 2]
            peak = max(r["peak_mb"] for r in runs)
            print(f"| {n} | {jobs} | {mid['format']} | {mid['docs_per_s']:.0f} "
                  f"| {mid['docs_per_s_process']:.0f} | {mid['parent_mb']:.0f} "
                  f"| {mid['worker_mb']:.0f} | {peak:.0f} |", flush=True)


if __name__ == "__main__":
    main()
