"""drafter's benchmark suite: one command, one table, written to benchmarks/RESULTS.md.

    python benchmarks/run.py            # full run (about two minutes on 2 cores)
    python benchmarks/run.py --quick    # fewer repeats, a 200-variant batch, 1,000 rows: a smoke test

Every figure is a median over repeated runs in this one process (or, for whole-process
figures, over repeated subprocesses), measured on the full bilingual delegation example
(examples/delegation.yaml: all seven themes, parallel layout). Timing never appears in tests;
this file is the record.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "delegation.yaml"
RESULTS = ROOT / "benchmarks" / "RESULTS.md"


def median_ms(fn: Callable[[], object], repeats: int, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def process_ms(cmd: list[str], repeats: int, cwd: Path = ROOT) -> float:
    times = []
    for _ in range(repeats + 1):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times[1:])


def zip_lower_bound(docx: bytes, level: int | None = None) -> Callable[[], bytes]:
    """Writing the finished parts of the same document into a zip, and nothing else.

    `level=None` is zipfile's default deflate level (zlib's 6); the writer compresses
    document.xml at `archive.DEFLATE_LEVEL`, so the table shows the bound at both levels.
    """
    with zipfile.ZipFile(io.BytesIO(docx)) as zf:
        parts = [(info.filename, zf.read(info)) for info in zf.infolist()]

    def write() -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as out:
            for name, data in parts:
                out.writestr(name, data)
        return buf.getvalue()

    return write


def ensure_pandoc() -> str | None:
    found = shutil.which("pandoc")
    if found or not shutil.which("apt-get"):
        return found
    subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "pandoc"],
        check=False,
        capture_output=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    return shutil.which("pandoc")


def in_process(repeats: int) -> dict[str, float | str]:
    from drafter.document.resolve import resolve
    from drafter.library.load import load_library
    from drafter.spec.load import load_spec
    from drafter.writers import render

    out: dict[str, float | str] = {}
    out["library load (ms)"] = median_ms(load_library, repeats)
    library = load_library()
    out["spec validation + resolution (ms)"] = median_ms(lambda: resolve(*load_spec(EXAMPLE, library)), repeats)
    spec, lib = load_spec(EXAMPLE, library)
    sub = resolve(spec, lib)
    out["Markdown render (ms)"] = median_ms(lambda: render(sub, "md"), repeats)
    docx = render(sub, "docx")
    out["DOCX render (ms)"] = median_ms(lambda: render(sub, "docx"), repeats)
    # Both writers keep their escaped or laid-out lines (a batch repeats them); these are a
    # render whose lines are all new, as a one-off document's are.
    from drafter.writers.docx import wordml
    from drafter.writers.markdown import escape

    out["Markdown render, no line seen before (ms)"] = median_ms(
        lambda: (escape.inline.cache_clear(), render(sub, "md")), repeats)
    out["DOCX render, no line seen before (ms)"] = median_ms(
        lambda: (wordml.line.cache_clear(), render(sub, "docx")), repeats)
    from drafter.writers.docx.archive import DEFLATE_LEVEL

    out["zip lower bound, default deflate level (ms)"] = median_ms(zip_lower_bound(docx), repeats)
    out["DOCX / lower bound (default level)"] = (
        out["DOCX render (ms)"] / out["zip lower bound, default deflate level (ms)"]
    )
    same = median_ms(zip_lower_bound(docx, DEFLATE_LEVEL), repeats)
    out[f"zip lower bound, deflate level {DEFLATE_LEVEL} as the writer (ms)"] = same
    out[f"DOCX / lower bound (level {DEFLATE_LEVEL})"] = out["DOCX render (ms)"] / same
    out["DOCX size (bytes)"] = float(len(docx))
    pandoc = ensure_pandoc()
    if pandoc:
        with tempfile.TemporaryDirectory() as tmp:
            md = Path(tmp, "delegation.md")
            md.write_bytes(render(sub, "md"))
            out["pandoc md -> docx, per document (ms)"] = process_ms(
                [pandoc, str(md), "-o", str(Path(tmp, "p.docx"))], max(3, repeats // 5)
            )
    else:
        out["pandoc md -> docx, per document (ms)"] = "pandoc not available"
    return out


def cold_start(repeats: int) -> dict[str, float]:
    drafter = shutil.which("drafter") or "drafter"
    out = {}
    base = process_ms([sys.executable, "-c", "pass"], repeats)
    out["python -c pass (ms)"] = base
    out["drafter --help (ms)"] = process_ms([drafter, "--help"], repeats)
    out["drafter --help minus python -c pass (ms)"] = out["drafter --help (ms)"] - base
    with tempfile.TemporaryDirectory() as tmp:
        out["drafter render (docx), whole process (ms)"] = process_ms(
            [drafter, "render", str(EXAMPLE), "--format", "docx", "-o", str(Path(tmp, "d.docx"))], repeats
        )
    return out


def batch(variants: int) -> dict[str, float | str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from batch_throughput import measure  # written beside this file
    except ImportError as exc:  # pragma: no cover - reported in the table
        return {"batch": f"not measured: {exc}"}
    out: dict[str, float | str] = {}
    for jobs in (1, 2):
        docs_per_s, peak_mb = measure(variants, jobs)
        out[f"batch, {variants} bilingual DOCX, --jobs {jobs} (docs/s)"] = docs_per_s
        out[f"batch peak memory, --jobs {jobs} (MB)"] = peak_mb
    small = max(50, variants // 4)
    _, peak_small = measure(small, 2)
    out[f"batch peak memory, {small} variants, --jobs 2 (MB)"] = peak_small
    return out


def trace(repeats: int) -> dict[str, float | str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from trace_speed import measure  # written beside this file
    except ImportError as exc:  # pragma: no cover - reported in the table
        return {"trace": f"not measured: {exc}"}
    return dict(measure(repeats))


def spreadsheet(rows: int) -> dict[str, float | str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from spreadsheet_plan import measure  # written beside this file
    except ImportError as exc:  # pragma: no cover - reported in the table
        return {"spreadsheet plan": f"not measured: {exc}"}
    return measure(rows)


def studio(changes: int, repeats: int) -> dict[str, float | str]:
    """The studio's preview loop (benchmarks/studio_preview.py); needs the studio extra."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from studio_preview import measure  # written beside this file
    except ImportError as exc:  # pragma: no cover - reported in the table
        return {"studio preview": f"not measured: {exc} (pip install -e '.[studio]')"}
    return measure(changes, repeats)


def hints(repeats: int) -> dict[str, float | str]:
    """Did-you-mean hints at scale (benchmarks/hints.py, issue 12)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from hints import measure  # written beside this file

    return dict(measure(repeats))


def versions() -> str:
    from importlib.metadata import version

    import yaml

    pandoc = shutil.which("pandoc")
    pandoc_v = (
        subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0] if pandoc else "-"
    )
    return (
        f"Python {platform.python_version()}, python-docx {version('python-docx')}, "
        f"Jinja2 {version('jinja2')}, PyYAML {version('pyyaml')} (C loader: {hasattr(yaml, 'CSafeLoader')}), "
        f"Click {version('click')}, {pandoc_v}"
    )


def fmt(value: float | str) -> str:
    if isinstance(value, str):
        return value
    return f"{value:,.2f}" if value < 100 else f"{value:,.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, 200-variant batch")
    parser.add_argument("--only", choices=["render", "batch", "trace", "studio", "targets", "hints"],
                        help="run one part of the suite")
    args = parser.parse_args()
    repeats = 7 if args.quick else 31
    rows: dict[str, float | str] = {}
    if args.only in (None, "render"):
        rows.update(in_process(repeats))
        rows.update(cold_start(5 if args.quick else 15))
    if args.only in (None, "batch"):
        rows.update(batch(200 if args.quick else 1000))
    if args.only in (None, "trace"):
        rows.update(trace(5 if args.quick else 11))
    if args.only in (None, "batch"):
        rows.update(spreadsheet(1_000 if args.quick else 10_000))
    if args.only in (None, "studio"):
        rows.update(studio(20 if args.quick else 60, repeats))
    if args.only in (None, "hints"):
        rows.update(hints(1 if args.quick else 3))
    targets: list[tuple[str, str, str]] = []
    if args.only in (None, "targets"):
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from targets import measure as measure_targets  # written beside this file

        figures, targets = measure_targets(5 if args.quick else 11, batch=True)
        rows.update({f"targets: {k}": v for k, v in figures.items()})
    machine = f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"
    lines = [
        "# Benchmark results",
        "",
        f"Command: `python benchmarks/run.py{' --quick' if args.quick else ''}`  ",
        f"Machine: {machine}  ",
        f"Versions: {versions()}  ",
        "Document: `examples/delegation.yaml` (7 themes, 39 paragraphs, bilingual, parallel). "
        f"Medians of {repeats} runs.",
        "",
        "| measure | value |",
        "| --- | ---: |",
        *(f"| {k} | {fmt(v)} |" for k, v in rows.items()),
        "",
    ]
    if targets:
        lines += ["## Targets (issue 21), whole processes side by side, warm cache", "",
                  f"Load average at the end of the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.", "",
                  "| target | measured | |", "| --- | ---: | --- |",
                  *(f"| {t} | {m} | {ok} |" for t, m, ok in targets), ""]
    text = "\n".join(lines)
    print(text)
    if args.only is None:  # the record holds full runs only
        RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
