"""Variants from a spreadsheet: one per row, kept on disk, rebuilt from their number.

`variants: {from: signatories.csv}` makes every data row of a CSV or .xlsx file a variant
(docs/batch.md). Decisions a user sees:

- the header names the columns: `name` (required, unique) and dotted spec paths, checked by
  the one path check every override goes through (`overrides.path_problem`, with its
  did-you-mean); a bad header stops the batch, every problem located at row 1;
- a cell is read as a `set` value would be, but a spreadsheet is not YAML: an empty cell
  leaves the base spec's value; `null` (or `~`) removes the key; a cell that starts with `[`
  and ends with `]` (or `{` … `}`) is a list or mapping in YAML flow style, and one that
  starts and ends with the same quote is quoted YAML text, both read by the project's safe
  loader; in CSV `true`/`false` and plain decimal numbers are typed; everything else is the
  text as written, spaces and line breaks around it dropped (.xlsx cells keep their own type);
- what is wrong with a row (a bad cell, no name, a name another row has — then both rows)
  makes that row's variant invalid: it is reported at the cell and skipped, the other rows are
  still rendered; blank rows are not variants;
- memory stays flat however many rows: rows are streamed from the file into an unnamed
  temporary file in blocks of `BLOCK`, and only the blocks' offsets (8 bytes per block) stay in
  memory. Any process rebuilds the variant of a row from its number — worker processes share
  the file and read it by offset (`os.pread`), so nothing is sent to them but numbers. Repeated
  names are found with the survey's fixed-size hash filter and a second pass over the file.
"""

from __future__ import annotations

import functools
import json
import os
import tempfile
import threading
import weakref
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, overload

from msgspec import Struct

from drafter.batch.hashfilter import Filter, hash64
from drafter.batch.naming import scalar_text
from drafter.batch.sheets import MAX_COLUMNS, MAX_ROWS, Cell, Place, RawRow, Table, column_letter
from drafter.batch.tables import open_table
from drafter.batch.variants import MAX_NAME, Axis, Override, Rebase, VariantDef
from drafter.errors import DrafterError, Location, Problem
from drafter.load.checks import Checker, closest, describe, dotted
from drafter.load.yaml import YamlDoc, loads, plain_scalar
from drafter.spec.overrides import SCHEMA, Parts, overlaps, path_problem

BLOCK = 64
NULLS = frozenset(("null", "Null", "NULL", "~"))
_UNSET = object()  # an empty cell: the base spec's value stays
_read_lock = threading.Lock()


class Column(Struct, frozen=True):
    """One spreadsheet column: where it is and the spec path its cells set."""

    index: int  # 0-based position in the row
    path: str
    parts: Parts


def load_rows(ck: Checker, raw: Any, folder: Path, theme_keys: Sequence[str], rebase: Rebase,
              axes: Sequence[Axis]) -> RowVariants | None:
    """The variants of `variants: {from: …, sheet: …}`; problems go to `ck`."""
    m = ck.mapping(raw, ("variants",), required=("from",), optional=("sheet",))
    if m is None or "from" not in m:
        return None
    source, sheet = m["from"], m.get("sheet")
    if not ck.typed(source, ("variants", "from"), str, "the path of a .csv or .xlsx file") or \
            ("sheet" in m and not ck.typed(sheet, ("variants", "sheet"), str, "a sheet name")):
        return None
    path = folder / source
    if not os.path.lexists(path):
        ck.error(("variants", "from"), f"spreadsheet {source!r} not found (looked at {path})",
                 "the path is relative to the batch file")
        return None
    try:
        table = open_table(path, str(path), sheet, ck.doc.loc(("variants", "from")),
                           ck.doc.loc(("variants", "sheet")))
        return RowVariants(table, path, source, theme_keys, rebase, axes)
    except DrafterError as exc:
        ck.problems.extend(exc.problems)
        return None


def _header(header: RawRow, place: Place, theme_keys: Sequence[str],
            axes: Sequence[Axis]) -> tuple[int, tuple[Column, ...]]:
    """The name column and the path columns; `DrafterError` with every header problem."""
    problems: list[Problem] = []
    name_col: int | None = None
    columns: list[Column] = []
    seen: dict[str, int] = {}
    if len(header.cells) > MAX_COLUMNS:
        problems.append(Problem(place.where(1, MAX_COLUMNS + 1), f"more than {MAX_COLUMNS} columns",
                                hint="split the spreadsheet, or remove columns drafter does not need"))
    for j, cell in enumerate(header.cells[:MAX_COLUMNS]):
        loc = place.where(1, j + 1)
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        if not isinstance(cell, str):
            problems.append(Problem(loc, f"a column name must be text, got {describe(cell)}",
                                    hint="write name or a dotted spec path like submission.layout"))
            continue
        text = cell.strip()
        if text in seen:
            problems.append(Problem(loc, f"column {text!r} appears twice (also column "
                                    f"{column_letter(seen[text])})", hint="keep one of them"))
            continue
        seen[text] = j + 1
        if text == "name":
            name_col = j
            continue
        parts, problem = path_problem(text, theme_keys)
        if parts is None:
            assert problem is not None
            message, hint = problem
            best = ("name" if text.lower() == "name" else closest(text, ("name", *SCHEMA))) \
                if "." not in text and "[" not in text else None
            problems.append(Problem(loc, message, hint=f"did you mean {best!r}?" if best else hint))
            continue
        clash = next((c for c in columns if overlaps(c.parts, parts)), None)
        axis = next((a for a in axes if overlaps(a.parts, parts)), None)
        if clash is not None:
            problems.append(Problem(loc, f"{dotted(parts)!r} overlaps column {clash.path!r} "
                                    f"({column_letter(clash.index + 1)})", hint="set each place once"))
        elif axis is not None:
            problems.append(Problem(loc, f"{dotted(parts)!r} is also varied by the matrix ({axis.path!r})",
                                    hint="let the matrix vary it, or remove it from the matrix"))
        else:
            columns.append(Column(j, dotted(parts), parts))
    if name_col is None and "name" not in seen:
        problems.append(Problem(place.where(1, 1), "the header has no `name` column",
                                hint="add a column named name: each row's variant name, used in file names"))
    if problems:
        raise DrafterError(problems)
    assert name_col is not None
    return name_col, tuple(columns)


class _Store:
    """Rows in an unnamed temporary file, `BLOCK` to a JSON line; only offsets in memory."""

    def __init__(self) -> None:
        self.fh = tempfile.TemporaryFile(prefix="drafter-rows-")  # noqa: SIM115 - closed by the finalizer
        weakref.finalize(self, self.fh.close)
        self.offsets = array("Q", [0])
        self.pending: list[Any] = []
        self.count = 0

    def add(self, entry: list[Any]) -> None:
        self.pending.append(entry)
        self.count += 1
        if len(self.pending) == BLOCK:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            data = (json.dumps(self.pending, ensure_ascii=False, separators=(",", ":")) + "\n")
            raw = data.encode("utf-8", "surrogatepass")
            self.fh.write(raw)
            self.offsets.append(self.offsets[-1] + len(raw))
            self.pending = []
        self.fh.flush()

    def block(self, number: int) -> list[Any]:
        start, end = self.offsets[number], self.offsets[number + 1]
        data = _read_at(self.fh, end - start, start)
        return list(json.loads(data.decode("utf-8", "surrogatepass")))

    def __iter__(self) -> Iterator[list[Any]]:
        for number in range(len(self.offsets) - 1):
            yield from self.block(number)


def _read_at(fh: Any, size: int, offset: int) -> bytes:
    """Read without moving a shared file position: forked workers share this file."""
    if hasattr(os, "pread"):
        chunks = []
        while size > 0:
            chunk = os.pread(fh.fileno(), size, offset)
            if not chunk:
                break
            chunks.append(chunk)
            size -= len(chunk)
            offset += len(chunk)
        return b"".join(chunks)
    with _read_lock:  # Windows: no pread, but no fork either; each process has its own file
        fh.seek(offset)
        return bytes(fh.read(size))


class _CellDoc(YamlDoc, kw_only=True):
    """Lets the shared `Checker` report a problem of one cell at that cell."""

    where: Location

    def loc(self, path: tuple[Any, ...] = (), *, key: bool = False) -> Location:
        return self.where


def _name_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, str):
        return cell.strip()
    return scalar_text(cell) or ""


def _cell(cells: tuple[Cell, ...], index: int) -> Cell:
    return cells[index] if index < len(cells) else None


def _blank(cells: tuple[Cell, ...]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


class RowVariants(Sequence[VariantDef]):
    """The variants of a spreadsheet, one per non-blank row, each rebuilt when asked for."""

    def __init__(self, table: Table, path: Path, written: str, theme_keys: Sequence[str],
                 rebase: Rebase, axes: Sequence[Axis]):
        self.path, self.written, self.rebase = path, written, rebase
        self.place, self.typed = table.place, table.typed
        self.sheet = table.place.sheet
        rows = table.rows()
        header = next(rows, None)
        if header is None or _blank(header.cells):
            raise DrafterError.at(self.place.where(1), "the first row is empty: it must name the columns",
                                  hint="write name, then dotted spec paths like submission.submitter.en")
        self.name_col, self.columns = _header(header, self.place, theme_keys, axes)
        self.paths = {c.index + 1: c.path for c in self.columns}  # 1-based column -> its path
        self.store = _Store()
        names = self._read(rows, len(header.cells))
        if not self.store.count:
            raise DrafterError.at(self.place.where(2), "no rows under the header",
                                  hint="add one row per variant")
        self.dupes = self._repeats(names.suspects) if names.suspects else {}
        self._cache: tuple[int, list[Any]] = (-1, [])  # the last block read
        self._last: tuple[int, VariantDef | None] = (-1, None)  # the last variant built

    def _read(self, rows: Iterator[RawRow], width: int) -> Filter:
        """Stream the data rows into the store; return the filter of their names' hashes."""
        named = {c.index for c in self.columns} | {self.name_col}
        names = Filter(MAX_ROWS)
        for raw in rows:
            cells = raw.cells
            if _blank(cells):
                continue
            problems = list(raw.problems)
            stray = next((j for j, c in enumerate(cells) if j not in named and not _blank((c,))), None)
            if stray is not None:
                problems.append((stray + 1, "a value in a column with no name in the header" +
                                 (" (a comma or semicolon in a text that is not quoted?)" if stray >= width else ""),
                                 "name the column in row 1, or remove the value"))
            name = _cell(cells, self.name_col)
            if _name_text(name):
                names.add(hash64(_name_text(name)))
            self.store.add([raw.row, name, [_cell(cells, c.index) for c in self.columns], problems])
        self.store.flush()
        return names

    def _repeats(self, suspects: set[int]) -> dict[int, tuple[str, tuple[int, ...]]]:
        """Row -> (its name, every row with that name), for the names that really repeat."""
        rows: dict[str, list[int]] = {}
        for row, name, _, _ in self.store:
            text = _name_text(name)
            if text and hash64(text) in suspects:
                rows.setdefault(text, []).append(row)
        out: dict[int, tuple[str, tuple[int, ...]]] = {}
        for text, found in rows.items():
            if len(found) > 1:
                for row in found:
                    out[row] = (text, tuple(found[:10]))
        return out

    def __len__(self) -> int:
        return self.store.count

    @overload
    def __getitem__(self, index: int) -> VariantDef: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[VariantDef]: ...

    def __getitem__(self, index: int | slice) -> VariantDef | Sequence[VariantDef]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not 0 <= index < len(self):
            raise IndexError(index)
        last = self._last[1]
        if self._last[0] == index and last is not None:  # with a matrix, a row is asked for per cell
            return last
        number, at = divmod(index, BLOCK)
        if self._cache[0] != number:
            self._cache = (number, self.store.block(number))
        built = self._build(*self._cache[1][at])
        self._last = (index, built)
        return built

    def _build(self, row: int, name_cell: Cell, cells: list[Cell],
               read: list[list[Any]]) -> VariantDef:
        where = self.place.where
        problems = [Problem(where(row, col), message, path=self.paths.get(col, ""), hint=hint)
                    for col, message, hint in read]
        name_loc = where(row, self.name_col + 1)
        name = self._name(name_cell, name_loc, problems)
        if row in self.dupes:
            text, rows = self.dupes[row]
            shown = (f"{', '.join(str(r) for r in rows[:-1])} and {rows[-1]} are "
                     f"{'both' if len(rows) == 2 else 'all'}" if len(rows) < 10 else
                     f"{', '.join(str(r) for r in rows)} and more are all")
            problems.append(Problem(name_loc, f"rows {shown} named {text!r}", path="name",
                                    hint="give each row its own name; these rows are skipped"))
        overrides = []
        for column, raw in zip(self.columns, cells, strict=True):
            loc = where(row, column.index + 1)
            value = read_cell(raw, self.typed, loc, column.path, problems)
            if value is not _UNSET:
                overrides.append(Override(column.path, column.parts,
                                          self.rebase.applied(column.parts, value), value, None, loc))
        return VariantDef(name or f"(row {row})", tuple(overrides), name_loc, row, tuple(problems))

    @staticmethod
    def _name(cell: Cell, where: Location, problems: list[Problem]) -> str | None:
        ck = Checker(_CellDoc(where.file, None, where=where))
        text = ck.text(_name_text(cell), ("name",), limit=MAX_NAME)
        if text is None and not _name_text(cell):
            ck.problems = [Problem(where, "the row has no name", path="name",
                                   hint="write the variant's name; it names the row's files")]
        problems.extend(ck.problems)
        return text


@functools.lru_cache(maxsize=128)
def _yaml(text: str) -> Any:
    """A cell's YAML value. Cells repeat (`[en, zh]` in most rows), so values are cached and
    shared between variants, as a matrix value is: nothing changes override values."""
    return loads(text, "cell").data


def read_cell(raw: Cell, typed: bool, where: Location, path: str, problems: list[Problem]) -> Any:
    """A cell's value as an override (`_UNSET` for an empty cell); problems go to `problems`."""
    if raw is None:
        return _UNSET
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    if not text:
        return _UNSET
    if text in NULLS:
        return None
    if (text[0], text[-1]) in (("[", "]"), ("{", "}")) or \
            (len(text) > 1 and text[0] == text[-1] and text[0] in "'\""):
        try:
            return _yaml(text)
        except DrafterError as exc:
            for p in exc.problems:
                at = p.location
                inside = (f"line {at.line}, character {at.col}" if (at.line or 1) > 1 else
                          f"character {at.col}") if at.col else ""
                problems.append(Problem(where, p.message + (f" (at {inside} of the cell)" if inside else ""),
                                        path=path, hint=p.hint))
            return _UNSET
    return text if typed else plain_scalar(text)
