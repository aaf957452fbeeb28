"""A draft as read from a file: blocks in reading order, with roles, languages and places."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from drafter.errors import Location

Role = Literal["title", "subtitle", "byline", "heading", "body", "clause", "note", "colhead", "annex"]
"""What a block is. Only `body` blocks are paragraphs a trace reports on; `title`, `subtitle`
and `byline` form the masthead; `clause` is the governing-language clause, `note` drafter's
notes explaining its marks, `colhead` the language header of a parallel table, `annex` the
sources annex (table and list)."""

Kind = Literal["docx", "md", "txt"]


@dataclass(frozen=True)
class Block:
    """One paragraph of the file (a table cell's paragraph included)."""

    role: Role
    text: str
    location: Location
    level: int = 0  # heading level, 1 = top
    lang: str = "und"  # detected from the text (see lang.py); "und" when it has no letters
    column: int | None = None  # the column of a two-column (parallel) table
    row: int | None = None  # the table row, numbered through the file
    numbered: bool = False  # started with a paragraph number ("4.", "一、") when read
    hints: tuple[str, ...] = ()  # item ids or citations the file attaches (footnotes, annex)
    tentative: bool = False  # a heading guessed from its shape; a library match makes it `body`
    continued: bool = False  # a drafter continuation line (tab-indented, no number) of the paragraph before


@dataclass(frozen=True)
class Draft:
    """A whole file, read."""

    file: str
    kind: Kind
    blocks: tuple[Block, ...]
    meta: Mapping[str, str] = field(default_factory=dict)  # core properties / front matter
    by_drafter: bool = False  # the file carries drafter's own styles or front matter
    footnotes: Mapping[str, str] = field(default_factory=dict)  # footnote id -> text

    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.role == "body"]
