"""Pages, and the share of each page that footnotes take, of rendered submissions.

    python scripts/page_stats.py FILE.docx|FILE.pdf ... [--json]

A .docx is converted to PDF with LibreOffice first (as `render_preview.py` does). Each page's
lines are read with `pdftotext -bbox-layout`; lines inside the text area (between the header
and footer margins) set in small type (under 13 pt of line box: footnote text is 9 pt, body
text 12 pt) below a page's last body line are its footnotes. Printed per file: pages; the
height from the first to the last footnote line over the text area's height, and footnote
lines over all lines (a line is counted once however many pieces pdftotext cuts it into), as
averages over the pages that have text; and the last page's line count (a near-empty last
page shows as a small number).

Used for issue 13's before/after figures; not part of the test suite (it needs LibreOffice).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from render_preview import to_pdf  # noqa: E402

MARGIN_PT = 70.85  # 2.5 cm: the bundled reference document's top and bottom margins
SMALL_LINE_PT = 13.0
TEXT_AREA_PT = 841.89 - 2 * MARGIN_PT  # A4
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)
_LINE = re.compile(r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">')


def page_lines(pdf: Path) -> list[list[tuple[float, float]]]:
    """Per page, the (top, height) of every line inside the text area."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True,
                         check=True).stdout
    pages = []
    for _w, h, body in _PAGE.findall(xml):
        height = float(h)
        lines = []
        for y0, y1 in _LINE.findall(body):
            top, bottom = float(y0), float(y1)
            if top >= MARGIN_PT - 2 and bottom <= height - MARGIN_PT + 2:
                lines.append((top, bottom - top))
        pages.append(lines)
    return pages


def footnote_area(lines: list[tuple[float, float]]) -> tuple[int, float]:
    """The footnote lines of a page — small lines below its last body line — and their height."""
    body_end = max((t + h for t, h in lines if h >= SMALL_LINE_PT), default=0.0)
    notes = [(t, h) for t, h in lines if h < SMALL_LINE_PT and t >= body_end]
    if not notes:
        return 0, 0.0
    return len({round(t) for t, _h in notes}), max(t + h for t, h in notes) - min(t for t, _h in notes)


def stats(pdf: Path) -> dict[str, float | int]:
    """Pages; the share of the text area and of the lines footnotes take, averaged over pages."""
    pages = page_lines(pdf)
    areas, shares, counts = [], [], []
    for lines in pages:
        if not lines:
            continue
        count, height = footnote_area(lines)
        counts.append(count)
        areas.append(height / TEXT_AREA_PT)
        shares.append(count / len({round(t) for t, _h in lines}))
    return {
        "pages": len(pages),
        "footnote_area_share": round(sum(areas) / len(areas), 3) if areas else 0.0,
        "max_page_footnote_area_share": round(max(areas), 3) if areas else 0.0,
        "footnote_line_share": round(sum(shares) / len(shares), 3) if shares else 0.0,
        "footnote_lines": sum(counts),
        "last_page_lines": len({round(t) for t, _h in pages[-1]}) if pages else 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description="Pages and footnote share of rendered submissions.")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if shutil.which("pdftotext") is None:
        print("pdftotext not found: install poppler-utils", file=sys.stderr)
        return 1
    out = {}
    with tempfile.TemporaryDirectory(prefix="drafter-stats-") as tmp:
        for f in args.files:
            pdf = f if f.suffix == ".pdf" else to_pdf(f.resolve(), Path(tmp))
            out[str(f)] = stats(pdf)
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        for name, s in out.items():
            print(f"{name}: {s['pages']} pages; footnotes take {s['footnote_area_share']:.0%} of the text "
                  f"area (most on one page: {s['max_page_footnote_area_share']:.0%}), "
                  f"{s['footnote_line_share']:.0%} of the lines ({s['footnote_lines']} lines); "
                  f"last page {s['last_page_lines']} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
