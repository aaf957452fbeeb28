"""What a batch's variants are made of: overrides, listed variants, matrix axes, and the
expanded `Variant` a worker applies; shared by the batch file's plan and its spreadsheet rows.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from msgspec import Struct

from drafter.errors import Location, Problem
from drafter.spec import fields
from drafter.spec.overrides import REMOVE, Parts

MAX_NAME = 500
_PATH_VALUED: frozenset[Parts] = fields.path_valued()  # relative to the spec, so rebased


class Override(Struct, frozen=True):
    """One `path: value` of a variant's `set` or one value of a matrix key."""

    path: str
    parts: Parts
    value: Any  # what is applied: REMOVE for null on a key, paths rebased on the base spec
    written: Any  # what the batch file says (for the manifest)
    target: Parts | None  # where the value is in the batch file; None: all of it is at `location`
    location: Location  # where the override's key is in the batch file (or its spreadsheet cell)


class VariantDef(Struct, frozen=True):
    """One listed variant, or one row of a spreadsheet (`row`, and what is wrong with it)."""

    name: str
    overrides: tuple[Override, ...]
    location: Location
    row: int | None = None
    problems: tuple[Problem, ...] = ()


class Axis(Struct, frozen=True):
    """One matrix key: its choices (as overrides) and the name fragment of each."""

    path: str
    parts: Parts
    choices: tuple[Override, ...]
    fragments: tuple[str, ...]


class Variant(Struct, frozen=True):
    """One expanded variant: what the manifest records and what the worker applies."""

    index: int
    name: str
    overrides: tuple[Override, ...]
    location: Location
    row: int | None = None  # its row in the spreadsheet the variants come from
    problems: tuple[Problem, ...] = ()  # why it cannot be made (found in its spreadsheet row)


class Rebase:
    """Paths written in the batch file are relative to it; the spec reads them from the base."""

    def __init__(self, batch_folder: Path, base_folder: Path):
        self.batch_folder = batch_folder
        self.base_folder = base_folder

    def one(self, value: Any) -> Any:
        if not isinstance(value, str) or os.path.isabs(value):
            return value
        try:
            return os.path.relpath(self.batch_folder / value, self.base_folder)
        except ValueError:  # another drive on Windows
            return str((self.batch_folder / value).resolve())

    def applied(self, parts: Parts, value: Any) -> Any:
        """What an override applies: REMOVE for null on a key, paths rebased on the base spec."""
        return REMOVE if value is None and isinstance(parts[-1], str) else self(parts, value)

    def __call__(self, parts: Parts, value: Any) -> Any:
        if parts in _PATH_VALUED:
            return [self.one(v) for v in value] if isinstance(value, list) else self.one(value)
        if len(parts) == 2 and parts[0] == "libraries" and isinstance(parts[1], int):
            return self.one(value)
        return value
