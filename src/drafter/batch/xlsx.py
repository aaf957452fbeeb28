""".xlsx spreadsheets through openpyxl's read-only (streaming) mode, as hostile input.

- The file is checked as a zip before openpyxl opens it — size, unpacked size, packing ratio
  of every part, encryption — so a zip bomb is refused unopened; openpyxl parses the XML with
  defusedxml (the `xlsx` extra installs both), and any failure inside it on a damaged file is
  a located error, never a traceback.
- **Formulas are never evaluated.** A formula cell gives the result the spreadsheet program
  saved with it (what the user saw); a formula without a saved result (files written by
  scripts) and a cell holding an error (`#N/A`, `#DIV/0!`, also as a formula's result) are
  refused at the cell. Telling formula cells from others takes a second read-only view of the
  sheet (openpyxl gives a formula *or* its result, never both), read in step with the first;
  a quick scan of the package's XML for formula and error cells skips that second view —
  and the second parse of the workbook's text table it costs — when there are none.
- Dates become `YYYY-MM-DD` text (with the time, if any, in ISO form).
"""

from __future__ import annotations

import datetime
import re
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from drafter.batch.sheets import (
    MAX_CELL,
    MAX_COLUMNS,
    MAX_ROWS,
    Cell,
    Place,
    RawRow,
    Table,
    column_letter,
    oversize_cell,
    too_many_rows,
)
from drafter.errors import DrafterError, Location

MAX_UNPACKED = 256 * 1024 * 1024
MAX_RATIO = 100  # packed XML of real workbooks stays far below; zip bombs are far above
INSTALL = "pip install 'drafter[xlsx]'"
EXCEL_ERRORS = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
                          "#GETTING_DATA"))
# a formula element (<f>, <f t="shared" …/>, <x:f>) or an error cell (t="e") in sheet XML
_FORMULA_OR_ERROR = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]|\st\s*=\s*[\"']e[\"']")
_NOT_SHEETS = ("xl/sharedStrings.xml", "xl/styles.xml")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)  # packages may hold no DTD (ECMA-376 Part 2, rule M1.18)


def _bad(display: str, what: str, hint: str = "open and save it again in Excel or LibreOffice") -> DrafterError:
    return DrafterError.at(Location(display), f"cannot read the .xlsx file: {what}", hint=hint)


def check_zip(path: Path, display: str) -> bool:
    """Refuse what is no workbook, or a zip bomb, before any part of it is unpacked; then tell
    whether any sheet may hold a formula or an error cell."""
    try:
        with zipfile.ZipFile(path) as zf:
            total = 0
            infos = zf.infolist()
            for info in infos:
                if info.flag_bits & 0x1:
                    raise _bad(display, "it is encrypted", "save an unprotected copy")
                total += info.file_size
                if info.file_size > 2**20 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
                    raise _bad(display, f"{info.filename} would unpack to {info.file_size:,} bytes "
                               f"from {info.compress_size:,}: refusing a possible zip bomb")
            if total > MAX_UNPACKED:
                raise _bad(display, f"it unpacks to {total:,} bytes (limit {MAX_UNPACKED:,})",
                           "split it into several files")
            found = False
            for info in infos:
                if info.filename.endswith((".xml", ".rels")):
                    found |= _scan(zf, info, display)
            return found
    except zipfile.BadZipFile as exc:
        if "CRC" in str(exc) or "size" in str(exc):
            raise _bad(display, f"a part of it is damaged ({exc})") from None
        raise _bad(display, "it is not an .xlsx (zip) file; an old .xls or a password-protected "
                   "workbook cannot be read", "save it as Excel Workbook (.xlsx) or CSV UTF-8") from None
    except (OSError, EOFError, ValueError, NotImplementedError, zlib.error) as exc:
        raise _bad(display, f"its zip archive cannot be read ({exc})", "check the file") from None


def _scan(zf: zipfile.ZipFile, info: zipfile.ZipInfo, display: str) -> bool:
    """Refuse a DTD in any part; tell whether a sheet part holds a formula or an error cell."""
    tail, found = b"", False
    sheet = info.filename not in _NOT_SHEETS and info.filename.endswith(".xml")
    with zf.open(info) as fh:
        while chunk := fh.read(1 << 20):
            text = tail + chunk
            if _DTD.search(text):
                raise _bad(display, f"{info.filename} holds a document type definition (<!DOCTYPE> or "
                           "<!ENTITY>), which workbooks never need: refusing a possible entity bomb")
            found = found or (sheet and _FORMULA_OR_ERROR.search(text) is not None)
            tail = chunk[-64:]
    return found


class XlsxTable(Table):
    """One sheet of a workbook, read row by row."""

    typed = True

    def __init__(self, path: Path, display: str, sheet: str | None, from_loc: Location,
                 sheet_loc: Location):
        formulas = check_zip(path, display)
        try:
            import defusedxml  # noqa: F401 - openpyxl guards its XML parsing with it when present
            import openpyxl
        except ImportError:
            raise DrafterError.at(from_loc, "reading .xlsx files needs the optional packages openpyxl "
                                  "and defusedxml", hint=f"{INSTALL}, or save the sheet as CSV UTF-8") from None
        self.display = display
        self.books: list[Any] = []
        for only in ((False, True) if formulas else (True,)):  # False: shows which cells are formulas
            self.books.append(self._guard(lambda only=only: openpyxl.load_workbook(
                path, read_only=True, data_only=only, keep_links=False)))
        names = list(self.books[0].sheetnames)
        chosen = sheet if sheet is not None else (names[0] if names else None)
        if chosen not in names:
            self.close()
            from drafter.load.checks import suggest

            raise DrafterError.at(sheet_loc, f"the workbook has no sheet {chosen!r}",
                                  hint=suggest(str(chosen), names, "sheets") or "name one of its sheets")
        self.sheets = [book[chosen] for book in self.books]
        for ws in self.sheets:
            if not hasattr(ws, "reset_dimensions"):
                self.close()
                raise DrafterError.at(sheet_loc, f"{chosen!r} is a chart, not a sheet of cells",
                                      hint="name a sheet that holds the rows")
            ws.reset_dimensions()  # a file's declared size may lie; read what is there
        self.place = Place(display, chosen)

    def _guard(self, step: Any) -> Any:
        """openpyxl on a damaged or hostile file can fail in many ways; each is bad input."""
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return step()
        except DrafterError:
            raise
        except Exception as exc:  # noqa: BLE001 - see the docstring
            self.close()
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise _bad(self.display, f"it is damaged ({type(exc).__name__}: {first})"[:300]) from None

    def close(self) -> None:
        for book in self.books:
            book.close()

    def rows(self) -> Iterator[RawRow]:
        values = self._guard(lambda: self.sheets[-1].iter_rows(values_only=True))
        kinds = self._guard(lambda: self.sheets[0].iter_rows()) if len(self.sheets) == 2 else None
        row = 0
        try:
            while True:
                got = self._guard(lambda: (next(values, None), next(kinds, None) if kinds else None))
                if got[0] is None:
                    return
                row += 1
                if row > MAX_ROWS + 1:
                    raise too_many_rows(self.place, row)
                yield self._row(row, got[0], got[1])
        finally:
            self.close()

    def _row(self, row: int, values: tuple[Any, ...], kinds: tuple[Any, ...] | None) -> RawRow:
        if len(values) > MAX_COLUMNS:
            beyond = next((i for i, v in enumerate(values[MAX_COLUMNS:]) if v is not None), None)
            if beyond is not None:
                raise DrafterError.at(self.place.where(row, MAX_COLUMNS + 1 + beyond),
                                      f"a value beyond column {column_letter(MAX_COLUMNS)}",
                                      hint=f"drafter reads at most {MAX_COLUMNS} columns; remove it")
            values = values[:MAX_COLUMNS]
        cells: list[Cell] = []
        problems: list[tuple[int, str, str]] = []
        for col, value in enumerate(values, 1):
            kind = getattr(kinds[col - 1], "data_type", "n") if kinds and col <= len(kinds) else "n"
            problem = _refused(kind, value)
            if problem is not None:
                problems.append((col, *problem))
                value = None
            value = _plain(value)
            if isinstance(value, str) and len(value) > MAX_CELL:
                raise oversize_cell(self.place, row, col, len(value))
            cells.append(value)
        return RawRow(row, tuple(cells), tuple(problems))


def _refused(kind: str, value: Any) -> tuple[str, str] | None:
    """Why a cell cannot be used, for a formula without a usable result or an error cell."""
    if kind == "f" and value is None:
        return ("a formula with no saved result", "drafter never computes formulas: open and save "
                "the file in Excel or LibreOffice so the results are saved, or paste the values")
    if kind in ("f", "e") and isinstance(value, str) and value in EXCEL_ERRORS:
        return (f"the cell holds the error {value}" if kind == "e" else
                f"the formula's result is the error {value}", "fix it, or type the value")
    return None


def _plain(value: Any) -> Cell:
    """A cell value as drafter reads it: dates as ISO text, nothing but plain scalars."""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
