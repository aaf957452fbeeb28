"""Opening a spreadsheet by its kind: CSV (`sheets.CsvTable`) or .xlsx (`xlsx.XlsxTable`).

Kept apart from both so that neither imports the other; the file itself is checked (a regular
file, not too large) before either reads a byte.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from drafter.batch.sheets import MAX_BYTES, SUFFIXES, CsvTable, Table
from drafter.errors import DrafterError, Location


def open_table(path: Path, display: str, sheet: str | None, from_loc: Location,
               sheet_loc: Location) -> Table:
    """Open the spreadsheet `path`; `DrafterError` for a missing, unreadable or refused file."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        if suffix in (".ods", ".fods"):
            hint = "drafter does not read OpenDocument spreadsheets: save it as .xlsx or .csv (UTF-8)"
        elif suffix in (".xls", ".xlsm", ".xlsb", ".numbers"):
            hint = "save it as an Excel Workbook (.xlsx) without macros, or as CSV UTF-8 (.csv)"
        else:
            hint = "give a .csv (UTF-8) or .xlsx file"
        raise DrafterError.at(from_loc, f"cannot read {path.name!r} as a spreadsheet", hint=hint)
    _check_file(path, display)
    if suffix == ".csv":
        if sheet is not None:
            raise DrafterError.at(sheet_loc, "a CSV file has no sheets", hint="remove `sheet:`")
        return CsvTable(path, display)
    from drafter.batch.xlsx import XlsxTable

    return XlsxTable(path, display, sheet, from_loc, sheet_loc)


def _check_file(path: Path, display: str) -> None:
    try:
        info = os.stat(path)  # before opening: opening a FIFO would block
    except OSError as exc:
        raise DrafterError.at(Location(display), f"cannot read the spreadsheet: {exc.strerror}",
                              hint="the path is relative to the batch file") from None
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise DrafterError.at(Location(display), f"cannot read the spreadsheet: it is {what}",
                              hint="give the path of a .csv or .xlsx file")
    if info.st_size > MAX_BYTES:
        raise DrafterError.at(Location(display), f"the spreadsheet is {info.st_size:,} bytes; the "
                              f"limit is {MAX_BYTES:,}", hint="split it into several batch files")
