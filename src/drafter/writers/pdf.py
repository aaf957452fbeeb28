"""PDF: the DOCX, converted by LibreOffice headless, with its run-to-run stamps made stable.

Why LibreOffice and not a PDF library: the PDF must show exactly what the Word file shows (the
document a delegation edits is the DOCX), and LibreOffice is the one free program that lays out
WordprocessingML — numbering, footnotes, tables, East Asian fonts — faithfully. It is run with
a throw-away profile, so it neither touches nor waits for a LibreOffice the user has open, and
embeds (subsets of) every font it uses.

What LibreOffice stamps that makes two conversions of the same file differ: the creation date
(`/CreationDate`, the clock), the file identifier (`/ID`, derived from the clock) and its own
`/DocChecksum`. `stable()` rewrites all three in place, with values of the same length (so
the cross-reference offsets stay valid): the spec's date (or no date), and digests of the rest
of the file. The same DOCX then gives the same PDF bytes on the same LibreOffice and fonts; a
different LibreOffice version or font set still gives a different file (`/Producer` names the
version).
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from drafter.errors import DrafterError, Location

TIMEOUT_S = 240
PACKAGE_HINT = ("install LibreOffice (Debian/Ubuntu: sudo apt-get install libreoffice-writer-nogui "
                "fonts-noto-cjk), or write .docx and convert it yourself")
_CREATED = re.compile(rb"/CreationDate\s*\(D:[^)]*\)")
_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")
_CHECKSUM = re.compile(rb"/DocChecksum\s*/([0-9A-Fa-f]{32})")


def soffice() -> str | None:
    """LibreOffice's command, if it is on PATH."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, where: Location, *, date: str = "") -> bytes:
    """The PDF of a .docx, converted by LibreOffice headless in a private profile."""
    program = soffice()
    if program is None:
        raise DrafterError.at(where, "PDF output needs LibreOffice, and `soffice` is not on PATH", hint=PACKAGE_HINT)
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "submission.docx"
        source.write_bytes(docx)
        cmd = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "pdf", "--outdir", str(folder), str(source)]
        env = {**os.environ, "HOME": str(folder)}  # nothing of the user's LibreOffice is read or written
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False, env=env)
        except subprocess.TimeoutExpired:
            raise DrafterError.at(where, f"LibreOffice did not finish the PDF in {TIMEOUT_S} s",
                                  hint="try again, or write .docx and convert it yourself") from None
        pdf = folder / "submission.pdf"
        if done.returncode != 0 or not pdf.is_file():
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["no output"]
            raise DrafterError.at(where, f"LibreOffice could not convert the document to PDF ({detail[0]})",
                                  hint="write .docx and open it in LibreOffice or Word to see why")
        return stable(pdf.read_bytes(), date)


def stable(pdf: bytes, date: str = "") -> bytes:
    """`pdf` with LibreOffice's creation date, file id and checksum replaced by values that
    depend only on the content and the spec's date, each of the same length as before."""

    def created(m: re.Match[bytes]) -> bytes:
        old = m.group(0)
        digits = date.replace("-", "")
        new = f"/CreationDate(D:{digits})".encode() if digits else b""
        return new.ljust(len(old)) if len(new) <= len(old) else old

    out = _CREATED.sub(created, pdf)
    blank = _CHECKSUM.sub(lambda m: m.group(0).replace(m.group(1), b"0" * 32), _ID.sub(b"/ID[]", out))
    digest = hashlib.md5(blank, usedforsecurity=False).hexdigest().upper().encode()

    def ident(m: re.Match[bytes]) -> bytes:
        return m.group(0).replace(m.group(1), digest[: len(m.group(1))]).replace(m.group(2), digest[: len(m.group(2))])

    out = _ID.sub(ident, out)
    return _CHECKSUM.sub(lambda m: m.group(0).replace(m.group(1), digest), out)
