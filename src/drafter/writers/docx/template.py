"""What every DOCX render needs from one reference document (`Template`), as plain data.

Kept apart from `reference.py`, which reads and sanitises reference documents with lxml, so
that a render from the cached bundled template (`bundled.py`) imports none of that.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from drafter import paths
from drafter.writers.docx.archive import ZipEntry
from drafter.writers.docx.numbering import ReferenceLists

if TYPE_CHECKING:
    from drafter.writers.docx.foreign import Rel


class Template(Struct, frozen=True):
    """What every render needs from one reference document."""

    main_part: str  # e.g. "word/document.xml"
    entries: tuple[ZipEntry, ...]  # parts copied as they are
    defaults: tuple[tuple[str, str], ...]  # content types by extension
    overrides: Mapping[str, str]  # "/part" -> content type, for the copied parts and the main part
    main_rels: tuple[Rel, ...]  # kept relationships of the main part
    root_rels: tuple[Rel, ...]  # kept package relationships other than main, core, app
    sect_pr_inner: str  # final section's children, with the reference's own header/footer refs
    sect_pr_title: str  # the same with `w:titlePg` (a title page without the running header)
    own_parts: frozenset[str]  # "header", "footer": what the reference brings (letterhead), kept
    text_width: int  # twips between the margins
    styles: Mapping[str, str]  # logical style -> style id in this document
    header_tabs: tuple[int, ...]  # tab stops of the header style, cleared in generated headers
    footnotes_part: str | None  # existing footnotes part, replaced when drafter writes footnotes
    footnotes_entry: ZipEntry | None  # its bytes, copied when drafter writes none
    footnote_separators: str  # the separator notes to keep (Word's settings may point at them)
    footnote_first_id: int
    implicit_lang: str  # a language runs may leave unstated; "" (every run states its language)
    warnings: tuple[str, ...] = ()  # what was dropped or repaired (foreign.py), for the user
    numbering_part: str | None = None  # the reference's numbering part, rewritten with drafter's lists
    lists: ReferenceLists = ReferenceLists()  # the lists it already holds (a house style's)


def bundled_reference() -> Path:
    """The reference document drafter ships (built by scripts/build_reference_doc.py)."""
    return paths.templates_dir() / "reference.docx"
