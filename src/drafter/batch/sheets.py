"""Reading a spreadsheet row by row: CSV with the standard library, .xlsx with openpyxl (xlsx.py).

Spreadsheets come from coalition partners and mail-merge habits, so they are read as hostile
input, and never whole:

- CSV: UTF-8 with or without a byte order mark (anything else is a located error, never a
  guess); the delimiter is whichever of `,`, `;` or a tab the header row uses (Excel writes
  `;` where the decimal separator is a comma); quoted cells may hold line breaks; bad quoting
  is an error, not a silently shifted row. Rows are parsed one at a time from the file.
- .xlsx: checked as a zip before openpyxl opens it (size, unpacked size, packing ratio, so a
  zip bomb is refused unopened), then read in openpyxl's read-only (streaming) mode with
  defusedxml guarding its XML. **Formulas are never evaluated**: a formula cell gives the
  result the spreadsheet program saved with it; one without a saved result (files written by
  scripts) is refused, as is a cell holding an error (`#N/A`). Dates become `YYYY-MM-DD`.
- Every format: at most `MAX_ROWS` rows, `MAX_COLUMNS` columns and `MAX_CELL` characters per
  cell (Excel's own limit); beyond them the file is refused with the row or cell named.

Locations are the cell's row and column as a spreadsheet program numbers them (row 1 is the
header; in a CSV file a row is a record, whatever line breaks its quoted cells hold), shown
as `file:row:col`, or as `file:Sheet1!C7` for .xlsx.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from msgspec import Struct

from drafter.errors import DrafterError, Location

MAX_BYTES = 64 * 1024 * 1024
MAX_ROWS = 100_000  # rows under the header, blank ones included
MAX_COLUMNS = 256
MAX_CELL = 32_767  # characters; Excel cannot hold more in one cell either
SUFFIXES = (".csv", ".xlsx")
_PLAIN_SHEET = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*\Z")

Cell = Any  # str, or for .xlsx also int, float, bool; None for an empty cell


class Place(Struct, frozen=True):
    """Where a spreadsheet's cells are, for located messages."""

    file: str
    sheet: str | None = None  # .xlsx only

    def where(self, row: int, col: int | None = None) -> Location:
        if self.sheet is None:
            return Location(self.file, row, col)
        ref = self.sheet if _PLAIN_SHEET.match(self.sheet) else "'" + self.sheet.replace("'", "''") + "'"
        return Location(self.file, row, col or 1, cell=f"{ref}!{column_letter(col or 1)}{row}")


def column_letter(col: int) -> str:
    """1 -> A, 27 -> AA: how spreadsheet programs name a column."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class RawRow(Struct, frozen=True):
    """One row as read: its number, its cells, and what reading found wrong in them."""

    row: int
    cells: tuple[Cell, ...]
    problems: tuple[tuple[int, str, str], ...] = ()  # (column, message, hint)


class Table:
    """An open spreadsheet: `rows()` yields its rows once, the header first."""

    place: Place
    typed: bool  # cells carry their own types (.xlsx); CSV cells are all text

    def rows(self) -> Iterator[RawRow]:
        raise NotImplementedError


def too_many_rows(place: Place, row: int) -> DrafterError:
    """The error for a spreadsheet with more than `MAX_ROWS` rows, at the row past the limit."""
    return DrafterError.at(place.where(row), f"more than {MAX_ROWS:,} rows under the header",
                           hint="split the spreadsheet into several batch files")


def oversize_cell(place: Place, row: int, col: int | None, size: int | None) -> DrafterError:
    """The error for a cell over `MAX_CELL` characters, at that cell (its size when known)."""
    what = f"{size:,} characters" if size is not None else "far more characters"
    return DrafterError.at(place.where(row, col), f"a cell holds {what}; the limit is {MAX_CELL:,} "
                           "(as in Excel)", hint="move long text into a user library file and `use` it by id")


# -- CSV ---------------------------------------------------------------------------------------

class _Lines:
    """The file's lines decoded as UTF-8, for `csv.reader`; knows which row it is in."""

    def __init__(self, fh: IO[bytes], place: Place):
        self.fh, self.place = fh, place
        self.row = 1
        self.first = True
        self.pushed: str | None = None

    def __iter__(self) -> _Lines:
        return self

    def peek(self) -> str:
        if self.pushed is None:
            self.pushed = self._read()
        return self.pushed

    def __next__(self) -> str:
        if self.pushed is not None:
            line, self.pushed = self.pushed, None
        else:
            line = self._read()
        if not line:
            raise StopIteration
        return line

    def _read(self) -> str:
        raw = self.fh.readline()
        if self.first:
            self.first = False
            if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
                raise DrafterError.at(self.place.where(1), "the file is UTF-16 text",
                                      hint="save it as CSV UTF-8")
            if raw.startswith(b"PK\x03\x04"):
                raise DrafterError.at(self.place.where(1), "the file is a zip archive, not CSV text "
                                      "(an Excel file with a .csv name?)", hint="save it as CSV UTF-8, "
                                      "or name it .xlsx")
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DrafterError.at(self.place.where(self.row), f"the file is not UTF-8 text (byte "
                                  f"0x{raw[exc.start]:02X} in this row)", hint="save it as CSV UTF-8 (Excel: "
                                  "Save As > CSV UTF-8; LibreOffice: character set Unicode (UTF-8))") from None


class CsvTable(Table):
    """A CSV file read row by row (UTF-8, its delimiter taken from the header row)."""
    typed = False

    def __init__(self, path: Path, display: str):
        self.path = path
        self.place = Place(display)

    def rows(self) -> Iterator[RawRow]:
        with open(self.path, "rb") as fh:
            lines = _Lines(fh, self.place)
            header = lines.peek()
            delimiter = max(",;\t", key=header.count) if any(c in header for c in ",;\t") else ","
            reader = csv.reader(lines, delimiter=delimiter, strict=True)
            row = 0
            while True:
                row += 1
                lines.row = row
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    raise self._error(str(exc), row) from None
                if row > MAX_ROWS + 1:
                    raise too_many_rows(self.place, row)
                yield RawRow(row, tuple(self._checked(cells, row)))

    def _checked(self, cells: list[str], row: int) -> list[str]:
        for col, text in enumerate(cells[:MAX_COLUMNS + 1], 1):
            if len(text) > MAX_CELL:
                raise oversize_cell(self.place, row, col, len(text))
        return cells

    def _error(self, message: str, row: int) -> DrafterError:
        where = self.place.where(row)
        if "field limit" in message:
            return oversize_cell(self.place, row, None, None)
        if "end of data" in message:
            return DrafterError.at(where, "a quote opened in this row is never closed",
                                   hint="close the quote; a quote inside a quoted cell is written twice (\"\")")
        if "expected after" in message:
            return DrafterError.at(where, "a quote in the middle of a quoted cell",
                                   hint="write a quote inside a quoted cell twice (\"\"), or quote the whole cell")
        if "new-line" in message:
            return DrafterError.at(where, "a line break (CR) inside an unquoted cell",
                                   hint="save the file with Windows or Unix line endings, or quote the cell")
        return DrafterError.at(where, f"unreadable CSV: {message}", hint="save it again as CSV UTF-8")
