"""A draft as read from a file: blocks in reading order, with roles, languages and places."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Literal

from msgspec import Struct, field

from drafter.errors import Location, Problem

Role = Literal["title", "subtitle", "byline", "heading", "body", "clause", "note", "colhead", "annex", "masthead"]
"""What a block is. Only `body` blocks are paragraphs a trace reports on; `title`, `subtitle`
and `byline` form the title block; `masthead` is the rest of drafter's frame around the text
(symbol, date, "Original: …", agenda item, a letter's UN title and its "(Signed)" block);
`clause` is the governing-language clause, `note` drafter's notes explaining its marks,
`colhead` the language header of a parallel table, `annex` the sources annex (table and
list)."""

Kind = Literal["docx", "md", "txt"]

MAX_PARAGRAPH_CHARS = 50_000  # characters: a longer "paragraph" is not a paragraph of a draft


class Block(Struct, frozen=True):
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


class Draft(Struct, frozen=True):
    """A whole file, read."""

    file: str
    kind: Kind
    blocks: tuple[Block, ...]
    meta: Mapping[str, str] = field(default_factory=dict)  # core properties / front matter
    by_drafter: bool = False  # the file carries drafter's own styles or front matter
    footnotes: Mapping[str, str] = field(default_factory=dict)  # footnote id -> text

    def body(self) -> list[Block]:
        return [b for b in self.blocks if b.role == "body"]


class Para(Struct):
    """One paragraph `drafter import` found: a library item (maybe edited) or new text."""

    use: str | None
    text: dict[str, str]
    where: Location
    attributed: bool = False  # drafter's attributed quotation ("As stated by China: “…”")


class Outline(Struct):
    """What `drafter import` recovered of a draft, before it is written out as a spec."""

    langs: tuple[str, ...]
    layout: str
    preamble: list[Para] = field(default_factory=list)
    themes: dict[str, dict[str, list[Para]]] = field(default_factory=dict)
    closing: list[Para] = field(default_factory=list)
    governing: str | None = None
    notes: list[Problem] = field(default_factory=list)


class Imported(Struct, frozen=True):
    """What `drafter import` made of a draft: the spec's YAML, notes on what was guessed, a summary."""

    yaml: str
    notes: tuple[Problem, ...]
    summary: str
    # more files to write beside the output (the XLIFF importer's companion spec), built once the
    # output path is known; they are written before the output, after every check passed
    companions: Callable[[Path], tuple[tuple[Path, bytes], ...]] | None = None
