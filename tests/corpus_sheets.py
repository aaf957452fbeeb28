"""Hostile spreadsheets for the corpus (tests/corpus/cases.yaml, kinds `sheet` and `batch`).

Too big (100,001 rows, a 10 MB cell, a zip bomb) or too binary (.xlsx parts with lying
sizes, entity bombs, formulas, error cells, declared sizes that lie) to store, so each is made
here, in the case's folder; the function returns the spreadsheet's name, which the corpus
runner puts in a batch file as `variants: {from: NAME}`.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

SHEET = "xl/worksheets/sheet1.xml"


def _workbook(rows: list[list]) -> bytes:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _rezip(data: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """The same package with each part passed through `change(name, bytes)`."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, change(info.filename, src.read(info)))
    return out.getvalue()


def _write(folder: Path, name: str, data: bytes) -> str:
    (folder / name).write_bytes(data)
    return name


def rows_100k(folder: Path) -> str:
    lines = ["name,submission.submitter.en"] + [f"org-{i},Organisation {i}" for i in range(100_001)]
    return _write(folder, "rows.csv", ("\n".join(lines) + "\n").encode("ascii"))


def cell_10mb_csv(folder: Path) -> str:
    return _write(folder, "big.csv", b"name,submission.submitter.en\nacme," + b"x" * (10 * 1024 * 1024) + b"\n")


def cell_40k_csv(folder: Path) -> str:
    return _write(folder, "long.csv", b"name,submission.submitter.en\nacme," + b"y" * 40_000 + b"\nok,Fine\n")


def cell_10mb_xlsx(folder: Path) -> str:
    text = os.urandom(5 * 1024 * 1024).hex().encode("ascii")  # random, so the zip ratio stays low

    def big(name: str, data: bytes) -> bytes:  # openpyxl itself writes at most 32,767 characters
        return data.replace(b"<t>long</t>", b"<t>" + text + b"</t>") if name == SHEET else data
    return _write(folder, "big.xlsx", _rezip(_workbook([["name", "submission.submitter.en"], ["acme", "long"]]), big))


def many_columns(folder: Path) -> str:
    header = ",".join(["name"] + [f"submission.title.en{i}" for i in range(300)])
    return _write(folder, "wide.csv", f"{header}\nacme\n".encode("ascii"))


def xlsx_bomb(folder: Path) -> str:
    def inflate(name: str, data: bytes) -> bytes:
        return data.replace(b"</sheetData>", b" " * (150 * 1024 * 1024) + b"</sheetData>") \
            if name == SHEET else data
    return _write(folder, "bomb.xlsx", _rezip(_workbook([["name"], ["a"]]), inflate))


def xlsx_lying_sizes(folder: Path) -> str:
    """A sheet part whose zip directory says 1 kB while it inflates to 50 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("xl/worksheets/sheet1.xml", b"<worksheet>" + b" " * (50 * 1024 * 1024) + b"</worksheet>")
    data = bytearray(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 1024)
    struct.pack_into("<I", data, data.rfind(b"PK\x01\x02") + 24, 1024)
    return _write(folder, "liar.xlsx", bytes(data))


def xlsx_entity_bomb(folder: Path) -> str:
    """Billion laughs in the sheet: a DTD whose entities expand to a gigabyte."""
    dtd = (b'<?xml version="1.0"?>\n<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">'
           + b"".join(b'<!ENTITY %s "%s">' % (bytes([98 + i]), (b"&%s;" % bytes([97 + i])) * 10)
                      for i in range(8)) + b"]>\n")

    def bomb(name: str, data: bytes) -> bytes:
        return dtd + data.replace(b"<t>acme</t>", b"<t>&i;</t>") if name == SHEET else data
    return _write(folder, "laughs.xlsx", _rezip(_workbook([["name"], ["acme"]]), bomb))


def xlsx_formula(folder: Path) -> str:
    return _write(folder, "formula.xlsx", _workbook([["name", "submission.submitter.en"],
                                                     ["acme", '=CONCATENATE("Acme", " Network")']]))


def xlsx_error_cell(folder: Path) -> str:
    def error(name: str, data: bytes) -> bytes:
        if name != SHEET:
            return data
        return re.sub(rb'<c r="B2"[^>]*>.*?</c>', b'<c r="B2" t="e"><v>#DIV/0!</v></c>', data)
    return _write(folder, "error.xlsx", _rezip(_workbook([["name", "submission.submitter.en"], ["acme", 1]]), error))


def xlsx_lying_dimension(folder: Path) -> str:
    """The sheet claims to span A1:XFD1048576; drafter reads what is there."""
    def lie(name: str, data: bytes) -> bytes:
        if name != SHEET:
            return data
        return re.sub(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:XFD1048576"/>', data)
    return _write(folder, "dimension.xlsx", _rezip(_workbook([["name"], ["acme"]]), lie))


def xlsx_far_row(folder: Path) -> str:
    """One cell in the sheet's last possible row: over a million rows to walk to it."""
    def far(name: str, data: bytes) -> bytes:
        if name != SHEET:
            return data
        return data.replace(b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>far'
                            b"</t></is></c></row></sheetData>")
    return _write(folder, "far.xlsx", _rezip(_workbook([["name"], ["acme"]]), far))


def xlsx_not_zip(folder: Path) -> str:
    # an OLE compound file: how Excel stores a password-protected workbook, and old .xls
    return _write(folder, "locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)


def zip_as_csv(folder: Path) -> str:
    return _write(folder, "renamed.csv", _workbook([["name"], ["acme"]]))


def fifo_sheet(folder: Path) -> str:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    os.mkfifo(folder / "pipe.csv")
    return "pipe.csv"


def batch_over_sheet(folder: Path) -> str:
    (folder / "sig.csv").write_bytes(b"name\nacme\n")
    (folder / "batch.yaml").write_text('drafter: 1\nbase: base.yaml\nformats: [md]\noutput: "sig.csv"\n'
                                       "variants: {from: sig.csv}\n", encoding="utf-8")
    return "batch.yaml"


SHEET_GENERATORS: dict[str, Callable[[Path], str]] = {
    "sheet-100k-rows": rows_100k,
    "sheet-10mb-cell-csv": cell_10mb_csv,
    "sheet-40k-cell-csv": cell_40k_csv,
    "sheet-10mb-cell-xlsx": cell_10mb_xlsx,
    "sheet-many-columns": many_columns,
    "sheet-xlsx-bomb": xlsx_bomb,
    "sheet-xlsx-lying-sizes": xlsx_lying_sizes,
    "sheet-xlsx-entity-bomb": xlsx_entity_bomb,
    "sheet-xlsx-formula": xlsx_formula,
    "sheet-xlsx-error-cell": xlsx_error_cell,
    "sheet-xlsx-lying-dimension": xlsx_lying_dimension,
    "sheet-xlsx-far-row": xlsx_far_row,
    "sheet-xlsx-not-zip": xlsx_not_zip,
    "sheet-zip-as-csv": zip_as_csv,
    "sheet-fifo": fifo_sheet,
    "batch-over-sheet": batch_over_sheet,
}
