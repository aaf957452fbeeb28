"""Render pages of a .docx to PNG through LibreOffice and poppler, for docs/ and for review.

    python scripts/render_preview.py FILE.docx [-o OUT.png] [--pages 1] [--dpi 110]

Converts to PDF with `soffice --headless` in a throw-away profile (so it neither touches nor
waits for the user's running LibreOffice), then rasterises with `pdftoppm`. Several pages give
OUT-1.png, OUT-2.png, ... Needs `soffice` (Debian: libreoffice-writer-nogui, fonts-noto-cjk)
and `pdftoppm` (poppler-utils).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def to_pdf(docx: Path, folder: Path, timeout: float = 180) -> Path:
    """Convert `docx` to PDF in `folder` with a private LibreOffice profile; return the PDF."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("soffice not found: install LibreOffice (apt-get install libreoffice-writer-nogui)")
    profile = folder / "profile"
    cmd = [soffice, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
           "--convert-to", "pdf", "--outdir", str(folder), str(docx)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    pdf = folder / (docx.stem + ".pdf")
    if done.returncode != 0 or not pdf.exists():
        raise RuntimeError(f"LibreOffice could not convert {docx}: {done.stderr.strip() or done.stdout.strip()}")
    return pdf


def main() -> int:
    parser = argparse.ArgumentParser(description="Render pages of a .docx to PNG via LibreOffice.")
    parser.add_argument("docx", type=Path)
    parser.add_argument("-o", "--output", type=Path, help="PNG path (default: beside the .docx)")
    parser.add_argument("--pages", type=int, default=1, help="how many pages from the first")
    parser.add_argument("--dpi", type=int, default=110)
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found: install poppler-utils", file=sys.stderr)
        return 1
    out = args.output or args.docx.with_suffix(".png")
    with tempfile.TemporaryDirectory(prefix="drafter-preview-") as tmp:
        try:
            pdf = to_pdf(args.docx.resolve(), Path(tmp))
        except (RuntimeError, subprocess.TimeoutExpired) as exc:
            print(exc, file=sys.stderr)
            return 1
        prefix = Path(tmp) / "page"
        subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), "-f", "1", "-l", str(args.pages),
                        str(pdf), str(prefix)], check=True)
        pages = sorted(Path(tmp).glob("page*.png"))
        out.parent.mkdir(parents=True, exist_ok=True)
        if len(pages) == 1:
            shutil.copyfile(pages[0], out)
            print(out)
        else:
            for i, page in enumerate(pages, 1):
                target = out.with_name(f"{out.stem}-{i}{out.suffix}")
                shutil.copyfile(page, target)
                print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
